import type { AuditLog } from "./audit-log.js";
import type { DistributionStateStore } from "./distribution-state-store.js";
import type { InteractionStore } from "./interaction-store.js";
import type { LeadRepository } from "./lead-repository.js";
import type { Outbox } from "./outbox.js";

/**
 * The stores one unit of work writes to: leads, their interactions, the audit log, the outbox of
 * domain events and the distribution rotations.
 *
 * @example
 * ```ts
 * import type { RepositorySet } from "leadkit/ports";
 *
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
  /** The outbox of domain events, delivered at least once. */
  readonly outbox: Outbox;
  /** The state of lead distribution rotations. */
  readonly distribution: DistributionStateStore;
}

/**
 * Everything the services store data in: the stores and, optionally, transactions over them.
 *
 * @remarks
 * **Capability: `transaction`.** When present, a service runs each operation (save the lead,
 * append its interactions, its audit entry and its events) in one transaction, so a store that
 * fails half-way leaves nothing written, and every committed change has its audit entry and its
 * events. Without it the services write the version-checked step first — the lead — then
 * interactions, then the audit entry, then the events: a failure after the lead was saved leaves
 * the change stored without its audit entry or events, never an audit entry or an event without
 * its change. Merges are ordered so that no lead is ever lost either way (see
 * `LeadService.merge`).
 *
 * @example
 * ```ts
 * import type { Repositories } from "leadkit/ports";
 * import { createInMemoryRepositories } from "leadkit/testing";
 *
 * declare const entry: import("leadkit").AuditEntry;
 * const repositories: Repositories = createInMemoryRepositories();
 * await repositories.transaction?.(async (trx) => {
 *   await trx.audit.append([entry]);
 * });
 * ```
 * @category Ports
 */
export interface Repositories extends RepositorySet {
  /**
   * Runs work in one transaction over all the stores: everything it wrote is kept when it
   * resolves, and nothing when it throws (the error is rethrown).
   *
   * @remarks
   * Inside, use only the stores passed to `work`. Reads see the work's own writes; other callers
   * see none of them until it resolves. Version checks and unique keys still apply to every save.
   *
   * @param work - The unit of work, given the transaction's stores.
   * @returns What `work` resolved to.
   */
  transaction?<T>(work: (trx: RepositorySet) => Promise<T>): Promise<T>;
}
