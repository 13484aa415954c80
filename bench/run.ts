// `npm run bench [-- filter]`: runs every bench/*.bench.ts, each in a fresh Node process (so one
// file's inputs, heap and JIT feedback do not reach another's), prints each row as it completes and
// writes bench/results.json (schema in bench/harness.ts). A filter naming files (`-- lifecycle`)
// runs only those files; otherwise it selects rows by name in every file. A filtered run replaces
// its own rows and keeps the others, each row naming the run (and its conditions) that measured it.
// A row whose sides disagree stops the run and nothing is written. BENCH_RESULTS=<path> writes the
// results elsewhere (for short trial runs).
//
// Then (unless BENCH_RESULTS is set) it rewrites the table of docs/performance.md from the results
// (bench/report.ts), so the docs quote exactly what was measured.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  type BenchFile,
  formatTarget,
  formatValue,
  fromLegacy,
  isCase,
  isLegacyCase,
  type ResultsFile,
  type RowResult,
  type RunConditions,
  runCase,
  runMeasure,
  settings,
} from "./harness.js";
import { writeReport } from "./report.js";

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);

if (args[0] === "--child") await child(args[1] as string, args[2] ?? "", args[3] as string, args[4] ?? "");
else await parent(args[0]);

async function parent(filter: string | undefined): Promise<void> {
  const all = readdirSync(here)
    .filter((f) => f.endsWith(".bench.ts"))
    .sort();
  const byFile = filter === undefined ? [] : all.filter((f) => f.includes(filter));
  const files = byFile.length > 0 ? byFile : all;
  const rowFilter = filter !== undefined && byFile.length === 0 ? filter : "";
  const { timeMs, rounds } = settings();
  const startedAt = new Date().toISOString();
  const runId = startedAt;
  const loadAtStart = loadavg()[0] ?? 0;
  const out = mkdtempSync(join(tmpdir(), "leadkit-bench-"));
  const rows: RowResult[] = [];
  console.log(
    `bench: ${files.length} file(s), ${rounds} rounds × ${timeMs} ms per side, Node ${process.version}, ${cpus().length} cores, load ${loadAtStart.toFixed(2)}\n`,
  );
  try {
    for (const file of files) {
      const target = join(out, `${file}.json`);
      const run = spawnSync(
        process.execPath,
        [
          ...process.execArgv,
          "--expose-gc",
          "--max-old-space-size=6144",
          fileURLToPath(import.meta.url),
          "--child",
          file,
          rowFilter,
          target,
          runId,
        ],
        { stdio: "inherit" },
      );
      if (run.status !== 0) {
        console.error(
          `\n✖ ${file} failed (exit ${run.status ?? run.signal}); bench/results.json is unchanged.`,
        );
        process.exit(1);
      }
      if (existsSync(target)) rows.push(...(JSON.parse(readFileSync(target, "utf8")) as RowResult[]));
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  const conditions: RunConditions = {
    startedAt,
    commit: commit(),
    node: process.version,
    v8: process.versions.v8,
    platform: `${process.platform} ${process.arch}`,
    cpu: cpus()[0]?.model.trim() ?? "unknown",
    cores: cpus().length,
    memoryGB: Math.round(totalmem() / 1024 ** 3),
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    loadAverage: [Number(loadAtStart.toFixed(2)), Number((loadavg()[0] ?? 0).toFixed(2))],
    timePerRoundMs: timeMs,
    rounds,
    filter: filter ?? null,
  };
  // BENCH_RESULTS writes elsewhere: for short trial runs that must not replace the published figures.
  const resultsFile = process.env["BENCH_RESULTS"] || join(here, "results.json");
  const previous = filter === undefined ? undefined : readResults(resultsFile);
  const fresh = new Set(rows.map((r) => r.name));
  const kept = (previous?.rows ?? []).filter((r) => !fresh.has(r.name));
  const merged = [...kept, ...rows];
  const runs: Record<string, RunConditions> = {};
  for (const r of merged) {
    const c = r.run === runId ? conditions : previous?.runs[r.run];
    if (c !== undefined) runs[r.run] = c;
  }
  const results: ResultsFile = { schema: 2, runs, rows: merged };
  writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  const missed = rows.filter((r) => r.met === false).length;
  console.log(
    `\nwrote ${rows.length} rows to ${resultsFile} (${merged.length} in all); ${missed} row(s) miss a target.`,
  );
  if (process.env["BENCH_RESULTS"] === undefined || process.env["BENCH_RESULTS"] === "") {
    writeReport(resultsFile);
    console.log("docs/performance.md: its table now shows bench/results.json.");
  }
}

async function child(file: string, rowFilter: string, target: string, runId: string): Promise<void> {
  const exported = ((await import(pathToFileURL(join(here, file)).href)) as { default: BenchFile }).default;
  const rows = typeof exported === "function" ? await exported() : exported;
  const results: RowResult[] = [];
  const done = new Map<string, RowResult>();
  for (const row of rows) {
    if (rowFilter !== "" && !row.name.toLowerCase().includes(rowFilter.toLowerCase())) continue;
    if (process.stdout.isTTY) process.stdout.write(`… ${row.name}\r`);
    const result = isCase(row)
      ? await runCase(row, file, runId, done)
      : isLegacyCase(row)
        ? await runCase(fromLegacy(row), file, runId, done)
        : await runMeasure(row, file, runId);
    done.set(result.name, result);
    results.push(result);
    console.log(format(result));
  }
  writeFileSync(target, JSON.stringify(results));
}

function readResults(path: string): ResultsFile | undefined {
  if (!existsSync(path)) return undefined;
  const parsed = JSON.parse(readFileSync(path, "utf8")) as Partial<ResultsFile>;
  // Results written before schema 2 (a bare array) are not merged: their figures were not comparable.
  return parsed.schema === 2 ? (parsed as ResultsFile) : undefined;
}

function commit(): string {
  try {
    const sha = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--", "src", "bench", "examples"], {
      encoding: "utf8",
    }).trim();
    return dirty === "" ? sha : `${sha}+changes`;
  } catch {
    return "unknown";
  }
}

function format(r: RowResult): string {
  const mark = (met: boolean | undefined) => (met === undefined ? "" : met ? " ✓" : " ✗");
  const lines = [
    `${r.met === false ? "✗" : r.met ? "✓" : "·"} ${r.name}`,
    `    leadkit      ${formatValue(r.leadkit.value, r.unit)}${r.leadkit.target ? `  (target ${formatTarget(r.leadkit.target)}${mark(r.leadkit.met)})` : ""}${r.peakRssMB === undefined ? "" : `, peak RSS ${r.peakRssMB} MB`}`,
    ...r.baselines.map(
      (b) =>
        `    ${b.kind.padEnd(12)} ${b.name}: ${formatValue(b.value, r.unit)}  ratio ${b.ratio.median} [${b.ratio.min}–${b.ratio.max}]${b.target ? `  (target ${formatTarget(b.target)}${mark(b.met)})` : ""}`,
    ),
    ...r.notes.map((n) => `    note: ${n}`),
  ];
  return lines.join("\n");
}
