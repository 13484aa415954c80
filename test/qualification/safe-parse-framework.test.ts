import { describe, expect, it } from "vitest";
import { isLeadKitError } from "../../src/internal/index.js";
import { BANT, parseFramework, safeParseFramework } from "../../src/qualification/index.js";

const plain = () => JSON.parse(JSON.stringify(BANT));

describe("safeParseFramework", () => {
  it("accepts a custom framework written as JSON, with a $schema pointer", () => {
    const result = safeParseFramework({
      $schema: "./framework.schema.json",
      id: "saas_fit",
      names: { en: "SaaS fit", es: "Encaje SaaS" },
      criteria: [
        {
          id: "seats",
          labels: { en: "Seats", es: "Puestos" },
          questions: { en: ["How many people will use it?"], es: ["¿Cuántas personas lo usarán?"] },
          evidence: "amount",
          minimumAmount: 10,
          required: true,
        },
      ],
      rule: { kind: "all_required" },
    });
    expect(result.ok).toBe(true);
  });

  it("reports a duplicate criterion id at the second occurrence", () => {
    const input = plain();
    input.criteria.push(input.criteria[1]);
    const result = safeParseFramework(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([
      expect.objectContaining({ code: "duplicate_criterion_id", path: ["criteria", 4, "id"] }),
    ]);
    expect(result.issues[0]?.message).toContain('"authority"');
  });

  it("reports an impossible rule: 5 of 4", () => {
    const result = safeParseFramework({ ...plain(), rule: { kind: "at_least", count: 5 } });
    expect(!result.ok && result.issues).toEqual([
      expect.objectContaining({ code: "impossible_rule", path: ["rule", "count"] }),
    ]);
    expect(!result.ok && result.issues[0]?.message).toMatch(/5 of 4.*from 1 to 4/);
  });

  it("reports a weight for a criterion the framework does not have", () => {
    const result = safeParseFramework({
      ...plain(),
      rule: { kind: "weighted", threshold: 0.5, weights: { bugdet: 2 } },
    });
    expect(!result.ok && result.issues).toEqual([
      expect.objectContaining({ code: "unknown_criterion", path: ["rule", "weights", "bugdet"] }),
    ]);
  });

  it("rejects unknown keys, unknown evidence kinds and out-of-range thresholds with paths", () => {
    const input = plain();
    input.criteria[0].weigth = 2;
    input.criteria[2].evidence = "vibes";
    const result = safeParseFramework({ ...input, rule: { kind: "weighted", threshold: 1.5 } });
    expect(result.ok).toBe(false);
    const paths = result.ok ? [] : result.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["criteria.0", "criteria.2.evidence", "rule.threshold"]));
  });

  it("rejects a framework without criteria or questions", () => {
    expect(safeParseFramework({ ...plain(), criteria: [] }).ok).toBe(false);
    const input = plain();
    input.criteria[0].questions.es = [];
    const result = safeParseFramework(input);
    expect(!result.ok && result.issues[0]?.path).toEqual(["criteria", 0, "questions", "es"]);
  });

  it("never throws, whatever it is given", () => {
    for (const input of [undefined, null, 42, "bant", [], { id: "x" }])
      expect(safeParseFramework(input).ok).toBe(false);
  });

  it("does not mutate its input", () => {
    const input = Object.freeze(plain());
    const before = JSON.stringify(input);
    safeParseFramework(input);
    expect(JSON.stringify(input)).toBe(before);
  });
});

describe("parseFramework", () => {
  it("returns the framework when valid", () => {
    expect(parseFramework(plain())).toEqual(BANT);
  });

  it("throws a LeadKitError with code invalid_input and every issue", () => {
    try {
      parseFramework({ ...plain(), rule: { kind: "at_least", count: 9 } });
      expect.unreachable();
    } catch (error) {
      expect(isLeadKitError(error)).toBe(true);
      if (!isLeadKitError(error)) return;
      expect(error.code).toBe("invalid_input");
      expect(error.issues.map((i) => i.code)).toEqual(["impossible_rule"]);
      expect(error.message).toContain("rule.count");
    }
  });
});
