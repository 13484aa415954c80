import { issue, LeadKitError } from "../internal/index.js";
import type { PostgresDatabase } from "./postgres-client.js";
import { migrationSteps, type PostgresSchemaOptions } from "./postgres-migrations.js";
import { quoteSchema, schemaNameOf } from "./schema-name.js";

/**
 * What {@link migrate} did.
 *
 * @example
 * ```ts
 * import { migrate, type MigrateResult } from "leadkit/postgres";
 *
 * declare const database: import("leadkit/postgres").PostgresDatabase;
 * const result: MigrateResult = await migrate(database);
 * if (result.applied.length > 0) console.log(`schema ${result.schema} now at v${result.version}`);
 * ```
 * @category Postgres
 */
export interface MigrateResult {
  /** The schema migrated. */
  readonly schema: string;
  /** The versions this call applied, in order; empty when the schema was up to date. */
  readonly applied: readonly number[];
  /** The schema's version now: the latest migration leadkit knows. */
  readonly version: number;
}

/**
 * Creates or upgrades leadkit's tables in a schema: applies, in one transaction, every migration of
 * {@link postgresMigrations} the schema does not have yet, and records it in the schema's
 * `leadkit_migrations` table.
 *
 * @remarks
 * Idempotent: a second call applies nothing. Safe under concurrent callers (several app instances
 * starting at once): a transaction-scoped advisory lock per schema makes them take turns, and each
 * later caller finds the work done. A failure rolls the whole call back, so a schema is never left
 * half-migrated. A schema already migrated by a newer leadkit is refused, not downgraded.
 *
 * Migration 2 makes normalised emails unique. Leads stored at version 1 may share one; then the
 * call is refused before anything changes (the schema stays at version 1, whole) with an issue
 * naming each group of twins by lead id (never by email) — merge or edit them, then call again.
 *
 * @param database - The database; `migrate` runs in `database.transaction`.
 * @param options - The schema name; `"leadkit"` when left out.
 * @returns Which versions were applied and the schema's version.
 * @throws LeadKitError `invalid_definition` for a schema name that is not a plain identifier, a
 *   schema whose version is newer than this leadkit's, or leads that share a normalised email
 *   (issues `email_twins`, one per group, at most 20).
 * @example
 * ```ts
 * import pg from "pg";
 * import { fromPgPool, migrate } from "leadkit/postgres";
 *
 * const database = fromPgPool(new pg.Pool({ connectionString: process.env["DATABASE_URL"] }));
 * const { applied, version } = await migrate(database, { schema: "crm" });
 * console.log(applied.length === 0 ? `up to date (v${version})` : `migrated to v${version}`);
 * ```
 * @category Postgres
 */
export async function migrate(
  database: PostgresDatabase,
  options: PostgresSchemaOptions = {},
): Promise<MigrateResult> {
  const schema = schemaNameOf(options);
  const s = quoteSchema(schema);
  const migrations = migrationSteps(schema);
  const latest = migrations.at(-1)?.version ?? 0;
  return database.transaction(async (client) => {
    // Held until commit: a concurrent caller waits here, then sees the versions this one recorded.
    await client.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [
      `leadkit.migrate:${schema}`,
    ]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${s}.leadkit_migrations (
         version integer PRIMARY KEY,
         name text NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const { rows } = await client.query(`SELECT version FROM ${s}.leadkit_migrations`);
    const done = new Set(rows.map((row) => Number(row["version"])));
    const newest = Math.max(0, ...done);
    if (newest > latest) {
      throw new LeadKitError(
        "invalid_definition",
        `Schema "${schema}" is at leadkit migration ${newest}, newer than this leadkit knows (${latest}): upgrade leadkit before using this schema.`,
        [issue("schema_too_new", ["schema"], `Expected a schema at migration ${latest} or older`)],
      );
    }
    const applied: number[] = [];
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      await migration.precondition?.(client);
      for (const statement of migration.statements) await client.query(statement);
      await client.query(`INSERT INTO ${s}.leadkit_migrations (version, name) VALUES ($1, $2)`, [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.version);
    }
    return { schema, applied, version: latest };
  });
}
