import type { Issue } from "./result.js";

const brand = Symbol.for("leadkit.error");

/**
 * The codes a {@link LeadKitError} can carry.
 *
 * @remarks
 * `invalid_input` is thrown by the `parse*` twins of `safeParse*` functions (its `issues` say what was
 * wrong); `invalid_definition` by builders of rule tables, lifecycle definitions, frameworks and
 * models given inconsistent configuration; `invariant` by a check that cannot fail unless leadkit
 * itself has a bug.
 *
 * @example
 * ```ts
 * import { isLeadKitError, type LeadKitErrorCode, parseLead } from "leadkit";
 *
 * const codeOf = (e: unknown): LeadKitErrorCode | null => (isLeadKitError(e) ? e.code : null);
 * try {
 *   parseLead({});
 * } catch (e) {
 *   codeOf(e); // "invalid_input"
 * }
 * ```
 * @category Errors
 */
export type LeadKitErrorCode = "invalid_input" | "invalid_definition" | "transition_failed" | "invariant";

/**
 * The one error family leadkit throws: programmer errors and the throwing twins of `safe*` functions.
 *
 * @remarks
 * Detect it with {@link isLeadKitError} rather than `instanceof`, which fails when two copies of
 * leadkit are loaded (ESM and CJS, or two versions).
 *
 * @example
 * ```ts
 * import { isLeadKitError, parseLead } from "leadkit";
 *
 * try {
 *   parseLead({});
 * } catch (error) {
 *   if (isLeadKitError(error)) console.log(error.code, error.issues);
 * }
 * ```
 * @category Errors
 */
export class LeadKitError extends Error {
  /** What kind of failure this is. */
  readonly code: LeadKitErrorCode;
  /** Every problem found, with paths; may be empty for a failure that is not about an input. */
  readonly issues: readonly Issue[];

  /**
   * @param code - The failure's kind.
   * @param message - Summary for a person.
   * @param issues - The individual problems.
   */
  constructor(code: LeadKitErrorCode, message: string, issues: readonly Issue[] = []) {
    super(message);
    this.name = "LeadKitError";
    this.code = code;
    this.issues = issues;
    Object.defineProperty(this, brand, { value: true });
  }
}

/**
 * Tells whether a value is a {@link LeadKitError}, from any copy of leadkit.
 *
 * @param value - Anything, typically a caught error.
 * @returns `true` when the value carries leadkit's error brand.
 * @example
 * ```ts
 * import { isLeadKitError } from "leadkit";
 * import { parseLead } from "leadkit";
 *
 * declare function showIssues(issues: readonly import("leadkit").Issue[]): void;
 * try {
 *   parseLead(JSON.parse("{}"));
 * } catch (error) {
 *   if (isLeadKitError(error) && error.code === "invalid_input") showIssues(error.issues);
 * }
 * ```
 * @category Errors
 */
export function isLeadKitError(value: unknown): value is LeadKitError {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[brand] === true;
}

/**
 * Formats issues as one message: the first few, each with its path.
 *
 * @param summary - What failed, e.g. `"Invalid lead"`.
 * @param issues - The problems to list.
 * @returns A single-line message for an error.
 * @example
 * ```ts
 * import { formatIssues } from "leadkit";
 *
 * formatIssues("Invalid lead", [{ code: "invalid_type", path: ["owner"], message: "expected string" }]);
 * // 'Invalid lead: owner: expected string'
 * ```
 * @category Errors
 */
export function formatIssues(summary: string, issues: readonly Issue[]): string {
  const shown = issues
    .slice(0, 5)
    .map((i) => (i.path.length > 0 ? `${i.path.join(".")}: ${i.message}` : i.message));
  const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : "";
  return `${summary}: ${shown.join("; ")}${more}`;
}
