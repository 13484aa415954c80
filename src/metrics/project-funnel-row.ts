import { LeadKitError } from "../internal/index.js";
import { FUNNEL_STAGES, type Lead, type LeadStage } from "../model/index.js";
import { FUNNEL_NO_VALUE, type FunnelOrigin } from "./funnel-aggregate.js";
import type { FunnelOptions } from "./funnel-options.js";

/**
 * One lead as a row of the funnel table: the per-lead facts funnel metrics aggregate, with the
 * column names of the SQL table {@link funnelToSql} reads.
 *
 * @remarks
 * Durations are whole seconds (rounded; negative gaps from out-of-order history count as 0); money
 * is whole cents. Time in a stage sums every completed stay (history is read in recorded order; a
 * lead still in a stage adds nothing for it).
 *
 * @example
 * ```ts
 * const row: FunnelRow = projectFunnelRow(lead, { originOf });
 * row.reached_stage; // 2 → reached "prospect"
 * ```
 * @category Metrics
 */
export interface FunnelRow {
  /** The lead's id. */
  readonly id: string;
  /** Its current stage. */
  readonly stage: LeadStage;
  /** Index in `FUNNEL_STAGES` of the furthest main-path stage it ever reached (0 = contact). */
  readonly reached_stage: number;
  /** It reached `customer`. */
  readonly won: boolean;
  /** It is now `lost` or `disqualified` and never reached `customer`. */
  readonly lost: boolean;
  /** It is now `archived` and never reached `customer`. */
  readonly archived: boolean;
  /** `"active"`, `"passive"` or `null` when unknown. */
  readonly origin: FunnelOrigin | null;
  /** Source / channel, or `null`. */
  readonly source: string | null;
  /** Owning user, or `null` (shared pool). */
  readonly owner: string | null;
  /** User whose own action captured it, or `null`. */
  readonly generated_by: string | null;
  /** The contact's industry, or `null`. */
  readonly industry: string | null;
  /** Interest level. */
  readonly interest_level: string;
  /** Creation time. */
  readonly created_at: Date;
  /** Seconds from creation to first reaching `customer`; `null` unless won with a recorded move. */
  readonly seconds_to_close: number | null;
  /** Seconds spent as `contact` over completed stays, or `null`. */
  readonly seconds_in_contact: number | null;
  /** Seconds spent as `lead` over completed stays, or `null`. */
  readonly seconds_in_lead: number | null;
  /** Seconds spent as `prospect` over completed stays, or `null`. */
  readonly seconds_in_prospect: number | null;
  /** Seconds spent as `potential_client` over completed stays, or `null`. */
  readonly seconds_in_potential_client: number | null;
  /** Acquisition cost in cents, or `null` when unknown. */
  readonly cost_cents: number | null;
  /** Expected revenue in cents, or `null`. */
  readonly expected_revenue_cents: number | null;
  /** Expected revenue × probability in cents, or `null` without revenue or probability. */
  readonly weighted_revenue_cents: number | null;
}

const stageIndex: ReadonlyMap<string, number> = new Map(FUNNEL_STAGES.map((s, i) => [s, i]));
const seconds = (from: number, to: number) => Math.max(0, Math.round((to - from) / 1000));

/**
 * Projects a lead onto the funnel table's row: reached stage, outcome, segments, durations and money.
 *
 * @param lead - The lead; not modified.
 * @param options - Accessors for origin, probability and cost.
 * @returns The row; load such rows into the table {@link funnelToSql} queries.
 * @throws LeadKitError `invalid_input` when an accessor or cost table gives a probability outside
 *   [0, 1] or a negative or non-finite cost.
 * @example
 * ```ts
 * const rows = leads.map((lead) => projectFunnelRow(lead, { costs: { organic: 50 } }));
 * ```
 * @category Metrics
 */
export function projectFunnelRow(lead: Lead, options: FunnelOptions = {}): FunnelRow {
  const created = lead.createdAt.getTime();
  let reached = stageIndex.get(lead.stage) ?? 0;
  let closedAt: number | null = null;
  const stay = [-1, -1, -1, -1];
  let enteredAt = created;
  for (const move of lead.history) {
    const from = stageIndex.get(move.from);
    const to = stageIndex.get(move.to);
    const at = move.at.getTime();
    if (from !== undefined) {
      if (from > reached) reached = from;
      if (from < 4) stay[from] = Math.max(stay[from] ?? 0, 0) + seconds(enteredAt, at);
    }
    if (to !== undefined && to > reached) reached = to;
    if (to === 4 && closedAt === null) closedAt = at;
    enteredAt = at;
  }
  const won = reached === 4;
  const origin = options.originOf?.(lead) ?? null;
  const probability = options.probabilityOf?.(lead) ?? null;
  if (probability !== null && !(probability >= 0 && probability <= 1)) {
    throw new LeadKitError(
      "invalid_input",
      `probabilityOf returned ${probability} for lead "${lead.id}"; expected a number in [0, 1] or null`,
    );
  }
  const cost = costOf(lead, options.costs);
  const revenue = lead.expectedRevenue ?? null;
  const timed = (i: number) => {
    const s = stay[i] ?? -1;
    return s < 0 ? null : s;
  };
  return {
    id: lead.id,
    stage: lead.stage,
    reached_stage: reached,
    won,
    lost: !won && (lead.stage === "lost" || lead.stage === "disqualified"),
    archived: !won && lead.stage === "archived",
    origin,
    source: lead.source ?? null,
    owner: lead.owner,
    generated_by: lead.generatedBy,
    industry: lead.contact.industry ?? null,
    interest_level: lead.interestLevel,
    created_at: lead.createdAt,
    seconds_to_close: closedAt === null ? null : seconds(created, closedAt),
    seconds_in_contact: timed(0),
    seconds_in_lead: timed(1),
    seconds_in_prospect: timed(2),
    seconds_in_potential_client: timed(3),
    cost_cents: cost === null ? null : Math.round(cost * 100),
    expected_revenue_cents: revenue === null ? null : Math.round(revenue * 100),
    weighted_revenue_cents:
      revenue === null || probability === null ? null : Math.round(revenue * probability * 100),
  };
}

function costOf(lead: Lead, costs: FunnelOptions["costs"]): number | null {
  if (costs === undefined) return null;
  const cost =
    typeof costs === "function"
      ? costs(lead)
      : Object.hasOwn(costs, lead.source ?? FUNNEL_NO_VALUE)
        ? (costs[lead.source ?? FUNNEL_NO_VALUE] ?? null)
        : null;
  if (cost !== null && !(Number.isFinite(cost) && cost >= 0)) {
    throw new LeadKitError(
      "invalid_input",
      `The cost of lead "${lead.id}" (source ${JSON.stringify(lead.source ?? FUNNEL_NO_VALUE)}) is ${cost}; expected a finite amount ≥ 0 or null`,
    );
  }
  return cost;
}
