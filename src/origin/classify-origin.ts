import {
  describeValue,
  err,
  INPUT_LIMITS,
  type Issue,
  issue,
  LeadKitError,
  ok,
  quoteValue,
  type Result,
  safeParseWith,
} from "../internal/index.js";
import { type CaptureFacts, captureFactsSchema } from "../model/index.js";
import {
  type CompiledOriginRules,
  classifierOf,
  notCompiledIssue,
  type OriginContext,
  type OriginResult,
} from "./compile-origin-rules.js";
import { LEAD_RELATIONS } from "./vocabulary.js";

/**
 * Classifies capture facts as active or passive under compiled origin rules, from one user's point
 * of view. Takes the same parameters as {@link safeClassifyOrigin}.
 *
 * @param rules - Rules compiled with `compileOriginRules`, e.g.
 *   `compileOriginRules(DEFAULT_ORIGIN_RULES)`, compiled once.
 * @param facts - How the lead was captured (typically `lead.capture`).
 * @param context - The user asking and their relation to the lead; defaults to the capturing user.
 * @returns The origin, with labels and the rule that matched.
 * @throws `LeadKitError` (`invalid_input`) for a channel, initiator or manager outside the
 *   vocabulary, or for `rules` that were not compiled; use {@link safeClassifyOrigin} for
 *   unvalidated input.
 * @example
 * ```ts
 * import { classifyOrigin, compileOriginRules, DEFAULT_ORIGIN_RULES } from "leadkit/origin";
 *
 * const rules = compileOriginRules(DEFAULT_ORIGIN_RULES);
 * const origin = classifyOrigin(
 *   rules,
 *   { channel: "form", initiator: { kind: "contact" }, capturePoint: { managedBy: "user", managerId: "u-ana" } },
 *   { userId: "u-ana" },
 * );
 * origin.kind; // "active" — a form on a landing page Ana manages
 * ```
 * @category Origin
 */
export function classifyOrigin(
  rules: CompiledOriginRules,
  facts: CaptureFacts,
  context?: OriginContext,
): OriginResult {
  const classify = classifierOf(rules);
  if (classify === undefined) {
    const problem = notCompiledIssue(rules);
    throw new LeadKitError("invalid_input", problem.message, [problem]);
  }
  return classify(facts, context);
}

/**
 * Validates any value as capture facts, then classifies it; never throws.
 *
 * @param rules - Rules compiled with `compileOriginRules`.
 * @param input - Any value, typically parsed JSON.
 * @param context - The user asking and their relation to the lead.
 * @returns The origin, or issues with paths (e.g. `channel` for an unknown channel; `rules` when
 *   `rules` were not compiled).
 * @example
 * ```ts
 * import { compileOriginRules, DEFAULT_ORIGIN_RULES, safeClassifyOrigin } from "leadkit/origin";
 *
 * const rules = compileOriginRules(DEFAULT_ORIGIN_RULES);
 * safeClassifyOrigin(rules, { channel: "fax", initiator: { kind: "contact" } }).ok; // false
 * ```
 * @category Origin
 */
export function safeClassifyOrigin(
  rules: CompiledOriginRules,
  input: unknown,
  context?: OriginContext,
): Result<OriginResult> {
  const classify = classifierOf(rules);
  if (classify === undefined) return err([notCompiledIssue(rules)]);
  const facts = safeParseWith(captureFactsSchema, input);
  if (!facts.ok) return facts;
  const problem = contextIssue(context);
  if (problem !== undefined) return err([problem]);
  return ok(classify(facts.value as CaptureFacts, context));
}

/** What is wrong with a context that did not come from typed code, if anything. */
function contextIssue(context: unknown): Issue | undefined {
  if (context === undefined) return undefined;
  if (context === null || typeof context !== "object" || Array.isArray(context))
    return issue(
      "invalid_type",
      [],
      `The context must be an object with userId and relation; got ${describeValue(context)}`,
    );
  const { userId, relation } = context as { readonly userId?: unknown; readonly relation?: unknown };
  if (
    userId !== undefined &&
    (typeof userId !== "string" || userId === "" || userId.length > INPUT_LIMITS.idLength)
  )
    return issue(
      "invalid_type",
      ["userId"],
      `userId must be a user id of 1 to ${INPUT_LIMITS.idLength} characters; got ${describeValue(userId)}`,
    );
  if (relation !== undefined && !(LEAD_RELATIONS as readonly unknown[]).includes(relation))
    return issue(
      "unknown_relation",
      ["relation"],
      `Unknown relation ${quoteValue(relation)}; expected one of ${LEAD_RELATIONS.join(", ")}`,
    );
  return undefined;
}
