import type { Lead } from "../model/index.js";
import type { FunnelCredit, FunnelDimension, FunnelDimensionPair, FunnelOrigin } from "./funnel-aggregate.js";

/**
 * Acquisition cost per lead by source: source → cost of one lead from it (docs/metrics.md: "cost per
 * lead"). Use the key `"(none)"` for leads without a source.
 *
 * @example
 * ```ts
 * import { computeFunnel, type FunnelCostTable } from "leadkit/metrics";
 *
 * const costs: FunnelCostTable = { organic: 50, social: 80, email_campaign: 30, paid_ads: 100 };
 * computeFunnel(leads, { costs }).total.costPerLead;
 * ```
 * @category Metrics
 */
export type FunnelCostTable = Readonly<Record<string, number>>;

/**
 * The calendar unit cohorts are grouped by: the month (`2026-03`) or quarter (`2026-Q1`) of a lead's
 * creation, in UTC or in the `timeZone` option.
 *
 * @example
 * ```ts
 * import { computeFunnel, type FunnelPeriod } from "leadkit/metrics";
 *
 * const period: FunnelPeriod = "quarter";
 * // One cohort per quarter of creation: "2026-Q1", "2026-Q2", …
 * computeFunnel(leads, { period }).segments.period?.map((s) => s.key);
 * ```
 * @category Metrics
 */
export type FunnelPeriod = "month" | "quarter";

/**
 * How to read leads for funnel metrics: the facts that live in other modules are passed in as
 * accessors, so metrics depend only on the model.
 *
 * @example
 * ```ts
 * import { computeFunnel, type FunnelOptions } from "leadkit/metrics";
 *
 * const options: FunnelOptions = {
 *   originOf: (lead) => (lead.generatedBy === lead.owner ? "active" : "passive"),
 *   probabilityOf: (lead) => (lead.scores["fit"]?.value ?? 0) / 100,
 *   costs: { organic_search: 50, social: 80 },
 *   period: "month",
 * };
 * const summary = computeFunnel(leads, options);
 * summary.segments.origin?.map((s) => `${s.key}: ${s.leads} leads`);
 * ```
 * @category Metrics
 */
export interface FunnelOptions {
  /** Active or passive origin of a lead (e.g. from the origin module); `null` or absent: unknown. */
  readonly originOf?: (lead: Lead) => FunnelOrigin | null;
  /** Probability in [0, 1] that a lead closes (e.g. a score / 100), for the weighted pipeline. */
  readonly probabilityOf?: (lead: Lead) => number | null;
  /** Cost of each lead: a table by source, or a function; `null`/missing means unknown. */
  readonly costs?: FunnelCostTable | ((lead: Lead) => number | null);
  /** Cohort unit for the `period` dimension (default `"quarter"`). */
  readonly period?: FunnelPeriod;
  /**
   * The IANA time zone periods are cut in (default UTC): with `"America/Argentina/Buenos_Aires"`, a
   * lead captured at 23:30 local time on 31 March counts in March, not in April. Pass the same zone to
   * {@link funnelToSql}; aggregates merge only with aggregates cut in the same zone.
   */
  readonly timeZone?: string;
  /** Dimensions to segment by (default: all of {@link FUNNEL_DIMENSIONS}). Fewer means less memory. */
  readonly dimensions?: readonly FunnelDimension[];
  /**
   * Pairs of dimensions to cross (default none): `[["owner", "touch"]]` keeps each owner's counts per
   * touch, which {@link summarizeTeam} reads with `breakdownBy: "touch"`. Each pair costs in the order of
   * one more dimension (one cell per lead, or per touch with `touch`); a pair of one dimension
   * twice is an `invalid_cross_segment` issue. See {@link FunnelDimensionPair}.
   */
  readonly crossSegments?: readonly FunnelDimensionPair[];
  /**
   * How the `touch` dimension (and a cross-segment with `touch`) splits each lead's credit over its
   * touches (default `"linear"`); see {@link FunnelCredit}. Pass the same model to {@link funnelToSql}; aggregates merge only with
   * aggregates of the same model.
   */
  readonly credit?: FunnelCredit;
  /**
   * Report a lead id seen twice as a `duplicate_id` issue (default `true`), as the SQL table's
   * primary key refuses it. Checking keeps one entry per lead in memory; `false` keeps memory flat
   * when ids are unique by construction (a cursor over a primary key).
   */
  readonly checkDuplicateIds?: boolean;
}
