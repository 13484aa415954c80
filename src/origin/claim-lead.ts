import { err, type Issue, issue, ok, type Result } from "../internal/index.js";
import type { Lead } from "../model/index.js";
import {
  auditOf,
  closedIssue,
  type OwnershipChange,
  type OwnershipOptions,
  optionIssues,
  permissionIssue,
  withoutPool,
} from "./ownership-change.js";

/**
 * Claims a lead from a shared pool: the actor becomes its owner and it leaves the pool.
 *
 * @param lead - A lead without owner; not modified.
 * @param options - Who claims it, when and why.
 * @returns The claimed lead, plus an audit entry; or issues: `lead_closed`, `not_allowed` (the
 *   policy does not let the actor claim), `already_owner`, `not_in_pool` (someone owns it).
 * @example
 * ```ts
 * import { claimLead } from "leadkit/origin";
 *
 * declare const poolLead: import("leadkit").Lead;
 * claimLead(poolLead, { actor: "u-bruno", now: new Date() });
 * ```
 * @category Origin
 */
export function claimLead(lead: Lead, options: OwnershipOptions): Result<OwnershipChange> {
  const invalid = optionIssues(lead, options);
  if (invalid.length > 0) return err(invalid);
  const issues: Issue[] = [...closedIssue(lead, "claim")];
  if (lead.owner === options.actor)
    issues.push(issue("already_owner", ["actor"], `User "${options.actor}" already owns lead "${lead.id}"`));
  else if (lead.owner !== null)
    issues.push(
      issue(
        "not_in_pool",
        ["owner"],
        `Lead "${lead.id}" is owned by "${lead.owner}", not in a pool; only a lead without owner can be claimed`,
      ),
    );
  else issues.push(...permissionIssue(lead, "claim", options));
  if (issues.length > 0) return err(issues);
  return ok({
    lead: { ...withoutPool(lead), owner: options.actor, updatedAt: options.now },
    audit: auditOf(lead, "claim", options, { pool: lead.pool ?? null }),
  });
}
