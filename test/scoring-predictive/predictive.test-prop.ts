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
import type { PredictiveFactorTable } from "../../src/scoring/predictive/build-predictive-model.js";
import { listFactors, roundCents } from "../../src/scoring/predictive/predict-probability.js";
import { valueKeys } from "../../src/scoring/predictive/read-predictive-record.js";

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

  it("a probability is the one the explanation multiplies out, whatever the tags: repeats, empties, any order", () => {
    // minSupport 0: every seen tag has a factor, so leads carry several and the order matters.
    const tagSetup = leadPredictiveSetup([
      { name: "country" },
      { name: "emailState", countEmpty: true },
      { name: "tags", multiple: true, countEmpty: true, minSupport: 0 },
    ]);
    const model = buildPredictiveModel(tagSetup, fitPredictiveStats(tagSetup, closedPool).stats);
    const seen = [...new Set(closedPool.flatMap((l) => l.tags))];
    const tag = fc.oneof(fc.constantFrom(...seen, ""), fc.string({ maxLength: 4 }));
    fc.assert(
      fc.property(fc.constantFrom(...openPool), fc.array(tag, { maxLength: 8 }), (lead, tags) => {
        const withTags = { ...lead, tags };
        const e = explainPrediction(model, withTags);
        if (!e.ok) throw new Error(e.issues[0]?.message);
        expect(predictProbability(model, withTags)).toEqual({ ok: true, value: e.value.probability });
      }),
    );
  });
});

describe("list factor laws", () => {
  it("a list's factors are those of its sorted distinct keys that have one, in that order", () => {
    // Keys that sort apart by code unit (case, accents, digits, a surrogate), some with a factor.
    const vocabulary = ["a", "B", "b", "ä", "10", "9", "", "zz", "\ud83d\ude00", "\uffff"];
    const factorOf = (k: string): PredictiveFactorTable => ({
      won: 1,
      lost: 1,
      pWon: vocabulary.indexOf(k) + 1,
      pLost: 1,
      score: 0.5,
    });
    fc.assert(
      fc.property(
        fc.subarray(vocabulary),
        fc.array(fc.oneof(fc.constantFrom(...vocabulary), fc.integer({ min: 0, max: 12 })), {
          maxLength: 10,
        }),
        (withFactor, list) => {
          const values = new Map(withFactor.map((k) => [k, factorOf(k)]));
          const field = { name: "tags", multiple: true, countEmpty: false };
          const keys = valueKeys(list, field);
          if (keys === "list") throw new Error("a multiple field takes lists");
          const expected = keys.flatMap((k) => values.get(k) ?? []);
          const found = listFactors(values, list);
          if (found === undefined) expect(list.every((v) => String(v) === "")).toBe(true);
          else if (found === null) expect(expected).toEqual([]);
          else expect(Array.isArray(found) ? found : [found]).toStrictEqual(expected);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe("rounding laws", () => {
  it("rounding to cents gives the decimal toFixed(2) gives, except on exact ties (odd eighths)", () => {
    const nearHalfCent = fc
      .tuple(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.integer({ min: -64, max: 64 }))
      .map(([cents, ulps]) => {
        let x = (cents + 0.5) / 100;
        for (let i = 0; i < Math.abs(ulps); i++) x = ulps > 0 ? nextUp(x) : -nextUp(-x);
        return x;
      });
    fc.assert(
      fc.property(
        fc.oneof(fc.double({ noNaN: true }), fc.double({ min: -200, max: 200 }), nearHalfCent),
        (x) => {
          const eighths = x * 8;
          fc.pre(!(Number.isInteger(eighths) && eighths % 2 !== 0));
          expect(Object.is(roundCents(x), Number(x.toFixed(2)) + 0)).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

/** The next double above x (x finite). */
function nextUp(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  view.setBigUint64(0, x > 0 ? bits + 1n : bits - 1n);
  return view.getFloat64(0);
}

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
