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

// Node loads every module an import names, bundler or not: `import { addDays } from "date-fns"`
// evaluates the package's index and its ~300 modules (about 100 ms of every import of an entry that
// uses date-fns), while `date-fns/addDays` loads a handful. bench/import.bench.ts times the entries.
describe("import cost", () => {
  it("src imports date-fns one function at a time, never from the package's index", () => {
    const offenders = sourceFiles(join(root, "src")).flatMap((file) => {
      const text = readFileSync(file, "utf8");
      return [...text.matchAll(/^import\s+(type\s+)?[^;]*?from\s+"date-fns"\s*;/gms)]
        .filter((m) => m[1] === undefined)
        .map((m) => `${relative(root, file)}: ${m[0].replace(/\s+/g, " ")}`);
    });
    expect(offenders).toEqual([]);
  });

  // The build puts src/internal and src/model in the chunks the root entry loads (a bundler's chunk
  // holds whole files), so a date-fns import in either would be loaded by `import "leadkit"` even
  // though the root never calls it. Scoring computes its calendar cut-offs with internal's
  // calendar arithmetic (equal to date-fns' by a law), so `leadkit/scoring` loads no date-fns
  // either: the first date-fns import of a process reads its 200 KB package.json, tens of ms here.
  it("the root and scoring entries' modules (internal, model, scoring) import no date-fns", () => {
    const offenders = ["internal", "model", "scoring"].flatMap((dir) =>
      sourceFiles(join(root, "src", dir)).flatMap((file) =>
        [
          ...readFileSync(file, "utf8").matchAll(
            /^import\s+(type\s+)?[^;]*?from\s+"(@date-fns\/[^"]*|date-fns[^"]*)"\s*;/gms,
          ),
        ]
          .filter((m) => m[1] === undefined)
          .map((m) => `${relative(root, file)}: ${m[2]}`),
      ),
    );
    expect(offenders).toEqual([]);
  });
});
