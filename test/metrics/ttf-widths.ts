// Reads advance widths straight from a TrueType file (cmap format 4 and hmtx), to check the width
// table the SVG renderers embed against the font they declare.
import { readFileSync } from "node:fs";

/** Advance widths, in font units, of each code point's glyph (`null` when the font has none). */
export function advanceWidths(path: string, codePoints: readonly number[]): (number | null)[] {
  const b = readFileSync(path);
  const tables = new Map<string, number>();
  for (let i = 0; i < b.readUInt16BE(4); i++) {
    const o = 12 + i * 16;
    tables.set(b.toString("latin1", o, o + 4), b.readUInt32BE(o + 8));
  }
  const table = (tag: string) => {
    const offset = tables.get(tag);
    if (offset === undefined) throw new Error(`${path} has no ${tag} table`);
    return offset;
  };
  const metrics = b.readUInt16BE(table("hhea") + 34);
  const cmap = table("cmap");
  let sub = -1;
  for (let i = 0; i < b.readUInt16BE(cmap + 2); i++) {
    const r = cmap + 4 + i * 8;
    if (b.readUInt16BE(r) === 3 && b.readUInt16BE(r + 2) === 1) sub = cmap + b.readUInt32BE(r + 4);
  }
  if (sub < 0 || b.readUInt16BE(sub) !== 4) throw new Error(`${path} has no Unicode BMP cmap (format 4)`);
  const segments = b.readUInt16BE(sub + 6) / 2;
  const ends = sub + 14;
  const starts = ends + 2 * segments + 2;
  const deltas = starts + 2 * segments;
  const rangeOffsets = deltas + 2 * segments;
  const glyphOf = (cp: number): number => {
    for (let s = 0; s < segments; s++) {
      if (cp > b.readUInt16BE(ends + 2 * s)) continue;
      const start = b.readUInt16BE(starts + 2 * s);
      if (cp < start) return 0;
      const delta = b.readInt16BE(deltas + 2 * s);
      const rangeOffset = b.readUInt16BE(rangeOffsets + 2 * s);
      if (rangeOffset === 0) return (cp + delta) & 0xffff;
      const glyph = b.readUInt16BE(rangeOffsets + 2 * s + rangeOffset + 2 * (cp - start));
      return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
    }
    return 0;
  };
  return codePoints.map((cp) => {
    const glyph = glyphOf(cp);
    return glyph === 0 ? null : b.readUInt16BE(table("hmtx") + 4 * Math.min(glyph, metrics - 1));
  });
}
