// Internal: times relative to `now` in calendar units (a follow-up in 30 days, a look-back of 3
// months, the start of today), exactly as date-fns computes them in the process's time zone, but
// at the cost of an addition on nearly every call.
//
// Why it is exact: within one local hour of one offset, date-fns' calendar arithmetic moves `now`'s
// wall-clock time by a fixed amount, so every answer is `now + Δ` (or, for the start of the day, one
// fixed instant). The first time a local hour is used twice, the answers at its two ends are computed
// with date-fns and the offsets there and around the targets are probed; only when all of them agree
// is Δ reused for the rest of that hour. Any hour with a time-zone change in it (or close to a target)
// keeps asking date-fns, as does a `now` whose offset differs from the hour's (the process's zone
// changed). A property test holds the two paths equal in zones with DST, half-hour DST, odd offsets
// and historic changes.
//
// The general path does date-fns' `addMonths`, `addDays` and `startOfDay` with the same Date calls
// date-fns makes (date-fns 4.x), not by importing them: this file is part of `src/internal`, which
// every entry loads, and the root entry (`leadkit`) must not load date-fns for code it never runs.
// A property test holds these three equal to date-fns' own in every zone above.

/**
 * A time relative to `now`: `now` moved by whole calendar months, then whole calendar days (local
 * wall-clock time kept, as date-fns does), then by `ms` plain milliseconds; or the start of `now`'s
 * local day.
 */
export type CalendarTime =
  | { readonly kind: "shift"; readonly months: number; readonly days: number; readonly ms: number }
  | { readonly kind: "start_of_day" };

/**
 * The time `years`, `months`, `weeks`, `days` and `hours` before (`sign` −1) or after (+1) `now`, as
 * date-fns' `sub` and `add` compute it: months (years × 12 added) first, then days (weeks × 7), then
 * hours as plain milliseconds.
 */
export function calendarShift(
  duration: {
    readonly years?: number;
    readonly months?: number;
    readonly weeks?: number;
    readonly days?: number;
    readonly hours?: number;
  },
  sign: 1 | -1,
): CalendarTime {
  const { years = 0, months = 0, weeks = 0, days = 0, hours = 0 } = duration;
  // The same operations, in the same order, as date-fns' `sub`, so the products round alike.
  return {
    kind: "shift",
    months: sign * (months + years * 12),
    days: sign * (days + weeks * 7),
    ms: sign * (hours * 60 * 60 * 1000),
  };
}

/** The time as date-fns computes it, for any `now`: the general path the memo twins. */
export function exactCalendarTime(time: CalendarTime, now: Date): number {
  if (time.kind === "start_of_day") return new Date(now.getTime()).setHours(0, 0, 0, 0);
  let moved = now;
  if (time.months !== 0) moved = addCalendarMonths(moved, time.months);
  if (time.days !== 0) moved = addCalendarDays(moved, time.days);
  return moved.getTime() + time.ms;
}

/** date-fns' `addDays` (a non-zero whole `amount`): the local date moved, the wall-clock time kept. */
export function addCalendarDays(date: Date, amount: number): Date {
  const moved = new Date(date.getTime());
  moved.setDate(moved.getDate() + amount);
  return moved;
}

/**
 * date-fns' `addMonths` (a non-zero whole `amount`): the same day of the month, or the month's last
 * day when it has fewer days; the wall-clock time kept.
 */
export function addCalendarMonths(date: Date, amount: number): Date {
  const moved = new Date(date.getTime());
  const dayOfMonth = moved.getDate();
  // Day 0 of the month after the target is the target's last day.
  const endOfDesiredMonth = new Date(date.getTime());
  endOfDesiredMonth.setMonth(moved.getMonth() + amount + 1, 0);
  if (dayOfMonth >= endOfDesiredMonth.getDate()) return endOfDesiredMonth;
  // Set on the original time rather than on endOfDesiredMonth, whose time of day a change of offset
  // on the month's last day may have moved (as date-fns does).
  moved.setFullYear(endOfDesiredMonth.getFullYear(), endOfDesiredMonth.getMonth(), dayOfMonth);
  return moved;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;
// How far before a target the offset must hold, so that no earlier instant has the same wall-clock
// time (date-fns, like the Date API, picks the earlier one when a time occurs twice).
const GUARD = 24 * HOUR;

const offsetAt = (t: number): number => new Date(t).getTimezoneOffset();

/**
 * Fills `out` with the times for `now` (valid Date), in the order given; `out` holds at least as many
 * numbers as there are times.
 */
export type CalendarTimes = (now: Date, out: Float64Array) => void;

/**
 * Compiles a list of calendar times into one function of `now` that answers as
 * {@link exactCalendarTime} does for each, reusing the answers' distance from `now` within a local
 * hour (see the top of this file). Keep one per caller that asks for the same times repeatedly: a
 * compiled points model, a lifecycle move, a horizon. The memo lives in the closure, so a caller may
 * freeze the object that holds the function.
 */
export function createCalendarTimes(times: readonly CalendarTime[]): CalendarTimes {
  return createCalendarMemo(times).fill;
}

/**
 * {@link createCalendarTimes}, with the verified hour open to a caller that inlines the hit path
 * (a generated scorer): `state` is `[from, to, offset, v0, v1, …]`. While `from ≤ t < to` for
 * `t = now.getTime()` and `now.getTimezoneOffset() === offset`, time `i` is `t + vᵢ` (a shift) or
 * `vᵢ` (the start of the day); `from` is NaN until an hour is verified. Only `fill` writes it.
 */
export interface CalendarMemo {
  /** Fills `out` with the times for `now`, as {@link createCalendarTimes}' function does. */
  readonly fill: CalendarTimes;
  /** The verified hour and each time's distance from `now` (or value) within it; read only. */
  readonly state: Float64Array;
}

/** {@link createCalendarTimes} with its {@link CalendarMemo.state}. */
export function createCalendarMemo(times: readonly CalendarTime[]): CalendarMemo {
  const n = times.length;
  const anchored = Uint8Array.from(times, (t) => (t.kind === "start_of_day" ? 1 : 0));
  // [from, to, offset] of the verified hour, then per time within it: its distance from now (a
  // shift) or its value (the start of the day).
  const state = new Float64Array(3 + n).fill(Number.NaN);
  // The hour of the last miss, verified on its second use (a caller with scattered `now`s never pays
  // for a verification it would not reuse), and whether it failed (then it is not tried again).
  let seen = Number.NaN;
  let failed = false;

  const verify = (start: number, zone: number, t: number, out: Float64Array): boolean => {
    const end = start + HOUR - 1;
    if (offsetAt(start) !== zone || offsetAt(end) !== zone) return false;
    const first = new Date(start);
    const last = new Date(end);
    for (let i = 0; i < n; i++) {
      const time = times[i] as CalendarTime;
      const value = out[i] as number;
      const a = exactCalendarTime(time, first);
      const b = exactCalendarTime(time, last);
      if (!Number.isFinite(value) || !Number.isFinite(a) || !Number.isFinite(b)) return false;
      if (time.kind === "start_of_day") {
        if (a !== value || b !== value) return false;
        continue;
      }
      const delta = value - t;
      if (a - start !== delta || b - end !== delta) return false;
      // The calendar part's targets, before the plain milliseconds: one offset over them and a day before.
      const target = start + delta - time.ms;
      const targetZone = offsetAt(target);
      if (offsetAt(target - GUARD) !== targetZone || offsetAt(target + HOUR - 1) !== targetZone) return false;
    }
    return true;
  };

  const miss = (now: Date, t: number, out: Float64Array): void => {
    for (let i = 0; i < n; i++) out[i] = exactCalendarTime(times[i] as CalendarTime, now);
    const zone = now.getTimezoneOffset();
    const wall = t - Math.round(zone * MINUTE);
    const start = t - (wall - Math.floor(wall / HOUR) * HOUR);
    if (start !== seen) {
      seen = start;
      failed = false;
      return;
    }
    if (failed) return;
    if (!verify(start, zone, t, out)) {
      failed = true;
      return;
    }
    for (let i = 0; i < n; i++)
      state[3 + i] = anchored[i] === 1 ? (out[i] as number) : (out[i] as number) - t;
    state[0] = start;
    state[1] = start + HOUR;
    state[2] = zone;
  };

  const fill: CalendarTimes = (now, out) => {
    const t = now.getTime();
    if (t >= (state[0] as number) && t < (state[1] as number) && now.getTimezoneOffset() === state[2]) {
      for (let i = 0; i < n; i++)
        out[i] = anchored[i] === 1 ? (state[3 + i] as number) : t + (state[3 + i] as number);
      return;
    }
    miss(now, t, out);
  };
  return { fill, state };
}
