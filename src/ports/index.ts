/**
 * The repository interfaces (ports) a storage adapter implements: leads, interactions, audit log,
 * clock and ids.
 *
 * @module leadkit/ports
 */
export type { AuditLog, AuditQuery } from "./audit-log.js";
export type { Clock } from "./clock.js";
export type { IdGenerator } from "./id-generator.js";
export type { InteractionStore, TimeRange } from "./interaction-store.js";
export { lastActivityAt } from "./last-activity-at.js";
export type {
  ExternalIdTaken,
  LeadQuery,
  LeadRepository,
  Page,
  PageRequest,
  RemoveOutcome,
  SaveOptions,
  SaveOutcome,
  VersionConflict,
} from "./lead-repository.js";
export { matchesLeadQuery } from "./matches-lead-query.js";
export type { Repositories, RepositorySet } from "./repositories.js";
