import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CRITERION_STATUSES,
  type CriterionEvidence,
  type CriterionStatus,
  decideQualificationVerdict,
  EVIDENCE_KINDS,
  evaluateQualification,
  evaluateQualificationVerdict,
  judgeCriterionAnswer,
  parseFramework,
  QUALIFICATION_FRAMEWORKS,
  type QualificationCriterion,
  type QualificationFramework,
  type QualificationVerdict,
  safeParseFramework,
} from "../../src/qualification/index.js";

const now = new Date("2026-03-01T10:00:00Z");

const frameworkArb: fc.Arbitrary<QualificationFramework> = fc
  .array(
    fc.record({
      evidence: fc.constantFrom(...EVIDENCE_KINDS),
      required: fc.option(fc.boolean(), { nil: undefined }),
      weight: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
    }),
    { minLength: 1, maxLength: 7 },
  )
  .chain((specs) =>
    fc
      .oneof(
        fc.integer({ min: 1, max: specs.length }).map((count) => ({ kind: "at_least" as const, count })),
        fc.constant({ kind: "all_required" as const }),
        fc
          .tuple(
            fc.integer({ min: 1, max: 100 }),
            fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: specs.length }),
          )
          .map(([percent, weights]) => ({
            kind: "weighted" as const,
            threshold: percent / 100,
            weights: Object.fromEntries(weights.map((w, i) => [`c${i}`, w])),
          })),
      )
      .map((rule) =>
        parseFramework({
          id: "generated",
          names: { en: "Generated", es: "Generado" },
          criteria: specs.map((spec, i) => ({
            id: `c${i}`,
            labels: { en: `C${i}`, es: `C${i}` },
            questions: { en: [`Q${i}?`], es: [`¿P${i}?`] },
            evidence: spec.evidence,
            ...(spec.required === undefined ? {} : { required: spec.required }),
            ...(spec.weight === undefined ? {} : { weight: spec.weight }),
          })),
          rule,
        }),
      ),
  );

const builtinArb = fc.constantFrom(...Object.values(QUALIFICATION_FRAMEWORKS));
const anyFrameworkArb = fc.oneof(builtinArb, frameworkArb);

const answerArb = fc.oneof(
  fc.boolean(),
  fc.double({ noNaN: false }),
  fc.constantFrom("none", "low", "medium", "high", "CEO", "Intern", "", "2026-03-15", "2030-01-01", "soon"),
  fc.string(),
  fc.date({
    min: new Date("2020-01-01T00:00:00Z"),
    max: new Date("2030-01-01T00:00:00Z"),
    noInvalidDate: false,
  }),
);

const evidenceArb = (framework: QualificationFramework): fc.Arbitrary<CriterionEvidence[]> =>
  fc.array(
    fc.record(
      {
        criterionId: fc.oneof(fc.constantFrom(...framework.criteria.map((c) => c.id)), fc.string()),
        status: fc.constantFrom(...CRITERION_STATUSES),
        answer: answerArb,
        note: fc.string(),
        at: fc.date({ noInvalidDate: true }),
        source: fc.constantFrom("research" as const, "conversation" as const),
      },
      { requiredKeys: ["criterionId", "source"] },
    ),
    { maxLength: 10 },
  );

const statusesArb = (framework: QualificationFramework) =>
  fc.tuple(...framework.criteria.map(() => fc.constantFrom(...CRITERION_STATUSES)));

/** The rule as a sales-ops reader states it, written independently of the library's code. */
function expectedVerdict(
  framework: QualificationFramework,
  statuses: readonly CriterionStatus[],
): QualificationVerdict {
  const is = (s: CriterionStatus) => statuses.filter((x) => x === s).length;
  const required = framework.criteria.map((c, i) => (c.required === true ? statuses[i] : "met"));
  if (required.includes("not_met")) return "disqualified";
  const { rule } = framework;
  let byRule: QualificationVerdict;
  if (rule.kind === "all_required") {
    byRule = is("not_met") > 0 ? "disqualified" : is("unknown") > 0 ? "needs_information" : "qualified";
  } else if (rule.kind === "at_least") {
    byRule =
      is("met") >= rule.count
        ? "qualified"
        : is("met") + is("unknown") >= rule.count
          ? "needs_information"
          : "disqualified";
  } else {
    const w = framework.criteria.map((c) => rule.weights?.[c.id] ?? c.weight ?? 1);
    const total = w.reduce((a, b) => a + b, 0);
    const sum = (keep: (s: CriterionStatus) => boolean) =>
      w.reduce((acc, weight, i) => acc + (keep(statuses[i] ?? "unknown") ? weight : 0), 0);
    const metShare = sum((s) => s === "met") / total;
    const possibleShare = sum((s) => s !== "not_met") / total;
    byRule =
      metShare >= rule.threshold - 1e-9
        ? "qualified"
        : possibleShare >= rule.threshold - 1e-9
          ? "needs_information"
          : "disqualified";
  }
  return byRule === "qualified" && required.includes("unknown") ? "needs_information" : byRule;
}

const withStatuses = (
  framework: QualificationFramework,
  statuses: readonly CriterionStatus[],
): CriterionEvidence[] =>
  framework.criteria.map((c, i) => ({
    criterionId: c.id,
    status: statuses[i] ?? "unknown",
    source: "research",
  }));

function verdictOf(
  framework: QualificationFramework,
  evidence: readonly CriterionEvidence[],
): QualificationVerdict {
  const result = evaluateQualification(framework, evidence, { now });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value.verdict;
}

describe("qualification laws", () => {
  it("evaluation is total: any evidence gives a result or issues with paths, never an exception", () => {
    fc.assert(
      fc.property(
        anyFrameworkArb.chain((f) =>
          fc.tuple(fc.constant(f), evidenceArb(f), fc.constantFrom("en" as const, "es" as const)),
        ),
        ([framework, evidence, language]) => {
          const result = evaluateQualification(framework, evidence, {
            now,
            language,
            priceRange: { min: 100 },
          });
          if (result.ok) {
            expect(result.value.criteria).toHaveLength(framework.criteria.length);
            expect(result.value.evidence.verdict).toBe(result.value.verdict);
          } else {
            expect(result.issues.length).toBeGreaterThan(0);
            for (const i of result.issues) expect(i.path[0]).toBe("evidence");
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it("the verdict-only evaluation always agrees with the full evaluation, issues included", () => {
    fc.assert(
      fc.property(
        anyFrameworkArb.chain((f) => fc.tuple(fc.constant(f), evidenceArb(f))),
        fc.option(fc.constantFrom<{ companySizes: ["51-200"] }>({ companySizes: ["51-200"] }), {
          nil: undefined,
        }),
        fc.constantFrom("1-10" as const, "51-200" as const),
        ([framework, evidence], icp, companySize) => {
          const options = {
            now,
            priceRange: { min: 100 },
            contact: { companySize },
            ...(icp === undefined ? {} : { icp }),
          };
          const full = evaluateQualification(framework, evidence, options);
          const verdict = evaluateQualificationVerdict(framework, evidence, options);
          if (full.ok) expect(verdict).toEqual({ ok: true, value: full.value.verdict });
          else expect(verdict).toEqual(full);
        },
      ),
      { numRuns: 400 },
    );
  });

  it("evaluation is deterministic: the same inputs give equal results", () => {
    fc.assert(
      fc.property(
        anyFrameworkArb.chain((f) => fc.tuple(fc.constant(f), evidenceArb(f))),
        ([framework, evidence]) => {
          const first = evaluateQualification(framework, evidence, { now });
          const second = evaluateQualification(structuredClone(framework), structuredClone(evidence), {
            now,
          });
          expect(second).toEqual(first);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("adding a met criterion never turns a qualified result into disqualified", () => {
    fc.assert(
      fc.property(
        anyFrameworkArb.chain((f) => fc.tuple(fc.constant(f), statusesArb(f), fc.nat())),
        ([framework, statuses, pick]) => {
          const before = withStatuses(framework, statuses);
          const target = framework.criteria[pick % framework.criteria.length]?.id ?? "";
          const after = [
            ...before,
            { criterionId: target, status: "met" as const, source: "conversation" as const },
          ];
          const was = verdictOf(framework, before);
          const is = verdictOf(framework, after);
          if (was === "qualified") expect(is).toBe("qualified");
          if (was !== "disqualified") expect(is).not.toBe("disqualified");
        },
      ),
      { numRuns: 400 },
    );
  });

  it("the verdict matches the rule for every combination of met, not met and unknown (built-in frameworks, exhaustively)", () => {
    for (const framework of Object.values(QUALIFICATION_FRAMEWORKS)) {
      const n = framework.criteria.length;
      for (let code = 0; code < 3 ** n; code++) {
        const statuses = Array.from(
          { length: n },
          (_, i) => CRITERION_STATUSES[Math.floor(code / 3 ** i) % 3] ?? "unknown",
        );
        const record = Object.fromEntries(framework.criteria.map((c, i) => [c.id, statuses[i] ?? "unknown"]));
        expect(decideQualificationVerdict(framework, record).verdict).toBe(
          expectedVerdict(framework, statuses),
        );
      }
    }
  });

  it("the verdict matches the rule for every combination of met, not met and unknown (generated frameworks)", () => {
    fc.assert(
      fc.property(
        frameworkArb.chain((f) => fc.tuple(fc.constant(f), statusesArb(f))),
        ([framework, statuses]) => {
          expect(verdictOf(framework, withStatuses(framework, statuses))).toBe(
            expectedVerdict(framework, statuses),
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it("a date answer's explanation names its UTC calendar day", () => {
    const timeline = QUALIFICATION_FRAMEWORKS.bant.criteria[3] as QualificationCriterion;
    fc.assert(
      fc.property(
        fc.date({
          min: new Date("1900-01-01T00:00:00Z"),
          max: new Date("2200-12-31T23:59:59Z"),
          noInvalidDate: true,
        }),
        (date) => {
          const result = judgeCriterionAnswer(timeline, date, { now });
          expect(result.ok && result.value.reason).toContain(date.toISOString().slice(0, 10));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("framework validation is total: any JSON value gives a framework or issues, never an exception", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = safeParseFramework(value);
        if (!result.ok) expect(result.issues.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});
