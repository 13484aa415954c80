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
import { evidenceIssues, itemLooksValid, optionsIssues } from "./check-input.js";
import {
  type CompiledFramework,
  criterionIndexOf,
  type FrameworkPlan,
  isIssues,
  planOf,
} from "./compile-framework.js";
import { decide } from "./decide-qualification-verdict.js";
import {
  type CriterionJudge,
  INVALID,
  invalidAnswer,
  type JudgeCriterionAnswerOptions,
  type Outcome,
  statusOf,
} from "./judge-criterion-answer.js";
import { MESSAGES, type Messages } from "./messages.js";
import type { CriterionAnswer, CriterionEvidence, QualificationCriterion } from "./schemas.js";
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
  return evaluateWith(compiled, evidence, options, true);
}

/**
 * {@link evaluateQualification} the plain way: every evidence list takes the general evidence pass
 * and the rule is applied each time. The one-pass breakdown and the decisions worded once per tally
 * must answer exactly as this does (a property law holds them equal).
 */
export function evaluateQualificationPlain(
  compiled: CompiledFramework,
  evidence: readonly CriterionEvidence[],
  options: EvaluateQualificationOptions,
): Result<QualificationResult> {
  return evaluateWith(compiled, evidence, options, false);
}

function evaluateWith(
  compiled: CompiledFramework,
  evidence: readonly CriterionEvidence[],
  options: EvaluateQualificationOptions,
  onePass: boolean,
): Result<QualificationResult> {
  // The boundary checks in `checkedPlan`'s order; the evidence's own check comes with its pass.
  const plan = planOf(compiled);
  if (isIssues(plan)) return err(plan);
  const invalid =
    optionsIssues(options) ?? (options.icp === undefined ? undefined : profileIssues(options.icp, ["icp"]));
  if (invalid !== undefined) return err(invalid);
  const language = options.language ?? "en";
  const m = MESSAGES[language];
  const { framework } = plan;
  const { criteria } = framework;
  const n = criteria.length;

  // The breakdown, in framework order: each criterion's deciding item judged and worded, or the
  // shared outcome of a criterion without evidence. Few criteria and at most one well-formed item
  // each (the usual case) take one pass over the items; anything else (an item that is malformed,
  // repeated, names no criterion or has an answer of the wrong type) the general evidence pass,
  // which orders repeated items by time and words the issues.
  let outcomes =
    onePass && plan.missingLists !== undefined && Array.isArray(evidence) && evidence.length <= n
      ? outcomesOfSingleItems(plan, evidence, options, m, language)
      : undefined;
  if (outcomes === undefined) {
    const issues = evidenceIssues(evidence);
    if (issues !== undefined) return err(issues);
    const judged = judgeEvidence(evidence, options, plan);
    if (judged.issues !== undefined) return err(capIssues(judged.issues));
    const unknownOutcomes = plan.unknownOutcomes[language];
    outcomes = [];
    for (let index = 0; index < n; index++) {
      const item = judged.deciding[index];
      outcomes.push(
        item === undefined
          ? (unknownOutcomes[index] as CriterionOutcome)
          : outcomeOf(plan, index, item, judged.outcomes[index] as Outcome, options, m, language),
      );
    }
  }
  let unknownMask = 0;
  let met = 0;
  let notMet = 0;
  for (let index = 0; index < n; index++) {
    const status = (outcomes[index] as CriterionOutcome).status;
    if (status === "met") met++;
    else if (status === "not_met") notMet++;
    else unknownMask |= 1 << index;
  }
  // Without required criteria or weights, the decision depends only on the tally: worded once (the
  // plain way decides each time, for the law that holds the two equal).
  const decision =
    (onePass ? plan.decisions?.[language][met * (n + 1) + notMet] : undefined) ??
    decide(
      framework,
      plan.weights,
      outcomes.map((outcome) => outcome.status),
      m,
      language,
      plan.ruleReasons?.[language],
    );
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

  const limit = verdict === "disqualified" ? 0 : (options.maxQuestions ?? Number.POSITIVE_INFINITY);
  let missing: readonly string[];
  let nextQuestions: readonly NextQuestion[];
  const lists = plan.missingLists?.[unknownMask];
  if (lists !== undefined) {
    // Few criteria: what is missing was worked out per set of unknowns when the framework compiled.
    missing = lists.missing;
    const all = lists.questions[language];
    nextQuestions = all.length <= limit ? all : limit === 0 ? NO_QUESTIONS : all.slice(0, limit);
  } else {
    const missingIds: string[] = [];
    const questions: NextQuestion[] = [];
    for (let order = 0; order < n; order++) {
      const index = plan.askOrder[order] as number;
      if ((outcomes[index] as CriterionOutcome).status !== "unknown") continue;
      missingIds.push((criteria[index] as QualificationCriterion).id);
      for (const question of plan.questions[language][index] ?? []) {
        if (questions.length >= limit) break;
        questions.push(question);
      }
    }
    missing = missingIds;
    nextQuestions = questions;
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

const NO_QUESTIONS: readonly NextQuestion[] = Object.freeze([]);

/**
 * The breakdown when each criterion has at most one item and every item is well formed (checked
 * here, as `evidenceIssues` does) with an answer of the right type: a copy of the shared unknown
 * outcomes with each item's outcome in its criterion's slot; `undefined` for anything else, for the
 * general evidence pass to settle.
 */
function outcomesOfSingleItems(
  plan: FrameworkPlan,
  evidence: readonly CriterionEvidence[],
  options: JudgeCriterionAnswerOptions,
  m: Messages,
  language: QualificationLanguage,
): CriterionOutcome[] | undefined {
  const { ids, judges } = plan;
  const n = ids.length;
  // Spread, not sliced: V8 slices a frozen array the slow way.
  const outcomes: CriterionOutcome[] = [...plan.unknownOutcomes[language]];
  let seen = 0;
  let next = 0;
  for (let position = 0; position < evidence.length; position++) {
    const item = evidence[position] as CriterionEvidence;
    if (!itemLooksValid(item)) return undefined;
    const index = criterionIndexOf(ids, item.criterionId, next);
    next = index + 1;
    const bit = 1 << index;
    if (index === n || (seen & bit) !== 0) return undefined;
    seen |= bit;
    let judged: Outcome = NO_ANSWER;
    if (item.answer !== undefined) {
      judged = (judges[index] as CriterionJudge).judge(item.answer, options);
      if (judged === INVALID) return undefined;
    }
    outcomes[index] = outcomeOf(plan, index, item, judged, options, m, language);
  }
  return outcomes;
}

/** The outcome of a criterion decided by `item`, whose answer (if any) was judged `judged`. */
function outcomeOf(
  plan: FrameworkPlan,
  index: number,
  item: CriterionEvidence,
  judged: Outcome,
  options: JudgeCriterionAnswerOptions,
  m: Messages,
  language: QualificationLanguage,
): CriterionOutcome {
  const criterion = plan.framework.criteria[index] as QualificationCriterion;
  const judge = plan.judges[index] as CriterionJudge;
  let status: CriterionStatus = "unknown";
  let reason = m.noEvidence;
  if (item.status !== undefined) {
    // An explicit status wins over what the answer alone would say; the answer's reason follows.
    status = item.status;
    reason =
      judged === NO_ANSWER
        ? m.recorded(status)
        : `${m.recorded(status)} ${judge.explain(judged, item.answer as CriterionAnswer, options, m)}`;
  } else if (judged !== NO_ANSWER) {
    status = statusOf(judged);
    reason = judge.explain(judged, item.answer as CriterionAnswer, options, m);
  }
  return {
    criterionId: criterion.id,
    label: criterion.labels[language],
    status,
    required: criterion.required === true,
    weight: plan.weights[index] ?? 1,
    reason,
    evidence: item,
  };
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

/** The judged outcome of an item that carries no answer. */
export const NO_ANSWER = -2;

/** What the evidence says per criterion: the deciding item (latest), its outcome, or the issues. */
export type JudgedEvidence =
  | {
      readonly deciding: readonly (CriterionEvidence | undefined)[];
      /** The deciding item's outcome, or `NO_ANSWER`. */
      readonly outcomes: readonly Outcome[];
      readonly issues: undefined;
    }
  | { readonly issues: readonly Issue[] };

/**
 * The evidence pass shared by {@link evaluateQualification} and `evaluateQualificationVerdict`:
 * indexes each item by criterion, judges typed answers (deciding their outcome, not wording it),
 * and keeps the latest item per criterion.
 */
export function judgeEvidence(
  evidence: readonly CriterionEvidence[],
  options: JudgeCriterionAnswerOptions,
  plan: FrameworkPlan,
): JudgedEvidence {
  const { framework } = plan;
  const { criteria } = framework;
  const n = criteria.length;
  const deciding: (CriterionEvidence | undefined)[] = [];
  const outcomes: Outcome[] = [];
  for (let i = 0; i < n; i++) {
    deciding.push(undefined);
    outcomes.push(NO_ANSWER);
  }
  let issues: Issue[] | undefined;
  for (let position = 0; position < evidence.length; position++) {
    const item = evidence[position] as CriterionEvidence;
    const index = indexOfCriterion(plan, item.criterionId);
    if (index === undefined) {
      issues ??= [];
      issues.push(
        issue(
          "unknown_criterion",
          ["evidence", position, "criterionId"],
          `Evidence names criterion ${quoteValue(item.criterionId)}, which framework "${framework.id}" does not have; expected one of ${listValues(plan.ids)}.`,
        ),
      );
      continue;
    }
    let outcome: Outcome = NO_ANSWER;
    if (item.answer !== undefined) {
      outcome = (plan.judges[index] as CriterionJudge).judge(item.answer, options);
      if (outcome === INVALID) {
        issues ??= [];
        issues.push(
          invalidAnswer(criteria[index] as QualificationCriterion, item.answer, [
            "evidence",
            position,
            "answer",
          ]),
        );
        continue;
      }
    }
    const current = deciding[index];
    if (current === undefined || time(item) >= time(current)) {
      deciding[index] = item;
      outcomes[index] = outcome;
    }
  }
  return issues === undefined ? { deciding, outcomes, issues } : { issues };
}
