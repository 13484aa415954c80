import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  emailDomain,
  FREE_MAIL_DOMAINS,
  isFreeMailDomain,
  isNormalizableEmail,
  isNormalizablePhone,
  isPersonalEmail,
  type Lead,
  mergeLeads,
  normalizeEmail,
  normalizePhone,
  safeParseContact,
  safeParseInteraction,
  safeParseLead,
} from "../../src/model/index.js";
import { generateLeads } from "../../src/testing/index.js";
import { deepFreeze } from "../support/deep-freeze.js";

const pool = generateLeads({ seed: 11, count: 300 });

describe("model laws", () => {
  it("safeParse never throws on any JSON value, and failures carry paths into the input", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        for (const parse of [safeParseLead, safeParseContact, safeParseInteraction]) {
          const result = parse(value);
          if (!result.ok) {
            expect(result.issues.length).toBeGreaterThan(0);
            for (const i of result.issues) expect(Array.isArray(i.path)).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("safeParse never throws on a lead with any field replaced by any JSON value", () => {
    const keys = Object.keys(pool[0] as object);
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.jsonValue(), (key, value) => {
        const mutated = { ...JSON.parse(JSON.stringify(pool[0])), [key]: value };
        safeParseLead(mutated);
      }),
      { numRuns: 300 },
    );
  });

  it("every generated lead is valid and survives a JSON round trip", () => {
    for (const lead of pool) {
      const again = safeParseLead(JSON.parse(JSON.stringify(lead)));
      expect(again.ok && again.value).toEqual(lead);
    }
  });

  it("merging never drops an interaction, a consent, a tag, a note or a holder, and never mutates its input", () => {
    const leadsArb = fc
      .uniqueArray(fc.integer({ min: 0, max: pool.length - 1 }), { minLength: 2, maxLength: 5 })
      .map((indices) => indices.map((i) => pool[i] as Lead));
    fc.assert(
      fc.property(leadsArb, (leads) => {
        const snapshot = structuredClone(leads);
        const result = mergeLeads(deepFreeze(leads), { now: new Date("2027-01-01T00:00:00Z") });
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const merged = result.value.lead;
        const ids = new Set(merged.interactions.map((i) => i.id));
        for (const lead of leads) {
          for (const i of lead.interactions) expect(ids.has(i.id)).toBe(true);
          for (const c of lead.contact.consents) expect(merged.contact.consents).toContainEqual(c);
          for (const t of lead.tags) expect(merged.tags).toContain(t);
          for (const n of lead.notes) expect(merged.notes).toContainEqual(n);
        }
        const holders = new Set([
          merged.owner,
          merged.generatedBy,
          ...merged.collaborators.map((c) => c.userId),
        ]);
        for (const lead of leads) {
          if (lead.owner !== null) expect(holders.has(lead.owner)).toBe(true);
          if (lead.generatedBy !== null) expect(holders.has(lead.generatedBy)).toBe(true);
        }
        expect(leads).toEqual(snapshot);
        expect(safeParseLead(JSON.parse(JSON.stringify(merged))).ok).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it("normalisation is idempotent", () => {
    fc.assert(
      fc.property(fc.emailAddress(), fc.string(), (email, phone) => {
        const once = normalizeEmail(email);
        if (once !== null) expect(normalizeEmail(once)).toBe(once);
        const p = normalizePhone(phone);
        if (p !== null) expect(normalizePhone(p)).toBe(p);
      }),
    );
  });

  it("isPersonalEmail's shortcut says what the normalised domain says", () => {
    // Addresses built to sit on the shortcut's edges: spaces, several "@", case, "www.", trailing
    // dots and whitespace, empty parts, free-mail and company hosts.
    const piece = fc.constantFrom("", " ", "\u00a0", "\n", "@", ".", "a", "Ana", "x y", "ñ");
    const host = fc.constantFrom(...[...FREE_MAIL_DOMAINS].slice(0, 12), "acme.es", "gmail", "com", "");
    const address = fc
      .tuple(
        fc.array(piece, { maxLength: 4 }),
        fc.boolean(),
        fc.boolean(),
        host,
        fc.array(piece, { maxLength: 3 }),
      )
      .map(([local, at, www, domain, tail]) => {
        const d = www ? `www.${domain}` : domain;
        return `${local.join("")}${at ? "@" : ""}${d}${tail.join("")}`;
      });
    fc.assert(
      fc.property(
        fc.oneof(
          address,
          address.map((a) => a.toUpperCase()),
          fc.emailAddress(),
          fc.string(),
        ),
        (email) => {
          const domain = emailDomain(email);
          expect(isPersonalEmail(email)).toBe(domain !== null && isFreeMailDomain(domain));
        },
      ),
      { numRuns: 2000 },
    );
    expect(isPersonalEmail(undefined)).toBe(false);
  });

  it("isNormalizableEmail says whether normalizeEmail accepts the address, whatever its case, spaces or dots", () => {
    // Pieces on the edges of the shape: "@" and "." next to each other and to the ends, every kind
    // of whitespace trim and \s know, and the characters lowercasing changes (İ lengthens, K is Kelvin).
    const piece = fc.constantFrom(
      "",
      " ",
      "\u00a0",
      "\n",
      "\t",
      "\u2028",
      "\ufeff",
      "\u3000",
      "@",
      ".",
      "..",
      "a",
      "Ab",
      "x y",
      "ñ",
      "\u0130",
      "\u212a",
      "\u00df",
      "\ud800",
      "com",
    );
    const parts = (max: number) => fc.array(piece, { maxLength: max }).map((p) => p.join(""));
    const loose = parts(9);
    // local @ domain . tld, each part and the ends built from pieces: near-addresses.
    const shaped = fc
      .tuple(parts(3), parts(2), parts(3), parts(2), parts(3), parts(3))
      .map(([head, local, domain, tld, tail, end]) => `${head}${local}@${domain}.${tld}${tail}${end}`);
    fc.assert(
      fc.property(
        fc.oneof(
          loose,
          shaped,
          shaped.map((a) => a.toUpperCase()),
          fc.emailAddress(),
          fc.string({ unit: "grapheme" }),
        ),
        (email) => {
          expect(isNormalizableEmail(email)).toBe(normalizeEmail(email) !== null);
        },
      ),
      { numRuns: 5000 },
    );
    expect(isNormalizableEmail(undefined)).toBe(false);
    expect(isNormalizableEmail(null)).toBe(false);
  });

  it("isNormalizablePhone says whether normalizePhone accepts the number, whatever its prefixes and zeros", () => {
    // Digits heavy in zeros and in the calling codes with rules (1, 52, 54, 55, 57…), "+" and "00",
    // separators, whitespace of every kind and extensions.
    const piece = fc.constantFrom(
      "",
      " ",
      "\u00a0",
      "\u2028",
      "\t",
      "+",
      "00",
      "0",
      "000",
      "1",
      "15",
      "52",
      "54",
      "55",
      "57",
      "11",
      "9",
      "4",
      "-",
      "(0)",
      ".",
      "ext. 12",
      " x3",
      "#7",
      "a",
    );
    const number = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(""));
    // "+" or "00", a calling code with rules, then a body near the lengths the rules look for.
    const international = fc
      .tuple(
        fc.constantFrom("+", "00", " +", "00 "),
        fc.constantFrom("1", "33", "34", "39", "52", "54", "55", "57", "351", "7"),
        fc.array(fc.constantFrom("0", "000", "1", "15", "9", "12", "3", " "), { maxLength: 9 }),
      )
      .map(([prefix, code, body]) => `${prefix}${code}${body.join("")}`);
    fc.assert(
      fc.property(
        fc.oneof(number, international, fc.stringMatching(/^[+0-9 ()-]{0,18}$/), fc.string()),
        (phone) => {
          expect(isNormalizablePhone(phone)).toBe(normalizePhone(phone) !== null);
        },
      ),
      { numRuns: 5000 },
    );
    // Mexico's withdrawn 1 before zeros: six digits other than 0, five left.
    expect(isNormalizablePhone("+52 1 0000000 123")).toBe(false);
    expect(isNormalizablePhone(undefined)).toBe(false);
    expect(isNormalizablePhone(null)).toBe(false);
  });

  it("email and phone normalisation answer as the regular expressions they replace did", () => {
    // The old expressions, kept here as the specification: they gave the same answers in
    // quadratic time, the scans give them in linear time.
    const emailShape = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
    const oldEmail = (email: string) => {
      const trimmed = email.trim().toLowerCase().replace(/\.$/, "");
      return emailShape.test(trimmed) ? trimmed : null;
    };
    const oldPhoneBody = (phone: string) =>
      (phone.split(/\s*(?:ext\.?|x|#)\s*\d+\s*$/i)[0] ?? "").trim().replace(/\D/g, "");
    const piece = fc.constantFrom(
      "",
      " ",
      "\u00a0",
      "\t",
      "@",
      ".",
      "a",
      "Z",
      "1",
      "07",
      "x",
      "X",
      "ext",
      "EXT.",
      "#",
      "+",
      "00",
      "-",
      "(",
    );
    const text = fc.oneof(
      fc.array(piece, { maxLength: 12 }).map((p) => p.join("")),
      fc.string(),
      fc.emailAddress(),
    );
    fc.assert(
      fc.property(text, (value) => {
        expect(normalizeEmail(value)).toBe(oldEmail(value));
        const old = oldPhoneBody(value);
        const trimmed = value.trim();
        const expected = trimmed.startsWith("00") ? old.slice(2) : old;
        // The extension is cut where the old expression cut it, so the digits agree; a number
        // written with its calling code then gets its country's numbering rules, which act on those
        // digits alone.
        const international = trimmed.startsWith("+") || trimmed.startsWith("00");
        if (expected.length < 6) expect(normalizePhone(value)).toBeNull();
        else if (international) expect(normalizePhone(value)).toBe(normalizePhone(`+${expected}`));
        else expect(normalizePhone(value)).toBe(expected);
      }),
      { numRuns: 5000 },
    );
  });

  it("every attribute, data and score key round-trips through parse and JSON as plain data", () => {
    const key = fc.oneof(
      fc.constantFrom(
        "__proto__",
        "constructor",
        "toString",
        "valueOf",
        "hasOwnProperty",
        "__defineGetter__",
      ),
      fc.string({ minLength: 1, maxLength: 12 }),
    );
    const scalar = fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean(), fc.constant(null));
    const entries = fc.uniqueArray(fc.tuple(key, scalar), { selector: ([k]) => k, maxLength: 8 });
    // Built as JSON text, as a request body arrives: JSON.parse keeps "__proto__" as an own key.
    const record = (pairs: readonly (readonly [string, unknown])[]) =>
      `{${pairs.map(([k, x]) => `${JSON.stringify(k)}:${JSON.stringify(x)}`).join(",")}}`;
    const base = JSON.parse(JSON.stringify(pool[0])) as Record<string, unknown>;
    fc.assert(
      fc.property(entries, entries, (attributes, data) => {
        const scores = attributes.map(
          ([k], i) => [k, { value: i % 101, at: "2026-01-01T00:00:00Z" }] as const,
        );
        // Function replacements: a "$&" in generated text must not be read as a replacement pattern.
        // Placeholders longer than any generated key, filled in last-first, so no key can be taken
        // for one.
        const contact = JSON.stringify({
          ...(base["contact"] as object),
          attributes: "<<attributes placeholder>>",
        }).replace('"<<attributes placeholder>>"', () => record(attributes));
        const interaction = `[{"id":"i1","type":"email_open","at":"2026-01-01T00:00:00Z","initiator":{"kind":"contact"},"data":${record(data)}}]`;
        const text = JSON.stringify({
          ...base,
          scores: "<<scores placeholder>>",
          interactions: "<<interactions placeholder>>",
          contact: "<<contact placeholder>>",
        })
          .replace('"<<scores placeholder>>"', () => record(scores))
          .replace('"<<interactions placeholder>>"', () => interaction)
          .replace('"<<contact placeholder>>"', () => contact);
        const parsed = safeParseLead(JSON.parse(text));
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        const lead = parsed.value;
        const own = (o: object) =>
          Object.keys(o).map((k) => [k, Object.getOwnPropertyDescriptor(o, k)?.value]);
        expect(own(lead.contact.attributes)).toEqual(own(JSON.parse(record(attributes))));
        expect(own(lead.interactions[0]?.data ?? {})).toEqual(own(JSON.parse(record(data))));
        expect(Object.keys(lead.scores)).toEqual(Object.keys(JSON.parse(record(scores))));
        for (const o of [lead.contact.attributes, lead.scores])
          expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
        const again = safeParseLead(JSON.parse(JSON.stringify(lead)));
        expect(again.ok && own(again.value.contact.attributes)).toEqual(own(lead.contact.attributes));
      }),
      { numRuns: 300 },
    );
  });
});
