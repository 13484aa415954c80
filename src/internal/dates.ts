// Internal: the checks every function that takes or reads a `Date` makes at its boundary.
import { describeValue } from "./describe-value.js";
import { type Issue, issue } from "./result.js";

/** What leadkit accepts where a timestamp comes from JSON, for messages. */
export const TIMESTAMP_FORMAT =
  'an ISO-8601 date-time with a time zone offset, such as "2026-03-01T09:30:00Z" or "2026-03-01T10:30:00+01:00"';

/** Whether a value is a `Date` holding a time (not an Invalid Date). */
export function isValidDate(value: unknown): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime());
}

const REVIVE_HINT =
  "a record read back from JSON keeps its dates as strings: revive it first (parseLead revives a lead and its history)";

/**
 * The issue for a value that should be a valid `Date`: code `invalid_type`, the path, what was found,
 * and, for a string, how to revive stored records.
 *
 * @param path - Where the value is, e.g. `["now"]` or `["history", 2, "at"]`.
 * @param value - What was found.
 * @param hint - How to get a Date instead, for strings; the advice to revive stored records by default.
 */
export function dateIssue(path: readonly (string | number)[], value: unknown, hint = REVIVE_HINT): Issue {
  const where = path.length === 0 ? "The value" : path.join(".");
  const found = describeValue(value);
  return issue(
    "invalid_type",
    path,
    typeof value === "string"
      ? `${where} must be a valid Date; got ${found}: ${hint}`
      : `${where} must be a valid Date; got ${found}`,
  );
}

/**
 * The issue for the first item of a list whose `at` is not a valid Date, or `undefined`. One
 * `instanceof` and one `getTime` per item: cheap enough for the boundary of a hot function.
 */
export function datedItemsIssue(
  items: readonly { readonly at: unknown }[],
  path: readonly (string | number)[],
): Issue | undefined {
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (item === null || typeof item !== "object")
      return issue(
        "invalid_type",
        [...path, i],
        `${[...path, i].join(".")} must be an object; got ${describeValue(item)}`,
      );
    const at = item.at;
    if (!(at instanceof Date) || Number.isNaN(at.getTime())) return dateIssue([...path, i, "at"], at);
  }
  return undefined;
}
