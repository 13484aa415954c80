import type * as z from "zod";
import { formatIssues, LeadKitError } from "./error.js";
import { err, type Issue, ok, type Result } from "./result.js";

/**
 * Converts zod's issues to leadkit {@link Issue}s, keeping code, path and message.
 *
 * @param issues - Issues from a failed `safeParse`.
 * @param prefix - Path to prepend, when the parsed value sits inside a larger input.
 * @returns leadkit issues with snake_case codes and string/number paths.
 * @example
 * ```ts
 * const r = schema.safeParse(input);
 * if (!r.success) return err(fromZodIssues(r.error.issues));
 * ```
 * @category Results
 */
export function fromZodIssues(
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly (string | number)[] = [],
): Issue[] {
  return issues.map((i) => ({
    code: i.code,
    path: [...prefix, ...i.path.map((p) => (typeof p === "symbol" ? String(p) : p))],
    message: i.message,
  }));
}

/**
 * Runs a zod schema and returns a leadkit {@link Result}; never throws for any input.
 *
 * @param schema - The schema to run.
 * @param input - Any value, typically parsed JSON.
 * @returns The parsed value or the issues with paths.
 * @example
 * ```ts
 * safeParseWith(z.string(), 3); // { ok: false, issues: [{ code: "invalid_type", path: [], … }] }
 * ```
 * @category Results
 */
export function safeParseWith<S extends z.ZodType>(schema: S, input: unknown): Result<z.output<S>> {
  const parsed = schema.safeParse(input);
  return parsed.success ? ok(parsed.data) : err(fromZodIssues(parsed.error.issues));
}

/**
 * Returns the value of a {@link Result} or throws a `LeadKitError` with code `invalid_input`
 * carrying its issues — the shared body of every `parse*` twin.
 *
 * @param result - A result from a `safeParse*` function.
 * @param what - What was parsed, for the error message (e.g. `"lead"`).
 * @returns The successful value.
 * @example
 * ```ts
 * const lead = unwrapOrThrow(safeParseLead(input), "lead");
 * ```
 * @category Results
 */
export function unwrapOrThrow<T>(result: Result<T>, what: string): T {
  if (result.ok) return result.value;
  throw new LeadKitError("invalid_input", formatIssues(`Invalid ${what}`, result.issues), result.issues);
}
