import { unstorableText } from "../internal/index.js";
import type { TimeRange } from "../ports/index.js";

/**
 * Whether a value looked up by (an id, a key, a cursor) can be stored at all: a string holding U+0000
 * or a lone surrogate cannot, so no row holds it and the lookup finds nothing, without sending
 * PostgreSQL a parameter it would refuse with an error.
 */
export function canBeStored(value: unknown): boolean {
  return typeof value !== "string" || unstorableText(value) === null;
}

/** A JSONB column's value: drivers parse it (pg, postgres.js, PGlite), unless told not to. */
export function jsonColumn(value: unknown): unknown {
  return typeof value === "string" ? JSON.parse(value) : value;
}

/** `at` within a range (`from` inclusive, `to` exclusive); the instants go to `params`. */
export function timeClauses(range: TimeRange, params: unknown[]): string[] {
  const clauses: string[] = [];
  if (range.from !== undefined) {
    params.push(range.from.toISOString());
    clauses.push(`at >= $${params.length}::timestamptz`);
  }
  if (range.to !== undefined) {
    params.push(range.to.toISOString());
    clauses.push(`at < $${params.length}::timestamptz`);
  }
  return clauses;
}
