import { type Issue, issue } from "../internal/index.js";
import type { AuditEntry, Lead, LeadStage } from "../model/index.js";
import {
  canPerformOnLead,
  DEFAULT_SHARING_POLICY,
  isTeamMember,
  type OwnershipOperation,
  type SharingPolicy,
} from "./sharing-policy.js";

/**
 * What every ownership operation needs: who acts, when, why, and under which policy.
 *
 * @example
 * ```ts
 * const options: OwnershipOptions = { actor: "u-ana", now: new Date(), reason: "Ana is on leave" };
 * ```
 * @category Origin
 */
export interface OwnershipOptions {
  /** The user performing the operation. */
  readonly actor: string;
  /** When it happens: written to `updatedAt` and to the audit entry. */
  readonly now: Date;
  /** Why, for the audit log. */
  readonly reason?: string;
  /** The team's policy; {@link DEFAULT_SHARING_POLICY} when left out. */
  readonly policy?: SharingPolicy;
}

/**
 * The outcome of an ownership operation: the changed lead and the audit entry to persist with it.
 *
 * @remarks
 * `lead.version` is left as it was: the repository bumps it when it saves the lead (optimistic
 * concurrency), and `audit.beforeVersion` records the version the change was made from.
 *
 * @example
 * ```ts
 * const result = shareLead(lead, { actor: "u-ana", now, userId: "u-bruno" });
 * if (result.ok) await save(result.value.lead, result.value.audit);
 * ```
 * @category Origin
 */
export interface OwnershipChange {
  /** The lead after the operation, with `updatedAt` set to `now`. */
  readonly lead: Lead;
  /** Who did what, when and why. */
  readonly audit: AuditEntry;
}

/** The stages in which a lead is closed and can no longer change hands. */
const closedStages: readonly LeadStage[] = ["customer", "lost", "disqualified", "archived"];

export function policyOf(options: OwnershipOptions): SharingPolicy {
  return options.policy ?? DEFAULT_SHARING_POLICY;
}

export function closedIssue(lead: Lead, operation: OwnershipOperation): Issue[] {
  return closedStages.includes(lead.stage)
    ? [
        issue(
          "lead_closed",
          ["stage"],
          `Lead "${lead.id}" is closed (stage "${lead.stage}"); ${operation} needs an open lead`,
        ),
      ]
    : [];
}

export function permissionIssue(
  lead: Lead,
  operation: OwnershipOperation,
  options: OwnershipOptions,
): Issue[] {
  const policy = policyOf(options);
  if (canPerformOnLead(lead, options.actor, operation, policy)) return [];
  const kind = lead.owner !== null && lead.owner === lead.generatedBy ? "active" : "passive";
  const allowed = policy[kind][operation];
  const who = allowed.length === 0 ? "nobody" : allowed.join(", ");
  const code = lead.owner !== null && lead.owner !== options.actor ? "not_owner" : "not_allowed";
  return [
    issue(
      code,
      ["actor"],
      `User "${options.actor}" may not ${operation} ${kind} lead "${lead.id}"${code === "not_owner" ? ` owned by "${lead.owner}"` : ""}; the policy allows: ${who}`,
    ),
  ];
}

export function unknownUserIssue(
  options: OwnershipOptions,
  userId: string,
  path: readonly (string | number)[],
): Issue[] {
  return isTeamMember(policyOf(options), userId)
    ? []
    : [
        issue(
          "unknown_user",
          path,
          `User "${userId}" is not a member of the team; expected one of the policy's members`,
        ),
      ];
}

export function auditOf(
  lead: Lead,
  action: OwnershipOperation,
  options: OwnershipOptions,
  details: AuditEntry["details"],
): AuditEntry {
  return {
    at: options.now,
    actor: options.actor,
    action,
    leadId: lead.id,
    ...(options.reason === undefined ? {} : { reason: options.reason }),
    beforeVersion: lead.version,
    ...(details === undefined ? {} : { details }),
  };
}

export function withoutPool(lead: Lead): Lead {
  const { pool: _pool, ...rest } = lead;
  return rest;
}
