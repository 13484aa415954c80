import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CHANNELS, type Consent, checkContactPermission } from "../../src/model/index.js";

const consent: fc.Arbitrary<Consent> = fc.record(
  {
    purpose: fc.constantFrom("newsletter", "sales", "constructor"),
    status: fc.constantFrom("granted" as const, "withdrawn" as const),
    at: fc.integer({ min: 0, max: 9 }).map((d) => new Date(Date.UTC(2026, 0, 1 + d))),
    source: fc.constant("form"),
    basis: fc.constantFrom("consent" as const, "legitimate_interests" as const, "contract" as const),
    channel: fc.constantFrom("email" as const, "phone" as const, "any" as const),
  },
  { requiredKeys: ["purpose", "status", "at", "source", "basis"] },
);
const flag = fc.record({
  channel: fc.constantFrom("email", "sms", "any"),
  reason: fc.constantFrom("unsubscribed", "legal"),
});
const question = fc.record({
  channel: fc.constantFrom(...CHANNELS),
  purpose: fc.constantFrom("newsletter", "sales", "constructor"),
  at: fc.integer({ min: 0, max: 10 }).map((d) => new Date(Date.UTC(2026, 0, 1 + d))),
});
const covers = (c: Consent, channel: string) =>
  c.channel === channel || c.channel === "any" || (c.channel === undefined && c.status === "withdrawn");

describe("checkContactPermission laws", () => {
  it("no contact is allowed without a grant for its channel and purpose that no later or tied withdrawal undoes", () => {
    fc.assert(
      fc.property(
        fc.array(consent, { maxLength: 8 }),
        fc.array(flag, { maxLength: 2 }),
        question,
        (consents, flags, q) => {
          const r = checkContactPermission({ consents, doNotContact: flags }, q);
          const relevant = consents.filter(
            (c) => c.purpose === q.purpose && covers(c, q.channel) && c.at.getTime() <= q.at.getTime(),
          );
          if (!r.ok) return;
          expect(r.value.status).toBe("granted");
          expect(relevant).toContainEqual(r.value);
          expect(r.value.channel === q.channel || r.value.channel === "any").toBe(true);
          for (const c of relevant)
            if (c.status === "withdrawn") expect(c.at.getTime()).toBeLessThan(r.value.at.getTime());
          expect(flags.some((f) => f.channel === q.channel || f.channel === "any")).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("a withdrawal recorded last (or tied last) stops contact on every channel it covers, whatever else is held", () => {
    fc.assert(
      fc.property(fc.array(consent, { maxLength: 8 }), consent, question, (consents, last, q) => {
        const latest = Math.max(0, ...consents.map((c) => c.at.getTime()));
        const withdrawal: Consent = {
          ...last,
          status: "withdrawn",
          purpose: q.purpose,
          at: new Date(latest),
        };
        const at = new Date(Math.max(latest, q.at.getTime()));
        if (!covers(withdrawal, q.channel)) return;
        const r = checkContactPermission(
          { consents: [...consents, withdrawal], doNotContact: [] },
          { ...q, at },
        );
        expect(r.ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});
