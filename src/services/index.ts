/**
 * The lead service: capture, scoring, lifecycle moves, ownership changes and merges over
 * repositories you supply, each access-checked by the sharing policy, audited and announced as
 * domain events through the outbox.
 *
 * @module leadkit/services
 */
export { type ContactDataExport, contactDataExportSchema } from "./contact-data-export.js";
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
  ImportPossibleDuplicate,
  ImportProgress,
  ImportReport,
  ImportTarget,
  ImportUpdateRule,
} from "./import-leads-options.js";
export type {
  CaptureCommand,
  CaptureOutcome,
  ContactErased,
  DuplicateMatch,
  EraseContactCommand,
  ExportContactDataCommand,
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
  RetentionProgress,
  ServiceCommand,
  ShareCommand,
  SweepRetentionCommand,
  TransitionApplied,
  TransitionCommand,
  UnshareCommand,
} from "./lead-service.js";
export type { PossibleDuplicateMatch, PossibleDuplicatesConfig } from "./possible-duplicates.js";
export {
  parseRetentionPolicy,
  type RetentionPolicy,
  type RetentionPolicyInput,
  retentionPolicySchema,
  safeParseRetentionPolicy,
} from "./retention-policy.js";
export { type ConflictIssue, isConflictIssue } from "./service-issues.js";
