// classifyOrigin (default rule table, compiled) vs json-rules-engine configured with the same ordered
// rules, on the same capture facts and points of view, in one process.
//
// Fairness notes:
// - json-rules-engine's `run` is async: the baseline awaits every run (tinybench times async
//   functions), which is how callers have to use it.
// - The baseline gets the relative facts (self / other_user / none...) precomputed outside the
//   timed loop, while classifyOrigin derives them from the absolute facts inside it.
// - First match wins in both: each rule has a distinct, decreasing priority and the engine stops at
//   the first success, so it never evaluates rules below the match.
import { Engine } from "json-rules-engine";
import type { CaptureFacts } from "../src/model/index.js";
import {
  classifyOrigin,
  DEFAULT_ORIGIN_RULES,
  type LeadRelation,
  leadRelation,
  type OriginContext,
} from "../src/origin/index.js";
import { generateLeads } from "../src/testing/index.js";
import type { BenchCase } from "./harness.js";

const BATCH = 256;
const leads = generateLeads({ seed: 3, count: BATCH });
const viewers = ["u-ana", "u-bruno", "u-carmen"];
const cases: { facts: CaptureFacts; context: OriginContext }[] = leads.map((lead, i) => {
  const userId = lead.owner ?? viewers[i % viewers.length] ?? "u-ana";
  return { facts: lead.capture, context: { userId, relation: leadRelation(lead, userId) } };
});

function relativeFacts(facts: CaptureFacts, context: OriginContext) {
  const me = context.userId;
  const relative = (id: string | undefined) => (id === me ? "self" : "other_user");
  const point = facts.capturePoint;
  return {
    channel: facts.channel,
    initiator: facts.initiator.kind === "user" ? relative(facts.initiator.userId) : facts.initiator.kind,
    capturePoint:
      point === undefined ? "none" : point.managedBy === "user" ? relative(point.managerId) : point.managedBy,
    referredBy: facts.referredBy === undefined ? "none" : relative(facts.referredBy),
    relation: (context.relation ?? "unknown") as LeadRelation,
  };
}
const baselineFacts = cases.map((c) => relativeFacts(c.facts, c.context));

const engine = new Engine([], { allowUndefinedFacts: true });
const total = DEFAULT_ORIGIN_RULES.rules.length;
DEFAULT_ORIGIN_RULES.rules.forEach((rule, index) => {
  const all = Object.entries(rule.when ?? {}).map(([fact, values]) => ({
    fact,
    operator: "in",
    value: [...(values as readonly string[])],
  }));
  engine.addRule({
    name: rule.id,
    priority: total - index,
    conditions: { all },
    event: { type: rule.id, params: { kind: rule.origin.kind, subKind: rule.origin.subKind } },
    onSuccess: () => {
      engine.stop();
    },
  });
});

async function runEngine(facts: Record<string, unknown>): Promise<string | undefined> {
  const { events } = await engine.run(facts);
  return events[0]?.type;
}

// The two must agree before their speeds are compared.
for (let i = 0; i < BATCH; i++) {
  const c = cases[i] as (typeof cases)[number];
  const ours = classifyOrigin(c.facts, c.context).rule.id;
  const theirs = await runEngine(baselineFacts[i] as Record<string, unknown>);
  if (ours !== theirs)
    throw new Error(`origin bench: lead ${i} classified ${ours} by leadkit, ${theirs} by the engine`);
}

let sink = 0;

const bench: readonly BenchCase[] = [
  {
    name: "classifyOrigin (default table, per lead)",
    baselineName: "json-rules-engine run (awaited)",
    itemsPerCall: BATCH,
    target: "≥ 100 and ≥ 1 M/s",
    subject: () => {
      for (const c of cases) sink += classifyOrigin(c.facts, c.context).rule.index;
      return sink;
    },
    baseline: async () => {
      for (const f of baselineFacts) sink += (await runEngine(f)) === undefined ? 0 : 1;
      return sink;
    },
  },
];

export default bench;
