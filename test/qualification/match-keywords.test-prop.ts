// The compiled keyword finder (one pass over the text's words, hashed and looked up in a table of
// the keywords' words) is a fast twin of the plain matcher that normalises the whole text first and
// runs one alternation: on every title, with any keyword list, it must find the same keyword — also
// over thousands of distinct titles, asked again.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  compileKeywordFinder,
  findKeyword,
  findKeywordPlain,
} from "../../src/qualification/match-keywords.js";
import { DEFAULT_DECISION_MAKER_ROLES } from "../../src/qualification/vocabulary.js";

const words = [
  "vice",
  "president",
  "vp",
  "ceo",
  "co",
  "founder",
  "managing",
  "director",
  "directora",
  "dirección",
  "jefe",
  "ÉQUIPE",
  "c",
  "level",
  "head",
  "of",
  "sales",
  "owner",
  "Chief",
  "ops",
  "1st",
  "Dueña",
  "PROPIETARIA",
  "España",
  "Générale",
  "Geschäftsführer",
];
const separators = [
  " ",
  "  ",
  "-",
  " & ",
  "/",
  ", ",
  ".",
  "_",
  "\t",
  "(",
  ")",
  "'",
  "·",
  "—",
  "^",
  "`",
  "\u0301",
  "",
];
const wordArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...words) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 4 }) },
  // Any code point, astral diacritics and lone surrogates included.
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom("ce\u0301o", "ce\u{1D167}o", "ce\uD800o", "\u212Aey", "İnc") },
);
const caseArb = fc.constantFrom(
  (w: string) => w,
  (w: string) => w.toUpperCase(),
  (w: string) => (w[0] ?? "").toUpperCase() + w.slice(1),
);
const titleArb = fc
  .array(fc.tuple(wordArb, caseArb, fc.constantFrom(...separators)), { maxLength: 6 })
  .map((parts) => parts.map(([w, c, sep]) => c(w) + sep).join(""));
const keywordsArb = fc.oneof(
  fc.constant(DEFAULT_DECISION_MAKER_ROLES as readonly string[]),
  fc.array(
    fc.oneof(
      fc.constantFrom(
        ...words,
        "vice president",
        "co-founder",
        "head of sales",
        "Managing Director",
        "c-level",
      ),
      fc.string({ maxLength: 8 }),
    ),
    { maxLength: 8 },
  ),
);

describe("keyword matching", () => {
  it("the compiled finder finds the keyword the plain matcher finds, on any title", () => {
    fc.assert(
      fc.property(keywordsArb, fc.array(titleArb, { minLength: 1, maxLength: 30 }), (keywords, titles) => {
        const find = compileKeywordFinder(keywords);
        for (const title of [...titles, ...titles]) {
          expect(keywords[find(title)]).toBe(findKeywordPlain(title, keywords));
          expect(findKeyword(title, keywords)).toBe(findKeywordPlain(title, keywords));
        }
      }),
      { numRuns: 500 },
    );
  });

  it("a finder keeps answering as the plain matcher over thousands of distinct titles, asked again", () => {
    const find = compileKeywordFinder(DEFAULT_DECISION_MAKER_ROLES);
    const titles = Array.from(
      { length: 3_000 },
      (_, k) => `${words[k % words.length]} ${k} ${k % 7 === 0 ? "ceo" : "x"}`,
    );
    for (const title of [...titles, ...titles.slice(0, 1_500)])
      expect(DEFAULT_DECISION_MAKER_ROLES[find(title)]).toBe(
        findKeywordPlain(title, DEFAULT_DECISION_MAKER_ROLES),
      );
  });

  it("reads every accented Latin letter as the plain matcher does, inside, before and after a keyword", () => {
    const keywords = ["ceo", "dueno", "a", "ae", "vice president", "s"];
    const find = compileKeywordFinder(keywords);
    for (let code = 0x80; code <= 0x24f; code++) {
      const c = String.fromCharCode(code);
      for (const title of [
        `${c}ceo`,
        `ce${c}o`,
        `ceo${c}`,
        `Due${c}o`,
        `DUE${c}O`,
        `vice${c}president`,
        c,
        `${c}^ceo`,
      ])
        expect([title, keywords[find(title)]]).toEqual([title, findKeywordPlain(title, keywords)]);
    }
  });

  it("matches letters of every script, ignoring case and accents, as whole words", () => {
    const keywords = ["директор", "Διευθυντής", "社長", "straße", "fi", "ǆ", "ceo"];
    const find = compileKeywordFinder(keywords);
    const cases: [string, string | undefined][] = [
      ["Директор по продажам", "директор"],
      ["ГЕНЕРАЛЬНЫЙ ДИРЕКТОР", "директор"],
      ["директорат", undefined],
      ["ΔΙΕΥΘΥΝΤΗΣ πωλήσεων", "Διευθυντής"],
      ["代表 社長", "社長"],
      ["Leiter Straße 5", "straße"],
      ["ﬁ", "fi"],
      ["Ǆ", "ǆ"],
      ["Søren, CEO", "ceo"],
    ];
    for (const [title, expected] of cases) {
      expect([title, keywords[find(title)]]).toEqual([title, expected]);
      expect([title, findKeywordPlain(title, keywords)]).toEqual([title, expected]);
    }
  });

  it("the compiled finder agrees with the plain matcher on titles and keywords in any script", () => {
    const letters = fc.constantFrom(
      "д",
      "и",
      "р",
      "Д",
      "Σ",
      "σ",
      "ς",
      "社",
      "長",
      "ß",
      "ø",
      "ł",
      "ﬁ",
      "e",
      "é",
      "E",
      " ",
      "-",
      "ĳ",
    );
    const word = fc.array(letters, { minLength: 1, maxLength: 6 }).map((cs) => cs.join(""));
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 5 }),
        fc.array(word, { maxLength: 10 }),
        (keywords, titles) => {
          const find = compileKeywordFinder(keywords);
          for (const title of titles) expect(keywords[find(title)]).toBe(findKeywordPlain(title, keywords));
        },
      ),
      { numRuns: 300 },
    );
  });
});
