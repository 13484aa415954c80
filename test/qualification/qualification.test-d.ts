import { describe, expectTypeOf, it } from "vitest";
import type { Result } from "../../src/internal/index.js";
import {
  BANT,
  type BuiltinFrameworkId,
  type CompiledFramework,
  type CriterionEvidence,
  compileFramework,
  evaluateQualification,
  QUALIFICATION_FRAMEWORKS,
  type QualificationCriterion,
  type QualificationEvidence,
  type QualificationFramework,
  type QualificationResult,
  type QualificationVerdict,
} from "../../src/qualification/index.js";

const now = new Date();

describe("qualification types", () => {
  it("evaluation returns a Result of a QualificationResult", () => {
    expectTypeOf(evaluateQualification(compileFramework(BANT), [], { now })).toEqualTypeOf<
      Result<QualificationResult>
    >();
  });

  it("the lifecycle evidence has exactly the agreed shape", () => {
    expectTypeOf<QualificationEvidence>().toEqualTypeOf<{
      readonly kind: "qualification";
      readonly frameworkId: string;
      readonly verdict: "qualified" | "disqualified" | "needs_information";
      readonly at: Date;
    }>();
    expectTypeOf<QualificationResult["evidence"]>().toEqualTypeOf<QualificationEvidence>();
    expectTypeOf<QualificationVerdict>().toEqualTypeOf<"qualified" | "disqualified" | "needs_information">();
  });

  it("criteria are a union tagged by evidence kind, with kind-specific parameters", () => {
    expectTypeOf<Extract<QualificationCriterion, { evidence: "amount" }>["minimumAmount"]>().toEqualTypeOf<
      number | undefined
    >();
    const criterion = BANT.criteria[0] as QualificationCriterion;
    if (criterion.evidence === "role")
      expectTypeOf(criterion.roles).toEqualTypeOf<readonly string[] | undefined>();
    // @ts-expect-error: a yes/no criterion has no minimum level
    const bad: QualificationCriterion = { ...criterion, evidence: "yes_no", minimumLevel: "high" };
    void bad;
  });

  it("frameworks, evidence and options are read-only and checked", () => {
    // @ts-expect-error: frameworks are read-only
    BANT.criteria.push(BANT.criteria[0] as QualificationCriterion);
    // @ts-expect-error: only English and Spanish are shipped
    evaluateQualification(compileFramework(BANT), [], { now, language: "fr" });
    // @ts-expect-error: the source must be research or conversation
    const evidence: CriterionEvidence = { criterionId: "budget", source: "email" };
    void evidence;
    // @ts-expect-error: now is required — time is a parameter
    evaluateQualification(compileFramework(BANT), [], {});
    expectTypeOf(QUALIFICATION_FRAMEWORKS).toEqualTypeOf<
      Readonly<Record<BuiltinFrameworkId, QualificationFramework>>
    >();
  });
});

describe("a compiled framework is a plain value", () => {
  it("a spread copy is still a compiled framework", () => {
    const copy = { ...compileFramework(BANT), id: "bant-copy" };
    expectTypeOf(copy).toExtend<CompiledFramework>();
    expectTypeOf(evaluateQualification(copy, [], { now })).toEqualTypeOf<Result<QualificationResult>>();
  });

  it("a definition is not a compiled framework: compile it first", () => {
    // @ts-expect-error a framework definition has no plan; pass it to compileFramework
    evaluateQualification(BANT, [], { now });
  });
});
