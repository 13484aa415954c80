// Internal: text for the SVG renderers — cleaning, escaping, and measuring with the metrics of the
// font the charts declare, so layouts can shorten or wrap text before it reaches a bar or a neighbour.

/**
 * The font the charts declare. Widths below are DejaVu Sans's (Bitstream Vera Sans has the same
 * ASCII metrics); the generic `sans-serif` fallbacks common elsewhere (Arial, Helvetica, Liberation
 * Sans) are narrower, so a layout measured here still fits when they are used.
 */
export const SVG_FONT_FAMILY = "'DejaVu Sans', 'Bitstream Vera Sans', sans-serif";

/** Ascent and descent of DejaVu Sans (hhea 1901 / 483 of 2048 units), as shares of the font size. */
export const FONT_ASCENT = 0.93;
export const FONT_DESCENT = 0.24;

/**
 * Advance widths of U+0020–U+007E in DejaVu Sans 2.37, regular and bold, in 1/2048 em — read from
 * the font's `hmtx` table (test/metrics/svg-text.test.ts reads the font file again and compares).
 */
export const DEJAVU_SANS_ASCII_WIDTHS: readonly number[] = [
  651, 821, 942, 1716, 1303, 1946, 1597, 563, 799, 799, 1024, 1716, 651, 739, 651, 690, 1303, 1303, 1303,
  1303, 1303, 1303, 1303, 1303, 1303, 1303, 690, 690, 1716, 1716, 1716, 1087, 2048, 1401, 1405, 1430, 1577,
  1294, 1178, 1587, 1540, 604, 604, 1343, 1141, 1767, 1532, 1612, 1235, 1612, 1423, 1300, 1251, 1499, 1401,
  2025, 1403, 1251, 1403, 799, 690, 799, 1716, 1024, 1024, 1255, 1300, 1126, 1300, 1260, 721, 1300, 1298, 569,
  569, 1186, 569, 1995, 1298, 1253, 1300, 1300, 842, 1067, 803, 1298, 1212, 1675, 1212, 1212, 1075, 1303, 690,
  1303, 1716,
];
/** {@link DEJAVU_SANS_ASCII_WIDTHS} for DejaVu Sans Bold. */
export const DEJAVU_SANS_BOLD_ASCII_WIDTHS: readonly number[] = [
  713, 934, 1067, 1716, 1425, 2052, 1786, 627, 936, 936, 1071, 1716, 778, 850, 778, 748, 1425, 1425, 1425,
  1425, 1425, 1425, 1425, 1425, 1425, 1425, 819, 819, 1716, 1716, 1716, 1188, 2048, 1585, 1561, 1503, 1700,
  1399, 1399, 1681, 1714, 762, 762, 1587, 1305, 2038, 1714, 1741, 1501, 1741, 1577, 1475, 1397, 1663, 1585,
  2259, 1579, 1483, 1485, 936, 748, 936, 1716, 1024, 1024, 1382, 1466, 1214, 1466, 1389, 891, 1466, 1458, 702,
  702, 1362, 702, 2134, 1458, 1407, 1466, 1466, 1010, 1219, 979, 1458, 1335, 1892, 1321, 1335, 1192, 1458,
  748, 1458, 1716,
];

/**
 * Width of a grapheme the table does not hold, in em. Emoji come from a colour font whose advance is
 * about 1.17–1.28 em; CJK, Hangul and full-width forms are 1 em; other scripts in DejaVu Sans are at
 * most 1 em but for a few rare signs, which the renderers' clipping keeps inside their box.
 */
const EMOJI_EM = 1.3;
const OTHER_EM = 1;
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;
const MARK = /\p{M}/u;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is replaced.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\ufffe\uffff]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
// Made on first use, so importing leadkit/metrics without drawing a chart costs nothing.
let segmenter: Intl.Segmenter | undefined;

/**
 * Text as it may appear in an SVG document: lone surrogates become U+FFFD, and control characters
 * (XML forbids most; a line break would not break an SVG line anyway) and the non-characters
 * U+FFFE/U+FFFF become spaces.
 */
export function cleanSvgText(text: string): string {
  return text.replace(LONE_SURROGATE, "\ufffd").replace(UNSAFE, " ");
}

/** Text escaped for an XML text node or a double-quoted attribute. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function graphemeEm(grapheme: string, bold: boolean): number {
  if (EMOJI.test(grapheme)) return EMOJI_EM;
  const table = bold ? DEJAVU_SANS_BOLD_ASCII_WIDTHS : DEJAVU_SANS_ASCII_WIDTHS;
  let em = 0;
  // Accented Latin letters decompose into their ASCII base and combining marks of no advance.
  for (const char of grapheme.normalize("NFD")) {
    const code = char.codePointAt(0) ?? 0;
    const width = code >= 0x20 && code <= 0x7e ? table[code - 0x20] : undefined;
    if (width !== undefined) em += width / 2048;
    else if (!MARK.test(char)) em += OTHER_EM;
  }
  return em;
}

/**
 * Code units handed to the segmenter at a time. V8's `Intl.Segmenter` takes longer per grapheme the
 * longer the text it was given (quadratic over a whole text), so text is segmented in short windows:
 * the work is linear in the text read, and only the text that is measured is read.
 */
export const SEGMENT_WINDOW = 256;

/**
 * The graphemes of a text, in order, segmenting at most about {@link SEGMENT_WINDOW} code units at a
 * time. A window's last grapheme may continue past the window, so it is read again with the next
 * one; every earlier boundary is final, since whether a boundary falls before a character depends
 * only on what precedes it and the character after it. A grapheme longer than a window doubles the window until it fits.
 */
const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;

function* graphemesOf(text: string): Generator<string> {
  segmenter ??= new Intl.Segmenter("en", { granularity: "grapheme" });
  let start = 0;
  let size = SEGMENT_WINDOW;
  while (start < text.length) {
    // Never between the halves of a surrogate pair: a boundary depends on the whole next character.
    const end = start + size + (isHighSurrogate(text.charCodeAt(start + size - 1)) ? 1 : 0);
    if (end >= text.length) {
      for (const { segment } of segmenter.segment(text.slice(start))) yield segment;
      return;
    }
    let pending: string | undefined;
    let next = start;
    for (const { segment } of segmenter.segment(text.slice(start, end))) {
      if (pending !== undefined) {
        yield pending;
        next += pending.length;
      }
      pending = segment;
    }
    size = next === start ? size * 2 : SEGMENT_WINDOW;
    start = next;
  }
}

/** The graphemes of a text with their advance in pixels, stopping once `limit` pixels are passed. */
function measureGraphemes(
  text: string,
  fontSize: number,
  bold: boolean,
  limit = Number.POSITIVE_INFINITY,
): { readonly graphemes: string[]; readonly widths: number[]; readonly total: number } {
  const graphemes: string[] = [];
  const widths: number[] = [];
  let total = 0;
  for (const segment of graphemesOf(text)) {
    const width = graphemeEm(segment, bold) * fontSize;
    graphemes.push(segment);
    widths.push(width);
    total += width;
    if (total > limit) break;
  }
  return { graphemes, widths, total };
}

/**
 * Width in pixels of a text set in the declared font at `fontSize`, regular or bold. With a `limit`,
 * measuring stops once the width passes it (the result is then above `limit`, not the full width),
 * so a long text costs no more than the part of it that could be drawn.
 */
export function measureText(
  text: string,
  fontSize: number,
  bold = false,
  limit = Number.POSITIVE_INFINITY,
): number {
  return measureGraphemes(text, fontSize, bold, limit).total;
}

/** A text that fits a width, and whether it was shortened. */
export interface FittedText {
  readonly text: string;
  readonly shortened: boolean;
}

const ELLIPSIS = "…";

/**
 * The text, or its longest prefix (whole graphemes, trailing spaces dropped) followed by "…" that
 * fits `maxWidth` pixels; `""` when not even "…" fits. Cost grows with the part that fits, not with
 * the text.
 */
export function fitText(text: string, maxWidth: number, fontSize: number, bold = false): FittedText {
  const { graphemes, widths, total } = measureGraphemes(text, fontSize, bold, maxWidth);
  if (total <= maxWidth) return { text, shortened: false };
  const room = maxWidth - measureText(ELLIPSIS, fontSize, bold);
  if (room < 0) return { text: "", shortened: true };
  let used = 0;
  let end = 0;
  while (end < graphemes.length && used + (widths[end] ?? 0) <= room) used += widths[end++] ?? 0;
  return { text: `${graphemes.slice(0, end).join("").trimEnd()}${ELLIPSIS}`, shortened: true };
}

/**
 * Breaks a text into at most `maxLines` lines of at most `maxWidth` pixels, at spaces where it can
 * (a word wider than a line is cut between graphemes); the last line ends with "…" when text is left.
 */
export function wrapText(
  text: string,
  maxWidth: number,
  fontSize: number,
  bold: boolean,
  maxLines: number,
): { readonly lines: readonly string[]; readonly shortened: boolean } {
  const lines: string[] = [];
  let rest = text.trim();
  while (rest !== "" && lines.length < maxLines - 1) {
    const fit = fitText(rest, maxWidth, fontSize, bold);
    if (!fit.shortened) break;
    // The longest prefix that fits without an ellipsis, preferably cut at a space.
    const { graphemes, widths } = measureGraphemes(rest, fontSize, bold, maxWidth);
    let used = 0;
    let end = 0;
    while (end < graphemes.length && used + (widths[end] ?? 0) <= maxWidth) used += widths[end++] ?? 0;
    // A grapheme wider than a line (a long cluster of joiners) is left to the shortened last line.
    if (end === 0) break;
    const prefix = graphemes.slice(0, end).join("");
    const space = prefix.lastIndexOf(" ");
    const cut = space > 0 && rest[prefix.length] !== " " ? space : prefix.length;
    lines.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest === "") return { lines, shortened: false };
  const last = fitText(rest, maxWidth, fontSize, bold);
  return { lines: [...lines, last.text], shortened: last.shortened };
}
