// TypeDoc plugin for leadkit's API reference (typedoc.json loads it). Three jobs:
//
// 1. Named types are linked, not expanded. `Lead`, `PointsModel` and the other records are aliases of
//    `DeepReadonly<z.output<…>>`, a mapped type TypeScript evaluates eagerly, so TypeDoc never sees
//    the alias and prints the whole structure inside every signature that takes one (explainScore's
//    page was 380 kB). Where a parameter, a return type or a property was written with a type, the
//    plugin converts what was written (the alias, a link) instead of what it evaluates to — and only
//    when that is shorter, so nothing a reader needs is lost.
// 2. Entries are grouped by what they are for. A module's `@category` is one word for the whole
//    module (scoring alone has ~145 members); the plugin files each export under a finer category
//    by the folder and file it is declared in (points models, control value, fitting, predictive,
//    evaluation, SQL; lifecycle definitions, moves, history, CRM and XState). A future split of
//    `src/scoring` into subfolders keeps working: the folder rules come first.
// 3. The guides are pages with their own titles. typedoc.json adds them as project documents; a
//    document is named by its path (every example's is "README"), so each takes the title of its
//    first heading ("Example: quickstart" for an example) and a group: Project, Guides, How-to,
//    Examples.
import { Converter, ReflectionKind, TypeScript as ts } from "typedoc";

/** `[module, pattern on the path below src/<module>/, category]`, first match wins. */
const CATEGORY_RULES = [
  ["scoring", /^predictive\//, "Predictive model"],
  ["scoring", /^fit\//, "Fitting"],
  ["scoring", /^evaluation\//, "Evaluation"],
  ["scoring", /^sql\//, "SQL"],
  ["scoring", /control-value|closed-lead/, "Control value"],
  ["scoring", /score-override|rescore-lead/, "Stored scores and overrides"],
  ["scoring", /explain|score-explanation|classify-score/, "Scores and explanations"],
  ["scoring", /./, "Points models"],
  ["lifecycle", /crm-stage/, "CRM mappings"],
  ["lifecycle", /xstate|to-lifecycle-json/, "Export"],
  ["lifecycle", /stale|stage-stays|follow-up/, "History, staleness and follow-ups"],
  ["lifecycle", /transition|available-events|lifecycle-issue|lifecycle-effect|lifecycle-evidence/, "Moves"],
  ["lifecycle", /./, "Definitions"],
];

const modulePath = /[\\/]src[\\/]([^\\/]+)[\\/](.+)\.ts$/;

/** The category for a declaration in this file, or undefined to keep its own. */
function categoryFor(fileName) {
  const match = modulePath.exec(fileName);
  if (match === null) return undefined;
  const [, module, rest] = match;
  const rule = CATEGORY_RULES.find(([m, pattern]) => m === module && pattern.test(rest.replace(/\\/g, "/")));
  return rule?.[2];
}

function setCategory(comment, category) {
  if (comment === undefined) return;
  const tag = comment.blockTags.find((t) => t.tag === "@category");
  if (tag !== undefined) tag.content = [{ kind: "text", text: category }];
}

/** The written type converted as written, when it prints shorter than the evaluated one. */
function writtenType(context, current, typeNode) {
  if (typeNode === undefined || current === undefined) return current;
  const written = context.converter.convertType(context, typeNode);
  return written.toString().length < current.toString().length ? written : current;
}

/** The group and the title of a project document, from its path and its first heading. */
function documentTitle(displayName, content) {
  const text = content.map((part) => part.text).join("");
  const heading = /^#[ \t]+(.+?)[ \t]*$/m.exec(text)?.[1] ?? displayName;
  const path = displayName.replace(/\\/g, "/");
  if (path.startsWith("examples/")) return { group: "Examples", title: `Example: ${heading}` };
  if (path.startsWith("docs/how-to/")) return { group: "How-to", title: heading };
  if (path.startsWith("docs/")) return { group: "Guides", title: heading };
  return { group: "Project", title: heading };
}

/** @param {import("typedoc").Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_CREATE_DOCUMENT, (_context, document) => {
    const { group, title } = documentTitle(document.name, document.content);
    document.name = title;
    document.frontmatter = { group, ...document.frontmatter };
  });

  app.converter.on(Converter.EVENT_CREATE_SIGNATURE, (context, signature, declaration) => {
    if (declaration === undefined || !("parameters" in declaration)) return;
    const inSignature = context.scope === signature ? context : context.withScope(signature);
    const nodes = declaration.parameters ?? [];
    for (const [i, parameter] of (signature.parameters ?? []).entries()) {
      const node = nodes[i];
      if (node !== undefined && ts.isParameter(node))
        parameter.type = writtenType(inSignature.withScope(parameter), parameter.type, node.type);
    }
    signature.type = writtenType(inSignature, signature.type, declaration.type);
  });

  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (context, reflection) => {
    if (!reflection.kindOf(ReflectionKind.Property | ReflectionKind.Variable)) return;
    const node = context.getSymbolFromReflection(reflection)?.valueDeclaration;
    if (node === undefined || !("type" in node) || node.type === undefined) return;
    if (!ts.isPropertySignature(node) && !ts.isPropertyDeclaration(node) && !ts.isVariableDeclaration(node))
      return;
    const scoped = context.scope === reflection ? context : context.withScope(reflection);
    reflection.type = writtenType(scoped, reflection.type, node.type);
  });

  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const reflection of Object.values(context.project.reflections)) {
      if (
        !reflection.isDeclaration() ||
        !(reflection.parent?.isProject() || reflection.parent?.kindOf(ReflectionKind.Module))
      )
        continue;
      const fileName = context
        .getSymbolFromReflection(reflection)
        ?.declarations?.[0]?.getSourceFile().fileName;
      const category = fileName === undefined ? undefined : categoryFor(fileName);
      if (category === undefined) continue;
      setCategory(reflection.comment, category);
      for (const signature of reflection.signatures ?? []) setCategory(signature.comment, category);
    }
  });
}
