import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const read = (path: string) => readFileSync(join(root, path), "utf8");

describe("README", () => {
  const readme = read("README.md");

  it("tells a newcomer exactly the two commands", () => {
    expect(readme).toContain("npm ci && npm run demo");
    expect(readme).toContain("npm test ");
    expect(readme).toContain("npm i leadkit zod");
  });

  it("shows examples/first-look verbatim, so its code compiles and runs", () => {
    const program = read("examples/first-look/main.ts").split("\n").slice(1).join("\n").trim();
    expect(readme).toContain(program);
  });

  it("links only to files that exist", () => {
    const links = [...readme.matchAll(/\]\(((?:docs|examples)\/[^)#]+)\)/g)].map((m) => m[1] as string);
    expect(links.length).toBeGreaterThan(10);
    for (const link of links) expect(existsSync(join(root, link)), link).toBe(true);
  });
});
