import { isValid } from "date-fns/isValid";
import { parseISO } from "date-fns/parseISO";
import {
  type CalendarTime,
  calendarShift,
  createCalendarTimes,
  describeValue,
  err,
  exactCalendarTime,
  type Issue,
  issue,
  ok,
  type Result,
} from "../internal/index.js";
import { criterionIssues, optionsIssues } from "./check-input.js";
import { compileKeywordFinder } from "./match-keywords.js";
import { MESSAGES, type Messages } from "./messages.js";
import type { CriterionAnswer, QualificationCriterion } from "./schemas.js";
import {
  type CriterionStatus,
  DEFAULT_DECISION_MAKER_ROLES,
  DEFAULT_HORIZON_DAYS,
  QUALIFICATION_LEVELS,
  type QualificationLanguage,
  type QualificationLevel,
} from "./vocabulary.js";

/**
 * What the product costs: the entry price (`min`) and, optionally, the top of the range. A budget
 * criterion is met when the amount covers the entry price.
 *
 * @example
 * ```ts
 * import { BANT, judgeCriterionAnswer, type PriceRange } from "leadkit/qualification";
 *
 * const range: PriceRange = { min: 12_000, max: 40_000 };
 * const budget = BANT.criteria.find((c) => c.id === "budget");
 * if (budget) judgeCriterionAnswer(budget, 15_000, { now, priceRange: range }); // met: covers the entry price
 * ```
 * @category Qualification
 */
export interface PriceRange {
  /** The lowest price a customer can pay: an amount at or above it meets a budget criterion. */
  readonly min: number;
  /** The highest price, when the offer has tiers; only changes the explanation. */
  readonly max?: number;
}

/**
 * What judging an answer needs besides the criterion: the current time, the language of the
 * explanation, and the call-specific price range and horizon (which take precedence over the
 * criterion's own `minimumAmount` and `horizonDays`).
 *
 * @example
 * ```ts
 * import { BANT, type JudgeCriterionAnswerOptions, judgeCriterionAnswer } from "leadkit/qualification";
 *
 * // A purchase within 60 days counts as a timeline; the reason is written in Spanish.
 * const options: JudgeCriterionAnswerOptions = { now, language: "es", horizonDays: 60 };
 * const timeline = BANT.criteria.find((c) => c.id === "timeline");
 * if (timeline) judgeCriterionAnswer(timeline, new Date(now.getTime() + 30 * 86_400_000), options);
 * ```
 * @category Qualification
 */
export interface JudgeCriterionAnswerOptions {
  /** The current time: date answers are compared with it. */
  readonly now: Date;
  /** Language of the explanation; English when absent. */
  readonly language?: QualificationLanguage;
  /** The offer's price range, for `amount` criteria; overrides `minimumAmount`. */
  readonly priceRange?: PriceRange;
  /** How many days ahead a deadline may lie, for `date` criteria; overrides `horizonDays`. */
  readonly horizonDays?: number;
}

/**
 * How one answer was judged: the status it gives the criterion and why, in the requested language.
 *
 * @example
 * ```ts
 * import { BANT, type CriterionJudgement, judgeCriterionAnswer } from "leadkit/qualification";
 *
 * const need = BANT.criteria.find((c) => c.id === "need");
 * const judged = need === undefined ? null : judgeCriterionAnswer(need, "low", { now });
 * const judgement: CriterionJudgement | null = judged?.ok ? judged.value : null;
 * judgement?.status; // "not_met": the need is below the criterion's minimum level
 * ```
 * @category Qualification
 */
export interface CriterionJudgement {
  /** Whether the answer makes the criterion hold. */
  readonly status: CriterionStatus;
  /** One sentence saying why. */
  readonly reason: string;
}

/**
 * Judges one answer against one criterion by the criterion's evidence kind: a yes/no as given, a
 * level against the minimum level, an amount against the price range, a date against `now` and a
 * horizon, a role or job title against the roles that carry authority, and free text as met when
 * it is not blank.
 *
 * @param criterion - The criterion being answered.
 * @param answer - The answer; its type must suit the criterion's evidence kind (dates may be ISO strings).
 * @param options - The current time, language, price range and horizon.
 * @returns The judgement, or an `invalid_answer` issue when the answer's type does not suit the kind
 *   (a NaN or infinite amount included); `invalid_type` or `invalid_value` issues for a criterion that
 *   does not validate, an Invalid `now` or an unsupported `language`.
 * @example
 * ```ts
 * import { BANT, judgeCriterionAnswer } from "leadkit/qualification";
 *
 * const budget = BANT.criteria[0];
 * const r = budget && judgeCriterionAnswer(budget, 30_000, { now, priceRange: { min: 12_000 } });
 * // { ok: true, value: { status: "met", reason: "Amount 30000 covers the entry price, 12000." } }
 * ```
 * @category Qualification
 */
export function judgeCriterionAnswer(
  criterion: QualificationCriterion,
  answer: CriterionAnswer,
  options: JudgeCriterionAnswerOptions,
): Result<CriterionJudgement> {
  const invalid = criterionIssues(criterion) ?? optionsIssues(options);
  if (invalid !== undefined) return err(invalid);
  const judge = compileCriterionJudge(criterion);
  const outcome = judge.judge(answer, options);
  if (outcome === INVALID) return err([invalidAnswer(criterion, answer, ["answer"])]);
  return ok({
    status: statusOf(outcome),
    reason: judge.explain(outcome, answer, options, MESSAGES[options.language ?? "en"]),
  });
}

/** The `invalid_answer` issue for an answer whose type does not suit the criterion. */
export function invalidAnswer(
  criterion: QualificationCriterion,
  answer: CriterionAnswer,
  path: readonly (string | number)[],
): Issue {
  return issue(
    "invalid_answer",
    path,
    `Criterion "${criterion.id}" takes ${EXPECTED[criterion.evidence]}; got ${describeValue(answer)}.`,
  );
}

/**
 * What a criterion's judge decided about one answer, as a small integer: the status in the two low
 * bits (`UNKNOWN`, `MET`, `NOT_MET`), the branch of the rule that decided (which sentence explains
 * it) in the next four, and for a role the position of the keyword found above those; `INVALID`
 * when the answer's type does not suit the criterion. The verdict reads only the status; the full
 * evaluation words the branch.
 */
export type Outcome = number;

/** The statuses of an {@link Outcome}, in its two low bits. */
export const UNKNOWN = 0;
export const MET = 1;
export const NOT_MET = 2;
/** The outcome of an answer whose type does not suit the criterion. */
export const INVALID = -1;

const STATUS_NAMES: readonly CriterionStatus[] = Object.freeze(["unknown", "met", "not_met"]);

/** The status of a (valid) outcome. */
export const statusOf = (outcome: Outcome): CriterionStatus => STATUS_NAMES[outcome & 3] as CriterionStatus;

// The branches, each with its status.
const YES = (0 << 2) | MET;
const NO = (1 << 2) | NOT_MET;
const LEVEL_MET = (2 << 2) | MET;
const LEVEL_NOT_MET = (3 << 2) | NOT_MET;
const AMOUNT_WITHOUT_RANGE = (4 << 2) | MET;
const NO_AMOUNT = (5 << 2) | NOT_MET;
const AMOUNT_BELOW = (6 << 2) | NOT_MET;
const AMOUNT_COVERS_RANGE = (7 << 2) | MET;
const AMOUNT_COVERS_ENTRY = (8 << 2) | MET;
export const DATE_PASSED = (9 << 2) | NOT_MET;
export const DATE_TOO_FAR = (10 << 2) | NOT_MET;
export const DATE_WITHIN = (11 << 2) | MET;
const ROLE_HAS_AUTHORITY = (12 << 2) | MET;
const ROLE_LACKS_AUTHORITY = (13 << 2) | NOT_MET;
const TEXT_EMPTY = (14 << 2) | UNKNOWN;
const TEXT_RECORDED = (15 << 2) | MET;
/** The keyword's position starts at this bit of a role's outcome. */
const KEYWORD_SHIFT = 6;
const BRANCH_MASK = (1 << KEYWORD_SHIFT) - 1;

/**
 * One criterion's rule, specialised once (its minimum level, amount, horizon and compiled role
 * list): `judge` decides an answer's outcome without building anything, and `explain` words an
 * outcome `judge` gave for the same answer and options, in `m`'s language. Both evaluations and
 * {@link judgeCriterionAnswer} judge with it.
 */
export interface CriterionJudge {
  readonly judge: (answer: CriterionAnswer, options: JudgeCriterionAnswerOptions) => Outcome;
  readonly explain: (
    outcome: Outcome,
    answer: CriterionAnswer,
    options: JudgeCriterionAnswerOptions,
    m: Messages,
  ) => string;
}

/**
 * The one judgement rule, specialised once per criterion: a compiled framework holds one per
 * criterion, and {@link judgeCriterionAnswer} compiles one per call.
 */
export function compileCriterionJudge(criterion: QualificationCriterion): CriterionJudge {
  switch (criterion.evidence) {
    case "yes_no":
      return {
        judge: (answer) => (typeof answer !== "boolean" ? INVALID : answer ? YES : NO),
        explain: (outcome, _, __, m) => (outcome === YES ? m.yes : m.no),
      };
    case "level": {
      const minimum = criterion.minimumLevel ?? "medium";
      const minimumRank = rankOf(minimum);
      return {
        judge: (answer) => {
          const level = rankOf(answer);
          return level < 0 ? INVALID : level >= minimumRank ? LEVEL_MET : LEVEL_NOT_MET;
        },
        explain: (outcome, answer, _, m) =>
          outcome === LEVEL_MET
            ? m.levelMet(answer as QualificationLevel, minimum)
            : m.levelNotMet(answer as QualificationLevel, minimum),
      };
    }
    case "amount": {
      const { minimumAmount } = criterion;
      return {
        judge: (answer, options) => {
          if (typeof answer !== "number" || !Number.isFinite(answer)) return INVALID;
          const range = options.priceRange;
          const min = range?.min ?? minimumAmount;
          if (min === undefined) return answer > 0 ? AMOUNT_WITHOUT_RANGE : NO_AMOUNT;
          if (answer <= 0) return NO_AMOUNT;
          if (answer < min) return AMOUNT_BELOW;
          const max = range?.max;
          return max !== undefined && answer >= max ? AMOUNT_COVERS_RANGE : AMOUNT_COVERS_ENTRY;
        },
        explain: (outcome, answer, options, m) => {
          const amount = answer as number;
          const min = options.priceRange?.min ?? minimumAmount ?? 0;
          if (outcome === AMOUNT_WITHOUT_RANGE) return m.amountWithoutRange(amount);
          if (outcome === NO_AMOUNT) return m.noAmount;
          if (outcome === AMOUNT_BELOW) return m.amountBelow(amount, min);
          if (outcome === AMOUNT_COVERS_RANGE)
            return m.amountCoversRange(amount, options.priceRange?.max ?? min);
          return m.amountCoversEntry(amount, min);
        },
      };
    }
    case "date": {
      const criterionDays = criterion.horizonDays ?? DEFAULT_HORIZON_DAYS;
      // The criterion's own window, from a calendar memo (an addition while `now` stays in a verified
      // local hour); a call that asks for another horizon computes its window exactly, each time.
      const window = createCalendarTimes([START_OF_DAY, calendarShift({ days: criterionDays }, 1)]);
      const out = new Float64Array(2);
      return {
        judge: (answer, options) => {
          const date = toDate(answer);
          if (date === undefined) return INVALID;
          const days = options.horizonDays ?? criterionDays;
          const { now } = options;
          const time = date.getTime();
          const fast = farFromEdges(time, now.getTime(), days);
          if (fast !== 0) return fast;
          let start: number;
          let end: number;
          if (days === criterionDays) {
            window(now, out);
            start = out[0] as number;
            end = out[1] as number;
          } else {
            start = exactCalendarTime(START_OF_DAY, now);
            end = exactCalendarTime(calendarShift({ days }, 1), now);
          }
          return time < start ? DATE_PASSED : time > end ? DATE_TOO_FAR : DATE_WITHIN;
        },
        explain: (outcome, answer, options, m) => {
          const date = toDate(answer) as Date;
          const days = options.horizonDays ?? criterionDays;
          if (outcome === DATE_PASSED) return m.datePassed(date);
          return outcome === DATE_TOO_FAR ? m.dateTooFar(date, days) : m.dateWithin(date, days);
        },
      };
    }
    case "role": {
      const roles = criterion.roles ?? DEFAULT_DECISION_MAKER_ROLES;
      const find = compileKeywordFinder(roles);
      return {
        judge: (answer) => {
          if (typeof answer !== "string") return INVALID;
          const keyword = find(answer);
          if (keyword >= 0) return ROLE_HAS_AUTHORITY | (keyword << KEYWORD_SHIFT);
          // A blank title matches no keyword, so the (rarer) blank check waits for a miss.
          return answer.trim() === "" ? TEXT_EMPTY : ROLE_LACKS_AUTHORITY;
        },
        explain: (outcome, answer, _, m) => {
          const title = answer as string;
          if ((outcome & BRANCH_MASK) === ROLE_HAS_AUTHORITY)
            return m.roleHasAuthority(title, roles[outcome >> KEYWORD_SHIFT] as string);
          return outcome === TEXT_EMPTY ? m.textEmpty : m.roleLacksAuthority(title);
        },
      };
    }
    case "text":
      return {
        judge: (answer) =>
          typeof answer !== "string" ? INVALID : answer.trim() === "" ? TEXT_EMPTY : TEXT_RECORDED,
        explain: (outcome, _, __, m) => (outcome === TEXT_EMPTY ? m.textEmpty : m.textRecorded),
      };
  }
}

const EXPECTED = Object.freeze({
  yes_no: "a boolean (true for yes)",
  level: `a level (${QUALIFICATION_LEVELS.join(", ")})`,
  amount: "a finite number",
  date: "a Date or an ISO-8601 date string such as 2026-03-31",
  role: "a role or job title string",
  text: "a string",
} as const);

const START_OF_DAY: CalendarTime = Object.freeze({ kind: "start_of_day" });

const DAY = 86_400_000;
// How far the window's ends can lie from `now` and from `now` plus the horizon in plain days, in any
// time zone: the start of the day is under a day of wall-clock time before `now`, and a change of
// offset between two instants moves them by less than 32 hours (offsets have ranged from −15:56 to
// +15:13); three days leaves a wide margin.
const SLACK = 3 * DAY;
// Instants a Date can hold.
const DATE_LIMIT = 8.64e15;

/**
 * A deadline's outcome when it lies so far from both ends of the window that their exact instants
 * cannot change it (the usual case: a deadline weeks away, or weeks past), or 0 when the window
 * must be computed: within `SLACK` of either end, or an end near the limits of Date.
 */
export function farFromEdges(time: number, now: number, days: number): Outcome {
  const reach = now + days * DAY;
  if (now - SLACK <= -DATE_LIMIT || reach + SLACK >= DATE_LIMIT) return 0;
  if (time < now - SLACK) return DATE_PASSED;
  if (time > reach + SLACK) return DATE_TOO_FAR;
  return time > now + SLACK && time < reach - SLACK ? DATE_WITHIN : 0;
}

/** A level's rank in `QUALIFICATION_LEVELS`, or −1 for anything else. */
const rankOf = (answer: unknown): number => (QUALIFICATION_LEVELS as readonly unknown[]).indexOf(answer);

function toDate(answer: CriterionAnswer): Date | undefined {
  if (answer instanceof Date) return Number.isNaN(answer.getTime()) ? undefined : answer;
  if (typeof answer !== "string") return undefined;
  const date = parseISO(answer);
  return isValid(date) ? date : undefined;
}
