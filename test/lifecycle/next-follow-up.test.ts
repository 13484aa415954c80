import { describe, expect, it } from "vitest";
import { type Cadence, nextFollowUp } from "../../src/lifecycle/index.js";
import { at, deepFreeze, makeLead, t0 } from "./fixtures.js";

const weekly: Cadence = { id: "weekly", every: { weeks: 1 }, channels: ["email", "phone"] };

describe("nextFollowUp", () => {
  it("counts from the lead's creation when nobody has followed up", () => {
    const result = nextFollowUp(weekly, makeLead(), { now: at(1) });
    expect(result).toEqual({
      ok: true,
      value: { at: at(7), channel: "email", overdue: false, skippedChannels: [] },
    });
  });

  it("counts from the latest interaction a user started, or the last follow-up given", () => {
    const lead = makeLead({
      interactions: [
        { id: "i1", type: "call", at: at(3), initiator: { kind: "user", userId: "u-ana" } },
        { id: "i2", type: "email_open", at: at(5), initiator: { kind: "contact" } },
      ],
    });
    expect(
      nextFollowUp(weekly, lead, { now: at(4) }).ok && nextFollowUp(weekly, lead, { now: at(4) }),
    ).toMatchObject({
      value: { at: at(10) },
    });
    const given = nextFollowUp(weekly, lead, { now: at(30), lastFollowUpAt: at(20) });
    expect(given).toMatchObject({ ok: true, value: { at: at(27), overdue: true } });
  });

  it("skips channels the contact must not be contacted on", () => {
    const lead = makeLead({
      contact: {
        kind: "prospect",
        name: "Ana",
        doNotContact: [{ channel: "email", reason: "unsubscribed", at: t0 }],
      },
    });
    expect(nextFollowUp(weekly, lead, { now: at(1) })).toMatchObject({
      ok: true,
      value: { channel: "phone", skippedChannels: ["email"] },
    });
  });

  it("gives no follow-up when every channel is blocked, saying why", () => {
    const lead = makeLead({
      contact: { kind: "prospect", name: "Ana", doNotContact: [{ channel: "any", reason: "legal", at: t0 }] },
    });
    const result = nextFollowUp(weekly, deepFreeze(lead), { now: at(1) });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues[0]?.code).toBe("do_not_contact");
      expect(result.issues[0]?.message).toMatch(/any \(legal\)/);
    }
  });

  it("moves a follow-up that falls on a weekend to the Monday after", () => {
    // t0 is Saturday 2026-01-10; a one-week cadence lands on Saturday the 17th.
    const result = nextFollowUp({ ...weekly, skipWeekends: true }, makeLead(), { now: at(1) });
    expect(result.ok && result.value.at.getDay()).toBe(1);
    expect(result.ok && result.value.at.getTime()).toBeGreaterThan(at(7).getTime());
  });

  it("answers the issues of a cadence without a positive interval, under its path", () => {
    const result = nextFollowUp({ id: "never", every: {}, channels: ["email"] }, makeLead(), { now: at(1) });
    expect(result.ok || result.issues[0]?.path).toEqual(["cadence", "every"]);
  });
});
