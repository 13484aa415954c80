import { normalizeEmail } from "./normalize.js";

/**
 * How one email provider routes addresses to mailboxes, as its own documentation states it: which
 * domains it serves, whether dots in the local part are ignored, and which character starts a tag
 * that is ignored (`+` for "plus addressing").
 *
 * @example
 * ```ts
 * import { canonicalEmail, EMAIL_PROVIDER_RULES, type EmailProviderRule } from "leadkit";
 *
 * // A provider of your own, besides the built-in ones: dots count, "-" starts a tag.
 * const rule: EmailProviderRule = {
 *   domains: ["correo.example"], canonicalDomain: "correo.example", ignoreDots: false, tagSeparator: "-",
 * };
 * canonicalEmail("ana-news@correo.example", [...EMAIL_PROVIDER_RULES, rule]); // "ana@correo.example"
 * ```
 * @category Model
 */
export interface EmailProviderRule {
  /** The domains the provider serves with these rules, lowercase. */
  readonly domains: readonly string[];
  /** The domain every address of the provider is written with in the key; the first of `domains` when absent. */
  readonly canonicalDomain?: string;
  /** Dots in the local part do not change the mailbox. */
  readonly ignoreDots?: boolean;
  /** The character that starts an ignored tag in the local part, e.g. `"+"`. */
  readonly tagSeparator?: string;
}

/**
 * The providers whose documentation states how they route addresses, used by
 * {@link canonicalEmail}:
 * - Gmail ignores dots and `+tags`, and `googlemail.com` is the same mailbox as `gmail.com`
 *   (Google Help, "Dots don't matter in Gmail addresses" and "Create task-specific email addresses");
 * - Fastmail delivers `user+anything` to `user` (Fastmail Help, "Plus addressing and subdomain
 *   addressing");
 * - Proton Mail delivers `user+anything` to `user` (Proton Support, "Addresses and aliases").
 *
 * Providers whose rules are undocumented, or differ per account (Outlook.com, Yahoo, iCloud), are left
 * out: a wrong rule would merge two people. Add your own rules with `canonicalEmail(email, [...rules])`.
 *
 * @example
 * ```ts
 * import { EMAIL_PROVIDER_RULES } from "leadkit";
 *
 * EMAIL_PROVIDER_RULES.some((r) => r.domains.includes("googlemail.com")); // true
 * ```
 * @category Model
 */
export const EMAIL_PROVIDER_RULES: readonly EmailProviderRule[] = /* @__PURE__ */ Object.freeze([
  {
    domains: ["gmail.com", "googlemail.com"],
    canonicalDomain: "gmail.com",
    ignoreDots: true,
    tagSeparator: "+",
  },
  { domains: ["fastmail.com", "fastmail.fm"], tagSeparator: "+" },
  { domains: ["proton.me", "protonmail.com", "protonmail.ch", "pm.me"], tagSeparator: "+" },
]);

/**
 * A provider-aware key for the mailbox an address reaches, to find duplicates: the normalised address
 * with the provider's ignored parts removed. `Ana.Garcia+promo@gmail.com`, `anagarcia@googlemail.com`
 * and `anagarcia@gmail.com` share one key. Addresses on other domains keep their normalised form.
 *
 * @remarks
 * The key is for comparison only: store and contact the address the person gave. Duplicate detection
 * uses it when `FindDuplicatesOptions.canonicalEmail` is on; it is off by default.
 *
 * @param email - A raw address.
 * @param rules - The providers' rules; {@link EMAIL_PROVIDER_RULES} by default.
 * @returns The key, or `null` when the address is not valid (as {@link normalizeEmail}).
 * @example
 * ```ts
 * import { canonicalEmail } from "leadkit";
 *
 * canonicalEmail("Ana.Garcia+promo@gmail.com"); // "anagarcia@gmail.com"
 * canonicalEmail("ana.garcia+promo@acme.es");    // "ana.garcia+promo@acme.es": no documented rule
 * ```
 * @category Model
 */
export function canonicalEmail(
  email: string | undefined | null,
  rules: readonly EmailProviderRule[] = EMAIL_PROVIDER_RULES,
): string | null {
  const normalized = normalizeEmail(email);
  if (normalized === null) return null;
  const at = normalized.lastIndexOf("@");
  const domain = normalized.slice(at + 1);
  const rule = rules.find((r) => r.domains.includes(domain));
  if (rule === undefined) return normalized;
  let local = normalized.slice(0, at);
  if (rule.tagSeparator !== undefined && rule.tagSeparator !== "") {
    const tag = local.indexOf(rule.tagSeparator);
    // A local part that is all tag ("+x@gmail.com") names no mailbox: keep it as written.
    if (tag > 0) local = local.slice(0, tag);
  }
  if (rule.ignoreDots === true) local = local.replaceAll(".", "");
  if (local === "") return normalized;
  return `${local}@${rule.canonicalDomain ?? rule.domains[0] ?? domain}`;
}
