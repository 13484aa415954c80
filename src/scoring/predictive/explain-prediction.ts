import { ok, type Result } from "../../internal/index.js";
import type { PredictiveModel } from "./build-predictive-model.js";
import { type PredictiveFactor, scorePredictive } from "./predict-probability.js";

/**
 * A probability with the field values behind it.
 *
 * @example
 * ```ts
 * const e: PredictiveExplanation = { probability: 74.3, positive: [], negative: [], factors: [] };
 * ```
 * @category Scoring
 */
export interface PredictiveExplanation {
  /** The probability in percent, as {@link predictProbability} gives it. */
  readonly probability: number;
  /** Up to three factors whose score is above 0.5, strongest first. */
  readonly positive: readonly PredictiveFactor[];
  /** Up to three factors whose score is below 0.5, strongest first. */
  readonly negative: readonly PredictiveFactor[];
  /** Every factor that entered the product, in scoring order (empty for won and lost records). */
  readonly factors: readonly PredictiveFactor[];
}

// Odoo compares scores with 0.5 to two decimals: 0.504 is neither positive nor negative.
const sideOf = (score: number): number => Math.sign(Math.round((score - 0.5) * 100));

const byScore = (a: PredictiveFactor, b: PredictiveFactor): number =>
  a.score - b.score || (a.field < b.field ? -1 : a.field > b.field ? 1 : a.value < b.value ? -1 : 1);

/**
 * Scores a record and says why: the top three positive and negative factors, as Odoo's tooltip.
 *
 * @param model - A model from {@link buildPredictiveModel}.
 * @param record - The record to explain.
 * @returns The explanation, or the issues {@link predictProbability} would give.
 * @example
 * ```ts
 * const e = explainPrediction(model, lead);
 * if (e.ok) for (const f of e.value.positive) console.log(`+ ${f.field} = ${f.value}`);
 * ```
 * @category Scoring
 */
export function explainPrediction<T>(model: PredictiveModel<T>, record: T): Result<PredictiveExplanation> {
  const factors: PredictiveFactor[] = [];
  const probability = scorePredictive(model, record, factors);
  if (!probability.ok) return probability;
  const sorted = [...factors].sort(byScore);
  return ok({
    probability: probability.value,
    positive: sorted
      .filter((f) => sideOf(f.score) > 0)
      .reverse()
      .slice(0, 3),
    negative: sorted.filter((f) => sideOf(f.score) < 0).slice(0, 3),
    factors,
  });
}
