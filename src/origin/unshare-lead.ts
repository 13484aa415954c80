import { err, type Issue, issue, ok, type Result } from "../internal/index.js";
import type { Lead } from "../model/index.js";
import {
  auditOf,
  closedIssue,
  type OwnershipChange,
  type OwnershipOptions,
  optionIssues,
  permissionIssue,
} from "./ownership-change.js";

/**
 * Options for {@link unshareLead}.
 *
 * @example
 * ```ts
 * import { type UnshareLeadOptions, unshareLead } from "leadkit/origin";
 *
 * const options: UnshareLeadOptions = { actor: "u-ana", now, userId: "u-bruno" };
 * const unshared = unshareLead(lead, options);
 * if (!unshared.ok) console.log(unshared.issues[0]?.message); // e.g. Bruno was not a collaborator
 * ```
 * @category Origin
 */
export interface UnshareLeadOptions extends OwnershipOptions {
  /** The collaborator to remove. */
  readonly userId: string;
}

/**
 * Stops sharing a lead with a collaborator. A collaborator may always remove themselves.
 *
 * @param lead - The lead; not modified.
 * @param options - Who acts, which collaborator to remove, when and why.
 * @returns The lead without that collaborator, plus an audit entry; or issues: `lead_closed`,
 *   `not_owner` / `not_allowed`, `not_shared` (the user is not a collaborator).
 * @example
 * ```ts
 * import { unshareLead } from "leadkit/origin";
 *
 * unshareLead(lead, { actor: "u-bruno", now: new Date(), userId: "u-bruno" }); // Bruno leaves the lead
 * ```
 * @category Origin
 */
export function unshareLead(lead: Lead, options: UnshareLeadOptions): Result<OwnershipChange> {
  const invalid = optionIssues(lead, options, ["userId"]);
  if (invalid.length > 0) return err(invalid);
  const leaving = options.actor === options.userId;
  const previous = lead.collaborators.find((c) => c.userId === options.userId);
  const issues: Issue[] = [
    ...closedIssue(lead, "unshare"),
    ...(leaving ? [] : permissionIssue(lead, "unshare", options)),
  ];
  if (previous === undefined)
    issues.push(issue("not_shared", ["userId"], `Lead "${lead.id}" is not shared with "${options.userId}"`));
  if (issues.length > 0 || previous === undefined) return err(issues);
  return ok({
    lead: {
      ...lead,
      collaborators: lead.collaborators.filter((c) => c.userId !== options.userId),
      updatedAt: options.now,
    },
    audit: auditOf(lead, "unshare", options, { userId: options.userId, previousAccess: previous.access }),
  });
}
