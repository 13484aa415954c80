import { err, issue, ok, type Result } from "../internal/index.js";
import type { Lead } from "../model/index.js";
import { auditOf, type OwnershipChange, withoutPool } from "./ownership-change.js";
import { type HandOverOptions, handOverIssues } from "./transfer-lead.js";

/**
 * Refers (derives) a lead to another user: they become its owner and the lead records who referred
 * it (`capture.referredBy`), so it reads "Lead derivado" for them while its generator is kept.
 *
 * @param lead - The lead; not modified.
 * @param options - Who refers it, to whom, when and why.
 * @returns The referred lead, plus an audit entry; or issues: `lead_closed`, `not_owner` /
 *   `not_allowed` (also for a referral to oneself), `unknown_user`, `already_owner`.
 * @example
 * ```ts
 * import { compileOriginRules, DEFAULT_ORIGIN_RULES, originForUser, referLead } from "leadkit/origin";
 *
 * const rules = compileOriginRules(DEFAULT_ORIGIN_RULES);
 * const result = referLead(lead, { actor: "u-ana", now: new Date(), to: "u-bruno", reason: "Bruno covers Valencia" });
 * if (result.ok) originForUser(rules, result.value.lead, "u-bruno").label.es; // "Lead derivado"
 * ```
 * @category Origin
 */
export function referLead(lead: Lead, options: HandOverOptions): Result<OwnershipChange> {
  const issues = handOverIssues(lead, "refer", options);
  // Options that failed validation (even `null`) are not read further.
  if (issues.length > 0) return err(issues);
  // A referral hands a lead to someone else: referring it to oneself would be a takeover that
  // drops its owner, which the policy grants only as a transfer.
  if (options.to === options.actor && lead.owner !== options.to)
    return err([
      issue(
        "not_allowed",
        ["to"],
        `User "${options.actor}" may not refer lead "${lead.id}" to themselves; a referral hands a lead to another user (ask for a transfer instead)`,
      ),
    ]);
  return ok({
    lead: {
      ...withoutPool(lead),
      owner: options.to,
      capture: { ...lead.capture, referredBy: options.actor },
      collaborators: lead.collaborators.filter((c) => c.userId !== options.to),
      updatedAt: options.now,
    },
    audit: auditOf(lead, "refer", options, {
      from: lead.owner,
      to: options.to,
      generatedBy: lead.generatedBy,
    }),
  });
}
