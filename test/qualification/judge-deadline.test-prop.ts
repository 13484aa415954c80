// A deadline's judge decides most deadlines without computing its window: one far from the start of
// today and from the horizon's end cannot be moved across them by a time zone. These laws hold that
// shortcut, and the judge as a whole, equal to date-fns' window in zones with DST, odd offsets and
// historic changes, at `now`s from the ends of the Date range to the usual ones.
import { addDays } from "date-fns/addDays";
import { startOfDay } from "date-fns/startOfDay";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { BANT, type QualificationCriterion } from "../../src/qualification/index.js";
import {
  compileCriterionJudge,
  DATE_PASSED,
  DATE_TOO_FAR,
  DATE_WITHIN,
  farFromEdges,
} from "../../src/qualification/judge-criterion-answer.js";

const ZONES = [
  "UTC",
  "Europe/Madrid",
  "America/New_York",
  "America/St_Johns",
  "Australia/Lord_Howe",
  "Asia/Kathmandu",
  "America/Sao_Paulo",
  "Pacific/Apia", // skipped 30 December 2011
  "Pacific/Kiritimati", // +14:00
  "Asia/Manila", // −15:56 before 1845
  "America/Juneau", // +15:02 before 1867
] as const;

const DAY = 86_400_000;
const LIMIT = 8.64e15;

const original = process.env["TZ"];
afterAll(() => {
  if (original === undefined) delete process.env["TZ"];
  else process.env["TZ"] = original;
});

/** The outcome as date-fns' window decides it. */
function exactOutcome(time: number, now: Date, days: number): number {
  const start = startOfDay(now).getTime();
  const end = addDays(now, days).getTime();
  return time < start ? DATE_PASSED : time > end ? DATE_TOO_FAR : DATE_WITHIN;
}

const caseArb = fc
  .record({
    now: fc.oneof(
      fc.integer({ min: Date.UTC(1800, 0, 1), max: Date.UTC(2200, 0, 1) }),
      fc.integer({ min: Date.UTC(2011, 11, 25), max: Date.UTC(2012, 0, 5) }),
      fc.integer({ min: -LIMIT, max: -LIMIT + 400 * DAY }),
      fc.integer({ min: LIMIT - 40_000 * DAY, max: LIMIT }),
    ),
    days: fc.constantFrom(1, 2, 3, 6, 7, 30, 90, 365, 36_500),
    // Days from now or from the horizon's end, give or take up to a day and a half.
    from: fc.constantFrom("now", "end"),
    offsetDays: fc.integer({ min: -8, max: 8 }),
    jitter: fc.integer({ min: -36 * 3_600_000, max: 36 * 3_600_000 }),
    anywhere: fc.oneof(
      { arbitrary: fc.constant(undefined), weight: 4 },
      { arbitrary: fc.integer({ min: -LIMIT, max: LIMIT }), weight: 1 },
    ),
  })
  .map(({ now, days, from, offsetDays, jitter, anywhere }) => {
    const base = from === "now" ? now : now + days * DAY;
    const time = anywhere ?? Math.max(-LIMIT, Math.min(LIMIT, base + offsetDays * DAY + jitter));
    return { now, days, time };
  });

describe("deadline judging", () => {
  it.each(ZONES)(
    "a deadline far from the window's edges is decided as date-fns' window decides it (%s)",
    (zone) => {
      process.env["TZ"] = zone;
      let decided = 0;
      fc.assert(
        fc.property(caseArb, ({ now, days, time }) => {
          const fast = farFromEdges(time, now, days);
          if (fast === 0) return;
          decided++;
          expect(fast).toBe(exactOutcome(time, new Date(now), days));
        }),
        { numRuns: 2_000 },
      );
      expect(decided).toBeGreaterThan(100);
    },
  );

  it.each(ZONES)("the timeline judge answers as date-fns' window, at any distance (%s)", (zone) => {
    process.env["TZ"] = zone;
    const timeline = BANT.criteria.find((c) => c.evidence === "date") as QualificationCriterion;
    const judge = compileCriterionJudge(timeline);
    fc.assert(
      fc.property(caseArb, fc.boolean(), ({ now, days, time }, ownHorizon) => {
        const at = new Date(now);
        const horizon = ownHorizon ? ("horizonDays" in timeline ? (timeline.horizonDays ?? 90) : 90) : days;
        const options = ownHorizon ? { now: at } : { now: at, horizonDays: days };
        const outcome = judge.judge(new Date(time), options);
        // Beyond the Date range date-fns answers an Invalid Date; the window is then not a window.
        const end = addDays(at, horizon).getTime();
        const start = startOfDay(at).getTime();
        if (!Number.isFinite(start) || !Number.isFinite(end)) return;
        expect(outcome).toBe(exactOutcome(time, at, horizon));
      }),
      { numRuns: 2_000 },
    );
  });
});
