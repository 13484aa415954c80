import { capIssues, err, INPUT_LIMITS, type Ok, ok, type Result } from "../internal/index.js";
import { checkIcpFit, profileIssues } from "./check-icp-fit.js";
import { itemLooksValid, optionsIssues } from "./check-input.js";
import {
  type CompiledFramework,
  criterionIndexOf,
  type FrameworkPlan,
  isIssues,
  planOf,
} from "./compile-framework.js";
import { applyRequired, applyRule, decide } from "./decide-qualification-verdict.js";
import { checkedPlan, type EvaluateQualificationOptions, judgeEvidence } from "./evaluate-qualification.js";
import {
  type CriterionJudge,
  INVALID,
  type JudgeCriterionAnswerOptions,
  MET,
  NOT_MET,
  statusOf,
} from "./judge-criterion-answer.js";
import type { CriterionEvidence } from "./schemas.js";
import type { CriterionStatus, QualificationVerdict } from "./vocabulary.js";

/**
 * Only the verdict of {@link evaluateQualification} — for filtering many leads at once (a list
 * view, a nightly batch) when nobody reads the breakdown.
 *
 * @remarks
 * It applies the same judges and the same rule as {@link evaluateQualification}, and
 * returns the same verdict and the same issues for bad evidence; it builds no sentences, breakdown
 * or questions, which makes it several times faster. Evidence with at most one item per criterion
 * (the usual case) is judged in one pass without allocating; evidence that repeats a criterion or
 * has issues goes through {@link evaluateQualification}'s own evidence pass.
 *
 * @param compiled - The framework to qualify against, from `compileFramework`.
 * @param evidence - Evidence per criterion, in any order; the latest per criterion decides.
 * @param options - As for {@link evaluateQualification}; `language` and `maxQuestions` play no part.
 * @returns The verdict, or issues for evidence naming an unknown criterion or with the wrong answer type.
 * @example
 * ```ts
 * import { BANT, compileFramework, evaluateQualificationVerdict } from "leadkit/qualification";
 *
 * declare function answersOf(lead: import("leadkit").Lead): readonly import("leadkit/qualification").CriterionEvidence[];
 * const bant = compileFramework(BANT);
 * const warm = leads.filter((lead) => {
 *   const verdict = evaluateQualificationVerdict(bant, answersOf(lead), { now, priceRange: { min: 12_000 } });
 *   return verdict.ok && verdict.value === "qualified";
 * });
 * ```
 * @category Qualification
 */
export function evaluateQualificationVerdict(
  compiled: CompiledFramework,
  evidence: readonly CriterionEvidence[],
  options: EvaluateQualificationOptions,
): Result<QualificationVerdict> {
  const plan = planOf(compiled);
  if (isIssues(plan)) return err(plan);
  // The usual case in one pass: valid options and profile, and evidence whose items are well formed
  // (checked as they are judged) with at most one per criterion. Anything else takes the general
  // path, which checks everything again in order and words the issues.
  if (
    plan.masks &&
    Array.isArray(evidence) &&
    evidence.length <= INPUT_LIMITS.recordItems &&
    optionsIssues(options) === undefined &&
    (options.icp === undefined || profileIssues(options.icp, ["icp"]) === undefined)
  ) {
    const quick = verdictOfSingleItems(plan, evidence, options);
    if (quick !== undefined)
      return options.icp !== undefined && misfits(options) ? OK.disqualified : OK[quick];
  }
  const checked = checkedPlan(compiled, evidence, options);
  if (isIssues(checked)) return err(checked);
  return verdictOfAnyEvidence(checked, evidence, options);
}

// Verdicts are read-only values, so the results are shared rather than allocated per lead.
const OK: Readonly<Record<QualificationVerdict, Ok<QualificationVerdict>>> = Object.freeze({
  qualified: Object.freeze(ok<QualificationVerdict>("qualified")),
  disqualified: Object.freeze(ok<QualificationVerdict>("disqualified")),
  needs_information: Object.freeze(ok<QualificationVerdict>("needs_information")),
});

const misfits = (options: EvaluateQualificationOptions): boolean =>
  options.icp !== undefined &&
  checkIcpFit(options.contact ?? {}, options.icp, "en").checks.some((c) => c.outcome === "does_not_fit");

/** The general path: {@link evaluateQualification}'s evidence pass, deciding without wording. */
function verdictOfAnyEvidence(
  plan: FrameworkPlan,
  evidence: readonly CriterionEvidence[],
  options: EvaluateQualificationOptions,
): Result<QualificationVerdict> {
  const { framework } = plan;
  const judged = judgeEvidence(evidence, options, plan);
  if (judged.issues !== undefined) return err(capIssues(judged.issues));
  const statuses: CriterionStatus[] = [];
  for (let index = 0; index < framework.criteria.length; index++) {
    const outcome = judged.outcomes[index] as number;
    statuses.push(judged.deciding[index]?.status ?? (outcome >= 0 ? statusOf(outcome) : "unknown"));
  }
  if (misfits(options)) return OK.disqualified;
  return OK[decide(framework, plan.weights, statuses, undefined, "en").verdict];
}

/**
 * The verdict when each criterion has at most one item and every item is well formed (checked here,
 * as `evidenceIssues` does) and valid, with statuses kept as bits; `undefined` when the evidence
 * repeats a criterion or has an issue, for the general path to settle (it orders repeated items by time and words the issues). Decides by the same
 * `applyRule` and `applyRequired` as `decide`.
 */
function verdictOfSingleItems(
  plan: FrameworkPlan,
  evidence: readonly CriterionEvidence[],
  options: JudgeCriterionAnswerOptions,
): QualificationVerdict | undefined {
  const { ids, judges } = plan;
  const n = ids.length;
  let seen = 0;
  let next = 0;
  let metMask = 0;
  let notMetMask = 0;
  let met = 0;
  let notMet = 0;
  for (let position = 0; position < evidence.length; position++) {
    const item = evidence[position] as CriterionEvidence;
    if (!itemLooksValid(item)) return undefined;
    const index = criterionIndexOf(ids, item.criterionId, next);
    next = index + 1;
    const bit = 1 << index;
    if (index === n || (seen & bit) !== 0) return undefined;
    seen |= bit;
    // The status as an outcome's two low bits: an explicit one wins over the answer's.
    let status =
      item.status === undefined ? 0 : item.status === "met" ? MET : item.status === "not_met" ? NOT_MET : 0;
    if (item.answer !== undefined) {
      const outcome = (judges[index] as CriterionJudge).judge(item.answer, options);
      if (outcome === INVALID) return undefined;
      if (item.status === undefined) status = outcome & 3;
    }
    if (status === MET) {
      metMask |= bit;
      met++;
    } else if (status === NOT_MET) {
      notMetMask |= bit;
      notMet++;
    }
  }
  const unknown = n - met - notMet;
  let metWeight = 0;
  let unknownWeight = 0;
  let totalWeight = 0;
  if (plan.framework.rule.kind === "weighted") {
    // Summed in framework order, as `decide` does, so the floating-point sums are the same.
    for (let index = 0; index < n; index++) {
      const weight = plan.weights[index] as number;
      totalWeight += weight;
      if ((metMask & (1 << index)) !== 0) metWeight += weight;
      else if ((notMetMask & (1 << index)) === 0) unknownWeight += weight;
    }
  }
  const verdict = applyRule(plan.framework.rule, met, notMet, unknown, metWeight, unknownWeight, totalWeight);
  return applyRequired(verdict, (notMetMask & plan.required) !== 0, (plan.required & ~metMask) !== 0);
}
