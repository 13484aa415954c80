import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { type ExampleOption, parseExampleArgs } from "../../examples/example-args.js";
import { describeIssue, SPANISH_VERDICTS, verdictName } from "../../examples/messages-es.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const tsx = join(root, "node_modules", ".bin", "tsx");
const outDir = mkdtempSync(join(tmpdir(), "leadkit-example-args-"));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

const run = (...args: string[]) =>
  spawnSync(tsx, ["examples/run.ts", ...args], {
    cwd: root,
    env: { ...process.env, LEADKIT_SMOKE: "1", LEADKIT_OUT_DIR: outDir, NO_COLOR: "1" },
    encoding: "utf8",
    timeout: 110_000,
  });

const options = new Map<string, ExampleOption>([
  ["rows", { type: "string", value: "count" }],
  ["pglite", { type: "boolean" }],
]);

describe("parseExampleArgs (examples/example-args.ts)", () => {
  it("reads --lang, the example's own options, and both --name value and --name=value", () => {
    const parsed = parseExampleArgs("import-csv", ["--lang", "es", "--rows=500", "--pglite"], options);
    expect(parsed).toEqual({
      ok: true,
      value: {
        lang: "es",
        help: false,
        values: new Map<string, string | boolean>([
          ["rows", "500"],
          ["pglite", true],
        ]),
      },
    });
    expect(parseExampleArgs("quickstart", [])).toMatchObject({ ok: true, value: { lang: "en" } });
  });

  it("rejects a misspelt flag, naming it, what was meant and what the example accepts", () => {
    const parsed = parseExampleArgs("import-csv", ["--lnag", "es"], options);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.message).toContain(
      'Unknown option "--lnag" for the example "import-csv"; did you mean --lang?',
    );
    expect(parsed.message).toContain("--rows");
    expect(parsed.message).toContain(
      "Usage: npm run example -- import-csv [--lang en|es] [--rows count] [--pglite]",
    );
  });

  it("rejects an option another example takes, a short flag, a stray word and a missing value", () => {
    for (const argv of [["--rules", "x.json"], ["-l"], ["es"], ["--rows"], ["--lang"]]) {
      const parsed = parseExampleArgs("import-csv", argv, options);
      expect(parsed.ok, argv.join(" ")).toBe(false);
    }
  });

  it("rejects a language it has no messages for", () => {
    const parsed = parseExampleArgs("quickstart", ["--lang", "fr"]);
    expect(parsed).toMatchObject({ ok: false });
    if (!parsed.ok) expect(parsed.message).toContain('Unknown language "fr" for --lang; expected en or es.');
  });

  it("treats option names that are Object.prototype members as unknown", () => {
    for (const name of ["--constructor", "--__proto__", "--toString"])
      expect(parseExampleArgs("quickstart", [name, "x"]).ok, name).toBe(false);
  });
});

describe("Spanish messages (examples/messages-es.ts)", () => {
  it("translates an issue by its code and marks the English details", () => {
    const line = describeIssue(
      { code: "invalid_type", path: ["contact", "email"], message: "Expected string, received number" },
      "es",
    );
    expect(line).toBe(
      "contact.email: El valor no es del tipo esperado. Detalle en inglés: Expected string, received number [invalid_type]",
    );
  });

  it("says a message is in English when its code has no translation, prototype names included", () => {
    for (const code of ["some_new_code", "constructor", "__proto__", "toString"]) {
      const line = describeIssue({ code, path: [], message: "Something went wrong" }, "es");
      expect(line).toBe(
        `(raíz): Something went wrong [${code}] (mensaje en inglés: no hay traducción para este código)`,
      );
    }
  });

  it("leaves English as it is, and names every verdict in Spanish", () => {
    expect(describeIssue({ code: "invalid_type", path: ["a", 0], message: "Bad" }, "en")).toBe(
      "a.0: Bad [invalid_type]",
    );
    expect([...SPANISH_VERDICTS.keys()].sort()).toEqual(["disqualified", "needs_information", "qualified"]);
    expect(verdictName("needs_information", "es")).toBe("falta información");
    expect(verdictName("needs_information", "en")).toBe("needs_information");
  });
});

describe("examples' command lines", () => {
  it("an unknown flag exits with status 2 and says what was meant", () => {
    const result = run("quickstart", "--lnag", "es");
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      'Unknown option "--lnag" for the example "quickstart"; did you mean --lang?',
    );
    expect(result.stdout).toBe("");
  });

  it("an example that reads no options itself (first-look, shown verbatim in the README) rejects one too", () => {
    const result = run("first-look", "--lnag", "es");
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      'Unknown option "--lnag" for the example "first-look"; did you mean --lang?',
    );
  });

  it("prototype-qualification --lang es prints verdicts, criterion names and reasons in Spanish", () => {
    const result = run("prototype-qualification", "--lang", "es");
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain("veredicto");
    expect(result.stdout).toMatch(/L-002 .*descartado +Presupuesto, Tiempo/);
    expect(result.stdout).toContain("falta información");
    expect(result.stdout).toContain("4 cualificados, 1 con información pendiente, 4 descartados.");
    expect(result.stdout).not.toMatch(/\b(qualified|disqualified|needs_information)\b/);
  });

  it("an invalid framework's issues come out in Spanish, details marked as English, exit 1", () => {
    const result = run(
      "prototype-qualification",
      "--lang",
      "es",
      "--framework",
      "examples/prototype-qualification/invalid-framework.json",
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Archivo de marco no válido");
    expect(result.stderr).toContain(
      "criteria.2.id: El id del criterio ya lo usa otro criterio; los ids deben ser únicos. Detalle en inglés:",
    );
  });

  it("funnel-report --lang es prints its tables and draws its charts in Spanish, saying only segment keys stay as they are", () => {
    const result = run("funnel-report", "--lang", "es");
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).not.toContain("inglés");
    expect(result.stdout).toMatch(
      /^\(Todo sale en español salvo las claves de los segmentos .*\)\n\nEmbudo de 2\.?000 leads generados/,
    );
    expect(result.stdout).toMatch(/Etapa +Alcanzan +Desde la anterior +Desde el inicio +Abandonos/);
    expect(result.stdout).toMatch(/fuente +leads +tasa de conversión +coste por lead +coste por cliente/);
    expect(result.stdout).not.toMatch(/\b(Stage|Reached|conversion rate|cost per lead|Wrote)\b/);
    const funnel = readFileSync(join(outDir, "funnel-report", "funnel.svg"), "utf8");
    const bySource = readFileSync(join(outDir, "funnel-report", "by-source.svg"), "utf8");
    expect(funnel).toContain("de la etapa anterior</text>");
    expect(funnel).toContain(">origen desconocido</text>");
    expect(bySource).toContain(">Leads por fuente</text>");
    for (const svg of [funnel, bySource])
      expect(svg).not.toMatch(/>(active|passive|unknown origin|[^<]* of previous)<\/text>/);
  });

  it("quickstart --lang es draws its funnel in Spanish and says the rest stays English", () => {
    const result = run("quickstart", "--lang", "es");
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout.split("\n")[0]).toBe(
      "(Con --lang es salen en español la tabla del embudo y funnel.svg; el resto de la salida está en inglés.)",
    );
    expect(result.stdout).toMatch(/Etapa +Alcanzan/);
    expect(readFileSync(join(outDir, "quickstart", "funnel.svg"), "utf8")).toContain(
      ">Embudo del segundo trimestre de 2026</text>",
    );
  });

  it("an example whose output is not translated says so in Spanish", () => {
    const result = run("first-look", "--lang", "es");
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout.split("\n")[0]).toBe(
      "(La salida de este ejemplo está en inglés: no tiene traducción al español.)",
    );
  });
});
