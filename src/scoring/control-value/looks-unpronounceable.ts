import { isWhitespaceCode } from "../../internal/index.js";

// What each code unit is to `looksUnpronounceable`, below U+0180 (every letter it knows lies there):
// a vowel, a consonant, a digit, a separator between words, or another character.
const OTHER = 0;
const VOWEL = 1;
const CONSONANT = 2;
const DIGIT = 3;
const SEPARATOR = 4;
const TABLE_SIZE = 0x180;

// The classes, as the regular expressions the function was first written with: the table is built
// from them on first use, so the two cannot disagree.
const vowels = /[aeiouyàáâãäåæèéêëìíîïòóôõöøùúûüýÿœ]/;
const consonants = /[bcdfghjklmnpqrstvwxzçñß]/;
const digits = /\d/;
const separators = /[\s\-'’.]/;

// A write-once slot: the table, built on first use (no work at import) and never changed after.
let classes: Uint8Array | undefined;
function classTable(): Uint8Array {
  classes ??= buildClassTable();
  return classes;
}

function buildClassTable(): Uint8Array {
  const table = new Uint8Array(TABLE_SIZE);
  for (let c = 0; c < TABLE_SIZE; c++) {
    const ch = String.fromCharCode(c);
    if (separators.test(ch)) table[c] = SEPARATOR;
    else if (digits.test(ch)) table[c] = DIGIT;
    else if (vowels.test(ch)) table[c] = VOWEL;
    else if (consonants.test(ch)) table[c] = CONSONANT;
    else table[c] = OTHER;
  }
  return table;
}

// Above the table (which holds every code unit below U+0180), only separators: the white space `\s`
// matches there, and the typographic apostrophe.
const isSeparatorAbove = (c: number): boolean => c === 0x2019 || isWhitespaceCode(c);

/**
 * Tells whether a name looks machine-made rather than a person's: a word of four or more letters
 * without a vowel, a run of five consonants, or digits mixed into the name. docs/scoring.md asks for a
 * lower starting score for such names, since forms do not filter bots.
 *
 * @remarks
 * Words are split at whitespace, hyphens, apostrophes and dots, after lowercasing. Scoring models
 * call this once per lead, so it reads the name in one pass, without splitting it into strings.
 *
 * @param name - A contact's name.
 * @returns `true` when some word of the name looks unpronounceable.
 * @example
 * ```ts
 * import { looksUnpronounceable } from "leadkit/scoring";
 *
 * looksUnpronounceable("Ana García");   // false
 * looksUnpronounceable("Xkcd Qwrtzp");  // true
 * looksUnpronounceable("user8841");     // true
 * ```
 * @category Scoring
 */
export function looksUnpronounceable(name: string): boolean {
  const text = name.toLowerCase();
  const table = classTable();
  // The current word: its length in code units, whether it has a vowel, its run of consonants.
  let length = 0;
  let vowel = false;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const kind = c < TABLE_SIZE ? (table[c] as number) : isSeparatorAbove(c) ? SEPARATOR : OTHER;
    if (kind === SEPARATOR) {
      if (length >= 4 && !vowel) return true;
      length = 0;
      vowel = false;
      run = 0;
      continue;
    }
    length++;
    if (kind === DIGIT) return true;
    if (kind === CONSONANT) {
      run++;
      if (run >= 5) return true;
    } else {
      run = 0;
      if (kind === VOWEL) vowel = true;
    }
  }
  return length >= 4 && !vowel;
}
