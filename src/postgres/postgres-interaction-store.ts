import { anonymizeInteraction, type Interaction, parseInteraction } from "../model/index.js";
import type { InteractionStore } from "../ports/index.js";
import type { StoreContext } from "./postgres-lead-repository.js";
import { canBeStored, jsonColumn, timeClauses } from "./sql-helpers.js";

/** leadkit's `InteractionStore` on the `interactions` table (see `createPostgresRepositories`). */
export function postgresInteractionStore({ client, schema: s }: StoreContext): InteractionStore {
  return {
    async append(leadId, interactions) {
      if (interactions.length === 0) return;
      // One statement for the batch; an id the lead already has (or one repeated in the batch) is skipped.
      await client.query(
        `INSERT INTO ${s}.interactions (lead_id, id, at, data)
         SELECT $1, e ->> 'id', (e ->> 'at')::timestamptz, e
         FROM jsonb_array_elements($2::text::jsonb) WITH ORDINALITY AS t(e, n) ORDER BY n
         ON CONFLICT DO NOTHING`,
        [leadId, JSON.stringify(interactions)],
      );
    },

    async list(leadId, range = {}): Promise<readonly Interaction[]> {
      if (!canBeStored(leadId)) return [];
      const params: unknown[] = [leadId];
      const clauses = ["lead_id = $1", ...timeClauses(range, params)];
      const { rows } = await client.query(
        `SELECT data FROM ${s}.interactions WHERE ${clauses.join(" AND ")} ORDER BY at, id`,
        params,
      );
      return rows.map((row) => parseInteraction(jsonColumn(row["data"])));
    },

    async erase(leadId) {
      if (!canBeStored(leadId)) return;
      // Read, anonymise with the model's one definition, write back by id: the same result as in
      // memory. The generated columns (type, channel, page kind, initiator) keep their values.
      const { rows } = await client.query(`SELECT data FROM ${s}.interactions WHERE lead_id = $1`, [leadId]);
      if (rows.length === 0) return;
      const erased = rows.map((row) => anonymizeInteraction(parseInteraction(jsonColumn(row["data"]))));
      await client.query(
        `UPDATE ${s}.interactions AS i SET data = e
         FROM jsonb_array_elements($2::text::jsonb) AS t(e)
         WHERE i.lead_id = $1 AND i.id = e ->> 'id'`,
        [leadId, JSON.stringify(erased)],
      );
    },
  };
}
