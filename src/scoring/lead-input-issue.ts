// Internal: explains an error thrown while a scorer read a lead. The scorers do not walk a lead to
// check it first (that would cost every score a pass over its interactions): a lead read back from
// JSON without being revived has strings for its interactions' dates, and the TypeError it causes is
// answered with the issue that explains it.
import {
  datedItemsIssue,
  dateIssue,
  describeValue,
  formatIssues,
  type Issue,
  issue,
  LeadKitError,
} from "../internal/index.js";
import { type Lead, safeParseLead } from "../model/index.js";

/**
 * What is wrong with a lead a scorer could not read, or `undefined` when nothing is: first the
 * string dates of a lead read back from JSON (which `parseLead` accepts and revives), then whatever
 * `safeParseLead` finds.
 */
export function leadInputIssues(lead: unknown): readonly Issue[] | undefined {
  if (lead === null || typeof lead !== "object")
    return [issue("invalid_type", [], `Expected a lead; got ${describeValue(lead)}`)];
  const interactions = (lead as { readonly interactions?: unknown }).interactions;
  const dated = Array.isArray(interactions) ? datedItemsIssue(interactions, ["interactions"]) : undefined;
  if (dated !== undefined) return [dated];
  const parsed = safeParseLead(lead);
  if (!parsed.ok) return parsed.issues;
  // Valid input, but not a parsed Lead: parsing fills lists and maps left out.
  const l = lead as Readonly<Record<string, unknown>>;
  const contact = l["contact"] as Readonly<Record<string, unknown>>;
  const missing =
    DEFAULTED.find((key) => l[key] === undefined) ??
    CONTACT_DEFAULTED.map((key) => `contact.${key}`).find((key) => contact[key.slice(8)] === undefined);
  return [
    issue(
      "invalid_type",
      missing === undefined ? [] : missing.split("."),
      `${missing ?? "The lead"} is not as parseLead leaves it${missing === undefined ? "" : " (it is missing)"}: pass records from storage or JSON through parseLead first`,
    ),
  ];
}

const DEFAULTED = ["interactions", "tags", "notes", "history", "collaborators", "scores", "mergedFrom"];
const CONTACT_DEFAULTED = ["attributes", "consents", "doNotContact"];

/** The `invalid_input` error for an Invalid `now`. */
export function invalidNow(now: unknown): LeadKitError {
  const found = dateIssue(["now"], now, "pass the time to score for as a Date");
  return new LeadKitError("invalid_input", formatIssues("Cannot score the lead", [found]), [found]);
}

/**
 * Runs a scorer, turning a TypeError caused by a malformed lead into `invalid_input` with the issue
 * that explains it; any other error goes on. `try` costs nothing while nothing is thrown.
 */
export function guardLeadInput<R>(run: (lead: Lead, now: Date) => R): (lead: Lead, now: Date) => R {
  return (lead, now) => {
    try {
      return run(lead, now);
    } catch (error) {
      throw leadInputError(error, lead);
    }
  };
}

/**
 * What a scorer throws for `error`, raised while scoring `lead`: `invalid_input` with the issues
 * when a malformed lead caused a TypeError, else `error` itself (the guard of generated scorers).
 */
export function leadInputError(error: unknown, lead: Lead): unknown {
  const found = error instanceof TypeError ? leadInputIssues(lead) : undefined;
  if (found === undefined) return error;
  return new LeadKitError("invalid_input", formatIssues("Cannot score the lead", found), found);
}
