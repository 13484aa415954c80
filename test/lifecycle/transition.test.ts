import { describe, expect, it } from "vitest";
import { isLeadKitError, type Lead } from "../../src/index.js";
import {
  compileLifecycle,
  DEFAULT_LIFECYCLE_DEFINITION,
  type DefaultLifecycleEvent,
  defaultLifecycle,
  type LifecycleEvent,
  type LifecycleIssue,
  transition,
  transitionOrThrow,
} from "../../src/lifecycle/index.js";
import { makeLead } from "../support/make-lead.js";
import { at, deepFreeze, formContact, qualified, t0 } from "./fixtures.js";

const opts = (days: number, extra: { automatic?: boolean } = {}) => ({
  now: at(days),
  actor: "u-ana",
  ...extra,
});

function codes(result: { ok: boolean; issues?: readonly LifecycleIssue[] }): string[] {
  return result.ok ? [] : (result.issues ?? []).map((i) => i.code);
}

function walk(lead: Lead, ...steps: (DefaultLifecycleEvent | LifecycleEvent<DefaultLifecycleEvent>)[]): Lead {
  let current = lead;
  steps.forEach((event, i) => {
    current = transitionOrThrow(defaultLifecycle, current, event, opts(i + 1)).lead;
  });
  return current;
}

const formLead = () =>
  makeLead(formContact, {
    interactions: [{ id: "i1", type: "content_download", at: t0, initiator: { kind: "contact" } }],
  });

describe("transition on the default lifecycle", () => {
  it("walks the main path with the evidence each step needs, recording every move", () => {
    const lead = formLead();
    const asLead = transitionOrThrow(defaultLifecycle, lead, "show_interest", opts(1));
    expect(asLead.lead.stage).toBe("lead");
    expect(asLead.effects).toEqual([
      { type: "notify_owner", event: "show_interest", from: "contact", to: "lead" },
      { type: "request_rescore" },
    ]);
    const prospect = transitionOrThrow(
      defaultLifecycle,
      asLead.lead,
      { type: "qualify", evidence: [qualified(at(2))] },
      opts(2),
    );
    const potential = transitionOrThrow(
      defaultLifecycle,
      prospect.lead,
      {
        type: "request_purchase",
        evidence: [{ kind: "purchase_request", request: "demo_request", at: at(3) }],
      },
      opts(3),
    );
    expect(potential.effects).toContainEqual({ type: "schedule_follow_up", at: at(4) });
    const won = transitionOrThrow(defaultLifecycle, potential.lead, "win", opts(10));
    expect(won.lead.stage).toBe("customer");
    expect(won.lead.updatedAt).toEqual(at(10));
    expect(won.lead.history.map((h) => [h.from, h.to, h.event])).toEqual([
      ["contact", "lead", "show_interest"],
      ["lead", "prospect", "qualify"],
      ["prospect", "potential_client", "request_purchase"],
      ["potential_client", "customer", "win"],
    ]);
    expect(won.lead.history[3]).toEqual({
      from: "potential_client",
      to: "customer",
      event: "win",
      at: at(10),
      actor: "u-ana",
    });
    expect(won.lead.id).toBe("l1");
    expect(won.lead.contact).toBe(lead.contact);
  });

  it("refuses contact → lead without an interest signal, and says which guard and why", () => {
    const result = transition(defaultLifecycle, makeLead(formContact), "show_interest", opts(1));
    expect(codes(result)).toEqual(["guard_failed"]);
    if (result.ok) return;
    expect(result.issues[0]?.guard).toBe("has_interest_signal");
    expect(result.issues[0]?.message).toMatch(/form_submit, content_download/);
  });

  it("accepts interest evidence on the event instead of an interaction", () => {
    const result = transition(
      defaultLifecycle,
      makeLead(formContact),
      { type: "show_interest", evidence: [{ kind: "interest", signal: "social_follow", at: at(1) }] },
      opts(1),
    );
    expect(result.ok).toBe(true);
  });

  it("ignores interactions and evidence dated after now", () => {
    const lead = makeLead(formContact, {
      interactions: [
        {
          id: "i1",
          type: "form_submit",
          at: at(5),
          initiator: { kind: "contact" },
          capturePoint: { managedBy: "company" },
        },
      ],
    });
    expect(codes(transition(defaultLifecycle, lead, "show_interest", opts(1)))).toEqual(["guard_failed"]);
    expect(transition(defaultLifecycle, lead, "show_interest", opts(5)).ok).toBe(true);
    const future = transition(
      defaultLifecycle,
      { ...lead, stage: "lead" as const },
      { type: "qualify", evidence: [qualified(at(9))] },
      opts(5),
    );
    expect(codes(future)).toEqual(["guard_failed"]);
  });

  it("never lets a vendor, partner, employee or bot become a lead (docs/concepts.md), by any event", () => {
    for (const kind of ["vendor", "partner", "employee", "bot"] as const) {
      const contact = { kind, name: "Not a buyer" };
      const interested = makeLead(formContact, {
        contact,
        interactions: [{ id: "i1", type: "newsletter_subscribe", at: t0, initiator: { kind: "contact" } }],
      });
      const disqualified = makeLead(formContact, {
        contact,
        stage: "disqualified",
        history: [
          { from: "contact", to: "lead", event: "show_interest", at: t0, actor: "u-ana" },
          {
            from: "lead",
            to: "disqualified",
            event: "disqualify",
            at: at(1),
            actor: "u-ana",
            reason: "spam",
          },
        ],
      });
      const attempts = [
        transition(defaultLifecycle, interested, "show_interest", opts(2)),
        transition(defaultLifecycle, disqualified, "recycle", opts(2)),
        transition(defaultLifecycle, disqualified, { type: "reopen" }, opts(2)),
      ];
      for (const result of attempts) {
        expect(result.ok, `${kind}`).toBe(false);
        expect(result.ok ? "" : result.issues[0]?.message).toMatch(
          new RegExp(`"${kind}" never enters the funnel`),
        );
      }
    }
  });

  it("lets a lead become a prospect only on a qualified verdict, the latest one counting", () => {
    const lead = walk(formLead(), "show_interest");
    const missing = transition(defaultLifecycle, lead, "qualify", opts(3));
    expect(missing.ok ? "" : missing.issues[0]?.message).toMatch(/No qualification result/);
    const needsInfo = transition(
      defaultLifecycle,
      lead,
      {
        type: "qualify",
        evidence: [
          qualified(at(1)),
          { kind: "qualification", frameworkId: "champ", verdict: "needs_information", at: at(2) },
        ],
      },
      opts(3),
    );
    expect(needsInfo.ok ? "" : needsInfo.issues[0]?.message).toMatch(
      /"champ".*"needs_information"; expected "qualified"/,
    );
    const disqualifiedThenQualified = transition(
      defaultLifecycle,
      lead,
      {
        type: "qualify",
        evidence: [
          { kind: "qualification", frameworkId: "bant", verdict: "disqualified", at: at(1) },
          qualified(at(2)),
        ],
      },
      opts(3),
    );
    expect(disqualifiedThenQualified.ok).toBe(true);
  });

  it("makes a prospect a potential client on a recorded purchase request", () => {
    const lead = walk(formLead(), "show_interest", { type: "qualify", evidence: [qualified()] });
    expect(codes(transition(defaultLifecycle, lead, "request_purchase", opts(5)))).toEqual(["guard_failed"]);
    const asked = {
      ...lead,
      interactions: [
        ...lead.interactions,
        { id: "i2", type: "pricing_request" as const, at: at(4), initiator: { kind: "contact" as const } },
      ],
    };
    expect(transition(defaultLifecycle, asked, "request_purchase", opts(5)).ok).toBe(true);
  });

  it("refuses a move dated before the last one, so time in stage never comes out negative", () => {
    const lead = transitionOrThrow(defaultLifecycle, formLead(), "show_interest", opts(5)).lead;
    const early = transition(defaultLifecycle, lead, "nurture", opts(4));
    expect(early.ok).toBe(false);
    if (early.ok) return;
    expect(early.issues).toEqual([expect.objectContaining({ code: "before_last_move", path: ["now"] })]);
    expect(early.issues[0]?.message).toContain(at(5).toISOString());
    // The same instant as the last move is in order.
    expect(transition(defaultLifecycle, lead, "nurture", opts(5)).ok).toBe(true);
    expect(() => transitionOrThrow(defaultLifecycle, lead, "nurture", opts(4))).toThrow(
      /before the record's last move/,
    );
  });

  it("refuses an event that does not fire from the stage, listing the allowed ones", () => {
    const result = transition(defaultLifecycle, makeLead(formContact), "win", opts(1));
    expect(codes(result)).toEqual(["transition_not_allowed"]);
    if (result.ok) return;
    expect(result.issues[0]?.allowedEvents).toEqual(["show_interest", "disqualify", "archive"]);
    expect(result.issues[0]?.message).toMatch(/fires from potential_client/);
  });

  it("reports an unknown event name and an undeclared stage", () => {
    const unknownEvent = transition(defaultLifecycle, makeLead(formContact), "promote" as never, opts(1));
    expect(codes(unknownEvent)).toEqual(["unknown_event"]);
    const oddStage = { stage: "limbo", history: [], updatedAt: t0 } as never;
    expect(codes(transition(defaultLifecycle, oddStage, "win", opts(1)))).toEqual(["unknown_stage"]);
  });

  it("treats customer and archived as terminal: a won lead cannot be marked lost", () => {
    const customer = makeLead(formContact, { stage: "customer" });
    const lose = transition(defaultLifecycle, customer, { type: "lose", reason: "changed mind" }, opts(1));
    expect(codes(lose)).toEqual(["terminal_state"]);
    expect(
      codes(transition(defaultLifecycle, makeLead(formContact, { stage: "archived" }), "recycle", opts(1))),
    ).toEqual(["terminal_state"]);
  });

  it("requires a reason to disqualify, lose or regress", () => {
    const prospect = makeLead(formContact, { stage: "prospect" });
    expect(codes(transition(defaultLifecycle, prospect, "lose", opts(1)))).toEqual(["reason_required"]);
    expect(codes(transition(defaultLifecycle, prospect, { type: "lose", reason: "  " }, opts(1)))).toEqual([
      "reason_required",
    ]);
    const lost = transitionOrThrow(
      defaultLifecycle,
      prospect,
      { type: "lose", reason: "competitor" },
      opts(1),
    );
    expect(lost.lead.history.at(-1)?.reason).toBe("competitor");
    expect(codes(transition(defaultLifecycle, makeLead(formContact), "disqualify", opts(1)))).toEqual([
      "reason_required",
    ]);
  });

  it("reopens a lost lead to the stage it was in (Odoo's restore)", () => {
    const potential = makeLead(formContact, { stage: "potential_client" });
    const lost = transitionOrThrow(
      defaultLifecycle,
      potential,
      { type: "lose", reason: "timing" },
      opts(1),
    ).lead;
    const reopened = transitionOrThrow(defaultLifecycle, lost, "reopen", opts(2));
    expect(reopened.lead.stage).toBe("potential_client");
    expect(reopened.to).toBe("potential_client");
    const orphan = makeLead(formContact, { stage: "lost" });
    expect(codes(transition(defaultLifecycle, orphan, "reopen", opts(2)))).toEqual(["no_previous_stage"]);
  });

  it("moves a lead back to contact and regresses one funnel step, by hand only", () => {
    const lead = walk(formLead(), "show_interest");
    const back = transitionOrThrow(defaultLifecycle, lead, "back_to_contact", opts(3));
    expect(back.lead.stage).toBe("contact");
    const potential = makeLead(formContact, { stage: "potential_client" });
    const regressed = transitionOrThrow(
      defaultLifecycle,
      potential,
      { type: "regress", reason: "budget frozen" },
      opts(1),
    );
    expect(regressed.lead.stage).toBe("prospect");
    const auto = transition(defaultLifecycle, lead, "back_to_contact", opts(3, { automatic: true }));
    expect(codes(auto)).toEqual(["automatic_not_allowed"]);
  });

  it("lets automation move forward and to side stages, never back", () => {
    const lead = walk(formLead(), "show_interest");
    expect(transition(defaultLifecycle, lead, "nurture", opts(3, { automatic: true })).ok).toBe(true);
    expect(
      transition(
        defaultLifecycle,
        lead,
        { type: "qualify", evidence: [qualified()] },
        opts(3, { automatic: true }),
      ).ok,
    ).toBe(true);
  });

  it("collects every problem at once rather than stopping at the first", () => {
    const prospect = makeLead(formContact, { stage: "prospect" });
    const result = transition(defaultLifecycle, prospect, "regress", opts(1, { automatic: true }));
    expect(codes(result).sort()).toEqual(["automatic_not_allowed", "reason_required"]);
  });

  it("schedules nurturing follow-ups 30 days out", () => {
    const outcome = transitionOrThrow(
      defaultLifecycle,
      makeLead(formContact, { stage: "lead" }),
      "nurture",
      opts(1),
    );
    expect(outcome.effects).toEqual([{ type: "schedule_follow_up", at: at(31) }]);
  });

  it("dates each follow-up from its own move's delay when moves and days alternate", () => {
    const prospect = makeLead(formContact, { stage: "prospect" });
    const demo = {
      type: "request_purchase",
      evidence: [{ kind: "purchase_request", request: "demo_request", at: at(0) }],
    } as const;
    const lead = makeLead(formContact, { stage: "lead" });
    for (const days of [1, 1, 2, 1]) {
      const purchase = transitionOrThrow(defaultLifecycle, prospect, demo, opts(days));
      const nurture = transitionOrThrow(defaultLifecycle, lead, "nurture", opts(days));
      expect(purchase.effects).toEqual([
        { type: "notify_owner", event: "request_purchase", from: "prospect", to: "potential_client" },
        { type: "schedule_follow_up", at: at(days + 1) },
      ]);
      expect(nurture.effects).toEqual([{ type: "schedule_follow_up", at: at(days + 30) }]);
    }
  });

  it("gives every follow-up a Date of its own, so changing one changes no other outcome", () => {
    const lead = makeLead(formContact, { stage: "lead" });
    const first = transitionOrThrow(defaultLifecycle, lead, "nurture", opts(1)).effects[0];
    if (first?.type === "schedule_follow_up") first.at.setTime(0);
    const second = transitionOrThrow(defaultLifecycle, lead, "nurture", opts(1));
    expect(second.effects).toEqual([{ type: "schedule_follow_up", at: at(31) }]);
    expect(second.effects[0]).not.toBe(first);
  });

  it("tells the owner the stage a reopened lead returned to, whichever it was", () => {
    const lostFrom = (from: "prospect" | "potential_client"): Lead =>
      makeLead(formContact, {
        stage: "lost",
        history: [{ from, to: "lost", event: "lose", at: at(0), actor: "u", reason: "timing" }],
      });
    for (const from of ["prospect", "potential_client", "prospect"] as const) {
      const reopened = transitionOrThrow(defaultLifecycle, lostFrom(from), "reopen", opts(1));
      expect(reopened.effects).toEqual([
        { type: "notify_owner", event: "reopen", from: "lost", to: from },
        { type: "request_rescore" },
      ]);
    }
  });

  it("still works on a lifecycle frozen all the way down, its hidden tables included", () => {
    const seen = new Set<unknown>();
    const freezeAll = (value: unknown): void => {
      if (value === null || typeof value !== "object" || seen.has(value)) return;
      seen.add(value);
      Object.freeze(value);
      if (value instanceof Map) for (const [k, v] of value) [k, v].forEach(freezeAll);
      for (const key of Reflect.ownKeys(value)) freezeAll((value as Record<PropertyKey, unknown>)[key]);
    };
    const frozen = compileLifecycle(DEFAULT_LIFECYCLE_DEFINITION);
    freezeAll(frozen);
    const lead = makeLead(formContact, { stage: "lead" });
    for (const days of [1, 2]) {
      const outcome = transitionOrThrow(frozen, lead, "nurture", opts(days));
      expect(outcome.effects).toEqual([{ type: "schedule_follow_up", at: at(days + 30) }]);
    }
  });

  it("does not mutate its input", () => {
    const lead = deepFreeze(formLead());
    const snapshot = structuredClone(lead);
    const outcome = transitionOrThrow(defaultLifecycle, lead, "show_interest", opts(1));
    expect(lead).toEqual(snapshot);
    expect(outcome.lead.history).not.toBe(lead.history);
  });

  it("is deterministic: same input, same output", () => {
    const lead = formLead();
    expect(transition(defaultLifecycle, lead, "show_interest", opts(1))).toEqual(
      transition(defaultLifecycle, lead, "show_interest", opts(1)),
    );
  });
});

describe("transitionOrThrow", () => {
  it("throws a LeadKitError with code transition_failed carrying the issues", () => {
    try {
      transitionOrThrow(defaultLifecycle, makeLead(formContact), "win", opts(1));
      expect.unreachable();
    } catch (error) {
      expect(isLeadKitError(error)).toBe(true);
      if (!isLeadKitError(error)) return;
      expect(error.code).toBe("transition_failed");
      expect(error.issues[0]?.code).toBe("transition_not_allowed");
      expect(error.message).toMatch(/Cannot apply "win" to a record in stage "contact"/);
    }
  });

  it("takes a spread copy of a compiled lifecycle, which keeps its tables (it used to throw a TypeError)", () => {
    const copy = { ...defaultLifecycle, id: "copy" };
    expect(transition(copy, makeLead(formContact), "win", opts(1))).toEqual(
      transition(defaultLifecycle, makeLead(formContact), "win", opts(1)),
    );
  });

  it("refuses an object without compiled tables with a LeadKitError naming compileLifecycle", () => {
    const { tables: _, ...fake } = defaultLifecycle;
    expect(() => transition(fake as typeof defaultLifecycle, makeLead(formContact), "win", opts(1))).toThrow(
      /from compileLifecycle\(\)/,
    );
  });
});
