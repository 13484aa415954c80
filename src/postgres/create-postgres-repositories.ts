import type { FindDuplicatesOptions } from "../model/index.js";
import type { Repositories, RepositorySet } from "../ports/index.js";
import { postgresAuditLog } from "./postgres-audit-log.js";
import type { PostgresClient, PostgresDatabase } from "./postgres-client.js";
import { postgresInteractionStore } from "./postgres-interaction-store.js";
import { postgresLeadRepository, type StoreContext } from "./postgres-lead-repository.js";
import { quoteSchema, schemaNameOf } from "./schema-name.js";

/**
 * Options for {@link createPostgresRepositories}.
 *
 * @example
 * ```ts
 * const options: PostgresRepositoriesOptions = { schema: "crm", duplicateKeys: { phone: { defaultCountryCode: "34" } } };
 * ```
 * @category Postgres
 */
export interface PostgresRepositoriesOptions {
  /** The schema {@link migrate} created the tables in; `"leadkit"` when left out. */
  readonly schema?: string;
  /**
   * How duplicate keys are computed when a lead is saved; must match the lead service's
   * `duplicates` config. The model's defaults when left out.
   */
  readonly duplicateKeys?: FindDuplicatesOptions;
}

/**
 * leadkit's stores on PostgreSQL, with transactions always available.
 *
 * @example
 * ```ts
 * const repositories: PostgresRepositories = createPostgresRepositories(database);
 * const trail = await repositories.transaction((trx) => trx.audit.list({ leadId: "l1" }));
 * ```
 * @category Postgres
 */
export interface PostgresRepositories extends Repositories {
  /**
   * Runs work in one database transaction over every store (see {@link Repositories.transaction}):
   * all of its writes are committed when it resolves, none when it throws.
   *
   * @remarks
   * Each call takes its own connection: do not call it again inside `work` (the inner call would
   * not belong to the outer transaction).
   *
   * @param work - The unit of work, given the transaction's stores.
   * @returns What `work` resolved to, once committed.
   */
  transaction<T>(work: (trx: RepositorySet) => Promise<T>): Promise<T>;
}

/**
 * leadkit's repository ports — leads, interactions, audit log and transactions — on PostgreSQL,
 * over the tables {@link migrate} creates. Pass the result to `createLeadService`.
 *
 * @remarks
 * Every lead write is one statement that compares and sets the version (`INSERT … ON CONFLICT DO
 * NOTHING`, `UPDATE … WHERE version = $n`), so it is atomic even outside a transaction: of N
 * concurrent saves of one version exactly one wins, the others get `conflict`. External ids are
 * unique (an index), so concurrent captures of one submission make one lead. Pages are keyset
 * pages ordered by id (`COLLATE "C"`), complete while others insert. Leads are stored as JSONB
 * and read back through `parseLead`, so every field round-trips, dates included. All values are
 * sent as parameters; the schema name is the only text leadkit writes into its SQL, after checking
 * it. Inside a transaction, `findByDuplicateKeys` also takes a lock per email address until the
 * transaction ends, so concurrent captures of one email (which the lead service runs in
 * transactions) make one lead.
 *
 * @param database - The database: PGlite as it is, or {@link fromPgPool} / {@link fromPostgresJs}.
 * @param options - Schema and duplicate-key options.
 * @returns The repositories, with `transaction`.
 * @throws LeadKitError `invalid_definition` for a schema name that is not a plain identifier.
 * @example
 * ```ts
 * import { PGlite } from "@electric-sql/pglite";
 * import { createPostgresRepositories, migrate } from "leadkit/postgres";
 * import { createLeadService } from "leadkit/services";
 *
 * const database = await PGlite.create();
 * await migrate(database);
 * const service = createLeadService({
 *   repositories: createPostgresRepositories(database),
 *   clock: { now: () => new Date() },
 *   ids: { next: () => crypto.randomUUID() },
 * });
 * ```
 * @category Postgres
 */
export function createPostgresRepositories(
  database: PostgresDatabase,
  options: PostgresRepositoriesOptions = {},
): PostgresRepositories {
  const schemaName = schemaNameOf(options);
  const schema = quoteSchema(schemaName);
  const keyOptions = options.duplicateKeys ?? {};
  const stores = (client: PostgresClient, inTransaction: boolean): RepositorySet => {
    const context: StoreContext = { client, schema, schemaName, inTransaction, keyOptions };
    return {
      leads: postgresLeadRepository(context),
      interactions: postgresInteractionStore(context),
      audit: postgresAuditLog(context),
    };
  };
  return {
    ...stores(database, false),
    transaction: (work) => database.transaction((client) => work(stores(client, true))),
  };
}
