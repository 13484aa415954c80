import * as z from "zod";
import {
  type DeepReadonly,
  formatIssues,
  INPUT_LIMITS,
  type Issue,
  LeadKitError,
  safeParseWith,
} from "../internal/index.js";
import { COMPANY_SIZE_BANDS, type Contact } from "../model/index.js";
import { contactIssue, languageIssue } from "./check-input.js";
import { findKeyword, normalizeWords } from "./match-keywords.js";
import { MESSAGES } from "./messages.js";
import type { QualificationLanguage } from "./vocabulary.js";

const { textLength, listItems } = INPUT_LIMITS;
const words = z.array(z.string().trim().min(1).max(textLength)).min(1).max(listItems);

/**
 * The ideal customer profile (buyer persona) as rules: industries to target or exclude, company
 * size bands, countries, and job-title keywords to target or exclude. Absent lists do not filter.
 * Leads that miss the buyer persona are disqualified (docs/qualification.md); in B2B include company size.
 *
 * @example
 * ```ts
 * import { idealCustomerProfileSchema } from "leadkit/qualification";
 *
 * idealCustomerProfileSchema.parse({ companySizes: ["51-200", "201-500"], countries: ["ES", "PT"] });
 * ```
 * @category Qualification
 */
export const idealCustomerProfileSchema = z.strictObject({
  industries: words.optional(),
  excludedIndustries: words.optional(),
  companySizes: z.array(z.enum(COMPANY_SIZE_BANDS)).min(1).max(listItems).optional(),
  countries: z
    .array(z.string().regex(/^[A-Z]{2}$/, "Expected an ISO 3166-1 alpha-2 country code such as ES or US"))
    .min(1)
    .max(listItems)
    .optional(),
  roles: words.optional(),
  excludedRoles: words.optional(),
});

/**
 * A validated ideal customer profile (see {@link idealCustomerProfileSchema}).
 *
 * @example
 * ```ts
 * import { checkIcpFit, type IdealCustomerProfile } from "leadkit/qualification";
 *
 * const icp: IdealCustomerProfile = { industries: ["software", "retail"], excludedRoles: ["student"] };
 * checkIcpFit(lead.contact, icp).fits;
 * ```
 * @category Qualification
 */
export type IdealCustomerProfile = DeepReadonly<z.output<typeof idealCustomerProfileSchema>>;

/**
 * The firmographic slice of a contact the profile looks at; a whole {@link Contact} fits.
 *
 * @example
 * ```ts
 * import { checkIcpFit, type IcpSubject } from "leadkit/qualification";
 *
 * // Firmographics from an enrichment service, before there is a lead.
 * const subject: IcpSubject = { industry: "software", companySize: "51-200", country: "ES" };
 * checkIcpFit(subject, { companySizes: ["51-200", "201-500"], countries: ["ES", "PT"] }).fits; // true
 * ```
 * @category Qualification
 */
export type IcpSubject = Pick<Contact, "industry" | "companySize" | "country" | "jobTitle">;

/**
 * The profile rules: industry, company size band, country, role.
 *
 * @example
 * ```ts
 * import { checkIcpFit, type IcpRule } from "leadkit/qualification";
 *
 * const rule: IcpRule = "company_size";
 * const fit = checkIcpFit(lead.contact, { companySizes: ["51-200", "201-500"] });
 * fit.checks.find((c) => c.rule === rule)?.reason;
 * ```
 * @category Qualification
 */
export type IcpRule = "industry" | "company_size" | "country" | "role";

/**
 * How one profile rule came out: the contact fits, does not fit, or the fact is unknown.
 *
 * @example
 * ```ts
 * import { checkIcpFit, type IcpOutcome } from "leadkit/qualification";
 *
 * const outcome: IcpOutcome = "does_not_fit";
 * checkIcpFit(lead.contact, { countries: ["ES"] }).checks.filter((c) => c.outcome === outcome).map((c) => c.reason);
 * ```
 * @category Qualification
 */
export type IcpOutcome = "fits" | "does_not_fit" | "unknown";

/**
 * One checked profile rule, with its stated reason.
 *
 * @example
 * ```ts
 * import { checkIcpFit, type IcpCheck } from "leadkit/qualification";
 *
 * const line = (check: IcpCheck) => `${check.rule}: ${check.outcome} — ${check.reason}`;
 * checkIcpFit(lead.contact, { countries: ["ES", "PT"], excludedRoles: ["student"] }, "es").checks.map(line);
 * ```
 * @category Qualification
 */
export interface IcpCheck {
  /** Which rule was checked. */
  readonly rule: IcpRule;
  /** Whether the contact fits it. */
  readonly outcome: IcpOutcome;
  /** Why, in the requested language. */
  readonly reason: string;
}

/**
 * How a contact fits the ideal customer profile.
 *
 * @example
 * ```ts
 * import { checkIcpFit, type IcpFit } from "leadkit/qualification";
 *
 * const fit: IcpFit = checkIcpFit(lead.contact, { industries: ["software"] });
 * if (!fit.fits) console.log(`Disqualify: ${fit.checks.map((c) => c.reason).join(" ")}`);
 * ```
 * @category Qualification
 */
export interface IcpFit {
  /** `false` when any rule says the contact does not fit; unknown facts do not disqualify. */
  readonly fits: boolean;
  /** Every rule the profile sets, in the order industry, company size, country, role. */
  readonly checks: readonly IcpCheck[];
}

/**
 * Checks a contact against the ideal customer profile. Only rules the profile sets are checked; a
 * fact the contact lacks is reported as `unknown` and does not disqualify.
 *
 * @param contact - The contact, or just its industry, company size, country and job title.
 * @param profile - The ideal customer profile.
 * @param language - Language of the reasons; English when absent.
 * @returns Whether the contact fits, and each rule's outcome with its reason.
 * @throws `LeadKitError` (`invalid_input`) for an unsupported language, a contact whose facts are
 *   not text, or a profile that does not validate.
 * @example
 * ```ts
 * import { checkIcpFit } from "leadkit/qualification";
 *
 * checkIcpFit({ companySize: "1-10" }, { companySizes: ["51-200"] }).fits; // false
 * ```
 * @category Qualification
 */
export function checkIcpFit(
  contact: IcpSubject,
  profile: IdealCustomerProfile,
  language: QualificationLanguage = "en",
): IcpFit {
  const problem =
    languageIssue(language, ["language"]) ??
    (contact === undefined
      ? { code: "invalid_type", path: ["contact"], message: "Expected the contact to check; got nothing" }
      : contactIssue(contact, ["contact"])) ??
    profileIssues(profile, ["profile"])?.[0];
  if (problem !== undefined)
    throw new LeadKitError("invalid_input", formatIssues("Cannot check the profile", [problem]), [problem]);
  const m = MESSAGES[language];
  const checks: IcpCheck[] = [];
  const { industries, excludedIndustries, companySizes, countries, roles, excludedRoles } = profile;

  if (industries !== undefined || excludedIndustries !== undefined) {
    const industry = contact.industry;
    if (industry === undefined || industry.trim() === "")
      checks.push(unknownFact("industry", m.icpUnknown("industry")));
    else if (excludedIndustries !== undefined && sameWords(industry, excludedIndustries))
      checks.push(notFitting("industry", m.icpIndustryExcluded(industry)));
    else if (industries !== undefined && !sameWords(industry, industries))
      checks.push(notFitting("industry", m.icpIndustryOutside(industry, industries)));
    else checks.push(fitting("industry", m.icpIndustryFits(industry)));
  }
  if (companySizes !== undefined) {
    const size = contact.companySize;
    if (size === undefined) checks.push(unknownFact("company_size", m.icpUnknown("company size")));
    else if (!companySizes.includes(size))
      checks.push(notFitting("company_size", m.icpSizeOutside(size, companySizes)));
    else checks.push(fitting("company_size", m.icpSizeFits(size)));
  }
  if (countries !== undefined) {
    const country = contact.country;
    if (country === undefined) checks.push(unknownFact("country", m.icpUnknown("country")));
    else if (!countries.includes(country.toUpperCase()))
      checks.push(notFitting("country", m.icpCountryOutside(country, countries)));
    else checks.push(fitting("country", m.icpCountryFits(country)));
  }
  if (roles !== undefined || excludedRoles !== undefined) {
    const title = contact.jobTitle;
    const excluded =
      title === undefined || excludedRoles === undefined ? undefined : findKeyword(title, excludedRoles);
    if (title === undefined || title.trim() === "")
      checks.push(unknownFact("role", m.icpUnknown("job title")));
    else if (excluded !== undefined) checks.push(notFitting("role", m.icpRoleExcluded(title, excluded)));
    else if (roles !== undefined && findKeyword(title, roles) === undefined)
      checks.push(notFitting("role", m.icpRoleOutside(title)));
    else checks.push(fitting("role", m.icpRoleFits(title)));
  }
  return { fits: checks.every((c) => c.outcome !== "does_not_fit"), checks };
}

/** Industries compare as whole normalised strings: "Software" equals "software", not "software services". */
function sameWords(value: string, list: readonly string[]): boolean {
  const wanted = normalizeWords(value);
  return list.some((item) => normalizeWords(item) === wanted);
}

const fitting = (rule: IcpRule, reason: string): IcpCheck => ({ rule, outcome: "fits", reason });
const notFitting = (rule: IcpRule, reason: string): IcpCheck => ({ rule, outcome: "does_not_fit", reason });
const unknownFact = (rule: IcpRule, reason: string): IcpCheck => ({ rule, outcome: "unknown", reason });

/**
 * The issues with an ideal customer profile (paths under `path`). A profile comes with every call
 * and nothing is remembered about it: a few checks per item decide that a profile is valid, and
 * only one that fails them is parsed again with the schema, for the issues' wording.
 */
export function profileIssues(
  profile: unknown,
  path: readonly (string | number)[],
): readonly Issue[] | undefined {
  if (profileLooksValid(profile)) return undefined;
  const parsed = safeParseWith(idealCustomerProfileSchema, profile);
  if (!parsed.ok) return parsed.issues.map((i) => ({ ...i, path: [...path, ...i.path] }));
  return undefined;
}

const PROFILE_KEYS: readonly string[] = Object.freeze(Object.keys(idealCustomerProfileSchema.shape));

/**
 * Whether a profile surely satisfies {@link idealCustomerProfileSchema}: a plain object with only
 * its keys, each list of the right length holding the right items. It may say no to a profile the
 * schema accepts (the schema then decides), never yes to one the schema refuses.
 */
function profileLooksValid(profile: unknown): boolean {
  if (profile === null || typeof profile !== "object" || Array.isArray(profile)) return false;
  const prototype = Object.getPrototypeOf(profile);
  if (prototype !== Object.prototype && prototype !== null) return false;
  const p = profile as Readonly<Record<string, unknown>>;
  for (const key in p) if (!Object.hasOwn(p, key) || !PROFILE_KEYS.includes(key)) return false;
  return (
    listLooksValid(p["industries"], isWord) &&
    listLooksValid(p["excludedIndustries"], isWord) &&
    listLooksValid(p["companySizes"], isCompanySize) &&
    listLooksValid(p["countries"], isCountryCode) &&
    listLooksValid(p["roles"], isWord) &&
    listLooksValid(p["excludedRoles"], isWord)
  );
}

function listLooksValid(list: unknown, valid: (item: unknown) => boolean): boolean {
  if (list === undefined) return true;
  if (!Array.isArray(list) || list.length < 1 || list.length > listItems) return false;
  for (let i = 0; i < list.length; i++) if (!valid(list[i])) return false;
  return true;
}

function isWord(item: unknown): boolean {
  if (typeof item !== "string") return false;
  const length = item.trim().length;
  return length >= 1 && length <= textLength;
}

const isCompanySize = (item: unknown): boolean => (COMPANY_SIZE_BANDS as readonly unknown[]).includes(item);

function isCountryCode(item: unknown): boolean {
  if (typeof item !== "string" || item.length !== 2) return false;
  const a = item.charCodeAt(0);
  const b = item.charCodeAt(1);
  return a >= 65 && a <= 90 && b >= 65 && b <= 90;
}
