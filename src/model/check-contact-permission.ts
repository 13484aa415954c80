import {
  describeValue,
  err,
  type Issue,
  issue,
  isValidDate,
  LeadKitError,
  ok,
  type Result,
} from "../internal/index.js";
import type { Consent } from "./contact-schema.js";
import { CHANNELS, type Channel } from "./vocabulary.js";

/**
 * Which consent records {@link decideConsent} weighs.
 *
 * @example
 * ```ts
 * import { type DecideConsentOptions, decideConsent } from "leadkit";
 *
 * const question: DecideConsentOptions = { purpose: "newsletter", channel: "email", at: now };
 * decideConsent(lead.contact.consents, question)?.status; // "granted", "withdrawn", or undefined if never asked
 * ```
 * @category Model
 */
export interface DecideConsentOptions {
  /** The purpose asked about: records of other purposes are ignored. */
  readonly purpose: string;
  /**
   * The channel asked about. Without it, every record of the purpose counts, whatever its channel.
   * With it, a record counts when it names that channel or `"any"`, and a withdrawal without a
   * channel counts too (it withdraws the purpose everywhere); a grant without a channel does not.
   */
  readonly channel?: Channel | undefined;
  /** Only records dated at or before this time count; default: every record. */
  readonly at?: Date | undefined;
}

/**
 * Finds the consent record that decides a purpose (and, optionally, a channel at a time): the
 * latest record that counts, a withdrawal winning a tie. Purposes are compared trimmed, Unicode-normalised
 * and case-insensitively, so `"Newsletter "` and `"newsletter"` are one purpose.
 *
 * @remarks
 * This is the one rule every part of leadkit reads consents by: {@link checkContactPermission},
 * {@link mergeLeads} (a merge never weakens a withdrawal) and the service's import. A grant and a
 * withdrawal recorded at the same instant are read as withdrawn, so a tie never re-grants.
 *
 * @param consents - A contact's consent records, in any order.
 * @param options - The purpose, and optionally the channel and the time (see {@link DecideConsentOptions}).
 * @returns The deciding record, or `undefined` when no record counts.
 * @throws {@link LeadKitError} `invalid_input` when a record is not a parsed consent (say, raw JSON
 *   whose `at` is still a string): parse the contact first.
 * @example
 * ```ts
 * import { type Consent, decideConsent } from "leadkit";
 *
 * const consents: Consent[] = [
 *   { purpose: "newsletter", status: "granted", at: new Date("2026-01-05T10:00:00Z"), source: "form", basis: "consent", channel: "email" },
 *   { purpose: "newsletter", status: "withdrawn", at: new Date("2026-02-01T08:00:00Z"), source: "unsubscribe link", basis: "consent" },
 * ];
 * decideConsent(consents, { purpose: "newsletter", channel: "email" })?.status; // "withdrawn"
 * decideConsent(consents, { purpose: "newsletter", channel: "email", at: new Date("2026-01-20T00:00:00Z") })?.status; // "granted"
 * ```
 * @category Model
 */
export function decideConsent(
  consents: readonly Consent[],
  options: DecideConsentOptions,
): Consent | undefined {
  const { channel } = options;
  if (typeof options.purpose !== "string")
    throw new LeadKitError(
      "invalid_input",
      `decideConsent: purpose is ${describeValue(options.purpose)}; expected a string`,
    );
  const purpose = purposeKey(options.purpose);
  const until = options.at?.getTime() ?? Number.POSITIVE_INFINITY;
  let latest: Consent | undefined;
  let best = Number.NEGATIVE_INFINITY;
  for (const [i, c] of consents.entries()) {
    if (typeof c !== "object" || c === null || typeof c.purpose !== "string" || !isValidDate(c.at))
      throw new LeadKitError(
        "invalid_input",
        `decideConsent: consents[${i}] is not a parsed consent (a purpose and a valid Date \`at\`); parse the contact first (safeParseLead or consentSchema)`,
        [issue("invalid_type", ["consents", i], "Expected a parsed consent with a valid Date `at`")],
      );
    if (purposeKey(c.purpose) !== purpose) continue;
    if (channel !== undefined && !covers(c, channel)) continue;
    const t = c.at.getTime();
    if (t > until) continue;
    if (latest === undefined || t > best || (t === best && c.status === "withdrawn")) {
      latest = c;
      best = t;
    }
  }
  return latest;
}

/**
 * The key purposes are compared by: Unicode-normalised, trimmed, lower-cased. A withdrawal for
 * "Newsletter " therefore stops contact for "newsletter" — a spelling never re-grants.
 */
function purposeKey(purpose: string): string {
  return purpose.normalize("NFC").trim().toLowerCase();
}

/** Whether a record speaks for a channel: its own or `"any"`; a channel-less record only when it withdraws. */
function covers(consent: Consent, channel: Channel): boolean {
  const own = consent.channel;
  return own === channel || own === "any" || (own === undefined && consent.status === "withdrawn");
}

/**
 * What {@link checkContactPermission} reads of a contact: its consents and do-not-contact flags (a
 * `Contact` or a lead's `contact` has both).
 *
 * @example
 * ```ts
 * import { type ContactPermissionSubject, checkContactPermission } from "leadkit";
 *
 * // A row from your own contacts table: only the consents and the flags are read.
 * const subject: ContactPermissionSubject = { consents: [], doNotContact: [] };
 * checkContactPermission(subject, { channel: "email", purpose: "newsletter", at: now }).ok; // false: never granted
 * ```
 * @category Model
 */
export interface ContactPermissionSubject {
  /** The consent records (see {@link Consent}). */
  readonly consents: readonly Consent[];
  /** Do-not-contact flags; channel `"any"` blocks every channel. */
  readonly doNotContact: readonly { readonly channel: string; readonly reason: string }[];
}

/**
 * The question {@link checkContactPermission} answers: this channel, for this purpose, at this time.
 *
 * @example
 * ```ts
 * import { type CheckContactPermissionOptions, checkContactPermission } from "leadkit";
 *
 * const question: CheckContactPermissionOptions = { channel: "email", purpose: "sales_follow_up", at: now };
 * const permission = checkContactPermission(lead.contact, question);
 * if (!permission.ok) console.log(permission.issues[0]?.message);
 * ```
 * @category Model
 */
export interface CheckContactPermissionOptions {
  /** The channel the contact would be reached on. */
  readonly channel: Channel;
  /** Why: the purpose a consent must have been given for, e.g. `"newsletter"`. */
  readonly purpose: string;
  /** When the contact would happen: records dated after it do not count yet. */
  readonly at: Date;
}

const channels: ReadonlySet<unknown> = new Set(CHANNELS);

/**
 * Answers whether a contact may be reached on a channel, for a purpose, at a time, and if not, why.
 *
 * @remarks
 * Contact is allowed only when no do-not-contact flag blocks the channel (or `"any"`) and the
 * deciding consent record for the purpose and channel ({@link decideConsent}: the latest dated at or
 * before `at`, a withdrawal winning a tie) is a grant. Any lawful basis counts (a
 * `legitimate_interests` record is how B2B prospecting is usually recorded); a withdrawal or
 * objection is recorded as `status: "withdrawn"` and stops contact whatever the basis. A grant
 * without a channel (recorded before consents named channels) allows contact on no channel.
 * `nextFollowUp` in `leadkit/lifecycle` and the service's move effects ask this same function.
 *
 * @param contact - The contact's consents and do-not-contact flags (a `Contact` will do).
 * @param options - The channel, the purpose and the time (see {@link CheckContactPermissionOptions}).
 * @returns The grant that allows the contact; or one issue: `do_not_contact` (a flag blocks the
 *   channel), `consent_withdrawn` (the deciding record is a withdrawal), `no_consent` (no grant
 *   for the purpose on the channel), or `invalid_type` / `invalid_value` for a malformed contact,
 *   channel, purpose or time. Never throws.
 * @example
 * ```ts
 * import { checkContactPermission, type ContactPermissionSubject } from "leadkit";
 *
 * const contact = {
 *   consents: [
 *     {
 *       purpose: "newsletter", status: "granted", at: new Date("2026-01-05T10:00:00Z"), source: "ebook form",
 *       basis: "consent", channel: "email", proof: { form: "ebook-download", page: "https://acme.es/ebook" },
 *     },
 *   ],
 *   doNotContact: [],
 * } satisfies ContactPermissionSubject;
 * const may = checkContactPermission(contact, { channel: "email", purpose: "newsletter", at: new Date("2026-03-01T09:00:00Z") });
 * may.ok; // true: may.value is the grant
 * const phone = checkContactPermission(contact, { channel: "phone", purpose: "newsletter", at: new Date("2026-03-01T09:00:00Z") });
 * phone.ok || phone.issues[0]?.code; // "no_consent"
 * ```
 * @category Model
 */
export function checkContactPermission(
  contact: ContactPermissionSubject,
  options: CheckContactPermissionOptions,
): Result<Consent> {
  const invalid = inputIssue(contact, options);
  if (invalid !== undefined) return err([invalid]);
  const { channel, purpose, at } = options;
  const flag = contact.doNotContact.find((f) => f.channel === channel || f.channel === "any");
  if (flag !== undefined)
    return err([
      issue(
        "do_not_contact",
        ["contact", "doNotContact", contact.doNotContact.indexOf(flag)],
        `The contact must not be contacted on ${channel}: a do-not-contact flag for ${flag.channel} (${flag.reason}); expected no flag for ${channel} or "any".`,
      ),
    ]);
  const decisive = decideConsent(contact.consents, { purpose, channel, at });
  const where = ["contact", "consents"];
  if (decisive?.status === "granted") return ok(decisive);
  if (decisive !== undefined)
    return err([
      issue(
        "consent_withdrawn",
        [...where, contact.consents.indexOf(decisive)],
        `Consent for ${JSON.stringify(purpose)} on ${channel} was withdrawn on ${decisive.at.toISOString()}; expected a later grant for that purpose and channel.`,
      ),
    ]);
  const unnamed = contact.consents.some(
    (c) => c.purpose === purpose && c.status === "granted" && c.channel === undefined,
  );
  return err([
    issue(
      "no_consent",
      where,
      `No consent for ${JSON.stringify(purpose)} on ${channel} at ${at.toISOString()}; expected a granted record for that purpose with channel "${channel}" or "any", dated at or before then${unnamed ? " (a grant for the purpose names no channel: restate it with the channel it was given for)" : ""}.`,
    ),
  ]);
}

/** The first thing wrong with the input, read as untrusted (a contact revived from JSON by hand). */
function inputIssue(contact: unknown, options: unknown): Issue | undefined {
  if (options === null || typeof options !== "object")
    return issue(
      "invalid_type",
      [],
      `Expected options { channel, purpose, at }; got ${describeValue(options)}.`,
    );
  const { channel, purpose, at } = options as Record<string, unknown>;
  if (!channels.has(channel))
    return issue(
      "invalid_value",
      ["channel"],
      `Expected one of ${CHANNELS.join(", ")}; got ${describeValue(channel)}.`,
    );
  if (typeof purpose !== "string" || purpose.length === 0)
    return issue(
      "invalid_type",
      ["purpose"],
      `Expected a purpose (a non-empty string); got ${describeValue(purpose)}.`,
    );
  if (!isValidDate(at))
    return issue(
      "invalid_type",
      ["at"],
      `Expected the time of the contact as a valid Date; got ${describeValue(at)}.`,
    );
  if (contact === null || typeof contact !== "object")
    return issue(
      "invalid_type",
      ["contact"],
      `Expected a contact with consents and doNotContact; got ${describeValue(contact)}.`,
    );
  const { consents, doNotContact } = contact as Record<string, unknown>;
  if (!Array.isArray(doNotContact) || !doNotContact.every(isFlag))
    return issue(
      "invalid_type",
      ["contact", "doNotContact"],
      "Expected contact.doNotContact to be an array of flags, each with a channel and a reason.",
    );
  if (!Array.isArray(consents) || !consents.every(isConsent))
    return issue(
      "invalid_type",
      ["contact", "consents"],
      "Expected contact.consents to be an array of consent records, each with a purpose, a status and a Date `at` (a record read back from JSON: revive it with parseContact).",
    );
  return undefined;
}

function isFlag(f: unknown): boolean {
  return (
    f !== null &&
    typeof f === "object" &&
    typeof (f as { channel?: unknown }).channel === "string" &&
    typeof (f as { reason?: unknown }).reason === "string"
  );
}

function isConsent(c: unknown): boolean {
  if (c === null || typeof c !== "object") return false;
  const { purpose, status, at, channel } = c as Record<string, unknown>;
  return (
    typeof purpose === "string" &&
    (status === "granted" || status === "withdrawn") &&
    isValidDate(at) &&
    (channel === undefined || typeof channel === "string")
  );
}
