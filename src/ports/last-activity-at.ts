import type { Lead } from "../model/index.js";

/**
 * When a lead last showed activity: its latest interaction, or its creation when it has none.
 * This is what {@link LeadQuery.inactiveSince} compares; adapters that index it store this value.
 *
 * @param lead - Any lead.
 * @returns The latest of `createdAt` and every interaction's `at`.
 * @example
 * ```ts
 * lastActivityAt(lead) < thirtyDaysAgo; // a stale lead
 * ```
 * @category Ports
 */
export function lastActivityAt(lead: Pick<Lead, "createdAt" | "interactions">): Date {
  let latest = lead.createdAt.getTime();
  for (const interaction of lead.interactions) latest = Math.max(latest, interaction.at.getTime());
  return new Date(latest);
}
