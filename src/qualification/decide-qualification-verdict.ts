import { formatIssues, getOwn, type Issue, issue, LeadKitError, quoteValue } from "../internal/index.js";
import { languageIssue } from "./check-input.js";
import { MESSAGES, type Messages } from "./messages.js";
import type { QualificationCriterion, QualificationFramework, QualificationRule } from "./schemas.js";
import type { CriterionStatus, QualificationLanguage, QualificationVerdict } from "./vocabulary.js";

/**
 * A verdict with the sentences that explain it.
 *
 * @example
 * ```ts
 * import { BANT, decideQualificationVerdict, type VerdictDecision } from "leadkit/qualification";
 *
 * // Statuses kept in your own CRM, decided by BANT's rule.
 * const decision: VerdictDecision = decideQualificationVerdict(BANT, { budget: "met", authority: "met", need: "met", timeline: "unknown" });
 * decision.verdict; // "qualified"
 * decision.reasons; // why, in a sentence a seller can read
 * ```
 * @category Qualification
 */
export interface VerdictDecision {
  /** The outcome. */
  readonly verdict: QualificationVerdict;
  /** Why, the deciding reason first: a required criterion that overrode the rule, else the rule's arithmetic. */
  readonly reasons: readonly string[];
}

/**
 * Applies a framework's verdict rule to per-criterion statuses, without any evidence: useful when
 * statuses are tracked elsewhere (a CRM checklist) or to preview a rule.
 *
 * @remarks
 * A required criterion that is not met disqualifies; one that is unknown keeps an otherwise
 * qualified lead at `needs_information`. Otherwise: `at_least` qualifies with `count` met and
 * disqualifies when met plus unknown cannot reach `count`; `all_required` needs every criterion;
 * `weighted` compares the met share of the total weight with the threshold, and disqualifies when
 * even every unknown turning met could not reach it. Turning any criterion to `met` never makes a
 * qualified lead disqualified.
 *
 * @param framework - The framework whose rule applies.
 * @param statuses - Status per criterion id; criteria left out count as `unknown`.
 * @param language - Language of the reasons; English when absent.
 * @returns The verdict and its reasons.
 * @throws `LeadKitError` (`invalid_input`) for an unsupported language or a status other than `met`,
 *   `not_met` or `unknown`.
 * @example
 * ```ts
 * import { BANT, decideQualificationVerdict } from "leadkit/qualification";
 *
 * decideQualificationVerdict(BANT, { budget: "met", authority: "met", need: "met" }).verdict; // "qualified"
 * ```
 * @category Qualification
 */
export function decideQualificationVerdict(
  framework: QualificationFramework,
  statuses: Readonly<Record<string, CriterionStatus>>,
  language: QualificationLanguage = "en",
): VerdictDecision {
  const problem = languageIssue(language, ["language"]) ?? statusesIssue(statuses);
  if (problem !== undefined)
    throw new LeadKitError("invalid_input", formatIssues("Cannot decide the verdict", [problem]), [problem]);
  return decide(
    framework,
    framework.criteria.map((c) => weightOf(framework, c)),
    framework.criteria.map((c) => getOwn(statuses, c.id) ?? "unknown"),
    MESSAGES[language],
    language,
  );
}

const STATUSES: readonly unknown[] = ["met", "not_met", "unknown"];

function statusesIssue(statuses: unknown): Issue | undefined {
  if (statuses === null || typeof statuses !== "object")
    return issue("invalid_type", ["statuses"], "statuses must be an object of criterion id → status");
  for (const [id, status] of Object.entries(statuses))
    if (!STATUSES.includes(status))
      return issue(
        "invalid_value",
        ["statuses", id],
        `Unknown status ${quoteValue(status)}; expected met, not_met or unknown (lowercase)`,
      );
  return undefined;
}

/** The effective weight of a criterion: the rule's weight, then the criterion's, then 1. */
export function weightOf(framework: QualificationFramework, criterion: QualificationCriterion): number {
  const { rule } = framework;
  // Criterion ids are data: "constructor" is an id like any other, never Object.prototype's member.
  const weights = rule.kind === "weighted" ? rule.weights : undefined;
  return (weights === undefined ? undefined : getOwn(weights, criterion.id)) ?? criterion.weight ?? 1;
}

/**
 * The rule over statuses given in framework order, with each criterion's effective weight. With
 * `m` the reasons are worded; without, only the verdict is decided (and `reasons` is empty). A
 * compiled framework passes `ruleReasons`, its rule's sentences worded once per tally (index
 * `met × (criteria + 1) + notMet`, as one-sentence arrays), for the reasons no required criterion adds to.
 */
export function decide(
  framework: QualificationFramework,
  weights: readonly number[],
  statuses: readonly CriterionStatus[],
  m: Messages | undefined,
  language: QualificationLanguage,
  ruleReasons?: readonly (readonly string[])[],
): VerdictDecision {
  const { criteria, rule } = framework;
  let met = 0;
  let notMet = 0;
  let unknown = 0;
  let metWeight = 0;
  let unknownWeight = 0;
  let totalWeight = 0;
  let requiredReasons: string[] | undefined;
  let requiredFailed = false;
  let requiredPending = false;
  for (let index = 0; index < criteria.length; index++) {
    const criterion = criteria[index] as QualificationCriterion;
    const status = statuses[index] ?? "unknown";
    const weight = weights[index] as number;
    totalWeight += weight;
    if (status === "met") {
      met += 1;
      metWeight += weight;
    } else if (status === "not_met") {
      notMet += 1;
    } else {
      unknown += 1;
      unknownWeight += weight;
    }
    if (criterion.required !== true || status === "met") continue;
    if (status === "not_met") requiredFailed = true;
    else requiredPending = true;
    if (m === undefined) continue;
    requiredReasons ??= [];
    requiredReasons.push(
      status === "not_met"
        ? m.requiredNotMet(criterion.labels[language])
        : m.requiredUnknown(criterion.labels[language]),
    );
  }

  const verdict = applyRule(rule, met, notMet, unknown, metWeight, unknownWeight, totalWeight);
  const final = applyRequired(verdict, requiredFailed, requiredPending);
  if (m === undefined) return { verdict: final, reasons: NO_REASONS };
  if (requiredReasons === undefined) {
    const shared = ruleReasons?.[met * (criteria.length + 1) + notMet];
    if (shared !== undefined) return { verdict: final, reasons: shared };
  }
  const reason = ruleReason(
    rule,
    m,
    met,
    notMet,
    unknown,
    criteria.length,
    metWeight,
    unknownWeight,
    totalWeight,
  );
  if (requiredReasons === undefined) return { verdict: final, reasons: [reason] };
  // The reason that decided comes first: a required criterion overrides the rule's arithmetic.
  if (final !== verdict) return { verdict: final, reasons: [...requiredReasons, reason] };
  return { verdict, reasons: [reason, ...requiredReasons] };
}

const NO_REASONS: readonly string[] = Object.freeze([]);

/** The sentence that states the rule's arithmetic over the tallies. */
export function ruleReason(
  rule: QualificationRule,
  m: Messages,
  met: number,
  notMet: number,
  unknown: number,
  total: number,
  metWeight: number,
  unknownWeight: number,
  totalWeight: number,
): string {
  return rule.kind === "at_least"
    ? m.atLeast(met, unknown, total, rule.count)
    : rule.kind === "all_required"
      ? m.allRequired(met, notMet, unknown, total)
      : m.weighted(metWeight / totalWeight, (metWeight + unknownWeight) / totalWeight, rule.threshold);
}

/**
 * The framework's rule over the tallies of its criteria — the one place it is written: the full
 * evaluation and the verdict-only path both decide with it. Weights are read by `weighted` only.
 */
export function applyRule(
  rule: QualificationRule,
  met: number,
  notMet: number,
  unknown: number,
  metWeight: number,
  unknownWeight: number,
  totalWeight: number,
): QualificationVerdict {
  if (rule.kind === "at_least")
    return met >= rule.count
      ? "qualified"
      : met + unknown < rule.count
        ? "disqualified"
        : "needs_information";
  if (rule.kind === "all_required")
    return notMet > 0 ? "disqualified" : unknown > 0 ? "needs_information" : "qualified";
  return weightedVerdict(metWeight, unknownWeight, totalWeight, rule.threshold);
}

/**
 * Required criteria over the rule: one not met disqualifies whatever the rule says; one still
 * unknown keeps an otherwise qualified lead waiting.
 */
export function applyRequired(
  verdict: QualificationVerdict,
  requiredNotMet: boolean,
  requiredUnknown: boolean,
): QualificationVerdict {
  if (requiredNotMet) return "disqualified";
  return requiredUnknown && verdict === "qualified" ? "needs_information" : verdict;
}

/**
 * A weighted rule's verdict: qualified when the met weight reaches the threshold, disqualified when
 * even every unknown criterion met could not, needs information in between.
 */
function weightedVerdict(
  metWeight: number,
  unknownWeight: number,
  totalWeight: number,
  threshold: number,
): QualificationVerdict {
  // A hair of tolerance so 7.7 of 11 reaches a 0.7 threshold despite binary floating point.
  const needed = threshold * totalWeight - 1e-9;
  if (metWeight >= needed) return "qualified";
  return metWeight + unknownWeight < needed ? "disqualified" : "needs_information";
}
