/**
 * The lead lifecycle state machine: contact → lead → prospect → potential client → customer, with side
 * states, evidence-based guards, history, staleness, follow-ups and CRM mappings.
 *
 * @module leadkit/lifecycle
 */
export { type AvailableEventsOptions, availableEvents, type EventAvailability } from "./available-events.js";
export {
  BUILTIN_LIFECYCLE_GUARDS,
  type EvidenceRecord,
  type GuardInput,
  type GuardVerdict,
  type LifecycleGuard,
  type LifecycleGuardRegistry,
} from "./builtin-lifecycle-guards.js";
export {
  type CompiledLifecycle,
  type CompileLifecycleOptions,
  compileLifecycle,
  safeCompileLifecycle,
} from "./compile-lifecycle.js";
export {
  type CrmStageMapping,
  crmStageMappingSchema,
  fromCrmStage,
  toCrmStage,
} from "./crm-stage-mapping.js";
export {
  ESPOCRM_LEAD_STATUS_MAPPING,
  HUBSPOT_LIFECYCLE_STAGE_MAPPING,
  SALESFORCE_LEAD_STATUS_MAPPING,
  SUITECRM_LEAD_STATUS_MAPPING,
} from "./crm-stage-presets.js";
export {
  DEFAULT_LIFECYCLE_DEFINITION,
  DEFAULT_LIFECYCLE_EVENTS,
  type DefaultLifecycleEvent,
  defaultLifecycle,
} from "./default-lifecycle.js";
export {
  DEFAULT_STALENESS_POLICY,
  type FindStaleLeadsOptions,
  findStaleLeads,
  type StalenessFlag,
  type StalenessPolicy,
  type StalenessRule,
  type StalenessSubject,
  stalenessPolicySchema,
} from "./find-stale-leads.js";
export {
  type EffectSpec,
  type EventTarget,
  type LifecycleDefinition,
  type LifecycleEventDefinition,
  lifecycleDefinitionJsonSchema,
  lifecycleDefinitionSchema,
  parseLifecycleDefinition,
  safeParseLifecycleDefinition,
} from "./lifecycle-definition-schema.js";
export type { LifecycleEffect } from "./lifecycle-effect.js";
export {
  INTEREST_SIGNALS,
  type InterestEvidence,
  type InterestSignal,
  type LifecycleEvidence,
  type LifecycleQualificationEvidence,
  lifecycleEvidenceSchema,
  PURCHASE_REQUESTS,
  type PurchaseRequest,
  type PurchaseRequestEvidence,
} from "./lifecycle-evidence.js";
export type { LifecycleIssue, LifecycleIssueCode } from "./lifecycle-issue.js";
export type { LifecycleEvent, LifecycleHistoryEntry, LifecycleRecord } from "./lifecycle-record.js";
export type { LifecycleTables } from "./lifecycle-tables.js";
export {
  type Cadence,
  type CadenceSubject,
  type FollowUp,
  type NextFollowUpOptions,
  nextFollowUp,
} from "./next-follow-up.js";
export {
  type StageStay,
  type StageTimeOptions,
  stageStays,
  timeInStage,
  timeToClose,
} from "./stage-stays.js";
export { toLifecycleJson } from "./to-lifecycle-json.js";
export {
  createXStateGuards,
  toXStateConfig,
  type XStateActionConfig,
  type XStateGuardParams,
  type XStateGuards,
  type XStateLeadEvent,
  type XStateMachineConfig,
  type XStateStateConfig,
  type XStateTransitionConfig,
} from "./to-xstate-config.js";
export {
  type TransitionOptions,
  type TransitionOutcome,
  transition,
  transitionOrThrow,
} from "./transition.js";
