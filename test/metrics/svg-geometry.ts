// Reads back the geometry of a chart from leadkit's SVG renderers: every bar, swatch and line of text
// as a box, text measured with the advance widths of the font the SVG declares (DejaVu Sans; the
// table is checked against the font file in svg-text.test.ts). Tests then state that boxes do not
// overlap. The parser knows only the elements the renderers write and fails loudly on anything else.
import { FONT_ASCENT, FONT_DESCENT, measureText, SVG_FONT_FAMILY } from "../../src/metrics/svg-text.js";

export interface Box {
  readonly kind: "text" | "bar" | "swatch";
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
  readonly fill: string;
  /** The text drawn (entities decoded, `<title>` left out). */
  readonly text?: string;
  /** The `<title>` of a text or bar, if any. */
  readonly title?: string;
  /** For text in a clipping viewport: whether the measured text fits in it. */
  readonly fitsClip?: boolean;
}

export interface ChartGeometry {
  readonly width: number;
  readonly height: number;
  readonly fontFamily: string;
  readonly background: string;
  readonly boxes: readonly Box[];
}

const decode = (s: string) => s.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));

function attributes(tag: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const m of tag.matchAll(/([a-z-]+)="([^"]*)"/g)) map.set(m[1] ?? "", decode(m[2] ?? ""));
  return map;
}

function num(a: Map<string, string>, name: string, fallback?: number): number {
  const v = a.get(name);
  if (v === undefined) {
    if (fallback !== undefined) return fallback;
    throw new Error(`missing ${name}`);
  }
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`${name}="${v}" is not a number`);
  return n;
}

/** Every box of a chart, in page coordinates. */
export function readChart(svg: string): ChartGeometry {
  const token = /<(\/?)(svg|text|rect|title)\b([^>]*?)(\/?)>/g;
  const viewports: { x: number; y: number; w: number; h: number }[] = [];
  const boxes: Box[] = [];
  let width = 0;
  let height = 0;
  let fontFamily = "";
  let background = "";
  let m: RegExpExecArray | null = token.exec(svg);
  while (m !== null) {
    const [whole, closing, name, attrs] = m;
    const a = attributes(attrs ?? "");
    if (name === "svg" && closing === "") {
      if (viewports.length === 0 && width === 0) {
        width = num(a, "width");
        height = num(a, "height");
        fontFamily = a.get("font-family") ?? "";
        viewports.push({ x: 0, y: 0, w: width, h: height });
      } else {
        const parent = viewports.at(-1) ?? { x: 0, y: 0, w: 0, h: 0 };
        viewports.push({
          x: parent.x + num(a, "x"),
          y: parent.y + num(a, "y"),
          w: num(a, "width"),
          h: num(a, "height"),
        });
      }
    } else if (name === "svg") {
      viewports.pop();
    } else if (name === "rect" && closing === "") {
      const cls = a.get("class");
      if (cls === undefined) {
        if (a.get("width") !== "100%") throw new Error(`unexpected rect ${whole}`);
        background = a.get("fill") ?? "";
      } else {
        const v = viewports.at(-1) ?? { x: 0, y: 0 };
        const x0 = v.x + num(a, "x");
        const y0 = v.y + num(a, "y");
        let title: string | undefined;
        const end = whole.endsWith("/>") ? token.lastIndex : svg.indexOf("</rect>", token.lastIndex) + 7;
        const inner = svg.slice(token.lastIndex, end);
        const t = /<title>([^<]*)<\/title>/.exec(inner);
        if (t !== null && !whole.endsWith("/>")) title = decode(t[1] ?? "");
        boxes.push({
          kind: cls === "bar" ? "bar" : "swatch",
          x0,
          y0,
          x1: x0 + num(a, "width"),
          y1: y0 + num(a, "height"),
          fill: a.get("fill") ?? "",
          ...(title === undefined ? {} : { title }),
        });
        token.lastIndex = end;
      }
    } else if (name === "text" && closing === "") {
      const end = svg.indexOf("</text>", token.lastIndex);
      const inner = svg.slice(token.lastIndex, end);
      const t = /^<title>([^<]*)<\/title>/.exec(inner);
      const raw = t === null ? inner : inner.slice(t[0].length);
      if (raw.includes("<")) throw new Error(`markup inside text: ${inner}`);
      const text = decode(raw);
      const size = num(a, "font-size");
      const bold = a.get("font-weight") === "bold";
      const w = measureText(text, size, bold);
      const v = viewports.at(-1) ?? { x: 0, y: 0, w: 0, h: 0 };
      const x = v.x + num(a, "x");
      const y = v.y + num(a, "y");
      const anchor = a.get("text-anchor") ?? "start";
      if (anchor !== "start" && anchor !== "end") throw new Error(`unexpected anchor ${anchor}`);
      let x0 = anchor === "end" ? x - w : x;
      let x1 = x0 + w;
      let y0 = y - size * FONT_ASCENT;
      let y1 = y + size * FONT_DESCENT;
      let fitsClip: boolean | undefined;
      if (viewports.length > 1) {
        // 0.15 px: positions are written with one decimal.
        fitsClip = x0 >= v.x - 0.15 && x1 <= v.x + v.w + 0.15 && y0 >= v.y - 0.15 && y1 <= v.y + v.h + 0.15;
        x0 = Math.max(x0, v.x);
        x1 = Math.min(x1, v.x + v.w);
        y0 = Math.max(y0, v.y);
        y1 = Math.min(y1, v.y + v.h);
      }
      boxes.push({
        kind: "text",
        x0,
        y0,
        x1,
        y1,
        fill: a.get("fill") ?? "",
        text,
        ...(t === null ? {} : { title: decode(t[1] ?? "") }),
        ...(fitsClip === undefined ? {} : { fitsClip }),
      });
      token.lastIndex = end + 7;
    }
    m = token.exec(svg);
  }
  return { width, height, fontFamily, background, boxes };
}

/** Area two boxes share beyond `tolerance` pixels on each axis (0 when they only touch). */
export function overlaps(a: Box, b: Box, tolerance = 0.15): boolean {
  return (
    Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > tolerance &&
    Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0) > tolerance
  );
}

/**
 * What is wrong with a chart's layout: text over text, text over a bar or swatch, a box outside the
 * page, text wider than its clip (the layout should have shortened it), another font declared.
 */
export function layoutProblems(svg: string): string[] {
  const chart = readChart(svg);
  const problems: string[] = [];
  if (chart.fontFamily !== SVG_FONT_FAMILY) problems.push(`font-family is ${chart.fontFamily}`);
  const describe = (b: Box) =>
    `${b.kind}${b.text === undefined ? "" : ` ${JSON.stringify(b.text)}`} [${b.x0.toFixed(1)}, ${b.y0.toFixed(1)} – ${b.x1.toFixed(1)}, ${b.y1.toFixed(1)}]`;
  chart.boxes.forEach((a, i) => {
    if (a.x0 < -0.15 || a.y0 < -0.15 || a.x1 > chart.width + 0.15 || a.y1 > chart.height + 0.15) {
      problems.push(`${describe(a)} leaves the ${chart.width} × ${chart.height} page`);
    }
    if (a.fitsClip === false) problems.push(`${describe(a)} is wider than its clip`);
    for (const b of chart.boxes.slice(i + 1)) {
      if ((a.kind === "text" || b.kind === "text") && overlaps(a, b)) {
        problems.push(`${describe(a)} overlaps ${describe(b)}`);
      }
    }
  });
  return problems;
}

/** WCAG 2 relative luminance of `#rrggbb`. */
export function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

/** WCAG 2 contrast ratio of two `#rrggbb` colours (1 to 21). */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
