import {
  anonymizeEvent,
  type ClaimedEvent,
  checkClaimRequest,
  type DomainEvent,
  type Outbox,
  type OutboxClaimRequest,
  type OutboxQuery,
} from "../ports/index.js";
import type { StoreContext } from "./postgres-lead-repository.js";
import { canBeStored, jsonColumn } from "./sql-helpers.js";

/** An event as stored: the JSON of the event, its instant an ISO string. */
function toEvent(row: Readonly<Record<string, unknown>>): DomainEvent {
  const data = jsonColumn(row["data"]) as DomainEvent & { readonly at: string };
  return { ...data, at: new Date(data.at) };
}

/**
 * The claim request as SQL parameters, checked by `checkClaimRequest` (the in-memory outbox's
 * check too): the batch clamped to 1–1,000, the lease 1 ms to 30 days ending by the year 9999.
 */
function claimParams(request: OutboxClaimRequest): unknown[] {
  const { consumer, limit, leaseMs, now } = checkClaimRequest(request);
  return [now.toISOString(), limit, consumer, new Date(now.getTime() + leaseMs).toISOString()];
}

/**
 * leadkit's `Outbox` on the `outbox` table (see `createPostgresRepositories`): a row per event in
 * append order (`seq`), unique on the event id, with its lease (`lease_owner`, `lease_until`,
 * `attempts`) and `delivered_at` once acknowledged.
 */
export function postgresOutbox({ client, schema: s }: StoreContext): Outbox {
  return {
    async append(events) {
      if (events.length === 0) return;
      // Rows are numbered in the order given; an id already stored (or repeated here) is skipped.
      await client.query(
        `INSERT INTO ${s}.outbox (id, lead_id, type, at, data)
         SELECT e ->> 'id', e ->> 'leadId', e ->> 'type', (e ->> 'at')::timestamptz, e
         FROM jsonb_array_elements($1::text::jsonb) WITH ORDINALITY AS t(e, n) ORDER BY n
         ON CONFLICT (id) DO NOTHING`,
        [JSON.stringify(events)],
      );
    },

    async claim(request): Promise<readonly ClaimedEvent[]> {
      // One statement. `heads` walks the pending events in append order and keeps each lead's
      // earliest pending one when its lease has ended, locking it FOR UPDATE SKIP LOCKED: holding a
      // lead's head row is what owns the lead for this claim, so a concurrent claimer skips the
      // whole lead (and, once this one commits, re-checks the lease on the row and skips it again).
      // `picked` takes those leads' claimable events in sequence order up to the limit — per lead a
      // prefix of its pending events — and the UPDATE leases them.
      const { rows } = await client.query(
        `WITH heads AS MATERIALIZED (
           SELECT o.seq, o.lead_id FROM ${s}.outbox AS o
           WHERE o.delivered_at IS NULL AND (o.lease_until IS NULL OR o.lease_until <= $1::timestamptz)
             AND NOT EXISTS (
               SELECT 1 FROM ${s}.outbox AS p
               WHERE p.lead_id = o.lead_id AND p.delivered_at IS NULL AND p.seq < o.seq
             )
           ORDER BY o.seq LIMIT $2
           FOR UPDATE OF o SKIP LOCKED
         ), picked AS MATERIALIZED (
           SELECT e.seq FROM ${s}.outbox AS e JOIN heads AS h ON e.lead_id = h.lead_id AND e.seq >= h.seq
           WHERE e.delivered_at IS NULL AND (e.lease_until IS NULL OR e.lease_until <= $1::timestamptz)
           ORDER BY e.seq LIMIT $2
         )
         UPDATE ${s}.outbox AS u
         SET lease_owner = $3, lease_until = $4::timestamptz, attempts = u.attempts + 1
         FROM picked WHERE u.seq = picked.seq AND u.delivered_at IS NULL
         RETURNING u.seq, u.data, u.attempts`,
        claimParams(request),
      );
      return [...rows]
        .sort((a, b) => Number(a["seq"]) - Number(b["seq"]))
        .map((row) => ({ event: toEvent(row), attempt: Number(row["attempts"]) }));
    },

    async acknowledge(ids) {
      // An id that cannot be stored names no event (no append could have stored it): it is ignored
      // like any unknown id, rather than sent to PostgreSQL, which would refuse the whole statement.
      const known = ids.filter((id) => typeof id === "string" && canBeStored(id));
      if (known.length === 0) return;
      await client.query(
        `UPDATE ${s}.outbox SET delivered_at = now()
         WHERE delivered_at IS NULL AND id IN (SELECT jsonb_array_elements_text($1::text::jsonb))`,
        [JSON.stringify(known)],
      );
    },

    async list(query: OutboxQuery = {}): Promise<readonly DomainEvent[]> {
      if (!canBeStored(query.leadId)) return [];
      const { rows } =
        query.leadId === undefined
          ? await client.query(`SELECT data FROM ${s}.outbox ORDER BY seq`)
          : await client.query(`SELECT data FROM ${s}.outbox WHERE lead_id = $1 ORDER BY seq`, [
              query.leadId,
            ]);
      return rows.map(toEvent);
    },

    async erase(leadId) {
      if (!canBeStored(leadId)) return;
      // Only the payload changes: the row keeps its sequence number, lease and delivery state.
      const { rows } = await client.query(`SELECT data FROM ${s}.outbox WHERE lead_id = $1`, [leadId]);
      const changed = rows.map(toEvent).flatMap((event) => {
        const erased = anonymizeEvent(event);
        return erased === event ? [] : [erased];
      });
      if (changed.length === 0) return;
      await client.query(
        `UPDATE ${s}.outbox AS o SET data = e
         FROM jsonb_array_elements($2::text::jsonb) AS t(e)
         WHERE o.lead_id = $1 AND o.id = e ->> 'id'`,
        [leadId, JSON.stringify(changed)],
      );
    },
  };
}
