import { LeadKitError } from "../internal/index.js";
import { checkLocale, formatCount, formatPercent } from "./format.js";
import type { FunnelDimension } from "./funnel-aggregate.js";
import { pickSegment } from "./render-funnel-table.js";
import { type RenderLabels, resolveLabels } from "./render-labels.js";
import type { FunnelSummary } from "./summarize-funnel.js";
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
import { measureText } from "./svg-text.js";

/**
 * Options for {@link renderFunnelSvg}.
 *
 * @example
 * ```ts
 * import { computeFunnel, type RenderFunnelSvgOptions, renderFunnelSvg } from "leadkit/metrics";
 *
 * const options: RenderFunnelSvgOptions = { title: "Q1 funnel", splitByOrigin: true, width: 720 };
 * const svg = renderFunnelSvg(computeFunnel(leads), options); // an <svg> string for a report
 * svg.startsWith("<svg");
 * ```
 * @category Metrics
 */
export interface RenderFunnelSvgOptions {
  /** Heading drawn above the chart (default the label `funnelTitle`, "Sales funnel"), on up to two lines, then shortened with "…". */
  readonly title?: string;
  /** Width in pixels (default 640; below 320 draws at 320, above 10,000 at 10,000). */
  readonly width?: number;
  /**
   * Split each bar into active, passive and unknown-origin leads, with a legend (needs the `origin`
   * dimension in the summary; draws the total, not a segment).
   */
  readonly splitByOrigin?: boolean;
  /** Chart one segment instead of the total. */
  readonly segment?: { readonly dimension: FunnelDimension; readonly key: string };
  /**
   * Words to draw instead of the English ones (see {@link RENDER_LABELS}): stage names, "of
   * previous", "active", "passive", "unknown", "unknown origin", the default title. Like every text,
   * shortened with "…" or wrapped when they do not fit.
   */
  readonly labels?: RenderLabels;
  /** Locale for numbers (default `"en-US"`). */
  readonly locale?: string;
}

const LABEL_SIZE = 14;
const DETAIL_SIZE = 12;
const BAR_HEIGHT = 22;
/** From this width, labels and counts sit in columns beside the bars. */
const WIDE_FROM = 560;

/**
 * Draws the funnel as an SVG chart: per stage, a line with its label and count, a centred bar sized
 * by leads reached, and a line with the conversion from the previous stage; optionally each bar split
 * into active, passive and unknown-origin leads, whose counts add up to the stage's.
 *
 * @remarks
 * Text is laid out with the advance widths of the font the chart declares (DejaVu Sans), so at any
 * width from 320 pixels no text overlaps a bar or other text: a long label is shortened with "…" and
 * keeps its full text in a `<title>`, the title wraps onto two lines, and counts sit beside the bars,
 * never on them. Text from people is escaped and clipped to its box.
 *
 * @param summary - A funnel summary.
 * @param options - Title, width, origin split, segment, labels and locale.
 * @returns A standalone SVG document as a string (no DOM needed).
 * @throws LeadKitError `invalid_input` when the segment option is not `{ dimension, key }` or names
 *   a segment not in the summary, when the locale is not a BCP 47 tag, when
 *   `splitByOrigin` is asked of a summary without the `origin` dimension or together with a segment,
 *   when the width is not a finite number, or for a label that is not one of {@link RENDER_LABELS}'
 *   keys or not a string.
 * @example
 * ```ts
 * import { writeFileSync } from "node:fs";
 * import { computeFunnel, renderFunnelSvg } from "leadkit/metrics";
 *
 * const summary = computeFunnel(leads, { originOf: (lead) => (lead.owner === null ? null : "active") });
 * writeFileSync("funnel.svg", renderFunnelSvg(summary, { title: "Q2 funnel", splitByOrigin: true, width: 480 }));
 * ```
 * @category Metrics
 */
export function renderFunnelSvg(summary: FunnelSummary, options: RenderFunnelSvgOptions = {}): string {
  const segment = pickSegment(summary, options.segment);
  const locale = checkLocale(options.locale);
  const width = chartWidth(options.width);
  const words = resolveLabels(options.labels);
  const title = options.title ?? words.funnelTitle;
  const split = options.splitByOrigin === true ? originSplit(summary, options.segment !== undefined) : null;
  const showUnknown = split !== null && (split.unknown[0] ?? 0) > 0;
  const inner = width - 2 * MARGIN;
  const first = segment.stages[0]?.reached ?? 0;
  const parts: string[] = [];
  let y = titleBlock(title, width, 12, parts) + 6;
  const rows = segment.stages.map((stage) => ({
    stage,
    label: words[stage.stage],
    count: formatCount(stage.reached, locale),
  }));
  const countWidth = Math.max(...rows.map((r) => measureText(r.count, LABEL_SIZE, true)));
  // Wide charts put labels and counts in columns beside the bars; narrow ones put them on a line above.
  const wide = width >= WIDE_FROM;
  const labelWidth = wide
    ? Math.min(
        inner * 0.25,
        Math.max(...rows.map((r) => measureText(r.label, LABEL_SIZE, true, inner * 0.25))),
      )
    : 0;
  const barLeft = wide ? MARGIN + labelWidth + 12 : MARGIN;
  const barSpan = wide ? inner - labelWidth - countWidth - 24 : inner;
  rows.forEach(({ stage, label, count }, i) => {
    const textTop = wide ? y + (BAR_HEIGHT - lineHeight(LABEL_SIZE)) / 2 : y;
    const text = { top: textTop, size: LABEL_SIZE, bold: true, fill: CHART_COLORS.text };
    parts.push(
      textElement({ ...text, x: width - MARGIN, anchor: "end", text: count }),
      fittedText(label, wide ? labelWidth : inner - measureText(count, LABEL_SIZE, true) - 12, {
        ...text,
        x: MARGIN,
      }),
    );
    if (!wide) y += lineHeight(LABEL_SIZE) + 5;
    const w = first === 0 ? 0 : Math.max(stage.reached > 0 ? 2 : 0, (barSpan * stage.reached) / first);
    const x = barLeft + (barSpan - w) / 2;
    const name = label;
    if (split === null) {
      parts.push(
        ...barElements(x, y, BAR_HEIGHT, [{ width: w, fill: CHART_COLORS.bar, title: `${name}: ${count}` }]),
      );
    } else {
      const active = split.active[i] ?? 0;
      const passive = split.passive[i] ?? 0;
      const unknown = split.unknown[i] ?? 0;
      const share = (n: number) => (stage.reached === 0 ? 0 : (w * n) / stage.reached);
      const wa = share(active);
      const wp = share(passive);
      parts.push(
        ...barElements(x, y, BAR_HEIGHT, [
          {
            width: wa,
            fill: CHART_COLORS.active,
            title: `${name}, ${words.active}: ${formatCount(active, locale)}`,
          },
          {
            width: wp,
            fill: CHART_COLORS.passive,
            title: `${name}, ${words.passive}: ${formatCount(passive, locale)}`,
          },
          {
            width: w - wa - wp,
            fill: CHART_COLORS.unknown,
            title: `${name}, ${words.unknownOrigin}: ${formatCount(unknown, locale)}`,
          },
        ]),
      );
    }
    y += BAR_HEIGHT + 4;
    const conversion: FlowItem[] =
      i === 0 ? [] : [{ text: `${formatPercent(stage.conversionFromPrevious, locale)} ${words.ofPrevious}` }];
    const origins: FlowItem[] =
      split === null
        ? []
        : [
            {
              text: `${words.active} ${formatCount(split.active[i] ?? 0, locale)}`,
              swatch: CHART_COLORS.active,
            },
            {
              text: `${words.passive} ${formatCount(split.passive[i] ?? 0, locale)}`,
              swatch: CHART_COLORS.passive,
            },
            ...(showUnknown
              ? [
                  {
                    text: `${words.unknown} ${formatCount(split.unknown[i] ?? 0, locale)}`,
                    swatch: CHART_COLORS.unknown,
                  },
                ]
              : []),
          ];
    // One line under a wide bar; on a narrow chart the origin counts start their own line.
    if (wide) y = flowItems([...conversion, ...origins], barLeft, y, barSpan, DETAIL_SIZE, parts);
    else {
      y = flowItems(conversion, barLeft, y, barSpan, DETAIL_SIZE, parts);
      y = flowItems(origins, barLeft, y, barSpan, DETAIL_SIZE, parts);
    }
    y += 8;
  });
  if (split !== null) {
    const legend: FlowItem[] = [
      { text: words.active, swatch: CHART_COLORS.active },
      { text: words.passive, swatch: CHART_COLORS.passive },
      ...(showUnknown ? [{ text: words.unknownOrigin, swatch: CHART_COLORS.unknown }] : []),
    ];
    y = flowItems(legend, MARGIN, y + 4, inner, DETAIL_SIZE, parts);
  }
  return svgDocument(width, fixed(y + 8), title, parts);
}

/**
 * Leads reached per stage by origin, from the `origin` segments; unknown is the rest of the total, so
 * the three always add up to the stage's count.
 */
function originSplit(
  summary: FunnelSummary,
  forSegment: boolean,
): { active: number[]; passive: number[]; unknown: number[] } {
  // A summary of no leads has no segments in any dimension: nothing to split, nothing missing.
  const origin = summary.segments.origin ?? (summary.total.leads === 0 ? [] : undefined);
  if (origin === undefined) {
    throw new LeadKitError(
      "invalid_input",
      'splitByOrigin needs the "origin" dimension in the summary; compute it with that dimension',
    );
  }
  if (forSegment) {
    throw new LeadKitError(
      "invalid_input",
      "splitByOrigin draws the total: the summary has no origin split within a segment; leave out segment or splitByOrigin",
    );
  }
  const reachedOf = (key: string) =>
    summary.total.stages.map(
      (s) => origin.find((o) => o.key === key)?.stages.find((t) => t.stage === s.stage)?.reached ?? 0,
    );
  const active = reachedOf("active");
  const passive = reachedOf("passive");
  const unknown = summary.total.stages.map((s, i) => s.reached - (active[i] ?? 0) - (passive[i] ?? 0));
  return { active, passive, unknown };
}
