import * as z from "zod";
import {
  auditEntrySchema,
  consentSchema,
  contactSchema,
  doNotContactSchema,
  interactionSchema,
  leadSchema,
  timestampSchema,
} from "../model/index.js";

/**
 * The documented shape of {@link LeadService.exportContactData}'s answer (GDPR articles 15 and 20:
 * access and portability): everything leadkit holds about one person, as JSON.
 *
 * @remarks
 * - `format` and `version` name the shape; a later, different shape gets a new version.
 * - `contact`, `consents` and `doNotContact` are the person's record and their choices, as stored
 *   on the lead (repeated from `lead` so a reader finds them without knowing the lead model).
 * - `lead` is the whole lead record (stage, history, notes, scores, interactions as embedded).
 * - `interactions` are the interaction store's records of the lead and of every lead merged into it.
 * - `auditEntries` are the audit log's entries about those leads: who did what, when, why.
 *
 * Every instant is an ISO 8601 string in the answer, so `JSON.stringify` loses nothing; parsing the
 * JSON with this schema revives them as `Date`s. Domain events are not included: they repeat the
 * audit trail and, by design, carry no personal data.
 *
 * @example
 * ```ts
 * import { contactDataExportSchema } from "leadkit/services";
 *
 * const exported = await service.exportContactData({ actor: "u-marta", leadId: "l1" });
 * if (exported.ok) {
 *   const text = JSON.stringify(exported.value, null, 2); // the file handed to the person
 *   const revived = contactDataExportSchema.parse(JSON.parse(text));
 *   revived.exportedAt instanceof Date; // true
 * }
 * ```
 * @category Services
 */
export const contactDataExportSchema = z.object({
  /** Always `"leadkit.contact-data"`. */
  format: z.literal("leadkit.contact-data"),
  /** The version of this shape: `1`. */
  version: z.literal(1),
  /** When the export was made (the service's clock). */
  exportedAt: timestampSchema,
  /** The lead the export is about, and the leads merged into it (their records are included). */
  subject: z.object({ leadId: z.string(), mergedFrom: z.array(z.string()) }),
  /** The contact: name, email, phone, company, attributes… */
  contact: contactSchema,
  /** The consents the contact gave or withdrew. */
  consents: z.array(consentSchema),
  /** The channels the contact must not be contacted on. */
  doNotContact: z.array(doNotContactSchema),
  /** The whole lead record. */
  lead: leadSchema,
  /** The interaction store's records of the lead and of the leads merged into it. */
  interactions: z.array(z.object({ leadId: z.string(), interaction: interactionSchema })),
  /** The audit log's entries about the lead and the leads merged into it, oldest first per lead. */
  auditEntries: z.array(auditEntrySchema),
});

/**
 * An export of one person's data as JSON (see {@link contactDataExportSchema}): instants are ISO
 * strings.
 *
 * @example
 * ```ts
 * import { writeFileSync } from "node:fs";
 * import type { ContactDataExport } from "leadkit/services";
 *
 * const save = (data: ContactDataExport) => writeFileSync("export.json", JSON.stringify(data));
 * ```
 * @category Services
 */
export type ContactDataExport = z.input<typeof contactDataExportSchema>;
