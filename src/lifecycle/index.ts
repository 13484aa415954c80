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
  DEFAULT_LIFECYCLE_DEFINITION,
  DEFAULT_LIFECYCLE_EVENTS,
  type DefaultLifecycleEvent,
  defaultLifecycle,
} from "./default-lifecycle.js";
export { type DefineLifecycleOptions, defineLifecycle, type Lifecycle } from "./define-lifecycle.js";
export {
  type EffectSpec,
  type EventTarget,
  effectSpecSchema,
  type LifecycleDefinition,
  type LifecycleEventDefinition,
  lifecycleDefinitionJsonSchema,
  lifecycleDefinitionSchema,
  lifecycleEventDefinitionSchema,
  parseLifecycleDefinition,
  safeParseLifecycleDefinition,
} from "./lifecycle-definition-schema.js";
export type { LifecycleEffect } from "./lifecycle-effect.js";
export {
  INTEREST_SIGNALS,
  type InterestEvidence,
  type InterestSignal,
  type LifecycleEvidence,
  lifecycleEvidenceSchema,
  PURCHASE_REQUESTS,
  type PurchaseRequest,
  type PurchaseRequestEvidence,
  type QualificationEvidence,
} from "./lifecycle-evidence.js";
export type { LifecycleIssue, LifecycleIssueCode } from "./lifecycle-issue.js";
export type { LifecycleEvent, LifecycleHistoryEntry, LifecycleRecord } from "./lifecycle-record.js";
export {
  type TransitionOptions,
  type TransitionOutcome,
  transition,
  transitionOrThrow,
} from "./transition.js";
