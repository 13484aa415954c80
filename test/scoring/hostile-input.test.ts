import { describe, expect, it } from "vitest";
import { isLeadKitError } from "../../src/internal/index.js";
import { type Lead, parseLead } from "../../src/model/index.js";
import {
  compilePointsModel,
  createPredictiveSetup,
  DEFAULT_POINTS_MODEL,
  explainScore,
  LEAD_PREDICTIVE_CONFIG,
  leadPredictiveAdapter,
  safeCreatePredictiveSetup,
  safeParseControlValueStats,
  safeParsePointsModel,
  safeParsePredictiveStats,
  scoreLead,
} from "../../src/scoring/index.js";
import { makeLead } from "../support/make-lead.js";
import { interaction, NOW } from "./fixtures.js";

function thrown(run: () => unknown): { code: string; path: readonly (string | number)[] } {
  try {
    run();
  } catch (error) {
    if (isLeadKitError(error)) return { code: error.code, path: error.issues[0]?.path ?? [] };
    throw error;
  }
  throw new Error("expected a LeadKitError");
}

const withDecay = (decay: unknown) => safeParsePointsModel({ ...DEFAULT_POINTS_MODEL, decay });

describe("the points-model schema refuses what would blow up scoring or SQL", () => {
  it("refuses a linear decay below 1 %, which made millions of steps", () => {
    for (const percent of [1e-300, 0.001, 0.5]) {
      const result = withDecay({ kind: "linear", percent, every: { months: 1 } });
      expect(result.ok || result.issues[0]?.path).toEqual(["decay", "percent"]);
    }
    expect(withDecay({ kind: "linear", percent: 1, every: { months: 1 } }).ok).toBe(true);
  });

  it("refuses durations over 100 years and points beyond a million", () => {
    expect(withDecay({ kind: "window", within: { years: 1e15 } }).ok).toBe(false);
    expect(withDecay({ kind: "linear", percent: 50, every: { hours: 1e9 } }).ok).toBe(false);
    const rule = { id: "r", group: "fit", points: 1e300 };
    const model = { id: "m", groups: [{ id: "fit" }], rules: [rule] };
    expect(safeParsePointsModel(model).ok).toBe(false);
    expect(safeParsePointsModel({ ...model, rules: [{ ...rule, points: 10, cap: 1e300 }] }).ok).toBe(false);
    expect(safeParsePointsModel({ ...model, groups: [{ id: "fit", max: 1e300 }], rules: [] }).ok).toBe(false);
  });

  it("bounds lists and lists at most 20 known groups in a message", () => {
    const groups = Array.from({ length: 100 }, (_, i) => ({ id: `g${i}` }));
    const rules = Array.from({ length: 1_000 }, (_, i) => ({ id: `r${i}`, group: "nope", points: 1 }));
    const started = performance.now();
    const result = safeParsePointsModel({ id: "m", groups, rules });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(result.ok || result.issues).toHaveLength(101);
    expect(result.ok || result.issues[0]?.message).toMatch(/… and 80 more$/);
    const tooMany = safeParsePointsModel({ id: "m", groups, rules: [...rules, ...rules.slice(0, 1)] });
    expect(tooMany.ok || tooMany.issues[0]).toMatchObject({ code: "too_big", path: ["rules"] });
  });
});

describe("scoring a lead read back from JSON", () => {
  const lead = makeLead({ interactions: [interaction("email_click", 3)] });
  const raw = JSON.parse(JSON.stringify(lead)) as Lead;

  it("throws invalid_input naming the interaction's date, never a TypeError", () => {
    for (const generateCode of [true, false]) {
      const scorer = compilePointsModel(DEFAULT_POINTS_MODEL, { generateCode });
      expect(thrown(() => scorer.score(raw, NOW))).toEqual({
        code: "invalid_input",
        path: ["interactions", 0, "at"],
      });
      expect(thrown(() => scorer.explain(raw, NOW)).code).toBe("invalid_input");
    }
    expect(thrown(() => scoreLead(compilePointsModel(DEFAULT_POINTS_MODEL), raw, NOW)).path).toEqual([
      "interactions",
      0,
      "at",
    ]);
    expect(thrown(() => explainScore(compilePointsModel(DEFAULT_POINTS_MODEL), raw, NOW)).code).toBe(
      "invalid_input",
    );
  });

  it("scores once revived with parseLead, as the fresh lead scores", () => {
    expect(scoreLead(compilePointsModel(DEFAULT_POINTS_MODEL), parseLead(raw), NOW)).toEqual(
      scoreLead(compilePointsModel(DEFAULT_POINTS_MODEL), lead, NOW),
    );
  });

  it("throws invalid_input with the issue for a now that is not a valid Date", () => {
    expect(thrown(() => scoreLead(compilePointsModel(DEFAULT_POINTS_MODEL), lead, new Date("x")))).toEqual({
      code: "invalid_input",
      path: ["now"],
    });
    expect(
      thrown(() => scoreLead(compilePointsModel(DEFAULT_POINTS_MODEL), lead, "2026-04-01T00:00:00Z" as never))
        .path,
    ).toEqual(["now"]);
  });
});

describe("predictive configuration and statistics", () => {
  it("checks thousands of stages and fields in linear time", () => {
    const stages = Array.from({ length: 1_000 }, (_, i) => ({ id: `s${i % 500}` }));
    const started = performance.now();
    const result = safeCreatePredictiveSetup({ stages, wonStage: "won", fields: [] }, leadPredictiveAdapter);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(result.ok || result.issues).toHaveLength(101);
  });

  it("throws invalid_definition from the builder twin", () => {
    expect(
      thrown(() =>
        createPredictiveSetup({ ...LEAD_PREDICTIVE_CONFIG, fields: [{ name: "x" }] }, leadPredictiveAdapter),
      ).code,
    ).toBe("invalid_definition");
  });

  it("refuses U+0000 in cells, so two cells can never share a key", () => {
    const cell = (team: string, field: string) => ({ team, field, value: "v", won: 1, lost: 0 });
    const result = safeParsePredictiveStats({ cells: [cell("a\u0000b", "c"), cell("a", "b\u0000c")] });
    expect(result.ok || result.issues[0]?.path).toEqual(["cells", 0, "team"]);
    expect(safeParsePredictiveStats({ cells: [{ ...cell("a", "b"), won: 1e300 }] }).ok).toBe(false);
  });

  it("reports a control-value signal keyed __proto__ instead of dropping it", () => {
    const stats = JSON.parse(
      '{"leads": 10, "conversions": 2, "signals": {"__proto__": {"signal": {"kind": "tag", "tag": "vip"}, "leads": 1, "conversions": 1}}}',
    );
    const result = safeParseControlValueStats(stats);
    expect(result.ok || result.issues[0]?.path).toEqual(["signals", "__proto__"]);
  });
});
