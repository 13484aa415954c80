/**
 * Explainable scoring: points models, the control-value method, decay, thresholds, overrides, the
 * predictive model, evaluation, and SQL compilers for scoring in Postgres.
 *
 * @module leadkit/scoring
 */
export { classifyScore, type ScoreClassification } from "./classify-score.js";
export {
  type CollectControlValueOptions,
  type ControlValueAccumulator,
  type ControlValueSignalCount,
  type ControlValueStats,
  closedLeadOutcome,
  collectControlValueStats,
  controlValueStatsSchema,
  createControlValueAccumulator,
  type LeadOutcome,
  mergeControlValueStats,
  parseControlValueStats,
  safeParseControlValueStats,
} from "./collect-control-value-stats.js";
export {
  type CompiledPointsModel,
  type CompilePointsModelOptions,
  compilePointsModel,
  safeCompilePointsModel,
} from "./compile-points-model.js";
export {
  type ControlValueSignal,
  type ControlValueSignalSpec,
  controlValueSignalKey,
} from "./control-value-signals.js";
export { DEFAULT_POINTS_MODEL } from "./default-points-model.js";
export * from "./evaluation/index.js";
export { explainScore } from "./explain-score.js";
export * from "./fit/index.js";
export {
  CONTROL_VALUE_MIN_HISTORY,
  type ControlValueFit,
  type ControlValueSignalReport,
  type FitControlValueOptions,
  fitControlValueModel,
} from "./fit-control-value-model.js";
export { looksUnpronounceable } from "./looks-unpronounceable.js";
export { parsePointsModel, pointsModelJsonSchema, safeParsePointsModel } from "./parse-points-model.js";
export {
  type InteractionMatch,
  LEAD_FIELDS,
  type LeadField,
  type ModelProvenance,
  type PointsCondition,
  type PointsModel,
  type PointsModelInput,
  type PointsRule,
  pointsModelSchema,
  type RuleProvenance,
  type ScoreDecay,
  type ScoreDuration,
  type ScoreEffect,
  type ScoreGrade,
  type ScoreGroup,
  type ScoreLabelScale,
  type ScoreThreshold,
} from "./points-model.js";
export * from "./predictive/index.js";
export {
  type LeadRescored,
  type RescoreLeadOptions,
  rescoreLead,
  type ScoreChange,
} from "./rescore-lead.js";
export type {
  GroupScore,
  LeadScore,
  MatchedInteraction,
  RuleContribution,
  ScoreAdjustment,
  ScoreExplanation,
} from "./score-explanation.js";
export { scoreLead, scoreLeadByModels } from "./score-lead.js";
export {
  clearScoreOverride,
  type EffectiveScore,
  effectiveScore,
  recordLeadScore,
  type ScoreOverride,
  setScoreOverride,
} from "./score-override.js";
export * from "./sql/index.js";
