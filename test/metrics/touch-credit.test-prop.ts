// Laws of split credit (the `touch` dimension): shares are whole units of 1/2^20 of a lead, so they
// add up exactly, merge exactly in any order, and agree with the first/last-touch dimensions.
import fc from "fast-check";
import { LEAD_STAGES, type Lead } from "leadkit";
import {
  computeFunnelAggregate,
  FUNNEL_CREDIT_MODELS,
  type FunnelCredit,
  type FunnelOptions,
  mergeFunnelAggregates,
} from "leadkit/metrics";
import { describe, expect, it } from "vitest";
import { CREDIT_UNITS, creditUnits, shareOf } from "../../src/metrics/split-credit.js";
import { funnelLead } from "./fixtures.js";

const leadArb: fc.Arbitrary<Lead> = fc
  .record({
    start: fc.constantFrom(...LEAD_STAGES),
    path: fc.array(fc.tuple(fc.constantFrom(...LEAD_STAGES), fc.integer({ min: -1, max: 40 })), {
      maxLength: 5,
    }),
    source: fc.option(fc.constantFrom("organic", "ads", "__proto__"), { nil: undefined }),
    expectedRevenue: fc.option(fc.double({ min: 0, max: 1e6, noNaN: true }), { nil: undefined }),
    capturedFrom: fc.option(fc.constantFrom("google", "__proto__"), { nil: undefined }),
    touches: fc.array(
      fc.tuple(fc.integer({ min: -60, max: 60_000 }), fc.constantFrom("google", "linkedin", "toString", "x")),
      { maxLength: 9 },
    ),
  })
  .map((spec) => funnelLead(spec));

const leadsArb = fc.array(leadArb, { maxLength: 30 });
const creditArb = fc.constantFrom(...FUNNEL_CREDIT_MODELS);

const optionsOf = (credit: FunnelCredit): FunnelOptions => ({
  credit,
  dimensions: ["touch", "firstTouch", "lastTouch"],
  probabilityOf: (lead) => (lead.id.length % 7) / 7,
  costs: { organic: 49.99, ads: 0.07, __proto__: 3 },
});

describe("split credit laws", () => {
  it("a lead's shares are whole units that add up to exactly one lead, for every model and any number of touches", () => {
    fc.assert(
      fc.property(creditArb, fc.integer({ min: 1, max: 2_000 }), (credit, count) => {
        let sum = 0;
        let whole = true;
        for (let i = 0; i < count; i++) {
          const units = creditUnits(credit, i, count);
          whole &&= Number.isInteger(units) && units >= 0;
          sum += units;
        }
        expect(whole).toBe(true);
        expect(sum).toBe(CREDIT_UNITS);
        if (credit === "position" && count >= 3)
          expect([creditUnits(credit, 0, count), creditUnits(credit, count - 1, count)]).toEqual([
            419_430, 419_430,
          ]);
      }),
    );
  });

  it("a share of an amount is the exact product rounded half away from zero", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }),
        fc.integer({ min: 0, max: CREDIT_UNITS }),
        (v, u) => {
          const exact = BigInt(Math.abs(v)) * BigInt(u);
          const rounded = (exact + BigInt(CREDIT_UNITS / 2)) / BigInt(CREDIT_UNITS);
          expect(shareOf(v, u)).toBe(v < 0 ? 0 - Number(rounded) : Number(rounded));
        },
      ),
    );
  });

  it("the touch segments add up to the total exactly, in every count, under every model", () => {
    fc.assert(
      fc.property(leadsArb, creditArb, (leads, credit) => {
        const aggregate = computeFunnelAggregate(leads, optionsOf(credit));
        const parts = Object.values(aggregate.segments.touch ?? {});
        const sum = (f: (c: (typeof parts)[number]) => number) => parts.reduce((n, c) => n + f(c), 0);
        const t = aggregate.total;
        expect(sum((c) => c.leads)).toBe(t.leads);
        expect(sum((c) => c.won)).toBe(t.won);
        expect(sum((c) => c.lost)).toBe(t.lost);
        expect(sum((c) => c.reached.prospect)).toBe(t.reached.prospect);
        expect(sum((c) => c.pipelineLeads)).toBe(t.pipelineLeads);
        expect(sum((c) => c.timeToClose.count)).toBe(t.timeToClose.count);
        expect(sum((c) => c.timeInStage.contact.count)).toBe(t.timeInStage.contact.count);
      }),
    );
  });

  it("merging the aggregates of two partitions equals the aggregate of the whole, to the byte, under every model", () => {
    fc.assert(
      fc.property(leadsArb, fc.nat(), creditArb, (leads, cut, credit) => {
        const at = leads.length === 0 ? 0 : cut % (leads.length + 1);
        const options = optionsOf(credit);
        const whole = computeFunnelAggregate(leads, options);
        const left = computeFunnelAggregate(leads.slice(0, at), options);
        const right = computeFunnelAggregate(leads.slice(at), options);
        expect(JSON.stringify(mergeFunnelAggregates(left, right))).toBe(JSON.stringify(whole));
        expect(JSON.stringify(mergeFunnelAggregates(right, left))).toBe(JSON.stringify(whole));
      }),
    );
  });

  it("first and last credit give exactly the firstTouch and lastTouch dimensions", () => {
    fc.assert(
      fc.property(leadsArb, (leads) => {
        const first = computeFunnelAggregate(leads, optionsOf("first"));
        const last = computeFunnelAggregate(leads, optionsOf("last"));
        expect(first.segments.touch).toEqual(first.segments.firstTouch);
        expect(last.segments.touch).toEqual(last.segments.lastTouch);
      }),
    );
  });
});
