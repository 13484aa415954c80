import { setOwn } from "../internal/index.js";
import type { Attribution } from "./attribution.js";
import type { AuditEntry } from "./audit-entry-schema.js";
import type { Interaction } from "./interaction-schema.js";
import type { Lead } from "./lead-schema.js";

/**
 * The name an erased contact keeps: the model requires a name, and this one names nobody.
 *
 * @example
 * ```ts
 * import { anonymizeLead, ERASED_CONTACT_NAME } from "leadkit";
 *
 * anonymizeLead(lead).contact.name === ERASED_CONTACT_NAME; // true
 * ```
 * @category Model
 */
export const ERASED_CONTACT_NAME = "Erased contact";

/** What replaces a free text the model requires (an override's reason). */
const ERASED_TEXT = "erased";

/** The campaign parameters only: click ids identify one browser, pages may carry personal data in their address. */
function anonymizeAttribution(attribution: Attribution): Attribution {
  const kept: { -readonly [K in keyof Attribution]: Attribution[K] } = {};
  if (attribution.utmSource !== undefined) kept.utmSource = attribution.utmSource;
  if (attribution.utmMedium !== undefined) kept.utmMedium = attribution.utmMedium;
  if (attribution.utmCampaign !== undefined) kept.utmCampaign = attribution.utmCampaign;
  if (attribution.utmTerm !== undefined) kept.utmTerm = attribution.utmTerm;
  if (attribution.utmContent !== undefined) kept.utmContent = attribution.utmContent;
  return kept;
}

/**
 * Removes the personal data of an interaction, keeping what metrics and scoring count: its id, type,
 * time, initiator, channel, campaign, capture point, page kind and campaign parameters. Its free
 * `data` (an email's subject, a note), its page address and its click ids go.
 *
 * @param interaction - An interaction.
 * @returns The interaction without personal data; applied twice, the same value (idempotent).
 * @example
 * ```ts
 * import { anonymizeInteraction, parseInteraction } from "leadkit";
 *
 * const call = parseInteraction({ id: "i1", type: "call", at: "2026-03-02T10:00:00Z", initiator: { kind: "user", userId: "u-ana" }, data: { note: "Ana's cousin" } });
 * anonymizeInteraction(call).data; // undefined
 * ```
 * @category Model
 */
export function anonymizeInteraction(interaction: Interaction): Interaction {
  const { data: _data, attribution, ...kept } = interaction as Interaction & { readonly url?: string };
  const { url: _url, ...rest } = kept as typeof kept & { readonly url?: string };
  return {
    ...rest,
    ...(attribution === undefined ? {} : { attribution: anonymizeAttribution(attribution) }),
  } as Interaction;
}

/**
 * Removes the personal data of a lead for an erasure (GDPR article 17), irreversibly, and keeps what
 * aggregates need: id, stage, dates, history moves, source, medium, campaign, origin and capture
 * facts, owner, pool, team, collaborators, interest, progress, scores, expected revenue, the
 * interactions as {@link anonymizeInteraction} leaves them, and the contact's kind, entity,
 * industry, company size and country. The funnel over erased leads is the funnel over the leads.
 *
 * @remarks
 * Gone: the contact's name (replaced by {@link ERASED_CONTACT_NAME}), job title, company, website,
 * email, phone, city, language, attributes, consents and do-not-contact flags; the external id (so
 * the person can come back as a new lead); tags, notes, the reasons of lifecycle moves and of score
 * overrides; click ids and page addresses. `updatedAt` and `version` are left for the caller who
 * saves it. Pure: the input is not changed.
 *
 * @param lead - A lead.
 * @returns The lead without personal data; applied to its own result, the same value (idempotent).
 * @example
 * ```ts
 * import { anonymizeLead } from "leadkit";
 *
 * const erased = anonymizeLead(lead);
 * erased.contact.email; // undefined
 * erased.stage === lead.stage; // true
 * ```
 * @category Model
 */
export function anonymizeLead(lead: Lead): Lead {
  const { externalId: _externalId, ...kept } = lead;
  const contact = lead.contact;
  const scores: Record<string, Lead["scores"][string]> = {};
  for (const [model, entry] of Object.entries(lead.scores))
    setOwn(
      scores,
      model,
      entry.override === undefined
        ? entry
        : { ...entry, override: { ...entry.override, reason: ERASED_TEXT } },
    );
  return {
    ...kept,
    contact: {
      kind: contact.kind,
      entity: contact.entity,
      name: ERASED_CONTACT_NAME,
      ...(contact.industry === undefined ? {} : { industry: contact.industry }),
      ...(contact.companySize === undefined ? {} : { companySize: contact.companySize }),
      ...(contact.country === undefined ? {} : { country: contact.country }),
      humanConfirmed: contact.humanConfirmed,
      attributes: {},
      consents: [],
      doNotContact: [],
    },
    capture:
      lead.capture.attribution === undefined
        ? lead.capture
        : { ...lead.capture, attribution: anonymizeAttribution(lead.capture.attribution) },
    tags: [],
    notes: [],
    history: lead.history.map(({ reason: _reason, ...move }) => move),
    interactions: lead.interactions.map(anonymizeInteraction),
    scores,
  };
}

/**
 * Removes the personal data an audit entry may hold about a lead's contact, keeping who did what,
 * when, to which lead and versions: its free-text `reason` goes, and so does every text value of its
 * `details` (an email taken over in a merge, an external id); numbers, booleans and nulls stay.
 *
 * @param entry - An audit entry.
 * @returns The entry without free text; applied twice, the same value (idempotent).
 * @example
 * ```ts
 * import { anonymizeAuditEntry } from "leadkit";
 *
 * anonymizeAuditEntry({ at: new Date(), actor: "u-ana", action: "merge", leadId: "l1", details: { takesEmail: "ana@acme.es", conflicts: 1 } });
 * // { at, actor: "u-ana", action: "merge", leadId: "l1", details: { conflicts: 1 } }
 * ```
 * @category Model
 */
export function anonymizeAuditEntry(entry: AuditEntry): AuditEntry {
  const { reason: _reason, details, ...kept } = entry;
  if (details === undefined) return kept;
  const safe: Record<string, number | boolean | null> = {};
  for (const [key, value] of Object.entries(details)) if (typeof value !== "string") setOwn(safe, key, value);
  return { ...kept, details: safe };
}
