// Internal: which UTF-16 code units are white space, read without a regular expression by code that
// walks a string one unit at a time (the email and phone checks, the unpronounceable-name scan).

/**
 * Whether a code unit is one `\s` matches (and `trim` removes): ECMAScript's WhiteSpace and
 * LineTerminator.
 *
 * @param c - A UTF-16 code unit (`charCodeAt`).
 * @returns `true` for white space.
 */
export function isWhitespaceCode(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}
