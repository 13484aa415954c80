/**
 * What kind of answer settles a criterion, and so how leadkit judges it: a yes/no, a level, an
 * amount of money, a date, a role or job title, or free text.
 *
 * @example
 * ```ts
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
 * const kind: EvidenceKind = "date";
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
 * const level: QualificationLevel = "medium";
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
 * const source: EvidenceSource = "conversation";
 * ```
 * @category Qualification
 */
export type EvidenceSource = (typeof EVIDENCE_SOURCES)[number];

/**
 * Where a criterion stands: it holds, it does not hold, or nobody knows yet.
 *
 * @example
 * ```ts
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
 * const status: CriterionStatus = "unknown";
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
 * const verdict: QualificationVerdict = "needs_information";
 * ```
 * @category Qualification
 */
export type QualificationVerdict = (typeof QUALIFICATION_VERDICTS)[number];

/**
 * The languages frameworks carry labels and questions in: English and Spanish (see docs/concepts.md).
 *
 * @example
 * ```ts
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
 * const language: QualificationLanguage = "es";
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
 * DEFAULT_HORIZON_DAYS; // 90
 * ```
 * @category Qualification
 */
export const DEFAULT_HORIZON_DAYS = 90;
