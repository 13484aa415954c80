import type * as z from "zod";
import { formatIssues, LeadKitError, type LeadKitErrorCode } from "./error.js";
import { INPUT_LIMITS } from "./limits.js";
import { err, type Issue, issue, ok, type Result } from "./result.js";

/**
 * At most {@link INPUT_LIMITS.issues} issues, then one `too_many_issues` issue saying how many more
 * were found, so that the answer to a huge bad input stays small.
 *
 * @param issues - Every issue found.
 * @returns The same list when short enough, else the first ones and the summary.
 */
export function capIssues<I extends Issue>(issues: readonly I[]): readonly (I | Issue)[] {
  const limit = INPUT_LIMITS.issues;
  return issues.length <= limit ? issues : [...issues.slice(0, limit), tooManyIssues(issues.length - limit)];
}

/**
 * The issue that ends a capped list: how many more issues were found and left out.
 *
 * @param more - How many issues were left out.
 * @returns The `too_many_issues` issue.
 */
export function tooManyIssues(more: number): Issue {
  return issue(
    "too_many_issues",
    [],
    `… and ${more} more issues; only the first ${INPUT_LIMITS.issues} are listed: fix those and try again`,
  );
}

/**
 * Converts zod's issues to leadkit {@link Issue}s, keeping code, path and message; capped like
 * {@link capIssues}.
 *
 * @param issues - Issues from a failed `safeParse`.
 * @param prefix - Path to prepend, when the parsed value sits inside a larger input.
 * @returns leadkit issues with snake_case codes and string/number paths.
 * @example
 * ```ts
 * import * as z from "zod";
 * import { fromZodIssues } from "./parse.js";
 * import { err, ok } from "./result.js";
 *
 * const r = z.email().safeParse("not an email");
 * const result = r.success ? ok(r.data) : err(fromZodIssues(r.error.issues, ["contact", "email"]));
 * ```
 * @category Results
 */
export function fromZodIssues(
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly (string | number)[] = [],
): Issue[] {
  const limit = INPUT_LIMITS.issues;
  const converted = issues.slice(0, limit).map((i): Issue => {
    // A key no backend can store is said as such, not as zod's bare "Invalid key in record".
    const inner = i.code === "invalid_key" ? i.issues[0] : undefined;
    const unstorable = inner !== undefined && (inner.code as string) === "unstorable_text";
    return {
      code: unstorable ? "unstorable_text" : i.code,
      path: [...prefix, ...i.path.map((p) => (typeof p === "symbol" ? String(p) : p))],
      message: unstorable ? inner.message.replace("The text", "The key") : i.message,
    };
  });
  if (issues.length > limit) converted.push(tooManyIssues(issues.length - limit));
  return converted;
}

/**
 * Runs a zod schema and returns a leadkit {@link Result}; never throws for any input.
 *
 * @param schema - The schema to run.
 * @param input - Any value, typically parsed JSON.
 * @returns The parsed value or the issues with paths.
 * @example
 * ```ts
 * import * as z from "zod";
 * import { safeParseWith } from "./parse.js";
 *
 * safeParseWith(z.string(), 3); // { ok: false, issues: [{ code: "invalid_type", path: [], … }] }
 * ```
 * @category Results
 */
export function safeParseWith<S extends z.ZodType>(schema: S, input: unknown): Result<z.output<S>> {
  const parsed = schema.safeParse(input);
  return parsed.success ? ok(parsed.data) : err(fromZodIssues(parsed.error.issues));
}

/**
 * Returns the value of a {@link Result} or throws a `LeadKitError` carrying its issues — the shared
 * body of every throwing twin. `parse*` twins keep the default code, `invalid_input`; builders
 * (`compile*`, `create*`, `define*`) pass `invalid_definition`.
 *
 * @param result - A result from a `safeParse*` (or `safeCompile*`, `safeCreate*`) function.
 * @param what - What was parsed, for the error message (e.g. `"lead"`).
 * @param code - The error's code: `invalid_input` unless a builder says otherwise.
 * @returns The successful value.
 * @example
 * ```ts
 * import { safeParseLead } from "leadkit";
 * import { unwrapOrThrow } from "./parse.js";
 *
 * declare const input: unknown;
 * const lead = unwrapOrThrow(safeParseLead(input), "lead");
 * ```
 * @category Results
 */
export function unwrapOrThrow<T>(
  result: Result<T>,
  what: string,
  code: LeadKitErrorCode = "invalid_input",
): T {
  if (result.ok) return result.value;
  throw new LeadKitError(code, formatIssues(`Invalid ${what}`, result.issues), result.issues);
}
