import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { contactDataExportSchema } from "leadkit/services";
import { afterAll, describe, expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const outDir = mkdtempSync(join(tmpdir(), "leadkit-gdpr-"));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe("the gdpr example", () => {
  it("exports, erases with the policy's rights, and sweeps once without changing the funnel", () => {
    const run = spawnSync(join(root, "node_modules", ".bin", "tsx"), ["examples/run.ts", "gdpr"], {
      cwd: root,
      env: { ...process.env, LEADKIT_SMOKE: "1", LEADKIT_OUT_DIR: outDir, NO_COLOR: "1" },
      encoding: "utf8",
      timeout: 110_000,
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("Ana may not erase: forbidden; an unknown lead: not_found");
    expect(run.stdout).toContain('name "Erased contact", email gone, phone gone');
    expect(run.stdout).toContain("if Lucía comes back, she is a new lead: created");
    expect(run.stdout).toContain("refused: erases_customers, erases_open_opportunities");
    expect(run.stdout.match(/funnel unchanged: true/g)).toHaveLength(2);
    expect(run.stdout).toMatch(/the same sweep again erases 0 \(already erased: [1-9]\d*\)/);
    const exported = contactDataExportSchema.parse(
      JSON.parse(readFileSync(join(outDir, "gdpr", "lucia-export.json"), "utf8")),
    );
    expect(exported.contact.email).toBe("lucia.perez@acme.es");
  });
});
