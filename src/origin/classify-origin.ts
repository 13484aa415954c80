import {
  describeValue,
  err,
  INPUT_LIMITS,
  type Issue,
  issue,
  ok,
  quoteValue,
  type Result,
  safeParseWith,
} from "../internal/index.js";
import { type CaptureFacts, captureFactsSchema } from "../model/index.js";
import {
  compileOriginRules,
  type OriginClassifier,
  type OriginContext,
  type OriginResult,
} from "./compile-origin-rules.js";
import { DEFAULT_ORIGIN_RULES } from "./default-origin-rules.js";
import { LEAD_RELATIONS } from "./vocabulary.js";

let compiledDefault: OriginClassifier | undefined;

/**
 * The classifier of {@link DEFAULT_ORIGIN_RULES}, compiled on first use and then shared.
 *
 * @returns The default classifier.
 * @example
 * ```ts
 * import { defaultOriginClassifier } from "leadkit/origin";
 *
 * defaultOriginClassifier().table.rules.length; // 19
 * ```
 * @category Origin
 */
export function defaultOriginClassifier(): OriginClassifier {
  compiledDefault ??= compileOriginRules(DEFAULT_ORIGIN_RULES);
  return compiledDefault;
}

/**
 * Classifies capture facts as active or passive — with the default rules unless a compiled table is
 * given — from one user's point of view. Takes the same parameters as {@link safeClassifyOrigin}.
 *
 * @param facts - How the lead was captured (typically `lead.capture`).
 * @param context - The user asking and their relation to the lead; defaults to the capturing user.
 * @param classifier - A compiled table; the default rules when left out.
 * @returns The origin, with labels and the rule that matched.
 * @throws `LeadKitError` (`invalid_input`) for a channel, initiator or manager outside the
 *   vocabulary; use {@link safeClassifyOrigin} for unvalidated input.
 * @example
 * ```ts
 * import { classifyOrigin } from "leadkit/origin";
 *
 * const origin = classifyOrigin(
 *   { channel: "form", initiator: { kind: "contact" }, capturePoint: { managedBy: "user", managerId: "u-ana" } },
 *   { userId: "u-ana" },
 * );
 * origin.kind; // "active" — a form on a landing page Ana manages
 * ```
 * @category Origin
 */
export function classifyOrigin(
  facts: CaptureFacts,
  context?: OriginContext,
  classifier: OriginClassifier = defaultOriginClassifier(),
): OriginResult {
  return classifier.classify(facts, context);
}

/**
 * Validates any value as capture facts, then classifies it; never throws.
 *
 * @param input - Any value, typically parsed JSON.
 * @param context - The user asking and their relation to the lead.
 * @param classifier - A compiled table; the default rules when left out.
 * @returns The origin, or issues with paths (e.g. `channel` for an unknown channel).
 * @example
 * ```ts
 * import { safeClassifyOrigin } from "leadkit/origin";
 *
 * safeClassifyOrigin({ channel: "fax", initiator: { kind: "contact" } }).ok; // false
 * ```
 * @category Origin
 */
export function safeClassifyOrigin(
  input: unknown,
  context?: OriginContext,
  classifier: OriginClassifier = defaultOriginClassifier(),
): Result<OriginResult> {
  const facts = safeParseWith(captureFactsSchema, input);
  if (!facts.ok) return facts;
  const problem = contextIssue(context);
  if (problem !== undefined) return err([problem]);
  return ok(classifier.classify(facts.value as CaptureFacts, context));
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
