import type { FindDuplicatesOptions } from "../model/index.js";
import type { Repositories, RepositorySet } from "../ports/index.js";
import { postgresAuditLog } from "./postgres-audit-log.js";
import type { PostgresClient, PostgresDatabase } from "./postgres-client.js";
import { postgresDistributionStateStore } from "./postgres-distribution-state-store.js";
import { postgresInteractionStore } from "./postgres-interaction-store.js";
import { postgresLeadRepository, type StoreContext } from "./postgres-lead-repository.js";
import { postgresOutbox } from "./postgres-outbox.js";
import { quoteSchema, schemaNameOf } from "./schema-name.js";

/**
 * Options for {@link createPostgresRepositories}.
 *
 * @example
 * ```ts
 * import { PGlite } from "@electric-sql/pglite";
 * import { createPostgresRepositories, migrate, type PostgresRepositoriesOptions } from "leadkit/postgres";
 *
 * // The same schema for the migration and the repositories.
 * const options: PostgresRepositoriesOptions = { schema: "crm", duplicateKeys: { phone: { defaultCountryCode: "34" } } };
 * const database = await PGlite.create();
 * await migrate(database, { schema: "crm" });
 * createPostgresRepositories(database, options);
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
 * leadkit's stores on PostgreSQL — leads, interactions, audit log, outbox and distribution
 * rotations — with transactions always available.
 *
 * @example
 * ```ts
 * import { createPostgresRepositories, type PostgresRepositories } from "leadkit/postgres";
 *
 * declare const database: import("leadkit/postgres").PostgresDatabase;
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
 * leadkit's repository ports — leads, interactions, audit log, outbox of domain events,
 * distribution rotations and transactions — on PostgreSQL, over the tables {@link migrate}
 * creates. Pass the result to `createLeadService`.
 *
 * @remarks
 * Every lead write is one statement that compares and sets the version (`INSERT … ON CONFLICT DO
 * NOTHING`, `UPDATE … WHERE version = $n`), so it is atomic even outside a transaction: of N
 * concurrent saves of one version exactly one wins, the others get `conflict`. External ids and
 * normalised emails are unique (unique indexes), so concurrent captures of one submission or one
 * person make one lead, with or without a transaction; a save that would give a second lead one of
 * them gets the typed `key_taken` refusal — never a driver error, and never an aborted
 * transaction (a key-changing update runs in a savepoint). Duplicate lookups read at most
 * `limit + 1` leads per key. The outbox hands events out with `FOR UPDATE SKIP LOCKED` on each
 * lead's earliest pending event, so concurrent workers never split a lead's events, and the
 * rotations are compare-and-set rows. Pages are keyset pages ordered by id (`COLLATE "C"`),
 * complete while others insert. Leads are stored as JSONB and read back through `parseLead`, so
 * every field round-trips, dates included. All values are sent as parameters; the schema name is
 * the only text leadkit writes into its SQL, after checking it.
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
  const schema = quoteSchema(schemaNameOf(options));
  const keyOptions = options.duplicateKeys ?? {};
  const stores = (client: PostgresClient, inTransaction: boolean): RepositorySet => {
    const context: StoreContext = { client, schema, inTransaction, keyOptions };
    return {
      leads: postgresLeadRepository(context),
      interactions: postgresInteractionStore(context),
      audit: postgresAuditLog(context),
      outbox: postgresOutbox(context),
      distribution: postgresDistributionStateStore(context),
    };
  };
  return {
    ...stores(database, false),
    transaction: (work) => database.transaction((client) => work(stores(client, true))),
  };
}
