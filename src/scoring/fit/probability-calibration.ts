import { capIssues, describeValue, err, type Issue, issue, ok, type Result } from "../../internal/index.js";
import { isObject, notArrayIssue } from "../argument-issues.js";
import { sigmoid } from "./random.js";

/**
 * A calibration of probabilities, fitted on held-out records: Platt scaling (a logistic of the
 * log-odds: `σ(slope · logit(p) + intercept)`) or isotonic regression (a non-decreasing curve through
 * `(x, y)` points, linear between them and flat beyond). Plain JSON.
 *
 * @example
 * ```ts
 * import { calibrateProbability, type ProbabilityCalibration } from "leadkit/scoring";
 *
 * // A calibration stored as JSON beside the model, applied to a raw probability.
 * const platt: ProbabilityCalibration = JSON.parse('{ "kind": "platt", "slope": 0.9, "intercept": -0.1 }');
 * calibrateProbability(platt, 0.7);
 * ```
 * @category Scoring
 */
export type ProbabilityCalibration =
  | {
      /** Platt scaling. */
      readonly kind: "platt";
      /** Multiplies the log-odds (below 1 when the model is over-confident). */
      readonly slope: number;
      /** Added to the log-odds (negative when the model predicts too high). */
      readonly intercept: number;
    }
  | {
      /** Isotonic regression. */
      readonly kind: "isotonic";
      /** Input probabilities, ascending. */
      readonly x: readonly number[];
      /** Calibrated probabilities at `x`, non-decreasing. */
      readonly y: readonly number[];
    };

/**
 * A predicted probability (0–1) and whether the record converted: what a calibration is fitted on.
 *
 * @example
 * ```ts
 * import { calibrateProbability, fitProbabilityCalibration, type LabelledProbability } from "leadkit/scoring";
 *
 * // Held-out records the model did not train on: what it predicted, and what happened.
 * declare const heldOut: readonly { readonly predicted: number; readonly won: boolean }[];
 * const labelled: LabelledProbability[] = heldOut.map((r) => ({ probability: r.predicted, converted: r.won }));
 * const calibration = fitProbabilityCalibration(labelled, "isotonic");
 * if (calibration.ok) calibrateProbability(calibration.value, 0.62);
 * ```
 * @category Scoring
 */
export interface LabelledProbability {
  /** The model's probability, 0–1. */
  readonly probability: number;
  /** Whether the record converted. */
  readonly converted: boolean;
}

const EPSILON = 1e-12;
const logOdds = (p: number) => {
  const q = Math.min(1 - EPSILON, Math.max(EPSILON, p));
  return Math.log(q / (1 - q));
};

/**
 * Fits a calibration on held-out records — records the model was not fitted on, such as a
 * validation slice of the training data.
 *
 * @remarks
 * Platt scaling fits `σ(a · logit(p) + b)` by maximum likelihood with Platt's smoothed targets
 * (`(N₊ + 1)/(N₊ + 2)` and `1/(N₋ + 2)`), so a small slice cannot make it certain. Isotonic regression
 * pools adjacent violators over the records sorted by probability; each pooled block becomes a
 * point (its mean probability, its conversion rate). Isotonic needs more records (a few thousand)
 * and may tie scores that differed; Platt keeps the ranking.
 *
 * @param labelled - Probabilities (0–1) with outcomes.
 * @param method - `"platt"` or `"isotonic"`.
 * @returns The calibration, or issues: `invalid_type` at `[]` or `[i]` (not an array, a record
 *   that is not an object), `invalid_value` at `["method"]`, `empty_input`, `invalid_probability` at `[i, "probability"]`,
 *   `no_contrast` when every record converted or none did.
 * @example
 * ```ts
 * import { calibrateProbability, fitProbabilityCalibration } from "leadkit/scoring";
 *
 * type Row = { readonly won: boolean };
 * declare const validation: readonly Row[]; // held out from training
 * declare function p(row: Row): number; // the model's probability, 0–1
 * const c = fitProbabilityCalibration(validation.map((r) => ({ probability: p(r), converted: r.won })), "platt");
 * if (c.ok) calibrateProbability(c.value, 0.7);
 * ```
 * @category Scoring
 */
export function fitProbabilityCalibration(
  labelled: readonly LabelledProbability[],
  method: "platt" | "isotonic",
): Result<ProbabilityCalibration> {
  const shape = notArrayIssue(labelled, [], "held-out records { probability, converted }");
  if (shape !== null) return err([shape]);
  const issues: Issue[] = [];
  if (method !== "platt" && method !== "isotonic")
    issues.push(
      issue(
        "invalid_value",
        ["method"],
        `Method ${describeValue(method)} is unknown; expected "platt" or "isotonic"`,
      ),
    );
  if (labelled.length === 0) issues.push(issue("empty_input", [], "Expected at least one held-out record"));
  let positives = 0;
  labelled.forEach((l, i) => {
    if (!isObject(l)) {
      issues.push(
        issue("invalid_type", [i], `Record ${i} is ${describeValue(l)}; expected { probability, converted }`),
      );
      return;
    }
    if (!(typeof l.probability === "number" && l.probability >= 0 && l.probability <= 1))
      issues.push(
        issue(
          "invalid_probability",
          [i, "probability"],
          `Expected a probability from 0 to 1, got ${describeValue(l.probability)}`,
        ),
      );
    if (l.converted) positives++;
  });
  if (issues.length === 0 && (positives === 0 || positives === labelled.length))
    issues.push(
      issue(
        "no_contrast",
        [],
        `${positives} of ${labelled.length} held-out records converted; a calibration needs both outcomes`,
      ),
    );
  if (issues.length > 0) return err(capIssues(issues));
  return ok(method === "platt" ? fitPlatt(labelled, positives) : fitIsotonic(labelled));
}

function fitPlatt(labelled: readonly LabelledProbability[], positives: number): ProbabilityCalibration {
  const negatives = labelled.length - positives;
  const hi = (positives + 1) / (positives + 2);
  const lo = 1 / (negatives + 2);
  const { slope, intercept } = fitLogisticLine(
    labelled.map((l) => logOdds(l.probability)),
    labelled.map((l) => (l.converted ? hi : lo)),
    1,
    0,
  );
  return { kind: "platt", slope, intercept };
}

/**
 * @internal Fits `σ(slope · x + intercept)` to targets in 0–1 by maximum likelihood (Newton's method
 * on two parameters, with step halving), from a starting line.
 */
export function fitLogisticLine(
  x: ArrayLike<number>,
  target: ArrayLike<number>,
  slope: number,
  intercept: number,
): { slope: number; intercept: number } {
  const n = x.length;
  const loss = (a: number, b: number) => {
    let l = 0;
    for (let i = 0; i < n; i++) {
      const z = a * (x[i] as number) + b;
      const t = target[i] as number;
      // −[t log σ(z) + (1 − t) log(1 − σ(z))], written without overflow
      l += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - t * z;
    }
    return l;
  };
  let a = slope;
  let b = intercept;
  let current = loss(a, b);
  for (let iteration = 0; iteration < 100; iteration++) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-12;
    let hab = 0;
    let hbb = 1e-12;
    for (let i = 0; i < n; i++) {
      const xi = x[i] as number;
      const p = sigmoid(a * xi + b);
      const r = (target[i] as number) - p;
      const w = p * (1 - p);
      ga += r * xi;
      gb += r;
      haa += w * xi * xi;
      hab += w * xi;
      hbb += w;
    }
    const det = haa * hbb - hab * hab;
    if (!(det > 0)) break;
    let da = (hbb * ga - hab * gb) / det;
    let db = (haa * gb - hab * ga) / det;
    let next = loss(a + da, b + db);
    for (let halving = 0; halving < 30 && next > current; halving++) {
      da /= 2;
      db /= 2;
      next = loss(a + da, b + db);
    }
    if (next > current) break;
    a += da;
    b += db;
    const gained = current - next;
    current = next;
    if (gained <= 1e-12 * (1 + Math.abs(current))) break;
  }
  return { slope: a, intercept: b };
}

function fitIsotonic(labelled: readonly LabelledProbability[]): ProbabilityCalibration {
  const sorted = [...labelled].sort((p, q) => p.probability - q.probability);
  const blocks: { n: number; sumP: number; sumY: number }[] = [];
  for (let i = 0; i < sorted.length; ) {
    // Records with the same probability form one block from the start: they cannot be told apart.
    const p = (sorted[i] as LabelledProbability).probability;
    const block = { n: 0, sumP: 0, sumY: 0 };
    for (; i < sorted.length && (sorted[i] as LabelledProbability).probability === p; i++) {
      block.n++;
      block.sumP += p;
      block.sumY += (sorted[i] as LabelledProbability).converted ? 1 : 0;
    }
    blocks.push(block);
    while (blocks.length > 1) {
      const last = blocks[blocks.length - 1] as (typeof blocks)[number];
      const prev = blocks[blocks.length - 2] as (typeof blocks)[number];
      if (prev.sumY / prev.n < last.sumY / last.n) break;
      prev.n += last.n;
      prev.sumP += last.sumP;
      prev.sumY += last.sumY;
      blocks.pop();
    }
  }
  return {
    kind: "isotonic",
    x: blocks.map((b) => b.sumP / b.n),
    y: blocks.map((b) => b.sumY / b.n),
  };
}

/**
 * Applies a calibration to a probability.
 *
 * @param calibration - From {@link fitProbabilityCalibration}.
 * @param probability - A probability, 0–1.
 * @returns The calibrated probability, 0–1.
 * @example
 * ```ts
 * import { calibrateProbability } from "leadkit/scoring";
 *
 * calibrateProbability({ kind: "platt", slope: 1, intercept: 0 }, 0.3); // 0.3
 * ```
 * @category Scoring
 */
export function calibrateProbability(calibration: ProbabilityCalibration, probability: number): number {
  if (calibration.kind === "platt")
    return sigmoid(calibration.slope * logOdds(probability) + calibration.intercept);
  const { x, y } = calibration;
  const n = x.length;
  if (n === 0) return probability;
  if (probability <= (x[0] as number)) return y[0] as number;
  if (probability >= (x[n - 1] as number)) return y[n - 1] as number;
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if ((x[mid] as number) <= probability) lo = mid;
    else hi = mid;
  }
  const x0 = x[lo] as number;
  const x1 = x[hi] as number;
  const y0 = y[lo] as number;
  const y1 = y[hi] as number;
  return x1 === x0 ? y1 : y0 + ((y1 - y0) * (probability - x0)) / (x1 - x0);
}
