import type { PointsModel, ScoreEffect } from "./points-model.js";
import type { LeadScore } from "./score-explanation.js";

/**
 * What a model's thresholds and scales say about a score.
 *
 * @example
 * ```ts
 * import { classifyScore, compilePointsModel, DEFAULT_POINTS_MODEL, type ScoreClassification, scoreLead } from "leadkit/scoring";
 *
 * const score = scoreLead(compilePointsModel(DEFAULT_POINTS_MODEL), lead, now);
 * const c: ScoreClassification = classifyScore(DEFAULT_POINTS_MODEL, score);
 * c.labels; // e.g. { temperature: "warm" }, from the model's bands
 * ```
 * @category Scoring
 */
export interface ScoreClassification {
  /** The fit × engagement grade (e.g. `"A1"`), when the model defines one. */
  readonly grade?: string;
  /** Each label scale's label, by scale id. */
  readonly labels: Readonly<Record<string, string>>;
  /** The effects of every threshold reached, in the model's order. */
  readonly effects: readonly ScoreEffect[];
  /** The ids of the thresholds reached, in the model's order. */
  readonly thresholds: readonly string[];
}

function band(bands: readonly { readonly atLeast: number; readonly label: string }[], value: number): string {
  for (const b of bands) if (value >= b.atLeast) return b.label;
  return bands.at(-1)?.label ?? "";
}

/**
 * Maps a score to the model's labels, grade and threshold effects. Effects are returned as data
 * (e.g. hand off to sales, suggest the move to potential client); the caller performs them.
 *
 * @param model - The model that produced the score.
 * @param score - A score from {@link scoreLead}: its total and group values.
 * @returns The {@link ScoreClassification}.
 * @example
 * ```ts
 * import { classifyScore, compilePointsModel, DEFAULT_POINTS_MODEL, scoreLead } from "leadkit/scoring";
 *
 * declare function notifySales(lead: import("leadkit").Lead): void;
 * const scorer = compilePointsModel(DEFAULT_POINTS_MODEL);
 * const { grade, effects } = classifyScore(scorer.definition, scoreLead(scorer, lead, now));
 * if (effects.some((e) => e.kind === "hand_off_to_sales")) notifySales(lead);
 * ```
 * @category Scoring
 */
export function classifyScore(
  model: PointsModel,
  score: Pick<LeadScore, "value" | "groups">,
): ScoreClassification {
  const read = (group: string | undefined) =>
    group === undefined ? score.value : (score.groups[group] ?? 0);
  const labels: Record<string, string> = {};
  for (const scale of model.labels ?? []) labels[scale.id] = band(scale.bands, read(scale.group));
  const reached = (model.thresholds ?? []).filter((t) => read(t.group) >= t.atLeast);
  const grade =
    model.grade === undefined
      ? undefined
      : band(model.grade.fit.bands, read(model.grade.fit.group)) +
        band(model.grade.engagement.bands, read(model.grade.engagement.group));
  return {
    ...(grade === undefined ? {} : { grade }),
    labels,
    effects: reached.map((t) => t.effect),
    thresholds: reached.map((t) => t.id),
  };
}
