import type { Lead } from "../model/index.js";
import {
  type CompiledSharingPolicy,
  isTeamMember,
  type LeadList,
  leadOwnershipKind,
  planOf,
} from "./sharing-policy.js";

/**
 * Tells in which list a lead appears for a user (docs/origin.md): active leads in their holder's personal
 * prospecting list, leads shared with the user in "shared with me", passive and pool leads in the
 * team's shared list or the public list as the policy says; managers see every team lead.
 *
 * @param lead - The lead.
 * @param userId - The user looking.
 * @param policy - The team's sharing policy, compiled with `compileSharingPolicy`.
 * @returns The list, or `null` when the user does not see the lead.
 * @example
 * ```ts
 * import { compileSharingPolicy, DEFAULT_SHARING_POLICY, leadVisibility } from "leadkit/origin";
 *
 * leadVisibility(lead, "u-ana", compileSharingPolicy(DEFAULT_SHARING_POLICY)); // "personal" — Ana generated and holds it
 * ```
 * @category Origin
 */
export function leadVisibility(lead: Lead, userId: string, policy: CompiledSharingPolicy): LeadList | null {
  const plan = planOf(policy);
  const member = isTeamMember(policy, userId);
  if (lead.owner === null) {
    if (plan.policy.visibility.pool === "public") return "public";
    return member ? "team" : null;
  }
  const passiveList = plan.policy.visibility.passive;
  const passive = leadOwnershipKind(lead) === "passive";
  if (lead.owner === userId) return passive ? passiveList : "personal";
  if (lead.collaborators.some((c) => c.userId === userId)) return "shared_with_me";
  if (passive && passiveList === "public") return "public";
  if (passive && passiveList === "team" && member) return "team";
  return plan.managers.has(userId) ? "team" : null;
}
