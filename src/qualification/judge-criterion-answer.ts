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
import { keywordFinder } from "./match-keywords.js";
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
  const judgement = compileCriterionJudge(criterion)(answer, options, MESSAGES[options.language ?? "en"]);
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

/**
 * Judges one answer against the criterion it was compiled for: the judgement with its reason in
 * `m`'s words, or `undefined` when the answer's type does not suit the criterion. With the
 * `SILENT` messages every reason is "" and the judgements are shared, so the verdict-only path
 * judges with the same function without allocating.
 */
export type CriterionJudge = (
  answer: CriterionAnswer,
  options: JudgeCriterionAnswerOptions,
  m: Messages,
) => CriterionJudgement | undefined;

/**
 * The one judgement rule, specialised once per criterion (its minimum level, amount, horizon and
 * compiled role list): both evaluations and {@link judgeCriterionAnswer} judge with it.
 */
export function compileCriterionJudge(criterion: QualificationCriterion): CriterionJudge {
  switch (criterion.evidence) {
    case "yes_no":
      return (answer, _, m) => (typeof answer !== "boolean" ? undefined : answer ? met(m.yes) : notMet(m.no));
    case "level": {
      const minimum = criterion.minimumLevel ?? "medium";
      const minimumRank = rank(minimum);
      return (answer, _, m) => {
        const level = typeof answer === "string" ? RANKS.get(answer) : undefined;
        if (level === undefined) return undefined;
        const given = answer as QualificationLevel;
        return level >= minimumRank ? met(m.levelMet(given, minimum)) : notMet(m.levelNotMet(given, minimum));
      };
    }
    case "amount": {
      const { minimumAmount } = criterion;
      return (answer, options, m) => {
        if (typeof answer !== "number" || !Number.isFinite(answer)) return undefined;
        const min = options.priceRange?.min ?? minimumAmount;
        const max = options.priceRange?.max;
        if (min === undefined) return answer > 0 ? met(m.amountWithoutRange(answer)) : notMet(m.noAmount);
        if (answer <= 0) return notMet(m.noAmount);
        if (answer < min) return notMet(m.amountBelow(answer, min));
        return met(
          max !== undefined && answer >= max
            ? m.amountCoversRange(answer, max)
            : m.amountCoversEntry(answer, min),
        );
      };
    }
    case "date": {
      const horizon = createHorizon(criterion.horizonDays ?? DEFAULT_HORIZON_DAYS);
      return (answer, options, m) => {
        const date = toDate(answer);
        if (date === undefined) return undefined;
        const { days, start, end } = horizon(options.now, options.horizonDays);
        const time = date.getTime();
        if (time < start) return notMet(m.datePassed(date));
        if (time > end) return notMet(m.dateTooFar(date, days));
        return met(m.dateWithin(date, days));
      };
    }
    case "role": {
      const find = keywordFinder(criterion.roles ?? DEFAULT_DECISION_MAKER_ROLES);
      return (answer, _, m) => {
        if (typeof answer !== "string") return undefined;
        const keyword = find(answer);
        if (keyword !== undefined) return met(m.roleHasAuthority(answer, keyword));
        // A blank title matches no keyword, so the (rarer) blank check waits for a miss.
        return answer.trim() === "" ? unknownStatus(m.textEmpty) : notMet(m.roleLacksAuthority(answer));
      };
    }
    case "text":
      return (answer, _, m) =>
        typeof answer !== "string"
          ? undefined
          : answer.trim() === ""
            ? unknownStatus(m.textEmpty)
            : met(m.textRecorded);
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
const UNKNOWN_SILENTLY: CriterionJudgement = { status: "unknown", reason: "" };
const met = (reason: string): CriterionJudgement =>
  reason === "" ? MET_SILENTLY : { status: "met", reason };
const notMet = (reason: string): CriterionJudgement =>
  reason === "" ? NOT_MET_SILENTLY : { status: "not_met", reason };
const unknownStatus = (reason: string): CriterionJudgement =>
  reason === "" ? UNKNOWN_SILENTLY : { status: "unknown", reason };

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
// while `now` stays in a verified local hour). Each date criterion's judge owns one: built for the
// criterion's horizon, rebuilt only when a call asks for another horizon than the previous call.
function createHorizon(
  criterionDays: number,
): (
  now: Date,
  days: number | undefined,
) => { readonly days: number; readonly start: number; readonly end: number } {
  const out = new Float64Array(2);
  let lastDays = criterionDays;
  let fill = windowOf(criterionDays);
  return (now, asked) => {
    const days = asked ?? criterionDays;
    if (days !== lastDays) {
      fill = windowOf(days);
      lastDays = days;
    }
    fill(now, out);
    return { days, start: out[0] as number, end: out[1] as number };
  };
}

const windowOf = (days: number) =>
  createCalendarTimes([{ kind: "start_of_day" }, calendarShift({ days }, 1)]);
