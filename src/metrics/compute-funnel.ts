import type { Lead } from "../model/index.js";
import { computeFunnelAggregate } from "./compute-funnel-aggregate.js";
import type { FunnelOptions } from "./funnel-options.js";
import { type FunnelSummary, summarizeCheckedFunnel } from "./summarize-funnel.js";

/**
 * Computes funnel metrics in one pass: {@link computeFunnelAggregate} then {@link summarizeFunnel}.
 *
 * @param leads - Leads, as an array, a generator or an async iterable; read once, never modified.
 * @param options - Origin, probability and cost accessors, cohort period and dimensions.
 * @returns The summary (a promise of it for an async iterable).
 * @throws LeadKitError as {@link computeFunnelAggregate}.
 * @example
 * ```ts
 * import { computeFunnel } from "leadkit/metrics";
 *
 * const summary = computeFunnel(leads, { originOf: (l) => (l.generatedBy === l.owner ? "active" : "passive") });
 * summary.total.leadToCustomerConversion; // e.g. 0.07
 * ```
 * @category Metrics
 */
export function computeFunnel(leads: Iterable<Lead>, options?: FunnelOptions): FunnelSummary;
export function computeFunnel(leads: AsyncIterable<Lead>, options?: FunnelOptions): Promise<FunnelSummary>;
export function computeFunnel(
  leads: Iterable<Lead> | AsyncIterable<Lead>,
  options: FunnelOptions = {},
): FunnelSummary | Promise<FunnelSummary> {
  if (typeof leads === "object" && leads !== null && Symbol.asyncIterator in leads)
    return computeFunnelAggregate(leads, options).then(summarizeCheckedFunnel);
  return summarizeCheckedFunnel(computeFunnelAggregate(leads, options));
}
