import { err, type Issue, issue, ok, type Result } from "../internal/index.js";
import { checkIcpFit, type IcpFit, type IcpSubject, type IdealCustomerProfile } from "./check-icp-fit.js";
import { decide, weightOf } from "./decide-qualification-verdict.js";
import {
  type CriterionJudgement,
  type JudgeCriterionAnswerOptions,
  judgeCriterionAnswer,
} from "./judge-criterion-answer.js";
import { MESSAGES } from "./messages.js";
import type { CriterionEvidence, QualificationFramework } from "./schemas.js";
import type { CriterionStatus, QualificationLanguage, QualificationVerdict } from "./vocabulary.js";

/**
 * The value the lifecycle's lead → prospect guard accepts as proof of qualification: which
 * framework, what it decided, and when. The two modules meet through this value, not an import.
 *
 * @example
 * ```ts
 * const evidence: QualificationEvidence = { kind: "qualification", frameworkId: "bant", verdict: "qualified", at: now };
 * ```
 * @category Qualification
 */
export interface QualificationEvidence {
  /** Always `"qualification"`: tags this evidence among others a guard may accept. */
  readonly kind: "qualification";
  /** The id of the framework that decided. */
  readonly frameworkId: string;
  /** What it decided; the guard lets a lead through only on `"qualified"`. */
  readonly verdict: QualificationVerdict;
  /** When it was decided (the evaluation's `now`). */
  readonly at: Date;
}

/**
 * How one criterion stands in a qualification result.
 *
 * @example
 * ```ts
 * result.criteria.find((c) => c.criterionId === "budget")?.reason;
 * ```
 * @category Qualification
 */
export interface CriterionOutcome {
  /** The criterion's id. */
  readonly criterionId: string;
  /** The criterion's label in the requested language. */
  readonly label: string;
  /** Met, not met, or unknown. */
  readonly status: CriterionStatus;
  /** Whether the framework marks it required. */
  readonly required: boolean;
  /** Its effective weight under the framework's rule (1 unless weighted). */
  readonly weight: number;
  /** Why it has this status, in the requested language. */
  readonly reason: string;
  /** The evidence that decided it — the latest recorded — when there is any. */
  readonly evidence?: CriterionEvidence;
}

/**
 * A question to ask next, with the criterion it settles.
 *
 * @example
 * ```ts
 * const q: NextQuestion = { criterionId: "budget", label: "Budget", question: "What budget do you have in mind for this project?" };
 * ```
 * @category Qualification
 */
export interface NextQuestion {
  /** The criterion the question helps settle. */
  readonly criterionId: string;
  /** That criterion's label in the requested language. */
  readonly label: string;
  /** The question, in the requested language. */
  readonly question: string;
}

/**
 * The outcome of qualifying one lead against one framework.
 *
 * @example
 * ```ts
 * if (result.ok && result.value.verdict === "needs_information") ask(result.value.nextQuestions[0]);
 * ```
 * @category Qualification
 */
export interface QualificationResult {
  /** The framework's id. */
  readonly frameworkId: string;
  /** Qualified, disqualified, or needs information. */
  readonly verdict: QualificationVerdict;
  /** Why, in the requested language, the deciding reason first: profile misfits, then required criteria or the rule. */
  readonly reasons: readonly string[];
  /** Every criterion in framework order with its status and reason. */
  readonly criteria: readonly CriterionOutcome[];
  /** Ids of the criteria still unknown, most useful to settle first (required, then heavier, then framework order). */
  readonly missing: readonly string[];
  /** The questions to ask next, in order, for the missing criteria; empty once disqualified. */
  readonly nextQuestions: readonly NextQuestion[];
  /** How the contact fits the ideal customer profile, when one was given. */
  readonly icp?: IcpFit;
  /** The language of labels, reasons and questions. */
  readonly language: QualificationLanguage;
  /** The value to hand to the lifecycle's lead → prospect guard. */
  readonly evidence: QualificationEvidence;
}

/**
 * Options of {@link evaluateQualification}: the judgement options plus the contact and ideal
 * customer profile to check, and how many questions to suggest.
 *
 * @example
 * ```ts
 * const options: EvaluateQualificationOptions = {
 *   now: new Date(),
 *   language: "es",
 *   priceRange: { min: 12_000 },
 *   contact: { companySize: "51-200", country: "ES" },
 *   icp: { companySizes: ["51-200", "201-500"] },
 *   maxQuestions: 3,
 * };
 * ```
 * @category Qualification
 */
export interface EvaluateQualificationOptions extends JudgeCriterionAnswerOptions {
  /** The lead's contact (or its firmographics), checked against `icp`. */
  readonly contact?: IcpSubject;
  /** The ideal customer profile; a contact outside it is disqualified with the reason. */
  readonly icp?: IdealCustomerProfile;
  /** At most this many next questions; all of them when absent. */
  readonly maxQuestions?: number;
}

const criterionIndexes = new WeakMap<QualificationFramework, ReadonlyMap<string, number>>();

/**
 * Qualifies a lead: judges the evidence recorded for each criterion, applies the framework's rule
 * and the ideal customer profile, and says what is missing and what to ask next, in the user's
 * language.
 *
 * @remarks
 * When a criterion has several pieces of evidence (research first, a conversation later), the one
 * with the latest `at` decides, and among equal times the last given. An explicit `status` wins over
 * what the answer alone would say. Pure: the same inputs always give the same result.
 *
 * @param framework - A validated framework (a built-in one, or from `parseFramework`).
 * @param evidence - Everything recorded about the criteria, in any order.
 * @param options - The current time, language, price range, horizon, contact and profile.
 * @returns The result, or issues: `unknown_criterion` for evidence naming no criterion of the
 * framework, `invalid_answer` for an answer of the wrong type, each with its path in `evidence`.
 * @example
 * ```ts
 * const result = evaluateQualification(
 *   BANT,
 *   [
 *     { criterionId: "budget", answer: 30_000, source: "conversation" },
 *     { criterionId: "authority", answer: "CFO", source: "research" },
 *     { criterionId: "need", answer: "high", source: "conversation" },
 *   ],
 *   { now: new Date("2026-03-01T00:00:00Z"), priceRange: { min: 12_000 } },
 * );
 * if (result.ok) console.log(result.value.verdict); // "qualified"
 * ```
 * @category Qualification
 */
export function evaluateQualification(
  framework: QualificationFramework,
  evidence: readonly CriterionEvidence[],
  options: EvaluateQualificationOptions,
): Result<QualificationResult> {
  const language = options.language ?? "en";
  const m = MESSAGES[language];
  const indexes = indexOf(framework);
  const { criteria } = framework;

  const deciding: (CriterionEvidence | undefined)[] = new Array(criteria.length).fill(undefined);
  const judgements: (CriterionJudgement | undefined)[] = new Array(criteria.length).fill(undefined);
  const issues: Issue[] = [];
  evidence.forEach((item, position) => {
    const index = indexes.get(item.criterionId);
    if (index === undefined) {
      issues.push(
        issue(
          "unknown_criterion",
          ["evidence", position, "criterionId"],
          `Evidence names criterion "${item.criterionId}", which framework "${framework.id}" does not have; expected one of ${[...indexes.keys()].join(", ")}.`,
        ),
      );
      return;
    }
    let judgement: CriterionJudgement | undefined;
    if (item.answer !== undefined) {
      const judged = judgeCriterionAnswer(criteria[index] as (typeof criteria)[number], item.answer, options);
      if (!judged.ok) {
        for (const i of judged.issues)
          issues.push(issue(i.code, ["evidence", position, ...i.path], i.message));
        return;
      }
      judgement = judged.value;
    }
    const current = deciding[index];
    if (current === undefined || time(item) >= time(current)) {
      deciding[index] = item;
      judgements[index] = judgement;
    }
  });
  if (issues.length > 0) return err(issues);

  const statuses: CriterionStatus[] = [];
  const outcomes: CriterionOutcome[] = criteria.map((criterion, index) => {
    const item = deciding[index];
    const judgement = judgements[index];
    let status: CriterionStatus = "unknown";
    let reason = m.noEvidence;
    if (item?.status !== undefined) {
      status = item.status;
      reason = judgement === undefined ? m.recorded(status) : `${m.recorded(status)} ${judgement.reason}`;
    } else if (judgement !== undefined) {
      status = judgement.status;
      reason = judgement.reason;
    }
    statuses.push(status);
    const outcome = {
      criterionId: criterion.id,
      label: criterion.labels[language],
      status,
      required: criterion.required === true,
      weight: weightOf(framework, criterion),
      reason,
    };
    return item === undefined ? outcome : { ...outcome, evidence: item };
  });

  const decision = decide(framework, statuses, m, language);
  const icp =
    options.icp === undefined ? undefined : checkIcpFit(options.contact ?? {}, options.icp, language);
  const misfits =
    icp?.checks.filter((c) => c.outcome === "does_not_fit").map((c) => m.icpMismatch(c.reason)) ?? [];
  const verdict: QualificationVerdict = misfits.length > 0 ? "disqualified" : decision.verdict;

  const missing = outcomes
    .map((outcome, index) => ({ outcome, index }))
    .filter(({ outcome }) => outcome.status === "unknown")
    .sort(
      (a, b) =>
        Number(b.outcome.required) - Number(a.outcome.required) ||
        b.outcome.weight - a.outcome.weight ||
        a.index - b.index,
    );
  const nextQuestions: NextQuestion[] = [];
  if (verdict !== "disqualified") {
    const limit = options.maxQuestions ?? Number.POSITIVE_INFINITY;
    for (const { outcome, index } of missing) {
      for (const question of criteria[index]?.questions[language] ?? []) {
        if (nextQuestions.length >= limit) break;
        nextQuestions.push({ criterionId: outcome.criterionId, label: outcome.label, question });
      }
    }
  }

  const result: QualificationResult = {
    frameworkId: framework.id,
    verdict,
    reasons: [...misfits, ...decision.reasons],
    criteria: outcomes,
    missing: missing.map(({ outcome }) => outcome.criterionId),
    nextQuestions,
    language,
    evidence: { kind: "qualification", frameworkId: framework.id, verdict, at: options.now },
  };
  return ok(icp === undefined ? result : { ...result, icp });
}

function indexOf(framework: QualificationFramework): ReadonlyMap<string, number> {
  let indexes = criterionIndexes.get(framework);
  if (indexes === undefined) {
    indexes = new Map(framework.criteria.map((criterion, index) => [criterion.id, index]));
    criterionIndexes.set(framework, indexes);
  }
  return indexes;
}

const time = (item: CriterionEvidence): number => item.at?.getTime() ?? Number.NEGATIVE_INFINITY;
