// The two examples that read CSV files, run as a user would, checked on what they print: quoted
// commas and quotes survive the parser, and an import cut half-way resumes without twins.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const outDir = mkdtempSync(join(tmpdir(), "leadkit-csv-examples-"));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));
const run = (name: string, ...args: string[]) =>
  spawnSync(join(root, "node_modules", ".bin", "tsx"), ["examples/run.ts", name, ...args], {
    cwd: root,
    env: { ...process.env, LEADKIT_SMOKE: "1", LEADKIT_OUT_DIR: outDir, NO_COLOR: "1" },
    encoding: "utf8",
    timeout: 110_000,
  });

describe("CSV examples", () => {
  test("prototype-qualification keeps a quoted comma and a quoted quote in their cells", () => {
    const { status, stdout, stderr } = run("prototype-qualification");
    expect(status, stderr).toBe(0);
    expect(stdout).toMatch(/L-001 {2}Ferretería Ruiz, S\.L\. +qualified /);
    expect(stdout).toMatch(/L-009 {2}Talleres "El Rápido", S\.A\. +qualified /);
    expect(stdout).toContain("4 qualified, 1 need information, 4 disqualified.");
  });

  test("import-csv resumes its import after a failure half-way: one lead per email, no twin", () => {
    const { status, stdout, stderr } = run("import-csv");
    expect(status, stderr).toBe(0);
    expect(stdout).toMatch(/first run stopped: Injected fault: .* checkpoint at row [\d,]+/);
    const [, leads, emails] = /([\d,]+) leads for ([\d,]+) distinct emails/.exec(stdout) ?? [];
    expect(leads).toBe(emails);
    expect(stdout).toContain("twins: 0");
    expect(stdout).toContain('quoted comma kept: "Ferretería Ruiz, S.L."');
    expect(stdout).toContain('line break kept: "Called twice,\\nasked for a quote"');
  });
});
