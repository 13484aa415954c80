// Laws of split credit (the `touch` dimension) and of cross-segments (owner × touch and other pairs):
// shares are whole units of 1/2^20 of a lead, so they add up exactly, merge exactly in any order, and
// agree with the first/last-touch dimensions; a cross-segment's cells are the segments of the leads
// under each key, owner ids and touch tags like `__proto__` or markup being data.
import fc from "fast-check";
import { LEAD_STAGES, type Lead } from "leadkit";
import {
  computeFunnelAggregate,
  emptyFunnelAggregate,
  FUNNEL_CREDIT_MODELS,
  FUNNEL_NO_VALUE,
  type FunnelCounts,
  type FunnelCredit,
  type FunnelDimensionPair,
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
    owner: fc.option(fc.constantFrom("u-ana", "__proto__", "constructor", "<b>x</b>", FUNNEL_NO_VALUE), {
      nil: null,
    }),
    expectedRevenue: fc.option(fc.double({ min: 0, max: 1e6, noNaN: true }), { nil: undefined }),
    capturedFrom: fc.option(fc.constantFrom("google", "__proto__"), { nil: undefined }),
    touches: fc.array(
      fc.tuple(
        fc.integer({ min: -60, max: 60_000 }),
        fc.constantFrom("google", "linkedin", "toString", "x", "__proto__", "<script>"),
      ),
      { maxLength: 9 },
    ),
  })
  .map((spec) => funnelLead(spec));

const leadsArb = fc.array(leadArb, { maxLength: 30 });
const creditArb = fc.constantFrom(...FUNNEL_CREDIT_MODELS);

/** The team view by touch, both ways round, and pairs without touch. */
const PAIRS: readonly FunnelDimensionPair[] = [
  ["owner", "touch"],
  ["touch", "owner"],
  ["owner", "firstTouch"],
  ["lastTouch", "source"],
];

const optionsOf = (credit: FunnelCredit): FunnelOptions => ({
  credit,
  dimensions: ["touch", "firstTouch", "lastTouch", "owner"],
  crossSegments: PAIRS,
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

  it("merging the aggregates of any split into parts, in any order, equals the aggregate of the whole, cross-segments included", () => {
    fc.assert(
      fc.property(
        leadsArb,
        fc.array(fc.nat({ max: 3 }), { maxLength: 30 }),
        creditArb,
        (leads, parts, credit) => {
          const options = optionsOf(credit);
          const shards: Lead[][] = [[], [], [], []];
          for (const [i, lead] of leads.entries()) shards[parts[i] ?? 0]?.push(lead);
          const merged = shards
            .map((shard) => computeFunnelAggregate(shard, options))
            .reverse()
            .reduce(mergeFunnelAggregates, emptyFunnelAggregate());
          expect(JSON.stringify(merged)).toBe(JSON.stringify(computeFunnelAggregate(leads, options)));
        },
      ),
    );
  });

  it("a cross-segment's cells under a key are the second dimension's segments of that key's leads, under every model", () => {
    fc.assert(
      fc.property(leadsArb, creditArb, (leads, credit) => {
        const options = optionsOf(credit);
        const crosses = computeFunnelAggregate(leads, options).crossSegments;
        const ownerOf = (lead: Lead) => lead.owner ?? FUNNEL_NO_VALUE;
        const owners = [...new Set(leads.map(ownerOf))];
        const cellsOf = (
          byFirst: Readonly<Record<string, Readonly<Record<string, FunnelCounts>>>> | undefined,
          key: string,
        ) => (byFirst !== undefined && Object.hasOwn(byFirst, key) ? byFirst[key] : undefined);
        for (const owner of owners) {
          const own = computeFunnelAggregate(
            leads.filter((lead) => ownerOf(lead) === owner),
            options,
          ).segments;
          expect(cellsOf(crosses?.owner?.touch, owner)).toEqual(own.touch);
          expect(cellsOf(crosses?.owner?.firstTouch, owner)).toEqual(own.firstTouch);
        }
        // Keys are data: every owner has its own cells, no more, whatever its name.
        expect(Object.keys(crosses?.owner?.touch ?? {}).sort()).toEqual(owners.sort());
      }),
    );
  });

  it("a cross-segment read the other way round holds the same cells", () => {
    fc.assert(
      fc.property(leadsArb, creditArb, (leads, credit) => {
        const crosses = computeFunnelAggregate(leads, optionsOf(credit)).crossSegments;
        const cellsOf = (byFirst: Readonly<Record<string, Readonly<Record<string, FunnelCounts>>>>) =>
          Object.entries(byFirst)
            .flatMap(([first, row]) => Object.entries(row).map(([second, c]) => [first, second, c] as const))
            .sort(([a1, b1], [a2, b2]) => (a1 === a2 ? (b1 < b2 ? -1 : 1) : a1 < a2 ? -1 : 1));
        const ownerTouch = cellsOf(crosses?.owner?.touch ?? {});
        const touchOwner = cellsOf(crosses?.touch?.owner ?? {}).map(([t, o, c]) => [o, t, c] as const);
        touchOwner.sort(([a1, b1], [a2, b2]) => (a1 === a2 ? (b1 < b2 ? -1 : 1) : a1 < a2 ? -1 : 1));
        expect(touchOwner).toEqual(ownerTouch);
        if (leads.length === 0) expect(crosses).toBeUndefined();
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
