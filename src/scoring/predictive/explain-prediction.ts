import { ok, type Result } from "../../internal/index.js";
import type { PredictiveModel } from "./build-predictive-model.js";
import { type PredictiveFactor, scorePredictive } from "./predict-probability.js";

/**
 * A probability with the field values behind it.
 *
 * @example
 * ```ts
 * import { explainPrediction, type PredictiveExplanation } from "leadkit/scoring";
 *
 * declare const model: import("leadkit/scoring").PredictiveModel<import("leadkit").Lead>;
 * const explained = explainPrediction(model, lead);
 * const why = (e: PredictiveExplanation) => `${e.probability} %: for ${e.positive.map((f) => f.field).join(", ")}; against ${e.negative.map((f) => f.field).join(", ")}`;
 * if (explained.ok) why(explained.value);
 * ```
 * @category Scoring
 */
export interface PredictiveExplanation {
  /** The probability in percent, as {@link predictProbability} gives it. */
  readonly probability: number;
  /** Up to three factors whose score is above 0.5, strongest first (implausible states left out). */
  readonly positive: readonly PredictiveFactor[];
  /** Up to three factors whose score is below 0.5, strongest first (implausible states left out). */
  readonly negative: readonly PredictiveFactor[];
  /** Every factor that entered the product, in scoring order (empty for won and lost records). */
  readonly factors: readonly PredictiveFactor[];
}

// Odoo compares scores with 0.5 to two decimals: 0.504 is neither positive nor negative.
const sideOf = (score: number): number => Math.sign(Math.round((score - 0.5) * 100));

const byScore = (a: PredictiveFactor, b: PredictiveFactor): number =>
  a.score - b.score || (a.field < b.field ? -1 : a.field > b.field ? 1 : a.value < b.value ? -1 : 1);

/**
 * Options for {@link explainPrediction}.
 *
 * @example
 * ```ts
 * import { type ExplainPredictionOptions, explainPrediction } from "leadkit/scoring";
 *
 * declare const model: import("leadkit/scoring").PredictiveModel<import("leadkit").Lead>;
 * const options: ExplainPredictionOptions = { stateFields: [] }; // keep every factor, email and phone state too
 * explainPrediction(model, lead, options);
 * ```
 * @category Scoring
 */
export interface ExplainPredictionOptions {
  /**
   * Fields holding an email or phone validity (`"correct"`, `"incorrect"`, or empty). As Odoo's
   * tooltip does, their factors are left out of `positive` and `negative` when they say nothing
   * sensible — an empty or `"incorrect"` state scoring above 0.5, or a `"correct"` one below (it
   * happens with little history). Default `["emailState", "phoneState"]`, the names
   * {@link leadPredictiveSetup} uses; `[]` keeps every factor.
   */
  readonly stateFields?: readonly string[];
}

const DEFAULT_STATE_FIELDS: readonly string[] = ["emailState", "phoneState"];

/** Odoo's test of a nonsensical state factor, comparing the score with 0.5 to two decimals. */
function isImplausibleState(f: PredictiveFactor): boolean {
  const side = sideOf(f.score);
  if ((f.value === "" || f.value === "incorrect") && side > 0) return true;
  return f.value === "correct" && side < 0;
}

/**
 * Scores a record and says why: the top three positive and negative factors, as Odoo's tooltip.
 *
 * @param model - A model from {@link buildPredictiveModel}.
 * @param record - The record to explain.
 * @param options - Which fields are email/phone states, see {@link ExplainPredictionOptions}.
 * @returns The explanation, or the issues {@link predictProbability} would give.
 * @example
 * ```ts
 * import { explainPrediction } from "leadkit/scoring";
 *
 * declare const model: import("leadkit/scoring").PredictiveModel<import("leadkit").Lead>;
 * const e = explainPrediction(model, lead);
 * if (e.ok) for (const f of e.value.positive) console.log(`+ ${f.field} = ${f.value}`);
 * ```
 * @category Scoring
 */
export function explainPrediction<T>(
  model: PredictiveModel<T>,
  record: T,
  options: ExplainPredictionOptions = {},
): Result<PredictiveExplanation> {
  const factors: PredictiveFactor[] = [];
  const probability = scorePredictive(model, record, factors);
  if (!probability.ok) return probability;
  const stateFields = new Set(options.stateFields ?? DEFAULT_STATE_FIELDS);
  const sorted = factors.filter((f) => !(stateFields.has(f.field) && isImplausibleState(f))).sort(byScore);
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
