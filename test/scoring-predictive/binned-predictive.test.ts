import { parseLead } from "leadkit";
import {
  binnedPredictiveSetup,
  buildPredictiveModel,
  compareModels,
  createPredictiveScorer,
  fitPredictiveStats,
  fitProbabilityCalibration,
  learnBins,
} from "leadkit/scoring";
import { describe, expect, it } from "vitest";
import { FIT_FEATURES, FIT_MAP, type FitRow, fitRows } from "../scoring/fit-fixtures.js";

const rows = fitRows(2400, 8);
const train = rows.slice(0, 1600);
const test = rows.slice(1600).filter((r) => r.won !== null);
const bins = learnBins(train, FIT_FEATURES, { records: FIT_MAP });
const fixed = bins.ok ? bins.value : [];

describe("binnedPredictiveSetup", () => {
  it("counts the shared bins of plain records: numbers by bin, categories by value or 'other'", () => {
    const setup = binnedPredictiveSetup(
      [
        ...fixed.slice(0, 1),
        { field: "contact.attributes.region", categories: ["north"] },
        ...fixed.slice(2),
      ],
      { records: FIT_MAP },
    );
    const stats = fitPredictiveStats(setup, train).stats;
    const values = (field: string) =>
      [...new Set(stats.cells.filter((c) => c.field === field).map((c) => c.value))].sort();
    expect(values("contact.attributes.region")).toEqual(["north", "other"]);
    const edges = fixed[2]?.bins as number[];
    expect(values("contact.attributes.visits")).toEqual(
      [`< ${edges[0]}`, ...edges.slice(1).map((e, k) => `[${edges[k]}, ${e})`), `≥ ${edges.at(-1)}`].sort(),
    );
    expect(values("stage")).toEqual(["open", "won"]);
    const closed = train.filter((r) => r.won !== null);
    const first = stats.cells.find((c) => c.field === "stage" && c.value === "open");
    expect(first).toMatchObject({
      won: closed.filter((r) => r.won).length,
      lost: closed.filter((r) => !r.won).length,
    });
  });

  it("reads Leads the same way as the same values in records", () => {
    const asLead = (row: FitRow) =>
      parseLead({
        id: `l${row.id}`,
        contact: {
          kind: "prospect",
          name: "x",
          attributes: { source: row.source, region: row.region, visits: row.visits, minutes: row.minutes },
        },
        stage: row.won === null ? "lead" : row.won ? "customer" : "lost",
        owner: null,
        generatedBy: null,
        capture: { channel: "form", initiator: { kind: "contact" } },
        createdAt: "2026-01-01T00:00:00Z",
        updatedAt: "2026-01-01T00:00:00Z",
      });
    const fromLeads = binnedPredictiveSetup(fixed);
    const fromRecords = binnedPredictiveSetup(fixed, { records: FIT_MAP });
    expect(fitPredictiveStats(fromLeads, train.map(asLead)).stats).toEqual(
      fitPredictiveStats(fromRecords, train).stats,
    );
  });

  it("refuses learned-bin strategies: bins must be fixed first", () => {
    expect(() => binnedPredictiveSetup(FIT_FEATURES, { records: FIT_MAP })).toThrow(/learnBins/);
  });

  it("calibrates a scorer on held-out records: Platt scaling tames naive Bayes counting one signal twice", () => {
    // The same columns under two names: naive Bayes multiplies their evidence twice and is over-confident.
    const twice = {
      ...FIT_MAP,
      fields: {
        ...FIT_MAP.fields,
        "contact.attributes.source again": (r: FitRow) => r.source,
        "contact.attributes.region again": (r: FitRow) => r.region,
      },
    };
    const setup = binnedPredictiveSetup(
      [...fixed, { field: "contact.attributes.source again" }, { field: "contact.attributes.region again" }],
      { records: twice },
    );
    const part = train.slice(0, 1100);
    const validation = train.slice(1100).filter((r) => r.won !== null);
    const model = buildPredictiveModel(setup, fitPredictiveStats(setup, part).stats);
    const raw = createPredictiveScorer(model);
    const calibration = fitProbabilityCalibration(
      validation.map((r) => ({ probability: (raw(r) ?? 50) / 100, converted: r.won === true })),
      "platt",
    );
    expect(calibration.ok).toBe(true);
    if (!calibration.ok) return;
    const calibrated = createPredictiveScorer(model, { calibration: calibration.value });
    const labelled = test.map((r) => ({ ...r, converted: r.won === true }));
    const c = compareModels(
      labelled,
      [
        { name: "raw", score: raw, probability: (r) => (raw(r) ?? 0) / 100 },
        { name: "calibrated", score: calibrated, probability: (r) => (calibrated(r) ?? 0) / 100 },
      ],
      { bootstrap: 0 },
    );
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    const [before, after] = c.value.models;
    expect(after?.brierScore ?? 1).toBeLessThan(before?.brierScore ?? 0);
    // Platt keeps the ranking.
    expect(after?.rocAuc).toBeCloseTo(before?.rocAuc ?? 0, 9);
    // Won and lost records still score 100 and 0 when scored as they are.
    const asTheyAre = createPredictiveScorer(model, { calibration: calibration.value, asOpenAt: null });
    expect(asTheyAre(train.find((r) => r.won === true) as FitRow)).toBe(100);
  });
});
