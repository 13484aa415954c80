/**
 * leadkit on PostgreSQL: the repository ports (leads, interactions, audit log, outbox of domain
 * events, distribution rotations, transactions) in plain SQL, versioned migrations, and adapters for
 * node-postgres and postgres.js. It talks to the database through a structural client (`query` and
 * `transaction`), so it imports no driver; PGlite fits as it is.
 *
 * @module leadkit/postgres
 */
export {
  createPostgresRepositories,
  type PostgresRepositories,
  type PostgresRepositoriesOptions,
} from "./create-postgres-repositories.js";
export { fromPgPool, type PgPoolClientLike, type PgPoolLike } from "./from-pg-pool.js";
export { fromPostgresJs, type PostgresJsLike, type PostgresJsSqlLike } from "./from-postgres-js.js";
export { type MigrateResult, migrate } from "./migrate.js";
export type { PostgresClient, PostgresDatabase, PostgresQueryResult } from "./postgres-client.js";
export {
  type PostgresMigration,
  type PostgresSchemaOptions,
  postgresMigrations,
} from "./postgres-migrations.js";
