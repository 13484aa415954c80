import * as z from "zod";
import { type DeepReadonly, INPUT_LIMITS, storable } from "../internal/index.js";
import { attributesSchema, longText, text } from "./attributes-schema.js";
import { timestampSchema } from "./timestamp-schema.js";
import {
  CHANNELS,
  COMPANY_SIZE_BANDS,
  CONTACT_KINDS,
  DO_NOT_CONTACT_REASONS,
  LAWFUL_BASES,
} from "./vocabulary.js";

const { listItems } = INPUT_LIMITS;

/**
 * Where a consent was given and how it can be shown: the form and the page, the wording the person
 * agreed to, and a reference to the stored evidence (a signed document, a call recording). At least
 * one field is set.
 *
 * @example
 * ```ts
 * import { consentProofSchema } from "./contact-schema.js";
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
 * import { consentSchema } from "./contact-schema.js";
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
 * import { doNotContactSchema } from "./contact-schema.js";
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
