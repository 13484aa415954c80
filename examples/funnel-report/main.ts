// Funnel report: synthetic leads → one-pass funnel metrics → terminal tables, funnel.svg and by-source.svg.
// With --lang es every word it prints or draws is Spanish: the renderers take the words as `labels`.
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
import { compileOriginRules, DEFAULT_ORIGIN_RULES, originForUser } from "leadkit/origin";
import { generateLeadStream } from "leadkit/testing";
import { readExampleArgs } from "../example-args.js";
import { renderLabels } from "../messages-es.js";
import { outputDir } from "../output-dir.js";

// Every word is translated; segment keys are data, and the note says so.
const { lang } = readExampleArgs(
  import.meta.url,
  {},
  "Todo sale en español salvo las claves de los segmentos (fuentes, active/passive, ids de usuario), que son datos y salen tal cual.",
);
const es = lang === "es";
const labels = renderLabels(lang);
const locale = es ? "es-ES" : "en-US";
const say = (english: string, spanish: string) => (es ? spanish : english);

const smoke = process.env["LEADKIT_SMOKE"] === "1";
const count = smoke ? 2_000 : 20_000;

const originRules = compileOriginRules(DEFAULT_ORIGIN_RULES);
const options: FunnelOptions = {
  // Origin comes from the origin module, from the owner's point of view; metrics only get the answer.
  originOf: (lead) => (lead.owner === null ? null : originForUser(originRules, lead, lead.owner).kind),
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

const leadCount = summary.total.leads.toLocaleString(locale);
console.log(say(`Funnel of ${leadCount} generated leads\n`, `Embudo de ${leadCount} leads generados\n`));
console.log(renderFunnelTable(summary, { format: "text", labels, locale }));

console.log(
  say(
    "\nBy source (the metrics guide's table, from records):\n",
    "\nPor fuente (la tabla de la guía de métricas, a partir de registros):\n",
  ),
);
console.log(
  renderSegmentTable(summary, {
    dimension: "source",
    columns: ["leads", "conversion", "costPerLead", "costPerCustomer", "medianDaysToClose"],
    format: "text",
    labels,
    locale,
  }),
);

console.log(say("\nActive vs passive:\n", "\nActivos frente a pasivos:\n"));
console.log(
  renderSegmentTable(summary, {
    dimension: "origin",
    columns: ["leads", "conversion", "medianDaysToClose"],
    format: "text",
    labels,
    locale,
  }),
);

const team = summarizeTeam(summary, { passiveShareThreshold: 0.7 });
console.log(say("\nTeam:\n", "\nEquipo:\n"));
for (const m of team.members) {
  const passive = Math.round((m.passiveShare ?? 0) * 100);
  console.log(
    `  ${m.user.padEnd(9)} ${String(m.leads).padStart(6)} leads  ${String(m.generated).padStart(5)} ${say(`generated  passive ${passive} %`, `generados  pasivos ${passive} %`)}`,
  );
}
const gini = team.distribution.gini?.toFixed(3);
const variation = team.distribution.coefficientOfVariation?.toFixed(3);
console.log(
  say(
    `  distribution: Gini ${gini}, coefficient of variation ${variation}`,
    `  reparto: Gini ${gini}, coeficiente de variación ${variation}`,
  ),
);
for (const w of team.warnings) {
  const share = Math.round(w.passiveShare * 100);
  const limit = Math.round(w.threshold * 100);
  console.log(
    `  ⚠ ${say(w.message, `${w.user}: el ${share} % de sus leads son pasivos (más del ${limit} %): depende mucho de fuentes externas y referidos`)}`,
  );
}

const flagged = compareWithReferenceRates(summary, { dimensions: ["source"], minSample: 50 }).filter(
  (c) => c.status === "below" || c.status === "above",
);
console.log(
  say(
    "\nAgainst seed 001's reference rates (lead → customer 5–10 %):",
    "\nFrente a las tasas de referencia de la semilla 001 (de lead a cliente, 5–10 %):",
  ),
);
for (const c of flagged) {
  const status = say(c.status, c.status === "below" ? "por debajo" : "por encima");
  const rate = (100 * (c.rate ?? 0)).toLocaleString(locale, {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  console.log(`  ${c.key.padEnd(15)} ${rate} % — ${status}`);
}
const weighted = Math.round(summary.total.pipeline.weightedValue).toLocaleString(locale);
console.log(say(`\nWeighted pipeline: €${weighted}`, `\nPipeline ponderado: ${weighted} €`));

const svgPath = join(outputDir(import.meta.url), "funnel.svg");
writeFileSync(
  svgPath,
  renderFunnelSvg(summary, {
    title: say("Sales funnel — active vs passive", "Embudo de ventas: activos frente a pasivos"),
    splitByOrigin: true,
    labels,
    locale,
  }),
);
console.log(say(`\nWrote ${svgPath}`, `\nEscrito ${svgPath}`));
const bySourcePath = join(outputDir(import.meta.url), "by-source.svg");
writeFileSync(
  bySourcePath,
  renderSegmentSvg(summary, { dimension: "source", splitByOrigin: true, labels, locale }),
);
console.log(say(`Wrote ${bySourcePath}`, `Escrito ${bySourcePath}`));
