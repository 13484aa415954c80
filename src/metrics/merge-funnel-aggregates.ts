import { accumulateAggregate, newAccumulator, toAggregate } from "./funnel-accumulator.js";
import type { FunnelAggregate } from "./funnel-aggregate.js";

/**
 * Combines two partial aggregates, as if their leads had been counted together.
 *
 * @remarks
 * Associative and commutative, with {@link emptyFunnelAggregate} as identity: counts, exact sums
 * and histogram buckets add. Combine aggregates computed with the same options (period, accessors).
 *
 * @param a - One partial aggregate; not modified.
 * @param b - Another; not modified.
 * @returns A new aggregate of both.
 * @example
 * ```ts
 * import { computeFunnelAggregate, mergeFunnelAggregates } from "leadkit/metrics";
 *
 * declare const january: readonly import("leadkit").Lead[];
 * declare const february: readonly import("leadkit").Lead[];
 * const all = mergeFunnelAggregates(computeFunnelAggregate(january), computeFunnelAggregate(february));
 * ```
 * @category Metrics
 */
export function mergeFunnelAggregates(a: FunnelAggregate, b: FunnelAggregate): FunnelAggregate {
  const acc = newAccumulator();
  accumulateAggregate(acc, a);
  accumulateAggregate(acc, b);
  return toAggregate(acc);
}
