import { describe, expect, it } from "vitest";
import { isLeadKitError } from "../../src/index.js";
import { DEFAULT_STALENESS_POLICY, findStaleLeads, type StalenessPolicy } from "../../src/lifecycle/index.js";
import { at, deepFreeze, makeLead } from "./fixtures.js";

const touch = (id: string, days: number) => ({
  id,
  type: "email_open" as const,
  at: at(days),
  initiator: { kind: "contact" as const },
});

const idle = makeLead({ id: "idle", stage: "lead", generatedBy: null, interactions: [touch("a", 2)] });
const busy = makeLead({
  id: "busy",
  stage: "prospect",
  generatedBy: "u-ana",
  interactions: [touch("b", 40), touch("c", 45), touch("d", 48), touch("e", 70)],
});
const customer = makeLead({ id: "won", stage: "customer", generatedBy: null });
const originOf = (lead: { generatedBy: string | null }): "active" | "passive" =>
  lead.generatedBy === null ? "passive" : "active";

describe("findStaleLeads with seed 000's policy", () => {
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

  it("does not flag exactly 30 idle days, closed stages, or activity in the future", () => {
    expect(findStaleLeads([idle], DEFAULT_STALENESS_POLICY, { now: at(32), originOf })).toEqual([]);
    expect(findStaleLeads([customer], DEFAULT_STALENESS_POLICY, { now: at(500), originOf })).toEqual([]);
    // The interaction on day 70 is after now and is not counted as activity.
    const flags = findStaleLeads(
      [busy],
      { stages: ["prospect"], rules: [{ kind: "inactive", origin: "any", days: 5, flag: "review" }] },
      { now: at(60), originOf },
    );
    expect(flags[0]?.lastActivityAt).toEqual(at(48));
  });

  it("counts stage changes as activity", () => {
    const moved = makeLead({
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
