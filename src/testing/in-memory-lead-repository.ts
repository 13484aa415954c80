import type { DuplicateKey, Lead } from "../model/index.js";
import type {
  BlockingKeyLookup,
  FindByBlockingKeysOptions,
  FindByDuplicateKeysOptions,
  InsertManyOutcome,
  LeadQuery,
  LeadRepository,
  Page,
  PageRequest,
  RemoveOptions,
  RemoveOutcome,
  SaveOptions,
  SaveOutcome,
} from "../ports/index.js";
import { InMemoryDatabase, pages } from "./in-memory-database.js";

/**
 * The reference {@link LeadRepository}: leads held in memory with a database's semantics —
 * versioned compare-and-set saves, unique external ids and emails, indexed duplicate and blocking
 * keys read at most `limit + 1` per key, keyset pagination by id, and copies in and out so no caller can change
 * stored state by mutating an object.
 *
 * @remarks
 * Pass a shared {@link InMemoryDatabase} to combine it with the other in-memory stores in one
 * transaction; {@link createInMemoryRepositories} does this for you.
 *
 * @example
 * ```ts
 * import { InMemoryLeadRepository } from "leadkit/testing";
 *
 * const leads = new InMemoryLeadRepository();
 * const outcome = await leads.save(lead, { expectedVersion: 0 });
 * if (outcome.ok) console.log(outcome.lead.version); // 1
 * ```
 * @category Testing
 */
export class InMemoryLeadRepository implements LeadRepository {
  readonly #database: InMemoryDatabase;

  /**
   * @param database - The database to store leads in; a new, private one when left out.
   */
  constructor(database: InMemoryDatabase = new InMemoryDatabase()) {
    this.#database = database;
  }

  /**
   * Reads one lead.
   *
   * @param id - The lead's id.
   * @returns A copy of the lead, or `null`.
   */
  get(id: string): Promise<Lead | null> {
    return this.#database.run((tables) => tables.getLead(id));
  }

  /**
   * Reads the lead holding an external id.
   *
   * @param externalId - The submission's id.
   * @returns A copy of the lead, or `null`.
   */
  getByExternalId(externalId: string): Promise<Lead | null> {
    return this.#database.run((tables) => tables.getLeadByExternalId(externalId));
  }

  /**
   * Stores a lead if its version is still the expected one (see {@link LeadRepository.save}).
   *
   * @param lead - The lead to store; copied.
   * @param options - The expected stored version.
   * @returns The stored copy with its new version, or why nothing was written.
   */
  save(lead: Lead, options: SaveOptions): Promise<SaveOutcome> {
    return this.#database.run((tables) => tables.saveLead(lead, options));
  }

  /**
   * Inserts new leads, all of them or none (see {@link LeadRepository.insertMany}).
   *
   * @param leads - The leads to insert; copied.
   * @returns The stored copies at version 1, or every refusal and nothing written.
   */
  insertMany(leads: readonly Lead[]): Promise<InsertManyOutcome> {
    return this.#database.run((tables) => tables.insertLeads(leads));
  }

  /**
   * Deletes a lead if its version is still the expected one.
   *
   * @param id - The lead's id.
   * @param options - The expected stored version.
   * @returns `{ ok: true }` or a version conflict.
   */
  remove(id: string, options: RemoveOptions): Promise<RemoveOutcome> {
    return this.#database.run((tables) => tables.removeLead(id, options));
  }

  /**
   * Finds the leads sharing a duplicate key, at most `limit + 1` per key.
   *
   * @param keys - A candidate's keys.
   * @param options - The per-key bound (20 when left out).
   * @returns Copies of the matching leads, ordered by id.
   */
  findByDuplicateKeys(
    keys: readonly DuplicateKey[],
    options?: FindByDuplicateKeysOptions,
  ): Promise<readonly Lead[]> {
    return this.#database.run((tables) => tables.findLeadsByDuplicateKeys(keys, options));
  }

  /**
   * Finds the leads sharing a blocking key, at most `limit + 1` per key, from an index kept by every
   * write (see {@link LeadRepository.findByBlockingKeys}).
   *
   * @param keys - A candidate's `blockingKeys`.
   * @param options - The per-key bound (49 when left out).
   * @returns The holders of each key, and copies of the leads of the small blocks.
   */
  findByBlockingKeys(
    keys: readonly string[],
    options?: FindByBlockingKeysOptions,
  ): Promise<BlockingKeyLookup> {
    return this.#database.run((tables) => tables.findLeadsByBlockingKeys(keys, options));
  }

  /**
   * Reads one page of matching leads, ordered by id.
   *
   * @param query - The criteria.
   * @param page - Size and cursor.
   * @returns The page and the next cursor.
   */
  query(query: LeadQuery, page?: PageRequest): Promise<Page<Lead>> {
    return this.#database.run((tables) => tables.queryLeads(query, page));
  }

  /**
   * Reads every matching lead, ordered by id, a page at a time.
   *
   * @param query - The criteria; every lead when left out.
   * @returns An async iterable of copies.
   */
  stream(query: LeadQuery = {}): AsyncIterable<Lead> {
    return pages((page) => this.query(query, page));
  }

  /**
   * Frees the unique keys the lead took over from leads merged into it.
   *
   * @param id - The lead.
   * @returns Resolves once they are free.
   */
  releaseMergedKeys(id: string): Promise<void> {
    return this.#database.run((tables) => tables.releaseMergedKeys(id));
  }
}
