import fc from "fast-check";
import {
  compilePointsModel,
  explainScore,
  type FitFeature,
  fitPointsModel,
  type PointsModelFit,
  type RecordFieldMap,
  recordAsLead,
  scoreLead,
} from "leadkit/scoring";
import { describe, expect, it } from "vitest";
import { FIT_FEATURES, FIT_MAP, type FitRow, fitRows } from "./fit-fixtures.js";

const now = new Date("2026-01-01T00:00:00Z");

interface Small {
  readonly a: string;
  readonly b: string;
  readonly x: number | null;
  readonly won: boolean;
}
const SMALL_MAP: RecordFieldMap<Small> = {
  outcome: (r) => (r.won ? "won" : "lost"),
  fields: {
    "contact.attributes.a": (r) => r.a,
    "contact.attributes.b": (r) => r.b,
    "contact.attributes.x": (r) => r.x,
  },
};
/** Fixed bins: adding a record cannot move them. */
const FIXED: FitFeature[] = [
  { field: "contact.attributes.a", categories: ["a0", "a1", "a2"] },
  { field: "contact.attributes.b", categories: ["b0", "b1"] },
  { field: "contact.attributes.x", bins: [3, 6] },
];
const smallRow = fc.record({
  a: fc.constantFrom("a0", "a1", "a2", "a3"),
  b: fc.constantFrom("b0", "b1"),
  x: fc.option(fc.integer({ min: 0, max: 9 }), { nil: null }),
  won: fc.boolean(),
});
const history = fc
  .array(smallRow, { minLength: 30, maxLength: 120 })
  .filter((rows) => rows.some((r) => r.won) && rows.some((r) => !r.won));

function fitSmall(
  rows: readonly Small[],
  spec: Partial<Parameters<typeof fitPointsModel<Small>>[1]>,
): PointsModelFit {
  const r = fitPointsModel(rows, {
    method: "scorecard",
    features: FIXED,
    records: SMALL_MAP,
    allowUntrusted: true,
    ...spec,
  });
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join("; "));
  return r.value;
}

/** The fitted log-odds of a record: the intercept plus its bins' log-odds. */
function logOdds(fit: PointsModelFit, row: Small): number {
  const a = ["a0", "a1", "a2"].indexOf(row.a);
  const b = ["b0", "b1"].indexOf(row.b);
  const x = row.x === null ? 3 : row.x < 3 ? 0 : row.x < 6 ? 1 : 2;
  const bins = [a < 0 ? 3 : a, b, x];
  return bins.reduce((sum, bin, j) => sum + (fit.features[j]?.bins[bin]?.logit ?? Number.NaN), fit.intercept);
}

describe("fitted points models", () => {
  it("points are invariant to the row order, given the seed (both methods, calibration and pairs included)", () => {
    const rows = fitRows(700, 5);
    fc.assert(
      fc.property(
        fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length }),
        fc.constantFrom("scorecard", "boosting") as fc.Arbitrary<"scorecard" | "boosting">,
        (shuffled, method) => {
          const spec = {
            method,
            features: FIT_FEATURES,
            records: FIT_MAP,
            allowUntrusted: true,
            calibrate: "platt" as const,
            seed: 3,
            boosting: { bags: 2, interactions: 3 },
          };
          const a = fitPointsModel(rows, spec);
          const b = fitPointsModel(shuffled as FitRow[], spec);
          expect(a.ok && b.ok).toBe(true);
          if (a.ok && b.ok) {
            expect(b.value.model).toEqual(a.value.model);
            expect(b.value.probability).toEqual(a.value.probability);
          }
        },
      ),
      { numRuns: 8 },
    );
  });

  it("scorecard: a won record added to the history never lowers the fitted log-odds of records like it, a lost one never raises it (fixed bins and L2)", () => {
    fc.assert(
      fc.property(history, smallRow, fc.double({ min: 0.05, max: 20, noNaN: true }), (rows, added, l2) => {
        const before = fitSmall(rows, { l2 });
        const after = fitSmall([...rows, added], { l2 });
        const change = logOdds(after, added) - logOdds(before, added);
        if (added.won) expect(change).toBeGreaterThanOrEqual(-1e-7);
        else expect(change).toBeLessThanOrEqual(1e-7);
      }),
      { numRuns: 60 },
    );
  });

  it("boosting without a held-out slice, in one bag or several, climbs to the same maximum-likelihood log-odds as an unpenalised scorecard, so it inherits that monotonicity in the limit", () => {
    const categorical = FIXED.slice(0, 2);
    fc.assert(
      fc.property(
        fc.array(smallRow, { minLength: 60, maxLength: 150 }).filter((rows) =>
          // Every bin of both features sees both outcomes, so the maximum-likelihood fit is finite.
          [
            ["a0", "a1", "a2", "a3"].map((v) => rows.filter((r) => r.a === v)),
            ["b0", "b1"].map((v) => rows.filter((r) => r.b === v)),
          ].every((bins) => bins.every((bin) => bin.some((r) => r.won) && bin.some((r) => !r.won))),
        ),
        fc.constantFrom(1, 3),
        (rows, bags) => {
          const scorecard = fitSmall(rows, { features: categorical, l2: 1e-9 });
          // Without a held-out slice every bag boosts on every record (in its own order), so the
          // bags' mean is the same maximum.
          const boosting = fitSmall(rows, {
            method: "boosting",
            features: categorical,
            boosting: { validationShare: 0, bags, learningRate: 0.5, maxRounds: 400 },
          });
          for (const row of rows) {
            const logit = (f: PointsModelFit) => {
              const a = ["a0", "a1", "a2"].indexOf(row.a);
              return (
                f.intercept +
                (f.features[0]?.bins[a < 0 ? 3 : a]?.logit ?? Number.NaN) +
                (f.features[1]?.bins[["b0", "b1"].indexOf(row.b)]?.logit ?? Number.NaN)
              );
            };
            expect(logit(boosting)).toBeCloseTo(logit(scorecard), 3);
          }
        },
      ),
      { numRuns: 10 },
    );
  });

  it("the explanation adds up to the score of a fitted model, whatever the record holds (bags and pairs included)", () => {
    const rows = fitRows(1500, 9);
    const fits = (["scorecard", "boosting", "boosting", "boosting"] as const).map((method, k) => {
      const r = fitPointsModel(rows, {
        method,
        features: FIT_FEATURES,
        records: FIT_MAP,
        boosting: { bags: k === 3 ? 6 : 1, interactions: k >= 2 ? 6 : 0 },
      });
      if (!r.ok) throw new Error("fit failed");
      return r.value;
    });
    const odd = fc.oneof(
      fc.constant(null),
      fc.string(),
      fc.integer({ min: -5, max: 400 }),
      fc.double(),
      fc.boolean(),
      fc.constantFrom("ads", "referral", "north", "east"),
    );
    fc.assert(
      fc.property(
        fc.tuple(odd, odd, odd, odd),
        fc.constantFrom(0, 1, 2, 3),
        ([source, region, visits, minutes], k) => {
          const fit = fits[k] as PointsModelFit;
          const lead = recordAsLead({ source, region, visits, minutes } as never, FIT_MAP);
          const why = explainScore(compilePointsModel(fit.model), lead, now);
          const sum =
            why.rules.reduce((s, r) => s + r.points, 0) + why.adjustments.reduce((s, a) => s + a.points, 0);
          expect(sum).toBeCloseTo(why.value, 9);
          expect(why.value).toBe(scoreLead(compilePointsModel(fit.model), lead, now).value);
        },
      ),
      { numRuns: 300 },
    );
  });
});
