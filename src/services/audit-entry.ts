import type { AuditEntry } from "../model/index.js";

/** What a change says about itself in the audit log: the action, why, and details. */
export type AuditFields = Pick<AuditEntry, "action" | "reason" | "details">;

/**
 * The one way the service builds an audit entry: who did what to which lead, when, why (the
 * change's own reason, else the command's), and the lead's version before and after the write.
 */
export function buildAuditEntry(entry: {
  readonly actor: string;
  readonly leadId: string;
  readonly at: Date;
  readonly beforeVersion: number;
  readonly afterVersion?: number | undefined;
  readonly fields: AuditFields;
  readonly reason?: string | undefined;
}): AuditEntry {
  const why = entry.fields.reason ?? entry.reason;
  return {
    at: entry.at,
    actor: entry.actor,
    action: entry.fields.action,
    leadId: entry.leadId,
    ...(why === undefined ? {} : { reason: why }),
    beforeVersion: entry.beforeVersion,
    ...(entry.afterVersion === undefined ? {} : { afterVersion: entry.afterVersion }),
    ...(entry.fields.details === undefined ? {} : { details: entry.fields.details }),
  };
}
