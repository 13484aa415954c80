import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const json = (path: string) => JSON.parse(readFileSync(join(root, path), "utf8"));

// The modules that are reached through the root entry instead of an entry of their own.
const IN_ROOT = ["internal", "model"];
/** The tracked text files under `dir` that can hold an import: TypeScript and Markdown. */
function walk(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: "utf8" })
    .filter((f) => /\.(ts|md)$/.test(f) && !f.split("/").some((part) => part === "api" || part === "out"))
    .map((f) => join(dir, f));
}

const modules = readdirSync(join(root, "src"), { withFileTypes: true })
  .filter((d) => d.isDirectory() && !IN_ROOT.includes(d.name))
  .map((d) => d.name)
  .sort();

describe("package entries", () => {
  const pkg = json("package.json");

  it("every module has an entry in exports, for import and require, types first", () => {
    const entries = Object.keys(pkg.exports).filter((k) => k !== "." && k !== "./package.json");
    expect(entries.sort()).toEqual(modules.map((m) => `./${m}`));
    for (const m of [".", ...entries]) {
      const base = m === "." ? "./dist/index" : `./dist/${m.slice(2)}/index`;
      expect(pkg.exports[m]).toEqual({
        import: { types: `${base}.d.ts`, default: `${base}.js` },
        require: { types: `${base}.d.cts`, default: `${base}.cjs` },
      });
      expect(Object.keys(pkg.exports[m].import)[0]).toBe("types");
    }
  });

  it("resolvers without exports support (typesVersions), typedoc and size-limit know every entry", () => {
    expect(Object.keys(pkg.typesVersions["*"]).sort()).toEqual(modules);
    const typedoc = json("typedoc.json");
    expect([...typedoc.entryPoints].sort()).toEqual(
      ["src/index.ts", ...modules.map((m) => `src/${m}/index.ts`)].sort(),
    );
    const measured = json(".size-limit.json").map((c: { path: string | string[] }) => c.path);
    for (const m of modules) expect(measured).toContain(`dist/${m}/index.js`);
    expect(measured).toContain("dist/index.js");
  });

  it("the sources' aliases (tsconfig paths, vitest) and the all-entries size check name exactly the entries", () => {
    const paths = json("tsconfig.json").compilerOptions.paths as Record<string, string[]>;
    expect(Object.keys(paths).sort()).toEqual(["leadkit", ...modules.map((m) => `leadkit/${m}`)].sort());
    for (const m of modules) expect(paths[`leadkit/${m}`]).toEqual([`./src/${m}/index.ts`]);
    const vitest = readFileSync(join(root, "vitest.config.ts"), "utf8");
    const aliased = /\^leadkit\\\/\(([a-z|]+)\)\$/.exec(vitest)?.[1]?.split("|") ?? [];
    expect(aliased.sort()).toEqual(modules);
    const together = readFileSync(join(root, "scripts/all-entries.mjs"), "utf8");
    const measured = [...together.matchAll(/from "\.\.\/dist\/(?:([a-z]+)\/)?index\.js"/g)].map(
      (m) => m[1] ?? ".",
    );
    expect(measured.sort()).toEqual([".", ...modules.filter((m) => m !== "testing")].sort());
  });

  it("every leadkit import in the repository names a published entry", () => {
    const published = new Set(
      Object.keys(pkg.exports).map((k) => (k === "." ? "leadkit" : `leadkit${k.slice(1)}`)),
    );
    const files = [
      "README.md",
      ...walk("docs"),
      ...walk("examples"),
      ...walk("test"),
      ...walk("bench"),
      ...walk("src"),
    ];
    const unknown: string[] = [];
    for (const file of files) {
      const text = readFileSync(join(root, file), "utf8");
      for (const m of text.matchAll(/(?:from |import\()"(leadkit(?:\/[^"]*)?)"/g))
        if (!published.has(m[1] as string)) unknown.push(`${file}: ${m[1]}`);
    }
    expect(files.length).toBeGreaterThan(50);
    expect(unknown).toEqual([]);
  });

  it("the root entry re-exports the model and nothing of the other modules", () => {
    const index = readFileSync(join(root, "src/index.ts"), "utf8");
    const from = [...index.matchAll(/from "\.\/([a-z-]+)\/index\.js"/g)].map((m) => m[1]);
    expect(from.sort()).toEqual(IN_ROOT);
  });
});
