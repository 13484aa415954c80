import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as z from "zod";
import { createDataRecordScan, dataRecord } from "../../src/internal/index.js";

// The scan decides between zod's generated code and the schema's own parser, so it must flag every
// data record only the record's parser handles. Here it is held to the plain definition — more own
// enumerable string keys than the limit (Object.keys), or an own enumerable `__proto__` — on JSON
// values: flagged exactly when the plain definition flags some record.
const LIMIT = 3;
const record = dataRecord(z.string(), z.number(), LIMIT);
const schema = z.object({ r: record.optional(), xs: z.array(z.object({ d: record.optional() })) });

const plainNeedsOwnParser = (value: unknown): boolean =>
  value !== null &&
  typeof value === "object" &&
  !Array.isArray(value) &&
  (Object.keys(value).length > LIMIT ||
    (Object.hasOwn(value, "__proto__") && Object.prototype.propertyIsEnumerable.call(value, "__proto__")));

const recordArb = fc
  .tuple(
    fc.dictionary(fc.constantFrom("a", "b", "c", "d", "e", "constructor", "toString"), fc.integer(), {
      maxKeys: 5,
    }),
    fc.boolean(),
  )
  // An own __proto__ key as JSON.parse makes it.
  .map(([keys, proto]) =>
    proto ? JSON.parse(`{"__proto__":1,${JSON.stringify(keys).slice(1)}`.replace(",}", "}")) : keys,
  );

describe("data record scan laws", () => {
  it("the scan flags an input exactly when one of its data records has more keys than the limit or an own __proto__", () => {
    const scan = createDataRecordScan(schema);
    fc.assert(
      fc.property(
        fc.option(recordArb, { nil: undefined }),
        fc.array(fc.option(recordArb, { nil: undefined }), { maxLength: 4 }),
        (r, ds) => {
          const input = JSON.parse(JSON.stringify({ xs: ds.map((d) => (d === undefined ? {} : { d: 0 })) }));
          // Records are put in place after JSON.parse so their own __proto__ keys survive.
          if (r !== undefined) input.r = r;
          ds.forEach((d, k) => {
            if (d !== undefined) input.xs[k].d = d;
          });
          const expected = [r, ...ds].some(plainNeedsOwnParser);
          expect(scan?.(input)).toBe(expected);
        },
      ),
      { numRuns: 500 },
    );
  });
});
