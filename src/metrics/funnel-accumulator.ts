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
  type FunnelCredit,
  type FunnelDimension,
  type FunnelDimensionPair,
  type FunnelStage,
  type FunnelTimedStage,
} from "./funnel-aggregate.js";
import type { FunnelPeriod } from "./funnel-options.js";
import type { FunnelRow } from "./project-funnel-row.js";
import { CREDIT_UNITS, creditUnits, shareOf } from "./split-credit.js";

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
  /** The same histograms in one list, in the order of {@link Durations}. */
  histograms: Histogram[];
}

/** A cross-segment's cells: key in the first dimension → key in the second → counts. */
type Cells = Map<string, Map<string, Counts>>;

/** Mutable counts for the total, every segment and every cross-segment. */
export interface Accumulator {
  readonly total: Counts;
  readonly segments: Map<FunnelDimension, Map<string, Counts>>;
  /** Cross-segments: first dimension → second dimension → cells. */
  readonly crosses: Map<FunnelDimension, Map<FunnelDimension, Cells>>;
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
  const timeToClose = newHistogram();
  const timeToFirstResponse = newHistogram();
  const timeInStage = FUNNEL_TIMED_STAGES.map(newHistogram);
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
    timeToClose,
    timeToFirstResponse,
    timeInStage,
    histograms: [timeToClose, timeToFirstResponse, ...timeInStage],
  };
}

export function newAccumulator(): Accumulator {
  return { total: newCounts(), segments: new Map(), crosses: new Map() };
}

function record(h: Histogram, seconds: number, key: number): void {
  h.count += 1;
  h.sumSeconds += seconds;
  h.buckets.set(key, (h.buckets.get(key) ?? 0) + 1);
}

/**
 * A row's six durations (time to close, to first response, in each timed stage) in whole seconds,
 * `-1` for none, and their histogram buckets: worked out once per row, then added to every segment.
 */
class Durations {
  readonly seconds = [-1, -1, -1, -1, -1, -1];
  readonly keys = [0, 0, 0, 0, 0, 0];

  of(row: FunnelRow): this {
    this.#set(0, row.seconds_to_close);
    this.#set(1, row.seconds_to_first_response);
    this.#set(2, row.seconds_in_contact);
    this.#set(3, row.seconds_in_lead);
    this.#set(4, row.seconds_in_prospect);
    this.#set(5, row.seconds_in_potential_client);
    return this;
  }

  #set(i: number, value: number | null): void {
    this.seconds[i] = value ?? -1;
    this.keys[i] = value === null ? 0 : bucketOf(value);
  }
}

function addRow(c: Counts, row: FunnelRow, durations: Durations): void {
  c.leads += 1;
  const reached = c.reached;
  for (let i = 0; i <= row.reached_stage; i++) reached[i] = (reached[i] ?? 0) + 1;
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
  const { seconds, keys } = durations;
  const histograms = c.histograms;
  for (let i = 0; i < 6; i++) {
    const s = seconds[i] as number;
    if (s >= 0) record(histograms[i] as Histogram, s, keys[i] as number);
  }
}

function recordShare(h: Histogram, seconds: number, key: number, share: number, units: number): void {
  h.count += share;
  h.sumSeconds += shareOf(seconds, units);
  h.buckets.set(key, (h.buckets.get(key) ?? 0) + share);
}

/** Adds `units` of credit of one row (see FunnelCredit): every count by the share, sums by rounded shares. */
function addShare(c: Counts, row: FunnelRow, durations: Durations, units: number): void {
  const share = units / CREDIT_UNITS;
  c.leads += share;
  for (let i = 0; i <= row.reached_stage; i++) c.reached[i] = (c.reached[i] ?? 0) + share;
  if (row.won) c.won += share;
  if (row.lost) c.lost += share;
  if (row.archived) c.archived += share;
  if (row.origin === "active") c.active += share;
  else if (row.origin === "passive") c.passive += share;
  if (row.cost_cents !== null) {
    c.costedLeads += share;
    c.costCents += shareOf(row.cost_cents, units);
  }
  if (!row.won && !row.lost && !row.archived && row.weighted_revenue_cents !== null) {
    c.pipelineLeads += share;
    c.pipelineRevenueCents += shareOf(row.expected_revenue_cents ?? 0, units);
    c.pipelineWeightedCents += shareOf(row.weighted_revenue_cents, units);
  }
  if (row.out_of_order) c.outOfOrderLeads += share;
  const { seconds, keys } = durations;
  const histograms = c.histograms;
  for (let i = 0; i < 6; i++) {
    const s = seconds[i] as number;
    if (s >= 0) recordShare(histograms[i] as Histogram, s, keys[i] as number, share, units);
  }
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

/** How leads are put in segments: the period unit and time zone (UTC when absent), and touch credit. */
export interface PeriodCut {
  readonly period: FunnelPeriod;
  readonly timeZone?: string | undefined;
  readonly credit: FunnelCredit;
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
    case "touch":
      // A lead without touches: its whole credit (RowCounter splits the others).
      return FUNNEL_NO_VALUE;
  }
}

/** The cells of a cross-segment, made on first use. */
function cellsOf(acc: Accumulator, [a, b]: FunnelDimensionPair): Cells {
  let byB = acc.crosses.get(a);
  if (byB === undefined) {
    byB = new Map();
    acc.crosses.set(a, byB);
  }
  let cells = byB.get(b);
  if (cells === undefined) {
    cells = new Map();
    byB.set(b, cells);
  }
  return cells;
}

/** The counts of one cell, made on first use. */
function cell(cells: Cells, first: string, second: string): Counts {
  let row = cells.get(first);
  if (row === undefined) {
    row = new Map();
    cells.set(first, row);
  }
  let counts = row.get(second);
  if (counts === undefined) {
    counts = newCounts();
    row.set(second, counts);
  }
  return counts;
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

/**
 * Adds rows to an accumulator: to the total, to their segment in each dimension and to their cell in
 * each cross-segment (`touch` splits a row's credit over its touches, alone or crossed). Each row's
 * durations and histogram buckets are worked out once, not once per segment, and each dimension's
 * segments are one map lookup away.
 */
export class RowCounter {
  readonly #acc: Accumulator;
  readonly #dimensions: readonly FunnelDimension[];
  readonly #pairs: readonly FunnelDimensionPair[];
  readonly #cut: PeriodCut;
  /** Each dimension's segments (by index in #dimensions), once the first row reaches it. */
  readonly #byKey: (Map<string, Counts> | undefined)[];
  /** Each pair's cells (by index in #pairs), once the first row reaches it. */
  readonly #cells: (Cells | undefined)[];
  readonly #durations = new Durations();
  /** UTC period keys by month (year × 12 + month): a string made once per month, not once per row. */
  readonly #utcPeriods = new Map<number, string>();

  constructor(
    acc: Accumulator,
    dimensions: readonly FunnelDimension[],
    cut: PeriodCut,
    pairs: readonly FunnelDimensionPair[] = [],
  ) {
    this.#acc = acc;
    this.#dimensions = dimensions;
    this.#pairs = pairs;
    this.#cut = cut;
    this.#byKey = dimensions.map(() => undefined);
    this.#cells = pairs.map(() => undefined);
  }

  add(row: FunnelRow): void {
    const durations = this.#durations.of(row);
    addRow(this.#acc.total, row, durations);
    const dimensions = this.#dimensions;
    for (let d = 0; d < dimensions.length; d++) {
      const dimension = dimensions[d] as FunnelDimension;
      if (dimension === "touch" && row.touches.length > 0) this.#addTouches(d, row, durations);
      else addRow(this.#segment(d, this.#key(row, dimension)), row, durations);
    }
    for (let p = 0; p < this.#pairs.length; p++) this.#addCross(p, row, durations);
  }

  /** A row's key in a dimension; for `touch`, the key of a row without touches. */
  #key(row: FunnelRow, dimension: FunnelDimension): string {
    return dimension === "period" ? this.#period(row.created_at) : segmentKey(row, dimension, this.#cut);
  }

  /**
   * The row in its cell of pair `p`: one cell, or with `touch` on one side (pairs never hold it
   * twice) one cell per touch, each with the touch's share of the credit.
   */
  #addCross(p: number, row: FunnelRow, durations: Durations): void {
    const pair = this.#pairs[p] as FunnelDimensionPair;
    let cells = this.#cells[p];
    if (cells === undefined) {
      cells = cellsOf(this.#acc, pair);
      this.#cells[p] = cells;
    }
    const [a, b] = pair;
    const touches = row.touches;
    const split = touches.length === 0 ? -1 : a === "touch" ? 0 : b === "touch" ? 1 : -1;
    if (split < 0) {
      addRow(cell(cells, this.#key(row, a), this.#key(row, b)), row, durations);
      return;
    }
    const other = this.#key(row, split === 0 ? b : a);
    const count = touches.length;
    const credit = this.#cut.credit;
    for (let i = 0; i < count; i++) {
      const units = creditUnits(credit, i, count);
      if (units === 0) continue;
      const touch = touches[i] ?? FUNNEL_NO_VALUE;
      const counts = split === 0 ? cell(cells, touch, other) : cell(cells, other, touch);
      if (units === CREDIT_UNITS) addRow(counts, row, durations);
      else addShare(counts, row, durations, units);
    }
  }

  /** Each touch's source gets its share of the row's credit (see FunnelCredit). */
  #addTouches(d: number, row: FunnelRow, durations: Durations): void {
    const touches = row.touches;
    const count = touches.length;
    const credit = this.#cut.credit;
    for (let i = 0; i < count; i++) {
      const units = creditUnits(credit, i, count);
      if (units === 0) continue;
      const counts = this.#segment(d, touches[i] ?? FUNNEL_NO_VALUE);
      if (units === CREDIT_UNITS) addRow(counts, row, durations);
      else addShare(counts, row, durations, units);
    }
  }

  #segment(d: number, key: string): Counts {
    let byKey = this.#byKey[d];
    if (byKey === undefined) {
      const dimension = this.#dimensions[d] as FunnelDimension;
      byKey = this.#acc.segments.get(dimension) ?? new Map<string, Counts>();
      this.#acc.segments.set(dimension, byKey);
      this.#byKey[d] = byKey;
    }
    let counts = byKey.get(key);
    if (counts === undefined) {
      counts = newCounts();
      byKey.set(key, counts);
    }
    return counts;
  }

  #period(createdAt: Date): string {
    const cut = this.#cut;
    if (cut.timeZone !== undefined) return periodOf(createdAt, cut.period, cut.timeZone);
    const month = createdAt.getUTCFullYear() * 12 + createdAt.getUTCMonth();
    let key = this.#utcPeriods.get(month);
    if (key === undefined) {
      key = periodOf(createdAt, cut.period);
      this.#utcPeriods.set(month, key);
    }
    return key;
  }
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
  const crosses = aggregate.crossSegments;
  if (crosses === undefined) return;
  for (const a of FUNNEL_DIMENSIONS) {
    const byB = crosses[a];
    if (byB === undefined) continue;
    for (const b of FUNNEL_DIMENSIONS) {
      const byFirst = byB[b];
      if (byFirst === undefined) continue;
      const cells = cellsOf(acc, [a, b]);
      for (const [first, row] of Object.entries(byFirst))
        for (const [second, counts] of Object.entries(row)) addCounts(cell(cells, first, second), counts);
    }
  }
}

function freezeHistogram(h: Histogram): DurationHistogram {
  return { count: h.count, sumSeconds: h.sumSeconds, buckets: bucketRecord(h.buckets) };
}

/**
 * @internal Bucket counts as a plain record, keys in ascending order. Keys that are array indices
 * (every key a duration's bucket has: below 2^32 − 1) are enumerated by an object in ascending
 * order whatever order they are added in, so they need no sort and no list of pairs; any other key
 * (from a merged aggregate) takes {@link bucketRecordPlain}. A property law holds the two together.
 */
export function bucketRecord(buckets: ReadonlyMap<number, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, n] of buckets) {
    if (!(Number.isInteger(key) && key >= 0 && key < 4_294_967_295)) return bucketRecordPlain(buckets);
    // An array index: an own data property of the record, never a prototype member.
    out[key] = n;
  }
  return out;
}

/** @internal {@link bucketRecord} by its definition: the keys sorted by value, then the record. */
export function bucketRecordPlain(buckets: ReadonlyMap<number, number>): Record<string, number> {
  const keys = [...buckets.keys()].sort((a, b) => a - b);
  return Object.fromEntries(keys.map((k) => [String(k), buckets.get(k) ?? 0]));
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

/** Counts by key as a plain record, keys in ascending order (own properties, `__proto__` included). */
function freezeByKey(byKey: ReadonlyMap<string, Counts>): Record<string, FunnelCounts> {
  const keys = [...byKey.keys()].sort();
  return Object.fromEntries(keys.map((k) => [k, freezeCounts(byKey.get(k) ?? newCounts())]));
}

type PlainCrosses = NonNullable<FunnelAggregate["crossSegments"]>;

/** The plain aggregate of an accumulator, with keys in a canonical order. */
export function toAggregate(acc: Accumulator): FunnelAggregate {
  const segments: Partial<Record<FunnelDimension, Record<string, FunnelCounts>>> = {};
  for (const dimension of FUNNEL_DIMENSIONS) {
    const byKey = acc.segments.get(dimension);
    if (byKey === undefined) continue;
    segments[dimension] = freezeByKey(byKey);
  }
  const total = freezeCounts(acc.total);
  // Only a row makes a cell: an aggregate of no leads has no cross-segments, as it has no segments.
  if (acc.crosses.size === 0) return { total, segments };
  const crossSegments: { -readonly [A in keyof PlainCrosses]: PlainCrosses[A] } = {};
  for (const a of FUNNEL_DIMENSIONS) {
    const byB = acc.crosses.get(a);
    if (byB === undefined) continue;
    const plain: Partial<Record<FunnelDimension, Record<string, Record<string, FunnelCounts>>>> = {};
    for (const b of FUNNEL_DIMENSIONS) {
      const cells = byB.get(b);
      if (cells === undefined) continue;
      const firsts = [...cells.keys()].sort();
      plain[b] = Object.fromEntries(firsts.map((k) => [k, freezeByKey(cells.get(k) ?? new Map())]));
    }
    crossSegments[a] = plain;
  }
  return { total, segments, crossSegments };
}
