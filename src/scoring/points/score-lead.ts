import type { Lead } from "../../model/index.js";
import { type CompiledPointsModel, compiledPointsModelOf } from "./compile-points-model.js";
import type { LeadScore } from "./score-explanation.js";

/**
 * Scores a lead under a compiled points model: the total (0–100) and each group's value. Compile
 * the model once with {@link compilePointsModel} and score every lead with the result.
 *
 * @param model - A model compiled with {@link compilePointsModel}.
 * @param lead - The lead to score (not modified).
 * @param now - The moment to score for; decay and windows count back from it, and interactions
 *   after it are ignored.
 * @returns The {@link LeadScore}.
 * @throws `LeadKitError` with code `invalid_input` when `model` is not a compiled model (a plain
 *   model or a value from JSON: compile it first), or for a malformed lead or `now`.
 * @example
 * ```ts
 * import { compilePointsModel, DEFAULT_POINTS_MODEL, scoreLead } from "leadkit/scoring";
 *
 * const scorer = compilePointsModel(DEFAULT_POINTS_MODEL);
 * const { value, groups } = scoreLead(scorer, lead, new Date("2026-04-01T00:00:00Z"));
 * ```
 * @category Scoring
 */
export function scoreLead(model: CompiledPointsModel, lead: Lead, now: Date): LeadScore {
  return compiledPointsModelOf(model).score(lead, now);
}

/**
 * Scores a lead under several compiled models side by side (e.g. a hand-made model and a fitted one).
 *
 * @param models - Models compiled with {@link compilePointsModel}; their ids must differ.
 * @param lead - The lead to score (not modified).
 * @param now - The moment to score for.
 * @returns Each model's {@link LeadScore}, by model id.
 * @example
 * ```ts
 * import { compilePointsModel, DEFAULT_POINTS_MODEL, scoreLeadByModels } from "leadkit/scoring";
 *
 * declare const fitted: import("leadkit/scoring").PointsModel;
 * const models = [compilePointsModel(DEFAULT_POINTS_MODEL), compilePointsModel(fitted)];
 * const scores = scoreLeadByModels(models, lead, now);
 * scores["default"]?.value;
 * ```
 * @category Scoring
 */
export function scoreLeadByModels(
  models: readonly CompiledPointsModel[],
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
