import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const tsx = join(root, "node_modules", ".bin", "tsx");
const outDir = mkdtempSync(join(tmpdir(), "leadkit-qualification-"));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

const run = (...args: string[]) =>
  spawnSync(tsx, ["examples/run.ts", "prototype-qualification", ...args], {
    cwd: root,
    env: { ...process.env, LEADKIT_OUT_DIR: outDir, NO_COLOR: "1" },
    encoding: "utf8",
    timeout: 60_000,
  });

describe("examples/prototype-qualification", () => {
  it("exits non-zero on an invalid framework file and prints each issue with its path", () => {
    const result = run("--framework", "examples/prototype-qualification/invalid-framework.json");
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("criteria.2.id");
    expect(result.stderr).toContain("duplicate_criterion_id");
    expect(result.stderr).toContain("rule.count");
    expect(result.stderr).toContain("impossible_rule");
  });

  it("evaluates the sample leads in Spanish and prints verdicts and next questions", () => {
    const result = run("--lang", "es");
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain("siguiente pregunta");
    expect(result.stdout).toMatch(/L-005 .*falta información .*¿Qué presupuesto baraja para este proyecto\?/);
    expect(result.stdout).toMatch(/L-004 .*descartado .*Fuera del perfil de cliente ideal/);
  });
});
