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
import type { Lead } from "../model/index.js";

/** What is wrong with a lead a scorer could not read, or `undefined` when nothing is. */
export function leadInputIssue(lead: unknown): Issue | undefined {
  if (lead === null || typeof lead !== "object")
    return issue("invalid_type", [], `Expected a lead; got ${describeValue(lead)}`);
  const l = lead as Readonly<Record<string, unknown>>;
  if (l["contact"] === null || typeof l["contact"] !== "object")
    return issue(
      "invalid_type",
      ["contact"],
      `contact must be an object; got ${describeValue(l["contact"])}`,
    );
  for (const list of ["interactions", "tags"])
    if (!Array.isArray(l[list]))
      return issue("invalid_type", [list], `${list} must be an array; got ${describeValue(l[list])}`);
  return datedItemsIssue(l["interactions"] as readonly { readonly at: unknown }[], ["interactions"]);
}

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
      const found = error instanceof TypeError ? leadInputIssue(lead) : undefined;
      if (found === undefined) throw error;
      throw new LeadKitError("invalid_input", formatIssues("Cannot score the lead", [found]), [found]);
    }
  };
}
