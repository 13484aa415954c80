import type { Lead } from "../../model/index.js";
import { type CompiledPointsModel, compiledPointsModelOf } from "./compile-points-model.js";
import type { ScoreExplanation } from "./score-explanation.js";

/**
 * Scores a lead with its full breakdown: every rule that fired, its points before and after decay
 * and caps, the interactions it counted, the provenance of data-driven rules, and the adjustments
 * the group and total caps made — the parts add up to the score.
 *
 * @param model - A model compiled with {@link compilePointsModel}.
 * @param lead - The lead to score (not modified).
 * @param now - The moment to score for.
 * @returns The {@link ScoreExplanation}; its `value` equals `scoreLead`'s.
 * @throws `LeadKitError` with code `invalid_input` when `model` is not a compiled model (compile it
 *   first), or for a malformed lead or `now`.
 * @example
 * ```ts
 * import { compilePointsModel, DEFAULT_POINTS_MODEL, explainScore } from "leadkit/scoring";
 *
 * const why = explainScore(compilePointsModel(DEFAULT_POINTS_MODEL), lead, now);
 * for (const r of why.rules) console.log(r.ruleId, r.points);
 * ```
 * @category Scoring
 */
export function explainScore(model: CompiledPointsModel, lead: Lead, now: Date): ScoreExplanation {
  return compiledPointsModelOf(model).explain(lead, now);
}
