import { describeValue, err, type Issue, issue, ok, type Result } from "../internal/index.js";
import type { Lead } from "../model/index.js";
import {
  auditOf,
  closedIssue,
  type OwnershipChange,
  type OwnershipOptions,
  optionIssues,
  permissionIssue,
  unknownUserIssue,
} from "./ownership-change.js";

/**
 * Options for {@link shareLead}.
 *
 * @example
 * ```ts
 * import { type ShareLeadOptions, shareLead } from "leadkit/origin";
 *
 * // Bruno may look, not change.
 * const options: ShareLeadOptions = { actor: "u-ana", now, userId: "u-bruno", access: "view" };
 * const shared = shareLead(lead, options);
 * if (shared.ok) shared.value.lead.collaborators; // [..., { userId: "u-bruno", access: "view", … }]
 * ```
 * @category Origin
 */
export interface ShareLeadOptions extends OwnershipOptions {
  /** The user to share the lead with. */
  readonly userId: string;
  /** `edit` (work the lead: contact it, refer it on) or `view`; `edit` when left out. */
  readonly access?: "edit" | "view";
}

/**
 * Shares a lead with a collaborator (or changes a collaborator's access). The owner keeps the lead;
 * for the collaborator it becomes a passive "shared" lead.
 *
 * @param lead - The lead to share; not modified.
 * @param options - Who shares, with whom, which access, when and why.
 * @returns The lead with the collaborator, plus an audit entry; or issues: `lead_closed`,
 *   `not_owner` / `not_allowed` (the policy does not let the actor share), `unknown_user`,
 *   `already_owner` (sharing with the owner), `already_shared` (same access already).
 * @example
 * ```ts
 * import { shareLead } from "leadkit/origin";
 *
 * const result = shareLead(lead, { actor: "u-ana", now: new Date(), userId: "u-bruno" });
 * if (result.ok) result.value.lead.collaborators; // [{ userId: "u-bruno", access: "edit" }]
 * ```
 * @category Origin
 */
export function shareLead(lead: Lead, options: ShareLeadOptions): Result<OwnershipChange> {
  const invalid = optionIssues(lead, options, ["userId"]);
  if (
    invalid.length === 0 &&
    options.access !== undefined &&
    options.access !== "edit" &&
    options.access !== "view"
  )
    invalid.push(
      issue(
        "invalid_value",
        ["access"],
        `access must be "edit" or "view"; got ${describeValue(options.access)}`,
      ),
    );
  if (invalid.length > 0) return err(invalid);
  const access = options.access ?? "edit";
  const previous = lead.collaborators.find((c) => c.userId === options.userId);
  const issues: Issue[] = [
    ...closedIssue(lead, "share"),
    ...permissionIssue(lead, "share", options),
    ...unknownUserIssue(options, options.userId, ["userId"]),
  ];
  if (lead.owner === options.userId)
    issues.push(
      issue(
        "already_owner",
        ["userId"],
        `User "${options.userId}" owns lead "${lead.id}"; share it with someone else`,
      ),
    );
  if (previous?.access === access)
    issues.push(
      issue(
        "already_shared",
        ["userId"],
        `Lead "${lead.id}" is already shared with "${options.userId}" with ${access} access`,
      ),
    );
  if (issues.length > 0) return err(issues);
  const collaborators =
    previous === undefined
      ? [...lead.collaborators, { userId: options.userId, access }]
      : lead.collaborators.map((c) => (c.userId === options.userId ? { userId: c.userId, access } : c));
  return ok({
    lead: { ...lead, collaborators, updatedAt: options.now },
    audit: auditOf(lead, "share", options, {
      userId: options.userId,
      access,
      previousAccess: previous?.access ?? null,
    }),
  });
}
