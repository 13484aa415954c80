import { type Issue, quoteValue } from "../internal/index.js";

/**
 * The issue a service returns when the lead changed since the caller read it (or while the service
 * was writing): nothing was written, and `currentVersion` says what to re-read.
 *
 * @example
 * ```ts
 * import { isConflictIssue } from "leadkit/services";
 *
 * const result = await service.transfer({ actor: "u-marta", leadId: "l1", to: "u-bruno", expectedVersion: 3 });
 * if (!result.ok) for (const i of result.issues) if (isConflictIssue(i)) console.log(`re-read v${i.currentVersion}`);
 * ```
 * @category Services
 */
export interface ConflictIssue extends Issue {
  /** Always `"conflict"`. */
  readonly code: "conflict";
  /** The lead that changed. */
  readonly leadId: string;
  /** The version stored now; `0` when the lead no longer exists. */
  readonly currentVersion: number;
}

/**
 * Tells whether an issue is a {@link ConflictIssue}, narrowing it to read `currentVersion`.
 *
 * @param issue - Any issue from a service result.
 * @returns `true` for a version conflict.
 * @example
 * ```ts
 * import { isConflictIssue } from "leadkit/services";
 *
 * const result = await service.claim({ actor: "u-ana", leadId: "l1", expectedVersion: 3 });
 * const conflict = result.ok ? undefined : result.issues.find(isConflictIssue);
 * ```
 * @category Services
 */
export function isConflictIssue(issue: Issue): issue is ConflictIssue {
  return issue.code === "conflict" && typeof (issue as Partial<ConflictIssue>).currentVersion === "number";
}

/** Builds a conflict issue. */
export function conflictIssue(
  leadId: string,
  expectedVersion: number,
  currentVersion: number,
): ConflictIssue {
  return {
    code: "conflict",
    path: ["expectedVersion"],
    message: `Lead ${quoteValue(leadId)} is at version ${currentVersion}, not ${expectedVersion}: someone changed it since it was read; re-read it and try again.`,
    leadId,
    currentVersion,
  };
}

/**
 * The answer for a lead that does not exist — and, unless the policy reveals hidden leads, for one
 * the actor may not see: the same code and the same words, so the answer says nothing about which.
 */
export function notFoundIssue(
  actor: string,
  leadId: string,
  path: readonly (string | number)[] = ["leadId"],
): Issue {
  return {
    code: "not_found",
    path,
    message: `No lead ${quoteValue(leadId)} that user ${quoteValue(actor)} may see; expected the id of a lead visible to them.`,
  };
}

/** The answer for a lead the actor may see but may not change this way. */
export function forbiddenIssue(
  actor: string,
  what: string,
  leadId: string,
  path: readonly (string | number)[] = ["actor"],
): Issue {
  return {
    code: "forbidden",
    path,
    message: `User ${quoteValue(actor)} may not ${what} lead ${quoteValue(leadId)}; the sharing policy does not allow it.`,
  };
}
