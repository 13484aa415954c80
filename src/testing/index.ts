/**
 * Testing helpers: seeded generators of realistic leads, an in-memory repository, a fixed clock, and
 * the repository conformance suite to run against your adapter.
 *
 * @module leadkit/testing
 */
export { createInMemoryRepositories, type InMemoryRepositories } from "./create-in-memory-repositories.js";
export {
  type ContractAssertion,
  type ContractCapabilities,
  type ContractRunner,
  describeLeadRepositoryContract,
  LEAD_REPOSITORY_CONTRACT_TESTS,
  type LeadRepositoryContractOptions,
  type LeadRepositoryContractTest,
} from "./describe-lead-repository-contract.js";
export { type FixedClock, fixedClock } from "./fixed-clock.js";
export {
  DEFAULT_SELLERS,
  type GenerateLeadsOptions,
  generateLeadStream,
  generateLeads,
} from "./generate-leads.js";
export { InMemoryAuditLog } from "./in-memory-audit-log.js";
export { InMemoryDatabase, type InMemoryDatabaseOptions } from "./in-memory-database.js";
export { InMemoryDistributionStateStore } from "./in-memory-distribution-state-store.js";
export { InMemoryInteractionStore } from "./in-memory-interaction-store.js";
export { InMemoryLeadRepository } from "./in-memory-lead-repository.js";
export { InMemoryOutbox } from "./in-memory-outbox.js";
export { sequentialIds } from "./sequential-ids.js";
export { type FaultPlan, type FaultTarget, type FaultyRepositories, withFaults } from "./with-faults.js";
