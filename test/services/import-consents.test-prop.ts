import fc from "fast-check";
import { type Consent, checkContactPermission, type Lead } from "leadkit";
import type { ImportConsentRule } from "leadkit/services";
import { describe, expect, it } from "vitest";
import { called, created, setup } from "./fixtures.js";

// The service's clock reads 2026-03-02T09:00:00Z; every date below is before it.
const now = new Date("2026-03-02T09:00:00Z");
const dayOf = (d: number) => new Date(Date.UTC(2026, 1, 1 + d));
const stored = fc.record({
  purpose: fc.constant("newsletter"),
  status: fc.constantFrom("granted" as const, "withdrawn" as const),
  at: fc.integer({ min: 0, max: 20 }).map(dayOf),
  source: fc.constant("web"),
  basis: fc.constant("consent" as const),
  channel: fc.constantFrom("email" as const, "phone" as const, "any" as const),
});
const incoming = fc.record({
  cell: fc.constantFrom("yes", "no"),
  day: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }),
  channel: fc.constantFrom("email" as const, "phone" as const, "any" as const),
  proof: fc.boolean(),
  onMatch: fc.constantFrom("update" as const, "merge" as const),
});

describe("import consent laws", () => {
  it("an import never weakens a withdrawal: a channel withdrawn before is contactable after only through a newer grant with proof", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stored, { minLength: 1, maxLength: 4 }), incoming, async (consents, row) => {
        const { service, repositories } = setup();
        const lead = created(
          await service.capture(
            called({ contact: { kind: "prospect", name: "Lucía", email: "lucia@acme.es", consents } }),
          ),
        );
        const rule: ImportConsentRule = {
          column: "Opt-in",
          at: "Date",
          purpose: "newsletter",
          channel: row.channel,
          basis: "consent",
          ...(row.proof ? { proof: { form: "footer" } } : {}),
        };
        const record = {
          Name: "Lucía",
          Email: "lucia@acme.es",
          "Opt-in": row.cell,
          ...(row.day === undefined ? {} : { Date: dayOf(row.day).toISOString() }),
        };
        const report = await service.importLeads([record], {
          actor: "u-marta",
          importId: "i1",
          fieldMap: { "contact.name": "Name", "contact.email": "Email" },
          consents: [rule],
          onMatch: row.onMatch,
        });
        expect(report.ok).toBe(true);
        const after = (await repositories.leads.get(lead.id)) as Lead;
        for (const channel of ["email", "phone", "sms"] as const) {
          const ask = { channel, purpose: "newsletter", at: now };
          const before = checkContactPermission(lead.contact, ask);
          if (before.ok || before.issues[0]?.code !== "consent_withdrawn") continue;
          const answer = checkContactPermission(after.contact, ask);
          if (!answer.ok) continue;
          // Re-granted: only by the record's grant, on update, dated after every stored record
          // that withdrew, and with a proof.
          const grant: Consent = answer.value;
          expect(row.onMatch).toBe("update");
          expect(grant.source).toBe("import i1, row 1");
          expect(grant.proof).toBeDefined();
          const withdrawnAt = lead.contact.consents
            .filter((c) => c.status === "withdrawn" && (c.channel === channel || c.channel === "any"))
            .map((c) => c.at.getTime());
          expect(grant.at.getTime()).toBeGreaterThan(Math.max(...withdrawnAt));
        }
        // Nothing stored is lost.
        for (const c of lead.contact.consents) expect(after.contact.consents).toContainEqual(c);
      }),
      { numRuns: 150 },
    );
  });
});
