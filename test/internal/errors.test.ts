import { describe, expect, it } from "vitest";
import {
  err,
  formatIssues,
  INPUT_LIMITS,
  isLeadKitError,
  issue,
  LeadKitError,
  ok,
} from "../../src/internal/index.js";

describe("LeadKitError", () => {
  it("carries a code and issues and is detected by its brand", () => {
    const problem = issue("invalid_type", ["contact", "email"], "expected string");
    const error = new LeadKitError("invalid_input", "Invalid lead", [problem]);
    expect(error.code).toBe("invalid_input");
    expect(error.issues).toEqual([problem]);
    expect(error.name).toBe("LeadKitError");
    expect(isLeadKitError(error)).toBe(true);
  });

  it("is recognised across copies of the library through Symbol.for, not instanceof", () => {
    const fromAnotherCopy = Object.assign(new Error("x"), { code: "invalid_input", issues: [] });
    Object.defineProperty(fromAnotherCopy, Symbol.for("leadkit.error"), { value: true });
    expect(isLeadKitError(fromAnotherCopy)).toBe(true);
    expect(isLeadKitError(new Error("plain"))).toBe(false);
    expect(isLeadKitError(null)).toBe(false);
    expect(isLeadKitError("LeadKitError")).toBe(false);
  });
});

describe("Result helpers", () => {
  it("builds both branches", () => {
    expect(ok(1)).toEqual({ ok: true, value: 1 });
    expect(err([issue("x", [], "m")])).toEqual({
      ok: false,
      issues: [{ code: "x", path: [], message: "m" }],
    });
  });

  it("formats issues with their paths, five at most", () => {
    const many = Array.from({ length: 7 }, (_, i) => issue("c", ["items", i], `bad ${i}`));
    const text = formatIssues("Invalid batch", many);
    expect(text).toContain("items.0: bad 0");
    expect(text).toContain("(and 2 more)");
    expect(formatIssues("Invalid", [issue("c", [], "whole input")])).toBe("Invalid: whole input");
  });
});

describe("one code per failure", () => {
  const codeOf = (run: () => unknown): string | undefined => {
    try {
      run();
    } catch (error) {
      return isLeadKitError(error) ? error.code : "not a LeadKitError";
    }
    return undefined;
  };

  it("every parse twin throws invalid_input, every builder invalid_definition", async () => {
    const model = await import("../../src/model/index.js");
    const origin = await import("../../src/origin/index.js");
    const lifecycle = await import("../../src/lifecycle/index.js");
    const qualification = await import("../../src/qualification/index.js");
    const scoring = await import("../../src/scoring/index.js");
    const parses = [
      model.parseLead,
      model.parseContact,
      model.parseInteraction,
      origin.parseOriginRuleTable,
      origin.parseSharingPolicy,
      lifecycle.parseLifecycleDefinition,
      qualification.parseFramework,
      scoring.parsePointsModel,
      scoring.parsePredictiveStats,
    ];
    for (const parse of parses) expect(codeOf(() => parse({ nonsense: true }))).toBe("invalid_input");
    const builders = [
      () => origin.compileOriginRules({ rules: [] } as never),
      () => origin.compileSharingPolicy({ managers: [""] } as never),
      () => lifecycle.compileLifecycle({ id: "x" } as never),
      () => scoring.compilePointsModel({ id: "m" } as never),
      () => scoring.createPredictiveSetup({}, scoring.leadPredictiveAdapter),
    ];
    for (const build of builders) expect(codeOf(build)).toBe("invalid_definition");
    // A configuration given where its compiled form is expected is malformed data: invalid_input.
    const uncompiled = [
      () =>
        origin.classifyOrigin(origin.DEFAULT_ORIGIN_RULES as never, {
          channel: "call",
          initiator: { kind: "contact" },
        }),
      () => origin.isTeamMember(origin.DEFAULT_SHARING_POLICY as never, "u-ana"),
      () => scoring.scoreLead(scoring.DEFAULT_POINTS_MODEL as never, {} as never, new Date()),
      () => scoring.explainScore(scoring.DEFAULT_POINTS_MODEL as never, {} as never, new Date()),
    ];
    for (const use of uncompiled) expect(codeOf(use)).toBe("invalid_input");
  });

  it("caps the issues a parse throws with", async () => {
    const { safeParseLead } = await import("../../src/model/index.js");
    const result = safeParseLead({ interactions: Array.from({ length: 500 }, () => ({})) });
    expect(result.ok || result.issues.length).toBe(INPUT_LIMITS.issues + 1);
  });
});
