// Internal: the pieces both SVG charts are built from — colours, the document, text that is measured
// and clipped to its box, the wrapped title, flowed lines of items and the legend.
import { LeadKitError } from "../internal/index.js";
import {
  cleanSvgText,
  escapeXml,
  FONT_ASCENT,
  FONT_DESCENT,
  fitText,
  measureText,
  SVG_FONT_FAMILY,
  wrapText,
} from "./svg-text.js";

/**
 * Colours of the charts. Every text colour has a contrast of at least 4.5:1 on the background
 * (WCAG AA for normal text) and every bar colour at least 3:1 (WCAG 2.1 § 1.4.11, graphics); text is
 * never drawn on a bar. Active and passive are blue and orange, a pair that stays apart for the
 * common colour-vision deficiencies.
 */
export const CHART_COLORS = {
  background: "#ffffff",
  text: "#1a202c",
  muted: "#4a5568",
  bar: "#3b6ea8",
  active: "#2c5282",
  passive: "#c05621",
  unknown: "#718096",
} as const;

/** Outer margin, in pixels. */
export const MARGIN = 16;
/** Narrowest chart the layouts are made for. */
export const MIN_WIDTH = 320;
/** Widest chart drawn: a wider `width` option draws this wide (docs/metrics.md says so). */
export const MAX_WIDTH = 10_000;

/**
 * The chart's width: the option (default 640), rounded and clamped to {@link MIN_WIDTH} –
 * {@link MAX_WIDTH}; a non-finite one throws.
 */
export function chartWidth(width: number | undefined): number {
  const wanted = width ?? 640;
  if (!Number.isFinite(wanted)) {
    throw new LeadKitError("invalid_input", `The chart width is ${wanted}; expected a number of pixels`);
  }
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Math.round(wanted)));
}

/** A number for an attribute: at most one decimal. */
export const fixed = (n: number): number => Number(n.toFixed(1));

/** Height of one line of text of `size` pixels (ascent plus descent). */
export const lineHeight = (size: number): number => size * (FONT_ASCENT + FONT_DESCENT);

/** One line of text, its top at `top`: where it goes and how it looks. */
export interface TextLine {
  readonly x: number;
  readonly top: number;
  readonly size: number;
  readonly bold?: boolean;
  readonly fill: string;
  readonly anchor?: "start" | "end";
  /** Already cleaned and fitted. */
  readonly text: string;
  /** The full text, as a `<title>` tooltip, when `text` was shortened. */
  readonly full?: string;
  /** Clip to this width (from `x`, or back from it when anchored at the end): text from people. */
  readonly clipWidth?: number;
}

/** A `<text>` element; text from people is clipped to its box in a nested `<svg>` viewport, so even a glyph wider than the font table says cannot paint outside it. */
export function textElement(t: TextLine): string {
  const weight = t.bold === true ? ' font-weight="bold"' : "";
  const anchor = t.anchor === "end" ? ' text-anchor="end"' : "";
  const title = t.full === undefined ? "" : `<title>${escapeXml(t.full)}</title>`;
  const baseline = t.top + t.size * FONT_ASCENT;
  const body = (x: number, y: number) =>
    `<text x="${fixed(x)}" y="${fixed(y)}" font-size="${t.size}"${weight}${anchor} fill="${t.fill}">${title}${escapeXml(t.text)}</text>`;
  if (t.clipWidth === undefined) return body(t.x, baseline);
  const left = t.anchor === "end" ? t.x - t.clipWidth : t.x;
  const height = lineHeight(t.size);
  return `<svg x="${fixed(left)}" y="${fixed(t.top)}" width="${fixed(t.clipWidth)}" height="${fixed(height)}">${body(t.x - left, baseline - t.top)}</svg>`;
}

/** A line of people's text fitted to `maxWidth` with "…", the full text as its `<title>` when shortened. */
export function fittedText(
  raw: string,
  maxWidth: number,
  line: Omit<TextLine, "text" | "full" | "clipWidth">,
): string {
  const clean = cleanSvgText(raw);
  const fit = fitText(clean, maxWidth, line.size, line.bold === true);
  return textElement({
    ...line,
    text: fit.text,
    ...(fit.shortened ? { full: clean } : {}),
    clipWidth: Math.max(0, maxWidth),
  });
}

/** The standalone document: white background, the declared font, the title as its accessible name. */
export function svgDocument(width: number, height: number, title: string, body: readonly string[]): string {
  const name = escapeXml(cleanSvgText(title));
  return `${[
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${fixed(height)}" viewBox="0 0 ${width} ${fixed(height)}" role="img" aria-label="${name}" font-family="${escapeXml(SVG_FONT_FAMILY)}">`,
    `<title>${name}</title>`,
    `<rect width="100%" height="100%" fill="${CHART_COLORS.background}"/>`,
    ...body,
    "</svg>",
  ].join("\n")}\n`;
}

const TITLE_SIZE = 18;
const TITLE_STEP = 24;

/** The title on at most two lines (the second shortened with "…" if need be), from `top`; returns its bottom. */
export function titleBlock(title: string, width: number, top: number, parts: string[]): number {
  const clean = cleanSvgText(title);
  const inner = width - 2 * MARGIN;
  const { lines, shortened } = wrapText(clean, inner, TITLE_SIZE, true, 2);
  lines.forEach((line, i) => {
    parts.push(
      textElement({
        x: MARGIN,
        top: top + i * TITLE_STEP,
        size: TITLE_SIZE,
        bold: true,
        fill: CHART_COLORS.text,
        text: line,
        ...(shortened && i === lines.length - 1 ? { full: clean } : {}),
        clipWidth: inner,
      }),
    );
  });
  return top + Math.max(1, lines.length) * TITLE_STEP;
}

/** An item of a flowed line: text, with a colour swatch before it in a legend. */
export interface FlowItem {
  readonly text: string;
  readonly swatch?: string;
}

const SWATCH = 12;

/**
 * Lays items left to right from `x`, starting a new line when the next would pass `x + maxWidth`
 * (an item wider than a whole line is shortened); returns the bottom of the last line.
 */
export function flowItems(
  items: readonly FlowItem[],
  x: number,
  top: number,
  maxWidth: number,
  size: number,
  parts: string[],
): number {
  if (items.length === 0) return top;
  const step = lineHeight(size) + 4;
  const gap = size;
  let cx = x;
  let row = 0;
  for (const item of items) {
    const lead = item.swatch === undefined ? 0 : SWATCH + 5;
    // Items hold the caller's words (labels): text from people, cleaned like any other.
    const text = cleanSvgText(item.text);
    const fit = fitText(text, maxWidth - lead, size);
    const width = lead + measureText(fit.text, size);
    if (cx > x && cx + width > x + maxWidth) {
      cx = x;
      row += 1;
    }
    const lineTop = top + row * step;
    if (item.swatch !== undefined) {
      const sy = lineTop + (lineHeight(size) - SWATCH) / 2;
      parts.push(
        `<rect class="swatch" x="${fixed(cx)}" y="${fixed(sy)}" width="${SWATCH}" height="${SWATCH}" fill="${item.swatch}"/>`,
      );
    }
    parts.push(
      textElement({
        x: cx + lead,
        top: lineTop,
        size,
        fill: CHART_COLORS.muted,
        text: fit.text,
        ...(fit.shortened ? { full: text } : {}),
      }),
    );
    cx += width + gap;
  }
  return top + (row + 1) * step;
}

/** A bar, or a stack of parts, each with a `<title>` naming it and its count. */
export function barElements(
  x: number,
  y: number,
  height: number,
  parts: readonly { readonly width: number; readonly fill: string; readonly title: string }[],
): string[] {
  const out: string[] = [];
  let cx = x;
  for (const p of parts) {
    if (p.width > 0) {
      out.push(
        `<rect class="bar" x="${fixed(cx)}" y="${fixed(y)}" width="${fixed(p.width)}" height="${height}" fill="${p.fill}"><title>${escapeXml(cleanSvgText(p.title))}</title></rect>`,
      );
    }
    cx += p.width;
  }
  return out;
}
