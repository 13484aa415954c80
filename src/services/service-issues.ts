import type { Issue } from "../internal/index.js";

/**
 * The issue a service returns when the lead changed since the caller read it (or while the service
 * was writing): nothing was written, and `currentVersion` says what to re-read.
 *
 * @example
 * ```ts
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
    message: `Lead "${leadId}" is at version ${currentVersion}, not ${expectedVersion}: someone changed it since it was read; re-read it and try again.`,
    leadId,
    currentVersion,
  };
}
