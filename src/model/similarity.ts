/**
 * String similarity for duplicate detection: folding (accents, case, punctuation), tokens, the
 * Jaro-Winkler similarity and a bounded edit distance. Every function caps its input, so each call
 * costs at most a constant (names and companies) or linear time (edit distance with a fixed bound).
 */

/** Characters of a field read for similarity; longer values are compared by their start. */
const MAX_FOLDED = 200;
/** Tokens of a name or a company compared; more are ignored. */
const MAX_TOKENS = 8;
/** Characters of one token compared by Jaro-Winkler. */
const MAX_TOKEN = 32;

const marks = /\p{M}+/gu;
const separators = /[^\p{L}\p{N}]+/u;

/**
 * Lowercased, without accents or other combining marks, punctuation turned into spaces:
 * "García-López, S.L." → "garcia lopez s l".
 */
export function foldText(text: string): string {
  return text
    .slice(0, MAX_FOLDED)
    .normalize("NFD")
    .replace(marks, "")
    .toLowerCase()
    .replace(/ß/g, "ss")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/**
 * The folded words of a text, with runs of one-letter words joined ("S.L." and "SL" both give
 * "sl", "A. C. M. E." gives "acme"), and the words in `ignored` left out.
 */
export function foldedTokens(text: string, ignored: ReadonlySet<string>): string[] {
  const words = foldText(text).split(separators);
  const tokens: string[] = [];
  let letters = "";
  const flush = () => {
    if (letters !== "") tokens.push(letters);
    letters = "";
  };
  for (const word of words) {
    if (word === "") continue;
    if (word.length === 1) {
      letters += word;
      continue;
    }
    flush();
    tokens.push(word);
  }
  flush();
  return tokens.filter((t) => !ignored.has(t)).slice(0, MAX_TOKENS);
}

/**
 * Words of a person's name that say little about who it is: particles of Spanish, Portuguese,
 * Italian, French, German and Dutch names, and courtesy titles.
 */
export const NAME_STOPWORDS: ReadonlySet<string> = /* @__PURE__ */ new Set([
  "de",
  "del",
  "la",
  "las",
  "los",
  "y",
  "e",
  "da",
  "das",
  "do",
  "dos",
  "di",
  "du",
  "le",
  "van",
  "von",
  "der",
  "den",
  "mr",
  "mrs",
  "ms",
  "dr",
  "sr",
  "sra",
  "srta",
  "don",
  "dona",
]);

/**
 * Legal forms and filler words of company names, so that "Acme Soluciones S.L." and "ACME
 * Soluciones SL" or "Acme Soluciones, Sociedad Limitada" compare as one company.
 */
export const COMPANY_STOPWORDS: ReadonlySet<string> = /* @__PURE__ */ new Set([
  "sl",
  "slu",
  "sll",
  "sa",
  "sau",
  "sal",
  "sc",
  "scp",
  "sociedad",
  "limitada",
  "anonima",
  "ltd",
  "ltda",
  "limited",
  "llc",
  "llp",
  "lp",
  "inc",
  "incorporated",
  "corp",
  "corporation",
  "co",
  "company",
  "cia",
  "gmbh",
  "ag",
  "kg",
  "ug",
  "ohg",
  "ev",
  "srl",
  "spa",
  "sas",
  "sarl",
  "sasu",
  "eurl",
  "sacv",
  "sapi",
  "sapidecv",
  "sadecv",
  "cv",
  "sac",
  "saa",
  "eirl",
  "srltda",
  "lda",
  "me",
  "eireli",
  "bv",
  "nv",
  "plc",
  "pty",
  "oy",
  "ab",
  "as",
  "the",
  "de",
  "del",
  "y",
  "and",
  "und",
  "et",
  "e",
]);

/**
 * Jaro-Winkler similarity of two strings, 0 (nothing in common) to 1 (equal), with the usual
 * prefix scale 0.1 over at most four characters. Strings are cut to 32 characters.
 */
export function jaroWinkler(a: string, b: string): number {
  const s = a.length > MAX_TOKEN ? a.slice(0, MAX_TOKEN) : a;
  const t = b.length > MAX_TOKEN ? b.slice(0, MAX_TOKEN) : b;
  if (s === t) return s.length === 0 ? 0 : 1;
  if (s.length === 0 || t.length === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(s.length, t.length) / 2) - 1);
  // Reused flags: the function never calls itself, and JavaScript runs it to the end uninterrupted.
  const sMatched = jwS.fill(0, 0, s.length);
  const tMatched = jwT.fill(0, 0, t.length);
  let matches = 0;
  for (let i = 0; i < s.length; i++) {
    const from = Math.max(0, i - window);
    const to = Math.min(t.length - 1, i + window);
    const c = s.charCodeAt(i);
    for (let j = from; j <= to; j++) {
      if (tMatched[j] === 1 || c !== t.charCodeAt(j)) continue;
      sMatched[i] = 1;
      tMatched[j] = 1;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < s.length; i++) {
    if (sMatched[i] !== 1) continue;
    while (tMatched[k] !== 1) k++;
    if (s.charCodeAt(i) !== t.charCodeAt(k)) transpositions++;
    k++;
  }
  const m = matches;
  const jaro = (m / s.length + m / t.length + (m - transpositions / 2) / m) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < s.length && prefix < t.length && s[prefix] === t[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

const jwS = /* @__PURE__ */ new Uint8Array(MAX_TOKEN);
const jwT = /* @__PURE__ */ new Uint8Array(MAX_TOKEN);

/**
 * How alike two token lists are, order ignored: each token's best Jaro-Winkler match in the other
 * list, averaged both ways. "ana garcia" and "garcia ana" give 1; a one-letter typo about 0.95.
 */
export function tokenSetSimilarity(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const best = (from: readonly string[], to: readonly string[]) => {
    let sum = 0;
    for (const x of from) {
      let top = 0;
      for (const y of to) top = Math.max(top, jaroWinkler(x, y));
      sum += top;
    }
    return sum / from.length;
  };
  return (best(a, b) + best(b, a)) / 2;
}

/**
 * How alike two people's names are as token lists, order ignored, a dropped word forgiven: each
 * word of the shorter name is matched to its most similar word of the longer one, a match below
 * `0.88` Jaro-Winkler counts as none, and the matches are averaged. "Pablo Fuentes" and "Pablo
 * Fuentes Cruz" give 1 (a second surname is often left out); "Teresa Guerrero" and "Teresa Pérez
 * Herrero" give 0.5 (a similar surname is not the same one). A name of one word is at most 0.8
 * like any other, since one word says little about who it is.
 */
export function nameSimilarity(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  // Two names of one length are read both ways and the weaker reading kept, so the answer is symmetric.
  const mean =
    a.length < b.length
      ? coverage(a, b)
      : a.length > b.length
        ? coverage(b, a)
        : Math.min(coverage(a, b), coverage(b, a));
  return Math.min(a.length, b.length) === 1 ? Math.min(mean, 0.8) : mean;
}

/** The mean over `short`'s words of their best match in `long`, a match below 0.88 counting as none. */
function coverage(short: readonly string[], long: readonly string[]): number {
  let sum = 0;
  for (const x of short) {
    let top = 0;
    for (const y of long) top = Math.max(top, jaroWinkler(x, y));
    if (top >= 0.88) sum += top;
  }
  return sum / short.length;
}

/** Characters of an address or a number compared by edit distance (an address has at most 254). */
const MAX_EDITED = 254;

/**
 * The Damerau-Levenshtein distance (insertions, deletions, substitutions, adjacent transpositions)
 * between two strings when it is at most `bound`, else `bound + 1`. Only the diagonal band of width
 * `2 × bound + 1` is filled and the scan stops once a row exceeds the bound; strings longer than 254
 * characters are never near (they are no address or phone number), so a call costs at most a constant.
 */
export function boundedEditDistance(a: string, b: string, bound: number): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > bound || a.length > MAX_EDITED || b.length > MAX_EDITED)
    return bound + 1;
  const over = bound + 1;
  const width = b.length + 1;
  // Three reused rows: two back (for transpositions), one back, and the current one.
  let before = edRows[0] as Int32Array;
  let previous = edRows[1] as Int32Array;
  let current = edRows[2] as Int32Array;
  before.fill(over, 0, width);
  previous.fill(over, 0, width);
  current.fill(over, 0, width);
  for (let j = 0; j <= Math.min(b.length, bound); j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    // Only the band is written; the cells either side of it are reset to `over`, so a row costs
    // O(bound), not O(length): every cell read below is in the band of its row or one of these.
    current[0] = i <= bound ? i : over;
    const from = Math.max(1, i - bound);
    const to = Math.min(b.length, i + bound);
    if (from > 1) current[from - 1] = over;
    if (to < b.length) current[to + 1] = over;
    let rowBest = current[0] as number;
    const ai = a.charCodeAt(i - 1);
    for (let j = from; j <= to; j++) {
      const bj = b.charCodeAt(j - 1);
      const cost = ai === bj ? 0 : 1;
      let d = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj)
        d = Math.min(d, (before[j - 2] as number) + 1);
      if (d > over) d = over;
      current[j] = d;
      if (d < rowBest) rowBest = d;
    }
    if (rowBest > bound) return over;
    const oldest = before;
    before = previous;
    previous = current;
    current = oldest;
  }
  return Math.min(previous[b.length] as number, over);
}

const edRows = /* @__PURE__ */ [0, 1, 2].map(() => new Int32Array(MAX_EDITED + 1));
