import { describe, expect, it } from "vitest";
import { type Cadence, nextFollowUp } from "../../src/lifecycle/index.js";
import { makeLead } from "../support/make-lead.js";
import { at, deepFreeze, formContact, salesConsent, t0 } from "./fixtures.js";

const weekly: Cadence = {
  id: "weekly",
  purpose: "sales_follow_up",
  every: { weeks: 1 },
  channels: ["email", "phone"],
};

describe("nextFollowUp", () => {
  it("counts from the lead's creation when nobody has followed up", () => {
    const result = nextFollowUp(weekly, makeLead(formContact), { now: at(1) });
    expect(result).toEqual({
      ok: true,
      value: { at: at(7), channel: "email", consent: salesConsent, overdue: false, skippedChannels: [] },
    });
  });

  it("counts from the latest interaction a user started, or the last follow-up given", () => {
    const lead = makeLead(formContact, {
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
    const lead = makeLead(formContact, {
      contact: {
        kind: "prospect",
        name: "Ana",
        consents: [salesConsent],
        doNotContact: [{ channel: "email", reason: "unsubscribed", at: t0 }],
      },
    });
    expect(nextFollowUp(weekly, lead, { now: at(1) })).toMatchObject({
      ok: true,
      value: { channel: "phone", skippedChannels: ["email"] },
    });
  });

  it("gives no follow-up when every channel is blocked, saying why", () => {
    const lead = makeLead(formContact, {
      contact: {
        kind: "prospect",
        name: "Ana",
        consents: [salesConsent],
        doNotContact: [{ channel: "any", reason: "legal", at: t0 }],
      },
    });
    const result = nextFollowUp(weekly, deepFreeze(lead), { now: at(1) });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues[0]?.code).toBe("do_not_contact");
      expect(result.issues[0]?.message).toMatch(/any \(legal\)/);
    }
  });

  it("uses only a channel with a valid consent for the cadence's purpose, and returns that grant", () => {
    const phoneOnly = { ...salesConsent, channel: "phone" as const };
    const lead = makeLead(formContact, { contact: { kind: "prospect", name: "Ana", consents: [phoneOnly] } });
    const result = nextFollowUp(weekly, lead, { now: at(1) });
    expect(result).toMatchObject({ ok: true, value: { channel: "phone", skippedChannels: ["email"] } });
    expect(result.ok && result.value.consent).toEqual(phoneOnly);
  });

  it("plans no contact without a consent, after a withdrawal, or for another purpose, saying why per channel", () => {
    const none = makeLead(formContact, { contact: { kind: "prospect", name: "Ana" } });
    const withdrawn = makeLead(formContact, {
      contact: {
        kind: "prospect",
        name: "Ana",
        consents: [salesConsent, { ...salesConsent, status: "withdrawn", at: at(2), source: "reply: stop" }],
      },
    });
    const otherPurpose = makeLead(formContact, {
      contact: { kind: "prospect", name: "Ana", consents: [{ ...salesConsent, purpose: "newsletter" }] },
    });
    const codes = (lead: typeof none) => {
      const r = nextFollowUp(weekly, lead, { now: at(1) });
      return r.ok ? [] : r.issues.map((i) => i.code);
    };
    expect(codes(none)).toEqual(["no_consent", "no_consent"]);
    expect(codes(withdrawn)).toEqual(["consent_withdrawn", "consent_withdrawn"]);
    expect(codes(otherPurpose)).toEqual(["no_consent", "no_consent"]);
    const r = nextFollowUp(weekly, withdrawn, { now: at(1) });
    expect(r.ok || r.issues[0]).toMatchObject({
      path: ["contact", "consents", 1],
      message: expect.stringMatching(
        /^Cadence "weekly" cannot use email: Consent for "sales_follow_up" on email was withdrawn/,
      ),
    });
  });

  it("asks for the time of the contact: a withdrawal dated before the follow-up stops it", () => {
    // The follow-up falls on day 7; the contact withdrew on day 3, recorded before anyone called.
    const lead = makeLead(formContact, {
      contact: {
        kind: "prospect",
        name: "Ana",
        consents: [salesConsent, { ...salesConsent, status: "withdrawn", at: at(3), source: "web form" }],
      },
    });
    expect(nextFollowUp(weekly, lead, { now: at(1) }).ok).toBe(false);
    // A grant recorded after the follow-up's time does not count for it yet.
    const later = makeLead(formContact, {
      contact: { kind: "prospect", name: "Ana", consents: [{ ...salesConsent, at: at(9) }] },
    });
    expect(nextFollowUp(weekly, later, { now: at(1) }).ok).toBe(false);
    // An overdue follow-up happens now, so a grant given since counts.
    expect(nextFollowUp(weekly, later, { now: at(10) })).toMatchObject({
      ok: true,
      value: { overdue: true },
    });
  });

  it("reads a grant stored before consents named channels as allowing no channel", () => {
    const { channel: _, ...legacy } = salesConsent;
    const lead = makeLead(formContact, { contact: { kind: "prospect", name: "Ana", consents: [legacy] } });
    const r = nextFollowUp(weekly, lead, { now: at(1) });
    expect(r.ok || r.issues[0]?.message).toMatch(/names no channel: restate it with the channel/);
  });

  it("moves a follow-up that falls on a weekend to the Monday after", () => {
    // t0 is Saturday 2026-01-10; a one-week cadence lands on Saturday the 17th.
    const result = nextFollowUp({ ...weekly, skipWeekends: true }, makeLead(formContact), { now: at(1) });
    expect(result.ok && result.value.at.getDay()).toBe(1);
    expect(result.ok && result.value.at.getTime()).toBeGreaterThan(at(7).getTime());
  });

  it("answers the issues of a cadence without a positive interval, under its path", () => {
    const result = nextFollowUp(
      { id: "never", purpose: "sales_follow_up", every: {}, channels: ["email"] },
      makeLead(formContact),
      { now: at(1) },
    );
    expect(result.ok || result.issues[0]?.path).toEqual(["cadence", "every"]);
  });
});

describe("nextFollowUp in a time zone", () => {
  const from = (iso: string) => makeLead(formContact, { createdAt: new Date(iso), updatedAt: new Date(iso) });
  const next = (cadence: Cadence, iso: string, timeZone?: string) => {
    const r = nextFollowUp(cadence, from(iso), {
      now: new Date(iso),
      ...(timeZone === undefined ? {} : { timeZone }),
    });
    if (!r.ok) throw new Error(r.issues[0]?.message);
    return r.value.at.toISOString();
  };
  const daily: Cadence = { id: "daily", purpose: "sales_follow_up", every: { days: 1 }, channels: ["email"] };

  it("keeps the local hour across a change of daylight saving time (Madrid, New York)", () => {
    // 09:00 in Madrid the day before the clocks go forward (29 March 2026): 09:00 CEST is 07:00Z.
    expect(next(daily, "2026-03-28T08:00:00Z", "Europe/Madrid")).toBe("2026-03-29T07:00:00.000Z");
    expect(next(weekly, "2026-03-23T08:00:00Z", "Europe/Madrid")).toBe("2026-03-30T07:00:00.000Z");
    // New York goes back on 1 November 2026: 09:00 EDT (13:00Z) → 09:00 EST (14:00Z).
    expect(next(daily, "2026-10-31T13:00:00Z", "America/New_York")).toBe("2026-11-01T14:00:00.000Z");
    // On UTC's calendar the same day is 24 hours.
    expect(next(daily, "2026-03-28T08:00:00Z", "UTC")).toBe("2026-03-29T08:00:00.000Z");
  });

  it("adds months on the zone's calendar and moves weekends to the zone's Monday", () => {
    const monthly: Cadence = {
      id: "monthly",
      purpose: "sales_follow_up",
      every: { months: 1 },
      channels: ["email"],
      skipWeekends: true,
    };
    // 31 January 23:30 in Buenos Aires is already 1 February in UTC; a month later is 28 February
    // there (a Saturday), moved to Monday 2 March, 23:30 local = 3 March 02:30Z.
    expect(next(monthly, "2026-02-01T02:30:00Z", "America/Buenos_Aires")).toBe("2026-03-03T02:30:00.000Z");
    // The same instant on UTC's calendar: 1 February + 1 month = 1 March (a Sunday) → Monday 2 March.
    expect(next(monthly, "2026-02-01T02:30:00Z", "UTC")).toBe("2026-03-02T02:30:00.000Z");
  });

  it("answers an issue for a zone that is not an IANA id this runtime knows, whatever its type", () => {
    for (const timeZone of ["Mars/Olympus", "+02:00", "", "__proto__", "Europe/Madrid; DROP", 3, null, {}])
      expect(
        nextFollowUp(weekly, makeLead(formContact), { now: at(1), timeZone: timeZone as string }),
      ).toMatchObject({
        ok: false,
        issues: [{ path: ["timeZone"] }],
      });
    const r = nextFollowUp(weekly, makeLead(formContact), { now: at(1), timeZone: "Mars/Olympus" });
    expect(r.ok ? "" : r.issues[0]?.message).toMatch(/Unknown time zone "Mars\/Olympus"; expected an IANA/);
  });
});
