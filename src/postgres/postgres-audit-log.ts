import { type AuditEntry, anonymizeAuditEntry, auditEntrySchema } from "../model/index.js";
import type { AuditLog, AuditQuery } from "../ports/index.js";
import type { StoreContext } from "./postgres-lead-repository.js";
import { canBeStored, jsonColumn, timeClauses } from "./sql-helpers.js";

/** leadkit's `AuditLog` on the append-only `audit_log` table (see `createPostgresRepositories`). */
export function postgresAuditLog({ client, schema: s }: StoreContext): AuditLog {
  return {
    async append(entries) {
      if (entries.length === 0) return;
      // Rows are numbered in the order given, so the log reads back in that order.
      await client.query(
        `INSERT INTO ${s}.audit_log (lead_id, actor, at, data)
         SELECT e ->> 'leadId', e ->> 'actor', (e ->> 'at')::timestamptz, e
         FROM jsonb_array_elements($1::text::jsonb) WITH ORDINALITY AS t(e, n) ORDER BY n`,
        [JSON.stringify(entries)],
      );
    },

    async list(query: AuditQuery = {}): Promise<readonly AuditEntry[]> {
      if (!canBeStored(query.leadId) || !canBeStored(query.actor)) return [];
      const params: unknown[] = [];
      const clauses = timeClauses(query, params);
      if (query.leadId !== undefined) {
        params.push(query.leadId);
        clauses.push(`lead_id = $${params.length}`);
      }
      if (query.actor !== undefined) {
        params.push(query.actor);
        clauses.push(`actor = $${params.length}`);
      }
      const { rows } = await client.query(
        `SELECT data FROM ${s}.audit_log ${clauses.length > 0 ? `WHERE ${clauses.join(" AND ")}` : ""} ORDER BY seq`,
        params,
      );
      return rows.map((row) => auditEntrySchema.parse(jsonColumn(row["data"])) as AuditEntry);
    },

    async erase(leadId) {
      if (!canBeStored(leadId)) return;
      // Entries have no id of their own: they are rewritten by sequence number, in place.
      const { rows } = await client.query(`SELECT seq, data FROM ${s}.audit_log WHERE lead_id = $1`, [
        leadId,
      ]);
      if (rows.length === 0) return;
      const erased = rows.map((row) => ({
        seq: String(row["seq"]),
        entry: anonymizeAuditEntry(auditEntrySchema.parse(jsonColumn(row["data"])) as AuditEntry),
      }));
      await client.query(
        `UPDATE ${s}.audit_log AS a SET data = e -> 'entry'
         FROM jsonb_array_elements($2::text::jsonb) AS t(e)
         WHERE a.lead_id = $1 AND a.seq = (e ->> 'seq')::bigint`,
        [leadId, JSON.stringify(erased)],
      );
    },
  };
}
