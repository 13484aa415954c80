import { describe, expect, it } from "vitest";
import {
  type Consent,
  checkContactPermission,
  consentSchema,
  decideConsent,
  parseContact,
} from "../../src/model/index.js";

const day = (d: number) => new Date(Date.UTC(2026, 0, d, 9));
const grant = (over: Partial<Consent> = {}): Consent => ({
  purpose: "newsletter",
  status: "granted",
  at: day(5),
  source: "ebook form",
  basis: "consent",
  channel: "email",
  proof: { form: "ebook-download", page: "https://acme.example/ebook" },
  ...over,
});
const withdrawal = (over: Partial<Consent> = {}): Consent => ({
  ...grant(),
  status: "withdrawn",
  source: "unsubscribe link",
  at: day(10),
  ...over,
});
const ask = { channel: "email", purpose: "newsletter", at: day(20) } as const;
const codeOf = (contact: { consents: readonly Consent[]; doNotContact?: never[] }, question = ask) => {
  const r = checkContactPermission({ doNotContact: [], ...contact }, question);
  return r.ok ? "allowed" : r.issues.map((i) => i.code).join();
};

describe("consentSchema", () => {
  it("reads a consent stored before lawful bases, channels and proofs: basis consent, no channel", () => {
    const old = {
      purpose: "newsletter",
      status: "granted",
      at: "2026-01-05T10:00:00Z",
      source: "form:ebook",
    };
    expect(consentSchema.parse(old)).toEqual({
      purpose: "newsletter",
      status: "granted",
      at: new Date("2026-01-05T10:00:00Z"),
      source: "form:ebook",
      basis: "consent",
    });
  });

  it("keeps the lawful basis, channel and proof, and parses back from JSON to an equal record", () => {
    const c = grant({ basis: "legitimate_interests", channel: "phone" });
    expect(consentSchema.parse(JSON.parse(JSON.stringify(c)))).toEqual(c);
  });

  it("refuses an unknown basis or channel and an empty proof, naming the path", () => {
    const bad = (over: object) => {
      const r = consentSchema.safeParse({ ...grant(), ...over });
      return r.success ? [] : r.error.issues.map((i) => i.path.join("."));
    };
    expect(bad({ basis: "because" })).toEqual(["basis"]);
    expect(bad({ channel: "pigeon" })).toEqual(["channel"]);
    expect(bad({ proof: {} })).toEqual(["proof"]);
    expect(bad({ proof: { form: "" } })).toEqual(["proof.form"]);
  });
});

describe("decideConsent", () => {
  it("picks the latest record that counts, a withdrawal winning a tie", () => {
    expect(decideConsent([grant(), withdrawal()], { purpose: "newsletter" })?.status).toBe("withdrawn");
    expect(decideConsent([withdrawal({ at: day(5) }), grant()], { purpose: "newsletter" })?.status).toBe(
      "withdrawn",
    );
    expect(decideConsent([grant(), withdrawal()], { purpose: "newsletter", at: day(7) })?.status).toBe(
      "granted",
    );
    expect(decideConsent([grant()], { purpose: "sales" })).toBeUndefined();
  });

  it("weighs a channel's own records, 'any', and channel-less withdrawals, not channel-less grants", () => {
    const { channel: _, ...legacyGrant } = grant({ at: day(12) });
    const consents = [grant(), withdrawal({ channel: "phone" }), legacyGrant];
    expect(decideConsent(consents, { purpose: "newsletter", channel: "email" })).toEqual(grant());
    expect(decideConsent(consents, { purpose: "newsletter", channel: "phone" })?.status).toBe("withdrawn");
    expect(decideConsent(consents, { purpose: "newsletter" })).toEqual(legacyGrant);
    const { channel: __, ...legacyWithdrawal } = withdrawal();
    expect(decideConsent([grant(), legacyWithdrawal], { purpose: "newsletter", channel: "email" })).toEqual(
      legacyWithdrawal,
    );
  });
});

describe("decideConsent on spellings and raw records", () => {
  it("reads purposes trimmed and case-insensitively: a spelling never re-grants", () => {
    const consents = [
      grant({ purpose: "Newsletter", at: day(12) }),
      withdrawal({ purpose: "newsletter ", at: day(12) }),
    ];
    expect(decideConsent(consents, { purpose: "NEWSLETTER", channel: "email" })?.status).toBe("withdrawn");
    expect(
      codeOf({
        consents: [withdrawal({ purpose: "newsletter " }), grant({ purpose: "Newsletter", at: day(11) })],
      }),
    ).toBe("allowed");
    expect(
      codeOf({
        consents: [grant({ purpose: "Newsletter", at: day(5) }), withdrawal({ purpose: "newsletter " })],
      }),
    ).toBe("consent_withdrawn");
  });

  it("throws a LeadKitError, not a TypeError, for consents straight from JSON", () => {
    const raw = JSON.parse(JSON.stringify([grant()])) as Consent[];
    expect(() => decideConsent(raw, { purpose: "newsletter" })).toThrow(
      expect.objectContaining({ name: "LeadKitError", code: "invalid_input" }),
    );
    expect(() => decideConsent([null as unknown as Consent], { purpose: "newsletter" })).toThrow(
      expect.objectContaining({ code: "invalid_input" }),
    );
  });
});

describe("checkContactPermission", () => {
  it("allows contact with a valid grant for the channel and purpose, answering the grant", () => {
    const r = checkContactPermission({ consents: [grant()], doNotContact: [] }, ask);
    expect(r).toEqual({ ok: true, value: grant() });
    expect(codeOf({ consents: [grant({ channel: "any", basis: "legitimate_interests" })] })).toBe("allowed");
  });

  it("says why not: no consent, another channel or purpose, a withdrawal, a grant not yet given", () => {
    expect(codeOf({ consents: [] })).toBe("no_consent");
    expect(codeOf({ consents: [grant({ channel: "sms" })] })).toBe("no_consent");
    expect(codeOf({ consents: [grant({ purpose: "events" })] })).toBe("no_consent");
    expect(codeOf({ consents: [grant(), withdrawal()] })).toBe("consent_withdrawn");
    expect(codeOf({ consents: [grant(), withdrawal({ at: day(5) })] })).toBe("consent_withdrawn");
    expect(codeOf({ consents: [grant({ at: day(25) })] })).toBe("no_consent");
    // A grant after the withdrawal re-grants: the latest record decides.
    expect(codeOf({ consents: [grant(), withdrawal(), grant({ at: day(15) })] })).toBe("allowed");
  });

  it("puts a do-not-contact flag first, on the channel or on any", () => {
    const r = checkContactPermission(
      { consents: [grant()], doNotContact: [{ channel: "any", reason: "legal" }] },
      ask,
    );
    expect(r.ok || r.issues[0]).toEqual({
      code: "do_not_contact",
      path: ["contact", "doNotContact", 0],
      message:
        'The contact must not be contacted on email: a do-not-contact flag for any (legal); expected no flag for email or "any".',
    });
    expect(
      checkContactPermission(
        { consents: [grant()], doNotContact: [{ channel: "sms", reason: "manual" }] },
        ask,
      ).ok,
    ).toBe(true);
  });

  it("points at the withdrawal, and tells a legacy grant without a channel to be restated", () => {
    const r = checkContactPermission({ consents: [grant(), withdrawal()], doNotContact: [] }, ask);
    expect(r.ok || r.issues[0]?.path).toEqual(["contact", "consents", 1]);
    const legacy = parseContact({
      kind: "prospect",
      name: "Ana",
      consents: [{ purpose: "newsletter", status: "granted", at: "2026-01-05T10:00:00Z", source: "form" }],
    });
    const old = checkContactPermission(legacy, ask);
    expect(old.ok || old.issues[0]?.message).toMatch(
      /names no channel: restate it with the channel it was given for/,
    );
  });

  it("answers issues, never throws, for a malformed contact or question", () => {
    const contact = { consents: [grant()], doNotContact: [] };
    const wrong = (c: unknown, q: unknown) => {
      const r = checkContactPermission(c as never, q as never);
      return r.ok ? "allowed" : `${r.issues[0]?.code} ${r.issues[0]?.path.join(".")}`;
    };
    expect(wrong(contact, { ...ask, channel: "pigeon" })).toBe("invalid_value channel");
    expect(wrong(contact, { ...ask, purpose: "" })).toBe("invalid_type purpose");
    expect(wrong(contact, { ...ask, at: "2026-01-01" })).toBe("invalid_type at");
    expect(wrong(contact, null)).toBe("invalid_type ");
    expect(wrong(null, ask)).toBe("invalid_type contact");
    expect(wrong({ consents: [{ ...grant(), at: "2026-01-05" }], doNotContact: [] }, ask)).toBe(
      "invalid_type contact.consents",
    );
    expect(wrong({ consents: [], doNotContact: [{ channel: 1 }] }, ask)).toBe(
      "invalid_type contact.doNotContact",
    );
  });

  it("does not mutate its input", () => {
    const contact = Object.freeze({
      consents: Object.freeze([grant(), withdrawal()]),
      doNotContact: Object.freeze([]),
    });
    expect(() => checkContactPermission(contact, ask)).not.toThrow();
  });
});
