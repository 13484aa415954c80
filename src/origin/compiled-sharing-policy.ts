// The prepared part of a compiled sharing policy, shared by the policy's checks and the ownership
// operations. Generic over the policy's type so that it imports nothing from sharing-policy.ts,
// which reads plans through it (the public types live there).

import { describeValue, type Issue, issue, LeadKitError } from "../internal/index.js";

/** The user lists a plan is built from. */
interface Lists {
  readonly managers: readonly string[];
  readonly members?: readonly string[] | undefined;
  readonly integrations?: readonly string[] | undefined;
}

/** What a compiled policy's plan holds. */
export interface Plan<P extends Lists> {
  readonly policy: P;
  readonly managers: ReadonlySet<string>;
  /** `null` when the policy lists no members (any user id is accepted). */
  readonly members: ReadonlySet<string> | null;
  readonly integrations: ReadonlySet<string>;
}

/**
 * Prepares a policy known to be valid (validated and frozen by the caller, or the built-in
 * default, which a test proves valid): its user lists as sets.
 */
export function buildPlan<P extends Lists>(definition: P): Plan<P> {
  return Object.freeze({
    policy: definition,
    managers: new Set(definition.managers),
    members: definition.members === undefined ? null : new Set(definition.members),
    integrations: new Set(definition.integrations ?? []),
  });
}

/** The plan of a compiled policy, or `undefined` for anything else (a plain policy, a value from JSON). */
export function readSharingPlan<P extends Lists>(policy: unknown): Plan<P> | undefined {
  const plan = (policy as { readonly plan?: unknown } | null | undefined)?.plan as
    | Partial<Plan<P>>
    | null
    | undefined;
  return plan !== null && typeof plan === "object" && plan.managers instanceof Set
    ? (plan as Plan<P>)
    : undefined;
}

/** The issue for a value that is not a compiled policy, at `path`. */
export function notCompiledPolicyIssue(policy: unknown, path: readonly (string | number)[]): Issue {
  return issue(
    "invalid_type",
    path,
    `Expected a sharing policy from compileSharingPolicy(); got ${describeValue(policy)}`,
  );
}

/** The plan of a compiled policy; throws `invalid_input` naming `compileSharingPolicy` for anything else. */
export function sharingPlanOf<P extends Lists>(policy: { readonly plan: unknown }): Plan<P> {
  const plan = readSharingPlan<P>(policy);
  if (plan === undefined) {
    const problem = notCompiledPolicyIssue(policy, ["policy"]);
    throw new LeadKitError("invalid_input", problem.message, [problem]);
  }
  return plan;
}
