import { describeValue, type Issue, issue } from "../internal/index.js";

/**
 * @internal An `invalid_type` issue when `value` is not an array (of `what`), else null: the first
 * check of every Result-returning function that takes a list, so JSON's null, numbers, strings and
 * objects get an issue rather than a TypeError.
 */
export function notArrayIssue(
  value: unknown,
  path: readonly (string | number)[],
  what: string,
): Issue | null {
  return Array.isArray(value)
    ? null
    : issue("invalid_type", path, `Expected an array of ${what}; got ${describeValue(value)}`);
}

/** @internal An `invalid_type` issue when `value` is neither undefined nor a plain object, else null. */
export function notOptionsIssue(
  value: unknown,
  path: readonly (string | number)[],
  what: string,
): Issue | null {
  return value === undefined || isObject(value)
    ? null
    : issue("invalid_type", path, `Expected ${what} as an object; got ${describeValue(value)}`);
}

/**
 * @internal An `invalid_type` issue when `value` is not an iterable of records (an array, a Set, a
 * generator…), else null. A string is iterable but is one value, not records: it gets the issue.
 */
export function notIterableIssue(value: unknown, what: string): Issue | null {
  const iterable =
    typeof value === "object" &&
    value !== null &&
    typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === "function";
  return iterable
    ? null
    : issue(
        "invalid_type",
        [],
        `Expected an iterable (such as an array) of ${what}; got ${describeValue(value)}`,
      );
}

/** @internal Whether a value is a non-null, non-array object. */
export function isObject(value: unknown): value is object {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * @internal An issue when an optional numeric option is present but not a whole number from `min`
 * to `max` (`invalid_type` for a non-number, `too_small`/`too_big` out of range), else null: counts
 * such as groups or resamples drive loops, so 1e300 from JSON must not run for ever.
 */
export function countOptionIssue(
  value: unknown,
  path: readonly (string | number)[],
  min: number,
  max: number,
): Issue | null {
  if (value === undefined) return null;
  const expected = `expected a whole number from ${min} to ${max.toLocaleString("en-US")}`;
  if (typeof value !== "number" || !Number.isInteger(value))
    return issue("invalid_type", path, `${String(path.at(-1))} is ${describeValue(value)}; ${expected}`);
  if (value < min) return issue("too_small", path, `${String(path.at(-1))} is ${value}; ${expected}`);
  if (value > max) return issue("too_big", path, `${String(path.at(-1))} is ${value}; ${expected}`);
  return null;
}
