import { LeadKitError } from "../internal/index.js";
import type { Lead } from "../model/index.js";
import { accumulate, newAccumulator, toAggregate } from "./funnel-accumulator.js";
import { FUNNEL_DIMENSIONS, type FunnelAggregate, type FunnelDimension } from "./funnel-aggregate.js";
import type { FunnelOptions } from "./funnel-options.js";
import { projectFunnelRow } from "./project-funnel-row.js";

/**
 * Counts a funnel in one pass over leads, in memory proportional to the number of segments.
 *
 * @remarks
 * A lead "reached" a stage when its current stage, or any stage in its history, is that stage or
 * a later one on the main path: a lead now lost that was a prospect reached `prospect`. Every lead
 * reached `contact`. Given an async iterable (a database cursor, a paged API) it returns a promise.
 *
 * @param leads - Leads, as an array, a generator or an async iterable; read once, never modified.
 * @param options - Origin, probability and cost accessors, cohort period and dimensions.
 * @returns The mergeable counts, ready for {@link summarizeFunnel} or {@link mergeFunnelAggregates}.
 * @throws LeadKitError `invalid_definition` for an unknown dimension; `invalid_input` when an
 *   accessor returns a probability outside [0, 1] or a negative cost.
 * @example
 * ```ts
 * const aggregate = computeFunnelAggregate(leads, { dimensions: ["source", "owner"] });
 * aggregate.segments.source?.["organic"]?.reached.customer;
 * ```
 * @category Metrics
 */
export function computeFunnelAggregate(leads: Iterable<Lead>, options?: FunnelOptions): FunnelAggregate;
export function computeFunnelAggregate(
  leads: AsyncIterable<Lead>,
  options?: FunnelOptions,
): Promise<FunnelAggregate>;
export function computeFunnelAggregate(
  leads: Iterable<Lead> | AsyncIterable<Lead>,
  options: FunnelOptions = {},
): FunnelAggregate | Promise<FunnelAggregate> {
  const dimensions = checkDimensions(options.dimensions ?? FUNNEL_DIMENSIONS);
  const period = options.period ?? "quarter";
  const acc = newAccumulator();
  if (Symbol.asyncIterator in leads) {
    return (async () => {
      for await (const lead of leads) accumulate(acc, projectFunnelRow(lead, options), dimensions, period);
      return toAggregate(acc);
    })();
  }
  for (const lead of leads) accumulate(acc, projectFunnelRow(lead, options), dimensions, period);
  return toAggregate(acc);
}

function checkDimensions(dimensions: readonly FunnelDimension[]): readonly FunnelDimension[] {
  const unknown = dimensions.filter((d) => !(FUNNEL_DIMENSIONS as readonly string[]).includes(d));
  if (unknown.length > 0) {
    throw new LeadKitError(
      "invalid_definition",
      `Unknown funnel dimension ${unknown.map((d) => JSON.stringify(d)).join(", ")} in options.dimensions; expected some of ${FUNNEL_DIMENSIONS.join(", ")}`,
    );
  }
  return [...new Set(dimensions)];
}
