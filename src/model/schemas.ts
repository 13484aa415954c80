import * as z from "zod";
import type { DeepReadonly } from "../internal/index.js";
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
  LEAD_STAGES,
  PAGE_KINDS,
  PROGRESS_STATUSES,
} from "./vocabulary.js";

/**
 * A point in time: a `Date`, or an ISO-8601 date-time string with an offset (`Z` or `+01:00`),
 * parsed to a `Date`. JSON-serialised records therefore parse back to equal records.
 *
 * @example
 * ```ts
 * timestampSchema.parse("2026-01-31T09:00:00Z") instanceof Date; // true
 * ```
 * @category Model
 */
export const timestampSchema = z.union([
  z.date(),
  z.iso.datetime({ offset: true }).transform((value) => new Date(value)),
]);

const id = z.string().min(1).max(200);

/**
 * Values allowed in a record's custom attributes: JSON scalars, so records stay serialisable.
 *
 * @example
 * ```ts
 * attributesSchema.parse({ seats: 25, trial: true, plan: "team" });
 * ```
 * @category Model
 */
export const attributesSchema = z.record(
  z.string().min(1),
  z.union([
    z.string(),
    z.number().refine(Number.isFinite, "Expected a finite number"),
    z.boolean(),
    z.null(),
  ]),
);

/**
 * Consent to process a contact's data for one purpose (GDPR): granted or withdrawn, when, and where
 * it was collected.
 *
 * @example
 * ```ts
 * consentSchema.parse({ purpose: "newsletter", status: "granted", at: "2026-01-05T10:00:00Z", source: "form:ebook" });
 * ```
 * @category Model
 */
export const consentSchema = z.object({
  purpose: z.string().min(1),
  status: z.enum(["granted", "withdrawn"]),
  at: timestampSchema,
  source: z.string().min(1),
});

/**
 * A flag that one channel (or every channel, `"any"`) must not be used, with the reason.
 *
 * @example
 * ```ts
 * doNotContactSchema.parse({ channel: "email", reason: "bounced", at: "2026-02-01T00:00:00Z" });
 * ```
 * @category Model
 */
export const doNotContactSchema = z.object({
  channel: z.enum([...CHANNELS, "any"]),
  reason: z.enum(DO_NOT_CONTACT_REASONS),
  at: timestampSchema,
  note: z.string().optional(),
});

/**
 * A person or organisation recorded in the CRM, whether or not it is in the funnel.
 *
 * @example
 * ```ts
 * contactSchema.parse({ kind: "prospect", entity: "person", name: "Ana García", email: "ana@acme.es" });
 * ```
 * @category Model
 */
export const contactSchema = z.object({
  kind: z.enum(CONTACT_KINDS),
  entity: z.enum(["person", "organization"]).default("person"),
  name: z.string().trim().min(1).max(300),
  jobTitle: z.string().optional(),
  company: z.string().optional(),
  website: z.string().optional(),
  email: z.string().trim().max(320).optional(),
  phone: z.string().trim().max(50).optional(),
  industry: z.string().optional(),
  companySize: z.enum(COMPANY_SIZE_BANDS).optional(),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, "Expected an ISO 3166-1 alpha-2 country code such as ES or US")
    .optional(),
  city: z.string().optional(),
  language: z.string().optional(),
  /** Set once a person has been confirmed behind the record (seed 004: lifts the validity penalty). */
  humanConfirmed: z.boolean().default(false),
  attributes: attributesSchema.default({}),
  consents: z.array(consentSchema).default([]),
  doNotContact: z.array(doNotContactSchema).default([]),
});

/**
 * Who started an interaction or a capture.
 *
 * @example
 * ```ts
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
 * capturePointSchema.parse({ id: "lp-webinar", managedBy: "user", managerId: "u-ana" });
 * ```
 * @category Model
 */
export const capturePointSchema = z
  .object({ id: z.string().optional(), managedBy: z.enum(CAPTURE_POINT_MANAGERS), managerId: id.optional() })
  .refine((p) => p.managedBy !== "user" || p.managerId !== undefined, {
    message: 'A capture point managed by a "user" needs a managerId',
    path: ["managerId"],
  });

const interactionBase = {
  id,
  at: timestampSchema,
  initiator: initiatorSchema,
  channel: z.enum(CHANNELS).optional(),
  campaign: z.string().optional(),
  data: attributesSchema.optional(),
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
 * interactionSchema.parse({
 *   id: "i1", type: "email_click", at: "2026-03-02T10:00:00Z", initiator: { kind: "contact" },
 * });
 * ```
 * @category Model
 */
export const interactionSchema = z
  .object({
    ...interactionBase,
    type: z.string().refine((t) => builtinInteractionTypes.has(t) || customInteractionType.test(t), {
      message: `Unknown interaction type; expected one of ${BUILTIN_INTERACTION_TYPES.join(", ")}, or "custom:<name>" in lowercase`,
    }),
    capturePoint: capturePointSchema.optional(),
    pageKind: z.enum(PAGE_KINDS).optional(),
    url: z.string().optional(),
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
 * const base: InteractionBase = { id: "i1", at: new Date(), initiator: { kind: "contact" } };
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
}

/**
 * An interaction, as parsed (see {@link interactionSchema}): discriminated by `type`, with the
 * capture point of a `form_submit` and the page kind of a `page_view`.
 *
 * @example
 * ```ts
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
 * const input: InteractionInput = { id: "i1", type: "email_open", at: "2026-01-01T00:00:00Z", initiator: { kind: "contact" } };
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
  /** For `form_submit`: the capture point the form belongs to. */
  readonly capturePoint?: z.input<typeof capturePointSchema> | undefined;
  /** For `page_view`: which kind of page. */
  readonly pageKind?: (typeof PAGE_KINDS)[number] | undefined;
  /** For `page_view`: the page address. */
  readonly url?: string | undefined;
}

/**
 * Where a lead was captured and who manages it (see {@link capturePointSchema}).
 *
 * @example
 * ```ts
 * const point: CapturePoint = { id: "lp-webinar", managedBy: "user", managerId: "u-ana" };
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
});

/**
 * One recorded move through the lifecycle: from which stage to which, by which event, when, by whom
 * and why.
 *
 * @example
 * ```ts
 * historyEntrySchema.parse({ from: "lead", to: "prospect", event: "qualify", at: "2026-03-01T00:00:00Z", actor: "u-ana" });
 * ```
 * @category Model
 */
export const historyEntrySchema = z.object({
  from: z.enum(LEAD_STAGES),
  to: z.enum(LEAD_STAGES),
  event: z.string().min(1),
  at: timestampSchema,
  actor: z.string().min(1),
  reason: z.string().optional(),
});

/**
 * A note a person left on a lead.
 *
 * @example
 * ```ts
 * noteSchema.parse({ at: "2026-03-01T00:00:00Z", author: "u-ana", text: "Call back after the fair." });
 * ```
 * @category Model
 */
export const noteSchema = z.object({
  at: timestampSchema,
  author: z.string().min(1),
  text: z.string().min(1),
});

/**
 * A score a model gave a lead, with an optional manual override kept beside it: the automated
 * value keeps updating, the override says what a person decided and why.
 *
 * @example
 * ```ts
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
      reason: z.string().min(1),
      by: z.string().min(1),
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
  externalId: z.string().min(1).optional(),
  contact: contactSchema,
  stage: z.enum(LEAD_STAGES),
  owner: id.nullable(),
  generatedBy: id.nullable(),
  team: z.string().min(1).optional(),
  pool: z.string().min(1).optional(),
  collaborators: z.array(z.object({ userId: id, access: z.enum(["edit", "view"]) })).default([]),
  capture: captureFactsSchema,
  source: z.string().min(1).optional(),
  medium: z.string().min(1).optional(),
  campaign: z.string().min(1).optional(),
  interestLevel: z.enum(INTEREST_LEVELS).default("unknown"),
  progressStatus: z.enum(PROGRESS_STATUSES).default("not_contacted"),
  tags: z.array(z.string().min(1)).default([]),
  notes: z.array(noteSchema).default([]),
  interactions: z.array(interactionSchema).default([]),
  history: z.array(historyEntrySchema).default([]),
  scores: z.record(z.string().min(1), scoreEntrySchema).default({}),
  expectedRevenue: z.number().min(0).refine(Number.isFinite, "Expected a finite amount").optional(),
  mergedFrom: z.array(id).default([]),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  version: z.number().int().min(1).default(1),
});

/**
 * A contact record, as parsed (see {@link contactSchema}).
 *
 * @example
 * ```ts
 * const contact: Contact = parseContact({ kind: "prospect", name: "Ana García" });
 * ```
 * @category Model
 */
export type Contact = DeepReadonly<z.output<typeof contactSchema>>;

/**
 * What {@link contactSchema} accepts: defaults may be left out, timestamps may be ISO strings.
 *
 * @example
 * ```ts
 * const input: ContactInput = { kind: "prospect", name: "Ana García" };
 * ```
 * @category Model
 */
export type ContactInput = z.input<typeof contactSchema>;

/**
 * A lead record, as parsed (see {@link leadSchema}).
 *
 * @example
 * ```ts
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
 * const input: LeadInput = {
 *   id: "l1", contact: { kind: "prospect", name: "Ana" }, stage: "contact", owner: null, generatedBy: null,
 *   capture: { channel: "form", initiator: { kind: "contact" } },
 *   createdAt: "2026-01-10T09:00:00Z", updatedAt: "2026-01-10T09:00:00Z",
 * };
 * ```
 * @category Model
 */
export type LeadInput = z.input<typeof leadSchema>;

/**
 * A consent record (see {@link consentSchema}).
 *
 * @example
 * ```ts
 * const granted = (c: Consent) => c.status === "granted";
 * ```
 * @category Model
 */
export type Consent = DeepReadonly<z.output<typeof consentSchema>>;

/**
 * A do-not-contact flag (see {@link doNotContactSchema}).
 *
 * @example
 * ```ts
 * const flag: DoNotContact = { channel: "email", reason: "unsubscribed", at: new Date() };
 * ```
 * @category Model
 */
export type DoNotContact = DeepReadonly<z.output<typeof doNotContactSchema>>;

/**
 * How a lead was captured (see {@link captureFactsSchema}).
 *
 * @example
 * ```ts
 * const facts: CaptureFacts = { channel: "form", initiator: { kind: "contact" }, capturePoint: { managedBy: "company" } };
 * ```
 * @category Model
 */
export type CaptureFacts = DeepReadonly<z.output<typeof captureFactsSchema>>;

/**
 * Who started an interaction or a capture (see {@link initiatorSchema}).
 *
 * @example
 * ```ts
 * const me: Initiator = { kind: "user", userId: "u-ana" };
 * ```
 * @category Model
 */
export type Initiator = DeepReadonly<z.output<typeof initiatorSchema>>;

/**
 * One lifecycle move (see {@link historyEntrySchema}).
 *
 * @example
 * ```ts
 * const last = (lead: Lead): HistoryEntry | undefined => lead.history.at(-1);
 * ```
 * @category Model
 */
export type HistoryEntry = DeepReadonly<z.output<typeof historyEntrySchema>>;

/**
 * A model's score for a lead, with its manual override (see {@link scoreEntrySchema}).
 *
 * @example
 * ```ts
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
 * auditEntrySchema.parse({
 *   at: "2026-03-01T10:00:00Z", actor: "u-ana", action: "transfer", leadId: "l1",
 *   reason: "Ana is on leave", details: { from: "u-ana", to: "u-bruno" },
 * });
 * ```
 * @category Model
 */
export const auditEntrySchema = z.object({
  at: timestampSchema,
  actor: z.string().min(1),
  action: z.string().min(1),
  leadId: id,
  reason: z.string().optional(),
  beforeVersion: z.number().int().min(0).optional(),
  afterVersion: z.number().int().min(1).optional(),
  details: attributesSchema.optional(),
});

/**
 * An audit log entry (see {@link auditEntrySchema}).
 *
 * @example
 * ```ts
 * const entry: AuditEntry = { at: new Date(), actor: "u-ana", action: "share", leadId: "l1" };
 * ```
 * @category Model
 */
export type AuditEntry = DeepReadonly<z.output<typeof auditEntrySchema>>;
