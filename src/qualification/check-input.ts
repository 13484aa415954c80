// Internal: the checks at the boundary of the qualification functions. Evidence, options, profiles
// and frameworks that come from JSON or untyped code get issues here, before anything reads them:
// a status "Met" is refused rather than read as unknown, a date string where a Date belongs is
// explained, an unsupported language is named. The evidence check is a few typeofs per item, written
// to inline. Nothing is remembered between calls: a framework is validated when it is compiled, a
// criterion given to `judgeCriterionAnswer` and a profile on every call.
import {
  dateIssue,
  describeValue,
  INPUT_LIMITS,
  type Issue,
  issue,
  isValidDate,
  quoteValue,
  safeParseWith,
} from "../internal/index.js";
import { qualificationCriterionSchema } from "./schemas.js";
import {
  CRITERION_STATUSES,
  EVIDENCE_SOURCES,
  QUALIFICATION_LANGUAGES,
  type QualificationLanguage,
} from "./vocabulary.js";

const REVIVE_EVIDENCE =
  "evidence read from JSON keeps its dates as strings: revive it with criterionEvidenceSchema first";

/** Whether a value is one of the shipped languages. */
export function isLanguage(value: unknown): value is QualificationLanguage {
  return value === "en" || value === "es";
}

/** The issue for a language that is not shipped, or `undefined` (absent means English). */
export function languageIssue(language: unknown, path: readonly (string | number)[]): Issue | undefined {
  return language === undefined || isLanguage(language)
    ? undefined
    : issue(
        "invalid_value",
        path,
        `Unsupported language ${quoteValue(language)}; expected one of ${QUALIFICATION_LANGUAGES.join(", ")}`,
      );
}

/** Whether an evidence item is well formed; the fast path of {@link evidenceIssues}. */
export function itemLooksValid(item: unknown): boolean {
  if (item === null || typeof item !== "object") return false;
  const e = item as Readonly<Record<string, unknown>>;
  if (typeof e["criterionId"] !== "string") return false;
  const status = e["status"];
  if (status !== undefined && status !== "met" && status !== "not_met" && status !== "unknown") return false;
  const source = e["source"];
  if (source !== "research" && source !== "conversation") return false;
  const at = e["at"];
  if (at !== undefined && !(at instanceof Date && !Number.isNaN(at.getTime()))) return false;
  // Any answer is safe to judge: one of the wrong type is an `invalid_answer` that names the criterion.
  const note = e["note"];
  const by = e["recordedBy"];
  return (note === undefined || typeof note === "string") && (by === undefined || typeof by === "string");
}

/**
 * The issues with a list of criterion evidence, or `undefined` when every item is well formed (the
 * answer's fit to its criterion is judged later, as `invalid_answer`).
 */
export function evidenceIssues(evidence: unknown): readonly Issue[] | undefined {
  if (!Array.isArray(evidence))
    return [issue("invalid_type", ["evidence"], `evidence must be an array; got ${describeValue(evidence)}`)];
  if (evidence.length > INPUT_LIMITS.recordItems)
    return [
      issue(
        "too_big",
        ["evidence"],
        `evidence may hold at most ${INPUT_LIMITS.recordItems} items; got ${evidence.length}`,
      ),
    ];
  let issues: Issue[] | undefined;
  for (let i = 0; i < evidence.length; i++) {
    if (itemLooksValid(evidence[i])) continue;
    issues ??= [];
    issues.push(itemIssue(evidence[i], ["evidence", i]));
    if (issues.length > INPUT_LIMITS.issues) break;
  }
  return issues;
}

function itemIssue(item: unknown, path: readonly (string | number)[]): Issue {
  const where = path.join(".");
  if (item === null || typeof item !== "object")
    return issue("invalid_type", path, `${where} must be an evidence object; got ${describeValue(item)}`);
  const e = item as Readonly<Record<string, unknown>>;
  if (typeof e["criterionId"] !== "string")
    return issue(
      "invalid_type",
      [...path, "criterionId"],
      `${where}.criterionId must be a criterion id (a string); got ${describeValue(e["criterionId"])}`,
    );
  const status = e["status"];
  if (status !== undefined && !(CRITERION_STATUSES as readonly unknown[]).includes(status))
    return issue(
      "invalid_value",
      [...path, "status"],
      `Unknown status ${quoteValue(status)}; expected one of ${CRITERION_STATUSES.join(", ")} (lowercase), or no status`,
    );
  const source = e["source"];
  if (!(EVIDENCE_SOURCES as readonly unknown[]).includes(source))
    return issue(
      "invalid_value",
      [...path, "source"],
      `Unknown source ${quoteValue(source)}; expected ${EVIDENCE_SOURCES.join(" or ")}`,
    );
  const at = e["at"];
  if (at !== undefined && !isValidDate(at)) return dateIssue([...path, "at"], at, REVIVE_EVIDENCE);
  const answer = e["answer"];
  if (
    answer !== undefined &&
    !["boolean", "number", "string"].includes(typeof answer) &&
    !(answer instanceof Date)
  )
    return issue(
      "invalid_type",
      [...path, "answer"],
      `${where}.answer must be a boolean, a number, a string or a Date; got ${describeValue(answer)}`,
    );
  const field = typeof e["note"] !== "string" && e["note"] !== undefined ? "note" : "recordedBy";
  return issue(
    "invalid_type",
    [...path, field],
    `${where}.${field} must be text; got ${describeValue(e[field])}`,
  );
}

/** Whether the judgement options are well formed; the fast path of {@link optionsIssues}. */
function optionsLookValid(options: unknown): boolean {
  if (options === null || typeof options !== "object") return false;
  const o = options as {
    readonly now?: unknown;
    readonly language?: unknown;
    readonly priceRange?: unknown;
    readonly horizonDays?: unknown;
    readonly maxQuestions?: unknown;
    readonly contact?: unknown;
  };
  const now = o.now;
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) return false;
  const language = o.language;
  if (language !== undefined && language !== "en" && language !== "es") return false;
  const range = o.priceRange as { readonly min?: unknown; readonly max?: unknown } | null | undefined;
  if (range !== undefined) {
    if (range === null || typeof range !== "object") return false;
    const { min, max } = range;
    if (typeof min !== "number" || !(min >= 0) || min === Number.POSITIVE_INFINITY) return false;
    if (max !== undefined && (typeof max !== "number" || !(max >= min) || max === Number.POSITIVE_INFINITY))
      return false;
  }
  const { horizonDays, maxQuestions } = o;
  if (horizonDays !== undefined && !isWholeNumber(horizonDays, 1, MAX_HORIZON_DAYS)) return false;
  if (maxQuestions !== undefined && !isWholeNumber(maxQuestions, 0, Number.MAX_SAFE_INTEGER)) return false;
  const contact = o.contact as Readonly<Record<string, unknown>> | null | undefined;
  if (contact === undefined) return true;
  if (contact === null || typeof contact !== "object") return false;
  const { industry, companySize, country, jobTitle } = contact;
  return (
    (industry === undefined || typeof industry === "string") &&
    (companySize === undefined || typeof companySize === "string") &&
    (country === undefined || typeof country === "string") &&
    (jobTitle === undefined || typeof jobTitle === "string")
  );
}

const MAX_HORIZON_DAYS = 36_500;

const isWholeNumber = (value: unknown, min: number, max: number): boolean =>
  typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;

/** The issues with the judgement options (and the contact, when given; the profile is checked apart). */
export function optionsIssues(options: unknown): readonly Issue[] | undefined {
  if (optionsLookValid(options)) return undefined;
  if (options === null || typeof options !== "object")
    return [
      issue("invalid_type", [], `The options must be an object with now; got ${describeValue(options)}`),
    ];
  const o = options as Readonly<Record<string, unknown>>;
  const now = o["now"];
  if (!(now instanceof Date) || Number.isNaN(now.getTime()))
    return [dateIssue(["now"], now, "pass the time of the evaluation as a Date")];
  const found =
    languageIssue(o["language"], ["language"]) ??
    priceRangeIssue(o["priceRange"]) ??
    wholeNumberIssue(o["horizonDays"], ["horizonDays"], 1, MAX_HORIZON_DAYS) ??
    wholeNumberIssue(o["maxQuestions"], ["maxQuestions"], 0, Number.MAX_SAFE_INTEGER) ??
    contactIssue(o["contact"]);
  return found === undefined ? undefined : [found];
}

/** The issue with a contact checked against a profile: its four facts must be text when present. */
export function contactIssue(
  contact: unknown,
  path: readonly (string | number)[] = ["contact"],
): Issue | undefined {
  if (contact === undefined) return undefined;
  if (contact === null || typeof contact !== "object")
    return issue("invalid_type", path, `contact must be an object; got ${describeValue(contact)}`);
  const c = contact as Readonly<Record<string, unknown>>;
  for (const field of ["industry", "companySize", "country", "jobTitle"]) {
    const value = c[field];
    if (value !== undefined && typeof value !== "string")
      return issue(
        "invalid_type",
        [...path, field],
        `contact.${field} must be text; got ${describeValue(value)}`,
      );
  }
  return undefined;
}

function priceRangeIssue(range: unknown): Issue | undefined {
  if (range === undefined) return undefined;
  if (range === null || typeof range !== "object")
    return issue(
      "invalid_type",
      ["priceRange"],
      `priceRange must be an object with min; got ${describeValue(range)}`,
    );
  const { min, max } = range as { readonly min?: unknown; readonly max?: unknown };
  if (typeof min !== "number" || !Number.isFinite(min) || min < 0)
    return issue(
      "invalid_type",
      ["priceRange", "min"],
      `priceRange.min must be a finite number at or above 0; got ${describeValue(min)}`,
    );
  if (max !== undefined && (typeof max !== "number" || !Number.isFinite(max) || max < min))
    return issue(
      "invalid_value",
      ["priceRange", "max"],
      `priceRange.max must be a finite number at or above min; got ${describeValue(max)}`,
    );
  return undefined;
}

function wholeNumberIssue(
  value: unknown,
  path: readonly (string | number)[],
  min: number,
  max: number,
): Issue | undefined {
  if (value === undefined) return undefined;
  return isWholeNumber(value, min, max)
    ? undefined
    : issue(
        "invalid_type",
        path,
        `${path.join(".")} must be a whole number from ${min} to ${max}; got ${describeValue(value)}`,
      );
}

/**
 * The issues with a criterion given to `judgeCriterionAnswer`, checked on every call (a function
 * that judges one answer has nothing to remember; evaluations judge with compiled frameworks).
 */
export function criterionIssues(criterion: unknown): readonly Issue[] | undefined {
  const parsed = safeParseWith(qualificationCriterionSchema, criterion);
  return parsed.ok ? undefined : parsed.issues.map((i) => ({ ...i, path: ["criterion", ...i.path] }));
}
