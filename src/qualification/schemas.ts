import * as z from "zod";
import { type DeepReadonly, dataRecord, INPUT_LIMITS } from "../internal/index.js";
import { timestampSchema } from "../model/index.js";
import { CRITERION_STATUSES, EVIDENCE_SOURCES, QUALIFICATION_LEVELS } from "./vocabulary.js";

const { idLength, textLength, longTextLength, listItems } = INPUT_LIMITS;

const identifier = z
  .string()
  .max(idLength)
  .regex(/^[a-z][a-z0-9_]*$/, "Expected a snake_case identifier such as budget or economic_buyer");

/**
 * A short text in every language leadkit ships: English and Spanish.
 *
 * @example
 * ```ts
 * import { localizedTextSchema } from "./schemas.js";
 *
 * localizedTextSchema.parse({ en: "Budget", es: "Presupuesto" });
 * ```
 * @category Qualification
 */
export const localizedTextSchema = z.strictObject({
  en: z.string().trim().min(1).max(longTextLength),
  es: z.string().trim().min(1).max(longTextLength),
});

/**
 * The questions that settle one criterion, in the order a seller should ask them, per language.
 *
 * @example
 * ```ts
 * import { questionBankSchema } from "./schemas.js";
 *
 * questionBankSchema.parse({ en: ["What budget do you have?"], es: ["¿Qué presupuesto tiene?"] });
 * ```
 * @category Qualification
 */
export const questionBankSchema = z.strictObject({
  en: z.array(z.string().trim().min(1).max(textLength)).min(1).max(listItems),
  es: z.array(z.string().trim().min(1).max(textLength)).min(1).max(listItems),
});

const criterionShape = {
  /** Stable snake_case id, unique within the framework; evidence and weights refer to it. */
  id: identifier,
  labels: localizedTextSchema,
  questions: questionBankSchema,
  /** When true, the lead is disqualified if this criterion is not met, whatever the rule says. */
  required: z.boolean().optional(),
  /** Weight under a `weighted` rule; 1 when absent. The rule's own `weights` take precedence. */
  weight: z.number().positive().finite().optional(),
};

/**
 * One criterion of a framework: its id, labels, question bank, and the kind of evidence that
 * settles it, with the parameters its judgement needs (minimum level, minimum amount, horizon,
 * roles that carry authority).
 *
 * @example
 * ```ts
 * import { qualificationCriterionSchema } from "./schemas.js";
 *
 * qualificationCriterionSchema.parse({
 *   id: "timeline",
 *   labels: { en: "Timeline", es: "Tiempo" },
 *   questions: { en: ["What is your expected timeframe?"], es: ["¿Cuál es el plazo previsto?"] },
 *   evidence: "date",
 *   horizonDays: 90,
 * });
 * ```
 * @category Qualification
 */
export const qualificationCriterionSchema = z.discriminatedUnion("evidence", [
  z.strictObject({ ...criterionShape, evidence: z.literal("yes_no") }),
  z.strictObject({
    ...criterionShape,
    evidence: z.literal("level"),
    minimumLevel: z.enum(QUALIFICATION_LEVELS).optional(),
  }),
  z.strictObject({
    ...criterionShape,
    evidence: z.literal("amount"),
    minimumAmount: z.number().nonnegative().finite().optional(),
  }),
  z.strictObject({
    ...criterionShape,
    evidence: z.literal("date"),
    horizonDays: z.number().int().positive().max(36_500).optional(),
  }),
  z.strictObject({
    ...criterionShape,
    evidence: z.literal("role"),
    roles: z.array(z.string().trim().min(1).max(textLength)).min(1).max(listItems).optional(),
  }),
  z.strictObject({ ...criterionShape, evidence: z.literal("text") }),
]);

/**
 * The rule that turns per-criterion statuses into a verdict: at least `count` criteria met, every
 * criterion met, or met weight reaching a `threshold` share of the total weight.
 *
 * @example
 * ```ts
 * import { qualificationRuleSchema } from "./schemas.js";
 *
 * qualificationRuleSchema.parse({ kind: "at_least", count: 3 }); // BANT's usual rule: 3 of 4
 * ```
 * @category Qualification
 */
export const qualificationRuleSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("at_least"), count: z.number().int().positive() }),
  z.strictObject({ kind: z.literal("all_required") }),
  z.strictObject({
    kind: z.literal("weighted"),
    threshold: z.number().gt(0).lte(1),
    weights: dataRecord(z.string().max(idLength), z.number().positive().finite(), listItems).optional(),
  }),
]);

/**
 * A qualification framework as data (BANT, CHAMP, MEDDIC, or your own): id, names, criteria with
 * their question banks, and the verdict rule. Write custom frameworks in JSON and validate them with
 * `safeParseFramework`; `qualificationFrameworkJsonSchema()` gives editors completion.
 *
 * @example
 * ```ts
 * import { qualificationFrameworkSchema } from "leadkit/qualification";
 *
 * declare const text: string; // a framework file's contents
 * const framework = qualificationFrameworkSchema.parse(JSON.parse(text));
 * ```
 * @category Qualification
 */
export const qualificationFrameworkSchema = z.strictObject({
  /** Lets a JSON file point at the JSON Schema for editor completion; ignored otherwise. */
  $schema: z.string().max(textLength).optional(),
  id: identifier,
  names: localizedTextSchema,
  description: localizedTextSchema.optional(),
  criteria: z.array(qualificationCriterionSchema).min(1).max(listItems),
  rule: qualificationRuleSchema,
});

/**
 * What one criterion's answer may be: a yes/no, an amount, a level or role or text, or a date
 * (a `Date`, or an ISO-8601 date string such as `2026-03-31`).
 *
 * @example
 * ```ts
 * import { BANT, compileFramework, type CriterionAnswer, evaluateQualification } from "leadkit/qualification";
 *
 * // What a call form collected, by criterion: an amount, a role, a level and a date.
 * const answers: Record<string, CriterionAnswer> = { budget: 25_000, authority: "CFO", need: "high", timeline: "2026-03-31" };
 * const evidence = Object.entries(answers).map(([criterionId, answer]) => ({ criterionId, answer, source: "conversation" as const }));
 * evaluateQualification(compileFramework(BANT), evidence, { now });
 * ```
 * @category Qualification
 */
export type CriterionAnswer = boolean | number | string | Date;

/**
 * One piece of evidence about one criterion: the answer and/or an explicit status, a note, who
 * recorded it, when, and whether it came from research or a conversation.
 *
 * @example
 * ```ts
 * import { criterionEvidenceSchema } from "leadkit/qualification";
 *
 * criterionEvidenceSchema.parse({ criterionId: "budget", answer: 30000, source: "conversation" });
 * ```
 * @category Qualification
 */
export const criterionEvidenceSchema = z.strictObject({
  criterionId: z.string().min(1).max(idLength),
  /** A seller's explicit judgement; when present it wins over what the answer alone would say. */
  status: z.enum(CRITERION_STATUSES).optional(),
  answer: z
    .union([
      z.boolean(),
      z.number().refine(Number.isFinite, "Expected a finite number"),
      z.string().max(longTextLength),
      z.date(),
    ])
    .optional(),
  note: z.string().max(longTextLength).optional(),
  recordedBy: z.string().min(1).max(idLength).optional(),
  at: timestampSchema.optional(),
  source: z.enum(EVIDENCE_SOURCES),
});

/**
 * A localized text: English and Spanish.
 *
 * @example
 * ```ts
 * import { BANT, type LocalizedText, type QualificationLanguage } from "leadkit/qualification";
 *
 * const say = (text: LocalizedText, language: QualificationLanguage) => text[language];
 * BANT.criteria.map((c) => say(c.labels, "es")); // ["Presupuesto", "Autoridad", "Necesidad", "Tiempo"]
 * ```
 * @category Qualification
 */
export type LocalizedText = DeepReadonly<z.output<typeof localizedTextSchema>>;

/**
 * A criterion's questions in English and Spanish, in asking order.
 *
 * @example
 * ```ts
 * import { BANT, type QuestionBank } from "leadkit/qualification";
 *
 * // The first question of each criterion, for a short discovery call.
 * const first = (bank: QuestionBank) => bank.en[0];
 * BANT.criteria.map((c) => first(c.questions));
 * ```
 * @category Qualification
 */
export type QuestionBank = DeepReadonly<z.output<typeof questionBankSchema>>;

/**
 * One criterion of a {@link QualificationFramework}, tagged by its `evidence` kind.
 *
 * @example
 * ```ts
 * import { judgeCriterionAnswer, type QualificationCriterion } from "leadkit/qualification";
 *
 * const need: QualificationCriterion = {
 *   id: "need",
 *   labels: { en: "Need", es: "Necesidad" },
 *   questions: { en: ["What challenges do you want to solve?"], es: ["¿Qué retos quiere resolver?"] },
 *   evidence: "level",
 *   minimumLevel: "medium",
 * };
 * judgeCriterionAnswer(need, "high", { now }); // met
 * ```
 * @category Qualification
 */
export type QualificationCriterion = DeepReadonly<z.output<typeof qualificationCriterionSchema>>;

/**
 * The verdict rule of a {@link QualificationFramework}.
 *
 * @example
 * ```ts
 * import { BANT, compileFramework, type QualificationRule } from "leadkit/qualification";
 *
 * // BANT where budget counts double: qualified at 70 % of the weight.
 * const rule: QualificationRule = { kind: "weighted", threshold: 0.7, weights: { budget: 2 } };
 * compileFramework({ ...BANT, id: "bant-budget-first", rule });
 * ```
 * @category Qualification
 */
export type QualificationRule = DeepReadonly<z.output<typeof qualificationRuleSchema>>;

/**
 * A validated qualification framework.
 *
 * @example
 * ```ts
 * import { BANT, compileFramework, type QualificationFramework } from "leadkit/qualification";
 *
 * // BANT without the timeline, for a product sold all year round.
 * const framework: QualificationFramework = { ...BANT, id: "ban", criteria: BANT.criteria.filter((c) => c.id !== "timeline"), rule: { kind: "at_least", count: 3 } };
 * compileFramework(framework);
 * ```
 * @category Qualification
 */
export type QualificationFramework = DeepReadonly<z.output<typeof qualificationFrameworkSchema>>;

/**
 * One piece of evidence about one criterion (see {@link criterionEvidenceSchema}).
 *
 * @example
 * ```ts
 * import { BANT, type CriterionEvidence, compileFramework, evaluateQualification } from "leadkit/qualification";
 *
 * // Research before the call: the job title in the CRM already says who signs.
 * const evidence: CriterionEvidence = {
 *   criterionId: "authority",
 *   answer: "CFO",
 *   source: "research",
 *   recordedBy: "u-ana",
 *   at: new Date("2026-02-01T10:00:00Z"),
 * };
 * evaluateQualification(compileFramework(BANT), [evidence], { now });
 * ```
 * @category Qualification
 */
export type CriterionEvidence = DeepReadonly<z.output<typeof criterionEvidenceSchema>>;
