/**
 * When a lead last showed activity — the one definition the repository query
 * (`LeadQuery.inactiveSince`) and staleness (`findStaleLeads`) share.
 *
 * @remarks
 * Activity is something that happened _with_ the lead: it was created, it moved stage (an entry in
 * its history), or an interaction was recorded (an email, a call, a visit, a form). Edits, notes,
 * score changes and ownership changes are not activity. A date in the future (a clock that runs
 * ahead, an interaction logged in advance) counts as it is: the lead is not idle.
 *
 * @param lead - A lead, or any record with its creation, history and interactions (dates as `Date`s).
 * @returns The latest of `createdAt`, every history entry's `at` and every interaction's `at`.
 * @example
 * ```ts
 * import { lastActivityAt } from "leadkit";
 *
 * const idleDays = (now.getTime() - lastActivityAt(lead).getTime()) / 86_400_000;
 * ```
 * @category Model
 */
export function lastActivityAt(lead: {
  readonly createdAt: Date;
  readonly history: readonly { readonly at: Date }[];
  readonly interactions: readonly { readonly at: Date }[];
}): Date {
  let latest = lead.createdAt.getTime();
  for (const move of lead.history) if (move.at.getTime() > latest) latest = move.at.getTime();
  for (const interaction of lead.interactions)
    if (interaction.at.getTime() > latest) latest = interaction.at.getTime();
  return new Date(latest);
}
