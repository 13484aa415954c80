// The histogram bucket's integer fast path (durations below 2³² s) is a twin of its definition:
// for every number it must give the same key, as the histogram's Map compares keys (SameValueZero,
// so -0 and 0 are one key).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bucketOf, bucketOfPlain } from "../../src/metrics/funnel-accumulator.js";

const sameKey = (x: number): void => {
  expect(bucketOf(x) + 0).toBe(bucketOfPlain(x) + 0);
};

describe("duration buckets", () => {
  it("the fast bucket of a duration is the bucket by definition, for any number", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.nat({ max: 0xffff_ffff }),
          fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
          fc.integer({ min: -1_000, max: 1_000 }),
          fc.double({ min: -1, max: 2 ** 33 }),
          fc.double(),
          // Around every power of two below and just above 2³², where the shift changes.
          fc
            .tuple(fc.integer({ min: 0, max: 33 }), fc.integer({ min: -2, max: 2 }))
            .map(([k, d]) => 2 ** k + d),
        ),
        sameKey,
      ),
      { numRuns: 5_000 },
    );
  });

  it("every duration below 2¹⁶ s gets the bucket by definition", () => {
    const differ: number[] = [];
    for (let s = 0; s < 2 ** 16; s++) if (bucketOf(s) !== bucketOfPlain(s)) differ.push(s);
    expect(differ).toEqual([]);
  });
});
