import { describe, expect, it } from "vitest";
import { isLeadKitError } from "../../src/internal/index.js";
import {
  BANT,
  checkIcpFit,
  compileFramework,
  criterionEvidenceSchema,
  decideQualificationVerdict,
  evaluateQualification,
  evaluateQualificationVerdict,
  judgeCriterionAnswer,
  type QualificationFramework,
  safeCompileFramework,
  safeParseFramework,
} from "../../src/qualification/index.js";

const now = new Date("2026-03-01T10:00:00Z");
const options = { now, priceRange: { min: 12_000 } };
const budget = BANT.criteria[0];
if (budget === undefined) throw new Error("BANT has criteria");

const evaluators = [
  ["evaluateQualification", evaluateQualification],
  ["evaluateQualificationVerdict", evaluateQualificationVerdict],
] as const;

describe.each(evaluators)("%s refuses malformed evidence and options with issues", (_, evaluateCompiled) => {
  const bant = compileFramework(BANT);
  const evaluate = (
    framework: typeof BANT,
    ...rest: [Parameters<typeof evaluateCompiled>[1], Parameters<typeof evaluateCompiled>[2]]
  ) => evaluateCompiled(framework === BANT ? bant : compileFramework(framework), ...rest);
  it.each([
    [
      "a status of Met",
      { criterionId: "budget", status: "Met", source: "conversation" },
      "status",
      "invalid_value",
    ],
    [
      "a status of maybe",
      { criterionId: "budget", status: "maybe", source: "conversation" },
      "status",
      "invalid_value",
    ],
    ["no source", { criterionId: "budget", answer: 30_000 }, "source", "invalid_value"],
    [
      "a source of phone",
      { criterionId: "budget", answer: 30_000, source: "phone" },
      "source",
      "invalid_value",
    ],
    [
      "a string date",
      { criterionId: "budget", answer: 30_000, source: "research", at: "2026-02-01T00:00:00Z" },
      "at",
      "invalid_type",
    ],
    [
      "an Invalid Date",
      { criterionId: "budget", answer: 30_000, source: "research", at: new Date("x") },
      "at",
      "invalid_type",
    ],
    [
      "an object answer",
      { criterionId: "budget", answer: { toString: 1 }, source: "research" },
      "answer",
      "invalid_answer",
    ],
    ["a numeric criterion id", { criterionId: 7, source: "research" }, "criterionId", "invalid_type"],
  ] as const)("%s", (_, item, field, code) => {
    const result = evaluate(BANT, [item as never], options);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues[0]).toMatchObject({ code, path: ["evidence", 0, field] });
  });

  it("explains how to revive evidence read from JSON", () => {
    const result = evaluate(
      BANT,
      [{ criterionId: "budget", answer: 30_000, source: "research", at: "2026-02-01T00:00:00Z" } as never],
      options,
    );
    expect(result.ok || result.issues[0]?.message).toMatch(/criterionEvidenceSchema/);
    const revived = criterionEvidenceSchema.parse(
      JSON.parse(JSON.stringify({ criterionId: "budget", answer: 30_000, source: "research", at: now })),
    );
    expect(evaluate(BANT, [revived], options).ok).toBe(true);
  });

  it("refuses null items, an unsupported language, an Invalid now and a bad profile", () => {
    expect(evaluate(BANT, [null as never], options).ok).toBe(false);
    const french = evaluate(BANT, [], { ...options, language: "fr" as never });
    expect(french.ok || french.issues[0]).toMatchObject({ code: "invalid_value", path: ["language"] });
    expect(french.ok || french.issues[0]?.message).toContain('Unsupported language "fr"');
    const invalidNow = evaluate(BANT, [], { now: new Date(Number.NaN) });
    expect(invalidNow.ok || invalidNow.issues[0]?.path).toEqual(["now"]);
    const profile = evaluate(BANT, [], { ...options, icp: { countries: ["spain"] } });
    expect(profile.ok || profile.issues[0]?.path).toEqual(["icp", "countries", 0]);
    const contact = evaluate(BANT, [], {
      ...options,
      icp: { countries: ["ES"] },
      contact: { country: 34 } as never,
    });
    expect(contact.ok || contact.issues[0]?.path).toEqual(["contact", "country"]);
    expect(evaluate(BANT, "budget" as never, options).ok).toBe(false);
    expect(evaluateCompiled(null as never, [], options).ok).toBe(false);
  });

  it("describes a NaN answer as NaN", () => {
    const result = evaluate(
      BANT,
      [{ criterionId: "budget", answer: Number.NaN, source: "research" }],
      options,
    );
    expect(result.ok || result.issues[0]).toMatchObject({
      code: "invalid_answer",
      path: ["evidence", 0, "answer"],
    });
    expect(result.ok || result.issues[0]?.message).toMatch(/got NaN\.$/);
  });

  it("refuses a framework that compileFramework did not build, and caps the issues about evidence", () => {
    const framework = JSON.parse(JSON.stringify({ ...BANT, rule: { kind: "at_least", count: 9 } }));
    const compiled = safeCompileFramework(framework);
    expect(compiled.ok || compiled.issues[0]).toMatchObject({
      code: "impossible_rule",
      path: ["rule", "count"],
    });
    for (const forged of [framework, { ...bant, plan: JSON.parse(JSON.stringify(bant.plan)) }]) {
      const result = evaluateCompiled(forged, [], options);
      expect(result.ok || result.issues[0]).toMatchObject({ code: "invalid_type", path: ["framework"] });
      expect(result.ok || result.issues[0]?.message).toMatch(/compileFramework/);
    }
    const many = Array.from({ length: 5_000 }, () => ({ criterionId: "nope", source: "research" as const }));
    const unknown = evaluate(BANT, many, options);
    expect(unknown.ok || unknown.issues).toHaveLength(101);
    expect(unknown.ok || unknown.issues.at(-1)?.code).toBe("too_many_issues");
  });
});

describe("the other qualification functions", () => {
  it("judgeCriterionAnswer answers issues for a bad criterion, language or now", () => {
    expect(judgeCriterionAnswer(budget, 1, { now, language: "fr" as never }).ok).toBe(false);
    expect(judgeCriterionAnswer(budget, 1, { now: new Date("x") }).ok).toBe(false);
    expect(judgeCriterionAnswer({ ...budget, evidence: "vibes" } as never, 1, { now }).ok).toBe(false);
    expect(judgeCriterionAnswer(null as never, 1, { now }).ok).toBe(false);
    const nan = judgeCriterionAnswer(budget, Number.NaN, { now });
    expect(nan.ok || nan.issues[0]?.message).toContain("got NaN");
  });

  it("checkIcpFit and decideQualificationVerdict throw invalid_input rather than a TypeError", () => {
    for (const run of [
      () => checkIcpFit({}, { countries: ["ES"] }, "fr" as never),
      () => checkIcpFit({ industry: 3 } as never, { industries: ["Software"] }),
      () => decideQualificationVerdict(BANT, { budget: "Met" } as never),
      () => decideQualificationVerdict(BANT, {}, "fr" as never),
    ]) {
      let error: unknown;
      try {
        run();
      } catch (e) {
        error = e;
      }
      expect(isLeadKitError(error) && error.code).toBe("invalid_input");
    }
  });
});

describe("criterion ids are data", () => {
  it("weighs a criterion named constructor by its own weight, never Object.prototype's", () => {
    const criterion = { ...budget, id: "constructor" };
    const framework: QualificationFramework = {
      ...BANT,
      criteria: [criterion, ...BANT.criteria.slice(1)],
      rule: { kind: "weighted", threshold: 0.5, weights: { need: 3 } },
    };
    expect(safeParseFramework(framework).ok).toBe(true);
    const result = evaluateQualification(
      compileFramework(framework),
      [{ criterionId: "constructor", status: "met", source: "research" }],
      options,
    );
    expect(result.ok && result.value.criteria[0]?.weight).toBe(1);
    expect(decideQualificationVerdict(framework, { constructor: "met", need: "met" } as const).verdict).toBe(
      "qualified",
    );
    expect(decideQualificationVerdict(framework, { toString: "met" } as never).verdict).not.toBe("qualified");
  });

  it("reports a weight keyed __proto__ as an unknown criterion instead of dropping it", () => {
    const framework = JSON.parse(
      JSON.stringify({ ...BANT, rule: { kind: "weighted", threshold: 0.5, weights: { budget: 2 } } }).replace(
        '"weights":{"budget":2}',
        '"weights":{"budget":2,"__proto__":2}',
      ),
    );
    const parsed = safeParseFramework(framework);
    expect(parsed.ok || parsed.issues[0]).toMatchObject({
      code: "unknown_criterion",
      path: ["rule", "weights", "__proto__"],
    });
  });
});
