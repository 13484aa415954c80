import { describeValue, type Issue, issue } from "../../internal/index.js";
import type { LeadField } from "../points/points-model.js";
import { type FitFeature, MAX_BINS_PER_FEATURE } from "./fit-feature.js";
import { seededRandom, shuffledIndices } from "./random.js";
import type { FitReader } from "./record-field-map.js";

/** @internal A value a category bin can hold. */
export type CategoryValue = string | number | boolean;

/** @internal Default rows a category value needs for a bin of its own (as the control-value method). */
export const DEFAULT_MIN_SUPPORT = 30;

/** @internal Marks a category value that cannot have a bin of its own (an object, NaN, ±Infinity). */
const UNOWNABLE = 0xffffffff;

type RawColumn =
  | {
      readonly kind: "number";
      /** NaN for a missing value or one that is not a finite number. */
      values: Float64Array;
      /** Values present but not numbers (text, booleans, objects, ±Infinity, NaN). */
      nonNumeric: number;
    }
  | {
      readonly kind: "category";
      /** 0 for missing, 1 + dictionary index, or {@link UNOWNABLE}. */
      ids: Uint32Array;
      readonly dictionary: CategoryValue[];
      readonly index: Map<CategoryValue, number>;
    };

/** @internal The history as read: closed records only, one raw column per feature. */
export interface RawData {
  readonly n: number;
  readonly labels: Uint8Array;
  readonly columns: readonly RawColumn[];
  /** Records read, open ones included. */
  readonly read: number;
  /** Open records left out. */
  readonly open: number;
}

/** @internal How often reading reports progress. */
export const READ_PROGRESS_EVERY = 50_000;

function grown<A extends Float64Array | Uint32Array | Uint8Array>(a: A, make: (n: number) => A): A {
  const next = make(Math.max(1024, a.length * 2));
  next.set(a);
  return next;
}

/**
 * @internal Reads a history once into typed columns: numbers as float64 (NaN when missing), category
 * values as dictionary ids; open records are counted and left out.
 */
export function readHistory<T>(
  history: Iterable<T>,
  reader: FitReader<T>,
  features: readonly FitFeature[],
  onRead: ((read: number) => void) | undefined,
): { data: RawData } | { issues: Issue[] } {
  const capacity = Array.isArray(history) ? Math.max(1, history.length) : 1024;
  let labels = new Uint8Array(capacity);
  const columns: RawColumn[] = features.map((f) =>
    f.bins === undefined
      ? { kind: "category", ids: new Uint32Array(capacity), dictionary: [], index: new Map() }
      : { kind: "number", values: new Float64Array(capacity), nonNumeric: 0 },
  );
  const getters = features.map((f) => reader.field(f.field as LeadField));
  const issues: Issue[] = [];
  let n = 0;
  let read = 0;
  let open = 0;
  for (const record of history) {
    const index = read++;
    if (onRead !== undefined && read % READ_PROGRESS_EVERY === 0) onRead(read);
    if (reader.accepts !== undefined && !reader.accepts(record)) {
      if (issues.length < 20)
        issues.push(
          issue(
            "invalid_type",
            [index],
            `Record ${index} is ${describeValue(record)}; expected a lead object`,
          ),
        );
      continue;
    }
    const outcome = reader.outcome(record);
    if (outcome === null) {
      open++;
      continue;
    }
    if (outcome !== "won" && outcome !== "lost") {
      if (issues.length < 20)
        issues.push(
          issue(
            "invalid_outcome",
            [index],
            `Record ${index} has outcome ${JSON.stringify(outcome) ?? String(outcome)}; expected "won", "lost" or null`,
          ),
        );
      continue;
    }
    if (n === labels.length) labels = grown(labels, (k) => new Uint8Array(k));
    labels[n] = outcome === "won" ? 1 : 0;
    for (let j = 0; j < columns.length; j++) {
      const column = columns[j] as RawColumn;
      const v = (getters[j] as (r: T) => unknown)(record);
      if (column.kind === "number") {
        if (n === column.values.length) column.values = grown(column.values, (k) => new Float64Array(k));
        if (typeof v === "number" && Number.isFinite(v)) column.values[n] = v;
        else {
          column.values[n] = Number.NaN;
          if (v !== null && v !== undefined && v !== "") column.nonNumeric++;
        }
      } else {
        if (n === column.ids.length) column.ids = grown(column.ids, (k) => new Uint32Array(k));
        column.ids[n] = categoryId(column, v);
      }
    }
    n++;
  }
  onRead?.(read);
  if (issues.length > 0) return { issues };
  return { data: { n, labels: labels.subarray(0, n), columns, read, open } };
}

function categoryId(column: Extract<RawColumn, { kind: "category" }>, v: unknown): number {
  if (v === null || v === undefined || v === "") return 0;
  if (typeof v === "string" || typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v))) {
    const key = Object.is(v, -0) ? 0 : v;
    let id = column.index.get(key);
    if (id === undefined) {
      column.dictionary.push(key);
      id = column.dictionary.length;
      column.index.set(key, id);
    }
    return id;
  }
  return UNOWNABLE;
}

/**
 * @internal One feature's bins, learned or fixed. Numbers: `edges.length + 1` ranges, then the bin
 * for a missing value or one that is not a number. Categories: one bin per value, then "other",
 * then "missing".
 */
export type BinnedFeature =
  | { readonly kind: "number"; readonly field: LeadField; readonly edges: readonly number[] }
  | { readonly kind: "category"; readonly field: LeadField; readonly values: readonly CategoryValue[] };

/** @internal How many bins a feature has. */
export function binCount(f: BinnedFeature): number {
  return f.kind === "number" ? f.edges.length + 2 : f.values.length + 2;
}

/** @internal The bin a finite number falls in: how many edges are at or below it. */
export function rangeBin(edges: readonly number[], v: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((edges[mid] as number) <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** @internal A stable text order of category values: by type, then by text. */
export function compareValues(a: CategoryValue, b: CategoryValue): number {
  const ta = typeof a;
  const tb = typeof b;
  if (ta !== tb) return ta < tb ? -1 : 1;
  if (ta === "number") return (a as number) - (b as number);
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** Quantile edges of the finite values: strictly ascending, each above the smallest value. */
function quantileEdges(sorted: Float64Array, count: number): number[] {
  const edges: number[] = [];
  const m = sorted.length;
  if (m === 0) return edges;
  const min = sorted[0] as number;
  for (let k = 1; k < count; k++) {
    const q = sorted[Math.floor((k * m) / count)] as number;
    if (q > min && (edges.length === 0 || q > (edges.at(-1) as number))) edges.push(q);
  }
  return edges;
}

/**
 * Pools adjacent bins until their rates only rise (or only fall): the pool-adjacent-violators
 * algorithm, run both ways; the direction with the smaller weighted squared error wins.
 */
function monotoneEdges(edges: readonly number[], rows: Float64Array, wins: Float64Array): number[] {
  const run = (increasing: boolean) => {
    const blocks: { rows: number; wins: number; first: number }[] = [];
    for (let b = 0; b < rows.length; b++) {
      if ((rows[b] as number) === 0) continue;
      blocks.push({ rows: rows[b] as number, wins: wins[b] as number, first: b });
      while (blocks.length > 1) {
        const last = blocks[blocks.length - 1] as (typeof blocks)[number];
        const prev = blocks[blocks.length - 2] as (typeof blocks)[number];
        const violates = increasing
          ? prev.wins / prev.rows >= last.wins / last.rows
          : prev.wins / prev.rows <= last.wins / last.rows;
        if (!violates) break;
        prev.rows += last.rows;
        prev.wins += last.wins;
        blocks.pop();
      }
    }
    let error = 0;
    blocks.forEach((block, k) => {
      const rate = block.wins / block.rows;
      const end = blocks[k + 1]?.first ?? rows.length;
      for (let b = block.first; b < end; b++) {
        const r = rows[b] as number;
        if (r > 0) error += r * ((wins[b] as number) / r - rate) ** 2;
      }
    });
    return { blocks, error };
  };
  const up = run(true);
  const down = run(false);
  const best = up.error <= down.error ? up : down;
  // A block starting at bin b > 0 starts at edge b - 1.
  return best.blocks.slice(1).map((block) => edges[block.first - 1] as number);
}

/** @internal Learns each feature's bins from the (training) rows. */
export function learnFeatureBins(data: RawData, features: readonly FitFeature[]): BinnedFeature[] {
  return features.map((f, j) => {
    const column = data.columns[j] as RawColumn;
    const field = f.field as LeadField;
    if (column.kind === "number") {
      if (Array.isArray(f.bins)) return { kind: "number", field, edges: [...(f.bins as readonly number[])] };
      const strategy = f.bins as { kind: "quantile" | "monotone"; count: number };
      const finite: number[] = [];
      for (let i = 0; i < data.n; i++) {
        const v = column.values[i] as number;
        if (!Number.isNaN(v)) finite.push(v);
      }
      const sorted = Float64Array.from(finite).sort();
      let edges = quantileEdges(sorted, strategy.count);
      if (strategy.kind === "monotone" && edges.length > 0) {
        const rows = new Float64Array(edges.length + 1);
        const wins = new Float64Array(edges.length + 1);
        for (let i = 0; i < data.n; i++) {
          const v = column.values[i] as number;
          if (Number.isNaN(v)) continue;
          const b = rangeBin(edges, v);
          rows[b] = (rows[b] as number) + 1;
          wins[b] = (wins[b] as number) + (data.labels[i] as number);
        }
        edges = monotoneEdges(edges, rows, wins);
      }
      if (edges.length === 0) edges = [sorted.length === 0 ? 0 : (sorted[0] as number)];
      return { kind: "number", field, edges };
    }
    if (f.categories !== undefined) return { kind: "category", field, values: [...f.categories] };
    const counts = new Float64Array(column.dictionary.length + 1);
    for (let i = 0; i < data.n; i++) {
      const id = column.ids[i] as number;
      if (id !== 0 && id !== UNOWNABLE) counts[id] = (counts[id] as number) + 1;
    }
    const minSupport = f.minSupport ?? DEFAULT_MIN_SUPPORT;
    const frequent = column.dictionary
      .map((value, k) => ({ value, count: counts[k + 1] as number }))
      .filter((c) => c.count >= minSupport)
      .sort((a, b) => b.count - a.count || compareValues(a.value, b.value))
      .slice(0, MAX_BINS_PER_FEATURE - 2)
      .map((c) => c.value)
      .sort(compareValues);
    return { kind: "category", field, values: frequent };
  });
}

/** @internal Lets the raw columns go once the rows are binned (a million numbers is 8 MB each). */
export function releaseRawColumns(data: RawData): void {
  (data.columns as RawColumn[]).length = 0;
}

/** @internal The bin index of every row, one byte per feature per row. */
export function binColumns(data: RawData, bins: readonly BinnedFeature[]): Uint8Array[] {
  return bins.map((f, j) => {
    const column = data.columns[j] as RawColumn;
    const out = new Uint8Array(data.n);
    if (f.kind === "number" && column.kind === "number") {
      const missing = f.edges.length + 1;
      for (let i = 0; i < data.n; i++) {
        const v = column.values[i] as number;
        out[i] = Number.isNaN(v) ? missing : rangeBin(f.edges, v);
      }
    } else if (f.kind === "category" && column.kind === "category") {
      const other = f.values.length;
      const byId = new Uint8Array(column.dictionary.length + 1).fill(other);
      byId[0] = other + 1;
      const position = new Map(f.values.map((v, k) => [v, k]));
      column.dictionary.forEach((v, k) => {
        const p = position.get(v);
        if (p !== undefined) byId[k + 1] = p;
      });
      for (let i = 0; i < data.n; i++) {
        const id = column.ids[i] as number;
        out[i] = id === UNOWNABLE ? other : (byId[id] as number);
      }
    }
    return out;
  });
}

/**
 * @internal The rows in a canonical order that depends only on their bins and outcomes (a radix
 * sort), then shuffled with the seed: everything fitted from this order is the same whatever order
 * the history came in.
 */
export function workingOrder(columns: readonly Uint8Array[], labels: Uint8Array, seed: number): Uint32Array {
  const n = labels.length;
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let next = new Uint32Array(n);
  const counts = new Uint32Array(257);
  const keys = [labels, ...[...columns].reverse()];
  for (const key of keys) {
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const k = (key[i] as number) + 1;
      counts[k] = (counts[k] as number) + 1;
    }
    for (let k = 1; k < 257; k++) counts[k] = (counts[k] as number) + (counts[k - 1] as number);
    for (let i = 0; i < n; i++) {
      const row = order[i] as number;
      const k = key[row] as number;
      next[counts[k] as number] = row;
      counts[k] = (counts[k] as number) + 1;
    }
    [order, next] = [next, order];
  }
  const shuffle = shuffledIndices(n, seededRandom(seed));
  for (let i = 0; i < n; i++) next[i] = order[shuffle[i] as number] as number;
  return next;
}

/** @internal Reorders a column into the working order. */
export function gather(column: Uint8Array, order: Uint32Array): Uint8Array {
  const out = new Uint8Array(order.length);
  for (let i = 0; i < order.length; i++) out[i] = column[order[i] as number] as number;
  return out;
}
