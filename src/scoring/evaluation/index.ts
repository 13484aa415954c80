export {
  type Backtest,
  type BacktestFold,
  type BacktestOptions,
  type BacktestPeriod,
  backtestByPeriod,
} from "./backtest-by-period.js";
export {
  type CalibrationGroup,
  type ComparedModel,
  type CompareModelsOptions,
  compareModels,
  type ModelComparison,
  type ModelReport,
} from "./compare-models.js";
export {
  type Calibration,
  type CalibrationBin,
  type EvaluateScoresOptions,
  evaluateScores,
  type ScoreEvaluation,
  type ScoreLiftGroup,
} from "./evaluate-scores.js";
export { type ModelComparisonFormat, renderModelComparison } from "./render-model-comparison.js";
export { type LabelledScore, rocAuc, safeRocAuc } from "./roc-auc.js";
