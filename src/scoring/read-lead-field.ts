import { LeadKitError } from "../internal/index.js";
import type { Lead } from "../model/index.js";
import type { LeadField } from "./points/points-model.js";

type Value = string | number | boolean | null;

const orNull = (v: string | number | boolean | null | undefined): Value =>
  v === undefined || v === "" ? null : v;

/**
 * A custom attribute, read as data: only an own property counts, so `constructor`, `toString` or
 * `__proto__` are the lead's values when it has them and missing otherwise, never `Object.prototype`'s.
 */
export function ownAttribute(
  attributes: Readonly<Record<string, string | number | boolean | null>>,
  name: string,
): string | number | boolean | null | undefined {
  return Object.hasOwn(attributes, name) ? attributes[name] : undefined;
}

/** Compiles a field path into an accessor once, for hot loops. */
export function fieldGetter(field: LeadField): (lead: Lead) => Value {
  if (field.startsWith("contact.attributes.")) {
    const name = field.slice("contact.attributes.".length);
    return (l) => orNull(ownAttribute(l.contact.attributes, name));
  }
  switch (field) {
    case "contact.kind":
      return (l) => l.contact.kind;
    case "contact.entity":
      return (l) => l.contact.entity;
    case "contact.name":
      return (l) => orNull(l.contact.name);
    case "contact.jobTitle":
      return (l) => orNull(l.contact.jobTitle);
    case "contact.company":
      return (l) => orNull(l.contact.company);
    case "contact.email":
      return (l) => orNull(l.contact.email);
    case "contact.phone":
      return (l) => orNull(l.contact.phone);
    case "contact.industry":
      return (l) => orNull(l.contact.industry);
    case "contact.companySize":
      return (l) => orNull(l.contact.companySize);
    case "contact.country":
      return (l) => orNull(l.contact.country);
    case "contact.city":
      return (l) => orNull(l.contact.city);
    case "contact.language":
      return (l) => orNull(l.contact.language);
    case "contact.humanConfirmed":
      return (l) => l.contact.humanConfirmed;
    case "stage":
      return (l) => l.stage;
    case "owner":
      return (l) => l.owner;
    case "team":
      return (l) => orNull(l.team);
    case "source":
      return (l) => orNull(l.source);
    case "medium":
      return (l) => orNull(l.medium);
    case "campaign":
      return (l) => orNull(l.campaign);
    case "interestLevel":
      return (l) => l.interestLevel;
    case "progressStatus":
      return (l) => l.progressStatus;
    case "capture.channel":
      return (l) => l.capture.channel;
    default:
      throw new LeadKitError("invalid_definition", `Unknown lead field "${field}"`);
  }
}

/**
 * Reads one {@link LeadField} of a lead; a missing value (absent, `null` or `""`) reads as `null`.
 * A custom attribute is read only when the lead has it as its own property: an attribute named
 * `constructor` or `toString` that the lead does not have reads as `null`.
 *
 * @param lead - The lead.
 * @param field - The field to read.
 * @returns The value, or `null` when missing.
 * @example
 * ```ts
 * import { readLeadField } from "./read-lead-field.js";
 *
 * readLeadField(lead, "contact.attributes.Lead Source"); // "Google"
 * ```
 * @category Scoring
 */
export function readLeadField(lead: Lead, field: LeadField): string | number | boolean | null {
  return fieldGetter(field)(lead);
}
