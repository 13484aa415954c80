import {
  capIssues,
  err,
  type Issue,
  issue,
  listValues,
  ok,
  quoteValue,
  type Result,
} from "../internal/index.js";
import {
  checkIcpFit,
  type IcpFit,
  type IcpSubject,
  type IdealCustomerProfile,
  profileIssues,
} from "./check-icp-fit.js";
import { evidenceIssues, optionsIssues } from "./check-input.js";
import { type CompiledFramework, type FrameworkPlan, isIssues, planOf } from "./compile-framework.js";
import { decide } from "./decide-qualification-verdict.js";
import {
  type CriterionJudge,
  type CriterionJudgement,
  invalidAnswer,
  type JudgeCriterionAnswerOptions,
} from "./judge-criterion-answer.js";
import { MESSAGES, type Messages } from "./messages.js";
import type { CriterionEvidence, QualificationCriterion } from "./schemas.js";
import type { CriterionStatus, QualificationLanguage, QualificationVerdict } from "./vocabulary.js";

/**
 * The value the lifecycle's lead → prospect guard accepts as proof of qualification: which
 * framework, what it decided, and when. The two modules meet through this value, not an import.
 *
 * @example
 * ```ts
 * import { defaultLifecycle, transition } from "leadkit/lifecycle";
 * import { BANT, compileFramework, evaluateQualification, type QualificationEvidence } from "leadkit/qualification";
 *
 * declare const answers: readonly import("leadkit/qualification").CriterionEvidence[];
 * const result = evaluateQualification(compileFramework(BANT), answers, { now });
 * if (result.ok) {
 *   // The result carries the evidence the lifecycle's lead → prospect guard accepts.
 *   const evidence: QualificationEvidence = result.value.evidence;
 *   transition(defaultLifecycle, lead, { type: "qualify", evidence: [evidence] }, { now, actor: "u-ana" });
 * }
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
 * import { BANT, compileFramework, evaluateQualification } from "leadkit/qualification";
 *
 * const evaluated = evaluateQualification(compileFramework(BANT), [{ criterionId: "budget", answer: 8_000, source: "conversation" }], { now, priceRange: { min: 12_000 } });
 * if (evaluated.ok) evaluated.value.criteria.find((c) => c.criterionId === "budget")?.reason; // why it is not met
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
 * import { BANT, compileFramework, evaluateQualification, type NextQuestion } from "leadkit/qualification";
 *
 * const result = evaluateQualification(compileFramework(BANT), [], { now, language: "es", maxQuestions: 2 });
 * const script = (q: NextQuestion) => `${q.label}: ${q.question}`;
 * if (result.ok) result.value.nextQuestions.map(script); // the call script, budget first
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
 * import { BANT, compileFramework, evaluateQualification, type NextQuestion } from "leadkit/qualification";
 *
 * declare function ask(question: NextQuestion | undefined): void;
 * const result = evaluateQualification(compileFramework(BANT), [], { now });
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
 * import { BANT, compileFramework, type EvaluateQualificationOptions, evaluateQualification } from "leadkit/qualification";
 *
 * const options: EvaluateQualificationOptions = {
 *   now,
 *   language: "es",
 *   priceRange: { min: 12_000 },
 *   contact: { companySize: "51-200", country: "ES" },
 *   icp: { companySizes: ["51-200", "201-500"] },
 *   maxQuestions: 3,
 * };
 * const result = evaluateQualification(compileFramework(BANT), [{ criterionId: "budget", answer: 8_000, source: "conversation" }], options);
 * if (result.ok) result.value.criteria.find((c) => c.criterionId === "budget")?.status; // "not_met": below the entry price
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
 * @param compiled - A framework from `compileFramework` (e.g. `compileFramework(BANT)`), compiled once.
 * @param evidence - Everything recorded about the criteria, in any order.
 * @param options - The current time, language, price range, horizon, contact and profile.
 * @returns The result, or issues: `unknown_criterion` for evidence naming no criterion of the
 * framework, `invalid_answer` for an answer of the wrong type, each with its path in `evidence`;
 * `invalid_type` or `invalid_value` for malformed input — a status other than `met`, `not_met` or
 * `unknown`, a source other than `research` or `conversation`, a string where a Date belongs (revive
 * evidence read from JSON with `criterionEvidenceSchema`), an Invalid `now`, an unsupported
 * `language`, an invalid profile, or a value at `framework` that `compileFramework` did not build.
 * @example
 * ```ts
 * import { BANT, compileFramework, evaluateQualification } from "leadkit/qualification";
 *
 * const bant = compileFramework(BANT);
 * const result = evaluateQualification(
 *   bant,
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
  compiled: CompiledFramework,
  evidence: readonly CriterionEvidence[],
  options: EvaluateQualificationOptions,
): Result<QualificationResult> {
  const plan = checkedPlan(compiled, evidence, options);
  if (isIssues(plan)) return err(plan);
  const language = options.language ?? "en";
  const m = MESSAGES[language];
  const { framework } = plan;
  const { criteria } = framework;
  const n = criteria.length;

  const { deciding, judgements, issues } = judgeEvidence(evidence, options, m, plan);
  if (issues.length > 0) return err(capIssues(issues));

  const statuses: CriterionStatus[] = [];
  const outcomes: CriterionOutcome[] = [];
  for (let index = 0; index < n; index++) {
    const criterion = criteria[index] as QualificationCriterion;
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
    const label = criterion.labels[language];
    const required = criterion.required === true;
    const weight = plan.weights[index] ?? 1;
    // One literal, given its evidence afterwards (same key order): a single allocation site is
    // cheaper than two literals of different shapes.
    const outcome: { -readonly [K in keyof CriterionOutcome]: CriterionOutcome[K] } = {
      criterionId: criterion.id,
      label,
      status,
      required,
      weight,
      reason,
    };
    if (item !== undefined) outcome.evidence = item;
    outcomes.push(outcome);
  }

  const decision = decide(framework, plan.weights, statuses, m, language);
  let verdict = decision.verdict;
  let reasons = decision.reasons;
  let icp: IcpFit | undefined;
  if (options.icp !== undefined) {
    icp = checkIcpFit(options.contact ?? {}, options.icp, language);
    const misfits = icp.checks
      .filter((c) => c.outcome === "does_not_fit")
      .map((c) => m.icpMismatch(c.reason));
    if (misfits.length > 0) {
      verdict = "disqualified";
      reasons = [...misfits, ...reasons];
    }
  }

  const missing: string[] = [];
  const nextQuestions: NextQuestion[] = [];
  const limit = verdict === "disqualified" ? 0 : (options.maxQuestions ?? Number.POSITIVE_INFINITY);
  for (let order = 0; order < n; order++) {
    const index = plan.askOrder[order] as number;
    if (statuses[index] !== "unknown") continue;
    missing.push((criteria[index] as QualificationCriterion).id);
    for (const question of plan.questions[language][index] ?? []) {
      if (nextQuestions.length >= limit) break;
      nextQuestions.push(question);
    }
  }

  const evidenceValue: QualificationEvidence = {
    kind: "qualification",
    frameworkId: framework.id,
    verdict,
    at: options.now,
  };
  return ok(
    icp === undefined
      ? {
          frameworkId: framework.id,
          verdict,
          reasons,
          criteria: outcomes,
          missing,
          nextQuestions,
          language,
          evidence: evidenceValue,
        }
      : {
          frameworkId: framework.id,
          verdict,
          reasons,
          criteria: outcomes,
          missing,
          nextQuestions,
          icp,
          language,
          evidence: evidenceValue,
        },
  );
}

/**
 * The boundary check both evaluations make: the compiled framework's plan, or the first issues
 * with the framework, the options, the profile or the evidence.
 */
export function checkedPlan(
  compiled: CompiledFramework,
  evidence: readonly CriterionEvidence[],
  options: EvaluateQualificationOptions,
): FrameworkPlan | readonly Issue[] {
  const plan = planOf(compiled);
  if (isIssues(plan)) return plan;
  return (
    optionsIssues(options) ??
    (options.icp === undefined ? undefined : profileIssues(options.icp, ["icp"])) ??
    evidenceIssues(evidence) ??
    plan
  );
}

/** A linear scan beats a map lookup for the handful of criteria a framework has. */
function indexOfCriterion(plan: FrameworkPlan, id: string): number | undefined {
  const { ids } = plan;
  if (ids.length > 12) return plan.indexes.get(id);
  for (let index = 0; index < ids.length; index++) if (ids[index] === id) return index;
  return undefined;
}

const time = (item: CriterionEvidence): number => item.at?.getTime() ?? Number.NEGATIVE_INFINITY;

/** What the evidence says per criterion: the deciding item (latest), its judgement, and any issues. */
export interface JudgedEvidence {
  readonly deciding: readonly (CriterionEvidence | undefined)[];
  readonly judgements: readonly (CriterionJudgement | undefined)[];
  readonly issues: readonly Issue[];
}

/**
 * The evidence pass shared by {@link evaluateQualification} and `evaluateQualificationVerdict`:
 * indexes each item by criterion, judges typed answers (with `m`'s sentences, or none with
 * `SILENT`), and keeps the latest item per criterion.
 */
export function judgeEvidence(
  evidence: readonly CriterionEvidence[],
  options: JudgeCriterionAnswerOptions,
  m: Messages,
  plan: FrameworkPlan,
): JudgedEvidence {
  const { framework } = plan;
  const { criteria } = framework;
  const n = criteria.length;
  const deciding: (CriterionEvidence | undefined)[] = [];
  const judgements: (CriterionJudgement | undefined)[] = [];
  for (let i = 0; i < n; i++) {
    deciding.push(undefined);
    judgements.push(undefined);
  }
  const issues: Issue[] = [];
  for (let position = 0; position < evidence.length; position++) {
    const item = evidence[position] as CriterionEvidence;
    const index = indexOfCriterion(plan, item.criterionId);
    if (index === undefined) {
      issues.push(
        issue(
          "unknown_criterion",
          ["evidence", position, "criterionId"],
          `Evidence names criterion ${quoteValue(item.criterionId)}, which framework "${framework.id}" does not have; expected one of ${listValues(plan.ids)}.`,
        ),
      );
      continue;
    }
    const criterion = criteria[index] as QualificationCriterion;
    let judgement: CriterionJudgement | undefined;
    if (item.answer !== undefined) {
      judgement = (plan.judges[index] as CriterionJudge)(item.answer, options, m);
      if (judgement === undefined) {
        issues.push(invalidAnswer(criterion, item.answer, ["evidence", position, "answer"]));
        continue;
      }
    }
    const current = deciding[index];
    if (current === undefined || time(item) >= time(current)) {
      deciding[index] = item;
      judgements[index] = judgement;
    }
  }
  return { deciding, judgements, issues };
}
