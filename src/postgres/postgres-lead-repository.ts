import {
  type DuplicateKey,
  duplicateKeys,
  type FindDuplicatesOptions,
  type Lead,
  parseLead,
} from "../model/index.js";
import {
  type KeyTaken,
  type LeadQuery,
  type LeadRepository,
  lastActivityAt,
  type Page,
  type PageRequest,
  type SaveOutcome,
  type UniqueLeadKey,
  type VersionConflict,
} from "../ports/index.js";
import type { PostgresClient } from "./postgres-client.js";
import { canBeStored, jsonColumn } from "./sql-helpers.js";

/** Where and how one unit of work's stores reach the tables. */
export interface StoreContext {
  /** The connection (or pool) statements go to. */
  readonly client: PostgresClient;
  /** The schema, already validated and quoted. */
  readonly schema: string;
  /**
   * Whether `client` is inside a transaction: a statement that fails there aborts the transaction,
   * so a write that may hit a unique index runs inside a savepoint.
   */
  readonly inTransaction: boolean;
  /** How duplicate keys are computed. */
  readonly keyOptions: FindDuplicatesOptions;
}

// JSON goes in as text cast to jsonb (`$n::text::jsonb`): the parameter is then typed text for every
// driver, where a `$n::jsonb` parameter would be JSON-encoded once more by postgres.js.
const COLUMNS =
  "id, version, external_id, owner, stage, generated_by, pool, team, last_activity_at, duplicate_keys, data, email_key";
const VALUES =
  "$1, $2, $3, $4, $5, $6, $7, $8, $9::timestamptz, ARRAY(SELECT jsonb_array_elements_text($10::text::jsonb)), $11::text::jsonb, $12";
/** How often a save whose blocker (a lead or a key holder) vanished meanwhile is tried again. */
const SAVE_ATTEMPTS = 3;

const keyText = (key: DuplicateKey) => `${key.kind}:${key.value}`;

/**
 * One statement that updates a lead by compare-and-set and keeps its `lead_keys` rows in step
 * (drops the keys it no longer has, adds the new ones), so the lookup index never disagrees with
 * the row, with or without a transaction. `condition` narrows the WHERE clause (leadkit's own text).
 */
function updateStatement(s: string, condition: string): string {
  return `WITH saved AS (
    UPDATE ${s}.leads SET (${COLUMNS}) = (${VALUES})
    WHERE id = $1 AND version = $13 ${condition}
    RETURNING id, duplicate_keys
  ), dropped AS (
    DELETE FROM ${s}.lead_keys AS k USING saved
    WHERE k.lead_id = saved.id AND NOT (k.key = ANY (saved.duplicate_keys))
  ), keyed AS (
    INSERT INTO ${s}.lead_keys (key, lead_id)
    SELECT DISTINCT k, saved.id FROM saved, unnest(saved.duplicate_keys) AS k
    ON CONFLICT DO NOTHING
  )
  SELECT id FROM saved`;
}
const isUniqueViolation = (error: unknown) =>
  typeof error === "object" && error !== null && (error as { code?: unknown }).code === "23505";

function toLead(row: Readonly<Record<string, unknown>>): Lead {
  return parseLead({ ...(jsonColumn(row["data"]) as object), version: Number(row["version"]) });
}

/** Savepoint names are leadkit's own text (a counter), never data. */
let savepoints = 0;

/** leadkit's `LeadRepository` on the `leads` table (see `createPostgresRepositories`). */
export function postgresLeadRepository(context: StoreContext): LeadRepository {
  const { client, schema: s } = context;

  async function versionOf(id: string): Promise<number> {
    if (!canBeStored(id)) return 0;
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

  /**
   * Why a write stored nothing, in one statement: the version stored now, and which other lead
   * holds the external id and the email key. `null` when nothing blocks the write any more (the
   * blocker was removed meanwhile, or the update changes keys that are free).
   */
  async function refusal(
    lead: Lead,
    emailKey: string | null,
    expectedVersion: number,
  ): Promise<VersionConflict | KeyTaken | null> {
    const { rows } = await client.query(
      `SELECT (SELECT version FROM ${s}.leads WHERE id = $1) AS version,
              (SELECT id FROM ${s}.leads WHERE external_id = $2 AND id <> $1) AS external_holder,
              (SELECT id FROM ${s}.leads WHERE email_key = $3 AND id <> $1) AS email_holder`,
      [lead.id, lead.externalId ?? null, emailKey],
    );
    const row = rows[0] ?? {};
    const currentVersion = Number(row["version"] ?? 0);
    if (currentVersion !== expectedVersion)
      return { ok: false, code: "conflict", leadId: lead.id, expectedVersion, currentVersion };
    const taken = (key: UniqueLeadKey, holder: unknown): KeyTaken | null =>
      typeof holder === "string"
        ? { ok: false, code: "key_taken", leadId: lead.id, key, existingId: holder }
        : null;
    return (
      (lead.externalId === undefined
        ? null
        : taken({ kind: "external_id", value: lead.externalId }, row["external_holder"])) ??
      (emailKey === null ? null : taken({ kind: "email", value: emailKey }, row["email_holder"]))
    );
  }

  /**
   * An update that changes the lead's external id or email: the unique indexes decide, and a
   * concurrent writer that took the key first makes the statement fail. Outside a transaction the
   * statement fails alone; inside one it runs in a savepoint, so the failure is rolled back to it
   * and the transaction goes on. `false` when the key was taken or the version moved on.
   */
  async function updateChangingKeys(params: unknown[], expectedVersion: number): Promise<boolean> {
    const update = () => client.query(updateStatement(s, ""), [...params, expectedVersion]);
    if (!context.inTransaction) {
      try {
        return (await update()).rows.length === 1;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    }
    const savepoint = `leadkit_save_${++savepoints}`;
    await client.query(`SAVEPOINT ${savepoint}`);
    try {
      const { rows } = await update();
      await client.query(`RELEASE SAVEPOINT ${savepoint}`);
      return rows.length === 1;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      await client.query(`ROLLBACK TO SAVEPOINT ${savepoint}`);
      await client.query(`RELEASE SAVEPOINT ${savepoint}`);
      return false;
    }
  }

  const repository: LeadRepository = {
    async get(id) {
      if (!canBeStored(id)) return null;
      const { rows } = await client.query(`SELECT version, data FROM ${s}.leads WHERE id = $1`, [id]);
      return rows[0] === undefined ? null : toLead(rows[0]);
    },

    async getByExternalId(externalId) {
      if (!canBeStored(externalId)) return null;
      const { rows } = await client.query(`SELECT version, data FROM ${s}.leads WHERE external_id = $1`, [
        externalId,
      ]);
      return rows[0] === undefined ? null : toLead(rows[0]);
    },

    async save(lead, { expectedVersion }): Promise<SaveOutcome> {
      if (!Number.isSafeInteger(expectedVersion) || expectedVersion < 0)
        return conflict(lead.id, expectedVersion);
      const stored: Lead = { ...structuredClone(lead), version: expectedVersion + 1 };
      const keys = duplicateKeys(lead, context.keyOptions);
      const emailKey = keys.find((k) => k.kind === "email")?.value ?? null;
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
        JSON.stringify(keys.map(keyText)),
        JSON.stringify(stored),
        emailKey,
      ];
      // `stored` is a private copy the repository keeps no reference to: it is the caller's to keep.
      const saved = (): SaveOutcome => ({ ok: true, lead: stored });
      for (let attempt = 1; attempt <= SAVE_ATTEMPTS; attempt++) {
        // Each write is one statement that cannot raise a unique violation: an insert does nothing
        // on any conflict (id, external id, email key), and an update that keeps the row's own keys
        // cannot collide with another row. Either way, no row back means nothing was written.
        const written =
          expectedVersion === 0
            ? await client.query(
                `WITH saved AS (
                   INSERT INTO ${s}.leads (${COLUMNS}) VALUES (${VALUES})
                   ON CONFLICT DO NOTHING RETURNING id, duplicate_keys
                 ), keyed AS (
                   INSERT INTO ${s}.lead_keys (key, lead_id)
                   SELECT DISTINCT k, saved.id FROM saved, unnest(saved.duplicate_keys) AS k
                 )
                 SELECT id FROM saved`,
                params,
              )
            : await client.query(
                updateStatement(
                  s,
                  "AND external_id IS NOT DISTINCT FROM $3 AND email_key IS NOT DISTINCT FROM $12",
                ),
                [...params, expectedVersion],
              );
        if (written.rows.length === 1) return saved();
        const refused = await refusal(lead, emailKey, expectedVersion);
        if (refused !== null) return refused;
        // Nothing blocks it now: an update that changes its keys to free ones, or a blocker gone.
        if (expectedVersion > 0 && (await updateChangingKeys(params, expectedVersion))) return saved();
      }
      return conflict(lead.id, expectedVersion);
    },

    async remove(id, { expectedVersion }) {
      if (!canBeStored(id)) return conflict(id, expectedVersion);
      const { rows } = await client.query(
        `DELETE FROM ${s}.leads WHERE id = $1 AND version = $2 RETURNING id`,
        [id, Number.isSafeInteger(expectedVersion) ? expectedVersion : -1],
      );
      return rows.length === 1 ? { ok: true } : conflict(id, expectedVersion);
    },

    async findByDuplicateKeys(allKeys, options = {}) {
      const keys = allKeys.filter((key) => canBeStored(key.value));
      if (keys.length === 0) return [];
      const limit = Math.min(1000, Math.max(0, Math.trunc(options.limit ?? 20) || 0));
      // Per key, at most limit + 1 holders, however many leads share it (a company domain): only
      // their ids are read per key, and only the leads returned are fetched and parsed.
      const { rows } = await client.query(
        `SELECT version, data FROM ${s}.leads WHERE id IN (
           SELECT m.lead_id FROM (SELECT DISTINCT jsonb_array_elements_text($1::text::jsonb) AS key) AS k
           CROSS JOIN LATERAL (
             SELECT lead_id FROM ${s}.lead_keys WHERE key = k.key ORDER BY lead_id LIMIT $2
           ) AS m
         ) ORDER BY id`,
        [JSON.stringify(keys.map(keyText)), limit + 1],
      );
      return rows.map(toLead);
    },

    async query(query: LeadQuery, page: PageRequest = {}): Promise<Page<Lead>> {
      const limit = Math.min(1000, Math.max(1, Math.trunc(page.limit ?? 50) || 1));
      // An owner, team, pool or cursor no row can hold matches nothing.
      if (![query.owner, query.generatedBy, query.pool, query.team, page.after].every(canBeStored))
        return { items: [], nextCursor: null };
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
