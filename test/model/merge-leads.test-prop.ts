import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CHANNELS,
  type Consent,
  checkContactPermission,
  type Lead,
  mergeLeads,
  parseLead,
} from "../../src/model/index.js";
import { leadInput } from "../support/make-lead.js";

const now = new Date("2026-05-01T00:00:00Z");
// Values built to collide when joined with "|": the bug this guards against.
const piece = fc.constantFrom("calls", "calls|withdrawn", "granted|", "|", "news", "a|b");
const consent = fc.record(
  {
    purpose: piece,
    status: fc.constantFrom("granted", "withdrawn") as fc.Arbitrary<"granted" | "withdrawn">,
    at: fc.integer({ min: 0, max: 5 }).map((d) => new Date(Date.UTC(2026, 0, 1 + d))),
    source: piece,
    basis: fc.constantFrom("consent", "legitimate_interests") as fc.Arbitrary<Consent["basis"]>,
    channel: fc.constantFrom("email", "phone", "any") as fc.Arbitrary<Consent["channel"]>,
  },
  { requiredKeys: ["purpose", "status", "at", "source", "basis"] },
);
const attributeKey = fc.constantFrom(
  "constructor",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "__proto__",
  "plan",
);

function lead(id: string, consents: readonly Consent[], keys: readonly string[]): Lead {
  const base = parseLead(leadInput({ id, contact: { kind: "prospect", name: id, consents: [...consents] } }));
  const attributes: Record<string, string> = {};
  for (const key of keys)
    Object.defineProperty(attributes, key, {
      value: `${id}:${key}`,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return { ...base, contact: { ...base.contact, attributes } };
}

/** The latest consent for a purpose, a withdrawal winning a tie. */
function decisive(consents: readonly Consent[], purpose: string): Consent["status"] | undefined {
  let best: Consent | undefined;
  for (const c of consents)
    if (
      c.purpose === purpose &&
      (best === undefined ||
        c.at.getTime() > best.at.getTime() ||
        (c.at.getTime() === best.at.getTime() && c.status === "withdrawn"))
    )
      best = c;
  return best?.status;
}

const leadsArb = fc
  .array(fc.tuple(fc.array(consent, { maxLength: 4 }), fc.uniqueArray(attributeKey, { maxLength: 4 })), {
    minLength: 2,
    maxLength: 4,
  })
  .map((parts) => parts.map(([consents, keys], i) => lead(`l${i}`, consents, keys)));

describe("mergeLeads laws", () => {
  it("a merge never weakens a withdrawal and keeps every distinct consent, compared field by field", () => {
    fc.assert(
      fc.property(leadsArb, (leads) => {
        const merged = mergeLeads(leads, { now });
        expect(merged.ok).toBe(true);
        if (!merged.ok) return;
        const out = merged.value.lead.contact.consents;
        for (const l of leads) for (const c of l.contact.consents) expect(out).toContainEqual(c);
        for (const purpose of new Set(leads.flatMap((l) => l.contact.consents.map((c) => c.purpose)))) {
          if (leads.some((l) => decisive(l.contact.consents, purpose) === "withdrawn"))
            expect({ purpose, status: decisive(out, purpose) }).toEqual({ purpose, status: "withdrawn" });
        }
        const distinct = new Set(
          leads.flatMap((l) =>
            l.contact.consents.map((c) =>
              JSON.stringify([c.purpose, c.status, c.at.getTime(), c.source, c.basis, c.channel ?? null]),
            ),
          ),
        );
        const restated = out.filter((c) => c.source.startsWith("merge: ")).length;
        expect(out.length).toBe(distinct.size + restated);
      }),
      { numRuns: 300 },
    );
  });

  it("a merge never weakens a withdrawal on a channel: no channel a record withdrew becomes contactable", () => {
    fc.assert(
      fc.property(leadsArb, fc.integer({ min: 0, max: 8 }), (leads, day) => {
        const merged = mergeLeads(leads, { now });
        if (!merged.ok) return;
        const at = new Date(Date.UTC(2026, 0, 1 + day));
        for (const purpose of new Set(leads.flatMap((l) => l.contact.consents.map((c) => c.purpose))))
          for (const channel of CHANNELS) {
            const question = { purpose, channel, at: now };
            const refusal = (l: Lead) => {
              const answer = checkContactPermission(l.contact, question);
              return answer.ok ? undefined : answer.issues[0]?.code;
            };
            const withdrawn = leads.some((l) => refusal(l) === "consent_withdrawn");
            if (withdrawn) expect(checkContactPermission(merged.value.lead.contact, question).ok).toBe(false);
            // Before the merge's time, the records' own history is unchanged: merging adds no grant.
            const before = { purpose, channel, at };
            if (leads.every((l) => !checkContactPermission(l.contact, before).ok))
              expect(checkContactPermission(merged.value.lead.contact, before).ok).toBe(false);
          }
      }),
      { numRuns: 300 },
    );
  });

  it("attribute keys are plain data: every key of every record is an own key, never an inherited function", () => {
    fc.assert(
      fc.property(leadsArb, (leads) => {
        const merged = mergeLeads(leads, { now });
        if (!merged.ok) return;
        const attributes = merged.value.lead.contact.attributes;
        const keys = new Set(leads.flatMap((l) => Object.keys(l.contact.attributes)));
        expect(new Set(Object.keys(attributes))).toEqual(keys);
        for (const key of keys) expect(typeof attributes[key]).toBe("string");
        expect(() => structuredClone(merged.value.lead)).not.toThrow();
      }),
      { numRuns: 200 },
    );
  });
});
