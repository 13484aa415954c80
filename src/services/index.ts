/**
 * The lead service: capture, scoring, lifecycle moves, ownership changes and merges over
 * repositories you supply, each access-checked by the sharing policy, audited and announced as
 * domain events through the outbox.
 *
 * @module leadkit/services
 */
export {
  type CreateLeadServiceOptions,
  createLeadService,
  type LeadDistributionConfig,
  type LeadServiceConfig,
} from "./create-lead-service.js";
export type {
  ImportConsentRule,
  ImportFieldMap,
  ImportFieldSource,
  ImportIssue,
  ImportLeadsOptions,
  ImportMatchKey,
  ImportProgress,
  ImportReport,
  ImportTarget,
  ImportUpdateRule,
} from "./import-leads-options.js";
export type {
  CaptureCommand,
  CaptureOutcome,
  DuplicateMatch,
  FindStaleLeadsCommand,
  GetLeadCommand,
  HandOverCommand,
  InteractionDraft,
  InteractionRecorded,
  LeadCommand,
  LeadService,
  MergeCommand,
  MergeOutcome,
  QualifyCommand,
  QualifyOutcome,
  RecordInteractionCommand,
  ReleaseCommand,
  ServiceCommand,
  ShareCommand,
  TransitionApplied,
  TransitionCommand,
  UnshareCommand,
} from "./lead-service.js";
export { type ConflictIssue, isConflictIssue } from "./service-issues.js";
