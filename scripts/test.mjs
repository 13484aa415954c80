// The one test command: every gate runs in order and the first failure fails `npm test`.
// CI runs exactly this (`.ci/run` starts a PostgreSQL server, then `npm ci && npm test`).
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";

const resultsFile = ".vitest-results.json";
const steps = [
  ["type-check (src, test, examples, bench)", "npx", ["tsc", "--noEmit", "-p", "tsconfig.json"]],
  ["lint (biome, zero warnings)", "npx", ["biome", "check", "--error-on-warnings", "."]],
  [
    "vitest: examples, types, properties + coverage ≥ 90 % of src lines",
    "npx",
    [
      "vitest",
      "run",
      "--coverage",
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${resultsFile}`,
    ],
  ],
  ["build (tsup: ESM + CJS + d.ts)", "npx", ["tsup"]],
  ["publint", "npx", ["publint", "--strict"]],
  ["attw (every resolution mode)", "npx", ["attw", "--pack", "."]],
  ["size-limit", "npx", ["size-limit"]],
  ["typedoc validation (warnings are errors)", "npx", ["typedoc", "--emit", "none"]],
];

// Colour only on a terminal: vitest and size-limit turn colour ON when FORCE_COLOR is set at all,
// even to "0", so CI logs carried ANSI codes. NO_COLOR is the convention every tool here honours.
const childEnv = { ...process.env };
delete childEnv.FORCE_COLOR;
if (!process.stdout.isTTY) childEnv.NO_COLOR = "1";

rmSync(resultsFile, { force: true });
const started = Date.now();
for (const [title, command, args] of steps) {
  console.log(`\n▶ ${title}`);
  const run = spawnSync(command, args, { stdio: "inherit", env: childEnv });
  if (run.status !== 0) {
    console.error(`\n✖ ${title} failed (exit ${run.status ?? run.signal}).`);
    printTestCounts();
    process.exit(1);
  }
}
console.log(`\n✔ all gates passed in ${Math.round((Date.now() - started) / 1000)} s`);
printTestCounts();

function printTestCounts() {
  if (!existsSync(resultsFile)) return;
  // The PostgreSQL server tests (test/postgres/server.test.ts) need a server: say whether they ran.
  console.log(
    process.env.DATABASE_URL
      ? "PostgreSQL server tests: ran against DATABASE_URL."
      : "PostgreSQL server tests: skipped, DATABASE_URL is not set (.ci/run starts a throwaway server and sets it).",
  );
  const results = JSON.parse(readFileSync(resultsFile, "utf8"));
  const skipped = results.numPendingTests + results.numTodoTests;
  console.log(
    `tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped`,
  );
}
