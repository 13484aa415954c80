// The two SQL engines the compilers are tested on, behind one small interface: PGlite (PostgreSQL
// compiled to WebAssembly) and DuckDB (embedded). Values always travel as parameters, never as text.
import { DuckDBInstance } from "@duckdb/node-api";
import { PGlite } from "@electric-sql/pglite";
import type { SqlDialect } from "leadkit";
import type { FunnelRow } from "leadkit/metrics";

/** A column type the helpers can load. */
export type ColumnType = "text" | "float8" | "bigint" | "integer" | "boolean" | "timestamptz" | "text[]";

/** One engine: run statements, read rows as plain JavaScript values, load rows through parameters. */
/** The column types of the funnel table (`createFunnelTableSql`), for loading `FunnelRow`s into an engine. */
export const FUNNEL_ROW_COLUMNS: Readonly<Record<keyof FunnelRow, ColumnType>> = {
  id: "text",
  stage: "text",
  reached_stage: "integer",
  won: "boolean",
  lost: "boolean",
  archived: "boolean",
  origin: "text",
  source: "text",
  owner: "text",
  generated_by: "text",
  industry: "text",
  interest_level: "text",
  created_at: "timestamptz",
  out_of_order: "boolean",
  seconds_to_close: "bigint",
  first_touch: "text",
  last_touch: "text",
  touches: "text[]",
  seconds_to_first_response: "bigint",
  seconds_in_contact: "bigint",
  seconds_in_lead: "bigint",
  seconds_in_prospect: "bigint",
  seconds_in_potential_client: "bigint",
  cost_cents: "bigint",
  expected_revenue_cents: "bigint",
  weighted_revenue_cents: "bigint",
};

export interface SqlEngine {
  readonly dialect: SqlDialect;
  /** Runs one or more statements. */
  exec(sql: string): Promise<void>;
  /** Runs one query and returns its rows (numbers, bigints, strings, booleans, dates, arrays). */
  query<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  /** Creates `table` with these columns and loads the rows, every value as a parameter. */
  load(table: string, columns: Readonly<Record<string, ColumnType>>, rows: readonly object[]): Promise<void>;
  /** Loads rows into an existing table, every value as a parameter cast to its column's type. */
  insert(
    table: string,
    columns: Readonly<Record<string, ColumnType>>,
    rows: readonly object[],
  ): Promise<void>;
  /** Whether a table of this name exists. */
  hasTable(name: string): Promise<boolean>;
  close(): Promise<void>;
}

const BATCH = 100;

function insertStatements(
  dialect: SqlDialect,
  table: string,
  columns: Readonly<Record<string, ColumnType>>,
  rows: readonly object[],
): { sql: string; params: unknown[] }[] {
  const names = Object.keys(columns);
  const out: { sql: string; params: unknown[] }[] = [];
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    const params: unknown[] = [];
    const tuples = batch.map((row) => {
      const cells = names.map((name) => {
        const type = columns[name] as ColumnType;
        const raw = (row as Record<string, unknown>)[name];
        let value: unknown = raw === undefined ? null : raw;
        if (value instanceof Date) value = value.toISOString();
        // Lists travel as JSON text, unpacked by the engine: no array-literal quoting to get wrong.
        if (type === "text[]" && value !== null) value = JSON.stringify(value);
        params.push(value);
        const p = `$${params.length}`;
        if (type === "text[]")
          return dialect === "duckdb"
            ? `from_json(${p}, '["VARCHAR"]')`
            : `CASE WHEN ${p}::text IS NULL THEN NULL ELSE ARRAY(SELECT jsonb_array_elements_text(CAST(${p}::text AS jsonb))) END`;
        return `CAST(${p} AS ${type})`;
      });
      return `(${cells.join(", ")})`;
    });
    out.push({ sql: `INSERT INTO ${table} (${names.join(", ")}) VALUES ${tuples.join(", ")}`, params });
  }
  return out;
}

const ddl = (table: string, columns: Readonly<Record<string, ColumnType>>) =>
  `CREATE TABLE ${table} (${Object.entries(columns)
    .map(([name, type]) => `${name} ${type}`)
    .join(", ")})`;

/** PGlite, with `standard_conforming_strings` as given (default on). */
export async function openPostgres(): Promise<
  SqlEngine & { setConformingStrings(on: boolean): Promise<void> }
> {
  const db = new PGlite();
  await db.query("SELECT 1");
  return {
    dialect: "postgres",
    exec: async (sql) => {
      await db.exec(sql);
    },
    query: async <T>(sql: string) => (await db.query<T>(sql)).rows,
    load: async (table, columns, rows) => {
      await db.exec(ddl(table, columns));
      for (const { sql, params } of insertStatements("postgres", table, columns, rows))
        await db.query(sql, params);
    },
    insert: async (table, columns, rows) => {
      for (const { sql, params } of insertStatements("postgres", table, columns, rows))
        await db.query(sql, params);
    },
    hasTable: async (name) =>
      (await db.query("SELECT 1 FROM information_schema.tables WHERE table_name = $1", [name])).rows.length >
      0,
    setConformingStrings: async (on) => {
      await db.exec(`SET standard_conforming_strings = ${on ? "on" : "off"}`);
    },
    close: () => db.close(),
  };
}

/** DuckDB in memory. */
export async function openDuckDb(): Promise<SqlEngine> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  return {
    dialect: "duckdb",
    exec: async (sql) => {
      await connection.run(sql);
    },
    query: async <T>(sql: string) => (await connection.runAndReadAll(sql)).getRowObjectsJS() as T[],
    load: async (table, columns, rows) => {
      await connection.run(ddl(table, columns));
      for (const { sql, params } of insertStatements("duckdb", table, columns, rows))
        await connection.run(sql, params as never);
    },
    insert: async (table, columns, rows) => {
      for (const { sql, params } of insertStatements("duckdb", table, columns, rows))
        await connection.run(sql, params as never);
    },
    hasTable: async (name) =>
      (
        await connection.runAndReadAll("SELECT 1 FROM information_schema.tables WHERE table_name = $1", [
          name,
        ])
      ).currentRowCount > 0,
    close: async () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** A number from a driver value (bigint, numeric string or number); `null` stays `null`. */
export function toNumber(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  return typeof value === "bigint" || typeof value === "string" ? Number(value) : (value as number);
}
