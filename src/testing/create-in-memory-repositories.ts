import type { Repositories, RepositorySet } from "../ports/index.js";
import { InMemoryAuditLog } from "./in-memory-audit-log.js";
import { InMemoryDatabase, type InMemoryDatabaseOptions } from "./in-memory-database.js";
import { InMemoryDistributionStateStore } from "./in-memory-distribution-state-store.js";
import { InMemoryInteractionStore } from "./in-memory-interaction-store.js";
import { InMemoryLeadRepository } from "./in-memory-lead-repository.js";
import { InMemoryOutbox } from "./in-memory-outbox.js";

/**
 * The in-memory stores over one database, with transactions: what {@link createInMemoryRepositories}
 * returns.
 *
 * @example
 * ```ts
 * import { createInMemoryRepositories, type InMemoryRepositories } from "leadkit/testing";
 *
 * const repositories: InMemoryRepositories = createInMemoryRepositories();
 * await repositories.leads.save(lead, { expectedVersion: 0 });
 * (await repositories.leads.get(lead.id))?.version; // 1
 * ```
 * @category Testing
 */
export interface InMemoryRepositories extends Repositories {
  /** The leads. */
  readonly leads: InMemoryLeadRepository;
  /** The interaction log. */
  readonly interactions: InMemoryInteractionStore;
  /** The audit log. */
  readonly audit: InMemoryAuditLog;
  /** The outbox of domain events. */
  readonly outbox: InMemoryOutbox;
  /** The distribution rotations. */
  readonly distribution: InMemoryDistributionStateStore;
  /** The shared database behind the stores. */
  readonly database: InMemoryDatabase;
  /**
   * Runs work in one transaction over the stores (see {@link InMemoryDatabase.transaction}).
   *
   * @param work - The unit of work.
   * @returns What `work` resolved to.
   */
  transaction<T>(work: (trx: RepositorySet) => Promise<T>): Promise<T>;
}

/**
 * Creates the embedded default storage: in-memory leads, interactions, audit log, outbox and
 * distribution rotations sharing one database, with transactions — what the quickstart and leadkit's own tests run on.
 *
 * @param options - See {@link InMemoryDatabaseOptions}.
 * @returns Fresh, empty repositories.
 * @example
 * ```ts
 * import { createLeadService } from "leadkit/services";
 * import { createInMemoryRepositories, fixedClock, sequentialIds } from "leadkit/testing";
 *
 * const service = createLeadService({
 *   repositories: createInMemoryRepositories(),
 *   clock: fixedClock("2026-03-01T09:00:00Z"),
 *   ids: sequentialIds("lead"),
 * });
 * ```
 * @category Testing
 */
export function createInMemoryRepositories(options: InMemoryDatabaseOptions = {}): InMemoryRepositories {
  const database = new InMemoryDatabase(options);
  return {
    leads: new InMemoryLeadRepository(database),
    interactions: new InMemoryInteractionStore(database),
    audit: new InMemoryAuditLog(database),
    outbox: new InMemoryOutbox(database),
    distribution: new InMemoryDistributionStateStore(database),
    database,
    transaction: (work) => database.transaction(work),
  };
}
