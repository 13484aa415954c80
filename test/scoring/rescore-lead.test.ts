import { type Lead, parseLead } from "leadkit";
import { compilePointsModel, type PointsModel, recordLeadScore, rescoreLead } from "leadkit/scoring";
import { describe, expect, test } from "vitest";
import { makeLead } from "../support/make-lead.js";
import { deepFreeze, interaction, NOW } from "./fixtures.js";

const clicks: PointsModel = {
  id: "clicks",
  groups: [{ id: "engagement", max: 100 }],
  rules: [
    {
      id: "click",
      group: "engagement",
      points: 30,
      repeatable: true,
      interaction: { types: ["email_click"] },
    },
  ],
  thresholds: [
    { id: "warm", atLeast: 30, effect: { kind: "add_tag", tag: "warm" } },
    { id: "hot", atLeast: 60, effect: { kind: "hand_off_to_sales" } },
    { id: "engaged", group: "engagement", atLeast: 60, effect: { kind: "custom", name: "engaged" } },
  ],
};
const other: PointsModel = {
  id: "constructor",
  groups: [{ id: "all" }],
  rules: [{ id: "any", group: "all", points: 5, interaction: { types: ["email_click"] } }],
};
const models = [compilePointsModel(clicks), compilePointsModel(other)];
const withClicks = (lead: Lead, n: number) =>
  parseLead({
    ...lead,
    interactions: Array.from({ length: n }, (_, i) => interaction("email_click", 1, `c${i}`)),
  });

describe("rescoreLead", () => {
  test("a first score crosses every threshold it reaches and applies add_tag once", () => {
    const lead = deepFreeze(withClicks(makeLead({ tags: ["vip"] }), 2));
    const rescored = rescoreLead(lead, models, { now: NOW });
    expect(rescored.scores).toEqual({ clicks: 60, constructor: 5 });
    expect(Object.hasOwn(rescored.scores, "constructor")).toBe(true);
    expect(rescored.changes).toEqual([
      { modelId: "clicks", from: null, to: 60, thresholds: ["warm", "hot", "engaged"] },
      { modelId: "constructor", from: null, to: 5, thresholds: [] },
    ]);
    expect(rescored.effects.map((e) => e.kind)).toEqual(["add_tag", "hand_off_to_sales", "custom"]);
    expect(rescored.lead.tags).toEqual(["vip", "warm"]);
    expect(rescored.lead.scores["clicks"]).toEqual({ value: 60, at: NOW });
  });

  test("a total threshold the stored value had reached is not crossed again; a group one is judged on the lead before", () => {
    const before = withClicks(makeLead(), 2);
    const stored = recordLeadScore(recordLeadScore(before, "clicks", 60, NOW), "constructor", 5, NOW);
    const after = withClicks(stored, 3);
    const rescored = rescoreLead(after, models, { now: NOW, previous: stored });
    expect(rescored.changes).toEqual([{ modelId: "clicks", from: 60, to: 90, thresholds: [] }]);
    expect(rescored.effects).toEqual([]);
    const lower = recordLeadScore(stored, "clicks", 10, NOW);
    const again = rescoreLead(withClicks(lower, 3), models, { now: NOW, previous: withClicks(lower, 1) });
    expect(again.changes[0]).toEqual({
      modelId: "clicks",
      from: 10,
      to: 90,
      thresholds: ["warm", "hot", "engaged"],
    });
  });

  test("an unchanged score is no change, and a manual override is kept", () => {
    const lead = withClicks(makeLead(), 1);
    const first = rescoreLead(lead, models, { now: NOW }).lead;
    const overridden = parseLead({
      ...first,
      scores: {
        ...first.scores,
        clicks: {
          value: 30,
          at: NOW,
          override: { value: 95, reason: "Met at the fair", by: "u-ana", at: NOW },
        },
      },
    });
    const again = rescoreLead(overridden, models, {
      now: new Date(NOW.getTime() + 1000),
      previous: overridden,
    });
    expect(again.changes).toEqual([]);
    expect(again.effects).toEqual([]);
    expect(again.lead.scores["clicks"]?.override?.value).toBe(95);
  });
});
