// The bench harness: what a `bench/*.bench.ts` file exports, how its rows are timed, and the shape
// of `bench/results.json`. `bench/run.ts` runs each file in a fresh Node process with this harness.
//
// ## Writing a bench file (the API is stable; a small file needs only this section)
//
// A file default-exports an array of rows, or a function (sync or async) returning one. Build big
// inputs inside that function, not at module level, so a run filtered to other files skips them.
//
//     import type { BenchCase, BenchMeasure } from "./harness.js";
//     export default [
//       {
//         name: "scoreLead, 20-rule model",                  // the row's name (unique in the run)
//         compares: "what each side does, in one sentence",   // quoted in docs/performance.md
//         itemsPerCall: leads.length,                         // work one call does (default 1)
//         target: { min: 1_000_000 },                         // leadkit's own figure (optional)
//         subject: { name: "compilePointsModel(model).score", run: () => scoreAll(leads) },
//         baselines: [
//           { name: "hand-written scorer", kind: "specialised", target: { min: 0.8 }, run: () => byHand(leads) },
//         ],
//         agree: () => { … throw new Error("… differs …") … return "1,000 leads: identical scores" },
//       },
//       { name: "fit on 1 M leads", run: () => fit(stream()) },  // a BenchMeasure: time and peak RSS
//     ] satisfies (BenchCase | BenchMeasure)[];
//
// - `BenchCase` (`BenchComparison`): leadkit (`subject`) against one or more `baselines`, on the
//   same inputs, in the same process. Kinds of baseline: "competitor" (another library used as its docs show),
//   "specialised" (the strongest fair code written for this one job: a hand-written loop, a
//   compiled validator), "reference" (context: a naive version, the same code under other
//   conditions). `target` on a baseline bounds the ratio leadkit ÷ baseline; `target` on the case
//   bounds leadkit's own figure. A target is `{ min?, max? }`, both inclusive.
// - `agree` runs once, right before the row is timed, and must throw when the sides disagree on
//   the inputs they are timed on (dates, counts, probabilities, verdicts, scores, parse outputs).
//   What it returns (a string or strings) is kept as the row's notes. A row whose sides disagree
//   stops the run: nothing is written.
// - `measure`: "throughput" (default) — ops/s = items ÷ total time, over calls batched so that two
//   clock reads are noise; "latency" — every call timed alone, the figure is the median (p50) in
//   ms; "reported" — `run` returns its own measurement in ms (e.g. a child process's import time),
//   `samplesPerRound` of them per side and round, the figure is their median.
// - Rounds alternate the order of the sides (forwards, then backwards), so a machine that speeds
//   up or slows down during a row does not favour one side. The ratio's median and range are over
//   the per-round ratios; a side's figure is over all its rounds together.
// - `reset` on a side runs untimed before each of its timed windows (e.g. a fresh repository).
// - `relativeTo` compares a row with an earlier row of the same file (the ratio of the two rows'
//   ratios against their first baseline): e.g. the same scorer before and after other models ran.
// - `BenchMeasure` times one run of `run` and samples the process's peak RSS; its `target` bounds
//   the seconds (`{ max: 60 }`), or is a text kept as a note.
// - The older two-sided form (`{ name, baselineName, subject: fn, baseline: fn, itemsPerCall,
//   target: "text" }`, `LegacyBenchCase`) still runs: its sides must return equal values (compared
//   as JSON) on a first call, and its text target is kept as a note. Prefer `BenchCase`.
//
// Environment: BENCH_TIME_MS (per side and round, default 1000), BENCH_ROUNDS (default 5),
// BENCH_SAMPLES (per side and round in "reported" mode, default 3).

/** A range a figure should fall in (both ends inclusive). */
export interface Target {
  readonly min?: number;
  readonly max?: number;
}

/** One side of a comparison. */
export interface BenchSide {
  /** What it is, e.g. "transition(defaultLifecycle, …)". */
  readonly name: string;
  /** One call. A returned promise is awaited; in "reported" mode it returns (a promise of) ms. */
  readonly run: () => unknown;
  /** Untimed, before each timed window of this side. */
  readonly reset?: () => unknown;
}

/** What a baseline is. */
export type BaselineKind = "competitor" | "specialised" | "reference";

/** A side leadkit is compared with. */
export interface BenchBaseline extends BenchSide {
  readonly kind: BaselineKind;
  /** Bounds the ratio leadkit ÷ this baseline (of ops/s, or of ms in the ms modes). */
  readonly target?: Target;
}

/** A comparison of leadkit with its baselines. */
export interface BenchComparison {
  readonly name: string;
  /** One sentence: what the row compares (quoted in docs/performance.md). */
  readonly compares: string;
  readonly subject: BenchSide;
  readonly baselines: readonly BenchBaseline[];
  /** Items one call handles (default 1); throughput is counted in items. */
  readonly itemsPerCall?: number;
  /** How the sides are measured (default "throughput"). */
  readonly measure?: "throughput" | "latency" | "reported";
  /** Bounds leadkit's own figure (ops/s, or ms in the ms modes). */
  readonly target?: Target;
  /** Throws when the sides disagree; runs once, right before timing. Returns notes. */
  readonly agree: () => unknown;
  /** Rounds for this row (default BENCH_ROUNDS). */
  readonly rounds?: number;
  /** Warm every side up before the first round (default true; off for calls that take seconds). */
  readonly warmup?: boolean;
  /** Samples per side and round in "reported" mode (default BENCH_SAMPLES). */
  readonly samplesPerRound?: number;
  /** Compare with an earlier row of the same file: this row's ratio ÷ that row's, against their first baselines. */
  readonly relativeTo?: { readonly row: string; readonly name: string; readonly target?: Target };
}

/** A one-off measurement: time and peak memory of one run. */
export interface BenchMeasure {
  readonly name: string;
  readonly run: () => unknown;
  /** One sentence: what is measured. */
  readonly compares?: string;
  /** Bounds the time, in seconds; a string is kept as a note and not checked. */
  readonly target?: Target | string;
}

/**
 * The older two-sided form, still accepted: leadkit's `subject` against one `baseline`. Its sides
 * must return equal values (compared as JSON) on a first call, which the harness checks before
 * timing in place of `agree`; a string `target` is kept as a note and not checked.
 */
export interface LegacyBenchCase {
  readonly name: string;
  readonly baselineName: string;
  readonly subject: () => unknown;
  readonly baseline: () => unknown;
  readonly itemsPerCall?: number;
  readonly target?: string;
}

/** A comparison row: the current form, or the older two-sided one. */
export type BenchCase = BenchComparison | LegacyBenchCase;

/** One row of a bench file. */
export type BenchRow = BenchCase | BenchMeasure;

/** What a `bench/*.bench.ts` file default-exports. */
export type BenchFile = readonly BenchRow[] | (() => readonly BenchRow[] | Promise<readonly BenchRow[]>);

/** The median of a per-round figure, and its lowest and highest value. */
export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

/** leadkit's side of a row. */
export interface SubjectResult {
  readonly name: string;
  /** In the row's unit. */
  readonly value: number;
  readonly target?: Target;
  readonly met?: boolean;
}

/** A baseline's side of a row, with the ratio leadkit ÷ baseline. */
export interface BaselineResult {
  readonly name: string;
  readonly kind: BaselineKind | "earlier row";
  /** In the row's unit (absent for an earlier row, which is a ratio of ratios). */
  readonly value?: number;
  readonly ratio: Spread;
  readonly target?: Target;
  readonly met?: boolean;
}

/** One row of `bench/results.json`. */
export interface RowResult {
  readonly name: string;
  /** The bench file it comes from. */
  readonly file: string;
  readonly compares: string;
  /** "ops/s" (items per second, higher is better), "ms" (lower is better) or "s" (a measure). */
  readonly unit: "ops/s" | "ms" | "s";
  readonly rounds: number;
  readonly leadkit: SubjectResult;
  readonly baselines: readonly BaselineResult[];
  /** Whether every target of the row is met; `null` when it has none. */
  readonly met: boolean | null;
  /** What `agree` checked and found, and anything else worth reading beside the figures. */
  readonly notes: readonly string[];
  /** Peak RSS of a measure, in MB. */
  readonly peakRssMB?: number;
  /** Which entry of `runs` measured it. */
  readonly run: string;
}

/** The conditions of one run of `npm run bench`. */
export interface RunConditions {
  readonly startedAt: string;
  readonly commit: string;
  readonly node: string;
  readonly v8: string;
  readonly platform: string;
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGB: number;
  /** Calendar arithmetic (date-fns, leadkit) runs in the machine's time zone. */
  readonly timeZone: string;
  readonly loadAverage: readonly [start: number, end: number];
  readonly timePerRoundMs: number;
  readonly rounds: number;
  readonly filter: string | null;
}

/** `bench/results.json`. */
export interface ResultsFile {
  readonly schema: 2;
  /** Conditions of each run that measured a row still in `rows`, by id. */
  readonly runs: Readonly<Record<string, RunConditions>>;
  readonly rows: readonly RowResult[];
}

/** Whether `value` is within `target` (`undefined` when there is no target). */
export function meets(value: number, target: Target | undefined): boolean | undefined {
  if (target === undefined) return undefined;
  return (
    (target.min === undefined || value >= target.min) && (target.max === undefined || value <= target.max)
  );
}

/** "≥ 100", "≤ 1.5", "0.9–1.1". */
export function formatTarget(target: Target | undefined): string {
  if (target === undefined) return "";
  const n = (x: number) => x.toLocaleString("en-US", { maximumFractionDigits: 3 });
  if (target.min !== undefined && target.max !== undefined) return `${n(target.min)}–${n(target.max)}`;
  if (target.min !== undefined) return `≥ ${n(target.min)}`;
  if (target.max !== undefined) return `≤ ${n(target.max)}`;
  return "";
}

/** A figure with its unit: 1,234,567 ops/s, 12.3 ms, 4.56 s. */
export function formatValue(value: number | undefined, unit: RowResult["unit"]): string {
  if (value === undefined) return "";
  if (unit === "ops/s")
    return `${value.toLocaleString("en-US", { maximumFractionDigits: value < 10 ? 2 : 0 })} ops/s`;
  return `${value.toLocaleString("en-US", { maximumFractionDigits: value < 10 ? 2 : 1 })} ${unit}`;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function spread(values: readonly number[]): Spread {
  const round = (x: number) => Number(x.toPrecision(4));
  return { median: round(median(values)), min: round(Math.min(...values)), max: round(Math.max(...values)) };
}

const env = (key: string, fallback: number) => {
  const raw = process.env[key];
  const value = raw === undefined || raw === "" ? fallback : Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${key}=${raw}: expected a positive number`);
  return value;
};

/** The run's settings, from the environment. */
export function settings(): { readonly timeMs: number; readonly rounds: number; readonly samples: number } {
  return {
    timeMs: env("BENCH_TIME_MS", 1000),
    rounds: Math.round(env("BENCH_ROUNDS", 5)),
    samples: Math.round(env("BENCH_SAMPLES", 3)),
  };
}

// Results of the timed calls land here, so the engine cannot drop a call whose result is unused.
let sink: unknown;
/** The last value a timed call returned (read it to keep results observable). */
export function lastResult(): unknown {
  return sink;
}

const isThenable = (x: unknown): x is PromiseLike<unknown> =>
  typeof x === "object" && x !== null && typeof (x as { then?: unknown }).then === "function";

const collectGarbage = (globalThis as { gc?: () => void }).gc;

interface Window {
  /** Items done. */
  readonly items: number;
  /** Time taken, ms. */
  readonly ms: number;
  /** Per-call times, ms (latency and reported modes). */
  readonly samples: readonly number[];
}

/** Runs one side for one window: until `budgetMs` has passed (or `samples` calls, when reported). */
async function runWindow(
  side: BenchSide,
  mode: NonNullable<BenchComparison["measure"]>,
  budgetMs: number,
  itemsPerCall: number,
  samples: number,
): Promise<Window> {
  if (side.reset !== undefined) await side.reset();
  collectGarbage?.();
  if (mode === "reported") {
    const values: number[] = [];
    for (let i = 0; i < samples; i++) {
      const value = Number(await side.run());
      if (!Number.isFinite(value)) throw new Error(`${side.name}: a "reported" run returned ${value}`);
      values.push(value);
    }
    return { items: values.length, ms: values.reduce((a, b) => a + b, 0), samples: values };
  }
  if (mode === "latency") {
    const values: number[] = [];
    let elapsed = 0;
    while (elapsed < budgetMs || values.length === 0) {
      const started = performance.now();
      const result = side.run();
      sink = isThenable(result) ? await result : result;
      const ms = performance.now() - started;
      values.push(ms);
      elapsed += ms;
    }
    return { items: values.length * itemsPerCall, ms: elapsed, samples: values };
  }
  // Throughput: calls in batches that double until a batch takes ≥ 2 ms, so the two clock reads
  // around a batch are noise; at least one call.
  // The first call, timed and counted, also tells whether the side is async.
  const first = performance.now();
  const probe = side.run();
  const async = isThenable(probe);
  sink = async ? await probe : probe;
  let elapsed = performance.now() - first;
  let calls = 1;
  let batch = 1;
  while (elapsed < budgetMs) {
    const started = performance.now();
    if (async) for (let i = 0; i < batch; i++) sink = await side.run();
    else for (let i = 0; i < batch; i++) sink = side.run();
    const ms = performance.now() - started;
    elapsed += ms;
    calls += batch;
    if (ms < 2 && batch < 1 << 20) batch *= 2;
  }
  return { items: calls * itemsPerCall, ms: elapsed, samples: [] };
}

/** The figure of a side over several windows, in the row's unit. */
function figure(mode: NonNullable<BenchComparison["measure"]>, windows: readonly Window[]): number {
  if (mode === "throughput") {
    const items = windows.reduce((a, w) => a + w.items, 0);
    const ms = windows.reduce((a, w) => a + w.ms, 0);
    return (items / ms) * 1000;
  }
  return median(windows.flatMap((w) => w.samples));
}

/** Runs a case: agreement first, then warm-up, then alternating rounds. */
export async function runCase(
  c: BenchComparison,
  file: string,
  runId: string,
  earlier: ReadonlyMap<string, RowResult>,
): Promise<RowResult> {
  const { timeMs, rounds: defaultRounds, samples: defaultSamples } = settings();
  const mode = c.measure ?? "throughput";
  const rounds = c.rounds ?? defaultRounds;
  const samples = c.samplesPerRound ?? defaultSamples;
  const items = c.itemsPerCall ?? 1;
  const agreed = await c.agree();
  const notes = (Array.isArray(agreed) ? agreed : agreed === undefined ? [] : [agreed]).map(String);
  const sides: BenchSide[] = [c.subject, ...c.baselines];
  if (c.warmup !== false && mode !== "reported")
    for (const side of sides) await runWindow(side, mode, Math.min(timeMs / 2, 500), items, samples);
  const windows: Window[][] = sides.map(() => []);
  for (let round = 0; round < rounds; round++) {
    const order = sides.map((_, i) => i);
    if (round % 2 === 1) order.reverse();
    for (const i of order)
      windows[i]?.push(await runWindow(sides[i] as BenchSide, mode, timeMs, items, samples));
  }
  const unit = mode === "throughput" ? "ops/s" : "ms";
  const perRound = (i: number) => (windows[i] ?? []).map((w) => figure(mode, [w]));
  const subjectRounds = perRound(0);
  const subjectValue = figure(mode, windows[0] ?? []);
  const baselines: BaselineResult[] = c.baselines.map((b, k) => {
    const theirs = perRound(k + 1);
    const ratio = spread(subjectRounds.map((v, r) => v / (theirs[r] as number)));
    const met = meets(ratio.median, b.target);
    return {
      name: b.name,
      kind: b.kind,
      value: round(figure(mode, windows[k + 1] ?? [])),
      ratio,
      ...(b.target === undefined ? {} : { target: b.target }),
      ...(met === undefined ? {} : { met }),
    };
  });
  if (c.relativeTo !== undefined) {
    const before = earlier.get(c.relativeTo.row);
    const now = baselines[0]?.ratio;
    const then = before?.baselines[0]?.ratio;
    if (before === undefined || now === undefined || then === undefined)
      throw new Error(`${c.name}: relativeTo names "${c.relativeTo.row}", which has not run in this file`);
    // The range is the widest the two rows' ranges allow.
    const r = (x: number) => Number(x.toPrecision(4));
    const ratio = {
      median: r(now.median / then.median),
      min: r(now.min / then.max),
      max: r(now.max / then.min),
    };
    const met = meets(ratio.median, c.relativeTo.target);
    baselines.push({
      name: c.relativeTo.name,
      kind: "earlier row",
      ratio,
      ...(c.relativeTo.target === undefined ? {} : { target: c.relativeTo.target }),
      ...(met === undefined ? {} : { met }),
    });
  }
  const subjectMet = meets(subjectValue, c.target);
  const all = [subjectMet, ...baselines.map((b) => b.met)].filter((m): m is boolean => m !== undefined);
  return {
    name: c.name,
    file,
    compares: c.compares,
    unit,
    rounds,
    leadkit: {
      name: c.subject.name,
      value: round(subjectValue),
      ...(c.target === undefined ? {} : { target: c.target }),
      ...(subjectMet === undefined ? {} : { met: subjectMet }),
    },
    baselines,
    met: all.length === 0 ? null : all.every(Boolean),
    notes,
    run: runId,
  };
}

function round(x: number): number {
  return x >= 100 ? Math.round(x) : Number(x.toPrecision(4));
}

/** Runs a measure once, sampling the peak RSS. */
export async function runMeasure(m: BenchMeasure, file: string, runId: string): Promise<RowResult> {
  collectGarbage?.();
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const started = performance.now();
  try {
    sink = await m.run();
  } finally {
    clearInterval(sampler);
  }
  const seconds = Number(((performance.now() - started) / 1000).toFixed(3));
  peak = Math.max(peak, process.memoryUsage().rss);
  const target = typeof m.target === "string" ? undefined : m.target;
  const met = meets(seconds, target);
  return {
    name: m.name,
    file,
    compares: m.compares ?? m.name,
    unit: "s",
    rounds: 1,
    leadkit: {
      name: m.name,
      value: seconds,
      ...(target === undefined ? {} : { target }),
      ...(met === undefined ? {} : { met }),
    },
    baselines: [],
    met: met ?? null,
    notes: typeof m.target === "string" ? [`target (not checked): ${m.target}`] : [],
    peakRssMB: Math.round(peak / 1024 / 1024),
    run: runId,
  };
}

/** Whether a row is a comparison (as opposed to a one-off measure). */
export function isCase(row: BenchRow): row is BenchComparison {
  return "baselines" in row;
}

/** Whether a row is in the older two-sided form. */
export function isLegacyCase(row: BenchRow): row is LegacyBenchCase {
  return "baselineName" in row && typeof (row as LegacyBenchCase).baseline === "function";
}

/** An older two-sided row as a case: its sides must return equal values on a first call. */
export function fromLegacy(row: LegacyBenchCase): BenchComparison {
  return {
    name: row.name,
    compares: `${row.name}, against ${row.baselineName}`,
    ...(row.itemsPerCall === undefined ? {} : { itemsPerCall: row.itemsPerCall }),
    subject: { name: row.name, run: row.subject },
    baselines: [{ name: row.baselineName, kind: "reference", run: row.baseline }],
    agree: async () => {
      const view = async (run: () => unknown) => JSON.stringify(await run());
      const [ours, theirs] = [await view(row.subject), await view(row.baseline)];
      if (ours === undefined || theirs === undefined)
        throw new Error(
          `${row.name}: its sides return nothing to compare; give the row an agree() (BenchCase)`,
        );
      if (ours !== theirs)
        throw new Error(`${row.name}: the sides disagree: ${ours.slice(0, 200)} vs ${theirs.slice(0, 200)}`);
      return [
        "older two-sided row: the sides returned equal values on a first call",
        ...(row.target === undefined ? [] : [`target (not checked): ${row.target}`]),
      ];
    },
  };
}
