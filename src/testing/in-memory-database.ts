import type { FindDuplicatesOptions } from "../model/index.js";
import type { RepositorySet } from "../ports/index.js";
import { InMemoryTables, type Journal } from "./in-memory-tables.js";

/**
 * Options for {@link InMemoryDatabase} and {@link createInMemoryRepositories}.
 *
 * @example
 * ```ts
 * import { InMemoryDatabase, type InMemoryDatabaseOptions, InMemoryLeadRepository } from "leadkit/testing";
 *
 * // Phones typed without +34 are Spanish, as the service's duplicate options say.
 * const options: InMemoryDatabaseOptions = { duplicateKeys: { phone: { defaultCountryCode: "34" } } };
 * const repository = new InMemoryLeadRepository(new InMemoryDatabase(options));
 * await repository.findByDuplicateKeys([{ kind: "phone", value: "+34911234567" }]);
 * ```
 * @category Testing
 */
export interface InMemoryDatabaseOptions {
  /**
   * How stored leads' duplicate keys are computed; use the same options as the code that computes a
   * candidate's keys (the lead service's `duplicates` config). The model's defaults when left out.
   */
  readonly duplicateKeys?: FindDuplicatesOptions;
}

/**
 * The shared state behind the in-memory stores: stores built over one database see the same data
 * and can join one transaction.
 *
 * @remarks
 * Every operation runs alone, in the order it was called, and a transaction holds the database
 * until it settles — the semantics of a serialisable database, which makes the in-memory stores a
 * faithful stand-in for a real one in tests.
 *
 * @example
 * ```ts
 * import { InMemoryAuditLog, InMemoryDatabase, InMemoryLeadRepository } from "leadkit/testing";
 *
 * const database = new InMemoryDatabase();
 * const leads = new InMemoryLeadRepository(database);
 * const audit = new InMemoryAuditLog(database);
 * ```
 * @category Testing
 */
export class InMemoryDatabase {
  readonly #tables: InMemoryTables;
  #tail: Promise<unknown> = Promise.resolve();

  /**
   * @param options - See {@link InMemoryDatabaseOptions}.
   */
  constructor(options: InMemoryDatabaseOptions = {}) {
    this.#tables = new InMemoryTables(options.duplicateKeys ?? {});
  }

  /**
   * Runs one operation alone, after every operation and transaction called before it.
   *
   * @internal
   */
  run<T>(operation: (tables: InMemoryTables) => T): Promise<T> {
    return this.#exclusive(async () => operation(this.#tables));
  }

  /**
   * Runs work in one transaction: its writes are kept when it resolves and undone when it throws.
   * Other operations wait until it settles.
   *
   * @param work - The unit of work, given stores that write inside the transaction.
   * @returns What `work` resolved to; rethrows what it threw.
   * @example
   * ```ts
   * import { InMemoryDatabase } from "leadkit/testing";
   *
   * const database = new InMemoryDatabase();
   * await database.transaction(async ({ leads, audit }) => {
   *   const saved = await leads.save(lead, { expectedVersion: 0 });
   *   if (saved.ok) await audit.append([{ at: new Date(), actor: "u-ana", action: "capture", leadId: lead.id }]);
   * });
   * ```
   */
  transaction<T>(work: (trx: RepositorySet) => Promise<T>): Promise<T> {
    return this.#exclusive(async () => {
      const journal: Journal = [];
      try {
        return await work(transactionStores(this.#tables, journal));
      } catch (error) {
        for (const undo of journal.reverse()) undo();
        throw error;
      }
    });
  }

  #exclusive<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(operation);
    this.#tail = result.catch(() => undefined);
    return result;
  }
}

/** Stores that write straight to the tables, journaling every write: the transaction holds the lock. */
function transactionStores(tables: InMemoryTables, journal: Journal): RepositorySet {
  return {
    leads: {
      get: async (id) => tables.getLead(id),
      getByExternalId: async (externalId) => tables.getLeadByExternalId(externalId),
      save: async (lead, options) => tables.saveLead(lead, options, journal),
      insertMany: async (leads) => tables.insertLeads(leads, journal),
      remove: async (id, options) => tables.removeLead(id, options, journal),
      findByDuplicateKeys: async (keys, options) => tables.findLeadsByDuplicateKeys(keys, options),
      findByBlockingKeys: async (keys, options) => tables.findLeadsByBlockingKeys(keys, options),
      query: async (query, page) => tables.queryLeads(query, page),
      stream: (query) => pages((page) => tables.queryLeads(query ?? {}, page)),
      releaseMergedKeys: async (id) => tables.releaseMergedKeys(id, journal),
    },
    interactions: {
      append: async (leadId, interactions) => tables.appendInteractions(leadId, interactions, journal),
      list: async (leadId, range) => tables.listInteractions(leadId, range),
      erase: async (leadId) => tables.eraseInteractions(leadId, journal),
    },
    audit: {
      append: async (entries) => tables.appendAudit(entries, journal),
      list: async (query) => tables.listAudit(query),
      erase: async (leadId) => tables.eraseAudit(leadId, journal),
    },
    outbox: {
      append: async (events) => tables.appendEvents(events, journal),
      claim: async (request) => tables.claimEvents(request, journal),
      acknowledge: async (ids) => tables.acknowledgeEvents(ids, journal),
      list: async (query) => tables.listEvents(query),
      erase: async (leadId) => tables.eraseEvents(leadId, journal),
    },
    distribution: {
      get: async (key) => tables.getDistribution(key),
      save: async (key, state, options) => tables.saveDistribution(key, state, options, journal),
    },
  };
}

/** Reads every page of a paginated query, one page per step. */
export async function* pages<T>(
  readPage: (page: {
    limit: number;
    after?: string;
  }) =>
    | { items: readonly T[]; nextCursor: string | null }
    | Promise<{ items: readonly T[]; nextCursor: string | null }>,
): AsyncGenerator<T> {
  let after: string | undefined;
  do {
    const page = await readPage(after === undefined ? { limit: 100 } : { limit: 100, after });
    yield* page.items;
    after = page.nextCursor ?? undefined;
  } while (after !== undefined);
}
