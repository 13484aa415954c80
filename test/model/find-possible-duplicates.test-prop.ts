import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  blockingKeys,
  createPossibleDuplicateMatcher,
  findPossibleDuplicates,
  findPossibleDuplicatesOf,
  type PossibleDuplicateRecord,
} from "../../src/model/index.js";
import { boundedEditDistance, jaroWinkler, nameSimilarity } from "../../src/model/similarity.js";
import { deepFreeze } from "../support/deep-freeze.js";

/** Optimal string alignment distance, the textbook full table: the reference for the banded one. */
function osaDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const up = d[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((up[j] as number) + 1, (row[j - 1] as number) + 1, (up[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
    }
  return (d[a.length] as number[])[b.length] as number;
}

/** A lone surrogate: in a `u` regex, `\p{Cs}` matches only a half pair. */
const loneSurrogate = /\p{Cs}/u;

const shortText = fc.string({ unit: fc.constantFrom(..."abcdeñé +.@0123"), maxLength: 14 });

const word = fc.constantFrom(
  "Ana",
  "Ána",
  "García",
  "Garcia",
  "Gracia",
  "López",
  "Luis",
  "Lopez",
  "de",
  "S.L.",
);
const contact = fc.record(
  {
    name: fc.array(word, { maxLength: 4 }).map((w) => w.join(" ")),
    company: fc.constantFrom("Acme SL", "ACME S.L.", "Acme Soluciones", "Nimbus SA", "Nimbus"),
    email: fc.constantFrom(
      "ana@acme.es",
      "ana@acme.com",
      "anagarcia7@acme.es",
      "anagarcia7@nimbus.es",
      "info@x.es",
    ),
    phone: fc.constantFrom("+34 612 345 678", "612345678", "+34 612 345 679", "+52 55 1234 5678"),
  },
  { requiredKeys: [] },
);
const records = fc
  .array(contact, { maxLength: 12 })
  .map((cs) => cs.map((c, i): PossibleDuplicateRecord => ({ id: `r${i}`, contact: c })));

const pairSet = (rs: readonly PossibleDuplicateRecord[]) =>
  new Set(findPossibleDuplicates(rs).candidates.map((c) => `${[...c.ids].sort().join("|")}@${c.score}`));

describe("similarity laws", () => {
  it("Jaro-Winkler is symmetric, within 0–1, and 1 exactly for equal non-empty words", () => {
    fc.assert(
      fc.property(shortText, shortText, (a, b) => {
        const s = jaroWinkler(a, b);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1 + 1e-12);
        expect(Math.abs(s - jaroWinkler(b, a))).toBeLessThan(1e-12);
        expect(jaroWinkler(a, a)).toBe(a === "" ? 0 : 1);
      }),
    );
  });

  it("the banded edit distance is the full table's distance, capped at bound + 1", () => {
    fc.assert(
      fc.property(shortText, shortText, fc.integer({ min: 0, max: 4 }), (a, b, bound) => {
        expect(boundedEditDistance(a, b, bound)).toBe(Math.min(osaDistance(a, b), bound + 1));
      }),
    );
  });

  it("name similarity ignores word order and stays within 0–1", () => {
    fc.assert(
      fc.property(fc.array(shortText, { maxLength: 5 }), fc.array(shortText, { maxLength: 5 }), (a, b) => {
        const s = nameSimilarity(a, b);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1 + 1e-12);
        expect(nameSimilarity([...a].reverse(), b)).toBeCloseTo(s, 12);
      }),
    );
  });
});

describe("possible duplicate laws", () => {
  it("the pairs found do not depend on the order of the records", () => {
    fc.assert(
      fc.property(records, (rs) => {
        expect(pairSet([...rs].reverse())).toEqual(pairSet(rs));
      }),
    );
  });

  it("every pair shares a blocking key, scores within minScore–1, and gives its reasons", () => {
    fc.assert(
      fc.property(records, fc.double({ min: 0, max: 1, noNaN: true }), (rs, minScore) => {
        const byId = new Map(rs.map((r) => [r.id, r]));
        for (const c of findPossibleDuplicates(rs, { minScore }).candidates) {
          expect(c.ids[0]).not.toBe(c.ids[1]);
          expect(c.score).toBeGreaterThanOrEqual(minScore);
          expect(c.score).toBeLessThanOrEqual(1);
          expect(c.reasons.length).toBeGreaterThan(0);
          const [a, b] = c.ids.map((id) => blockingKeys(byId.get(id) as PossibleDuplicateRecord));
          expect((a as string[]).some((k) => (b as string[]).includes(k))).toBe(true);
        }
      }),
    );
  });

  it("the blocking keys of well-formed text are well-formed text: no key cuts a surrogate pair", () => {
    const astral = fc.string({
      unit: fc.constantFrom("가", "각", "𘷳", "𠀀", "😀", "a", "é", " "),
      maxLength: 12,
    });
    fc.assert(
      fc.property(astral, astral, astral, (name, company, phone) => {
        const keys = blockingKeys({
          id: "x",
          contact: { name, company, phone, email: `${name}@acme.example` },
        });
        for (const key of keys) expect(loneSurrogate.test(key)).toBe(false);
      }),
    );
    const keys = blockingKeys({ id: "x", contact: { name: "가𘷳각𠀀 가각", company: "각𠀀𠀀" } });
    expect(keys.some((k) => loneSurrogate.test(k))).toBe(false);
  });

  it("comparisons never exceed each record's keys times maxBlockSize, and inputs are not mutated", () => {
    fc.assert(
      fc.property(records, fc.integer({ min: 2, max: 6 }), (rs, maxBlockSize) => {
        const frozen = deepFreeze(structuredClone(rs));
        const report = findPossibleDuplicates(frozen, { maxBlockSize });
        const keys = frozen.reduce((sum, r) => sum + blockingKeys(r).length, 0);
        expect(report.comparisons).toBeLessThanOrEqual(keys * (maxBlockSize - 1));
        expect(frozen).toEqual(rs);
      }),
    );
  });

  it("findPossibleDuplicatesOf finds what findPossibleDuplicates pairs with the candidate", () => {
    fc.assert(
      fc.property(records, contact, (rs, c) => {
        const candidate = { id: "new", contact: c };
        const of = findPossibleDuplicatesOf(candidate, rs).map((f) => `${f.id}@${f.score}`);
        const all = findPossibleDuplicates([candidate, ...rs])
          .candidates.filter((p) => p.ids.includes("new"))
          .map((p) => `${p.ids[0] === "new" ? p.ids[1] : p.ids[0]}@${p.score}`);
        expect(of.sort()).toEqual(all.sort());
      }),
    );
  });

  it("a matcher answers as blockingKeys and findPossibleDuplicatesOf do, however its records were edited", () => {
    // The matcher keeps what it read of each record by id; the same records come back round after
    // round with one field edited (an edit, a merge, an erasure), through a memo small enough to evict.
    const field = fc.constantFrom("name", "company", "email", "phone", "website");
    const value = fc.option(
      fc.constantFrom("Ana García", "Luis Lopez", "Acme SL", "ana@acme.es", "612345678"),
      {
        nil: undefined,
      },
    );
    fc.assert(
      fc.property(
        records,
        contact,
        fc.array(fc.array(fc.tuple(fc.nat(11), field, value), { maxLength: 4 }), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.integer({ min: 1, max: 16 }),
        fc.option(fc.nat(11), { nil: undefined }),
        (start, c, rounds, capacity, forgotten) => {
          const options = { minScore: 0.5, maxBlockSize: 4 };
          const matcher = createPossibleDuplicateMatcher(options, capacity);
          const candidate = { id: "new", contact: c };
          const found = (f: { id: string; score: number }) => `${f.id}@${f.score}`;
          let rs = start;
          for (const edits of [[], ...rounds]) {
            rs = rs.map((r, i) => {
              let contact: PossibleDuplicateRecord["contact"] = r.contact;
              for (const [at, key, v] of edits) if (at === i) contact = { ...contact, [key]: v };
              return { ...r, contact };
            });
            expect(matcher.findPossibleDuplicatesOf(candidate, rs).map(found)).toEqual(
              findPossibleDuplicatesOf(candidate, rs, options).map(found),
            );
            for (const r of rs) expect(matcher.blockingKeys(r)).toEqual(blockingKeys(r, options));
            if (forgotten !== undefined) matcher.forget(`r${forgotten}`);
          }
        },
      ),
    );
  });
});
