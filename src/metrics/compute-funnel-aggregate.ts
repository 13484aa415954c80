import {
  capIssues,
  describeValue,
  err,
  INPUT_LIMITS,
  type Issue,
  issue,
  ok,
  quoteValue,
  type Result,
  timeZoneIssue,
  tooManyIssues,
  unwrapOrThrow,
} from "../internal/index.js";
import type { Lead } from "../model/index.js";
import { checkCrossSegments } from "./check-cross-segments.js";
import {
  type Accumulator,
  newAccumulator,
  type PeriodCut,
  RowCounter,
  toAggregate,
} from "./funnel-accumulator.js";
import {
  FUNNEL_CREDIT_MODELS,
  FUNNEL_DIMENSIONS,
  type FunnelAggregate,
  type FunnelDimension,
  type FunnelDimensionPair,
} from "./funnel-aggregate.js";
import type { FunnelOptions } from "./funnel-options.js";
import { funnelLeadIssuesPlain, looksCountable, projectRow } from "./project-funnel-row.js";

/** The most issues one computation reports; past it, the rest is summed up in one last issue. */
const MAX_ISSUES = INPUT_LIMITS.issues;

/** One pass over the leads: counts them, or collects what keeps them out. */
class FunnelPass {
  readonly acc: Accumulator = newAccumulator();
  readonly counter: RowCounter;
  readonly issues: Issue[] = [];
  #dropped = 0;
  #index = 0;
  /** Where projectRow records an accessor's bad answer: one array for the pass, emptied after use. */
  readonly #found: Issue[] = [];
  /**
   * Ids counted so far, and each one by its lead's index (holes for leads refused before the
   * check): a duplicate costs one `add` on the common path, and only a reported duplicate looks up
   * the first index.
   */
  readonly #seen: Set<string> | null;
  readonly #ids: string[] = [];

  readonly options: FunnelOptions;
  readonly dimensions: readonly FunnelDimension[];
  readonly cut: PeriodCut;

  constructor(
    options: FunnelOptions,
    dimensions: readonly FunnelDimension[],
    cut: PeriodCut,
    pairs: readonly FunnelDimensionPair[],
  ) {
    this.options = options;
    this.dimensions = dimensions;
    this.cut = cut;
    this.counter = new RowCounter(this.acc, dimensions, cut, pairs);
    this.#seen = options.checkDuplicateIds === false ? null : new Set();
  }

  #report(found: readonly Issue[]): void {
    for (const i of found)
      if (this.issues.length < MAX_ISSUES) this.issues.push(i);
      else this.#dropped++;
  }

  add(lead: Lead): void {
    const index = this.#index++;
    // The common case allocates nothing here: issues and their paths are built only for a lead
    // that has some.
    if (!looksCountable(lead)) {
      const found = funnelLeadIssuesPlain(lead, [index]);
      if (found.length > 0) {
        this.#report(found);
        return;
      }
    }
    const seen = this.#seen;
    if (seen !== null) {
      const before = seen.size;
      seen.add(lead.id);
      if (seen.size === before) {
        // At most MAX_ISSUES of these scans (the rest are only counted), so the cost stays linear.
        if (this.issues.length < MAX_ISSUES) {
          const first = this.#ids.indexOf(lead.id);
          this.issues.push(
            issue(
              "duplicate_id",
              [index, "id"],
              `Lead id "${lead.id}" was already counted at index ${first}; expected each lead once (the SQL table's primary key refuses it too)`,
            ),
          );
        } else this.#dropped++;
        return;
      }
      this.#ids[index] = lead.id;
    }
    const found = this.#found;
    const row = projectRow(lead, this.options, index, found);
    if (row === null) {
      this.#report(found);
      found.length = 0;
    }
    // Once a lead is refused the result is issues: counting the rest would only cost time.
    else if (this.issues.length === 0) this.counter.add(row);
  }

  result(): Result<FunnelAggregate> {
    if (this.issues.length === 0) return ok(toAggregate(this.acc));
    return err(this.#dropped === 0 ? this.issues : [...this.issues, tooManyIssues(this.#dropped)]);
  }
}

/** What is wrong with the options, and the cross-segments they ask for. */
function checkOptions(options: FunnelOptions): { issues: readonly Issue[]; pairs: FunnelDimensionPair[] } {
  if (options === null || typeof options !== "object" || Array.isArray(options))
    return {
      issues: [
        issue(
          "invalid_type",
          ["options"],
          `Expected funnel options (an object) or nothing; got ${describeValue(options)}`,
        ),
      ],
      pairs: [],
    };
  const issues: Issue[] = [];
  for (const name of ["originOf", "probabilityOf"] as const) {
    const value: unknown = options[name];
    if (value !== undefined && typeof value !== "function")
      issues.push(
        issue(
          "invalid_type",
          ["options", name],
          `Expected a function of a lead; got ${describeValue(value)}`,
        ),
      );
  }
  const costs: unknown = options.costs;
  if (
    costs !== undefined &&
    typeof costs !== "function" &&
    (costs === null || typeof costs !== "object" || Array.isArray(costs))
  )
    issues.push(
      issue(
        "invalid_type",
        ["options", "costs"],
        `Expected a cost table (an object of costs by source) or a function of a lead; got ${describeValue(costs)}`,
      ),
    );
  const dimensions: unknown = options.dimensions ?? FUNNEL_DIMENSIONS;
  if (!Array.isArray(dimensions))
    issues.push(issue("invalid_type", ["options", "dimensions"], "Expected an array of funnel dimensions"));
  else
    for (const [i, d] of dimensions.entries()) {
      if ((FUNNEL_DIMENSIONS as readonly unknown[]).includes(d)) continue;
      issues.push(
        issue(
          "unknown_dimension",
          ["options", "dimensions", i],
          `Unknown funnel dimension ${quoteValue(d)} in options.dimensions; expected some of ${FUNNEL_DIMENSIONS.join(", ")}`,
        ),
      );
      if (issues.length >= MAX_ISSUES) break;
    }
  const period: unknown = options.period ?? "quarter";
  if (period !== "month" && period !== "quarter")
    issues.push(
      issue(
        "invalid_period",
        ["options", "period"],
        `Period ${quoteValue(period)}; expected "month" or "quarter"`,
      ),
    );
  const credit: unknown = options.credit ?? "linear";
  if (!(FUNNEL_CREDIT_MODELS as readonly unknown[]).includes(credit))
    issues.push(
      issue(
        "invalid_credit",
        ["options", "credit"],
        `Credit model ${quoteValue(credit)} in options.credit; expected one of ${FUNNEL_CREDIT_MODELS.map((c) => `"${c}"`).join(", ")}`,
      ),
    );
  const zone: unknown = options.timeZone;
  const badZone = zone === undefined ? undefined : timeZoneIssue(zone, ["options", "timeZone"]);
  if (badZone !== undefined) issues.push(badZone);
  const pairs = checkCrossSegments(options.crossSegments, ["options", "crossSegments"], issues);
  return { issues: capIssues(issues), pairs };
}

/**
 * Counts a funnel in one pass over leads, returning issues instead of throwing: the safe twin of
 * {@link computeFunnelAggregate}.
 *
 * @remarks
 * A lead that cannot be counted is an issue at its index, and the result is then the issues (at
 * most 100, then one `too_many_issues`), never a partial count: `invalid_date` for an Invalid Date
 * or a date reloaded from JSON as a string (at `[i, "createdAt"]` or `[i, "history", j, "at"]`),
 * `date_out_of_range` for a creation date outside UTC years 1000–9999, `invalid_type`,
 * `invalid_number` for a NaN revenue, `unstorable_text` for text holding U+0000 or a lone surrogate,
 * `duplicate_id` for a lead id seen before (as the SQL table's primary key refuses it),
 * `invalid_probability` and `invalid_cost` for an accessor's bad answer, `unknown_dimension`,
 * `invalid_period`, `invalid_credit`, `invalid_cross_segment` and `invalid_time_zone` (or `invalid_type`) for options. History out of time order is not an issue: it is counted in
 * `outOfOrderLeads`. Checking ids keeps one entry per lead in memory; pass
 * `checkDuplicateIds: false` when ids are unique by construction.
 *
 * @param leads - Leads, as an array, a generator or an async iterable; read once, never modified.
 * @param options - Origin, probability and cost accessors, cohort period and dimensions.
 * @returns The aggregate, or the issues (a promise of either for an async iterable).
 * @example
 * ```ts
 * import { safeComputeFunnelAggregate } from "leadkit/metrics";
 *
 * const result = safeComputeFunnelAggregate(leads, { dimensions: ["source"] });
 * if (!result.ok) for (const i of result.issues) console.warn(i.path.join("."), i.message);
 * ```
 * @category Metrics
 */
export function safeComputeFunnelAggregate(
  leads: Iterable<Lead>,
  options?: FunnelOptions,
): Result<FunnelAggregate>;
export function safeComputeFunnelAggregate(
  leads: AsyncIterable<Lead>,
  options?: FunnelOptions,
): Promise<Result<FunnelAggregate>>;
export function safeComputeFunnelAggregate(
  leads: Iterable<Lead> | AsyncIterable<Lead>,
  options: FunnelOptions = {},
): Result<FunnelAggregate> | Promise<Result<FunnelAggregate>> {
  const isAsync = typeof leads === "object" && leads !== null && Symbol.asyncIterator in leads;
  const iterable = isAsync || (typeof leads === "object" && leads !== null && Symbol.iterator in leads);
  const checked = iterable
    ? checkOptions(options)
    : {
        issues: [
          issue(
            "invalid_type",
            [],
            `Expected leads as an array, an iterable or an async iterable; got ${describeValue(leads)}`,
          ),
        ],
        pairs: [],
      };
  if (checked.issues.length > 0) {
    const failed = err(checked.issues);
    return isAsync ? Promise.resolve(failed) : failed;
  }
  const pass = new FunnelPass(
    options,
    [...new Set(options.dimensions ?? FUNNEL_DIMENSIONS)],
    {
      period: options.period ?? "quarter",
      timeZone: options.timeZone,
      credit: options.credit ?? "linear",
    },
    checked.pairs,
  );
  if (isAsync) {
    return (async () => {
      for await (const lead of leads) pass.add(lead);
      return pass.result();
    })();
  }
  for (const lead of leads) pass.add(lead);
  return pass.result();
}

function unwrap(result: Result<FunnelAggregate>): FunnelAggregate {
  // Bad options are configuration (invalid_definition); a lead that cannot be counted is data.
  const optionsWrong = !result.ok && result.issues.every((i) => i.path[0] === "options");
  return optionsWrong
    ? unwrapOrThrow(result, "funnel options", "invalid_definition")
    : unwrapOrThrow(result, "leads: some cannot be counted");
}

/**
 * Counts a funnel in one pass over leads, in memory proportional to the number of segments (plus
 * one id per lead while duplicate ids are checked).
 *
 * @remarks
 * A lead "reached" a stage when its current stage, or any stage in its history, is that stage or
 * a later one on the main path: a lead now lost that was a prospect reached `prospect`. Every lead
 * reached `contact`. Given an async iterable (a database cursor, a paged API) it returns a promise.
 * Leads whose history is out of time order are counted and reported in `outOfOrderLeads`.
 *
 * @param leads - Leads, as an array, a generator or an async iterable; read once, never modified.
 * @param options - Origin, probability and cost accessors, cohort period and dimensions.
 * @returns The mergeable counts, ready for {@link summarizeFunnel} or {@link mergeFunnelAggregates}.
 * @throws LeadKitError `invalid_definition` for an unknown dimension, period or credit model, or a
 *   cross-segment that is not a pair of two different dimensions; `invalid_input` with
 *   the issues {@link safeComputeFunnelAggregate} returns for leads that cannot be counted.
 * @example
 * ```ts
 * import { computeFunnelAggregate } from "leadkit/metrics";
 *
 * const aggregate = computeFunnelAggregate(leads, { dimensions: ["source", "owner"] });
 * aggregate.segments.source?.["organic"]?.reached.customer;
 * ```
 * @category Metrics
 */
export function computeFunnelAggregate(leads: Iterable<Lead>, options?: FunnelOptions): FunnelAggregate;
export function computeFunnelAggregate(
  leads: AsyncIterable<Lead>,
  options?: FunnelOptions,
): Promise<FunnelAggregate>;
export function computeFunnelAggregate(
  leads: Iterable<Lead> | AsyncIterable<Lead>,
  options: FunnelOptions = {},
): FunnelAggregate | Promise<FunnelAggregate> {
  if (typeof leads === "object" && leads !== null && Symbol.asyncIterator in leads)
    return safeComputeFunnelAggregate(leads, options).then(unwrap);
  return unwrap(safeComputeFunnelAggregate(leads, options));
}
