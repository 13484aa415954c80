import type { Interaction } from "../model/index.js";

/**
 * A time range for {@link InteractionStore.list}: `from` inclusive, `to` exclusive; either end
 * open when left out.
 *
 * @example
 * ```ts
 * import type { TimeRange } from "leadkit/ports";
 * import { createInMemoryRepositories } from "leadkit/testing";
 *
 * const { interactions } = createInMemoryRepositories();
 * const march: TimeRange = { from: new Date("2026-03-01T00:00:00Z"), to: new Date("2026-04-01T00:00:00Z") };
 * (await interactions.list("l1", march)).length; // what happened with lead l1 in March
 * ```
 * @category Ports
 */
export interface TimeRange {
  /** Interactions at or after this instant. */
  readonly from?: Date;
  /** Interactions strictly before this instant. */
  readonly to?: Date;
}

/**
 * Stores the interaction log of every lead, for reading by lead and time range.
 *
 * @remarks
 * Appending is idempotent on the interaction's id within a lead, so a retried operation does not
 * record the same email click twice. Values in, values out, as for {@link LeadRepository}.
 *
 * @example
 * ```ts
 * import { createInMemoryRepositories } from "leadkit/testing";
 *
 * const { interactions } = createInMemoryRepositories();
 * const lastWeek = new Date(now.getTime() - 7 * 86_400_000);
 * await interactions.append("l1", [{ id: "i1", type: "email_click", at: now, initiator: { kind: "contact" } }]);
 * const recent = await interactions.list("l1", { from: lastWeek });
 * ```
 * @category Ports
 */
export interface InteractionStore {
  /**
   * Records interactions of one lead; an interaction whose id is already recorded for the lead is
   * skipped.
   *
   * @param leadId - The lead they belong to.
   * @param interactions - The interactions, in any order.
   * @returns Resolves once every interaction is stored.
   */
  append(leadId: string, interactions: readonly Interaction[]): Promise<void>;

  /**
   * Reads one lead's interactions within a time range.
   *
   * @param leadId - The lead.
   * @param range - Which instants; every interaction when left out.
   * @returns The interactions ordered by `at`, then by id; empty for an unknown lead.
   */
  list(leadId: string, range?: TimeRange): Promise<readonly Interaction[]>;

  /**
   * Erases the personal data of one lead's interactions, for `LeadService.eraseContact`: replaces
   * each stored interaction of the lead by `anonymizeInteraction(interaction)` (from `leadkit`),
   * keeping its id, time and order.
   *
   * @remarks
   * Idempotent: erasing twice stores what erasing once does. Inside a transaction it commits or
   * rolls back with the rest.
   *
   * @param leadId - The lead; an unknown lead is no error (nothing to erase).
   * @returns Resolves once every interaction of the lead is stored anonymised.
   */
  erase(leadId: string): Promise<void>;
}
