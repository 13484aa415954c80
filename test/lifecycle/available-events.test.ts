import { describe, expect, it } from "vitest";
import { availableEvents, defaultLifecycle } from "../../src/lifecycle/index.js";
import { makeLead } from "../support/make-lead.js";
import { at, deepFreeze, formContact, qualified } from "./fixtures.js";

describe("availableEvents", () => {
  it("lists every event with allowed/blocked, the target and the reason", () => {
    const lead = makeLead(formContact, { stage: "lead" });
    const rows = availableEvents(defaultLifecycle, lead, { now: at(1) });
    expect(rows.map((r) => r.type)).toEqual(defaultLifecycle.events);
    const byType = Object.fromEntries(rows.map((r) => [r.type, r]));
    expect(byType["qualify"]).toMatchObject({ allowed: false, to: "prospect" });
    expect(byType["qualify"]?.blockedBy[0]).toMatchObject({
      code: "guard_failed",
      guard: "has_passing_qualification",
    });
    expect(byType["nurture"]).toMatchObject({ allowed: true, to: "nurturing", blockedBy: [] });
    expect(byType["disqualify"]).toMatchObject({ allowed: true, requiresReason: true });
    expect(byType["back_to_contact"]).toMatchObject({ allowed: true, manual: true, to: "contact" });
    expect(byType["win"]).toMatchObject({ allowed: false, to: null });
    expect(byType["win"]?.blockedBy[0]?.code).toBe("transition_not_allowed");
  });

  it("takes the evidence the event would carry", () => {
    const lead = makeLead(formContact, { stage: "lead" });
    const rows = availableEvents(defaultLifecycle, lead, { now: at(2), evidence: [qualified(at(1))] });
    expect(rows.find((r) => r.type === "qualify")?.allowed).toBe(true);
  });

  it("blocks manual and backward events for automation", () => {
    const lead = makeLead(formContact, { stage: "potential_client" });
    const rows = availableEvents(defaultLifecycle, lead, { now: at(1), automatic: true });
    expect(rows.find((r) => r.type === "regress")?.blockedBy.map((i) => i.code)).toEqual([
      "automatic_not_allowed",
    ]);
  });

  it("answers terminal_state for every event of a customer", () => {
    const rows = availableEvents(defaultLifecycle, makeLead(formContact, { stage: "customer" }), {
      now: at(1),
    });
    expect(new Set(rows.map((r) => r.blockedBy[0]?.code))).toEqual(new Set(["terminal_state"]));
  });

  it("shows where reopen leads, or why it cannot", () => {
    const orphan = availableEvents(defaultLifecycle, makeLead(formContact, { stage: "lost" }), {
      now: at(1),
    });
    expect(orphan.find((r) => r.type === "reopen")).toMatchObject({ allowed: false, to: null });
    const lost = makeLead(formContact, {
      stage: "lost",
      history: [{ from: "prospect", to: "lost", event: "lose", at: at(1), actor: "u", reason: "price" }],
    });
    const rows = availableEvents(defaultLifecycle, deepFreeze(lost), { now: at(2) });
    expect(rows.find((r) => r.type === "reopen")).toMatchObject({ allowed: true, to: "prospect" });
  });
});
