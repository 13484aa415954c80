import { tz } from "@date-fns/tz/tz";
import { add } from "date-fns/add";
import { isWeekend } from "date-fns/isWeekend";
import { nextMonday } from "date-fns/nextMonday";
import * as z from "zod";
import {
  dateIssue,
  err,
  INPUT_LIMITS,
  type Issue,
  issue,
  isValidDate,
  ok,
  type Result,
  safeParseWith,
  timeZoneIssue,
} from "../../internal/index.js";
import { CHANNELS, type Channel, type Consent, checkContactPermission } from "../../model/index.js";
import { datedRecordIssue, nowIssue } from "../transition/check-input.js";

/**
 * Schema of a {@link Cadence}.
 *
 * @example
 * ```ts
 * import { cadenceSchema } from "./next-follow-up.js";
 *
 * cadenceSchema.parse({ id: "weekly", purpose: "sales_follow_up", every: { weeks: 1 }, channels: ["email"] });
 * ```
 * @category Lifecycle
 */
export const cadenceSchema = z.object({
  id: z.string().min(1).max(INPUT_LIMITS.idLength),
  purpose: z.string().min(1).max(INPUT_LIMITS.textLength),
  every: z
    .object({
      days: z.number().int().min(0).max(36_500).optional(),
      weeks: z.number().int().min(0).max(5_200).optional(),
      months: z.number().int().min(0).max(1_200).optional(),
    })
    .refine((e) => (e.days ?? 0) + (e.weeks ?? 0) + (e.months ?? 0) > 0, {
      message: "A cadence needs a positive interval: set days, weeks or months",
    }),
  channels: z.array(z.enum(CHANNELS)).min(1).max(INPUT_LIMITS.listItems),
  skipWeekends: z.boolean().optional(),
});

/**
 * A recurring follow-up schedule, as data: for which purpose (the one a contact's consent must have
 * been given for), how often, on which channels in order of preference, and whether to move
 * follow-ups that fall on a weekend to the Monday after.
 *
 * @example
 * ```ts
 * import { type Cadence, nextFollowUp } from "leadkit/lifecycle";
 *
 * const cadence: Cadence = {
 *   id: "nurture-monthly",
 *   purpose: "nurturing",
 *   every: { months: 1 },
 *   channels: ["email", "phone"],
 *   skipWeekends: true,
 * };
 * const next = nextFollowUp(cadence, lead, { now });
 * if (next.ok) console.log(`${next.value.channel} on ${next.value.at.toDateString()}`);
 * ```
 * @category Lifecycle
 */
export type Cadence = z.output<typeof cadenceSchema>;

/**
 * What {@link nextFollowUp} reads of a lead: when it was created, its contact's consents and
 * do-not-contact flags, and its interactions (the latest one a user started is the last follow-up).
 *
 * @example
 * ```ts
 * import { type CadenceSubject, nextFollowUp } from "leadkit/lifecycle";
 *
 * // Nobody ever agreed to be contacted: there is no follow-up to schedule.
 * const subject: CadenceSubject = { createdAt: now, contact: { consents: [], doNotContact: [] }, interactions: [] };
 * nextFollowUp({ id: "weekly", purpose: "sales_follow_up", every: { weeks: 1 }, channels: ["email"] }, subject, { now }).ok; // false
 * ```
 * @category Lifecycle
 */
export interface CadenceSubject {
  /** When the lead was created: the anchor when nobody has followed up yet. */
  readonly createdAt: Date;
  /**
   * The contact's consents (a channel is used only with a valid grant for the cadence's purpose)
   * and do-not-contact flags (channel `"any"` blocks every channel).
   */
  readonly contact: {
    readonly consents: readonly Consent[];
    readonly doNotContact: readonly { readonly channel: string; readonly reason: string }[];
  };
  /** Interactions; those a user started count as follow-ups. */
  readonly interactions: readonly { readonly at: Date; readonly initiator: { readonly kind: string } }[];
}

/**
 * Options of {@link nextFollowUp}.
 *
 * @example
 * ```ts
 * import { type NextFollowUpOptions, nextFollowUp } from "leadkit/lifecycle";
 *
 * // The cadence counts from the last follow-up, in the seller's time zone.
 * const options: NextFollowUpOptions = { now, lastFollowUpAt: new Date("2026-03-01T09:00:00Z"), timeZone: "Europe/Madrid" };
 * nextFollowUp({ id: "weekly", purpose: "sales_follow_up", every: { weeks: 1 }, channels: ["email"] }, lead, options);
 * ```
 * @category Lifecycle
 */
export interface NextFollowUpOptions {
  /** The present: tells whether the follow-up is overdue. */
  readonly now: Date;
  /** The last follow-up, when known; otherwise the latest user-started interaction, or `createdAt`. */
  readonly lastFollowUpAt?: Date;
  /**
   * The IANA time zone the cadence runs in (`"Europe/Madrid"`): days, weeks and months are added on
   * its calendar and weekends are its weekends, so a follow-up keeps its local hour across a change
   * of daylight saving time. Default: the process's time zone.
   */
  readonly timeZone?: string;
}

/**
 * The next follow-up a cadence asks for.
 *
 * @example
 * ```ts
 * import type { FollowUp } from "leadkit/lifecycle";
 *
 * const line = (f: FollowUp) => `${f.channel} on ${f.at.toISOString()}${f.overdue ? " (overdue)" : ""}`;
 * ```
 * @category Lifecycle
 */
export interface FollowUp {
  /** When. */
  readonly at: Date;
  /** On which channel: the first of the cadence's channels the contact may be contacted on. */
  readonly channel: Channel;
  /** The grant that allows contact on that channel for the cadence's purpose. */
  readonly consent: Consent;
  /** `true` when `at` is before `now`: it should have happened already. */
  readonly overdue: boolean;
  /** Preferred channels skipped: blocked by a do-not-contact flag, or without a valid consent. */
  readonly skippedChannels: readonly Channel[];
}

/**
 * Computes a lead's next follow-up from a cadence with date-fns, and never plans contact without
 * permission: a channel is used only when `checkContactPermission` allows it for the cadence's
 * purpose at the time of the follow-up (no do-not-contact flag, and a valid grant for that channel);
 * the others are skipped, and a contact no channel of the cadence may be used on gets no follow-up.
 *
 * @remarks
 * With `timeZone`, the interval is added on that zone's calendar (`@date-fns/tz`): a weekly follow-up
 * from Monday 09:00 in Madrid is the next Monday at 09:00 in Madrid, whether or not the clocks changed
 * in between, and a weekend is Saturday or Sunday there. Without it, the process's time zone is used.
 * Permission is asked for the time the contact would happen: the follow-up's time, or `now` when it
 * is overdue. A consent recorded later can change the answer, so whoever performs the follow-up asks
 * `checkContactPermission` again at that moment.
 *
 * @param cadence - The schedule, as data.
 * @param lead - The lead (see {@link CadenceSubject}).
 * @param options - `now`, the last follow-up when known, and the time zone.
 * @returns The follow-up, with the grant that allows it; or, when no channel of the cadence may be
 *   used, one issue per channel saying why (`do_not_contact`, `consent_withdrawn` or `no_consent`,
 *   at the flag or consent concerned); an `invalid_time_zone` issue at `timeZone` for a zone that is
 *   not an IANA id this runtime knows, or an `invalid_type` issue for an Invalid Date `now` or
 *   `lastFollowUpAt`, or a lead whose dates are not Dates (a lead read back from JSON: revive it with
 *   `parseLead`); the cadence's own issues, with paths under `cadence`, when it is malformed.
 * @example
 * ```ts
 * import { type Cadence, nextFollowUp } from "leadkit/lifecycle";
 *
 * declare const calendar: { add(at: Date, channel: string): void };
 * const cadence: Cadence = { id: "weekly", purpose: "sales_follow_up", every: { weeks: 1 }, channels: ["email", "phone"] };
 * const next = nextFollowUp(cadence, lead, { now, timeZone: "Europe/Madrid" });
 * if (next.ok) calendar.add(next.value.at, next.value.channel);
 * else for (const why of next.issues) console.log(why.code, why.message); // e.g. no_consent for email
 * ```
 * @category Lifecycle
 */
export function nextFollowUp(
  cadence: Cadence,
  lead: CadenceSubject,
  options: NextFollowUpOptions,
): Result<FollowUp> {
  const parsed = safeParseWith(cadenceSchema, cadence);
  if (!parsed.ok) return err(parsed.issues.map((i) => ({ ...i, path: ["cadence", ...i.path] })));
  const last = options?.lastFollowUpAt;
  const zone: unknown = options?.timeZone;
  const invalid =
    nowIssue(options?.now) ??
    (last === undefined || isValidDate(last) ? undefined : dateIssue(["lastFollowUpAt"], last)) ??
    (zone === undefined ? undefined : timeZoneIssue(zone, ["timeZone"])) ??
    datedRecordIssue(lead, ["interactions"]) ??
    doNotContactIssue(lead);
  if (invalid !== undefined) return err([invalid]);
  let anchor = options.lastFollowUpAt;
  if (anchor === undefined) {
    for (const i of lead.interactions) {
      if (i.initiator?.kind === "user" && (anchor === undefined || i.at.getTime() > anchor.getTime()))
        anchor = i.at;
    }
  }
  const { days = 0, weeks = 0, months = 0 } = cadence.every;
  const context = options.timeZone === undefined ? undefined : { in: tz(options.timeZone) };
  let next = add(anchor ?? lead.createdAt, { days, weeks, months }, context);
  if (cadence.skipWeekends === true && isWeekend(next, context)) next = nextMonday(next, context);
  // A plain Date, whatever the context built: callers compare and serialise instants.
  const at = new Date(next.getTime());
  const overdue = at.getTime() < options.now.getTime();
  // The contact would happen at the follow-up, or now when it is overdue: ask for that moment.
  const when = overdue ? options.now : at;
  const skippedChannels: Channel[] = [];
  const refusals: Issue[] = [];
  for (const channel of cadence.channels) {
    const allowed = checkContactPermission(lead.contact, { channel, purpose: cadence.purpose, at: when });
    if (allowed.ok) return ok({ at, channel, consent: allowed.value, overdue, skippedChannels });
    const refusal = allowed.issues[0] as Issue;
    if (refusal.code === "invalid_type" || refusal.code === "invalid_value") return err([refusal]);
    skippedChannels.push(channel);
    refusals.push({
      ...refusal,
      message: `Cadence "${cadence.id}" cannot use ${channel}: ${refusal.message}`,
    });
  }
  return err(refusals);
}

function doNotContactIssue(lead: CadenceSubject): ReturnType<typeof issue> | undefined {
  const flags: unknown = (lead.contact as { readonly doNotContact?: unknown } | null)?.doNotContact;
  const wellFormed = (f: unknown) =>
    f !== null &&
    typeof f === "object" &&
    typeof (f as { channel?: unknown }).channel === "string" &&
    typeof (f as { reason?: unknown }).reason === "string";
  if (Array.isArray(flags) && flags.every(wellFormed)) return undefined;
  return issue(
    "invalid_type",
    ["contact", "doNotContact"],
    "contact.doNotContact must be an array of flags, each with a channel and a reason",
  );
}
