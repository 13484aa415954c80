import { describe, expect, it } from "vitest";
import { roundCents } from "../../src/scoring/predictive/predict-probability.js";
import { SAMPLES, TIES_ROUNDED_UP } from "./python-round-table.js";

/** What leadkit did before: halves to even on x · 100 as a double (PostgreSQL's round(float8)). */
function halfEvenOnProduct(x: number): number {
  const scaled = x * 100;
  let rounded = Math.round(scaled);
  if (rounded - scaled === 0.5 && rounded % 2 !== 0) rounded -= 1;
  return rounded / 100;
}

describe("probabilities are rounded as Python's round(x, 2)", () => {
  it("on every n/1000 for n ≤ 100,000 (a table Python wrote)", () => {
    let differedBefore = 0;
    for (let n = 0; n <= 100_000; n++) {
      const x = n / 1000;
      let expected: number;
      if (n % 10 !== 5) expected = Math.round(n / 10) / 100;
      else {
        const i = (n - 5) / 10;
        const up = (Number.parseInt(TIES_ROUNDED_UP[i >> 2] as string, 16) >> (i & 3)) & 1;
        expected = (Math.floor(n / 10) + up) / 100;
      }
      expect(roundCents(x)).toBe(expected);
      if (halfEvenOnProduct(x) !== expected) differedBefore++;
    }
    // The count: the old rounding was wrong on 4,227 of them (0.005, 0.015, …).
    expect(differedBefore).toBe(4227);
  });

  it("on doubles a few ulps from a half cent, and uniform ones", () => {
    for (const [x, rounded] of SAMPLES) expect(roundCents(Number(x)), x).toBe(Number(rounded));
  });

  it("on exact ties (odd eighths), to the even cent, either sign", () => {
    expect([0.125, 0.375, 0.625, 0.875, 12.125, -0.125, -0.375].map(roundCents)).toEqual([
      0.12, 0.38, 0.62, 0.88, 12.12, -0.12, -0.38,
    ]);
    expect(Object.is(roundCents(-0.001), -0)).toBe(false);
  });
});
