import { Bench } from "tinybench";

/**
 * One benchmark: our code (`subject`) and the baseline it is compared with (`baseline`), run in the
 * same process, one after the other, on the same inputs.
 */
export interface BenchCase {
  /** What is measured, e.g. "safeParseLead". */
  readonly name: string;
  /** What it is compared with, e.g. "zod leadSchema.safeParse". */
  readonly baselineName: string;
  /** One operation of ours. */
  readonly subject: () => unknown;
  /** One operation of the baseline. */
  readonly baseline: () => unknown;
  /** Work each call does, when one call handles many items (e.g. a batch of 1,000 leads). */
  readonly itemsPerCall?: number;
  /** The target, for the table: e.g. "≥ 0.8" for ratio. */
  readonly target?: string;
}

/**
 * A measurement that is not a ratio against a baseline (e.g. fitting on 1 M leads): time and peak
 * memory of one run.
 */
export interface BenchMeasure {
  readonly name: string;
  readonly run: () => unknown | Promise<unknown>;
  readonly target?: string;
}

/** What a `bench/*.bench.ts` file default-exports. */
export type BenchFile =
  | readonly (BenchCase | BenchMeasure)[]
  | (() => Promise<readonly (BenchCase | BenchMeasure)[]>);

/** One row of `bench/results.json`. */
export interface BenchResult {
  readonly name: string;
  readonly opsPerSec: number;
  readonly baseline: string | null;
  readonly baselineOpsPerSec: number | null;
  readonly ratio: number | null;
  /** Lowest and highest per-round ratio, when the case ran in rounds. */
  readonly ratioRange?: readonly [number, number];
  /** How many alternating rounds the figures are the median of. */
  readonly rounds?: number;
  readonly target?: string;
  readonly seconds?: number;
  readonly peakRssMB?: number;
}

/**
 * Runs a case in several rounds, alternating which side goes first, and reports the median of the
 * per-round figures: the machine's speed drifts (shared virtual machines swing by 2× or more), and
 * a single subject-then-baseline run would charge that drift to one side.
 */
export async function runCase(
  c: BenchCase,
  time: number,
  rounds = Number(process.env["BENCH_ROUNDS"] ?? 5),
): Promise<BenchResult> {
  const subjects: number[] = [];
  const baselines: number[] = [];
  const ratios: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const bench = new Bench({ time, warmupTime: Math.min(200, time / 2) });
    if (round % 2 === 0) bench.add("subject", c.subject).add("baseline", c.baseline);
    else bench.add("baseline", c.baseline).add("subject", c.subject);
    await bench.run();
    const hz = (taskName: string) => {
      const result = bench.tasks.find((t) => t.name === taskName)?.result;
      if (result === undefined || result.state !== "completed")
        throw new Error(`${c.name}: ${taskName} did not complete`);
      return result.throughput.mean * (c.itemsPerCall ?? 1);
    };
    subjects.push(hz("subject"));
    baselines.push(hz("baseline"));
    ratios.push(hz("subject") / hz("baseline"));
  }
  return {
    name: c.name,
    opsPerSec: Math.round(median(subjects)),
    baseline: c.baselineName,
    baselineOpsPerSec: Math.round(median(baselines)),
    ratio: Number(median(ratios).toFixed(3)),
    ratioRange: [Number(Math.min(...ratios).toFixed(3)), Number(Math.max(...ratios).toFixed(3))],
    rounds,
    ...(c.target === undefined ? {} : { target: c.target }),
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export async function runMeasure(m: BenchMeasure): Promise<BenchResult> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const started = performance.now();
  await m.run();
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  return {
    name: m.name,
    opsPerSec: Number((1 / seconds).toFixed(4)),
    baseline: null,
    baselineOpsPerSec: null,
    ratio: null,
    seconds: Number(seconds.toFixed(3)),
    peakRssMB: Math.round(peak / 1024 / 1024),
    ...(m.target === undefined ? {} : { target: m.target }),
  };
}
