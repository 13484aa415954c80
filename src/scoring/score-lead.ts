import type { Lead } from "../model/index.js";
import { type CompiledPointsModel, compilePointsModel } from "./compile-points-model.js";
import type { PointsModel } from "./points-model.js";
import type { LeadScore } from "./score-explanation.js";

const isCompiled = (m: PointsModel | CompiledPointsModel): m is CompiledPointsModel =>
  typeof (m as Partial<CompiledPointsModel>).score === "function";

/**
 * Scores a lead under a points model: the total (0–100) and each group's value. The model is
 * compiled on first use and cached, so scoring many leads with one model object stays fast.
 *
 * @param model - A points model, or one compiled with {@link compilePointsModel}.
 * @param lead - The lead to score (not modified).
 * @param now - The moment to score for; decay and windows count back from it, and interactions
 *   after it are ignored.
 * @returns The {@link LeadScore}.
 * @throws `LeadKitError` with code `invalid_definition` when the model is not valid.
 * @example
 * ```ts
 * import { DEFAULT_POINTS_MODEL, scoreLead } from "leadkit/scoring";
 *
 * const { value, groups } = scoreLead(DEFAULT_POINTS_MODEL, lead, new Date("2026-04-01T00:00:00Z"));
 * ```
 * @category Scoring
 */
export function scoreLead(model: PointsModel | CompiledPointsModel, lead: Lead, now: Date): LeadScore {
  return (isCompiled(model) ? model : compilePointsModel(model)).score(lead, now);
}

/**
 * Scores a lead under several models side by side (e.g. a hand-made model and a fitted one).
 *
 * @param models - The models; their ids must differ.
 * @param lead - The lead to score (not modified).
 * @param now - The moment to score for.
 * @returns Each model's {@link LeadScore}, by model id.
 * @example
 * ```ts
 * import { DEFAULT_POINTS_MODEL, scoreLeadByModels } from "leadkit/scoring";
 *
 * declare const fitted: import("leadkit/scoring").PointsModel;
 * const scores = scoreLeadByModels([DEFAULT_POINTS_MODEL, fitted], lead, now);
 * scores["default"]?.value;
 * ```
 * @category Scoring
 */
export function scoreLeadByModels(
  models: readonly (PointsModel | CompiledPointsModel)[],
  lead: Lead,
  now: Date,
): Readonly<Record<string, LeadScore>> {
  const scores: Record<string, LeadScore> = {};
  for (const model of models) {
    const score = scoreLead(model, lead, now);
    scores[score.modelId] = score;
  }
  return scores;
}
