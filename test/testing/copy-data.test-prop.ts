import * as fc from "fast-check";
import { describe, expect, test } from "vitest";
import { copyData } from "../../src/testing/copy-data.js";

// Stored data as the ports hold it: JSON values and Dates, with keys that are data ("__proto__",
// "constructor") and null-prototype objects.
const key = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom("__proto__", "constructor", "toString"));
const { data } = fc.letrec((tie) => ({
  data: fc.oneof(
    { depthSize: "small" },
    fc.oneof(fc.string(), fc.double(), fc.integer(), fc.boolean(), fc.constant(null)),
    fc.date({ noInvalidDate: true }),
    fc.array(tie("data"), { maxLength: 4 }),
    fc.tuple(fc.array(fc.tuple(key, tie("data")), { maxLength: 4 }), fc.boolean()).map(([entries, bare]) => {
      const object: Record<string, unknown> = bare ? Object.create(null) : {};
      for (const [k, v] of entries)
        Object.defineProperty(object, k, { value: v, enumerable: true, writable: true, configurable: true });
      return object;
    }),
  ),
}));

/** Every object and Date reachable from a value. */
function objects(value: unknown, into = new Set<object>()): Set<object> {
  if (typeof value !== "object" || value === null) return into;
  into.add(value);
  for (const k of Object.keys(value)) objects((value as Record<string, unknown>)[k], into);
  return into;
}

describe("copyData (the in-memory stores' copy)", () => {
  test("a copy has its source's shape, keys, prototypes and dates, and shares no object or Date with its source", () => {
    fc.assert(
      fc.property(data, (value) => {
        const copy = copyData(value);
        expect(shape(copy)).toEqual(shape(value));
        expect(shape(structuredClone(copy))).toEqual(shape(structuredClone(value)));
        const mine = objects(copy);
        for (const o of objects(value)) expect(mine.has(o)).toBe(false);
      }),
    );
  });

  test("a __proto__ key stays an own property and never becomes the copy's prototype", () => {
    const value = JSON.parse('{"attributes":{"__proto__":{"polluted":true}}}') as {
      attributes: Record<string, unknown>;
    };
    const copy = copyData(value);
    expect(Object.getPrototypeOf(copy.attributes)).toBe(Object.prototype);
    expect(Object.hasOwn(copy.attributes, "__proto__")).toBe(true);
    expect((copy.attributes as { polluted?: unknown }).polluted).toBeUndefined();
  });

  test("a value structuredClone cannot copy throws as it does", () => {
    expect(() => copyData({ f: () => 1 })).toThrow();
    expect(() => copyData([Symbol("s")])).toThrow();
    const map = new Map([["a", { b: 1 }]]);
    const copied = copyData({ map });
    expect(copied.map).toEqual(map);
    expect(copied.map).not.toBe(map);
  });
});

/** A value spelt out for comparison: each object's prototype (plain or none), keys in order, Dates as times. */
function shape(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return { scalar: value };
  if (value instanceof Date) return { date: value.getTime() };
  if (Array.isArray(value)) return { array: value.map(shape) };
  return {
    prototype: Object.getPrototypeOf(value) === null ? "none" : "Object",
    entries: Object.keys(value).map((k) => [k, shape((value as Record<string, unknown>)[k])]),
  };
}
