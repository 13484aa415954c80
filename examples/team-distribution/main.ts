// Team distribution: a quarter's incoming passive leads dealt out to a five-seller team with each
// strategy of distributeLeads, in two batches that carry the state, then the team view from the
// metrics module with its passive-dependency warning (docs/metrics.md). Run: npm run example -- team-distribution
import type { Lead } from "leadkit";
import { computeFunnel, renderSegmentTable, summarizeTeam } from "leadkit/metrics";
import {
  compileOriginRules,
  createDistributionState,
  DEFAULT_ORIGIN_RULES,
  DISTRIBUTION_STRATEGIES,
  type DistributionMember,
  type DistributionResult,
  type DistributionStrategy,
  distributeLeads,
  originForUser,
} from "leadkit/origin";
import { DEFAULT_SELLERS, generateLeads } from "leadkit/testing";
import { readExampleArgs } from "../example-args.js";

readExampleArgs(import.meta.url);

const quarter = { from: new Date("2026-04-01T00:00:00Z"), to: new Date("2026-07-01T00:00:00Z") };

// The team: who takes how much. Carmen is on leave; Diego is nearly full; Bruno asked for more inbound
// (weight 3) but has a quota of 40 leads this quarter; Ana and Diego already hold open leads (`load`).
const team: readonly DistributionMember[] = [
  { userId: "u-ana", capacity: 60, load: 25 },
  { userId: "u-bruno", weight: 3, quota: 40 },
  { userId: "u-carmen", optOut: true },
  { userId: "u-diego", capacity: 35, load: 27 },
  { userId: "u-elena", weight: 2, quota: 35 },
];

// A quarter of synthetic leads (seeded: the same on every machine). The passive ones nobody on the
// team generated — website forms, campaigns, referrals — are the incoming stream; the ones a seller
// generated and still owns are that seller's own prospecting.
const generated = generateLeads({ seed: 7, count: 600, ...quarter });
const incoming = generated
  .filter((lead) => lead.generatedBy === null)
  .slice(0, 100)
  .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
// How much each seller prospected this quarter (Bruno little: he lives off inbound).
const prospected: Readonly<Record<string, number>> = {
  "u-ana": 30,
  "u-bruno": 10,
  "u-carmen": 25,
  "u-diego": 30,
  "u-elena": 25,
};
const own = DEFAULT_SELLERS.flatMap((seller) =>
  generated
    .filter((lead) => lead.generatedBy === seller && lead.owner === seller)
    .slice(0, prospected[seller] ?? 0),
);

// Two batches, as a nightly job would see them: the first half of the quarter, then the second.
const middle = new Date("2026-05-16T00:00:00Z").getTime();
const batches = [
  incoming.filter((lead) => lead.createdAt.getTime() < middle),
  incoming.filter((lead) => lead.createdAt.getTime() >= middle),
] as const;
console.log(
  `${incoming.length} incoming passive leads (batch 1: ${batches[0].length}, batch 2: ${batches[1].length}); team: ${team
    .map((m) => m.userId)
    .join(", ")}\n`,
);

const sellers = team.map((m) => m.userId);
const countsOf = (result: DistributionResult) =>
  sellers.map((s) => result.assignments.filter((a) => a.userId === s).length);
const row = (label: string, counts: readonly number[], unassigned: number) =>
  `  ${label.padEnd(24)}${counts.map((c) => String(c).padStart(9)).join("")}${String(unassigned).padStart(12)}`;
const header = `  ${"".padEnd(24)}${sellers.map((s) => s.padStart(9)).join("")}${"unassigned".padStart(12)}`;

/**
 * Runs both batches with one strategy. The state (rotation cursor, leads assigned this period for
 * quotas, weighted credits) is the library's to carry; current load is yours: here, every lead a
 * seller received in batch 1 is still open in batch 2.
 */
function distributeQuarter(strategy: DistributionStrategy) {
  const first = distributeLeads(batches[0], { strategy, members: team, seed: 2026 });
  const received = countsOf(first);
  const members = team.map((m, i) => ({ ...m, load: (m.load ?? 0) + (received[i] ?? 0) }));
  const second = distributeLeads(batches[1], { strategy, members, seed: 2026, state: first.state });
  return { first, second, members };
}

const results = new Map<DistributionStrategy, ReturnType<typeof distributeQuarter>>();
for (const strategy of DISTRIBUTION_STRATEGIES) {
  const result = distributeQuarter(strategy);
  results.set(strategy, result);
  const { first, second } = result;
  const a = countsOf(first);
  const b = countsOf(second);
  console.log(`${strategy}\n${header}`);
  console.log(row("batch 1", a, first.unassigned.length));
  console.log(row("batch 2", b, second.unassigned.length));
  console.log(
    row(
      "quarter",
      a.map((n, i) => n + (b[i] ?? 0)),
      first.unassigned.length + second.unassigned.length,
    ),
  );
  console.log(
    `  state after batch 1: cursor ${first.state.cursor}, assigned ${JSON.stringify(first.state.assigned)}\n`,
  );
}
console.log(
  "round_robin deals one each in turn, weighted 3 to Bruno and 2 to Elena for each 1 to Ana or Diego,\n" +
    "least_loaded to whoever holds the fewest open leads (Ana and Diego start with 25 and 27). Nobody\n" +
    "goes past capacity (Diego: 8 more) or quota (Bruno 40, Elena 35); Carmen, on leave, gets none;\n" +
    "a lead nobody can take is returned as unassigned, to stay in the pool.\n",
);

// What carrying the state buys. 1) Quotas: batch 2 run without the state forgets what batch 1
// assigned, so quotas count from zero again.
const weightedRun = results.get("weighted");
if (weightedRun !== undefined) {
  const { first, second, members } = weightedRun;
  const fresh = distributeLeads(batches[1], { strategy: "weighted", members, seed: 2026 });
  console.log(`weighted, batch 2, with and without the state of batch 1:\n${header}`);
  console.log(row("state carried", countsOf(second), second.unassigned.length));
  console.log(row("fresh state (wrong)", countsOf(fresh), fresh.unassigned.length));
  for (const [i, m] of team.entries()) {
    const total = (countsOf(first)[i] ?? 0) + (countsOf(fresh)[i] ?? 0);
    if (m.quota !== undefined && total > m.quota)
      console.log(
        `  without the state, ${m.userId} gets ${total} leads this quarter: over the quota of ${m.quota}`,
      );
  }
  console.log("");
}

// 2) The rotation: deal the same leads in daily batches of 3 to the four available sellers. A
// rotation that restarts every day always serves the same seller first (a known Odoo bug); one that
// continues after state.cursor stays within one lead of even.
const available = team.filter((m) => m.optOut !== true).map((m) => ({ userId: m.userId }));
const daily = (carry: boolean) => {
  const counts = new Map<string, number>();
  let state = createDistributionState();
  for (let i = 0; i < incoming.length; i += 3) {
    const day = incoming.slice(i, i + 3);
    const result = distributeLeads(day, { strategy: "round_robin", members: available, seed: 2026, state });
    for (const a of result.assignments) counts.set(a.userId, (counts.get(a.userId) ?? 0) + 1);
    if (carry) state = result.state;
  }
  return sellers.map((s) => counts.get(s) ?? 0);
};
console.log(`round_robin in daily batches of 3:\n${header}`);
console.log(row("state carried", daily(true), 0));
console.log(row("restarted daily (wrong)", daily(false), 0));
console.log("");

// The team view: apply the weighted distribution (in an app, with transferLead or claimLead to get
// audit entries; here the leads are simply given an owner) and read the quarter with the metrics module.
const weighted = results.get("weighted");
const ownerOf = new Map(
  [...(weighted?.first.assignments ?? []), ...(weighted?.second.assignments ?? [])].map((a) => [
    a.leadId,
    a.userId,
  ]),
);
const book: Lead[] = [
  ...own,
  ...incoming.map((lead): Lead => {
    const owner = ownerOf.get(lead.id);
    return owner === undefined ? { ...lead, owner: null, pool: "inbound" } : { ...lead, owner };
  }),
];
// Origin comes from the origin module, from the owner's side; metrics only receive the answer.
const originRules = compileOriginRules(DEFAULT_ORIGIN_RULES);
const originOf = (lead: Lead) =>
  lead.owner === null ? null : originForUser(originRules, lead, lead.owner).kind;
const summary = computeFunnel(book, { originOf, dimensions: ["owner", "generatedBy"] });
// docs/metrics.md § team view: 50 leads of which 40 passive means the seller depends too much on external sources.
const view = summarizeTeam(summary, { users: [...DEFAULT_SELLERS], passiveShareThreshold: 0.7 });

console.log("Team view (weighted distribution + each seller's own prospecting):");
console.log(
  `  ${"seller".padEnd(10)}${["leads", "active", "passive", "passive %", "generated", "won"].map((h) => h.padStart(10)).join("")}`,
);
for (const m of view.members) {
  const share = m.passiveShare === null ? "—" : `${Math.round(m.passiveShare * 100)} %`;
  console.log(
    `  ${m.user.padEnd(10)}${[m.leads, m.active, m.passive, share, m.generated, m.won]
      .map((v) => String(v).padStart(10))
      .join("")}`,
  );
}
const { distribution } = view;
console.log(
  `  unassigned (pool): ${view.unassigned}; leads per seller ${distribution.min}–${distribution.max}, ` +
    `Gini ${distribution.gini?.toFixed(2)}, coefficient of variation ${distribution.coefficientOfVariation?.toFixed(2)}`,
);
for (const warning of view.warnings) console.log(`  ⚠ ${warning.message}`);

// The team view by touch. The generated leads carry no UTM tags, so here each capture gets the
// utm_source its channel would have had and every email click the newsletter's: a lead then has one
// touch or several. The cross-segment owner × touch keeps each seller's leads per touch in the same
// single pass; summarizeTeam's breakdownBy reads it, with first-touch or split credit.
const UTM_OF_SOURCE: ReadonlyMap<string, string> = new Map([
  ["organic_search", "google"],
  ["paid_ads", "google_ads"],
  ["social", "linkedin"],
  ["email_campaign", "newsletter"],
  ["event", "trade_fair"],
]);
const tagged = book.map((lead): Lead => {
  const utmSource = UTM_OF_SOURCE.get(lead.source ?? "");
  return {
    ...lead,
    capture: utmSource === undefined ? lead.capture : { ...lead.capture, attribution: { utmSource } },
    interactions: lead.interactions.map((i) =>
      i.type === "email_click" ? { ...i, attribution: { utmSource: "newsletter" } } : i,
    ),
  };
});
const share = (n: number) => String(Number(n.toFixed(2)));
for (const credit of ["first", "position"] as const) {
  const byTouch = computeFunnel(tagged, {
    originOf,
    dimensions: ["owner"],
    crossSegments: [["owner", "touch"]],
    credit,
  });
  const touchView = summarizeTeam(byTouch, { users: [...DEFAULT_SELLERS], breakdownBy: "touch" });
  console.log(
    `\nLeads (and customers) per touch, ${credit === "first" ? "first-touch" : "position-based 40/20/40"} credit:`,
  );
  for (const m of touchView.members) {
    const cells = (m.breakdown ?? []).map((s) => `${s.key} ${share(s.leads)} (${share(s.won)})`);
    console.log(`  ${m.user.padEnd(10)}${cells.length === 0 ? "—" : cells.join(", ")}`);
  }
  if (credit === "position") {
    console.log("\nBruno's leads per touch, position-based credit:");
    console.log(
      renderSegmentTable(byTouch, {
        dimension: "touch",
        within: { dimension: "owner", key: "u-bruno" },
        columns: ["leads", "won", "conversion", "passiveShare"],
        format: "text",
      }),
    );
  }
}
