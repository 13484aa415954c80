// The public surface of every entry, as reviewable text: `api/<entry>.api.md` lists each export of
// `leadkit` and `leadkit/<module>` with its kind and declared signature, sorted by name.
// `test/architecture/api-report.test.ts` regenerates the reports and fails when they differ from the
// committed ones, so a new export, a removal or a changed signature is always a reviewed change.
//
//   npm run api:update          rewrite api/*.api.md after a deliberate change of the surface
//   npm run api:count           print the number of public names per entry
//
// Why not @microsoft/api-extractor: it reads the built .d.ts (so it would need `tsup` before every
// check), analyses one entry per run (ten runs), and pins its own TypeScript. This reads the sources
// with the project's own TypeScript and tsconfig, in one program for all ten entries.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** The package's entries: the import specifier, the source it resolves to, the report file. */
export const API_ENTRIES: readonly {
  readonly name: string;
  readonly source: string;
  readonly report: string;
}[] = [
  "",
  "origin",
  "lifecycle",
  "qualification",
  "scoring",
  "metrics",
  "ports",
  "services",
  "testing",
  "postgres",
].map((module) => ({
  name: module === "" ? "leadkit" : `leadkit/${module}`,
  source: module === "" ? "src/index.ts" : `src/${module}/index.ts`,
  report: `api/${module === "" ? "leadkit" : module}.api.md`,
}));

/** One public name of an entry. */
export interface ApiItem {
  readonly name: string;
  readonly kind: string;
  /** The declaration as a reader of the .d.ts sees it, without comments or bodies. */
  readonly text: string;
}

const flags =
  ts.TypeFormatFlags.NoTruncation |
  ts.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope |
  ts.TypeFormatFlags.WriteArrowStyleSignature;

/** A type named in a public declaration but exported by no entry (api-extractor's ae-forgotten-export). */
export interface ForgottenExport {
  readonly name: string;
  readonly file: string;
  readonly usedBy: string;
}

/** Every entry's public names, from one program over the sources. */
export function collectApi(): Map<string, ApiItem[]> {
  return analyseApi().api;
}

/** The public names of every entry, and the types their declarations name that no entry exports. */
export function analyseApi(): { api: Map<string, ApiItem[]>; forgotten: ForgottenExport[] } {
  const config = ts.readConfigFile(join(root, "tsconfig.json"), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const program = ts.createProgram({
    rootNames: API_ENTRIES.map((e) => join(root, e.source)),
    options: { ...parsed.options, noEmit: true },
  });
  const checker = program.getTypeChecker();
  const printer = ts.createPrinter({ removeComments: true });
  const result = new Map<string, ApiItem[]>();
  for (const entry of API_ENTRIES) {
    const file = program.getSourceFile(join(root, entry.source));
    const moduleSymbol = file === undefined ? undefined : checker.getSymbolAtLocation(file);
    if (file === undefined || moduleSymbol === undefined) throw new Error(`cannot read ${entry.source}`);
    const items = checker
      .getExportsOfModule(moduleSymbol)
      .map((exported) => describe(checker, printer, exported))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    result.set(entry.name, items);
  }
  return { api: result, forgotten: findForgotten(program, checker) };
}

const srcDir = join(root, "src");

function resolveSymbol(checker: ts.TypeChecker, symbol: ts.Symbol): ts.Symbol {
  return symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
}

/**
 * The types that public declarations name (by reference, in heritage clauses) that no entry
 * exports, followed transitively. A schema named only through `typeof` in a type's definition is not
 * one: the type is the public name, the schema stays private to its module.
 */
function findForgotten(program: ts.Program, checker: ts.TypeChecker): ForgottenExport[] {
  const exported = new Set<ts.Symbol>();
  const queue: { symbol: ts.Symbol; name: string }[] = [];
  for (const entry of API_ENTRIES) {
    const file = program.getSourceFile(join(root, entry.source));
    const moduleSymbol = file === undefined ? undefined : checker.getSymbolAtLocation(file);
    for (const symbol of moduleSymbol === undefined ? [] : checker.getExportsOfModule(moduleSymbol)) {
      const resolved = resolveSymbol(checker, symbol);
      exported.add(resolved);
      queue.push({ symbol: resolved, name: `${entry.name}:${symbol.name}` });
    }
  }
  const seen = new Set<ts.Symbol>(exported);
  const forgotten: ForgottenExport[] = [];
  while (queue.length > 0) {
    const { symbol, name } = queue.shift() as { symbol: ts.Symbol; name: string };
    for (const decl of symbol.declarations ?? []) {
      for (const ref of namedTypes(decl)) {
        const target = checker.getSymbolAtLocation(ref);
        if (target === undefined) continue;
        const resolved = resolveSymbol(checker, target);
        if (seen.has(resolved)) continue;
        seen.add(resolved);
        const declaration = resolved.declarations?.[0];
        if (declaration === undefined || resolved.flags & ts.SymbolFlags.TypeParameter) continue;
        const file = declaration.getSourceFile().fileName;
        if (!file.startsWith(srcDir)) continue;
        if (!ts.isSourceFile(declaration.parent) && !ts.isModuleBlock(declaration.parent)) continue;
        forgotten.push({ name: resolved.name, file: file.slice(root.length + 1), usedBy: name });
        queue.push({ symbol: resolved, name: `${resolved.name} (not exported)` });
      }
    }
  }
  return forgotten.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** For each exported name, the public declarations that mention it (a review aid: `--references`). */
function findReferences(program: ts.Program, checker: ts.TypeChecker): Map<string, Set<string>> {
  const byName = new Map<ts.Symbol, string>();
  const exports: { symbol: ts.Symbol; name: string }[] = [];
  for (const entry of API_ENTRIES) {
    const file = program.getSourceFile(join(root, entry.source));
    const moduleSymbol = file === undefined ? undefined : checker.getSymbolAtLocation(file);
    for (const symbol of moduleSymbol === undefined ? [] : checker.getExportsOfModule(moduleSymbol)) {
      const resolved = resolveSymbol(checker, symbol);
      byName.set(resolved, `${entry.name}:${symbol.name}`);
      exports.push({ symbol: resolved, name: `${entry.name}:${symbol.name}` });
    }
  }
  const refs = new Map<string, Set<string>>([...byName.values()].map((n) => [n, new Set<string>()]));
  for (const { symbol, name } of exports) {
    for (const decl of symbol.declarations ?? []) {
      const visit = (node: ts.Node): void => {
        if (ts.isIdentifier(node)) {
          const target = checker.getSymbolAtLocation(node);
          const resolved = target === undefined ? undefined : resolveSymbol(checker, target);
          const targetName = resolved === undefined ? undefined : byName.get(resolved);
          if (targetName !== undefined && resolved !== symbol) refs.get(targetName)?.add(name);
        }
        if (ts.isBlock(node)) return;
        ts.forEachChild(node, visit);
      };
      if (ts.isVariableDeclaration(decl)) {
        if (decl.type !== undefined) visit(decl.type);
      } else visit(decl);
    }
  }
  return refs;
}

/** The type names a declaration's public part mentions: not function bodies, not initialisers. */
function namedTypes(decl: ts.Declaration): ts.Node[] {
  const found: ts.Node[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isTypeReferenceNode(node)) found.push(node.typeName);
    else if (ts.isExpressionWithTypeArguments(node)) found.push(node.expression);
    if (ts.isBlock(node) || ts.isTypeQueryNode(node)) return;
    if ((ts.isClassElement(node) || ts.isTypeElement(node)) && isInternal(node)) return;
    if (
      (ts.isPropertyDeclaration(node) || ts.isMethodDeclaration(node)) &&
      ((ts.canHaveModifiers(node) &&
        ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword)) ||
        ts.isPrivateIdentifier(node.name))
    )
      return;
    ts.forEachChild(node, visit);
  };
  if (ts.isVariableDeclaration(decl)) {
    if (decl.type !== undefined) visit(decl.type);
  } else if (ts.isFunctionDeclaration(decl)) {
    for (const p of decl.typeParameters ?? []) visit(p);
    for (const p of decl.parameters) if (p.type !== undefined) visit(p.type);
    if (decl.type !== undefined) visit(decl.type);
  } else if (ts.isClassDeclaration(decl)) {
    for (const h of decl.heritageClauses ?? []) visit(h);
    for (const m of decl.members) {
      if (ts.isPropertyDeclaration(m) && m.type === undefined) continue;
      if (ts.isPropertyDeclaration(m) && m.initializer !== undefined && m.type !== undefined) visit(m.type);
      else visit(m);
    }
  } else visit(decl);
  return found;
}

function describe(checker: ts.TypeChecker, printer: ts.Printer, exported: ts.Symbol): ApiItem {
  const name = exported.name;
  const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
  const declarations = symbol.declarations ?? [];
  const parts: string[] = [];
  const kinds = new Set<string>();
  const functions = declarations.filter(ts.isFunctionDeclaration);
  // An overloaded function: its overloads are the API, its implementation signature is not.
  const overloaded = functions.length > 1;
  for (const decl of declarations) {
    const print = (node: ts.Node) => printer.printNode(ts.EmitHint.Unspecified, node, decl.getSourceFile());
    if (ts.isFunctionDeclaration(decl)) {
      if (overloaded && decl.body !== undefined) continue;
      kinds.add("function");
      const signature = checker.getSignatureFromDeclaration(decl);
      const typeParams = decl.typeParameters ? `<${decl.typeParameters.map(print).join(", ")}>` : "";
      const params = decl.parameters.map(print).join(", ");
      const returns = decl.type
        ? print(decl.type)
        : signature
          ? checker.typeToString(checker.getReturnTypeOfSignature(signature), decl, flags)
          : "void";
      parts.push(`function ${name}${typeParams}(${params}): ${returns};`);
    } else if (ts.isVariableDeclaration(decl)) {
      kinds.add("const");
      const type = decl.type
        ? print(decl.type)
        : inferredType(checker.typeToString(checker.getTypeAtLocation(decl), decl, flags));
      parts.push(`const ${name}: ${type};`);
    } else if (ts.isInterfaceDeclaration(decl)) {
      kinds.add("interface");
      parts.push(stripExport(print(decl)));
    } else if (ts.isTypeAliasDeclaration(decl)) {
      kinds.add("type");
      const text = stripExport(print(decl));
      // A type declared as a schema's output says nothing of its shape: write the shape under it.
      const shape = /\btypeof\b/.test(text) ? shapeOf(checker, checker.getTypeAtLocation(decl.name), 0) : "";
      parts.push(shape === "" ? text : `${text}\n// = ${shape}`);
    } else if (ts.isClassDeclaration(decl)) {
      kinds.add("class");
      parts.push(describeClass(decl, name, print));
    } else {
      kinds.add(ts.SyntaxKind[decl.kind]);
      parts.push(stripExport(print(decl)));
    }
  }
  return { name, kind: [...kinds].join(" & "), text: parts.join("\n") };
}

/** A class as its public shape: heritage, constructor and members without bodies or private parts. */
function describeClass(decl: ts.ClassDeclaration, name: string, print: (node: ts.Node) => string): string {
  const head = [
    decl.typeParameters ? `<${decl.typeParameters.map(print).join(", ")}>` : "",
    ...(decl.heritageClauses ?? []).map((h) => ` ${print(h)}`),
  ].join("");
  const lines: string[] = [];
  for (const member of decl.members) {
    const modifiers = ts.canHaveModifiers(member) ? (ts.getModifiers(member) ?? []) : [];
    if (
      modifiers.some(
        (m) => m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.ProtectedKeyword,
      )
    )
      continue;
    if (member.name !== undefined && ts.isPrivateIdentifier(member.name)) continue;
    if (isInternal(member)) continue;
    if (ts.isClassStaticBlockDeclaration(member) || ts.isSemicolonClassElement(member)) continue;
    const mods = modifiers.map((m) => `${print(m)} `).join("");
    if (ts.isConstructorDeclaration(member)) {
      const overloaded = decl.members.some((m) => ts.isConstructorDeclaration(m) && m.body === undefined);
      if (overloaded && member.body !== undefined) continue;
      lines.push(`  constructor(${member.parameters.map(print).join(", ")});`);
    } else if (ts.isMethodDeclaration(member)) {
      const overloads = decl.members.filter(
        (m) => ts.isMethodDeclaration(m) && m.name.getText() === member.name.getText(),
      );
      if (overloads.length > 1 && member.body !== undefined) continue;
      const typeParams = member.typeParameters ? `<${member.typeParameters.map(print).join(", ")}>` : "";
      const returns = member.type ? `: ${print(member.type)}` : "";
      lines.push(
        `  ${mods}${print(member.name)}${member.questionToken ? "?" : ""}${typeParams}(${member.parameters.map(print).join(", ")})${returns};`,
      );
    } else if (ts.isPropertyDeclaration(member)) {
      const type = member.type ? `: ${print(member.type)}` : "";
      lines.push(`  ${mods}${print(member.name)}${member.questionToken ? "?" : ""}${type};`);
    } else if (ts.isGetAccessorDeclaration(member) || ts.isSetAccessorDeclaration(member)) {
      const kw = ts.isGetAccessorDeclaration(member) ? "get" : "set";
      const returns = member.type ? `: ${print(member.type)}` : "";
      lines.push(
        `  ${mods}${kw} ${print(member.name)}(${member.parameters.map(print).join(", ")})${returns};`,
      );
    } else {
      lines.push(`  ${print(member)}`);
    }
  }
  return `class ${name}${head} {\n${lines.join("\n")}\n}`;
}

/**
 * An unannotated constant's inferred type, cut to its head (`z.ZodObject<…>`, `{ … }`) when it has
 * object or union parts: the checker prints those in its internal order, which an unrelated change
 * elsewhere can reshuffle, and the report must not change with it. A tuple of literals is written in
 * source order and kept whole; a schema's shape is reviewed through the types declared from it.
 */
function inferredType(text: string): string {
  if (/^readonly \[("[^"]*"(, )?)*\]$/.test(text)) return text;
  if (text.length <= 200 && !/[{|]/.test(text)) return text;
  if (text.startsWith("{")) return "{ … }";
  const open = text.indexOf("<");
  return open > 0 ? `${text.slice(0, open)}<…>` : `${text.slice(0, 200)}…`;
}

const plain =
  ts.TypeFlags.StringLike |
  ts.TypeFlags.NumberLike |
  ts.TypeFlags.BooleanLike |
  ts.TypeFlags.BigIntLike |
  ts.TypeFlags.Null |
  ts.TypeFlags.Undefined |
  ts.TypeFlags.Void |
  ts.TypeFlags.Any |
  ts.TypeFlags.Unknown |
  ts.TypeFlags.Never |
  ts.TypeFlags.ESSymbolLike;

/**
 * A type's structure written in a stable order: properties as declared, union members sorted, named
 * classes (`Date`) and functions by name. The checker's own printing orders unions by creation,
 * which changes with unrelated code.
 */
function shapeOf(checker: ts.TypeChecker, type: ts.Type, depth: number, optional = false): string {
  if (type.isUnion()) {
    const kept = optional ? type.types.filter((t) => !(t.flags & ts.TypeFlags.Undefined)) : type.types;
    const members = kept.map((t) => shapeOf(checker, t, depth + 1));
    // `boolean` is the union `false | true`; print it as written.
    const merged =
      members.includes("false") && members.includes("true")
        ? [...members.filter((m) => m !== "false" && m !== "true"), "boolean"]
        : members;
    return [...new Set(merged)].sort().join(" | ");
  }
  if (type.flags & plain || depth > 8) return checker.typeToString(type, undefined, flags);
  if (type.isIntersection()) return type.types.map((t) => shapeOf(checker, t, depth + 1)).join(" & ");
  if (checker.isArrayType(type)) {
    const [element] = checker.getTypeArguments(type as ts.TypeReference);
    return `readonly (${element === undefined ? "unknown" : shapeOf(checker, element, depth + 1)})[]`;
  }
  if (checker.isTupleType(type)) {
    const elements = checker.getTypeArguments(type as ts.TypeReference);
    return `readonly [${elements.map((t) => shapeOf(checker, t, depth + 1)).join(", ")}]`;
  }
  const symbol = type.getSymbol();
  const anonymous =
    symbol === undefined ||
    symbol.flags & (ts.SymbolFlags.TypeLiteral | ts.SymbolFlags.ObjectLiteral) ||
    symbol.name === "__type" ||
    (type as ts.ObjectType).objectFlags & ts.ObjectFlags.Mapped;
  if (!anonymous || type.getCallSignatures().length > 0) return checker.typeToString(type, undefined, flags);
  const members = checker.getPropertiesOfType(type).map((property) => {
    const isOptional = (property.flags & ts.SymbolFlags.Optional) !== 0;
    const written = shapeOf(checker, checker.getTypeOfSymbol(property), depth + 1, isOptional);
    return `${property.name}${isOptional ? "?" : ""}: ${written}`;
  });
  for (const info of checker.getIndexInfosOfType(type))
    members.push(`[key: ${checker.typeToString(info.keyType)}]: ${shapeOf(checker, info.type, depth + 1)}`);
  // The top level one property a line, so a change shows as a line of the diff.
  return depth === 0
    ? `{\n${members.map((m) => `//   ${m};`).join("\n")}\n// }`
    : `{ ${members.join("; ")} }`;
}

/** A member marked `@internal` is not public API (typedoc leaves it out too). */
function isInternal(node: ts.Node): boolean {
  return ts.getJSDocTags(node).some((tag) => tag.tagName.text === "internal");
}

function stripExport(text: string): string {
  return text.replace(/^export (declare )?/, "");
}

/** The text of one entry's report. */
export function renderApiReport(entry: string, items: readonly ApiItem[]): string {
  const source = API_ENTRIES.find((e) => e.name === entry)?.source ?? entry;
  const body = items.map((item) => `// ${item.name}: ${item.kind}\n${item.text}`).join("\n\n");
  return [
    `# API report: \`${entry}\` (${items.length} names)`,
    "",
    `The public surface of \`${source}\`, written by \`npm run api:update\` and checked by \`npm test\``,
    "(`test/architecture/api-report.test.ts`). A change here is a change of the published API: review it,",
    "and record it in a changeset.",
    "",
    "```ts",
    body,
    "```",
    "",
  ].join("\n");
}

/** Every report file's path and expected text. */
export function renderApiReports(): Map<string, string> {
  const api = collectApi();
  return new Map(API_ENTRIES.map((e) => [e.report, renderApiReport(e.name, api.get(e.name) ?? [])]));
}

/** The committed reports, by path. */
export function readApiReports(): Map<string, string> {
  const dir = join(root, "api");
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith(".api.md"));
  } catch {
    files = [];
  }
  return new Map(files.map((f) => [`api/${f}`, readFileSync(join(dir, f), "utf8")]));
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const mode = process.argv[2];
  if (mode === "--update") {
    rmSync(join(root, "api"), { recursive: true, force: true });
    mkdirSync(join(root, "api"));
    for (const [path, text] of renderApiReports()) writeFileSync(join(root, path), text);
    console.log(`wrote ${API_ENTRIES.length} reports to api/`);
  } else if (mode === "--count") {
    const { api, forgotten } = analyseApi();
    let total = 0;
    for (const [entry, items] of api) {
      total += items.length;
      console.log(`${entry.padEnd(22)} ${items.length}`);
    }
    console.log(`${"total".padEnd(22)} ${total}`);
    for (const f of forgotten) console.log(`forgotten: ${f.name} (${f.file}), named by ${f.usedBy}`);
    if (process.argv[3] === "--names")
      for (const [entry, items] of api) for (const i of items) console.log(`${entry}\t${i.kind}\t${i.name}`);
  } else if (mode === "--references") {
    const config = ts.parseJsonConfigFileContent(
      ts.readConfigFile(join(root, "tsconfig.json"), ts.sys.readFile).config,
      ts.sys,
      root,
    );
    const program = ts.createProgram({
      rootNames: API_ENTRIES.map((e) => join(root, e.source)),
      options: config.options,
    });
    for (const [name, by] of findReferences(program, program.getTypeChecker()))
      console.log(`${name}\t${by.size}\t${[...by].join(" ")}`);
  } else {
    console.error("usage: tsx scripts/api-report.ts --update | --count [--names]");
    process.exit(2);
  }
}
