import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain ES module script, typed by its JSDoc.
import { publishProblems } from "../../scripts/check-publish.mjs";

const check = publishProblems as (pkg: Record<string, unknown>, readme: string) => string[];
const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as Record<
  string,
  unknown
>;

// npm resolves a README's relative links against `repository`; without it the registry page's
// links to the guides are dead. `npm publish` runs scripts/check-publish.mjs first (prepublishOnly).
describe("publishing", () => {
  it("npm publish runs the check first", () => {
    expect((pkg["scripts"] as Record<string, string>)["prepublishOnly"]).toBe(
      "node scripts/check-publish.mjs",
    );
  });

  it("refuses a package without repository, homepage and bugs whose README links relatively", () => {
    const problems = check({ name: "leadkit" }, "See [the guide](docs/scoring.md).");
    expect(problems).toHaveLength(4);
    expect(problems.join("\n")).toMatch(/repository/);
    expect(problems.join("\n")).toMatch(/docs\/scoring\.md/);
  });

  it("accepts a package that names its repository, homepage and bugs", () => {
    const named = {
      ...pkg,
      repository: { type: "git", url: "git+https://example.org/leadkit.git" },
      homepage: "https://example.org/leadkit#readme",
      bugs: { url: "https://example.org/leadkit/issues" },
    };
    expect(check(named, readme)).toEqual([]);
  });

  it("reports what this package.json lacks until the repository is chosen", () => {
    const problems = check(pkg, readme);
    const named = ["repository", "homepage", "bugs"].filter((key) => pkg[key] !== undefined);
    expect(problems.length).toBe(named.length === 3 ? 0 : problems.length);
    for (const key of ["repository", "homepage", "bugs"])
      if (pkg[key] === undefined) expect(problems.join("\n")).toContain(`\`${key}\``);
  });
});
