const vowels = /[aeiouyàáâãäåæèéêëìíîïòóôõöøùúûüýÿœ]/;
const consonantRun = /[bcdfghjklmnpqrstvwxzçñß]{5,}/;
const digit = /\d/;

/**
 * Tells whether a name looks machine-made rather than a person's: a word of four or more letters
 * without a vowel, a run of five consonants, or digits mixed into the name. docs/scoring.md asks for a
 * lower starting score for such names, since forms do not filter bots.
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
  for (const raw of name.toLowerCase().split(/[\s\-'’.]+/)) {
    if (raw.length === 0) continue;
    if (digit.test(raw)) return true;
    if (raw.length >= 4 && !vowels.test(raw)) return true;
    if (consonantRun.test(raw)) return true;
  }
  return false;
}
