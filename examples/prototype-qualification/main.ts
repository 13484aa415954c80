// Qualification prototype: a framework written in JSON, a CSV of leads with their answers, a table of
// verdicts, missing criteria and the next question to ask. An invalid framework file exits non-zero
// with its issues.
//
//   npm run example -- prototype-qualification [--framework file.json] [--leads file.csv] [--lang es]
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { safeParseContact } from "leadkit";
import {
  type CriterionAnswer,
  type CriterionEvidence,
  evaluateQualification,
  type IdealCustomerProfile,
  type QualificationCriterion,
  type QualificationLanguage,
  qualificationFrameworkJsonSchema,
  safeCompileFramework,
} from "leadkit/qualification";
import { readExampleArgs } from "../example-args.js";
import { describeIssue, verdictName } from "../messages-es.js";
import { outputDir } from "../output-dir.js";

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
// Verdicts, criterion names, reasons, questions and issues are in Spanish with --lang es; the
// criterion ids and issue codes stay as written, and an issue's details say they are in English.
const args = readExampleArgs(
  import.meta.url,
  {
    framework: { type: "string", value: "file.json" },
    leads: { type: "string", value: "file.csv" },
    now: { type: "string", value: "ISO-date" },
  },
  null,
);
const option = (name: string, fallback: string) => {
  const value = args.values.get(name);
  return typeof value === "string" ? value : fallback;
};
const frameworkPath = option("framework", here("./framework.json"));
const leadsPath = option("leads", here("./leads.csv"));
const language: QualificationLanguage = args.lang;
const es = language === "es";
const now = new Date(option("now", "2026-03-01T09:00:00Z"));

// Our ideal customer profile (docs/qualification.md: disqualify leads outside the buyer persona, including size).
const icp: IdealCustomerProfile = {
  companySizes: ["11-50", "51-200", "201-500", "501-1000"],
  countries: ["ES", "PT", "MX"],
  excludedRoles: ["intern", "becario", "student"],
};

// 1. The framework: JSON → zod validation + consistency checks, compiled once for every lead. Issues
// carry paths into the file.
let json: unknown;
try {
  json = JSON.parse(readFileSync(frameworkPath, "utf8"));
} catch (error) {
  console.error(
    `${es ? "No se puede leer" : "Cannot read"} ${frameworkPath}: ${(error as Error).message}${es ? " (en inglés)" : ""}`,
  );
  process.exit(1);
}
const parsed = safeCompileFramework(json);
if (!parsed.ok) {
  console.error(`${es ? "Archivo de marco no válido" : "Invalid framework file"} ${frameworkPath}:`);
  for (const i of parsed.issues) console.error(`  ${describeIssue(i, language)}`);
  process.exit(1);
}
const compiled = parsed.value;
const framework = compiled.definition;
const schemaFile = join(outputDir(import.meta.url), "framework.schema.json");
writeFileSync(schemaFile, `${JSON.stringify(qualificationFrameworkJsonSchema(), null, 2)}\n`);
console.log(`${framework.names[language]} — ${framework.description?.[language] ?? ""}`);
console.log(
  es
    ? `(JSON Schema para editores escrito en ${schemaFile})\n`
    : `(JSON Schema for editors written to ${schemaFile})\n`,
);

// 2. The leads: a small CSV; one column per criterion id holds the answer from the conversation.
//    A real CSV parser: a quoted cell such as "Ferretería Ruiz, S.L." keeps its comma.
let rows: Record<string, string>[];
try {
  rows = parse(readFileSync(leadsPath, "utf8"), {
    columns: true,
    bom: true,
    trim: true,
    skip_empty_lines: true,
  }) as Record<string, string>[];
} catch (error) {
  console.error(
    `${es ? "No se puede leer como CSV" : "Cannot read as CSV"} ${leadsPath}: ${(error as Error).message}${es ? " (en inglés)" : ""}`,
  );
  process.exit(1);
}
// Header names are data: read a row only at its own keys.
const column = (row: Readonly<Record<string, string>>, name: string) =>
  Object.hasOwn(row, name) ? (row[name] ?? "") : "";

function toAnswer(criterion: QualificationCriterion, cell: string): CriterionAnswer {
  switch (criterion.evidence) {
    case "yes_no":
      return /^(yes|y|true|s[ií]|1)$/i.test(cell);
    case "amount":
      return Number(cell);
    default:
      return cell; // levels, roles, text and ISO dates are strings already
  }
}

const table: string[][] = [];
const verdicts: string[] = [];
let failed = false;
for (const row of rows) {
  const id = column(row, "id");
  const contact = safeParseContact({
    kind: "prospect",
    name: column(row, "company"),
    company: column(row, "company"),
    jobTitle: column(row, "job_title") || undefined,
    industry: column(row, "industry") || undefined,
    companySize: column(row, "company_size") || undefined,
    country: column(row, "country") || undefined,
  });
  if (!contact.ok) {
    console.error(
      `${id}: ${es ? "contacto no válido" : "invalid contact"}: ${contact.issues.map((i) => describeIssue(i, language)).join("; ")}`,
    );
    failed = true;
    continue;
  }
  // Research first (the CRM's job title speaks for authority), then what the lead said in the call.
  const evidence: CriterionEvidence[] = [];
  const authority = framework.criteria.find((c) => c.evidence === "role");
  if (authority !== undefined && contact.value.jobTitle !== undefined) {
    evidence.push({ criterionId: authority.id, answer: contact.value.jobTitle, source: "research" });
  }
  for (const criterion of framework.criteria) {
    const cell = column(row, criterion.id);
    if (cell !== "")
      evidence.push({ criterionId: criterion.id, answer: toAnswer(criterion, cell), source: "conversation" });
  }
  const result = evaluateQualification(compiled, evidence, { now, language, contact: contact.value, icp });
  if (!result.ok) {
    console.error(`${id}: ${result.issues.map((i) => describeIssue(i, language)).join("; ")}`);
    failed = true;
    continue;
  }
  const { verdict, missing, nextQuestions, reasons } = result.value;
  verdicts.push(verdict);
  // Missing criteria by their names in the language (the id when a criterion has no label).
  const label = (criterionId: string) =>
    framework.criteria.find((c) => c.id === criterionId)?.labels?.[language] ?? criterionId;
  table.push([
    id,
    column(row, "company"),
    verdictName(verdict, language),
    missing.map(label).join(", ") || "—",
    nextQuestions[0]?.question ?? reasons[0] ?? "",
  ]);
}

const headings =
  language === "es"
    ? ["lead", "empresa", "veredicto", "faltan", "siguiente pregunta (o motivo)"]
    : ["lead", "company", "verdict", "missing", "next question (or reason)"];
const widths = headings.map((h, i) => Math.max(h.length, ...table.map((r) => (r[i] ?? "").length)));
const line = (cells: readonly string[]) =>
  cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join("  ");
console.log(line(headings));
console.log(line(widths.map((w) => "-".repeat(w))));
for (const row of table) console.log(line(row));

const count = (verdict: string) => verdicts.filter((v) => v === verdict).length;
console.log(
  es
    ? `\n${count("qualified")} cualificados, ${count("needs_information")} con información pendiente, ${count("disqualified")} descartados.`
    : `\n${count("qualified")} qualified, ${count("needs_information")} need information, ${count("disqualified")} disqualified.`,
);
if (failed) process.exit(1);
