import { err, issue, ok, type Result } from "../../internal/index.js";
import type { Lead, ScoreEntry } from "../../model/index.js";

/**
 * A manual override: the value a person decided on, why, who, and when.
 *
 * @example
 * ```ts
 * import { type ScoreOverride, setScoreOverride } from "leadkit/scoring";
 *
 * const override: ScoreOverride = { value: 90, reason: "Met at the fair; budget confirmed", by: "u-ana", at: now };
 * const overridden = setScoreOverride(lead, "default", override);
 * if (!overridden.ok) console.log(overridden.issues[0]?.message); // e.g. the lead has no "default" score yet
 * ```
 * @category Scoring
 */
export interface ScoreOverride {
  /** The value to use instead of the automated score, within 0–100. */
  readonly value: number;
  /** Why the automated score was overridden; required. */
  readonly reason: string;
  /** Who overrode it. */
  readonly by: string;
  /** When. */
  readonly at: Date;
}

/**
 * The score to act on for one model: the override when there is one, else the automated value.
 *
 * @example
 * ```ts
 * import { type EffectiveScore, effectiveScore } from "leadkit/scoring";
 *
 * const shown: EffectiveScore | null = effectiveScore(lead, "default");
 * if (shown?.source === "override") console.log(`${shown.value} (set by hand; the model says ${shown.automated})`);
 * ```
 * @category Scoring
 */
export interface EffectiveScore {
  /** The value to act on. */
  readonly value: number;
  /** Whether it comes from a person's override or from the model. */
  readonly source: "override" | "automated";
  /** The model's own value, always kept and updated beside any override. */
  readonly automated: number;
}

function withEntry(lead: Lead, modelId: string, entry: ScoreEntry): Lead {
  return { ...lead, scores: { ...lead.scores, [modelId]: entry } };
}

/**
 * Records a model's automated score on a lead, keeping any manual override beside it.
 *
 * @param lead - The lead (not modified).
 * @param modelId - The model that produced the score.
 * @param value - The automated value, within 0–100.
 * @param at - When it was computed.
 * @returns A new lead with `scores[modelId]` updated.
 * @example
 * ```ts
 * import { compilePointsModel, DEFAULT_POINTS_MODEL, recordLeadScore, scoreLead } from "leadkit/scoring";
 *
 * const scored = recordLeadScore(lead, "default", scoreLead(compilePointsModel(DEFAULT_POINTS_MODEL), lead, now).value, now);
 * ```
 * @category Scoring
 */
export function recordLeadScore(lead: Lead, modelId: string, value: number, at: Date): Lead {
  const override = lead.scores[modelId]?.override;
  return withEntry(lead, modelId, { value, at, ...(override === undefined ? {} : { override }) });
}

/**
 * Overrides a model's score on a lead by hand, with a reason; the automated value stays beside it.
 *
 * @param lead - The lead (not modified).
 * @param modelId - The model whose score is overridden; the lead must have a score from it.
 * @param override - The value, reason, author and time.
 * @returns The new lead, or issues: `score_missing`, `invalid_override_value`, `override_reason_required`.
 * @example
 * ```ts
 * import { setScoreOverride } from "leadkit/scoring";
 *
 * declare function save(lead: import("leadkit").Lead): void;
 * const r = setScoreOverride(lead, "default", { value: 90, reason: "Budget confirmed", by: "u-ana", at: now });
 * if (r.ok) save(r.value);
 * ```
 * @category Scoring
 */
export function setScoreOverride(lead: Lead, modelId: string, override: ScoreOverride): Result<Lead> {
  const entry = lead.scores[modelId];
  const problems = [];
  if (entry === undefined)
    problems.push(
      issue(
        "score_missing",
        ["scores", modelId],
        `Lead "${lead.id}" has no score from model "${modelId}"; record one with recordLeadScore first`,
      ),
    );
  if (!(override.value >= 0 && override.value <= 100))
    problems.push(
      issue(
        "invalid_override_value",
        ["override", "value"],
        `Override value ${override.value} is outside 0–100`,
      ),
    );
  if (override.reason.trim().length === 0)
    problems.push(
      issue(
        "override_reason_required",
        ["override", "reason"],
        "An override needs a reason a colleague can read",
      ),
    );
  if (entry === undefined || problems.length > 0) return err(problems);
  return ok(withEntry(lead, modelId, { ...entry, override: { ...override } }));
}

/**
 * Removes the manual override of a model's score, leaving the automated value.
 *
 * @param lead - The lead (not modified).
 * @param modelId - The model whose override is removed.
 * @returns A new lead without the override (the same lead when there was none).
 * @example
 * ```ts
 * import { clearScoreOverride } from "leadkit/scoring";
 *
 * const restored = clearScoreOverride(lead, "default");
 * ```
 * @category Scoring
 */
export function clearScoreOverride(lead: Lead, modelId: string): Lead {
  const entry = lead.scores[modelId];
  if (entry?.override === undefined) return lead;
  return withEntry(lead, modelId, { value: entry.value, at: entry.at });
}

/**
 * Reads the score to act on for one model: the override when present, else the automated value.
 *
 * @param lead - The lead.
 * @param modelId - The model.
 * @returns The {@link EffectiveScore}, or `null` when the lead has no score from that model.
 * @example
 * ```ts
 * import { effectiveScore } from "leadkit/scoring";
 *
 * effectiveScore(lead, "default")?.value;
 * ```
 * @category Scoring
 */
export function effectiveScore(lead: Lead, modelId: string): EffectiveScore | null {
  const entry = lead.scores[modelId];
  if (entry === undefined) return null;
  return entry.override === undefined
    ? { value: entry.value, source: "automated", automated: entry.value }
    : { value: entry.override.value, source: "override", automated: entry.value };
}
