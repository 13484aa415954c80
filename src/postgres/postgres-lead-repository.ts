import {
  blockingKeys,
  type DuplicateKey,
  duplicateKeys,
  type FindDuplicatesOptions,
  type Lead,
  lastActivityAt,
  parseLead,
} from "../model/index.js";
import type {
  InsertManyOutcome,
  KeyTaken,
  LeadQuery,
  LeadRepository,
  Page,
  PageRequest,
  SaveOutcome,
  UniqueLeadKey,
  VersionConflict,
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
/** {@link VALUES} with every parameter typed, for an `INSERT … SELECT` (which infers no types). */
const TYPED_VALUES =
  "$1::text, $2::integer, $3::text, $4::text, $5::text, $6::text, $7::text, $8::text, $9::timestamptz, ARRAY(SELECT jsonb_array_elements_text($10::text::jsonb)), $11::text::jsonb, $12::text";
/**
 * Unique keys a lead took over from leads merged into it (`remove` with `keysTo`) are `lead_keys`
 * rows of their own, `alias:external_id:…` and `alias:email:…`, which no duplicate key looks like;
 * they go with their lead (`ON DELETE CASCADE`) unless a merge moves them on.
 */
const ALIAS = "alias:";
/** How often a save whose blocker (a lead or a key holder) vanished meanwhile is tried again. */
const SAVE_ATTEMPTS = 3;

const keyText = (key: DuplicateKey) => `${key.kind}:${key.value}`;
/**
 * A lead's blocking keys (the model's `blockingKeys`) are `lead_keys` rows too, `block:…`, which no
 * duplicate key looks like: they ride in the `duplicate_keys` array every write already keeps in step
 * with its `lead_keys` rows, so a save, insert or remove updates them in the same statement.
 */
const BLOCK = "block:";

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
    WHERE k.lead_id = saved.id AND NOT (k.key = ANY (saved.duplicate_keys)) AND NOT starts_with(k.key, '${ALIAS}')
  ), keyed AS (
    INSERT INTO ${s}.lead_keys (key, lead_id)
    SELECT DISTINCT k, saved.id FROM saved, unnest(saved.duplicate_keys) AS k
    ON CONFLICT DO NOTHING
  )
  SELECT id FROM saved`;
}
const isUniqueViolation = (error: unknown) =>
  typeof error === "object" && error !== null && (error as { code?: unknown }).code === "23505";

/** A lead as one row: the stored copy at its new version and the columns computed from it. */
interface LeadRow {
  readonly stored: Lead;
  readonly keys: readonly string[];
  readonly emailKey: string | null;
  readonly lastActivityAt: string;
}

/**
 * The row of a lead at a version. `stored` is what the write returns: a deep copy when `copy` is
 * set, else the lead itself with its new version (the repository keeps no reference to either: the
 * row goes to the database as JSON).
 */
function rowOf(lead: Lead, version: number, keyOptions: FindDuplicatesOptions, copy: boolean): LeadRow {
  const keys = duplicateKeys(lead, keyOptions);
  return {
    stored: { ...(copy ? structuredClone(lead) : lead), version },
    keys: [...keys.map(keyText), ...blockingKeys(lead, keyOptions).map((key) => BLOCK + key)],
    emailKey: keys.find((k) => k.kind === "email")?.value ?? null,
    lastActivityAt: lastActivityAt(lead).toISOString(),
  };
}

/**
 * One statement that inserts many leads and their `lead_keys` rows from one JSON array parameter,
 * in the order given. Without `onConflict`, any conflict (id, external id, email key) raises a
 * unique violation and the statement writes nothing: it is all or nothing on its own.
 */
function insertManyStatement(s: string, onConflict: "" | "ON CONFLICT DO NOTHING"): string {
  return `WITH input AS (
    SELECT e, n FROM jsonb_array_elements($1::text::jsonb) WITH ORDINALITY AS t(e, n)
  ), saved AS (
    INSERT INTO ${s}.leads (${COLUMNS})
    SELECT e ->> 'id', 1, e ->> 'externalId', e ->> 'owner', e ->> 'stage', e ->> 'generatedBy',
      e ->> 'pool', e ->> 'team', (e ->> 'lastActivityAt')::timestamptz,
      ARRAY(SELECT jsonb_array_elements_text(e -> 'keys')), e -> 'data', e ->> 'emailKey'
    FROM input
    -- No row goes in when any of them holds a key a lead took over from a lead merged into it.
    WHERE NOT EXISTS (
      SELECT 1 FROM input AS i, ${s}.lead_keys AS k
      WHERE k.key IN ('${ALIAS}external_id:' || (i.e ->> 'externalId'), '${ALIAS}email:' || (i.e ->> 'emailKey'))
    )
    ORDER BY n ${onConflict}
    RETURNING id, duplicate_keys
  ), keyed AS (
    INSERT INTO ${s}.lead_keys (key, lead_id)
    SELECT DISTINCT k, saved.id FROM saved, unnest(saved.duplicate_keys) AS k
  )
  SELECT id FROM saved`;
}

function toLead(row: Readonly<Record<string, unknown>>): Lead {
  return parseLead({ ...(jsonColumn(row["data"]) as object), version: Number(row["version"]) });
}

/** leadkit's `LeadRepository` on the `leads` table (see `createPostgresRepositories`). */
export function postgresLeadRepository(context: StoreContext): LeadRepository {
  const { client, schema: s } = context;
  /** Savepoint names are leadkit's own text (this repository's counter), never data. */
  let savepoints = 0;

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
              COALESCE((SELECT id FROM ${s}.leads WHERE external_id = $2 AND id <> $1),
                (SELECT lead_id FROM ${s}.lead_keys WHERE key = '${ALIAS}external_id:' || $2 AND lead_id <> $1 LIMIT 1)) AS external_holder,
              COALESCE((SELECT id FROM ${s}.leads WHERE email_key = $3 AND id <> $1),
                (SELECT lead_id FROM ${s}.lead_keys WHERE key = '${ALIAS}email:' || $3 AND lead_id <> $1 LIMIT 1)) AS email_holder`,
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

  /**
   * Why leads cannot be inserted, as `save` would say for each in turn (leads earlier in the list
   * count as stored), in one statement: which ids, external ids and email keys are stored already.
   */
  async function insertRefusals(rows: readonly LeadRow[]): Promise<(VersionConflict | KeyTaken)[]> {
    const { rows: held } = await client.query(
      `SELECT id, version, external_id, email_key FROM ${s}.leads
       WHERE id IN (SELECT jsonb_array_elements_text($1::text::jsonb))
          OR external_id IN (SELECT jsonb_array_elements_text($2::text::jsonb))
          OR email_key IN (SELECT jsonb_array_elements_text($3::text::jsonb))`,
      [
        JSON.stringify(rows.map((r) => r.stored.id)),
        JSON.stringify(rows.flatMap((r) => (r.stored.externalId === undefined ? [] : [r.stored.externalId]))),
        JSON.stringify(rows.flatMap((r) => (r.emailKey === null ? [] : [r.emailKey]))),
      ],
    );
    const versions = new Map<string, number>();
    const externalIds = new Map<string, string>();
    const emails = new Map<string, string>();
    for (const row of held) {
      const id = String(row["id"]);
      versions.set(id, Number(row["version"]));
      if (typeof row["external_id"] === "string") externalIds.set(row["external_id"], id);
      if (typeof row["email_key"] === "string") emails.set(row["email_key"], id);
    }
    // Keys taken over from merged leads hold too (a lead's own key comes first, as in `save`).
    const { rows: aliases } = await client.query(
      `SELECT key, lead_id FROM ${s}.lead_keys WHERE key IN (SELECT jsonb_array_elements_text($1::text::jsonb))`,
      [
        JSON.stringify(
          rows.flatMap((r) => [
            ...(r.stored.externalId === undefined ? [] : [`${ALIAS}external_id:${r.stored.externalId}`]),
            ...(r.emailKey === null ? [] : [`${ALIAS}email:${r.emailKey}`]),
          ]),
        ),
      ],
    );
    for (const row of aliases) {
      const key = String(row["key"]);
      const holder = String(row["lead_id"]);
      const external = key.startsWith(`${ALIAS}external_id:`);
      const value = key.slice(external ? `${ALIAS}external_id:`.length : `${ALIAS}email:`.length);
      const map = external ? externalIds : emails;
      if (!map.has(value)) map.set(value, holder);
    }
    const refusals: (VersionConflict | KeyTaken)[] = [];
    for (const { stored, emailKey } of rows) {
      const { id, externalId } = stored;
      const currentVersion = versions.get(id) ?? 0;
      const externalHolder = externalId === undefined ? undefined : externalIds.get(externalId);
      const emailHolder = emailKey === null ? undefined : emails.get(emailKey);
      if (currentVersion !== 0)
        refusals.push({ ok: false, code: "conflict", leadId: id, expectedVersion: 0, currentVersion });
      else if (externalId !== undefined && externalHolder !== undefined)
        refusals.push({
          ok: false,
          code: "key_taken",
          leadId: id,
          key: { kind: "external_id", value: externalId },
          existingId: externalHolder,
        });
      else if (emailKey !== null && emailHolder !== undefined)
        refusals.push({
          ok: false,
          code: "key_taken",
          leadId: id,
          key: { kind: "email", value: emailKey },
          existingId: emailHolder,
        });
      // Later leads of the list see this one as stored.
      if (!versions.has(id)) versions.set(id, 1);
      if (externalId !== undefined && !externalIds.has(externalId)) externalIds.set(externalId, id);
      if (emailKey !== null && !emails.has(emailKey)) emails.set(emailKey, id);
    }
    return refusals;
  }

  /**
   * The multi-row insert, all or nothing: `false` when a key or id was taken (nothing is written).
   * Outside a transaction a plain INSERT fails whole on a unique violation. Inside one, where a
   * failed statement would abort the transaction, the insert skips conflicting rows (`ON CONFLICT
   * DO NOTHING`) and, when it stored fewer than all, deletes the rows it just stored — its own,
   * seen by no one else — in the same transaction.
   */
  async function insertAll(leadIds: readonly string[], payload: string): Promise<boolean> {
    if (!context.inTransaction) {
      try {
        const { rows } = await client.query(insertManyStatement(s, ""), [payload]);
        // All rows, or none when a key is held as an alias.
        return rows.length === leadIds.length;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    }
    const { rows } = await client.query(insertManyStatement(s, "ON CONFLICT DO NOTHING"), [payload]);
    if (rows.length === leadIds.length) return true;
    if (rows.length > 0)
      await client.query(
        `DELETE FROM ${s}.leads WHERE version = 1 AND id IN (SELECT jsonb_array_elements_text($1::text::jsonb))`,
        [JSON.stringify(rows.map((row) => row["id"]))],
      );
    return false;
  }

  const repository: LeadRepository = {
    async get(id) {
      if (!canBeStored(id)) return null;
      const { rows } = await client.query(`SELECT version, data FROM ${s}.leads WHERE id = $1`, [id]);
      return rows[0] === undefined ? null : toLead(rows[0]);
    },

    async getByExternalId(externalId) {
      if (!canBeStored(externalId)) return null;
      // The lead holding it, else the lead that took it over from a lead merged into it.
      const { rows } = await client.query(
        `SELECT version, data FROM (
           SELECT 0 AS rank, version, data FROM ${s}.leads WHERE external_id = $1
           UNION ALL
           SELECT 1, l.version, l.data FROM ${s}.lead_keys AS k JOIN ${s}.leads AS l ON l.id = k.lead_id
           WHERE k.key = '${ALIAS}external_id:' || $1::text
         ) AS holders ORDER BY rank LIMIT 1`,
        [externalId],
      );
      return rows[0] === undefined ? null : toLead(rows[0]);
    },

    async save(lead, { expectedVersion }): Promise<SaveOutcome> {
      if (!Number.isSafeInteger(expectedVersion) || expectedVersion < 0)
        return conflict(lead.id, expectedVersion);
      const row = rowOf(lead, expectedVersion + 1, context.keyOptions, true);
      const { stored, emailKey } = row;
      const params = [
        lead.id,
        stored.version,
        lead.externalId ?? null,
        lead.owner,
        lead.stage,
        lead.generatedBy,
        lead.pool ?? null,
        lead.team ?? null,
        row.lastActivityAt,
        JSON.stringify(row.keys),
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
                   INSERT INTO ${s}.leads (${COLUMNS}) SELECT ${TYPED_VALUES}
                   WHERE NOT EXISTS (
                     SELECT 1 FROM ${s}.lead_keys
                     WHERE key IN ('${ALIAS}external_id:' || $3::text, '${ALIAS}email:' || $12::text) AND lead_id <> $1::text
                   )
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

    async insertMany(leads): Promise<InsertManyOutcome> {
      if (leads.length === 0) return { ok: true, leads: [] };
      // The leads returned share nested values with those given, as the caller's own objects: nothing
      // stored refers to either.
      const rows = leads.map((lead) => rowOf(lead, 1, context.keyOptions, false));
      const payload = JSON.stringify(
        rows.map(({ stored, keys, emailKey, lastActivityAt: activity }) => ({
          id: stored.id,
          externalId: stored.externalId ?? null,
          owner: stored.owner,
          stage: stored.stage,
          generatedBy: stored.generatedBy,
          pool: stored.pool ?? null,
          team: stored.team ?? null,
          lastActivityAt: activity,
          keys,
          data: stored,
          emailKey,
        })),
      );
      const leadIds = leads.map((lead) => lead.id);
      for (let attempt = 1; attempt <= SAVE_ATTEMPTS; attempt++) {
        if (await insertAll(leadIds, payload)) return { ok: true, leads: rows.map((r) => r.stored) };
        const refusals = await insertRefusals(rows);
        if (refusals.length > 0) return { ok: false, refusals };
        // Nothing blocks the leads now (the blocker was removed meanwhile): try again.
      }
      return { ok: false, refusals: await Promise.all(leadIds.map((id) => conflict(id, 0))) };
    },

    async remove(id, { expectedVersion, keysTo }) {
      // One statement: the lead goes, and its keys (its own and those it took over) go to the heir.
      if (!canBeStored(id)) return conflict(id, expectedVersion);
      const { rows } = await client.query(
        `WITH gone AS (
           DELETE FROM ${s}.leads WHERE id = $1 AND version = $2 RETURNING id, external_id, email_key
         ), heir AS (
           SELECT id FROM ${s}.leads WHERE id = $3::text AND id <> $1
         ), moved AS (
           INSERT INTO ${s}.lead_keys (key, lead_id)
           SELECT DISTINCT keys.k, heir.id FROM heir, gone, LATERAL (
             SELECT '${ALIAS}external_id:' || gone.external_id WHERE gone.external_id IS NOT NULL
             UNION ALL SELECT '${ALIAS}email:' || gone.email_key WHERE gone.email_key IS NOT NULL
             UNION ALL SELECT key FROM ${s}.lead_keys WHERE lead_id = gone.id AND starts_with(key, '${ALIAS}')
           ) AS keys (k)
           ON CONFLICT DO NOTHING
         )
         SELECT id FROM gone`,
        [id, Number.isSafeInteger(expectedVersion) ? expectedVersion : -1, keysTo ?? null],
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

    async findByBlockingKeys(allKeys, options = {}) {
      const asked = [...new Set(allKeys)];
      const keys = asked.filter((key) => typeof key === "string" && canBeStored(key));
      const limit = Math.min(1000, Math.max(0, Math.trunc(options.limit ?? 49) || 0));
      const holders = new Map<string, string[]>(asked.map((key) => [key, []]));
      const answer = (leads: Lead[]) => ({
        keys: [...holders].map(([key, leadIds]) => ({ key, leadIds })),
        leads,
      });
      if (keys.length === 0) return answer([]);
      // One statement: per key, an index range scan of at most limit + 1 ids, however many leads
      // share it; then only the leads of the keys held by at most `limit`, fetched and parsed.
      const { rows } = await client.query(
        `WITH asked AS (
           SELECT DISTINCT jsonb_array_elements_text($1::text::jsonb) AS key
         ), held AS (
           SELECT a.key, m.lead_id FROM asked AS a CROSS JOIN LATERAL (
             SELECT lead_id FROM ${s}.lead_keys WHERE key = '${BLOCK}' || a.key ORDER BY lead_id LIMIT $2
           ) AS m
         ), small AS (
           SELECT key FROM held GROUP BY key HAVING count(*) < $2
         )
         SELECT key, lead_id, NULL::integer AS version, NULL::jsonb AS data FROM held
         UNION ALL
         SELECT NULL, id, version, data FROM ${s}.leads
         WHERE id IN (SELECT lead_id FROM held WHERE key IN (SELECT key FROM small))`,
        [JSON.stringify(keys), limit + 1],
      );
      const leads: Lead[] = [];
      for (const row of rows) {
        if (row["data"] === null || row["data"] === undefined)
          holders.get(String(row["key"]))?.push(String(row["lead_id"]));
        else leads.push(toLead(row));
      }
      const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
      for (const ids of holders.values()) ids.sort(byId);
      return answer(leads.sort((a, b) => byId(a.id, b.id)));
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

    async releaseMergedKeys(id) {
      if (!canBeStored(id)) return;
      await client.query(`DELETE FROM ${s}.lead_keys WHERE lead_id = $1 AND starts_with(key, '${ALIAS}')`, [
        id,
      ]);
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
