// Funnel metrics: one pass (computeFunnel) against a naive implementation that filters the array once
// per segment and once per metric, on the same 1 M-lead array, in this process.
import { FUNNEL_STAGES, type Lead } from "leadkit";
import { computeFunnel, FUNNEL_DIMENSIONS, type FunnelOptions } from "leadkit/metrics";
import { generateLeadStream } from "leadkit/testing";
import type { BenchCase, BenchMeasure } from "./harness.js";

const TOTAL = Number(process.env["METRICS_BENCH_LEADS"] ?? 1_000_000);
// Generating 1 M full leads takes ~40 s and >2 GB; we generate 250 k distinct ones, keep only what
// metrics read (a lighter projection of each lead), and repeat them 4× in one 1 M-element array.
// Subject and baseline get the very same array.
const DISTINCT = Math.min(TOTAL, 250_000);

function lightLeads(): Lead[] {
  const out: Lead[] = [];
  for (const lead of generateLeadStream({ seed: 2026, count: DISTINCT })) {
    out.push({
      id: lead.id,
      stage: lead.stage,
      history: lead.history,
      createdAt: lead.createdAt,
      owner: lead.owner,
      generatedBy: lead.generatedBy,
      ...(lead.source === undefined ? {} : { source: lead.source }),
      contact: { industry: lead.contact.industry },
      interestLevel: lead.interestLevel,
      ...(lead.expectedRevenue === undefined ? {} : { expectedRevenue: lead.expectedRevenue }),
      capture: lead.capture,
    } as unknown as Lead);
  }
  return out;
}

const options: FunnelOptions = {
  // The 1 M array repeats a few thousand distinct leads, ids included: measure the counting itself,
  // with memory flat, as a cursor over a primary key would (duplicate ids are checked by default).
  checkDuplicateIds: false,
  originOf: (lead) => (lead.generatedBy !== null && lead.generatedBy === lead.owner ? "active" : "passive"),
  probabilityOf: (lead) => (lead.stage === "potential_client" ? 0.6 : lead.stage === "prospect" ? 0.3 : 0.1),
  costs: {
    outbound: 120,
    organic_search: 50,
    social: 80,
    email_campaign: 30,
    paid_ads: 100,
    referral: 10,
    event: 200,
  },
  period: "quarter",
};

// ——— the naive baseline: plain array methods, one filter per segment and per metric ———

const rank = new Map<string, number>(FUNNEL_STAGES.map((s, i) => [s, i]));
const reachedIndex = (lead: Lead) =>
  Math.max(
    rank.get(lead.stage) ?? 0,
    ...lead.history.flatMap((h) => [rank.get(h.from) ?? 0, rank.get(h.to) ?? 0]),
  );
const closeSeconds = (lead: Lead) => {
  const win = lead.history.find((h) => h.to === "customer");
  return win === undefined
    ? null
    : Math.max(0, Math.round((win.at.getTime() - lead.createdAt.getTime()) / 1000));
};
const stageSeconds = (lead: Lead, stage: string) => {
  let total = -1;
  let entered = lead.createdAt.getTime();
  for (const h of lead.history) {
    if (h.from === stage)
      total = Math.max(total, 0) + Math.max(0, Math.round((h.at.getTime() - entered) / 1000));
    entered = h.at.getTime();
  }
  return total < 0 ? null : total;
};
const keyOf = (lead: Lead, dimension: string): string => {
  switch (dimension) {
    case "origin":
      return options.originOf?.(lead) ?? "(none)";
    case "source":
      return lead.source ?? "(none)";
    case "owner":
      return lead.owner ?? "(none)";
    case "generatedBy":
      return lead.generatedBy ?? "(none)";
    case "industry":
      return lead.contact.industry ?? "(none)";
    case "interestLevel":
      return lead.interestLevel;
    default:
      return `${lead.createdAt.getUTCFullYear()}-Q${Math.floor(lead.createdAt.getUTCMonth() / 3) + 1}`;
  }
};
const stats = (values: number[]) => {
  const sorted = values.sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1] ?? null;
  return {
    count: sorted.length,
    mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
    median: at(0.5),
    p90: at(0.9),
  };
};
const costOf = (lead: Lead) => (options.costs as Record<string, number>)[lead.source ?? "(none)"] ?? null;

function naiveSegment(leads: readonly Lead[]) {
  const won = leads.filter((l) => reachedIndex(l) === 4);
  const costed = leads.filter((l) => costOf(l) !== null);
  const open = leads.filter(
    (l) =>
      reachedIndex(l) < 4 &&
      !["lost", "disqualified", "archived"].includes(l.stage) &&
      l.expectedRevenue !== undefined,
  );
  return {
    leads: leads.length,
    reached: FUNNEL_STAGES.map((_, i) => leads.filter((l) => reachedIndex(l) >= i).length),
    won: won.length,
    lost: leads.filter((l) => reachedIndex(l) < 4 && (l.stage === "lost" || l.stage === "disqualified"))
      .length,
    archived: leads.filter((l) => reachedIndex(l) < 4 && l.stage === "archived").length,
    active: leads.filter((l) => options.originOf?.(l) === "active").length,
    passive: leads.filter((l) => options.originOf?.(l) === "passive").length,
    cost: costed.reduce((a, l) => a + (costOf(l) ?? 0), 0),
    pipeline: open.reduce((a, l) => a + (l.expectedRevenue ?? 0) * (options.probabilityOf?.(l) ?? 0), 0),
    timeToClose: stats(won.map(closeSeconds).filter((s): s is number => s !== null)),
    timeInStage: ["contact", "lead", "prospect", "potential_client"].map((stage) =>
      stats(leads.map((l) => stageSeconds(l, stage)).filter((s): s is number => s !== null)),
    ),
  };
}

function naiveFunnel(leads: readonly Lead[]) {
  const segments: Record<string, Record<string, ReturnType<typeof naiveSegment>>> = {};
  for (const dimension of FUNNEL_DIMENSIONS) {
    const keys = [...new Set(leads.map((l) => keyOf(l, dimension)))];
    segments[dimension] = Object.fromEntries(
      keys.map((k) => [k, naiveSegment(leads.filter((l) => keyOf(l, dimension) === k))]),
    );
  }
  return { total: naiveSegment(leads), segments };
}

// tinybench runs each side at least 80 times (16 warm-up + 64 samples), too slow for the naive
// baseline on 1 M leads: the ratio case uses a 2,000-lead slice, and each side is also timed once on
// the full 1 M array (the ratio at 1 M is the quotient of those two times).
const SLICE = 2_000;

export default async (): Promise<readonly (BenchCase | BenchMeasure)[]> => {
  const distinct = lightLeads();
  const leads: Lead[] = Array.from({ length: TOTAL }, (_, i) => distinct[i % DISTINCT] as Lead);
  const slice = distinct.slice(0, SLICE);
  return [
    {
      name: `computeFunnel, ${SLICE.toLocaleString("en-US")} leads, 7 dimensions (one pass)`,
      baselineName: "naive filter per segment and metric",
      subject: () => computeFunnel(slice, options),
      baseline: () => naiveFunnel(slice),
      itemsPerCall: SLICE,
      target: "ratio ≥ 5",
    },
    {
      name: `computeFunnel, ${TOTAL.toLocaleString("en-US")} leads, one pass (time, peak RSS)`,
      run: () => computeFunnel(leads, options),
      target: "report",
    },
    {
      name: `naive filter per segment and metric, ${TOTAL.toLocaleString("en-US")} leads (time, peak RSS)`,
      run: () => naiveFunnel(leads),
      target: "≥ 5× the one-pass time",
    },
  ];
};
