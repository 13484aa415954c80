import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CAPTURE_CHANNELS, type CaptureFacts, type Lead, mergeLeads } from "../../src/model/index.js";
import {
  canPerformOnLead,
  canWorkLead,
  claimLead,
  classifyOrigin,
  compileOriginRules,
  compileSharingPolicy,
  DEFAULT_ORIGIN_RULES,
  DEFAULT_SHARING_POLICY,
  type DistributionMember,
  type DistributionState,
  distributeLeads,
  LEAD_RELATIONS,
  mergeAccessIssues,
  type OriginConditions,
  type OriginContext,
  type OriginRule,
  type OriginRuleTable,
  originForUser,
  RELATIVE_CAPTURE_POINTS,
  RELATIVE_INITIATORS,
  RELATIVE_REFERRERS,
  referLead,
  releaseLead,
  shareLead,
  transferLead,
  unshareLead,
} from "../../src/origin/index.js";
import { generateLeads } from "../../src/testing/index.js";
import { makeLead } from "../support/make-lead.js";
import { NOW } from "./fixtures.js";

const originRules = compileOriginRules(DEFAULT_ORIGIN_RULES);
const users = ["u-ana", "u-bruno", "u-carmen"] as const;
const userArb = fc.constantFrom(...users);

const factsArb: fc.Arbitrary<CaptureFacts> = fc.record(
  {
    channel: fc.constantFrom(...CAPTURE_CHANNELS),
    initiator: fc.oneof(
      userArb.map((userId) => ({ kind: "user" as const, userId })),
      fc.constant({ kind: "contact" as const }),
      fc.constant({ kind: "automation" as const }),
    ),
    capturePoint: fc.oneof(
      userArb.map((managerId) => ({ managedBy: "user" as const, managerId })),
      fc.constantFrom("company", "campaign", "partner").map((managedBy) => ({ managedBy })),
    ),
    referredBy: userArb,
  },
  { requiredKeys: ["channel", "initiator"] },
);

const contextArb: fc.Arbitrary<OriginContext> = fc.record(
  { userId: userArb, relation: fc.constantFrom(...LEAD_RELATIONS) },
  { requiredKeys: [] },
);

const subset = <T extends string>(values: readonly T[]) =>
  fc.subarray([...values], { minLength: 1 }) as fc.Arbitrary<T[]>;

const conditionsArb: fc.Arbitrary<OriginConditions> = fc.record(
  {
    channel: subset(CAPTURE_CHANNELS),
    initiator: subset(RELATIVE_INITIATORS),
    capturePoint: subset(RELATIVE_CAPTURE_POINTS),
    referredBy: subset(RELATIVE_REFERRERS),
    relation: subset(LEAD_RELATIONS),
  },
  { requiredKeys: [] },
);

const origin = (subKind: string) => ({
  kind: "passive" as const,
  subKind,
  label: { en: subKind, es: subKind },
});

const tableArb: fc.Arbitrary<OriginRuleTable> = fc
  .array(
    conditionsArb.filter((c) => Object.keys(c).length > 0),
    { maxLength: 12 },
  )
  .map((conditions) => ({
    rules: [
      ...conditions.map((when, i): OriginRule => ({ id: `r${i}`, when, origin: origin(`s${i}`) })),
      { id: "default", origin: origin("default") },
    ],
  }));

/** An independent, slow reading of the rule table: relative facts, then the first rule that holds. */
function firstMatch(table: OriginRuleTable, facts: CaptureFacts, context: OriginContext): number {
  const point = facts.capturePoint;
  const me =
    context.userId ??
    (facts.initiator.kind === "user"
      ? facts.initiator.userId
      : point?.managedBy === "user"
        ? point.managerId
        : undefined);
  const relative = (id: string | undefined) => (id === me ? "self" : "other_user");
  const initiator = facts.initiator.kind === "user" ? relative(facts.initiator.userId) : facts.initiator.kind;
  const capturePoint =
    point === undefined ? "none" : point.managedBy === "user" ? relative(point.managerId) : point.managedBy;
  const referredBy = facts.referredBy === undefined ? "none" : relative(facts.referredBy);
  const relation = context.relation ?? "unknown";
  const holds = (values: readonly string[] | undefined, value: string) =>
    values === undefined || values.includes(value);
  return table.rules.findIndex(
    (r) =>
      holds(r.when?.channel, facts.channel) &&
      holds(r.when?.initiator, initiator) &&
      holds(r.when?.capturePoint, capturePoint) &&
      holds(r.when?.referredBy, referredBy) &&
      holds(r.when?.relation, relation),
  );
}

describe("origin classification laws", () => {
  it("the compiled classifier agrees with first-match evaluation of its table", () => {
    fc.assert(
      fc.property(
        tableArb,
        fc.array(fc.tuple(factsArb, contextArb), { minLength: 1, maxLength: 20 }),
        (table, cases) => {
          const classifier = compileOriginRules(table);
          for (const [facts, context] of cases) {
            const index = firstMatch(table, facts, context);
            const result = classifyOrigin(classifier, facts, context);
            expect(result.rule.index).toBe(index);
            expect(result.rule.id).toBe(table.rules[index]?.id);
          }
        },
      ),
    );
  });

  it("classification is total: every valid capture gets an origin from a rule of the default table", () => {
    const classifier = compileOriginRules(DEFAULT_ORIGIN_RULES);
    fc.assert(
      fc.property(factsArb, contextArb, (facts, context) => {
        const result = classifyOrigin(classifier, facts, context);
        expect(DEFAULT_ORIGIN_RULES.rules[result.rule.index]?.id).toBe(result.rule.id);
        expect(["active", "passive"]).toContain(result.kind);
      }),
    );
  });

  it("a capture a user initiated is active for that user unless it came through a campaign, an import, a share or a referral", () => {
    const classifier = compileOriginRules(DEFAULT_ORIGIN_RULES);
    fc.assert(
      fc.property(factsArb, userArb, (facts, userId) => {
        fc.pre(!["campaign", "import", "share", "referral"].includes(facts.channel));
        fc.pre(facts.capturePoint?.managedBy !== "campaign");
        fc.pre(facts.referredBy === undefined || facts.referredBy === userId);
        const mine: CaptureFacts = { ...facts, initiator: { kind: "user", userId } };
        expect(classifyOrigin(classifier, mine, { userId }).kind).toBe("active");
      }),
    );
  });

  it("a lead is active for its generator and passive for everyone else it reached", () => {
    const leads = generateLeads({ seed: 11, count: 400 });
    for (const lead of leads) {
      if (lead.generatedBy !== null)
        expect(originForUser(originRules, lead, lead.generatedBy).kind).toBe("active");
      if (lead.owner !== null && lead.owner !== lead.generatedBy)
        expect(originForUser(originRules, lead, lead.owner).kind).toBe("passive");
      for (const c of lead.collaborators)
        if (c.userId !== lead.generatedBy)
          expect(originForUser(originRules, lead, c.userId).kind).toBe("passive");
    }
  });
});

const leadArb: fc.Arbitrary<Lead> = fc
  .record({
    owner: fc.option(userArb, { nil: null }),
    generatedBy: fc.option(userArb, { nil: null }),
    collaborators: fc.uniqueArray(
      fc.record({ userId: fc.constantFrom("u-diego", "u-elena"), access: fc.constantFrom("edit", "view") }),
      { selector: (c) => c.userId, maxLength: 2 },
    ),
  })
  .map((overrides) => makeLead(overrides));

describe("ownership laws", () => {
  it("operations never change the version, the generator or the contact, and always stamp updatedAt", () => {
    fc.assert(
      fc.property(leadArb, userArb, userArb, (lead, actor, target) => {
        const results = [
          shareLead(lead, { actor, now: NOW, userId: target }),
          transferLead(lead, { actor, now: NOW, to: target }),
          referLead(lead, { actor, now: NOW, to: target }),
          claimLead(lead, { actor, now: NOW }),
          releaseLead(lead, { actor, now: NOW }),
        ];
        for (const result of results) {
          if (!result.ok) {
            expect(result.issues.length).toBeGreaterThan(0);
            continue;
          }
          expect(result.value.lead.version).toBe(lead.version);
          expect(result.value.lead.generatedBy).toBe(lead.generatedBy);
          expect(result.value.lead.contact).toEqual(lead.contact);
          expect(result.value.lead.updatedAt).toEqual(NOW);
          expect(result.value.audit).toMatchObject({ actor, leadId: lead.id, beforeVersion: lead.version });
        }
      }),
    );
  });

  it("sharing then unsharing restores the collaborators", () => {
    fc.assert(
      fc.property(leadArb, (lead) => {
        fc.pre(lead.owner !== null && !lead.collaborators.some((c) => c.userId === "u-carmen"));
        fc.pre(lead.owner !== "u-carmen");
        const actor = lead.owner as string;
        const shared = shareLead(lead, { actor, now: NOW, userId: "u-carmen" });
        if (!shared.ok) throw new Error(JSON.stringify(shared.issues));
        const back = unshareLead(shared.value.lead, { actor, now: NOW, userId: "u-carmen" });
        expect(back.ok && back.value.lead.collaborators).toEqual(lead.collaborators);
      }),
    );
  });

  it("releasing then claiming gives the lead to the claimer with its pool emptied", () => {
    fc.assert(
      fc.property(leadArb, userArb, (lead, claimer) => {
        fc.pre(lead.owner !== null);
        const released = releaseLead(lead, { actor: lead.owner as string, now: NOW, pool: "p" });
        if (!released.ok) throw new Error(JSON.stringify(released.issues));
        const claimed = claimLead(released.value.lead, { actor: claimer, now: NOW });
        expect(claimed.ok && claimed.value.lead.owner).toBe(claimer);
        expect(claimed.ok && "pool" in claimed.value.lead).toBe(false);
      }),
    );
  });
});

describe("merge access laws", () => {
  const team = compileSharingPolicy({
    ...DEFAULT_SHARING_POLICY,
    managers: ["u-carmen"],
    members: ["u-ana", "u-bruno", "u-carmen", "u-diego", "u-elena"],
  });
  const everyone = ["u-ana", "u-bruno", "u-carmen", "u-diego", "u-elena", "system"];
  it("an allowed merge gives nobody access or credit the actor could not give by share or transfer", () => {
    fc.assert(
      fc.property(leadArb, leadArb, fc.constantFrom(...everyone), (first, second, actor) => {
        const leads = [
          first,
          { ...second, id: "l2", contact: { ...second.contact, email: "other@acme.es" } },
        ];
        const merged = mergeLeads(leads, { now: NOW });
        if (!merged.ok) return;
        const issues = mergeAccessIssues(leads, merged.value.lead, actor, team, NOW);
        if (issues.length > 0) return;
        const survivor = leads.find((l) => l.id === merged.value.survivorId) as Lead;
        const result = merged.value.lead;
        const integration = actor === "system";
        for (const user of everyone) {
          const gained = canWorkLead(result, user, team) && !canWorkLead(survivor, user, team);
          if (gained && user !== result.owner)
            expect(integration || canPerformOnLead(survivor, actor, "share", team)).toBe(true);
        }
        if (result.generatedBy !== survivor.generatedBy)
          expect(integration || canPerformOnLead(survivor, actor, "transfer", team)).toBe(true);
      }),
    );
  });
});

const memberIds = ["m-a", "m-b", "m-c", "m-d", "m-e"];
const membersArb: fc.Arbitrary<DistributionMember[]> = fc
  .uniqueArray(fc.constantFrom(...memberIds), { minLength: 1, maxLength: 5 })
  .map((ids) => ids.map((userId) => ({ userId })));
const leadsOf = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}` }));
const counts = (assignments: readonly { userId: string }[], members: readonly DistributionMember[]) =>
  members.map((m) => assignments.filter((a) => a.userId === m.userId).length);

describe("fair distribution laws", () => {
  it("round robin counts differ by at most one, across any number of runs", () => {
    fc.assert(
      fc.property(
        membersArb,
        fc.array(fc.nat(20), { maxLength: 6 }),
        fc.integer(),
        (members, batches, seed) => {
          let state: DistributionState | undefined;
          const all: { userId: string }[] = [];
          batches.forEach((size, run) => {
            const result = distributeLeads(leadsOf(size, `b${run}-`), {
              strategy: "round_robin",
              members,
              seed,
              ...(state === undefined ? {} : { state }),
            });
            all.push(...result.assignments);
            state = result.state;
          });
          const c = counts(all, members);
          expect(Math.max(...c) - Math.min(...c)).toBeLessThanOrEqual(1);
        },
      ),
    );
  });

  it("weighted shares converge to the weights", () => {
    fc.assert(
      fc.property(
        membersArb.chain((members) =>
          fc.tuple(
            fc.constant(members),
            fc.array(fc.integer({ min: 1, max: 10 }), {
              minLength: members.length,
              maxLength: members.length,
            }),
          ),
        ),
        fc.integer({ min: 0, max: 500 }),
        ([members, weights], n) => {
          const weighted = members.map((m, i) => ({ ...m, weight: weights[i] ?? 1 }));
          const { assignments } = distributeLeads(leadsOf(n, "l"), {
            strategy: "weighted",
            members: weighted,
          });
          const total = weights.reduce((a, b) => a + b, 0);
          counts(assignments, weighted).forEach((count, i) => {
            expect(Math.abs(count - (n * (weights[i] ?? 1)) / total)).toBeLessThan(members.length);
          });
        },
      ),
    );
  });

  it("never assigns to a member who opted out or is at capacity or quota", () => {
    const memberArb = fc.record(
      {
        optOut: fc.boolean(),
        capacity: fc.nat(6),
        load: fc.nat(6),
        quota: fc.nat(6),
        weight: fc.integer({ min: 1, max: 5 }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(
        fc.array(memberArb, { minLength: 1, maxLength: 5 }),
        fc.constantFrom("round_robin", "weighted", "least_loaded" as const),
        fc.nat(30),
        fc.integer(),
        (specs, strategy, n, seed) => {
          const members = specs.map((s, i) => ({ ...s, userId: `m-${i}` }));
          const result = distributeLeads(leadsOf(n, "l"), { strategy, members, seed });
          expect(result.assignments.length + result.unassigned.length).toBe(n);
          for (const m of members) {
            const got = result.assignments.filter((a) => a.userId === m.userId).length;
            if (m.optOut === true) expect(got).toBe(0);
            if (m.capacity !== undefined)
              expect(got).toBeLessThanOrEqual(Math.max(0, m.capacity - (m.load ?? 0)));
            if (m.quota !== undefined) expect(got).toBeLessThanOrEqual(m.quota);
          }
        },
      ),
    );
  });

  it("distributing in two runs with the returned state equals distributing at once, and re-running repeats it", () => {
    fc.assert(
      fc.property(
        membersArb,
        fc.constantFrom("round_robin", "weighted" as const),
        fc.nat(30),
        fc.nat(30),
        fc.integer(),
        (members, strategy, first, second, seed) => {
          const weighted = members.map((m, i) => ({ ...m, weight: (i % 3) + 1 }));
          const options = { strategy, members: weighted, seed };
          const all = leadsOf(first + second, "l");
          const once = distributeLeads(all, options);
          const a = distributeLeads(all.slice(0, first), options);
          const b = distributeLeads(all.slice(first), { ...options, state: a.state });
          expect([...a.assignments, ...b.assignments]).toEqual(once.assignments);
          expect(b.state).toEqual(once.state);
          expect(distributeLeads(all, options)).toEqual(once);
        },
      ),
    );
  });
});
