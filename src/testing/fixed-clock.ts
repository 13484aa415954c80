import type { Clock } from "../ports/index.js";

/**
 * A {@link Clock} that stands still until a test moves it.
 *
 * @example
 * ```ts
 * import { type FixedClock, fixedClock } from "leadkit/testing";
 *
 * const clock: FixedClock = fixedClock("2026-03-01T09:00:00Z");
 * clock.advance(24 * 60 * 60 * 1000); // one day later
 * ```
 * @category Testing
 */
export interface FixedClock extends Clock {
  /**
   * The instant the clock shows.
   *
   * @returns A new `Date` at the current setting.
   */
  now(): Date;
  /**
   * Moves the clock to an instant.
   *
   * @param at - A `Date` or an ISO-8601 string.
   */
  set(at: Date | string): void;
  /**
   * Moves the clock forward (or back, with a negative amount).
   *
   * @param milliseconds - How far.
   */
  advance(milliseconds: number): void;
}

/**
 * Creates a clock fixed at one instant, for deterministic tests and replays.
 *
 * @param at - The instant: a `Date` or an ISO-8601 string.
 * @returns A clock returning that instant until moved with `set` or `advance`.
 * @throws `RangeError` when `at` is not a valid date.
 * @example
 * ```ts
 * import { fixedClock } from "leadkit/testing";
 *
 * const clock = fixedClock("2026-03-01T09:00:00Z");
 * clock.now().toISOString(); // "2026-03-01T09:00:00.000Z"
 * ```
 * @category Testing
 */
export function fixedClock(at: Date | string): FixedClock {
  let current = toTime(at);
  return {
    now: () => new Date(current),
    set: (next) => {
      current = toTime(next);
    },
    advance: (milliseconds) => {
      current += milliseconds;
    },
  };
}

function toTime(at: Date | string): number {
  const time = new Date(at).getTime();
  if (Number.isNaN(time))
    throw new RangeError(
      `fixedClock: "${String(at)}" is not a valid date; expected an ISO-8601 string or a Date.`,
    );
  return time;
}
