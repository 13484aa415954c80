import * as z from "zod";
import { type DeepReadonly, INPUT_LIMITS } from "../../internal/index.js";
import { PAGE_KINDS } from "../../model/index.js";
import { interactionTypeSchema, leadFieldSchema, type PointsRule } from "../points/points-model.js";

/**
 * Lead-level flags the control-value method can test as signals.
 *
 * @example
 * ```ts
 * import { CONTROL_VALUE_FLAGS } from "./control-value-signals.js";
 *
 * CONTROL_VALUE_FLAGS.includes("personal_email"); // true
 * ```
 * @category Scoring
 */
export const CONTROL_VALUE_FLAGS = [
  "personal_email",
  "disposable_email",
  "unpronounceable_name",
  "human_confirmed",
  "bot",
] as const;

const finite = z.number().refine(Number.isFinite, "Expected a finite number");

/**
 * Which signals the control-value method measures, as data. Each field's values become signals
 * (a missing value is a signal of its own); a numeric field with `bins` (ascending edges) becomes one
 * signal per bin instead — `[1, 5]` gives `< 1`, `1 ≤ v < 5` and `≥ 5`. `interactions` makes each
 * interaction type a signal (a lead has it when it had at least one); `pageKinds` splits page views
 * by page kind. `tags` makes each tag a signal; `flags` adds lead-level tests.
 *
 * @example
 * ```ts
 * import { controlValueSignalSpecSchema } from "./control-value-signals.js";
 *
 * controlValueSignalSpecSchema.parse({
 *   fields: [{ field: "source" }, { field: "contact.attributes.TotalVisits", bins: [1, 3, 6] }],
 *   interactions: { pageKinds: true },
 *   flags: ["personal_email"],
 * });
 * ```
 * @category Scoring
 */
export const controlValueSignalSpecSchema = z
  .object({
    fields: z
      .array(
        z
          .object({
            field: leadFieldSchema,
            bins: z
              .array(finite)
              .min(1)
              .max(INPUT_LIMITS.listItems)
              .refine((b) => b.every((x, i) => i === 0 || (b[i - 1] ?? x) < x), {
                message: "Bin edges must be strictly ascending",
              })
              .optional(),
          })
          .strict(),
      )
      .max(INPUT_LIMITS.listItems)
      .optional(),
    tags: z.boolean().optional(),
    interactions: z
      .object({
        types: z.array(interactionTypeSchema).min(1).max(INPUT_LIMITS.listItems).optional(),
        pageKinds: z.boolean().optional(),
      })
      .strict()
      .optional(),
    flags: z.array(z.enum(CONTROL_VALUE_FLAGS)).max(INPUT_LIMITS.listItems).optional(),
  })
  .strict();

/**
 * A signal spec.
 *
 * @example
 * ```ts
 * import { type ControlValueSignalSpec, collectControlValueStats, fitControlValueModel } from "leadkit/scoring";
 *
 * // Which industries and which interactions convert above the average?
 * const spec: ControlValueSignalSpec = { fields: [{ field: "contact.industry" }], interactions: {} };
 * const fit = fitControlValueModel(collectControlValueStats(leads, spec));
 * if (fit.ok) fit.value.model.rules.length;
 * ```
 * @category Scoring
 */
export type ControlValueSignalSpec = DeepReadonly<z.input<typeof controlValueSignalSpecSchema>>;

/**
 * One signal the control-value method measured: a field value, a numeric bin, a tag, an interaction
 * type (optionally one page kind), or a flag.
 *
 * @example
 * ```ts
 * import { controlValueSignalSchema } from "./control-value-signals.js";
 *
 * controlValueSignalSchema.parse({ kind: "interaction", type: "email_click" });
 * ```
 * @category Scoring
 */
export const controlValueSignalSchema = z.discriminatedUnion("kind", [
  z
    .object({
      kind: z.literal("field"),
      field: leadFieldSchema,
      value: z.union([z.string().max(INPUT_LIMITS.textLength), finite, z.boolean(), z.null()]),
    })
    .strict(),
  z
    .object({
      kind: z.literal("field_range"),
      field: leadFieldSchema,
      min: finite.optional(),
      max: finite.optional(),
    })
    .strict(),
  z.object({ kind: z.literal("tag"), tag: z.string().min(1).max(INPUT_LIMITS.textLength) }).strict(),
  z
    .object({
      kind: z.literal("interaction"),
      type: interactionTypeSchema,
      pageKind: z.enum(PAGE_KINDS).optional(),
    })
    .strict(),
  z.object({ kind: z.literal("flag"), flag: z.enum(CONTROL_VALUE_FLAGS) }).strict(),
]);

/**
 * A signal.
 *
 * @example
 * ```ts
 * import { type ControlValueSignal } from "leadkit/scoring";
 * import { describeControlValueSignal } from "./control-value-signals.js";
 *
 * const s: ControlValueSignal = { kind: "field", field: "source", value: "webinar" };
 * describeControlValueSignal(s); // the rule's description in a fitted model
 * ```
 * @category Scoring
 */
export type ControlValueSignal = DeepReadonly<z.output<typeof controlValueSignalSchema>>;

/**
 * The stable key of a signal, used to merge statistics and as the id of its fitted rule.
 *
 * @param signal - The signal.
 * @returns A key such as `field:source="webinar"`, `range:contact.attributes.TotalVisits=[1,3)`,
 *   `interaction:email_click` or `interaction:page_view/pricing`.
 * @example
 * ```ts
 * import { controlValueSignalKey } from "leadkit/scoring";
 *
 * controlValueSignalKey({ kind: "interaction", type: "email_click" }); // "interaction:email_click"
 * ```
 * @category Scoring
 */
export function controlValueSignalKey(signal: ControlValueSignal): string {
  switch (signal.kind) {
    case "field":
      return `field:${signal.field}=${JSON.stringify(signal.value)}`;
    case "field_range":
      return `range:${signal.field}=[${signal.min ?? "-inf"},${signal.max ?? "inf"})`;
    case "tag":
      return `tag:${signal.tag}`;
    case "interaction":
      return signal.pageKind === undefined
        ? `interaction:${signal.type}`
        : `interaction:${signal.type}/${signal.pageKind}`;
    case "flag":
      return `flag:${signal.flag}`;
  }
}

/**
 * A signal, described for a person: `source = "webinar"`, `1 ≤ TotalVisits < 3`, `email_click`.
 *
 * @param signal - The signal.
 * @returns A short description.
 * @example
 * ```ts
 * import { describeControlValueSignal } from "./control-value-signals.js";
 *
 * describeControlValueSignal({ kind: "tag", tag: "vip" }); // 'tag "vip"'
 * ```
 * @category Scoring
 */
export function describeControlValueSignal(signal: ControlValueSignal): string {
  const name = (field: string) => field.replace(/^contact\.attributes\./, "");
  switch (signal.kind) {
    case "field":
      return signal.value === null
        ? `${name(signal.field)} missing`
        : `${name(signal.field)} = ${JSON.stringify(signal.value)}`;
    case "field_range":
      return [
        signal.min === undefined ? "" : `${signal.min} ≤ `,
        name(signal.field),
        signal.max === undefined ? "" : ` < ${signal.max}`,
      ].join("");
    case "tag":
      return `tag "${signal.tag}"`;
    case "interaction":
      return signal.pageKind === undefined ? signal.type : `${signal.type} (${signal.pageKind})`;
    case "flag":
      return signal.flag.replace(/_/g, " ");
  }
}

/**
 * The rule parts (lead conditions or interaction match) that fire exactly when a lead has the signal.
 *
 * @param signal - The signal.
 * @returns `when` or `interaction`, ready to spread into a {@link PointsRule}.
 * @example
 * ```ts
 * import { controlValueSignalRule } from "./control-value-signals.js";
 *
 * controlValueSignalRule({ kind: "tag", tag: "vip" }); // { when: [{ kind: "tag", tag: "vip" }] }
 * ```
 * @category Scoring
 */
export function controlValueSignalRule(signal: ControlValueSignal): Pick<PointsRule, "when" | "interaction"> {
  switch (signal.kind) {
    case "field":
      return { when: [{ kind: "field_equals", field: signal.field, value: signal.value }] };
    case "field_range":
      return {
        when: [
          {
            kind: "field_range",
            field: signal.field,
            ...(signal.min === undefined ? {} : { min: signal.min }),
            ...(signal.max === undefined ? {} : { max: signal.max }),
          },
        ],
      };
    case "tag":
      return { when: [{ kind: "tag", tag: signal.tag }] };
    case "interaction":
      return {
        interaction: {
          types: [signal.type],
          ...(signal.pageKind === undefined ? {} : { pageKinds: [signal.pageKind] }),
        },
      };
    case "flag":
      return { when: [{ kind: signal.flag }] };
  }
}
