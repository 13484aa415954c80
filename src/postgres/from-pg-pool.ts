import type { PostgresClient, PostgresDatabase, PostgresQueryResult } from "./postgres-client.js";

/**
 * The part of a node-postgres pooled client that {@link fromPgPool} uses (`pg.PoolClient` fits).
 *
 * @example
 * ```ts
 * import pg from "pg";
 * import type { PgPoolClientLike } from "leadkit/postgres";
 *
 * // What leadkit uses of a pooled client: query, then release.
 * const pool = new pg.Pool({ connectionString: process.env["DATABASE_URL"] });
 * const client: PgPoolClientLike = await pool.connect();
 * try {
 *   await client.query("SELECT 1");
 * } finally {
 *   client.release();
 * }
 * ```
 * @category Postgres
 */
export interface PgPoolClientLike {
  /**
   * Runs one statement on this connection.
   *
   * @param text - The SQL.
   * @param params - Its parameters.
   * @returns The rows.
   */
  query(text: string, params?: unknown[]): Promise<PostgresQueryResult>;
  /**
   * Gives the connection back to the pool; with an error, the pool closes it instead of reusing it.
   *
   * @param error - Why the connection must not be reused, if it must not.
   */
  release(error?: Error | boolean): void;
  /**
   * Listens for an error the connection raises between statements (the server ended it).
   *
   * @param event - Always `"error"`.
   * @param listener - Receives the error.
   * @returns The client.
   */
  on(event: "error", listener: (error: Error) => void): unknown;
  /**
   * Stops listening (see {@link PgPoolClientLike.on}).
   *
   * @param event - Always `"error"`.
   * @param listener - The listener given to `on`.
   * @returns The client.
   */
  removeListener(event: "error", listener: (error: Error) => void): unknown;
}

/**
 * The part of a node-postgres `Pool` that {@link fromPgPool} uses (`pg.Pool` fits).
 *
 * @example
 * ```ts
 * import pg from "pg";
 * import { fromPgPool, type PgPoolLike } from "leadkit/postgres";
 *
 * const pool: PgPoolLike = new pg.Pool({ connectionString: process.env["DATABASE_URL"], max: 20 });
 * const database = fromPgPool(pool);
 * await database.query("SELECT 1");
 * ```
 * @category Postgres
 */
export interface PgPoolLike {
  /**
   * Runs one statement on any idle connection.
   *
   * @param text - The SQL.
   * @param params - Its parameters.
   * @returns The rows.
   */
  query(text: string, params?: unknown[]): Promise<PostgresQueryResult>;
  /**
   * Takes a connection out of the pool, for a transaction.
   *
   * @returns A connection, to be released.
   */
  connect(): Promise<PgPoolClientLike>;
}

/**
 * Adapts a node-postgres (`pg`) pool to a {@link PostgresDatabase}: single statements go to the
 * pool; a transaction holds one connection from `BEGIN` to `COMMIT` or `ROLLBACK`.
 *
 * @remarks
 * A connection the server ends in the middle of a transaction (a restart, `pg_terminate_backend`,
 * a network cut) fails the transaction with the driver's error — the server rolls it back — and
 * is closed rather than returned to the pool; the error is caught while the connection is held,
 * so it cannot crash the process as an unhandled `error` event.
 *
 * @param pool - A `pg.Pool` (or anything with its `query` and `connect`).
 * @returns The database leadkit's repositories and `migrate` take.
 * @example
 * ```ts
 * import pg from "pg";
 * import { createPostgresRepositories, fromPgPool, migrate } from "leadkit/postgres";
 *
 * const pool = new pg.Pool({ connectionString: process.env["DATABASE_URL"], max: 20 });
 * const database = fromPgPool(pool);
 * await migrate(database);
 * const repositories = createPostgresRepositories(database);
 * // … and at shutdown: await pool.end();
 * ```
 * @category Postgres
 */
export function fromPgPool(pool: PgPoolLike): PostgresDatabase {
  return {
    query: (text, params) => pool.query(text, params),
    async transaction(work) {
      const connection = await pool.connect();
      let lost: Error | undefined;
      const onError = (error: Error) => {
        lost ??= error;
      };
      connection.on("error", onError);
      const client: PostgresClient = { query: (text, params) => connection.query(text, params) };
      try {
        await connection.query("BEGIN");
        const result = await work(client);
        await connection.query("COMMIT");
        return result;
      } catch (error) {
        try {
          await connection.query("ROLLBACK");
        } catch (rollbackError) {
          lost ??= rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        }
        throw error;
      } finally {
        connection.removeListener("error", onError);
        connection.release(lost);
      }
    },
  };
}
