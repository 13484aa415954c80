import { dateIssue, describeValue, INPUT_LIMITS, type Issue, issue, isValidDate } from "../internal/index.js";
import type { AuditEntry, Lead, LeadStage } from "../model/index.js";
import { notCompiledPolicyIssue, readSharingPlan } from "./compiled-sharing-policy.js";
import {
  buildSharingPolicy,
  type CompiledSharingPolicy,
  canPerformOnLead,
  DEFAULT_SHARING_POLICY,
  isTeamMember,
  type OwnershipOperation,
  planOf,
} from "./sharing-policy.js";

/**
 * What every ownership operation needs: who acts, when, why, and under which policy.
 *
 * @example
 * ```ts
 * import { claimLead, type OwnershipOptions } from "leadkit/origin";
 *
 * // Bruno takes a lead from the pool; the reason goes to the audit entry.
 * const options: OwnershipOptions = { actor: "u-bruno", now, reason: "Lives in my region" };
 * const claimed = claimLead(lead, options);
 * if (claimed.ok) claimed.value.audit.reason; // "Lives in my region"
 * ```
 * @category Origin
 */
export interface OwnershipOptions {
  /** The user performing the operation; not blank, at most 200 characters. */
  readonly actor: string;
  /** When it happens: written to `updatedAt` and to the audit entry; a valid Date. */
  readonly now: Date;
  /** Why, for the audit log. */
  readonly reason?: string;
  /**
   * The team's policy, compiled with `compileSharingPolicy`; {@link DEFAULT_SHARING_POLICY} when
   * left out.
   */
  readonly policy?: CompiledSharingPolicy;
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
 * import { shareLead } from "leadkit/origin";
 *
 * declare function save(lead: import("leadkit").Lead, audit: import("leadkit").AuditEntry): Promise<void>;
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

/**
 * The issues with an operation's options, checked before anything else so that no bad value reaches
 * the lead or the audit entry: `actor` and the options named in `ids` must be non-blank ids, `now` a
 * valid Date, `reason` text; `invalid_type`, `too_small` or `too_big` with the option's path.
 */
export function optionIssues(lead: Lead, options: OwnershipOptions, ids: readonly string[] = []): Issue[] {
  const badLead = leadIssue(lead);
  if (badLead !== undefined) return [badLead];
  if (options === null || typeof options !== "object")
    return [
      issue(
        "invalid_type",
        [],
        `The options must be an object with actor and now; got ${describeValue(options)}`,
      ),
    ];
  const values = options as unknown as Readonly<Record<string, unknown>>;
  const issues: Issue[] = [];
  for (const name of ["actor", ...ids]) {
    const problem = idProblem(values[name], name);
    if (problem !== undefined) issues.push(problem);
  }
  const policy: unknown = options.policy;
  // Validated once, by compileSharingPolicy: here only that it was compiled (a plain policy or a
  // value from JSON was not).
  if (policy !== undefined && readSharingPlan(policy) === undefined)
    issues.push(notCompiledPolicyIssue(policy, ["policy"]));
  if (!isValidDate(options.now))
    issues.push(dateIssue(["now"], options.now, "pass the time of the operation as a Date"));
  const reason: unknown = options.reason;
  if (reason !== undefined && (typeof reason !== "string" || reason.length > INPUT_LIMITS.longTextLength))
    issues.push(
      issue(
        typeof reason === "string" ? "too_big" : "invalid_type",
        ["reason"],
        `reason must be text of at most ${INPUT_LIMITS.longTextLength} characters; got ${describeValue(reason)}`,
      ),
    );
  return issues;
}

/**
 * What is wrong with the fields of a lead an operation reads (an unparsed record from JSON or untyped
 * code), if anything; a lead from `parseLead` always passes.
 */
function leadIssue(lead: unknown): Issue | undefined {
  if (lead === null || typeof lead !== "object")
    return issue("invalid_type", ["lead"], `Expected a lead; got ${describeValue(lead)}`);
  const l = lead as Readonly<Record<string, unknown>>;
  for (const field of ["id", "stage"])
    if (typeof l[field] !== "string")
      return issue(
        "invalid_type",
        ["lead", field],
        `lead.${field} must be a string; got ${describeValue(l[field])}`,
      );
  for (const field of ["owner", "generatedBy"])
    if (l[field] !== null && typeof l[field] !== "string")
      return issue(
        "invalid_type",
        ["lead", field],
        `lead.${field} must be a user id or null; got ${describeValue(l[field])}`,
      );
  const collaborators = l["collaborators"];
  if (
    !Array.isArray(collaborators) ||
    !collaborators.every((c) => c !== null && typeof c === "object" && typeof c.userId === "string")
  )
    return issue(
      "invalid_type",
      ["lead", "collaborators"],
      "lead.collaborators must be an array of { userId, access }",
    );
  if (l["capture"] === null || typeof l["capture"] !== "object")
    return issue(
      "invalid_type",
      ["lead", "capture"],
      `lead.capture must be an object; got ${describeValue(l["capture"])}`,
    );
  return undefined;
}

function idProblem(value: unknown, name: string): Issue | undefined {
  if (typeof value !== "string")
    return issue("invalid_type", [name], `${name} must be an id (a string); got ${describeValue(value)}`);
  if (value.trim() === "")
    return issue("too_small", [name], `${name} must not be blank; got ${describeValue(value)}`);
  if (value.length > INPUT_LIMITS.idLength)
    return issue(
      "too_big",
      [name],
      `${name} must be at most ${INPUT_LIMITS.idLength} characters; got ${value.length}`,
    );
  return undefined;
}

/**
 * The operation's policy: the one given, or the default prepared on the spot (the built-in policy
 * is known valid, and preparing it is three small sets — no state kept between calls).
 */
export function policyOf(options: OwnershipOptions): CompiledSharingPolicy {
  return options.policy ?? buildSharingPolicy(DEFAULT_SHARING_POLICY);
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
  const allowed = planOf(policy).policy[kind][operation];
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
