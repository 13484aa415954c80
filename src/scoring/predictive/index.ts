export { type BinnedPredictiveOptions, binnedPredictiveSetup } from "./binned-predictive-setup.js";
export {
  buildPredictiveModel,
  type PredictiveFactorTable,
  type PredictiveFieldTable,
  type PredictiveModel,
  type PredictivePrior,
  type PredictiveTable,
} from "./build-predictive-model.js";
export { createPredictiveScorer, type PredictiveScorerOptions } from "./create-predictive-scorer.js";
export {
  type ExplainPredictionOptions,
  explainPrediction,
  type PredictiveExplanation,
} from "./explain-prediction.js";
export {
  type FitPredictiveOptions,
  type FitProgress,
  fitPredictiveStats,
  type PredictiveFit,
} from "./fit-predictive-stats.js";
export {
  LEAD_PREDICTIVE_CONFIG,
  leadPipelineStage,
  leadPredictiveAdapter,
  leadPredictiveSetup,
} from "./lead-predictive-setup.js";
export { type PredictiveFactor, predictProbability } from "./predict-probability.js";
export {
  createPredictiveSetup,
  type PredictiveAdapter,
  type PredictiveConfig,
  type PredictiveConfigInput,
  type PredictiveOutcome,
  type PredictiveSetup,
  type PredictiveValue,
  predictiveConfigJsonSchema,
  predictiveConfigSchema,
  safeCreatePredictiveSetup,
} from "./predictive-config.js";
export {
  mergePredictiveStats,
  type PredictiveCell,
  type PredictiveStats,
  parsePredictiveStats,
  predictiveStatsSchema,
  safeParsePredictiveStats,
} from "./predictive-stats.js";
export { removePredictiveTeam } from "./remove-predictive-team.js";
export { type PredictiveEvent, updatePredictiveStats } from "./update-predictive-stats.js";
