import type { Attribution } from "./attribution.js";
import type { Lead } from "./lead-schema.js";

/**
 * One marketing touch: a capture or an interaction that carries an {@link Attribution}.
 *
 * @example
 * ```ts
 * import type { Touch } from "leadkit";
 *
 * const line = (t: Touch) => `${t.at.toISOString()} ${t.attribution.utmSource ?? "?"}`;
 * ```
 * @category Model
 */
export interface Touch {
  /** When it happened: the interaction's time, or the lead's creation for the capture. */
  readonly at: Date;
  /** Where it came from. */
  readonly attribution: Attribution;
  /** The interaction's id, or `null` for the capture itself. */
  readonly interactionId: string | null;
}

/**
 * A lead's touches before conversion, in time order, with the first and the last.
 *
 * @example
 * ```ts
 * import { findTouches } from "leadkit";
 *
 * const { first, last } = findTouches(lead);
 * console.log(first?.attribution.utmSource, "→", last?.attribution.utmSource);
 * ```
 * @category Model
 */
export interface LeadTouches {
  /** Every touch up to the conversion (all of them when the lead has not converted), oldest first. */
  readonly touches: readonly Touch[];
  /** The oldest touch, or `null` when there is none. */
  readonly first: Touch | null;
  /** The latest touch at or before the conversion, or `null` when there is none. */
  readonly last: Touch | null;
  /** The conversion: when the lead first moved to `customer`, or `null` when it has not. */
  readonly convertedAt: Date | null;
}

/**
 * What {@link findTouches} reads of a lead.
 *
 * @example
 * ```ts
 * import { findTouches, type TouchSubject } from "leadkit";
 *
 * // A warehouse row needs only these four fields, not a whole lead.
 * const subject: TouchSubject = { createdAt: lead.createdAt, capture: lead.capture, interactions: lead.interactions, history: lead.history };
 * findTouches(subject);
 * ```
 * @category Model
 */
export type TouchSubject = Pick<Lead, "createdAt" | "capture" | "interactions" | "history">;

const byTime = (a: Touch, b: Touch) => a.at.getTime() - b.at.getTime();

/**
 * Lists a lead's marketing touches before its conversion: the capture, when its facts carry an
 * attribution (at the lead's creation), and every interaction that carries one.
 *
 * @remarks
 * **Conversion** is the lead's first move to `customer` in its recorded history (the funnel's
 * "won"). Touches dated after it (campaigns a customer clicks later) are not touches of this sale
 * and are left out; a touch at the very instant of the conversion is kept. A lead that has not
 * converted keeps every touch. Touches are ordered by time; at the same instant the capture comes
 * first, then interactions in recorded order.
 *
 * @param lead - A parsed lead (dates as `Date`s); not modified.
 * @returns The touches, the first and last, and the conversion time.
 * @example
 * ```ts
 * import { findTouches } from "leadkit";
 *
 * const { first, last, convertedAt } = findTouches(lead);
 * if (convertedAt !== null) console.log(`won after ${first?.attribution.utmSource} → ${last?.attribution.utmSource}`);
 * ```
 * @category Model
 */
export function findTouches(lead: TouchSubject): LeadTouches {
  let convertedAt: Date | null = null;
  for (const move of lead.history)
    if (move.to === "customer") {
      convertedAt = move.at;
      break;
    }
  const until = convertedAt === null ? Number.POSITIVE_INFINITY : convertedAt.getTime();
  const touches: Touch[] = [];
  const capture = lead.capture?.attribution;
  if (capture !== undefined && lead.createdAt.getTime() <= until)
    touches.push({ at: lead.createdAt, attribution: capture, interactionId: null });
  let sorted = true;
  for (const interaction of lead.interactions) {
    const attribution = interaction.attribution;
    if (attribution === undefined || interaction.at.getTime() > until) continue;
    const previous = touches.at(-1);
    if (previous !== undefined && previous.at.getTime() > interaction.at.getTime()) sorted = false;
    touches.push({ at: interaction.at, attribution, interactionId: interaction.id });
  }
  // Array.prototype.sort is stable: the capture stays ahead of interactions at the same instant.
  if (!sorted) touches.sort(byTime);
  return { touches, first: touches[0] ?? null, last: touches.at(-1) ?? null, convertedAt };
}
