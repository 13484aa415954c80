import { issue, LeadKitError } from "../internal/index.js";
import type { PostgresClient } from "./postgres-client.js";
import { quoteSchema, schemaNameOf } from "./schema-name.js";
import { jsonColumn } from "./sql-helpers.js";

/**
 * One versioned step of leadkit's PostgreSQL schema: the statements that take a database from the
 * previous version to this one.
 *
 * @remarks
 * Versions start at 1 and grow by one; a released migration never changes — later releases add
 * new ones. {@link migrate} applies the missing ones in order and records each in the schema's
 * `leadkit_migrations` table.
 *
 * @example
 * ```ts
 * import { postgresMigrations } from "leadkit/postgres";
 *
 * const [first] = postgresMigrations({ schema: "crm" });
 * console.log(first?.version, first?.name); // 1 "leads, interactions and audit log"
 * ```
 * @category Postgres
 */
export interface PostgresMigration {
  /** The version this migration brings the schema to. */
  readonly version: number;
  /** What it adds, for people reading the ledger. */
  readonly name: string;
  /** The statements, in order, with the schema name already in them. */
  readonly statements: readonly string[];
}

/**
 * Options for {@link postgresMigrations} and {@link migrate}.
 *
 * @example
 * ```ts
 * import { PGlite } from "@electric-sql/pglite";
 * import { migrate, type PostgresSchemaOptions } from "leadkit/postgres";
 *
 * // leadkit's tables live in their own schema, beside yours.
 * const options: PostgresSchemaOptions = { schema: "crm" };
 * await migrate(await PGlite.create(), options);
 * ```
 * @category Postgres
 */
export interface PostgresSchemaOptions {
  /**
   * The schema the tables live in: 1–63 lowercase letters, digits or `_`, starting with a letter
   * or `_` (checked: it is the one name leadkit writes into SQL); `"leadkit"` when left out.
   */
  readonly schema?: string;
}

/** A migration as {@link migrate} runs it: a check of the data first, when it needs one. */
export interface MigrationStep extends PostgresMigration {
  /** Throws, before any statement runs, when the data cannot take this migration. */
  readonly precondition?: (client: PostgresClient) => Promise<void>;
}

// Released migrations are append-only: a change to the schema is a new entry at the end.
const MIGRATIONS: readonly {
  readonly version: number;
  readonly name: string;
  readonly statements: (s: string) => readonly string[];
  readonly precondition?: (client: PostgresClient, s: string) => Promise<void>;
}[] = [
  {
    version: 1,
    name: "leads, interactions and audit log",
    statements: (s) => [
      // One row per lead: the lead as JSONB plus the columns queries filter on, kept in step by every
      // save. Ids sort in code-unit order ("C"), the order pages follow, as in memory.
      `CREATE TABLE ${s}.leads (
         id text COLLATE "C" PRIMARY KEY,
         version integer NOT NULL CHECK (version >= 1),
         external_id text UNIQUE,
         owner text,
         stage text NOT NULL,
         generated_by text,
         pool text,
         team text,
         last_activity_at timestamptz NOT NULL,
         duplicate_keys text[] NOT NULL,
         data jsonb NOT NULL
       )`,
      `CREATE INDEX leads_owner ON ${s}.leads (owner, id)`,
      `CREATE INDEX leads_stage ON ${s}.leads (stage, id)`,
      `CREATE INDEX leads_pool ON ${s}.leads (pool, id)`,
      `CREATE INDEX leads_team ON ${s}.leads (team, id)`,
      `CREATE INDEX leads_generated_by ON ${s}.leads (generated_by, id)`,
      `CREATE INDEX leads_last_activity ON ${s}.leads (last_activity_at)`,
      `CREATE INDEX leads_duplicate_keys ON ${s}.leads USING gin (duplicate_keys)`,
      // The columns the compiled points SQL (pointsModelToSql) reads are generated from the JSON, and
      // indexed as its correlated subqueries look interactions up: by lead, type and time. Without an
      // index led by lead_id each lead's subquery scans the whole table.
      `CREATE TABLE ${s}.interactions (
         lead_id text COLLATE "C" NOT NULL,
         id text COLLATE "C" NOT NULL,
         at timestamptz NOT NULL,
         data jsonb NOT NULL,
         type text GENERATED ALWAYS AS (data ->> 'type') STORED,
         channel text GENERATED ALWAYS AS (data ->> 'channel') STORED,
         page_kind text GENERATED ALWAYS AS (data ->> 'pageKind') STORED,
         initiator text GENERATED ALWAYS AS (data -> 'initiator' ->> 'kind') STORED,
         PRIMARY KEY (lead_id, id)
       )`,
      `CREATE INDEX interactions_scoring ON ${s}.interactions (lead_id, type, at)`,
      `CREATE TABLE ${s}.audit_log (
         seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
         lead_id text COLLATE "C" NOT NULL,
         actor text NOT NULL,
         at timestamptz NOT NULL,
         data jsonb NOT NULL
       )`,
      `CREATE INDEX audit_log_lead ON ${s}.audit_log (lead_id, seq)`,
      `CREATE INDEX audit_log_at ON ${s}.audit_log (at)`,
    ],
  },
  {
    version: 2,
    name: "unique emails, bounded duplicate lookups, outbox and distribution rotations",
    precondition: refuseEmailTwins,
    statements: (s) => [
      // The normalised email (the email entry of the duplicate keys) in a column of its own, unique,
      // so that the database refuses a second lead with one address, with or without a transaction.
      // Existing rows take it from the keys they were saved with; twins were refused beforehand.
      `ALTER TABLE ${s}.leads ADD COLUMN email_key text COLLATE "C"`,
      `UPDATE ${s}.leads SET email_key =
         (SELECT substr(k, 7) FROM unnest(duplicate_keys) AS k WHERE starts_with(k, 'email:') LIMIT 1)`,
      `CREATE UNIQUE INDEX leads_email_key ON ${s}.leads (email_key)`,
      // One row per duplicate key of each lead, for the duplicate lookup: a btree range scan reads at
      // most limit + 1 holders of a key however many leads share it, where the GIN index on the array
      // had to collect every holder first (or the planner scanned the table). Every save writes the
      // lead and its keys in one statement; rows go with their lead.
      `CREATE TABLE ${s}.lead_keys (
         key text COLLATE "C" NOT NULL,
         lead_id text COLLATE "C" NOT NULL REFERENCES ${s}.leads (id) ON DELETE CASCADE,
         PRIMARY KEY (key, lead_id)
       )`,
      `CREATE INDEX lead_keys_lead ON ${s}.lead_keys (lead_id)`,
      `INSERT INTO ${s}.lead_keys (key, lead_id) SELECT DISTINCT k, id FROM ${s}.leads, unnest(duplicate_keys) AS k`,
      `DROP INDEX ${s}.leads_duplicate_keys`,
      // Domain events in append order (seq), unique on their id, with the lease of the consumer
      // delivering them; delivered_at once acknowledged. Pending events are indexed by sequence and by
      // lead, the two ways a claim walks them.
      `CREATE TABLE ${s}.outbox (
         seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
         id text COLLATE "C" NOT NULL UNIQUE,
         lead_id text COLLATE "C" NOT NULL,
         type text NOT NULL,
         at timestamptz NOT NULL,
         data jsonb NOT NULL,
         lease_owner text,
         lease_until timestamptz,
         attempts integer NOT NULL DEFAULT 0,
         delivered_at timestamptz
       )`,
      `CREATE INDEX outbox_pending ON ${s}.outbox (seq) WHERE delivered_at IS NULL`,
      `CREATE INDEX outbox_pending_lead ON ${s}.outbox (lead_id, seq) WHERE delivered_at IS NULL`,
      `CREATE INDEX outbox_lead ON ${s}.outbox (lead_id, seq)`,
      // One row per rotation, versioned like a lead: saved by compare-and-set.
      `CREATE TABLE ${s}.distribution_state (
         key text COLLATE "C" PRIMARY KEY,
         version integer NOT NULL CHECK (version >= 1),
         state jsonb NOT NULL
       )`,
    ],
  },
  {
    version: 3,
    name: "last activity counts stage changes",
    statements: (s) => [
      // lastActivityAt (the one definition staleness and inactiveSince share) counts stage changes
      // as well as interactions; rows saved before this version stored interactions only. The history
      // is in the stored lead; a move later than the stored instant moves it forward.
      `UPDATE ${s}.leads AS l SET last_activity_at = m.moved_at
       FROM (SELECT id, max(CAST(h->>'at' AS timestamptz)) AS moved_at
             FROM ${s}.leads, jsonb_array_elements(data->'history') AS h
             GROUP BY id) AS m
       WHERE l.id = m.id AND m.moved_at > l.last_activity_at`,
    ],
  },
];

/** How many groups of twins the refusal names (the message stays short however many there are). */
const TWIN_GROUPS_SHOWN = 20;
/** How many lead ids of each group it names. */
const TWIN_IDS_SHOWN = 10;

/**
 * Migration 2 makes normalised emails unique. Leads saved before it may share one (version 1 kept
 * them unique only for captures inside transactions), and a unique index cannot be built over
 * them: refuse, naming the leads, before anything changes, so the schema stays whole at version 1.
 */
async function refuseEmailTwins(client: PostgresClient, s: string): Promise<void> {
  const { rows } = await client.query(
    `SELECT ids, n, count(*) OVER () AS groups FROM (
       SELECT to_jsonb((array_agg(id ORDER BY id))[1:${TWIN_IDS_SHOWN}]) AS ids, count(*) AS n, min(id) AS first
       FROM ${s}.leads, unnest(duplicate_keys) AS k
       WHERE starts_with(k, 'email:')
       GROUP BY k HAVING count(*) > 1
     ) AS twins ORDER BY first LIMIT ${TWIN_GROUPS_SHOWN}`,
  );
  if (rows.length === 0) return;
  const groups = Number(rows[0]?.["groups"]);
  const issues = rows.map((row, index) => {
    const ids = (jsonColumn(row["ids"]) as string[]).map((id) => JSON.stringify(id)).join(", ");
    const n = Number(row["n"]);
    return issue(
      "email_twins",
      ["leads", index],
      `Leads ${ids}${n > TWIN_IDS_SHOWN ? ` and ${n - TWIN_IDS_SHOWN} more` : ""} share one normalised email; expected at most one lead per email.`,
    );
  });
  throw new LeadKitError(
    "invalid_definition",
    `Cannot apply leadkit migration 2 (unique emails) to schema ${s}: ${groups} email address${groups === 1 ? " is" : "es are"} held by more than one lead (${groups > rows.length ? `the first ${rows.length} groups are` : "each group is"} listed in the error's issues). Nothing was changed; the schema is still at version 1. Merge each group into one lead (LeadService.merge, with the leadkit version that created the schema), or change the email of all but one lead of each group, then run migrate again. docs/postgres.md lists the query that finds them.`,
    issues,
  );
}

/**
 * leadkit's PostgreSQL schema as versioned SQL, for reading or for a migration tool of your own
 * (Flyway, dbmate, node-pg-migrate…); {@link migrate} applies the same statements.
 *
 * @remarks
 * The statements create tables and indexes inside the schema; they expect the schema to exist
 * (`CREATE SCHEMA` it first). Apply every version in order, each exactly once.
 *
 * @param options - The schema name; `"leadkit"` when left out.
 * @returns The migrations, oldest first.
 * @throws LeadKitError `invalid_definition` for a schema name that is not a plain identifier.
 * @example
 * ```ts
 * import { postgresMigrations } from "leadkit/postgres";
 * import { writeFileSync } from "node:fs";
 *
 * for (const migration of postgresMigrations({ schema: "crm" }))
 *   writeFileSync(`migrations/V${migration.version}__leadkit.sql`, `${migration.statements.join(";\n\n")};\n`);
 * ```
 * @category Postgres
 */
export function postgresMigrations(options: PostgresSchemaOptions = {}): readonly PostgresMigration[] {
  const s = quoteSchema(schemaNameOf(options));
  return MIGRATIONS.map((m) => ({ version: m.version, name: m.name, statements: m.statements(s) }));
}

/** The migrations with their preconditions, as {@link migrate} applies them. */
export function migrationSteps(schema: string): readonly MigrationStep[] {
  const s = quoteSchema(schema);
  return MIGRATIONS.map(({ version, name, statements, precondition }) => ({
    version,
    name,
    statements: statements(s),
    ...(precondition === undefined
      ? {}
      : { precondition: (client: PostgresClient) => precondition(client, s) }),
  }));
}
