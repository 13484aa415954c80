import fc from "fast-check";
import { findFirstResponse, LEAD_STAGES, type Lead } from "leadkit";
import {
  computeFunnelAggregate,
  emptyFunnelAggregate,
  FUNNEL_DIMENSIONS,
  type FunnelOptions,
  type FunnelSegmentSummary,
  findResponseBreaches,
  mergeFunnelAggregates,
  projectFunnelRow,
  renderSegmentTable,
  safeComputeFunnelAggregate,
  summarizeFunnel,
  summarizeTeam,
} from "leadkit/metrics";
import { describe, expect, it } from "vitest";
import { funnelLead } from "./fixtures.js";

const leadArb: fc.Arbitrary<Lead> = fc
  .record({
    start: fc.constantFrom(...LEAD_STAGES),
    path: fc.array(fc.tuple(fc.constantFrom(...LEAD_STAGES), fc.integer({ min: -1, max: 400 })), {
      maxLength: 6,
    }),
    createdAt: fc.date({
      min: new Date("2020-01-01T00:00:00Z"),
      max: new Date("2030-12-31T00:00:00Z"),
      noInvalidDate: true,
    }),
    source: fc.option(fc.constantFrom("organic", "social", "ads", "__proto__", "constructor"), {
      nil: undefined,
    }),
    owner: fc.option(fc.constantFrom("u-ana", "u-bruno", "u-carmen"), { nil: null }),
    generatedBy: fc.option(fc.constantFrom("u-ana", "u-bruno"), { nil: null }),
    industry: fc.option(fc.constantFrom("software", "retail"), { nil: undefined }),
    interestLevel: fc.constantFrom("unknown", "low", "medium", "high" as const),
    expectedRevenue: fc.option(fc.double({ min: 0, max: 1e6, noNaN: true }), { nil: undefined }),
    capturedFrom: fc.option(fc.constantFrom("google", "newsletter", "__proto__"), { nil: undefined }),
    touches: fc.array(
      fc.tuple(fc.integer({ min: -60, max: 600_000 }), fc.constantFrom("google", "linkedin", "toString")),
      { maxLength: 3 },
    ),
    calls: fc.array(fc.tuple(fc.integer({ min: -60, max: 100_000 }), fc.constantFrom("u-ana", "u-bruno")), {
      maxLength: 3,
    }),
  })
  .map((spec) => funnelLead(spec));

const leadsArb = fc.array(leadArb, { maxLength: 40 });

const options: FunnelOptions = {
  originOf: (lead) =>
    lead.generatedBy === null ? "passive" : lead.generatedBy === lead.owner ? "active" : null,
  probabilityOf: (lead) => (lead.id.length % 3 === 0 ? null : (lead.id.length % 11) / 10),
  costs: { organic: 49.99, social: 80, ads: 0.1, constructor: 3 },
};

const segmentsOf = (leads: readonly Lead[]): FunnelSegmentSummary[] => {
  const summary = summarizeFunnel(computeFunnelAggregate(leads, options));
  return [summary.total, ...FUNNEL_DIMENSIONS.flatMap((d) => summary.segments[d] ?? [])];
};

describe("funnel laws", () => {
  it("per-stage counts never increase along the funnel", () => {
    fc.assert(
      fc.property(leadsArb, (leads) => {
        for (const s of segmentsOf(leads)) {
          s.stages.forEach((stage, i) => {
            expect(stage.reached).toBeLessThanOrEqual(i === 0 ? s.leads : (s.stages[i - 1]?.reached ?? 0));
          });
        }
      }),
    );
  });

  it("segment counts partition the total in every dimension", () => {
    fc.assert(
      fc.property(leadsArb, (leads) => {
        const aggregate = computeFunnelAggregate(leads, options);
        for (const d of FUNNEL_DIMENSIONS) {
          const parts = Object.values(aggregate.segments[d] ?? {});
          expect(parts.reduce((n, c) => n + c.leads, 0)).toBe(aggregate.total.leads);
          expect(parts.reduce((n, c) => n + c.won, 0)).toBe(aggregate.total.won);
          expect(parts.reduce((n, c) => n + c.reached.prospect, 0)).toBe(aggregate.total.reached.prospect);
        }
      }),
    );
  });

  it("every rate is in [0, 1] or null", () => {
    fc.assert(
      fc.property(leadsArb, (leads) => {
        const inRange = (r: number | null) => r === null || (r >= 0 && r <= 1);
        for (const s of segmentsOf(leads)) {
          const rates = [s.endToEndConversion, s.leadToCustomerConversion, s.winRate, s.passiveShare];
          for (const stage of s.stages) {
            rates.push(stage.conversionFromPrevious, stage.conversionFromStart, stage.dropOffRate);
          }
          expect(rates.every(inRange)).toBe(true);
        }
        const team = summarizeTeam(summarizeFunnel(computeFunnelAggregate(leads, options)));
        expect(
          team.members.every((m) => inRange(m.passiveShare) && inRange(m.leadToCustomerConversion)),
        ).toBe(true);
      }),
    );
  });

  it("merging the aggregates of two partitions equals the aggregate of the whole", () => {
    fc.assert(
      fc.property(leadsArb, fc.nat(), (leads, cut) => {
        const at = leads.length === 0 ? 0 : cut % (leads.length + 1);
        const merged = mergeFunnelAggregates(
          computeFunnelAggregate(leads.slice(0, at), options),
          computeFunnelAggregate(leads.slice(at), options),
        );
        expect(merged).toEqual(computeFunnelAggregate(leads, options));
        expect(JSON.stringify(merged)).toBe(JSON.stringify(computeFunnelAggregate(leads, options)));
      }),
    );
  });

  it("merge is associative and commutative, with the empty aggregate as identity", () => {
    const aggregateArb = leadsArb.map((leads) => computeFunnelAggregate(leads, options));
    fc.assert(
      fc.property(aggregateArb, aggregateArb, aggregateArb, (a, b, c) => {
        expect(mergeFunnelAggregates(mergeFunnelAggregates(a, b), c)).toEqual(
          mergeFunnelAggregates(a, mergeFunnelAggregates(b, c)),
        );
        expect(mergeFunnelAggregates(a, b)).toEqual(mergeFunnelAggregates(b, a));
        expect(mergeFunnelAggregates(emptyFunnelAggregate(), a)).toEqual(a);
        expect(mergeFunnelAggregates(a, emptyFunnelAggregate())).toEqual(a);
      }),
    );
  });

  it("the mean time to close is exact and median and p90 are within 1/128 of the exact nearest rank", () => {
    fc.assert(
      fc.property(leadsArb, (leads) => {
        const exact = leads
          .map((lead) => projectFunnelRow(lead).seconds_to_close)
          .filter((s): s is number => s !== null)
          .sort((a, b) => a - b);
        const { timeToClose } = summarizeFunnel(computeFunnelAggregate(leads)).total;
        expect(timeToClose.count).toBe(exact.length);
        if (exact.length === 0) return;
        const day = 86_400;
        expect(timeToClose.meanDays).toBe(exact.reduce((a, b) => a + b, 0) / exact.length / day);
        for (const [q, got] of [
          [0.5, timeToClose.medianDays],
          [0.9, timeToClose.p90Days],
        ] as const) {
          const want = exact[Math.max(1, Math.ceil(q * exact.length)) - 1] ?? 0;
          expect(Math.abs((got ?? 0) * day - want)).toBeLessThanOrEqual(want / 128 + 1e-6);
        }
      }),
    );
  });

  it("inputs are never mutated", () => {
    fc.assert(
      fc.property(leadsArb, (leads) => {
        const before = structuredClone(leads);
        const a = computeFunnelAggregate(leads, options);
        const b = computeFunnelAggregate(leads.slice(0, 3), options);
        const aBefore = structuredClone(a);
        const bBefore = structuredClone(b);
        const summary = summarizeFunnel(mergeFunnelAggregates(a, b));
        const summaryBefore = structuredClone(summary);
        summarizeTeam(summary, { users: ["u-zoe"] });
        expect(leads).toEqual(before);
        expect(a).toEqual(aBefore);
        expect(b).toEqual(bBefore);
        expect(summary).toEqual(summaryBefore);
      }),
    );
  });

  it("safeComputeFunnelAggregate returns issues, never throws, for any JSON value as a lead", () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { maxLength: 5 }), (values) => {
        const r = safeComputeFunnelAggregate(values as unknown as Lead[], options);
        expect(r.ok).toBe(values.length === 0);
      }),
      { numRuns: 2000 },
    );
  });

  it("a Markdown segment table keeps one row per segment and one cell per column, whatever the keys", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ unit: "grapheme", minLength: 1 }), { minLength: 1, maxLength: 8 }),
        (sources) => {
          const summary = summarizeFunnel(
            computeFunnelAggregate(
              sources.map((source) => funnelLead({ source })),
              { dimensions: ["source"] },
            ),
          );
          const rows = renderSegmentTable(summary, { dimension: "source", columns: ["leads", "won"] }).split(
            "\n",
          );
          expect(rows).toHaveLength(sources.length + 2);
          for (const row of rows.slice(2)) expect(row.split(/(?<!\\)\|/)).toHaveLength(5);
          const keys = rows
            .slice(2)
            .map((r) => (r.split(/(?<!\\)\|/)[1] ?? "").trim().replace(/\\(.)/g, "$1"));
          // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters render as spaces.
          const shown = (k: string) => k.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, " ").trim();
          expect(keys.sort()).toEqual(sources.map(shown).sort());
        },
      ),
    );
  });

  it("speed to lead counts exactly the leads with an owner's response, and its p50 never exceeds its p90", () => {
    fc.assert(
      fc.property(leadsArb, (leads) => {
        const summary = summarizeFunnel(computeFunnelAggregate(leads, options));
        const answered = leads.filter((l) => findFirstResponse(l) !== null).length;
        expect(summary.total.timeToFirstResponse.count).toBe(answered);
        for (const s of segmentsOf(leads)) {
          const t = s.timeToFirstResponse;
          if (t.count > 0) expect(t.medianDays ?? 0).toBeLessThanOrEqual(t.p90Days ?? 0);
        }
      }),
    );
  });

  it("a lead breaches its target exactly when its response, or the wait until now, took longer", () => {
    fc.assert(
      fc.property(
        leadsArb,
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 0, max: 4000 }),
        (leads, target, days) => {
          const unique = leads.map((l, i) => ({ ...l, id: `l${i}` }));
          const now = new Date(Date.UTC(2020, 0, 1) + days * 86_400_000);
          const result = findResponseBreaches(unique, { now, targets: { defaultMinutes: target } });
          if (!result.ok) throw new Error(result.issues[0]?.message);
          const expected = unique.filter((lead) => {
            if (lead.createdAt.getTime() > now.getTime()) return false;
            const until = findFirstResponse(lead)?.at.getTime() ?? now.getTime();
            return Math.floor((until - lead.createdAt.getTime()) / 60_000) > target;
          });
          expect(result.value.map((b) => b.leadId)).toEqual(expected.map((l) => l.id));
        },
      ),
    );
  });

  it("findResponseBreaches returns issues, never throws, for any JSON value as options or lead", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (options, lead) => {
        const r = findResponseBreaches([lead as never], options as never);
        expect(typeof r.ok).toBe("boolean");
        const r2 = findResponseBreaches([lead as never], { now: new Date(), targets: { defaultMinutes: 5 } });
        expect(r2.ok).toBe(false);
      }),
    );
  });
});
