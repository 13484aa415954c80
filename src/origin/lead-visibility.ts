import type { Lead } from "../model/index.js";
import { isTeamMember, type LeadList, leadOwnershipKind, type SharingPolicy } from "./sharing-policy.js";

/**
 * Tells in which list a lead appears for a user (docs/origin.md): active leads in their holder's personal
 * prospecting list, leads shared with the user in "shared with me", passive and pool leads in the
 * team's shared list or the public list as the policy says; managers see every team lead.
 *
 * @param lead - The lead.
 * @param userId - The user looking.
 * @param policy - The team's sharing policy.
 * @returns The list, or `null` when the user does not see the lead.
 * @example
 * ```ts
 * import { DEFAULT_SHARING_POLICY, leadVisibility } from "leadkit/origin";
 *
 * leadVisibility(lead, "u-ana", DEFAULT_SHARING_POLICY); // "personal" — Ana generated and holds it
 * ```
 * @category Origin
 */
export function leadVisibility(lead: Lead, userId: string, policy: SharingPolicy): LeadList | null {
  const member = isTeamMember(policy, userId);
  if (lead.owner === null) {
    if (policy.visibility.pool === "public") return "public";
    return member ? "team" : null;
  }
  const passiveList = policy.visibility.passive;
  const passive = leadOwnershipKind(lead) === "passive";
  if (lead.owner === userId) return passive ? passiveList : "personal";
  if (lead.collaborators.some((c) => c.userId === userId)) return "shared_with_me";
  if (passive && passiveList === "public") return "public";
  if (passive && passiveList === "team" && member) return "team";
  return policy.managers.includes(userId) ? "team" : null;
}
