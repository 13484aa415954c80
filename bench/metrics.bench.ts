// Funnel metrics: `computeFunnelAggregate` (the one pass behind `computeFunnel`) against a
// hand-written one-pass aggregation that produces the same aggregate, and (for context) against a
// naive report that filters the array once per segment and once per metric.
//
// Inputs (bench/inputs.ts): production-like leads — 24 sellers, sources with a long tail (about 65),
// eight industries, quarterly cohorts, segmented along the nine dimensions below. The
// throughput row aggregates 10,000 leads per call; the 1 M row runs each side once on 1 M leads
// (250,000 distinct ones, each four times, keeping only what metrics read).
//
// Fairness notes:
// - The hand-written aggregation is what a team would write for these nine dimensions: one loop
//   over the leads; each lead's stage reached, time to close, time in each stage, their histogram
//   buckets and its nine segment keys worked out once; then one counts object per segment in a Map
//   per dimension, the same power-of-two histogram buckets (so medians and p90s come out the same),
//   and the same plain-data result (sorted keys, records per stage). It is checked to produce exactly the
//   aggregate leadkit produces, segment by segment, before anything is timed.
// - Both sides get the same options: origin, probability and cost per source, and the nine
//   dimensions that put each lead in one segment (not `touch`, which splits credit over touches).
// - Leads keep their capture and interactions: first and last touch and speed to lead read them.
// - leadkit also validates each probability and cost (a bad one throws with the lead's id); the
//   hand-written loop does not.
// - The naive report computes exact durations by sorting; only its counts are checked against
//   leadkit's (leads, stages reached, won, lost, archived, active, passive, in every segment).
import { FUNNEL_STAGES, findFirstResponse, findTouches, type Lead } from "leadkit";
import {
  computeFunnelAggregate,
  type DurationHistogram,
  type FunnelAggregate,
  type FunnelCounts,
  type FunnelOptions,
} from "leadkit/metrics";
import type { BenchCase } from "./harness.js";
import { describeInputs, formatInputStats, productionLeadStream, productionLeads } from "./inputs.js";

const TOTAL = Number(process.env["METRICS_BENCH_LEADS"] ?? 1_000_000);
const DISTINCT = Math.min(TOTAL, 250_000);
const BATCH = 10_000;

const COSTS: Readonly<Record<string, number>> = {
  outbound: 120,
  organic_search: 50,
  social: 80,
  email_campaign: 30,
  paid_ads: 100,
  referral: 10,
  event: 200,
  linkedin: 90,
  g2: 150,
  capterra: 140,
};
const originOf = (lead: Lead) =>
  lead.generatedBy !== null && lead.generatedBy === lead.owner ? ("active" as const) : ("passive" as const);
const probabilityOf = (lead: Lead) =>
  lead.stage === "potential_client" ? 0.6 : lead.stage === "prospect" ? 0.3 : 0.1;
// The nine dimensions with one segment per lead (every dimension but `touch`, whose split credit the
// hand-written loop does not compute), named so that the row measures the same work on both sides.
const DIMENSIONS = [
  "origin",
  "source",
  "owner",
  "generatedBy",
  "industry",
  "interestLevel",
  "period",
  "firstTouch",
  "lastTouch",
] as const;
const options: FunnelOptions = {
  originOf,
  probabilityOf,
  costs: COSTS,
  period: "quarter",
  dimensions: DIMENSIONS,
};
// The 1 M array repeats 250,000 distinct leads, ids included: that row measures the counting itself,
// with memory flat, as a cursor over a primary key would (duplicate ids are checked by default).
const bigOptions: FunnelOptions = { ...options, checkDuplicateIds: false };

/** What metrics read of a lead: a lighter copy, so 1 M of them fit in memory. */
function light(lead: Lead): Lead {
  return {
    id: lead.id,
    stage: lead.stage,
    history: lead.history,
    createdAt: lead.createdAt,
    owner: lead.owner,
    generatedBy: lead.generatedBy,
    ...(lead.source === undefined ? {} : { source: lead.source }),
    contact: { industry: lead.contact.industry },
    interestLevel: lead.interestLevel,
    // Touches (attribution) and speed to lead read the capture and the interactions.
    capture: lead.capture,
    interactions: lead.interactions,
    ...(lead.expectedRevenue === undefined ? {} : { expectedRevenue: lead.expectedRevenue }),
  } as unknown as Lead;
}

// ——— the hand-written one-pass aggregation ———

const STAGE_INDEX: Readonly<Record<string, number>> = {
  contact: 0,
  lead: 1,
  prospect: 2,
  potential_client: 3,
  customer: 4,
};
const TIMED = ["contact", "lead", "prospect", "potential_client"] as const;

interface Histogram {
  count: number;
  sum: number;
  buckets: Map<number, number>;
}
interface Counts {
  leads: number;
  reached: [number, number, number, number, number];
  won: number;
  lost: number;
  archived: number;
  active: number;
  passive: number;
  costedLeads: number;
  costCents: number;
  pipelineLeads: number;
  pipelineRevenueCents: number;
  pipelineWeightedCents: number;
  outOfOrderLeads: number;
  close: Histogram;
  response: Histogram;
  stay: [Histogram, Histogram, Histogram, Histogram];
}
const histogram = (): Histogram => ({ count: 0, sum: 0, buckets: new Map() });
const counts = (): Counts => ({
  leads: 0,
  reached: [0, 0, 0, 0, 0],
  won: 0,
  lost: 0,
  archived: 0,
  active: 0,
  passive: 0,
  costedLeads: 0,
  costCents: 0,
  pipelineLeads: 0,
  pipelineRevenueCents: 0,
  pipelineWeightedCents: 0,
  outOfOrderLeads: 0,
  close: histogram(),
  response: histogram(),
  stay: [histogram(), histogram(), histogram(), histogram()],
});

// Log-linear buckets with 7 bits of precision: the same arithmetic leadkit's histograms use.
function bucket(seconds: number): number {
  const bits =
    seconds < 0x1_0000_0000 ? 32 - Math.clz32(seconds) : 64 - Math.clz32(Math.floor(seconds / 2 ** 32));
  const shift = Math.max(0, bits - 7);
  return shift * 128 + Math.floor(seconds / 2 ** shift);
}
function record(h: Histogram, seconds: number, key: number): void {
  h.count++;
  h.sum += seconds;
  h.buckets.set(key, (h.buckets.get(key) ?? 0) + 1);
}

/**
 * One lead, worked out once (its stage reached, durations and their histogram buckets, its segment
 * keys), then added to the total and to its segment in each dimension.
 */
function handWrittenAggregate(leads: readonly Lead[]): FunnelAggregate {
  const total = counts();
  const segments = DIMENSIONS.map(() => new Map<string, Counts>());
  const stay = [-1, -1, -1, -1];
  const stayKeys = [0, 0, 0, 0];
  const keys = ["", "", "", "", "", "", "", "", ""];
  for (const lead of leads) {
    const created = lead.createdAt.getTime();
    let reached = STAGE_INDEX[lead.stage] ?? 0;
    let closedAt = -1;
    stay[0] = stay[1] = stay[2] = stay[3] = -1;
    let entered = created;
    let outOfOrder = false;
    for (const move of lead.history) {
      const from = STAGE_INDEX[move.from];
      const to = STAGE_INDEX[move.to];
      const at = move.at.getTime();
      if (at < entered) outOfOrder = true;
      if (from !== undefined) {
        if (from > reached) reached = from;
        if (from < 4)
          stay[from] = Math.max(stay[from] as number, 0) + Math.max(0, Math.round((at - entered) / 1000));
      }
      if (to !== undefined && to > reached) reached = to;
      if (to === 4 && closedAt < 0) closedAt = at;
      entered = at;
    }
    const won = reached === 4;
    const lost = !won && (lead.stage === "lost" || lead.stage === "disqualified");
    const archived = !won && lead.stage === "archived";
    const origin = originOf(lead);
    const source = lead.source;
    const cost = source !== undefined && Object.hasOwn(COSTS, source) ? (COSTS[source] as number) : null;
    const costCents = cost === null ? 0 : Math.round(cost * 100);
    const revenue = lead.expectedRevenue;
    const open = !won && !lost && !archived && revenue !== undefined;
    const revenueCents = open ? Math.round(revenue * 100) : 0;
    const weightedCents = open ? Math.round(revenue * probabilityOf(lead) * 100) : 0;
    const closeSeconds = closedAt < 0 ? -1 : Math.max(0, Math.round((closedAt - created) / 1000));
    const closeKey = closeSeconds < 0 ? 0 : bucket(closeSeconds);
    for (let s = 0; s < 4; s++) stayKeys[s] = (stay[s] as number) < 0 ? 0 : bucket(stay[s] as number);
    keys[0] = origin;
    keys[1] = source ?? "(none)";
    keys[2] = lead.owner ?? "(none)";
    keys[3] = lead.generatedBy ?? "(none)";
    keys[4] = lead.contact.industry ?? "(none)";
    keys[5] = lead.interestLevel;
    keys[6] = `${lead.createdAt.getUTCFullYear()}-Q${Math.floor(lead.createdAt.getUTCMonth() / 3) + 1}`;
    const touches = findTouches(lead);
    keys[7] = touches.first?.attribution.utmSource ?? "(none)";
    keys[8] = touches.last?.attribution.utmSource ?? "(none)";
    const response = findFirstResponse(lead);
    const responseSeconds =
      response === null ? -1 : Math.max(0, Math.round((response.at.getTime() - created) / 1000));
    const responseKey = responseSeconds < 0 ? 0 : bucket(responseSeconds);
    for (let d = -1; d < segments.length; d++) {
      let c: Counts;
      if (d < 0) c = total;
      else {
        const byKey = segments[d] as Map<string, Counts>;
        const key = keys[d] as string;
        const found = byKey.get(key);
        if (found === undefined) {
          c = counts();
          byKey.set(key, c);
        } else c = found;
      }
      c.leads++;
      for (let i = 0; i <= reached; i++) c.reached[i as 0]++;
      if (won) c.won++;
      if (lost) c.lost++;
      if (archived) c.archived++;
      if (outOfOrder) c.outOfOrderLeads++;
      if (origin === "active") c.active++;
      else c.passive++;
      if (cost !== null) {
        c.costedLeads++;
        c.costCents += costCents;
      }
      if (open) {
        c.pipelineLeads++;
        c.pipelineRevenueCents += revenueCents;
        c.pipelineWeightedCents += weightedCents;
      }
      if (closeSeconds >= 0) record(c.close, closeSeconds, closeKey);
      if (responseSeconds >= 0) record(c.response, responseSeconds, responseKey);
      for (let s = 0; s < 4; s++)
        if ((stay[s] as number) >= 0) record(c.stay[s as 0], stay[s] as number, stayKeys[s] as number);
    }
  }
  const plain = (h: Histogram): DurationHistogram => ({
    count: h.count,
    sumSeconds: h.sum,
    buckets: Object.fromEntries([...h.buckets].sort((a, b) => a[0] - b[0]).map(([k, n]) => [String(k), n])),
  });
  const out = (c: Counts): FunnelCounts => ({
    leads: c.leads,
    reached: Object.fromEntries(
      FUNNEL_STAGES.map((s, i) => [s, c.reached[i as 0]]),
    ) as FunnelCounts["reached"],
    won: c.won,
    lost: c.lost,
    archived: c.archived,
    active: c.active,
    passive: c.passive,
    costedLeads: c.costedLeads,
    costCents: c.costCents,
    pipelineLeads: c.pipelineLeads,
    pipelineRevenueCents: c.pipelineRevenueCents,
    pipelineWeightedCents: c.pipelineWeightedCents,
    outOfOrderLeads: c.outOfOrderLeads,
    timeToClose: plain(c.close),
    timeToFirstResponse: plain(c.response),
    timeInStage: Object.fromEntries(
      TIMED.map((s, i) => [s, plain(c.stay[i as 0])]),
    ) as FunnelCounts["timeInStage"],
  });
  return {
    total: out(total),
    segments: Object.fromEntries(
      DIMENSIONS.map((d, i) => {
        const byKey = segments[i] as Map<string, Counts>;
        return [d, Object.fromEntries([...byKey.keys()].sort().map((k) => [k, out(byKey.get(k) as Counts)]))];
      }),
    ),
  };
}

// ——— the naive report: plain array methods, one filter per segment and per metric ———

const rank = new Map<string, number>(FUNNEL_STAGES.map((s, i) => [s, i]));
const reachedIndex = (lead: Lead) =>
  Math.max(
    rank.get(lead.stage) ?? 0,
    ...lead.history.flatMap((h) => [rank.get(h.from) ?? 0, rank.get(h.to) ?? 0]),
  );
const closeSecondsOf = (lead: Lead) => {
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
      return originOf(lead);
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
    case "firstTouch":
      return findTouches(lead).first?.attribution.utmSource ?? "(none)";
    case "lastTouch":
      return findTouches(lead).last?.attribution.utmSource ?? "(none)";
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
const costOf = (lead: Lead) =>
  lead.source !== undefined && Object.hasOwn(COSTS, lead.source) ? (COSTS[lead.source] as number) : null;

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
    active: leads.filter((l) => originOf(l) === "active").length,
    passive: leads.filter((l) => originOf(l) === "passive").length,
    cost: costed.reduce((a, l) => a + (costOf(l) ?? 0), 0),
    pipeline: open.reduce((a, l) => a + (l.expectedRevenue ?? 0) * probabilityOf(l), 0),
    timeToClose: stats(won.map(closeSecondsOf).filter((s): s is number => s !== null)),
    timeInStage: TIMED.map((stage) =>
      stats(leads.map((l) => stageSeconds(l, stage)).filter((s): s is number => s !== null)),
    ),
  };
}
type NaiveSegment = ReturnType<typeof naiveSegment>;

function naiveFunnel(leads: readonly Lead[]) {
  const segments: Record<string, Record<string, NaiveSegment>> = {};
  for (const dimension of DIMENSIONS) {
    const keys = [...new Set(leads.map((l) => keyOf(l, dimension)))];
    segments[dimension] = Object.fromEntries(
      keys.map((k) => [k, naiveSegment(leads.filter((l) => keyOf(l, dimension) === k))]),
    );
  }
  return { total: naiveSegment(leads), segments };
}

// ——— agreement ———

const canonical = (value: unknown): string =>
  JSON.stringify(value, (_, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );

function checkAgreement(leads: readonly Lead[], withNaive: boolean): string {
  const ours = computeFunnelAggregate(leads, options);
  const theirs = handWrittenAggregate(leads);
  if (canonical(ours) !== canonical(theirs)) {
    const where = DIMENSIONS.find((d) => canonical(ours.segments[d]) !== canonical(theirs.segments[d]));
    throw new Error(
      `metrics bench: the hand-written aggregate differs from leadkit's (${where === undefined ? "total" : `dimension ${where}`})`,
    );
  }
  let segments = 0;
  for (const d of DIMENSIONS) segments += Object.keys(ours.segments[d] ?? {}).length;
  if (!withNaive)
    return `the hand-written aggregate equals leadkit's on ${leads.length.toLocaleString("en-US")} leads (${segments} segments)`;
  const naive = naiveFunnel(leads);
  const countsOf = (c: FunnelCounts) => [
    c.leads,
    ...FUNNEL_STAGES.map((s) => c.reached[s]),
    c.won,
    c.lost,
    c.archived,
    c.active,
    c.passive,
  ];
  const naiveCounts = (c: NaiveSegment) => [
    c.leads,
    ...c.reached,
    c.won,
    c.lost,
    c.archived,
    c.active,
    c.passive,
  ];
  const same = (a: FunnelCounts | undefined, b: NaiveSegment | undefined) =>
    a !== undefined && b !== undefined && canonical(countsOf(a)) === canonical(naiveCounts(b));
  if (!same(ours.total, naive.total))
    throw new Error("metrics bench: the naive report's total counts differ");
  for (const d of DIMENSIONS)
    for (const [key, c] of Object.entries(ours.segments[d] ?? {}))
      if (!same(c, naive.segments[d]?.[key]))
        throw new Error(`metrics bench: the naive report's counts differ in ${d} = ${key}`);
  return `on ${leads.length.toLocaleString("en-US")} leads (${segments} segments) the hand-written aggregate equals leadkit's exactly, and the naive report's counts match in every segment`;
}

export default (): BenchCase[] => {
  const batch = productionLeads({ seed: 2026, count: BATCH }).map(light);
  const stats1 = formatInputStats(describeInputs(productionLeads({ seed: 2026, count: 2_000 })));
  let big: Lead[] | undefined;
  const bigLeads = (): Lead[] => {
    if (big === undefined) {
      const distinct = [...productionLeadStream({ seed: 2026, count: DISTINCT })].map(light);
      big = Array.from({ length: TOTAL }, (_, i) => distinct[i % DISTINCT] as Lead);
    }
    return big;
  };
  const totalLabel = TOTAL.toLocaleString("en-US");
  return [
    {
      name: `computeFunnelAggregate, ${BATCH.toLocaleString("en-US")} leads, 9 dimensions`,
      compares:
        "the one-pass funnel aggregate (9 dimensions) of 10,000 production-like leads, against a hand-written one-pass aggregation with the same output and a naive filter-per-segment report",
      itemsPerCall: BATCH,
      subject: {
        name: "computeFunnelAggregate(leads, options)",
        run: () => computeFunnelAggregate(batch, options),
      },
      baselines: [
        {
          name: "hand-written one-pass aggregation",
          kind: "specialised",
          target: { min: 1 },
          run: () => handWrittenAggregate(batch),
        },
        { name: "naive filter per segment and metric", kind: "reference", run: () => naiveFunnel(batch) },
      ],
      agree: () => [checkAgreement(batch, true), `inputs like: ${stats1}`],
    },
    {
      name: `computeFunnelAggregate, ${totalLabel} leads (one run per side)`,
      compares: `the same on ${totalLabel} leads (250,000 distinct, each four times): one run per side`,
      itemsPerCall: TOTAL,
      rounds: 1,
      warmup: false,
      subject: {
        name: "computeFunnelAggregate(leads, options)",
        run: () => computeFunnelAggregate(bigLeads(), bigOptions),
      },
      baselines: [
        {
          name: "hand-written one-pass aggregation",
          kind: "specialised",
          target: { min: 1 },
          run: () => handWrittenAggregate(bigLeads()),
        },
        {
          name: "naive filter per segment and metric",
          kind: "reference",
          run: () => naiveFunnel(bigLeads()),
        },
      ],
      agree: () => checkAgreement(bigLeads().slice(0, 50_000), false),
    },
  ];
};
