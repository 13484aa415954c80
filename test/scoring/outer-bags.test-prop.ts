// The boosting's outer bags, from inside: how a bag splits the records (stratified by outcome, as
// the explainable boosting machine draws them) and what a bagged model is (the mean of its bags).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type BoostingSettings, bagSplit, boostAdditive } from "../../src/scoring/fit/additive-boosting.js";
import { createDesign } from "../../src/scoring/fit/logistic-regression.js";
import { seeded } from "./fit-fixtures.js";

const SETTINGS: BoostingSettings = {
  learningRate: 0.1,
  maxRounds: 300,
  patience: 20,
  maxLeaves: 3,
  minLeafRows: 2,
  validationShare: 0.15,
  bags: 1,
  recordsPerRound: 50_000,
};

/** Rows with two features (one ordered, one categorical) and a known additive log-odds. */
function problem(n: number, rate: number, seed: number) {
  const random = seeded(seed);
  const columns = [new Uint8Array(n), new Uint8Array(n)];
  const labels = new Uint8Array(n);
  const base = Math.log(rate / (1 - rate));
  for (let i = 0; i < n; i++) {
    const a = Math.floor(random() * 6);
    const b = Math.floor(random() * 4);
    (columns[0] as Uint8Array)[i] = a;
    (columns[1] as Uint8Array)[i] = b;
    labels[i] = random() < 1 / (1 + Math.exp(-(base + 0.4 * (a - 2.5) + (b === 2 ? 0.8 : 0)))) ? 1 : 0;
  }
  return {
    design: createDesign(columns, labels, [6, 4]),
    rows: Uint32Array.from({ length: n }, (_, i) => i),
  };
}

describe("outer bags", () => {
  it("a bag holds out each outcome's share of the records (within one record), and boosts on all the rest but the held-out slice", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 20, max: 2000 }),
        fc.double({ min: 0.02, max: 0.98, noNaN: true }),
        fc.double({ min: 0, max: 0.6, noNaN: true }),
        fc.integer({ min: 100, max: 2000 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 13 }),
        (n, rate, validationShare, recordsPerRound, seed, bag) => {
          const { design, rows } = problem(n, rate, seed);
          const settings = { ...SETTINGS, validationShare, recordsPerRound };
          const { order, validationCount, trainCount } = bagSplit(rows, design.labels, settings, seed, bag);
          const heldOut = Math.floor(n * validationShare);
          expect(validationCount).toBe(Math.min(heldOut, recordsPerRound));
          expect(trainCount).toBe(n - heldOut);
          expect(order.length).toBe(validationCount + trainCount);
          expect(new Set(order).size).toBe(order.length);
          for (const row of order) expect(row).toBeLessThan(n);
          const wins = (from: number, to: number) => {
            let w = 0;
            for (let q = from; q < to; q++) w += design.labels[order[q] as number] as number;
            return w;
          };
          let all = 0;
          for (let i = 0; i < n; i++) all += design.labels[i] as number;
          // Stratified: the held-out slice's conversions are its share of all conversions, rounded.
          expect(Math.abs(wins(0, validationCount) - (validationCount * all) / n)).toBeLessThanOrEqual(1);
          // Every bag trains on the same number of conversions (the records differ, the rate does not).
          const other = bagSplit(rows, design.labels, settings, seed, bag + 1);
          let otherWins = 0;
          for (let q = other.validationCount; q < other.order.length; q++)
            otherWins += design.labels[other.order[q] as number] as number;
          expect(otherWins).toBe(wins(validationCount, order.length));
        },
      ),
      { numRuns: 100 },
    );
  });

  it("a bag's split depends only on the seed and the bag's number, and bags differ", () => {
    const { design, rows } = problem(2000, 0.3, 4);
    const a = bagSplit(rows, design.labels, SETTINGS, 9, 2);
    expect(bagSplit(rows, design.labels, SETTINGS, 9, 2).order).toEqual(a.order);
    const held = (s: { order: Uint32Array; validationCount: number }) =>
      new Set(s.order.subarray(0, s.validationCount));
    const other = held(bagSplit(rows, design.labels, SETTINGS, 9, 3));
    const overlap = [...held(a)].filter((r) => other.has(r)).length;
    // Two random 15 % slices share about 15 % of their records, not all of them.
    expect(overlap).toBeLessThan(0.4 * a.validationCount);
  });

  it("a bagged boosting's score for every (feature, bin) is the mean of its bags' scores", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 5 }), fc.integer({ min: 0, max: 500 }), (bags, seed) => {
        const { design, rows } = problem(800, 0.35, seed);
        const ordered = [6, 0];
        const bagged = boostAdditive(design, rows, ordered, { ...SETTINGS, bags }, seed, () => {});
        // Bag b of a seed draws what bag 0 of (seed + 7919 b) draws.
        const singles = Array.from({ length: bags }, (_, b) =>
          boostAdditive(design, rows, ordered, SETTINGS, seed + 7919 * b, () => {}),
        );
        expect(bagged.rounds).toEqual(singles.map((s) => s.rounds[0]));
        for (let j = 0; j < design.params; j++) {
          const mean = singles.reduce((sum, s) => sum + (s.scores[j] as number), 0) / bags;
          expect(bagged.scores[j]).toBeCloseTo(mean, 10);
        }
      }),
      { numRuns: 8 },
    );
  });
});
