import {
  capIssues,
  describeValue,
  err,
  INPUT_LIMITS,
  type Issue,
  issue,
  ok,
  type Result,
  tooManyIssues,
} from "../../internal/index.js";
import { countOptionIssue, isObject, notArrayIssue, notOptionsIssue } from "../argument-issues.js";
import { seededRandom } from "../fit/random.js";
import { evaluateScores, type ScoreLiftGroup } from "./evaluate-scores.js";

/**
 * A model to compare: a name, its score for a record (higher means more likely to convert) and,
 * when it gives one, its probability (0–1). `null` leaves a record unscored by that model.
 *
 * @example
 * ```ts
 * import { type ComparedModel, compareModels, compilePointsModel, pointsProbability, recordAsLead, type RecordFieldMap } from "leadkit/scoring";
 *
 * type Row = Record<string, string> & { readonly converted: boolean };
 * declare const test: readonly Row[];
 * declare const map: RecordFieldMap<Row>;
 * declare const fit: import("leadkit/scoring").PointsModelFit;
 * const scorer = compilePointsModel(fit.model);
 * const scorecard: ComparedModel<Row> = {
 *   name: "scorecard",
 *   score: (row) => scorer.score(recordAsLead(row, map), now).value,
 *   probability: (row) => pointsProbability(fit.probability, scorer.score(recordAsLead(row, map), now).value),
 * };
 * compareModels(test, [scorecard]);
 * ```
 * @category Scoring
 */
export interface ComparedModel<T> {
  /** The model's name in the report (any text; escaped where it is rendered). */
  readonly name: string;
  /** The model's score. */
  readonly score: (record: T) => number | null;
  /** The model's probability of converting, 0–1: adds the Brier score and the calibration table. */
  readonly probability?: (record: T) => number | null;
}

/**
 * Options for {@link compareModels}.
 *
 * @example
 * ```ts
 * import { type CompareModelsOptions, compareModels } from "leadkit/scoring";
 *
 * declare const rows: readonly { readonly points: number; readonly control: number; readonly converted: boolean }[];
 * // 2,000 bootstrap resamples give each ROC AUC a 95 % interval; the seed makes it repeatable.
 * const options: CompareModelsOptions = { bootstrap: 2000, seed: 7 };
 * const c = compareModels(rows, [{ name: "points", score: (r) => r.points }, { name: "control value", score: (r) => r.control }], options);
 * if (c.ok) c.value.models.map((m) => [m.name, m.rocAucInterval]);
 * ```
 * @category Scoring
 */
export interface CompareModelsOptions {
  /** Groups for lift and calibration (default 10: deciles; a whole number from 1 to 1,000). */
  readonly groups?: number;
  /** Bootstrap resamples for the ROC AUC interval (default 1,000; 0 leaves the interval out; at most 100,000). */
  readonly bootstrap?: number;
  /**
   * Coverage of the intervals (default 0.95): the ROC AUC's bootstrap interval and each calibration
   * group's Wilson interval of its observed rate.
   */
  readonly confidence?: number;
  /** Seed of the resampling (default 1). */
  readonly seed?: number;
}

/**
 * One group of a calibration table: records grouped by predicted probability, lowest first.
 *
 * @example
 * ```ts
 * import { type CalibrationGroup, compareModels } from "leadkit/scoring";
 *
 * declare const rows: readonly { readonly probability: number; readonly converted: boolean }[];
 * const verdict = (g: CalibrationGroup) => (g.withinInterval ? "calibrated, given the group's size" : "off by more than chance");
 * const c = compareModels(rows, [{ name: "predictive", score: (r) => r.probability, probability: (r) => r.probability }]);
 * if (c.ok) c.value.models[0]?.calibration?.map(verdict);
 * ```
 * @category Scoring
 */
export interface CalibrationGroup {
  /** 1 for the lowest predictions. */
  readonly group: number;
  /** Records in the group. */
  readonly count: number;
  /** Their mean predicted probability. */
  readonly meanPredicted: number;
  /** The share that converted: close to `meanPredicted` when calibrated. */
  readonly observedRate: number;
  /**
   * Wilson score interval of the observed rate at the comparison's confidence (default 95 %): where
   * the group's true conversion rate lies, given that only `count` records were seen. A group of
   * 277 records at 40 % spans about ±6 points, so a gap of a few points can be chance alone.
   */
  readonly observedInterval: readonly [number, number];
  /** Whether `meanPredicted` lies within `observedInterval`: the prediction is as good as the group's size can tell. */
  readonly withinInterval: boolean;
}

/**
 * What {@link compareModels} measured for one model.
 *
 * @example
 * ```ts
 * import type { ModelReport } from "leadkit/scoring";
 *
 * const line = (m: ModelReport) => `${m.name}: ${m.rocAuc?.toFixed(3)}`;
 * ```
 * @category Scoring
 */
export interface ModelReport {
  /** The model's name. */
  readonly name: string;
  /** Records the model scored. */
  readonly count: number;
  /** Records it left unscored (`null`); every figure below is over the scored ones. */
  readonly unscored: number;
  /** Conversions among the scored records. */
  readonly conversions: number;
  /** ROC AUC, `null` when every scored record converted or none did. */
  readonly rocAuc: number | null;
  /** Percentile bootstrap interval of the ROC AUC, `null` without resamples. */
  readonly rocAucInterval: readonly [number, number] | null;
  /** Mean squared error of the probability, `null` for a model without one. */
  readonly brierScore: number | null;
  /** Mean predicted probability, to hold against the observed rate. */
  readonly meanPredicted: number | null;
  /** Lift and conversion by score group, best first (as {@link evaluateScores}). */
  readonly deciles: readonly ScoreLiftGroup[];
  /** Predicted against observed by probability group, lowest first; `null` without a probability. */
  readonly calibration: readonly CalibrationGroup[] | null;
  /** The largest gap between predicted and observed over the calibration groups. */
  readonly largestCalibrationGap: number | null;
  /**
   * Calibration groups whose mean prediction lies within the Wilson interval of their observed rate
   * (see {@link CalibrationGroup.withinInterval}); `null` without a probability. About 95 % of the
   * groups of a calibrated model do, at 95 % confidence.
   */
  readonly calibrationWithinInterval: number | null;
}

/**
 * Several models measured on the same records.
 *
 * @example
 * ```ts
 * import type { ModelComparison } from "leadkit/scoring";
 *
 * const best = (c: ModelComparison) => [...c.models].sort((a, b) => (b.rocAuc ?? 0) - (a.rocAuc ?? 0))[0];
 * ```
 * @category Scoring
 */
export interface ModelComparison {
  /** Records compared. */
  readonly count: number;
  /** Of those, conversions. */
  readonly conversions: number;
  /** conversions ÷ count. */
  readonly baseRate: number;
  /** The bootstrap's coverage, when there was one. */
  readonly confidence: number | null;
  /** Coverage of the calibration groups' Wilson intervals. */
  readonly calibrationConfidence: number;
  /** One report per model, in the order given. */
  readonly models: readonly ModelReport[];
}

/** Most lift and calibration groups a comparison takes. */
const MAX_GROUPS = 1_000;
/** Most bootstrap resamples a comparison takes. */
const MAX_RESAMPLES = 100_000;

interface Scored {
  readonly score: number;
  readonly y: number;
}

/** ROC AUC of records sorted by score (ties share their rank), weighting each record by `w`. */
function weightedAuc(sorted: readonly Scored[], weights: Float64Array | null): number | null {
  let positives = 0;
  let negatives = 0;
  let area = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    let p = 0;
    let n = 0;
    const s = (sorted[i] as Scored).score;
    for (; j < sorted.length && (sorted[j] as Scored).score === s; j++) {
      const w = weights === null ? 1 : (weights[j] as number);
      if ((sorted[j] as Scored).y === 1) p += w;
      else n += w;
    }
    area += p * (negatives + n / 2);
    positives += p;
    negatives += n;
    i = j;
  }
  return positives === 0 || negatives === 0 ? null : area / (positives * negatives);
}

/**
 * The standard normal quantile (Acklam's rational approximation, relative error below 1.2e-9): the
 * z with P(Z ≤ z) = p, for 0 < p < 1.
 */
function normalQuantile(p: number): number {
  const horner = (cs: readonly number[], x: number) => cs.reduce((sum, c) => sum * x + c, 0);
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572, 1,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416, 1];
  const tail = (q: number) => horner(c, q) / horner(d, q);
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  return (q * horner(a, q * q)) / horner(b, q * q);
}

/** Wilson score interval of `wins` out of `n` (n > 0) with the normal quantile `z`. */
function wilsonInterval(wins: number, n: number, z: number): [number, number] {
  const rate = wins / n;
  const z2 = z * z;
  const centre = (rate + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((rate * (1 - rate)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

function quantile(sorted: readonly number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (at - lo);
}

/**
 * Compares models on the same labelled records, side by side: ROC AUC with a bootstrap confidence
 * interval, the Brier score and mean prediction, lift and conversion by decile, and a calibration
 * table. Render it with {@link renderModelComparison}.
 *
 * @remarks
 * The interval resamples the records with replacement (seeded) and takes the percentiles of the
 * resampled AUCs. Calibration groups the records by predicted probability into equal-count groups
 * and sets each group's mean prediction against its conversion rate, with the Wilson interval of
 * that rate: a group of a few hundred records measures its rate only to a few points, so "the mean
 * prediction lies within the interval" is the honest test of calibration, and the largest gap alone
 * overstates a small test set's miss. Use records no model was fitted on (a held-out split or a
 * later period).
 *
 * @param labelled - The records, each with `converted`.
 * @param models - The models, see {@link ComparedModel}.
 * @param options - Groups and bootstrap, see {@link CompareModelsOptions}.
 * @returns The {@link ModelComparison}, or issues: `invalid_type` at `[]`, `["models"]` or
 *   `["options"]` (not an array, not an object), at `[i, "converted"]` (a record whose `converted` is
 *   not a boolean: the string `"false"` is refused, not counted as a conversion), at `["models", m]`
 *   (a model without a string `name` and a `score` function), `empty_input` (no records or no models),
 *   `invalid_value` at `["confidence"]` (not between 0 and 1), `invalid_type`, `too_small` or
 *   `too_big` at `["groups"]`, `["bootstrap"]` or `["seed"]`,
 *   `duplicate_name` at `["models", m, "name"]`, `invalid_score` and `invalid_probability` at
 *   `["models", m, i]` (not finite, or a probability outside 0–1).
 * @example
 * ```ts
 * import { compareModels, renderModelComparison } from "leadkit/scoring";
 *
 * type Row = { readonly converted: boolean; readonly controlScore: number };
 * declare const test: readonly Row[];
 * declare const scorecard: import("leadkit/scoring").ComparedModel<Row>;
 * declare const boosting: import("leadkit/scoring").ComparedModel<Row>;
 * const controlScore = (row: Row) => row.controlScore;
 * const c = compareModels(test, [scorecard, boosting, { name: "control value", score: controlScore }]);
 * if (c.ok) console.log(renderModelComparison(c.value, "text"));
 * ```
 * @category Scoring
 */
export function compareModels<T extends { readonly converted: boolean }>(
  labelled: readonly T[],
  models: readonly ComparedModel<T>[],
  options: CompareModelsOptions = {},
): Result<ModelComparison> {
  const shape = [
    notArrayIssue(labelled, [], "labelled records { converted }"),
    notArrayIssue(models, ["models"], "models { name, score, probability? }"),
    notOptionsIssue(options, ["options"], "the options"),
  ].filter((i): i is Issue => i !== null);
  if (shape.length > 0) return err(shape);
  const badOptions = [
    countOptionIssue(options.groups, ["groups"], 1, MAX_GROUPS),
    countOptionIssue(options.bootstrap, ["bootstrap"], 0, MAX_RESAMPLES),
    options.seed === undefined || (typeof options.seed === "number" && Number.isFinite(options.seed))
      ? null
      : issue("invalid_type", ["seed"], `seed is ${describeValue(options.seed)}; expected a finite number`),
  ].filter((i): i is Issue => i !== null);
  if (badOptions.length > 0) return err(badOptions);
  const issues: Issue[] = [];
  if (labelled.length === 0) issues.push(issue("empty_input", [], "Expected at least one labelled record"));
  if (models.length === 0) issues.push(issue("empty_input", ["models"], "Expected at least one model"));
  issues.push(...rowIssues(labelled));
  const names = new Set<string>();
  models.forEach((m, k) => {
    const modelIssues = modelShapeIssues(m, k);
    if (modelIssues.length > 0) {
      issues.push(...modelIssues);
      return;
    }
    if (names.has(m.name))
      issues.push(
        issue(
          "duplicate_name",
          ["models", k, "name"],
          `Model name "${m.name}" is used twice; expected each once`,
        ),
      );
    names.add(m.name);
  });
  if (issues.length > 0) return err(capIssues(issues));
  const groups = Math.max(1, Math.floor(options.groups ?? 10));
  const resamples = Math.max(0, Math.floor(options.bootstrap ?? 1000));
  const confidence = options.confidence ?? 0.95;
  if (!(typeof confidence === "number" && confidence > 0 && confidence < 1))
    return err([
      issue(
        "invalid_value",
        ["confidence"],
        `Confidence ${describeValue(confidence)} is not a coverage; expected a number between 0 and 1, such as 0.95`,
      ),
    ]);
  const reports: ModelReport[] = [];
  models.forEach((m, k) => {
    const scored: Scored[] = [];
    const probabilities: { p: number; y: number }[] = [];
    let unscored = 0;
    labelled.forEach((record, i) => {
      const score = m.score(record);
      if (score === null) {
        unscored++;
        return;
      }
      if (typeof score !== "number" || !Number.isFinite(score)) {
        if (issues.length < 20)
          issues.push(
            issue(
              "invalid_score",
              ["models", k, i],
              `Model "${m.name}" scored record ${i} ${describeValue(score)}; expected a finite number`,
            ),
          );
        return;
      }
      const y = record.converted ? 1 : 0;
      scored.push({ score, y });
      if (m.probability !== undefined) {
        const p = m.probability(record);
        if (typeof p !== "number" || !(p >= 0 && p <= 1)) {
          if (issues.length < 20)
            issues.push(
              issue(
                "invalid_probability",
                ["models", k, i],
                `Model "${m.name}" gave record ${i} the probability ${describeValue(p)}; expected 0 to 1`,
              ),
            );
          return;
        }
        probabilities.push({ p, y });
      }
    });
    if (issues.length > 0) return;
    reports.push(
      report(
        m.name,
        scored,
        probabilities,
        m.probability !== undefined,
        unscored,
        groups,
        resamples,
        confidence,
        options.seed ?? 1,
      ),
    );
  });
  if (issues.length > 0) return err(issues);
  const conversions = labelled.reduce((n, r) => n + (r.converted ? 1 : 0), 0);
  return ok({
    count: labelled.length,
    conversions,
    baseRate: conversions / labelled.length,
    confidence: resamples > 0 ? confidence : null,
    calibrationConfidence: confidence,
    models: reports,
  });
}

/**
 * Issues for rows that are not objects or whose `converted` is not a boolean: read by truthiness,
 * the string "false" would count as a conversion and every figure would be silently wrong.
 */
function rowIssues(labelled: readonly unknown[]): Issue[] {
  const issues: Issue[] = [];
  let bad = 0;
  labelled.forEach((row, i) => {
    const converted: unknown = isObject(row) ? (row as { converted?: unknown }).converted : undefined;
    if (typeof converted === "boolean") return;
    bad++;
    if (issues.length < INPUT_LIMITS.issues)
      issues.push(
        isObject(row)
          ? issue(
              "invalid_type",
              [i, "converted"],
              `Record ${i} has converted ${describeValue(converted)}; expected true or false`,
            )
          : issue(
              "invalid_type",
              [i],
              `Record ${i} is ${describeValue(row)}; expected an object with converted`,
            ),
      );
  });
  if (bad > issues.length) issues.push(tooManyIssues(bad - issues.length));
  return issues;
}

/** Issues for a model that is not `{ name: string, score: function, probability?: function }`. */
function modelShapeIssues(m: unknown, k: number): Issue[] {
  if (!isObject(m))
    return [
      issue(
        "invalid_type",
        ["models", k],
        `Model ${k} is ${describeValue(m)}; expected { name, score, probability? }`,
      ),
    ];
  const model = m as { name?: unknown; score?: unknown; probability?: unknown };
  const issues: Issue[] = [];
  if (typeof model.name !== "string")
    issues.push(
      issue(
        "invalid_type",
        ["models", k, "name"],
        `Model ${k} has name ${describeValue(model.name)}; expected a string`,
      ),
    );
  if (typeof model.score !== "function")
    issues.push(
      issue(
        "invalid_type",
        ["models", k, "score"],
        `Model ${k} has score ${describeValue(model.score)}; expected a function`,
      ),
    );
  if (model.probability !== undefined && typeof model.probability !== "function")
    issues.push(
      issue(
        "invalid_type",
        ["models", k, "probability"],
        `Model ${k} has probability ${describeValue(model.probability)}; expected a function or nothing`,
      ),
    );
  return issues;
}

function report(
  name: string,
  scored: readonly Scored[],
  probabilities: readonly { p: number; y: number }[],
  hasProbability: boolean,
  unscored: number,
  groups: number,
  resamples: number,
  confidence: number,
  seed: number,
): ModelReport {
  const sorted = [...scored].sort((a, b) => a.score - b.score);
  const rocAuc = weightedAuc(sorted, null);
  let rocAucInterval: [number, number] | null = null;
  if (resamples > 0 && rocAuc !== null) {
    const random = seededRandom(seed);
    const weights = new Float64Array(sorted.length);
    const aucs: number[] = [];
    for (let r = 0; r < resamples; r++) {
      weights.fill(0);
      for (let d = 0; d < sorted.length; d++) {
        const at = Math.floor(random() * sorted.length);
        weights[at] = (weights[at] as number) + 1;
      }
      const auc = weightedAuc(sorted, weights);
      if (auc !== null) aucs.push(auc);
    }
    aucs.sort((a, b) => a - b);
    if (aucs.length > 0)
      rocAucInterval = [quantile(aucs, (1 - confidence) / 2), quantile(aucs, 1 - (1 - confidence) / 2)];
  }
  const evaluation = evaluateScores(
    scored.map((s) => ({ score: s.score, converted: s.y === 1 })),
    { groups },
  );
  let calibration: CalibrationGroup[] | null = null;
  let brierScore: number | null = null;
  let meanPredicted: number | null = null;
  if (hasProbability && probabilities.length > 0) {
    const byP = [...probabilities].sort((a, b) => a.p - b.p);
    const n = byP.length;
    brierScore = byP.reduce((s, x) => s + (x.p - x.y) ** 2, 0) / n;
    meanPredicted = byP.reduce((s, x) => s + x.p, 0) / n;
    calibration = [];
    const z = normalQuantile(1 - (1 - confidence) / 2);
    for (let g = 0; g < groups; g++) {
      const slice = byP.slice(Math.floor((g * n) / groups), Math.floor(((g + 1) * n) / groups));
      if (slice.length === 0) continue;
      const wins = slice.reduce((s, x) => s + x.y, 0);
      const meanPredicted = slice.reduce((s, x) => s + x.p, 0) / slice.length;
      const observedInterval = wilsonInterval(wins, slice.length, z);
      calibration.push({
        group: g + 1,
        count: slice.length,
        meanPredicted,
        observedRate: wins / slice.length,
        observedInterval,
        withinInterval: meanPredicted >= observedInterval[0] && meanPredicted <= observedInterval[1],
      });
    }
  }
  return {
    name,
    count: scored.length,
    unscored,
    conversions: scored.reduce((s, x) => s + x.y, 0),
    rocAuc,
    rocAucInterval,
    brierScore,
    meanPredicted,
    deciles: evaluation.ok ? evaluation.value.groups : [],
    calibration,
    largestCalibrationGap:
      calibration === null
        ? null
        : Math.max(0, ...calibration.map((c) => Math.abs(c.meanPredicted - c.observedRate))),
    calibrationWithinInterval:
      calibration === null ? null : calibration.filter((c) => c.withinInterval).length,
  };
}
