import { newAccumulator, toAggregate } from "./funnel-accumulator.js";
import type { FunnelAggregate } from "./funnel-aggregate.js";

/**
 * The aggregate of no leads: the identity of {@link mergeFunnelAggregates}.
 *
 * @returns Zero counts and no segments.
 * @example
 * ```ts
 * import { emptyFunnelAggregate, mergeFunnelAggregates } from "leadkit/metrics";
 *
 * declare const shards: readonly import("leadkit/metrics").FunnelAggregate[]; // one per worker
 * const total = shards.reduce(mergeFunnelAggregates, emptyFunnelAggregate());
 * ```
 * @category Metrics
 */
export function emptyFunnelAggregate(): FunnelAggregate {
  return toAggregate(newAccumulator());
}
