import { startOfDay } from "date-fns";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluateQualificationPlain } from "../../src/qualification/evaluate-qualification.js";
import {
  CRITERION_STATUSES,
  type CriterionAnswer,
  type CriterionEvidence,
  type CriterionStatus,
  compileFramework,
  decideQualificationVerdict,
  EVIDENCE_KINDS,
  evaluateQualification,
  evaluateQualificationVerdict,
  type IdealCustomerProfile,
  idealCustomerProfileSchema,
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
    // Past 8 criteria a compiled framework no longer lists what is missing per set of unknowns.
    { minLength: 1, maxLength: 12 },
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

// Well-typed evidence, at most one item per criterion: the shape the verdict-only path judges in a
// single pass, so these arbitraries aim at its edges (amounts at the entry price, deadlines at the
// horizon, blank and accented titles, fractional weights) rather than at bad input.
const titleArb = fc.constantFrom(
  "CEO",
  "Head of IT",
  "Directora Financiera",
  "Intern",
  "  ",
  "",
  "VP Sales",
  "buyer",
);

const judgedFrameworkArb: fc.Arbitrary<QualificationFramework> = fc
  .array(
    fc.record({
      evidence: fc.constantFrom(...EVIDENCE_KINDS),
      required: fc.option(fc.boolean(), { nil: undefined }),
      weight: fc.option(fc.double({ min: 0.1, max: 3, noNaN: true }), { nil: undefined }),
      minimumLevel: fc.option(
        fc.constantFrom("none" as const, "low" as const, "medium" as const, "high" as const),
        {
          nil: undefined,
        },
      ),
      minimumAmount: fc.option(fc.constantFrom(0, 500, 12_000), { nil: undefined }),
      horizonDays: fc.option(fc.constantFrom(1, 30, 90, 365), { nil: undefined }),
      roles: fc.option(fc.constantFrom(["buyer"], ["directora", "head"], ["vp", "vice president"]), {
        nil: undefined,
      }),
    }),
    { minLength: 1, maxLength: 9 },
  )
  .chain((specs) =>
    fc
      .oneof(
        fc.integer({ min: 1, max: specs.length }).map((count) => ({ kind: "at_least" as const, count })),
        fc.constant({ kind: "all_required" as const }),
        fc
          .double({ min: 0.01, max: 1, noNaN: true })
          .map((threshold) => ({ kind: "weighted" as const, threshold })),
      )
      .map((rule) =>
        parseFramework({
          id: "judged",
          names: { en: "Judged", es: "Juzgado" },
          criteria: specs.map((spec, i) => {
            const parameter =
              spec.evidence === "level" && spec.minimumLevel !== undefined
                ? { minimumLevel: spec.minimumLevel }
                : spec.evidence === "amount" && spec.minimumAmount !== undefined
                  ? { minimumAmount: spec.minimumAmount }
                  : spec.evidence === "date" && spec.horizonDays !== undefined
                    ? { horizonDays: spec.horizonDays }
                    : spec.evidence === "role" && spec.roles !== undefined
                      ? { roles: spec.roles }
                      : {};
            return {
              id: `c${i}`,
              labels: { en: `C${i}`, es: `C${i}` },
              questions: { en: [`Q${i}?`], es: [`¿P${i}?`] },
              evidence: spec.evidence,
              ...parameter,
              ...(spec.required === undefined ? {} : { required: spec.required }),
              ...(spec.weight === undefined ? {} : { weight: spec.weight }),
            };
          }),
          rule,
        }),
      ),
  );

const typedAnswerArb = (criterion: QualificationCriterion): fc.Arbitrary<CriterionAnswer> => {
  switch (criterion.evidence) {
    case "yes_no":
      return fc.boolean();
    case "level":
      return fc.constantFrom("none", "low", "medium", "high");
    case "amount":
      return fc.oneof(
        fc.constantFrom(0, -1, 499.99, 500, 11_999, 12_000, 40_000),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
      );
    case "date": {
      // Days from `now` (or from the start of its day), give or take a millisecond, often the
      // horizons used here, so deadlines land on the window's edges.
      const startOfNowDay = startOfDay(now).getTime();
      const near = fc
        .tuple(
          fc.oneof(
            { arbitrary: fc.constantFrom(0, 1, 30, 90, 365), weight: 3 },
            { arbitrary: fc.integer({ min: -3, max: 400 }), weight: 1 },
          ),
          fc.constantFrom(-1, 0, 1),
          fc.constantFrom(now.getTime(), startOfNowDay),
        )
        .map(([days, ms, from]) => new Date(from + days * 86_400_000 + ms));
      return fc.oneof(
        near,
        near.map((date) => date.toISOString().slice(0, 10)),
      );
    }
    case "role":
      return fc.oneof(titleArb, fc.string());
    case "text":
      return fc.oneof(fc.constantFrom("", "  ", "ok"), fc.string());
  }
};

const singleItemEvidenceArb = (framework: QualificationFramework): fc.Arbitrary<CriterionEvidence[]> =>
  fc.shuffledSubarray([...framework.criteria]).chain((criteria) =>
    fc.tuple(
      ...criteria.map((criterion) =>
        fc.record(
          {
            criterionId: fc.constant(criterion.id),
            status: fc.constantFrom(...CRITERION_STATUSES),
            answer: typedAnswerArb(criterion),
            at: fc.date({ noInvalidDate: true }),
            source: fc.constantFrom("research" as const, "conversation" as const),
          },
          { requiredKeys: ["criterionId", "source"] },
        ),
      ),
    ),
  );

const judgeOptionsArb = fc.record(
  {
    now: fc.constantFrom(now, now, new Date("2026-12-31T23:30:00Z")),
    priceRange: fc.constantFrom({ min: 12_000 }, { min: 500, max: 40_000 }, { min: 0 }),
    horizonDays: fc.constantFrom(1, 30, 90, 365),
  },
  { requiredKeys: ["now"] },
);

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
  const result = evaluateQualification(compileFramework(framework), evidence, { now });
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
          const result = evaluateQualification(compileFramework(framework), evidence, {
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
          const full = evaluateQualification(compileFramework(framework), evidence, options);
          const verdict = evaluateQualificationVerdict(compileFramework(framework), evidence, options);
          if (full.ok) expect(verdict).toEqual({ ok: true, value: full.value.verdict });
          else expect(verdict).toEqual(full);
        },
      ),
      { numRuns: 400 },
    );
  });

  it("the verdict-only evaluation agrees with the full evaluation on well-typed evidence, one item per criterion", () => {
    fc.assert(
      fc.property(
        fc
          .oneof(builtinArb, judgedFrameworkArb)
          .chain((f) => fc.tuple(fc.constant(f), singleItemEvidenceArb(f))),
        judgeOptionsArb,
        ([framework, evidence], options) => {
          const full = evaluateQualification(compileFramework(framework), evidence, options);
          expect(full.ok).toBe(true);
          expect(evaluateQualificationVerdict(compileFramework(framework), evidence, options)).toEqual({
            ok: true,
            value: full.ok && full.value.verdict,
          });
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("the one-pass breakdown is the general evidence pass's, item for item, on any evidence", () => {
    fc.assert(
      fc.property(
        fc
          .oneof(builtinArb, judgedFrameworkArb, frameworkArb)
          .chain((f) => fc.tuple(fc.constant(f), fc.oneof(singleItemEvidenceArb(f), evidenceArb(f)))),
        judgeOptionsArb,
        fc.constantFrom("en" as const, "es" as const),
        ([framework, evidence], judgeOptions, language) => {
          const compiled = compileFramework(framework);
          const options = { ...judgeOptions, language };
          expect(evaluateQualification(compiled, evidence, options)).toStrictEqual(
            evaluateQualificationPlain(compiled, evidence, options),
          );
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("the verdict-only evaluation judges any answer as judgeCriterionAnswer does (one criterion, 1 of 1)", () => {
    const byStatus = { met: "qualified", not_met: "disqualified", unknown: "needs_information" } as const;
    fc.assert(
      fc.property(
        judgedFrameworkArb.chain((f) => {
          const criterion = f.criteria[0] as QualificationCriterion;
          const framework = { ...f, criteria: [criterion], rule: { kind: "at_least" as const, count: 1 } };
          return fc.tuple(
            fc.constant(framework),
            fc.oneof({ arbitrary: typedAnswerArb(criterion), weight: 4 }, answerArb, titleArb),
          );
        }),
        judgeOptionsArb,
        ([framework, answer], options) => {
          const criterion = framework.criteria[0] as QualificationCriterion;
          const judged = judgeCriterionAnswer(criterion, answer, options);
          const verdict = evaluateQualificationVerdict(
            compileFramework(framework),
            [{ criterionId: criterion.id, answer, source: "research" }],
            options,
          );
          if (judged.ok) expect(verdict).toEqual({ ok: true, value: byStatus[judged.value.status] });
          else expect(verdict.ok).toBe(false);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("evaluation is deterministic: the same inputs give equal results", () => {
    fc.assert(
      fc.property(
        anyFrameworkArb.chain((f) => fc.tuple(fc.constant(f), evidenceArb(f))),
        ([framework, evidence]) => {
          const first = evaluateQualification(compileFramework(framework), evidence, { now });
          const second = evaluateQualification(
            compileFramework(structuredClone(framework)),
            structuredClone(evidence),
            {
              now,
            },
          );
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

  it("the rule's sentence states the counts, when remembered from an earlier lead too", () => {
    fc.assert(
      fc.property(
        frameworkArb.chain((f) =>
          fc.tuple(fc.constant(f), fc.array(statusesArb(f), { minLength: 2, maxLength: 6 })),
        ),
        ([framework, leads]) => {
          for (const statuses of leads) {
            const count = (s: CriterionStatus) => statuses.filter((x) => x === s).length;
            const record = Object.fromEntries(
              framework.criteria.map((c, i) => [c.id, statuses[i] ?? "unknown"]),
            );
            const n = framework.criteria.length;
            const { rule } = framework;
            const expected =
              rule.kind === "at_least"
                ? `${count("met")} of ${n} criteria met (${count("unknown")} unknown); the rule needs ${rule.count}.`
                : rule.kind === "all_required"
                  ? `${count("met")} of ${n} criteria met (${count("not_met")} not met, ${count("unknown")} unknown); every criterion is required.`
                  : undefined;
            if (expected !== undefined)
              expect(decideQualificationVerdict(framework, record).reasons).toContain(expected);
          }
        },
      ),
      { numRuns: 300 },
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

  it("missing lists the unknown criteria (required, then heavier, then in order), and the next questions are theirs, cut at maxQuestions", () => {
    fc.assert(
      fc.property(
        anyFrameworkArb.chain((f) =>
          fc.tuple(
            fc.constant(f),
            evidenceArb(f),
            fc.constantFrom("en" as const, "es" as const),
            fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
          ),
        ),
        ([framework, evidence, language, maxQuestions]) => {
          const result = evaluateQualification(compileFramework(framework), evidence, {
            now,
            language,
            priceRange: { min: 100 },
            ...(maxQuestions === undefined ? {} : { maxQuestions }),
          });
          if (!result.ok) return;
          const { criteria, missing, nextQuestions, verdict } = result.value;
          const unknown = criteria
            .map((outcome, index) => ({ outcome, index }))
            .filter(({ outcome }) => outcome.status === "unknown")
            .sort(
              (a, b) =>
                Number(b.outcome.required) - Number(a.outcome.required) ||
                b.outcome.weight - a.outcome.weight ||
                a.index - b.index,
            );
          expect(missing).toEqual(unknown.map(({ outcome }) => outcome.criterionId));
          const questions = unknown.flatMap(({ index }) => {
            const criterion = framework.criteria[index] as QualificationCriterion;
            return criterion.questions[language].map((question) => ({
              criterionId: criterion.id,
              label: criterion.labels[language],
              question,
            }));
          });
          const limit = verdict === "disqualified" ? 0 : (maxQuestions ?? questions.length);
          expect(nextQuestions).toEqual(questions.slice(0, limit));
        },
      ),
      { numRuns: 400 },
    );
  });

  it("an ideal customer profile has issues exactly when its schema refuses it, however often it is checked", () => {
    const words = fc.oneof(
      fc.constantFrom("software", " retail ", "  ", "", "x".repeat(2_001)),
      fc.string({ maxLength: 6 }),
      fc.integer(),
    );
    const list = <T>(item: fc.Arbitrary<T>) =>
      fc.oneof(fc.array(item, { maxLength: 3 }), fc.constant(null), fc.string({ maxLength: 3 }));
    const profileArb = fc.oneof(
      fc.record(
        {
          industries: list(words),
          excludedIndustries: list(words),
          companySizes: list(fc.constantFrom("1-10", "51-200", "huge", 3)),
          countries: list(fc.constantFrom("ES", "PT", "es", "ESP", "E", "ÉS")),
          roles: list(words),
          excludedRoles: list(words),
          unexpected: fc.constant(1),
        },
        { requiredKeys: [] },
      ),
      fc.jsonValue(),
    );
    fc.assert(
      fc.property(profileArb, (icp) => {
        const valid = idealCustomerProfileSchema.safeParse(icp).success;
        for (let call = 0; call < 2; call++) {
          const result = evaluateQualificationVerdict(compileFramework(QUALIFICATION_FRAMEWORKS.bant), [], {
            now,
            icp: icp as IdealCustomerProfile,
          });
          expect(result.ok).toBe(valid);
          if (!result.ok) expect(result.issues[0]?.path[0]).toBe("icp");
        }
      }),
      { numRuns: 500 },
    );
  });
});
