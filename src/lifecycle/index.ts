/**
 * The lead lifecycle state machine: contact → lead → prospect → potential client → customer, with side
 * states, evidence-based guards, history, staleness, follow-ups and CRM mappings.
 *
 * @module leadkit/lifecycle
 */

export {
  BUILTIN_LIFECYCLE_GUARDS,
  type EvidenceRecord,
  type GuardInput,
  type GuardVerdict,
  type LifecycleGuard,
  type LifecycleGuardRegistry,
} from "./definition/builtin-lifecycle-guards.js";
export {
  type CompiledLifecycle,
  type CompileLifecycleOptions,
  compileLifecycle,
  safeCompileLifecycle,
} from "./definition/compile-lifecycle.js";
export {
  DEFAULT_LIFECYCLE_DEFINITION,
  DEFAULT_LIFECYCLE_EVENTS,
  type DefaultLifecycleEvent,
  defaultLifecycle,
} from "./definition/default-lifecycle.js";
export {
  type EffectSpec,
  type EventTarget,
  type LifecycleDefinition,
  type LifecycleEventDefinition,
  lifecycleDefinitionJsonSchema,
  lifecycleDefinitionSchema,
  parseLifecycleDefinition,
  safeParseLifecycleDefinition,
} from "./definition/lifecycle-definition-schema.js";
export type { LifecycleTables } from "./definition/lifecycle-tables.js";
export {
  type CrmStageMapping,
  crmStageMappingSchema,
  fromCrmStage,
  toCrmStage,
} from "./interop/crm-stage-mapping.js";
export {
  ESPOCRM_LEAD_STATUS_MAPPING,
  HUBSPOT_LIFECYCLE_STAGE_MAPPING,
  SALESFORCE_LEAD_STATUS_MAPPING,
  SUITECRM_LEAD_STATUS_MAPPING,
} from "./interop/crm-stage-presets.js";
export { toLifecycleJson } from "./interop/to-lifecycle-json.js";
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
} from "./interop/to-xstate-config.js";
export type { LifecycleIssue, LifecycleIssueCode } from "./lifecycle-issue.js";
export type { LifecycleEvent, LifecycleHistoryEntry, LifecycleRecord } from "./lifecycle-record.js";
export {
  DEFAULT_STALENESS_POLICY,
  type FindStaleLeadsOptions,
  findStaleLeads,
  type StalenessFlag,
  type StalenessPolicy,
  type StalenessRule,
  type StalenessSubject,
  stalenessPolicySchema,
} from "./timing/find-stale-leads.js";
export {
  type Cadence,
  type CadenceSubject,
  type FollowUp,
  type NextFollowUpOptions,
  nextFollowUp,
} from "./timing/next-follow-up.js";
export {
  type StageStay,
  type StageTimeOptions,
  stageStays,
  timeInStage,
  timeToClose,
} from "./timing/stage-stays.js";
export {
  type AvailableEventsOptions,
  availableEvents,
  type EventAvailability,
} from "./transition/available-events.js";
export type { LifecycleEffect } from "./transition/lifecycle-effect.js";
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
} from "./transition/lifecycle-evidence.js";
export {
  type TransitionOptions,
  type TransitionOutcome,
  transition,
  transitionOrThrow,
} from "./transition/transition.js";
