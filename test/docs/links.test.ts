// Every relative link in the README, ARCHITECTURE.md, CONTRIBUTING.md, docs/**/*.md and the
// examples' READMEs must reach a file, and a `#fragment` a heading of it (GitHub's anchors), so a
// guide never sends a reader to a page or a section that moved. Absolute URLs are not fetched here.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

function markdownFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) return path === "docs/api" ? [] : walk(path);
      return entry.name.endsWith(".md") ? [path] : [];
    });
  const top = ["README.md", "ARCHITECTURE.md", "CONTRIBUTING.md"].filter((f) => existsSync(join(root, f)));
  const examples = readdirSync(join(root, "examples"))
    .map((name) => `examples/${name}/README.md`)
    .filter((f) => existsSync(join(root, f)));
  return [...top, ...walk("docs"), ...examples];
}

/** The text outside fenced code blocks and inline code, where a link means a link. */
function prose(markdown: string): string {
  return markdown
    .replace(/^(\s*)(`{3,})[^\n]*\n[\s\S]*?^\1\2[ \t]*$/gm, "")
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/`[^`\n]*`/g, "");
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const match of prose(markdown).matchAll(/^#{1,6}[ \t]+(.+?)[ \t]*#*[ \t]*$/gm)) {
    const text = (match[1] as string).replace(/\[([^\]]*)\]\([^)]*\)/g, "$1").replace(/[*_]/g, "");
    const slug = text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s-]/gu, "")
      .replace(/\s/g, "-");
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    anchors.add(n === 0 ? slug : `${slug}-${n}`);
  }
  for (const match of markdown.matchAll(/<a\s+(?:name|id)="([^"]+)"/g)) anchors.add(match[1] as string);
  return anchors;
}

interface Link {
  readonly doc: string;
  readonly target: string;
}

function relativeLinks(doc: string): Link[] {
  const text = prose(readFileSync(join(root, doc), "utf8"));
  const links: Link[] = [];
  for (const match of text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
    const target = match[1] as string;
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto: …
    links.push({ doc, target });
  }
  return links;
}

/** Why a link is broken, or `null` when it resolves. */
function brokenReason({ doc, target }: Link): string | null {
  const [path = "", fragment] = target.split("#", 2);
  const file = path === "" ? join(root, doc) : normalize(join(root, dirname(doc), decodeURIComponent(path)));
  if (!file.startsWith(root)) return "points outside the repository";
  if (!existsSync(file)) return "no such file";
  // The API reference (typedoc) copies linked files into its pages; it cannot copy a folder.
  if (statSync(file).isDirectory()) return "a folder, not a file";
  if (fragment === undefined || fragment === "") return null;
  if (!file.endsWith(".md")) return "a fragment on a file that is not Markdown";
  return headingAnchors(readFileSync(file, "utf8")).has(decodeURIComponent(fragment).toLowerCase())
    ? null
    : `no heading with the anchor #${fragment}`;
}

describe("links between the docs", () => {
  const links = markdownFiles().flatMap(relativeLinks);

  it("finds the links of every guide", () => {
    expect(links.length).toBeGreaterThan(100);
  });

  it("every relative link reaches a file, and every fragment a heading of it", () => {
    const broken = links.flatMap((link) => {
      const reason = brokenReason(link);
      return reason === null ? [] : [`${link.doc}: (${link.target}) ${reason}`];
    });
    expect(broken).toEqual([]);
  });

  it("computes GitHub's anchors, so a wrong fragment is caught", () => {
    const anchors = headingAnchors(
      "# The lead model\n## Parse, safeParse, and revive\n## Twins: one rule\n## Twins: one rule\n```md\n# not a heading\n```\n",
    );
    expect([...anchors]).toEqual([
      "the-lead-model",
      "parse-safeparse-and-revive",
      "twins-one-rule",
      "twins-one-rule-1",
    ]);
  });
});
