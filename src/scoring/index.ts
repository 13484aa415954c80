/**
 * Explainable scoring: points models, the control-value method, decay, thresholds, overrides, the
 * predictive model, evaluation, and SQL compilers for scoring in Postgres.
 *
 * @module leadkit/scoring
 */

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
} from "./control-value/collect-control-value-stats.js";
export {
  type ControlValueSignal,
  type ControlValueSignalSpec,
  controlValueSignalKey,
} from "./control-value/control-value-signals.js";
export {
  CONTROL_VALUE_MIN_HISTORY,
  type ControlValueFit,
  type ControlValueSignalReport,
  type FitControlValueOptions,
  fitControlValueModel,
} from "./control-value/fit-control-value-model.js";
export { looksUnpronounceable } from "./control-value/looks-unpronounceable.js";
export * from "./evaluation/index.js";
export * from "./fit/index.js";
export { classifyScore, type ScoreClassification } from "./points/classify-score.js";
export {
  type CompiledPointsModel,
  type CompilePointsModelOptions,
  compilePointsModel,
  safeCompilePointsModel,
} from "./points/compile-points-model.js";
export { DEFAULT_POINTS_MODEL } from "./points/default-points-model.js";
export { explainScore } from "./points/explain-score.js";
export {
  parsePointsModel,
  pointsModelJsonSchema,
  safeParsePointsModel,
} from "./points/parse-points-model.js";
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
} from "./points/points-model.js";
export {
  type LeadRescored,
  type RescoreLeadOptions,
  rescoreLead,
  type ScoreChange,
} from "./points/rescore-lead.js";
export type {
  GroupScore,
  LeadScore,
  MatchedInteraction,
  RuleContribution,
  ScoreAdjustment,
  ScoreExplanation,
} from "./points/score-explanation.js";
export { scoreLead, scoreLeadByModels } from "./points/score-lead.js";
export {
  clearScoreOverride,
  type EffectiveScore,
  effectiveScore,
  recordLeadScore,
  type ScoreOverride,
  setScoreOverride,
} from "./points/score-override.js";
export * from "./predictive/index.js";
export * from "./sql/index.js";
