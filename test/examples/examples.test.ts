import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const examplesDir = join(root, "examples");
const examples = readdirSync(examplesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(examplesDir, d.name, "main.ts")))
  .map((d) => d.name);
const outDir = mkdtempSync(join(tmpdir(), "leadkit-examples-"));
const tsx = join(root, "node_modules", ".bin", "tsx");

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe("examples (smoke)", () => {
  it("there are examples to run", () => {
    expect(examples).toContain("quickstart");
  });

  it.each(examples)("%s runs to completion", (name) => {
    const run = spawnSync(tsx, ["examples/run.ts", name], {
      cwd: root,
      env: { ...process.env, LEADKIT_SMOKE: "1", LEADKIT_OUT_DIR: outDir, NO_COLOR: "1" },
      encoding: "utf8",
      timeout: 110_000,
    });
    expect(run.status, `${name} failed:\n${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout.length).toBeGreaterThan(0);
  });

  it("an unknown example name exits non-zero with the list", () => {
    const run = spawnSync(tsx, ["examples/run.ts", "no-such-example"], { cwd: root, encoding: "utf8" });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("quickstart");
  });
});
