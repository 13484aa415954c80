import type { Lead } from "../model/index.js";
import { lastActivityAt } from "../model/index.js";
import type { LeadQuery } from "./lead-repository.js";

/**
 * Tells whether a lead matches a {@link LeadQuery} — the reference meaning of every criterion,
 * for adapters that filter in code (key-value stores, caches) and for tests of SQL adapters.
 *
 * @param lead - Any lead.
 * @param query - The criteria; all must hold.
 * @returns `true` when the lead matches every criterion given.
 * @example
 * ```ts
 * import { matchesLeadQuery } from "leadkit/ports";
 *
 * matchesLeadQuery(lead, { owner: null, pool: "inbound" }); // true for an unowned lead of that pool
 * ```
 * @category Ports
 */
export function matchesLeadQuery(lead: Lead, query: LeadQuery): boolean {
  if (query.owner !== undefined && lead.owner !== query.owner) return false;
  if (query.stage !== undefined) {
    const stages: readonly string[] = typeof query.stage === "string" ? [query.stage] : query.stage;
    if (!stages.includes(lead.stage)) return false;
  }
  if (query.origin !== undefined && (lead.generatedBy !== null) !== (query.origin === "active")) return false;
  if (query.generatedBy !== undefined && lead.generatedBy !== query.generatedBy) return false;
  if (query.pool !== undefined && lead.pool !== query.pool) return false;
  if (query.team !== undefined && lead.team !== query.team) return false;
  if (query.inactiveSince !== undefined && lastActivityAt(lead) >= query.inactiveSince) return false;
  return true;
}
