import {
  dateIssue,
  describeValue,
  formatIssues,
  INPUT_LIMITS,
  type Issue,
  issue,
  LeadKitError,
  unstorableText,
} from "../internal/index.js";
import type { OutboxClaimRequest } from "./outbox.js";

/** The longest lease a claim may ask for: 30 days, so `now + leaseMs` never leaves the years stored. */
const MAX_LEASE_MS = 30 * 24 * 60 * 60 * 1000;
/** 0001-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z: the instants PostgreSQL and ISO strings share. */
const EARLIEST = -62_135_596_800_000;
const LATEST = 253_402_300_799_999;

function consumerIssue(consumer: unknown): Issue | undefined {
  if (typeof consumer !== "string")
    return issue(
      "invalid_type",
      ["consumer"],
      `consumer must be a name (a string); got ${describeValue(consumer)}`,
    );
  if (consumer.trim() === "")
    return issue(
      "too_small",
      ["consumer"],
      `consumer must not be blank; got ${describeValue(consumer)}: expected a name such as "worker-1"`,
    );
  if (consumer.length > INPUT_LIMITS.idLength)
    return issue(
      "too_big",
      ["consumer"],
      `consumer must be at most ${INPUT_LIMITS.idLength} characters; got ${consumer.length}`,
    );
  const why = unstorableText(consumer);
  if (why !== null)
    return issue(
      "unstorable_text",
      ["consumer"],
      `consumer ${why}; it cannot be stored: expected a name without U+0000 or lone surrogates`,
    );
  return undefined;
}

function limitIssue(limit: unknown): Issue | undefined {
  if (typeof limit !== "number" || Number.isNaN(limit))
    return issue(
      "invalid_type",
      ["limit"],
      `limit must be a number (it is clamped to 1–1,000); got ${describeValue(limit)}`,
    );
  return undefined;
}

function leaseIssue(leaseMs: unknown): Issue | undefined {
  if (typeof leaseMs !== "number" || Number.isNaN(leaseMs))
    return issue(
      "invalid_type",
      ["leaseMs"],
      `leaseMs must be a number of milliseconds from 1 to ${MAX_LEASE_MS} (30 days); got ${describeValue(leaseMs)}`,
    );
  if (leaseMs < 1)
    return issue(
      "too_small",
      ["leaseMs"],
      `leaseMs must be at least 1 millisecond (a shorter lease would hand the events out again at once); got ${describeValue(leaseMs)}`,
    );
  if (leaseMs > MAX_LEASE_MS)
    return issue(
      "too_big",
      ["leaseMs"],
      `leaseMs must be at most ${MAX_LEASE_MS} milliseconds (30 days); got ${describeValue(leaseMs)}`,
    );
  return undefined;
}

function nowIssue(now: unknown, leaseMs: number): Issue | undefined {
  if (!(now instanceof Date) || Number.isNaN(now.getTime()))
    return dateIssue(["now"], now, "pass the time of the claim as a Date, e.g. new Date()");
  const time = now.getTime();
  if (time < EARLIEST || time + leaseMs > LATEST)
    return issue(
      "invalid_value",
      ["now"],
      `now must be in the years 0001 to 9999 and the lease must end by 9999-12-31T23:59:59.999Z; got ${describeValue(now)} with leaseMs ${leaseMs}`,
    );
  return undefined;
}

/**
 * Checks the arguments of {@link Outbox.claim} and returns them as every implementation uses them —
 * the one check the in-memory and PostgreSQL outboxes share, so they agree on every request. Call
 * it first in an outbox of your own.
 *
 * @remarks
 * `consumer` must be a non-blank name of at most 200 characters (`INPUT_LIMITS.idLength`) that can
 * be stored (no U+0000, no lone surrogate); `limit` a number, truncated and clamped to 1–1,000
 * (`Infinity` is 1,000); `leaseMs` a number from 1 to 30 days (2,592,000,000), fractions of a
 * millisecond dropped; `now` a valid Date in the years 0001 to 9999 whose lease ends by the end
 * of 9999. Anything else is a programmer error: `NaN`, an Invalid Date or an empty consumer would
 * otherwise lease nothing, or lease forever, and hand events out twice or never.
 *
 * @param request - The claim request as given, from any caller.
 * @returns The request with `limit` clamped and `leaseMs` whole; `consumer` and `now` as given.
 * @throws LeadKitError `invalid_input`, whose issues name each wrong field (`invalid_type`,
 *   `too_small`, `too_big`, `unstorable_text`, `invalid_value`).
 * @example
 * ```ts
 * import { checkClaimRequest } from "leadkit/ports";
 *
 * const { consumer, limit, leaseMs, now } = checkClaimRequest({ consumer: "worker-1", limit: 5_000, leaseMs: 30_000, now: new Date() });
 * limit; // 1000
 * const leaseUntil = new Date(now.getTime() + leaseMs);
 * ```
 * @category Ports
 */
export function checkClaimRequest(request: OutboxClaimRequest): OutboxClaimRequest {
  if (request === null || typeof request !== "object")
    throw new LeadKitError(
      "invalid_input",
      `Invalid outbox claim request: expected an object with consumer, limit, leaseMs and now; got ${describeValue(request)}`,
      [
        issue(
          "invalid_type",
          [],
          `The claim request must be an object with consumer, limit, leaseMs and now; got ${describeValue(request)}`,
        ),
      ],
    );
  const { consumer, limit, leaseMs, now } = request;
  const issues: Issue[] = [];
  const lease = leaseIssue(leaseMs);
  for (const found of [consumerIssue(consumer), limitIssue(limit), lease]) {
    if (found !== undefined) issues.push(found);
  }
  const whole = Math.trunc(leaseMs);
  // Where the lease is wrong the end of the lease is unknown: only check that now is a Date.
  const time = nowIssue(now, lease === undefined ? whole : 0);
  if (time !== undefined) issues.push(time);
  if (issues.length > 0)
    throw new LeadKitError("invalid_input", formatIssues("Invalid outbox claim request", issues), issues);
  return { consumer, limit: Math.min(1000, Math.max(1, Math.trunc(limit))), leaseMs: whole, now };
}
