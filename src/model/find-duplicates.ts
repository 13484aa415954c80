import { canonicalEmail, EMAIL_PROVIDER_RULES, type EmailProviderRule } from "./canonical-email.js";
import { companyDomain, type NormalizePhoneOptions, normalizeEmail, normalizePhone } from "./normalize.js";

/**
 * The keys on which two records are considered duplicates: the normalised email, the company's
 * email/web domain (never a free-mail domain) and the sanitised phone — Odoo's three criteria.
 *
 * @example
 * ```ts
 * import { type DuplicateKind, findDuplicates } from "leadkit";
 *
 * // Companies share a domain on purpose: look for the same person only.
 * const kinds: DuplicateKind[] = ["email", "phone"];
 * findDuplicates([lead], { kinds }).groups;
 * ```
 * @category Model
 */
export type DuplicateKind = "email" | "company_domain" | "phone";

/**
 * The least a record needs for duplicate detection: an id and its contact channels.
 *
 * @example
 * ```ts
 * import { type DuplicateCandidate, findDuplicates } from "leadkit";
 *
 * const rows: DuplicateCandidate[] = [
 *   { id: "crm-1", contact: { email: "ana@acme.es" } },
 *   { id: "sheet-7", contact: { email: " Ana@ACME.es" } },
 * ];
 * findDuplicates(rows).groups; // [{ key: { kind: "email", value: "ana@acme.es" }, ids: ["crm-1", "sheet-7"] }]
 * ```
 * @category Model
 */
export interface DuplicateCandidate {
  /** The record's id. */
  readonly id: string;
  /** The channels compared. */
  readonly contact: {
    /** Email address, raw. */
    readonly email?: string | undefined;
    /** Phone number, raw. */
    readonly phone?: string | undefined;
    /** Company website, raw. */
    readonly website?: string | undefined;
    /** ISO 3166-1 alpha-2 country, passed to a custom `normalizePhone`. */
    readonly country?: string | undefined;
  };
}

/**
 * One duplicate key of a record, e.g. `{ kind: "email", value: "ana@acme.es" }`.
 *
 * @example
 * ```ts
 * import { type DuplicateKey, duplicateKeys } from "leadkit";
 *
 * const keys: DuplicateKey[] = duplicateKeys(lead);
 * keys.find((k) => k.kind === "phone")?.value; // e.g. "+34911234567"
 * ```
 * @category Model
 */
export interface DuplicateKey {
  /** Which criterion. */
  readonly kind: DuplicateKind;
  /** The normalised value compared. */
  readonly value: string;
}

/**
 * Options for {@link findDuplicates} and {@link duplicateKeys}.
 *
 * @example
 * ```ts
 * import { findDuplicates } from "leadkit";
 *
 * findDuplicates(leads, { maxGroupSize: 20, phone: { defaultCountryCode: "34" } });
 * ```
 * @category Model
 */
export interface FindDuplicatesOptions {
  /**
   * A key value shared by more records than this is ignored (reported in `ignored`): it is a shared
   * switchboard or a catch-all domain, not a person. Odoo ignores criteria matching 21 or more
   * records; the default, 20, does the same.
   */
  readonly maxGroupSize?: number;
  /** Which criteria to use; all three by default. */
  readonly kinds?: readonly DuplicateKind[];
  /** How to sanitise phone numbers with the built-in {@link normalizePhone}. */
  readonly phone?: NormalizePhoneOptions;
  /**
   * Replaces the built-in {@link normalizePhone} for the `phone` key, e.g. with libphonenumber for
   * every country's numbering plan (see the model guide's recipe). It gets the raw number and the
   * record's contact (for its `country`), and returns a comparable number or `null`. Use the same
   * function everywhere keys are computed (service, repositories), or stored keys will not match.
   */
  readonly normalizePhone?: (
    phone: string,
    contact: { readonly country?: string | undefined },
  ) => string | null;
  /**
   * Compares email addresses by the mailbox they reach ({@link canonicalEmail}): `true` with
   * {@link EMAIL_PROVIDER_RULES}, or your own rules. Off by default. The `email` key then holds the
   * canonical form; stored addresses never change.
   */
  readonly canonicalEmail?: boolean | readonly EmailProviderRule[];
}

/**
 * Records that share one duplicate key.
 *
 * @example
 * ```ts
 * import { type DuplicateGroup, findDuplicates } from "leadkit";
 *
 * for (const group of findDuplicates(leads).groups satisfies readonly DuplicateGroup[])
 *   console.log(`${group.key.kind} ${group.key.value}: ${group.ids.join(", ")}`);
 * ```
 * @category Model
 */
export interface DuplicateGroup {
  /** The key they share. */
  readonly key: DuplicateKey;
  /** Their ids, in input order; at least two. */
  readonly ids: readonly string[];
}

/**
 * What {@link findDuplicates} found: groups of duplicates and the keys it ignored as too common.
 *
 * @example
 * ```ts
 * import { findDuplicates } from "leadkit";
 *
 * const { groups, ignored } = findDuplicates(leads);
 * ```
 * @category Model
 */
export interface DuplicateReport {
  /** Every key shared by 2 to `maxGroupSize` records. */
  readonly groups: readonly DuplicateGroup[];
  /** Keys shared by more than `maxGroupSize` records, with how many: not treated as duplicates. */
  readonly ignored: readonly { readonly key: DuplicateKey; readonly count: number }[];
}

const allKinds: readonly DuplicateKind[] = ["email", "company_domain", "phone"];

/**
 * The duplicate keys of one record, normalised.
 *
 * @param record - A record with contact channels.
 * @param options - Criteria and phone sanitising.
 * @returns Up to three keys; none for a record with no usable channel.
 * @example
 * ```ts
 * import { duplicateKeys } from "leadkit";
 *
 * duplicateKeys({ id: "l1", contact: { email: "Ana@Acme.es", phone: "+34 911 23 45 67" } });
 * // [{ kind: "email", value: "ana@acme.es" }, { kind: "company_domain", value: "acme.es" },
 * //  { kind: "phone", value: "+34911234567" }]
 * ```
 * @category Model
 */
export function duplicateKeys(
  record: DuplicateCandidate,
  options: FindDuplicatesOptions = {},
): DuplicateKey[] {
  const kinds = options.kinds ?? allKinds;
  const keys: DuplicateKey[] = [];
  if (kinds.includes("email")) {
    const email = emailKey(record.contact.email, options.canonicalEmail);
    if (email !== null) keys.push({ kind: "email", value: email });
  }
  if (kinds.includes("company_domain")) {
    const domain = companyDomain(record.contact);
    if (domain !== null) keys.push({ kind: "company_domain", value: domain });
  }
  if (kinds.includes("phone")) {
    const phone = phoneKey(record.contact, options);
    if (phone !== null) keys.push({ kind: "phone", value: phone });
  }
  return keys;
}

/** The `email` key: the normalised address, or its mailbox when `canonical` is on. */
export function emailKey(
  email: string | undefined,
  canonical: FindDuplicatesOptions["canonicalEmail"],
): string | null {
  if (canonical === undefined || canonical === false) return normalizeEmail(email);
  return canonicalEmail(email, canonical === true ? EMAIL_PROVIDER_RULES : canonical);
}

/** The `phone` key, with the caller's normaliser when one is given. */
export function phoneKey(
  contact: DuplicateCandidate["contact"],
  options: FindDuplicatesOptions,
): string | null {
  const phone = contact.phone;
  if (phone === undefined) return null;
  if (options.normalizePhone === undefined) return normalizePhone(phone, options.phone);
  const key = options.normalizePhone(phone, contact);
  return typeof key === "string" && key.length > 0 ? key : null;
}

/**
 * Finds records that share a normalised email, company domain or phone, saying which key matched.
 * A key shared by more than `maxGroupSize` records is ignored and reported, as Odoo does.
 *
 * @param records - Leads or contacts with ids; any iterable, read once.
 * @param options - See {@link FindDuplicatesOptions}.
 * @returns The duplicate groups and the ignored keys.
 * @example
 * ```ts
 * import { findDuplicates } from "leadkit";
 *
 * const { groups } = findDuplicates([
 *   { id: "a", contact: { email: "ana@acme.es" } },
 *   { id: "b", contact: { email: "ANA@acme.es " } },
 * ]);
 * groups[0]; // { key: { kind: "email", value: "ana@acme.es" }, ids: ["a", "b"] }
 * ```
 * @category Model
 */
export function findDuplicates(
  records: Iterable<DuplicateCandidate>,
  options: FindDuplicatesOptions = {},
): DuplicateReport {
  const maxGroupSize = options.maxGroupSize ?? 20;
  const byKey = new Map<string, { key: DuplicateKey; ids: string[] }>();
  for (const record of records) {
    for (const key of duplicateKeys(record, options)) {
      const mapKey = `${key.kind}\u0000${key.value}`;
      const entry = byKey.get(mapKey);
      if (entry === undefined) byKey.set(mapKey, { key, ids: [record.id] });
      else if (entry.ids.at(-1) !== record.id) entry.ids.push(record.id);
    }
  }
  const groups: DuplicateGroup[] = [];
  const ignored: { key: DuplicateKey; count: number }[] = [];
  for (const { key, ids } of byKey.values()) {
    if (ids.length > maxGroupSize) ignored.push({ key, count: ids.length });
    else if (ids.length > 1) groups.push({ key, ids });
  }
  return { groups, ignored };
}

/**
 * Finds the records that duplicate one candidate (e.g. a form submission before it is saved).
 *
 * @param candidate - The new record.
 * @param records - Existing records; the candidate's own id is skipped.
 * @param options - See {@link FindDuplicatesOptions}; `maxGroupSize` applies per key.
 * @returns Each matching record's id with the keys it shares, most keys first.
 * @example
 * ```ts
 * import { findDuplicatesOf } from "leadkit";
 *
 * declare const existing: readonly import("leadkit").Lead[];
 * findDuplicatesOf({ id: "new", contact: { phone: "911 23 45 67" } }, existing, { phone: { defaultCountryCode: "34" } });
 * // [{ id: "l9", keys: [{ kind: "phone", value: "+34911234567" }] }]
 * ```
 * @category Model
 */
export function findDuplicatesOf(
  candidate: DuplicateCandidate,
  records: Iterable<DuplicateCandidate>,
  options: FindDuplicatesOptions = {},
): { readonly id: string; readonly keys: readonly DuplicateKey[] }[] {
  const maxGroupSize = options.maxGroupSize ?? 20;
  const wanted = duplicateKeys(candidate, options);
  const hits = new Map<string, DuplicateKey[]>();
  const perKey = new Map<DuplicateKey, number>();
  for (const record of records) {
    if (record.id === candidate.id) continue;
    const theirs = duplicateKeys(record, options);
    for (const key of wanted) {
      if (!theirs.some((t) => t.kind === key.kind && t.value === key.value)) continue;
      perKey.set(key, (perKey.get(key) ?? 0) + 1);
      const list = hits.get(record.id) ?? [];
      list.push(key);
      hits.set(record.id, list);
    }
  }
  // The candidate itself is one of the group, so a key is too common past maxGroupSize - 1 others.
  const tooCommon = new Set([...perKey].filter(([, n]) => n + 1 > maxGroupSize).map(([k]) => k));
  return [...hits]
    .map(([id, keys]) => ({ id, keys: keys.filter((k) => !tooCommon.has(k)) }))
    .filter((h) => h.keys.length > 0)
    .sort((a, b) => b.keys.length - a.keys.length);
}
