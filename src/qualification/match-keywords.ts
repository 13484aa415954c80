// Whole-word keyword matching for job titles and industries, ignoring case, accents and
// punctuation ("Co-Founder & CEO" matches "co-founder" and "ceo"; "Directora de Compras" matches
// "directora"). Normalised keyword lists are cached per array, since frameworks are reused.

const normalizedLists = new WeakMap<readonly string[], readonly string[]>();

/** Lowercases, strips accents and turns every run of non-alphanumerics into one space, padded. */
export function normalizeWords(text: string): string {
  const words = text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
  return ` ${words} `;
}

/** Returns the first keyword found as whole words in `text`, or `undefined`. */
export function findKeyword(text: string, keywords: readonly string[]): string | undefined {
  let normalized = normalizedLists.get(keywords);
  if (normalized === undefined) {
    normalized = keywords.map(normalizeWords);
    normalizedLists.set(keywords, normalized);
  }
  const haystack = normalizeWords(text);
  const index = normalized.findIndex((keyword) => keyword.trim() !== "" && haystack.includes(keyword));
  return index === -1 ? undefined : keywords[index];
}
