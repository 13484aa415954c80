// Whole-word keyword matching for job titles and industries, ignoring case, accents and
// punctuation ("Co-Founder & CEO" matches "co-founder" and "ceo"; "Directora de Compras" matches
// "directora"). Each keyword list compiles once to one regular expression, cached per array, since
// frameworks and profiles are reused across many leads.

interface CompiledKeywords {
  readonly pattern: RegExp | undefined;
  readonly original: ReadonlyMap<string, string>;
  /** Recent answers: job titles repeat a lot across leads ("CEO"), so results are remembered. */
  readonly recent: Map<string, string | null>;
}

const RECENT_LIMIT = 512;

const compiled = new WeakMap<readonly string[], CompiledKeywords>();

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
  let entry = compiled.get(keywords);
  if (entry === undefined) {
    const original = new Map<string, string>();
    for (const keyword of keywords) {
      const words = normalizeWords(keyword).trim();
      if (words !== "" && !original.has(words)) original.set(words, keyword);
    }
    // Longest first, so "vice president" wins over "president" at the same position.
    const alternatives = [...original.keys()].sort((a, b) => b.length - a.length);
    entry = {
      pattern: alternatives.length === 0 ? undefined : new RegExp(` (${alternatives.join("|")}) `),
      original,
      recent: new Map(),
    };
    compiled.set(keywords, entry);
  }
  if (entry.pattern === undefined) return undefined;
  const remembered = entry.recent.get(text);
  if (remembered !== undefined) return remembered ?? undefined;
  const words = entry.pattern.exec(normalizeWords(text))?.[1];
  const keyword = words === undefined ? undefined : entry.original.get(words);
  if (entry.recent.size >= RECENT_LIMIT) entry.recent.clear();
  entry.recent.set(text, keyword ?? null);
  return keyword;
}
