import { describe, expect, it } from "vitest";
import {
  blockingKeys,
  findDuplicates,
  findPossibleDuplicates,
  findPossibleDuplicatesOf,
  type PossibleDuplicateRecord,
} from "../../src/model/index.js";
import { generateNearDuplicateSet, precisionRecall } from "../support/near-duplicates.js";

const r = (id: string, contact: PossibleDuplicateRecord["contact"]): PossibleDuplicateRecord => ({
  id,
  contact,
});

const pairs = (records: readonly PossibleDuplicateRecord[], options = {}) =>
  findPossibleDuplicates(records, options).candidates.map((c) => c.ids.join("|"));

describe("findPossibleDuplicates", () => {
  it("pairs one person written with accents, case, word order and another legal form", () => {
    const { candidates } = findPossibleDuplicates([
      r("a", { name: "Ana García López", company: "Acme Soluciones S.L." }),
      r("b", { name: "GARCIA LOPEZ, ANA", company: "ACME SOLUCIONES SL" }),
      r("c", { name: "Luis Romero", company: "Acme Soluciones S.L." }),
    ]);
    expect(candidates).toHaveLength(1);
    expect(candidates[0]?.ids).toEqual(["a", "b"]);
    expect(candidates[0]?.reasons.map((x) => x.kind)).toEqual(["similar_company", "similar_name"]);
    expect(candidates[0]?.score).toBeGreaterThan(0.9);
  });

  it("forgives a typo and a dropped second surname, not a different surname", () => {
    expect(
      pairs([
        r("a", { name: "Pablo Fuentes Cruz", company: "Granito Consultores S.L." }),
        r("b", { name: "Pablo Fuetnes", company: "Granito Consultores" }),
        r("c", { name: "Pablo Herrero", company: "Granito Consultores S.L." }),
      ]),
    ).toEqual(["a|b"]);
    // Guerrero and Herrero are alike as strings (Jaro-Winkler 0.87) but are two surnames.
    expect(
      pairs([
        r("a", { name: "Teresa Guerrero", company: "Vértice Systems Ltd" }),
        r("b", { name: "Teresa Pérez Herrero", company: "Vértice Systems Inc." }),
      ]),
    ).toEqual([]);
  });

  it("finds the same person at another domain by a distinctive mailbox name, not by a role or the name alone", () => {
    const found = findPossibleDuplicates([
      r("a", { name: "Carmen Vega", company: "Rumbo SL", email: "carmenvega4@rumbo.example" }),
      r("b", { name: "Carmen Vega", company: "Umbral SL", email: "carmenvega4@umbral.example" }),
      r("c", { name: "Carmen Vega", company: "Norte SA", email: "info@norte.example" }),
      r("d", { name: "Carmen Vega", company: "Delta SA", email: "info@delta.example" }),
    ]).candidates;
    expect(found.map((c) => c.ids.join("|"))).toEqual(["a|b"]);
    expect(found[0]?.reasons.map((x) => x.kind)).toContain("same_email_local_part");
    // A mailbox spelt from the name is what any namesake would have: on its own it is not enough.
    expect(
      pairs([
        r("a", { name: "Laura Martínez", company: "Vértice SL", email: "laura.martinez@vertice.example" }),
        r("b", {
          name: "Laura Martínez",
          company: "Tramontana SA",
          email: "laura.martinez@tramontana.example",
        }),
      ]),
    ).toEqual([]);
  });

  it("reports address and number typos, and one number written two ways", () => {
    const found = findPossibleDuplicates(
      [
        r("a", { name: "Olga Müller", company: "Koru GmbH", email: "olga.muller@korulogistica.example" }),
        r("b", { name: "Olga Muller", company: "Koru Gmbh", email: "olga.muller@kroulogistica.example" }),
        r("c", { name: "Hugo Medina", phone: "+34 612 345 678" }),
        r("d", { name: "Hugo Medina", phone: "+34 612 345 679" }),
        r("e", { name: "Irene Sanz", phone: "0044 20 7946 0018" }),
        r("f", { name: "Irene Sanz", phone: "020 7946 0018" }),
      ],
      { phone: { defaultCountryCode: "34" } },
    ).candidates;
    const reasons = new Map(found.map((c) => [c.ids.join("|"), c.reasons.map((x) => x.kind)]));
    expect(reasons.get("a|b")).toContain("email_near_miss");
    expect(reasons.get("c|d")).toContain("phone_near_miss");
    expect(reasons.get("e|f")).toContain("phone_near_miss");
    for (const c of found)
      for (const reason of c.reasons) expect(JSON.stringify(reason)).not.toMatch(/olga|medina|612/i);
  });

  it("leaves exact duplicates to findDuplicates", () => {
    const records = [
      r("a", { name: "Ana García", company: "Acme SL", email: "ana@acme.es" }),
      r("b", { name: "Ana Garcia", company: "ACME S.L.", email: "ANA@acme.es" }),
    ];
    expect(pairs(records)).toEqual([]);
    expect(findDuplicates(records).groups.some((g) => g.key.kind === "email")).toBe(true);
  });

  it("skips a block larger than maxBlockSize and counts it", () => {
    const records = Array.from({ length: 30 }, (_, i) =>
      r(`l${i}`, { name: "María García", company: "Acme SL", phone: `+34 6${String(i).padStart(8, "0")}` }),
    );
    const small = findPossibleDuplicates(records, { maxBlockSize: 10 });
    expect(small.skippedBlocks).toBeGreaterThan(0);
    expect(small.comparisons).toBe(0);
    const large = findPossibleDuplicates(records, { maxBlockSize: 30 });
    expect(large.comparisons).toBe((30 * 29) / 2);
  });

  it("ignores fields that are not strings and never pairs a record with itself", () => {
    const hostile = [
      r("a", { name: 42 as unknown as string, company: { toString: null } as unknown as string }),
      r("a", { name: "Ana García", company: "Acme" }),
      r("a", { name: "Ana García", company: "Acme" }),
      r("__proto__", { name: "constructor", company: "__proto__" }),
      r("x", { name: "constructor", company: "__proto__" }),
    ];
    expect(() => findPossibleDuplicates(hostile)).not.toThrow();
    expect(pairs(hostile).some((p) => p === "a|a")).toBe(false);
  });
});

describe("findPossibleDuplicatesOf and blockingKeys", () => {
  const existing = [
    r("l1", { name: "Ana García", company: "Acme Soluciones S.L." }),
    r("l2", { name: "Luis Romero", company: "Nimbus SA" }),
    r("l3", { name: "Ana Garcia", company: "Otra Empresa SL", email: "anagarcia77@gmail.com" }),
  ];

  it("finds the candidates of a new record as findPossibleDuplicates pairs them", () => {
    const candidate = r("new", {
      name: "ana garcía",
      company: "ACME SOLUCIONES SL",
      email: "anagarcia77@acme.example",
    });
    const found = findPossibleDuplicatesOf(candidate, existing);
    expect(found.map((f) => f.id)).toEqual(["l1", "l3"]);
    const all = findPossibleDuplicates([candidate, ...existing]).candidates.filter((c) =>
      c.ids.includes("new"),
    );
    expect(found.map((f) => f.score)).toEqual(all.map((c) => c.score));
  });

  it("gives short keys that two writings of one person share", () => {
    const a = blockingKeys(r("a", { name: "Ana García", company: "Acme S.L." }));
    const b = blockingKeys(r("b", { name: "García, Ana", company: "ACME SL" }));
    expect(a.some((k) => b.includes(k))).toBe(true);
    expect(blockingKeys(r("c", {}))).toEqual([]);
  });
});

describe("measured on generated near-duplicates", () => {
  // Quality, not speed: these figures are what docs/performance.md reports.
  it.each([1, 2, 3])("seed %i: precision ≥ 0.93 and recall ≥ 0.83 at the default score", (seed) => {
    const set = generateNearDuplicateSet({ seed, people: 3000 });
    const report = findPossibleDuplicates(set.records);
    // A planted pair that an exact key joins is findDuplicates' to report: it leaves the truth.
    const joined = new Set<string>();
    for (const g of findDuplicates(set.records, { kinds: ["email", "phone"], maxGroupSize: 1000 }).groups)
      for (const a of g.ids) for (const b of g.ids) if (a < b) joined.add(`${a}|${b}`);
    const truth = new Set([...set.truth].filter((pair) => !joined.has(pair)));
    const { precision, recall } = precisionRecall(
      report.candidates.map((c) => c.ids),
      truth,
    );
    expect(precision).toBeGreaterThanOrEqual(0.93);
    expect(recall).toBeGreaterThanOrEqual(0.83);
    // Bounded: no record is compared with more than (its keys × maxBlockSize) others.
    expect(report.comparisons).toBeLessThan(set.records.length * 20);
  });
});
