// Whole-word keyword matching for job titles and industries, ignoring case, accents and
// punctuation ("Co-Founder & CEO" matches "co-founder" and "ceo"; "Directora de Compras" matches
// "directora"). Each keyword list compiles once to one regular expression, cached per array, since
// frameworks and profiles are reused across many leads.

const RECENT_LIMIT = 512;

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

function compile(keywords: readonly string[]): (text: string) => string | undefined {
  const original = new Map<string, string>();
  for (const keyword of keywords) {
    const words = normalizeWords(keyword).trim();
    if (words !== "" && !original.has(words)) original.set(words, keyword);
  }
  if (original.size === 0) return () => undefined;
  // Longest first, so "vice president" wins over "president" at the same position.
  const pattern = new RegExp(` (${[...original.keys()].sort((a, b) => b.length - a.length).join("|")}) `);
  // Recent answers: job titles repeat a lot across leads ("CEO"), so results are remembered.
  const recent = new Map<string, string | null>();
  return (text) => {
    const remembered = recent.get(text);
    if (remembered !== undefined) return remembered ?? undefined;
    const words = pattern.exec(normalizeWords(text))?.[1];
    const keyword = words === undefined ? undefined : original.get(words);
    if (recent.size >= RECENT_LIMIT) recent.clear();
    recent.set(text, keyword ?? null);
    return keyword;
  };
}
