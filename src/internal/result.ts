/**
 * A readonly description of one thing wrong with an input or a request.
 *
 * @remarks
 * `code` is a stable snake_case identifier a program can switch on; `path` points at the offending
 * value inside the input (empty for the input as a whole); `message` says what was wrong, where and
 * what was expected, for a person.
 *
 * @example
 * ```ts
 * import { type Issue, safeParseLead } from "leadkit";
 *
 * const line = (i: Issue) => `${i.path.join(".") || "(input)"}: ${i.message} [${i.code}]`;
 * const parsed = safeParseLead({ id: "l1" });
 * if (!parsed.ok) console.log(parsed.issues.map(line).join("\n"));
 * ```
 * @category Results
 */
export interface Issue {
  /** Stable snake_case identifier of the problem, e.g. `invalid_type` or `guard_failed`. */
  readonly code: string;
  /** Where in the input the problem is: property names and array indices, outermost first. */
  readonly path: readonly (string | number)[];
  /** A sentence for a person: what was wrong, where, and what was expected. */
  readonly message: string;
}

/**
 * The success branch of a {@link Result}.
 *
 * @example
 * ```ts
 * import { type Ok, safeParseContact } from "leadkit";
 *
 * const parsed = safeParseContact({ kind: "prospect", name: "Ana García" });
 * if (parsed.ok) {
 *   const success: Ok<import("leadkit").Contact> = parsed;
 *   success.value.name; // "Ana García"
 * }
 * ```
 * @category Results
 */
export interface Ok<T> {
  /** Always `true`: discriminates success from failure. */
  readonly ok: true;
  /** The computed value. */
  readonly value: T;
}

/**
 * The failure branch of a {@link Result}: at least one issue.
 *
 * @example
 * ```ts
 * import { type Err, safeParseContact } from "leadkit";
 *
 * const parsed = safeParseContact({ kind: "robot" });
 * if (!parsed.ok) {
 *   const failure: Err = parsed;
 *   failure.issues.map((i) => i.code); // e.g. ["invalid_value", "invalid_type"]
 * }
 * ```
 * @category Results
 */
export interface Err<I extends Issue = Issue> {
  /** Always `false`: discriminates failure from success. */
  readonly ok: false;
  /** Everything that was wrong, never empty. */
  readonly issues: readonly I[];
}

/**
 * The outcome of an operation whose failure is an expected domain result rather than a bug.
 *
 * @example
 * ```ts
 * import { safeParseLead } from "leadkit";
 *
 * declare const input: unknown; // e.g. a request body
 * const result = safeParseLead(input);
 * if (result.ok) console.log(result.value.id);
 * else for (const issue of result.issues) console.log(issue.path.join("."), issue.message);
 * ```
 * @category Results
 */
export type Result<T, I extends Issue = Issue> = Ok<T> | Err<I>;

/**
 * Wraps a value in a successful {@link Result}.
 *
 * @param value - The value to return.
 * @returns `{ ok: true, value }`.
 * @example
 * ```ts
 * import { ok } from "./result.js";
 *
 * ok(3); // { ok: true, value: 3 }
 * ```
 * @category Results
 */
export function ok<T>(value: T): Ok<T> {
  return { ok: true, value };
}

/**
 * Builds a failed {@link Result} from one or more issues.
 *
 * @param issues - What was wrong; must not be empty.
 * @returns `{ ok: false, issues }`.
 * @example
 * ```ts
 * import { issue } from "./result.js";
 * import { err } from "./result.js";
 *
 * err([issue("not_owner", [], "Only the owner may share this lead.")]);
 * ```
 * @category Results
 */
export function err<I extends Issue>(issues: readonly I[]): Err<I> {
  return { ok: false, issues };
}

/**
 * Builds an {@link Issue}.
 *
 * @param code - snake_case identifier.
 * @param path - Where in the input; `[]` for the input as a whole.
 * @param message - What was wrong, where, and what was expected.
 * @returns A readonly issue record.
 * @example
 * ```ts
 * import { issue } from "./result.js";
 *
 * issue("unknown_channel", ["facts", "channel"], 'Unknown channel "fax"; expected one of call, email, …');
 * ```
 * @category Results
 */
export function issue(code: string, path: readonly (string | number)[], message: string): Issue {
  return { code, path, message };
}
