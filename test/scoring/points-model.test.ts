import { describe, expect, it } from "vitest";
import { isLeadKitError } from "../../src/internal/index.js";
import {
  classifyScore,
  compilePointsModel,
  DEFAULT_POINTS_MODEL,
  explainScore,
  looksUnpronounceable,
  type PointsModel,
  parsePointsModel,
  pointsModelJsonSchema,
  safeParsePointsModel,
  scoreLead,
  scoreLeadByModels,
} from "../../src/scoring/index.js";
import { readLeadField } from "../../src/scoring/read-lead-field.js";
import { contactWith, makeLead } from "../support/make-lead.js";
import { deepFreeze, interaction, NOW, pageView } from "./fixtures.js";

const model: PointsModel = parsePointsModel({
  id: "test",
  groups: [{ id: "fit", max: 30 }, { id: "engagement" }, { id: "validity", min: -20 }],
  rules: [
    {
      id: "software",
      group: "fit",
      points: 20,
      when: [{ kind: "field_equals", field: "contact.industry", value: "Software" }],
    },
    {
      id: "big",
      group: "fit",
      points: 15,
      when: [{ kind: "field_in", field: "contact.companySize", values: ["201-500", "501-1000"] }],
    },
    {
      id: "seats",
      group: "fit",
      points: 5,
      when: [{ kind: "field_range", field: "contact.attributes.seats", min: 10, max: 100 }],
    },
    { id: "vip", group: "fit", points: 4, when: [{ kind: "tag", tag: "vip" }] },
    {
      id: "click",
      group: "engagement",
      points: 10,
      repeatable: true,
      cap: 25,
      interaction: { types: ["email_click"] },
    },
    { id: "open", group: "engagement", points: 5, interaction: { types: ["email_open"] } },
    {
      id: "recent-pricing",
      group: "engagement",
      points: 7,
      interaction: { types: ["page_view"], pageKinds: ["pricing"], within: { days: 30 } },
    },
    {
      id: "personal",
      group: "validity",
      points: -15,
      when: [{ kind: "personal_email" }],
      unless: [{ kind: "human_confirmed" }],
    },
    {
      id: "odd-name",
      group: "validity",
      points: -15,
      when: [{ kind: "unpronounceable_name" }],
      unless: [{ kind: "human_confirmed" }],
    },
    { id: "bot", group: "validity", points: -50, when: [{ kind: "bot" }] },
  ],
});

describe("scoreLead", () => {
  it("adds rule points by group and keeps the total within 0–100", () => {
    const lead = makeLead({}, contactWith({ industry: "Software", companySize: "201-500" }));
    const score = scoreLead(compilePointsModel(model), lead, NOW);
    expect(score.groups).toEqual({ fit: 30, engagement: 0, validity: 0 });
    expect(score.value).toBe(30);
    expect(score.modelId).toBe("test");
  });

  it("counts repeatable interactions up to the rule's cap, once-only ones once", () => {
    const lead = makeLead({
      interactions: [1, 2, 3, 4]
        .map((d) => interaction("email_click", d))
        .concat([interaction("email_open", 1), interaction("email_open", 2)]),
    });
    expect(scoreLead(compilePointsModel(model), lead, NOW).groups["engagement"]).toBe(25 + 5);
  });

  it("counts only interactions inside a rule's window, matching its page kind, and not after now", () => {
    const lead = makeLead({
      interactions: [
        pageView("pricing", 10),
        pageView("pricing", 40, "old"),
        pageView("product", 1),
        interaction("email_open", -5),
      ],
    });
    const explained = explainScore(compilePointsModel(model), lead, NOW);
    expect(explained.rules.map((r) => [r.ruleId, r.points])).toEqual([["recent-pricing", 7]]);
  });

  it("reads custom attributes and tags", () => {
    const lead = makeLead({ tags: ["vip"] }, contactWith({ attributes: { seats: 25 } }));
    expect(scoreLead(compilePointsModel(model), lead, NOW).groups["fit"]).toBe(9);
    expect(
      scoreLead(compilePointsModel(model), makeLead({}, contactWith({ attributes: { seats: 100 } })), NOW)
        .groups["fit"],
    ).toBe(0);
  });

  it("starts personal addresses and unpronounceable names lower until a person is confirmed", () => {
    const doubtful = makeLead({}, contactWith({ email: "xkcd@gmail.com", name: "Xkcd Qwrtzp" }));
    expect(scoreLead(compilePointsModel(model), doubtful, NOW).groups["validity"]).toBe(-20);
    const confirmed = makeLead(
      {},
      contactWith({ email: "xkcd@gmail.com", name: "Xkcd Qwrtzp", humanConfirmed: true }),
    );
    expect(scoreLead(compilePointsModel(model), confirmed, NOW).groups["validity"]).toBe(0);
  });

  it("weighs bots negatively and never goes below 0", () => {
    const bot = makeLead({}, contactWith({ kind: "bot", industry: "Software" }));
    const score = scoreLead(compilePointsModel(model), bot, NOW);
    expect(score.groups["validity"]).toBe(-20);
    expect(score.value).toBe(0);
  });

  it("accepts a compiled model and scores several models side by side", () => {
    const lead = makeLead(
      { interactions: [interaction("email_click", 1)] },
      contactWith({ industry: "Software" }),
    );
    const scores = scoreLeadByModels(
      [compilePointsModel(model), compilePointsModel(DEFAULT_POINTS_MODEL)],
      lead,
      NOW,
    );
    expect(Object.keys(scores)).toEqual(["test", "default"]);
    expect(scores["test"]?.value).toBe(30);
  });

  it("does not mutate the lead or the model", () => {
    const lead = deepFreeze(
      makeLead(
        { interactions: [interaction("email_click", 1)], tags: ["vip"] },
        contactWith({ industry: "Software" }),
      ),
    );
    const frozen = deepFreeze(structuredClone(model) as PointsModel);
    expect(() => explainScore(compilePointsModel(frozen), lead, NOW)).not.toThrow();
    expect(scoreLead(compilePointsModel(frozen), lead, NOW).value).toBe(
      scoreLead(compilePointsModel(model), lead, NOW).value,
    );
  });

  it("rejects an invalid `now`", () => {
    expect(() => scoreLead(compilePointsModel(model), makeLead(), new Date(Number.NaN))).toThrow(
      /valid Date/,
    );
  });
});

describe("decay", () => {
  const decaying = (decay: PointsModel["decay"]): PointsModel =>
    parsePointsModel({
      id: "decay",
      groups: [{ id: "engagement" }, { id: "fit" }],
      rules: [
        { id: "click", group: "engagement", points: 40, interaction: { types: ["email_click"] } },
        {
          id: "opens",
          group: "engagement",
          points: 10,
          repeatable: true,
          interaction: { types: ["email_open"] },
        },
        { id: "fit", group: "fit", points: 10 },
      ],
      decay,
    });

  it("removes a percentage per whole period elapsed (linear), never for attribute points", () => {
    const m = decaying({ kind: "linear", percent: 50, every: { months: 1 } });
    const lead = makeLead({
      interactions: [
        interaction("email_click", 45),
        interaction("email_open", 3),
        interaction("email_open", 70),
      ],
    });
    const e = explainScore(compilePointsModel(m), lead, NOW);
    const click = e.rules.find((r) => r.ruleId === "click");
    expect(click?.afterDecay).toBe(20);
    expect(click?.beforeDecay).toBe(40);
    const opens = e.rules.find((r) => r.ruleId === "opens");
    expect(opens?.occurrences).toBe(2);
    expect(opens?.afterDecay).toBe(10);
    expect(opens?.interactions.map((i) => i.factor)).toEqual([1, 0]);
    expect(e.value).toBe(40);
  });

  it("keeps the most recent match for once-only rules", () => {
    const m = decaying({ kind: "linear", percent: 25, every: { weeks: 2 } });
    const lead = makeLead({ interactions: [interaction("email_click", 40), interaction("email_click", 3)] });
    expect(explainScore(compilePointsModel(m), lead, NOW).rules[0]?.afterDecay).toBe(40);
  });

  it("drops interactions outside a look-back window", () => {
    const m = decaying({ kind: "window", within: { days: 30 } });
    const lead = makeLead({ interactions: [interaction("email_click", 31), interaction("email_open", 29)] });
    expect(scoreLead(compilePointsModel(m), lead, NOW).groups).toEqual({ engagement: 10, fit: 10 });
  });

  it("applies only to the listed groups", () => {
    const m = decaying({ kind: "window", within: { days: 1 }, groups: ["fit"] });
    const lead = makeLead({ interactions: [interaction("email_click", 300)] });
    expect(scoreLead(compilePointsModel(m), lead, NOW).value).toBe(50);
  });
});

describe("explainScore", () => {
  it("lists every rule that fired, the caps' adjustments and the parts add up", () => {
    const lead = makeLead(
      { interactions: [1, 2, 3].map((d) => interaction("email_click", d)) },
      contactWith({ industry: "Software", companySize: "501-1000", email: "x@gmail.com" }),
    );
    const e = explainScore(compilePointsModel(model), lead, NOW);
    expect(e.rules.map((r) => r.ruleId)).toEqual(["software", "big", "click", "personal"]);
    expect(e.rules.find((r) => r.ruleId === "click")).toMatchObject({
      beforeDecay: 30,
      afterDecay: 30,
      points: 25,
      occurrences: 3,
    });
    expect(e.adjustments).toEqual([{ kind: "group_cap", group: "fit", limit: 30, points: -5 }]);
    const sum = e.rules.reduce((s, r) => s + r.points, 0) + e.adjustments.reduce((s, a) => s + a.points, 0);
    expect(sum).toBe(e.value);
    expect(e.value).toBe(scoreLead(compilePointsModel(model), lead, NOW).value);
    expect(e.at).toBe(NOW);
  });

  it("records a clamp of the total", () => {
    const big = parsePointsModel({
      id: "big",
      groups: [{ id: "fit" }],
      rules: [{ id: "a", group: "fit", points: 150 }],
    });
    expect(explainScore(compilePointsModel(big), makeLead(), NOW).adjustments).toEqual([
      { kind: "total_clamp", limit: 100, points: -50 },
    ]);
  });
});

describe("points model as data", () => {
  it("reports unknown groups, duplicate ids and inconsistent rules with paths", () => {
    const result = safeParsePointsModel({
      id: "bad",
      groups: [{ id: "fit", min: 10, max: 0 }, { id: "fit" }],
      rules: [
        { id: "a", group: "nope", points: 1 },
        { id: "a", group: "fit", points: 1, repeatable: true },
      ],
      decay: { kind: "window", within: { days: 1 }, groups: ["ghost"] },
      thresholds: [{ id: "t", group: "ghost", atLeast: 1, effect: { kind: "hand_off_to_sales" } }],
      labels: [{ id: "l", group: "ghost", bands: [{ atLeast: 0, label: "x" }] }],
      grade: {
        fit: { group: "ghost", bands: [{ atLeast: 0, label: "A" }] },
        engagement: { group: "fit", bands: [{ atLeast: 0, label: "1" }] },
      },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.path.join("."))).toEqual(
      expect.arrayContaining([
        "groups.1.id",
        "groups.0",
        "rules.0.group",
        "rules.1.id",
        "rules.1.repeatable",
        "decay.groups.0",
        "thresholds.0.group",
        "labels.0.group",
        "grade.fit.group",
      ]),
    );
  });

  it("rejects unknown fields, empty durations, unordered bands and bad ranges", () => {
    const bad = (rule: unknown) =>
      safeParsePointsModel({ id: "m", groups: [{ id: "fit" }], rules: [rule] }).ok;
    expect(
      bad({
        id: "a",
        group: "fit",
        points: 1,
        when: [{ kind: "field_equals", field: "shoeSize", value: 1 }],
      }),
    ).toBe(false);
    expect(
      bad({ id: "a", group: "fit", points: 1, interaction: { types: ["email_click"], within: {} } }),
    ).toBe(false);
    expect(bad({ id: "a", group: "fit", points: 1, when: [{ kind: "field_range", field: "source" }] })).toBe(
      false,
    );
    expect(
      bad({
        id: "a",
        group: "fit",
        points: 1,
        when: [{ kind: "field_range", field: "source", min: 3, max: 1 }],
      }),
    ).toBe(false);
    expect(bad({ id: "a", group: "fit", points: 1, interaction: { types: ["custom:trial_started"] } })).toBe(
      true,
    );
    expect(
      safeParsePointsModel({
        id: "m",
        groups: [{ id: "fit" }],
        rules: [],
        labels: [
          {
            id: "x",
            bands: [
              { atLeast: 0, label: "a" },
              { atLeast: 5, label: "b" },
            ],
          },
        ],
      }).ok,
    ).toBe(false);
  });

  it("throws invalid_definition when compiling an invalid model", () => {
    try {
      compilePointsModel({ id: "m", groups: [], rules: [] } as unknown as PointsModel);
      expect.unreachable();
    } catch (error) {
      expect(isLeadKitError(error) && error.code).toBe("invalid_definition");
    }
    expect(() => parsePointsModel({})).toThrow(/Invalid points model/);
  });

  it("exports a JSON Schema", () => {
    const schema = pointsModelJsonSchema();
    expect(schema["type"]).toBe("object");
    expect(JSON.stringify(schema)).toContain("field_range");
  });

  it("ships a valid default model, as docs/scoring.md describes it", () => {
    expect(safeParsePointsModel(DEFAULT_POINTS_MODEL).ok).toBe(true);
    const points = (id: string) => DEFAULT_POINTS_MODEL.rules.find((r) => r.id === id)?.points ?? 0;
    expect(points("email-click")).toBeGreaterThan(points("email-open"));
    expect(points("email-open")).toBeGreaterThan(points("newsletter-subscribe"));
    for (const id of ["social-like", "social-comment", "social-share", "social-link-click"])
      expect(points(id)).toBeGreaterThan(0);
  });
});

describe("points model messages", () => {
  it("name at most twenty known groups, so a thousand bad references stay cheap to report", () => {
    const groups = Array.from({ length: 1000 }, (_, i) => ({ id: `g${i}` }));
    const rules = Array.from({ length: 1000 }, (_, i) => ({ id: `r${i}`, group: `missing${i}`, points: 1 }));
    const r = safeParsePointsModel({ id: "m", groups, rules });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const known = Array.from({ length: 20 }, (_, i) => `g${i}`).join(", ");
    expect(r.issues[0]?.message).toBe(`Unknown group "missing0"; expected one of ${known}, … and 980 more`);
    expect(r.issues).toHaveLength(101);
    expect(r.issues[100]?.code).toBe("too_many_issues");
  });
});

describe("readLeadField", () => {
  it("reads attributes named after Object.prototype members only when the lead has them", () => {
    const keys = ["constructor", "toString", "valueOf", "hasOwnProperty", "__proto__"] as const;
    const bare = makeLead();
    const owning = {
      ...bare,
      contact: { ...bare.contact, attributes: JSON.parse('{"constructor":"c","__proto__":"p"}') },
    };
    for (const key of keys) expect(readLeadField(bare, `contact.attributes.${key}`)).toBeNull();
    expect(readLeadField(owning, "contact.attributes.constructor")).toBe("c");
    expect(readLeadField(owning, "contact.attributes.__proto__")).toBe("p");
    expect(readLeadField(owning, "contact.attributes.toString")).toBeNull();
    const model: PointsModel = {
      id: "proto",
      groups: [{ id: "fit" }],
      rules: keys.map((key) => ({
        id: key,
        group: "fit",
        points: 1,
        when: [{ kind: "field_present" as const, field: `contact.attributes.${key}` as const }],
      })),
    };
    for (const generateCode of [true, false]) {
      const scorer = compilePointsModel(model, { generateCode });
      expect(scorer.score(bare, NOW).value).toBe(0);
      expect(scorer.score(owning, NOW).value).toBe(2);
    }
  });

  it("reads every listed field, missing values as null", () => {
    const lead = makeLead(
      { source: "webinar", medium: "email", campaign: "spring", team: "t1", interestLevel: "high" },
      contactWith({
        jobTitle: "CTO",
        company: "Acme",
        phone: "+34911234567",
        industry: "Software",
        companySize: "11-50",
        country: "ES",
        city: "Madrid",
        language: "es",
        attributes: { empty: "" },
      }),
    );
    expect(readLeadField(lead, "contact.jobTitle")).toBe("CTO");
    expect(readLeadField(lead, "contact.attributes.empty")).toBeNull();
    expect(readLeadField(lead, "contact.attributes.absent")).toBeNull();
    const fields = [
      "contact.kind",
      "contact.entity",
      "contact.name",
      "contact.company",
      "contact.email",
      "contact.phone",
      "contact.industry",
      "contact.companySize",
      "contact.country",
      "contact.city",
      "contact.language",
      "contact.humanConfirmed",
      "stage",
      "owner",
      "team",
      "source",
      "medium",
      "campaign",
      "interestLevel",
      "progressStatus",
      "capture.channel",
    ] as const;
    expect(fields.map((f) => readLeadField(lead, f))).toEqual([
      "prospect",
      "person",
      "Ana García",
      "Acme",
      "ana@acme.es",
      "+34911234567",
      "Software",
      "11-50",
      "ES",
      "Madrid",
      "es",
      false,
      "lead",
      "u-ana",
      "t1",
      "webinar",
      "email",
      "spring",
      "high",
      "not_contacted",
      "call",
    ]);
  });
});

describe("classifyScore", () => {
  it("maps groups to the fit × engagement grade, labels and threshold effects", () => {
    const lead = makeLead(
      {
        interestLevel: "high",
        interactions: [
          interaction("demo_request", 2),
          ...[1, 2, 3, 4].map((d) => interaction("email_click", d)),
        ],
      },
      contactWith({ company: "Acme", jobTitle: "CTO" }),
    );
    const score = scoreLead(compilePointsModel(DEFAULT_POINTS_MODEL), lead, NOW);
    const c = classifyScore(DEFAULT_POINTS_MODEL, score);
    expect(c.grade).toBe("A2");
    expect(c.labels).toEqual({ temperature: "hot" });
    expect(c.effects).toEqual([
      { kind: "hand_off_to_sales" },
      { kind: "suggest_transition", to: "potential_client" },
    ]);
    expect(c.thresholds).toEqual(["marketing-qualified", "purchase-intent"]);
  });

  it("gives the lowest band to values below every band and omits the grade when the model has none", () => {
    const m = parsePointsModel({
      id: "m",
      groups: [{ id: "fit" }],
      rules: [],
      labels: [
        {
          id: "t",
          bands: [
            { atLeast: 50, label: "hot" },
            { atLeast: 10, label: "cold" },
          ],
        },
      ],
    });
    expect(classifyScore(m, { value: 0, groups: { fit: 0 } })).toEqual({
      labels: { t: "cold" },
      effects: [],
      thresholds: [],
    });
  });
});

describe("looksUnpronounceable", () => {
  it.each([
    ["Ana García", false],
    ["Jean-Luc O'Neill", false],
    ["Łukasz Brzęczyszczykiewicz", false],
    ["Xkcd", true],
    ["user8841", true],
    ["Bcdfgh Ana", true],
    ["  ", false],
  ])("%s → %s", (name, expected) => {
    expect(looksUnpronounceable(name)).toBe(expected);
  });

  // The function as first written, with regular expressions: the one-pass scan must answer the same.
  const byRegExps = (name: string): boolean => {
    for (const raw of name.toLowerCase().split(/[\s\-'’.]+/)) {
      if (raw.length === 0) continue;
      if (/\d/.test(raw)) return true;
      if (raw.length >= 4 && !/[aeiouyàáâãäåæèéêëìíîïòóôõöøùúûüýÿœ]/.test(raw)) return true;
      if (/[bcdfghjklmnpqrstvwxzçñß]{5,}/.test(raw)) return true;
    }
    return false;
  };

  it("answers as the regular expressions it replaces for every code unit, in every place in a word", () => {
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      for (const name of [
        `ana${ch}`,
        `${ch}bcd`,
        `bcd${ch}`,
        `rstv${ch}w`,
        `a${ch}bcdf ea`,
        `xy${ch}${ch}zw`,
      ])
        expect(looksUnpronounceable(name), `${name} (U+${c.toString(16)})`).toBe(byRegExps(name));
    }
  });
});

describe("points model files", () => {
  it("accept a $schema key so editors can offer completion, and still reject unknown keys", () => {
    const withSchema = { ...DEFAULT_POINTS_MODEL, $schema: "./points-model.schema.json" };
    expect(safeParsePointsModel(withSchema).ok).toBe(true);
    const typo = safeParsePointsModel({ ...DEFAULT_POINTS_MODEL, rulez: [] });
    expect(typo.ok).toBe(false);
  });
});
