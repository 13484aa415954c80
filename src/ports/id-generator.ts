/**
 * Where services get ids for the records they create (leads, interactions).
 *
 * @remarks
 * Ids must be unique across every record the repositories hold, non-empty and at most 200
 * characters (the model's id rule). UUIDs, ULIDs and database sequences all fit.
 *
 * @example
 * ```ts
 * import type { IdGenerator } from "leadkit/ports";
 * import { createLeadService } from "leadkit/services";
 * import { createInMemoryRepositories } from "leadkit/testing";
 *
 * const uuids: IdGenerator = { next: () => crypto.randomUUID() };
 * createLeadService({ repositories: createInMemoryRepositories(), clock: { now: () => new Date() }, ids: uuids });
 * ```
 * @category Ports
 */
export interface IdGenerator {
  /**
   * A new id, never returned before.
   *
   * @returns A unique, non-empty string of at most 200 characters.
   */
  next(): string;
}
