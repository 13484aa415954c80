import {
  type DuplicateKey,
  duplicateKeys,
  type FindDuplicatesOptions,
  type Lead,
  parseLead,
} from "../model/index.js";
import {
  type LeadQuery,
  type LeadRepository,
  lastActivityAt,
  type Page,
  type PageRequest,
  type SaveOutcome,
  type VersionConflict,
} from "../ports/index.js";
import type { PostgresClient } from "./postgres-client.js";
import { jsonColumn } from "./sql-helpers.js";

/** Where and how one unit of work's stores reach the tables. */
export interface StoreContext {
  /** The connection (or pool) statements go to. */
  readonly client: PostgresClient;
  /** The schema, already validated and quoted. */
  readonly schema: string;
  /** The schema's plain name, for advisory-lock keys. */
  readonly schemaName: string;
  /** Whether `client` is inside a transaction (then locks last until it ends). */
  readonly inTransaction: boolean;
  /** How duplicate keys are computed. */
  readonly keyOptions: FindDuplicatesOptions;
}

// JSON goes in as text cast to jsonb (`$n::text::jsonb`): the parameter is then typed text for every
// driver, where a `$n::jsonb` parameter would be JSON-encoded once more by postgres.js.
const COLUMNS =
  "id, version, external_id, owner, stage, generated_by, pool, team, last_activity_at, duplicate_keys, data";
const VALUES =
  "$1, $2, $3, $4, $5, $6, $7, $8, $9::timestamptz, ARRAY(SELECT jsonb_array_elements_text($10::text::jsonb)), $11::text::jsonb";
/** How often a save that lost a race to a key that was then freed is tried again. */
const SAVE_ATTEMPTS = 3;

const keyText = (key: DuplicateKey) => `${key.kind}:${key.value}`;
const isUniqueViolation = (error: unknown) =>
  typeof error === "object" && error !== null && (error as { code?: unknown }).code === "23505";

function toLead(row: Readonly<Record<string, unknown>>): Lead {
  return parseLead({ ...(jsonColumn(row["data"]) as object), version: Number(row["version"]) });
}

/** leadkit's `LeadRepository` on the `leads` table (see `createPostgresRepositories`). */
export function postgresLeadRepository(context: StoreContext): LeadRepository {
  const { client, schema: s } = context;

  async function versionOf(id: string): Promise<number> {
    const { rows } = await client.query(`SELECT version FROM ${s}.leads WHERE id = $1`, [id]);
    return Number(rows[0]?.["version"] ?? 0);
  }

  const conflict = async (id: string, expectedVersion: number): Promise<VersionConflict> => ({
    ok: false,
    code: "conflict",
    leadId: id,
    expectedVersion,
    currentVersion: await versionOf(id),
  });

  /** One compare-and-set statement: the version check and the write cannot be split by another writer. */
  async function write(lead: Lead, expectedVersion: number, stored: Lead): Promise<boolean> {
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
      JSON.stringify(duplicateKeys(lead, context.keyOptions).map(keyText)),
      JSON.stringify(stored),
    ];
    if (expectedVersion === 0) {
      const { rows } = await client.query(
        `INSERT INTO ${s}.leads (${COLUMNS}) VALUES (${VALUES}) ON CONFLICT DO NOTHING RETURNING id`,
        params,
      );
      return rows.length === 1;
    }
    try {
      const { rows } = await client.query(
        `UPDATE ${s}.leads SET (${COLUMNS}) = (${VALUES})
         WHERE id = $1 AND version = $12
           AND ($3::text IS NULL OR NOT EXISTS (SELECT 1 FROM ${s}.leads o WHERE o.external_id = $3 AND o.id <> $1))
         RETURNING id`,
        [...params, expectedVersion],
      );
      return rows.length === 1;
    } catch (error) {
      // Another writer claimed the external id between the check and the write. Outside a
      // transaction the statement failed alone and the refusal below names the holder; inside one,
      // the transaction is aborted and the error must reach the caller, who rolls it back.
      if (!context.inTransaction && isUniqueViolation(error)) return false;
      throw error;
    }
  }

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

    async save(lead, { expectedVersion }): Promise<SaveOutcome> {
      if (!Number.isSafeInteger(expectedVersion) || expectedVersion < 0)
        return conflict(lead.id, expectedVersion);
      const stored: Lead = { ...structuredClone(lead), version: expectedVersion + 1 };
      for (let attempt = 1; ; attempt++) {
        if (await write(lead, expectedVersion, stored)) return { ok: true, lead: structuredClone(stored) };
        // Nothing was written: someone else's version, or someone else's external id.
        const refused = await conflict(lead.id, expectedVersion);
        if (refused.currentVersion !== expectedVersion) return refused;
        if (lead.externalId !== undefined) {
          const { rows } = await client.query(
            `SELECT id FROM ${s}.leads WHERE external_id = $1 AND id <> $2`,
            [lead.externalId, lead.id],
          );
          const holder = rows[0]?.["id"];
          if (typeof holder === "string") {
            return {
              ok: false,
              code: "external_id_taken",
              leadId: lead.id,
              externalId: lead.externalId,
              existingId: holder,
            };
          }
        }
        // The lead or key that blocked the write has gone since: try again, a few times.
        if (attempt === SAVE_ATTEMPTS) return refused;
      }
    },

    async remove(id, { expectedVersion }) {
      const { rows } = await client.query(
        `DELETE FROM ${s}.leads WHERE id = $1 AND version = $2 RETURNING id`,
        [id, Number.isSafeInteger(expectedVersion) ? expectedVersion : -1],
      );
      return rows.length === 1 ? { ok: true } : conflict(id, expectedVersion);
    },

    async findByDuplicateKeys(keys) {
      if (keys.length === 0) return [];
      const texts = JSON.stringify(keys.map(keyText));
      if (context.inTransaction) {
        // Captures check for a lead with the same email, then insert: in a transaction, a lock per
        // email makes concurrent captures of one address take turns, so the later one finds the lead
        // the earlier one committed (READ COMMITTED: the next statement sees it) instead of inserting
        // a twin. Held until the transaction ends; taken in key order, so two never wait on each other.
        await client.query(
          `SELECT count(pg_advisory_xact_lock(hashtextextended(k, 0))) FROM (
             SELECT DISTINCT $2 || k AS k FROM jsonb_array_elements_text($1::text::jsonb) AS t(k)
             WHERE k LIKE 'email:%' ORDER BY 1
           ) AS keys`,
          [texts, `leadkit.lead:${context.schemaName}:`],
        );
      }
      const { rows } = await client.query(
        `SELECT version, data FROM ${s}.leads
         WHERE duplicate_keys && ARRAY(SELECT jsonb_array_elements_text($1::text::jsonb)) ORDER BY id`,
        [texts],
      );
      return rows.map(toLead);
    },

    async query(query: LeadQuery, page: PageRequest = {}): Promise<Page<Lead>> {
      const limit = Math.min(1000, Math.max(1, Math.trunc(page.limit ?? 50) || 1));
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
        const page = await repository.query(
          query,
          after === undefined ? { limit: 200 } : { limit: 200, after },
        );
        yield* page.items;
        after = page.nextCursor ?? undefined;
      } while (after !== undefined);
    },
  };
  return repository;
}

/** The WHERE clauses of a lead query; every value goes to `params`, never into the text. */
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
    clauses.push(
      `stage IN (SELECT jsonb_array_elements_text(${param(JSON.stringify(stages))}::text::jsonb))`,
    );
  }
  if (query.origin !== undefined)
    clauses.push(query.origin === "active" ? "generated_by IS NOT NULL" : "generated_by IS NULL");
  if (query.generatedBy !== undefined) clauses.push(`generated_by = ${param(query.generatedBy)}`);
  if (query.pool !== undefined) clauses.push(`pool = ${param(query.pool)}`);
  if (query.team !== undefined) clauses.push(`team = ${param(query.team)}`);
  if (query.inactiveSince !== undefined)
    clauses.push(`last_activity_at < ${param(query.inactiveSince.toISOString())}::timestamptz`);
  return clauses;
}
