import type { SqlClient } from "./sql-database.js";

/** Checks a schema name before it is spliced into SQL (identifiers cannot be parameters). */
export function quoteSchema(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(
      `Invalid schema name "${schema}": expected lowercase letters, digits and "_", at most 63.`,
    );
  }
  return `"${schema}"`;
}

/**
 * Creates the tables in a schema; safe to run again. Each lead is one JSONB document plus the
 * columns the queries filter on, kept in step by every save; beside them the interactions, the
 * audit log, the outbox of domain events and the distribution rotations.
 */
export async function migrate(db: SqlClient, schema = "leadkit"): Promise<void> {
  const s = quoteSchema(schema);
  const statements = [
    `CREATE SCHEMA IF NOT EXISTS ${s}`,
    `CREATE TABLE IF NOT EXISTS ${s}.leads (
       id text COLLATE "C" PRIMARY KEY,           -- "C": code-unit order, the order pages follow
       version integer NOT NULL CHECK (version >= 1),
       external_id text UNIQUE,
       owner text,
       stage text NOT NULL,
       generated_by text,
       pool text,
       team text,
       last_activity_at timestamptz NOT NULL,
       duplicate_keys text[] NOT NULL,             -- "email:ana@acme.es", "company_domain:acme.es", ...
       data jsonb NOT NULL
     )`,
    // Unique normalised email: one lead per person even when captures race without a transaction.
    `ALTER TABLE ${s}.leads ADD COLUMN IF NOT EXISTS email_key text`,
    `CREATE UNIQUE INDEX IF NOT EXISTS leads_email_key ON ${s}.leads (email_key)`,
    `CREATE INDEX IF NOT EXISTS leads_owner ON ${s}.leads (owner, id)`,
    `CREATE INDEX IF NOT EXISTS leads_stage ON ${s}.leads (stage, id)`,
    `CREATE INDEX IF NOT EXISTS leads_pool ON ${s}.leads (pool, id)`,
    `CREATE INDEX IF NOT EXISTS leads_activity ON ${s}.leads (last_activity_at)`,
    `CREATE INDEX IF NOT EXISTS leads_duplicate_keys ON ${s}.leads USING gin (duplicate_keys)`,
    `CREATE TABLE IF NOT EXISTS ${s}.interactions (
       lead_id text NOT NULL,
       id text NOT NULL,
       at timestamptz NOT NULL,
       data jsonb NOT NULL,
       PRIMARY KEY (lead_id, id)
     )`,
    `CREATE INDEX IF NOT EXISTS interactions_by_time ON ${s}.interactions (lead_id, at, id COLLATE "C")`,
    `CREATE TABLE IF NOT EXISTS ${s}.audit_log (
       seq bigserial PRIMARY KEY,
       lead_id text NOT NULL,
       actor text NOT NULL,
       at timestamptz NOT NULL,
       data jsonb NOT NULL
     )`,
    `CREATE INDEX IF NOT EXISTS audit_log_lead ON ${s}.audit_log (lead_id, seq)`,
    `CREATE TABLE IF NOT EXISTS ${s}.outbox (
       seq bigserial PRIMARY KEY,                  -- append order
       id text NOT NULL UNIQUE,                    -- the event id: appends are idempotent on it
       lead_id text NOT NULL,
       data jsonb NOT NULL,
       lease_owner text,
       lease_until timestamptz,
       attempts integer NOT NULL DEFAULT 0,
       delivered_at timestamptz
     )`,
    `CREATE INDEX IF NOT EXISTS outbox_pending ON ${s}.outbox (lead_id, seq) WHERE delivered_at IS NULL`,
    `CREATE TABLE IF NOT EXISTS ${s}.distribution_state (
       key text PRIMARY KEY,
       version integer NOT NULL CHECK (version >= 1),
       state jsonb NOT NULL
     )`,
  ];
  for (const statement of statements) await db.query(statement);
}
