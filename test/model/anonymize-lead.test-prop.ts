import fc from "fast-check";
import {
  anonymizeAuditEntry,
  anonymizeInteraction,
  anonymizeLead,
  duplicateKeys,
  ERASED_CONTACT_NAME,
  type Lead,
  lastActivityAt,
} from "leadkit";
import { computeFunnelAggregate, FUNNEL_DIMENSIONS } from "leadkit/metrics";
import { compileSharingPolicy, DEFAULT_SHARING_POLICY } from "leadkit/origin";
import { anonymizeEvent, type DomainEvent } from "leadkit/ports";
import { createLeadService } from "leadkit/services";
import { createInMemoryRepositories, fixedClock, generateLeads, sequentialIds } from "leadkit/testing";
import { describe, expect, test } from "vitest";
import { deepFreeze } from "../support/deep-freeze.js";

const batches = fc
  .record({ seed: fc.integer({ min: 1, max: 1_000_000 }), count: fc.integer({ min: 1, max: 60 }) })
  .map(({ seed, count }) => generateLeads({ seed, count, now: new Date("2026-07-01T00:00:00Z") }));

/** A lead made to hold personal data everywhere an erasure must reach. */
function withPersonalData(lead: Lead): Lead {
  return {
    ...lead,
    externalId: `post-${lead.id}`,
    contact: {
      ...lead.contact,
      phone: "+34 600 000 000",
      city: "Soria",
      attributes: { hobby: "private" },
      consents: [
        {
          purpose: "newsletter",
          status: "granted",
          at: lead.createdAt,
          source: "private",
          basis: "consent",
          channel: "email",
          proof: { page: "private" },
        },
      ],
    },
    tags: ["private"],
    notes: [{ at: lead.createdAt, author: "u-ana", text: "private" }],
    interactions: lead.interactions.map((i) => ({ ...i, data: { note: "private" } })),
    history: lead.history.map((h) => ({ ...h, reason: "private" })),
  };
}

describe("erasure laws", () => {
  test("erasing a lead twice is erasing it once", () => {
    fc.assert(
      fc.property(batches, (leads) => {
        for (const lead of leads) {
          const once = anonymizeLead(withPersonalData(lead));
          expect(anonymizeLead(once)).toEqual(once);
          for (const i of once.interactions) expect(anonymizeInteraction(i)).toEqual(i);
        }
      }),
      { numRuns: 50 },
    );
  });

  test("the funnel over erased leads is the funnel over the leads, along every dimension", () => {
    fc.assert(
      fc.property(batches, fc.subarray([...FUNNEL_DIMENSIONS], { maxLength: 3 }), (leads, dimensions) => {
        const options = { dimensions, period: "month" as const };
        const erased = leads.map((lead) => anonymizeLead(withPersonalData(lead)));
        expect(computeFunnelAggregate(erased, options)).toEqual(computeFunnelAggregate(leads, options));
      }),
      { numRuns: 60 },
    );
  });

  test("an erased lead keeps its last activity and holds no contact detail, free text or key", () => {
    fc.assert(
      fc.property(batches, (leads) => {
        for (const lead of leads) {
          const original = deepFreeze(withPersonalData(lead));
          const erased = anonymizeLead(original);
          expect(lastActivityAt(erased)).toEqual(lastActivityAt(original));
          expect(erased.contact.name).toBe(ERASED_CONTACT_NAME);
          expect(JSON.stringify(erased)).not.toContain("private");
          expect(JSON.stringify(erased)).not.toContain(original.contact.name);
          expect(duplicateKeys(erased)).toEqual([]);
          expect(erased.externalId).toBeUndefined();
        }
      }),
      { numRuns: 30 },
    );
  });

  test("an erased audit entry or event keeps who, what and when, and no text", () => {
    const text = fc.string({ minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(
        text,
        fc.dictionary(text, fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null))),
        (reason, details) => {
          const entry = { at: new Date(0), actor: "u-ana", action: "merge", leadId: "l1", reason, details };
          const erased = anonymizeAuditEntry(entry);
          expect(anonymizeAuditEntry(erased)).toEqual(erased);
          expect([erased.at, erased.actor, erased.action, erased.leadId]).toEqual([
            entry.at,
            "u-ana",
            "merge",
            "l1",
          ]);
          expect(Object.values(erased.details ?? {}).some((value) => typeof value === "string")).toBe(false);
          expect(erased.reason).toBeUndefined();
          const event: DomainEvent = {
            id: "e1",
            type: "lead.captured",
            leadId: "l1",
            at: new Date(0),
            actor: "system",
            leadVersion: 1,
            payload: {
              stage: "lead",
              owner: null,
              pool: "inbound",
              generatedBy: null,
              externalId: reason,
              origin: { kind: "passive", rule: "r" },
            },
          };
          expect(anonymizeEvent(anonymizeEvent(event))).toEqual({
            ...event,
            payload: { ...event.payload, externalId: null },
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  test("eraseContact is idempotent and leaves the funnel as it was, in any order", async () => {
    await fc.assert(
      fc.asyncProperty(batches, fc.infiniteStream(fc.boolean()), async (leads, picks) => {
        const repositories = createInMemoryRepositories();
        // The generator may give two leads one email: the store keeps the first, so only stored
        // leads are erased (an erasure of a lead never stored is not_found, not idempotent).
        const stored: Lead[] = [];
        for (const lead of leads)
          if ((await repositories.leads.save(withPersonalData(lead), { expectedVersion: 0 })).ok)
            stored.push(lead);
        const service = createLeadService({
          repositories,
          clock: fixedClock("2026-07-01T00:00:00Z"),
          ids: sequentialIds("p"),
          config: { policy: compileSharingPolicy({ ...DEFAULT_SHARING_POLICY, managers: ["u-dpo"] }) },
        });
        const read = async () => {
          const all: Lead[] = [];
          for await (const lead of repositories.leads.stream()) all.push(lead);
          return all;
        };
        const before = computeFunnelAggregate(await read(), { dimensions: ["source", "owner"] });
        const chosen = stored.filter(() => picks.next().value as boolean);
        for (const lead of chosen) {
          const first = await service.eraseContact({ actor: "u-dpo", leadId: lead.id });
          expect(first.ok && first.value.alreadyErased).toBe(false);
        }
        const audit = await repositories.audit.list();
        for (const lead of chosen.reverse()) {
          const again = await service.eraseContact({ actor: "u-dpo", leadId: lead.id });
          expect(again.ok && again.value.alreadyErased).toBe(true);
        }
        expect(await repositories.audit.list()).toEqual(audit);
        expect(computeFunnelAggregate(await read(), { dimensions: ["source", "owner"] })).toEqual(before);
      }),
      { numRuns: 100 },
    );
  });
});
