import { isWhitespaceCode } from "../internal/index.js";
import { FREE_MAIL_DOMAINS } from "./free-mail-domains.js";
import { internationalDigits, nationalDigits } from "./phone-numbering.js";

const whitespace = /\s/;

/**
 * Whether a trimmed, lowercased address has the shape `local@domain.tld`: one "@", no whitespace, and
 * a dot in the domain with something on both sides. Written as scans, not as the regular expression
 * `^[^\s@]+@[^\s@]+\.[^\s@]+$`, whose backtracking made long inputs cost the square of their length.
 */
function hasEmailShape(address: string): boolean {
  const at = address.indexOf("@");
  if (at <= 0 || address.indexOf("@", at + 1) !== -1) return false;
  const domainLength = address.length - at - 1;
  if (domainLength < 3) return false;
  const dot = address.lastIndexOf(".", address.length - 2);
  return dot > at + 1 && !whitespace.test(address);
}

/**
 * Normalises an email address for comparison: trims it, lowercases it and drops a trailing dot of
 * the domain. Returns `null` for anything that is not shaped like an address.
 *
 * @param email - A raw address, e.g. from a form.
 * @returns The comparable address, or `null`.
 * @example
 * ```ts
 * import { normalizeEmail } from "leadkit";
 *
 * normalizeEmail("  Ana.Garcia@ACME.es. "); // "ana.garcia@acme.es"
 * normalizeEmail("not an email");          // null
 * ```
 * @category Model
 */
export function normalizeEmail(email: string | undefined | null): string | null {
  if (email == null) return null;
  let trimmed = email.trim().toLowerCase();
  if (trimmed.endsWith(".")) trimmed = trimmed.slice(0, -1);
  return hasEmailShape(trimmed) ? trimmed : null;
}

/**
 * @internal Whether {@link normalizeEmail} accepts `email` (`normalizeEmail(email) !== null`), without
 * building the normalised address: for callers that need only the verdict, once per record.
 *
 * @remarks
 * An address without whitespace (nearly all) is its own trimmed form, and lowercasing does not
 * change the verdict: it maps no character to or from "@" or "." and deletes none, so the one
 * character it lengthens (U+0130) moves no "@" or "." next to another or to an end. Its shape is
 * then checked where it lies, without one trailing dot; any other address is normalised. A
 * property law holds the two together.
 */
export function isNormalizableEmail(email: string | undefined | null): boolean {
  if (email == null) return false;
  if (whitespace.test(email)) return normalizeEmail(email) !== null;
  const end = email.endsWith(".") ? email.length - 1 : email.length;
  const at = email.indexOf("@");
  if (at <= 0 || at >= end) return false;
  const second = email.indexOf("@", at + 1);
  if (second !== -1 && second < end) return false;
  // A "." after the "@" with something between them, and not the last character: the domain then
  // has the three characters hasEmailShape asks for.
  return email.lastIndexOf(".", end - 2) > at + 1;
}

/**
 * The domain of an email address, normalised.
 *
 * @param email - A raw address.
 * @returns The domain (`"acme.es"`), or `null` when the address is not valid.
 * @example
 * ```ts
 * import { emailDomain } from "leadkit";
 *
 * emailDomain("ana@Acme.ES"); // "acme.es"
 * ```
 * @category Model
 */
export function emailDomain(email: string | undefined | null): string | null {
  const normalized = normalizeEmail(email);
  return normalized === null ? null : normalized.slice(normalized.lastIndexOf("@") + 1);
}

/**
 * Tells whether a domain belongs to a free, personal email provider ({@link FREE_MAIL_DOMAINS}).
 *
 * @param domain - A domain such as `"gmail.com"`; case and a leading `www.` are ignored.
 * @param extra - More domains to treat as free mail, e.g. a regional provider.
 * @returns `true` for personal-mail domains.
 * @example
 * ```ts
 * import { isFreeMailDomain } from "./normalize.js";
 *
 * isFreeMailDomain("GMAIL.com");                 // true
 * isFreeMailDomain("acme.es");                   // false
 * isFreeMailDomain("correo.cat", ["correo.cat"]); // true
 * ```
 * @category Model
 */
export function isFreeMailDomain(domain: string, extra: Iterable<string> = []): boolean {
  const d = domain.trim().toLowerCase();
  if (isFreeMailHost(d)) return true;
  const host = d.startsWith("www.") ? d.slice(4) : d;
  for (const e of extra) if (e.toLowerCase() === host) return true;
  return false;
}

/** The free-mail check on a host already trimmed and lowercased; a leading `www.` is ignored. */
function isFreeMailHost(host: string): boolean {
  return FREE_MAIL_DOMAINS.has(host.startsWith("www.") ? host.slice(4) : host);
}

/**
 * Tells whether an email address is on a free, personal provider.
 *
 * @param email - A raw address.
 * @returns `true` for personal addresses, `false` for company ones and for invalid input.
 * @example
 * ```ts
 * import { isPersonalEmail } from "leadkit";
 *
 * isPersonalEmail("ana@gmail.com"); // true
 * isPersonalEmail("ana@acme.es");   // false
 * ```
 * @category Model
 */
export function isPersonalEmail(email: string | undefined | null): boolean {
  // Scoring calls this per lead, so it does not normalise the whole address. It reads the domain
  // the way `emailDomain` would (trimmed, lowercased, one trailing dot dropped), rejects company
  // domains at once, and checks the rest of `emailShape` only for free-mail ones. The domain is
  // taken after the first "@": with a second "@" it holds one and matches no host, and the
  // address is invalid anyway. A listed host has a dot and no space or "@", so the shape then
  // rests on the local part alone.
  if (email == null) return false;
  const at = email.indexOf("@");
  if (at < 0) return false;
  return isFreeMailDomainAt(email, at + 1) && hasLocalPart(email, at);
}

/**
 * Whether the domain of `email`, from `start` on, is a free-mail host once normalised. A domain
 * already as normalisation leaves it (ASCII without capitals, no trailing dot: nearly all) is
 * looked up where it lies, by a hash taken in the same pass as that check, so that no string is
 * cut out of the address and hashed again; any other is normalised and looked up in the set.
 */
function isFreeMailDomainAt(email: string, start: number): boolean {
  const end = email.length;
  const from = email.startsWith("www.", start) ? start + 4 : start;
  let hash = 0;
  for (let i = from; i < end; i++) {
    const c = email.charCodeAt(i);
    if (c <= 32 || c >= 127 || (c >= 65 && c <= 90)) return isFreeMailHost(normalizedHost(email, start));
    hash = (Math.imul(hash, 31) + c) | 0;
  }
  if (end > start && email.charCodeAt(end - 1) === 46) return isFreeMailHost(normalizedHost(email, start));
  const candidates = freeMailHostsByHash().get(hash);
  if (candidates === undefined) return false;
  const length = end - from;
  for (const host of candidates) if (host.length === length && email.startsWith(host, from)) return true;
  return false;
}

/** The domain from `start` on, trimmed at its end, lowercased, one trailing dot dropped. */
function normalizedHost(email: string, start: number): string {
  const domain = email.slice(start).trimEnd().toLowerCase();
  return domain.endsWith(".") ? domain.slice(0, -1) : domain;
}

// The free-mail hosts by the hash `isFreeMailDomainAt` takes: a write-once slot, built on first use
// (no work at import) from `FREE_MAIL_DOMAINS`, a read-only constant.
let hostsByHash: ReadonlyMap<number, readonly string[]> | undefined;
function freeMailHostsByHash(): ReadonlyMap<number, readonly string[]> {
  hostsByHash ??= indexFreeMailHosts();
  return hostsByHash;
}

function indexFreeMailHosts(): ReadonlyMap<number, readonly string[]> {
  const index = new Map<number, string[]>();
  for (const host of FREE_MAIL_DOMAINS) {
    let hash = 0;
    for (let i = 0; i < host.length; i++) hash = (Math.imul(hash, 31) + host.charCodeAt(i)) | 0;
    const list = index.get(hash);
    if (list === undefined) index.set(hash, [host]);
    else list.push(host);
  }
  return index;
}

/**
 * Whether the part before the "@" at `at` (the first one) is a local part once trimmed at its start:
 * not empty, and no whitespace in it (the regular expression `^[^\s@]+$` on the trimmed text).
 */
function hasLocalPart(email: string, at: number): boolean {
  let i = 0;
  while (i < at && isWhitespaceCode(email.charCodeAt(i))) i++;
  if (i === at) return false;
  for (; i < at; i++) if (isWhitespaceCode(email.charCodeAt(i))) return false;
  return true;
}

/**
 * Options for {@link normalizePhone}.
 *
 * @example
 * ```ts
 * import { type NormalizePhoneOptions, normalizePhone } from "leadkit";
 *
 * // Numbers typed without a country code are Spanish.
 * const options: NormalizePhoneOptions = { defaultCountryCode: "34" };
 * normalizePhone("911 23 45 67", options); // "+34911234567"
 * ```
 * @category Model
 */
export interface NormalizePhoneOptions {
  /** Calling code (digits only, e.g. `"34"`) to assume for numbers written without one. */
  readonly defaultCountryCode?: string;
}

/**
 * Sanitises a phone number to a comparable form: `+` and digits, international when it can be.
 *
 * @remarks
 * `00` prefixes become `+`; spaces, dots, dashes, brackets and extensions are dropped. The national
 * numbering rules of Argentina, Brazil, Chile, Colombia, France, Germany, Italy, Mexico, Peru,
 * Portugal, Spain, the United Kingdom and the NANP (United States, Canada…) then give the number
 * its E.164 form, so the national and international forms of one number compare equal:
 * - a national number gets `defaultCountryCode` and loses its trunk prefix (0 in most countries, 1
 *   in the NANP), but Italy keeps its 0, which is part of the number (`06 1234 5678` →
 *   `+390612345678`);
 * - a trunk 0 written after the calling code goes (`+44 (0)20 7946 0018` → `+442079460018`);
 * - Argentina's mobile prefix 15 becomes the 9 after +54 (`011 15 1234-5678` → `+5491112345678`);
 * - Mexico's prefixes 01, 02, 044, 045 and the 1 after +52, withdrawn in 2019, go;
 * - Brazil's carrier selection code after the trunk 0 goes (`0 21 11 98765-4321` → `+5511987654321`);
 * - Colombia's carrier codes go, and an 8-digit landline number of before 2021 gets its new 60 prefix.
 *
 * Other calling codes keep their digits, and a national number with a `defaultCountryCode` that has
 * no rules loses one leading 0. Without a `defaultCountryCode`, a national number keeps its digits
 * as written. For every country's rules, plug in libphonenumber: see `FindDuplicatesOptions.normalizePhone`.
 * Returns `null` when fewer than six digits remain. The cost is linear in the length of the input.
 *
 * @param phone - A raw phone number.
 * @param options - See {@link NormalizePhoneOptions}.
 * @returns The comparable number, or `null`.
 * @example
 * ```ts
 * import { normalizePhone } from "leadkit";
 *
 * normalizePhone("+34 (91) 123-45-67");                         // "+34911234567"
 * normalizePhone("0034 911 23 45 67");                          // "+34911234567"
 * normalizePhone("911 23 45 67", { defaultCountryCode: "34" }); // "+34911234567"
 * normalizePhone("06 1234 5678", { defaultCountryCode: "39" }); // "+390612345678"
 * normalizePhone("+44 (0)20 7946 0018");                        // "+442079460018"
 * ```
 * @category Model
 */
export function normalizePhone(
  phone: string | undefined | null,
  options: NormalizePhoneOptions = {},
): string | null {
  if (phone == null) return null;
  const trimmed = phone.slice(0, extensionStart(phone)).trim();
  const international = trimmed.startsWith("+") || trimmed.startsWith("00");
  let digits = trimmed.replace(/\D/g, "");
  if (trimmed.startsWith("00")) digits = digits.slice(2);
  if (digits.length < 6) return null;
  const country = options.defaultCountryCode?.replace(/\D/g, "");
  if (!international && !country) return digits;
  // A trunk prefix written after the calling code ("+44 000") can leave too few digits.
  const e164 = international ? internationalDigits(digits) : nationalDigits(digits, country ?? "");
  return e164.length < 6 ? null : `+${e164}`;
}

/**
 * @internal Whether {@link normalizePhone} without options accepts `phone`
 * (`normalizePhone(phone) !== null`), without building the number: for callers that need only the
 * verdict, once per record.
 *
 * @remarks
 * The digits before an extension are counted where they lie. A number written nationally needs six;
 * one written internationally keeps, through every numbering rule, all its digits but leading
 * zeros, less at most one other (Mexico's withdrawn 1, Argentina's 15 that becomes 9), so seven
 * digits other than 0 settle it; any other international number is normalised. A property law holds
 * the two together.
 */
export function isNormalizablePhone(phone: string | undefined | null): boolean {
  if (phone == null) return false;
  const end = extensionStart(phone);
  let i = 0;
  while (i < end && isWhitespaceCode(phone.charCodeAt(i))) i++;
  const plus = i < end && phone.charCodeAt(i) === 43;
  const zeros = i + 1 < end && phone.charCodeAt(i) === 48 && phone.charCodeAt(i + 1) === 48;
  let digits = 0;
  let nonZero = 0;
  for (let j = i; j < end; j++) {
    const c = phone.charCodeAt(j);
    if (c >= 48 && c <= 57) {
      digits++;
      if (c !== 48) nonZero++;
    }
  }
  // "00" stands for "+": its two zeros are not part of the number.
  if (zeros) digits -= 2;
  if (digits < 6) return false;
  if (!plus && !zeros) return true;
  return nonZero >= 7 || normalizePhone(phone) !== null;
}

const isSpace = (c: string): boolean => whitespace.test(c);
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/**
 * Where a trailing extension starts ("… ext. 12", "… x12", "… #12", any case, spaces allowed around
 * it), or the length when there is none. A scan from the end: the regular expression
 * `\s*(?:ext\.?|x|#)\s*\d+\s*$` it replaces cost the square of the length on long runs of spaces.
 */
function extensionStart(phone: string): number {
  let i = phone.length;
  while (i > 0 && isSpace(phone.charAt(i - 1))) i--;
  const digitsEnd = i;
  while (i > 0 && isDigit(phone.charCodeAt(i - 1))) i--;
  if (i === digitsEnd) return phone.length;
  while (i > 0 && isSpace(phone.charAt(i - 1))) i--;
  const before = phone.slice(Math.max(0, i - 4), i).toLowerCase();
  if (before.endsWith("ext.")) i -= 4;
  else if (before.endsWith("ext")) i -= 3;
  else if (before.endsWith("x") || before.endsWith("#")) i -= 1;
  else return phone.length;
  while (i > 0 && isSpace(phone.charAt(i - 1))) i--;
  return i;
}

/**
 * The company's web domain for a contact: from a non-free-mail email address, else from the
 * website. Free-mail domains are never a company domain.
 *
 * @param contact - The contact's email and website, either optional.
 * @returns The domain, e.g. `"acme.es"`, or `null`.
 * @example
 * ```ts
 * import { companyDomain } from "leadkit";
 *
 * companyDomain({ email: "ana@acme.es" });                            // "acme.es"
 * companyDomain({ email: "ana@gmail.com", website: "https://www.acme.es/es" }); // "acme.es"
 * companyDomain({ email: "ana@gmail.com" });                          // null
 * ```
 * @category Model
 */
export function companyDomain(contact: {
  readonly email?: string | undefined;
  readonly website?: string | undefined;
}): string | null {
  const fromEmail = emailDomain(contact.email);
  if (fromEmail !== null && !isFreeMailDomain(fromEmail)) return fromEmail;
  if (contact.website === undefined) return null;
  const host = contact.website
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, "")
    .replace(/^www\./, "")
    .split(/[/?#:]/)[0];
  if (host === undefined || !host.includes(".")) return null;
  return isFreeMailDomain(host) ? null : host;
}
