// Run by `npm publish` (prepublishOnly): refuses to publish a package whose registry page would
// break. npm renders the README on the package's page and resolves its relative links
// (docs/…, examples/…) against `repository`; without it, every guide link is dead there. The
// project's public repository is not chosen yet (issue 18), so leadkit cannot be published until
// package.json names it, with `homepage` and `bugs`.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * What stops `pkg` from being published with a working registry page: one message per problem.
 *
 * @param {Record<string, unknown>} pkg - package.json, parsed.
 * @param {string} readme - The README's text.
 * @returns {string[]} Problems; empty when the package may be published.
 */
export function publishProblems(pkg, readme) {
  const problems = [];
  const repository = pkg.repository;
  const repositoryUrl = typeof repository === "string" ? repository : repository?.url;
  if (typeof repositoryUrl !== "string" || repositoryUrl.trim() === "")
    problems.push("package.json has no `repository` (npm resolves the README's relative links against it)");
  if (typeof pkg.homepage !== "string" || pkg.homepage.trim() === "")
    problems.push("package.json has no `homepage`");
  const bugs = typeof pkg.bugs === "string" ? pkg.bugs : (pkg.bugs?.url ?? pkg.bugs?.email);
  if (typeof bugs !== "string" || bugs.trim() === "")
    problems.push("package.json has no `bugs` (url or email)");
  const relative = [...readme.matchAll(/\]\((?!https?:|mailto:|#)([^)\s]+)\)/g)].map((m) => m[1]);
  if (problems.length > 0 && relative.length > 0)
    problems.push(
      `the README has ${relative.length} relative links (e.g. ${relative[0]}) that would be dead on the registry page`,
    );
  return problems;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
  const problems = publishProblems(pkg, readme);
  if (problems.length > 0) {
    console.error(`leadkit is not ready to publish:\n${problems.map((p) => `- ${p}`).join("\n")}`);
    process.exit(1);
  }
}
