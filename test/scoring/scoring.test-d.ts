import { describe, expectTypeOf, it } from "vitest";
import type { Lead, Result } from "../../src/index.js";
import {
  type CompiledPointsModel,
  type ControlValueFit,
  type ControlValueStats,
  compilePointsModel,
  DEFAULT_POINTS_MODEL,
  explainScore,
  fitControlValueModel,
  type LeadField,
  type LeadScore,
  type PointsModel,
  type PointsRule,
  rescoreLead,
  type ScoreEffect,
  type ScoreExplanation,
  safeCompilePointsModel,
  scoreLead,
  scoreLeadByModels,
  setScoreOverride,
} from "../../src/scoring/index.js";

declare const lead: Lead;
declare const stats: ControlValueStats;

describe("scoring types", () => {
  it("scores and explanations", () => {
    const scorer = compilePointsModel(DEFAULT_POINTS_MODEL);
    expectTypeOf(scoreLead(scorer, lead, new Date())).toEqualTypeOf<LeadScore>();
    expectTypeOf(explainScore(scorer, lead, new Date())).toEqualTypeOf<ScoreExplanation>();
    // @ts-expect-error `now` is required: time is a parameter
    scoreLead(scorer, lead);
  });

  it("a compiled model is what scoring takes: a spread copy is one, a plain model is not", () => {
    const scorer = compilePointsModel(DEFAULT_POINTS_MODEL);
    expectTypeOf(scorer).toEqualTypeOf<CompiledPointsModel>();
    expectTypeOf(scorer.definition).toEqualTypeOf<PointsModel>();
    expectTypeOf(safeCompilePointsModel({})).toEqualTypeOf<Result<CompiledPointsModel>>();
    const copy = { ...scorer };
    expectTypeOf(copy).toExtend<CompiledPointsModel>();
    scoreLead(copy, lead, new Date());
    scoreLeadByModels([scorer, copy], lead, new Date());
    rescoreLead(lead, [copy], { now: new Date() });
    // @ts-expect-error a plain model must be compiled first: nothing is cached behind scoreLead
    scoreLead(DEFAULT_POINTS_MODEL, lead, new Date());
    // @ts-expect-error a copy of a plain model is still a plain model
    explainScore({ ...DEFAULT_POINTS_MODEL, id: "copy" }, lead, new Date());
    // @ts-expect-error the same for side-by-side scores
    scoreLeadByModels([DEFAULT_POINTS_MODEL], lead, new Date());
    // To change the rules, compile the changed definition.
    compilePointsModel({ ...scorer.definition, id: "v2" });
    // @ts-expect-error the compiled value is frozen data
    scorer.definition = DEFAULT_POINTS_MODEL;
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
