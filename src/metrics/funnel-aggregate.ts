import type { FUNNEL_STAGES } from "../model/index.js";

/**
 * A stage on the main path of the funnel: contact → lead → prospect → potential client → customer.
 *
 * @example
 * ```ts
 * import { computeFunnel, type FunnelStage } from "leadkit/metrics";
 *
 * const reached = (stage: FunnelStage) => computeFunnel(leads).total.stages.find((s) => s.stage === stage)?.reached ?? 0;
 * reached("prospect");
 * ```
 * @category Metrics
 */
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

/**
 * The stages whose time a lead can spend before closing: every main-path stage but `customer`.
 *
 * @example
 * ```ts
 * import { FUNNEL_TIMED_STAGES } from "leadkit/metrics";
 *
 * FUNNEL_TIMED_STAGES; // ["contact", "lead", "prospect", "potential_client"]
 * ```
 * @category Metrics
 */
export const FUNNEL_TIMED_STAGES = ["contact", "lead", "prospect", "potential_client"] as const;

/**
 * One of {@link FUNNEL_TIMED_STAGES}.
 *
 * @example
 * ```ts
 * import { computeFunnel, type FunnelTimedStage } from "leadkit/metrics";
 *
 * const stage: FunnelTimedStage = "lead";
 * computeFunnel(leads).total.timeInStage[stage].medianDays; // how long leads sit before they are qualified
 * ```
 * @category Metrics
 */
export type FunnelTimedStage = (typeof FUNNEL_TIMED_STAGES)[number];

/**
 * The dimensions funnel metrics are segmented by. `generatedBy` is the user whose own action
 * captured the lead (active leads generated per user); `period` is the creation month or quarter,
 * in UTC or in the `timeZone` option, so each period is a cohort; `firstTouch` and `lastTouch` are
 * the `utm_source` of the lead's first and last marketing touch before conversion (`findTouches`);
 * `touch` splits each lead's credit over the `utm_source` of all those touches, as the `credit`
 * option says (see {@link FunnelCredit}): its counts can be fractions of a lead.
 *
 * @example
 * ```ts
 * import { FUNNEL_DIMENSIONS } from "leadkit/metrics";
 *
 * FUNNEL_DIMENSIONS.includes("owner"); // true
 * ```
 * @category Metrics
 */
export const FUNNEL_DIMENSIONS = [
  "origin",
  "source",
  "owner",
  "generatedBy",
  "industry",
  "interestLevel",
  "period",
  "firstTouch",
  "lastTouch",
  "touch",
] as const;

/**
 * One of {@link FUNNEL_DIMENSIONS}.
 *
 * @example
 * ```ts
 * import { computeFunnel, type FunnelDimension } from "leadkit/metrics";
 *
 * const dimensions: FunnelDimension[] = ["source", "owner"];
 * computeFunnel(leads, { dimensions }).segments.source?.map((s) => [s.key, s.leadToCustomerConversion]);
 * ```
 * @category Metrics
 */
export type FunnelDimension = (typeof FUNNEL_DIMENSIONS)[number];

/**
 * Two different dimensions crossed, for a cross-segment: `["owner", "touch"]` counts each owner's
 * leads per touch (the team view by touch), `["source", "period"]` each source's cohorts. Each lead
 * is counted once under its key in the first dimension and its key in the second; with `touch` on
 * either side its credit is split over its touches as in the `touch` dimension (see
 * {@link FunnelCredit}), so the cells of one first key add up to that key's segment.
 *
 * @example
 * ```ts
 * import { computeFunnelAggregate } from "leadkit/metrics";
 *
 * const aggregate = computeFunnelAggregate(leads, { crossSegments: [["owner", "touch"]], credit: "position" });
 * aggregate.crossSegments?.owner?.touch?.["u-ana"]?.["google"]?.won; // customers of Ana's credited to google
 * ```
 * @category Metrics
 */
export type FunnelDimensionPair = readonly [FunnelDimension, FunnelDimension];

/**
 * How the `touch` dimension splits each lead's unit of credit over its touches before conversion
 * (`findTouches`, oldest first): all to the `"first"` touch, all to the `"last"`, evenly
 * (`"linear"`), or `"position"`-based — 40 % to the first, 40 % to the last and 20 % shared by the
 * touches between (one touch takes all; two take 50 % each).
 *
 * @remarks
 * Credit is counted in whole units of 1/2^20 (1,048,576) of a lead, so every share and every sum of
 * shares is exact in a double and in SQL: merging aggregates and running {@link funnelToSql} give
 * the same figures to the last bit. A split that does not divide evenly gives its leftover units one
 * each to the earliest touches it splits over (linear thirds are 349,526 + 349,525 + 349,525 units);
 * position-based ends take 419,430 units each (40 % rounded down) and the middle touches share the
 * remaining 209,716. Touches at the same instant keep `findTouches`' order (the capture first, then
 * interactions as recorded). A lead's shares in one segment add up (two touches from `google` give
 * it both). A touch without a `utmSource`, and a lead without touches (its whole unit), count under
 * {@link FUNNEL_NO_VALUE}, so the segments of `touch` add up to the total. Every count of a segment
 * (leads, stages reached, won, histogram counts and buckets) adds the lead's share; sums of cents and
 * seconds add the share of each touch's amount, rounded half away from zero to a whole cent or second.
 * Aggregates computed with different credit models must not be merged.
 *
 * @example
 * ```ts
 * import { computeFunnelAggregate } from "leadkit/metrics";
 *
 * const byTouch = computeFunnelAggregate(leads, { dimensions: ["touch"], credit: "position" });
 * byTouch.segments.touch?.["google"]?.won; // e.g. 2.6 customers credited to google
 * ```
 * @category Metrics
 */
export type FunnelCredit = "first" | "last" | "linear" | "position";

/**
 * Every {@link FunnelCredit} model, for validation and menus.
 *
 * @example
 * ```ts
 * import { FUNNEL_CREDIT_MODELS } from "leadkit/metrics";
 *
 * FUNNEL_CREDIT_MODELS.includes("position"); // true
 * ```
 * @category Metrics
 */
export const FUNNEL_CREDIT_MODELS = [
  "first",
  "last",
  "linear",
  "position",
] as const satisfies readonly FunnelCredit[];

/**
 * The segment key for a lead with no value in a dimension (no source, no owner, unknown origin).
 *
 * @example
 * ```ts
 * import { FUNNEL_NO_VALUE } from "leadkit/metrics";
 *
 * declare const aggregate: import("leadkit/metrics").FunnelAggregate;
 * aggregate.segments.owner?.[FUNNEL_NO_VALUE]?.leads; // leads in the shared pool
 * ```
 * @category Metrics
 */
export const FUNNEL_NO_VALUE = "(none)";

/**
 * Whether a lead is active (its owner generated it) or passive (it arrived on its own, was shared
 * or referred) — see the origin module; metrics only receive the answer.
 *
 * @example
 * ```ts
 * import type { Lead } from "leadkit";
 * import { computeFunnel, type FunnelOrigin } from "leadkit/metrics";
 *
 * // Origin is decided elsewhere (leadkit/origin, or a stored field); metrics only read the answer.
 * const originOf = (lead: Lead): FunnelOrigin | null => (lead.generatedBy === null ? "passive" : "active");
 * computeFunnel(leads, { originOf }).total.passiveShare;
 * ```
 * @category Metrics
 */
export type FunnelOrigin = "active" | "passive";

/**
 * A mergeable histogram of durations in whole seconds: exact count and sum (so the mean is exact),
 * and log-spaced buckets for percentiles.
 *
 * @remarks
 * A duration `v` falls in bucket `shift * 128 + (v >> shift)`, where `shift` is its bit length
 * minus 7 (or 0): durations under 128 s are exact, longer ones keep their 7 leading bits. A
 * percentile read from the buckets is the bucket's midpoint, within 0.79 % (1/128) of the exact
 * nearest-rank value, and merging adds bucket counts — so merged percentiles equal percentiles of
 * the whole. A histogram holds at most 128 + 64 buckets per doubling beyond 128 s (≈ 1,700 for
 * durations up to 100 years), so memory grows with segments, never with leads.
 *
 * @example
 * ```ts
 * import { computeFunnelAggregate, type DurationHistogram } from "leadkit/metrics";
 *
 * // The exact mean from an aggregate, e.g. one read back from a warehouse.
 * const meanDays = (h: DurationHistogram) => (h.count === 0 ? null : h.sumSeconds / h.count / 86_400);
 * meanDays(computeFunnelAggregate(leads).total.timeToClose);
 * ```
 * @category Metrics
 */
export interface DurationHistogram {
  /** How many durations were recorded. */
  readonly count: number;
  /** Their exact sum, in seconds. */
  readonly sumSeconds: number;
  /** Bucket key (see remarks) → how many durations fell in it; keys in ascending numeric order. */
  readonly buckets: Readonly<Record<string, number>>;
}

/**
 * The additive counts of one segment of leads: everything a summary's rates are computed from.
 *
 * @remarks
 * Money is counted in hundredths (cents) as integers so that sums are exact and merging is
 * associative; summaries convert back to units. In the `touch` dimension the counts are credit,
 * fractions of a lead in multiples of 1/2^20 (see {@link FunnelCredit}), still exact when added.
 *
 * @example
 * ```ts
 * import type { FunnelCounts } from "leadkit/metrics";
 *
 * const won = (c: FunnelCounts) => c.reached.customer;
 * ```
 * @category Metrics
 */
export interface FunnelCounts {
  /** Leads in the segment. */
  readonly leads: number;
  /** Leads that reached each main-path stage (now or at any time in their history). */
  readonly reached: Readonly<Record<FunnelStage, number>>;
  /** Leads that reached `customer` (won). */
  readonly won: number;
  /** Leads now `lost` or `disqualified` that never reached `customer` (closed lost). */
  readonly lost: number;
  /** Leads now `archived` that never reached `customer`. */
  readonly archived: number;
  /** Leads whose origin is active. */
  readonly active: number;
  /** Leads whose origin is passive. */
  readonly passive: number;
  /** Leads with a known acquisition cost. */
  readonly costedLeads: number;
  /** Their total acquisition cost, in cents. */
  readonly costCents: number;
  /** Open leads with an expected revenue and a probability (the weighted pipeline). */
  readonly pipelineLeads: number;
  /** Their expected revenue, in cents. */
  readonly pipelineRevenueCents: number;
  /** Their expected revenue × probability, in cents (each lead rounded to the cent). */
  readonly pipelineWeightedCents: number;
  /**
   * Leads whose history has a move dated before their creation or before the move recorded ahead
   * of it (a lead won before it was created); their negative gaps were counted as 0 seconds.
   */
  readonly outOfOrderLeads: number;
  /** Time from creation to first reaching `customer`, for won leads. */
  readonly timeToClose: DurationHistogram;
  /**
   * Speed to lead: time from capture to the owner's first response (`findFirstResponse`), for the
   * leads that have one. Aggregates stored before it existed read as empty.
   */
  readonly timeToFirstResponse: DurationHistogram;
  /** Time spent in each stage before leaving it, summed over a lead's visits, per lead that left it. */
  readonly timeInStage: Readonly<Record<FunnelTimedStage, DurationHistogram>>;
}

/**
 * A partial result of funnel metrics: plain, JSON-serialisable counts for the whole input and for
 * every segment. Compute it per shard or per month and combine with {@link mergeFunnelAggregates};
 * turn it into rates with {@link summarizeFunnel}.
 *
 * @example
 * ```ts
 * import { computeFunnelAggregate, type FunnelAggregate } from "leadkit/metrics";
 *
 * declare const originOf: (lead: import("leadkit").Lead) => "active" | "passive" | null;
 * const aggregate: FunnelAggregate = computeFunnelAggregate(leads, { originOf });
 * JSON.stringify(aggregate); // safe to store or send
 * ```
 * @category Metrics
 */
export interface FunnelAggregate {
  /** Counts over every lead. */
  readonly total: FunnelCounts;
  /** Counts per dimension, then per segment key (keys in ascending order). */
  readonly segments: { readonly [D in FunnelDimension]?: Readonly<Record<string, FunnelCounts>> };
  /**
   * Counts per pair of dimensions asked for in `crossSegments` ({@link FunnelDimensionPair}): by the
   * first dimension, the second, then the key in the first and the key in the second (keys in
   * ascending order). Absent when no pair was asked for or no lead was counted.
   */
  readonly crossSegments?: {
    readonly [A in FunnelDimension]?: {
      readonly [B in FunnelDimension]?: Readonly<Record<string, Readonly<Record<string, FunnelCounts>>>>;
    };
  };
}
