import type { Lead } from "../model/index.js";
import { type CompiledPointsModel, compilePointsModel } from "./compile-points-model.js";
import type { PointsModel } from "./points-model.js";
import type { ScoreExplanation } from "./score-explanation.js";

/**
 * Scores a lead with its full breakdown: every rule that fired, its points before and after decay
 * and caps, the interactions it counted, the provenance of data-driven rules, and the adjustments
 * the group and total caps made — the parts add up to the score.
 *
 * @param model - A points model, or one compiled with {@link compilePointsModel}.
 * @param lead - The lead to score (not modified).
 * @param now - The moment to score for.
 * @returns The {@link ScoreExplanation}; its `value` equals `scoreLead`'s.
 * @throws `LeadKitError` with code `invalid_definition` when the model is not valid.
 * @example
 * ```ts
 * import { DEFAULT_POINTS_MODEL, explainScore } from "leadkit/scoring";
 *
 * const why = explainScore(DEFAULT_POINTS_MODEL, lead, now);
 * for (const r of why.rules) console.log(r.ruleId, r.points);
 * ```
 * @category Scoring
 */
export function explainScore(
  model: PointsModel | CompiledPointsModel,
  lead: Lead,
  now: Date,
): ScoreExplanation {
  const compiled =
    typeof (model as Partial<CompiledPointsModel>).explain === "function"
      ? (model as CompiledPointsModel)
      : compilePointsModel(model as PointsModel);
  return compiled.explain(lead, now);
}
