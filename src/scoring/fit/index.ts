export type { FitFeature } from "./fit-feature.js";
export {
  type BoostingOptions,
  type FitPointsProgress,
  type FitPointsSpec,
  fitPointsModel,
  type PointsModelFit,
} from "./fit-points-model.js";
export { type LearnBinsOptions, learnBins } from "./learn-bins.js";
export type { FittedBin, FittedFeature, FittedInteraction } from "./points-from-scores.js";
export { type PointsProbability, pointsProbability } from "./points-probability.js";
export {
  calibrateProbability,
  fitProbabilityCalibration,
  type LabelledProbability,
  type ProbabilityCalibration,
} from "./probability-calibration.js";
export { type RecordFieldMap, recordAsLead } from "./record-field-map.js";
