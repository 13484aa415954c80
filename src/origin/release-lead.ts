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
 * Options for {@link releaseLead}.
 *
 * @example
 * ```ts
 * import { type ReleaseLeadOptions, releaseLead } from "leadkit/origin";
 *
 * const options: ReleaseLeadOptions = { actor: "u-ana", now, pool: "inbound", reason: "No time this month" };
 * const released = releaseLead(lead, options);
 * if (released.ok) released.value.lead.owner; // null: the lead waits in the "inbound" pool
 * ```
 * @category Origin
 */
export interface ReleaseLeadOptions extends OwnershipOptions {
  /** The pool to put it in; the lead's current `pool`, if any, when left out. */
  readonly pool?: string;
}

/**
 * Releases a lead to a shared pool: it loses its owner so a teammate can claim it. Collaborators and
 * the generator are kept.
 *
 * @param lead - An owned lead; not modified.
 * @param options - Who releases it, to which pool, when and why.
 * @returns The unowned lead, plus an audit entry; or issues: `lead_closed`, `not_owner` /
 *   `not_allowed`, `already_in_pool` (it has no owner).
 * @example
 * ```ts
 * import { releaseLead } from "leadkit/origin";
 *
 * releaseLead(lead, { actor: "u-ana", now: new Date(), pool: "inbound" });
 * ```
 * @category Origin
 */
export function releaseLead(lead: Lead, options: ReleaseLeadOptions): Result<OwnershipChange> {
  const invalid = optionIssues(lead, options, options?.pool === undefined ? [] : ["pool"]);
  if (invalid.length > 0) return err(invalid);
  const issues: Issue[] = [...closedIssue(lead, "release")];
  if (lead.owner === null)
    issues.push(
      issue("already_in_pool", ["owner"], `Lead "${lead.id}" has no owner; it is already in a pool`),
    );
  else issues.push(...permissionIssue(lead, "release", options));
  if (issues.length > 0) return err(issues);
  const pool = options.pool ?? lead.pool;
  return ok({
    lead: { ...lead, owner: null, ...(pool === undefined ? {} : { pool }), updatedAt: options.now },
    audit: auditOf(lead, "release", options, { from: lead.owner, pool: pool ?? null }),
  });
}
