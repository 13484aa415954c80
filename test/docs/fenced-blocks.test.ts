// Every fenced ```ts block in README.md, ARCHITECTURE.md, CONTRIBUTING.md, docs/**/*.md and the
// examples' READMEs, and every TSDoc `@example` in src/**/*.ts, is type-checked against the public
// entries (`leadkit`, `leadkit/<module>`, which resolve to each module's index.ts exactly as the
// package's exports do to dist), with the strict tsconfig of the repository, all in one program. The
// rules an author follows are in CONTRIBUTING.md ("Docs that compile"):
// - A block is compiled as its own module. Its imports, `declare`s and the types they name are hoisted;
//   the rest of it runs inside a block scope, so it may redeclare any name the context declares. It lives beside its document,
//   so a relative import (`../examples/…`) resolves as a link in that document does.
// - `<!-- ts-context … -->` (an HTML comment, invisible when rendered) declares the free names of the
//   blocks after it, up to the next context comment, e.g. `declare const lead: import("leadkit").Lead;`.
//   It shares the module scope with the hoisted imports, so it names types inline (`import("…")`)
//   rather than declaring a name a block might import.
// - A block that cannot stand alone on purpose is fenced ```ts ignore <reason>; the reason is required
//   and there may be only a few.
// - A TSDoc `@example` is the fenced block inside the tag. It imports what it uses from `leadkit/…`,
//   as a reader would copy it; its context is EXAMPLE_CONTEXT below (the values an example may take
//   as given: `lead`, `now`, …); anything else it must declare itself. A failure names the file, the
//   export and the line.
// noUnusedLocals and noUnusedParameters are off here: a snippet may show a value without using it.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** A fenced block found in a Markdown file, or the block of a TSDoc `@example` in src. */
interface FencedBlock {
  readonly doc: string;
  /** 1-based line of the block's first code line in the Markdown or TypeScript file. */
  readonly line: number;
  /** The documented declaration, for an `@example` (`LeadRepository.save`); null in Markdown. */
  readonly name?: string | null;
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

/**
 * The names a TSDoc example may use without declaring them: the values the documented function is
 * usually given. Types are named inline, so an example may import the same names itself.
 */
const EXAMPLE_CONTEXT = `
declare const lead: import("leadkit").Lead;
declare const leads: readonly import("leadkit").Lead[];
declare const now: Date;
declare const service: import("leadkit/services").LeadService;
`;

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** Where each TSDoc comment of a file starts and ends, and the declaration it documents. */
function documentedNames(
  file: string,
  text: string,
): { readonly pos: number; readonly end: number; readonly name: string }[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: { pos: number; end: number; name: string }[] = [];
  const nameOf = (node: ts.Node): string => {
    const named = ts.isVariableStatement(node) ? node.declarationList.declarations[0] : node;
    const own =
      named !== undefined && "name" in named && named.name !== undefined
        ? (named.name as ts.Node).getText(source)
        : "(anonymous)";
    const parent = node.parent;
    const owner =
      ts.isInterfaceDeclaration(parent) || ts.isClassDeclaration(parent) || ts.isTypeLiteralNode(parent)
        ? parent
        : undefined;
    if (owner === undefined) return own;
    const outer = ts.isTypeLiteralNode(owner) ? owner.parent : owner;
    return outer !== undefined && "name" in outer && outer.name !== undefined
      ? `${(outer.name as ts.Node).getText(source)}.${own}`
      : own;
  };
  const visit = (node: ts.Node): void => {
    for (const doc of (node as { jsDoc?: readonly ts.JSDoc[] }).jsDoc ?? [])
      found.push({ pos: doc.pos, end: doc.end, name: nameOf(node) });
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The fenced block of every `@example` tag in a source file. */
function exampleBlocks(file: string, text = readFileSync(join(root, file), "utf8")): FencedBlock[] {
  if (!text.includes("@example")) return [];
  const lines = text.split("\n");
  const offsets: number[] = [];
  let offset = 0;
  for (const line of lines) {
    offsets.push(offset);
    offset += line.length + 1;
  }
  const names = documentedNames(file, text);
  const blocks: FencedBlock[] = [];
  const uncommented = (line: string) => line.replace(/^\s*\*( |$)/, "");
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*\*\s*@example\b/.test(lines[i] as string)) continue;
    const fence = /^(`{3,})(\S*)\s*(.*)$/.exec(uncommented(lines[i + 1] ?? "").trim());
    if (fence === null) continue;
    const [, ticks = "```", lang = "", rest = ""] = fence;
    const start = i + 2;
    for (
      i = start;
      i < lines.length &&
      !uncommented(lines[i] as string)
        .trim()
        .startsWith(ticks);
      i++
    );
    if (lang !== "ts" && lang !== "typescript") continue;
    const at = offsets[start] ?? 0;
    const ignore = /^ignore\b\s*(.*)$/.exec(rest);
    blocks.push({
      doc: file,
      line: start + 1,
      name: names.find((n) => n.pos <= at && at < n.end)?.name ?? null,
      code: lines.slice(start, i).map(uncommented).join("\n"),
      context: EXAMPLE_CONTEXT,
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
  const isDeclare = (statement: ts.Statement) =>
    ts.canHaveModifiers(statement) &&
    ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword) === true;
  // A type is hoisted only when a hoisted `declare` names it; otherwise it stays in the block, where
  // it may shadow a type of the context.
  const declares = source.statements.filter(isDeclare).map((s) => s.getText(source));
  const hoistedType = (statement: ts.Statement) =>
    (ts.isTypeAliasDeclaration(statement) || ts.isInterfaceDeclaration(statement)) &&
    declares.some((d) => new RegExp(`\\b${statement.name.text}\\b`).test(d));
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) && !isDeclare(statement) && !hoistedType(statement)) continue;
    const text = statement.getText(source);
    imports.push(text.replace(/\n/g, " "));
    const start = statement.getStart(source);
    // Keep every line where it was, so a diagnostic maps back to its Markdown line.
    body = body.slice(0, start) + text.replace(/[^\n]/g, " ") + body.slice(statement.getEnd());
  }
  const head = [...imports, "export {};", block.context, "{"].join("\n");
  return { text: `${head}\n${body}\n}\n`, bodyLine: head.split("\n").length };
}

const blocks = [
  ...markdownFiles().flatMap(fencedBlocks),
  ...sourceFiles("src").flatMap((file) => exampleBlocks(file)),
];
const compiled = blocks.filter((b) => b.ignored === null);
const label = (block: FencedBlock) => `${block.doc}:${block.line}${block.name ? ` (${block.name})` : ""}`;
// Blocks that prove the checker is not vacuous: one uses its context, one is wrong on its line 3, and
// a TSDoc example (extracted from the text below as from a source file) that is wrong on its line 2.
const probeSource = `/**
 * Reads a lead's stage.
 *
 * @example
 * \`\`\`ts
 * import { parseLead } from "leadkit";
 * const stage: number = parseLead({}).stage;
 * \`\`\`
 */
export const readStage = 1;
`;
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
  ...exampleBlocks("(probe).ts", probeSource),
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
        return `${block.doc}:${line}${block.name ? ` (${block.name})` : ""}: TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
      }),
    );
  }
  return diagnosticsByFile;
}

/**
 * Whether an example only annotates a value (`const options: X = { … };`) and does nothing with it:
 * every statement besides imports declares a typed constant that no later statement reads.
 */
function onlyAnnotates(code: string): boolean {
  const source = ts.createSourceFile("example.ts", code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const statements = source.statements.filter((s) => !ts.isImportDeclaration(s));
  const names = new Set<string>();
  for (const statement of statements) {
    if (!ts.isVariableStatement(statement)) return false;
    for (const d of statement.declarationList.declarations) {
      if (d.type === undefined || !ts.isIdentifier(d.name)) return false;
      names.add(d.name.text);
    }
  }
  let read = false;
  const visit = (node: ts.Node): void => {
    const parent = node.parent;
    const declared = ts.isVariableDeclaration(parent) && parent.name === node;
    const member =
      (ts.isPropertyAccessExpression(parent) || ts.isPropertyAssignment(parent)) && parent.name === node;
    if (ts.isIdentifier(node) && names.has(node.text) && !declared && !member) read = true;
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(source, visit);
  return statements.length > 0 && !read;
}

const inDocs = compiled.filter((b) => !b.doc.startsWith("src/"));
const inSource = compiled.filter((b) => b.doc.startsWith("src/"));
const cases = (list: readonly FencedBlock[]) =>
  list.map((block) => [label(block), block, compiled.indexOf(block)] as const);

describe("fenced ts blocks in the docs", () => {
  it("finds the blocks of every guide, and ignores only a few, each with a reason", () => {
    expect(inDocs.length).toBeGreaterThan(60);
    const ignored = blocks.filter((b) => b.ignored !== null);
    expect(ignored.length).toBeLessThanOrEqual(5);
    for (const b of ignored) expect(b.ignored, `${label(b)} ignore needs a reason`).not.toBe("");
  });

  it.each(cases(inDocs))("%s type-checks against the public entries", (_name, block, index) => {
    expect(diagnostics().get(fileOf(block, index))).toEqual([]);
  });

  it("accepts a block that uses its context, and reports a wrong one at its Markdown line", () => {
    const [good, bad] = probes.map((probe, i) => diagnostics().get(fileOf(probe, compiled.length + i)));
    expect(good).toEqual([]);
    expect(bad).toHaveLength(1);
    expect(bad?.[0]).toMatch(/^\(probe\):22: TS2322 /);
  });
});

describe("TSDoc @example blocks in src", () => {
  it("finds the example of every documented export", () => {
    expect(inSource.length).toBeGreaterThan(700);
    for (const block of inSource)
      expect(block.name, `${label(block)} documents no declaration`).not.toBeNull();
  });

  // The examples still only annotating are in the files of the configuration refactor (points models,
  // origin rule tables, sharing policy), left to it; the ceiling only goes down.
  it("shows real use: no more than 29 examples are only a type annotation", () => {
    expect(onlyAnnotates('import type { Lead } from "leadkit";\nconst id: Lead["id"] = "l1";')).toBe(true);
    expect(onlyAnnotates('const id: string = "l1";\nconsole.log(id.length);')).toBe(false);
    const annotations = inSource.filter((b) => onlyAnnotates(b.code)).map(label);
    expect(annotations.length, annotations.join("\n")).toBeLessThanOrEqual(29);
  });

  it.each(cases(inSource))("%s type-checks against the public entries", (_name, block, index) => {
    expect(diagnostics().get(fileOf(block, index))).toEqual([]);
  });

  it("reports a wrong example by file, export and line", () => {
    const probe = probes[2] as FencedBlock;
    expect(probe.name).toBe("readStage");
    const found = diagnostics().get(fileOf(probe, compiled.length + 2));
    expect(found).toHaveLength(1);
    expect(found?.[0]).toMatch(/^\(probe\)\.ts:7 \(readStage\): TS2322 /);
  });
});
