export {
  anonymizeAuditEntry,
  anonymizeInteraction,
  anonymizeLead,
  ERASED_CONTACT_NAME,
} from "./anonymize-lead.js";
export { attributesSchema } from "./attributes-schema.js";
export {
  type Attribution,
  attributionSchema,
  extractAttribution,
  touchSource,
} from "./attribution.js";
export { type AuditEntry, auditEntrySchema } from "./audit-entry-schema.js";
export { canEnterFunnel } from "./can-enter-funnel.js";
export { canonicalEmail, EMAIL_PROVIDER_RULES, type EmailProviderRule } from "./canonical-email.js";
export {
  type CheckContactPermissionOptions,
  type ContactPermissionSubject,
  checkContactPermission,
  type DecideConsentOptions,
  decideConsent,
} from "./check-contact-permission.js";
export {
  type Consent,
  type Contact,
  type ContactInput,
  consentProofSchema,
  consentSchema,
  contactSchema,
  type DoNotContact,
  doNotContactSchema,
} from "./contact-schema.js";
export {
  type DuplicateCandidate,
  type DuplicateGroup,
  type DuplicateKey,
  type DuplicateKind,
  type DuplicateReport,
  duplicateKeys,
  type FindDuplicatesOptions,
  findDuplicates,
  findDuplicatesOf,
} from "./find-duplicates.js";
export { findFirstResponse, RESPONSE_INTERACTION_TYPES } from "./find-first-response.js";
export {
  blockingKeys,
  createPossibleDuplicateMatcher,
  type FindPossibleDuplicatesOptions,
  findPossibleDuplicates,
  findPossibleDuplicatesOf,
  type PossibleDuplicate,
  type PossibleDuplicateMatcher,
  type PossibleDuplicateReason,
  type PossibleDuplicateRecord,
  type PossibleDuplicateReport,
} from "./find-possible-duplicates.js";
export { findTouches, type LeadTouches, type Touch, type TouchSubject } from "./find-touches.js";
export { FREE_MAIL_DOMAINS } from "./free-mail-domains.js";
export {
  type CapturePoint,
  capturePointSchema,
  type Initiator,
  type Interaction,
  type InteractionBase,
  type InteractionInput,
  initiatorSchema,
  interactionSchema,
} from "./interaction-schema.js";
export {
  type DisposableEmailOptions,
  isDisposableEmail,
  isDisposableEmailDomain,
} from "./is-disposable-email.js";
export { lastActivityAt } from "./last-activity-at.js";
export {
  type CaptureFacts,
  captureFactsSchema,
  type HistoryEntry,
  historyEntrySchema,
  type Lead,
  type LeadInput,
  leadSchema,
  noteSchema,
  type ScoreEntry,
  scoreEntrySchema,
} from "./lead-schema.js";
export {
  compareMergeStrength,
  type MergeConflict,
  type MergeLeadsOptions,
  type MergeResult,
  mergeLeads,
} from "./merge-leads.js";
export {
  companyDomain,
  emailDomain,
  isFreeMailDomain,
  isNormalizableEmail,
  isNormalizablePhone,
  isPersonalEmail,
  type NormalizePhoneOptions,
  normalizeEmail,
  normalizePhone,
} from "./normalize.js";
export {
  parseContact,
  parseInteraction,
  parseLead,
  safeParseContact,
  safeParseInteraction,
  safeParseLead,
} from "./parse-lead.js";
export { timestampSchema } from "./timestamp-schema.js";
export {
  BUILTIN_INTERACTION_TYPES,
  type BuiltinInteractionType,
  CAPTURE_CHANNELS,
  CAPTURE_POINT_MANAGERS,
  type CaptureChannel,
  CHANNELS,
  type Channel,
  COMPANY_SIZE_BANDS,
  CONTACT_KINDS,
  type CompanySizeBand,
  type ContactKind,
  type CustomInteractionType,
  DO_NOT_CONTACT_REASONS,
  FUNNEL_CONTACT_KINDS,
  FUNNEL_STAGES,
  INITIATOR_KINDS,
  INTEREST_LEVELS,
  type InitiatorKind,
  type InteractionType,
  type InterestLevel,
  LAWFUL_BASES,
  type LawfulBasis,
  LEAD_STAGES,
  type LeadStage,
  PAGE_KINDS,
  PROGRESS_STATUSES,
  type ProgressStatus,
} from "./vocabulary.js";
