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
  type InteractionStore,
  type LeadQuery,
  type LeadRepository,
  lastActivityAt,
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
 * compare-and-set on `version` — so it is atomic without a transaction; `transaction` groups the
 * writes of one service operation.
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
  });
  return { ...stores(db), transaction: (work) => db.transaction((client) => work(stores(client))) };
}

const keyText = (key: DuplicateKey) => `${key.kind}:${key.value}`;

function toLead(row: Row): Lead {
  return parseLead({ ...(row["data"] as object), version: row["version"] });
}

function leadRepository(client: SqlClient, s: string, keyOptions: FindDuplicatesOptions): LeadRepository {
  const columns = `id, version, external_id, owner, stage, generated_by, pool, team, last_activity_at, duplicate_keys, data`;
  const values = `$1, $2, $3, $4, $5, $6, $7, $8, $9::timestamptz, ARRAY(SELECT jsonb_array_elements_text($10::jsonb)), $11::jsonb`;

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
      ];
      // One statement each way: the version check and the write cannot be separated by another writer.
      const { rows } =
        expectedVersion === 0
          ? await client.query(
              `INSERT INTO ${s}.leads (${columns}) VALUES (${values}) ON CONFLICT DO NOTHING RETURNING id`,
              params,
            )
          : await client.query(
              `UPDATE ${s}.leads SET (${columns}) = (${values})
               WHERE id = $1 AND version = $12
                 AND ($3::text IS NULL OR NOT EXISTS (SELECT 1 FROM ${s}.leads o WHERE o.external_id = $3 AND o.id <> $1))
               RETURNING id`,
              [...params, expectedVersion],
            );
      if (rows.length === 1) return { ok: true, lead: stored };
      return refusal(lead, expectedVersion);
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

    async findByDuplicateKeys(keys) {
      if (keys.length === 0) return [];
      const { rows } = await client.query(
        `SELECT version, data FROM ${s}.leads
         WHERE duplicate_keys && ARRAY(SELECT jsonb_array_elements_text($1::jsonb)) ORDER BY id`,
        [JSON.stringify(keys.map(keyText))],
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

  /** Why a save wrote nothing: someone else's version, or someone else's external id. */
  async function refusal(lead: Lead, expectedVersion: number): Promise<SaveOutcome> {
    const currentVersion = await versionOf(lead.id);
    if (currentVersion !== expectedVersion || lead.externalId === undefined) {
      return { ok: false, code: "conflict", leadId: lead.id, expectedVersion, currentVersion };
    }
    const { rows } = await client.query(`SELECT id FROM ${s}.leads WHERE external_id = $1`, [
      lead.externalId,
    ]);
    const existingId = String(rows[0]?.["id"] ?? "");
    if (existingId === "" || existingId === lead.id) return repository.save(lead, { expectedVersion }); // the holder just left: try again
    return { ok: false, code: "external_id_taken", leadId: lead.id, externalId: lead.externalId, existingId };
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
