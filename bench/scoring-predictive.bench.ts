// Predictive scoring (Odoo-compatible naive Bayes): our built model against a straightforward
// implementation that recomputes the table totals from the fit statistics for every lead, on the
// same open leads, in this process; and fitting on 1 M generated closed leads, streamed.
import type { Lead } from "leadkit";
import {
  buildPredictiveModel,
  fitPredictiveStats,
  leadPredictiveSetup,
  type PredictiveStats,
  predictProbability,
} from "leadkit/scoring";
import { generateLeadStream, generateLeads } from "leadkit/testing";
import type { BenchCase, BenchMeasure } from "./harness.js";

const setup = leadPredictiveSetup();
const history = generateLeads({ seed: 2026, count: 20_000 });
const stats = fitPredictiveStats(setup, history).stats;
const model = buildPredictiveModel(setup, stats);
const open = history.filter((lead) => setup.adapter.outcome(lead) === "open").slice(0, 1_000);

// ——— the straightforward baseline: totals recomputed from the cells for each lead ———

function naiveProbability(cells: PredictiveStats["cells"], lead: Lead): number | null {
  const { config, adapter } = setup;
  const team = adapter.team(lead) ?? null;
  const teamHasCells = team !== null && cells.some((c) => c.team === team);
  const mine = cells.filter((c) => !teamHasCells || c.team === team);
  const count = (field: string, value: string) => {
    let won = 0;
    let lost = 0;
    let found = false;
    for (const c of mine)
      if (c.field === field && c.value === value) {
        const multiple = config.fields.find((f) => f.name === field)?.multiple ?? false;
        if (multiple && c.won + c.lost + 0.2 < 50) continue;
        won += c.won + 0.1;
        lost += c.lost + 0.1;
        found = true;
      }
    return found ? { won, lost } : null;
  };
  const totals = (field: string) => {
    let won = 0;
    let lost = 0;
    for (const c of mine)
      if (c.field === field) {
        const multiple = config.fields.find((f) => f.name === field)?.multiple ?? false;
        if (multiple && c.won + c.lost + 0.2 < 50) continue;
        won += c.won + 0.1;
        lost += c.lost + 0.1;
      }
    return { won, lost };
  };
  const prior = count("stage", config.stages[0]?.id ?? "");
  if (prior === null) return null;
  let sWon = prior.won / (prior.won + prior.lost);
  let sLost = prior.lost / (prior.won + prior.lost);
  const stage = adapter.stage(lead) ?? "";
  const stageCount = count("stage", stage);
  if (stageCount !== null) {
    sWon *= stageCount.won / prior.won;
    sLost *= stageCount.lost / prior.lost;
  }
  for (const field of config.fields) {
    const raw = adapter.fields[field.name]?.(lead);
    const values = Array.isArray(raw)
      ? [...new Set(raw.map(String))].sort()
      : raw === null || raw === undefined || raw === ""
        ? field.countEmpty
          ? [""]
          : []
        : [String(raw)];
    const total = totals(field.name);
    for (const value of values) {
      const c = count(field.name, value);
      if (c === null) continue;
      sWon *= c.won / total.won;
      sLost *= c.lost / total.lost;
    }
  }
  const percent = Math.round(((100 * sWon) / (sWon + sLost)) * 100) / 100;
  return Math.min(Math.max(percent, 0.01), 99.99);
}

// Both sides must agree before they are compared (rounding ties aside, which these leads avoid).
for (const lead of open) {
  const ours = predictProbability(model, lead);
  const theirs = naiveProbability(stats.cells, lead);
  if (!ours.ok || Math.abs(ours.value - (theirs ?? Number.NaN)) > 0.011)
    throw new Error(`Baseline disagrees on ${lead.id}: ${ours.ok ? ours.value : "issue"} vs ${theirs}`);
}

/** 1 M closed leads, streamed: each closed generated lead is yielded in four team variants. */
function* closedLeads(total: number): Generator<Lead> {
  let yielded = 0;
  const now = new Date("2027-06-30T00:00:00Z");
  for (const lead of generateLeadStream({ seed: 7, count: total, now })) {
    if (setup.adapter.outcome(lead) === "open") continue;
    for (let k = 0; k < 4 && yielded < total; k++, yielded++) yield { ...lead, team: `${lead.team}-${k}` };
    if (yielded >= total) return;
  }
}

const cases: readonly (BenchCase | BenchMeasure)[] = [
  {
    name: "predictProbability (open leads, built model)",
    baselineName: "naive: totals recomputed from the cells per lead",
    subject: () => {
      let sum = 0;
      for (const lead of open) {
        const r = predictProbability(model, lead);
        if (r.ok) sum += r.value;
      }
      return sum;
    },
    baseline: () => {
      let sum = 0;
      for (const lead of open) sum += naiveProbability(stats.cells, lead) ?? 0;
      return sum;
    },
    itemsPerCall: open.length,
    target: "≫ 1",
  },
  {
    name: "fitPredictiveStats, 1 M closed leads streamed (incl. generation)",
    run: () => {
      const fit = fitPredictiveStats(setup, closedLeads(1_000_000));
      if (fit.won + fit.lost !== 1_000_000) throw new Error(`fitted ${fit.won + fit.lost} leads`);
      return fit.stats.cells.length;
    },
    target: "report",
  },
  {
    name: "the same stream without fitting (generation only, to subtract)",
    run: () => {
      let n = 0;
      for (const _ of closedLeads(1_000_000)) n++;
      return n;
    },
    target: "report",
  },
];
export default cases;
