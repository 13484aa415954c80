/**
 * The lead service: capture, scoring, lifecycle moves and ownership changes over repositories you
 * supply, each audited.
 *
 * @module leadkit/services
 */
export {
  type CreateLeadServiceOptions,
  createLeadService,
  type LeadServiceConfig,
} from "./create-lead-service.js";
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
