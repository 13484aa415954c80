import * as z from "zod";
import { describeValue, TIMESTAMP_FORMAT } from "../internal/index.js";

// RFC 3339: a date, a time with seconds (fractions optional), and `Z` or an offset.
const isoDateTime = /* @__PURE__ */ z.regexes.datetime({ offset: true });
const dateOnly = /^\d{4}-\d{2}-\d{2}$/;
const withoutOffset = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?$/;
// Four-digit years only, so every accepted time writes back to JSON as a string this schema reads.
// Year 0000 is not stored: PostgreSQL has no year 0 (it counts 1 BC, then AD 1) and refuses it.
const earliest = -62_135_596_800_000; // 0001-01-01T00:00:00.000Z
const latest = 253_402_300_799_999; // 9999-12-31T23:59:59.999Z
const TIMESTAMP_EXPECTED = `Expected a timestamp: a Date, or ${TIMESTAMP_FORMAT}`;

/** Why a value is not a timestamp, for the issue; the accepted formats are always named. */
function timestampProblem(value: unknown): { readonly code: string; readonly message: string } {
  if (value === undefined) return { code: "invalid_type", message: `${TIMESTAMP_EXPECTED}; got nothing` };
  if (value instanceof Date) {
    const time = value.getTime();
    return Number.isNaN(time)
      ? { code: "invalid_type", message: `${TIMESTAMP_EXPECTED}; got an Invalid Date` }
      : {
          code: "invalid_value",
          message: `${TIMESTAMP_EXPECTED}, in the years 0001 to 9999 (PostgreSQL has no year 0000); got ${describeValue(value)}`,
        };
  }
  if (typeof value === "number")
    return {
      code: "invalid_type",
      message: `${TIMESTAMP_EXPECTED}; got ${describeValue(value)}: epoch numbers are not read as times, pass new Date(ms) or its ISO string`,
    };
  if (typeof value !== "string")
    return { code: "invalid_type", message: `${TIMESTAMP_EXPECTED}; got ${describeValue(value)}` };
  const found = describeValue(value);
  if (value.length <= 64 && isoDateTime.test(value) && !Number.isNaN(new Date(value).getTime()))
    return {
      code: "invalid_value",
      message: `${TIMESTAMP_EXPECTED}, in the years 0001 to 9999 (PostgreSQL has no year 0000); got ${found}`,
    };
  if (dateOnly.test(value))
    return {
      code: "invalid_format",
      message: `${TIMESTAMP_EXPECTED}; got ${found}, a date without a time: add the time and offset, e.g. "${value}T00:00:00Z"`,
    };
  if (withoutOffset.test(value))
    return {
      code: "invalid_format",
      message: `${TIMESTAMP_EXPECTED}; got ${found}, a date-time without a time zone offset: add "Z" for UTC or an offset such as "+01:00"`,
    };
  return { code: "invalid_format", message: `${TIMESTAMP_EXPECTED}; got ${found}` };
}

/**
 * A point in time: a `Date`, or an ISO-8601 date-time string with an offset (`Z` or `+01:00`),
 * parsed to a `Date`. JSON-serialised records therefore parse back to equal records: this is how a
 * record saved as JSON is revived. Years run from 0001 to 9999 (the years JSON writes as four
 * digits and PostgreSQL stores; it has no year 0000); a date without a time, a date-time without an offset, an epoch number and an Invalid Date
 * are refused with an issue that names the accepted format.
 *
 * @example
 * ```ts
 * import { timestampSchema } from "./timestamp-schema.js";
 *
 * timestampSchema.parse("2026-01-31T09:00:00Z") instanceof Date; // true
 * timestampSchema.safeParse("2026-01-31").success;              // false: no time, no offset
 * ```
 * @category Model
 */
export const timestampSchema = /* @__PURE__ */ z.unknown().transform((value, ctx): Date => {
  if (value instanceof Date) {
    const time = value.getTime();
    if (time >= earliest && time <= latest) return value;
  } else if (typeof value === "string" && value.length <= 64 && isoDateTime.test(value)) {
    const date = new Date(value);
    const time = date.getTime();
    if (time >= earliest && time <= latest) return date;
  }
  const problem = timestampProblem(value);
  ctx.issues.push({ code: problem.code, input: value, message: problem.message } as z.core.$ZodRawIssue);
  return z.NEVER;
}) as unknown as z.ZodType<Date, Date | string>;
