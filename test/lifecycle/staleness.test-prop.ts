import { TZDate } from "@date-fns/tz";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Cadence,
  findStaleLeads,
  nextFollowUp,
  type StalenessPolicy,
} from "../../src/lifecycle/index.js";
import { lastActivityAt } from "../../src/model/index.js";
import { matchesLeadQuery } from "../../src/ports/index.js";
import { makeLead } from "../support/make-lead.js";
import { at, day, formContact, salesConsent, t0 } from "./fixtures.js";

const offset = fc.integer({ min: -5 * day, max: 120 * day });
const leadArb = fc
  .record({
    stage: fc.constantFrom("lead" as const, "prospect" as const, "potential_client" as const),
    moves: fc.array(offset, { maxLength: 3 }),
    touches: fc.array(offset, { maxLength: 3 }),
    generatedBy: fc.constantFrom(null, "u-ana"),
  })
  .map(({ stage, moves, touches, generatedBy }) =>
    makeLead(formContact, {
      stage,
      generatedBy,
      history: moves.map((ms) => ({
        from: "contact" as const,
        to: stage,
        event: "move",
        at: new Date(t0.getTime() + ms),
        actor: "u-ana",
      })),
      interactions: touches.map((ms, i) => ({
        id: `i${i}`,
        type: "email_open",
        at: new Date(t0.getTime() + ms),
        initiator: { kind: "contact" as const },
      })),
    }),
  );
const originOf = (lead: { generatedBy: string | null }) =>
  lead.generatedBy === null ? ("passive" as const) : ("active" as const);

describe("staleness laws", () => {
  it("an inactive rule of d days flags exactly the leads a repository finds with inactiveSince = now − d", () => {
    fc.assert(
      fc.property(
        leadArb,
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 0, max: 150 }),
        (lead, days, nowDay) => {
          const now = at(nowDay);
          const policy: StalenessPolicy = {
            stages: ["lead", "prospect", "potential_client"],
            rules: [{ kind: "inactive", origin: "any", days, flag: "review" }],
          };
          const flagged = findStaleLeads([lead], policy, { now, originOf }).length === 1;
          const since = new Date(now.getTime() - days * day);
          expect(flagged).toBe(matchesLeadQuery(lead, { inactiveSince: since }));
        },
      ),
    );
  });

  it("a rotting rule flags only leads in its stage, and every flag's idle days exceed its limit", () => {
    fc.assert(
      fc.property(fc.array(leadArb, { maxLength: 8 }), fc.integer({ min: 0, max: 150 }), (leads, nowDay) => {
        const policy: StalenessPolicy = {
          stages: ["lead", "prospect", "potential_client"],
          rules: [
            { kind: "rotting", stage: "prospect", origin: "any", days: 7, flag: "review" },
            { kind: "rotting", stage: "potential_client", origin: "active", days: 3, flag: "prioritise" },
          ],
        };
        const now = at(nowDay);
        for (const flag of findStaleLeads(leads, policy, { now, originOf })) {
          const rule = flag.policyRule;
          if (rule.kind !== "rotting") throw new Error("only rotting rules in this policy");
          expect(flag.stage).toBe(rule.stage);
          expect(flag.lead.stage).toBe(rule.stage);
          expect(now.getTime() - lastActivityAt(flag.lead).getTime()).toBeGreaterThan(rule.days * day);
          expect(policy.rules[flag.rule]).toBe(rule);
        }
      }),
    );
  });
});

describe("cadence time zone laws", () => {
  const zones = ["Europe/Madrid", "America/New_York", "America/Argentina/Buenos_Aires", "Australia/Sydney"];
  it("a cadence of n days keeps the local wall-clock time in its zone, across daylight saving changes", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 730 * 24 }),
        fc.integer({ min: 1, max: 40 }),
        (zone, hours, days) => {
          const created = new Date(Date.UTC(2026, 0, 1) + hours * 3_600_000);
          const cadence: Cadence = {
            id: "every",
            purpose: "sales_follow_up",
            every: { days },
            channels: ["email"],
          };
          const contact = {
            kind: "prospect" as const,
            name: "Ana",
            consents: [{ ...salesConsent, at: created }],
          };
          const lead = makeLead(formContact, { contact, createdAt: created, updatedAt: created });
          const r = nextFollowUp(cadence, lead, { now: created, timeZone: zone });
          if (!r.ok) throw new Error(r.issues[0]?.message);
          const before = new TZDate(created.getTime(), zone);
          const after = new TZDate(r.value.at.getTime(), zone);
          // Same wall-clock time, unless the local time did not exist that day (a gap at a DST change).
          if (after.getHours() === before.getHours()) expect(after.getMinutes()).toBe(before.getMinutes());
          const localDays = Math.round(
            (Date.UTC(after.getFullYear(), after.getMonth(), after.getDate()) -
              Date.UTC(before.getFullYear(), before.getMonth(), before.getDate())) /
              day,
          );
          expect(localDays).toBe(days);
        },
      ),
    );
  });
});
