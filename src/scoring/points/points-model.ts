import * as z from "zod";
import { type DeepReadonly, INPUT_LIMITS, listValues } from "../../internal/index.js";
import {
  BUILTIN_INTERACTION_TYPES,
  CHANNELS,
  type CustomInteractionType,
  INITIATOR_KINDS,
  LEAD_STAGES,
  PAGE_KINDS,
} from "../../model/index.js";

/**
 * The lead fields a points condition can read, besides `contact.attributes.<name>`.
 *
 * @example
 * ```ts
 * import { LEAD_FIELDS } from "leadkit/scoring";
 *
 * LEAD_FIELDS.includes("contact.industry"); // true
 * ```
 * @category Scoring
 */
export const LEAD_FIELDS = [
  "contact.kind",
  "contact.entity",
  "contact.name",
  "contact.jobTitle",
  "contact.company",
  "contact.email",
  "contact.phone",
  "contact.industry",
  "contact.companySize",
  "contact.country",
  "contact.city",
  "contact.language",
  "contact.humanConfirmed",
  "stage",
  "owner",
  "team",
  "source",
  "medium",
  "campaign",
  "interestLevel",
  "progressStatus",
  "capture.channel",
] as const;

/**
 * A field a condition reads: one of {@link LEAD_FIELDS}, or a custom attribute written
 * `contact.attributes.<name>` (the name may contain spaces, e.g. `contact.attributes.Lead Source`).
 *
 * @example
 * ```ts
 * import type { LeadField } from "leadkit/scoring";
 *
 * const fields: LeadField[] = ["source", "contact.attributes.Lead Source"];
 * ```
 * @category Scoring
 */
export type LeadField = (typeof LEAD_FIELDS)[number] | `contact.attributes.${string}`;

const { idLength, textLength, longTextLength, listItems } = INPUT_LIMITS;

/**
 * The largest number of points a rule may award or cap, and the largest magnitude of a group's
 * bounds, a band or a threshold: far above any useful score (which is clamped to 0–100), and far below
 * where sums of many rules over many interactions could lose precision or overflow.
 */
const MAX_POINTS = 1_000_000;

const finite = z.number().refine(Number.isFinite, "Expected a finite number");
const points = z.number().min(-MAX_POINTS).max(MAX_POINTS);
const nonEmpty = z.string().min(1).max(idLength);
const scalar = z.union([z.string().max(textLength), finite, z.boolean(), z.null()]);

/**
 * Validates a {@link LeadField}.
 *
 * @example
 * ```ts
 * import { leadFieldSchema } from "./points-model.js";
 *
 * leadFieldSchema.parse("contact.attributes.seats"); // "contact.attributes.seats"
 * ```
 * @category Scoring
 */
export const leadFieldSchema = z.union([
  z.enum(LEAD_FIELDS),
  z
    .string()
    .max(idLength + "contact.attributes.".length)
    .regex(
      /^contact\.attributes\..+$/,
      `Expected one of ${LEAD_FIELDS.join(", ")} or "contact.attributes.<name>"`,
    ) as z.ZodType<`contact.attributes.${string}`>,
]);

/**
 * Validates an interaction type: a built-in one or `custom:<name>`.
 *
 * @example
 * ```ts
 * import { interactionTypeSchema } from "./points-model.js";
 *
 * interactionTypeSchema.parse("email_click");
 * ```
 * @category Scoring
 */
export const interactionTypeSchema = z.union([
  z.enum(BUILTIN_INTERACTION_TYPES),
  z
    .string()
    .max(idLength)
    .regex(
      /^custom:[a-z0-9][a-z0-9_.-]*$/,
      'Expected a built-in interaction type or "custom:<name>"',
    ) as z.ZodType<CustomInteractionType>,
]);

/**
 * A span of time, in date-fns `Duration` form (whole units; at least one above zero; at most 100
 * years: 100 years, 1,200 months, 5,218 weeks, 36,525 days or 876,600 hours).
 *
 * @example
 * ```ts
 * import { scoreDurationSchema } from "./points-model.js";
 *
 * scoreDurationSchema.parse({ months: 1 });
 * ```
 * @category Scoring
 */
export const scoreDurationSchema = z
  .object({
    years: z.number().int().min(0).max(100).optional(),
    months: z.number().int().min(0).max(1_200).optional(),
    weeks: z.number().int().min(0).max(5_218).optional(),
    days: z.number().int().min(0).max(36_525).optional(),
    hours: z.number().int().min(0).max(876_600).optional(),
  })
  .strict()
  .refine((d) => Object.values(d).some((v) => v !== undefined && v > 0), {
    message: "Expected a duration with at least one unit above zero, e.g. { months: 1 }",
  });

/**
 * A condition over the lead as a whole. Field conditions read one {@link LeadField}; a missing value
 * (absent, `null` or `""`) equals `null`. `field_range` matches numbers with `min ≤ value < max`.
 * `personal_email` uses the model's free-mail list; `disposable_email` its disposable-mail list
 * (`isDisposableEmail`); `unpronounceable_name` uses
 * {@link looksUnpronounceable}; `bot` matches contacts of kind `"bot"`.
 *
 * @example
 * ```ts
 * import { pointsConditionSchema } from "./points-model.js";
 *
 * pointsConditionSchema.parse({ kind: "field_equals", field: "contact.industry", value: "Software" });
 * ```
 * @category Scoring
 */
export const pointsConditionSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("field_equals"), field: leadFieldSchema, value: scalar }).strict(),
  z
    .object({
      kind: z.literal("field_in"),
      field: leadFieldSchema,
      values: z.array(scalar).min(1).max(listItems),
    })
    .strict(),
  z
    .object({
      kind: z.literal("field_range"),
      field: leadFieldSchema,
      min: finite.optional(),
      max: finite.optional(),
    })
    .strict()
    .refine((c) => c.min !== undefined || c.max !== undefined, {
      message: "A field_range needs min, max or both",
    })
    .refine((c) => c.min === undefined || c.max === undefined || c.min < c.max, {
      message: "A field_range needs min < max",
    }),
  z.object({ kind: z.literal("field_present"), field: leadFieldSchema }).strict(),
  z.object({ kind: z.literal("tag"), tag: nonEmpty }).strict(),
  z.object({ kind: z.literal("personal_email") }).strict(),
  z.object({ kind: z.literal("disposable_email") }).strict(),
  z.object({ kind: z.literal("unpronounceable_name") }).strict(),
  z.object({ kind: z.literal("human_confirmed") }).strict(),
  z.object({ kind: z.literal("bot") }).strict(),
]);

/**
 * Which interactions a rule counts: their types, and optionally page kinds (for `page_view`),
 * channels, initiators, and a look-back window from `now`.
 *
 * @example
 * ```ts
 * import { interactionMatchSchema } from "./points-model.js";
 *
 * interactionMatchSchema.parse({ types: ["page_view"], pageKinds: ["pricing"], within: { days: 30 } });
 * ```
 * @category Scoring
 */
export const interactionMatchSchema = z
  .object({
    types: z.array(interactionTypeSchema).min(1).max(listItems),
    pageKinds: z.array(z.enum(PAGE_KINDS)).min(1).max(listItems).optional(),
    channels: z.array(z.enum(CHANNELS)).min(1).max(listItems).optional(),
    initiators: z.array(z.enum(INITIATOR_KINDS)).min(1).max(listItems).optional(),
    within: scoreDurationSchema.optional(),
  })
  .strict();

/**
 * Where a data-driven rule came from: the signal and the counts the control-value fit saw.
 *
 * @example
 * ```ts
 * import { ruleProvenanceSchema } from "./points-model.js";
 *
 * ruleProvenanceSchema.parse({
 *   method: "control_value", signal: "interaction:email_click", support: 500, conversions: 180,
 *   rate: 0.36, controlRate: 0.3, lift: 1.2,
 * });
 * ```
 * @category Scoring
 */
export const ruleProvenanceSchema = z
  .object({
    method: z.literal("control_value"),
    signal: nonEmpty,
    support: z.number().int().min(0),
    conversions: z.number().int().min(0),
    rate: z.number().min(0).max(1),
    controlRate: z.number().min(0).max(1),
    lift: z.number().min(0),
  })
  .strict();

/**
 * One points rule. It fires when every `when` condition holds and no `unless` condition does; with
 * `interaction`, it also needs a matching interaction. Once-only rules award `points` once (decayed
 * by the most recent match); repeatable ones award them per matching interaction. `cap` bounds the
 * rule's absolute contribution. A rule without conditions always fires (a base score).
 *
 * @example
 * ```ts
 * import { pointsRuleSchema } from "./points-model.js";
 *
 * pointsRuleSchema.parse({
 *   id: "email-click", group: "engagement", points: 10, repeatable: true, cap: 30,
 *   interaction: { types: ["email_click"] },
 * });
 * ```
 * @category Scoring
 */
export const pointsRuleSchema = z
  .object({
    id: nonEmpty,
    description: z.string().max(longTextLength).optional(),
    group: nonEmpty,
    points,
    when: z.array(pointsConditionSchema).max(listItems).optional(),
    unless: z.array(pointsConditionSchema).max(listItems).optional(),
    interaction: interactionMatchSchema.optional(),
    repeatable: z.boolean().optional(),
    cap: points.positive().optional(),
    provenance: ruleProvenanceSchema.optional(),
  })
  .strict();

/**
 * A score group (fit, engagement, or any custom one) with optional caps on its sum.
 *
 * @example
 * ```ts
 * import { scoreGroupSchema } from "./points-model.js";
 *
 * scoreGroupSchema.parse({ id: "engagement", max: 60 });
 * ```
 * @category Scoring
 */
export const scoreGroupSchema = z
  .object({
    id: nonEmpty,
    label: z.string().max(textLength).optional(),
    min: points.optional(),
    max: points.optional(),
  })
  .strict();

/**
 * How interaction points fade with age: `linear` removes `percent` % per whole `every` elapsed
 * (HubSpot's "−50 % per month"), with `percent` from 1 to 100, so points fade out within 100 steps;
 * `window` keeps only interactions within the look-back window.
 * `groups` limits decay to some groups (default: all). Points from lead attributes never decay.
 *
 * @example
 * ```ts
 * import { scoreDecaySchema } from "./points-model.js";
 *
 * scoreDecaySchema.parse({ kind: "linear", percent: 25, every: { months: 1 } });
 * ```
 * @category Scoring
 */
export const scoreDecaySchema = z.discriminatedUnion("kind", [
  z
    .object({
      kind: z.literal("linear"),
      // At least 1 %: the scorer and the SQL compiler lay out one step per `percent` until nothing
      // is left, so a tiny percent (1e-300) made millions of steps.
      percent: z.number().min(1, "Expected a percent from 1 to 100").max(100),
      every: scoreDurationSchema,
      groups: z.array(nonEmpty).max(listItems).optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal("window"),
      within: scoreDurationSchema,
      groups: z.array(nonEmpty).max(listItems).optional(),
    })
    .strict(),
]);

const bandsSchema = z
  .array(z.object({ atLeast: points, label: nonEmpty }).strict())
  .min(1)
  .max(listItems)
  .refine((b) => b.every((x, i) => i === 0 || (b[i - 1]?.atLeast ?? 0) > x.atLeast), {
    message: "Bands must be listed from the highest atLeast to the lowest",
  });

/**
 * A scale mapping a value (the total, or one group's value) to a label, e.g. hot / warm / cold.
 * Bands run from the highest `atLeast` down; a value below every band gets the lowest band.
 *
 * @example
 * ```ts
 * import { scoreLabelScaleSchema } from "./points-model.js";
 *
 * scoreLabelScaleSchema.parse({ id: "temperature", bands: [{ atLeast: 70, label: "hot" }, { atLeast: 0, label: "cold" }] });
 * ```
 * @category Scoring
 */
export const scoreLabelScaleSchema = z
  .object({ id: nonEmpty, group: nonEmpty.optional(), bands: bandsSchema })
  .strict();

/**
 * A fit × engagement grid (HubSpot's A1–C3): the fit group's band gives the letter, the engagement
 * group's band the digit.
 *
 * @example
 * ```ts
 * import { scoreGradeSchema } from "./points-model.js";
 *
 * scoreGradeSchema.parse({
 *   fit: { group: "fit", bands: [{ atLeast: 30, label: "A" }, { atLeast: 15, label: "B" }, { atLeast: 0, label: "C" }] },
 *   engagement: { group: "engagement", bands: [{ atLeast: 40, label: "1" }, { atLeast: 15, label: "2" }, { atLeast: 0, label: "3" }] },
 * });
 * ```
 * @category Scoring
 */
export const scoreGradeSchema = z
  .object({
    fit: z.object({ group: nonEmpty, bands: bandsSchema }).strict(),
    engagement: z.object({ group: nonEmpty, bands: bandsSchema }).strict(),
  })
  .strict();

/**
 * What a threshold asks the caller to do; returned as data, never performed by scoring.
 *
 * @example
 * ```ts
 * import { scoreEffectSchema } from "./points-model.js";
 *
 * scoreEffectSchema.parse({ kind: "suggest_transition", to: "potential_client" });
 * ```
 * @category Scoring
 */
export const scoreEffectSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("hand_off_to_sales") }).strict(),
  z.object({ kind: z.literal("suggest_transition"), to: z.enum(LEAD_STAGES) }).strict(),
  z.object({ kind: z.literal("add_tag"), tag: nonEmpty }).strict(),
  z.object({ kind: z.literal("notify_owner"), message: z.string().max(longTextLength).optional() }).strict(),
  z.object({ kind: z.literal("custom"), name: nonEmpty }).strict(),
]);

/**
 * A threshold: when the total (or one group's value) reaches `atLeast`, the effect applies.
 *
 * @example
 * ```ts
 * import { scoreThresholdSchema } from "./points-model.js";
 *
 * scoreThresholdSchema.parse({ id: "mql", atLeast: 60, effect: { kind: "hand_off_to_sales" } });
 * ```
 * @category Scoring
 */
export const scoreThresholdSchema = z
  .object({ id: nonEmpty, group: nonEmpty.optional(), atLeast: points, effect: scoreEffectSchema })
  .strict();

/**
 * Model-level provenance of a fitted model: the history it was fitted on.
 *
 * @example
 * ```ts
 * import { modelProvenanceSchema } from "./points-model.js";
 *
 * modelProvenanceSchema.parse({ method: "control_value", leads: 4000, conversions: 1200, controlRate: 0.3, trusted: true });
 * ```
 * @category Scoring
 */
export const modelProvenanceSchema = z
  .object({
    method: z.literal("control_value"),
    leads: z.number().int().min(0),
    conversions: z.number().int().min(0),
    controlRate: z.number().min(0).max(1),
    trusted: z.boolean(),
  })
  .strict();

/**
 * A points model: groups, rules, optional decay, labels, a fit × engagement grade and thresholds.
 * Plain data, JSON-serialisable; references between parts are checked (unknown groups, duplicate
 * ids, repeatable rules without an interaction, min above max).
 *
 * @example
 * ```ts
 * import { pointsModelSchema } from "leadkit/scoring";
 *
 * const model = pointsModelSchema.parse({
 *   id: "web", groups: [{ id: "engagement" }],
 *   rules: [{ id: "click", group: "engagement", points: 10, interaction: { types: ["email_click"] } }],
 * });
 * ```
 * @category Scoring
 */
export const pointsModelSchema = z
  .object({
    /** Where an editor finds this file's JSON Schema (see `pointsModelJsonSchema`); ignored by scoring. */
    $schema: z.string().max(textLength).optional(),
    id: nonEmpty,
    name: z.string().max(textLength).optional(),
    description: z.string().max(longTextLength).optional(),
    groups: z.array(scoreGroupSchema).min(1).max(listItems),
    rules: z.array(pointsRuleSchema).max(listItems),
    decay: scoreDecaySchema.optional(),
    labels: z.array(scoreLabelScaleSchema).max(listItems).optional(),
    grade: scoreGradeSchema.optional(),
    thresholds: z.array(scoreThresholdSchema).max(listItems).optional(),
    provenance: modelProvenanceSchema.optional(),
  })
  .strict()
  .superRefine((model, ctx) => {
    const groups = new Set<string>();
    model.groups.forEach((g, i) => {
      if (groups.has(g.id))
        ctx.addIssue({ code: "custom", path: ["groups", i, "id"], message: `Duplicate group id "${g.id}"` });
      groups.add(g.id);
      if (g.min !== undefined && g.max !== undefined && g.min > g.max)
        ctx.addIssue({ code: "custom", path: ["groups", i], message: `Group "${g.id}" has min above max` });
    });
    const known = (group: string | undefined, path: (string | number)[]) => {
      if (group !== undefined && !groups.has(group))
        ctx.addIssue({
          code: "custom",
          path,
          message: `Unknown group "${group}"; expected one of ${listValues(groups)}`,
        });
    };
    const ruleIds = new Set<string>();
    model.rules.forEach((r, i) => {
      if (ruleIds.has(r.id))
        ctx.addIssue({ code: "custom", path: ["rules", i, "id"], message: `Duplicate rule id "${r.id}"` });
      ruleIds.add(r.id);
      known(r.group, ["rules", i, "group"]);
      if (r.repeatable === true && r.interaction === undefined)
        ctx.addIssue({
          code: "custom",
          path: ["rules", i, "repeatable"],
          message: `Rule "${r.id}" is repeatable but counts no interaction; add "interaction" or drop "repeatable"`,
        });
    });
    model.decay?.groups?.forEach((g, i) => {
      known(g, ["decay", "groups", i]);
    });
    model.labels?.forEach((l, i) => {
      known(l.group, ["labels", i, "group"]);
    });
    model.thresholds?.forEach((t, i) => {
      known(t.group, ["thresholds", i, "group"]);
    });
    if (model.grade !== undefined) {
      known(model.grade.fit.group, ["grade", "fit", "group"]);
      known(model.grade.engagement.group, ["grade", "engagement", "group"]);
    }
  });

/**
 * A points model, as parsed (see {@link pointsModelSchema}).
 *
 * @example
 * ```ts
 * import type { PointsModel } from "leadkit/scoring";
 *
 * const ids = (model: PointsModel) => model.rules.map((r) => r.id);
 * ```
 * @category Scoring
 */
export type PointsModel = DeepReadonly<z.output<typeof pointsModelSchema>>;

/**
 * What {@link pointsModelSchema} accepts.
 *
 * @example
 * ```ts
 * import type { PointsModelInput } from "leadkit/scoring";
 *
 * const input: PointsModelInput = { id: "m", groups: [{ id: "fit" }], rules: [] };
 * ```
 * @category Scoring
 */
export type PointsModelInput = z.input<typeof pointsModelSchema>;

/**
 * One rule of a {@link PointsModel}.
 *
 * @example
 * ```ts
 * import type { PointsRule } from "leadkit/scoring";
 *
 * const rule: PointsRule = { id: "bot", group: "fit", points: -100, when: [{ kind: "bot" }] };
 * ```
 * @category Scoring
 */
export type PointsRule = DeepReadonly<z.output<typeof pointsRuleSchema>>;

/**
 * A lead-level condition of a {@link PointsRule}.
 *
 * @example
 * ```ts
 * import type { PointsCondition } from "leadkit/scoring";
 *
 * const c: PointsCondition = { kind: "tag", tag: "vip" };
 * ```
 * @category Scoring
 */
export type PointsCondition = DeepReadonly<z.output<typeof pointsConditionSchema>>;

/**
 * Which interactions a {@link PointsRule} counts.
 *
 * @example
 * ```ts
 * import type { InteractionMatch } from "leadkit/scoring";
 *
 * const m: InteractionMatch = { types: ["email_open"], within: { days: 90 } };
 * ```
 * @category Scoring
 */
export type InteractionMatch = DeepReadonly<z.output<typeof interactionMatchSchema>>;

/**
 * A span of time in date-fns `Duration` form.
 *
 * @example
 * ```ts
 * import type { ScoreDuration } from "leadkit/scoring";
 *
 * const month: ScoreDuration = { months: 1 };
 * ```
 * @category Scoring
 */
export type ScoreDuration = DeepReadonly<z.output<typeof scoreDurationSchema>>;

/**
 * A score group with its caps.
 *
 * @example
 * ```ts
 * import type { ScoreGroup } from "leadkit/scoring";
 *
 * const g: ScoreGroup = { id: "fit", max: 50 };
 * ```
 * @category Scoring
 */
export type ScoreGroup = DeepReadonly<z.output<typeof scoreGroupSchema>>;

/**
 * A decay policy.
 *
 * @example
 * ```ts
 * import type { ScoreDecay } from "leadkit/scoring";
 *
 * const d: ScoreDecay = { kind: "window", within: { months: 3 } };
 * ```
 * @category Scoring
 */
export type ScoreDecay = DeepReadonly<z.output<typeof scoreDecaySchema>>;

/**
 * A label scale.
 *
 * @example
 * ```ts
 * import type { ScoreLabelScale } from "leadkit/scoring";
 *
 * const s: ScoreLabelScale = { id: "t", bands: [{ atLeast: 50, label: "hot" }, { atLeast: 0, label: "cold" }] };
 * ```
 * @category Scoring
 */
export type ScoreLabelScale = DeepReadonly<z.output<typeof scoreLabelScaleSchema>>;

/**
 * A fit × engagement grade definition.
 *
 * @example
 * ```ts
 * import type { ScoreGrade } from "leadkit/scoring";
 *
 * const letter = (g: ScoreGrade) => g.fit.bands[0]?.label;
 * ```
 * @category Scoring
 */
export type ScoreGrade = DeepReadonly<z.output<typeof scoreGradeSchema>>;

/**
 * An effect a threshold asks for.
 *
 * @example
 * ```ts
 * import type { ScoreEffect } from "leadkit/scoring";
 *
 * const e: ScoreEffect = { kind: "hand_off_to_sales" };
 * ```
 * @category Scoring
 */
export type ScoreEffect = DeepReadonly<z.output<typeof scoreEffectSchema>>;

/**
 * A threshold with its effect.
 *
 * @example
 * ```ts
 * import type { ScoreThreshold } from "leadkit/scoring";
 *
 * const t: ScoreThreshold = { id: "sql", atLeast: 80, effect: { kind: "hand_off_to_sales" } };
 * ```
 * @category Scoring
 */
export type ScoreThreshold = DeepReadonly<z.output<typeof scoreThresholdSchema>>;

/**
 * The provenance of a data-driven rule.
 *
 * @example
 * ```ts
 * import type { RuleProvenance } from "leadkit/scoring";
 *
 * const lift = (p: RuleProvenance) => p.rate / p.controlRate;
 * ```
 * @category Scoring
 */
export type RuleProvenance = DeepReadonly<z.output<typeof ruleProvenanceSchema>>;

/**
 * The provenance of a fitted model.
 *
 * @example
 * ```ts
 * import type { ModelProvenance } from "leadkit/scoring";
 *
 * const trusted = (p: ModelProvenance) => p.trusted;
 * ```
 * @category Scoring
 */
export type ModelProvenance = DeepReadonly<z.output<typeof modelProvenanceSchema>>;
