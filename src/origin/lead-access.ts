import { type Issue, issue } from "../internal/index.js";
import type { CaptureFacts, Lead } from "../model/index.js";
import { leadVisibility } from "./lead-visibility.js";
import {
  type CompiledSharingPolicy,
  canPerformOnLead,
  DEFAULT_CAPTURE_ON_BEHALF,
  DEFAULT_PERSONAL_DATA_ROLES,
  DEFAULT_WORK_ROLES,
  isIntegration,
  isTeamMember,
  leadOwnershipKind,
  type PersonalDataRight,
  planOf,
  sharingRolesOf,
} from "./sharing-policy.js";
import { transferLead } from "./transfer-lead.js";

/**
 * Tells whether a policy lets an actor see a lead: integrations see every lead, users see the
 * leads {@link leadVisibility} lists for them.
 *
 * @param lead - The lead.
 * @param actor - The acting user or integration.
 * @param policy - The sharing policy, compiled with `compileSharingPolicy`.
 * @returns `true` when the actor may read the lead.
 * @example
 * ```ts
 * import { canSeeLead, compileSharingPolicy, DEFAULT_SHARING_POLICY } from "leadkit/origin";
 *
 * canSeeLead(lead, "system", compileSharingPolicy(DEFAULT_SHARING_POLICY)); // true: an integration
 * ```
 * @category Origin
 */
export function canSeeLead(lead: Lead, actor: string, policy: CompiledSharingPolicy): boolean {
  return isIntegration(policy, actor) || leadVisibility(lead, actor, policy) !== null;
}

/**
 * Tells whether a policy lets an actor work a lead — record interactions, move it through the
 * lifecycle, qualify it, re-score it, merge it: integrations always, users when one of their roles
 * toward the lead is in the policy's `work` list for the lead's ownership kind
 * ({@link DEFAULT_WORK_ROLES} — owner, editing collaborator, manager — when the policy has none).
 *
 * @param lead - The lead.
 * @param actor - The acting user or integration.
 * @param policy - The sharing policy, compiled with `compileSharingPolicy`.
 * @returns `true` when the actor may change the lead's data.
 * @example
 * ```ts
 * import { canWorkLead, compileSharingPolicy, DEFAULT_SHARING_POLICY } from "leadkit/origin";
 *
 * declare const leadSharedWithBrunoForViewing: import("leadkit").Lead;
 * canWorkLead(leadSharedWithBrunoForViewing, "u-bruno", compileSharingPolicy(DEFAULT_SHARING_POLICY)); // false: a viewer
 * ```
 * @category Origin
 */
export function canWorkLead(lead: Lead, actor: string, policy: CompiledSharingPolicy): boolean {
  if (isIntegration(policy, actor)) return true;
  const granted = planOf(policy).policy[leadOwnershipKind(lead)].work ?? DEFAULT_WORK_ROLES;
  return sharingRolesOf(lead, actor, policy).some((role) => granted.includes(role));
}

/**
 * Tells whether a policy lets an actor erase or export the personal data of a lead's contact: one
 * of their roles toward the lead is in the policy's `erase` or `export` list for the lead's
 * ownership kind ({@link DEFAULT_PERSONAL_DATA_ROLES} when the policy has none). Unlike
 * {@link canWorkLead}, integrations are not granted it by default unless the list names
 * `"integration"` (the default lists do).
 *
 * @param lead - The lead.
 * @param actor - The acting user or integration.
 * @param right - `"erase"` or `"export"`.
 * @param policy - The sharing policy, compiled with `compileSharingPolicy`.
 * @returns `true` when the actor holds the right.
 * @example
 * ```ts
 * import { canHandlePersonalData, compileSharingPolicy, DEFAULT_SHARING_POLICY } from "leadkit/origin";
 *
 * canHandlePersonalData(lead, "u-marta", "erase", compileSharingPolicy({ ...DEFAULT_SHARING_POLICY, managers: ["u-marta"] })); // true
 * canHandlePersonalData(lead, lead.owner ?? "", "erase", compileSharingPolicy(DEFAULT_SHARING_POLICY)); // false: owners export, managers erase
 * ```
 * @category Origin
 */
export function canHandlePersonalData(
  lead: Lead,
  actor: string,
  right: PersonalDataRight,
  policy: CompiledSharingPolicy,
): boolean {
  const granted = planOf(policy).policy[leadOwnershipKind(lead)][right] ?? DEFAULT_PERSONAL_DATA_ROLES[right];
  return sharingRolesOf(lead, actor, policy).some((role) => granted.includes(role));
}

/**
 * Tells whether a policy lets an actor learn that a lead they may not see exists (the policy's
 * `hiddenLeads` is `"reveal"`); by default (`"conceal"`) they may not.
 *
 * @param policy - The sharing policy, compiled with `compileSharingPolicy`.
 * @returns `true` when hidden leads may be named.
 * @example
 * ```ts
 * import { compileSharingPolicy, DEFAULT_SHARING_POLICY, revealsHiddenLeads } from "leadkit/origin";
 *
 * revealsHiddenLeads(compileSharingPolicy({ ...DEFAULT_SHARING_POLICY, hiddenLeads: "reveal" })); // true
 * ```
 * @category Origin
 */
export function revealsHiddenLeads(policy: CompiledSharingPolicy): boolean {
  return planOf(policy).policy.hiddenLeads === "reveal";
}

/**
 * What a capture says about people, checked by {@link captureAccessIssues}.
 *
 * @example
 * ```ts
 * import { type CaptureClaims, captureAccessIssues, compileSharingPolicy, DEFAULT_SHARING_POLICY } from "leadkit/origin";
 *
 * // Bruno may not record a call as Ana's, nor make her the owner, unless he is a manager.
 * const claims: CaptureClaims = { capture: { channel: "call", initiator: { kind: "user", userId: "u-ana" } }, owner: "u-ana" };
 * const policy = compileSharingPolicy({ ...DEFAULT_SHARING_POLICY, members: ["u-ana", "u-bruno"] });
 * captureAccessIssues("u-bruno", claims, policy).map((i) => i.code);
 * ```
 * @category Origin
 */
export interface CaptureClaims {
  /** How the lead was captured: its user initiator and its user-managed capture point get the credit. */
  readonly capture: CaptureFacts;
  /** The owner the capture asks for, if any. */
  readonly owner?: string | undefined;
}

/**
 * Checks that a policy lets an actor capture a lead with these claims: the actor must be a team
 * member or an integration, and every user the capture credits or assigns — the initiating user,
 * the manager of a user-managed capture point (either becomes `generatedBy`), the requested owner —
 * must be the actor, unless one of the actor's roles is in the policy's `captureOnBehalf`
 * ({@link DEFAULT_CAPTURE_ON_BEHALF}: managers and integrations). An owner must be a team member.
 *
 * @param actor - The acting user or integration.
 * @param claims - The capture facts and the requested owner.
 * @param policy - The sharing policy, compiled with `compileSharingPolicy`.
 * @returns No issues when allowed; else `forbidden` issues with the path of each forged field, or
 *   `unknown_user` for an owner outside the team.
 * @example
 * ```ts
 * import { captureAccessIssues, compileSharingPolicy, DEFAULT_SHARING_POLICY } from "leadkit/origin";
 *
 * const team = compileSharingPolicy({ ...DEFAULT_SHARING_POLICY, members: ["u-ana", "u-bruno"] });
 * captureAccessIssues("u-bruno", { capture: { channel: "call", initiator: { kind: "user", userId: "u-ana" } } }, team);
 * // [{ code: "forbidden", path: ["capture", "initiator", "userId"], … }] — Bruno may not credit Ana
 * ```
 * @category Origin
 */
export function captureAccessIssues(
  actor: string,
  claims: CaptureClaims,
  policy: CompiledSharingPolicy,
): Issue[] {
  const integration = isIntegration(policy, actor);
  const member = isTeamMember(policy, actor);
  if (!integration && !member) {
    return [
      issue(
        "forbidden",
        ["actor"],
        `User "${actor}" is not a member of the team; only members and integrations capture leads.`,
      ),
    ];
  }
  const plan = planOf(policy);
  const onBehalf = plan.policy.captureOnBehalf ?? DEFAULT_CAPTURE_ON_BEHALF;
  const may =
    (integration && onBehalf.includes("integration")) ||
    (plan.managers.has(actor) && onBehalf.includes("manager")) ||
    (member && onBehalf.includes("member"));
  const issues: Issue[] = [];
  const named: [readonly (string | number)[], string | undefined][] = [
    [
      ["capture", "initiator", "userId"],
      claims.capture.initiator.kind === "user" ? claims.capture.initiator.userId : undefined,
    ],
    [
      ["capture", "capturePoint", "managerId"],
      claims.capture.capturePoint?.managedBy === "user" ? claims.capture.capturePoint.managerId : undefined,
    ],
    [["owner"], claims.owner],
  ];
  for (const [path, user] of named) {
    if (user === undefined || user === actor || may) continue;
    issues.push(
      issue(
        "forbidden",
        path,
        `User "${actor}" may not capture a lead credited to or owned by "${user}"; expected "${actor}" (only ${onBehalf.join(" and ") || "nobody"} may capture on behalf of others).`,
      ),
    );
  }
  if (claims.owner !== undefined && !isTeamMember(policy, claims.owner))
    issues.push(
      issue(
        "unknown_user",
        ["owner"],
        `User "${claims.owner}" is not a member of the team; expected one of the policy's members as owner.`,
      ),
    );
  return issues;
}

/**
 * Checks that a policy lets an actor merge leads into a merged result: the actor must work every
 * lead ({@link canWorkLead}); every absorbed lead whose owner is not the merged lead's owner
 * changes hands, so the actor needs the right to transfer it; and the survivor changes only as the
 * actor could change it by hand:
 *
 * - its owner only as a transfer of the survivor by the actor to that owner would ({@link transferLead}
 *   succeeds), so a padded lead cannot win the survivor ranking to take someone else's lead over;
 * - a holder it gains (a collaborator of an absorbed lead, an absorbed lead's owner or generator,
 *   or a viewer who becomes an editor) only if the actor may `share` the survivor, so a merge
 *   cannot give anyone access that `share` would refuse — the merge is refused rather than the
 *   holders dropped, since dropping them would take their access to the absorbed record away;
 * - its generator (the credit for the lead, which also makes a passive lead active) only if the
 *   actor may `transfer` the survivor, so nobody gains credit for someone else's lead by merging.
 *
 * Integrations, which work every lead, may do all of this.
 *
 * @param leads - The leads being merged, as read.
 * @param merged - The merged lead (the survivor's id), e.g. from `mergeLeads`.
 * @param actor - The acting user or integration.
 * @param policy - The sharing policy, compiled with `compileSharingPolicy`.
 * @param now - The time of the merge.
 * @returns No issues when allowed; else `forbidden` issues naming each lead and the right missing.
 * @example
 * ```ts
 * import { mergeLeads } from "leadkit";
 * import { compileSharingPolicy, DEFAULT_SHARING_POLICY, mergeAccessIssues } from "leadkit/origin";
 *
 * declare const mine: import("leadkit").Lead;
 * declare const anas: import("leadkit").Lead;
 * const policy = compileSharingPolicy({ ...DEFAULT_SHARING_POLICY, members: ["u-ana", "u-bruno"] });
 * const merged = mergeLeads([mine, anas], { now });
 * if (merged.ok) mergeAccessIssues([mine, anas], merged.value.lead, "u-bruno", policy, now); // forbidden unless Bruno may transfer Ana's lead
 * ```
 * @category Origin
 */
export function mergeAccessIssues(
  leads: readonly Lead[],
  merged: Lead,
  actor: string,
  policy: CompiledSharingPolicy,
  now: Date,
): Issue[] {
  const issues: Issue[] = [];
  leads.forEach((lead, index) => {
    if (!canWorkLead(lead, actor, policy)) {
      issues.push(
        issue(
          "forbidden",
          ["leadIds", index],
          `User "${actor}" may not work lead "${lead.id}", so may not merge it; the sharing policy does not allow it.`,
        ),
      );
      return;
    }
    if (lead.id === merged.id) {
      issues.push(...survivorChangeIssues(lead, merged, actor, policy, now, index));
      return;
    }
    if (lead.owner === merged.owner || canPerformOnLead(lead, actor, "transfer", policy)) return;
    const granted = planOf(policy).policy[leadOwnershipKind(lead)].transfer;
    issues.push(
      issue(
        "forbidden",
        ["leadIds", index],
        `Merging would take lead "${lead.id}" from ${lead.owner === null ? "its pool" : `"${lead.owner}"`} into a lead owned by ${merged.owner === null ? "nobody" : `"${merged.owner}"`}; user "${actor}" may not transfer it (the policy allows: ${granted.join(", ") || "nobody"}).`,
      ),
    );
  });
  return issues;
}

/** Why a merge may not change its survivor this way: owner, holders and credit (see {@link mergeAccessIssues}). */
function survivorChangeIssues(
  survivor: Lead,
  merged: Lead,
  actor: string,
  policy: CompiledSharingPolicy,
  now: Date,
  index: number,
): Issue[] {
  const issues: Issue[] = [];
  const path = ["leadIds", index];
  if (survivor.owner !== merged.owner && merged.owner !== null) {
    const transfer = transferLead(survivor, { actor, now, policy, to: merged.owner });
    if (!transfer.ok)
      issues.push(
        issue(
          "forbidden",
          path,
          `Merging would make "${merged.owner}" the owner of lead "${survivor.id}", which user "${actor}" may not do by a transfer: ${transfer.issues.map((i) => i.message).join("; ")}.`,
        ),
      );
  }
  if (isIntegration(policy, actor)) return issues;
  const before = new Map(survivor.collaborators.map((c) => [c.userId, c.access]));
  const gained = merged.collaborators
    .filter((c) => {
      const had = before.get(c.userId);
      return c.userId !== survivor.owner && (had === undefined || (had === "view" && c.access === "edit"));
    })
    .map((c) => c.userId);
  if (gained.length > 0 && !canPerformOnLead(survivor, actor, "share", policy)) {
    const granted = planOf(policy).policy[leadOwnershipKind(survivor)].share;
    issues.push(
      issue(
        "forbidden",
        path,
        `Merging would give ${gained
          .slice(0, 5)
          .map((u) => `"${u}"`)
          .join(
            ", ",
          )}${gained.length > 5 ? ` and ${gained.length - 5} more` : ""} access to lead "${survivor.id}", which user "${actor}" may not share (the policy allows: ${granted.join(", ") || "nobody"}); ask one of them to merge, or unshare the absorbed leads first.`,
      ),
    );
  }
  if (
    (merged.generatedBy ?? null) !== (survivor.generatedBy ?? null) &&
    !canPerformOnLead(survivor, actor, "transfer", policy)
  ) {
    const granted = planOf(policy).policy[leadOwnershipKind(survivor)].transfer;
    issues.push(
      issue(
        "forbidden",
        path,
        `Merging would credit lead "${survivor.id}" to ${merged.generatedBy === null ? "nobody" : `"${merged.generatedBy}"`} instead of ${survivor.generatedBy === null ? "nobody" : `"${survivor.generatedBy}"`}; user "${actor}" may not change who generated it (the policy allows: ${granted.join(", ") || "nobody"}).`,
      ),
    );
  }
  return issues;
}
