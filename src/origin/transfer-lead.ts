import { err, type Issue, issue, ok, type Result } from "../internal/index.js";
import type { Lead } from "../model/index.js";
import {
  auditOf,
  closedIssue,
  type OwnershipChange,
  type OwnershipOptions,
  optionIssues,
  permissionIssue,
  unknownUserIssue,
  withoutPool,
} from "./ownership-change.js";

/**
 * Options for {@link transferLead} and {@link referLead}.
 *
 * @example
 * ```ts
 * import { type HandOverOptions, transferLead } from "leadkit/origin";
 *
 * const options: HandOverOptions = { actor: "u-marta", now, to: "u-bruno", reason: "Ana is on leave" };
 * const moved = transferLead(lead, options);
 * if (moved.ok) moved.value.audit.action; // "transfer", for the audit log
 * ```
 * @category Origin
 */
export interface HandOverOptions extends OwnershipOptions {
  /** The user who becomes the owner. */
  readonly to: string;
}

/**
 * The issues shared by transfer and refer: closed lead, permission, unknown target, same owner.
 */
export function handOverIssues(
  lead: Lead,
  operation: "transfer" | "refer",
  options: HandOverOptions,
): Issue[] {
  const invalid = optionIssues(lead, options, ["to"]);
  if (invalid.length > 0) return invalid;
  const issues: Issue[] = [
    ...closedIssue(lead, operation),
    ...permissionIssue(lead, operation, options),
    ...unknownUserIssue(options, options.to, ["to"]),
  ];
  if (lead.owner === options.to)
    issues.push(issue("already_owner", ["to"], `User "${options.to}" already owns lead "${lead.id}"`));
  return issues;
}

/**
 * Hands a lead over to a new owner from a pool or from its owner, as an administrative
 * reassignment (e.g. the owner is on leave). Who generated it and how it was captured stay as they
 * were; the new owner loses any collaborator entry, and the lead leaves its pool.
 *
 * @param lead - The lead; not modified.
 * @param options - Who acts, the new owner, when and why.
 * @returns The lead with its new owner, plus an audit entry; or issues: `lead_closed`, `not_owner` /
 *   `not_allowed`, `unknown_user`, `already_owner`.
 * @example
 * ```ts
 * import { transferLead } from "leadkit/origin";
 *
 * transferLead(lead, { actor: "u-marta", now: new Date(), to: "u-bruno", reason: "Ana is on leave" });
 * ```
 * @category Origin
 */
export function transferLead(lead: Lead, options: HandOverOptions): Result<OwnershipChange> {
  const issues = handOverIssues(lead, "transfer", options);
  if (issues.length > 0) return err(issues);
  return ok({
    lead: {
      ...withoutPool(lead),
      owner: options.to,
      collaborators: lead.collaborators.filter((c) => c.userId !== options.to),
      updatedAt: options.now,
    },
    audit: auditOf(lead, "transfer", options, { from: lead.owner, to: options.to, pool: lead.pool ?? null }),
  });
}
