import { parseLead } from "leadkit";
import {
  collectControlValueStats,
  compilePointsModel,
  explainScore,
  type FitPointsProgress,
  fitControlValueModel,
  fitPointsModel,
  learnBins,
  type PointsModelFit,
  parsePointsModel,
  pointsProbability,
  recordAsLead,
  scoreLead,
} from "leadkit/scoring";
import { describe, expect, it } from "vitest";
import { auc, FIT_FEATURES, FIT_MAP, type FitRow, fitRows } from "./fit-fixtures.js";

const now = new Date("2026-01-01T00:00:00Z");
const rows = fitRows(3000, 11);
const train = rows.slice(0, 2200);
const test = rows.slice(2200).filter((r) => r.won !== null);

function fitOn(
  method: "scorecard" | "boosting",
  extra: Partial<Parameters<typeof fitPointsModel<FitRow>>[1]> = {},
) {
  const r = fitPointsModel(train, { method, features: FIT_FEATURES, records: FIT_MAP, ...extra });
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  return r.value;
}
const scorecard = fitOn("scorecard");
const boosting = fitOn("boosting", { boosting: { bags: 2 } });

/** The total the fit's own bins give a record: the base plus each feature's bin points. */
function fittedTotal(f: PointsModelFit, row: FitRow): number {
  const lead = recordAsLead(row, FIT_MAP);
  return scoreLead(compilePointsModel(f.model), lead, now).value;
}

describe("fitPointsModel", () => {
  it.each([
    ["scorecard", scorecard],
    ["boosting", boosting],
  ] as const)("fits a %s that is an ordinary, valid points model", (_, f) => {
    expect(parsePointsModel(JSON.parse(JSON.stringify(f.model)))).toEqual(f.model);
    expect(f.model.groups).toEqual([{ id: "fit" }]);
    expect(f.model.rules[0]).toMatchObject({ id: "fit:base", group: "fit" });
    expect(f.leads).toBe(train.filter((r) => r.won !== null).length);
    expect(f.read).toBe(train.length);
    expect(f.trusted).toBe(true);
    expect(f.bins.map((b) => b.field)).toEqual(FIT_FEATURES.map((b) => b.field));
  });

  it.each([
    ["scorecard", scorecard],
    ["boosting", boosting],
  ] as const)("the %s ranks held-out records well above chance, and beats the control value", (_, f) => {
    const scorer = compilePointsModel(f.model);
    const ranked = test.map((r) => ({
      score: scorer.score(recordAsLead(r, FIT_MAP), now).value,
      won: r.won === true,
    }));
    const control = fitControlValueModel(
      collectControlValueStats(
        train,
        {
          fields: f.bins.map((b) =>
            Array.isArray(b.bins) ? { field: b.field, bins: [...(b.bins as number[])] } : { field: b.field },
          ),
        },
        { records: FIT_MAP },
      ),
      { aboveControl: "excess", belowControl: "negative", scale: "fit_range", allowUntrusted: true },
    );
    expect(control.ok).toBe(true);
    if (!control.ok) return;
    const controlScorer = compilePointsModel(control.value.model);
    const controlRanked = test.map((r) => ({
      score: controlScorer.score(recordAsLead(r, FIT_MAP), now).value,
      won: r.won === true,
    }));
    expect(auc(ranked)).toBeGreaterThan(0.72);
    expect(auc(ranked)).toBeGreaterThan(auc(controlRanked));
  });

  it.each([
    ["scorecard", scorecard],
    ["boosting", boosting],
  ] as const)("the %s's probability is calibrated in the large and rises with the total", (_, f) => {
    const scorer = compilePointsModel(f.model);
    const p = test.map((r) =>
      pointsProbability(f.probability, scorer.score(recordAsLead(r, FIT_MAP), now).value),
    );
    const mean = p.reduce((a, b) => a + b, 0) / p.length;
    const observed = test.filter((r) => r.won).length / test.length;
    expect(Math.abs(mean - observed)).toBeLessThan(0.04);
    for (let t = 0; t < 100; t += 5)
      expect(pointsProbability(f.probability, t + 5)).toBeGreaterThan(pointsProbability(f.probability, t));
    expect(f.probability.pointsToDoubleOdds).toBeGreaterThan(0);
  });

  it("keeps every fitted record's total within 0–100 by default, so nothing is clamped", () => {
    for (const f of [scorecard, boosting]) {
      for (const row of train) {
        const base = f.model.rules[0]?.points ?? 0;
        const lead = recordAsLead(row, FIT_MAP);
        const total = explainScore(compilePointsModel(f.model), lead, now).rules.reduce(
          (s, r) => s + r.points,
          0,
        );
        expect(total).toBeGreaterThanOrEqual(0);
        expect(total).toBeLessThanOrEqual(100 + 1e-9);
        expect(total).toBeGreaterThanOrEqual(base);
      }
      expect(f.warnings.filter((w) => w.code === "points_clamped")).toEqual([]);
    }
  });

  it("rounds every rule's points to the stated precision", () => {
    for (const precision of [1, 0.5, 0.1]) {
      const f = fitOn("scorecard", { precision, l2: 1 });
      for (const rule of f.model.rules)
        expect(Math.abs(rule.points / precision - Math.round(rule.points / precision))).toBeLessThan(1e-9);
      expect(f.model.description).toContain(`points rounded to ${precision}`);
    }
  });

  it("scores each record with the points of the bins the fit put it in — text and missing values included", () => {
    for (const f of [scorecard, boosting]) {
      const visits = f.features.find((x) => x.field === "contact.attributes.visits");
      const missingBin = visits?.bins.at(-1);
      expect(missingBin?.label).toBe("visits missing or not a number");
      const lead = (visitsValue: unknown) =>
        recordAsLead({ ...(train[0] as FitRow), visits: visitsValue as number }, FIT_MAP);
      const missing = fittedTotal(f, { ...(train[0] as FitRow), visits: null });
      // Text, NaN and ±Infinity fall in the missing bin, as they did when fitting.
      for (const v of ["n/a", Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, undefined])
        expect(scoreLead(compilePointsModel(f.model), lead(v), now).value).toBe(missing);
      // Every training record: the rules give the base plus the points of its bins.
      for (const row of train.slice(0, 300)) {
        const total = f.model.rules[0]?.points ?? 0;
        const expected = f.features.reduce((sum, feature, j) => {
          const value = [row.source, row.region, row.visits, row.minutes][j];
          const bins = f.bins[j];
          let b: number;
          if (bins !== undefined && Array.isArray(bins.bins)) {
            const edges = bins.bins as number[];
            b = typeof value === "number" ? edges.filter((e) => e <= value).length : edges.length + 1;
          } else {
            const categories = (bins?.categories ?? []) as unknown[];
            const k = categories.indexOf(value);
            b = value === null ? categories.length + 1 : k < 0 ? categories.length : k;
          }
          return sum + (feature.bins[b]?.points ?? Number.NaN);
        }, total);
        expect(scoreLead(compilePointsModel(f.model), recordAsLead(row, FIT_MAP), now).value).toBeCloseTo(
          Math.min(100, Math.max(0, expected)),
          9,
        );
      }
    }
  });

  it("gives a category value unseen in training the 'other' bin's points", () => {
    const row = { ...(train[0] as FitRow), source: "a source nobody used" };
    const other = scorecard.features[0]?.bins.find((b) => b.label === "source: other");
    expect(other).toBeDefined();
    const rule = scorecard.model.rules.find((r) => r.description?.startsWith("source: any other value"));
    const explained = explainScore(compilePointsModel(scorecard.model), recordAsLead(row, FIT_MAP), now);
    const sourceRules = explained.rules.filter((r) => r.ruleId.startsWith("contact.attributes.source:"));
    expect(sourceRules.map((r) => r.points)).toEqual(other?.points === 0 ? [] : [rule?.points]);
  });

  it("fits Leads read with readLeadField exactly as the same values read as records", () => {
    const leads = train.map((row) =>
      parseLead({
        id: `l${row.id}`,
        contact: {
          kind: "prospect",
          name: `Lead ${row.id}`,
          attributes: { source: row.source, region: row.region, visits: row.visits, minutes: row.minutes },
        },
        stage: row.won === null ? "lead" : row.won ? "customer" : "lost",
        owner: null,
        generatedBy: null,
        capture: { channel: "form", initiator: { kind: "contact" } },
        createdAt: "2026-01-01T00:00:00Z",
        updatedAt: "2026-01-01T00:00:00Z",
      }),
    );
    const fromLeads = fitPointsModel(leads, { method: "scorecard", features: FIT_FEATURES });
    expect(fromLeads.ok && fromLeads.value.model).toEqual(scorecard.model);
  });

  it("is deterministic: the same history and seed give the same model", () => {
    expect(fitOn("boosting", { boosting: { bags: 2 } }).model).toEqual(boosting.model);
    expect(fitOn("scorecard").model).toEqual(scorecard.model);
  });

  it("does not change its input", () => {
    const copy = structuredClone(train);
    fitOn("scorecard", { l2: 1 });
    expect(train).toEqual(copy);
  });

  it("reads a one-shot generator once", () => {
    function* once() {
      yield* train;
    }
    const r = fitPointsModel(once(), { method: "scorecard", features: FIT_FEATURES, records: FIT_MAP });
    expect(r.ok && r.value.model).toEqual(scorecard.model);
  });

  it("reports progress through every phase", () => {
    const seen: FitPointsProgress[] = [];
    fitOn("scorecard", { calibrate: "platt", onProgress: (p) => seen.push(p) });
    expect(new Set(seen.map((p) => p.phase))).toEqual(new Set(["read", "fit", "calibrate"]));
    expect(seen.every((p) => p.done <= p.total)).toBe(true);
    const boostingSeen: FitPointsProgress[] = [];
    fitOn("boosting", { boosting: { bags: 1, patience: 10 }, onProgress: (p) => boostingSeen.push(p) });
    expect(boostingSeen.some((p) => p.phase === "fit")).toBe(true);
  });

  it.each(["platt", "isotonic"] as const)(
    "calibrates with %s on a held-out slice of the training data",
    (method) => {
      const f = fitOn("scorecard", { calibrate: method, calibrationShare: 0.25 });
      expect(f.probability.calibration?.kind).toBe(method);
      expect(f.calibrationLeads).toBe(Math.floor(0.25 * train.filter((r) => r.won !== null).length));
      expect(f.leads + f.calibrationLeads).toBe(train.filter((r) => r.won !== null).length);
      expect(f.model.description).toContain(`${method} calibration`);
    },
  );

  it("labels totals with probability bands read from the mapping", () => {
    const scale = scorecard.model.labels?.find((l) => l.id === "probability");
    expect(scale?.bands.at(-1)?.atLeast).toBe(0);
    for (const band of scale?.bands ?? []) {
      const k = Number(band.label.replace(/[^0-9]/g, "")) / 100;
      if (band.label.startsWith("≥"))
        expect(pointsProbability(scorecard.probability, band.atLeast)).toBeGreaterThanOrEqual(k - 1e-9);
    }
    expect(fitOn("scorecard", { probabilityLabels: false, l2: 1 }).model.labels).toBeUndefined();
  });

  it("uses a fixed scale when asked, and warns when fitted totals leave 0–100", () => {
    const fixed = fitOn("scorecard", { evenOdds: 50, pointsToDoubleOdds: 40, l2: 1 });
    expect(fixed.warnings.map((w) => w.code)).toContain("points_clamped");
    const anchored = fitOn("scorecard", { evenOdds: 30, l2: 1 });
    expect(anchored.warnings.map((w) => w.code)).not.toContain("points_clamped");
  });

  it("chooses the L2 strength by cross-validation, or takes a fixed one", () => {
    expect(scorecard.l2?.losses.length).toBeGreaterThan(3);
    expect(scorecard.l2?.losses.map((l) => l.lambda)).toContain(scorecard.l2?.chosen);
    expect(fitOn("scorecard", { l2: 5 }).l2).toEqual({ chosen: 5, losses: [] });
  });
});

describe("fitPointsModel issues", () => {
  const base = { method: "scorecard" as const, features: FIT_FEATURES, records: FIT_MAP };

  it("returns issues with paths for a malformed spec, never throwing", () => {
    const bad = [
      { ...base, method: "forest" },
      { ...base, features: [] },
      { ...base, features: [{ field: "shoeSize" }] },
      { ...base, features: [{ field: "contact.attributes.x", bins: [3, 1] }] },
      { ...base, features: [{ field: "contact.attributes.x", bins: { kind: "quantile", count: 1 } }] },
      { ...base, features: [{ field: "contact.attributes.x", bins: [1], minSupport: 3 }] },
      { ...base, features: [{ field: "contact.attributes.source" }, { field: "contact.attributes.source" }] },
      { ...base, precision: 0 },
      { ...base, boosting: { learningRate: 2 } },
      { ...base, onProgress: "loudly" },
      { ...base, records: { outcome: "won", fields: {} } },
      { ...base, features: [{ field: "contact.attributes.x", categories: ["a", "a"] }] },
      { ...base, calibrat: "platt" },
    ];
    for (const spec of bad) {
      const r = fitPointsModel(train, spec as never);
      expect(r.ok, JSON.stringify(spec)).toBe(false);
    }
    const dup = fitPointsModel(train, bad[6] as never);
    expect(dup.ok ? [] : dup.issues.map((i) => i.path.join("."))).toEqual(["features.1.field"]);
    for (const input of [null, 42, "x", [], { features: null }])
      expect(fitPointsModel(train, input as never).ok).toBe(false);
  });

  it("answers a history that is not an iterable of records, or a lead that is not an object, with invalid_type", () => {
    const leadSpec = { method: "scorecard" as const, features: [{ field: "source" as const }] };
    for (const history of [null, undefined, 42, "leads", {}]) {
      const r = fitPointsModel(history as never, base);
      expect(r.ok ? [] : r.issues.map((i) => [i.code, i.path]), String(history)).toEqual([
        ["invalid_type", []],
      ]);
      const b = learnBins(history as never, FIT_FEATURES, { records: FIT_MAP });
      expect(b.ok ? [] : b.issues.map((i) => [i.code, i.path])).toEqual([["invalid_type", []]]);
    }
    const leads = fitPointsModel([null, 5, "x"] as never, leadSpec);
    expect(leads.ok ? [] : leads.issues.map((i) => [i.code, i.path])).toEqual([
      ["invalid_type", [0]],
      ["invalid_type", [1]],
      ["invalid_type", [2]],
    ]);
    const options = learnBins([], FIT_FEATURES, null as never);
    expect(options.ok ? [] : options.issues.map((i) => [i.code, i.path])).toEqual([
      ["invalid_type", ["options"]],
    ]);
  });

  it("names a feature the field map cannot read", () => {
    const r = fitPointsModel(train, {
      ...base,
      features: [...FIT_FEATURES, { field: "contact.attributes.budget" }],
    });
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.path.join(".")])).toEqual([
      ["unknown_field", "features.4.field"],
    ]);
  });

  it("refuses a history where everyone or no one converted, and a small one unless allowed", () => {
    const allWon = train.map((r) => ({ ...r, won: true }));
    const r = fitPointsModel(allWon, base);
    expect(r.ok ? [] : r.issues.map((i) => i.code)).toEqual(["no_contrast"]);
    const small = fitPointsModel(train.slice(0, 200), base);
    expect(small.ok ? [] : small.issues.map((i) => i.code)).toEqual([
      "insufficient_history",
      "insufficient_history",
    ]);
    const allowed = fitPointsModel(train.slice(0, 200), { ...base, allowUntrusted: true });
    expect(allowed.ok && allowed.value.trusted).toBe(false);
    expect(allowed.ok && allowed.value.warnings.map((w) => w.code)).toContain("insufficient_history");
  });

  it("reports an outcome that is neither won, lost nor open", () => {
    const r = fitPointsModel(train, {
      ...base,
      records: { ...FIT_MAP, outcome: (row) => (row.id === 3 ? ("maybe" as never) : "won") },
    });
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.path.join(".")])).toEqual([["invalid_outcome", "3"]]);
  });

  it("warns when a numeric feature holds text", () => {
    expect(scorecard.warnings.map((w) => [w.code, w.path.join(".")])).toEqual([
      ["not_a_number", "features.2"],
    ]);
  });
});

describe("learnBins", () => {
  it("learns quantile edges, monotone merges and frequent categories from the training data", () => {
    const r = learnBins(train, FIT_FEATURES, { records: FIT_MAP });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const [source, region, visits, minutes] = r.value;
    expect(source?.categories).toEqual(["ads", "cold", "fair", "partner", "referral", "webinar"]);
    expect(region?.categories).toEqual(["east", "north", "south"]);
    expect(visits?.bins).toEqual([2, 4, 5, 7, 10]);
    const twelve = Array.from({ length: 12 }, (_, k) => ({ v: k + 1, won: k % 2 === 0 }));
    const quartiles = learnBins(
      twelve,
      [{ field: "contact.attributes.v", bins: { kind: "quantile", count: 4 } }],
      {
        records: { outcome: (x) => (x.won ? "won" : "lost"), fields: { "contact.attributes.v": (x) => x.v } },
      },
    );
    expect(quartiles.ok && quartiles.value).toEqual([{ field: "contact.attributes.v", bins: [4, 7, 10] }]);
    // Monotone: conversion rises (or falls) along the merged bins.
    const edges = minutes?.bins as number[];
    const closed = train.filter((row) => row.won !== null);
    const rates = [Number.NEGATIVE_INFINITY, ...edges].map((lo, k) => {
      const hi = edges[k] ?? Number.POSITIVE_INFINITY;
      const inBin = closed.filter((row) => row.minutes >= lo && row.minutes < hi);
      return inBin.filter((row) => row.won).length / inBin.length;
    });
    const rising = rates.every((x, k) => k === 0 || x >= (rates[k - 1] as number));
    const falling = rates.every((x, k) => k === 0 || x <= (rates[k - 1] as number));
    expect(rising || falling).toBe(true);
    expect(edges.length).toBeGreaterThan(0);
  });

  it("keeps fixed bins and categories, and puts rare values in 'other'", () => {
    const r = learnBins(
      train,
      [
        { field: "contact.attributes.visits", bins: [3, 7] },
        { field: "contact.attributes.source", categories: ["fair"] },
        { field: "contact.attributes.source", minSupport: 10_000 },
      ],
      { records: FIT_MAP },
    );
    expect(r.ok && r.value).toEqual([
      { field: "contact.attributes.visits", bins: [3, 7] },
      { field: "contact.attributes.source", categories: ["fair"] },
      { field: "contact.attributes.source", categories: [] },
    ]);
  });

  it("returns issues for a malformed spec or an unmapped field", () => {
    expect(learnBins(train, [{ field: "nope" } as never], { records: FIT_MAP }).ok).toBe(false);
    const unmapped = learnBins(train, [{ field: "contact.attributes.q" }], { records: FIT_MAP });
    expect(unmapped.ok ? [] : unmapped.issues.map((i) => i.code)).toEqual(["unknown_field"]);
  });
});

describe("recordAsLead", () => {
  it("puts mapped values where models read them, prototype-named keys as data", () => {
    const lead = recordAsLead(
      { a: "x", p: "y", c: 3 },
      {
        fields: {
          "contact.attributes.constructor": (r: { a: string }) => r.a,
          "contact.attributes.__proto__": (r: { p: string }) => r.p,
          source: (r: { a: string }) => r.a,
          "contact.country": () => "ES",
          "capture.channel": () => "call",
        } as never,
      },
    );
    expect(lead.contact.attributes["constructor"]).toBe("x");
    expect(Object.getPrototypeOf(lead.contact.attributes)).toBeNull();
    expect(Object.keys(lead.contact.attributes).sort()).toEqual(["__proto__", "constructor"]);
    expect(lead.source).toBe("x");
    expect(lead.contact.country).toBe("ES");
    expect(lead.capture.channel).toBe("call");
    expect(Object.getPrototypeOf(lead)).toBe(Object.prototype);
    const model = parsePointsModel({
      id: "m",
      groups: [{ id: "fit" }],
      rules: [
        {
          id: "c",
          group: "fit",
          points: 10,
          when: [{ kind: "field_equals", field: "contact.attributes.constructor", value: "x" }],
        },
        { id: "s", group: "fit", points: 5, when: [{ kind: "field_equals", field: "source", value: "x" }] },
      ],
    });
    expect(scoreLead(compilePointsModel(model), lead, now).value).toBe(15);
  });

  it("ignores a key that is not a lead field", () => {
    const fields = JSON.parse('{"__proto__": 1, "id": 2, "contact.name": 3}') as Record<string, unknown>;
    for (const key of Object.keys(fields)) fields[key] = () => "bad";
    const lead = recordAsLead({}, { fields: fields as never });
    expect(Object.getPrototypeOf(lead)).toBe(Object.prototype);
    expect(lead.id).toBe("record");
    expect(lead.contact.name).toBe("bad");
  });
});
