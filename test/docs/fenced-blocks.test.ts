// Every fenced ```ts block in README.md, ARCHITECTURE.md, CONTRIBUTING.md, docs/**/*.md and the
// examples' READMEs is type-checked against the public entries (`leadkit`, `leadkit/<module>`, which
// resolve to each module's index.ts exactly as the package's exports do to dist), with the strict
// tsconfig of the repository. The rules a guide's author follows are in CONTRIBUTING.md ("Docs that
// compile"):
// - A block is compiled as its own module. Its imports are hoisted; the rest of it runs inside a
//   block scope, so it may redeclare any name the context declares. It lives beside its document,
//   so a relative import (`../examples/…`) resolves as a link in that document does.
// - `<!-- ts-context … -->` (an HTML comment, invisible when rendered) declares the free names of the
//   blocks after it, up to the next context comment, e.g. `declare const lead: import("leadkit").Lead;`.
//   It shares the module scope with the hoisted imports, so it names types inline (`import("…")`)
//   rather than declaring a name a block might import.
// - A block that cannot stand alone on purpose is fenced ```ts ignore <reason>; the reason is required
//   and there may be only a few.
// noUnusedLocals and noUnusedParameters are off here: a snippet may show a value without using it.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** A fenced block found in a Markdown file. */
interface FencedBlock {
  readonly doc: string;
  /** 1-based line of the block's first code line in the Markdown file. */
  readonly line: number;
  readonly code: string;
  readonly context: string;
  readonly ignored: string | null;
}

function markdownFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) return path === "docs/api" ? [] : walk(path);
      return entry.name.endsWith(".md") ? [path] : [];
    });
  const top = ["README.md", "ARCHITECTURE.md", "CONTRIBUTING.md"].filter((f) =>
    readdirSync(root).includes(f),
  );
  const examples = readdirSync(join(root, "examples"), { withFileTypes: true })
    .filter((d) => d.isDirectory() && readdirSync(join(root, "examples", d.name)).includes("README.md"))
    .map((d) => `examples/${d.name}/README.md`);
  return [...top, ...walk("docs"), ...examples];
}

function fencedBlocks(doc: string): FencedBlock[] {
  const lines = readFileSync(join(root, doc), "utf8").split("\n");
  const blocks: FencedBlock[] = [];
  let context = "";
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim().startsWith("<!-- ts-context")) {
      const body: string[] = [];
      for (i++; i < lines.length && !(lines[i] as string).trim().startsWith("-->"); i++)
        body.push(lines[i] as string);
      context = body.join("\n");
      continue;
    }
    const fence = /^(\s*)(`{3,})(\S*)\s*(.*)$/.exec(line);
    if (fence === null) continue;
    const [, , ticks = "```", lang = "", rest = ""] = fence;
    const start = i + 1;
    for (i++; i < lines.length && !(lines[i] as string).trim().startsWith(ticks); i++);
    if (lang !== "ts" && lang !== "typescript") continue;
    const ignore = /^ignore\b\s*(.*)$/.exec(rest);
    blocks.push({
      doc,
      line: start + 1,
      code: lines.slice(start, i).join("\n"),
      context,
      ignored: ignore === null ? null : (ignore[1] ?? ""),
    });
  }
  return blocks;
}

/** The module text for a block: hoisted imports, the context, then the rest inside `{ … }`. */
function moduleText(block: FencedBlock): { readonly text: string; readonly bodyLine: number } {
  const source = ts.createSourceFile("block.ts", block.code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const imports: string[] = [];
  let body = block.code;
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement)) continue;
    const text = statement.getText(source);
    imports.push(text.replace(/\n/g, " "));
    const start = statement.getStart(source);
    // Keep every line where it was, so a diagnostic maps back to its Markdown line.
    body = body.slice(0, start) + text.replace(/[^\n]/g, " ") + body.slice(statement.getEnd());
  }
  const head = [...imports, "export {};", block.context, "{"].join("\n");
  return { text: `${head}\n${body}\n}\n`, bodyLine: head.split("\n").length };
}

const blocks = markdownFiles().flatMap(fencedBlocks);
const compiled = blocks.filter((b) => b.ignored === null);
// Two blocks that prove the checker is not vacuous: one uses its context, one is wrong on its line 3.
const probes: readonly FencedBlock[] = [
  {
    doc: "(probe)",
    line: 10,
    code: 'import { isLeadKitError } from "leadkit";\nconst id: string = lead.id;\nisLeadKitError(id);',
    context: 'declare const lead: import("leadkit").Lead;',
    ignored: null,
  },
  {
    doc: "(probe)",
    line: 20,
    code: 'import { parseLead } from "leadkit";\n\nconst stage: number = parseLead({}).stage;',
    context: "",
    ignored: null,
  },
];
// A block lives beside its document, so a relative import resolves as a link in that document does.
const fileOf = (block: FencedBlock, index: number) =>
  join(root, block.doc.startsWith("(") ? "docs" : dirname(block.doc), `.fenced-block-${index}.ts`);

let diagnosticsByFile: Map<string, string[]> | undefined;

/** Type-checks every compiled block in one program (src is checked once, not once per block). */
function diagnostics(): Map<string, string[]> {
  if (diagnosticsByFile !== undefined) return diagnosticsByFile;
  const configPath = join(root, "tsconfig.json");
  const config = ts.parseJsonConfigFileContent(
    ts.readConfigFile(configPath, ts.sys.readFile).config,
    ts.sys,
    root,
    undefined,
    configPath,
  );
  const options: ts.CompilerOptions = {
    ...config.options,
    noUnusedLocals: false,
    noUnusedParameters: false,
    noEmit: true,
  };
  const virtual = new Map<string, { readonly block: FencedBlock; readonly text: string; bodyLine: number }>();
  [...compiled, ...probes].forEach((block, index) => {
    virtual.set(fileOf(block, index), { block, ...moduleText(block) });
  });
  const host = ts.createCompilerHost(options);
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (f) => virtual.has(f) || fileExists.call(host, f);
  host.readFile = (f) => virtual.get(f)?.text ?? readFile.call(host, f);
  host.getSourceFile = (f, language, onError, create) => {
    const v = virtual.get(f);
    return v === undefined
      ? getSourceFile.call(host, f, language, onError, create)
      : ts.createSourceFile(f, v.text, language, true, ts.ScriptKind.TS);
  };
  const program = ts.createProgram([...virtual.keys()], options, host);
  diagnosticsByFile = new Map();
  for (const [file, { block, bodyLine }] of virtual) {
    const sourceFile = program.getSourceFile(file);
    const found = sourceFile === undefined ? [] : ts.getPreEmitDiagnostics(program, sourceFile);
    diagnosticsByFile.set(
      file,
      found.map((d) => {
        const at = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : 0;
        const line = at >= bodyLine ? block.line + at - bodyLine : block.line;
        return `${block.doc}:${line}: TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
      }),
    );
  }
  return diagnosticsByFile;
}

describe("fenced ts blocks in the docs", () => {
  it("finds the blocks of every guide, and ignores only a few, each with a reason", () => {
    expect(compiled.length).toBeGreaterThan(60);
    const ignored = blocks.filter((b) => b.ignored !== null);
    expect(ignored.length).toBeLessThanOrEqual(5);
    for (const b of ignored) expect(b.ignored, `${b.doc}:${b.line} ignore needs a reason`).not.toBe("");
  });

  it.each(compiled.map((block, index) => [`${block.doc}:${block.line}`, block, index] as const))(
    "%s type-checks against the public entries",
    (_name, block, index) => {
      expect(diagnostics().get(fileOf(block, index))).toEqual([]);
    },
  );

  it("accepts a block that uses its context, and reports a wrong one at its Markdown line", () => {
    const [good, bad] = probes.map((probe, i) => diagnostics().get(fileOf(probe, compiled.length + i)));
    expect(good).toEqual([]);
    expect(bad).toHaveLength(1);
    expect(bad?.[0]).toMatch(/^\(probe\):22: TS2322 /);
  });
});
