// Whole-word keyword matching for job titles and industries, ignoring case, accents and
// punctuation ("Co-Founder & CEO" matches "co-founder" and "ceo"; "Directora de Compras" matches
// "directora"). Each keyword list compiles once to one regular expression, cached per array, since
// frameworks and profiles are reused across many leads.
//
// There is no memo of recent texts: with production-like titles (thousands of distinct ones, Zipf)
// a bounded memo mostly misses, and its eviction and insertion cost more than the one regular
// expression it would save (the BANT verdict ran at about half the speed with a 1,024-entry memo).

const compiled = new WeakMap<readonly string[], (text: string) => string | undefined>();

/** Lowercases, strips accents and turns every run of non-alphanumerics into one space, padded. */
export function normalizeWords(text: string): string {
  // Only non-ASCII text needs the (slower) Unicode decomposition.
  const ascii = /[\u0080-\uffff]/.test(text) ? text.normalize("NFD").replace(/\p{Diacritic}/gu, "") : text;
  return ` ${ascii
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim()} `;
}

/** Returns the keyword found earliest in `text` as whole words (the longest one at a tie), or `undefined`. */
export function findKeyword(text: string, keywords: readonly string[]): string | undefined {
  return keywordFinder(keywords)(text);
}

/**
 * {@link findKeyword} for one keyword list, compiled once (and cached per array): a caller that
 * holds the finder skips the cache lookup on every text.
 */
export function keywordFinder(keywords: readonly string[]): (text: string) => string | undefined {
  let find = compiled.get(keywords);
  if (find === undefined) {
    find = compile(keywords);
    compiled.set(keywords, find);
  }
  return find;
}

/**
 * {@link findKeyword} the plain way, with no memo and no fast path: normalise the whole text, then
 * one alternation over the normalised keywords. The compiled finder must answer exactly as this
 * (a property test holds them together).
 */
export function findKeywordPlain(text: string, keywords: readonly string[]): string | undefined {
  const { original, sorted } = normalizedKeywords(keywords);
  if (sorted.length === 0) return undefined;
  const words = new RegExp(` (${sorted.join("|")}) `).exec(normalizeWords(text))?.[1];
  return words === undefined ? undefined : original.get(words);
}

// Each keyword normalised (the first keyword wins a tie), longest first, so "vice president" wins
// over "president" at the same position.
function normalizedKeywords(keywords: readonly string[]): {
  readonly original: ReadonlyMap<string, string>;
  readonly sorted: readonly string[];
} {
  const original = new Map<string, string>();
  for (const keyword of keywords) {
    const words = normalizeWords(keyword).trim();
    if (words !== "" && !original.has(words)) original.set(words, keyword);
  }
  return { original, sorted: [...original.keys()].sort((a, b) => b.length - a.length) };
}

const NON_ASCII = /[\u0080-\uffff]/;
const SEPARATORS = /[^a-z0-9]+/g;

function compile(keywords: readonly string[]): (text: string) => string | undefined {
  const { original, sorted } = normalizedKeywords(keywords);
  if (sorted.length === 0) return () => undefined;
  const pattern = new RegExp(` (${sorted.join("|")}) `);
  // ASCII text needs no normalised copy: the same alternation, run on the text as it is, with any
  // run of non-alphanumerics between words and around the keyword, ignoring ASCII case. Normalised
  // keywords hold only a-z, 0-9 and single spaces, so nothing in them is special to the pattern.
  const ascii = new RegExp(
    `(?:^|[^a-z0-9])(${sorted.map((k) => k.replaceAll(" ", "[^a-z0-9]+")).join("|")})(?![a-z0-9])`,
    "i",
  );
  return (text) => {
    if (NON_ASCII.test(text)) {
      const words = pattern.exec(normalizeWords(text))?.[1];
      return words === undefined ? undefined : original.get(words);
    }
    const found = ascii.exec(text)?.[1];
    return found === undefined ? undefined : original.get(found.toLowerCase().replace(SEPARATORS, " "));
  };
}
