import * as z from "zod";
import {
  type DeepReadonly,
  err,
  INPUT_LIMITS,
  issue,
  type Result,
  safeParseWith,
} from "../internal/index.js";

const { idLength, textLength } = INPUT_LIMITS;

const utmValue = z.string().trim().min(1).max(textLength);
// Click ids are opaque tokens the ad networks put in URLs: URL-safe characters only.
const clickId = z
  .string()
  .min(1)
  .max(idLength)
  .regex(/^[A-Za-z0-9._~-]+$/, "Expected a click id: letters, digits, '.', '_', '~' or '-'");
const pageUrl = z.url({ protocol: /^https?$/, normalize: true }).max(textLength);

/**
 * Where a visit or a capture came from: the UTM parameters of the link followed, the ad networks'
 * click ids, the page it landed on and the page that referred it.
 *
 * @remarks
 * Every field is optional and bounded: UTM values are trimmed text of 1 to 2,000 characters, click
 * ids URL-safe tokens of at most 200 characters, pages absolute `http(s)` URLs of at most 2,000
 * characters. Unknown keys are dropped. {@link extractAttribution} fills it from a landing page URL.
 *
 * @example
 * ```ts
 * import { attributionSchema } from "./attribution.js";
 *
 * attributionSchema.parse({ utmSource: "google", utmMedium: "cpc", gclid: "EAIaIQobChMI" });
 * ```
 * @category Model
 */
export const attributionSchema = z.object({
  /** `utm_source`: who sent the visit (`google`, `newsletter`). */
  utmSource: utmValue.optional(),
  /** `utm_medium`: how (`cpc`, `email`, `social`). */
  utmMedium: utmValue.optional(),
  /** `utm_campaign`: which campaign. */
  utmCampaign: utmValue.optional(),
  /** `utm_term`: the paid keyword. */
  utmTerm: utmValue.optional(),
  /** `utm_content`: which ad or link of the campaign. */
  utmContent: utmValue.optional(),
  /** Google Ads click id. */
  gclid: clickId.optional(),
  /** Meta (Facebook, Instagram) click id. */
  fbclid: clickId.optional(),
  /** Microsoft Advertising click id. */
  msclkid: clickId.optional(),
  /** The page the visit landed on. */
  landingPage: pageUrl.optional(),
  /** The page that linked to it (the HTTP `Referer`). */
  referrer: pageUrl.optional(),
});

/**
 * Where a visit or a capture came from.
 *
 * @example
 * ```ts
 * import type { Attribution } from "leadkit";
 *
 * const paid = (a: Attribution) => a.gclid !== undefined || a.utmMedium === "cpc";
 * ```
 * @category Model
 */
export type Attribution = DeepReadonly<z.output<typeof attributionSchema>>;

const UTM_PARAMETERS = [
  ["utmSource", "utm_source"],
  ["utmMedium", "utm_medium"],
  ["utmCampaign", "utm_campaign"],
  ["utmTerm", "utm_term"],
  ["utmContent", "utm_content"],
  ["gclid", "gclid"],
  ["fbclid", "fbclid"],
  ["msclkid", "msclkid"],
] as const;

/** The page without its query and fragment, which carry the parameters read and, at times, personal data. */
function pageOf(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

/** The longest URL read: browsers and servers cap URLs near 8 kB; the stored page (no query) must fit `textLength`. */
const MAX_URL_LENGTH = 4 * textLength;

function parseUrl(value: unknown): URL | null {
  if (typeof value !== "string" || value.length > MAX_URL_LENGTH) return null;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url : null;
  } catch {
    return null;
  }
}

/**
 * Reads the attribution of a visit from the URL it landed on (its `utm_*` parameters and click ids)
 * and the referrer; never throws.
 *
 * @remarks
 * Parameter names are matched exactly (`utm_source`, lowercase); the first value of a repeated
 * parameter wins and empty values are left out. Other parameters are ignored. The landing page and
 * the referrer are kept without their query string and fragment, which can carry personal data
 * (an email address in a confirmation link, a search term). Values are validated as
 * {@link Attribution} describes.
 *
 * @param landingPage - The absolute `http(s)` URL the visit landed on, as the browser saw it.
 * @param options - The referrer, when known (an empty string means none, as `document.referrer`).
 * @returns The attribution, or issues: `invalid_format` at `["landingPage"]` or `["referrer"]` for
 *   something that is not an absolute `http(s)` URL of at most 8,000 characters, and the schema's
 *   issues for a value out of bounds (a click id with spaces, a 5,000-character term, a page
 *   longer than 2,000 characters without its query).
 * @example
 * ```ts
 * import { extractAttribution, parseLead } from "leadkit";
 *
 * const attribution = extractAttribution("https://acme.es/demo?utm_source=google&utm_medium=cpc&gclid=EAIa", {
 *   referrer: "https://www.google.com/",
 * });
 * if (attribution.ok) parseLead({ ...lead, capture: { ...lead.capture, attribution: attribution.value } }); // { utmSource: "google", … }
 * ```
 * @category Model
 */
export function extractAttribution(
  landingPage: string,
  options: { readonly referrer?: string } = {},
): Result<Attribution> {
  const url = parseUrl(landingPage);
  const rawReferrer: unknown = (options as { readonly referrer?: unknown } | null)?.referrer;
  const referrer = rawReferrer === undefined || rawReferrer === "" ? undefined : parseUrl(rawReferrer);
  const problems = [];
  if (url === null)
    problems.push(
      issue(
        "invalid_format",
        ["landingPage"],
        "Expected the landing page as an absolute http(s) URL of at most 8,000 characters",
      ),
    );
  if (referrer === null)
    problems.push(
      issue(
        "invalid_format",
        ["referrer"],
        "Expected the referrer as an absolute http(s) URL of at most 8,000 characters, or nothing",
      ),
    );
  if (url === null || referrer === null) return err(problems);
  const found: Record<string, string> = {};
  for (const [field, parameter] of UTM_PARAMETERS) {
    const value = url.searchParams.get(parameter);
    if (value !== null && value.trim() !== "") found[field] = value;
  }
  found["landingPage"] = pageOf(url);
  if (referrer !== undefined) found["referrer"] = pageOf(referrer);
  return safeParseWith(attributionSchema, found) as Result<Attribution>;
}

/**
 * Where a touch came from, in one word: its `utm_source`; else the ad network of its click id
 * (`google` for a gclid, `bing` for an msclkid, `facebook` for an fbclid); else the referrer's host
 * without `www.`; else `"(direct)"`. The key first-touch and last-touch segments use by default.
 *
 * @remarks
 * Total: any value (an attribution that skipped validation included) gets a string.
 *
 * @param attribution - The touch's attribution.
 * @returns The source key.
 * @example
 * ```ts
 * import { touchSource } from "leadkit";
 *
 * touchSource({ gclid: "EAIa" });                          // "google"
 * touchSource({ referrer: "https://www.linkedin.com/feed" }); // "linkedin.com"
 * ```
 * @category Model
 */
export function touchSource(attribution: Attribution): string {
  const a = (typeof attribution === "object" && attribution !== null ? attribution : {}) as {
    readonly [K in keyof Attribution]?: unknown;
  };
  if (typeof a.utmSource === "string" && a.utmSource !== "") return a.utmSource;
  if (typeof a.gclid === "string") return "google";
  if (typeof a.msclkid === "string") return "bing";
  if (typeof a.fbclid === "string") return "facebook";
  const referrer = parseUrl(a.referrer);
  if (referrer !== null && referrer.hostname !== "") return referrer.hostname.replace(/^www\./, "");
  return "(direct)";
}
