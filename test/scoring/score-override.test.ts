import { describe, expect, it } from "vitest";
import {
  clearScoreOverride,
  effectiveScore,
  recordLeadScore,
  setScoreOverride,
} from "../../src/scoring/index.js";
import { makeLead } from "../support/make-lead.js";
import { deepFreeze, NOW } from "./fixtures.js";

const by = { reason: "Met at the fair; budget confirmed", by: "u-ana", at: NOW };

describe("manual overrides", () => {
  it("keep the automated score beside the override, which wins until cleared", () => {
    const lead = deepFreeze(recordLeadScore(makeLead(), "default", 41, NOW));
    const overridden = setScoreOverride(lead, "default", { value: 90, ...by });
    if (!overridden.ok) throw new Error("override refused");
    expect(effectiveScore(overridden.value, "default")).toEqual({
      value: 90,
      source: "override",
      automated: 41,
    });
    const rescored = recordLeadScore(overridden.value, "default", 55, NOW);
    expect(effectiveScore(rescored, "default")).toEqual({ value: 90, source: "override", automated: 55 });
    expect(rescored.scores["default"]?.override?.reason).toBe(by.reason);
    const cleared = clearScoreOverride(rescored, "default");
    expect(effectiveScore(cleared, "default")).toEqual({ value: 55, source: "automated", automated: 55 });
    expect(clearScoreOverride(cleared, "default")).toBe(cleared);
    expect(lead.scores["default"]).toEqual({ value: 41, at: NOW });
  });

  it("refuse a missing score, a value outside 0–100 and an empty reason", () => {
    const lead = makeLead();
    expect(effectiveScore(lead, "default")).toBeNull();
    const r = setScoreOverride(lead, "default", { value: 120, reason: " ", by: "u-ana", at: NOW });
    expect(r.ok ? [] : r.issues.map((i) => i.code)).toEqual([
      "score_missing",
      "invalid_override_value",
      "override_reason_required",
    ]);
  });
});
