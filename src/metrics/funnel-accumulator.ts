// Internal: the mutable accumulator behind computeFunnelAggregate and mergeFunnelAggregates.
// Public aggregates are plain frozen-shape data; this is where the counting happens, in maps.
import { tzOffset } from "@date-fns/tz/tzOffset";
import { FUNNEL_STAGES } from "../model/index.js";
import {
  type DurationHistogram,
  FUNNEL_DIMENSIONS,
  FUNNEL_NO_VALUE,
  FUNNEL_TIMED_STAGES,
  type FunnelAggregate,
  type FunnelCounts,
  type FunnelDimension,
  type FunnelStage,
  type FunnelTimedStage,
} from "./funnel-aggregate.js";
import type { FunnelPeriod } from "./funnel-options.js";
import type { FunnelRow } from "./project-funnel-row.js";

interface Histogram {
  count: number;
  sumSeconds: number;
  buckets: Map<number, number>;
}

interface Counts {
  leads: number;
  reached: number[];
  won: number;
  lost: number;
  archived: number;
  active: number;
  passive: number;
  costedLeads: number;
  costCents: number;
  pipelineLeads: number;
  pipelineRevenueCents: number;
  pipelineWeightedCents: number;
  outOfOrderLeads: number;
  timeToClose: Histogram;
  timeToFirstResponse: Histogram;
  timeInStage: Histogram[];
}

/** Mutable counts for the total and every segment. */
export interface Accumulator {
  readonly total: Counts;
  readonly segments: Map<FunnelDimension, Map<string, Counts>>;
}

const PRECISION_BITS = 7;

/** Bit length of a non-negative integer below 2^53. */
function bitLength(v: number): number {
  if (v < 0x1_0000_0000) return 32 - Math.clz32(v);
  return 64 - Math.clz32(Math.floor(v / 0x1_0000_0000));
}

/** The histogram bucket of a duration in whole seconds (see DurationHistogram). */
export function bucketOf(seconds: number): number {
  // Below 2³² (nearly every duration: 136 years), the same key with integer operations: `2 ** shift`
  // with a variable exponent is a call to Math.pow, and this runs per duration per segment.
  if (seconds >= 0 && seconds < 0x1_0000_0000) {
    const shift = Math.max(0, 32 - Math.clz32(seconds) - PRECISION_BITS);
    return (shift << PRECISION_BITS) + (seconds >>> shift);
  }
  return bucketOfPlain(seconds);
}

/** {@link bucketOf} by its definition, for any number: the general path the fast one twins. */
export function bucketOfPlain(seconds: number): number {
  const shift = Math.max(0, bitLength(seconds) - PRECISION_BITS);
  return shift * 2 ** PRECISION_BITS + Math.floor(seconds / 2 ** shift);
}

/** The midpoint of a bucket: exact below 128 s, otherwise within 1/128 of every value in it. */
export function bucketValue(key: number): number {
  const shift = Math.floor(key / 2 ** PRECISION_BITS);
  const top = key % 2 ** PRECISION_BITS;
  return top * 2 ** shift + (2 ** shift - 1) / 2;
}

const newHistogram = (): Histogram => ({ count: 0, sumSeconds: 0, buckets: new Map() });

function newCounts(): Counts {
  return {
    leads: 0,
    reached: [0, 0, 0, 0, 0],
    won: 0,
    lost: 0,
    archived: 0,
    active: 0,
    passive: 0,
    costedLeads: 0,
    costCents: 0,
    pipelineLeads: 0,
    pipelineRevenueCents: 0,
    pipelineWeightedCents: 0,
    outOfOrderLeads: 0,
    timeToClose: newHistogram(),
    timeToFirstResponse: newHistogram(),
    timeInStage: FUNNEL_TIMED_STAGES.map(newHistogram),
  };
}

export function newAccumulator(): Accumulator {
  return { total: newCounts(), segments: new Map() };
}

function record(h: Histogram, seconds: number | null): void {
  if (seconds === null) return;
  h.count += 1;
  h.sumSeconds += seconds;
  const key = bucketOf(seconds);
  h.buckets.set(key, (h.buckets.get(key) ?? 0) + 1);
}

function addRow(c: Counts, row: FunnelRow): void {
  c.leads += 1;
  for (let i = 0; i <= row.reached_stage; i++) c.reached[i] = (c.reached[i] ?? 0) + 1;
  if (row.won) c.won += 1;
  if (row.lost) c.lost += 1;
  if (row.archived) c.archived += 1;
  if (row.origin === "active") c.active += 1;
  else if (row.origin === "passive") c.passive += 1;
  if (row.cost_cents !== null) {
    c.costedLeads += 1;
    c.costCents += row.cost_cents;
  }
  if (!row.won && !row.lost && !row.archived && row.weighted_revenue_cents !== null) {
    c.pipelineLeads += 1;
    c.pipelineRevenueCents += row.expected_revenue_cents ?? 0;
    c.pipelineWeightedCents += row.weighted_revenue_cents;
  }
  if (row.out_of_order) c.outOfOrderLeads += 1;
  record(c.timeToClose, row.seconds_to_close);
  record(c.timeToFirstResponse, row.seconds_to_first_response);
  const [contact, lead, prospect, potential] = c.timeInStage as [Histogram, Histogram, Histogram, Histogram];
  record(contact, row.seconds_in_contact);
  record(lead, row.seconds_in_lead);
  record(prospect, row.seconds_in_prospect);
  record(potential, row.seconds_in_potential_client);
}

/**
 * The cohort of a creation time, in UTC or on a time zone's calendar: `2026-03` or `2026-Q1`. The
 * zone was checked by the caller (`timeZoneIssue`).
 */
export function periodOf(createdAt: Date, period: FunnelPeriod, timeZone?: string): string {
  // The zone's offset at that instant (whole minutes, or seconds for local mean time before 1900),
  // added to the instant: its UTC fields are then the local calendar's.
  const local =
    timeZone === undefined
      ? createdAt
      : new Date(createdAt.getTime() + tzOffset(timeZone, createdAt) * 60_000);
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth();
  return period === "month"
    ? `${year}-${String(month + 1).padStart(2, "0")}`
    : `${year}-Q${Math.floor(month / 3) + 1}`;
}

/** How periods are cut: the unit, and the time zone (UTC when absent). */
export interface PeriodCut {
  readonly period: FunnelPeriod;
  readonly timeZone?: string | undefined;
}

function segmentKey(row: FunnelRow, dimension: FunnelDimension, cut: PeriodCut): string {
  switch (dimension) {
    case "origin":
      return row.origin ?? FUNNEL_NO_VALUE;
    case "source":
      return row.source ?? FUNNEL_NO_VALUE;
    case "owner":
      return row.owner ?? FUNNEL_NO_VALUE;
    case "generatedBy":
      return row.generated_by ?? FUNNEL_NO_VALUE;
    case "industry":
      return row.industry ?? FUNNEL_NO_VALUE;
    case "interestLevel":
      return row.interest_level;
    case "period":
      return periodOf(row.created_at, cut.period, cut.timeZone);
    case "firstTouch":
      return row.first_touch ?? FUNNEL_NO_VALUE;
    case "lastTouch":
      return row.last_touch ?? FUNNEL_NO_VALUE;
  }
}

function segment(acc: Accumulator, dimension: FunnelDimension, key: string): Counts {
  let byKey = acc.segments.get(dimension);
  if (byKey === undefined) {
    byKey = new Map();
    acc.segments.set(dimension, byKey);
  }
  let counts = byKey.get(key);
  if (counts === undefined) {
    counts = newCounts();
    byKey.set(key, counts);
  }
  return counts;
}

/** Adds one row to the total and to its segment in each dimension. */
export function accumulate(
  acc: Accumulator,
  row: FunnelRow,
  dimensions: readonly FunnelDimension[],
  cut: PeriodCut,
): void {
  addRow(acc.total, row);
  for (const dimension of dimensions) addRow(segment(acc, dimension, segmentKey(row, dimension, cut)), row);
}

function addHistogram(target: Histogram, source: DurationHistogram): void {
  target.count += source.count;
  target.sumSeconds += source.sumSeconds;
  for (const [key, n] of Object.entries(source.buckets)) {
    const k = Number(key);
    target.buckets.set(k, (target.buckets.get(k) ?? 0) + n);
  }
}

function addCounts(target: Counts, source: FunnelCounts): void {
  target.leads += source.leads;
  FUNNEL_STAGES.forEach((stage, i) => {
    target.reached[i] = (target.reached[i] ?? 0) + source.reached[stage];
  });
  target.won += source.won;
  target.lost += source.lost;
  target.archived += source.archived;
  target.active += source.active;
  target.passive += source.passive;
  target.costedLeads += source.costedLeads;
  target.costCents += source.costCents;
  target.pipelineLeads += source.pipelineLeads;
  target.pipelineRevenueCents += source.pipelineRevenueCents;
  target.pipelineWeightedCents += source.pipelineWeightedCents;
  // Aggregates stored before the count existed have none: they add 0.
  target.outOfOrderLeads += source.outOfOrderLeads ?? 0;
  addHistogram(target.timeToClose, source.timeToClose);
  // Aggregates stored before speed to lead was counted have no histogram: they add nothing.
  if (source.timeToFirstResponse !== undefined)
    addHistogram(target.timeToFirstResponse, source.timeToFirstResponse);
  FUNNEL_TIMED_STAGES.forEach((stage, i) => {
    const h = target.timeInStage[i];
    if (h !== undefined) addHistogram(h, source.timeInStage[stage]);
  });
}

/** Adds a plain aggregate into the accumulator. */
export function accumulateAggregate(acc: Accumulator, aggregate: FunnelAggregate): void {
  addCounts(acc.total, aggregate.total);
  for (const dimension of FUNNEL_DIMENSIONS) {
    const byKey = aggregate.segments[dimension];
    if (byKey === undefined) continue;
    for (const [key, counts] of Object.entries(byKey)) addCounts(segment(acc, dimension, key), counts);
  }
}

function freezeHistogram(h: Histogram): DurationHistogram {
  const keys = [...h.buckets.keys()].sort((a, b) => a - b);
  return {
    count: h.count,
    sumSeconds: h.sumSeconds,
    buckets: Object.fromEntries(keys.map((k) => [String(k), h.buckets.get(k) ?? 0])),
  };
}

function freezeCounts(c: Counts): FunnelCounts {
  const reached = Object.fromEntries(FUNNEL_STAGES.map((s, i) => [s, c.reached[i] ?? 0])) as Record<
    FunnelStage,
    number
  >;
  const timeInStage = Object.fromEntries(
    FUNNEL_TIMED_STAGES.map((s, i) => [s, freezeHistogram(c.timeInStage[i] ?? newHistogram())]),
  ) as Record<FunnelTimedStage, DurationHistogram>;
  return {
    leads: c.leads,
    reached,
    won: c.won,
    lost: c.lost,
    archived: c.archived,
    active: c.active,
    passive: c.passive,
    costedLeads: c.costedLeads,
    costCents: c.costCents,
    pipelineLeads: c.pipelineLeads,
    pipelineRevenueCents: c.pipelineRevenueCents,
    pipelineWeightedCents: c.pipelineWeightedCents,
    outOfOrderLeads: c.outOfOrderLeads,
    timeToClose: freezeHistogram(c.timeToClose),
    timeToFirstResponse: freezeHistogram(c.timeToFirstResponse),
    timeInStage,
  };
}

/** The plain aggregate of an accumulator, with keys in a canonical order. */
export function toAggregate(acc: Accumulator): FunnelAggregate {
  const segments: Partial<Record<FunnelDimension, Record<string, FunnelCounts>>> = {};
  for (const dimension of FUNNEL_DIMENSIONS) {
    const byKey = acc.segments.get(dimension);
    if (byKey === undefined) continue;
    const keys = [...byKey.keys()].sort();
    segments[dimension] = Object.fromEntries(keys.map((k) => [k, freezeCounts(byKey.get(k) ?? newCounts())]));
  }
  return { total: freezeCounts(acc.total), segments };
}
