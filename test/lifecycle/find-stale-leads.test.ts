import { describe, expect, it } from "vitest";
import { isLeadKitError } from "../../src/index.js";
import { DEFAULT_STALENESS_POLICY, findStaleLeads, type StalenessPolicy } from "../../src/lifecycle/index.js";
import { lastActivityAt } from "../../src/model/index.js";
import { makeLead } from "../support/make-lead.js";
import { at, deepFreeze, formContact } from "./fixtures.js";

const touch = (id: string, days: number) => ({
  id,
  type: "email_open" as const,
  at: at(days),
  initiator: { kind: "contact" as const },
});

const idle = makeLead(formContact, {
  id: "idle",
  stage: "lead",
  generatedBy: null,
  interactions: [touch("a", 2)],
});
const busy = makeLead(formContact, {
  id: "busy",
  stage: "prospect",
  generatedBy: "u-ana",
  interactions: [touch("b", 40), touch("c", 45), touch("d", 48), touch("e", 70)],
});
const customer = makeLead(formContact, { id: "won", stage: "customer", generatedBy: null });
const originOf = (lead: { generatedBy: string | null }): "active" | "passive" =>
  lead.generatedBy === null ? "passive" : "active";

describe("findStaleLeads with the default policy (docs/lifecycle.md)", () => {
  it("flags a passive lead idle for more than 30 days for review or archiving", () => {
    const flags = findStaleLeads([idle, busy, customer], DEFAULT_STALENESS_POLICY, { now: at(50), originOf });
    const review = flags.find((f) => f.flag === "review");
    expect(review?.lead.id).toBe("idle");
    expect(review).toMatchObject({ origin: "passive", inactiveDays: 48, rule: 0, lastActivityAt: at(2) });
    expect(review?.message).toMatch(/no activity for 48 days \(more than 30\): review .* or archive it/);
  });

  it("flags an active lead with several recent interactions to prioritise", () => {
    const flags = findStaleLeads([idle, busy], DEFAULT_STALENESS_POLICY, { now: at(50), originOf });
    const prioritise = flags.find((f) => f.flag === "prioritise");
    expect(prioritise).toMatchObject({ origin: "active", recentInteractions: 3, rule: 1 });
    expect(prioritise?.lead.id).toBe("busy");
  });

  it("does not flag exactly 30 idle days, closed stages, or a lead with activity logged ahead of now", () => {
    expect(findStaleLeads([idle], DEFAULT_STALENESS_POLICY, { now: at(32), originOf })).toEqual([]);
    expect(findStaleLeads([customer], DEFAULT_STALENESS_POLICY, { now: at(500), originOf })).toEqual([]);
    // The interaction on day 70 is after now: lastActivityAt counts it, as inactiveSince does.
    const policy: StalenessPolicy = {
      stages: ["prospect"],
      rules: [{ kind: "inactive", origin: "any", days: 5, flag: "review" }],
    };
    expect(findStaleLeads([busy], policy, { now: at(60), originOf })).toEqual([]);
    const [flag] = findStaleLeads([busy], policy, { now: at(80), originOf });
    expect(flag).toMatchObject({ lastActivityAt: at(70), inactiveDays: 10, policyRule: policy.rules[0] });
    expect(lastActivityAt(busy)).toEqual(at(70));
  });

  it("counts stage changes as activity", () => {
    const moved = makeLead(formContact, {
      stage: "lead",
      generatedBy: null,
      history: [{ from: "contact", to: "lead", event: "show_interest", at: at(25), actor: "automation" }],
    });
    expect(findStaleLeads([moved], DEFAULT_STALENESS_POLICY, { now: at(50), originOf })).toEqual([]);
  });

  it("rejects a malformed policy and does not mutate its inputs", () => {
    const bad = { stages: [], rules: [] } as unknown as StalenessPolicy;
    expect(() => findStaleLeads([], bad, { now: at(1), originOf })).toThrow(/Invalid staleness policy/);
    try {
      findStaleLeads([], bad, { now: at(1), originOf });
    } catch (error) {
      expect(isLeadKitError(error) && error.code).toBe("invalid_definition");
    }
    const frozen = deepFreeze([idle, busy]);
    expect(() => findStaleLeads(frozen, DEFAULT_STALENESS_POLICY, { now: at(50), originOf })).not.toThrow();
  });
});

describe("findStaleLeads with rotting days per stage", () => {
  const policy: StalenessPolicy = {
    stages: ["lead", "prospect", "potential_client"],
    rules: [
      { kind: "inactive", origin: "passive", days: 30, flag: "review" },
      { kind: "rotting", stage: "potential_client", origin: "any", days: 7, flag: "review" },
      { kind: "rotting", stage: "prospect", origin: "active", days: 14, flag: "prioritise" },
    ],
  };
  const inStage = (
    id: string,
    stage: "lead" | "prospect" | "potential_client",
    enteredDay: number,
    by: string | null,
  ) =>
    makeLead(formContact, {
      id,
      stage,
      generatedBy: by,
      history: [{ from: "lead", to: stage, event: "move", at: at(enteredDay), actor: "u-ana" }],
    });

  it("flags a lead idle in its stage for longer than the stage's rotting days, and says which rule", () => {
    const flags = findStaleLeads(
      [
        inStage("proposal", "potential_client", 40, "u-ana"),
        inStage("fresh-proposal", "potential_client", 45, "u-ana"),
        inStage("active-prospect", "prospect", 30, "u-ana"),
        inStage("passive-prospect", "prospect", 30, null),
        inStage("old-passive", "potential_client", 10, null),
      ],
      policy,
      { now: at(50), originOf },
    );
    expect(flags.map((f) => [f.lead.id, f.rule, f.policyRule.kind, f.stage, f.inactiveDays])).toEqual([
      ["proposal", 1, "rotting", "potential_client", 10],
      ["active-prospect", 2, "rotting", "prospect", 20],
      ["old-passive", 0, "inactive", "potential_client", 40],
      ["old-passive", 1, "rotting", "potential_client", 40],
    ]);
    expect(flags[0]?.message).toBe(
      'Active lead with no activity for 10 days (more than the 7 rotting days of stage "potential_client"): review whether it still has potential, or archive it [rule 1, rotting]',
    );
    expect(flags[0]?.policyRule).toBe(policy.rules[1]);
  });

  it("refuses a rotting rule for a stage the policy does not watch", () => {
    const unwatched = {
      stages: ["lead"],
      rules: [{ kind: "rotting", stage: "prospect", days: 3, flag: "review" }],
    } as unknown as StalenessPolicy;
    try {
      findStaleLeads([], unwatched, { now: at(1), originOf });
      expect.unreachable();
    } catch (error) {
      expect(isLeadKitError(error) && error.issues.map((i) => [i.path.join("."), i.message])).toEqual([
        [
          "rules.0.stage",
          'Rule 0 rots leads in stage "prospect", which the policy does not watch: add it to stages',
        ],
      ]);
    }
  });
});
