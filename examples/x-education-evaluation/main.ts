// The validation script of issue 17: every learned model side by side on real data — 9,240 leads
// of an online-education company (../shared/data/x-education-leads.csv, read at run time, never
// copied) — on the fixed, seeded 70/30 split, with and without `Last Activity` (it equals the leaky
// `Last Notable Activity` in 63 % of rows). Every fitter reads the rows as plain records through one
// field map and shares one binning spec, learned from the training rows. Prints ROC AUC with a
// bootstrap interval, Brier score, mean prediction, lift by decile and calibration by decile, writes
// a calibration plot and a lift chart (SVG), and checks the issue's targets.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  binnedPredictiveSetup,
  buildPredictiveModel,
  type ComparedModel,
  collectControlValueStats,
  compareModels,
  compilePointsModel,
  createPredictiveScorer,
  explainScore,
  type FitFeature,
  fitControlValueModel,
  fitPointsModel,
  fitPredictiveStats,
  fitProbabilityCalibration,
  learnBins,
  type ModelReport,
  type PointsModelFit,
  pointsProbability,
  recordAsLead,
  renderModelComparison,
} from "leadkit/scoring";
import { readExampleArgs } from "../example-args.js";
import { outputDir } from "../output-dir.js";
import {
  loadXEducation,
  RECORDS,
  SCORED_AT,
  seededSplit,
  type XEducationRow,
  xEducationFeatures,
} from "../x-education.js";

readExampleArgs(import.meta.url);

const rows = loadXEducation("evaluate");
if (rows === null) process.exit(0);
const smoke = process.env["LEADKIT_SMOKE"] === "1";
const { train, test } = seededSplit(rows);
const out = outputDir(import.meta.url);
const now = SCORED_AT;
const unwrap = <T>(r: { ok: true; value: T } | { ok: false; issues: readonly { message: string }[] }): T => {
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join("; "));
  return r.value;
};

/** A fitted points model as a compared model: its total ranks, its mapping gives the probability. */
function pointsModel(name: string, fit: PointsModelFit): ComparedModel<XEducationRow> {
  const scorer = compilePointsModel(fit.model);
  const total = (row: XEducationRow) => scorer.score(recordAsLead(row, RECORDS), now).value;
  return { name, score: total, probability: (row) => pointsProbability(fit.probability, total(row)) };
}

/**
 * The reference: a plain logistic regression on a one-hot encoding of the same bins, lightly
 * regularised (L2 of 1 on the summed log-loss, scikit-learn's default C = 1), fitted by Newton's
 * method. Written here, apart from leadkit's fitters, so it checks them rather than repeats them.
 */
function plainLogisticRegression(bins: readonly FitFeature[]): ComparedModel<XEducationRow> {
  const columns = new Map<string, number>();
  const encode = (row: XEducationRow): number[] =>
    bins.map((f) => {
      const value = RECORDS.fields[f.field as `contact.attributes.${string}`]?.(row) ?? null;
      let key: string;
      if (Array.isArray(f.bins)) {
        const edges = f.bins as readonly number[];
        key = typeof value === "number" ? `#${edges.filter((e) => e <= value).length}` : "missing";
      } else key = value === null ? "missing" : `=${String(value)}`;
      const name = `${f.field}${key}`;
      let index = columns.get(name);
      if (index === undefined) {
        index = columns.size + 1;
        columns.set(name, index);
      }
      return index;
    });
  const x = train.map(encode);
  const y = train.map((row) => (row.converted ? 1 : 0));
  const p = columns.size + 1;
  const beta = new Float64Array(p);
  for (let iteration = 0; iteration < 30; iteration++) {
    const h = new Float64Array(p * p);
    const g = new Float64Array(p);
    x.forEach((active, i) => {
      const indices = [0, ...active];
      const eta = indices.reduce((s, j) => s + (beta[j] as number), 0);
      const prob = 1 / (1 + Math.exp(-eta));
      for (const a of indices) {
        g[a] = (g[a] as number) + (y[i] as number) - prob;
        for (const b of indices) h[a * p + b] = (h[a * p + b] as number) + prob * (1 - prob);
      }
    });
    for (let j = 1; j < p; j++) {
      g[j] = (g[j] as number) - (beta[j] as number);
      h[j * p + j] = (h[j * p + j] as number) + 1;
    }
    // Cholesky solve of h · step = g.
    for (let j = 0; j < p; j++) {
      let d = h[j * p + j] as number;
      for (let k = 0; k < j; k++) d -= (h[j * p + k] as number) ** 2;
      const l = Math.sqrt(d);
      h[j * p + j] = l;
      for (let i = j + 1; i < p; i++) {
        let s = h[i * p + j] as number;
        for (let k = 0; k < j; k++) s -= (h[i * p + k] as number) * (h[j * p + k] as number);
        h[i * p + j] = s / l;
      }
    }
    for (let i = 0; i < p; i++) {
      let s = g[i] as number;
      for (let k = 0; k < i; k++) s -= (h[i * p + k] as number) * (g[k] as number);
      g[i] = s / (h[i * p + i] as number);
    }
    let largest = 0;
    for (let i = p - 1; i >= 0; i--) {
      let s = g[i] as number;
      for (let k = i + 1; k < p; k++) s -= (h[k * p + i] as number) * (g[k] as number);
      g[i] = s / (h[i * p + i] as number);
      beta[i] = (beta[i] as number) + (g[i] as number);
      largest = Math.max(largest, Math.abs(g[i] as number));
    }
    if (largest < 1e-8) break;
  }
  const probability = (row: XEducationRow) => {
    const eta = [0, ...encode(row)].reduce((s, j) => s + (j < p ? (beta[j] as number) : 0), 0);
    return 1 / (1 + Math.exp(-eta));
  };
  return { name: "logistic regression (reference)", score: probability, probability };
}

/** Pairs of features the boosting with interactions adds. */
const PAIRS = 4;

/** A candidate of the cross-validation: a method and its settings. */
interface Candidate {
  readonly name: string;
  readonly method: "scorecard" | "boosting";
  readonly interactions?: number;
  readonly bags?: number;
  readonly calibrate?: "platt" | "isotonic";
}

/**
 * How the boosting's outer bags and calibration and the pair count were chosen, on the training rows
 * alone: 5-fold cross-validation (bins learned and models fitted on four folds, the fifth
 * predicted), every training row predicted once, the predictions pooled and compared. The test
 * rows play no part. The rule that reads these figures is in docs/scoring.md. Skipped in a smoke
 * run.
 */
function crossValidate(withLastActivity: boolean): void {
  const { train: shuffled } = seededSplit(train, 1, 31);
  const folds = 5;
  const candidates: Candidate[] = [
    { name: "scorecard", method: "scorecard" },
    ...[1, 4, 8, 14].map((bags) => ({
      name: `boosting, ${bags} bag${bags === 1 ? "" : "s"}`,
      method: "boosting" as const,
      bags,
    })),
    ...(["platt", "isotonic"] as const).flatMap((calibrate) =>
      [4, 14].map((bags) => ({
        name: `boosting, ${bags} bags + ${calibrate === "platt" ? "Platt" : "isotonic"}`,
        method: "boosting" as const,
        bags,
        calibrate,
      })),
    ),
    ...[PAIRS, 2 * PAIRS].map((n) => ({
      name: `boosting + ${n} pairs`,
      method: "boosting" as const,
      interactions: n,
    })),
  ];
  const predicted = candidates.map(() => new Map<XEducationRow, number>());
  for (let k = 0; k < folds; k++) {
    const held = shuffled.filter((_, i) => i % folds === k);
    const fitOn = shuffled.filter((_, i) => i % folds !== k);
    const bins = unwrap(learnBins(fitOn, xEducationFeatures(withLastActivity), { records: RECORDS }));
    candidates.forEach((c, m) => {
      const fit = unwrap(
        fitPointsModel(fitOn, {
          method: c.method,
          features: bins,
          records: RECORDS,
          ...(c.calibrate === undefined ? {} : { calibrate: c.calibrate }),
          ...(c.method === "boosting"
            ? {
                boosting: {
                  interactions: c.interactions ?? 0,
                  ...(c.bags === undefined ? {} : { bags: c.bags }),
                },
              }
            : {}),
        }),
      );
      const scorer = compilePointsModel(fit.model);
      for (const row of held)
        predicted[m]?.set(
          row,
          pointsProbability(fit.probability, scorer.score(recordAsLead(row, RECORDS), now).value),
        );
    });
  }
  const pooled = unwrap(
    compareModels(
      shuffled,
      candidates.map((c, m) => ({
        name: c.name,
        score: (row: XEducationRow) => predicted[m]?.get(row) ?? 0,
        probability: (row: XEducationRow) => predicted[m]?.get(row) ?? 0,
      })),
      { bootstrap: 0 },
    ),
  );
  console.log(
    `\nOn the training rows only (5-fold, ${shuffled.length} out-of-fold predictions pooled), ${withLastActivity ? "with" : "without"} Last Activity — how the bags, the calibration and ${PAIRS} pairs were chosen:`,
  );
  for (const m of pooled.models)
    console.log(
      `  ${m.name}: ROC AUC ${m.rocAuc?.toFixed(4)}, Brier ${m.brierScore?.toFixed(4)}, mean ${(100 * (m.meanPredicted ?? 0)).toFixed(1)} %, largest decile gap ${(100 * (m.largestCalibrationGap ?? 0)).toFixed(1)} pts, deciles within 95 % CI ${m.calibrationWithinInterval} / ${m.calibration?.length}`,
    );
}

interface Variant {
  readonly label: string;
  readonly reports: readonly ModelReport[];
}

function evaluate(withLastActivity: boolean): Variant {
  const label = withLastActivity ? "with Last Activity" : "without Last Activity";
  const bins = unwrap(learnBins(train, xEducationFeatures(withLastActivity), { records: RECORDS }));
  const fitWith = (method: "scorecard" | "boosting", interactions = 0) =>
    unwrap(
      fitPointsModel(train, {
        method,
        features: bins,
        records: RECORDS,
        id: `x-education-${method}${interactions > 0 ? "-pairs" : ""}`,
        ...(method === "boosting" ? { boosting: { interactions } } : {}),
      }),
    );
  const scorecard = fitWith("scorecard");
  const boosting = fitWith("boosting");
  // Boosting with pairs: how many was chosen on the training rows alone (see crossValidate: 4 and
  // 8 pairs tie there, and fewer pairs make fewer rules), never on the test rows.
  const boostingPairs = fitWith("boosting", PAIRS);

  // The control-value method counts the same bins: numeric edges as its bins, categories as values.
  const fields = bins.map((f) =>
    Array.isArray(f.bins) ? { field: f.field, bins: [...f.bins] } : { field: f.field },
  );
  const control = unwrap(
    fitControlValueModel(collectControlValueStats(train, { fields }, { records: RECORDS }), {
      id: "x-education-control-value",
      aboveControl: "excess",
      belowControl: "negative",
      scale: "fit_range",
    }),
  );
  const controlScorer = compilePointsModel(control.model);

  // The predictive model (Odoo's naive Bayes) over the same bins; and calibrated (isotonic regression)
  // fitted on a validation slice of the training rows (the model then counts the other 80 %).
  const setup = binnedPredictiveSetup(bins, { records: RECORDS });
  const predictive = createPredictiveScorer(
    buildPredictiveModel(setup, fitPredictiveStats(setup, train).stats),
  );
  const { train: fitPart, test: validation } = seededSplit(train, 0.8, 7);
  const partModel = buildPredictiveModel(setup, fitPredictiveStats(setup, fitPart).stats);
  const uncalibrated = createPredictiveScorer(partModel);
  const calibration = unwrap(
    fitProbabilityCalibration(
      validation.map((row) => ({ probability: (uncalibrated(row) ?? 50) / 100, converted: row.converted })),
      "isotonic",
    ),
  );
  const calibrated = createPredictiveScorer(partModel, { calibration });

  const models: ComparedModel<XEducationRow>[] = [
    pointsModel("scorecard", scorecard),
    pointsModel("boosting", boosting),
    pointsModel(`boosting + ${PAIRS} pairs`, boostingPairs),
    plainLogisticRegression(bins),
    { name: "control value", score: (row) => controlScorer.score(recordAsLead(row, RECORDS), now).value },
    {
      name: "predictive (naive Bayes)",
      score: (row) => predictive(row),
      probability: (row) => (predictive(row) ?? 0) / 100,
    },
    {
      name: "predictive + isotonic",
      score: (row) => calibrated(row),
      probability: (row) => (calibrated(row) ?? 0) / 100,
    },
  ];
  const comparison = unwrap(compareModels(test, models, { bootstrap: smoke ? 200 : 1000, seed: 17 }));
  const slug = withLastActivity ? "with-last-activity" : "without-last-activity";
  writeFileSync(join(out, `calibration-${slug}.svg`), renderModelComparison(comparison, "calibration_svg"));
  writeFileSync(join(out, `lift-${slug}.svg`), renderModelComparison(comparison, "lift_svg"));
  console.log(`\n━━ ${label} ━━ (${bins.length} features)\n`);
  console.log(renderModelComparison(comparison, "text"));
  console.log(
    `\nscorecard: ${scorecard.model.rules.length} rules, L2 ${scorecard.l2?.chosen} chosen by 5-fold cross-validation; boosting: ${boosting.model.rules.length} rules, rounds kept per bag ${boosting.rounds?.join(", ")}; boosting + ${PAIRS} pairs: ${boostingPairs.model.rules.length} rules, pairs ${boostingPairs.interactions.map((i) => i.fields.map((f) => f.replace("contact.attributes.", "")).join(" × ")).join(", ")}, pair rounds kept per bag ${boostingPairs.interactionRounds?.join(", ")}`,
  );
  const strongestPair = boostingPairs.model.rules
    .filter((r) => r.id.startsWith("interaction:"))
    .sort((a, b) => b.points - a.points)[0];
  if (strongestPair !== undefined)
    console.log(`The pair rule worth most: ${strongestPair.description} → +${strongestPair.points}`);
  if (withLastActivity) {
    const example = test.find(
      (row) => pointsProbability(scorecard.probability, models[0]?.score(row) ?? 0) > 0.9,
    );
    if (example !== undefined) {
      const why = explainScore(compilePointsModel(scorecard.model), recordAsLead(example, RECORDS), now);
      console.log(
        `Why a lead scores ${why.value} on the scorecard (${(100 * pointsProbability(scorecard.probability, why.value)).toFixed(0)} %): ${why.rules
          .filter((r) => r.ruleId !== "fit:base")
          .sort((a, b) => b.points - a.points)
          .slice(0, 4)
          .map((r) => `${r.description?.split(":")[0]} +${r.points}`)
          .join("; ")}`,
      );
    }
  }
  return { label, reports: comparison.models };
}

console.log(
  `x-education: ${rows.length} leads; fitted on ${train.length}, evaluated on ${test.length} (seeded 70/30); plots in ${out}`,
);
if (smoke)
  console.log("(smoke run: 200 resamples and no cross-validation, so its intervals differ from a full run)");
const variants = [evaluate(true), evaluate(false)];
if (!smoke) for (const withLastActivity of [true, false]) crossValidate(withLastActivity);

// The issue's targets, for the scorecard and the boosting. 0.911 and 0.116 are a scikit-learn
// logistic regression's figures on the same split (from the issue; scikit-learn is not run here —
// the reference row above is this script's own regression on the same bins).
console.log(
  "\nTargets (issue 17): ROC AUC ≥ 0.911, Brier ≤ 0.116, mean within 1 point, every decile within 5",
);
for (const variant of variants)
  for (const name of ["scorecard", "boosting", `boosting + ${PAIRS} pairs`]) {
    const m = variant.reports.find((r) => r.name === name);
    if (m === undefined) continue;
    const observed = m.conversions / m.count;
    const checks = [
      [`ROC AUC ${m.rocAuc?.toFixed(4)}`, (m.rocAuc ?? 0) >= 0.911],
      [`Brier ${m.brierScore?.toFixed(4)}`, (m.brierScore ?? 1) <= 0.116],
      [
        `mean ${(100 * (m.meanPredicted ?? 0)).toFixed(1)} % vs ${(100 * observed).toFixed(1)} %`,
        Math.abs((m.meanPredicted ?? 0) - observed) <= 0.01,
      ],
      [
        `largest decile gap ${(100 * (m.largestCalibrationGap ?? 1)).toFixed(1)} pts`,
        (m.largestCalibrationGap ?? 1) <= 0.05,
      ],
    ] as const;
    // The decile target stated against decile noise: each decile's mean prediction within the 95 %
    // Wilson interval of its observed rate (a test decile of 277 leads spans about ±6 points).
    const within = `deciles within their 95 % interval ${m.calibrationWithinInterval} / ${m.calibration?.length}`;
    console.log(
      `  ${name}, ${variant.label}: ${checks.map(([text, met]) => `${text} ${met ? "met" : "NOT met"}`).join("; ")}; ${within}`,
    );
  }
