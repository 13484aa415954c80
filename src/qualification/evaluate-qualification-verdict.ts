import { err, ok, type Result } from "../internal/index.js";
import { checkIcpFit } from "./check-icp-fit.js";
import { decide } from "./decide-qualification-verdict.js";
import { type EvaluateQualificationOptions, judgeEvidence } from "./evaluate-qualification.js";
import { SILENT } from "./messages.js";
import type { CriterionEvidence, QualificationFramework } from "./schemas.js";
import type { CriterionStatus, QualificationVerdict } from "./vocabulary.js";

/**
 * Only the verdict of {@link evaluateQualification} — for filtering many leads at once (a list
 * view, a nightly batch) when nobody reads the breakdown.
 *
 * @remarks
 * It runs the same evidence pass, the same typed judgement and the same rule as
 * {@link evaluateQualification}, and returns the same verdict and the same issues for bad evidence;
 * it builds no sentences, breakdown or questions, which makes it several times faster.
 *
 * @param framework - The framework to qualify against.
 * @param evidence - Evidence per criterion, in any order; the latest per criterion decides.
 * @param options - As for {@link evaluateQualification}; `language` and `maxQuestions` play no part.
 * @returns The verdict, or issues for evidence naming an unknown criterion or with the wrong answer type.
 * @example
 * ```ts
 * const warm = leads.filter((lead) => {
 *   const verdict = evaluateQualificationVerdict(BANT, answersOf(lead), { now, priceRange: { min: 12_000 } });
 *   return verdict.ok && verdict.value === "qualified";
 * });
 * ```
 * @category Qualification
 */
export function evaluateQualificationVerdict(
  framework: QualificationFramework,
  evidence: readonly CriterionEvidence[],
  options: EvaluateQualificationOptions,
): Result<QualificationVerdict> {
  const { deciding, judgements, issues } = judgeEvidence(framework, evidence, options, SILENT);
  if (issues.length > 0) return err(issues);
  const statuses: CriterionStatus[] = [];
  for (let index = 0; index < framework.criteria.length; index++) {
    statuses.push(deciding[index]?.status ?? judgements[index]?.status ?? "unknown");
  }
  if (options.icp !== undefined) {
    const fit = checkIcpFit(options.contact ?? {}, options.icp, "en");
    if (fit.checks.some((c) => c.outcome === "does_not_fit")) return ok("disqualified");
  }
  return ok(decide(framework, statuses, SILENT, "en").verdict);
}
