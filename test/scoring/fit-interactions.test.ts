// Boosting with pairs (`boosting.interactions`): on records whose log-odds hold a real interaction
// (a source that pays off only for long visits), the fit finds that pair first, predicts held-out
// records better than the purely additive fit, and still emits an ordinary points model whose pair
// rules partition the records: each record gets exactly one cell's points per pair.
import {
  compilePointsModel,
  explainScore,
  type FitFeature,
  fitPointsModel,
  type PointsModelFit,
  parsePointsModel,
  pointsProbability,
  type RecordFieldMap,
  recordAsLead,
  scoreLead,
} from "leadkit/scoring";
import { describe, expect, it } from "vitest";
import { seeded } from "./fit-fixtures.js";

interface PairRow {
  readonly source: string | null;
  readonly region: string;
  readonly minutes: number | null;
  readonly visits: number;
  readonly won: boolean;
}

const SOURCES = ["ads", "referral", "webinar", "cold", "partner"] as const;

/** Additive effects, plus +2.4 for webinar leads who stayed 200 minutes or more (and −1.2 for ads that did). */
function pairRows(count: number, seed: number): PairRow[] {
  const random = seeded(seed);
  return Array.from({ length: count }, () => {
    const s = Math.floor(random() * SOURCES.length);
    const region = ["north", "south", "east"][Math.floor(random() * 3)] as string;
    const minutes = random() < 0.05 ? null : Math.round(random() * 400);
    const visits = Math.floor(random() * 10);
    const long = minutes !== null && minutes >= 200;
    const logit =
      -1 +
      ([0.2, 0.6, -0.4, -0.8, 0.3][s] as number) +
      (region === "east" ? 0.3 : 0) +
      0.1 * visits +
      (long ? 0.4 : 0) +
      (long && s === 2 ? 2.4 : 0) +
      (long && s === 0 ? -1.2 : 0);
    return {
      source: random() < 0.03 ? null : (SOURCES[s] as string),
      region,
      minutes,
      visits,
      won: random() < 1 / (1 + Math.exp(-logit)),
    };
  });
}

const MAP: RecordFieldMap<PairRow> = {
  outcome: (r) => (r.won ? "won" : "lost"),
  fields: {
    "contact.attributes.source": (r) => r.source,
    "contact.attributes.region": (r) => r.region,
    "contact.attributes.minutes": (r) => r.minutes,
    "contact.attributes.visits": (r) => r.visits,
  },
};
const FEATURES: FitFeature[] = [
  { field: "contact.attributes.source" },
  { field: "contact.attributes.region" },
  { field: "contact.attributes.minutes", bins: { kind: "quantile", count: 8 } },
  { field: "contact.attributes.visits", bins: { kind: "quantile", count: 5 } },
];
const now = new Date("2026-01-01T00:00:00Z");
const train = pairRows(6000, 3);
const test = pairRows(3000, 4);

function fitWith(interactions: number): PointsModelFit {
  const r = fitPointsModel(train, {
    method: "boosting",
    features: FEATURES,
    records: MAP,
    boosting: { bags: 2, interactions },
  });
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join("; "));
  return r.value;
}
const additive = fitWith(0);
const paired = fitWith(2);

/** Mean held-out log-loss of a fit's probability. */
function logLoss(f: PointsModelFit): number {
  const scorer = compilePointsModel(f.model);
  let loss = 0;
  for (const row of test) {
    const p = pointsProbability(f.probability, scorer.score(recordAsLead(row, MAP), now).value);
    loss -= Math.log(row.won ? p : 1 - p);
  }
  return loss / test.length;
}

describe("fitPointsModel boosting with interactions", () => {
  it("has no pairs by default, and finds the real pair first when asked", () => {
    expect(additive.interactions).toEqual([]);
    expect(additive.interactionRounds).toBeUndefined();
    expect(additive.model.rules.some((r) => r.id.startsWith("interaction:"))).toBe(false);
    expect(paired.interactions.length).toBeGreaterThanOrEqual(1);
    expect(paired.interactions[0]?.fields).toEqual([
      "contact.attributes.source",
      "contact.attributes.minutes",
    ]);
    expect(paired.interactionRounds?.length).toBe(2);
    const gains = paired.interactions.map((i) => i.gain);
    expect([...gains].sort((a, b) => b - a)).toEqual(gains);
  });

  it("predicts held-out records better than the additive fit on the same bins", () => {
    expect(logLoss(paired)).toBeLessThan(logLoss(additive) - 0.01);
  });

  it("is still an ordinary points model, its pair cells labelled by both fields and counted", () => {
    expect(parsePointsModel(JSON.parse(JSON.stringify(paired.model)))).toEqual(paired.model);
    const pair = paired.interactions[0];
    expect(pair?.bins[0].length).toBeGreaterThan(1);
    expect(pair?.cells.length).toBe((pair?.bins[0].length ?? 0) * (pair?.bins[1].length ?? 0));
    expect(pair?.cells.reduce((s, c) => s + c.leads, 0)).toBe(train.length);
    for (const cell of pair?.cells ?? []) {
      expect(cell.label).toMatch(/source.* and .*minutes/);
      expect(cell.points).toBeGreaterThanOrEqual(0);
    }
    expect(Math.min(...(pair?.cells ?? []).map((c) => c.points))).toBe(0);
  });

  it("gives each record exactly one cell's points per pair, and the explanation adds up", () => {
    const odd: PairRow[] = [
      { source: "carrier pigeon", region: "west", minutes: 1e9, visits: -3, won: false },
      { source: null, region: "north", minutes: null, visits: 0, won: false },
      { source: "", region: "", minutes: Number.NaN, visits: 2, won: true },
    ];
    for (const row of [...test.slice(0, 400), ...odd]) {
      const lead = recordAsLead(row, MAP);
      const why = explainScore(compilePointsModel(paired.model), lead, now);
      paired.interactions.forEach((pair, p) => {
        const fired = why.rules.filter((r) => r.ruleId.startsWith(`interaction:${p + 1}:`));
        expect(fired.length).toBeLessThanOrEqual(1);
        const points = fired[0]?.points ?? 0;
        expect(pair.cells.some((c) => c.points === points)).toBe(true);
      });
      const sum =
        why.rules.reduce((s, r) => s + r.points, 0) + why.adjustments.reduce((s, a) => s + a.points, 0);
      expect(sum).toBeCloseTo(why.value, 9);
      expect(scoreLead(compilePointsModel(paired.model), lead, now).value).toBe(why.value);
    }
  });

  it("keeps every pair cell's points: the fitted totals lie within 0–100 and each record's total is its rules' sum", () => {
    expect(paired.warnings.map((w) => w.code)).not.toContain("points_clamped");
    const scorer = compilePointsModel(paired.model);
    for (const row of train.slice(0, 500)) {
      const total = scorer.score(recordAsLead(row, MAP), now).value;
      expect(total).toBeGreaterThanOrEqual(0);
      expect(total).toBeLessThanOrEqual(100);
    }
  });

  it("refuses more pairs than allowed, or too few coarse bins, with issues", () => {
    for (const boosting of [
      { interactions: 65 },
      { interactions: -1 },
      { interactionBins: 1 },
      { interactionBins: 17 },
    ]) {
      const r = fitPointsModel(train, { method: "boosting", features: FEATURES, records: MAP, boosting });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.issues[0]?.path[0]).toBe("boosting");
    }
  });
});
