import { describe, expectTypeOf, it } from "vitest";
import type { Lead, Result } from "../../src/index.js";
import {
  type ControlValueFit,
  type ControlValueStats,
  DEFAULT_POINTS_MODEL,
  explainScore,
  fitControlValueModel,
  type LeadField,
  type LeadScore,
  type PointsModel,
  type PointsRule,
  type ScoreEffect,
  type ScoreExplanation,
  scoreLead,
  setScoreOverride,
} from "../../src/scoring/index.js";

declare const lead: Lead;
declare const stats: ControlValueStats;

describe("scoring types", () => {
  it("scores and explanations", () => {
    expectTypeOf(scoreLead(DEFAULT_POINTS_MODEL, lead, new Date())).toEqualTypeOf<LeadScore>();
    expectTypeOf(explainScore(DEFAULT_POINTS_MODEL, lead, new Date())).toEqualTypeOf<ScoreExplanation>();
    // @ts-expect-error `now` is required: time is a parameter
    scoreLead(DEFAULT_POINTS_MODEL, lead);
  });

  it("models are readonly data", () => {
    // @ts-expect-error models are readonly
    DEFAULT_POINTS_MODEL.rules.push({ id: "x", group: "fit", points: 1 });
    expectTypeOf<PointsModel["rules"]>().toEqualTypeOf<readonly PointsRule[]>();
  });

  it("fields are checked at compile time", () => {
    expectTypeOf<"contact.attributes.Lead Source">().toExtend<LeadField>();
    expectTypeOf<"contact.shoeSize">().not.toExtend<LeadField>();
    const effect: ScoreEffect = { kind: "suggest_transition", to: "potential_client" };
    // @ts-expect-error unknown stage
    const wrong: ScoreEffect = { kind: "suggest_transition", to: "friend" };
    expectTypeOf(effect).toExtend<ScoreEffect>();
    expectTypeOf(wrong).toExtend<ScoreEffect>();
  });

  it("expected outcomes are results", () => {
    expectTypeOf(fitControlValueModel(stats)).toEqualTypeOf<Result<ControlValueFit>>();
    expectTypeOf(
      setScoreOverride(lead, "m", { value: 1, reason: "r", by: "u", at: new Date() }),
    ).toEqualTypeOf<Result<Lead>>();
  });
});
