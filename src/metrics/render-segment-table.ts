import { LeadKitError } from "../internal/index.js";
import {
  formatCount,
  formatDays,
  formatDuration,
  formatMoney,
  formatPercent,
  layoutTable,
} from "./format.js";
import type { FunnelDimension } from "./funnel-aggregate.js";
import type { FunnelSegmentSummary, FunnelSummary } from "./summarize-funnel.js";

/**
 * A column of {@link renderSegmentTable}. `conversion` is lead → customer (as in docs/metrics.md);
 * `firstResponseP50` and `firstResponseP90` are speed to lead (capture to the owner's first response).
 *
 * @example
 * ```ts
 * import { computeFunnel, renderSegmentTable, type SegmentTableColumn } from "leadkit/metrics";
 *
 * const columns: SegmentTableColumn[] = ["conversion", "costPerLead"]; // the table in docs/metrics.md
 * const summary = computeFunnel(leads, { dimensions: ["source"], costs: { organic: 50, paid_ads: 100 } });
 * console.log(renderSegmentTable(summary, { dimension: "source", columns }));
 * ```
 * @category Metrics
 */
export type SegmentTableColumn =
  | "leads"
  | "won"
  | "conversion"
  | "winRate"
  | "passiveShare"
  | "costPerLead"
  | "costPerCustomer"
  | "medianDaysToClose"
  | "firstResponseP50"
  | "firstResponseP90"
  | "weightedPipeline";

/**
 * Options for {@link renderSegmentTable}.
 *
 * @example
 * ```ts
 * import { computeFunnel, type RenderSegmentTableOptions, renderSegmentTable } from "leadkit/metrics";
 *
 * const options: RenderSegmentTableOptions = { dimension: "source", columns: ["conversion", "costPerLead"], currency: "EUR" };
 * renderSegmentTable(computeFunnel(leads, { dimensions: ["source"] }), options);
 * ```
 * @category Metrics
 */
export interface RenderSegmentTableOptions {
  /** The dimension whose segments are the rows. */
  readonly dimension: FunnelDimension;
  /** Columns after the segment key (default leads, conversion, cost per lead, cost per customer). */
  readonly columns?: readonly SegmentTableColumn[];
  /** Markdown (default) or aligned plain text. */
  readonly format?: "markdown" | "text";
  /** ISO 4217 currency for costs and pipeline (default `"EUR"`). */
  readonly currency?: string;
  /** Locale for numbers (default `"en-US"`). */
  readonly locale?: string;
}

const HEADERS: Readonly<Record<SegmentTableColumn, string>> = {
  leads: "leads",
  won: "customers",
  conversion: "conversion rate",
  winRate: "win rate",
  passiveShare: "passive share",
  costPerLead: "cost per lead",
  costPerCustomer: "cost per customer",
  medianDaysToClose: "median time to close",
  firstResponseP50: "first response p50",
  firstResponseP90: "first response p90",
  weightedPipeline: "weighted pipeline",
};

/**
 * Renders one row per segment of a dimension — with `dimension: "source"` and columns
 * `conversion, costPerLead`, the docs/metrics.md table (source, conversion rate, cost per lead) from records.
 *
 * @param summary - A funnel summary with the dimension's segments.
 * @param options - Dimension, columns, format, currency and locale.
 * @returns The table, lines joined by `\n`.
 * @throws LeadKitError `invalid_input` when the summary was computed without the dimension.
 * @example
 * ```ts
 * import { renderSegmentTable } from "leadkit/metrics";
 *
 * declare const summary: import("leadkit/metrics").FunnelSummary;
 * renderSegmentTable(summary, { dimension: "source", columns: ["conversion", "costPerLead"] });
 * // | source | conversion rate | cost per lead |
 * // | organic | 8 % | €50 |  …
 * ```
 * @category Metrics
 */
export function renderSegmentTable(summary: FunnelSummary, options: RenderSegmentTableOptions): string {
  const segments = summary.segments[options.dimension];
  if (segments === undefined) {
    throw new LeadKitError(
      "invalid_input",
      `The summary has no "${options.dimension}" segments; compute it with that dimension`,
    );
  }
  const columns = options.columns ?? ["leads", "conversion", "costPerLead", "costPerCustomer"];
  const currency = options.currency ?? "EUR";
  const locale = options.locale ?? "en-US";
  const cell = (s: FunnelSegmentSummary, column: SegmentTableColumn): string => {
    switch (column) {
      case "leads":
        return formatCount(s.leads, locale);
      case "won":
        return formatCount(s.won, locale);
      case "conversion":
        return formatPercent(s.leadToCustomerConversion);
      case "winRate":
        return formatPercent(s.winRate);
      case "passiveShare":
        return formatPercent(s.passiveShare);
      case "costPerLead":
        return formatMoney(s.costPerLead, currency, locale);
      case "costPerCustomer":
        return formatMoney(s.costPerCustomer, currency, locale);
      case "medianDaysToClose":
        return formatDays(s.timeToClose.medianDays);
      case "firstResponseP50":
        return formatDuration(s.timeToFirstResponse.medianDays);
      case "firstResponseP90":
        return formatDuration(s.timeToFirstResponse.p90Days);
      case "weightedPipeline":
        return formatMoney(s.pipeline.weightedValue, currency, locale);
    }
  };
  return layoutTable(
    [options.dimension, ...columns.map((c) => HEADERS[c])],
    segments.map((s) => [s.key, ...columns.map((c) => cell(s, c))]),
    options.format ?? "markdown",
    [false, ...columns.map(() => true)],
  );
}
