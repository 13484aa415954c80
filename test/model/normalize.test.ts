import { describe, expect, it } from "vitest";
import {
  companyDomain,
  emailDomain,
  FREE_MAIL_DOMAINS,
  isFreeMailDomain,
  isPersonalEmail,
  normalizeEmail,
  normalizePhone,
} from "../../src/model/index.js";

describe("email", () => {
  it("trims, lowercases and checks the shape", () => {
    expect(normalizeEmail("  Ana.Garcia@ACME.es. ")).toBe("ana.garcia@acme.es");
    expect(normalizeEmail("no-at-sign")).toBeNull();
    expect(normalizeEmail("a@b")).toBeNull();
    expect(normalizeEmail(undefined)).toBeNull();
    expect(emailDomain("x@Sub.Acme.ES")).toBe("sub.acme.es");
    expect(emailDomain("bad")).toBeNull();
  });

  it("knows free-mail providers, and extra ones per call", () => {
    expect(isFreeMailDomain("GMAIL.com")).toBe(true);
    expect(isFreeMailDomain("www.hotmail.es")).toBe(true);
    expect(isFreeMailDomain("acme.es")).toBe(false);
    expect(isFreeMailDomain("correo.cat", ["Correo.cat"])).toBe(true);
    expect(isPersonalEmail("ana@yahoo.es")).toBe(true);
    expect(isPersonalEmail("ana@acme.es")).toBe(false);
    expect(isPersonalEmail("nonsense")).toBe(false);
  });

  it("isPersonalEmail reads every free-mail host where it lies in the address, with or without www.", () => {
    for (const host of FREE_MAIL_DOMAINS) {
      expect(isPersonalEmail(`ana@${host}`)).toBe(true);
      expect(isPersonalEmail(` ana@www.${host}`)).toBe(true);
      expect(isPersonalEmail(`ana@${host.toUpperCase()}. `)).toBe(true);
      expect(isPersonalEmail(`ana@x${host}`)).toBe(false);
      expect(isPersonalEmail(`ana@${host.slice(0, -1)}`)).toBe(false);
      expect(isPersonalEmail(`ana@www.www.${host}`)).toBe(false);
    }
  });

  it("isPersonalEmail treats each code unit of a local part as \\s does", () => {
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      const shaped = /^[^\s@]+$/.test(`a${ch}b`);
      expect(isPersonalEmail(`a${ch}b@gmail.com`), `U+${c.toString(16)}`).toBe(shaped);
      expect(isPersonalEmail(`${ch}ab@gmail.com`), `leading U+${c.toString(16)}`).toBe(ch !== "@");
    }
  });
});

describe("phone", () => {
  it("sanitises to a comparable international form", () => {
    expect(normalizePhone("+34 (91) 123-45-67")).toBe("+34911234567");
    expect(normalizePhone("0034 911 23 45 67")).toBe("+34911234567");
    expect(normalizePhone("911 23 45 67", { defaultCountryCode: "34" })).toBe("+34911234567");
    expect(normalizePhone("0911 23 45 67", { defaultCountryCode: "+34" })).toBe("+34911234567");
    expect(normalizePhone("911.23.45.67")).toBe("911234567");
    expect(normalizePhone("+1 555 010 9999 ext. 12")).toBe("+15550109999");
    expect(normalizePhone("12-34")).toBeNull();
    expect(normalizePhone(null)).toBeNull();
  });
});

describe("company domain", () => {
  it("comes from a work email, else the website, never a free-mail domain", () => {
    expect(companyDomain({ email: "ana@acme.es" })).toBe("acme.es");
    expect(companyDomain({ email: "ana@gmail.com", website: "https://www.Acme.es/es?x=1" })).toBe("acme.es");
    expect(companyDomain({ email: "ana@gmail.com" })).toBeNull();
    expect(companyDomain({ website: "http://gmail.com" })).toBeNull();
    expect(companyDomain({ website: "localhost" })).toBeNull();
    expect(companyDomain({})).toBeNull();
  });
});

describe("cost", () => {
  // Inputs that made the old regular expressions backtrack: a long run of dots or spaces.
  const megabyte = 1_000_000;
  const hostile = [
    `a@${"a.".repeat(megabyte / 2)}@`,
    `a@${".".repeat(megabyte)} `,
    `${" ".repeat(megabyte)}x`,
    `1${" ".repeat(megabyte)}x1a`,
    "x1".repeat(megabyte / 2),
  ];

  it("normalises a 1 MB string in linear time (well within 2 s)", () => {
    for (const value of hostile) {
      const started = performance.now();
      normalizeEmail(value);
      normalizePhone(value);
      isPersonalEmail(value);
      emailDomain(value);
      companyDomain({ email: value, website: value });
      // A generous bound: the quadratic expressions took minutes on these inputs.
      expect(performance.now() - started).toBeLessThan(2_000);
    }
  });

  it("cuts extensions where the old expression did", () => {
    expect(normalizePhone("+34 911 23 45 67   EXT 12  ")).toBe("+34911234567");
    expect(normalizePhone("+34 911 23 45 67 #9")).toBe("+34911234567");
    expect(normalizePhone("+34 911 23 45 67x9")).toBe("+34911234567");
    expect(normalizePhone("+34 911 23 45 67 x")).toBe("+34911234567");
    expect(normalizePhone("911234567 next 5")).toBe("911234567");
  });
});
