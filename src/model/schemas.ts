import * as z from "zod";
import {
  type DeepReadonly,
  dataRecord,
  describeValue,
  INPUT_LIMITS,
  storable,
  TIMESTAMP_FORMAT,
} from "../internal/index.js";
import { type Attribution, attributionSchema } from "./attribution.js";
import {
  BUILTIN_INTERACTION_TYPES,
  CAPTURE_CHANNELS,
  CAPTURE_POINT_MANAGERS,
  CHANNELS,
  type Channel,
  COMPANY_SIZE_BANDS,
  CONTACT_KINDS,
  DO_NOT_CONTACT_REASONS,
  INITIATOR_KINDS,
  INTEREST_LEVELS,
  type InteractionType,
  LAWFUL_BASES,
  LEAD_STAGES,
  PAGE_KINDS,
  PROGRESS_STATUSES,
} from "./vocabulary.js";

const { idLength, textLength, longTextLength, listItems, recordItems } = INPUT_LIMITS;

// RFC 3339: a date, a time with seconds (fractions optional), and `Z` or an offset.
const isoDateTime = /* @__PURE__ */ z.regexes.datetime({ offset: true });
const dateOnly = /^\d{4}-\d{2}-\d{2}$/;
const withoutOffset = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?$/;
// Four-digit years only, so every accepted time writes back to JSON as a string this schema reads.
// Year 0000 is not stored: PostgreSQL has no year 0 (it counts 1 BC, then AD 1) and refuses it.
const earliest = -62_135_596_800_000; // 0001-01-01T00:00:00.000Z
const latest = 253_402_300_799_999; // 9999-12-31T23:59:59.999Z
const TIMESTAMP_EXPECTED = `Expected a timestamp: a Date, or ${TIMESTAMP_FORMAT}`;

/** Why a value is not a timestamp, for the issue; the accepted formats are always named. */
function timestampProblem(value: unknown): { readonly code: string; readonly message: string } {
  if (value === undefined) return { code: "invalid_type", message: `${TIMESTAMP_EXPECTED}; got nothing` };
  if (value instanceof Date) {
    const time = value.getTime();
    return Number.isNaN(time)
      ? { code: "invalid_type", message: `${TIMESTAMP_EXPECTED}; got an Invalid Date` }
      : {
          code: "invalid_value",
          message: `${TIMESTAMP_EXPECTED}, in the years 0001 to 9999 (PostgreSQL has no year 0000); got ${describeValue(value)}`,
        };
  }
  if (typeof value === "number")
    return {
      code: "invalid_type",
      message: `${TIMESTAMP_EXPECTED}; got ${describeValue(value)}: epoch numbers are not read as times, pass new Date(ms) or its ISO string`,
    };
  if (typeof value !== "string")
    return { code: "invalid_type", message: `${TIMESTAMP_EXPECTED}; got ${describeValue(value)}` };
  const found = describeValue(value);
  if (value.length <= 64 && isoDateTime.test(value) && !Number.isNaN(new Date(value).getTime()))
    return {
      code: "invalid_value",
      message: `${TIMESTAMP_EXPECTED}, in the years 0001 to 9999 (PostgreSQL has no year 0000); got ${found}`,
    };
  if (dateOnly.test(value))
    return {
      code: "invalid_format",
      message: `${TIMESTAMP_EXPECTED}; got ${found}, a date without a time: add the time and offset, e.g. "${value}T00:00:00Z"`,
    };
  if (withoutOffset.test(value))
    return {
      code: "invalid_format",
      message: `${TIMESTAMP_EXPECTED}; got ${found}, a date-time without a time zone offset: add "Z" for UTC or an offset such as "+01:00"`,
    };
  return { code: "invalid_format", message: `${TIMESTAMP_EXPECTED}; got ${found}` };
}

/**
 * A point in time: a `Date`, or an ISO-8601 date-time string with an offset (`Z` or `+01:00`),
 * parsed to a `Date`. JSON-serialised records therefore parse back to equal records: this is how a
 * record saved as JSON is revived. Years run from 0001 to 9999 (the years JSON writes as four
 * digits and PostgreSQL stores; it has no year 0000); a date without a time, a date-time without an offset, an epoch number and an Invalid Date
 * are refused with an issue that names the accepted format.
 *
 * @example
 * ```ts
 * import { timestampSchema } from "./schemas.js";
 *
 * timestampSchema.parse("2026-01-31T09:00:00Z") instanceof Date; // true
 * timestampSchema.safeParse("2026-01-31").success;              // false: no time, no offset
 * ```
 * @category Model
 */
export const timestampSchema = /* @__PURE__ */ z.unknown().transform((value, ctx): Date => {
  if (value instanceof Date) {
    const time = value.getTime();
    if (time >= earliest && time <= latest) return value;
  } else if (typeof value === "string" && value.length <= 64 && isoDateTime.test(value)) {
    const date = new Date(value);
    const time = date.getTime();
    if (time >= earliest && time <= latest) return date;
  }
  const problem = timestampProblem(value);
  ctx.issues.push({ code: problem.code, input: value, message: problem.message } as z.core.$ZodRawIssue);
  return z.NEVER;
}) as unknown as z.ZodType<Date, Date | string>;

// Every string a record holds is checked for text no backend can store (U+0000, lone surrogates):
// the in-memory and PostgreSQL repositories then accept exactly the same records.
const id = /* @__PURE__ */ storable(z.string().min(1).max(idLength));
const text = /* @__PURE__ */ storable(z.string().max(textLength));
const longText = /* @__PURE__ */ storable(z.string().max(longTextLength));
// Checked after the union, so text no backend can store is said as such, not as "invalid_union".
const attributeValue = /* @__PURE__ */ storable(
  z.union([
    z.string().max(longTextLength),
    z.number().refine(Number.isFinite, "Expected a finite number"),
    z.boolean(),
    z.null(),
  ]),
);

/**
 * Values allowed in a record's custom attributes: JSON scalars, so records stay serialisable. Keys
 * are data: any non-empty string up to 200 characters, `__proto__` and `constructor` included; at
 * most 1,000 keys.
 *
 * @example
 * ```ts
 * import { attributesSchema } from "./schemas.js";
 *
 * attributesSchema.parse({ seats: 25, trial: true, plan: "team" });
 * ```
 * @category Model
 */
export const attributesSchema = /* @__PURE__ */ dataRecord(id, attributeValue, listItems);

/**
 * Where a consent was given and how it can be shown: the form and the page, the wording the person
 * agreed to, and a reference to the stored evidence (a signed document, a call recording). At least
 * one field is set.
 *
 * @example
 * ```ts
 * import { consentProofSchema } from "./schemas.js";
 *
 * consentProofSchema.parse({ form: "ebook-download", page: "https://acme.es/ebook", wording: "Send me the newsletter" });
 * ```
 * @category Model
 */
export const consentProofSchema = z
  .object({
    form: text.min(1).optional(),
    page: text.min(1).optional(),
    wording: longText.min(1).optional(),
    reference: text.min(1).optional(),
  })
  .refine((p) => Object.values(p).some((v) => v !== undefined), {
    message: "A consent proof needs at least one of form, page, wording or reference",
  });

/**
 * A record of the basis for processing a contact's data for one purpose (GDPR): granted or
 * withdrawn, when, where it was collected, on which lawful basis, for which channel, and the proof.
 *
 * @remarks
 * `basis` (GDPR art. 6: {@link LAWFUL_BASES}), `channel` and `proof` came after the first
 * version of the schema, so records stored before them still parse: a record without `basis` reads
 * as `"consent"` (the only basis the first version recorded); a record without `channel` is kept as
 * it is. Such a channel-less record still counts when it is a withdrawal (it withdraws the purpose
 * on every channel), but a channel-less grant names no channel, so it allows contact on none:
 * restate it with the channel it was given for (see `checkContactPermission`). `channel: "any"`
 * covers every channel.
 *
 * @example
 * ```ts
 * import { consentSchema } from "./schemas.js";
 *
 * consentSchema.parse({
 *   purpose: "newsletter",
 *   status: "granted",
 *   at: "2026-01-05T10:00:00Z",
 *   source: "form:ebook",
 *   basis: "consent",
 *   channel: "email",
 *   proof: { form: "ebook-download", page: "https://acme.es/ebook" },
 * });
 * ```
 * @category Model
 */
export const consentSchema = z.object({
  purpose: text.min(1),
  status: z.enum(["granted", "withdrawn"]),
  at: timestampSchema,
  source: text.min(1),
  basis: z.enum(LAWFUL_BASES).default("consent"),
  channel: z.enum([...CHANNELS, "any"]).optional(),
  proof: consentProofSchema.optional(),
});

/**
 * A flag that one channel (or every channel, `"any"`) must not be used, with the reason.
 *
 * @example
 * ```ts
 * import { doNotContactSchema } from "./schemas.js";
 *
 * doNotContactSchema.parse({ channel: "email", reason: "bounced", at: "2026-02-01T00:00:00Z" });
 * ```
 * @category Model
 */
export const doNotContactSchema = z.object({
  channel: z.enum([...CHANNELS, "any"]),
  reason: z.enum(DO_NOT_CONTACT_REASONS),
  at: timestampSchema,
  note: longText.optional(),
});

/**
 * A person or organisation recorded in the CRM, whether or not it is in the funnel.
 *
 * @example
 * ```ts
 * import { contactSchema } from "leadkit";
 *
 * contactSchema.parse({ kind: "prospect", entity: "person", name: "Ana García", email: "ana@acme.es" });
 * ```
 * @category Model
 */
export const contactSchema = z.object({
  kind: z.enum(CONTACT_KINDS),
  entity: z.enum(["person", "organization"]).default("person"),
  name: storable(z.string().trim().min(1).max(300)),
  jobTitle: text.optional(),
  company: text.optional(),
  website: text.optional(),
  email: storable(z.string().trim().max(320)).optional(),
  phone: storable(z.string().trim().max(50)).optional(),
  industry: text.optional(),
  companySize: z.enum(COMPANY_SIZE_BANDS).optional(),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, "Expected an ISO 3166-1 alpha-2 country code such as ES or US")
    .optional(),
  city: text.optional(),
  language: text.optional(),
  /** Set once a person has been confirmed behind the record (lifts the validity penalty; docs/scoring.md). */
  humanConfirmed: z.boolean().default(false),
  attributes: attributesSchema.default({}),
  consents: z.array(consentSchema).max(listItems).default([]),
  doNotContact: z.array(doNotContactSchema).max(listItems).default([]),
});

/**
 * Who started an interaction or a capture.
 *
 * @example
 * ```ts
 * import { initiatorSchema } from "./schemas.js";
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
 * import { capturePointSchema } from "./schemas.js";
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
 * The facts of how a lead was captured — what the origin rules classify as active or passive.
 * Absolute, not relative: `initiator.userId` is compared with the user asking.
 *
 * @example
 * ```ts
 * import { captureFactsSchema } from "./schemas.js";
 *
 * captureFactsSchema.parse({ channel: "call", initiator: { kind: "user", userId: "u-ana" } });
 * ```
 * @category Model
 */
export const captureFactsSchema = z.object({
  channel: z.enum(CAPTURE_CHANNELS),
  initiator: initiatorSchema,
  capturePoint: capturePointSchema.optional(),
  /** The user who shared or referred the lead, when it reached its owner that way. */
  referredBy: id.optional(),
  /** Where the capture came from (UTM parameters, click ids, landing page, referrer). */
  attribution: attributionSchema.optional(),
});

/**
 * One recorded move through the lifecycle: from which stage to which, by which event, when, by whom
 * and why.
 *
 * @example
 * ```ts
 * import { historyEntrySchema } from "./schemas.js";
 *
 * historyEntrySchema.parse({ from: "lead", to: "prospect", event: "qualify", at: "2026-03-01T00:00:00Z", actor: "u-ana" });
 * ```
 * @category Model
 */
export const historyEntrySchema = z.object({
  from: z.enum(LEAD_STAGES),
  to: z.enum(LEAD_STAGES),
  event: id,
  at: timestampSchema,
  actor: id,
  reason: longText.optional(),
});

/**
 * A note a person left on a lead.
 *
 * @example
 * ```ts
 * import { noteSchema } from "./schemas.js";
 *
 * noteSchema.parse({ at: "2026-03-01T00:00:00Z", author: "u-ana", text: "Call back after the fair." });
 * ```
 * @category Model
 */
export const noteSchema = z.object({
  at: timestampSchema,
  author: id,
  text: longText.min(1),
});

/**
 * A score a model gave a lead, with an optional manual override kept beside it: the automated
 * value keeps updating, the override says what a person decided and why.
 *
 * @example
 * ```ts
 * import { scoreEntrySchema } from "./schemas.js";
 *
 * scoreEntrySchema.parse({ value: 62, at: "2026-03-01T00:00:00Z" });
 * ```
 * @category Model
 */
export const scoreEntrySchema = z.object({
  value: z.number().min(0).max(100),
  at: timestampSchema,
  override: z
    .object({
      value: z.number().min(0).max(100),
      reason: longText.min(1),
      by: id,
      at: timestampSchema,
    })
    .optional(),
});

/**
 * A contact's relationship with the company as it moves through the funnel.
 *
 * @remarks
 * `owner` is `null` while the lead sits in a shared pool; `generatedBy` is the user whose own action
 * captured it (`null` when nobody's did — inbound, campaign, import). `version` starts at 1 and goes
 * up by one with every saved change (optimistic concurrency).
 *
 * @example
 * ```ts
 * import { leadSchema } from "leadkit";
 *
 * const lead = leadSchema.parse({
 *   id: "l1", contact: { kind: "prospect", name: "Ana García", email: "ana@acme.es" },
 *   stage: "lead", owner: "u-ana", generatedBy: "u-ana",
 *   capture: { channel: "call", initiator: { kind: "user", userId: "u-ana" } },
 *   createdAt: "2026-01-10T09:00:00Z", updatedAt: "2026-01-10T09:00:00Z",
 * });
 * ```
 * @category Model
 */
export const leadSchema = z.object({
  id,
  externalId: id.optional(),
  contact: contactSchema,
  stage: z.enum(LEAD_STAGES),
  owner: id.nullable(),
  generatedBy: id.nullable(),
  team: id.optional(),
  pool: id.optional(),
  collaborators: z
    .array(z.object({ userId: id, access: z.enum(["edit", "view"]) }))
    .max(listItems)
    .default([]),
  capture: captureFactsSchema,
  source: text.min(1).optional(),
  medium: text.min(1).optional(),
  campaign: text.min(1).optional(),
  interestLevel: z.enum(INTEREST_LEVELS).default("unknown"),
  progressStatus: z.enum(PROGRESS_STATUSES).default("not_contacted"),
  tags: z.array(text.min(1)).max(listItems).default([]),
  notes: z.array(noteSchema).max(recordItems).default([]),
  interactions: z.array(interactionSchema).max(recordItems).default([]),
  history: z.array(historyEntrySchema).max(recordItems).default([]),
  scores: /* @__PURE__ */ dataRecord(id, scoreEntrySchema, listItems).default({}),
  expectedRevenue: z.number().min(0).refine(Number.isFinite, "Expected a finite amount").optional(),
  mergedFrom: z.array(id).max(recordItems).default([]),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  version: z.number().int().min(1).default(1),
});

/**
 * A contact record, as parsed (see {@link contactSchema}).
 *
 * @example
 * ```ts
 * import { type Contact, parseContact } from "leadkit";
 *
 * const contact: Contact = parseContact({ kind: "prospect", name: "Ana García", email: " Ana@ACME.es" });
 * contact.email; // "ana@acme.es"
 * contact.consents; // [] (filled in by the schema)
 * ```
 * @category Model
 */
export type Contact = DeepReadonly<z.output<typeof contactSchema>>;

/**
 * What {@link contactSchema} accepts: defaults may be left out, timestamps may be ISO strings.
 *
 * @example
 * ```ts
 * import { type ContactInput, safeParseContact } from "leadkit";
 *
 * // What a form posts: defaults may be left out.
 * const input: ContactInput = { kind: "prospect", name: "Ana García", email: "ana@acme.es" };
 * const parsed = safeParseContact(input);
 * if (!parsed.ok) console.log(parsed.issues);
 * ```
 * @category Model
 */
export type ContactInput = z.input<typeof contactSchema>;

/**
 * A lead record, as parsed (see {@link leadSchema}).
 *
 * @example
 * ```ts
 * import type { Lead } from "leadkit";
 *
 * function ownerOf(lead: Lead): string | null { return lead.owner; }
 * ```
 * @category Model
 */
export type Lead = DeepReadonly<z.output<typeof leadSchema>>;

/**
 * What {@link leadSchema} accepts: defaults may be left out, timestamps may be ISO strings.
 *
 * @example
 * ```ts
 * import { type LeadInput, safeParseLead } from "leadkit";
 *
 * const input: LeadInput = {
 *   id: "l1", contact: { kind: "prospect", name: "Ana" }, stage: "contact", owner: null, generatedBy: null,
 *   capture: { channel: "form", initiator: { kind: "contact" } },
 *   createdAt: "2026-01-10T09:00:00Z", updatedAt: "2026-01-10T09:00:00Z",
 * };
 * const parsed = safeParseLead(input);
 * if (parsed.ok) parsed.value.createdAt; // a Date
 * ```
 * @category Model
 */
export type LeadInput = z.input<typeof leadSchema>;

/**
 * A consent record.
 *
 * @example
 * ```ts
 * import type { Consent } from "leadkit";
 *
 * const granted = (c: Consent) => c.status === "granted";
 * ```
 * @category Model
 */
export type Consent = DeepReadonly<z.output<typeof consentSchema>>;

/**
 * A do-not-contact flag.
 *
 * @example
 * ```ts
 * import { checkContactPermission, type DoNotContact } from "leadkit";
 *
 * const flag: DoNotContact = { channel: "email", reason: "unsubscribed", at: now };
 * const contact = { ...lead.contact, doNotContact: [...lead.contact.doNotContact, flag] };
 * checkContactPermission(contact, { channel: "email", purpose: "newsletter", at: now }).ok; // false
 * ```
 * @category Model
 */
export type DoNotContact = DeepReadonly<z.output<typeof doNotContactSchema>>;

/**
 * How a lead was captured.
 *
 * @example
 * ```ts
 * import type { CaptureFacts } from "leadkit";
 * import { classifyOrigin, compileOriginRules, DEFAULT_ORIGIN_RULES } from "leadkit/origin";
 *
 * // The company website's form: nobody in sales started it.
 * const rules = compileOriginRules(DEFAULT_ORIGIN_RULES);
 * const facts: CaptureFacts = { channel: "form", initiator: { kind: "contact" }, capturePoint: { managedBy: "company" } };
 * classifyOrigin(rules, facts).kind; // "passive"
 * ```
 * @category Model
 */
export type CaptureFacts = DeepReadonly<z.output<typeof captureFactsSchema>>;

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

/**
 * One lifecycle move.
 *
 * @example
 * ```ts
 * import type { HistoryEntry, Lead } from "leadkit";
 *
 * const last = (lead: Lead): HistoryEntry | undefined => lead.history.at(-1);
 * ```
 * @category Model
 */
export type HistoryEntry = DeepReadonly<z.output<typeof historyEntrySchema>>;

/**
 * A model's score for a lead, with its manual override.
 *
 * @example
 * ```ts
 * import type { ScoreEntry } from "leadkit";
 *
 * const effective = (s: ScoreEntry) => s.override?.value ?? s.value;
 * ```
 * @category Model
 */
export type ScoreEntry = DeepReadonly<z.output<typeof scoreEntrySchema>>;

/**
 * One change to a lead, as written to the append-only audit log: who did what, when, why, and the
 * lead's version before and after. Sharing, transfers, transitions and merges all produce one.
 *
 * @example
 * ```ts
 * import { auditEntrySchema } from "./schemas.js";
 *
 * auditEntrySchema.parse({
 *   at: "2026-03-01T10:00:00Z", actor: "u-ana", action: "transfer", leadId: "l1",
 *   reason: "Ana is on leave", details: { from: "u-ana", to: "u-bruno" },
 * });
 * ```
 * @category Model
 */
export const auditEntrySchema = z.object({
  at: timestampSchema,
  actor: id,
  action: id,
  leadId: id,
  reason: longText.optional(),
  beforeVersion: z.number().int().min(0).optional(),
  afterVersion: z.number().int().min(1).optional(),
  details: attributesSchema.optional(),
});

/**
 * An audit log entry.
 *
 * @example
 * ```ts
 * import { type AuditEntry, anonymizeAuditEntry } from "leadkit";
 *
 * const entry: AuditEntry = { at: now, actor: "u-ana", action: "share", leadId: "l1", reason: "Bruno covers Madrid" };
 * anonymizeAuditEntry(entry).reason; // undefined: free text may hold personal data
 * ```
 * @category Model
 */
export type AuditEntry = DeepReadonly<z.output<typeof auditEntrySchema>>;
