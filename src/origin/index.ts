/**
 * Active vs passive origin: the editable rule table that classifies who generated a lead, and
 * ownership — sharing, transfer, claiming and fair distribution.
 *
 * @module leadkit/origin
 */
export { capturingUser } from "./capturing-user.js";
export { claimLead } from "./claim-lead.js";
export { classifyOrigin, safeClassifyOrigin } from "./classify-origin.js";
export {
  type CompiledOriginRules,
  compileOriginRules,
  type MatchedOriginRule,
  type OriginContext,
  type OriginLabel,
  type OriginPlan,
  type OriginResult,
  safeCompileOriginRules,
} from "./compile-origin-rules.js";
export { compileSharingPolicy, safeCompileSharingPolicy } from "./compile-sharing-policy.js";
export { DEFAULT_ORIGIN_RULES } from "./default-origin-rules.js";
export {
  createDistributionState,
  DISTRIBUTION_STRATEGIES,
  type DistributeLeadsOptions,
  type DistributionMember,
  type DistributionResult,
  type DistributionState,
  type DistributionStrategy,
  distributeLeads,
  type LeadAssignment,
} from "./distribute-leads.js";
export {
  type CaptureClaims,
  canHandlePersonalData,
  canSeeLead,
  canWorkLead,
  captureAccessIssues,
  mergeAccessIssues,
  revealsHiddenLeads,
} from "./lead-access.js";
export { leadVisibility } from "./lead-visibility.js";
export { leadRelation, originForUser, type UserLeadOrigin } from "./origin-for-user.js";
export {
  type OriginConditions,
  type OriginRule,
  type OriginRuleTable,
  originConditionsSchema,
  originRuleSchema,
  originRuleTableJsonSchema,
  originRuleTableSchema,
  parseOriginRuleTable,
  safeParseOriginRuleTable,
} from "./origin-rule-table.js";
export type { OwnershipChange, OwnershipOptions } from "./ownership-change.js";
export { referLead } from "./refer-lead.js";
export { type ReleaseLeadOptions, releaseLead } from "./release-lead.js";
export { type ShareLeadOptions, shareLead } from "./share-lead.js";
export {
  type CompiledSharingPolicy,
  canPerformOnLead,
  DEFAULT_CAPTURE_ON_BEHALF,
  DEFAULT_PERSONAL_DATA_ROLES,
  DEFAULT_SHARING_POLICY,
  DEFAULT_WORK_ROLES,
  isIntegration,
  isTeamMember,
  LEAD_LISTS,
  type LeadList,
  leadOwnershipKind,
  OWNERSHIP_OPERATIONS,
  type OwnershipOperation,
  PERSONAL_DATA_RIGHTS,
  type PersonalDataRight,
  parseSharingPolicy,
  SHARING_ROLES,
  type SharingPlan,
  type SharingPolicy,
  type SharingRole,
  safeParseSharingPolicy,
  sharingPolicyJsonSchema,
  sharingPolicySchema,
  sharingRolesOf,
} from "./sharing-policy.js";
export { type HandOverOptions, transferLead } from "./transfer-lead.js";
export { type UnshareLeadOptions, unshareLead } from "./unshare-lead.js";
export {
  LEAD_RELATIONS,
  type LeadRelation,
  ORIGIN_KINDS,
  type OriginKind,
  RELATIVE_CAPTURE_POINTS,
  RELATIVE_INITIATORS,
  RELATIVE_REFERRERS,
  type RelativeCapturePoint,
  type RelativeInitiator,
  type RelativeReferrer,
} from "./vocabulary.js";
