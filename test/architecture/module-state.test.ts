import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** Top-level `let`/`var` declarations and collections built at module level, by file. */
function moduleState(text: string): { readonly lets: string[]; readonly collections: string[] } {
  const lets = [...text.matchAll(/^(?:export\s+)?(?:let|var)\s+([A-Za-z_$][\w$]*)/gm)].map(
    (m) => m[1] as string,
  );
  const collections = [
    ...text.matchAll(
      /^(?:export\s+)?const\s+([A-Za-z_$][\w$]*)(\s*:\s*[^=]+)?\s*=\s*new\s+(Weak)?(Map|Set)\b/gm,
    ),
  ]
    // A collection typed ReadonlyMap/ReadonlySet cannot be changed after it is built.
    .filter((m) => !/^\s*:\s*Readonly(Map|Set)</.test(m[2] ?? ""))
    .map((m) => m[1] as string);
  return { lets, collections };
}

// Issue 18: configuration is compiled into values the caller holds, so nothing is cached behind a
// public function and no module keeps mutable state. The one allowed pattern is a write-once slot
// (ARCHITECTURE.md, "Module state"): a `let` assigned only by `??=`, holding a constant built on first
// use so that importing an entry costs nothing for it.
describe("module state", () => {
  const files = sourceFiles(join(root, "src")).map((file) => ({
    file: relative(root, file),
    text: readFileSync(file, "utf8"),
  }));

  it("no module builds a mutable Map, Set, WeakMap or WeakSet at module level", () => {
    const offenders = files.flatMap(({ file, text }) =>
      moduleState(text).collections.map((name) => `${file}: ${name}`),
    );
    expect(offenders).toEqual([]);
  });

  it("every module-level let is a write-once slot, assigned only by ??=", () => {
    const offenders = files.flatMap(({ file, text }) =>
      moduleState(text).lets.flatMap((name) => {
        // Any assignment but `name ??= …`: `name = `, `name += `, `name++`, `++name`, and so on.
        const writes = new RegExp(
          `(?<![\\w$.])${name}\\s*(?:[-+*/%&|^]|\\*\\*|<<|>>>?|&&|\\|\\|)?=(?!=)|(?<![\\w$.])${name}\\s*(?:\\+\\+|--)|(?:\\+\\+|--)\\s*${name}(?![\\w$])`,
          "g",
        );
        const declaration = new RegExp(`^(?:export\\s+)?(?:let|var)\\s+${name}\\b[^;\\n]*`, "m");
        const body = text.replace(declaration, "");
        const bad = [...body.matchAll(writes)].map((m) => m[0]);
        const initialised = /=[^=]/.test(text.match(declaration)?.[0].replace(/:[^=]*/, "") ?? "");
        return bad.length > 0 || initialised ? [`${file}: ${name} (${[...bad].join(", ")})`] : [];
      }),
    );
    expect(offenders).toEqual([]);
  });

  it("the checks find state when there is some (they can fail)", () => {
    const found = moduleState(
      "let count = 0;\nconst cache = new WeakMap<object, number>();\nconst ok: ReadonlySet<string> = new Set();\n",
    );
    expect(found).toEqual({ lets: ["count"], collections: ["cache"] });
  });
});
