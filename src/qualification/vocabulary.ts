/**
 * What kind of answer settles a criterion, and so how leadkit judges it: a yes/no, a level, an
 * amount of money, a date, a role or job title, or free text.
 *
 * @example
 * ```ts
 * import { EVIDENCE_KINDS } from "leadkit/qualification";
 *
 * EVIDENCE_KINDS.includes("amount"); // true
 * ```
 * @category Qualification
 */
export const EVIDENCE_KINDS = ["yes_no", "level", "amount", "date", "role", "text"] as const;

/**
 * One of {@link EVIDENCE_KINDS}.
 *
 * @example
 * ```ts
 * import { BANT, type EvidenceKind } from "leadkit/qualification";
 *
 * // Which input a form shows for each criterion.
 * const input = (kind: EvidenceKind) => (kind === "date" ? "date" : kind === "amount" ? "number" : kind === "yes_no" ? "checkbox" : "text");
 * BANT.criteria.map((c) => input(c.evidence));
 * ```
 * @category Qualification
 */
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/**
 * The graded answers of a `level` criterion, weakest first (how strong a need, how urgent, how
 * interested).
 *
 * @example
 * ```ts
 * import { QUALIFICATION_LEVELS } from "leadkit/qualification";
 *
 * QUALIFICATION_LEVELS.indexOf("high") > QUALIFICATION_LEVELS.indexOf("low"); // true
 * ```
 * @category Qualification
 */
export const QUALIFICATION_LEVELS = ["none", "low", "medium", "high"] as const;

/**
 * One of {@link QUALIFICATION_LEVELS}.
 *
 * @example
 * ```ts
 * import { BANT, compileFramework, evaluateQualification, type QualificationLevel } from "leadkit/qualification";
 *
 * const level: QualificationLevel = "medium";
 * evaluateQualification(compileFramework(BANT), [{ criterionId: "need", answer: level, source: "conversation" }], { now });
 * ```
 * @category Qualification
 */
export type QualificationLevel = (typeof QUALIFICATION_LEVELS)[number];

/**
 * Where a piece of evidence came from — qualification's two steps (docs/qualification.md): company-level
 * research, then a direct conversation with the lead.
 *
 * @example
 * ```ts
 * import { EVIDENCE_SOURCES } from "leadkit/qualification";
 *
 * EVIDENCE_SOURCES; // ["research", "conversation"]
 * ```
 * @category Qualification
 */
export const EVIDENCE_SOURCES = ["research", "conversation"] as const;

/**
 * One of {@link EVIDENCE_SOURCES}.
 *
 * @example
 * ```ts
 * import { BANT, compileFramework, type EvidenceSource, evaluateQualification } from "leadkit/qualification";
 *
 * // What the CRM already said (research), then what the call confirmed (conversation): the later one decides.
 * const research: EvidenceSource = "research";
 * const evidence = [
 *   { criterionId: "authority", answer: "Analyst", source: research, at: new Date("2026-02-01") },
 *   { criterionId: "authority", answer: "CFO", source: "conversation" as const, at: new Date("2026-02-10") },
 * ];
 * evaluateQualification(compileFramework(BANT), evidence, { now });
 * ```
 * @category Qualification
 */
export type EvidenceSource = (typeof EVIDENCE_SOURCES)[number];

/**
 * Where a criterion stands: it holds, it does not hold, or nobody knows yet.
 *
 * @example
 * ```ts
 * import { CRITERION_STATUSES } from "leadkit/qualification";
 *
 * CRITERION_STATUSES; // ["met", "not_met", "unknown"]
 * ```
 * @category Qualification
 */
export const CRITERION_STATUSES = ["met", "not_met", "unknown"] as const;

/**
 * One of {@link CRITERION_STATUSES}.
 *
 * @example
 * ```ts
 * import { BANT, type CriterionStatus, decideQualificationVerdict } from "leadkit/qualification";
 *
 * const statuses: Record<string, CriterionStatus> = { budget: "met", authority: "met", need: "unknown", timeline: "unknown" };
 * decideQualificationVerdict(BANT, statuses).verdict; // "needs_information": 2 met, 2 still open
 * ```
 * @category Qualification
 */
export type CriterionStatus = (typeof CRITERION_STATUSES)[number];

/**
 * The outcomes of a qualification: the lead can become a customer, it cannot, or more must be
 * learned before deciding.
 *
 * @example
 * ```ts
 * import { QUALIFICATION_VERDICTS } from "leadkit/qualification";
 *
 * QUALIFICATION_VERDICTS; // ["qualified", "disqualified", "needs_information"]
 * ```
 * @category Qualification
 */
export const QUALIFICATION_VERDICTS = ["qualified", "disqualified", "needs_information"] as const;

/**
 * One of {@link QUALIFICATION_VERDICTS}.
 *
 * @example
 * ```ts
 * import { BANT, compileFramework, evaluateQualification, type QualificationVerdict } from "leadkit/qualification";
 *
 * const result = evaluateQualification(compileFramework(BANT), [], { now });
 * const verdict: QualificationVerdict | null = result.ok ? result.value.verdict : null;
 * if (verdict === "needs_information") console.log("Call again: some answers are still missing");
 * ```
 * @category Qualification
 */
export type QualificationVerdict = (typeof QUALIFICATION_VERDICTS)[number];

/**
 * The languages frameworks carry labels and questions in: English and Spanish (see docs/concepts.md).
 *
 * @example
 * ```ts
 * import { QUALIFICATION_LANGUAGES } from "leadkit/qualification";
 *
 * QUALIFICATION_LANGUAGES; // ["en", "es"]
 * ```
 * @category Qualification
 */
export const QUALIFICATION_LANGUAGES = ["en", "es"] as const;

/**
 * One of {@link QUALIFICATION_LANGUAGES}.
 *
 * @example
 * ```ts
 * import { BANT, compileFramework, evaluateQualification, type QualificationLanguage } from "leadkit/qualification";
 *
 * // The seller's language, from their profile.
 * const language: QualificationLanguage = "es";
 * const result = evaluateQualification(compileFramework(BANT), [], { now, language });
 * if (result.ok) result.value.nextQuestions[0]?.question; // a question in Spanish
 * ```
 * @category Qualification
 */
export type QualificationLanguage = (typeof QUALIFICATION_LANGUAGES)[number];

/**
 * Job-title keywords that signal buying authority when a `role` criterion lists none of its own:
 * C-level, founders, owners, partners, presidents, vice presidents, directors and heads, in English
 * and Spanish. Matched as whole words, ignoring case and accents.
 *
 * @example
 * ```ts
 * import { DEFAULT_DECISION_MAKER_ROLES } from "leadkit/qualification";
 *
 * DEFAULT_DECISION_MAKER_ROLES.includes("director"); // true
 * ```
 * @category Qualification
 */
export const DEFAULT_DECISION_MAKER_ROLES = [
  "ceo",
  "cfo",
  "cto",
  "coo",
  "cio",
  "cmo",
  "chief",
  "founder",
  "co-founder",
  "owner",
  "partner",
  "president",
  "vp",
  "vice president",
  "director",
  "head",
  "managing director",
  "general manager",
  "fundador",
  "fundadora",
  "cofundador",
  "cofundadora",
  "propietario",
  "propietaria",
  "dueno",
  "duena",
  "socio",
  "socia",
  "presidente",
  "presidenta",
  "vicepresidente",
  "vicepresidenta",
  "directora",
  "gerente",
  "jefe",
  "jefa",
  "responsable",
] as const;

/**
 * How far ahead, in days, a `date` criterion's deadline may lie and still count as met when neither
 * the criterion nor the call sets a horizon: one quarter.
 *
 * @example
 * ```ts
 * import { DEFAULT_HORIZON_DAYS } from "leadkit/qualification";
 *
 * DEFAULT_HORIZON_DAYS; // 90
 * ```
 * @category Qualification
 */
export const DEFAULT_HORIZON_DAYS = 90;
