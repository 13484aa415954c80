import type { PostgresDatabase } from "./postgres-client.js";

/**
 * The part of a postgres.js `sql` (or of its transaction `sql`) that {@link fromPostgresJs} uses.
 *
 * @example
 * ```ts
 * import postgres from "postgres";
 * import type { PostgresJsSqlLike } from "leadkit/postgres";
 *
 * // What leadkit uses of postgres.js inside a transaction: unsafe queries with parameters.
 * const sql = postgres(process.env["DATABASE_URL"] ?? "");
 * await sql.begin(async (trx) => {
 *   const inTransaction: PostgresJsSqlLike = trx;
 *   await inTransaction.unsafe("SELECT $1::int", [1]);
 * });
 * ```
 * @category Postgres
 */
export interface PostgresJsSqlLike {
  /**
   * Runs one statement given as text with `$n` parameters (postgres.js's `sql.unsafe`; the values
   * are still sent as parameters).
   *
   * @param text - The SQL.
   * @param params - Its parameters.
   * @returns The rows (postgres.js's result is an array of rows).
   */
  unsafe(text: string, params?: unknown[]): PromiseLike<readonly Record<string, unknown>[]>;
}

/**
 * The part of a postgres.js `sql` instance that {@link fromPostgresJs} uses (`postgres(url)` fits).
 *
 * @example
 * ```ts
 * import postgres from "postgres";
 * import { fromPostgresJs, type PostgresJsLike } from "leadkit/postgres";
 *
 * const sql: PostgresJsLike = postgres(process.env["DATABASE_URL"] ?? "", { max: 20 });
 * const database = fromPostgresJs(sql);
 * await database.query("SELECT 1");
 * ```
 * @category Postgres
 */
export interface PostgresJsLike extends PostgresJsSqlLike {
  /**
   * Runs work in a transaction on one connection: `COMMIT` when it resolves, `ROLLBACK` when it
   * rejects (postgres.js's `sql.begin`).
   *
   * @param work - The unit of work, given the transaction's `sql`.
   * @returns What `work` resolved to.
   */
  begin(work: (sql: PostgresJsSqlLike) => Promise<unknown>): PromiseLike<unknown>;
}

/**
 * Adapts a postgres.js `sql` instance to a {@link PostgresDatabase}: statements run through
 * `sql.unsafe(text, params)` (values are parameters, never spliced into the text), transactions
 * through `sql.begin`.
 *
 * @param sql - The instance `postgres(url, options)` returned.
 * @returns The database leadkit's repositories and `migrate` take.
 * @example
 * ```ts
 * import postgres from "postgres";
 * import { createPostgresRepositories, fromPostgresJs, migrate } from "leadkit/postgres";
 *
 * const sql = postgres(process.env["DATABASE_URL"] ?? "", { max: 20 });
 * const database = fromPostgresJs(sql);
 * await migrate(database);
 * const repositories = createPostgresRepositories(database);
 * // … and at shutdown: await sql.end();
 * ```
 * @category Postgres
 */
export function fromPostgresJs(sql: PostgresJsLike): PostgresDatabase {
  return {
    query: async (text, params) => ({ rows: await sql.unsafe(text, params ?? []) }),
    async transaction<T>(work: (client: { query: PostgresDatabase["query"] }) => Promise<T>) {
      const result = await sql.begin((trx) =>
        work({ query: async (text, params) => ({ rows: await trx.unsafe(text, params ?? []) }) }),
      );
      return result as T;
    },
  };
}
