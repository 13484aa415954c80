import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const src = join(root, "src");

/** Which modules each module may import (STYLE.md, "Dependency direction"). */
const allowed: Record<string, readonly string[]> = {
  internal: [],
  model: ["internal"],
  origin: ["internal", "model"],
  lifecycle: ["internal", "model"],
  qualification: ["internal", "model"],
  scoring: ["internal", "model"],
  metrics: ["internal", "model", "lifecycle"],
  ports: ["internal", "model"],
  services: ["internal", "model", "ports", "origin", "lifecycle", "qualification", "scoring", "metrics"],
  testing: ["internal", "model", "ports"],
  postgres: ["internal", "model", "ports"],
};

interface Edge {
  readonly from: string;
  readonly to: string;
  readonly specifier: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  // Comments are not imports: a TSDoc example's `import … from "leadkit"` line is text for a reader.
  const text = readFileSync(file, "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\/\/.*$/gm, "");
  const specifiers: string[] = [];
  const pattern = /(?:import|export)\s[^;]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;
  for (const match of text.matchAll(pattern)) specifiers.push((match[1] ?? match[2]) as string);
  return specifiers;
}

const moduleOf = (file: string) => relative(src, file).split(sep)[0] ?? "";

function edges(): Edge[] {
  return sourceFiles(src).flatMap((file) =>
    importsOf(file)
      .filter((s) => s.startsWith("."))
      .map((specifier) => ({
        from: file,
        to: resolve(dirname(file), specifier).replace(/\.js$/, ".ts"),
        specifier,
      })),
  );
}

describe("architecture", () => {
  const all = edges();

  it("every src folder is a known module", () => {
    const folders = readdirSync(src, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    for (const folder of folders)
      expect(Object.keys(allowed), `unknown module src/${folder}`).toContain(folder);
  });

  it("modules reach each other only through index.ts", () => {
    const violations = all
      .filter((e) => moduleOf(e.to) !== moduleOf(e.from) && moduleOf(e.to) !== "index.ts")
      .filter((e) => relative(join(src, moduleOf(e.to)), e.to) !== "index.ts")
      .map((e) => `${relative(root, e.from)} imports ${e.specifier}`);
    expect(violations).toEqual([]);
  });

  it("dependencies point in the allowed direction", () => {
    const violations = all
      .filter((e) => moduleOf(e.from) !== "index.ts" && moduleOf(e.to) !== moduleOf(e.from))
      .filter((e) => !(allowed[moduleOf(e.from)] ?? []).includes(moduleOf(e.to)))
      .map((e) => `${relative(root, e.from)} (${moduleOf(e.from)}) imports ${moduleOf(e.to)}`);
    expect(violations).toEqual([]);
  });

  it("has no import cycle between files", () => {
    const graph = new Map<string, string[]>();
    for (const e of all) graph.set(e.from, [...(graph.get(e.from) ?? []), e.to]);
    expect(findCycles(graph)).toEqual([]);
  });

  it("the main entry never imports a test runner or the testing entry", () => {
    const mainFiles = sourceFiles(src).filter((f) => moduleOf(f) !== "testing");
    const offenders = mainFiles.filter((f) =>
      importsOf(f).some(
        (s) => /^(vitest|jest|mocha|node:test|fast-check)$/.test(s) || s.includes("/testing/"),
      ),
    );
    expect(offenders.map((f) => relative(root, f))).toEqual([]);
    expect(importsOf(join(src, "index.ts")).some((s) => s.includes("testing"))).toBe(false);
  });

  it("domain code reads no ambient clock or randomness", () => {
    const pure = sourceFiles(src).filter((f) => !["testing", "services", "ports"].includes(moduleOf(f)));
    const code = (f: string) =>
      readFileSync(f, "utf8")
        .replace(/\/\*[\s\S]*?\*\//g, "")
        .replace(/\/\/.*$/gm, "");
    const offenders = pure.filter((f) => /\bDate\.now\(|\bMath\.random\(|new Date\(\)/.test(code(f)));
    expect(offenders.map((f) => relative(root, f))).toEqual([]);
  });

  it("the cycle check finds a cycle when one exists (it can fail)", () => {
    const a = join(src, "x", "a.ts");
    const b = join(src, "x", "b.ts");
    const c = join(src, "x", "c.ts");
    expect(
      findCycles(
        new Map([
          [a, [b]],
          [b, [c]],
          [c, [a]],
        ]),
      ),
    ).toEqual(["src/x/a.ts → src/x/b.ts → src/x/c.ts → src/x/a.ts"]);
    expect(
      findCycles(
        new Map([
          [a, [b, c]],
          [b, [c]],
        ]),
      ),
    ).toEqual([]);
  });
});

/** Every import cycle in a file graph, as "a → b → a" paths relative to the repository. */
function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[] {
  const state = new Map<string, "visiting" | "done">();
  const cycles: string[] = [];
  const visit = (file: string, trail: string[]) => {
    if (state.get(file) === "done") return;
    if (state.get(file) === "visiting") {
      cycles.push([...trail.slice(trail.indexOf(file)), file].map((f) => relative(root, f)).join(" → "));
      return;
    }
    state.set(file, "visiting");
    for (const next of graph.get(file) ?? []) visit(next, [...trail, file]);
    state.set(file, "done");
  };
  for (const file of graph.keys()) visit(file, []);
  return cycles;
}
