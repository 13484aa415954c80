// The quickstart: one quarter in the life of a five-seller team, through every leadkit module.
//
// Q1's closed leads teach a control-value scoring model; Q2's leads arrive, are classified active or
// passive for their seller, the passive ones are shared out fairly, BANT qualifies the warm ones,
// qualified leads move to prospect, the best are ranked with explanations, and the quarter ends in a
// funnel table and funnel.svg.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Lead } from "leadkit";
import { defaultLifecycle, transition } from "leadkit/lifecycle";
import { computeFunnel, renderFunnelSvg, renderFunnelTable, summarizeTeam } from "leadkit/metrics";
import { compileOriginRules, DEFAULT_ORIGIN_RULES, distributeLeads, originForUser } from "leadkit/origin";
import { BANT, type CriterionEvidence, compileFramework, evaluateQualification } from "leadkit/qualification";
import {
  collectControlValueStats,
  compilePointsModel,
  explainScore,
  fitControlValueModel,
} from "leadkit/scoring";
import { DEFAULT_SELLERS, generateLeads } from "leadkit/testing";
import { readExampleArgs } from "../example-args.js";
import { renderLabels } from "../messages-es.js";
import { outputDir } from "../output-dir.js";
import { explainScoreLines, signedPoints } from "../score-lines.js";

const { lang } = readExampleArgs(
  import.meta.url,
  {},
  "Con --lang es salen en español la tabla del embudo y funnel.svg; el resto de la salida está en inglés.",
);
// The funnel table and chart draw their words from `labels`: Spanish ones under --lang es.
const labels = renderLabels(lang);
const locale = lang === "es" ? "es-ES" : "en-US";

const smoke = process.env["LEADKIT_SMOKE"] === "1";
const steps = 7;
let step = 0;
const progress = (what: string) => console.log(`[${++step}/${steps}] ${what}`);

const q1 = { from: new Date("2026-01-01T00:00:00Z"), to: new Date("2026-04-01T00:00:00Z") };
const q2 = { from: new Date("2026-04-01T00:00:00Z"), to: new Date("2026-07-01T00:00:00Z") };
const now = q2.to;
const bant = compileFramework(BANT); // compiled once, used for every lead
const originRules = compileOriginRules(DEFAULT_ORIGIN_RULES);

// 1. History and this quarter's leads (generated, seeded: the same numbers on every machine).
progress("Generating last quarter's history and this quarter's leads…");
const history = generateLeads({ seed: 1, count: smoke ? 1500 : 4000, ...q1, now: q2.from });
const incoming = generateLeads({ seed: 2, count: smoke ? 600 : 1500, ...q2, now });
console.log(
  `      ${history.length} leads in Q1, ${incoming.length} in Q2, sellers: ${DEFAULT_SELLERS.join(", ")}`,
);

// 2. Fair distribution: passive leads nobody generated are dealt out round robin.
progress("Sharing out passive leads fairly (strict round robin)…");
const passive = incoming.filter((lead) => lead.generatedBy === null);
const { assignments } = distributeLeads(passive, {
  strategy: "round_robin",
  members: DEFAULT_SELLERS.map((userId) => ({ userId })),
  seed: 2026,
});
const ownerOf = new Map(assignments.map((a) => [a.leadId, a.userId]));
let leads: Lead[] = incoming.map((lead) => {
  const owner = ownerOf.get(lead.id);
  return owner === undefined ? lead : { ...lead, owner };
});
const perSeller = DEFAULT_SELLERS.map((u) => `${u} ${assignments.filter((a) => a.userId === u).length}`);
console.log(`      ${assignments.length} passive leads assigned: ${perSeller.join(", ")}`);

// 3. Origin for each lead's owner: active ("Lead generado por mí") or passive, with the rule.
progress("Classifying each lead's origin for its owner…");
const originOf = (lead: Lead) => (lead.owner === null ? null : originForUser(originRules, lead, lead.owner));
const example = leads.map(originOf).find((o) => o?.kind === "passive");
const activeCount = leads.filter((l) => originOf(l)?.kind === "active").length;
console.log(`      ${activeCount} active, ${leads.length - activeCount} passive`);
if (example) console.log(`      e.g. "${example.label.es}" — rule ${example.rule.id}: ${example.rule.why}`);

// 4. BANT on every open lead at stage "lead", with answers gathered in research and conversation.
progress("Qualifying open leads with BANT and moving the qualified ones to prospect…");
let qualified = 0;
let needInfo = 0;
let moved = 0;
leads = leads.map((lead) => {
  if (lead.stage !== "lead") return lead;
  const result = evaluateBant(lead);
  if (!result.ok) return lead;
  if (result.value.verdict === "needs_information") needInfo++;
  if (result.value.verdict !== "qualified") return lead;
  qualified++;
  const moveResult = transition(
    defaultLifecycle,
    lead,
    { type: "qualify", evidence: [result.value.evidence] },
    { now, actor: lead.owner ?? "automation" },
  );
  if (!moveResult.ok) return lead;
  moved++;
  return moveResult.value.lead;
});
console.log(`      ${qualified} qualified (${moved} moved to prospect), ${needInfo} need more information`);

// 5. The control-value method (docs/concepts.md), fitted on Q1's closed leads.
progress("Fitting the control-value model on Q1 and scoring Q2's open leads…");
const stats = collectControlValueStats(
  history,
  {
    fields: [
      { field: "source" },
      { field: "contact.industry" },
      { field: "contact.companySize" },
      { field: "contact.jobTitle" },
    ],
    interactions: { pageKinds: true },
    flags: ["personal_email"],
  },
  { period: q1 },
);
const fit = fitControlValueModel(stats, {
  id: "q1-control-value",
  minLeads: 300,
  minConversions: 30,
  aboveControl: "excess",
  belowControl: "negative",
  scale: "fit_range",
});
if (!fit.ok) {
  for (const i of fit.issues) console.log(`      ${i.message}`);
  process.exit(1);
}
const scorer = compilePointsModel(fit.value.model);
const open = leads.filter((l) =>
  ["contact", "lead", "prospect", "potential_client", "nurturing"].includes(l.stage),
);
const top = open
  .map((lead) => ({ lead, score: scorer.score(lead, now).value }))
  .sort((a, b) => b.score - a.score || a.lead.id.localeCompare(b.lead.id))
  .slice(0, 3);
console.log(
  `      control value ${(fit.value.controlRate * 100).toFixed(1)} % over ${stats.leads} closed Q1 leads`,
);
for (const { lead, score } of top) {
  // The base points (the rescaling's, the same for every lead) are printed first, so the lines add up.
  const why = explainScoreLines(explainScore(scorer, lead, now), 3, (r) => r.provenance === undefined).map(
    (line) => `${line.label} ${signedPoints(line.points)}`,
  );
  console.log(
    `      ${score.toFixed(1).padStart(5)}  ${lead.contact.name} (${lead.stage}) = ${why.join(", ")}`,
  );
}

// 6. Why can't a lead move? A prospect without a purchase request cannot become a potential client.
progress("Asking the lifecycle why a lead cannot move…");
const stuck = leads.find((l) => l.stage === "prospect");
if (stuck) {
  const blocked = transition(defaultLifecycle, stuck, "request_purchase", {
    now,
    actor: stuck.owner ?? "automation",
  });
  if (!blocked.ok) console.log(`      ${stuck.contact.name}: ${blocked.issues[0]?.message}`);
}

// 7. The quarter's funnel, by origin, and the team view.
progress("Computing the funnel and writing funnel.svg…");
const summary = computeFunnel(leads, { originOf: (l) => originOf(l)?.kind ?? null });
console.log(`\n${renderFunnelTable(summary, { format: "text", labels, locale })}`);
const team = summarizeTeam(summary, { users: [...DEFAULT_SELLERS], passiveShareThreshold: 0.8 });
for (const warning of team.warnings) console.log(`⚠ ${warning.message}`);
const out = outputDir(import.meta.url);
const svgPath = join(out, "funnel.svg");
writeFileSync(
  svgPath,
  renderFunnelSvg(summary, {
    title: lang === "es" ? "Embudo del segundo trimestre de 2026" : "Q2 2026 funnel",
    splitByOrigin: true,
    labels,
    locale,
  }),
);
console.log(`\nWrote ${svgPath}`);

function evaluateBant(lead: Lead) {
  const c = lead.contact;
  const views = lead.interactions.filter((i) => i.type === "page_view" && i.pageKind !== "other").length;
  const bigCompany = c.companySize !== undefined && !["1-10", "11-50"].includes(c.companySize);
  const evidence: CriterionEvidence[] = [
    { criterionId: "authority", answer: c.jobTitle ?? "", source: "research" },
    ...(views > 0
      ? [{ criterionId: "need", answer: views > 1 ? "high" : "medium", source: "conversation" } as const]
      : []),
    ...(bigCompany ? [{ criterionId: "budget", answer: 25_000, source: "conversation" } as const] : []),
    ...(lead.interestLevel === "medium" || lead.interestLevel === "high"
      ? [
          {
            criterionId: "timeline",
            answer: new Date(now.getTime() + 45 * 86_400_000),
            source: "conversation",
          } as const,
        ]
      : []),
  ];
  return evaluateQualification(bant, evidence, { now, priceRange: { min: 12_000 }, contact: c });
}
