import type { Issue } from "../../internal/index.js";
import { type EvaluateScoresOptions, evaluateScores, type ScoreEvaluation } from "./evaluate-scores.js";

/**
 * A calendar period a backtest groups records by (UTC).
 *
 * @example
 * ```ts
 * import { backtestByPeriod, type BacktestPeriod, compilePointsModel, DEFAULT_POINTS_MODEL, scoreLead } from "leadkit/scoring";
 *
 * // Train on each month, test on the next.
 * const period: BacktestPeriod = "month";
 * const model = compilePointsModel(DEFAULT_POINTS_MODEL);
 * backtestByPeriod(leads, { period, fit: () => (l) => scoreLead(model, l, now).value, at: (l) => l.createdAt, converted: (l) => l.stage === "customer" }).meanRocAuc;
 * ```
 * @category Scoring
 */
export type BacktestPeriod = "month" | "quarter" | "year";

/**
 * How to fit and score any model in a backtest: the fitter is a function, so the control-value
 * method, a points model or the predictive model all fit.
 *
 * @example
 * ```ts
 * import type { Lead } from "leadkit";
 * import {
 *   type BacktestOptions, backtestByPeriod, buildPredictiveModel, createPredictiveScorer, fitPredictiveStats, leadPredictiveSetup,
 * } from "leadkit/scoring";
 *
 * const setup = leadPredictiveSetup();
 * const options: BacktestOptions<Lead> = {
 *   fit: (training) => createPredictiveScorer(buildPredictiveModel(setup, fitPredictiveStats(setup, training).stats)),
 *   at: (lead) => lead.createdAt,
 *   converted: (lead) => lead.stage === "customer",
 * };
 * backtestByPeriod(leads, options).folds.map((f) => [f.testPeriod, f.evaluation?.rocAuc]);
 * ```
 * @category Scoring
 */
export interface BacktestOptions<T> {
  /** Fits a model on one period's records and returns a scorer; `null` from the scorer skips a record. */
  readonly fit: (training: readonly T[]) => (record: T) => number | null;
  /** When the record belongs to a period (e.g. its creation time). */
  readonly at: (record: T) => Date;
  /** Whether the record converted. */
  readonly converted: (record: T) => boolean;
  /** Period length (default `"quarter"`). */
  readonly period?: BacktestPeriod;
  /** How each test period is evaluated. */
  readonly evaluate?: EvaluateScoresOptions;
}

/**
 * One step of a backtest: fitted on one period, scored on the next.
 *
 * @example
 * ```ts
 * import { type BacktestFold, backtestByPeriod } from "leadkit/scoring";
 *
 * declare const options: import("leadkit/scoring").BacktestOptions<import("leadkit").Lead>;
 * const line = (fold: BacktestFold) => `${fold.trainPeriod} → ${fold.testPeriod}: AUC ${fold.evaluation?.rocAuc ?? "n/a"} (${fold.testCount} leads)`;
 * backtestByPeriod(leads, options).folds.map(line);
 * ```
 * @category Scoring
 */
export interface BacktestFold {
  /** The period fitted on, e.g. `"2026-Q1"`, `"2026-03"` or `"2026"`. */
  readonly trainPeriod: string;
  /** The next period with records, scored and evaluated. */
  readonly testPeriod: string;
  /** Records fitted on. */
  readonly trainCount: number;
  /** Records in the test period. */
  readonly testCount: number;
  /** Test records the scorer returned `null` for. */
  readonly unscored: number;
  /** The evaluation of the scored test records, `null` when it could not be made (see `issues`). */
  readonly evaluation: ScoreEvaluation | null;
  /** Why the evaluation could not be made. */
  readonly issues: readonly Issue[];
}

/**
 * A whole backtest.
 *
 * @example
 * ```ts
 * import { type BacktestOptions, backtestByPeriod } from "leadkit/scoring";
 *
 * declare const history: readonly import("leadkit").Lead[];
 * declare const options: BacktestOptions<import("leadkit").Lead>;
 * const { folds, meanRocAuc } = backtestByPeriod(history, options);
 * ```
 * @category Scoring
 */
export interface Backtest {
  /** One fold per pair of consecutive periods with records, oldest first. */
  readonly folds: readonly BacktestFold[];
  /** Mean ROC AUC over the folds that have one, `null` when none has. */
  readonly meanRocAuc: number | null;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** @internal The label of the period a time falls in, sortable as text. */
export function periodLabel(at: Date, period: BacktestPeriod): string {
  const year = at.getUTCFullYear();
  if (period === "year") return String(year);
  if (period === "month") return `${year}-${pad(at.getUTCMonth() + 1)}`;
  return `${year}-Q${Math.floor(at.getUTCMonth() / 3) + 1}`;
}

/**
 * Backtests a model honestly: fits on one period and scores the next, for every pair of
 * consecutive periods (quarters by default) — how the model would have done had it been used.
 *
 * @param records - The history, closed records with their outcome.
 * @param options - The fitter, the time and outcome of a record, see {@link BacktestOptions}.
 * @returns The folds and the mean ROC AUC.
 * @example
 * ```ts
 * import { backtestByPeriod } from "leadkit/scoring";
 *
 * declare const closedLeads: readonly import("leadkit").Lead[];
 * declare const fit: (training: readonly import("leadkit").Lead[]) => (lead: import("leadkit").Lead) => number | null;
 * const result = backtestByPeriod(closedLeads, { fit, at: (l) => l.createdAt, converted: (l) => l.stage === "customer" });
 * for (const f of result.folds) console.log(f.testPeriod, f.evaluation?.rocAuc);
 * ```
 * @category Scoring
 */
export function backtestByPeriod<T>(records: Iterable<T>, options: BacktestOptions<T>): Backtest {
  const period = options.period ?? "quarter";
  const byPeriod = new Map<string, T[]>();
  for (const record of records) {
    const label = periodLabel(options.at(record), period);
    const list = byPeriod.get(label);
    if (list === undefined) byPeriod.set(label, [record]);
    else list.push(record);
  }
  const labels = [...byPeriod.keys()].sort();
  const folds: BacktestFold[] = [];
  for (let i = 0; i + 1 < labels.length; i++) {
    const training = byPeriod.get(labels[i] as string) as T[];
    const testing = byPeriod.get(labels[i + 1] as string) as T[];
    const score = options.fit(training);
    const labelled: { score: number; converted: boolean }[] = [];
    for (const record of testing) {
      const s = score(record);
      if (s !== null) labelled.push({ score: s, converted: options.converted(record) });
    }
    const evaluation = evaluateScores(labelled, options.evaluate);
    folds.push({
      trainPeriod: labels[i] as string,
      testPeriod: labels[i + 1] as string,
      trainCount: training.length,
      testCount: testing.length,
      unscored: testing.length - labelled.length,
      evaluation: evaluation.ok ? evaluation.value : null,
      issues: evaluation.ok ? [] : evaluation.issues,
    });
  }
  const aucs = folds.flatMap((f) => (f.evaluation?.rocAuc == null ? [] : [f.evaluation.rocAuc]));
  return {
    folds,
    meanRocAuc: aucs.length === 0 ? null : aucs.reduce((a, b) => a + b, 0) / aucs.length,
  };
}
