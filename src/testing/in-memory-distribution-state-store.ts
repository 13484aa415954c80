import type {
  DistributionStateRecord,
  DistributionStateSaveOutcome,
  DistributionStateStore,
  VersionedDistributionState,
} from "../ports/index.js";
import { InMemoryDatabase } from "./in-memory-database.js";

/**
 * The reference {@link DistributionStateStore}: versioned rotation states in memory, saved by
 * compare-and-set, copied in and out.
 *
 * @example
 * ```ts
 * import { InMemoryDistributionStateStore } from "leadkit/testing";
 *
 * const store = new InMemoryDistributionStateStore();
 * const saved = await store.save("inbound", { cursor: "u-ana", assigned: { "u-ana": 1 }, credit: {} }, { expectedVersion: 0 });
 * if (saved.ok) console.log(saved.version); // 1
 * ```
 * @category Testing
 */
export class InMemoryDistributionStateStore implements DistributionStateStore {
  readonly #database: InMemoryDatabase;

  /**
   * @param database - The database to store states in; a new, private one when left out.
   */
  constructor(database: InMemoryDatabase = new InMemoryDatabase()) {
    this.#database = database;
  }

  /**
   * Reads a rotation's state.
   *
   * @param key - The rotation.
   * @returns A copy of the state and its version, or `null`.
   */
  get(key: string): Promise<VersionedDistributionState | null> {
    return this.#database.run((tables) => tables.getDistribution(key));
  }

  /**
   * Stores a rotation's state if its version is still the expected one.
   *
   * @param key - The rotation.
   * @param state - The new state; copied.
   * @param options - The expected stored version.
   * @returns The new version or a conflict.
   */
  save(
    key: string,
    state: DistributionStateRecord,
    options: { readonly expectedVersion: number },
  ): Promise<DistributionStateSaveOutcome> {
    return this.#database.run((tables) => tables.saveDistribution(key, state, options));
  }
}
