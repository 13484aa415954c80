import type {
  DistributionStateRecord,
  DistributionStateSaveOutcome,
  DistributionStateStore,
} from "../ports/index.js";
import type { StoreContext } from "./postgres-lead-repository.js";
import { canBeStored, jsonColumn } from "./sql-helpers.js";

/**
 * leadkit's `DistributionStateStore` on the `distribution_state` table (see
 * `createPostgresRepositories`): one row per rotation, saved by compare-and-set in one statement,
 * so of N concurrent savers of one version exactly one wins, with or without a transaction.
 */
export function postgresDistributionStateStore({ client, schema: s }: StoreContext): DistributionStateStore {
  return {
    async get(key) {
      if (!canBeStored(key)) return null;
      const { rows } = await client.query(
        `SELECT version, state FROM ${s}.distribution_state WHERE key = $1`,
        [key],
      );
      const row = rows[0];
      return row === undefined
        ? null
        : { state: jsonColumn(row["state"]) as DistributionStateRecord, version: Number(row["version"]) };
    },

    async save(key, state, { expectedVersion }): Promise<DistributionStateSaveOutcome> {
      const json = JSON.stringify(state);
      const valid = Number.isSafeInteger(expectedVersion) && expectedVersion >= 0;
      const { rows } = !valid
        ? { rows: [] }
        : expectedVersion === 0
          ? await client.query(
              `INSERT INTO ${s}.distribution_state (key, version, state) VALUES ($1, 1, $2::text::jsonb)
               ON CONFLICT DO NOTHING RETURNING version`,
              [key, json],
            )
          : await client.query(
              `UPDATE ${s}.distribution_state SET version = version + 1, state = $2::text::jsonb
               WHERE key = $1 AND version = $3 RETURNING version`,
              [key, json, expectedVersion],
            );
      if (rows[0] !== undefined) return { ok: true, version: Number(rows[0]["version"]) };
      const current = await client.query(`SELECT version FROM ${s}.distribution_state WHERE key = $1`, [key]);
      return {
        ok: false,
        code: "conflict",
        key,
        expectedVersion,
        currentVersion: Number(current.rows[0]?.["version"] ?? 0),
      };
    },
  };
}
