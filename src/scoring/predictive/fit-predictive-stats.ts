import { type Issue, LeadKitError } from "../../internal/index.js";
import { notIterableIssue } from "../argument-issues.js";
import type { PredictiveSetup } from "./predictive-config.js";
import { type CountingCell, type PredictiveStats, toStats } from "./predictive-stats.js";
import { applyPredictiveRecord, readPredictiveRecord } from "./read-predictive-record.js";

/**
 * Options for {@link fitPredictiveStats}.
 *
 * @example
 * ```ts
 * import { type FitPredictiveOptions, fitPredictiveStats, leadPredictiveSetup } from "leadkit/scoring";
 *
 * const options: FitPredictiveOptions = { onProgress: ({ seen }) => console.log(seen), progressEvery: 100_000 };
 * fitPredictiveStats(leadPredictiveSetup(), leads, options).won;
 * ```
 * @category Scoring
 */
export interface FitPredictiveOptions {
  /** Called every `progressEvery` records and once at the end. */
  readonly onProgress?: (progress: FitProgress) => void;
  /** How many records between progress reports (default 10,000). */
  readonly progressEvery?: number;
  /** How many issues to keep in the result; the rest are only counted (default 100). */
  readonly maxIssues?: number;
}

/**
 * How far a fit has got.
 *
 * @example
 * ```ts
 * import type { FitProgress } from "leadkit/scoring";
 *
 * const report = ({ seen, won, lost }: FitProgress) => console.log(`${seen} read, ${won + lost} closed`);
 * ```
 * @category Scoring
 */
export interface FitProgress {
  /** Records read so far. */
  readonly seen: number;
  /** Won records counted so far. */
  readonly won: number;
  /** Lost records counted so far. */
  readonly lost: number;
}

/**
 * What {@link fitPredictiveStats} found: the statistics, what was counted, and the records it had
 * to leave out.
 *
 * @example
 * ```ts
 * import { fitPredictiveStats } from "leadkit/scoring";
 *
 * declare const setup: import("leadkit/scoring").PredictiveSetup<import("leadkit").Lead>;
 * declare const closedLeads: readonly import("leadkit").Lead[];
 * const { stats, won, lost, skipped } = fitPredictiveStats(setup, closedLeads);
 * ```
 * @category Scoring
 */
export interface PredictiveFit {
  /** The frequency-table cells, in canonical order. */
  readonly stats: PredictiveStats;
  /** Records read. */
  readonly seen: number;
  /** Won records counted. */
  readonly won: number;
  /** Lost records counted. */
  readonly lost: number;
  /** Open records, which a fit ignores. */
  readonly open: number;
  /** Records left out because they could not be read (e.g. no stage); see `issues`. */
  readonly skipped: number;
  /** Why records were left out, path `[index, …]` into the input; at most `maxIssues`. */
  readonly issues: readonly Issue[];
}

function createFitter<T>(setup: PredictiveSetup<T>, options: FitPredictiveOptions) {
  const cells = new Map<string, CountingCell>();
  const every = Math.max(1, options.progressEvery ?? 10_000);
  const maxIssues = options.maxIssues ?? 100;
  const issues: Issue[] = [];
  let seen = 0;
  let won = 0;
  let lost = 0;
  let open = 0;
  let skipped = 0;
  return {
    push(record: T): void {
      const index = seen++;
      const outcome = setup.adapter.outcome(record);
      if (outcome === "open") open++;
      else {
        const read = readPredictiveRecord(setup, record, [index]);
        if (read.ok) {
          applyPredictiveRecord(cells, setup.config, read.value, 1);
          if (outcome === "won") won++;
          else lost++;
        } else {
          skipped++;
          for (const i of read.issues) if (issues.length < maxIssues) issues.push(i);
        }
      }
      if (seen % every === 0) options.onProgress?.({ seen, won, lost });
    },
    finish(): PredictiveFit {
      options.onProgress?.({ seen, won, lost });
      return { stats: toStats(cells), seen, won, lost, open, skipped, issues };
    },
  };
}

/**
 * Fits a predictive model's statistics (a full rebuild) from closed records, in one pass.
 *
 * @remarks
 * Takes any iterable, sync or async (a generator, a database cursor, a stream of parsed lines), and
 * keeps only counts: memory grows with the number of distinct team × field × value cells, not with
 * the number of records. Open records are ignored; records that cannot be read (a lost record
 * without a stage) are skipped and reported with their index.
 *
 * @param setup - Configuration and adapter ({@link createPredictiveSetup}).
 * @param records - The history: won, lost (and open, ignored) records.
 * @param options - Progress reporting, see {@link FitPredictiveOptions}.
 * @returns The fit — a promise when `records` is async.
 * @example
 * ```ts
 * import { buildPredictiveModel, fitPredictiveStats, leadPredictiveSetup } from "leadkit/scoring";
 *
 * const fit = fitPredictiveStats(leadPredictiveSetup(), leads);
 * const model = buildPredictiveModel(leadPredictiveSetup(), fit.stats);
 * ```
 * @category Scoring
 */
export function fitPredictiveStats<T>(
  setup: PredictiveSetup<T>,
  records: Iterable<T>,
  options?: FitPredictiveOptions,
): PredictiveFit;
export function fitPredictiveStats<T>(
  setup: PredictiveSetup<T>,
  records: AsyncIterable<T>,
  options?: FitPredictiveOptions,
): Promise<PredictiveFit>;
export function fitPredictiveStats<T>(
  setup: PredictiveSetup<T>,
  records: Iterable<T> | AsyncIterable<T>,
  options: FitPredictiveOptions = {},
): PredictiveFit | Promise<PredictiveFit> {
  if (!(typeof records === "object" && records !== null && Symbol.asyncIterator in records)) {
    const notIterable = notIterableIssue(records, "records");
    if (notIterable !== null) throw new LeadKitError("invalid_input", notIterable.message, [notIterable]);
  }
  const fitter = createFitter(setup, options);
  if (Symbol.asyncIterator in records) {
    return (async () => {
      for await (const record of records) fitter.push(record);
      return fitter.finish();
    })();
  }
  for (const record of records) fitter.push(record);
  return fitter.finish();
}
