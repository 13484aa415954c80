import { calibrateProbability, type ProbabilityCalibration } from "../fit/probability-calibration.js";
import type { PredictiveModel } from "./build-predictive-model.js";
import { scorePredictive } from "./predict-probability.js";

/**
 * Options for {@link createPredictiveScorer}.
 *
 * @example
 * ```ts
 * import { buildPredictiveModel, createPredictiveScorer, fitPredictiveStats, leadPredictiveSetup, type PredictiveScorerOptions } from "leadkit/scoring";
 *
 * const setup = leadPredictiveSetup();
 * const model = buildPredictiveModel(setup, fitPredictiveStats(setup, leads).stats);
 * // Score every lead as if it were still at stage "lead", so the stage itself does not decide.
 * const options: PredictiveScorerOptions = { asOpenAt: "lead" };
 * const score = createPredictiveScorer(model, options);
 * leads.map(score);
 * ```
 * @category Scoring
 */
export interface PredictiveScorerOptions {
  /**
   * Score every record as an open record in this stage, ignoring its outcome — for evaluating on
   * closed history without the outcome leaking into the score. Default: the first stage.
   * Set to `null` to score records as they are (won 100, lost 0).
   */
  readonly asOpenAt?: string | null;
  /**
   * A calibration fitted on held-out records (see `fitProbabilityCalibration`), applied to each
   * open record's probability: naive Bayes multiplies likelihoods as if the fields were
   * independent, so its probabilities run to the extremes. The calibrated percentage is not rounded.
   */
  readonly calibration?: ProbabilityCalibration;
}

/**
 * A plain scoring function over a predictive model, for evaluation and backtests: a probability in
 * percent, or `null` when the record cannot be scored.
 *
 * @remarks
 * Closed records would score 100 or 0 by their outcome; by default the scorer asks instead "what
 * would this record have scored when it entered the pipeline", so held-out history can be used.
 *
 * @param model - A model from {@link buildPredictiveModel}.
 * @param options - See {@link PredictiveScorerOptions}.
 * @returns `(record) => probability | null`.
 * @example
 * ```ts
 * import { createPredictiveScorer, evaluateScores } from "leadkit/scoring";
 *
 * declare const model: import("leadkit/scoring").PredictiveModel<import("leadkit").Lead>;
 * declare const calibration: import("leadkit/scoring").ProbabilityCalibration;
 * declare const testLeads: readonly import("leadkit").Lead[];
 * const score = createPredictiveScorer(model);
 * const calibrated = createPredictiveScorer(model, { calibration }); // from fitProbabilityCalibration
 * evaluateScores(testLeads.flatMap((l) => { const s = score(l); return s === null ? [] : [{ score: s, converted: l.stage === "customer" }]; }));
 * ```
 * @category Scoring
 */
export function createPredictiveScorer<T>(
  model: PredictiveModel<T>,
  options: PredictiveScorerOptions = {},
): (record: T) => number | null {
  const stage = options.asOpenAt === undefined ? model.setup.config.stages[0]?.id : options.asOpenAt;
  const scored: PredictiveModel<T> =
    stage === null
      ? model
      : {
          ...model,
          setup: {
            config: model.setup.config,
            adapter: { ...model.setup.adapter, outcome: () => "open", stage: () => stage },
          },
        };
  const calibration = options.calibration;
  return (record) => {
    const result = scorePredictive(scored, record, undefined);
    if (!result.ok) return null;
    if (calibration === undefined || result.value === 0 || result.value === 100) return result.value;
    return 100 * calibrateProbability(calibration, result.value / 100);
  };
}
