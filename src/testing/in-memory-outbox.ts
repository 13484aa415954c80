import type { ClaimedEvent, DomainEvent, Outbox, OutboxClaimRequest, OutboxQuery } from "../ports/index.js";
import { InMemoryDatabase } from "./in-memory-database.js";

/**
 * The reference {@link Outbox}: events in memory in append order, with leases per consumer and
 * order per lead, copied in and out.
 *
 * @remarks
 * Pass a shared {@link InMemoryDatabase} to append events in the same transaction as the lead they
 * describe; {@link createInMemoryRepositories} does this for you.
 *
 * @example
 * ```ts
 * import { createInMemoryRepositories } from "leadkit/testing";
 *
 * const { outbox } = createInMemoryRepositories();
 * const batch = await outbox.claim({ consumer: "worker-1", limit: 10, leaseMs: 30_000, now: new Date() });
 * await outbox.acknowledge(batch.map((claimed) => claimed.event.id));
 * ```
 * @category Testing
 */
export class InMemoryOutbox implements Outbox {
  readonly #database: InMemoryDatabase;

  /**
   * @param database - The database to store events in; a new, private one when left out.
   */
  constructor(database: InMemoryDatabase = new InMemoryDatabase()) {
    this.#database = database;
  }

  /**
   * Appends events; ids already in the outbox are skipped.
   *
   * @param events - The events; copied.
   * @returns Resolves once stored.
   */
  append(events: readonly DomainEvent[]): Promise<void> {
    return this.#database.run((tables) => tables.appendEvents(events));
  }

  /**
   * Leases a batch of claimable events to a consumer (see {@link Outbox.claim}).
   *
   * @param request - Consumer, batch size, lease length and the present.
   * @returns Copies of the claimed events with their attempt numbers, in append order.
   */
  claim(request: OutboxClaimRequest): Promise<readonly ClaimedEvent[]> {
    return this.#database.run((tables) => tables.claimEvents(request));
  }

  /**
   * Marks events delivered.
   *
   * @param ids - Delivered events' ids; unknown ones are ignored.
   * @returns Resolves once stored.
   */
  acknowledge(ids: readonly string[]): Promise<void> {
    return this.#database.run((tables) => tables.acknowledgeEvents(ids));
  }

  /**
   * Reads events in append order.
   *
   * @param query - Criteria; every event when left out.
   * @returns Copies of the matching events.
   */
  list(query?: OutboxQuery): Promise<readonly DomainEvent[]> {
    return this.#database.run((tables) => tables.listEvents(query));
  }

  /**
   * Replaces each event of the lead by `anonymizeEvent` of it, keeping its delivery state.
   *
   * @param leadId - The lead.
   * @returns Resolves once stored.
   */
  erase(leadId: string): Promise<void> {
    return this.#database.run((tables) => tables.eraseEvents(leadId));
  }
}
