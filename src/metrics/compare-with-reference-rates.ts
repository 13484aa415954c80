import { describeValue, LeadKitError } from "../internal/index.js";
import { FUNNEL_STAGES } from "../model/index.js";
import { FUNNEL_DIMENSIONS, type FunnelDimension, type FunnelStage } from "./funnel-aggregate.js";
import type { FunnelSegmentSummary, FunnelSummary } from "./summarize-funnel.js";

/**
 * An expected conversion range between two points of the funnel. `from: "visitor"` counts website
 * visitors, which leads do not record: pass them in {@link CompareWithReferenceRatesOptions.visitors}.
 *
 * @example
 * ```ts
 * import { compareWithReferenceRates, computeFunnel, FUNNEL_REFERENCE_RATES, type FunnelReferenceRate } from "leadkit/metrics";
 *
 * // Our own benchmark besides the shipped ones: 20–40 % of prospects buy.
 * const ref: FunnelReferenceRate = { name: "prospect_to_customer", from: "prospect", to: "customer", min: 0.2, max: 0.4 };
 * compareWithReferenceRates(computeFunnel(leads), { references: [...FUNNEL_REFERENCE_RATES, ref] });
 * ```
 * @category Metrics
 */
export interface FunnelReferenceRate {
  /** A snake_case name for reports. */
  readonly name: string;
  /** Where the denominator is counted: a stage, or website visitors. */
  readonly from: FunnelStage | "visitor";
  /** The stage the numerator reached; after `from`. */
  readonly to: FunnelStage;
  /** Lowest expected rate, in [0, 1]. */
  readonly min: number;
  /** Highest expected rate, in [min, 1]. */
  readonly max: number;
}

/**
 * Benchmarks (docs/metrics.md): 2–5 % of website visitors become leads; 5–10 % of leads become customers.
 *
 * @example
 * ```ts
 * import { compareWithReferenceRates, FUNNEL_REFERENCE_RATES } from "leadkit/metrics";
 *
 * declare const summary: import("leadkit/metrics").FunnelSummary;
 * compareWithReferenceRates(summary, { references: FUNNEL_REFERENCE_RATES });
 * ```
 * @category Metrics
 */
export const FUNNEL_REFERENCE_RATES: readonly FunnelReferenceRate[] = [
  { name: "visitor_to_lead", from: "visitor", to: "lead", min: 0.02, max: 0.05 },
  { name: "lead_to_customer", from: "lead", to: "customer", min: 0.05, max: 0.1 },
];

/**
 * Options for {@link compareWithReferenceRates}.
 *
 * @example
 * ```ts
 * import { type CompareWithReferenceRatesOptions, compareWithReferenceRates, computeFunnel } from "leadkit/metrics";
 *
 * // Web analytics' visitor counts make the visitor → lead rate comparable too.
 * const options: CompareWithReferenceRatesOptions = { visitors: { total: 40_000, "source:organic": 25_000 }, minSample: 30 };
 * compareWithReferenceRates(computeFunnel(leads, { dimensions: ["source"] }), options).filter((c) => c.status === "below");
 * ```
 * @category Metrics
 */
export interface CompareWithReferenceRatesOptions {
  /** The ranges to check (default {@link FUNNEL_REFERENCE_RATES}). */
  readonly references?: readonly FunnelReferenceRate[];
  /** Website visitors, keyed `"total"` or `"<dimension>:<key>"` (e.g. `"source:organic"`). */
  readonly visitors?: Readonly<Record<string, number>>;
  /** Dimensions whose segments are checked besides the total (default: all in the summary). */
  readonly dimensions?: readonly FunnelDimension[];
  /** Below this denominator a segment is `insufficient_data` rather than flagged (default 1). */
  readonly minSample?: number;
}

/**
 * Where a segment's rate stands against a reference range.
 *
 * @example
 * ```ts
 * import { compareWithReferenceRates, computeFunnel, type FunnelReferenceStatus } from "leadkit/metrics";
 *
 * const worrying: readonly FunnelReferenceStatus[] = ["below", "above"];
 * compareWithReferenceRates(computeFunnel(leads))
 *   .filter((c) => worrying.includes(c.status))
 *   .map((c) => `${c.reference} ${c.key}: ${c.rate} (expected ${c.min}–${c.max})`);
 * ```
 * @category Metrics
 */
export type FunnelReferenceStatus = "below" | "within" | "above" | "insufficient_data";

/**
 * One segment checked against one reference range.
 *
 * @example
 * ```ts
 * import { compareWithReferenceRates, computeFunnel, type FunnelReferenceComparison } from "leadkit/metrics";
 *
 * const comparisons = compareWithReferenceRates(computeFunnel(leads));
 * const flagged = comparisons.filter((c: FunnelReferenceComparison) => c.status === "below" || c.status === "above");
 * ```
 * @category Metrics
 */
export interface FunnelReferenceComparison {
  /** The reference's name. */
  readonly reference: string;
  /** The segment's dimension, or `null` for the total. */
  readonly dimension: FunnelDimension | null;
  /** The segment key (`"total"` for the total). */
  readonly key: string;
  /** The observed rate, or `null` without data. */
  readonly rate: number | null;
  /** The denominator: visitors or leads that reached `from`. */
  readonly sample: number;
  /** Expected minimum. */
  readonly min: number;
  /** Expected maximum. */
  readonly max: number;
  /** Below, within or above the range, or not enough data to say. */
  readonly status: FunnelReferenceStatus;
}

/**
 * Checks the total and every segment against reference conversion ranges (docs/metrics.md's by default).
 *
 * @param summary - A funnel summary.
 * @param options - References, visitor counts, dimensions and minimum sample.
 * @returns One comparison per segment and reference; filter on `status` for the flagged ones.
 * @throws LeadKitError `invalid_definition` for a reference whose range is not within [0, 1] and
 *   ordered, or whose `to` is not after `from`; or for `visitors` that is not an object of whole
 *   numbers ≥ 0 (a negative count would give a negative rate).
 * @example
 * ```ts
 * import { compareWithReferenceRates } from "leadkit/metrics";
 *
 * declare const summary: import("leadkit/metrics").FunnelSummary;
 * const flagged = compareWithReferenceRates(summary, { minSample: 20 }).filter((c) => c.status === "below");
 * ```
 * @category Metrics
 */
export function compareWithReferenceRates(
  summary: FunnelSummary,
  options: CompareWithReferenceRatesOptions = {},
): readonly FunnelReferenceComparison[] {
  const references = options.references ?? FUNNEL_REFERENCE_RATES;
  references.forEach(checkReference);
  const visitors = checkVisitors(options.visitors);
  const minSample = options.minSample ?? 1;
  const segments: FunnelSegmentSummary[] = [summary.total];
  for (const dimension of options.dimensions ?? FUNNEL_DIMENSIONS) {
    segments.push(...(summary.segments[dimension] ?? []));
  }
  const out: FunnelReferenceComparison[] = [];
  for (const reference of references) {
    for (const segment of segments) {
      const id = segment.dimension === null ? "total" : `${segment.dimension}:${segment.key}`;
      const sample =
        reference.from === "visitor" ? (visitors.get(id) ?? 0) : reachedAt(segment, reference.from);
      const reached = reachedAt(segment, reference.to);
      const rate = sample === 0 ? null : Math.min(1, reached / sample);
      const status: FunnelReferenceStatus =
        rate === null || sample < minSample
          ? "insufficient_data"
          : rate < reference.min
            ? "below"
            : rate > reference.max
              ? "above"
              : "within";
      out.push({
        reference: reference.name,
        dimension: segment.dimension,
        key: segment.key,
        rate,
        sample,
        min: reference.min,
        max: reference.max,
        status,
      });
    }
  }
  return out;
}

const reachedAt = (segment: FunnelSegmentSummary, stage: FunnelStage) =>
  segment.stages.find((s) => s.stage === stage)?.reached ?? 0;

function checkReference(reference: FunnelReferenceRate, index: number): void {
  const from = reference.from === "visitor" ? -1 : FUNNEL_STAGES.indexOf(reference.from);
  const to = FUNNEL_STAGES.indexOf(reference.to);
  const rangeOk = reference.min >= 0 && reference.min <= reference.max && reference.max <= 1;
  if (!rangeOk || to <= from) {
    throw new LeadKitError(
      "invalid_definition",
      `Reference rate ${index} ("${reference.name}") is invalid: expected 0 ≤ min ≤ max ≤ 1 and "to" after "from", got min ${reference.min}, max ${reference.max}, from "${reference.from}", to "${reference.to}"`,
      [
        {
          code: "invalid_reference_rate",
          path: ["references", index],
          message: "Expected 0 ≤ min ≤ max ≤ 1 and to after from",
        },
      ],
    );
  }
}

/** The visitor counts by id, checked: whole numbers ≥ 0, own keys only (keys name segments: data). */
function checkVisitors(visitors: unknown): ReadonlyMap<string, number> {
  const counts = new Map<string, number>();
  if (visitors === undefined) return counts;
  const refuse = (path: (string | number)[], found: unknown): never => {
    const where = path.length === 1 ? "options.visitors" : `options.visitors[${JSON.stringify(path[1])}]`;
    const expected = "expected an object of whole visitor counts ≥ 0, such as { total: 40000 }";
    throw new LeadKitError("invalid_definition", `${where} is ${describeValue(found)}; ${expected}`, [
      {
        code: "invalid_visitor_count",
        path,
        message: `Expected a whole number ≥ 0; got ${describeValue(found)}`,
      },
    ]);
  };
  if (visitors === null || typeof visitors !== "object" || Array.isArray(visitors))
    refuse(["visitors"], visitors);
  for (const [id, n] of Object.entries(visitors as object)) {
    if (!(Number.isSafeInteger(n) && n >= 0)) refuse(["visitors", id], n);
    counts.set(id, n);
  }
  return counts;
}
