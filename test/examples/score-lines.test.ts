import {
  collectControlValueStats,
  compilePointsModel,
  DEFAULT_POINTS_MODEL,
  explainScore,
  fitControlValueModel,
} from "leadkit/scoring";
import { generateLeads } from "leadkit/testing";
import { describe, expect, it } from "vitest";
import { explainScoreLines } from "../../examples/score-lines.js";

// The examples print a score as lines (base points, strongest signals, the rest, caps). Issue 18:
// the old lines left the base out and never added up to the score they explained.
describe("explainScoreLines (examples/score-lines.ts)", () => {
  const now = new Date("2026-04-01T00:00:00Z");
  const leads = generateLeads({ seed: 7, count: 800, now });
  const stats = collectControlValueStats(
    leads,
    { fields: [{ field: "source" }, { field: "contact.industry" }], interactions: { pageKinds: true } },
    { period: { from: new Date("2026-01-01T00:00:00Z"), to: now } },
  );
  const fit = fitControlValueModel(stats, {
    minLeads: 100,
    minConversions: 10,
    aboveControl: "excess",
    belowControl: "negative",
    scale: "fit_range",
  });

  it("adds up to the score, base points included, for a fitted model and the default one", () => {
    if (!fit.ok) throw new Error(JSON.stringify(fit.issues));
    const withBase = fit.value.model;
    expect(withBase.rules.some((r) => r.provenance === undefined)).toBe(true);
    let basesShown = 0;
    for (const lead of leads.slice(0, 300)) {
      for (const model of [withBase, DEFAULT_POINTS_MODEL]) {
        const why = explainScore(compilePointsModel(model), lead, now);
        const lines = explainScoreLines(why, 3, (r) => model === withBase && r.provenance === undefined);
        const total = lines.reduce((s, l) => s + l.points, 0);
        expect(total).toBeCloseTo(why.value, 9);
        if (lines[0]?.label === "base points") basesShown++;
      }
    }
    expect(basesShown).toBeGreaterThan(0);
  });
});
