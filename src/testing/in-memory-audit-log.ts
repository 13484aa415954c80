import type { AuditEntry } from "../model/index.js";
import type { AuditLog, AuditQuery } from "../ports/index.js";
import { InMemoryDatabase } from "./in-memory-database.js";

/**
 * The reference {@link AuditLog}: an append-only array in memory, copied in and out.
 *
 * @example
 * ```ts
 * import { InMemoryAuditLog } from "leadkit/testing";
 *
 * const audit = new InMemoryAuditLog();
 * await audit.append([{ at: new Date(), actor: "u-ana", action: "share", leadId: "l1" }]);
 * ```
 * @category Testing
 */
export class InMemoryAuditLog implements AuditLog {
  readonly #database: InMemoryDatabase;

  /**
   * @param database - The database to store entries in; a new, private one when left out.
   */
  constructor(database: InMemoryDatabase = new InMemoryDatabase()) {
    this.#database = database;
  }

  /**
   * Adds entries at the end of the log.
   *
   * @param entries - The entries; copied.
   * @returns Resolves once stored.
   */
  append(entries: readonly AuditEntry[]): Promise<void> {
    return this.#database.run((tables) => tables.appendAudit(entries));
  }

  /**
   * Reads entries in append order.
   *
   * @param query - Criteria; every entry when left out.
   * @returns Copies of the matching entries.
   */
  list(query?: AuditQuery): Promise<readonly AuditEntry[]> {
    return this.#database.run((tables) => tables.listAudit(query));
  }

  /**
   * Replaces each entry about the lead by `anonymizeAuditEntry` of it, in place.
   *
   * @param leadId - The lead.
   * @returns Resolves once stored.
   */
  erase(leadId: string): Promise<void> {
    return this.#database.run((tables) => tables.eraseAudit(leadId));
  }
}
