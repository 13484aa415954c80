/**
 * The repository interfaces (ports) a storage adapter implements: leads, interactions, audit log,
 * outbox of domain events, distribution rotations, clock and ids.
 *
 * @module leadkit/ports
 */
export type { AuditLog, AuditQuery } from "./audit-log.js";
export { checkClaimRequest } from "./check-claim-request.js";
export type { Clock } from "./clock.js";
export type {
  DistributionStateRecord,
  DistributionStateSaveOutcome,
  DistributionStateStore,
  VersionedDistributionState,
} from "./distribution-state-store.js";
export {
  anonymizeEvent,
  DOMAIN_EVENT_TYPES,
  type DomainEvent,
  type DomainEventPayloads,
  type DomainEventType,
} from "./domain-event.js";
export type { IdGenerator } from "./id-generator.js";
export type { InteractionStore, TimeRange } from "./interaction-store.js";
export type {
  BlockingKeyLookup,
  FindByBlockingKeysOptions,
  FindByDuplicateKeysOptions,
  InsertManyOutcome,
  KeyTaken,
  LeadQuery,
  LeadRepository,
  Page,
  PageRequest,
  RemoveOptions,
  RemoveOutcome,
  SaveOptions,
  SaveOutcome,
  UniqueLeadKey,
  VersionConflict,
} from "./lead-repository.js";
export { matchesLeadQuery } from "./matches-lead-query.js";
export type { ClaimedEvent, Outbox, OutboxClaimRequest, OutboxQuery } from "./outbox.js";
export type { Repositories, RepositorySet } from "./repositories.js";
