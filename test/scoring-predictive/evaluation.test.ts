import type { Lead } from "leadkit";
import {
  backtestByPeriod,
  buildPredictiveModel,
  createPredictiveScorer,
  evaluateScores,
  fitPredictiveStats,
  leadPredictiveSetup,
  rocAuc,
  safeRocAuc,
} from "leadkit/scoring";
import { generateLeads } from "leadkit/testing";
import { describe, expect, it } from "vitest";

const l = (score: number, converted: boolean) => ({ score, converted });

describe("rocAuc", () => {
  it("is 1 for a perfect ranking, 0 for a reversed one and counts ties half", () => {
    expect(rocAuc([l(0.9, true), l(0.1, false)])).toBe(1);
    expect(rocAuc([l(0.1, true), l(0.9, false)])).toBe(0);
    expect(rocAuc([l(0.5, true), l(0.5, false)])).toBe(0.5);
    // positives 3 and 2, negatives 2 and 1: pairs (3>2)(3>1)(2=2 → ½)(2>1) = 3.5 of 4
    expect(rocAuc([l(3, true), l(2, true), l(2, false), l(1, false)])).toBe(0.875);
  });

  it("is null without both outcomes", () => {
    expect(rocAuc([l(1, true)])).toBeNull();
    expect(rocAuc([])).toBeNull();
  });

  it("returns an issue for a NaN or infinite score instead of never returning", () => {
    const scores = [l(0.3, true), l(Number.NaN, false), l(0.2, false), l(Number.POSITIVE_INFINITY, true)];
    const r = safeRocAuc(scores);
    expect(r.ok ? [] : r.issues.map((i) => `${i.code}@${i.path.join(".")}`)).toEqual([
      "invalid_score@1.score",
      "invalid_score@3.score",
    ]);
    expect(() => rocAuc(scores)).toThrow(/1\.score: Expected a finite score, got NaN/);
    expect(safeRocAuc([l(0.9, true), l(0.1, false)])).toEqual({ ok: true, value: 1 });
  });
});

describe("evaluateScores", () => {
  const labelled = Array.from({ length: 100 }, (_, i) => l(i, i % 10 < i / 10));

  it("gives conversion and lift by decile, best first, and the gains curve", () => {
    const r = evaluateScores(labelled);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.groups).toHaveLength(10);
    const [top] = r.value.groups;
    expect(top).toMatchObject({ group: 1, count: 10, minScore: 90, maxScore: 99, conversions: 10 });
    expect(top?.lift).toBeCloseTo(1 / r.value.baseRate, 10);
    expect(r.value.groups.at(-1)?.cumulativeConversionShare).toBe(1);
    expect(r.value.calibration).toBeNull();
  });

  it("adds calibration and the Brier score for probabilities", () => {
    const r = evaluateScores([l(100, true), l(0, false), l(50, true), l(50, false)], {
      probabilityScale: 100,
      calibrationBins: 2,
    });
    expect(r.ok && r.value.calibration).toEqual({
      brierScore: 0.125,
      bins: [
        { from: 0, to: 0.5, count: 1, meanPredicted: 0, observedRate: 0 },
        { from: 0.5, to: 1, count: 3, meanPredicted: 2 / 3, observedRate: 2 / 3 },
      ],
    });
    const empty = evaluateScores([l(10, true)], { probabilityScale: 100, calibrationBins: 2 });
    expect(empty.ok && empty.value.calibration?.bins[1]).toMatchObject({ count: 0, meanPredicted: null });
  });

  it("leaves out empty groups when there are fewer records than groups", () => {
    const r = evaluateScores([l(1, true), l(0, false)]);
    expect(r.ok && r.value.groups.map((g) => g.count)).toEqual([1, 1]);
  });

  it("reports empty input and invalid scores with paths", () => {
    const empty = evaluateScores([]);
    expect(empty.ok ? null : empty.issues[0]?.code).toBe("empty_input");
    const bad = evaluateScores([l(Number.NaN, true), l(120, false)], { probabilityScale: 100 });
    expect(bad.ok ? [] : bad.issues.map((i) => [i.code, i.path])).toEqual([
      ["invalid_score", [0, "score"]],
      ["invalid_score", [1, "score"]],
    ]);
  });

  it("does not change its input", () => {
    const copy = structuredClone(labelled);
    evaluateScores(copy, { probabilityScale: 100 });
    expect(copy).toEqual(labelled);
  });
});

describe("backtestByPeriod", () => {
  const setup = leadPredictiveSetup();
  const closed = generateLeads({
    seed: 11,
    count: 3000,
    from: new Date("2025-07-01"),
    to: new Date("2026-07-01"),
  }).filter((lead) => setup.adapter.outcome(lead) !== "open");
  const fit = (training: readonly Lead[]) =>
    createPredictiveScorer(buildPredictiveModel(setup, fitPredictiveStats(setup, training).stats));

  it("fits on each quarter and scores the next", () => {
    const result = backtestByPeriod(closed, {
      fit,
      at: (lead) => lead.createdAt,
      converted: (lead) => lead.stage === "customer",
      evaluate: { probabilityScale: 100 },
    });
    expect(result.folds.map((f) => `${f.trainPeriod}→${f.testPeriod}`)).toEqual([
      "2025-Q3→2025-Q4",
      "2025-Q4→2026-Q1",
      "2026-Q1→2026-Q2",
    ]);
    for (const fold of result.folds) {
      expect(fold.evaluation?.count).toBe(fold.testCount - fold.unscored);
      expect(fold.evaluation?.calibration?.brierScore).toBeGreaterThan(0);
    }
    expect(result.meanRocAuc).toBeGreaterThan(0.5);
  });

  it("groups by month or year and reports folds it cannot evaluate", () => {
    const byYear = backtestByPeriod(closed, {
      fit: () => () => null,
      at: (lead) => lead.createdAt,
      converted: (lead) => lead.stage === "customer",
      period: "year",
    });
    expect(byYear.folds).toHaveLength(1);
    expect(byYear.folds[0]?.issues[0]?.code).toBe("empty_input");
    expect(byYear.meanRocAuc).toBeNull();
    const byMonth = backtestByPeriod(closed, {
      fit: () => () => 1,
      at: (lead) => lead.createdAt,
      converted: (lead) => lead.stage === "customer",
      period: "month",
    });
    expect(byMonth.folds[0]?.trainPeriod).toBe("2025-07");
    expect(byMonth.meanRocAuc).toBe(0.5);
  });
});
