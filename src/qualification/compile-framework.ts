import {
  deepFreeze,
  describeValue,
  type Issue,
  issue,
  ok,
  type Result,
  unwrapOrThrow,
} from "../internal/index.js";
import { applyRule, ruleReason, type VerdictDecision, weightOf } from "./decide-qualification-verdict.js";
import { type CriterionJudge, compileCriterionJudge } from "./judge-criterion-answer.js";
import { MESSAGES } from "./messages.js";
import { safeParseFramework } from "./safe-parse-framework.js";
import type { QualificationFramework } from "./schemas.js";
import { QUALIFICATION_LANGUAGES, type QualificationLanguage } from "./vocabulary.js";

/** One question to ask, shared by every result (results are read-only). */
interface PlannedQuestion {
  readonly criterionId: string;
  readonly label: string;
  readonly question: string;
}

/**
 * A criterion's outcome when no evidence decides it: the same for every lead, shared by every
 * result (a `CriterionOutcome` without evidence).
 */
interface UnknownOutcome {
  readonly criterionId: string;
  readonly label: string;
  readonly status: "unknown";
  readonly required: boolean;
  readonly weight: number;
  readonly reason: string;
}

/** What is missing and what to ask, for one set of unknown criteria: shared by every result. */
export interface MissingList {
  /** Ids of the unknown criteria, in the order to ask about them. */
  readonly missing: readonly string[];
  /** Their questions, in that order, per language. */
  readonly questions: Readonly<Record<QualificationLanguage, readonly PlannedQuestion[]>>;
}

/**
 * What every evaluation against a framework needs and no evaluation changes, worked out once by
 * {@link compileFramework}: the validated framework, the criterion ids and index, effective
 * weights, the order in which unknown criteria should be asked about, the next questions per
 * criterion and language, a judge per criterion, and the required criteria as a bit mask; and the
 * constant parts of results, built once and frozen: the outcome of a criterion without evidence,
 * the rule's sentence per tally, and what is missing per set of unknown criteria.
 */
export interface FrameworkPlan {
  readonly framework: QualificationFramework;
  readonly ids: readonly string[];
  readonly indexes: ReadonlyMap<string, number>;
  readonly weights: readonly number[];
  readonly askOrder: readonly number[];
  readonly questions: Readonly<Record<QualificationLanguage, readonly (readonly PlannedQuestion[])[]>>;
  readonly judges: readonly CriterionJudge[];
  /** Bit `i` is set when criterion `i` is required; 0 unless `masks`. */
  readonly required: number;
  /** Whether the criteria fit in the bits of one small integer (at most 30 of them). */
  readonly masks: boolean;
  /** Per language and criterion, its outcome when no evidence decides it. */
  readonly unknownOutcomes: Readonly<Record<QualificationLanguage, readonly UnknownOutcome[]>>;
  /**
   * Per language, the rule's reason as a one-sentence array per tally (index
   * `met × (criteria + 1) + notMet`); absent for a weighted rule or when `masks` is false.
   */
  readonly ruleReasons: Readonly<Record<QualificationLanguage, readonly (readonly string[])[]>> | undefined;
  /**
   * Per language, the decision (verdict and reasons) per tally, indexed as `ruleReasons`: present
   * when the tally alone decides (no required criterion, a rule other than weighted).
   */
  readonly decisions:
    | Readonly<Record<QualificationLanguage, readonly (VerdictDecision | undefined)[]>>
    | undefined;
  /** Per bit mask of unknown criteria, what is missing; absent for more than `LIST_LIMIT` criteria. */
  readonly missingLists: readonly MissingList[] | undefined;
}

/**
 * The index of criterion `id` in a plan's `ids`, trying `hint` first (evidence usually comes in
 * framework order, so the caller passes the index after the last one found), or `ids.length` when
 * the framework has no such criterion. The one lookup of the single-pass evaluations.
 */
export function criterionIndexOf(ids: readonly string[], id: string, hint: number): number {
  if (hint < ids.length && ids[hint] === id) return hint;
  let index = 0;
  while (index < ids.length && ids[index] !== id) index++;
  return index;
}

declare const opaque: unique symbol;

/**
 * The plan of a {@link CompiledFramework}: opaque, read only by leadkit's qualification functions.
 * It is an ordinary property, so a spread copy of a compiled framework keeps it.
 *
 * @example
 * ```ts
 * import { BANT, compileFramework } from "leadkit/qualification";
 *
 * const copy = { ...compileFramework(BANT), id: "bant-copy" }; // evaluates as BANT
 * ```
 * @category Qualification
 */
export interface QualificationPlan {
  /** Brands the type; there is no such property at run time. */
  readonly [opaque]: true;
}

/**
 * A framework validated and prepared for evaluation by {@link compileFramework}: what
 * `evaluateQualification` and `evaluateQualificationVerdict` take. Compile once, evaluate many
 * leads. Every part is an ordinary frozen property; the plan decides, so a spread copy evaluates
 * as the original. To change the framework, compile again: `compileFramework({ ...f.definition, … })`.
 *
 * @example
 * ```ts
 * import { BANT, type CompiledFramework, compileFramework } from "leadkit/qualification";
 *
 * const bant: CompiledFramework = compileFramework(BANT);
 * console.log(bant.id, bant.definition.criteria.length); // "bant" 4
 * ```
 * @category Qualification
 */
export interface CompiledFramework {
  /** The framework's id. */
  readonly id: string;
  /** The validated framework, as data (frozen). */
  readonly definition: QualificationFramework;
  /** What the evaluations read. */
  readonly plan: QualificationPlan;
}

const MASK_LIMIT = 30;
// Up to this many criteria, what is missing is worked out for each of the 2^n sets of unknowns.
const LIST_LIMIT = 8;

/**
 * Validates any value as a qualification framework and prepares it for evaluation; never throws.
 *
 * @param input - A framework (a built-in one such as `BANT`, or one of yours), or any value from JSON.
 * @returns The compiled framework, or the issues {@link safeParseFramework} finds.
 * @example
 * ```ts
 * import { safeCompileFramework } from "leadkit/qualification";
 *
 * declare const text: string; // a framework file's contents
 * const result = safeCompileFramework(JSON.parse(text));
 * if (!result.ok) for (const i of result.issues) console.error(i.path.join("."), i.message);
 * ```
 * @category Qualification
 */
export function safeCompileFramework(input: unknown): Result<CompiledFramework> {
  const valid = safeParseFramework(input);
  if (!valid.ok) return valid;
  const framework = deepFreeze(valid.value);
  const plan = buildPlan(framework);
  return ok(
    Object.freeze({ id: framework.id, definition: framework, plan: plan as unknown as QualificationPlan }),
  );
}

/**
 * Validates a qualification framework and prepares it for evaluation: judges specialised per
 * criterion, weights, the order of questions. Compile once and pass the result to
 * `evaluateQualification` and `evaluateQualificationVerdict` for every lead.
 *
 * @param framework - A framework: a built-in one such as `BANT`, or one from `parseFramework`.
 * @returns The compiled framework.
 * @throws `LeadKitError` with code `invalid_definition` and the issues of {@link safeCompileFramework}.
 * @example
 * ```ts
 * import { BANT, compileFramework, evaluateQualification } from "leadkit/qualification";
 *
 * const bant = compileFramework(BANT);
 * const result = evaluateQualification(bant, [{ criterionId: "need", answer: "high", source: "conversation" }], { now });
 * ```
 * @category Qualification
 */
export function compileFramework(framework: QualificationFramework): CompiledFramework {
  return unwrapOrThrow(safeCompileFramework(framework), "qualification framework", "invalid_definition");
}

/**
 * The plan of a compiled framework, or an issue at `framework` for anything else (a plain
 * framework, a value from JSON: none of those can hold the plan's functions).
 */
export function planOf(compiled: CompiledFramework): FrameworkPlan | readonly Issue[] {
  const plan = (compiled as { readonly plan?: unknown } | null)?.plan as Partial<FrameworkPlan> | undefined;
  if (
    plan === null ||
    typeof plan !== "object" ||
    !Array.isArray(plan.judges) ||
    typeof (plan.judges[0] as Partial<CriterionJudge> | undefined)?.judge !== "function"
  )
    return [
      issue(
        "invalid_type",
        ["framework"],
        `Expected a framework from compileFramework(); got ${describeValue(compiled)}`,
      ),
    ];
  return plan as FrameworkPlan;
}

/** Whether {@link planOf} answered issues rather than a plan. */
export const isIssues = (plan: FrameworkPlan | readonly Issue[]): plan is readonly Issue[] =>
  Array.isArray(plan);

function buildPlan(framework: QualificationFramework): FrameworkPlan {
  const { criteria, rule } = framework;
  const n = criteria.length;
  const weights = criteria.map((criterion) => weightOf(framework, criterion));
  const required = criteria.map((criterion) => (criterion.required === true ? 1 : 0));
  const askOrder = criteria
    .map((_, index) => index)
    .sort(
      (a, b) => (required[b] ?? 0) - (required[a] ?? 0) || (weights[b] ?? 1) - (weights[a] ?? 1) || a - b,
    );
  const questionsIn = (language: QualificationLanguage) =>
    criteria.map((criterion) =>
      Object.freeze(
        criterion.questions[language].map((question) =>
          Object.freeze({ criterionId: criterion.id, label: criterion.labels[language], question }),
        ),
      ),
    );
  const questions = { en: questionsIn("en"), es: questionsIn("es") };
  const masks = n <= MASK_LIMIT;
  const byLanguage = <T>(build: (language: QualificationLanguage) => T): Record<QualificationLanguage, T> =>
    Object.freeze(
      Object.fromEntries(QUALIFICATION_LANGUAGES.map((language) => [language, build(language)])),
    ) as Record<QualificationLanguage, T>;

  const unknownOutcomes = byLanguage((language) =>
    Object.freeze(
      criteria.map((criterion, index) =>
        Object.freeze({
          criterionId: criterion.id,
          label: criterion.labels[language],
          status: "unknown" as const,
          required: criterion.required === true,
          weight: weights[index] ?? 1,
          reason: MESSAGES[language].noEvidence,
        }),
      ),
    ),
  );
  const ruleReasons =
    !masks || rule.kind === "weighted"
      ? undefined
      : byLanguage((language) => {
          const sentences: (readonly string[])[] = [];
          for (let met = 0; met <= n; met++)
            for (let notMet = 0; notMet <= n; notMet++)
              sentences.push(
                met + notMet > n
                  ? []
                  : Object.freeze([
                      ruleReason(rule, MESSAGES[language], met, notMet, n - met - notMet, n, 0, 0, 0),
                    ]),
              );
          return Object.freeze(sentences);
        });
  const decisions =
    ruleReasons === undefined || required.includes(1)
      ? undefined
      : byLanguage((language) =>
          Object.freeze(
            ruleReasons[language].map((reasons, tally) => {
              const met = Math.floor(tally / (n + 1));
              const notMet = tally % (n + 1);
              return met + notMet > n
                ? undefined
                : Object.freeze({
                    verdict: applyRule(rule, met, notMet, n - met - notMet, 0, 0, 0),
                    reasons,
                  });
            }),
          ),
        );
  const missingLists =
    n > LIST_LIMIT
      ? undefined
      : Object.freeze(
          Array.from({ length: 1 << n }, (_, unknownMask): MissingList => {
            const unknown = askOrder.filter((index) => (unknownMask & (1 << index)) !== 0);
            return Object.freeze({
              missing: Object.freeze(unknown.map((index) => criteria[index]?.id as string)),
              questions: byLanguage((language) =>
                Object.freeze(unknown.flatMap((index) => questions[language][index] ?? [])),
              ),
            });
          }),
        );
  return Object.freeze({
    framework,
    ids: Object.freeze(criteria.map((criterion) => criterion.id)),
    indexes: new Map(criteria.map((criterion, index) => [criterion.id, index])),
    weights: Object.freeze(weights),
    askOrder: Object.freeze(askOrder),
    questions: Object.freeze({ en: Object.freeze(questions.en), es: Object.freeze(questions.es) }),
    judges: Object.freeze(criteria.map((criterion) => Object.freeze(compileCriterionJudge(criterion)))),
    required: masks ? required.reduce<number>((mask, bit, index) => mask | (bit << index), 0) : 0,
    masks,
    unknownOutcomes,
    ruleReasons,
    decisions,
    missingLists,
  });
}
