import { type ContactKind, FUNNEL_CONTACT_KINDS } from "./vocabulary.js";

/**
 * Tells whether a contact of this kind may enter the sales funnel. Vendors, partners, employees,
 * bots and others are kept as contacts and never become leads (docs/concepts.md).
 *
 * @param contact - Anything with a contact `kind`.
 * @returns `true` for prospects and customers.
 * @example
 * ```ts
 * import { canEnterFunnel } from "leadkit";
 *
 * canEnterFunnel({ kind: "prospect" }); // true
 * canEnterFunnel({ kind: "employee" }); // false
 * ```
 * @category Model
 */
export function canEnterFunnel(contact: { readonly kind: ContactKind }): boolean {
  return (FUNNEL_CONTACT_KINDS as readonly ContactKind[]).includes(contact.kind);
}
