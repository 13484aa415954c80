import {
  disposableEmailBlocklistSet,
  isDisposableEmailDomain as isInMaintainedList,
} from "disposable-email-domains-js";
import { describe, expect, it } from "vitest";
import {
  DISPOSABLE_DOMAIN_COUNT,
  DISPOSABLE_DOMAINS_TEXT,
} from "../../src/model/disposable-email-domains.js";
import {
  canonicalEmail,
  duplicateKeys,
  EMAIL_PROVIDER_RULES,
  FREE_MAIL_DOMAINS,
  findDuplicates,
  isDisposableEmail,
  isDisposableEmailDomain,
} from "../../src/model/index.js";

describe("canonical email key", () => {
  it("finds one Gmail mailbox behind dots, tags, case and googlemail.com", () => {
    for (const written of [
      "Ana.Garcia+promo@gmail.com",
      "anagarcia@gmail.com",
      " ANA.GARCIA@GoogleMail.com ",
      "a.n.a.g.a.r.c.i.a+x+y@gmail.com",
    ])
      expect(canonicalEmail(written)).toBe("anagarcia@gmail.com");
  });

  it("applies only documented rules: plus tags on Fastmail and Proton, nothing elsewhere", () => {
    expect(canonicalEmail("ana.garcia+news@fastmail.com")).toBe("ana.garcia@fastmail.com");
    expect(canonicalEmail("ana.garcia+news@proton.me")).toBe("ana.garcia@proton.me");
    expect(canonicalEmail("ana.garcia+news@outlook.com")).toBe("ana.garcia+news@outlook.com");
    expect(canonicalEmail("ana.garcia+news@acme.es")).toBe("ana.garcia+news@acme.es");
    expect(canonicalEmail("not an address")).toBeNull();
    // A local part that is all tag names no mailbox: it stays as written.
    expect(canonicalEmail("+promo@gmail.com")).toBe("+promo@gmail.com");
    expect(canonicalEmail("...@gmail.com")).toBe("...@gmail.com");
  });

  it("takes rules of the caller's own", () => {
    const rules = [...EMAIL_PROVIDER_RULES, { domains: ["acme.es"], tagSeparator: "-" }];
    expect(canonicalEmail("ana-ventas@acme.es", rules)).toBe("ana@acme.es");
  });

  it("is off by default, and never changes what is stored", () => {
    const a = { id: "a", contact: { email: "Ana.Garcia+promo@gmail.com" } };
    const b = { id: "b", contact: { email: "anagarcia@gmail.com" } };
    expect(findDuplicates([a, b]).groups).toEqual([]);
    const { groups } = findDuplicates([a, b], { canonicalEmail: true });
    expect(groups).toEqual([{ key: { kind: "email", value: "anagarcia@gmail.com" }, ids: ["a", "b"] }]);
    expect(a.contact.email).toBe("Ana.Garcia+promo@gmail.com");
    expect(duplicateKeys(a)).toEqual([{ kind: "email", value: "ana.garcia+promo@gmail.com" }]);
    expect(duplicateKeys(a, { canonicalEmail: [] })).toEqual([
      { kind: "email", value: "ana.garcia+promo@gmail.com" },
    ]);
  });
});

describe("disposable email", () => {
  it("flags mailinator.com and its subdomains, not lasting providers", () => {
    expect(isDisposableEmail("ana@mailinator.com")).toBe(true);
    expect(isDisposableEmail("ana@MAILINATOR.com.")).toBe(true);
    expect(isDisposableEmailDomain("inbox.mailinator.com")).toBe(true);
    expect(isDisposableEmailDomain("www.mailinator.com")).toBe(true);
    expect(isDisposableEmail("ana@gmail.com")).toBe(false);
    expect(isDisposableEmail("ana@acme.es")).toBe(false);
    expect(isDisposableEmail("not an address")).toBe(false);
    expect(isDisposableEmail(undefined)).toBe(false);
    expect(isDisposableEmailDomain("com")).toBe(false);
    expect(isDisposableEmailDomain("")).toBe(false);
  });

  it("takes extra domains and a predicate of the caller's own", () => {
    expect(isDisposableEmail("ana@acme.es", { extra: ["ACME.es"] })).toBe(true);
    const onlyOurs = { isDisposableDomain: (d: string) => d === "burner.test" };
    expect(isDisposableEmail("ana@burner.test", onlyOurs)).toBe(true);
    expect(isDisposableEmail("ana@mailinator.com", onlyOurs)).toBe(false);
  });

  it("holds a compact snapshot of the maintained list: sorted host names, no free-mail provider", () => {
    const domains = DISPOSABLE_DOMAINS_TEXT.split("\n");
    expect(domains.length).toBe(DISPOSABLE_DOMAIN_COUNT);
    expect(domains.length).toBeGreaterThan(100);
    // Every built-in domain is one the disposable-email-domains project still lists.
    const maintained = disposableEmailBlocklistSet();
    expect(domains.filter((d) => !maintained.has(d))).toEqual([]);
    expect([...domains].sort()).toEqual(domains);
    for (const d of domains) expect(d).toMatch(/^[a-z0-9.-]+\.[a-z0-9-]+$/);
    expect(domains.filter((d) => FREE_MAIL_DOMAINS.has(d))).toEqual([]);
  });

  it("takes the whole maintained list as a predicate (the recipe in docs/duplicates.md)", () => {
    const everyDomain = { isDisposableDomain: isInMaintainedList };
    // A domain the compact snapshot leaves out, which the full list holds.
    const rare = [...disposableEmailBlocklistSet()].find((d) => !isDisposableEmailDomain(d)) as string;
    expect(rare).toBeDefined();
    expect(isDisposableEmail(`ana@${rare}`)).toBe(false);
    expect(isDisposableEmail(`ana@${rare}`, everyDomain)).toBe(true);
    expect(isDisposableEmail("ana@acme.es", everyDomain)).toBe(false);
  });

  it("answers a megabyte of dots in linear time", () => {
    const started = performance.now();
    expect(isDisposableEmailDomain("a.".repeat(500_000))).toBe(false);
    expect(isDisposableEmail(`a@${"b.".repeat(500_000)}com`)).toBe(false);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
