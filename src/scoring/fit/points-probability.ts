import { calibrateProbability, type ProbabilityCalibration } from "./probability-calibration.js";
import { sigmoid } from "./random.js";

/**
 * How a fitted points model's total maps to a probability of converting: the logistic of the
 * points, read the way a scorecard is — `evenOdds` points mean 1 : 1 odds (50 %), and every
 * `pointsToDoubleOdds` more points double the odds — then an optional calibration. It travels
 * beside the {@link PointsModel} (the model itself stays ordinary data that every scorer reads);
 * the model's `probability` label scale repeats it in bands for people.
 *
 * @example
 * ```ts
 * import { type PointsProbability, pointsProbability } from "leadkit/scoring";
 *
 * const mapping: PointsProbability = { evenOdds: 50, pointsToDoubleOdds: 6 };
 * pointsProbability(mapping, 56); // 0.667 (odds 2 : 1)
 * ```
 * @category Scoring
 */
export interface PointsProbability {
  /** The total at which the odds are even (probability 0.5). */
  readonly evenOdds: number;
  /** How many points double the odds. */
  readonly pointsToDoubleOdds: number;
  /** A calibration fitted on held-out records, applied after the logistic. */
  readonly calibration?: ProbabilityCalibration;
}

/**
 * The probability (0–1) of converting that a fitted model's total stands for.
 *
 * @param mapping - The fit's {@link PointsProbability}.
 * @param points - A total from the fitted model (`compilePointsModel(model).score(lead, now).value`).
 * @returns `σ((points − evenOdds) · ln 2 / pointsToDoubleOdds)`, calibrated when the fit was.
 * @example
 * ```ts
 * import { pointsProbability } from "leadkit/scoring";
 *
 * declare const fit: import("leadkit/scoring").PointsModelFit;
 * declare const scorer: import("leadkit/scoring").CompiledPointsModel;
 * const p = pointsProbability(fit.probability, scorer.score(lead, now).value);
 * ```
 * @category Scoring
 */
export function pointsProbability(mapping: PointsProbability, points: number): number {
  const raw = sigmoid(((points - mapping.evenOdds) * Math.LN2) / mapping.pointsToDoubleOdds);
  return mapping.calibration === undefined ? raw : calibrateProbability(mapping.calibration, raw);
}
