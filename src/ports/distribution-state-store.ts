/**
 * A distribution rotation's state as stored: the shape of `DistributionState` in `leadkit/origin`
 * (declared here so the ports depend on nothing but the model). Plain JSON.
 *
 * @example
 * ```ts
 * import type { DistributionStateRecord } from "leadkit/ports";
 * import { createInMemoryRepositories } from "leadkit/testing";
 *
 * const { distribution } = createInMemoryRepositories();
 * const state: DistributionStateRecord = { cursor: "u-ana", assigned: { "u-ana": 3 }, credit: {} };
 * await distribution.save("inbound-es", state, { expectedVersion: 0 });
 * ```
 * @category Ports
 */
export interface DistributionStateRecord {
  /** The last member who received a lead, or `null` for a fresh rotation. */
  readonly cursor: string | null;
  /** Leads assigned to each member this period, by user id. */
  readonly assigned: Readonly<Record<string, number>>;
  /** Each member's running credit under the weighted strategy, by user id. */
  readonly credit: Readonly<Record<string, number>>;
}

/**
 * A stored rotation state with its version, as {@link DistributionStateStore.get} returns it.
 *
 * @example
 * ```ts
 * import type { VersionedDistributionState } from "leadkit/ports";
 * import { createInMemoryRepositories } from "leadkit/testing";
 *
 * const { distribution } = createInMemoryRepositories();
 * const stored: VersionedDistributionState | null = await distribution.get("inbound-es");
 * // Save on top of the version read: a concurrent batch that saved first makes this a conflict.
 * await distribution.save("inbound-es", stored?.state ?? { cursor: null, assigned: {}, credit: {} }, { expectedVersion: stored?.version ?? 0 });
 * ```
 * @category Ports
 */
export interface VersionedDistributionState {
  /** The state. */
  readonly state: DistributionStateRecord;
  /** Its version: 1 after the first save, one more after each. */
  readonly version: number;
}

/**
 * What {@link DistributionStateStore.save} returns: the new version, or a version conflict and
 * nothing written.
 *
 * @example
 * ```ts
 * import type { DistributionStateSaveOutcome } from "leadkit/ports";
 * import { createInMemoryRepositories } from "leadkit/testing";
 *
 * const store = createInMemoryRepositories().distribution;
 * const next = { cursor: "u-ana", assigned: { "u-ana": 1 }, credit: {} };
 * const outcome: DistributionStateSaveOutcome = await store.save("inbound", next, { expectedVersion: 4 });
 * if (!outcome.ok) console.log(`someone moved the rotation to v${outcome.currentVersion}`);
 * ```
 * @category Ports
 */
export type DistributionStateSaveOutcome =
  | {
      /** Always `true`: the state was written. */
      readonly ok: true;
      /** Its new version (`expectedVersion + 1`). */
      readonly version: number;
    }
  | {
      /** Always `false`: nothing was written. */
      readonly ok: false;
      /** Always `"conflict"`. */
      readonly code: "conflict";
      /** The rotation written. */
      readonly key: string;
      /** The version the caller expected. */
      readonly expectedVersion: number;
      /** The version stored now; `0` when no state is stored under the key. */
      readonly currentVersion: number;
    };

/**
 * Stores the state of lead distribution rotations (who received the last lead, counts, credits),
 * versioned like a lead so that concurrent captures take turns fairly.
 *
 * @remarks
 * The lead service reads a rotation, computes the next assignment with `distributeLeads`, and
 * saves the new state with a compare-and-set before it saves the lead; on a conflict it reads
 * again and retries, so of N concurrent captures each gets its own turn, with or without
 * transactions. Semantics (checked by the conformance suite): `get` returns `null` for a key never
 * saved; `save` stores the state when the stored version (`0` for none) equals
 * `options.expectedVersion`, atomically (of N concurrent savers of one version exactly one wins),
 * and returns a conflict otherwise; values in, values out. On SQL: one row per key,
 * `INSERT … ON CONFLICT DO NOTHING` for version 0 and `UPDATE … WHERE key = $1 AND version = $2`.
 *
 * @example
 * ```ts
 * import { distributeLeads } from "leadkit/origin";
 * import { createInMemoryRepositories } from "leadkit/testing";
 *
 * const repositories = createInMemoryRepositories();
 * const members = [{ userId: "u-ana" }, { userId: "u-bruno" }];
 * const stored = await repositories.distribution.get("inbound");
 * const next = distributeLeads([{ id: "l9" }], { strategy: "round_robin", members, ...(stored ? { state: stored.state } : {}) });
 * const saved = await repositories.distribution.save("inbound", next.state, { expectedVersion: stored?.version ?? 0 });
 * ```
 * @category Ports
 */
export interface DistributionStateStore {
  /**
   * Reads a rotation's state.
   *
   * @param key - The rotation's name (the lead service uses its `distribution.key`).
   * @returns The state and its version, or `null` when none was saved.
   */
  get(key: string): Promise<VersionedDistributionState | null>;

  /**
   * Stores a rotation's state if its stored version is still the one the caller read.
   *
   * @param key - The rotation's name.
   * @param state - The new state; copied.
   * @param options - The version the caller expects to replace (`0`: none stored yet).
   * @returns The new version, or a conflict with the current version.
   */
  save(
    key: string,
    state: DistributionStateRecord,
    options: { readonly expectedVersion: number },
  ): Promise<DistributionStateSaveOutcome>;
}
