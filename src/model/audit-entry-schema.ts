import * as z from "zod";
import type { DeepReadonly } from "../internal/index.js";
import { attributesSchema, id, longText } from "./attributes-schema.js";
import { timestampSchema } from "./timestamp-schema.js";

/**
 * One change to a lead, as written to the append-only audit log: who did what, when, why, and the
 * lead's version before and after. Sharing, transfers, transitions and merges all produce one.
 *
 * @example
 * ```ts
 * import { auditEntrySchema } from "./audit-entry-schema.js";
 *
 * auditEntrySchema.parse({
 *   at: "2026-03-01T10:00:00Z", actor: "u-ana", action: "transfer", leadId: "l1",
 *   reason: "Ana is on leave", details: { from: "u-ana", to: "u-bruno" },
 * });
 * ```
 * @category Model
 */
export const auditEntrySchema = z.object({
  at: timestampSchema,
  actor: id,
  action: id,
  leadId: id,
  reason: longText.optional(),
  beforeVersion: z.number().int().min(0).optional(),
  afterVersion: z.number().int().min(1).optional(),
  details: attributesSchema.optional(),
});

/**
 * An audit log entry.
 *
 * @example
 * ```ts
 * import { type AuditEntry, anonymizeAuditEntry } from "leadkit";
 *
 * const entry: AuditEntry = { at: now, actor: "u-ana", action: "share", leadId: "l1", reason: "Bruno covers Madrid" };
 * anonymizeAuditEntry(entry).reason; // undefined: free text may hold personal data
 * ```
 * @category Model
 */
export type AuditEntry = DeepReadonly<z.output<typeof auditEntrySchema>>;
