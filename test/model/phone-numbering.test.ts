import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { describe, expect, it } from "vitest";
import { duplicateKeys, findDuplicates, normalizePhone } from "../../src/model/index.js";

/**
 * One number as people write it: nationally (with the country's calling code as the default) and
 * internationally, each with the E.164 form both must give. Sources, per country:
 *
 * - IT: Wikipedia, "Telephone numbers in Italy": since 1998 the leading 0 of landlines is dialled
 *   from abroad too (+39 06 …); mobiles start with 3.
 * - GB: aa-asterisk.org.uk, "(0)": the trunk 0 is replaced by +44, and "+44 (0)…" is the common
 *   misprint of it.
 * - FR, DE: trunk prefix 0 (libphonenumber metadata, `national_prefix` "0" for FR and DE).
 * - ES, PT: no trunk prefix; national numbers have 9 digits (libphonenumber metadata: no national
 *   prefix, possible length 9).
 * - MX: Mexico News Daily, "No more prefixes as telephone dialing changes now in effect" (3 Aug 2019):
 *   01, 044 and 045 withdrawn, and the 1 after +52 for mobiles no longer required; 10-digit numbers.
 * - AR: Wikipedia, "Argentine telephone numbering plan": trunk 0; a mobile is dialled as
 *   0 + area code + 15 + subscriber, and from abroad as +54 9 + area code + subscriber;
 *   area code + subscriber is 10 digits. Area codes that can precede 15: libphonenumber metadata.
 * - BR: tecnoblog.net, "Os códigos de operadora para ligações de longa distância": 0 + carrier code
 *   (CSP, two digits) + DDD + number; Wikipedia, "Telephone numbers in Brazil": trunk 0, NSN of 10
 *   (landline) or 11 (mobile) digits; 90 replaces 0 for collect calls.
 * - CO: Portafolio, "Indicativos y prefijos telefónicos en Colombia cambian" (2021) and Radio
 *   Nacional, "Cómo marcar de celular a fijo en Colombia" (CRC Resolución 5826): 03 and 0 + carrier
 *   code withdrawn; landlines become 60 + zone + the 7-digit number (10 digits, like mobiles).
 * - CL: gerencia.cl, Subtel's change of 6 Feb 2016: the leading 0 goes, every number has 9 digits.
 * - PE: Wikipedia, "Telephone numbers in Peru": trunk prefix 0; Lima is area code 1; mobiles are
 *   9 digits starting with 9.
 * - US: NANP, trunk prefix 1 (libphonenumber metadata, `national_prefix` "1").
 */
const table: readonly {
  readonly country: string;
  readonly code: string;
  readonly national: readonly string[];
  readonly international: readonly string[];
  readonly e164: string;
}[] = [
  {
    country: "IT",
    code: "39",
    national: ["06 1234 5678"],
    international: ["+39 06 1234 5678", "0039 06 12345678"],
    e164: "+390612345678",
  },
  {
    country: "IT",
    code: "39",
    national: ["312 345 6789"],
    international: ["+39 312 345 6789"],
    e164: "+393123456789",
  },
  {
    country: "GB",
    code: "44",
    national: ["020 7946 0018"],
    international: ["+44 (0)20 7946 0018", "+44 20 7946 0018", "0044 (0) 20 7946 0018"],
    e164: "+442079460018",
  },
  {
    country: "GB",
    code: "44",
    national: ["07700 900123"],
    international: ["+44 7700 900123"],
    e164: "+447700900123",
  },
  {
    country: "FR",
    code: "33",
    national: ["01 23 45 67 89"],
    international: ["+33 (0)1 23 45 67 89", "+33 1 23 45 67 89"],
    e164: "+33123456789",
  },
  {
    country: "DE",
    code: "49",
    national: ["030 123456"],
    international: ["+49 (0)30 123456", "+49 30 123456"],
    e164: "+4930123456",
  },
  {
    country: "ES",
    code: "34",
    national: ["91 123 45 67", "911234567"],
    international: ["+34 911 23 45 67", "0034 91 123 45 67"],
    e164: "+34911234567",
  },
  {
    country: "PT",
    code: "351",
    national: ["212 345 678"],
    international: ["+351 212 345 678"],
    e164: "+351212345678",
  },
  {
    country: "MX",
    code: "52",
    national: ["55 1234 5678", "01 55 1234 5678", "044 55 1234 5678", "045 55 1234 5678"],
    international: ["+52 55 1234 5678", "+52 1 55 1234 5678"],
    e164: "+525512345678",
  },
  {
    country: "MX",
    code: "52",
    national: ["(81) 8123 4567", "01 81 8123 4567"],
    international: ["+52 81 8123 4567"],
    e164: "+528181234567",
  },
  {
    country: "AR",
    code: "54",
    national: ["011 15 1234-5678", "11 15 1234 5678"],
    international: ["+54 9 11 1234 5678", "+54 11 15 1234 5678"],
    e164: "+5491112345678",
  },
  {
    country: "AR",
    code: "54",
    national: ["0223 15 123-4567"],
    international: ["+54 9 223 123 4567", "+54 223 15 123 4567"],
    e164: "+5492231234567",
  },
  {
    country: "AR",
    code: "54",
    national: ["(02966) 15 12-3456"],
    international: ["+54 9 2966 12 3456"],
    e164: "+5492966123456",
  },
  {
    country: "AR",
    code: "54",
    national: ["011 4123-4567"],
    international: ["+54 11 4123 4567"],
    e164: "+541141234567",
  },
  {
    country: "BR",
    code: "55",
    national: [
      "(11) 98765-4321",
      "011 98765-4321",
      "0 21 11 98765-4321",
      "0 15 11 98765-4321",
      "0xx11 98765-4321",
    ],
    international: ["+55 11 98765 4321", "+55 (0)11 98765 4321"],
    e164: "+5511987654321",
  },
  {
    country: "BR",
    code: "55",
    national: ["(21) 2345-6789", "0 41 21 2345-6789"],
    international: ["+55 21 2345 6789"],
    e164: "+552123456789",
  },
  {
    country: "CO",
    code: "57",
    national: ["601 234 5678", "05 1 234 5678", "07 1 234 5678", "0456 1 234 5678"],
    international: ["+57 601 234 5678", "+57 1 234 5678"],
    e164: "+576012345678",
  },
  {
    country: "CO",
    code: "57",
    national: ["310 123 4567", "03 310 123 4567"],
    international: ["+57 310 123 4567"],
    e164: "+573101234567",
  },
  {
    country: "CL",
    code: "56",
    national: ["2 2123 4567", "02 2123 4567"],
    international: ["+56 2 2123 4567"],
    e164: "+56221234567",
  },
  {
    country: "CL",
    code: "56",
    national: ["9 8765 4321", "09 8765 4321"],
    international: ["+56 9 8765 4321"],
    e164: "+56987654321",
  },
  {
    country: "PE",
    code: "51",
    national: ["01 234 5678", "(01) 2345678"],
    international: ["+51 1 234 5678"],
    e164: "+5112345678",
  },
  {
    country: "PE",
    code: "51",
    national: ["912 345 678"],
    international: ["+51 912 345 678"],
    e164: "+51912345678",
  },
  {
    country: "US",
    code: "1",
    national: ["(415) 555-2671", "1 (415) 555-2671", "415.555.2671"],
    international: ["+1 415 555 2671", "001 415 555 2671"],
    e164: "+14155552671",
  },
];

describe("phone numbering rules", () => {
  it("covers the countries of the generator and the docs", () => {
    const countries = new Set(table.map((row) => row.country));
    for (const c of ["ES", "MX", "AR", "CO", "CL", "PE", "US", "GB", "FR", "DE", "IT", "PT", "BR"])
      expect(countries.has(c)).toBe(true);
  });

  for (const row of table) {
    it(`${row.country}: ${row.national[0]} and its other forms are ${row.e164}`, () => {
      for (const written of row.national)
        expect(normalizePhone(written, { defaultCountryCode: row.code })).toBe(row.e164);
      for (const written of row.international) {
        expect(normalizePhone(written)).toBe(row.e164);
        // A default country never changes a number written with its calling code.
        expect(normalizePhone(written, { defaultCountryCode: "34" })).toBe(row.e164);
      }
      expect(normalizePhone(row.e164)).toBe(row.e164);
    });
  }

  it("libphonenumber agrees wherever it reads the current forms (the old forms are ours alone)", () => {
    const withdrawn = /^(0[1245]|044|045|0[3579]|0456|0 \d\d |0xx|\+52 1 |\+57 1 |02 |09 )/;
    let compared = 0;
    for (const row of table)
      for (const written of [...row.national, ...row.international]) {
        if (withdrawn.test(written)) continue;
        const parsed = parsePhoneNumberFromString(written, row.country as "ES");
        if (parsed?.isValid() !== true) continue;
        expect(parsed.number, written).toBe(row.e164);
        compared++;
      }
    expect(compared).toBeGreaterThan(35);
  });

  it("keeps the digits of calling codes it has no rules for, and a national number without a country", () => {
    expect(normalizePhone("+353 (0)1 234 5678")).toBe("+353012345678");
    expect(normalizePhone("020 7946 0018")).toBe("02079460018");
    // A calling code without rules drops one trunk 0 from a national number, as before.
    expect(normalizePhone("01 234 5678", { defaultCountryCode: "353" })).toBe("+35312345678");
  });

  it("turns a number that is only a trunk prefix into no number", () => {
    expect(normalizePhone("+44 (0) 000")).toBeNull();
    expect(normalizePhone("+4400000")).toBeNull();
  });

  it("makes the national and international forms one duplicate key", () => {
    const records = [
      { id: "national", contact: { phone: "06 1234 5678" } },
      { id: "international", contact: { phone: "+39 06 1234 5678" } },
      { id: "uk-national", contact: { phone: "020 7946 0018" } },
      { id: "uk-international", contact: { phone: "+44 (0)20 7946 0018" } },
    ];
    const it = findDuplicates(records.slice(0, 2), { phone: { defaultCountryCode: "39" } });
    expect(it.groups.map((g) => g.ids)).toEqual([["national", "international"]]);
    const uk = findDuplicates(records.slice(2), { phone: { defaultCountryCode: "44" } });
    expect(uk.groups.map((g) => g.ids)).toEqual([["uk-national", "uk-international"]]);
  });
});

describe("the libphonenumber recipe (docs/how-to/normalise-phones.md)", () => {
  // The recipe as documented: libphonenumber for every country, the contact's own country first,
  // and the built-in rules when libphonenumber cannot read the number.
  const normalizePhoneWithLibphonenumber = (
    raw: string,
    contact: { readonly country?: string | undefined },
  ) =>
    parsePhoneNumberFromString(raw, { defaultCountry: (contact.country ?? "ES") as "ES", extract: false })
      ?.number ?? normalizePhone(raw, { defaultCountryCode: "34" });

  it("gives keys for countries the built-in rules do not know", () => {
    const keys = duplicateKeys(
      { id: "l1", contact: { phone: "(03) 9123 4567", country: "AU" } },
      { normalizePhone: normalizePhoneWithLibphonenumber },
    );
    expect(keys).toEqual([{ kind: "phone", value: "+61391234567" }]);
  });

  it("finds the national and international forms of one number as duplicates", () => {
    const { groups } = findDuplicates(
      [
        { id: "a", contact: { phone: "(03) 9123 4567", country: "AU" } },
        { id: "b", contact: { phone: "+61 3 9123 4567" } },
        { id: "c", contact: { phone: "06 1234 5678", country: "IT" } },
        { id: "d", contact: { phone: "+39 06 1234 5678" } },
      ],
      { normalizePhone: normalizePhoneWithLibphonenumber },
    );
    expect(groups.map((g) => g.ids)).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
  });

  it("a normaliser that answers nothing usable gives no key", () => {
    expect(duplicateKeys({ id: "x", contact: { phone: "123456" } }, { normalizePhone: () => "" })).toEqual(
      [],
    );
    expect(duplicateKeys({ id: "x", contact: { phone: "123456" } }, { normalizePhone: () => null })).toEqual(
      [],
    );
  });
});
