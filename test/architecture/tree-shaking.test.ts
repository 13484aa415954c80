import { dirname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** Bundles `code` as a consumer would and lists the leadkit source files that reach the output. */
async function filesInBundle(code: string): Promise<string[]> {
  const result = await build({
    stdin: { contents: code, resolveDir: root, loader: "ts" },
    bundle: true,
    write: false,
    format: "esm",
    treeShaking: true,
    metafile: true,
    external: ["zod", "date-fns"],
    logLevel: "silent",
  });
  const output = Object.values(result.metafile.outputs)[0];
  return Object.entries(output?.inputs ?? {})
    .filter(([path, info]) => info.bytesInOutput > 0 && path !== "<stdin>")
    .map(([path]) => relative(root, resolve(root, path)));
}

describe("tree shaking", () => {
  it("importing one model function pulls in no other module's code", async () => {
    const files = await filesInBundle(
      `import { normalizeEmail } from "./src/index.ts"; console.log(normalizeEmail("a@b.co"));`,
    );
    expect(files.length).toBeGreaterThan(0);
    expect(files.every((f) => f.startsWith("src/model/") || f.startsWith("src/internal/"))).toBe(true);
    expect(files).not.toContain("src/model/merge-leads.ts");
  });

  it("importing one lifecycle function pulls in no module but the lifecycle and what it stands on", async () => {
    const files = await filesInBundle(
      `import { transition } from "./src/lifecycle/index.ts"; console.log(transition);`,
    );
    expect(files.some((f) => f.startsWith("src/lifecycle/"))).toBe(true);
    const modules = new Set(files.map((f) => f.split("/")[1]));
    expect([...modules].filter((m) => !["internal", "lifecycle", "model"].includes(m ?? ""))).toEqual([]);
  });

  it("the check sees other modules when they are used (it can fail)", async () => {
    const files = await filesInBundle(
      `import { generateLeads } from "./src/testing/index.ts"; console.log(generateLeads);`,
    );
    expect(files.some((f) => f.startsWith("src/testing/"))).toBe(true);
  });
});
