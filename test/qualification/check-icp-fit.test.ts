import { describe, expect, it } from "vitest";
import {
  checkIcpFit,
  type IdealCustomerProfile,
  idealCustomerProfileSchema,
} from "../../src/qualification/index.js";
import { deepFreeze } from "../support/deep-freeze.js";

const profile: IdealCustomerProfile = deepFreeze({
  industries: ["Software", "Retail"],
  excludedIndustries: ["Gambling"],
  companySizes: ["51-200", "201-500"],
  countries: ["ES", "PT"],
  roles: ["director", "head", "ceo"],
  excludedRoles: ["student", "intern"],
});

describe("checkIcpFit", () => {
  it("fits a contact that matches every rule, case-insensitively", () => {
    const fit = checkIcpFit(
      { industry: "software", companySize: "51-200", country: "ES", jobTitle: "Head of Sales" },
      profile,
    );
    expect(fit.fits).toBe(true);
    expect(fit.checks.map((c) => [c.rule, c.outcome])).toEqual([
      ["industry", "fits"],
      ["company_size", "fits"],
      ["country", "fits"],
      ["role", "fits"],
    ]);
  });

  it("disqualifies on each rule with a stated reason", () => {
    const fit = checkIcpFit(
      { industry: "Gambling", companySize: "1-10", country: "US", jobTitle: "Marketing Intern" },
      profile,
    );
    expect(fit.fits).toBe(false);
    expect(fit.checks.map((c) => c.reason)).toEqual([
      'Industry "Gambling" is excluded.',
      "Company size 1-10 is not one of 51-200, 201-500.",
      "Country US is not one of ES, PT.",
      'Role "Marketing Intern" is excluded (intern).',
    ]);
  });

  it("rejects industries and roles outside the lists", () => {
    const fit = checkIcpFit({ industry: "Mining", jobTitle: "Analyst" }, profile, "es");
    expect(fit.checks.filter((c) => c.outcome === "does_not_fit").map((c) => c.reason)).toEqual([
      "El sector «Mining» no es uno de Software, Retail.",
      "El cargo «Analyst» no es un cargo objetivo.",
    ]);
  });

  it("reports unknown facts without disqualifying", () => {
    const fit = checkIcpFit({}, profile, "es");
    expect(fit.fits).toBe(true);
    expect(fit.checks.every((c) => c.outcome === "unknown")).toBe(true);
    expect(fit.checks[1]?.reason).toBe("Se desconoce el tamaño de empresa del contacto.");
  });

  it("checks only the rules the profile sets", () => {
    expect(checkIcpFit({ country: "FR" }, {}).checks).toEqual([]);
    expect(checkIcpFit({ jobTitle: "Student" }, { excludedRoles: ["student"] }).fits).toBe(false);
  });

  it("validates a profile written as data", () => {
    expect(idealCustomerProfileSchema.safeParse({ countries: ["Spain"] }).success).toBe(false);
    expect(idealCustomerProfileSchema.safeParse({ companySizes: ["51-200"] }).success).toBe(true);
  });
});
