/**
 * National numbering rules: how the digits a person writes become a national significant number
 * (NSN), the part after the country calling code in E.164. Each rule is two pure functions over a
 * string of digits, written as scans and bounded slices so every call is linear in its input:
 * `prefixes` removes what is dialled only inside the country (trunk prefixes, carrier codes), and
 * `nsn` brings the rest to its canonical form. `nsn` is idempotent and is all that applies after
 * the calling code, so a normalised number normalises to itself.
 *
 * The sources for each country are cited in test/model/phone-numbering.test.ts beside its cases.
 */

/** How one country's numbers are written. */
interface NumberingRule {
  /** Removes national-only prefixes from a number written nationally. */
  readonly prefixes: (digits: string) => string;
  /** The canonical NSN; idempotent. */
  readonly nsn: (digits: string) => string;
}

const same = (digits: string): string => digits;

/** Drops every leading 0: for countries whose national numbers never start with 0. */
function dropZeros(digits: string): string {
  let i = 0;
  while (i < digits.length && digits.charCodeAt(i) === 48) i++;
  return i === 0 ? digits : digits.slice(i);
}

/**
 * Trunk prefix 0, numbers never starting with 0: the United Kingdom, France, Germany, Peru, Chile
 * (whose 0 was withdrawn in 2016 but survives in address books). A 0 written after the calling code,
 * as in "+44 (0)20…", is the trunk prefix too.
 */
const trunkZero: NumberingRule = { prefixes: same, nsn: dropZeros };

/** Spain and Portugal have no trunk prefix and no number starting with 0: a stray 0 is dropped. */
const noTrunk: NumberingRule = trunkZero;

/** Italy dials the leading 0 of landlines from everywhere: it is part of the number. */
const italy: NumberingRule = { prefixes: same, nsn: same };

/**
 * Area codes of Argentina that can precede the mobile prefix 15 (2 to 4 digits), as libphonenumber's
 * metadata lists them (`nationalPrefixForParsing` of AR). Anchored and free of nested repetition, and
 * only ever run on six digits, so it costs constant time.
 */
const argentineAreaThen15 =
  /^(11|2(?:2(?:02?|[13]|2[13-79]|4[1-6]|5[2457]|6[124-8]|7[1-4]|8[13-6]|9[1267])|3(?:02?|1[467]|2[03-6]|3[13-8]|[49][2-6]|5[2-8]|[67])|4(?:7[3-578]|9)|6(?:[0136]|2[24-6]|4[6-8]?|5[15-8])|80|9(?:0[1-3]|[19]|2\d|3[1-6]|4[02568]?|5[2-4]|6[2-46]|72?|8[23]?))|3(?:3(?:2[79]|6|8[2578])|4(?:0[0-24-9]|[12]|3[5-8]?|4[24-7]|5[4-68]?|6[02-9]|7[126]|8[2379]?|9[1-36-8])|5(?:1|2[1245]|3[237]?|4[1-46-9]|6[2-4]|7[1-6]|8[2-5]?)|6[24]|7(?:[069]|1[1568]|2[15]|3[145]|4[13]|5[14-8]|7[2-57]|8[126])|8(?:[01]|2[15-7]|3[2578]?|4[13-6]|5[4-8]?|6[1-357-9]|7[36-8]?|8[5-8]?|9[124])))15/;

/**
 * Argentina: trunk 0. A mobile is written nationally as area code, 15, subscriber (12 digits); in
 * E.164 the 15 goes and a 9 comes before the area code (+54 9 11 …). Area code and subscriber
 * together are always 10 digits, which tells a 15 that is the mobile prefix from digits of a number.
 */
const argentina: NumberingRule = {
  prefixes: same,
  nsn: (digits) => {
    const nsn = dropZeros(digits);
    if (nsn.length !== 12) return nsn;
    const area = argentineAreaThen15.exec(nsn.slice(0, 6))?.[1];
    return area === undefined ? nsn : `9${area}${nsn.slice(area.length + 2)}`;
  },
};

/**
 * Brazil: trunk 0 and, for long distance, a two-digit carrier selection code (CSP) before the area
 * code; collect calls dial 90 instead of 0. Area code + number is 10 or 11 digits, so 12 or 13 digits
 * after the trunk prefix carry a CSP.
 */
const brazil: NumberingRule = {
  prefixes: (digits) => {
    let rest: string;
    if (digits.startsWith("90") && (digits.length === 14 || digits.length === 15)) rest = digits.slice(2);
    else if (digits.startsWith("0")) rest = dropZeros(digits);
    else return digits;
    return rest.length === 12 || rest.length === 13 ? rest.slice(2) : rest;
  },
  nsn: dropZeros,
};

/**
 * Colombia: before September 2021 a long-distance call was 0 + a carrier code (3, 5, 7, 9, 414, 444
 * or 456) + a one-digit zone + a 7-digit number, and a mobile called from a landline took 03. Since
 * then a landline is 60 + zone + number, 10 digits like a mobile: an 8-digit zone + number (zones 1
 * to 8) gets its 60, so the old and the new form of one line compare equal.
 */
const colombianCarriers = ["414", "444", "456", "3", "5", "7", "9"] as const;
const colombia: NumberingRule = {
  prefixes: (digits) => {
    if (!digits.startsWith("0")) return digits;
    const after = digits.slice(1);
    const carrier = colombianCarriers.find(
      (c) => after.startsWith(c) && (after.length - c.length === 8 || after.length - c.length === 10),
    );
    return carrier === undefined ? after : after.slice(carrier.length);
  },
  nsn: (digits) => {
    const nsn = dropZeros(digits);
    const zone = nsn.charCodeAt(0);
    return nsn.length === 8 && zone >= 49 && zone <= 56 ? `60${nsn}` : nsn;
  },
};

/**
 * Mexico: since August 2019 every number is 10 digits; the national prefixes 01 and 02 (long
 * distance) and 044 and 045 (a mobile called from a landline), and the 1 after +52 for mobiles, were
 * withdrawn.
 */
const mexico: NumberingRule = {
  prefixes: (digits) => {
    if (digits.length === 13 && (digits.startsWith("044") || digits.startsWith("045")))
      return digits.slice(3);
    if (digits.length === 12 && (digits.startsWith("01") || digits.startsWith("02"))) return digits.slice(2);
    return digits;
  },
  nsn: (digits) => {
    const nsn = dropZeros(digits);
    return nsn.length === 11 && nsn.startsWith("1") ? dropZeros(nsn.slice(1)) : nsn;
  },
};

/** The North American Numbering Plan (US, Canada…): trunk prefix 1 before the 10-digit number. */
const nanp: NumberingRule = {
  prefixes: (digits) => (digits.length === 11 && digits.startsWith("1") ? digits.slice(1) : digits),
  nsn: same,
};

/**
 * The rules by calling code. Calling codes are prefix-free (ITU-T E.164), so at most one matches the
 * start of an international number.
 */
const RULES: ReadonlyMap<string, NumberingRule> = /* @__PURE__ */ new Map([
  ["1", nanp],
  ["33", trunkZero],
  ["34", noTrunk],
  ["39", italy],
  ["44", trunkZero],
  ["49", trunkZero],
  ["51", trunkZero],
  ["52", mexico],
  ["54", argentina],
  ["55", brazil],
  ["56", trunkZero],
  ["57", colombia],
  ["351", noTrunk],
]);

/**
 * The E.164 digits (calling code + NSN) of the digits written after "+" or "00". Calling codes
 * without rules keep their digits as written.
 */
export function internationalDigits(digits: string): string {
  for (let length = 1; length <= 3 && length < digits.length; length++) {
    const code = digits.slice(0, length);
    const rule = RULES.get(code);
    if (rule !== undefined) return `${code}${rule.nsn(digits.slice(length))}`;
  }
  return digits;
}

/**
 * The E.164 digits of a number written nationally in the country of `callingCode`. A calling code
 * without rules drops one leading 0, the trunk prefix of most countries.
 */
export function nationalDigits(digits: string, callingCode: string): string {
  const rule = RULES.get(callingCode);
  const nsn = rule === undefined ? digits.replace(/^0/, "") : rule.nsn(rule.prefixes(digits));
  return `${callingCode}${nsn}`;
}
