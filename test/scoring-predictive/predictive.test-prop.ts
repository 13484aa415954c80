import * as fc from "fast-check";
import type { Lead } from "leadkit";
import {
  buildPredictiveModel,
  evaluateScores,
  explainPrediction,
  fitPredictiveStats,
  leadPredictiveSetup,
  mergePredictiveStats,
  type PredictiveStats,
  predictProbability,
  rocAuc,
  safeRocAuc,
  updatePredictiveStats,
} from "leadkit/scoring";
import { generateLeads } from "leadkit/testing";
import { describe, expect, it } from "vitest";

const setup = leadPredictiveSetup();
const pool = generateLeads({ seed: 42, count: 400 });
const closedPool = pool.filter((l) => setup.adapter.outcome(l) !== "open");
const openPool = pool.filter((l) => setup.adapter.outcome(l) === "open");
const fitOf = (leads: readonly Lead[]) => fitPredictiveStats(setup, leads).stats;

const sample = (from: readonly Lead[], max: number) =>
  fc
    .array(fc.integer({ min: 0, max: from.length - 1 }), { maxLength: max })
    .map((is) => is.map((i) => from[i] as Lead));

const tagged = (lead: Lead, i: number): Lead => ({ ...lead, tags: i % 3 === 0 ? ["fair", "vip"] : ["fair"] });

describe("predictive model laws", () => {
  it("merging the fits of two partitions equals fitting them together", () => {
    fc.assert(
      fc.property(sample(pool, 120), sample(pool, 120), (a, b) => {
        expect(mergePredictiveStats(fitOf(a), fitOf(b))).toEqual(fitOf([...a, ...b]));
      }),
    );
  });

  it("the order of the history does not change a rebuild", () => {
    fc.assert(
      fc.property(sample(pool, 150), fc.integer(), (leads, seed) => {
        const shuffled =
          fc.sample(fc.shuffledSubarray(leads, { minLength: leads.length }), { seed, numRuns: 1 })[0] ?? [];
        const reversedHistories = shuffled.map((l) => ({ ...l, history: [...l.history].reverse() }));
        expect(fitOf(reversedHistories)).toEqual(fitOf(leads));
      }),
    );
  });

  it("a live update then reopening returns to the previous tables exactly", () => {
    fc.assert(
      fc.property(
        sample(closedPool, 80),
        fc.integer({ min: 0, max: closedPool.length - 1 }),
        (history, k) => {
          const before = fitOf(history.map(tagged));
          const lead = tagged(closedPool[k] as Lead, k);
          const outcome = setup.adapter.outcome(lead) as "won" | "lost";
          const closed = updatePredictiveStats(setup, before, { type: outcome, record: lead });
          if (!closed.ok) throw new Error(closed.issues[0]?.message);
          const reopened = updatePredictiveStats(setup, closed.value, {
            type: "reopened",
            from: outcome,
            record: lead,
          });
          expect(reopened).toEqual({ ok: true, value: before });
        },
      ),
    );
  });

  it("live updates one by one equal a full rebuild", () => {
    fc.assert(
      fc.property(sample(closedPool, 60), (history) => {
        let stats: PredictiveStats = { cells: [] };
        for (const lead of history) {
          const r = updatePredictiveStats(setup, stats, {
            type: setup.adapter.outcome(lead) as "won" | "lost",
            record: lead,
          });
          if (r.ok) stats = r.value;
        }
        expect(stats).toEqual(fitOf(history));
      }),
    );
  });

  it("an open lead's probability stays within 0.01–99.99, a won lead is 100 and a lost one 0", () => {
    fc.assert(
      fc.property(sample(closedPool, 150), fc.integer({ min: 0, max: pool.length - 1 }), (history, k) => {
        const model = buildPredictiveModel(setup, fitOf(history));
        const lead = pool[k] as Lead;
        const r = predictProbability(model, lead);
        const outcome = setup.adapter.outcome(lead);
        if (outcome === "won") expect(r).toEqual({ ok: true, value: 100 });
        else if (outcome === "lost") expect(r).toEqual({ ok: true, value: 0 });
        else if (r.ok) {
          expect(r.value).toBeGreaterThanOrEqual(0.01);
          expect(r.value).toBeLessThanOrEqual(99.99);
          expect(Math.round(r.value * 100) / 100).toBe(r.value);
        } else expect(r.issues[0]?.code).toBe("prior_unavailable");
      }),
    );
  });

  it("an explanation's positive factors score above 0.5 and its negative ones below, three at most", () => {
    const model = buildPredictiveModel(setup, fitOf(closedPool));
    fc.assert(
      fc.property(fc.constantFrom(...openPool), (lead) => {
        const e = explainPrediction(model, lead);
        if (!e.ok) throw new Error(e.issues[0]?.message);
        expect(e.value.positive.length).toBeLessThanOrEqual(3);
        expect(e.value.negative.length).toBeLessThanOrEqual(3);
        for (const f of e.value.positive) expect(f.score).toBeGreaterThan(0.5);
        for (const f of e.value.negative) expect(f.score).toBeLessThan(0.5);
        expect(predictProbability(model, lead)).toEqual({ ok: true, value: e.value.probability });
      }),
    );
  });
});

describe("evaluation laws", () => {
  const labelled = fc.array(fc.record({ score: fc.integer({ min: 0, max: 20 }), converted: fc.boolean() }), {
    minLength: 1,
    maxLength: 60,
  });

  it("ROC AUC stays within 0–1 and reversing the scores mirrors it", () => {
    fc.assert(
      fc.property(labelled, (ls) => {
        const auc = rocAuc(ls);
        const mirrored = rocAuc(ls.map((l) => ({ ...l, score: -l.score })));
        if (auc === null) expect(mirrored).toBeNull();
        else {
          expect(auc).toBeGreaterThanOrEqual(0);
          expect(auc).toBeLessThanOrEqual(1);
          expect(auc + (mirrored ?? Number.NaN)).toBeCloseTo(1, 10);
        }
      }),
    );
  });

  it("ROC AUC always returns: any double, NaN and infinities included, gives a value or issues", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ score: fc.double(), converted: fc.boolean() }), { maxLength: 40 }),
        (ls) => {
          const r = safeRocAuc(ls);
          expect(r.ok).toBe(ls.every((l) => Number.isFinite(l.score)));
          if (!r.ok) expect(r.issues.every((i) => i.code === "invalid_score")).toBe(true);
        },
      ),
    );
  });

  it("score groups count every record once and the Brier score stays within 0–1", () => {
    fc.assert(
      fc.property(labelled, (ls) => {
        const r = evaluateScores(ls, { probabilityScale: 20 });
        if (!r.ok) throw new Error(r.issues[0]?.message);
        expect(r.value.groups.reduce((n, g) => n + g.count, 0)).toBe(ls.length);
        expect(r.value.calibration?.bins.reduce((n, b) => n + b.count, 0)).toBe(ls.length);
        expect(r.value.calibration?.brierScore).toBeGreaterThanOrEqual(0);
        expect(r.value.calibration?.brierScore).toBeLessThanOrEqual(1);
      }),
    );
  });
});
