// Funnel report: synthetic leads → one-pass funnel metrics → terminal tables, funnel.svg and by-source.svg.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  compareWithReferenceRates,
  computeFunnelAggregate,
  type FunnelOptions,
  mergeFunnelAggregates,
  renderFunnelSvg,
  renderFunnelTable,
  renderSegmentSvg,
  renderSegmentTable,
  summarizeFunnel,
  summarizeTeam,
} from "leadkit/metrics";
import { originForUser } from "leadkit/origin";
import { generateLeadStream } from "leadkit/testing";
import { readExampleArgs } from "../example-args.js";
import { outputDir } from "../output-dir.js";

readExampleArgs(import.meta.url);

const smoke = process.env["LEADKIT_SMOKE"] === "1";
const count = smoke ? 2_000 : 20_000;

const options: FunnelOptions = {
  // Origin comes from the origin module, from the owner's point of view; metrics only get the answer.
  originOf: (lead) => (lead.owner === null ? null : originForUser(lead, lead.owner).kind),
  // A stand-in probability by stage; in production, a scoring model's score / 100.
  probabilityOf: (lead) =>
    ({ lead: 0.05, prospect: 0.25, potential_client: 0.6 })[lead.stage as string] ?? null,
  // Cost per lead by source (what marketing pays for one lead from each channel).
  costs: {
    organic_search: 50,
    social: 80,
    email_campaign: 30,
    paid_ads: 100,
    event: 150,
    outbound: 120,
    referral: 0,
  },
};

// Two "shards" counted separately (say, two regions' databases) and merged: same result as one pass.
const half = Math.floor(count / 2);
const first = computeFunnelAggregate(generateLeadStream({ seed: 42, count: half }), options);
const second = computeFunnelAggregate(
  generateLeadStream({ seed: 42, count: count - half, startIndex: half }),
  options,
);
const summary = summarizeFunnel(mergeFunnelAggregates(first, second));

console.log(`Funnel of ${summary.total.leads.toLocaleString("en-US")} generated leads\n`);
console.log(renderFunnelTable(summary, { format: "text" }));

console.log("\nBy source (the metrics guide's table, from records):\n");
console.log(
  renderSegmentTable(summary, {
    dimension: "source",
    columns: ["leads", "conversion", "costPerLead", "costPerCustomer", "medianDaysToClose"],
    format: "text",
  }),
);

console.log("\nActive vs passive:\n");
console.log(
  renderSegmentTable(summary, {
    dimension: "origin",
    columns: ["leads", "conversion", "medianDaysToClose"],
    format: "text",
  }),
);

const team = summarizeTeam(summary, { passiveShareThreshold: 0.7 });
console.log("\nTeam:\n");
for (const m of team.members) {
  console.log(
    `  ${m.user.padEnd(9)} ${String(m.leads).padStart(6)} leads  ${String(m.generated).padStart(5)} generated  passive ${Math.round((m.passiveShare ?? 0) * 100)} %`,
  );
}
console.log(
  `  distribution: Gini ${team.distribution.gini?.toFixed(3)}, coefficient of variation ${team.distribution.coefficientOfVariation?.toFixed(3)}`,
);
for (const w of team.warnings) console.log(`  ⚠ ${w.message}`);

const flagged = compareWithReferenceRates(summary, { dimensions: ["source"], minSample: 50 }).filter(
  (c) => c.status === "below" || c.status === "above",
);
console.log("\nAgainst the reference rates (lead → customer 5–10 %):");
for (const c of flagged) {
  console.log(`  ${c.key.padEnd(15)} ${(100 * (c.rate ?? 0)).toFixed(1)} % — ${c.status}`);
}
console.log(
  `\nWeighted pipeline: €${Math.round(summary.total.pipeline.weightedValue).toLocaleString("en-US")}`,
);

const svgPath = join(outputDir(import.meta.url), "funnel.svg");
writeFileSync(
  svgPath,
  renderFunnelSvg(summary, { title: "Sales funnel — active vs passive", splitByOrigin: true }),
);
console.log(`\nWrote ${svgPath}`);
const bySourcePath = join(outputDir(import.meta.url), "by-source.svg");
writeFileSync(bySourcePath, renderSegmentSvg(summary, { dimension: "source", splitByOrigin: true }));
console.log(`Wrote ${bySourcePath}`);
