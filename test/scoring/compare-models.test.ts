import {
  calibrateProbability,
  compareModels,
  evaluateScores,
  fitProbabilityCalibration,
  renderModelComparison,
} from "leadkit/scoring";
import { describe, expect, it } from "vitest";
import { auc, seeded } from "./fit-fixtures.js";

interface Rec {
  readonly x: number;
  readonly converted: boolean;
}
const random = seeded(4);
const records: Rec[] = Array.from({ length: 600 }, () => {
  const x = random();
  return { x, converted: random() < x };
});
const perfect = { name: "true probability", score: (r: Rec) => r.x, probability: (r: Rec) => r.x };
const noisy = {
  name: "noisy",
  score: (r: Rec) => r.x + 0.4 * Math.sin(r.x * 977),
  probability: (r: Rec) => Math.min(1, Math.max(0, r.x * 0.6 + 0.3)),
};
const ranking = { name: "points only", score: (r: Rec) => Math.round(r.x * 100) };

describe("compareModels", () => {
  const c = compareModels(records, [perfect, noisy, ranking], { bootstrap: 300, seed: 3 });
  const value = c.ok ? c.value : null;

  it("measures each model on the same records: ROC AUC by ranks, lift as evaluateScores", () => {
    expect(value?.count).toBe(600);
    expect(value?.baseRate).toBeCloseTo(records.filter((r) => r.converted).length / 600, 12);
    for (const [k, m] of [perfect, noisy, ranking].entries()) {
      const labelled = records.map((r) => ({ score: m.score(r), converted: r.converted }));
      const report = value?.models[k];
      expect(report?.name).toBe(m.name);
      expect(report?.rocAuc).toBeCloseTo(
        auc(labelled.map((l) => ({ score: l.score, won: l.converted }))),
        12,
      );
      const e = evaluateScores(labelled);
      expect(report?.deciles).toEqual(e.ok ? e.value.groups : null);
    }
    expect(value?.models[0]?.rocAuc ?? 0).toBeGreaterThan(value?.models[1]?.rocAuc ?? 1);
  });

  it("gives a bootstrap interval around the ROC AUC, the same for the same seed", () => {
    const m = value?.models[0];
    const [lo, hi] = m?.rocAucInterval ?? [Number.NaN, Number.NaN];
    expect(lo).toBeLessThan(m?.rocAuc ?? 0);
    expect(hi).toBeGreaterThan(m?.rocAuc ?? 1);
    expect(hi - lo).toBeLessThan(0.15);
    const again = compareModels(records, [perfect], { bootstrap: 300, seed: 3 });
    expect(again.ok && again.value.models[0]?.rocAucInterval).toEqual(m?.rocAucInterval);
    const none = compareModels(records, [perfect], { bootstrap: 0 });
    expect(none.ok && none.value.models[0]?.rocAucInterval).toBeNull();
    expect(none.ok && none.value.confidence).toBeNull();
  });

  it("computes Brier score, mean prediction and a calibration table by probability decile", () => {
    const m = value?.models[0];
    const brier = records.reduce((s, r) => s + (r.x - (r.converted ? 1 : 0)) ** 2, 0) / records.length;
    expect(m?.brierScore).toBeCloseTo(brier, 12);
    expect(m?.meanPredicted).toBeCloseTo(records.reduce((s, r) => s + r.x, 0) / 600, 12);
    expect(m?.calibration?.length).toBe(10);
    expect(m?.calibration?.reduce((s, g) => s + g.count, 0)).toBe(600);
    for (const g of m?.calibration ?? [])
      expect(Math.abs(g.meanPredicted - g.observedRate)).toBeLessThan(0.2);
    expect(value?.models[2]?.brierScore).toBeNull();
    expect(value?.models[2]?.calibration).toBeNull();
    expect(value?.models[1]?.largestCalibrationGap ?? 0).toBeGreaterThan(m?.largestCalibrationGap ?? 1);
  });

  it("gives each calibration group the Wilson interval of its observed rate and says whether the prediction lies within it", () => {
    // 20 of 100 converted: the 95 % Wilson interval is 13.3 %–28.9 % (Wilson 1927, z = 1.96).
    const group = Array.from({ length: 100 }, (_, i) => ({ converted: i < 20 }));
    const at = (p: number, confidence?: number) => {
      const r = compareModels(group, [{ name: "p", score: () => p, probability: () => p }], {
        bootstrap: 0,
        groups: 1,
        ...(confidence === undefined ? {} : { confidence }),
      });
      return r.ok ? (r.value.models[0]?.calibration?.[0] ?? null) : null;
    };
    const g = at(0.25);
    expect(g?.observedRate).toBe(0.2);
    expect(g?.observedInterval[0]).toBeCloseTo(0.13333, 4);
    expect(g?.observedInterval[1]).toBeCloseTo(0.28883, 4);
    expect(g?.withinInterval).toBe(true);
    expect(at(0.3)?.withinInterval).toBe(false);
    expect(at(0.13)?.withinInterval).toBe(false);
    // 99 %: z = 2.5758, a wider interval (11.7 %–32.0 %) that takes 0.3 in.
    const wide = at(0.3, 0.99);
    expect(wide?.observedInterval[0]).toBeCloseTo(0.11716, 4);
    expect(wide?.observedInterval[1]).toBeCloseTo(0.32017, 4);
    expect(wide?.withinInterval).toBe(true);
    // A rate of 0 or 1 keeps the interval inside 0–1 and not empty.
    const none = compareModels(
      [{ converted: false }, { converted: false }],
      [{ name: "p", score: () => 0, probability: () => 0 }],
    );
    const [lo, hi] = (none.ok && none.value.models[0]?.calibration?.[0]?.observedInterval) || [-1, -1];
    expect(lo).toBeCloseTo(0, 12);
    expect(hi).toBeGreaterThan(0.5);
    expect(hi).toBeLessThan(1);
  });

  it("counts the deciles whose prediction lies within their interval: most for true probabilities, fewer for distorted ones", () => {
    const [truth, distorted] = [value?.models[0], value?.models[1]];
    expect(truth?.calibrationWithinInterval).toBe(truth?.calibration?.filter((g) => g.withinInterval).length);
    expect(truth?.calibrationWithinInterval ?? 0).toBeGreaterThanOrEqual(8);
    expect(distorted?.calibrationWithinInterval ?? 10).toBeLessThan(truth?.calibrationWithinInterval ?? 0);
    expect(value?.models[2]?.calibrationWithinInterval).toBeNull();
    expect(value?.calibrationConfidence).toBe(0.95);
  });

  it("leaves out records a model does not score, and counts them", () => {
    const partial = compareModels(records, [{ name: "half", score: (r: Rec) => (r.x < 0.5 ? null : r.x) }], {
      bootstrap: 0,
    });
    expect(partial.ok && partial.value.models[0]?.unscored).toBe(records.filter((r) => r.x < 0.5).length);
  });

  it("returns issues for no records, no models, a duplicate name, a bad score or probability", () => {
    const codes = (r: ReturnType<typeof compareModels>) =>
      r.ok ? [] : r.issues.map((i) => [i.code, i.path.join(".")]);
    expect(codes(compareModels([], [perfect]))).toEqual([["empty_input", ""]]);
    expect(codes(compareModels(records, []))).toEqual([["empty_input", "models"]]);
    expect(codes(compareModels(records, [perfect, perfect]))).toEqual([["duplicate_name", "models.1.name"]]);
    for (const confidence of [0, 1, 1.5, Number.NaN])
      expect(codes(compareModels(records, [perfect], { confidence }))).toEqual([
        ["invalid_value", "confidence"],
      ]);
    expect(codes(compareModels(records.slice(0, 2), [{ name: "nan", score: () => Number.NaN }]))).toEqual([
      ["invalid_score", "models.0.0"],
      ["invalid_score", "models.0.1"],
    ]);
    expect(
      codes(compareModels(records.slice(0, 1), [{ name: "p", score: () => 1, probability: () => 1.5 }])),
    ).toEqual([["invalid_probability", "models.0.0"]]);
  });

  it("renders a text table, a calibration plot and a lift chart, escaping names", () => {
    const hostile = { ...perfect, name: '<script>alert("x")</script> & \u001b[31mred' };
    const r = compareModels(records, [hostile, ranking], { bootstrap: 50 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const text = renderModelComparison(r.value, "text");
    expect(text).toContain("ROC AUC (95 % CI)");
    expect(text).toContain("deciles within 95 % CI");
    expect(text).toMatch(/\d+\.\d % \/ \d+\.\d % (in|OUT)/);
    expect(text).toContain("points only");
    expect(text).not.toContain("\u001b");
    expect(text.split("\n").filter((l) => /^10 /.test(l)).length).toBe(2);
    for (const format of ["calibration_svg", "lift_svg"] as const) {
      const svg = renderModelComparison(r.value, format);
      expect(svg.startsWith("<svg")).toBe(true);
      expect(svg).not.toContain("<script>");
      expect(svg).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp;");
      expect(svg.match(/<circle/g)?.length).toBe(format === "lift_svg" ? 20 : 10);
      if (format === "calibration_svg") expect(svg.match(/stroke-opacity/g)?.length).toBe(10);
    }
  });
});

describe("fitProbabilityCalibration", () => {
  it("Platt scaling leaves calibrated probabilities nearly as they are, and fixes over-confident ones", () => {
    const calibrated = records.map((r) => ({ probability: r.x, converted: r.converted }));
    const platt = fitProbabilityCalibration(calibrated, "platt");
    expect(platt.ok).toBe(true);
    if (!platt.ok || platt.value.kind !== "platt") return;
    expect(platt.value.slope).toBeGreaterThan(0.6);
    expect(platt.value.slope).toBeLessThan(1.5);
    const sharp = records.map((r) => ({ probability: r.x > 0.5 ? 0.99 : 0.01, converted: r.converted }));
    const fixed = fitProbabilityCalibration(sharp, "platt");
    expect(fixed.ok && calibrateProbability(fixed.value, 0.99)).toBeLessThan(0.9);
    expect(fixed.ok && calibrateProbability(fixed.value, 0.01)).toBeGreaterThan(0.1);
  });

  it("isotonic regression is non-decreasing and matches block rates", () => {
    const iso = fitProbabilityCalibration(
      records.map((r) => ({ probability: r.x, converted: r.converted })),
      "isotonic",
    );
    expect(iso.ok).toBe(true);
    if (!iso.ok || iso.value.kind !== "isotonic") return;
    const { x, y } = iso.value;
    expect(x.every((v, k) => k === 0 || v > (x[k - 1] as number))).toBe(true);
    expect(y.every((v, k) => k === 0 || v >= (y[k - 1] as number))).toBe(true);
    let previous = -1;
    for (let p = 0; p <= 1; p += 0.01) {
      const q = calibrateProbability(iso.value, p);
      expect(q).toBeGreaterThanOrEqual(previous);
      previous = q;
    }
    expect(calibrateProbability(iso.value, -1)).toBe(y[0]);
    expect(calibrateProbability(iso.value, 2)).toBe(y.at(-1));
    expect(calibrateProbability({ kind: "isotonic", x: [], y: [] }, 0.3)).toBe(0.3);
  });

  it("returns issues for no records, a probability outside 0–1, and a single outcome", () => {
    const codes = (r: ReturnType<typeof fitProbabilityCalibration>) =>
      r.ok ? [] : r.issues.map((i) => i.code);
    expect(codes(fitProbabilityCalibration([], "platt"))).toEqual(["empty_input"]);
    expect(codes(fitProbabilityCalibration([{ probability: 2, converted: true }], "isotonic"))).toEqual([
      "invalid_probability",
    ]);
    expect(codes(fitProbabilityCalibration([{ probability: Number.NaN, converted: true }], "platt"))).toEqual(
      ["invalid_probability"],
    );
    expect(codes(fitProbabilityCalibration([{ probability: 0.4, converted: true }], "platt"))).toEqual([
      "no_contrast",
    ]);
  });
});

// Values JSON.parse can produce, in every argument slot: issues, never a TypeError.
describe("hostile input to the evaluation functions", () => {
  const codes = (r: { ok: boolean; issues?: readonly { code: string; path: readonly unknown[] }[] }) =>
    r.ok ? "ok" : (r.issues ?? []).map((i) => `${i.code}@${JSON.stringify(i.path)}`);
  const bad: unknown[] = [null, 5, "rows", {}, undefined];

  it("compareModels answers non-arrays, non-object rows and malformed models with invalid_type", () => {
    for (const x of bad) {
      expect(codes(compareModels(x as never, [ranking]))).toEqual(["invalid_type@[]"]);
      expect(codes(compareModels(records, x as never))).toEqual(['invalid_type@["models"]']);
    }
    expect(codes(compareModels(records, [ranking], null as never))).toEqual(['invalid_type@["options"]']);
    expect(codes(compareModels([null] as never, [ranking]))).toEqual(["invalid_type@[0]"]);
    expect(
      codes(
        compareModels(records, [
          null,
          { name: 5 },
          { name: "p", score: (r: Rec) => r.x, probability: 1 },
        ] as never),
      ),
    ).toEqual([
      'invalid_type@["models",0]',
      'invalid_type@["models",1,"name"]',
      'invalid_type@["models",1,"score"]',
      'invalid_type@["models",2,"probability"]',
    ]);
  });

  it("compareModels refuses a converted that is not a boolean, naming the row and the value's type", () => {
    const strings = records.map((r) => ({ ...r, converted: String(r.converted) }));
    const r = compareModels(strings as never, [ranking]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]).toMatchObject({ code: "invalid_type", path: [0, "converted"] });
    expect(r.issues[0]?.message).toMatch(
      /Record 0 has converted the string "(true|false)"; expected true or false/,
    );
    // One issue a row up to the cap, then the count of the rest.
    expect(r.issues).toHaveLength(101);
    expect(codes(compareModels([{ x: 1, converted: 1 }] as never, [ranking]))).toEqual([
      'invalid_type@[0,"converted"]',
    ]);
  });

  it("compareModels refuses counts that are not whole numbers in range, so 1e300 resamples cannot run for ever", () => {
    expect(codes(compareModels(records, [ranking], { bootstrap: 1e300 }))).toEqual(['too_big@["bootstrap"]']);
    expect(codes(compareModels(records, [ranking], { groups: Number.NaN }))).toEqual([
      'invalid_type@["groups"]',
    ]);
    expect(codes(compareModels(records, [ranking], { seed: "7" as never }))).toEqual([
      'invalid_type@["seed"]',
    ]);
  });

  it("evaluateScores and fitProbabilityCalibration answer non-arrays, non-object rows and bad options with issues", () => {
    for (const x of bad) {
      expect(codes(evaluateScores(x as never))).toEqual(["invalid_type@[]"]);
      expect(codes(fitProbabilityCalibration(x as never, "platt"))).toEqual(["invalid_type@[]"]);
    }
    expect(codes(evaluateScores([null] as never))).toEqual(["invalid_type@[0]"]);
    expect(codes(evaluateScores([{ score: 1, converted: true }], null as never))).toEqual([
      'invalid_type@["options"]',
    ]);
    expect(codes(evaluateScores([{ score: 1, converted: true }], { groups: 1e300 }))).toEqual([
      'too_big@["groups"]',
    ]);
    expect(codes(evaluateScores([{ score: 1, converted: true }], { probabilityScale: 0 }))).toEqual([
      'invalid_value@["probabilityScale"]',
    ]);
    expect(codes(fitProbabilityCalibration([null] as never, "platt"))).toEqual(["invalid_type@[0]"]);
    const held = [
      { probability: 0.2, converted: false },
      { probability: 0.8, converted: true },
    ];
    expect(codes(fitProbabilityCalibration(held, "PLATT" as never))).toEqual(['invalid_value@["method"]']);
  });
});

describe("renderModelComparison formats", () => {
  const r = compareModels(records, [ranking], { bootstrap: 0 });
  it("refuses a format it does not know, listing the three it does, rather than drawing the lift chart", () => {
    if (!r.ok) throw new Error("comparison failed");
    for (const format of ["markdown", "LIFT_SVG", undefined, null, 5])
      expect(() => renderModelComparison(r.value, format as never)).toThrow(
        expect.objectContaining({
          code: "invalid_input",
          message: expect.stringContaining('expected "text", "calibration_svg" or "lift_svg"'),
        }),
      );
    expect(renderModelComparison(r.value, "lift_svg")).toMatch(/^<svg/);
  });
});
