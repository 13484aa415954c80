import { describe, expect, it } from "vitest";
import * as z from "zod";
import {
  capIssues,
  dataRecord,
  describeValue,
  getOwn,
  INPUT_LIMITS,
  issue,
  listValues,
  quoteValue,
  setOwn,
} from "../../src/internal/index.js";

describe("describeValue", () => {
  it("describes any value without calling its methods, in a bounded length", () => {
    expect(describeValue({ toString: 1 })).toBe("an object");
    expect(describeValue(Number.NaN)).toBe("NaN");
    expect(describeValue(new Date(Number.NaN))).toBe("an Invalid Date");
    expect(describeValue([1, 2])).toBe("an array of 2 items");
    expect(describeValue("x".repeat(1_000_000)).length).toBeLessThan(120);
    expect(quoteValue("lead")).toBe('"lead"');
    expect(quoteValue(7)).toBe("(the number 7)");
  });
});

describe("listValues", () => {
  it("names at most 20 values, then how many more, reading only those it names", () => {
    expect(listValues(["a", "b"])).toBe("a, b");
    expect(listValues([])).toBe("(none)");
    const many = new Set(Array.from({ length: 1_000 }, (_, i) => `v${i}`));
    expect(listValues(many)).toMatch(/^v0, v1, .*v19, … and 980 more$/);
  });
});

describe("capIssues", () => {
  it("keeps the first 100 issues and says how many more there were", () => {
    const issues = Array.from({ length: 250 }, (_, i) => issue("c", [i], "m"));
    const capped = capIssues(issues);
    expect(capped).toHaveLength(INPUT_LIMITS.issues + 1);
    expect(capped.at(-1)).toMatchObject({
      code: "too_many_issues",
      message: expect.stringContaining("150 more"),
    });
    expect(capIssues(issues.slice(0, 3))).toHaveLength(3);
  });
});

describe("dataRecord", () => {
  const schema = dataRecord(z.string().min(1), z.number(), 3);

  it("keeps __proto__ as an own key in its place, and validates its value", () => {
    const parsed = schema.parse(JSON.parse('{"a": 1, "__proto__": 2, "b": 3}'));
    expect(Object.keys(parsed)).toEqual(["a", "__proto__", "b"]);
    expect(getOwn(parsed, "__proto__")).toBe(2);
    expect(schema.safeParse(JSON.parse('{"__proto__": "x"}')).error?.issues[0]?.path).toEqual(["__proto__"]);
    expect(schema.optional().parse(undefined)).toBeUndefined();
  });

  it("refuses more keys than its maximum before reading a value", () => {
    const result = schema.safeParse({ a: 1, b: 2, c: 3, d: "never read" });
    expect(result.error?.issues).toEqual([expect.objectContaining({ code: "too_big", maximum: 3 })]);
  });

  it("reads and writes own keys only", () => {
    const record: Record<string, number> = {};
    setOwn(record, "__proto__", 1);
    setOwn(record, "constructor", 2);
    expect(Object.keys(record)).toEqual(["__proto__", "constructor"]);
    expect(getOwn({}, "toString")).toBeUndefined();
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
  });
});
