import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const json = (path: string) => JSON.parse(readFileSync(join(root, path), "utf8"));

// The modules that are reached through the root entry instead of an entry of their own.
const IN_ROOT = ["internal", "model"];
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

  it("the root entry re-exports the model and nothing of the other modules", () => {
    const index = readFileSync(join(root, "src/index.ts"), "utf8");
    const from = [...index.matchAll(/from "\.\/([a-z-]+)\/index\.js"/g)].map((m) => m[1]);
    expect(from.sort()).toEqual(IN_ROOT);
  });
});
