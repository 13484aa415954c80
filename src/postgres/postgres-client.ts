/**
 * What a statement returns: its rows, each a record of column name to value.
 *
 * @example
 * ```ts
 * import type { PostgresQueryResult } from "leadkit/postgres";
 *
 * declare const client: import("leadkit/postgres").PostgresClient;
 * const result: PostgresQueryResult = await client.query("SELECT 1 AS one");
 * result.rows[0]?.["one"]; // 1
 * ```
 * @category Postgres
 */
export interface PostgresQueryResult {
  /** The rows, in the order the statement returned them; empty for a statement without rows. */
  readonly rows: readonly Record<string, unknown>[];
}

/**
 * The one thing leadkit asks of a PostgreSQL driver: run one parameterised statement.
 *
 * @remarks
 * A structural slice, as kysely declares the parts of a driver it uses: leadkit imports no driver.
 * A PGlite instance fits as it is; {@link fromPgPool} and {@link fromPostgresJs} adapt node-postgres
 * and postgres.js. leadkit always sends values as parameters (`$1`, `$2`, …), never inside the
 * text: the text is leadkit's own SQL plus a schema name it has validated.
 *
 * @example
 * ```ts
 * import { PGlite } from "@electric-sql/pglite";
 * import type { PostgresClient } from "leadkit/postgres";
 *
 * const client: PostgresClient = await PGlite.create();
 * const { rows } = await client.query("SELECT $1::text AS greeting", ["hola"]);
 * ```
 * @category Postgres
 */
export interface PostgresClient {
  /**
   * Runs one statement.
   *
   * @param text - The SQL, with `$1`, `$2`, … where the parameters go.
   * @param params - The parameters' values: strings, numbers, booleans or `null`.
   * @returns The rows; an error from the database or the connection rejects the promise untouched.
   */
  query(text: string, params?: unknown[]): Promise<PostgresQueryResult>;
}

/**
 * A {@link PostgresClient} that can also run work in a transaction — what
 * {@link createPostgresRepositories} and {@link migrate} take.
 *
 * @remarks
 * `transaction(work)` runs `work` with a client whose statements all belong to one transaction
 * (in practice: one connection held from `BEGIN` to `COMMIT`), commits when `work` resolves, rolls
 * back when it rejects and rejects with the same error. PGlite's `transaction` is exactly this;
 * {@link fromPgPool} and {@link fromPostgresJs} give it to node-postgres and postgres.js. leadkit
 * relies on PostgreSQL's default isolation, READ COMMITTED: each statement sees what other
 * transactions committed before it began.
 *
 * @example
 * ```ts
 * import pg from "pg";
 * import { fromPgPool, type PostgresDatabase } from "leadkit/postgres";
 *
 * const database: PostgresDatabase = fromPgPool(new pg.Pool({ connectionString: process.env["DATABASE_URL"] }));
 * await database.transaction(async (trx) => {
 *   await trx.query("SELECT 1");
 * });
 * ```
 * @category Postgres
 */
export interface PostgresDatabase extends PostgresClient {
  /**
   * Runs work in one transaction.
   *
   * @param work - The unit of work; it must use only the client it is given.
   * @returns What `work` resolved to, once committed.
   */
  transaction<T>(work: (client: PostgresClient) => Promise<T>): Promise<T>;
}
