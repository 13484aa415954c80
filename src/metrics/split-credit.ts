// Internal: how the `touch` dimension splits one lead's credit over its touches, in whole units of
// 1/2^20 so that every share, and every sum of shares, is exact in a double (and in SQL's bigint).
import type { FunnelCredit } from "./funnel-aggregate.js";

/** One lead's whole credit, in units: shares are `units / CREDIT_UNITS` of a lead. */
export const CREDIT_UNITS = 1_048_576;

/** Position-based credit of the first and of the last touch: 40 % of a lead, rounded down. */
export const POSITION_END_UNITS = 419_430;

/** What position-based credit leaves to the touches between the first and the last (≈ 20 %). */
export const POSITION_MIDDLE_UNITS = CREDIT_UNITS - 2 * POSITION_END_UNITS;

/**
 * The units of credit of the touch at `index` (0 = first) out of `count` ≥ 1 touches. The shares of
 * one lead always add up to exactly {@link CREDIT_UNITS}: what an even split leaves over goes one
 * unit each to the earliest touches of the split.
 */
export function creditUnits(credit: FunnelCredit, index: number, count: number): number {
  switch (credit) {
    case "first":
      return index === 0 ? CREDIT_UNITS : 0;
    case "last":
      return index === count - 1 ? CREDIT_UNITS : 0;
    case "linear":
      return evenShare(CREDIT_UNITS, index, count);
    case "position":
      if (count <= 2) return evenShare(CREDIT_UNITS, index, count);
      if (index === 0 || index === count - 1) return POSITION_END_UNITS;
      return evenShare(POSITION_MIDDLE_UNITS, index - 1, count - 2);
  }
}

/** `units` split over `count` parts: part `index` gets the floor, plus one if it is among the first remainders. */
function evenShare(units: number, index: number, count: number): number {
  const base = Math.floor(units / count);
  return index < units - base * count ? base + 1 : base;
}

/**
 * A share of a whole amount (cents, seconds): `value × units / CREDIT_UNITS`, rounded half away from
 * zero to a whole number — the same integer arithmetic the SQL runs.
 */
export function shareOf(value: number, units: number): number {
  if (units === CREDIT_UNITS || !Number.isFinite(value)) return value;
  const magnitude = Math.abs(value);
  const product = magnitude * units;
  // Below 2^52, adding half a unit and dividing by a power of two are exact in a double.
  const rounded =
    product < 2 ** 52
      ? Math.floor((product + CREDIT_UNITS / 2) / CREDIT_UNITS)
      : Number((BigInt(magnitude) * BigInt(units) + BigInt(CREDIT_UNITS / 2)) / BigInt(CREDIT_UNITS));
  return value < 0 ? 0 - rounded : rounded;
}
