import type { Lead } from "../../model/index.js";
import { classifyScore } from "./classify-score.js";
import { type CompiledPointsModel, compiledPointsModelOf } from "./compile-points-model.js";
import type { ScoreEffect } from "./points-model.js";
import { recordLeadScore } from "./score-override.js";

/**
 * How one model's score of a lead changed: the value stored before, the new value, and the
 * thresholds this change newly crossed.
 *
 * @example
 * ```ts
 * import { compilePointsModel, DEFAULT_POINTS_MODEL, rescoreLead, type ScoreChange } from "leadkit/scoring";
 *
 * const crossed = (change: ScoreChange) => change.thresholds.length > 0;
 * const { changes } = rescoreLead(lead, [compilePointsModel(DEFAULT_POINTS_MODEL)], { now });
 * changes.filter(crossed).map((c) => `${c.modelId}: ${c.from} → ${c.to}`);
 * ```
 * @category Scoring
 */
export interface ScoreChange {
  /** The model. */
  readonly modelId: string;
  /** The automated value the lead had stored, or `null` when it had none from this model. */
  readonly from: number | null;
  /** The new automated value. */
  readonly to: number;
  /** Ids of the thresholds newly crossed, in the model's order (see {@link rescoreLead}). */
  readonly thresholds: readonly string[];
}

/**
 * Options of {@link rescoreLead}.
 *
 * @example
 * ```ts
 * import { compilePointsModel, DEFAULT_POINTS_MODEL, type RescoreLeadOptions, rescoreLead } from "leadkit/scoring";
 *
 * // The lead as it was before the new interaction: thresholds crossed since then become effects.
 * declare const leadBeforeTheInteraction: import("leadkit").Lead;
 * const options: RescoreLeadOptions = { now, previous: leadBeforeTheInteraction };
 * rescoreLead(lead, [compilePointsModel(DEFAULT_POINTS_MODEL)], options).effects;
 * ```
 * @category Scoring
 */
export interface RescoreLeadOptions {
  /** The present: the scores' time and the models' reference for windows and decay. */
  readonly now: Date;
  /**
   * The lead before the change being scored (e.g. before a new interaction), to tell which group
   * thresholds it had already reached; left out, no group threshold counts as reached before.
   */
  readonly previous?: Lead;
}

/**
 * The outcome of {@link rescoreLead}.
 *
 * @example
 * ```ts
 * import { compilePointsModel, DEFAULT_POINTS_MODEL, rescoreLead } from "leadkit/scoring";
 *
 * const { lead: rescored, scores, changes, effects } = rescoreLead(lead, [compilePointsModel(DEFAULT_POINTS_MODEL)], { now });
 * console.log(rescored.version, scores, changes, effects);
 * ```
 * @category Scoring
 */
export interface LeadRescored {
  /** The lead with every model's score recorded (overrides kept) and `add_tag` effects applied. */
  readonly lead: Lead;
  /** Each model's new automated value, by model id. */
  readonly scores: Readonly<Record<string, number>>;
  /** The models whose stored value changed or that crossed thresholds, in the order given. */
  readonly changes: readonly ScoreChange[];
  /**
   * The effects of every threshold newly crossed, in model order. `add_tag` effects are already
   * applied to `lead`; the others (hand off to sales, suggest a transition, notify, custom) are for
   * the caller to perform.
   */
  readonly effects: readonly ScoreEffect[];
}

/**
 * Scores a lead with several models, records the scores on it, and tells which thresholds the
 * change newly crossed — the scoring step of every service operation that changes a lead.
 *
 * @remarks
 * A threshold on the total is newly crossed when the new value reaches it and the value stored on
 * the lead before did not (a lead without a stored score from the model reached none). A threshold
 * on a group is newly crossed when the new group value reaches it and the same model, scoring
 * `options.previous` at the same `now`, did not (group values are not stored). So re-scoring a lead
 * whose total already passed a threshold never repeats its effect, and decay alone never crosses a
 * threshold upwards. `add_tag` effects of newly crossed thresholds add their tag (once).
 *
 * @param lead - The lead to score, with the scores stored before the change; not modified.
 * @param models - The compiled models, e.g. `[compilePointsModel(DEFAULT_POINTS_MODEL)]`.
 * @param options - `now`, and the lead before the change when group thresholds matter.
 * @returns The scored lead, the values, the changes and the effects of newly crossed thresholds.
 * @example
 * ```ts
 * import { compilePointsModel, DEFAULT_POINTS_MODEL, rescoreLead } from "leadkit/scoring";
 *
 * declare const click: import("leadkit").Interaction;
 * declare function notifySales(lead: import("leadkit").Lead): void;
 * const withClick = { ...lead, interactions: [...lead.interactions, click] };
 * const rescored = rescoreLead(withClick, [compilePointsModel(DEFAULT_POINTS_MODEL)], { now, previous: lead });
 * if (rescored.effects.some((e) => e.kind === "hand_off_to_sales")) notifySales(rescored.lead);
 * ```
 * @category Scoring
 */
export function rescoreLead(
  lead: Lead,
  models: readonly CompiledPointsModel[],
  options: RescoreLeadOptions,
): LeadRescored {
  const { now, previous } = options;
  let next = lead;
  const scores: Record<string, number> = {};
  const changes: ScoreChange[] = [];
  const effects: ScoreEffect[] = [];
  for (const given of models) {
    const compiled = compiledPointsModelOf(given);
    const model = compiled.definition;
    const score = compiled.score(lead, now);
    const stored = Object.hasOwn(lead.scores, model.id) ? (lead.scores[model.id]?.value ?? null) : null;
    const before = previous === undefined ? null : compiled.score(previous, now);
    const reached = classifyScore(model, score);
    const crossed: string[] = [];
    (model.thresholds ?? []).forEach((threshold) => {
      if (!reached.thresholds.includes(threshold.id)) return;
      const wasReached =
        threshold.group === undefined
          ? stored !== null && stored >= threshold.atLeast
          : before !== null && (readGroup(before.groups, threshold.group) ?? 0) >= threshold.atLeast;
      if (wasReached) return;
      crossed.push(threshold.id);
      effects.push(threshold.effect);
    });
    Object.defineProperty(scores, model.id, {
      value: score.value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
    next = recordLeadScore(next, model.id, score.value, now);
    if (stored !== score.value || crossed.length > 0)
      changes.push({ modelId: model.id, from: stored, to: score.value, thresholds: crossed });
  }
  const tags = effects.flatMap((e) => (e.kind === "add_tag" ? [e.tag] : []));
  const added = [...new Set(tags)].filter((tag) => !next.tags.includes(tag));
  if (added.length > 0) next = { ...next, tags: [...next.tags, ...added] };
  return { lead: next, scores, changes, effects };
}

function readGroup(groups: Readonly<Record<string, number>>, id: string): number | undefined {
  return Object.hasOwn(groups, id) ? groups[id] : undefined;
}
