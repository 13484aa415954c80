/**
 * Qualification frameworks as data — BANT, CHAMP, ANUM, FAINT, MEDDIC and more — with question banks,
 * typed evidence, ideal-customer-profile fit and verdicts.
 *
 * @module leadkit/qualification
 */
export {
  checkIcpFit,
  type IcpCheck,
  type IcpFit,
  type IcpOutcome,
  type IcpRule,
  type IcpSubject,
  type IdealCustomerProfile,
  idealCustomerProfileSchema,
} from "./check-icp-fit.js";
export {
  type CompiledFramework,
  compileFramework,
  type QualificationPlan,
  safeCompileFramework,
} from "./compile-framework.js";
export { decideQualificationVerdict, type VerdictDecision } from "./decide-qualification-verdict.js";
export {
  type CriterionOutcome,
  type EvaluateQualificationOptions,
  evaluateQualification,
  type NextQuestion,
  type QualificationEvidence,
  type QualificationResult,
} from "./evaluate-qualification.js";
export { evaluateQualificationVerdict } from "./evaluate-qualification-verdict.js";
export {
  ANUM,
  BANT,
  BUILTIN_FRAMEWORK_IDS,
  type BuiltinFrameworkId,
  CHAMP,
  FAINT,
  GPCTBA_CI,
  MEDDIC,
  MEDDICC,
  MEDDPICC,
  QUALIFICATION_FRAMEWORKS,
} from "./frameworks.js";
export {
  type CriterionJudgement,
  type JudgeCriterionAnswerOptions,
  judgeCriterionAnswer,
  type PriceRange,
} from "./judge-criterion-answer.js";
export { qualificationFrameworkJsonSchema } from "./qualification-framework-json-schema.js";
export { parseFramework, safeParseFramework } from "./safe-parse-framework.js";
export {
  type CriterionAnswer,
  type CriterionEvidence,
  criterionEvidenceSchema,
  type LocalizedText,
  type QualificationCriterion,
  type QualificationFramework,
  type QualificationRule,
  type QuestionBank,
  qualificationFrameworkSchema,
} from "./schemas.js";
export {
  CRITERION_STATUSES,
  type CriterionStatus,
  DEFAULT_DECISION_MAKER_ROLES,
  DEFAULT_HORIZON_DAYS,
  EVIDENCE_KINDS,
  EVIDENCE_SOURCES,
  type EvidenceKind,
  type EvidenceSource,
  QUALIFICATION_LANGUAGES,
  QUALIFICATION_LEVELS,
  QUALIFICATION_VERDICTS,
  type QualificationLanguage,
  type QualificationLevel,
  type QualificationVerdict,
} from "./vocabulary.js";
