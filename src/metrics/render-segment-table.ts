import { LeadKitError, quoteValue } from "../internal/index.js";
import {
  checkLocale,
  checkTableFormat,
  formatCount,
  formatDays,
  formatDuration,
  formatMoney,
  formatPercent,
  layoutTable,
} from "./format.js";
import { FUNNEL_DIMENSIONS, type FunnelDimension } from "./funnel-aggregate.js";
import { checkSegmentOption } from "./render-funnel-table.js";
import { type RenderLabels, resolveLabels } from "./render-labels.js";
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
  /**
   * Only the segments within one segment of another dimension, from the summary's cross-segment
   * `[within.dimension, dimension]`: `{ dimension: "owner", key: "u-ana" }` with `dimension: "touch"`
   * is Ana's leads per touch.
   */
  readonly within?: { readonly dimension: FunnelDimension; readonly key: string };
  /** Columns after the segment key (default leads, conversion, cost per lead, cost per customer). */
  readonly columns?: readonly SegmentTableColumn[];
  /** Markdown (default) or aligned plain text. */
  readonly format?: "markdown" | "text";
  /** ISO 4217 currency for costs and pipeline (default `"EUR"`). */
  readonly currency?: string;
  /** Locale for numbers (default `"en-US"`). */
  readonly locale?: string;
  /** Words to draw instead of the English ones: the headers (see {@link RENDER_LABELS}). */
  readonly labels?: RenderLabels;
}

const COLUMNS: readonly SegmentTableColumn[] = [
  "leads",
  "won",
  "conversion",
  "winRate",
  "passiveShare",
  "costPerLead",
  "costPerCustomer",
  "medianDaysToClose",
  "firstResponseP50",
  "firstResponseP90",
  "weightedPipeline",
];

const isDimension = (d: unknown): d is FunnelDimension =>
  (FUNNEL_DIMENSIONS as readonly unknown[]).includes(d);

/**
 * The segments of `dimension` in a summary, or those within one segment of another dimension (a
 * cross-segment); throws `invalid_input` when the summary lacks them. A summary of no leads has no
 * segments at all: with `emptyWhenNoLeads` that reads as none rather than as a missing dimension.
 */
export function pickSegments(
  summary: FunnelSummary,
  dimension: FunnelDimension,
  within: { readonly dimension: FunnelDimension; readonly key: string } | undefined,
  emptyWhenNoLeads: boolean,
): readonly FunnelSegmentSummary[] {
  const none = emptyWhenNoLeads && summary.total.leads === 0 ? [] : undefined;
  if (within !== undefined) checkSegmentOption(within, "within");
  for (const d of within === undefined ? [dimension] : [dimension, within.dimension])
    if (!isDimension(d)) {
      throw new LeadKitError(
        "invalid_input",
        `Unknown funnel dimension ${quoteValue(d)}; expected one of ${FUNNEL_DIMENSIONS.join(", ")}`,
      );
    }
  if (within === undefined) {
    const segments =
      (Object.hasOwn(summary.segments, dimension) ? summary.segments[dimension] : undefined) ?? none;
    if (segments === undefined) {
      throw new LeadKitError(
        "invalid_input",
        `The summary has no "${dimension}" segments; compute it with that dimension`,
      );
    }
    return segments;
  }
  const crossed = summary.crossSegments;
  const rows =
    crossed !== undefined && Object.hasOwn(crossed, within.dimension) ? crossed[within.dimension] : undefined;
  const groups = (rows !== undefined && Object.hasOwn(rows, dimension) ? rows[dimension] : undefined) ?? none;
  if (groups === undefined) {
    throw new LeadKitError(
      "invalid_input",
      `The summary has no "${within.dimension}" × "${dimension}" cross-segments; compute it with crossSegments: [["${within.dimension}", "${dimension}"]]`,
    );
  }
  const group = groups.find((g) => g.key === within.key);
  if (group === undefined && none === undefined) {
    throw new LeadKitError(
      "invalid_input",
      `The summary has no segment ${quoteValue(within.key)} in dimension "${within.dimension}" crossed with "${dimension}"`,
    );
  }
  return group?.segments ?? [];
}

/**
 * Renders one row per segment of a dimension — with `dimension: "source"` and columns
 * `conversion, costPerLead`, the docs/metrics.md table (source, conversion rate, cost per lead) from records.
 *
 * @param summary - A funnel summary with the dimension's segments (or the cross-segment for `within`).
 * @param options - Dimension, segment within, columns, format, currency, locale and labels.
 * @returns The table, lines joined by `\n`.
 * @throws LeadKitError `invalid_input` when the summary was computed without the dimension (or the
 *   cross-segment, or has no `within` segment), when `within` is not `{ dimension, key }`, when the
 *   format is not `"markdown"` or `"text"`, when the locale is not a BCP 47 tag, or for a label that
 *   is not one of {@link RENDER_LABELS}' keys or not a string.
 * @example
 * ```ts
 * import { computeFunnel, renderSegmentTable } from "leadkit/metrics";
 *
 * declare const summary: import("leadkit/metrics").FunnelSummary;
 * renderSegmentTable(summary, { dimension: "source", columns: ["conversion", "costPerLead"] });
 * // | source | conversion rate | cost per lead |
 * // | organic | 8 % | €50 |  …
 *
 * // Ana's customers per touch, position-based credit, in Spanish:
 * const byTouch = computeFunnel(leads, { crossSegments: [["owner", "touch"]], credit: "position" });
 * renderSegmentTable(byTouch, {
 *   dimension: "touch",
 *   within: { dimension: "owner", key: "u-ana" },
 *   columns: ["leads", "won"],
 *   labels: { touch: "contacto", leads: "leads", won: "clientes" },
 * });
 * ```
 * @category Metrics
 */
export function renderSegmentTable(summary: FunnelSummary, options: RenderSegmentTableOptions): string {
  const segments = pickSegments(summary, options.dimension, options.within, false);
  const words = resolveLabels(options.labels);
  const columns = options.columns ?? ["leads", "conversion", "costPerLead", "costPerCustomer"];
  for (const c of columns)
    if (!COLUMNS.includes(c)) {
      throw new LeadKitError(
        "invalid_input",
        `Unknown column ${quoteValue(c)} in options.columns; expected some of ${COLUMNS.join(", ")}`,
      );
    }
  const currency = options.currency ?? "EUR";
  const locale = checkLocale(options.locale);
  const format = checkTableFormat(options.format);
  const cell = (s: FunnelSegmentSummary, column: SegmentTableColumn): string => {
    switch (column) {
      case "leads":
        return formatCount(s.leads, locale);
      case "won":
        return formatCount(s.won, locale);
      case "conversion":
        return formatPercent(s.leadToCustomerConversion, locale);
      case "winRate":
        return formatPercent(s.winRate, locale);
      case "passiveShare":
        return formatPercent(s.passiveShare, locale);
      case "costPerLead":
        return formatMoney(s.costPerLead, currency, locale);
      case "costPerCustomer":
        return formatMoney(s.costPerCustomer, currency, locale);
      case "medianDaysToClose":
        return formatDays(s.timeToClose.medianDays, locale);
      case "firstResponseP50":
        return formatDuration(s.timeToFirstResponse.medianDays, locale);
      case "firstResponseP90":
        return formatDuration(s.timeToFirstResponse.p90Days, locale);
      case "weightedPipeline":
        return formatMoney(s.pipeline.weightedValue, currency, locale);
    }
  };
  return layoutTable(
    [words[options.dimension], ...columns.map((c) => words[c])],
    segments.map((s) => [s.key, ...columns.map((c) => cell(s, c))]),
    format,
    [false, ...columns.map(() => true)],
  );
}
