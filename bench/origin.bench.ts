// Origin classification: `classifyOrigin` (the default rule table, compiled) against
// json-rules-engine configured with the same ordered rules, and against a hand-written if/else chain
// deciding the same rules, on the same capture facts and points of view.
//
// Inputs (bench/inputs.ts): 1,024 production-like leads (capture facts consistent with their
// source: calls, forms, campaigns, shares, referrals, imports), each seen by its owner or by
// another of 24 sellers, with that user's relation to the lead worked out beforehand. One call
// classifies all 1,024 (`itemsPerCall`).
//
// Fairness notes:
// - json-rules-engine's `run` is async: every run is awaited, which is how callers have to use it.
//   It gets the relative facts (self / other_user / none…) precomputed outside the timed loop, while
//   classifyOrigin and the hand-written chain derive them from the absolute facts inside it.
// - First match wins everywhere: each engine rule has a distinct, decreasing priority and the
//   engine stops at the first success, so it never evaluates rules below the match.
// - The hand-written chain knows the default table by heart and returns the rule's id; leadkit
//   returns a frozen result (kind, sub-kind, labels, rule) built once per rule at compile time.
// - All three are checked to agree on every lead's rule before timing.
import { Engine } from "json-rules-engine";
import type { CaptureFacts } from "leadkit";
import {
  classifyOrigin,
  compileOriginRules,
  DEFAULT_ORIGIN_RULES,
  type LeadRelation,
  leadRelation,
  type OriginContext,
} from "leadkit/origin";
import type { BenchCase } from "./harness.js";
import { describeInputs, formatInputStats, productionLeads, SELLERS } from "./inputs.js";

const BATCH = 1_024;

/** The relative facts the rules speak of, from one user's point of view. */
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

/** DEFAULT_ORIGIN_RULES as an if/else chain: the rule that decides, by id. */
function handWritten(facts: CaptureFacts, context: OriginContext): string {
  const me = context.userId;
  const initiator = facts.initiator;
  const point = facts.capturePoint;
  const ini = initiator.kind === "user" ? (initiator.userId === me ? "self" : "other_user") : initiator.kind;
  const cp =
    point === undefined
      ? "none"
      : point.managedBy === "user"
        ? point.managerId === me
          ? "self"
          : "other_user"
        : point.managedBy;
  const ref = facts.referredBy === undefined ? "none" : facts.referredBy === me ? "self" : "other_user";
  const relation = context.relation ?? "unknown";
  const channel = facts.channel;
  if (relation === "generator") {
    if (ini === "self") return "generator_initiated";
    if (cp === "self") return "generator_capture_point";
    return "generator";
  }
  if (relation === "collaborator") return "shared_with_me";
  if (channel === "share" && ini !== "self") return "shared";
  if (ref === "other_user") return "referred_by_teammate";
  if (channel === "referral") return "referral";
  if (channel === "campaign") return "mass_campaign";
  if (cp === "campaign") return "campaign_capture_point";
  if (channel === "import") return "imported";
  if (ini === "self") return "self_initiated";
  if (cp === "self") return "own_capture_point";
  if (cp === "company") return "public_capture_point";
  if (cp === "partner") return "partner_capture_point";
  if (ini === "other_user") return "teammate_initiated";
  if (cp === "other_user") return "teammate_capture_point";
  if (ini === "contact") return "contact_initiated";
  if (ini === "automation") return "automation";
  return "default";
}

function buildEngine(): Engine {
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
      event: { type: rule.id },
      onSuccess: () => {
        engine.stop();
      },
    });
  });
  return engine;
}

export default (): BenchCase[] => {
  const leads = productionLeads({ seed: 3, count: BATCH });
  const cases = leads.map((lead, i) => {
    const userId =
      i % 3 === 0
        ? (lead.owner ?? (SELLERS[i % SELLERS.length] as string))
        : (SELLERS[i % SELLERS.length] as string);
    const context: OriginContext = { userId, relation: leadRelation(lead, userId) };
    return { facts: lead.capture, context };
  });
  const originRules = compileOriginRules(DEFAULT_ORIGIN_RULES);
  const engineFacts = cases.map((c) => relativeFacts(c.facts, c.context));
  const engine = buildEngine();
  const runEngine = async (facts: Record<string, unknown>) => (await engine.run(facts)).events[0]?.type;

  const agree = async () => {
    const rules = new Map<string, number>();
    for (let i = 0; i < BATCH; i++) {
      const c = cases[i] as (typeof cases)[number];
      const ours = classifyOrigin(originRules, c.facts, c.context).rule.id;
      const theirs = await runEngine(engineFacts[i] as Record<string, unknown>);
      const byHand = handWritten(c.facts, c.context);
      if (ours !== theirs || ours !== byHand)
        throw new Error(
          `origin bench: lead ${i} is ${ours} for leadkit, ${theirs} for the engine, ${byHand} by hand`,
        );
      rules.set(ours, (rules.get(ours) ?? 0) + 1);
    }
    return [
      `${BATCH.toLocaleString("en-US")} leads get the same rule on all three sides (${rules.size} distinct rules decide)`,
      formatInputStats(describeInputs(leads)),
    ];
  };

  return [
    {
      name: "classifyOrigin (default table, per lead)",
      compares:
        "classifying 1,024 production-like captures from a user's point of view with the default table, against json-rules-engine with the same ordered rules and a hand-written if/else chain",
      itemsPerCall: BATCH,
      target: { min: 1_000_000 },
      subject: {
        name: "classifyOrigin(facts, context)",
        run: () => {
          let n = 0;
          for (const c of cases) n += classifyOrigin(originRules, c.facts, c.context).rule.index;
          return n;
        },
      },
      baselines: [
        {
          name: "json-rules-engine run (awaited)",
          kind: "competitor",
          target: { min: 100 },
          run: async () => {
            let n = 0;
            for (const f of engineFacts) n += (await runEngine(f)) === undefined ? 0 : 1;
            return n;
          },
        },
        {
          name: "hand-written if/else chain",
          kind: "specialised",
          run: () => {
            let n = 0;
            for (const c of cases) n += handWritten(c.facts, c.context).length;
            return n;
          },
        },
      ],
      agree,
    },
  ];
};
