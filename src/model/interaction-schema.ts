import * as z from "zod";
import { type DeepReadonly, INPUT_LIMITS } from "../internal/index.js";
import { attributesSchema, id, text } from "./attributes-schema.js";
import { type Attribution, attributionSchema } from "./attribution.js";
import { timestampSchema } from "./timestamp-schema.js";
import {
  BUILTIN_INTERACTION_TYPES,
  CAPTURE_POINT_MANAGERS,
  CHANNELS,
  type Channel,
  INITIATOR_KINDS,
  type InteractionType,
  PAGE_KINDS,
} from "./vocabulary.js";

const { idLength } = INPUT_LIMITS;

/**
 * Who started an interaction or a capture.
 *
 * @example
 * ```ts
 * import { initiatorSchema } from "./interaction-schema.js";
 *
 * initiatorSchema.parse({ kind: "user", userId: "u-ana" });
 * ```
 * @category Model
 */
export const initiatorSchema = z
  .object({ kind: z.enum(INITIATOR_KINDS), userId: id.optional() })
  .refine((i) => i.kind !== "user" || i.userId !== undefined, {
    message: 'An initiator of kind "user" needs a userId',
    path: ["userId"],
  });

/**
 * Where a lead was captured (a landing page, a form, a campaign) and who manages it.
 *
 * @example
 * ```ts
 * import { capturePointSchema } from "./interaction-schema.js";
 *
 * capturePointSchema.parse({ id: "lp-webinar", managedBy: "user", managerId: "u-ana" });
 * ```
 * @category Model
 */
export const capturePointSchema = z
  .object({ id: text.optional(), managedBy: z.enum(CAPTURE_POINT_MANAGERS), managerId: id.optional() })
  .refine((p) => p.managedBy !== "user" || p.managerId !== undefined, {
    message: 'A capture point managed by a "user" needs a managerId',
    path: ["managerId"],
  });

const interactionBase = {
  id,
  at: timestampSchema,
  initiator: initiatorSchema,
  channel: z.enum(CHANNELS).optional(),
  campaign: text.optional(),
  data: attributesSchema.optional(),
  attribution: attributionSchema.optional(),
};

const builtinInteractionTypes: ReadonlySet<string> = new Set(BUILTIN_INTERACTION_TYPES);
const customInteractionType = /^custom:[a-z0-9][a-z0-9_.-]*$/;

/**
 * One thing that happened between the company and a contact: an email opened, a form submitted, a
 * call held. `form_submit` names its capture point; `page_view` its page kind; custom types are
 * written `custom:<name>`.
 *
 * @example
 * ```ts
 * import { interactionSchema } from "leadkit";
 *
 * interactionSchema.parse({
 *   id: "i1", type: "email_click", at: "2026-03-02T10:00:00Z", initiator: { kind: "contact" },
 * });
 * ```
 * @category Model
 */
export const interactionSchema = z
  .object({
    ...interactionBase,
    type: z
      .string()
      .max(idLength)
      .refine((t) => builtinInteractionTypes.has(t) || customInteractionType.test(t), {
        message: `Unknown interaction type; expected one of ${BUILTIN_INTERACTION_TYPES.join(", ")}, or "custom:<name>" in lowercase`,
      }),
    capturePoint: capturePointSchema.optional(),
    pageKind: z.enum(PAGE_KINDS).optional(),
    url: text.optional(),
  })
  .superRefine((interaction, ctx) => {
    if (interaction.type === "form_submit" && interaction.capturePoint === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["capturePoint"],
        message: "A form_submit interaction needs the capturePoint it was submitted on",
      });
    }
    if (interaction.type === "page_view" && interaction.pageKind === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["pageKind"],
        message: 'A page_view interaction needs a pageKind: "product", "pricing" or "other"',
      });
    }
  }) as unknown as z.ZodType<Interaction, InteractionInput>;

/**
 * The fields every {@link Interaction} has.
 *
 * @example
 * ```ts
 * import type { InteractionBase } from "leadkit";
 *
 * // Every interaction, whatever its type, has an id, a time and who started it.
 * const lastFromContact = (interactions: readonly InteractionBase[]) =>
 *   interactions.filter((i) => i.initiator.kind === "contact").at(-1)?.at;
 * lastFromContact(lead.interactions);
 * ```
 * @category Model
 */
export interface InteractionBase {
  /** Unique id of the interaction. */
  readonly id: string;
  /** When it happened. */
  readonly at: Date;
  /** Who started it. */
  readonly initiator: Initiator;
  /** The channel it happened on, when known. */
  readonly channel?: Channel | undefined;
  /** The campaign it belongs to, when any. */
  readonly campaign?: string | undefined;
  /** Extra scalar data, e.g. the subject of an email. */
  readonly data?: Readonly<Record<string, string | number | boolean | null>> | undefined;
  /** Where it came from (UTM parameters, click ids, pages), when it is a marketing touch. */
  readonly attribution?: Attribution | undefined;
}

/**
 * An interaction, as parsed (see {@link interactionSchema}): discriminated by `type`, with the
 * capture point of a `form_submit` and the page kind of a `page_view`.
 *
 * @example
 * ```ts
 * import type { Lead } from "leadkit";
 *
 * const pricingVisits = (lead: Lead) =>
 *   lead.interactions.filter((i) => i.type === "page_view" && i.pageKind === "pricing").length;
 * ```
 * @category Model
 */
export type Interaction =
  | (InteractionBase & { readonly type: "form_submit"; readonly capturePoint: CapturePoint })
  | (InteractionBase & {
      readonly type: "page_view";
      readonly pageKind: (typeof PAGE_KINDS)[number];
      readonly url?: string | undefined;
    })
  | (InteractionBase & {
      readonly type: Exclude<InteractionType, "form_submit" | "page_view">;
      readonly capturePoint?: CapturePoint | undefined;
    });

/**
 * What {@link interactionSchema} accepts: timestamps may be ISO strings.
 *
 * @example
 * ```ts
 * import { type InteractionInput, parseInteraction } from "leadkit";
 *
 * // A webhook's JSON: the time is still an ISO string.
 * const input: InteractionInput = { id: "i1", type: "email_open", at: "2026-01-01T00:00:00Z", initiator: { kind: "contact" } };
 * parseInteraction(input).at.getUTCFullYear(); // 2026
 * ```
 * @category Model
 */
export interface InteractionInput {
  /** Unique id of the interaction. */
  readonly id: string;
  /** A built-in type or `custom:<name>`. */
  readonly type: string;
  /** When it happened: a `Date` or an ISO-8601 string with an offset. */
  readonly at: Date | string;
  /** Who started it. */
  readonly initiator: z.input<typeof initiatorSchema>;
  /** The channel it happened on. */
  readonly channel?: Channel | undefined;
  /** The campaign it belongs to. */
  readonly campaign?: string | undefined;
  /** Extra scalar data. */
  readonly data?: Readonly<Record<string, string | number | boolean | null>> | undefined;
  /** Where it came from, when it is a marketing touch. */
  readonly attribution?: z.input<typeof attributionSchema> | undefined;
  /** For `form_submit`: the capture point the form belongs to. */
  readonly capturePoint?: z.input<typeof capturePointSchema> | undefined;
  /** For `page_view`: which kind of page. */
  readonly pageKind?: (typeof PAGE_KINDS)[number] | undefined;
  /** For `page_view`: the page address. */
  readonly url?: string | undefined;
}

/**
 * Where a lead was captured and who manages it.
 *
 * @example
 * ```ts
 * import type { CapturePoint } from "leadkit";
 * import { classifyOrigin, compileOriginRules, DEFAULT_ORIGIN_RULES } from "leadkit/origin";
 *
 * // A landing page Ana runs herself: what she captures there is her own, active lead.
 * const rules = compileOriginRules(DEFAULT_ORIGIN_RULES);
 * const point: CapturePoint = { id: "lp-webinar", managedBy: "user", managerId: "u-ana" };
 * classifyOrigin(rules, { channel: "form", initiator: { kind: "contact" }, capturePoint: point }, { userId: "u-ana" }).kind; // "active"
 * ```
 * @category Model
 */
export type CapturePoint = DeepReadonly<z.output<typeof capturePointSchema>>;

/**
 * Who started an interaction or a capture.
 *
 * @example
 * ```ts
 * import { type Initiator, parseInteraction } from "leadkit";
 *
 * const ana: Initiator = { kind: "user", userId: "u-ana" };
 * parseInteraction({ id: "i2", type: "call", at: now, initiator: ana }).initiator; // { kind: "user", userId: "u-ana" }
 * ```
 * @category Model
 */
export type Initiator = DeepReadonly<z.output<typeof initiatorSchema>>;
