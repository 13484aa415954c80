// Loads an origin rule table from JSON, classifies a batch of leads, and prints each lead's origin
// for its owner with the rule that matched; then follows one lead from Ana to Bruno and Carmen.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type Lead, parseLead } from "leadkit";
import {
  type CompiledOriginRules,
  originForUser,
  originRuleTableJsonSchema,
  referLead,
  safeCompileOriginRules,
  shareLead,
} from "leadkit/origin";
import { generateLeads } from "leadkit/testing";
import { readExampleArgs } from "../example-args.js";
import { describeIssue } from "../messages-es.js";
import { outputDir } from "../output-dir.js";

const here = dirname(fileURLToPath(import.meta.url));
const args = readExampleArgs(
  import.meta.url,
  { rules: { type: "string", value: "file.json" } },
  "Con --lang es salen en español las etiquetas de origen y los problemas de la tabla; el resto de la salida está en inglés.",
);
const rulesOption = args.values.get("rules");
const rulesPath = resolve(typeof rulesOption === "string" ? rulesOption : join(here, "rules.json"));
const lang = args.lang;
const out = outputDir(import.meta.url);
writeFileSync(
  join(out, "origin-rules.schema.json"),
  `${JSON.stringify(originRuleTableJsonSchema(), null, 2)}\n`,
);

// 1. Load and validate the table: a bad file stops here with every issue and its path.
const compiled = safeCompileOriginRules(JSON.parse(readFileSync(rulesPath, "utf8")));
if (!compiled.ok) {
  console.error(
    lang === "es"
      ? `${rulesPath} no es una tabla de reglas de origen válida:`
      : `${rulesPath} is not a valid origin rule table:`,
  );
  for (const issue of compiled.issues) console.error(`  ${describeIssue(issue, lang)}`);
  process.exit(1);
}
const classifier: CompiledOriginRules = compiled.value;
console.log(
  `Loaded "${classifier.definition.name ?? rulesPath}" — ${classifier.definition.rules.length} rules\n`,
);

// 2. Classify a batch: each lead's origin for the user who holds it (a teammate, for a pool lead).
// A seller's own import is added so the team's extra rule shows up.
const imported = parseLead({
  id: "lead-import",
  contact: { kind: "prospect", name: "Jordi Puig", company: "Fira Tech" },
  stage: "lead",
  owner: "u-diego",
  generatedBy: null,
  capture: { channel: "import", initiator: { kind: "user", userId: "u-diego" } },
  createdAt: "2026-02-01T10:00:00Z",
  updatedAt: "2026-02-01T10:00:00Z",
});
const leads = [...generateLeads({ seed: 7, count: 300 }), imported];
const classified = leads.map((lead) => {
  const viewer = lead.owner ?? "u-elena";
  const origin = originForUser(classifier, lead, viewer);
  return { lead: lead.id, viewer, channel: lead.capture.channel, ...origin };
});
// Print one lead per rule that matched, so every kind of origin in the batch shows once.
const rows = classified.filter((row, i) => classified.findIndex((r) => r.rule.id === row.rule.id) === i);
const active = classified.filter((r) => r.kind === "active").length;
console.log(
  `${classified.length} leads: ${active} active, ${classified.length - active} passive for their holder\n`,
);
const pad = (s: string, n: number) => s.padEnd(n).slice(0, n);
console.log(`${pad("lead", 13)}${pad("for user", 10)}${pad("channel", 13)}${pad("origin", 34)}rule`);
for (const row of rows) {
  console.log(
    `${pad(row.lead, 13)}${pad(row.viewer, 10)}${pad(row.channel, 13)}${pad(`${row.kind} · ${row.label[lang]}`, 34)}${row.rule.id}`,
  );
}
console.log(`\nWhy "${rows[0]?.rule.id}": ${rows[0]?.rule.why}`);

// 3. One lead, three users: Ana calls a prospect, shares it with Bruno, then refers it to Carmen.
const now = new Date("2026-03-10T09:00:00Z");
const called: Lead = parseLead({
  id: "l-lucia",
  contact: { kind: "prospect", name: "Lucía Pérez", company: "Acme", email: "lucia@acme.es" },
  stage: "lead",
  owner: "u-ana",
  generatedBy: "u-ana",
  capture: { channel: "call", initiator: { kind: "user", userId: "u-ana" } },
  createdAt: now,
  updatedAt: now,
});
const shared = shareLead(called, { actor: "u-ana", now, userId: "u-bruno", reason: "Bruno knows Acme" });
if (!shared.ok) throw new Error("share failed");
const referred = referLead(shared.value.lead, {
  actor: "u-ana",
  now,
  to: "u-carmen",
  reason: "Carmen covers Valencia",
});
if (!referred.ok) throw new Error("refer failed");
console.log("\nLucía's lead, after Ana shared it with Bruno and referred it to Carmen:");
for (const user of ["u-ana", "u-bruno", "u-carmen"]) {
  const origin = originForUser(classifier, referred.value.lead, user);
  console.log(
    `  ${pad(user, 10)}${pad(origin.relation, 14)}${pad(`${origin.kind} · ${origin.label[lang]}`, 40)}${origin.rule.id}`,
  );
}
console.log(
  `  audit: ${[shared.value.audit, referred.value.audit].map((a) => `${a.actor} ${a.action}`).join(", ")}`,
);

writeFileSync(join(out, "origins.json"), `${JSON.stringify(classified, null, 2)}\n`);
console.log(`\nWrote ${join(out, "origins.json")} and the table's JSON Schema`);
