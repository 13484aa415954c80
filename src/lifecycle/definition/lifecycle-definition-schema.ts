import * as z from "zod";
import { dataRecord, INPUT_LIMITS, type Result, safeParseWith, unwrapOrThrow } from "../../internal/index.js";

const { idLength, longTextLength, listItems } = INPUT_LIMITS;

const stageName = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[^@\s]/, 'Stage names must not start with "@" (reserved for computed targets) or a space');

/**
 * Schema of an {@link EffectSpec}: what a transition asks the caller to do, as data.
 *
 * @example
 * ```ts
 * import { effectSpecSchema } from "./lifecycle-definition-schema.js";
 *
 * effectSpecSchema.parse({ type: "schedule_follow_up", afterDays: 2 });
 * ```
 * @category Lifecycle
 */
export const effectSpecSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("notify_owner") }),
  z.object({ type: z.literal("schedule_follow_up"), afterDays: z.number().int().min(0).max(3650) }),
  z.object({ type: z.literal("request_rescore") }),
  z.object({ type: z.literal("emit"), name: z.string().min(1).max(idLength) }),
]);

/**
 * Schema of a {@link LifecycleEventDefinition}.
 *
 * @example
 * ```ts
 * import { lifecycleEventDefinitionSchema } from "./lifecycle-definition-schema.js";
 *
 * lifecycleEventDefinitionSchema.parse({ from: ["lead"], to: "prospect", guards: ["has_passing_qualification"] });
 * ```
 * @category Lifecycle
 */
export const lifecycleEventDefinitionSchema = z.object({
  from: z.array(stageName).min(1).max(listItems),
  to: z.union([stageName, z.literal("@previous"), z.literal("@back")]),
  guards: z.array(z.string().min(1).max(idLength)).max(listItems).optional(),
  requiresReason: z.boolean().optional(),
  manual: z.boolean().optional(),
  effects: z.array(effectSpecSchema).max(listItems).optional(),
  description: z.string().max(longTextLength).optional(),
});

/**
 * Schema of a {@link LifecycleDefinition}: the structure only. Cross-references (unknown stages,
 * unknown guards) are checked by {@link compileLifecycle}.
 *
 * @example
 * ```ts
 * import * as z from "zod";
 * import { lifecycleDefinitionSchema } from "leadkit/lifecycle";
 *
 * const json = z.toJSONSchema(lifecycleDefinitionSchema);
 * ```
 * @category Lifecycle
 */
export const lifecycleDefinitionSchema = z.object({
  id: z.string().min(1).max(idLength),
  description: z.string().max(longTextLength).optional(),
  stages: z.array(stageName).min(1).max(listItems),
  initial: stageName,
  funnel: z.array(stageName).max(listItems),
  terminal: z.array(stageName).max(listItems).optional(),
  events: dataRecord(z.string().min(1).max(idLength), lifecycleEventDefinitionSchema, listItems),
});

/**
 * What a transition asks the caller to do, declared on an event: notify the lead's owner, schedule a
 * follow-up some days later, re-score the lead, or emit a named custom effect.
 *
 * @example
 * ```ts
 * import { compileLifecycle, type EffectSpec, transitionOrThrow } from "leadkit/lifecycle";
 *
 * const effects: EffectSpec[] = [{ type: "notify_owner" }, { type: "schedule_follow_up", afterDays: 2 }];
 * const trials = compileLifecycle({
 *   id: "trials", stages: ["trial", "paying"], initial: "trial", funnel: ["trial", "paying"], terminal: ["paying"],
 *   events: { convert: { from: ["trial"], to: "paying", effects } },
 * });
 * const record = { stage: "trial" as const, history: [], updatedAt: now };
 * transitionOrThrow(trials, record, "convert", { now, actor: "billing" }).effects.map((e) => e.type); // ["notify_owner", "schedule_follow_up"]
 * ```
 * @category Lifecycle
 */
export type EffectSpec = z.output<typeof effectSpecSchema>;

/**
 * Where an event leads: a declared stage, `"@previous"` (the stage the record was in before the
 * current one, read from its history: how a lost lead is reopened) or `"@back"` (one step back
 * along the funnel).
 *
 * @example
 * ```ts
 * import { compileLifecycle, type EventTarget } from "leadkit/lifecycle";
 *
 * // "@previous": a paused deal resumes in the stage it was paused from.
 * const resume: EventTarget<"lead" | "prospect" | "paused"> = "@previous";
 * compileLifecycle({
 *   id: "pausable", stages: ["lead", "prospect", "paused"], initial: "lead", funnel: ["lead", "prospect"], terminal: [],
 *   events: { pause: { from: ["lead", "prospect"], to: "paused" }, resume: { from: ["paused"], to: resume } },
 * });
 * ```
 * @category Lifecycle
 */
export type EventTarget<S extends string> = S | "@previous" | "@back";

/**
 * One event of a lifecycle: from which stages it may fire, where it leads, which named guards must
 * pass, and the effects it returns.
 *
 * @example
 * ```ts
 * import { compileLifecycle, DEFAULT_LIFECYCLE_DEFINITION, type LifecycleEventDefinition } from "leadkit/lifecycle";
 *
 * // The default lifecycle, where qualifying also re-scores the lead.
 * const qualify: LifecycleEventDefinition<"lead" | "prospect"> = {
 *   from: ["lead"], to: "prospect", guards: ["has_passing_qualification"], effects: [{ type: "request_rescore" }],
 * };
 * compileLifecycle({ ...DEFAULT_LIFECYCLE_DEFINITION, events: { ...DEFAULT_LIFECYCLE_DEFINITION.events, qualify } });
 * ```
 * @category Lifecycle
 */
export interface LifecycleEventDefinition<S extends string = string> {
  /** The stages the event may fire from. */
  readonly from: readonly S[];
  /** Where it leads (see {@link EventTarget}). */
  readonly to: EventTarget<S>;
  /** Names of guards, looked up in the registry given to {@link compileLifecycle}; all must pass. */
  readonly guards?: readonly string[];
  /** When `true`, the event needs a non-blank `reason` (disqualify, lose, regress). */
  readonly requiresReason?: boolean;
  /** When `true`, only a person may fire it: automatic transitions are refused. */
  readonly manual?: boolean;
  /** Effects returned (never run) when the event succeeds. */
  readonly effects?: readonly EffectSpec[];
  /** What the event means, for people and exports. */
  readonly description?: string;
}

/**
 * A lifecycle as data: stages, the main funnel path, terminal stages and events. Pass it to
 * {@link compileLifecycle} as a literal so stage and event names are inferred and a typo in `to`,
 * `from`, `initial`, `funnel` or `terminal` fails to compile.
 *
 * @example
 * ```ts
 * import { compileLifecycle, type LifecycleDefinition, transition } from "leadkit/lifecycle";
 *
 * const definition: LifecycleDefinition<"open" | "won", "close"> = {
 *   id: "tiny", stages: ["open", "won"], initial: "open", funnel: ["open", "won"], terminal: ["won"],
 *   events: { close: { from: ["open"], to: "won" } },
 * };
 * const tiny = compileLifecycle(definition);
 * transition(tiny, { stage: "open", history: [], updatedAt: now }, "close", { now, actor: "u-ana" }).ok; // true
 * ```
 * @category Lifecycle
 */
export interface LifecycleDefinition<S extends string = string, E extends string = string> {
  /** Identifier of the definition, e.g. `"leadkit.default"`. */
  readonly id: string;
  /** What the lifecycle is for. */
  readonly description?: string;
  /** Every stage a record may be in. */
  readonly stages: readonly S[];
  /** The stage new records start in. */
  readonly initial: NoInfer<S>;
  /** The main path in order; automatic moves may not go backwards along it. */
  readonly funnel: readonly NoInfer<S>[];
  /** Stages no event leaves (they absorb every event). */
  readonly terminal?: readonly NoInfer<S>[];
  /** The events, by name. */
  readonly events: { readonly [K in E]: LifecycleEventDefinition<NoInfer<S>> };
}

/**
 * Validates the structure of a lifecycle definition that arrived as JSON, without throwing.
 *
 * @param input - Any value, typically parsed JSON.
 * @returns The definition, or issues with paths. Pass it to {@link compileLifecycle} to check
 *   cross-references and build it.
 * @example
 * ```ts
 * import { compileLifecycle, safeParseLifecycleDefinition } from "leadkit/lifecycle";
 *
 * declare const text: string; // a lifecycle file's contents
 * const result = safeParseLifecycleDefinition(JSON.parse(text));
 * if (result.ok) compileLifecycle(result.value);
 * ```
 * @category Lifecycle
 */
export function safeParseLifecycleDefinition(input: unknown): Result<LifecycleDefinition> {
  return safeParseWith(lifecycleDefinitionSchema, input) as Result<LifecycleDefinition>;
}

/**
 * Validates the structure of a lifecycle definition that arrived as JSON; throws on failure.
 *
 * @param input - Any value, typically parsed JSON.
 * @returns The definition.
 * @throws LeadKitError with code `invalid_input` listing the issues.
 * @example
 * ```ts
 * import { compileLifecycle, parseLifecycleDefinition } from "leadkit/lifecycle";
 *
 * declare const text: string; // a lifecycle file's contents
 * const lifecycle = compileLifecycle(parseLifecycleDefinition(JSON.parse(text)));
 * ```
 * @category Lifecycle
 */
export function parseLifecycleDefinition(input: unknown): LifecycleDefinition {
  return unwrapOrThrow(safeParseLifecycleDefinition(input), "lifecycle definition");
}

/**
 * The JSON Schema of a lifecycle definition, for editors and for validating stored definitions.
 *
 * @returns A JSON Schema (draft 2020-12) object.
 * @example
 * ```ts
 * import { writeFileSync } from "node:fs";
 * import { lifecycleDefinitionJsonSchema } from "leadkit/lifecycle";
 *
 * writeFileSync("lifecycle.schema.json", JSON.stringify(lifecycleDefinitionJsonSchema(), null, 2));
 * ```
 * @category Lifecycle
 */
export function lifecycleDefinitionJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(lifecycleDefinitionSchema) as Record<string, unknown>;
}
