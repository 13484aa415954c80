import { describeValue, LeadKitError } from "../internal/index.js";
import { FUNNEL_STAGES } from "../model/index.js";
import { accumulateAggregate, newAccumulator, toAggregate } from "./funnel-accumulator.js";
import { FUNNEL_DIMENSIONS, FUNNEL_TIMED_STAGES, type FunnelAggregate } from "./funnel-aggregate.js";

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
 * @throws LeadKitError `invalid_input` when either is not an aggregate (stored aggregates are
 *   untrusted): the message names the path of the first wrong value and what was expected.
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
  checkAggregate(a, "a");
  checkAggregate(b, "b");
  const acc = newAccumulator();
  accumulateAggregate(acc, a);
  accumulateAggregate(acc, b);
  return toAggregate(acc);
}

const COUNT_FIELDS = [
  "leads",
  "won",
  "lost",
  "archived",
  "active",
  "passive",
  "costedLeads",
  "costCents",
  "pipelineLeads",
  "pipelineRevenueCents",
  "pipelineWeightedCents",
] as const;

function refuse(path: string, value: unknown, expected: string): never {
  throw new LeadKitError("invalid_input", `${path} is ${describeValue(value)}; expected ${expected}`);
}

/** An own property of an object, or undefined: keys of stored aggregates are data. */
const own = (value: object, key: string): unknown =>
  Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;

function objectAt(value: unknown, path: string): object {
  if (value === null || typeof value !== "object" || Array.isArray(value)) refuse(path, value, "an object");
  return value;
}

function numberAt(value: unknown, path: string): void {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    refuse(path, value, "a finite number ≥ 0");
  }
}

// A bucket's key is its index in the log-linear histogram (0 up to about 5,000 for any duration a
// Date can span), written as an integer without sign or leading zeros.
const BUCKET_KEY = /^(?:0|[1-9][0-9]{0,5})$/;

function checkHistogram(value: unknown, path: string): void {
  const h = objectAt(value, path);
  const count = own(h, "count");
  numberAt(count, `${path}.count`);
  numberAt(own(h, "sumSeconds"), `${path}.sumSeconds`);
  const buckets = objectAt(own(h, "buckets"), `${path}.buckets`);
  let total = 0;
  for (const [key, n] of Object.entries(buckets)) {
    if (!BUCKET_KEY.test(key))
      refuse(`${path}.buckets`, key, 'bucket keys that are histogram indices (whole numbers such as "135")');
    numberAt(n, `${path}.buckets.${key}`);
    total += n as number;
  }
  // Counts are whole but for the touch dimension's split credit, whose fractions may be summed in
  // another order than the count's: equal within rounding.
  if (Math.abs(total - (count as number)) > 1e-9 * Math.max(1, count as number))
    refuse(`${path}.buckets`, buckets, `bucket counts that add up to count (${count}), not ${total}`);
}

function checkCounts(value: unknown, path: string): void {
  const counts = objectAt(value, path);
  for (const field of COUNT_FIELDS) numberAt(own(counts, field), `${path}.${field}`);
  // Aggregates stored before these were counted lack them; they add nothing.
  const outOfOrder = own(counts, "outOfOrderLeads");
  if (outOfOrder !== undefined) numberAt(outOfOrder, `${path}.outOfOrderLeads`);
  const reached = objectAt(own(counts, "reached"), `${path}.reached`);
  for (const stage of FUNNEL_STAGES) numberAt(own(reached, stage), `${path}.reached.${stage}`);
  checkHistogram(own(counts, "timeToClose"), `${path}.timeToClose`);
  const response = own(counts, "timeToFirstResponse");
  if (response !== undefined) checkHistogram(response, `${path}.timeToFirstResponse`);
  const inStage = objectAt(own(counts, "timeInStage"), `${path}.timeInStage`);
  for (const stage of FUNNEL_TIMED_STAGES)
    checkHistogram(own(inStage, stage), `${path}.timeInStage.${stage}`);
}

/**
 * Checks the shape of an aggregate (it may come from storage or JSON) before it is added, so a
 * wrong value is named by its path rather than failing inside the sum. Keys outside the funnel's
 * dimensions are left alone, as the sum ignores them.
 */
export function checkAggregate(value: unknown, path: string): void {
  const aggregate = objectAt(value, path);
  checkCounts(own(aggregate, "total"), `${path}.total`);
  const segments = objectAt(own(aggregate, "segments"), `${path}.segments`);
  for (const dimension of FUNNEL_DIMENSIONS) {
    const byKey = own(segments, dimension);
    if (byKey === undefined) continue;
    for (const [key, counts] of Object.entries(objectAt(byKey, `${path}.segments.${dimension}`)))
      checkCounts(counts, `${path}.segments.${dimension}.${key}`);
  }
  const crosses = own(aggregate, "crossSegments");
  if (crosses === undefined) return;
  const byA = objectAt(crosses, `${path}.crossSegments`);
  for (const a of FUNNEL_DIMENSIONS) {
    const byB = own(byA, a);
    if (byB === undefined) continue;
    objectAt(byB, `${path}.crossSegments.${a}`);
    for (const b of FUNNEL_DIMENSIONS) {
      const byFirst = own(byB as object, b);
      if (byFirst === undefined) continue;
      const where = `${path}.crossSegments.${a}.${b}`;
      for (const [first, row] of Object.entries(objectAt(byFirst, where)))
        for (const [second, counts] of Object.entries(objectAt(row, `${where}.${first}`)))
          checkCounts(counts, `${where}.${first}.${second}`);
    }
  }
}
