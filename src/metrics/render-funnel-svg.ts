import { formatCount, formatPercent, STAGE_LABELS } from "./format.js";
import type { FunnelDimension, FunnelStage } from "./funnel-aggregate.js";
import { pickSegment } from "./render-funnel-table.js";
import type { FunnelSummary } from "./summarize-funnel.js";

/**
 * Options for {@link renderFunnelSvg}.
 *
 * @example
 * ```ts
 * const options: RenderFunnelSvgOptions = { title: "Q1 funnel", splitByOrigin: true, width: 720 };
 * ```
 * @category Metrics
 */
export interface RenderFunnelSvgOptions {
  /** Heading drawn above the chart (default `"Sales funnel"`). */
  readonly title?: string;
  /** Width in pixels (default 640). */
  readonly width?: number;
  /** Split each bar into active and passive leads (needs the `origin` dimension in the summary). */
  readonly splitByOrigin?: boolean;
  /** Chart one segment instead of the total. */
  readonly segment?: { readonly dimension: FunnelDimension; readonly key: string };
  /** Stage labels to show instead of the English defaults. */
  readonly labels?: Partial<Readonly<Record<FunnelStage, string>>>;
  /** Locale for numbers (default `"en-US"`). */
  readonly locale?: string;
}

const COLORS = { bar: "#3b6ea8", active: "#2f855a", passive: "#dd8a2c", text: "#1a202c", muted: "#4a5568" };
const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Draws the funnel as an SVG chart: one centred bar per stage, sized by leads reached, with the
 * count and the conversion from the previous stage; optionally split active vs passive.
 *
 * @param summary - A funnel summary.
 * @param options - Title, width, origin split, segment, labels and locale.
 * @returns A standalone SVG document as a string (no DOM needed).
 * @throws LeadKitError `invalid_input` when the requested segment is not in the summary.
 * @example
 * ```ts
 * writeFileSync("funnel.svg", renderFunnelSvg(summary, { splitByOrigin: true }));
 * ```
 * @category Metrics
 */
export function renderFunnelSvg(summary: FunnelSummary, options: RenderFunnelSvgOptions = {}): string {
  const segment = pickSegment(summary, options.segment);
  const locale = options.locale ?? "en-US";
  const width = Math.max(320, options.width ?? 640);
  const labelWidth = 150;
  const barArea = width - labelWidth - 20;
  const barHeight = 34;
  const step = barHeight + 26;
  const top = 56;
  const split = options.splitByOrigin === true ? originSplit(summary) : null;
  const legendHeight = split === null ? 0 : 28;
  const height = top + segment.stages.length * step + legendHeight + 10;
  const first = segment.stages[0]?.reached ?? 0;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(options.title ?? "Sales funnel")}" font-family="system-ui, sans-serif">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="${width / 2}" y="30" text-anchor="middle" font-size="18" font-weight="600" fill="${COLORS.text}">${escapeXml(options.title ?? "Sales funnel")}</text>`,
  ];
  segment.stages.forEach((stage, i) => {
    const y = top + i * step;
    const w = first === 0 ? 0 : Math.max(stage.reached > 0 ? 2 : 0, (barArea * stage.reached) / first);
    const x = labelWidth + (barArea - w) / 2;
    const label = options.labels?.[stage.stage] ?? STAGE_LABELS[stage.stage];
    parts.push(
      `<text x="${labelWidth - 10}" y="${y + barHeight / 2 + 5}" text-anchor="end" font-size="14" fill="${COLORS.text}">${escapeXml(label)}</text>`,
    );
    const activeReached = split?.active[i] ?? 0;
    const passiveReached = split?.passive[i] ?? 0;
    if (split !== null && stage.reached > 0) {
      const wa = (w * activeReached) / stage.reached;
      const wp = (w * passiveReached) / stage.reached;
      parts.push(
        `<rect x="${fixed(x)}" y="${y}" width="${fixed(w)}" height="${barHeight}" rx="3" fill="#cbd5e0"/>`,
        `<rect x="${fixed(x)}" y="${y}" width="${fixed(wa)}" height="${barHeight}" rx="3" fill="${COLORS.active}"><title>active: ${activeReached}</title></rect>`,
        `<rect x="${fixed(x + wa)}" y="${y}" width="${fixed(wp)}" height="${barHeight}" rx="3" fill="${COLORS.passive}"><title>passive: ${passiveReached}</title></rect>`,
      );
    } else {
      parts.push(
        `<rect x="${fixed(x)}" y="${y}" width="${fixed(w)}" height="${barHeight}" rx="3" fill="${COLORS.bar}"/>`,
      );
    }
    const countText =
      split === null
        ? formatCount(stage.reached, locale)
        : `${formatCount(stage.reached, locale)} (${formatCount(activeReached, locale)} active / ${formatCount(passiveReached, locale)} passive)`;
    // A count that fits sits inside its bar in white; one that does not sits on a white label plate,
    // so it stays legible where it crosses the bar's edges.
    const textWidth = countText.length * 7.5 + 12;
    const centre = labelWidth + barArea / 2;
    if (w <= textWidth) {
      parts.push(
        `<rect x="${fixed(centre - textWidth / 2)}" y="${y + barHeight / 2 - 10}" width="${fixed(textWidth)}" height="20" rx="4" fill="#ffffff" fill-opacity="0.9"/>`,
      );
    }
    parts.push(
      `<text x="${centre}" y="${y + barHeight / 2 + 5}" text-anchor="middle" font-size="13" font-weight="600" fill="${w > textWidth ? "#ffffff" : COLORS.text}">${escapeXml(countText)}</text>`,
    );
    if (i > 0) {
      parts.push(
        `<text x="${labelWidth + barArea / 2}" y="${y - 8}" text-anchor="middle" font-size="12" fill="${COLORS.muted}">↓ ${escapeXml(formatPercent(stage.conversionFromPrevious))}</text>`,
      );
    }
  });
  if (split !== null) {
    const y = top + segment.stages.length * step + 4;
    parts.push(
      `<rect x="${labelWidth}" y="${y}" width="14" height="14" fill="${COLORS.active}"/>`,
      `<text x="${labelWidth + 20}" y="${y + 12}" font-size="12" fill="${COLORS.text}">active</text>`,
      `<rect x="${labelWidth + 90}" y="${y}" width="14" height="14" fill="${COLORS.passive}"/>`,
      `<text x="${labelWidth + 110}" y="${y + 12}" font-size="12" fill="${COLORS.text}">passive</text>`,
    );
  }
  parts.push("</svg>");
  return `${parts.join("\n")}\n`;
}

const fixed = (n: number) => Number(n.toFixed(1));

function originSplit(summary: FunnelSummary): { active: number[]; passive: number[] } | null {
  const origin = summary.segments.origin;
  if (origin === undefined) return null;
  const reachedOf = (key: string) =>
    origin.find((s) => s.key === key)?.stages.map((s) => s.reached) ?? [0, 0, 0, 0, 0];
  return { active: reachedOf("active"), passive: reachedOf("passive") };
}
