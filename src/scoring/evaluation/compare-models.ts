import { err, type Issue, issue, ok, type Result } from "../../internal/index.js";
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
  /** Groups for lift and calibration (default 10: deciles). */
  readonly groups?: number;
  /** Bootstrap resamples for the ROC AUC interval (default 1,000; 0 leaves the interval out). */
  readonly bootstrap?: number;
  /** Coverage of the interval (default 0.95). */
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
 * const gap = (g: CalibrationGroup) => Math.abs(g.meanPredicted - g.observedRate);
 * const c = compareModels(rows, [{ name: "predictive", score: (r) => r.probability, probability: (r) => r.probability }]);
 * if (c.ok) c.value.models[0]?.calibration?.map(gap);
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
  /** One report per model, in the order given. */
  readonly models: readonly ModelReport[];
}

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
 * and sets each group's mean prediction against its conversion rate. Use records no model was
 * fitted on (a held-out split or a later period).
 *
 * @param labelled - The records, each with `converted`.
 * @param models - The models, see {@link ComparedModel}.
 * @param options - Groups and bootstrap, see {@link CompareModelsOptions}.
 * @returns The {@link ModelComparison}, or issues: `empty_input` (no records or no models),
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
  const issues: Issue[] = [];
  if (labelled.length === 0) issues.push(issue("empty_input", [], "Expected at least one labelled record"));
  if (models.length === 0) issues.push(issue("empty_input", ["models"], "Expected at least one model"));
  const names = new Set<string>();
  models.forEach((m, k) => {
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
  if (issues.length > 0) return err(issues);
  const groups = Math.max(1, Math.floor(options.groups ?? 10));
  const resamples = Math.max(0, Math.floor(options.bootstrap ?? 1000));
  const confidence = options.confidence ?? 0.95;
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
              `Model "${m.name}" scored record ${i} ${String(score)}; expected a finite number`,
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
                `Model "${m.name}" gave record ${i} the probability ${String(p)}; expected 0 to 1`,
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
    models: reports,
  });
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
    for (let g = 0; g < groups; g++) {
      const slice = byP.slice(Math.floor((g * n) / groups), Math.floor(((g + 1) * n) / groups));
      if (slice.length === 0) continue;
      calibration.push({
        group: g + 1,
        count: slice.length,
        meanPredicted: slice.reduce((s, x) => s + x.p, 0) / slice.length,
        observedRate: slice.reduce((s, x) => s + x.y, 0) / slice.length,
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
  };
}
