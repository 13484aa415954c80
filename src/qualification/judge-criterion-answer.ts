import { addDays, isAfter, isBefore, isValid, parseISO, startOfDay } from "date-fns";
import { err, issue, ok, type Result } from "../internal/index.js";
import { findKeyword } from "./match-keywords.js";
import { MESSAGES } from "./messages.js";
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
 * @returns The judgement, or an `invalid_answer` issue when the answer's type does not suit the kind.
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
  const m = MESSAGES[options.language ?? "en"];
  switch (criterion.evidence) {
    case "yes_no":
      if (typeof answer !== "boolean") break;
      return ok(answer ? met(m.yes) : notMet(m.no));
    case "level": {
      if (typeof answer !== "string" || !isLevel(answer)) break;
      const minimum = criterion.minimumLevel ?? "medium";
      return ok(
        rank(answer) >= rank(minimum)
          ? met(m.levelMet(answer, minimum))
          : notMet(m.levelNotMet(answer, minimum)),
      );
    }
    case "amount": {
      if (typeof answer !== "number" || !Number.isFinite(answer)) break;
      const min = options.priceRange?.min ?? criterion.minimumAmount;
      const max = options.priceRange?.max;
      if (min === undefined) return ok(answer > 0 ? met(m.amountWithoutRange(answer)) : notMet(m.noAmount));
      if (answer < min || answer <= 0)
        return ok(notMet(answer <= 0 ? m.noAmount : m.amountBelow(answer, min)));
      return ok(
        met(
          max !== undefined && answer >= max
            ? m.amountCoversRange(answer, max)
            : m.amountCoversEntry(answer, min),
        ),
      );
    }
    case "date": {
      const date = toDate(answer);
      if (date === undefined) break;
      const days = options.horizonDays ?? criterion.horizonDays ?? DEFAULT_HORIZON_DAYS;
      const today = startOfDay(options.now);
      if (isBefore(date, today)) return ok(notMet(m.datePassed(date)));
      if (isAfter(date, addDays(options.now, days))) return ok(notMet(m.dateTooFar(date, days)));
      return ok(met(m.dateWithin(date, days)));
    }
    case "role": {
      if (typeof answer !== "string") break;
      if (answer.trim() === "") return ok({ status: "unknown", reason: m.textEmpty });
      const keyword = findKeyword(answer, criterion.roles ?? DEFAULT_DECISION_MAKER_ROLES);
      return ok(
        keyword === undefined
          ? notMet(m.roleLacksAuthority(answer))
          : met(m.roleHasAuthority(answer, keyword)),
      );
    }
    case "text":
      if (typeof answer !== "string") break;
      return ok(answer.trim() === "" ? { status: "unknown", reason: m.textEmpty } : met(m.textRecorded));
  }
  return err([
    issue(
      "invalid_answer",
      ["answer"],
      `Criterion "${criterion.id}" takes ${EXPECTED[criterion.evidence]}; got ${describe(answer)}.`,
    ),
  ]);
}

const EXPECTED = {
  yes_no: "a boolean (true for yes)",
  level: `a level (${QUALIFICATION_LEVELS.join(", ")})`,
  amount: "a finite number",
  date: "a Date or an ISO-8601 date string such as 2026-03-31",
  role: "a role or job title string",
  text: "a string",
} as const;

function describe(answer: CriterionAnswer): string {
  if (answer instanceof Date) return "an invalid Date";
  return `${typeof answer} ${JSON.stringify(answer)}`;
}

const met = (reason: string): CriterionJudgement => ({ status: "met", reason });
const notMet = (reason: string): CriterionJudgement => ({ status: "not_met", reason });

const isLevel = (value: string): value is QualificationLevel =>
  (QUALIFICATION_LEVELS as readonly string[]).includes(value);

const rank = (level: QualificationLevel): number => QUALIFICATION_LEVELS.indexOf(level);

function toDate(answer: CriterionAnswer): Date | undefined {
  const date = answer instanceof Date ? answer : typeof answer === "string" ? parseISO(answer) : undefined;
  return date !== undefined && isValid(date) ? date : undefined;
}
