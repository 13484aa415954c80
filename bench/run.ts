// `npm run bench [-- filter]`: runs every bench/*.bench.ts, each case beside its baseline in this one
// process, prints a table and writes bench/results.json.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  type BenchCase,
  type BenchFile,
  type BenchMeasure,
  type BenchResult,
  runCase,
  runMeasure,
} from "./harness.js";

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2];
const time = Number(process.env["BENCH_TIME_MS"] ?? 1000);
const all = readdirSync(here)
  .filter((f) => f.endsWith(".bench.ts"))
  .sort();
// A filter naming a file (`npm run bench -- lifecycle`) loads only that file: some build large inputs.
const byFile = filter === undefined ? [] : all.filter((f) => f.includes(filter));
const files = byFile.length > 0 ? byFile : all;
const results: BenchResult[] = [];
for (const file of files) {
  const exported = ((await import(pathToFileURL(join(here, file)).href)) as { default: BenchFile }).default;
  const cases = typeof exported === "function" ? await exported() : exported;
  for (const c of cases) {
    if (filter !== undefined && byFile.length === 0 && !c.name.toLowerCase().includes(filter.toLowerCase()))
      continue;
    if (process.stdout.isTTY) process.stdout.write(`… ${c.name}\r`);
    const result =
      "baseline" in c ? await runCase(c as BenchCase, time) : await runMeasure(c as BenchMeasure);
    results.push(result);
    console.log(format(result));
  }
}
// A filtered run updates its own rows and keeps the others, so results.json stays whole.
const resultsFile = join(here, "results.json");
const previous: BenchResult[] =
  filter !== undefined && existsSync(resultsFile)
    ? (JSON.parse(readFileSync(resultsFile, "utf8")) as BenchResult[])
    : [];
const fresh = new Set(results.map((r) => r.name));
const merged = [...previous.filter((r) => !fresh.has(r.name)), ...results];
writeFileSync(resultsFile, `${JSON.stringify(merged, null, 2)}\n`);
console.log(`\nwrote ${results.length} results to bench/results.json (${merged.length} rows in all)`);

function format(r: BenchResult): string {
  const n = (x: number) => x.toLocaleString("en-US", { maximumFractionDigits: 0 });
  if (r.ratio === null) {
    return `${r.name.padEnd(58)} ${String(r.seconds).padStart(9)} s   peak RSS ${r.peakRssMB} MB${r.target ? `   (target ${r.target})` : ""}`;
  }
  const range =
    r.ratioRange === undefined ? "" : ` [${r.ratioRange[0]}–${r.ratioRange[1]} over ${r.rounds} rounds]`;
  return `${r.name.padEnd(58)} ${n(r.opsPerSec).padStart(13)} ops/s  vs ${r.baseline} ${n(r.baselineOpsPerSec ?? 0)} ops/s  ratio ${r.ratio}${range}${r.target ? `  (target ${r.target})` : ""}`;
}
