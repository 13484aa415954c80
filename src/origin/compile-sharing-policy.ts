import { deepFreeze, ok, type Result, unwrapOrThrow } from "../internal/index.js";
import {
  buildSharingPolicy,
  type CompiledSharingPolicy,
  type SharingPolicy,
  safeParseSharingPolicy,
} from "./sharing-policy.js";

/**
 * Validates any value as a sharing policy and prepares it for the access checks; never throws.
 *
 * @param input - A policy (`DEFAULT_SHARING_POLICY`, a copy of it, one of yours), or any value from JSON.
 * @returns The {@link CompiledSharingPolicy}, or the issues `safeParseSharingPolicy` finds.
 * @example
 * ```ts
 * import { safeCompileSharingPolicy } from "leadkit/origin";
 *
 * declare const text: string;
 * const policy = safeCompileSharingPolicy(JSON.parse(text));
 * if (!policy.ok) for (const i of policy.issues) console.error(i.path.join("."), i.message);
 * ```
 * @category Origin
 */
export function safeCompileSharingPolicy(input: unknown): Result<CompiledSharingPolicy> {
  const parsed = safeParseSharingPolicy(input);
  // The parsed value is a copy: freezing it leaves the caller's object alone.
  return parsed.ok ? ok(buildSharingPolicy(deepFreeze(parsed.value))) : parsed;
}

/**
 * Validates a sharing policy and prepares it for the access checks: compile once per team, then
 * pass the result to `canSeeLead`, `canWorkLead`, `leadVisibility`, the ownership operations
 * (`options.policy`) and the service (`config.policy`).
 *
 * @param policy - The policy, as data.
 * @returns The {@link CompiledSharingPolicy}.
 * @throws `LeadKitError` with code `invalid_definition` and the issues of
 *   {@link safeCompileSharingPolicy} when the policy is not valid.
 * @example
 * ```ts
 * import { compileSharingPolicy, DEFAULT_SHARING_POLICY, shareLead } from "leadkit/origin";
 *
 * const policy = compileSharingPolicy({ ...DEFAULT_SHARING_POLICY, managers: ["u-marta"], members: ["u-ana", "u-bruno"] });
 * shareLead(lead, { actor: "u-ana", now, userId: "u-bruno", policy });
 * ```
 * @category Origin
 */
export function compileSharingPolicy(policy: SharingPolicy): CompiledSharingPolicy {
  return unwrapOrThrow(safeCompileSharingPolicy(policy), "sharing policy", "invalid_definition");
}
