import type { AuditLog } from "./audit-log.js";
import type { InteractionStore } from "./interaction-store.js";
import type { LeadRepository } from "./lead-repository.js";

/**
 * The stores one unit of work writes to: leads, their interactions and the audit log.
 *
 * @example
 * ```ts
 * async function trail(repositories: RepositorySet, leadId: string) {
 *   return repositories.audit.list({ leadId });
 * }
 * ```
 * @category Ports
 */
export interface RepositorySet {
  /** The leads. */
  readonly leads: LeadRepository;
  /** The interaction log. */
  readonly interactions: InteractionStore;
  /** The append-only audit log. */
  readonly audit: AuditLog;
}

/**
 * Everything the services store data in: the three stores and, optionally, transactions over them.
 *
 * @remarks
 * **Capability: `transaction`.** When present, a service runs each mutation (save the lead,
 * append its interactions, append the audit entry) in one transaction, so a store that fails
 * half-way leaves nothing written. Without it the services write the lead first — the
 * version-checked step — then interactions, then the audit entry: a failure after the lead was saved
 * leaves the change stored without its audit entry, never an audit entry without its change.
 *
 * @example
 * ```ts
 * const repositories: Repositories = createInMemoryRepositories();
 * await repositories.transaction?.(async (trx) => {
 *   await trx.audit.append([entry]);
 * });
 * ```
 * @category Ports
 */
export interface Repositories extends RepositorySet {
  /**
   * Runs work in one transaction over all three stores: everything it wrote is kept when it
   * resolves, and nothing when it throws (the error is rethrown).
   *
   * @remarks
   * Inside, use only the stores passed to `work`. Reads see the work's own writes; other callers
   * see none of them until it resolves. Version checks still apply to every save.
   *
   * @param work - The unit of work, given the transaction's stores.
   * @returns What `work` resolved to.
   */
  transaction?<T>(work: (trx: RepositorySet) => Promise<T>): Promise<T>;
}
