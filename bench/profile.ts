// Profiles one side of one bench row under the row's own inputs: `npx tsx bench/profile.ts <file>
// "<row name part>" [side]` runs the row's agreement check, warms the side up, then samples the CPU
// (node:inspector) while the side runs for BENCH_TIME_MS (default 3000) ms, and prints where the
// time goes — self time by function and by file — and writes the .cpuprofile next to the system's
// temporary files (open it in Chrome DevTools or speedscope). Side: "leadkit" (default) or the
// number of a baseline (1, 2, …).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  type BenchComparison,
  type BenchFile,
  type BenchSide,
  fromLegacy,
  isCase,
  isLegacyCase,
} from "./harness.js";

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly positionTicks?: readonly { readonly line: number; readonly ticks: number }[];
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

const here = dirname(fileURLToPath(import.meta.url));
const [file, rowName, sideArg = "leadkit"] = process.argv.slice(2);
if (file === undefined || rowName === undefined) {
  console.error('usage: npx tsx bench/profile.ts <file> "<row name part>" [leadkit | 1 | 2 …]');
  process.exit(2);
}
const path = join(here, file.endsWith(".bench.ts") ? file : `${file}.bench.ts`);
const exported = ((await import(pathToFileURL(path).href)) as { default: BenchFile }).default;
const rows = typeof exported === "function" ? await exported() : exported;
const row = rows
  .map((r) => (isLegacyCase(r) ? fromLegacy(r) : r))
  .find((r): r is BenchComparison => isCase(r) && r.name.toLowerCase().includes(rowName.toLowerCase()));
if (row === undefined) throw new Error(`no row of ${file} matches "${rowName}"`);
const side: BenchSide | undefined = sideArg === "leadkit" ? row.subject : row.baselines[Number(sideArg) - 1];
if (side === undefined) throw new Error(`row "${row.name}" has no side ${sideArg}`);
const time = Number(process.env["BENCH_TIME_MS"] ?? 3000);

await row.agree();
if (side.reset !== undefined) await side.reset();
const loop = async (ms: number) => {
  let calls = 0;
  const until = performance.now() + ms;
  while (performance.now() < until) {
    await side.run();
    calls++;
  }
  return calls;
};
await loop(Math.min(1000, time / 2));
const session = new Session();
session.connect();
await session.post("Profiler.enable");
await session.post("Profiler.setSamplingInterval", { interval: 100 });
await session.post("Profiler.start");
const started = performance.now();
const calls = await loop(time);
const elapsed = performance.now() - started;
const { profile } = (await session.post("Profiler.stop")) as unknown as { profile: Profile };
session.disconnect();

const selfTime = new Map<number, number>();
profile.samples.forEach((id, i) => {
  selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const byFunction = new Map<string, number>();
const byFile = new Map<string, number>();
let total = 0;
for (const node of profile.nodes) {
  const us = selfTime.get(node.id) ?? 0;
  if (us === 0) continue;
  total += us;
  const url = node.callFrame.url.replace(/^file:\/\/.*?\/(src|bench|dist|node_modules)\//, "$1/");
  const fn = `${node.callFrame.functionName || "(anonymous)"}  ${url}${url === "" ? "" : `:${node.callFrame.lineNumber + 1}`}`;
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  const where = url === "" ? `(${node.callFrame.functionName})` : (url.split(":")[0] as string);
  byFile.set(where, (byFile.get(where) ?? 0) + us);
}
// Hot lines: V8's per-line ticks (meaningful for readable code: run against the build with
// TSX_TSCONFIG_PATH pointing at a tsconfig whose paths map leadkit/* to dist/*, since tsx's
// on-the-fly output keeps no line structure).
const byLine = new Map<string, number>();
let ticks = 0;
for (const node of profile.nodes)
  for (const t of node.positionTicks ?? []) {
    const key = `${node.callFrame.url}:${t.line}`;
    byLine.set(key, (byLine.get(key) ?? 0) + t.ticks);
    ticks += t.ticks;
  }
const sourceLine = (key: string) => {
  const at = key.lastIndexOf(":");
  const url = key.slice(0, at);
  if (!url.startsWith("file:")) return "";
  const path = fileURLToPath(url);
  return existsSync(path)
    ? (readFileSync(path, "utf8").split("\n")[Number(key.slice(at + 1)) - 1] ?? "").trim().slice(0, 90)
    : "";
};
const hotLines = [...byLine]
  .sort((a, b) => b[1] - a[1])
  .slice(0, 25)
  .map(
    ([k, n]) =>
      `${((100 * n) / ticks).toFixed(1).padStart(6)} %  ${k.replace(/^file:\/\/.*?\/(src|bench|dist|node_modules)\//, "$1/")}  ${sourceLine(k)}`,
  )
  .join("\n");
const table = (m: Map<string, number>, n: number) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, us]) => `${((100 * us) / total).toFixed(1).padStart(6)} %  ${k}`)
    .join("\n");
const out = join(tmpdir(), `leadkit-${file.replace(/\W+/g, "-")}-${Date.now()}.cpuprofile`);
writeFileSync(out, JSON.stringify(profile));
console.log(
  `${row.name} — ${side.name}: ${calls} calls in ${elapsed.toFixed(0)} ms (${((calls * (row.itemsPerCall ?? 1) * 1000) / elapsed).toFixed(0)} items/s while profiled)\n` +
    `\nself time by function\n${table(byFunction, 30)}\n\nself time by file\n${table(byFile, 12)}\n\nhot lines\n${hotLines}\n\nprofile: ${out}`,
);
