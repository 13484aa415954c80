import { FUNNEL_STAGES } from "../model/index.js";
import { bucketValue } from "./funnel-accumulator.js";
import {
  type DurationHistogram,
  FUNNEL_DIMENSIONS,
  FUNNEL_TIMED_STAGES,
  type FunnelAggregate,
  type FunnelCounts,
  type FunnelDimension,
  type FunnelStage,
  type FunnelTimedStage,
} from "./funnel-aggregate.js";
import { checkAggregate } from "./merge-funnel-aggregates.js";

/**
 * A ratio in [0, 1], or `null` when its denominator is zero — never `NaN` or `Infinity`.
 *
 * @example
 * ```ts
 * import { computeFunnel, type FunnelRate } from "leadkit/metrics";
 *
 * const percent = (rate: FunnelRate) => (rate === null ? "n/a" : `${(rate * 100).toFixed(1)} %`);
 * percent(computeFunnel(leads).total.leadToCustomerConversion); // e.g. "8.0 %", or "n/a" with no leads
 * ```
 * @category Metrics
 */
export type FunnelRate = number | null;

/**
 * Mean, median and 90th percentile of a set of durations, in days.
 *
 * @remarks
 * The mean is exact (over durations in whole seconds). Median and p90 are nearest-rank
 * percentiles read from a log-spaced histogram: within 0.79 % of the exact value (exact under
 * 128 seconds). All are `null` when there are no durations. In the `touch` dimension `count` is
 * credit (a fraction of leads) and the percentiles are weighted by it.
 *
 * @example
 * ```ts
 * import { computeFunnel } from "leadkit/metrics";
 *
 * const summary = computeFunnel(leads, { dimensions: ["source"] });
 *
 * const { medianDays, p90Days } = summary.total.timeToClose;
 * ```
 * @category Metrics
 */
export interface DurationSummary {
  /** How many durations. */
  readonly count: number;
  /** Exact mean, in days. */
  readonly meanDays: number | null;
  /** Median (nearest rank, lower middle for an even count), in days. */
  readonly medianDays: number | null;
  /** 90th percentile (nearest rank), in days. */
  readonly p90Days: number | null;
}

/**
 * How many leads reached one stage and how many were lost on the way to it.
 *
 * @example
 * ```ts
 * import { computeFunnel } from "leadkit/metrics";
 *
 * const summary = computeFunnel(leads, { dimensions: ["source"] });
 *
 * for (const s of summary.total.stages) console.log(s.stage, s.reached, s.conversionFromPrevious);
 * ```
 * @category Metrics
 */
export interface FunnelStageSummary {
  /** The stage. */
  readonly stage: FunnelStage;
  /** Leads that reached it. */
  readonly reached: number;
  /** Share of the previous stage's leads that reached it (`null` for the first stage or none before). */
  readonly conversionFromPrevious: FunnelRate;
  /** Share of all leads that reached it. */
  readonly conversionFromStart: FunnelRate;
  /** Leads that reached the previous stage but not this one (0 for the first stage). */
  readonly dropOff: number;
  /** `dropOff` as a share of the previous stage's leads. */
  readonly dropOffRate: FunnelRate;
}

/**
 * The weighted pipeline: open leads with an expected revenue and a probability.
 *
 * @example
 * ```ts
 * import { computeFunnel } from "leadkit/metrics";
 *
 * const summary = computeFunnel(leads, { dimensions: ["source"] });
 *
 * console.log(`€${summary.total.pipeline.weightedValue} expected`);
 * ```
 * @category Metrics
 */
export interface PipelineSummary {
  /** Open leads counted. */
  readonly leads: number;
  /** Sum of their expected revenue. */
  readonly expectedRevenue: number;
  /** Sum of expected revenue × probability (as Odoo's prorated revenue). */
  readonly weightedValue: number;
}

/**
 * Every rate and duration of one segment (or of all leads).
 *
 * @example
 * ```ts
 * import { computeFunnel } from "leadkit/metrics";
 *
 * const summary = computeFunnel(leads, { dimensions: ["source"] });
 *
 * const organic = summary.segments.source?.find((s) => s.key === "organic");
 * organic?.leadToCustomerConversion;
 * ```
 * @category Metrics
 */
export interface FunnelSegmentSummary {
  /** The dimension, or `null` for the total. */
  readonly dimension: FunnelDimension | null;
  /** The segment key (e.g. a source or user id); `"total"` for the total. */
  readonly key: string;
  /** Leads in the segment. */
  readonly leads: number;
  /** Won leads (reached `customer`). */
  readonly won: number;
  /** Closed-lost leads (`lost` or `disqualified`). */
  readonly lost: number;
  /** Archived leads. */
  readonly archived: number;
  /** Leads neither won, lost nor archived. */
  readonly open: number;
  /** Each main-path stage, in order. */
  readonly stages: readonly FunnelStageSummary[];
  /** Won / all leads. */
  readonly endToEndConversion: FunnelRate;
  /** Won / leads that reached `lead` (the reference 5–10 % and the conversion rate of docs/metrics.md). */
  readonly leadToCustomerConversion: FunnelRate;
  /** Won / (won + lost): how closed deals end. */
  readonly winRate: FunnelRate;
  /** Leads of active origin. */
  readonly active: number;
  /** Leads of passive origin. */
  readonly passive: number;
  /** Leads whose origin is unknown. */
  readonly unknownOrigin: number;
  /** Passive / (active + passive). */
  readonly passiveShare: FunnelRate;
  /** Creation to first reaching `customer`, for won leads. */
  readonly timeToClose: DurationSummary;
  /**
   * Speed to lead: capture to the owner's first response, for leads that have one (`count` of them);
   * p50 is `medianDays`, p90 `p90Days`. Segment by owner, source or origin for the figures per team.
   */
  readonly timeToFirstResponse: DurationSummary;
  /** Time spent in each stage by the leads that left it. */
  readonly timeInStage: Readonly<Record<FunnelTimedStage, DurationSummary>>;
  /** Total acquisition cost of leads with a known cost, or `null` when none has one. */
  readonly cost: number | null;
  /** Cost / leads with a known cost. */
  readonly costPerLead: number | null;
  /** Cost / won leads. */
  readonly costPerCustomer: number | null;
  /** The weighted pipeline. */
  readonly pipeline: PipelineSummary;
  /**
   * Leads whose history was out of time order (a move before creation or before the previous
   * move): counted, with their negative gaps as 0 days. Check your import when it is not 0.
   */
  readonly outOfOrderLeads: number;
}

/**
 * One key of a cross-segment's first dimension with the segments of the second within it: one
 * owner's leads per touch, say.
 *
 * @example
 * ```ts
 * import { computeFunnel, type FunnelCrossSegmentSummary } from "leadkit/metrics";
 *
 * const summary = computeFunnel(leads, { crossSegments: [["owner", "touch"]] });
 * const perTouch = (g: FunnelCrossSegmentSummary) => g.segments.map((s) => [s.key, s.won]);
 * const ana = summary.crossSegments?.owner?.touch?.find((g) => g.key === "u-ana");
 * if (ana) perTouch(ana); // [["google", 2.4], ["linkedin", 0.6], …]
 * ```
 * @category Metrics
 */
export interface FunnelCrossSegmentSummary {
  /** The key in the first dimension (an owner id, for `["owner", "touch"]`). */
  readonly key: string;
  /** Its segments in the second dimension, each with `dimension` set to it, ordered as in `segments`. */
  readonly segments: readonly FunnelSegmentSummary[];
}

/**
 * Funnel metrics as rates: the total and, per dimension, each segment.
 *
 * @example
 * ```ts
 * import { computeFunnel, type FunnelSummary } from "leadkit/metrics";
 *
 * const summary: FunnelSummary = computeFunnel(leads);
 * summary.total.stages.map((s) => s.reached);
 * ```
 * @category Metrics
 */
export interface FunnelSummary {
  /** All leads. */
  readonly total: FunnelSegmentSummary;
  /**
   * Segments per dimension: periods in chronological order, others by leads (most first) then key.
   */
  readonly segments: { readonly [D in FunnelDimension]?: readonly FunnelSegmentSummary[] };
  /**
   * Cross-segments, when the aggregate has them: by first dimension, then second, one entry per key
   * of the first (ordered as segments are, by the leads of its cells), each with its segments of the
   * second.
   */
  readonly crossSegments?: {
    readonly [A in FunnelDimension]?: {
      readonly [B in FunnelDimension]?: readonly FunnelCrossSegmentSummary[];
    };
  };
}

const DAY_SECONDS = 86_400;
const EMPTY_HISTOGRAM: DurationHistogram = { count: 0, sumSeconds: 0, buckets: {} };

/** `numerator / denominator`, or `null` when the denominator is zero. */
export function ratio(numerator: number, denominator: number): FunnelRate {
  return denominator === 0 ? null : numerator / denominator;
}

function percentile(h: DurationHistogram, q: number): number | null {
  if (h.count === 0) return null;
  // Nearest rank, weighted: the first bucket whose running count reaches q × count. For whole
  // counts this is the rank ⌈q × count⌉; the `touch` dimension's fractional counts read the same way.
  const rank = q * h.count;
  let seen = 0;
  let last = 0;
  for (const [key, n] of Object.entries(h.buckets)) {
    last = Number(key);
    seen += n;
    if (seen >= rank) break;
  }
  return bucketValue(last) / DAY_SECONDS;
}

function summarizeDurations(h: DurationHistogram): DurationSummary {
  return {
    count: h.count,
    meanDays: h.count === 0 ? null : h.sumSeconds / h.count / DAY_SECONDS,
    medianDays: percentile(h, 0.5),
    p90Days: percentile(h, 0.9),
  };
}

function summarizeCounts(
  dimension: FunnelDimension | null,
  key: string,
  c: FunnelCounts,
): FunnelSegmentSummary {
  const stages = FUNNEL_STAGES.map((stage, i): FunnelStageSummary => {
    const reached = c.reached[stage];
    const before = i === 0 ? null : c.reached[FUNNEL_STAGES[i - 1] ?? stage];
    const dropOff = before === null ? 0 : before - reached;
    return {
      stage,
      reached,
      conversionFromPrevious: before === null ? null : ratio(reached, before),
      conversionFromStart: ratio(reached, c.leads),
      dropOff,
      dropOffRate: before === null ? null : ratio(dropOff, before),
    };
  });
  const timeInStage = Object.fromEntries(
    FUNNEL_TIMED_STAGES.map((s) => [s, summarizeDurations(c.timeInStage[s])]),
  ) as Record<FunnelTimedStage, DurationSummary>;
  return {
    dimension,
    key,
    leads: c.leads,
    won: c.won,
    lost: c.lost,
    archived: c.archived,
    open: c.leads - c.won - c.lost - c.archived,
    stages,
    endToEndConversion: ratio(c.won, c.leads),
    leadToCustomerConversion: ratio(c.won, c.reached.lead),
    winRate: ratio(c.won, c.won + c.lost),
    active: c.active,
    passive: c.passive,
    unknownOrigin: c.leads - c.active - c.passive,
    passiveShare: ratio(c.passive, c.active + c.passive),
    timeToClose: summarizeDurations(c.timeToClose),
    timeToFirstResponse: summarizeDurations(c.timeToFirstResponse ?? EMPTY_HISTOGRAM),
    timeInStage,
    cost: c.costedLeads === 0 ? null : c.costCents / 100,
    costPerLead: c.costedLeads === 0 ? null : c.costCents / 100 / c.costedLeads,
    costPerCustomer: c.costedLeads === 0 || c.won === 0 ? null : c.costCents / 100 / c.won,
    pipeline: {
      leads: c.pipelineLeads,
      expectedRevenue: c.pipelineRevenueCents / 100,
      weightedValue: c.pipelineWeightedCents / 100,
    },
    outOfOrderLeads: c.outOfOrderLeads ?? 0,
  };
}

/**
 * Turns an aggregate into rates, percentiles and costs.
 *
 * @param aggregate - Counts from {@link computeFunnelAggregate} or {@link mergeFunnelAggregates}, or
 *   one read back from storage: it is checked as {@link mergeFunnelAggregates} checks its inputs.
 * @returns The summary; every rate is in [0, 1] or `null`.
 * @throws LeadKitError `invalid_input` for an aggregate of the wrong shape (a missing or negative
 *   count, histogram buckets that are not histogram indices or do not add up to their count), naming
 *   its path.
 * @example
 * ```ts
 * import { mergeFunnelAggregates, summarizeFunnel } from "leadkit/metrics";
 *
 * declare const shardA: import("leadkit/metrics").FunnelAggregate;
 * declare const shardB: import("leadkit/metrics").FunnelAggregate;
 * const summary = summarizeFunnel(mergeFunnelAggregates(shardA, shardB));
 * summary.total.timeToClose.medianDays;
 * ```
 * @category Metrics
 */
export function summarizeFunnel(aggregate: FunnelAggregate): FunnelSummary {
  checkAggregate(aggregate, "aggregate");
  return summarizeCheckedFunnel(aggregate);
}

/** {@link summarizeFunnel} of an aggregate leadkit has just computed (so not checked again). */
export function summarizeCheckedFunnel(aggregate: FunnelAggregate): FunnelSummary {
  const segments: Partial<Record<FunnelDimension, readonly FunnelSegmentSummary[]>> = {};
  for (const dimension of FUNNEL_DIMENSIONS) {
    const byKey = aggregate.segments[dimension];
    if (byKey === undefined) continue;
    segments[dimension] = summarizeSegments(dimension, byKey);
  }
  const total = summarizeCounts(null, "total", aggregate.total);
  const crosses = aggregate.crossSegments;
  if (crosses === undefined) return { total, segments };
  const crossSegments: Partial<
    Record<FunnelDimension, Partial<Record<FunnelDimension, readonly FunnelCrossSegmentSummary[]>>>
  > = {};
  for (const a of FUNNEL_DIMENSIONS) {
    const byB = crosses[a];
    if (byB === undefined) continue;
    const summaries: Partial<Record<FunnelDimension, readonly FunnelCrossSegmentSummary[]>> = {};
    for (const b of FUNNEL_DIMENSIONS) {
      const cells = byB[b];
      if (cells === undefined) continue;
      const groups = Object.entries(cells).map(([key, byKey]) => {
        const inner = summarizeSegments(b, byKey);
        return { key, segments: inner, leads: inner.reduce((n, s) => n + s.leads, 0) };
      });
      groups.sort((x, y) =>
        a === "period" ? compareKeys(x.key, y.key) : y.leads - x.leads || compareKeys(x.key, y.key),
      );
      summaries[b] = groups.map(({ key, segments: inner }) => ({ key, segments: inner }));
    }
    crossSegments[a] = summaries;
  }
  return { total, segments, crossSegments };
}

/** A dimension's segments summarised: periods in chronological order, others by leads then key. */
function summarizeSegments(
  dimension: FunnelDimension,
  byKey: Readonly<Record<string, FunnelCounts>>,
): FunnelSegmentSummary[] {
  const list = Object.entries(byKey).map(([key, c]) => summarizeCounts(dimension, key, c));
  list.sort((a, b) =>
    dimension === "period" ? compareKeys(a.key, b.key) : b.leads - a.leads || compareKeys(a.key, b.key),
  );
  return list;
}

const compareKeys = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
