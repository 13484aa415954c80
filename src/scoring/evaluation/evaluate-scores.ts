import { capIssues, describeValue, err, type Issue, issue, ok, type Result } from "../../internal/index.js";
import { countOptionIssue, isObject, notArrayIssue, notOptionsIssue } from "../argument-issues.js";
import { type LabelledScore, rocAuc } from "./roc-auc.js";

/**
 * Options for {@link evaluateScores}.
 *
 * @example
 * ```ts
 * import { compilePointsModel, DEFAULT_POINTS_MODEL, type EvaluateScoresOptions, evaluateScores, scoreLead } from "leadkit/scoring";
 *
 * const model = compilePointsModel(DEFAULT_POINTS_MODEL);
 * const options: EvaluateScoresOptions = { probabilityScale: 100 }; // read 0–100 scores as percentages, for calibration
 * evaluateScores(leads.map((l) => ({ score: scoreLead(model, l, now).value, converted: l.stage === "customer" })), options);
 * ```
 * @category Scoring
 */
export interface EvaluateScoresOptions {
  /** How many score groups for lift and conversion (default 10: deciles; a whole number from 1 to 1,000). */
  readonly groups?: number;
  /**
   * Set when scores are probabilities: the score of certainty (1, or 100 for percentages). Adds the
   * calibration table and the Brier score.
   */
  readonly probabilityScale?: number;
  /** How many equal-width bins the calibration table has (default 10; a whole number from 1 to 1,000). */
  readonly calibrationBins?: number;
}

/**
 * One score group, best scores first.
 *
 * @example
 * ```ts
 * import { evaluateScores, type ScoreLiftGroup } from "leadkit/scoring";
 *
 * declare const labelled: readonly import("leadkit/scoring").LabelledScore[];
 * const row = (g: ScoreLiftGroup) => `${g.minScore}–${g.maxScore}: ${(g.conversionRate * 100).toFixed(0)} %, lift ${g.lift.toFixed(1)}`;
 * const evaluation = evaluateScores(labelled);
 * if (evaluation.ok) evaluation.value.groups.map(row); // the top group first
 * ```
 * @category Scoring
 */
export interface ScoreLiftGroup {
  /** 1 for the best-scored group (the top decile), then down. */
  readonly group: number;
  /** Records in the group. */
  readonly count: number;
  /** Converted records in the group. */
  readonly conversions: number;
  /** conversions ÷ count. */
  readonly conversionRate: number;
  /** The group's conversion rate ÷ the overall rate: 2 means twice as likely as average. */
  readonly lift: number;
  /** Lowest score in the group. */
  readonly minScore: number;
  /** Highest score in the group. */
  readonly maxScore: number;
  /** Share of all conversions found in this group and the ones above it (the gains curve). */
  readonly cumulativeConversionShare: number;
}

/**
 * One bin of a calibration table: predicted against observed.
 *
 * @example
 * ```ts
 * import { type CalibrationBin, evaluateScores } from "leadkit/scoring";
 *
 * declare const labelled: readonly import("leadkit/scoring").LabelledScore[];
 * // Bins where the predicted and the observed rate disagree by more than 10 points.
 * const off = (bin: CalibrationBin) => bin.meanPredicted !== null && bin.observedRate !== null && Math.abs(bin.meanPredicted - bin.observedRate) > 0.1;
 * const evaluation = evaluateScores(labelled, { probabilityScale: 100 });
 * if (evaluation.ok) evaluation.value.calibration?.bins.filter(off);
 * ```
 * @category Scoring
 */
export interface CalibrationBin {
  /** Lower edge, as a probability (0–1), inclusive. */
  readonly from: number;
  /** Upper edge, exclusive (the last bin includes 1). */
  readonly to: number;
  /** Records whose predicted probability falls in the bin. */
  readonly count: number;
  /** Mean predicted probability (0–1), `null` for an empty bin. */
  readonly meanPredicted: number | null;
  /** Share that converted, `null` for an empty bin: close to `meanPredicted` when calibrated. */
  readonly observedRate: number | null;
}

/**
 * How well probabilities match outcomes.
 *
 * @example
 * ```ts
 * import { type Calibration, evaluateScores } from "leadkit/scoring";
 *
 * declare const labelled: readonly import("leadkit/scoring").LabelledScore[];
 * const evaluation = evaluateScores(labelled, { probabilityScale: 100 });
 * const calibration: Calibration | null = evaluation.ok ? evaluation.value.calibration : null;
 * calibration?.brierScore; // lower is better; 0.25 is a coin toss
 * ```
 * @category Scoring
 */
export interface Calibration {
  /** Mean squared difference between predicted probability and outcome (0 is perfect, 0.25 is a coin). */
  readonly brierScore: number;
  /** Equal-width bins from 0 to 1. */
  readonly bins: readonly CalibrationBin[];
}

/**
 * What {@link evaluateScores} measured.
 *
 * @example
 * ```ts
 * import { evaluateScores } from "leadkit/scoring";
 *
 * declare const labelled: readonly import("leadkit/scoring").LabelledScore[];
 * const evaluation = evaluateScores(labelled);
 * if (evaluation.ok) {
 *   const { rocAuc, groups } = evaluation.value;
 *   console.log(rocAuc, groups[0]?.lift);
 * }
 * ```
 * @category Scoring
 */
export interface ScoreEvaluation {
  /** Records evaluated. */
  readonly count: number;
  /** Converted records. */
  readonly conversions: number;
  /** conversions ÷ count. */
  readonly baseRate: number;
  /** ROC AUC, `null` when every record converted or none did. */
  readonly rocAuc: number | null;
  /** Lift and conversion by score group, best first (empty groups are left out). */
  readonly groups: readonly ScoreLiftGroup[];
  /** Calibration and Brier score, when `probabilityScale` was given. */
  readonly calibration: Calibration | null;
}

/**
 * Measures how well scores rank and predict outcomes: ROC AUC, lift and conversion by score decile,
 * and — for probabilities — a calibration table and the Brier score. Works for any model.
 *
 * @param labelled - Scores with outcomes, e.g. a held-out period scored by a model fitted before it.
 * @param options - Groups and probability scale, see {@link EvaluateScoresOptions}.
 * @returns The evaluation, or issues: `invalid_type` at `[]`, `["options"]` or `[index]` (not an
 *   array, not an object), `invalid_type`, `too_small` or `too_big` at `["groups"]` or
 *   `["calibrationBins"]`, `invalid_value` at `["probabilityScale"]` (not a finite number above 0),
 *   `empty_input`, `invalid_score` (not finite, or outside 0 to `probabilityScale`) at
 *   `[index, "score"]`.
 * @example
 * ```ts
 * import { evaluateScores } from "leadkit/scoring";
 *
 * declare const score: (lead: import("leadkit").Lead) => number;
 * const e = evaluateScores(leads.map((l) => ({ score: score(l), converted: l.stage === "customer" })));
 * if (e.ok) console.log(e.value.rocAuc, e.value.groups[0]?.lift);
 * ```
 * @category Scoring
 */
export function evaluateScores(
  labelled: readonly LabelledScore[],
  options: EvaluateScoresOptions = {},
): Result<ScoreEvaluation> {
  const shape = [
    notArrayIssue(labelled, [], "scored records { score, converted }"),
    notOptionsIssue(options, ["options"], "the options"),
  ].filter((i): i is Issue => i !== null);
  if (shape.length > 0) return err(shape);
  const badOptions = [
    countOptionIssue(options.groups, ["groups"], 1, 1_000),
    countOptionIssue(options.calibrationBins, ["calibrationBins"], 1, 1_000),
    options.probabilityScale === undefined ||
    (typeof options.probabilityScale === "number" &&
      Number.isFinite(options.probabilityScale) &&
      options.probabilityScale > 0)
      ? null
      : issue(
          "invalid_value",
          ["probabilityScale"],
          `probabilityScale is ${describeValue(options.probabilityScale)}; expected a finite number above 0, such as 1 or 100`,
        ),
  ].filter((i): i is Issue => i !== null);
  if (badOptions.length > 0) return err(badOptions);
  const scale = options.probabilityScale;
  const issues: Issue[] = [];
  if (labelled.length === 0) issues.push(issue("empty_input", [], "Expected at least one scored record"));
  labelled.forEach((l, i) => {
    if (!isObject(l))
      issues.push(
        issue("invalid_type", [i], `Record ${i} is ${describeValue(l)}; expected { score, converted }`),
      );
    else if (!Number.isFinite(l.score))
      issues.push(
        issue("invalid_score", [i, "score"], `Expected a finite score, got ${describeValue(l.score)}`),
      );
    else if (scale !== undefined && (l.score < 0 || l.score > scale))
      issues.push(
        issue("invalid_score", [i, "score"], `Expected a probability from 0 to ${scale}, got ${l.score}`),
      );
  });
  if (issues.length > 0) return err(capIssues(issues));
  const count = labelled.length;
  const conversions = labelled.reduce((n, l) => n + (l.converted ? 1 : 0), 0);
  const baseRate = conversions / count;
  return ok({
    count,
    conversions,
    baseRate,
    rocAuc: rocAuc(labelled),
    groups: scoreGroups(labelled, options.groups ?? 10, conversions, baseRate),
    calibration:
      scale === undefined ? null : calibrate(labelled, scale, Math.max(1, options.calibrationBins ?? 10)),
  });
}

function scoreGroups(
  labelled: readonly LabelledScore[],
  groupCount: number,
  conversions: number,
  baseRate: number,
): ScoreLiftGroup[] {
  const sorted = [...labelled].sort((a, b) => b.score - a.score);
  const n = sorted.length;
  const groups: ScoreLiftGroup[] = [];
  let found = 0;
  const g = Math.max(1, Math.floor(groupCount));
  for (let k = 0; k < g; k++) {
    const slice = sorted.slice(Math.floor((k * n) / g), Math.floor(((k + 1) * n) / g));
    if (slice.length === 0) continue;
    const converted = slice.reduce((c, l) => c + (l.converted ? 1 : 0), 0);
    found += converted;
    const rate = converted / slice.length;
    groups.push({
      group: k + 1,
      count: slice.length,
      conversions: converted,
      conversionRate: rate,
      lift: baseRate === 0 ? 0 : rate / baseRate,
      minScore: (slice.at(-1) as LabelledScore).score,
      maxScore: (slice[0] as LabelledScore).score,
      cumulativeConversionShare: conversions === 0 ? 0 : found / conversions,
    });
  }
  return groups;
}

function calibrate(labelled: readonly LabelledScore[], scale: number, binCount: number): Calibration {
  const sums = Array.from({ length: binCount }, () => ({ count: 0, predicted: 0, converted: 0 }));
  let squared = 0;
  for (const l of labelled) {
    const p = l.score / scale;
    const y = l.converted ? 1 : 0;
    squared += (p - y) ** 2;
    const bin = sums[Math.min(binCount - 1, Math.floor(p * binCount))] as (typeof sums)[number];
    bin.count++;
    bin.predicted += p;
    bin.converted += y;
  }
  return {
    brierScore: squared / labelled.length,
    bins: sums.map((b, i) => ({
      from: i / binCount,
      to: (i + 1) / binCount,
      count: b.count,
      meanPredicted: b.count === 0 ? null : b.predicted / b.count,
      observedRate: b.count === 0 ? null : b.converted / b.count,
    })),
  };
}
