import {
  type AuditEntry,
  auditEntrySchema,
  type DuplicateKey,
  duplicateKeys,
  type FindDuplicatesOptions,
  type Interaction,
  type Lead,
  parseInteraction,
  parseLead,
} from "leadkit";
import {
  type AuditLog,
  type AuditQuery,
  type ClaimedEvent,
  type DistributionStateRecord,
  type DistributionStateStore,
  type DomainEvent,
  type InteractionStore,
  type LeadQuery,
  type LeadRepository,
  lastActivityAt,
  type Outbox,
  type Page,
  type PageRequest,
  type Repositories,
  type RepositorySet,
  type SaveOutcome,
  type TimeRange,
} from "leadkit/ports";
import { quoteSchema } from "./migrate.js";
import type { SqlClient, SqlDatabase } from "./sql-database.js";

/** Options for {@link createPostgresRepositories}. */
export interface PostgresRepositoriesOptions {
  /** The schema `migrate` created the tables in; `"leadkit"` when left out. */
  readonly schema?: string;
  /** How duplicate keys are computed; must match the lead service's `duplicates` config. */
  readonly duplicateKeys?: FindDuplicatesOptions;
}

type Row = Readonly<Record<string, unknown>>;

/**
 * leadkit's repository ports on PostgreSQL, in plain SQL. Every lead write is one statement — a
 * compare-and-set on `version`, guarded by unique indexes on the external id and the normalised
 * email — so it is atomic without a transaction; `transaction` groups the writes of one service
 * operation (the lead, its interactions, its audit entry and its outbox events).
 */
export function createPostgresRepositories(
  db: SqlDatabase,
  options: PostgresRepositoriesOptions = {},
): Repositories {
  const schema = quoteSchema(options.schema ?? "leadkit");
  const keyOptions = options.duplicateKeys ?? {};
  const stores = (client: SqlClient): RepositorySet => ({
    leads: leadRepository(client, schema, keyOptions),
    interactions: interactionStore(client, schema),
    audit: auditLog(client, schema),
    outbox: outbox(client, schema),
    distribution: distributionStates(client, schema),
  });
  return { ...stores(db), transaction: (work) => db.transaction((client) => work(stores(client))) };
}

const keyText = (key: DuplicateKey) => `${key.kind}:${key.value}`;

function toLead(row: Row): Lead {
  return parseLead({ ...(row["data"] as object), version: row["version"] });
}

function leadRepository(client: SqlClient, s: string, keyOptions: FindDuplicatesOptions): LeadRepository {
  const columns = `id, version, external_id, owner, stage, generated_by, pool, team, last_activity_at, duplicate_keys, data, email_key`;
  const values = `$1, $2, $3, $4, $5, $6, $7, $8, $9::timestamptz, ARRAY(SELECT jsonb_array_elements_text($10::jsonb)), $11::jsonb, $12`;
  const emailKeyOf = (lead: Lead) => duplicateKeys(lead, keyOptions).find((k) => k.kind === "email")?.value;

  const repository: LeadRepository = {
    async get(id) {
      const { rows } = await client.query(`SELECT version, data FROM ${s}.leads WHERE id = $1`, [id]);
      return rows[0] === undefined ? null : toLead(rows[0]);
    },

    async getByExternalId(externalId) {
      const { rows } = await client.query(`SELECT version, data FROM ${s}.leads WHERE external_id = $1`, [
        externalId,
      ]);
      return rows[0] === undefined ? null : toLead(rows[0]);
    },

    async save(lead, { expectedVersion }) {
      const stored: Lead = { ...structuredClone(lead), version: expectedVersion + 1 };
      const emailKey = emailKeyOf(lead) ?? null;
      const params = [
        lead.id,
        stored.version,
        lead.externalId ?? null,
        lead.owner,
        lead.stage,
        lead.generatedBy,
        lead.pool ?? null,
        lead.team ?? null,
        lastActivityAt(lead).toISOString(),
        JSON.stringify(duplicateKeys(lead, keyOptions).map(keyText)),
        JSON.stringify(stored),
        emailKey,
      ];
      // One statement each way: the version check and the write cannot be separated by another
      // writer, and the unique indexes refuse a second holder of an external id or email.
      const { rows } =
        expectedVersion === 0
          ? await client.query(
              `INSERT INTO ${s}.leads (${columns}) VALUES (${values}) ON CONFLICT DO NOTHING RETURNING id`,
              params,
            )
          : await client.query(
              `UPDATE ${s}.leads SET (${columns}) = (${values})
               WHERE id = $1 AND version = $13
                 AND ($3::text IS NULL OR NOT EXISTS (SELECT 1 FROM ${s}.leads o WHERE o.external_id = $3 AND o.id <> $1))
                 AND ($12::text IS NULL OR NOT EXISTS (SELECT 1 FROM ${s}.leads o WHERE o.email_key = $12 AND o.id <> $1))
               RETURNING id`,
              [...params, expectedVersion],
            );
      if (rows.length === 1) return { ok: true, lead: stored };
      return refusal(lead, emailKey, expectedVersion);
    },

    async remove(id, { expectedVersion }) {
      const { rows } = await client.query(
        `DELETE FROM ${s}.leads WHERE id = $1 AND version = $2 RETURNING id`,
        [id, expectedVersion],
      );
      if (rows.length === 1) return { ok: true };
      return {
        ok: false,
        code: "conflict",
        leadId: id,
        expectedVersion,
        currentVersion: await versionOf(id),
      };
    },

    async findByDuplicateKeys(keys, options = {}) {
      if (keys.length === 0) return [];
      const limit = Math.min(1000, Math.max(0, Math.trunc(options.limit ?? 20)));
      // At most limit + 1 holders per key, however many leads share it (a company domain).
      const { rows } = await client.query(
        `SELECT version, data FROM ${s}.leads WHERE id IN (
           SELECT m.id FROM jsonb_array_elements_text($1::jsonb) AS k(key)
           CROSS JOIN LATERAL (SELECT id FROM ${s}.leads WHERE duplicate_keys @> ARRAY[k.key] LIMIT $2) AS m
         ) ORDER BY id`,
        [JSON.stringify(keys.map(keyText)), limit + 1],
      );
      return rows.map(toLead);
    },

    async query(query: LeadQuery, page: PageRequest = {}): Promise<Page<Lead>> {
      const limit = Math.min(1000, Math.max(1, Math.trunc(page.limit ?? 50)));
      const params: unknown[] = [];
      const clauses = whereClauses(query, params);
      if (page.after !== undefined) {
        params.push(page.after);
        clauses.push(`id > $${params.length}`);
      }
      params.push(limit + 1);
      const { rows } = await client.query(
        `SELECT version, data FROM ${s}.leads ${clauses.length > 0 ? `WHERE ${clauses.join(" AND ")}` : ""}
         ORDER BY id LIMIT $${params.length}`,
        params,
      );
      const items = rows.slice(0, limit).map(toLead);
      return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
    },

    async *stream(query: LeadQuery = {}) {
      let after: string | undefined;
      do {
        const page = await repository.query(query, { limit: 200, after });
        yield* page.items;
        after = page.nextCursor ?? undefined;
      } while (after !== undefined);
    },
  };

  async function versionOf(id: string): Promise<number> {
    const { rows } = await client.query(`SELECT version FROM ${s}.leads WHERE id = $1`, [id]);
    return Number(rows[0]?.["version"] ?? 0);
  }

  /** Why a save wrote nothing: someone else's version, or another lead holding its external id or email. */
  async function refusal(lead: Lead, emailKey: string | null, expectedVersion: number): Promise<SaveOutcome> {
    const currentVersion = await versionOf(lead.id);
    if (currentVersion !== expectedVersion) {
      return { ok: false, code: "conflict", leadId: lead.id, expectedVersion, currentVersion };
    }
    const holderOf = async (column: "external_id" | "email_key", value: string) => {
      const { rows } = await client.query(`SELECT id FROM ${s}.leads WHERE ${column} = $1 AND id <> $2`, [
        value,
        lead.id,
      ]);
      return rows[0] === undefined ? null : String(rows[0]["id"]);
    };
    if (lead.externalId !== undefined) {
      const existingId = await holderOf("external_id", lead.externalId);
      if (existingId !== null)
        return {
          ok: false,
          code: "key_taken",
          leadId: lead.id,
          key: { kind: "external_id", value: lead.externalId },
          existingId,
        };
    }
    if (emailKey !== null) {
      const existingId = await holderOf("email_key", emailKey);
      if (existingId !== null)
        return {
          ok: false,
          code: "key_taken",
          leadId: lead.id,
          key: { kind: "email", value: emailKey },
          existingId,
        };
    }
    return repository.save(lead, { expectedVersion }); // the holder just left: try again
  }

  return repository;
}

function whereClauses(query: LeadQuery, params: unknown[]): string[] {
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const clauses: string[] = [];
  if (query.owner !== undefined)
    clauses.push(query.owner === null ? "owner IS NULL" : `owner = ${param(query.owner)}`);
  if (query.stage !== undefined) {
    const stages = typeof query.stage === "string" ? [query.stage] : query.stage;
    clauses.push(`stage IN (SELECT jsonb_array_elements_text(${param(JSON.stringify(stages))}::jsonb))`);
  }
  if (query.origin !== undefined)
    clauses.push(`generated_by IS ${query.origin === "active" ? "NOT NULL" : "NULL"}`);
  if (query.generatedBy !== undefined) clauses.push(`generated_by = ${param(query.generatedBy)}`);
  if (query.pool !== undefined) clauses.push(`pool = ${param(query.pool)}`);
  if (query.team !== undefined) clauses.push(`team = ${param(query.team)}`);
  if (query.inactiveSince !== undefined) {
    clauses.push(`last_activity_at < ${param(query.inactiveSince.toISOString())}::timestamptz`);
  }
  return clauses;
}

function timeClauses(range: TimeRange, params: unknown[]): string[] {
  const clauses: string[] = [];
  if (range.from !== undefined) {
    params.push(range.from.toISOString());
    clauses.push(`at >= $${params.length}::timestamptz`);
  }
  if (range.to !== undefined) {
    params.push(range.to.toISOString());
    clauses.push(`at < $${params.length}::timestamptz`);
  }
  return clauses;
}

function interactionStore(client: SqlClient, s: string): InteractionStore {
  return {
    async append(leadId, interactions) {
      if (interactions.length === 0) return;
      await client.query(
        `INSERT INTO ${s}.interactions (lead_id, id, at, data)
         SELECT $1, e->>'id', (e->>'at')::timestamptz, e FROM jsonb_array_elements($2::jsonb) AS e
         ON CONFLICT DO NOTHING`,
        [leadId, JSON.stringify(interactions)],
      );
    },

    async list(leadId, range = {}): Promise<readonly Interaction[]> {
      const params: unknown[] = [leadId];
      const clauses = ["lead_id = $1", ...timeClauses(range, params)];
      const { rows } = await client.query(
        `SELECT data FROM ${s}.interactions WHERE ${clauses.join(" AND ")} ORDER BY at, id COLLATE "C"`,
        params,
      );
      return rows.map((row) => parseInteraction(row["data"]));
    },
  };
}

function auditLog(client: SqlClient, s: string): AuditLog {
  return {
    async append(entries) {
      if (entries.length === 0) return;
      await client.query(
        `INSERT INTO ${s}.audit_log (lead_id, actor, at, data)
         SELECT e->>'leadId', e->>'actor', (e->>'at')::timestamptz, e
         FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(e, n) ORDER BY n`,
        [JSON.stringify(entries)],
      );
    },

    async list(query: AuditQuery = {}): Promise<readonly AuditEntry[]> {
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
      return rows.map((row) => auditEntrySchema.parse(row["data"]) as AuditEntry);
    },
  };
}

function toEvent(row: Row): DomainEvent {
  const data = row["data"] as DomainEvent & { at: string };
  return { ...data, at: new Date(data.at) };
}

function outbox(client: SqlClient, s: string): Outbox {
  return {
    async append(events) {
      if (events.length === 0) return;
      await client.query(
        `INSERT INTO ${s}.outbox (id, lead_id, data)
         SELECT e->>'id', e->>'leadId', e FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(e, n)
         ORDER BY n ON CONFLICT (id) DO NOTHING`,
        [JSON.stringify(events)],
      );
    },

    // Locking each lead's earliest pending event (SKIP LOCKED) owns that lead for this claim, so
    // concurrent claimers never split one lead's events; its later events follow in order.
    async claim({ consumer, limit, leaseMs, now }): Promise<readonly ClaimedEvent[]> {
      const { rows } = await client.query(
        `WITH heads AS (
           SELECT DISTINCT ON (lead_id) seq, lead_id, lease_until FROM ${s}.outbox
           WHERE delivered_at IS NULL ORDER BY lead_id, seq
         ), free AS (
           SELECT o.lead_id FROM ${s}.outbox o JOIN heads h ON h.seq = o.seq
           WHERE h.lease_until IS NULL OR h.lease_until <= $1::timestamptz
           FOR UPDATE OF o SKIP LOCKED
         ), picked AS (
           SELECT o.seq FROM ${s}.outbox o JOIN free f ON f.lead_id = o.lead_id
           WHERE o.delivered_at IS NULL ORDER BY o.seq LIMIT $2
         )
         UPDATE ${s}.outbox SET lease_owner = $3, lease_until = $4::timestamptz, attempts = attempts + 1
         WHERE seq IN (SELECT seq FROM picked) RETURNING seq, data, attempts`,
        [
          now.toISOString(),
          Math.min(1000, Math.max(1, Math.trunc(limit))),
          consumer,
          new Date(now.getTime() + Math.max(1, leaseMs)).toISOString(),
        ],
      );
      return [...rows]
        .sort((a, b) => Number(a["seq"]) - Number(b["seq"]))
        .map((row) => ({ event: toEvent(row), attempt: Number(row["attempts"]) }));
    },

    async acknowledge(ids) {
      if (ids.length === 0) return;
      await client.query(
        `UPDATE ${s}.outbox SET delivered_at = now()
         WHERE delivered_at IS NULL AND id IN (SELECT jsonb_array_elements_text($1::jsonb))`,
        [JSON.stringify(ids)],
      );
    },

    async list(query = {}) {
      const { rows } =
        query.leadId === undefined
          ? await client.query(`SELECT data FROM ${s}.outbox ORDER BY seq`)
          : await client.query(`SELECT data FROM ${s}.outbox WHERE lead_id = $1 ORDER BY seq`, [
              query.leadId,
            ]);
      return rows.map(toEvent);
    },
  };
}

function distributionStates(client: SqlClient, s: string): DistributionStateStore {
  return {
    async get(key) {
      const { rows } = await client.query(
        `SELECT version, state FROM ${s}.distribution_state WHERE key = $1`,
        [key],
      );
      const row = rows[0];
      return row === undefined
        ? null
        : { state: row["state"] as DistributionStateRecord, version: Number(row["version"]) };
    },

    async save(key, state, { expectedVersion }) {
      const { rows } =
        expectedVersion === 0
          ? await client.query(
              `INSERT INTO ${s}.distribution_state (key, version, state) VALUES ($1, 1, $2::jsonb)
               ON CONFLICT DO NOTHING RETURNING version`,
              [key, JSON.stringify(state)],
            )
          : await client.query(
              `UPDATE ${s}.distribution_state SET version = version + 1, state = $2::jsonb
               WHERE key = $1 AND version = $3 RETURNING version`,
              [key, JSON.stringify(state), expectedVersion],
            );
      if (rows[0] !== undefined) return { ok: true, version: Number(rows[0]["version"]) };
      const current = await client.query(`SELECT version FROM ${s}.distribution_state WHERE key = $1`, [key]);
      return {
        ok: false,
        code: "conflict",
        key,
        expectedVersion,
        currentVersion: Number(current.rows[0]?.["version"] ?? 0),
      };
    },
  };
}
