import type { Interaction } from "../model/index.js";
import type { InteractionStore, TimeRange } from "../ports/index.js";
import { InMemoryDatabase } from "./in-memory-database.js";

/**
 * The reference {@link InteractionStore}: each lead's interactions in memory, kept ordered by time,
 * idempotent on interaction id, copied in and out.
 *
 * @example
 * ```ts
 * import { InMemoryInteractionStore } from "leadkit/testing";
 *
 * const interactions = new InMemoryInteractionStore();
 * await interactions.append("l1", [{ id: "i1", type: "email_open", at: new Date(), initiator: { kind: "contact" } }]);
 * ```
 * @category Testing
 */
export class InMemoryInteractionStore implements InteractionStore {
  readonly #database: InMemoryDatabase;

  /**
   * @param database - The database to store interactions in; a new, private one when left out.
   */
  constructor(database: InMemoryDatabase = new InMemoryDatabase()) {
    this.#database = database;
  }

  /**
   * Records interactions of one lead, skipping ids already recorded.
   *
   * @param leadId - The lead.
   * @param interactions - The interactions; copied.
   * @returns Resolves once stored.
   */
  append(leadId: string, interactions: readonly Interaction[]): Promise<void> {
    return this.#database.run((tables) => tables.appendInteractions(leadId, interactions));
  }

  /**
   * Reads one lead's interactions in a time range.
   *
   * @param leadId - The lead.
   * @param range - `from` inclusive, `to` exclusive.
   * @returns Copies, ordered by time then id.
   */
  list(leadId: string, range?: TimeRange): Promise<readonly Interaction[]> {
    return this.#database.run((tables) => tables.listInteractions(leadId, range));
  }

  /**
   * Replaces each interaction of the lead by `anonymizeInteraction` of it.
   *
   * @param leadId - The lead.
   * @returns Resolves once stored.
   */
  erase(leadId: string): Promise<void> {
    return this.#database.run((tables) => tables.eraseInteractions(leadId));
  }
}
