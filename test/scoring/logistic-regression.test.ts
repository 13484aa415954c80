// The scorecard's solver, from inside: the dense Newton fit and the block fit used for many bins
// reach the same optimum, and the dense fit recovers from an overshooting start.
import { describe, expect, it } from "vitest";
import {
  createDesign,
  fitLogistic,
  fitLogisticByBlocks,
  meanLogLoss,
} from "../../src/scoring/fit/logistic-regression.js";
import { seeded } from "./fit-fixtures.js";

function problem(n: number, bins: readonly number[], seed: number) {
  const random = seeded(seed);
  const columns = bins.map(() => new Uint8Array(n));
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let eta = -0.4;
    bins.forEach((b, f) => {
      const v = Math.floor(random() * b);
      (columns[f] as Uint8Array)[i] = v;
      eta += ((v % 5) - 2) * 0.3;
    });
    labels[i] = random() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
  }
  const rows = Uint32Array.from({ length: n }, (_, i) => i);
  return { design: createDesign(columns, labels, bins), rows };
}

describe("the scorecard's L2 logistic regression", () => {
  it("reaches the same optimum by dense Newton steps and by cyclic block steps", () => {
    const { design, rows } = problem(3000, [6, 9, 4], 3);
    const dense = fitLogistic(design, rows, 2);
    const blocks = fitLogisticByBlocks(design, rows, 2, undefined, 5000);
    const logit = (beta: Float64Array, i: number) =>
      design.columns.reduce(
        (s, c, f) => s + (beta[(design.offsets[f] as number) + (c[i] as number)] as number),
        beta[0] as number,
      );
    for (let i = 0; i < 200; i++) expect(logit(blocks, i)).toBeCloseTo(logit(dense, i), 4);
    expect(meanLogLoss(design, blocks, rows)).toBeCloseTo(meanLogLoss(design, dense, rows), 8);
  });

  it("fits a model with many bins (over 800 parameters) by block steps", () => {
    const { design, rows } = problem(4000, [240, 240, 240, 200], 5);
    expect(design.params).toBeGreaterThan(800);
    const beta = fitLogistic(design, rows, 1);
    const base = meanLogLoss(
      design,
      Float64Array.from({ length: design.params }, (_, j) => (j === 0 ? (beta[0] as number) : 0)),
      rows,
    );
    expect(meanLogLoss(design, beta, rows)).toBeLessThan(base);
  });

  it("halves a step that overshoots, from a start far off", () => {
    const { design, rows } = problem(2000, [5, 5], 9);
    const far = new Float64Array(design.params).fill(8);
    const fromFar = fitLogistic(design, rows, 0.5, far);
    const fromZero = fitLogistic(design, rows, 0.5);
    expect(meanLogLoss(design, fromFar, rows)).toBeCloseTo(meanLogLoss(design, fromZero, rows), 7);
  });
});
