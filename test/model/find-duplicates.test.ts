import { describe, expect, it } from "vitest";
import { duplicateKeys, findDuplicates, findDuplicatesOf } from "../../src/model/index.js";

const record = (id: string, contact: { email?: string; phone?: string; website?: string }) => ({
  id,
  contact,
});

describe("findDuplicates", () => {
  it("groups records by normalised email, company domain and phone, saying which key matched", () => {
    const { groups, ignored } = findDuplicates([
      record("a", { email: "Ana@Acme.es", phone: "+34 911 234 567" }),
      record("b", { email: " ana@acme.es" }),
      record("c", { email: "luis@acme.es" }),
      record("d", { phone: "0034911234567" }),
      record("e", { email: "solo@other.example" }),
    ]);
    expect(ignored).toEqual([]);
    expect(groups).toEqual(
      expect.arrayContaining([
        { key: { kind: "email", value: "ana@acme.es" }, ids: ["a", "b"] },
        { key: { kind: "company_domain", value: "acme.es" }, ids: ["a", "b", "c"] },
        { key: { kind: "phone", value: "+34911234567" }, ids: ["a", "d"] },
      ]),
    );
    expect(groups).toHaveLength(3);
  });

  it("never matches on a free-mail domain", () => {
    const { groups } = findDuplicates([
      record("a", { email: "x@gmail.com" }),
      record("b", { email: "y@gmail.com" }),
    ]);
    expect(groups).toEqual([]);
  });

  it("ignores a key shared by 21 or more records, as Odoo does, and reports it", () => {
    const many = Array.from({ length: 21 }, (_, i) => record(`r${i}`, { email: `p${i}@bigcorp.example` }));
    const { groups, ignored } = findDuplicates(many);
    expect(groups).toEqual([]);
    expect(ignored).toEqual([{ key: { kind: "company_domain", value: "bigcorp.example" }, count: 21 }]);
    expect(findDuplicates(many.slice(0, 20)).groups).toHaveLength(1);
  });

  it("can be limited to some criteria", () => {
    expect(
      duplicateKeys(record("a", { email: "ana@acme.es", phone: "+34911234567" }), { kinds: ["phone"] }),
    ).toEqual([{ kind: "phone", value: "+34911234567" }]);
  });
});

describe("findDuplicatesOf", () => {
  it("finds the existing records a new one duplicates, most keys first", () => {
    const existing = [
      record("x", { email: "luis@acme.es" }),
      record("y", { email: "ana@acme.es", phone: "911 23 45 67" }),
      record("z", { email: "z@elsewhere.example" }),
    ];
    const hits = findDuplicatesOf(
      record("new", { email: "ANA@acme.es", phone: "+34 911 23 45 67" }),
      existing,
      {
        phone: { defaultCountryCode: "34" },
      },
    );
    expect(hits.map((h) => h.id)).toEqual(["y", "x"]);
    expect(hits[0]?.keys.map((k) => k.kind)).toEqual(["email", "company_domain", "phone"]);
  });

  it("skips the candidate itself and too-common keys", () => {
    const crowd = Array.from({ length: 25 }, (_, i) => record(`r${i}`, { email: `p${i}@bigcorp.example` }));
    expect(findDuplicatesOf(record("r0", { email: "p0@bigcorp.example" }), crowd)).toEqual([]);
  });
});
