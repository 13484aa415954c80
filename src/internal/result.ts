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
 * const issue: Issue = { code: "invalid_email", path: ["contact", "email"], message: "…" };
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
 * const ok: Ok<number> = { ok: true, value: 42 };
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
 * const failed: Err = { ok: false, issues: [{ code: "not_owner", path: [], message: "…" }] };
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
 * issue("unknown_channel", ["facts", "channel"], 'Unknown channel "fax"; expected one of call, email, …');
 * ```
 * @category Results
 */
export function issue(code: string, path: readonly (string | number)[], message: string): Issue {
  return { code, path, message };
}
