import { addDays, startOfDay } from "date-fns";
import { describe, expect, it } from "vitest";
import {
  BANT,
  CHAMP,
  type CriterionEvidence,
  compileFramework,
  decideQualificationVerdict,
  evaluateQualification,
  evaluateQualificationVerdict,
  GPCTBA_CI,
  MEDDIC,
  type QualificationFramework,
  type QualificationResult,
} from "../../src/qualification/index.js";
import { deepFreeze } from "../support/deep-freeze.js";

const now = new Date("2026-03-01T10:00:00Z");
const options = { now, priceRange: { min: 12_000 } };

const strong: CriterionEvidence[] = [
  { criterionId: "budget", answer: 30_000, source: "conversation" },
  { criterionId: "authority", answer: "CFO", source: "research" },
  { criterionId: "need", answer: "high", source: "conversation" },
  { criterionId: "timeline", answer: new Date("2026-04-15T00:00:00Z"), source: "conversation" },
];

type Tail<T extends readonly unknown[]> = T extends readonly [unknown, ...infer R] ? R : never;

function evaluate(
  framework: QualificationFramework,
  ...args: Tail<Parameters<typeof evaluateQualification>>
): QualificationResult {
  const result = evaluateQualification(compileFramework(framework), ...args);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
}

describe("evaluateQualification with BANT (3 of 4)", () => {
  it("qualifies a lead meeting all four criteria and says nothing is missing", () => {
    const result = evaluate(BANT, strong, options);
    expect(result.verdict).toBe("qualified");
    expect(result.missing).toEqual([]);
    expect(result.nextQuestions).toEqual([]);
    expect(result.criteria.map((c) => c.status)).toEqual(["met", "met", "met", "met"]);
  });

  it("qualifies with 3 of 4 met and still suggests questions for the unknown one", () => {
    const result = evaluate(BANT, strong.slice(0, 3), options);
    expect(result.verdict).toBe("qualified");
    expect(result.missing).toEqual(["timeline"]);
    expect(result.nextQuestions[0]?.question).toBe(
      "What is your expected timeframe for implementing a solution like ours?",
    );
  });

  it("needs information with 2 met and 2 unknown, and asks in order, in Spanish", () => {
    const result = evaluate(BANT, strong.slice(0, 2), { ...options, language: "es" });
    expect(result.verdict).toBe("needs_information");
    expect(result.missing).toEqual(["need", "timeline"]);
    expect(result.nextQuestions.map((q) => q.criterionId)).toEqual([
      "need",
      "need",
      "need",
      "timeline",
      "timeline",
      "timeline",
    ]);
    expect(result.nextQuestions[0]).toEqual({
      criterionId: "need",
      label: "Necesidad",
      question: "¿Qué retos o problemas concretos quiere resolver?",
    });
    expect(result.reasons[0]).toBe("Se cumplen 2 de 4 criterios (desconocidos: 2); la regla exige 3.");
  });

  it("disqualifies once two criteria fail, and stops suggesting questions", () => {
    const result = evaluate(
      BANT,
      [
        { criterionId: "budget", answer: 2_000, source: "conversation" },
        { criterionId: "authority", answer: "Intern", source: "conversation" },
      ],
      options,
    );
    expect(result.verdict).toBe("disqualified");
    expect(result.nextQuestions).toEqual([]);
    expect(result.criteria[0]?.reason).toBe("Amount 2000 is below the entry price, 12000.");
  });

  it("limits the number of next questions", () => {
    expect(evaluate(BANT, [], { ...options, maxQuestions: 2 }).nextQuestions).toHaveLength(2);
  });

  it("exposes the value the lifecycle's lead → prospect guard accepts", () => {
    const result = evaluate(BANT, strong, options);
    expect(result.evidence).toEqual({
      kind: "qualification",
      frameworkId: "bant",
      verdict: "qualified",
      at: now,
    });
  });
});

describe("evidence handling", () => {
  it("lets the latest evidence decide: research first, then the conversation", () => {
    const result = evaluate(
      BANT,
      [
        {
          criterionId: "authority",
          answer: "CEO",
          source: "conversation",
          at: new Date("2026-02-20T00:00:00Z"),
        },
        {
          criterionId: "authority",
          answer: "Analyst",
          source: "research",
          at: new Date("2026-02-01T00:00:00Z"),
        },
      ],
      options,
    );
    expect(result.criteria[1]?.status).toBe("met");
    expect(result.criteria[1]?.evidence?.source).toBe("conversation");
  });

  it("lets the later of two undated pieces of evidence decide", () => {
    const result = evaluate(
      BANT,
      [
        { criterionId: "need", answer: "low", source: "research" },
        { criterionId: "need", answer: "high", source: "conversation" },
      ],
      options,
    );
    expect(result.criteria[2]?.status).toBe("met");
  });

  it("keeps who recorded it, when, the note and the source in the breakdown", () => {
    const item: CriterionEvidence = {
      criterionId: "budget",
      answer: 20_000,
      note: "Approved in the Q2 plan",
      recordedBy: "u-ana",
      at: new Date("2026-02-27T09:00:00Z"),
      source: "conversation",
    };
    expect(evaluate(BANT, [item], options).criteria[0]?.evidence).toEqual(item);
  });

  it("lets an explicit status win over the answer, and says both", () => {
    const result = evaluate(
      BANT,
      [{ criterionId: "budget", answer: 5_000, status: "met", note: "Will stretch", source: "conversation" }],
      options,
    );
    expect(result.criteria[0]?.status).toBe("met");
    expect(result.criteria[0]?.reason).toBe("Recorded as met. Amount 5000 is below the entry price, 12000.");
  });

  it("accepts a status without an answer", () => {
    const result = evaluate(BANT, [{ criterionId: "need", status: "not_met", source: "research" }], options);
    expect(result.criteria[2]).toMatchObject({ status: "not_met", reason: "Recorded as not met." });
  });

  it("treats evidence with neither answer nor status as no evidence", () => {
    const result = evaluate(BANT, [{ criterionId: "need", note: "Call back", source: "research" }], options);
    expect(result.criteria[2]).toMatchObject({ status: "unknown", reason: "No evidence yet." });
  });

  it("returns an issue with its path for evidence about an unknown criterion", () => {
    const result = evaluateQualification(
      compileFramework(BANT),
      [...strong, { criterionId: "champion", answer: true, source: "conversation" }],
      options,
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues).toEqual([
      expect.objectContaining({ code: "unknown_criterion", path: ["evidence", 4, "criterionId"] }),
    ]);
    expect(!result.ok && result.issues[0]?.message).toContain(
      "expected one of budget, authority, need, timeline",
    );
  });

  it("returns an issue with its path for an answer of the wrong type", () => {
    const result = evaluateQualification(
      compileFramework(BANT),
      [{ criterionId: "timeline", answer: true, source: "conversation" }],
      options,
    );
    expect(!result.ok && result.issues).toEqual([
      expect.objectContaining({ code: "invalid_answer", path: ["evidence", 0, "answer"] }),
    ]);
  });

  it("does not mutate the framework, the evidence or the options", () => {
    const evidence = deepFreeze(structuredClone(strong));
    const opts = deepFreeze({ ...options, icp: { countries: ["ES"] }, contact: { country: "ES" } });
    const before = structuredClone(evidence);
    expect(() =>
      evaluateQualification(compileFramework(deepFreeze(structuredClone(BANT))), evidence, opts),
    ).not.toThrow();
    expect(evidence).toEqual(before);
  });

  it("returns equal results for equal inputs", () => {
    expect(evaluate(BANT, strong.slice(1), options)).toEqual(evaluate(BANT, strong.slice(1), options));
  });
});

describe("ideal customer profile", () => {
  const icp = { companySizes: ["51-200", "201-500"], countries: ["ES"] } as const;

  it("disqualifies an otherwise qualified lead outside the profile, saying why first", () => {
    const result = evaluate(BANT, strong, {
      ...options,
      icp,
      contact: { companySize: "1-10", country: "ES" },
    });
    expect(result.verdict).toBe("disqualified");
    expect(result.reasons[0]).toBe(
      "Outside the ideal customer profile. Company size 1-10 is not one of 51-200, 201-500.",
    );
    expect(result.icp?.fits).toBe(false);
    expect(result.evidence.verdict).toBe("disqualified");
  });

  it("keeps the verdict for a lead inside the profile or with unknown facts", () => {
    expect(evaluate(BANT, strong, { ...options, icp, contact: { companySize: "51-200" } }).verdict).toBe(
      "qualified",
    );
    expect(evaluate(BANT, strong, { ...options, icp }).icp?.checks.map((c) => c.outcome)).toEqual([
      "unknown",
      "unknown",
    ]);
  });
});

describe("other rules", () => {
  it("CHAMP disqualifies when its required challenges are not met, even with 3 of 4", () => {
    const result = evaluate(
      CHAMP,
      [
        { criterionId: "challenges", answer: "low", source: "conversation" },
        { criterionId: "authority", answer: "CEO", source: "conversation" },
        { criterionId: "money", answer: 50_000, source: "conversation" },
        { criterionId: "prioritization", answer: "high", source: "conversation" },
      ],
      options,
    );
    expect(result.verdict).toBe("disqualified");
    expect(result.reasons).toContain("Required criterion Challenges is not met.");
  });

  it("CHAMP asks about its required criterion first and waits for it", () => {
    const result = evaluate(
      CHAMP,
      [
        { criterionId: "authority", answer: "CEO", source: "conversation" },
        { criterionId: "money", answer: 50_000, source: "conversation" },
        { criterionId: "prioritization", answer: "high", source: "conversation" },
      ],
      options,
    );
    expect(result.verdict).toBe("needs_information");
    expect(result.missing).toEqual(["challenges"]);
    expect(result.reasons).toContain("Required criterion Challenges is still unknown.");
  });

  it("MEDDIC needs every criterion", () => {
    const all = MEDDIC.criteria.map((c) => c.id);
    const met = Object.fromEntries(all.map((id) => [id, "met" as const]));
    expect(decideQualificationVerdict(MEDDIC, met).verdict).toBe("qualified");
    expect(decideQualificationVerdict(MEDDIC, { ...met, champion: "unknown" }).verdict).toBe(
      "needs_information",
    );
    expect(decideQualificationVerdict(MEDDIC, { ...met, champion: "not_met" }).verdict).toBe("disqualified");
  });

  it("GPCTBA/C&I weighs challenges, budget and authority double against a 70 % threshold", () => {
    const heavy = { challenges: "met", budget: "met", authority: "met", timeline: "met" } as const;
    // 7 of 11: one more unit of weight is needed.
    expect(decideQualificationVerdict(GPCTBA_CI, heavy).verdict).toBe("needs_information");
    expect(decideQualificationVerdict(GPCTBA_CI, { ...heavy, goals: "met" }).verdict).toBe("qualified");
    const result = decideQualificationVerdict(GPCTBA_CI, { challenges: "not_met", budget: "not_met" }, "es");
    expect(result.verdict).toBe("disqualified");
    expect(result.reasons[0]).toBe(
      "Peso cumplido 0 % (como mucho 63.6 % con los desconocidos); el umbral es 70 %.",
    );
    const breakdown = evaluate(GPCTBA_CI, [], options).criteria.map((c) => c.weight);
    expect(breakdown).toEqual([1, 1, 2, 1, 2, 2, 1, 1]);
  });

  it("orders missing criteria by weight under a weighted rule", () => {
    expect(evaluate(GPCTBA_CI, [], options).missing.slice(0, 3)).toEqual([
      "challenges",
      "budget",
      "authority",
    ]);
  });
});

describe("evaluateQualificationVerdict", () => {
  const verdictOf = (items: readonly CriterionEvidence[], opts = options) => {
    const full = evaluateQualification(compileFramework(BANT), items, opts);
    return {
      full: full.ok ? { ok: true, value: full.value.verdict } : full,
      only: evaluateQualificationVerdict(compileFramework(BANT), items, opts),
    };
  };

  it("judges deadlines on the horizon's edges as the full evaluation does", () => {
    const startOfToday = startOfDay(now).getTime();
    const horizonEnd = addDays(now, 90).getTime();
    const edges = [startOfToday - 1, startOfToday, horizonEnd, horizonEnd + 1];
    const verdicts = edges.map((time) => {
      const items = [
        ...strong.slice(0, 2),
        { criterionId: "timeline", answer: new Date(time), source: "research" as const },
      ];
      const { full, only } = verdictOf(items);
      expect(only).toEqual(full);
      return only.ok && only.value;
    });
    expect(verdicts).toEqual(["needs_information", "qualified", "qualified", "needs_information"]);
  });

  it("lets the latest of repeated items decide, as the full evaluation does", () => {
    const items: CriterionEvidence[] = [
      ...strong.slice(1, 3),
      { criterionId: "budget", answer: 30_000, source: "conversation", at: new Date("2026-02-20T00:00:00Z") },
      { criterionId: "budget", answer: 0, source: "research", at: new Date("2026-01-05T00:00:00Z") },
    ];
    const { full, only } = verdictOf(items);
    expect(only).toEqual({ ok: true, value: "qualified" });
    expect(only).toEqual(full);
  });

  it("returns the full evaluation's issues for evidence it cannot judge", () => {
    const items: CriterionEvidence[] = [
      { criterionId: "budget", answer: "lots", source: "conversation" },
      { criterionId: "champion", answer: true, source: "research" },
    ];
    const { full, only } = verdictOf(items);
    expect(only.ok).toBe(false);
    expect(only).toEqual(full);
  });

  it("disqualifies a contact outside the ideal customer profile before the rule", () => {
    const outside = {
      ...options,
      contact: { companySize: "1-10" as const },
      icp: { companySizes: ["51-200" as const] },
    };
    const { full, only } = verdictOf(strong, outside);
    expect(only).toEqual({ ok: true, value: "disqualified" });
    expect(only).toEqual(full);
  });
});

describe("a compiled framework keeps no state between calls", () => {
  it("checks a profile on every call: one changed after a valid call is refused", () => {
    const bant = compileFramework(BANT);
    const icp: { countries: string[] } = { countries: ["ES"] };
    const contact = { country: "ES" };
    expect(evaluateQualificationVerdict(bant, strong, { ...options, contact, icp }).ok).toBe(true);
    icp.countries[0] = "Spain";
    for (const result of [
      evaluateQualificationVerdict(bant, strong, { ...options, contact, icp }),
      evaluateQualification(bant, strong, { ...options, contact, icp }),
    ])
      expect(result.ok || result.issues[0]?.path).toEqual(["icp", "countries", 0]);
  });

  it("judges a deadline by each call's horizon, whatever the calls before asked", () => {
    const bant = compileFramework(BANT);
    const in45Days = [{ criterionId: "timeline", answer: addDays(now, 45), source: "conversation" as const }];
    const statusWith = (horizonDays: number | undefined) => {
      const result = evaluateQualification(bant, in45Days, {
        ...options,
        ...(horizonDays === undefined ? {} : { horizonDays }),
      });
      return result.ok ? result.value.criteria[3]?.status : result.issues;
    };
    for (const [horizonDays, expected] of [
      [30, "not_met"],
      [undefined, "met"],
      [60, "met"],
      [30, "not_met"],
      [44, "not_met"],
      [undefined, "met"],
    ] as const)
      expect(statusWith(horizonDays)).toBe(expected);
  });

  it("shares what does not depend on the lead as frozen values, and gives each result its own breakdown", () => {
    const bant = compileFramework(BANT);
    const a = evaluate(BANT, [], options);
    const first = evaluateQualification(bant, [], options);
    const second = evaluateQualification(bant, [strong[0] as CriterionEvidence], options);
    if (!first.ok || !second.ok) throw new Error("expected results");
    expect(Object.isFrozen(first.value.missing)).toBe(true);
    expect(Object.isFrozen(first.value.nextQuestions)).toBe(true);
    expect(first.value.criteria).not.toBe(second.value.criteria);
    expect(first.value.criteria[1]).toBe(second.value.criteria[1]);
    expect(first.value).toEqual(a);
  });
});
