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
  readonly target?: string;
  readonly seconds?: number;
  readonly peakRssMB?: number;
}

export async function runCase(c: BenchCase, time: number): Promise<BenchResult> {
  const bench = new Bench({ time, warmupTime: Math.min(200, time / 2) });
  bench.add("subject", c.subject).add("baseline", c.baseline);
  await bench.run();
  const hz = (taskName: string) => {
    const task = bench.tasks.find((t) => t.name === taskName);
    const result = task?.result;
    if (result === undefined || result.state !== "completed")
      throw new Error(`${c.name}: ${taskName} did not complete`);
    return result.throughput.mean * (c.itemsPerCall ?? 1);
  };
  const opsPerSec = hz("subject");
  const baselineOpsPerSec = hz("baseline");
  return {
    name: c.name,
    opsPerSec: Math.round(opsPerSec),
    baseline: c.baselineName,
    baselineOpsPerSec: Math.round(baselineOpsPerSec),
    ratio: Number((opsPerSec / baselineOpsPerSec).toFixed(3)),
    ...(c.target === undefined ? {} : { target: c.target }),
  };
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
