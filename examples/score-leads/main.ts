// Fits the control-value model (docs/concepts.md) on generated history, scores the open leads, and prints the
// ten most promising with the reasons behind each score.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  type ControlValueSignalSpec,
  classifyScore,
  closedLeadOutcome,
  collectControlValueStats,
  compilePointsModel,
  DEFAULT_POINTS_MODEL,
  explainScore,
  fitControlValueModel,
} from "leadkit/scoring";
import { generateLeads } from "leadkit/testing";
import { readExampleArgs } from "../example-args.js";
import { outputDir } from "../output-dir.js";
import { explainScoreLines, signedPoints } from "../score-lines.js";

readExampleArgs(import.meta.url);

const now = new Date("2026-07-01T00:00:00Z");
const leads = generateLeads({ seed: 2026, count: 4000, now });

// 1. The history: closed leads of the first quarter (the method counts "last quarter").
const spec: ControlValueSignalSpec = {
  fields: [
    { field: "source" },
    { field: "contact.industry" },
    { field: "contact.companySize" },
    { field: "contact.jobTitle" },
    { field: "contact.country" },
  ],
  interactions: { pageKinds: true },
  flags: ["personal_email"],
};
const stats = collectControlValueStats(leads, spec, {
  period: { from: new Date("2026-01-01T00:00:00Z"), to: new Date("2026-04-01T00:00:00Z") },
});
// The method as first written (a signal above the control earns its rate in percent) saturates at 100 as
// soon as a lead has three or four good signals, so ranking uses the rescaled variant: points are
// the excess over the control (negative below it), mapped onto 0–100 without clamping.
const literal = fitControlValueModel(stats, { id: "q1-literal", minLeads: 500, minConversions: 60 });
const fit = fitControlValueModel(stats, {
  id: "q1-control-value",
  minLeads: 500,
  minConversions: 60,
  aboveControl: "excess",
  belowControl: "negative",
  scale: "fit_range",
});
if (!fit.ok || !literal.ok) {
  console.log("The history is too small to trust a fit:");
  for (const i of fit.ok ? [] : fit.issues) console.log(`  ${i.message}`);
  process.exit(0);
}
const { model, controlRate } = fit.value;
console.log(
  `Control value: ${(controlRate * 100).toFixed(1)} % of ${stats.leads} closed Q1 leads converted; ` +
    `${literal.value.model.rules.length} signals are above it, ${model.rules.length - 1} signals earn points once rescaled.`,
);

// 2. Score every open lead with the fitted model, and with the default model side by side.
const fitted = compilePointsModel(model);
const open = leads.filter((lead) => closedLeadOutcome(lead) === null);
const ranked = open
  .map((lead) => ({ lead, score: fitted.score(lead, now) }))
  .sort((a, b) => b.score.value - a.score.value || a.lead.id.localeCompare(b.lead.id));
const literalScorer = compilePointsModel(literal.value.model);
const general = compilePointsModel(DEFAULT_POINTS_MODEL);
const saturated = open.filter((lead) => literalScorer.score(lead, now).value === 100).length;
console.log(
  `The method as first written gives ${saturated} of ${open.length} open leads the maximum of 100.`,
);

// 3. The top ten, each with its explanation.
console.log(`\nTop 10 of ${open.length} open leads:`);
for (const [rank, { lead }] of ranked.slice(0, 10).entries()) {
  const why = explainScore(fitted, lead, now);
  const generalWhy = explainScore(general, lead, now);
  const { grade, effects } = classifyScore(DEFAULT_POINTS_MODEL, {
    value: generalWhy.value,
    groups: Object.fromEntries(generalWhy.groups.map((g) => [g.group, g.value])),
  });
  console.log(
    `\n${rank + 1}. ${lead.contact.name} (${lead.contact.jobTitle ?? "?"}, ${lead.contact.company ?? "?"}) — ` +
      `control-value ${why.value.toFixed(1)}, default model ${generalWhy.value.toFixed(1)} [${grade}]` +
      (effects.length > 0 ? ` → ${effects.map((e) => e.kind).join(", ")}` : ""),
  );
  // Base points first, the three strongest signals, the rest in one line, then any cap: they add up.
  const byId = new Map(why.rules.map((r) => [r.description ?? r.ruleId, r.provenance]));
  for (const line of explainScoreLines(why, 3, (r) => r.provenance === undefined)) {
    const p = byId.get(line.label);
    console.log(
      `   ${signedPoints(line.points).padStart(6)}  ${line.label}` +
        (p === undefined ? "" : ` (${p.support} leads, lift ${p.lift.toFixed(2)})`),
    );
  }
}

const file = join(outputDir(import.meta.url), "q1-control-value-model.json");
writeFileSync(file, `${JSON.stringify(model, null, 2)}\n`);
console.log(`\nThe fitted model (plain data, with provenance per rule) is in ${file}`);
