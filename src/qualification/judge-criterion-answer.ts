import { isValid } from "date-fns/isValid";
import { parseISO } from "date-fns/parseISO";
import {
  calendarShift,
  createCalendarTimes,
  describeValue,
  err,
  type Issue,
  issue,
  ok,
  type Result,
} from "../internal/index.js";
import { criterionIssues, optionsIssues } from "./check-input.js";
import { findKeyword, keywordFinder } from "./match-keywords.js";
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
 * const range: PriceRange = { min: 12_000, max: 40_000 };
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
 * const options: JudgeCriterionAnswerOptions = { now: new Date(), language: "es", horizonDays: 60 };
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
 * const judgement: CriterionJudgement = { status: "met", reason: "Answered yes." };
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
 * const r = judgeCriterionAnswer(BANT.criteria[0], 30_000, { now, priceRange: { min: 12_000 } });
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
  const judgement = judgeAnswer(criterion, answer, options, MESSAGES[options.language ?? "en"]);
  return judgement === undefined ? err([invalidAnswer(criterion, answer, ["answer"])]) : ok(judgement);
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

/** The judgement itself, or `undefined` when the answer's type does not suit the criterion. */
export function judgeAnswer(
  criterion: QualificationCriterion,
  answer: CriterionAnswer,
  options: JudgeCriterionAnswerOptions,
  m: Messages,
): CriterionJudgement | undefined {
  switch (criterion.evidence) {
    case "yes_no":
      if (typeof answer !== "boolean") return undefined;
      return answer ? met(m.yes) : notMet(m.no);
    case "level": {
      if (typeof answer !== "string" || !isLevel(answer)) return undefined;
      const minimum = criterion.minimumLevel ?? "medium";
      return rank(answer) >= rank(minimum)
        ? met(m.levelMet(answer, minimum))
        : notMet(m.levelNotMet(answer, minimum));
    }
    case "amount": {
      if (typeof answer !== "number" || !Number.isFinite(answer)) return undefined;
      const min = options.priceRange?.min ?? criterion.minimumAmount;
      const max = options.priceRange?.max;
      if (min === undefined) return answer > 0 ? met(m.amountWithoutRange(answer)) : notMet(m.noAmount);
      if (answer <= 0) return notMet(m.noAmount);
      if (answer < min) return notMet(m.amountBelow(answer, min));
      return met(
        max !== undefined && answer >= max
          ? m.amountCoversRange(answer, max)
          : m.amountCoversEntry(answer, min),
      );
    }
    case "date": {
      const date = toDate(answer);
      if (date === undefined) return undefined;
      const days = options.horizonDays ?? criterion.horizonDays ?? DEFAULT_HORIZON_DAYS;
      const { start, end } = horizon(options.now, days);
      const time = date.getTime();
      if (time < start) return notMet(m.datePassed(date));
      if (time > end) return notMet(m.dateTooFar(date, days));
      return met(m.dateWithin(date, days));
    }
    case "role": {
      if (typeof answer !== "string") return undefined;
      if (answer.trim() === "") return { status: "unknown", reason: m.textEmpty };
      const keyword = findKeyword(answer, criterion.roles ?? DEFAULT_DECISION_MAKER_ROLES);
      return keyword === undefined
        ? notMet(m.roleLacksAuthority(answer))
        : met(m.roleHasAuthority(answer, keyword));
    }
    case "text":
      if (typeof answer !== "string") return undefined;
      return answer.trim() === "" ? { status: "unknown", reason: m.textEmpty } : met(m.textRecorded);
  }
}

/**
 * Judges an answer's status only: `undefined` when the answer's type does not suit the criterion.
 * It must agree with {@link judgeAnswer}'s status for every answer (a property test holds the two
 * together).
 */
export type StatusJudge = (
  answer: CriterionAnswer,
  options: JudgeCriterionAnswerOptions,
) => CriterionStatus | undefined;

/**
 * {@link judgeAnswer} without the explanation, specialised once per criterion (its minimum level,
 * amount, horizon and compiled role list): the verdict-only path judges with it.
 */
export function compileStatusJudge(criterion: QualificationCriterion): StatusJudge {
  switch (criterion.evidence) {
    case "yes_no":
      return (answer) => (typeof answer !== "boolean" ? undefined : answer ? "met" : "not_met");
    case "level": {
      const minimum = rank(criterion.minimumLevel ?? "medium");
      return (answer) => {
        const level = typeof answer === "string" ? RANKS.get(answer) : undefined;
        return level === undefined ? undefined : level >= minimum ? "met" : "not_met";
      };
    }
    case "amount": {
      const { minimumAmount } = criterion;
      return (answer, options) => {
        if (typeof answer !== "number" || !Number.isFinite(answer)) return undefined;
        const min = options.priceRange?.min ?? minimumAmount;
        if (min === undefined) return answer > 0 ? "met" : "not_met";
        return answer <= 0 || answer < min ? "not_met" : "met";
      };
    }
    case "date": {
      const horizonDays = criterion.horizonDays ?? DEFAULT_HORIZON_DAYS;
      return (answer, options) => {
        const date = toDate(answer);
        if (date === undefined) return undefined;
        const { start, end } = horizon(options.now, options.horizonDays ?? horizonDays);
        const time = date.getTime();
        return time < start || time > end ? "not_met" : "met";
      };
    }
    case "role": {
      const find = keywordFinder(criterion.roles ?? DEFAULT_DECISION_MAKER_ROLES);
      // A blank title matches no keyword, so the (rarer) blank check waits for a miss.
      return (answer) =>
        typeof answer !== "string"
          ? undefined
          : find(answer) !== undefined
            ? "met"
            : answer.trim() === ""
              ? "unknown"
              : "not_met";
    }
    case "text":
      return (answer) => (typeof answer !== "string" ? undefined : answer.trim() === "" ? "unknown" : "met");
  }
}

const EXPECTED = {
  yes_no: "a boolean (true for yes)",
  level: `a level (${QUALIFICATION_LEVELS.join(", ")})`,
  amount: "a finite number",
  date: "a Date or an ISO-8601 date string such as 2026-03-31",
  role: "a role or job title string",
  text: "a string",
} as const;

// With silent messages every reason is "", and judgements are shared rather than allocated.
const MET_SILENTLY: CriterionJudgement = { status: "met", reason: "" };
const NOT_MET_SILENTLY: CriterionJudgement = { status: "not_met", reason: "" };
const met = (reason: string): CriterionJudgement =>
  reason === "" ? MET_SILENTLY : { status: "met", reason };
const notMet = (reason: string): CriterionJudgement =>
  reason === "" ? NOT_MET_SILENTLY : { status: "not_met", reason };

const isLevel = (value: string): value is QualificationLevel =>
  (QUALIFICATION_LEVELS as readonly string[]).includes(value);

const rank = (level: QualificationLevel): number => QUALIFICATION_LEVELS.indexOf(level);

const RANKS: ReadonlyMap<string, number> = new Map(
  QUALIFICATION_LEVELS.map((level, index) => [level, index]),
);

function toDate(answer: CriterionAnswer): Date | undefined {
  if (answer instanceof Date) return Number.isNaN(answer.getTime()) ? undefined : answer;
  if (typeof answer !== "string") return undefined;
  const date = parseISO(answer);
  return isValid(date) ? date : undefined;
}

// The window a deadline must fall in: from the start of today to `days` calendar days after now,
// as date-fns' `startOfDay` and `addDays` give them, from a calendar memo per horizon (an addition
// while `now` stays in a verified local hour). Few horizons are in use; the table is bounded anyway.
const horizons = new Map<number, (now: Date) => Float64Array>();
let lastDays = Number.NaN;
let lastWindow: (now: Date) => Float64Array = () => new Float64Array(2);
function horizon(now: Date, days: number): { readonly start: number; readonly end: number } {
  if (days !== lastDays) {
    let window = horizons.get(days);
    if (window === undefined) {
      if (horizons.size >= 64) horizons.clear();
      const fill = createCalendarTimes([{ kind: "start_of_day" }, calendarShift({ days }, 1)]);
      const out = new Float64Array(2);
      window = (at) => {
        fill(at, out);
        return out;
      };
      horizons.set(days, window);
    }
    lastDays = days;
    lastWindow = window;
  }
  const out = lastWindow(now);
  return { start: out[0] as number, end: out[1] as number };
}
