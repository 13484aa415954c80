// The histogram bucket's integer fast path (durations below 2³² s) is a twin of its definition:
// for every number it must give the same key, as the histogram's Map compares keys (SameValueZero,
// so -0 and 0 are one key).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  bucketOf,
  bucketOfPlain,
  bucketRecord,
  bucketRecordPlain,
} from "../../src/metrics/funnel-accumulator.js";

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

  it("a histogram's buckets as a record are the buckets sorted by key, whatever order they came in", () => {
    // Keys of real durations, and keys a merged aggregate may bring: negative, fractional, past
    // 2^32 − 2 (no longer array indices), NaN.
    const key = fc.oneof(
      fc.nat({ max: 6_000 }),
      fc.constantFrom(-1, -0, 0.5, 4_294_967_294, 4_294_967_295, 2 ** 40, Number.NaN),
      fc.double(),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.double({ noNaN: true })), { maxLength: 12 }), (entries) => {
        const buckets = new Map(entries);
        const fast = bucketRecord(buckets);
        const plain = bucketRecordPlain(buckets);
        expect(Object.entries(fast)).toStrictEqual(Object.entries(plain));
        expect(Object.getPrototypeOf(fast)).toBe(Object.getPrototypeOf(plain));
      }),
      { numRuns: 3_000 },
    );
  });
});
