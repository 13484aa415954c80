// The slice of a PostgreSQL driver the adapter needs, declared here instead of importing a driver's
// types (kysely's approach): PGlite fits it as is, and `fromPgPool` below adapts node-postgres.

/** Anything that runs one parameterised SQL statement: a PGlite instance, a pg pool or client. */
export interface SqlClient {
  query(text: string, params?: unknown[]): Promise<{ readonly rows: readonly Record<string, unknown>[] }>;
}

/** A client that can also run work in a transaction: `COMMIT` when it resolves, `ROLLBACK` when it throws. */
export interface SqlDatabase extends SqlClient {
  transaction<T>(work: (client: SqlClient) => Promise<T>): Promise<T>;
}

/** The part of a node-postgres `Pool` used by {@link fromPgPool}. */
export interface PgPoolLike extends SqlClient {
  connect(): Promise<SqlClient & { release(): void }>;
}

/**
 * Adapts a node-postgres pool: statements go to the pool, a transaction holds one client from
 * `BEGIN` to `COMMIT` or `ROLLBACK`.
 */
export function fromPgPool(pool: PgPoolLike): SqlDatabase {
  return {
    query: (text, params) => pool.query(text, params),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await work(client);
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      } finally {
        client.release();
      }
    },
  };
}
