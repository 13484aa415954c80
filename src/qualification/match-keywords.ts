// Whole-word keyword matching for job titles and industries, ignoring case, accents and
// punctuation ("Co-Founder & CEO" matches "co-founder" and "ceo"; "Directora de Compras" matches
// "directora"). A keyword list compiles once into a table of words (a trie over whole words), held
// by whoever compiled it (a compiled framework's role judge): nothing is cached here.
//
// The compiled finder makes one pass over the text's characters with no regular expression and no
// copy: each word is hashed as it is read (case and Latin accents folded) and looked up in the
// table; only a candidate's characters are compared. Text with any other non-ASCII character takes
// the plain way, since accents are stripped after Unicode decomposition: strip, then the same pass. There is no memo
// of recent texts: with production-like titles (thousands of distinct ones, Zipf) a bounded memo
// mostly misses, and each miss is the pass it would save.

/**
 * Lowercases, strips accents (and compatibility forms: "ﬁ" is "fi") and turns every run of
 * characters that are neither letters nor digits, in any script, into one space, padded: "Директор
 * по продажам" is three words, as "Director de Ventas" is.
 */
export function normalizeWords(text: string): string {
  return ` ${stripAccents(text)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()} `;
}

/** The text with accents stripped: only non-ASCII text needs the (slower) Unicode decomposition. */
const stripAccents = (text: string): string =>
  /[\u0080-\uffff]/.test(text) ? text.normalize("NFKD").replace(/\p{Diacritic}/gu, "") : text;

/**
 * A keyword list compiled by {@link compileKeywordFinder}: the position in the list of the keyword
 * found earliest in `text` as whole words (the longest one at a tie; the first of keywords that
 * normalise alike), or −1.
 */
export type KeywordFinder = (text: string) => number;

/** Returns the keyword found earliest in `text` as whole words (the longest one at a tie), or `undefined`. */
export function findKeyword(text: string, keywords: readonly string[]): string | undefined {
  return keywords[compileKeywordFinder(keywords)(text)];
}

/**
 * {@link findKeyword} the plain way: normalise the whole text, then one alternation over the
 * normalised keywords. The compiled finder must answer exactly as this (a property test holds them
 * together).
 */
export function findKeywordPlain(text: string, keywords: readonly string[]): string | undefined {
  const original = new Map<string, string>();
  for (const keyword of keywords) {
    const words = normalizeWords(keyword).trim();
    if (words !== "" && !original.has(words)) original.set(words, keyword);
  }
  // Longest first, so "vice president" wins over "president" at the same position.
  const sorted = [...original.keys()].sort((a, b) => b.length - a.length);
  if (sorted.length === 0) return undefined;
  const words = new RegExp(` (${sorted.join("|")}) `).exec(normalizeWords(text))?.[1];
  return words === undefined ? undefined : original.get(words);
}

/** Words that may follow a word, by hash with open addressing; a node's keyword ends there. */
interface WordTable {
  readonly mask: number;
  /** Per slot: 1 + the entry's index, or 0 for an empty slot. */
  readonly slots: Int32Array;
  readonly hashes: number[];
  readonly words: string[];
  readonly nodes: WordNode[];
}

interface WordNode {
  /** The position of the keyword that ends with this word, or −1. */
  keyword: number;
  /** The words that may follow, or `undefined` when no keyword continues. */
  next: WordTable | undefined;
}

// What `scan` answers when it meets a character that normalisation may remove or change (a
// non-ASCII one outside the Latin letters it folds, and "^" and "`", which are diacritics once the
// text has a non-ASCII character): start again on the text stripped of accents.
const PLAIN_WAY = -2;

/**
 * Compiles a keyword list for {@link KeywordFinder}: each keyword normalised into words (the first
 * of keywords that normalise alike wins), stored in a table of words by hash. Linear in the list.
 */
export function compileKeywordFinder(keywords: readonly string[]): KeywordFinder {
  const root = buildTables(keywords);
  if (root === undefined) return () => -1;
  // The character classes as bytes, held by this finder: a typed array reads faster per character
  // than a string, and no other code holds it.
  const classes = classTable(classOf);
  const plainClasses = classTable((c) => (c < 128 ? PLAIN_CLASSES.charCodeAt(c) : 0));
  let plain: KeywordFinder | undefined;
  return (text) => {
    const found = scan(root, classes, text);
    if (found !== PLAIN_WAY) return found;
    // Stripped of accents, text that is ASCII again is read by the same pass (every character but
    // a letter or a digit separates). Text with letters of other scripts ("директор", "社長",
    // "straße") takes the plain matcher, made on first such text for this list.
    const stripped = stripAccents(text);
    if (!NON_ASCII.test(stripped)) return scan(root, plainClasses, stripped);
    plain ??= compilePlainFinder(keywords);
    return plain(stripped);
  };
}

const NON_ASCII = /[\u0080-\uffff]/;

/**
 * {@link findKeywordPlain} compiled for one list: the position of the keyword found, or −1. The
 * alternation holds only normalised words (letters, digits and spaces), so no keyword can be read as
 * regular-expression syntax.
 */
function compilePlainFinder(keywords: readonly string[]): KeywordFinder {
  const position = new Map<string, number>();
  keywords.forEach((keyword, at) => {
    const words = normalizeWords(keyword).trim();
    if (words !== "" && !position.has(words)) position.set(words, at);
  });
  if (position.size === 0) return () => -1;
  const sorted = [...position.keys()].sort((a, b) => b.length - a.length);
  const pattern = new RegExp(` (${sorted.join("|")}) `, "u");
  return (text) => {
    const words = pattern.exec(normalizeWords(text))?.[1];
    return words === undefined ? -1 : (position.get(words) ?? -1);
  };
}

function buildTables(keywords: readonly string[]): WordTable | undefined {
  interface Draft {
    keyword: number;
    readonly next: Map<string, Draft>;
  }
  const top = new Map<string, Draft>();
  keywords.forEach((keyword, position) => {
    const words = normalizeWords(keyword).trim();
    if (words === "") return;
    let level = top;
    let node: Draft | undefined;
    for (const word of words.split(" ")) {
      node = level.get(word);
      if (node === undefined) {
        node = { keyword: -1, next: new Map() };
        level.set(word, node);
      }
      level = node.next;
    }
    if (node !== undefined && node.keyword === -1) node.keyword = position;
  });
  const freeze = (level: ReadonlyMap<string, Draft>): WordTable | undefined => {
    if (level.size === 0) return undefined;
    let size = 8;
    while (size < level.size * 2) size *= 2;
    const table: WordTable = {
      mask: size - 1,
      slots: new Int32Array(size),
      hashes: [],
      words: [],
      nodes: [],
    };
    for (const [word, draft] of level) {
      const hash = hashOf(word, 0, word.length);
      let slot = hash & table.mask;
      while (table.slots[slot] !== 0) slot = (slot + 1) & table.mask;
      table.slots[slot] = table.words.length + 1;
      table.hashes.push(hash);
      table.words.push(word);
      table.nodes.push({ keyword: draft.keyword, next: freeze(draft.next) });
    }
    return table;
  };
  return freeze(top);
}

/** The hash `scan` computes for a word of lowercase ASCII letters and digits. */
function hashOf(text: string, start: number, end: number): number {
  let hash = 0;
  for (let i = start; i < end; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  return hash;
}

/**
 * Per ASCII character, as a string (so nothing can change it): its lowercase code when it is a
 * letter or a digit, 0 for a separator, and `CHANGES` for a character normalisation may change
 * ("^" and "`", which are accents once the text has a non-ASCII character; every non-ASCII one
 * outside {@link LATIN} is too). One load per character decides what it is and folds its case.
 */
const CHANGES = 255;
const CLASSES = String.fromCharCode(
  ...Array.from({ length: 128 }, (_, c) =>
    (c >= 97 && c <= 122) || (c >= 48 && c <= 57)
      ? c
      : c >= 65 && c <= 90
        ? c + 32
        : c === 94 || c === 96
          ? CHANGES
          : 0,
  ),
);

/** {@link CLASSES} for text already stripped of accents: every character but a letter or a digit separates. */
const PLAIN_CLASSES = CLASSES.replaceAll(String.fromCharCode(CHANGES), "\0");

/**
 * The letters of U+00C0–U+017F (Latin-1 and Latin Extended-A: the accented letters of Spanish,
 * Portuguese, French, German…) as `normalizeWords` leaves them: decomposed, stripped of accents
 * and lowercased ("É" → "e", "ñ" → "n"), "_" for those that become separators ("×", "Æ", "ß").
 * So a title such as "Directora de Compras, España" is read in the one pass, without
 * decomposing it. A test holds every entry equal to `normalizeWords`.
 */
const LATIN = Array.from(
  "aaaaaa_ceeeeiiii_nooooo__uuuuy__aaaaaa_ceeeeiiii_nooooo__uuuuy_y" +
    "aaaaaaccccccccdd__eeeeeeeeeegggggggghh__iiiiiiiii___jjkk_llllll_" +
    "___nnnnnn___oooooo__rrrrrrsssssssstttt__uuuuuuuuuuuuwwyyyzzzzzz_",
  // "_" marks a character that does not fold to one ASCII letter: a separator ("×", "÷"), or a
  // letter the plain matcher reads as itself or otherwise ("ß", "æ", "ø", "ł", "ĳ"), for which the
  // pass answers PLAIN_WAY.
  (folded, at) =>
    folded !== "_"
      ? folded
      : /\p{L}/u.test(String.fromCharCode(0xc0 + at))
        ? String.fromCharCode(CHANGES)
        : "\0",
).join("");
const LATIN_FIRST = 0xc0;
const LATIN_LAST = 0x17f;

/** The class of any character (see {@link CLASSES} and {@link LATIN}). */
const classOf = (c: number): number =>
  c < 128
    ? CLASSES.charCodeAt(c)
    : c >= LATIN_FIRST && c <= LATIN_LAST
      ? LATIN.charCodeAt(c - LATIN_FIRST)
      : CHANGES;

/** The classes of U+0000–U+017F by `classify`, for `scan` (every character above is `CHANGES`). */
function classTable(classify: (c: number) => number): Uint8Array {
  const table = new Uint8Array(LATIN_LAST + 1);
  for (let c = 0; c <= LATIN_LAST; c++) table[c] = classify(c);
  return table;
}

/**
 * The class of a character in `scan`'s mode: its `classOf` in the usual table, or for text already
 * stripped of accents (ASCII only) its `PLAIN_CLASSES` entry, where nothing is `CHANGES`.
 */
const classIn = (c: number, classes: Uint8Array): number =>
  c <= LATIN_LAST ? (classes[c] as number) : CHANGES;

/** The table's node for the word `text[start, end)` (ASCII, any case) with hash `hash`. */
function lookUp(
  table: WordTable,
  text: string,
  start: number,
  end: number,
  hash: number,
): WordNode | undefined {
  const length = end - start;
  let slot = hash & table.mask;
  for (;;) {
    const entry = (table.slots[slot] as number) - 1;
    if (entry < 0) return undefined;
    if (table.hashes[entry] === hash) {
      const word = table.words[entry] as string;
      if (word.length === length) {
        let i = 0;
        while (i < length && classOf(text.charCodeAt(start + i)) === word.charCodeAt(i)) i++;
        if (i === length) return table.nodes[entry];
      }
    }
    slot = (slot + 1) & table.mask;
  }
}

/**
 * One pass over `text`: the keyword position of the earliest (then longest) match, −1 for none, or
 * (unless the classes are the plain ones, for text stripped of accents) `PLAIN_WAY` as soon as it reads a character
 * that normalisation may change. Words before that
 * character are the same as in the normalised text, so an answer settled before it is the plain
 * matcher's answer.
 */
function scan(root: WordTable, classes: Uint8Array, text: string): number {
  const length = text.length;
  let i = 0;
  for (;;) {
    let k = 0;
    while (i < length) {
      k = classIn(text.charCodeAt(i), classes);
      if (k !== 0) break;
      i++;
    }
    if (i >= length) return -1;
    if (k === CHANGES) return PLAIN_WAY;
    const start = i;
    let hash = 0;
    while (k !== 0 && k !== CHANGES) {
      hash = (Math.imul(hash, 31) + k) | 0;
      if (++i === length) break;
      k = classIn(text.charCodeAt(i), classes);
    }
    if (k === CHANGES) return PLAIN_WAY;
    const node = lookUp(root, text, start, i, hash);
    if (node !== undefined) {
      const found = node.next === undefined ? node.keyword : extend(node, classes, text, i);
      if (found !== -1) return found;
    }
  }
}

/** The longest keyword continuing from `node`, whose word ended at `i`; −1 for none, or `PLAIN_WAY`. */
function extend(node: WordNode, classes: Uint8Array, text: string, i: number): number {
  const length = text.length;
  let best = node.keyword;
  let current = node;
  while (current.next !== undefined) {
    let k = 0;
    while (i < length) {
      k = classIn(text.charCodeAt(i), classes);
      if (k !== 0) break;
      i++;
    }
    if (i >= length) break;
    if (k === CHANGES) return PLAIN_WAY;
    const start = i;
    let hash = 0;
    while (k !== 0 && k !== CHANGES) {
      hash = (Math.imul(hash, 31) + k) | 0;
      if (++i === length) break;
      k = classIn(text.charCodeAt(i), classes);
    }
    if (k === CHANGES) return PLAIN_WAY;
    const next = lookUp(current.next, text, start, i, hash);
    if (next === undefined) break;
    current = next;
    if (current.keyword !== -1) best = current.keyword;
  }
  return best;
}
