import { quoteSchema, schemaNameOf } from "./schema-name.js";

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
 * const options: PostgresSchemaOptions = { schema: "crm" };
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

// Released migrations are append-only: a change to the schema is a new entry at the end.
const MIGRATIONS: readonly {
  readonly version: number;
  readonly name: string;
  readonly statements: (s: string) => readonly string[];
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
];

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
