import { LeadKitError, quoteValue } from "../internal/index.js";
import { checkLocale, formatCount, formatPercent } from "./format.js";
import type { FunnelDimension } from "./funnel-aggregate.js";
import { type RenderLabels, resolveLabels } from "./render-labels.js";
import { pickSegments } from "./render-segment-table.js";
import type { FunnelSegmentSummary, FunnelSummary } from "./summarize-funnel.js";
import {
  barElements,
  CHART_COLORS,
  chartWidth,
  type FlowItem,
  fittedText,
  fixed,
  flowItems,
  lineHeight,
  MARGIN,
  svgDocument,
  textElement,
  titleBlock,
} from "./svg-chart.js";
import { cleanSvgText, measureText } from "./svg-text.js";

/**
 * Options for {@link renderSegmentSvg}.
 *
 * @example
 * ```ts
 * import { computeFunnel, type RenderSegmentSvgOptions, renderSegmentSvg } from "leadkit/metrics";
 *
 * const options: RenderSegmentSvgOptions = { dimension: "source", metric: "conversion", width: 480 };
 * renderSegmentSvg(computeFunnel(leads, { dimensions: ["source"] }), options);
 * ```
 * @category Metrics
 */
export interface RenderSegmentSvgOptions {
  /** The dimension whose segments are the bars: `source`, `owner`, `firstTouch`, `period`… */
  readonly dimension: FunnelDimension;
  /**
   * Only the segments within one segment of another dimension, as in
   * {@link RenderSegmentTableOptions.within}: `{ dimension: "owner", key: "u-ana" }` with `dimension:
   * "touch"` draws Ana's leads per touch.
   */
  readonly within?: { readonly dimension: FunnelDimension; readonly key: string };
  /**
   * What the bars measure: `leads` (default), `won` (customers) or `conversion` (lead → customer, as
   * in {@link renderSegmentTable}). Bars are sorted by it, largest first; periods stay in time order.
   */
  readonly metric?: "leads" | "won" | "conversion";
  /** Split each bar into active, passive and unknown-origin leads, with a legend (metric `leads` only). */
  readonly splitByOrigin?: boolean;
  /** Draw at most this many bars and say how many segments were left out (default: all). */
  readonly limit?: number;
  /** Heading drawn above the chart (default e.g. `"Leads by source"`, from the labels). */
  readonly title?: string;
  /** Width in pixels (default 640; below 320 draws at 320, above 10,000 at 10,000). */
  readonly width?: number;
  /** Locale for numbers (default `"en-US"`). */
  readonly locale?: string;
  /**
   * Words to draw instead of the English ones (see {@link RENDER_LABELS}): the default title's
   * metric, "by" and dimension, "active", "passive", "unknown origin", "more segments not shown",
   * "No segments".
   */
  readonly labels?: RenderLabels;
}

const METRIC_LABELS = { leads: "leadsMetric", won: "wonMetric", conversion: "conversionMetric" } as const;
const TEXT_SIZE = 12;
const ROW = 22;
const BAR_HEIGHT = 14;

/**
 * Draws one horizontal bar per segment of a dimension — leads, customers or conversion by source,
 * owner, touch or period — so that thirty sources read at a glance where a table needs scanning.
 *
 * @remarks
 * Segment keys come from people: they are escaped, shortened with "…" to the label column (the full
 * key in a `<title>`) and clipped to it. Text is laid out with the advance widths of the font the
 * chart declares (DejaVu Sans), so at any width from 320 pixels no text overlaps a bar or other text.
 * Conversion bars are scaled to the largest rate; a segment with no rate shows "—" and no bar.
 *
 * @param summary - A funnel summary with the dimension's segments (or the cross-segment for `within`).
 * @param options - Dimension, segment within, metric, origin split, limit, title, width, locale and labels.
 * @returns A standalone SVG document as a string (no DOM needed).
 * @throws LeadKitError `invalid_input` when the summary was computed without the dimension (or the
 *   cross-segment, or has no `within` segment), when `splitByOrigin` is asked with a metric other
 *   than `leads`, when `limit` is not a whole number ≥ 1, when the width is not a finite number,
 *   when `within` is not `{ dimension, key }`, when the locale is not a BCP 47 tag, or for a label
 *   that is not one of {@link RENDER_LABELS}' keys or not a string.
 * @example
 * ```ts
 * import { writeFileSync } from "node:fs";
 * import { computeFunnel, renderSegmentSvg } from "leadkit/metrics";
 *
 * const summary = computeFunnel(leads, { dimensions: ["source", "origin"] });
 * writeFileSync("by-source.svg", renderSegmentSvg(summary, { dimension: "source", splitByOrigin: true }));
 * ```
 * @category Metrics
 */
export function renderSegmentSvg(summary: FunnelSummary, options: RenderSegmentSvgOptions): string {
  // A summary of no leads has no segments in any dimension: an empty chart, not a missing dimension.
  const segments = pickSegments(summary, options.dimension, options.within, true);
  const words = resolveLabels(options.labels);
  const metric = options.metric ?? "leads";
  if (!Object.hasOwn(METRIC_LABELS, metric)) {
    throw new LeadKitError(
      "invalid_input",
      `The metric is ${quoteValue(metric)}; expected "leads", "won" or "conversion"`,
    );
  }
  const split = options.splitByOrigin === true;
  if (split && metric !== "leads") {
    throw new LeadKitError(
      "invalid_input",
      `splitByOrigin splits leads; the metric is "${metric}": expected metric "leads" or no split`,
    );
  }
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  if (limit !== Number.POSITIVE_INFINITY && !(Number.isInteger(limit) && limit >= 1)) {
    throw new LeadKitError("invalid_input", `The limit is ${limit}; expected a whole number of bars ≥ 1`);
  }
  const locale = checkLocale(options.locale);
  const width = chartWidth(options.width);
  const title = options.title ?? `${words[METRIC_LABELS[metric]]} ${words.by} ${words[options.dimension]}`;
  const measureOf = (s: FunnelSegmentSummary): number | null =>
    metric === "leads" ? s.leads : metric === "won" ? s.won : s.leadToCustomerConversion;
  const textOf = (s: FunnelSegmentSummary): string =>
    metric === "conversion"
      ? formatPercent(s.leadToCustomerConversion, locale)
      : formatCount(measureOf(s) ?? 0, locale);
  const ordered =
    options.dimension === "period"
      ? segments
      : [...segments].sort((a, b) => (measureOf(b) ?? -1) - (measureOf(a) ?? -1));
  const shown = ordered.slice(0, Math.min(limit, ordered.length));
  const max = Math.max(0, ...shown.map((s) => measureOf(s) ?? 0));

  const parts: string[] = [];
  let y = titleBlock(title, width, 12, parts) + 6;
  const inner = width - 2 * MARGIN;
  const valueWidth = Math.max(0, ...shown.map((s) => measureText(textOf(s), TEXT_SIZE, true)));
  // As wide as the longest key, within 40 % of the chart (and 240 px): longer keys are shortened.
  const widest = Math.min(inner * 0.4, 240);
  const longest = Math.max(
    0,
    ...shown.map((s) => measureText(cleanSvgText(s.key), TEXT_SIZE, false, widest)),
  );
  const labelWidth = Math.max(40, Math.min(longest, widest));
  const barLeft = MARGIN + labelWidth + 8;
  const barSpan = Math.max(0, inner - labelWidth - valueWidth - 16);
  const textTop = (rowTop: number) => rowTop + (ROW - lineHeight(TEXT_SIZE)) / 2;
  for (const s of shown) {
    const value = measureOf(s);
    const w = value === null || max === 0 ? 0 : Math.max(value > 0 ? 2 : 0, (barSpan * value) / max);
    const barTop = y + (ROW - BAR_HEIGHT) / 2;
    if (split) {
      const wa = s.leads === 0 ? 0 : (w * s.active) / s.leads;
      const wp = s.leads === 0 ? 0 : (w * s.passive) / s.leads;
      parts.push(
        ...barElements(barLeft, barTop, BAR_HEIGHT, [
          {
            width: wa,
            fill: CHART_COLORS.active,
            title: `${s.key}, ${words.active}: ${formatCount(s.active, locale)}`,
          },
          {
            width: wp,
            fill: CHART_COLORS.passive,
            title: `${s.key}, ${words.passive}: ${formatCount(s.passive, locale)}`,
          },
          {
            width: w - wa - wp,
            fill: CHART_COLORS.unknown,
            title: `${s.key}, ${words.unknownOrigin}: ${formatCount(s.unknownOrigin, locale)}`,
          },
        ]),
      );
    } else {
      parts.push(
        ...barElements(barLeft, barTop, BAR_HEIGHT, [
          { width: w, fill: CHART_COLORS.bar, title: `${s.key}: ${textOf(s)}` },
        ]),
      );
    }
    parts.push(
      fittedText(s.key, labelWidth, { x: MARGIN, top: textTop(y), size: TEXT_SIZE, fill: CHART_COLORS.text }),
      // The value just past its bar: the bar span leaves room for the widest value.
      textElement({
        x: barLeft + w + 8,
        top: textTop(y),
        size: TEXT_SIZE,
        bold: true,
        fill: CHART_COLORS.text,
        text: textOf(s),
      }),
    );
    y += ROW;
  }
  const notes: FlowItem[] = [];
  if (shown.length < ordered.length) {
    notes.push({ text: `${formatCount(ordered.length - shown.length, locale)} ${words.moreSegments}` });
  }
  if (segments.length === 0) notes.push({ text: words.noSegments });
  y = flowItems(notes, MARGIN, y + 4, inner, TEXT_SIZE, parts);
  if (split) {
    const legend: FlowItem[] = [
      { text: words.active, swatch: CHART_COLORS.active },
      { text: words.passive, swatch: CHART_COLORS.passive },
      { text: words.unknownOrigin, swatch: CHART_COLORS.unknown },
    ];
    y = flowItems(legend, MARGIN, y + 4, inner, TEXT_SIZE, parts);
  }
  return svgDocument(width, fixed(y + 8), title, parts);
}
