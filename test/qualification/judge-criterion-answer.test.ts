import { describe, expect, it } from "vitest";
import {
  BANT,
  judgeCriterionAnswer,
  MEDDIC,
  type QualificationCriterion,
} from "../../src/qualification/index.js";

const now = new Date("2026-03-01T10:00:00Z");
const criterion = (framework: typeof BANT, id: string) =>
  framework.criteria.find((c) => c.id === id) as QualificationCriterion;
const budget = criterion(BANT, "budget");
const authority = criterion(BANT, "authority");
const need = criterion(BANT, "need");
const timeline = criterion(BANT, "timeline");
const champion = criterion(MEDDIC, "champion");
const metrics = criterion(MEDDIC, "metrics");

const status = (
  c: QualificationCriterion,
  answer: Parameters<typeof judgeCriterionAnswer>[1],
  options = {},
) => {
  const r = judgeCriterionAnswer(c, answer, { now, ...options });
  return r.ok ? r.value.status : r.issues[0]?.code;
};

describe("judgeCriterionAnswer", () => {
  it("takes a yes/no as given", () => {
    expect(status(champion, true)).toBe("met");
    expect(status(champion, false)).toBe("not_met");
  });

  it("compares a level with the criterion's minimum (medium for need)", () => {
    expect(status(need, "high")).toBe("met");
    expect(status(need, "medium")).toBe("met");
    expect(status(need, "low")).toBe("not_met");
    expect(status({ ...need, minimumLevel: "high" } as QualificationCriterion, "medium")).toBe("not_met");
    expect(status(need, "urgent")).toBe("invalid_answer");
  });

  it("judges a budget against the price range's entry price", () => {
    expect(status(budget, 12_000, { priceRange: { min: 12_000 } })).toBe("met");
    expect(status(budget, 11_999, { priceRange: { min: 12_000 } })).toBe("not_met");
    const full = judgeCriterionAnswer(budget, 50_000, { now, priceRange: { min: 12_000, max: 40_000 } });
    expect(full.ok && full.value.reason).toContain("whole price range");
  });

  it("uses the criterion's minimum amount when the call gives no price range, and the call's range over it", () => {
    const withMinimum = { ...budget, minimumAmount: 5_000 } as QualificationCriterion;
    expect(status(withMinimum, 4_000)).toBe("not_met");
    expect(status(withMinimum, 4_000, { priceRange: { min: 1_000 } })).toBe("met");
  });

  it("counts any positive amount as met when no price is known, and zero as not met", () => {
    expect(status(budget, 1)).toBe("met");
    expect(status(budget, 0)).toBe("not_met");
    expect(status(budget, Number.NaN)).toBe("invalid_answer");
  });

  it("judges a timeline date against now and the horizon", () => {
    expect(status(timeline, new Date("2026-04-15T00:00:00Z"))).toBe("met");
    expect(status(timeline, "2026-03-01")).toBe("met");
    expect(status(timeline, new Date("2026-02-01T00:00:00Z"))).toBe("not_met");
    expect(status(timeline, new Date("2026-09-01T00:00:00Z"))).toBe("not_met");
    expect(status(timeline, new Date("2026-09-01T00:00:00Z"), { horizonDays: 365 })).toBe("met");
    expect(status({ ...timeline, horizonDays: 30 } as QualificationCriterion, "2026-04-15")).toBe("not_met");
    expect(status(timeline, "next spring")).toBe("invalid_answer");
    expect(status(timeline, new Date(Number.NaN))).toBe("invalid_answer");
  });

  it("names the deadline's day as the seller entered it, in any time zone", () => {
    // A date-only answer is that day's local midnight; east of UTC that instant is on the day
    // before in UTC, which the sentence used to print.
    const original = process.env["TZ"];
    try {
      for (const zone of ["Asia/Tokyo", "Europe/Madrid", "UTC", "America/New_York", "Pacific/Apia"]) {
        process.env["TZ"] = zone;
        for (const language of ["en", "es"] as const) {
          const judged = judgeCriterionAnswer(timeline, "2026-04-15", { now, language });
          expect(judged.ok && judged.value.reason, `${zone} ${language}`).toContain("2026-04-15");
        }
      }
    } finally {
      if (original === undefined) delete process.env["TZ"];
      else process.env["TZ"] = original;
    }
  });

  it("recognises authority from a job title in English or Spanish, ignoring case and accents", () => {
    expect(status(authority, "Chief Financial Officer")).toBe("met");
    expect(status(authority, "Co-Founder & CEO")).toBe("met");
    expect(status(authority, "DIRECTORA DE OPERACIONES")).toBe("met");
    expect(status(authority, "Dueño")).toBe("met");
    expect(status(authority, "Marketing intern")).toBe("not_met");
    expect(status(authority, "Headhunter")).toBe("not_met");
    expect(status(authority, "  ")).toBe("unknown");
    expect(
      status({ ...authority, roles: ["procurement"] } as QualificationCriterion, "Procurement lead"),
    ).toBe("met");
    expect(status(authority, 3)).toBe("invalid_answer");
  });

  it("counts a free-text answer as met unless it is blank", () => {
    expect(status(metrics, "Cut onboarding from 10 to 3 days")).toBe("met");
    expect(status(metrics, "")).toBe("unknown");
    expect(status(metrics, true)).toBe("invalid_answer");
  });

  it("explains in the requested language", () => {
    const en = judgeCriterionAnswer(budget, 5_000, { now, priceRange: { min: 12_000 } });
    const es = judgeCriterionAnswer(budget, 5_000, { now, priceRange: { min: 12_000 }, language: "es" });
    expect(en.ok && en.value.reason).toBe("Amount 5000 is below the entry price, 12000.");
    expect(es.ok && es.value.reason).toBe("El importe 5000 no llega al precio de entrada, 12000.");
  });

  it("says what it expected when the answer's type is wrong", () => {
    const r = judgeCriterionAnswer(champion, "yes", { now });
    expect(!r.ok && r.issues[0]).toEqual({
      code: "invalid_answer",
      path: ["answer"],
      message: 'Criterion "champion" takes a boolean (true for yes); got the string "yes".',
    });
  });
});
