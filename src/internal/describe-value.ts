// Internal: safe descriptions of untrusted values for messages. Never calls a value's own methods
// (`String({ toString: 1 })` throws), and never makes a message longer than a few dozen characters
// per value, whatever the value's size.
import { INPUT_LIMITS } from "./limits.js";

const SHOWN_CHARACTERS = 60;

/** A short string for a person: the string quoted (cut at 60 characters), or what kind of value it is. */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case "string":
      return value.length > SHOWN_CHARACTERS
        ? `the string ${JSON.stringify(value.slice(0, SHOWN_CHARACTERS))}… (${value.length} characters)`
        : `the string ${JSON.stringify(value)}`;
    case "number":
      return Number.isNaN(value) ? "NaN" : `the number ${value}`;
    case "boolean":
      return `the boolean ${value}`;
    case "undefined":
      return "nothing (undefined)";
    case "bigint":
      return `the bigint ${value}`;
    case "symbol":
      return "a symbol";
    case "function":
      return "a function";
  }
  if (value === null) return "null";
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? "an Invalid Date" : `the Date ${value.toISOString()}`;
  if (Array.isArray(value)) return `an array of ${value.length} item${value.length === 1 ? "" : "s"}`;
  return "an object";
}

/**
 * A string for a value that is usually a short id: itself in quotes when it is a short string, else
 * its description in brackets — `Unknown relation "x"`, `Unknown relation (an object)`.
 */
export function quoteValue(value: unknown): string {
  return typeof value === "string" && value.length <= SHOWN_CHARACTERS
    ? JSON.stringify(value)
    : `(${describeValue(value)})`;
}

/**
 * Lists values for a message, at most {@link INPUT_LIMITS.listedValues} of them, then how many more:
 * `"a, b, c"` or `"a, b, … and 980 more"`. It reads only the values it shows, so a message costs the
 * same however many values there are: listing every known id in every issue made invalid
 * configurations cost the square of their size.
 */
export function listValues(
  values: readonly string[] | ReadonlySet<string> | ReadonlyMap<string, unknown>,
  empty = "(none)",
): string {
  const total = Array.isArray(values) ? values.length : (values as ReadonlySet<string>).size;
  if (total === 0) return empty;
  const shown: string[] = [];
  const keys = Array.isArray(values) ? values : (values as ReadonlySet<string>).keys();
  for (const value of keys) {
    if (shown.length === INPUT_LIMITS.listedValues) break;
    // A hostile id can be long: each is cut short, so a message stays small whatever the values.
    shown.push(value.length > SHOWN_CHARACTERS ? `${value.slice(0, SHOWN_CHARACTERS)}…` : value);
  }
  const more = total - shown.length;
  return more > 0 ? `${shown.join(", ")}, … and ${more} more` : shown.join(", ");
}
