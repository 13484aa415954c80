// The calendar memo (`createCalendarTimes`) is a fast twin of date-fns' calendar arithmetic: on every
// call, in every time zone, it must answer exactly what `exactCalendarTime` answers, and that general
// path (date-fns' Date calls, written out so the root entry loads no date-fns) what date-fns answers. The
// hard cases are the hours around a change of offset — a DST gap or overlap, half-hour DST, a change
// at 00:01, a zone that moved across the date line — both at `now` and at the target, so the `now`s
// here are drawn around the zones' own transitions as well as anywhere.
import { add } from "date-fns/add";
import { addDays } from "date-fns/addDays";
import { addMonths } from "date-fns/addMonths";
import { startOfDay } from "date-fns/startOfDay";
import { sub } from "date-fns/sub";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import {
  addCalendarDays,
  addCalendarMonths,
  type CalendarTime,
  calendarShift,
  createCalendarTimes,
  exactCalendarTime,
} from "../../src/internal/calendar-times.js";

const ZONES = [
  "UTC",
  "Europe/Madrid",
  "America/New_York",
  "America/St_Johns", // DST at 00:01 until 2011, a −03:30 offset
  "Australia/Lord_Howe", // half-hour DST
  "Asia/Kathmandu", // +05:45
  "Africa/Casablanca", // DST suspended for Ramadan: two changes a month apart
  "America/Sao_Paulo", // DST at midnight until 2019
  "Pacific/Apia", // skipped 30 December 2011
  "Antarctica/Troll", // two-hour DST
  "Asia/Gaza",
] as const;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const FROM = Date.UTC(1965, 0, 1);
const UNTIL = Date.UTC(2045, 0, 1);

const original = process.env["TZ"];
afterAll(() => {
  if (original === undefined) delete process.env["TZ"];
  else process.env["TZ"] = original;
});

const offsetAt = (t: number) => new Date(t).getTimezoneOffset();

/** The instants where the current zone's offset changes, found by bisection between probes a week apart. */
function transitions(): number[] {
  const found: number[] = [];
  for (let t = FROM; t < UNTIL; t += 7 * DAY) {
    if (offsetAt(t) === offsetAt(t + 7 * DAY)) continue;
    let lo = t;
    let hi = t + 7 * DAY;
    while (hi - lo > 1000) {
      const mid = Math.floor((lo + hi) / 2);
      if (offsetAt(mid) === offsetAt(lo)) lo = mid;
      else hi = mid;
    }
    found.push(hi);
  }
  return found;
}

const shiftArb: fc.Arbitrary<CalendarTime> = fc.oneof(
  fc.constant<CalendarTime>({ kind: "start_of_day" }),
  fc
    .record({
      months: fc.integer({ min: -30, max: 30 }),
      days: fc.integer({ min: -400, max: 400 }),
      hours: fc.integer({ min: -50, max: 50 }),
    })
    .map(({ months, days, hours }): CalendarTime => ({ kind: "shift", months, days, ms: hours * HOUR })),
  fc
    .record({
      years: fc.nat({ max: 3 }),
      months: fc.nat({ max: 14 }),
      weeks: fc.nat({ max: 10 }),
      days: fc.nat({ max: 100 }),
      hours: fc.nat({ max: 72 }),
      sign: fc.constantFrom(1 as const, -1 as const),
    })
    .map(({ sign, ...duration }) => calendarShift(duration, sign)),
);

/** A run of `now`s: a start, then small steps forward or back (so hours are used, reused and left). */
const stepsArb = fc.array(
  fc.oneof(
    fc.integer({ min: 1, max: 2_000 }),
    fc.integer({ min: 1, max: 20 * 60_000 }),
    fc.integer({ min: -HOUR, max: 3 * HOUR }),
  ),
  { minLength: 1, maxLength: 40 },
);

function agrees(times: readonly CalendarTime[], start: number, steps: readonly number[]): void {
  const memo = createCalendarTimes(times);
  const out = new Float64Array(times.length);
  let t = start;
  for (const step of [0, ...steps, ...steps]) {
    t += step;
    const now = new Date(t);
    memo(now, out);
    for (let i = 0; i < times.length; i++) {
      const exact = exactCalendarTime(times[i] as CalendarTime, now);
      if (!Object.is(out[i], exact))
        throw new Error(
          `${process.env["TZ"]}: ${JSON.stringify(times[i])} at ${now.toISOString()}: memo ${out[i]}, date-fns ${exact}`,
        );
    }
  }
}

describe("calendar times", () => {
  for (const zone of ZONES) {
    it(`the memo answers as date-fns on every call, in ${zone}`, () => {
      process.env["TZ"] = zone;
      const changes = transitions();
      if (zone !== "UTC") expect(changes.length).toBeGreaterThan(0);
      const anywhere = fc.integer({ min: FROM, max: UNTIL });
      // Around a change at now, or with the change at a target: now = change − shift ± a day.
      const nearChange =
        changes.length === 0
          ? anywhere
          : fc
              .tuple(fc.constantFrom(...changes), fc.integer({ min: -DAY, max: DAY }))
              .map(([change, jitter]) => change + jitter);
      fc.assert(
        fc.property(
          fc.array(shiftArb, { minLength: 1, maxLength: 4 }),
          fc.oneof(anywhere, nearChange),
          stepsArb,
          (times, start, steps) => agrees(times, start, steps),
        ),
        { numRuns: 150 },
      );
      fc.assert(
        fc.property(
          shiftArb,
          nearChange,
          fc.integer({ min: -3 * HOUR, max: 3 * HOUR }),
          stepsArb,
          (time, change, jitter, steps) => {
            // Put the target near the change: move the start until the shift lands on it.
            let start = change;
            if (time.kind === "shift")
              for (let k = 0; k < 3; k++) start += change - exactCalendarTime(time, new Date(start));
            return agrees([time], start + jitter, steps);
          },
        ),
        { numRuns: 300 },
      );
    });
  }

  for (const zone of ZONES) {
    it(`the general path is date-fns' addMonths, addDays and startOfDay, in ${zone}`, () => {
      process.env["TZ"] = zone;
      const changes = transitions();
      const anywhere = fc.integer({ min: FROM, max: UNTIL });
      // Month ends and offset changes are where the three differ from plain arithmetic.
      const near = fc.oneof(
        anywhere,
        anywhere.map((t) => {
          const d = new Date(t);
          return new Date(d.getFullYear(), d.getMonth() + 1, 0, d.getHours(), d.getMinutes()).getTime();
        }),
        ...(changes.length === 0
          ? []
          : [
              fc
                .tuple(fc.constantFrom(...changes), fc.integer({ min: -DAY, max: DAY }))
                .map(([change, jitter]) => change + jitter),
            ]),
      );
      const amount = fc.integer({ min: -400, max: 400 }).filter((n) => n !== 0);
      fc.assert(
        fc.property(near, amount, amount, (t, months, days) => {
          const now = new Date(t);
          expect(addCalendarMonths(now, months).getTime()).toBe(addMonths(now, months).getTime());
          expect(addCalendarDays(now, days).getTime()).toBe(addDays(now, days).getTime());
          expect(exactCalendarTime({ kind: "start_of_day" }, now)).toBe(startOfDay(now).getTime());
          expect(exactCalendarTime({ kind: "shift", months, days, ms: 0 }, now)).toBe(
            addDays(addMonths(now, months), days).getTime(),
          );
          expect(now.getTime()).toBe(t);
        }),
        { numRuns: 400 },
      );
    });
  }

  it("a process that changes its time zone gets the new zone's answers", () => {
    const times = [calendarShift({ days: 30 }, -1), { kind: "start_of_day" } as const];
    const memo = createCalendarTimes(times);
    const out = new Float64Array(2);
    // Early April: Madrid is on summer time, New York too, and 30 days before both were not.
    const now = Date.UTC(2026, 3, 6, 12);
    for (const zone of ["Europe/Madrid", "America/New_York", "Asia/Kathmandu", "Europe/Madrid"]) {
      process.env["TZ"] = zone;
      for (let k = 0; k < 3; k++) {
        const at = new Date(now + k * 1000);
        memo(at, out);
        expect([...out]).toEqual(times.map((time) => exactCalendarTime(time, at)));
      }
    }
  });

  it("a calendar shift is date-fns' sub (sign −1) and add (+1) of the same duration", () => {
    process.env["TZ"] = "America/New_York";
    fc.assert(
      fc.property(
        fc.record(
          {
            years: fc.nat({ max: 100 }),
            months: fc.nat({ max: 1_200 }),
            weeks: fc.nat({ max: 5_218 }),
            days: fc.nat({ max: 36_525 }),
            hours: fc.nat({ max: 876_600 }),
          },
          { requiredKeys: [] },
        ),
        fc.integer({ min: FROM, max: UNTIL }),
        (duration, t) => {
          const now = new Date(t);
          expect(exactCalendarTime(calendarShift(duration, -1), now)).toBe(sub(now, duration).getTime());
          expect(exactCalendarTime(calendarShift(duration, 1), now)).toBe(add(now, duration).getTime());
        },
      ),
      { numRuns: 500 },
    );
  });
});
