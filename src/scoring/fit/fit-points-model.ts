import * as z from "zod";
import { err, fromZodIssues, type Issue, issue, ok, type Result } from "../../internal/index.js";
import type { Lead } from "../../model/index.js";
import { notIterableIssue } from "../argument-issues.js";
import type { LeadOutcome } from "../control-value/collect-control-value-stats.js";
import type { LeadField, PointsModel } from "../points/points-model.js";
import { boostAdditive } from "./additive-boosting.js";
import {
  type BinnedFeature,
  binColumns,
  binCount,
  gather,
  learnFeatureBins,
  type RawData,
  readHistory,
  releaseRawColumns,
  workingOrder,
} from "./binned-data.js";
import { boostPairs, choosePairs, coarseBins } from "./boost-interactions.js";
import { type FitFeature, fitFeatureSchema } from "./fit-feature.js";
import { chooseL2, createDesign, fitLogistic } from "./logistic-regression.js";
import {
  assembleModel,
  type BinCounts,
  type FittedFeature,
  type FittedInteraction,
  type PairScores,
  type PointsBuild,
  pairCell,
  pointsFromScores,
  probabilityLabels,
} from "./points-from-scores.js";
import { type PointsProbability, pointsProbability } from "./points-probability.js";
import { fitLogisticLine, fitProbabilityCalibration } from "./probability-calibration.js";
import {
  type FitReader,
  leadReader,
  type RecordFieldMap,
  recordReader,
  unmappedFields,
} from "./record-field-map.js";

/**
 * How far {@link fitPointsModel} has got: reading the history, then fitting (cross-validation folds
 * and penalties for the scorecard, rounds for the boosting), then calibrating.
 *
 * @example
 * ```ts
 * import type { FitPointsProgress } from "leadkit/scoring";
 *
 * const report = (p: FitPointsProgress) => console.log(`${p.phase}: ${p.done} / ${p.total}`);
 * ```
 * @category Scoring
 */
export interface FitPointsProgress {
  /** What is being done. */
  readonly phase: "read" | "fit" | "calibrate";
  /** Steps done: records read, fits made, rounds boosted. */
  readonly done: number;
  /** Steps planned (for `read`, the records read so far; boosting may stop early). */
  readonly total: number;
}

/**
 * Settings of the additive boosting.
 *
 * @example
 * ```ts
 * import { type BoostingOptions, fitPointsModel } from "leadkit/scoring";
 *
 * // Eight outer bags, averaged: smoother per-bin points, eight times the boosting time.
 * const boosting: BoostingOptions = { learningRate: 0.05, bags: 8 };
 * fitPointsModel(leads, { method: "boosting", features: [{ field: "source" }, { field: "contact.industry" }], boosting });
 * ```
 * @category Scoring
 */
export interface BoostingOptions {
  /** How far each round moves towards the best step (default 0.05). */
  readonly learningRate?: number;
  /** Most rounds (one round visits every feature once; default 3,000). */
  readonly maxRounds?: number;
  /** Stop after this many rounds without a better validation log-loss (default 50). */
  readonly patience?: number;
  /** Leaves of each round's tree over a numeric feature's ordered bins (default 3). */
  readonly maxLeaves?: number;
  /** Fewest training records a leaf needs (default 2). */
  readonly minLeafRecords?: number;
  /** Share of each bag's records held out to stop on (default 0.15). */
  readonly validationShare?: number;
  /**
   * Outer bags (default 1, at most 64), drawn as the explainable boosting machine draws them: each
   * bag holds out its own `validationShare` of the records, stratified by outcome, boosts on the
   * rest and stops on its held-out slice; the bags' scores per (feature, bin) are averaged into one
   * points model. More bags smooth the per-bin scores at a proportional cost in time. The default
   * is one because, on the x-education training folds, 4, 8 and 14 bags (interpret's default) did
   * not narrow the calibration gap nor improve ROC AUC or Brier score (the guide gives the figures
   * and the rule).
   */
  readonly bags?: number;
  /**
   * Training records each round's steps are computed on, taken in turn from the shuffled records
   * (default 50,000; a smaller history uses all of them every round). Held-out records used to stop
   * on are capped at the same number.
   */
  readonly recordsPerRound?: number;
  /**
   * Pairs of features to add after the main effects (default 0: none, a purely additive model; at
   * most 64). Pairs are ranked by how much the main-effect model's errors call for them (FAST, on
   * the training records), the strongest are boosted on the same bags, and each is kept only as far
   * as it improves the held-out log-loss. A pair reads as rules on both fields ("source = ads and
   * 300 ≤ minutes < 750: +4"); `PointsModelFit.interactions` lists them.
   */
  readonly interactions?: number;
  /**
   * Coarse bins per feature inside a pair (default 6, 2–16): a number's ranges merged into about
   * equal groups plus its missing bin; a category's most frequent values plus the rest.
   */
  readonly interactionBins?: number;
}

/** The most pairs a boosting fits: each adds up to `interactionBins²` rules. */
const MAX_INTERACTIONS = 64;

const boostingSchema = z
  .object({
    learningRate: z.number().gt(0).max(1).optional(),
    maxRounds: z.number().int().min(1).max(100_000).optional(),
    patience: z.number().int().min(1).optional(),
    maxLeaves: z.number().int().min(1).max(16).optional(),
    minLeafRecords: z.number().int().min(1).optional(),
    validationShare: z.number().min(0).lt(1).optional(),
    bags: z.number().int().min(1).max(64).optional(),
    recordsPerRound: z.number().int().min(100).optional(),
    interactions: z.number().int().min(0).max(MAX_INTERACTIONS).optional(),
    interactionBins: z.number().int().min(2).max(16).optional(),
  })
  .strict();

const specSchema = z
  .object({
    method: z.enum(["scorecard", "boosting"]),
    features: z.array(fitFeatureSchema).min(1),
    seed: z.number().int().optional(),
    id: z.string().min(1).optional(),
    name: z.string().optional(),
    group: z.string().min(1).optional(),
    precision: z.number().gt(0).max(10).optional(),
    evenOdds: z.number().min(0).max(100).optional(),
    pointsToDoubleOdds: z.number().gt(0).max(1000).optional(),
    calibrate: z.enum(["platt", "isotonic"]).optional(),
    calibrationShare: z.number().gt(0).lt(1).optional(),
    l2: z.number().gt(0).optional(),
    folds: z.number().int().min(2).max(20).optional(),
    crossValidationRecords: z.number().int().min(100).optional(),
    boosting: boostingSchema.optional(),
    minLeads: z.number().int().min(0).optional(),
    minConversions: z.number().int().min(0).optional(),
    allowUntrusted: z.boolean().optional(),
    probabilityLabels: z.boolean().optional(),
    // Functions are checked apart (checkFunctions); listed here so a misspelt option is refused.
    records: z.unknown().optional(),
    outcome: z.unknown().optional(),
    onProgress: z.unknown().optional(),
  })
  .strict()
  .superRefine((spec, ctx) => {
    const seen = new Set<string>();
    spec.features.forEach((f, i) => {
      if (seen.has(f.field))
        ctx.addIssue({
          code: "custom",
          path: ["features", i, "field"],
          message: `Feature "${f.field}" is listed twice; expected each field once`,
        });
      seen.add(f.field);
    });
  });

/**
 * What {@link fitPointsModel} fits, and how.
 *
 * @remarks
 * `features` is the binning spec (see {@link FitFeature}); bins are learned from the history given,
 * which must be the training data only. With `records`, the history holds plain records read
 * through that field map; without it, leadkit `Lead`s read with `readLeadField` (won at stage
 * `customer`, lost when lost or disqualified, unless `outcome` says otherwise).
 *
 * @example
 * ```ts
 * import { type FitPointsSpec, fitPointsModel } from "leadkit/scoring";
 *
 * const spec: FitPointsSpec = {
 *   method: "scorecard",
 *   features: [{ field: "source" }, { field: "contact.attributes.visits", bins: { kind: "monotone", count: 10 } }],
 *   calibrate: "platt",
 * };
 * const fit = fitPointsModel(leads, spec);
 * if (fit.ok) fit.value.model; // an ordinary points model: read it, edit it, score with it
 * ```
 * @category Scoring
 */
export interface FitPointsSpec<T = Lead> {
  /**
   * `"scorecard"`: L2-regularised logistic regression on the bins, its strength chosen by
   * cross-validation on the training data. `"boosting"`: cyclic gradient boosting of one score per
   * (feature, bin), one feature at a time (the explainable-boosting-machine idea), then pairs of
   * features only if `boosting.interactions` asks for them.
   */
  readonly method: "scorecard" | "boosting";
  /** The features and their bins. */
  readonly features: readonly FitFeature[];
  /** Read plain records through this field map instead of Leads. */
  readonly records?: RecordFieldMap<T>;
  /** For Leads: how to tell a closed lead's outcome (`null` leaves it out). */
  readonly outcome?: (lead: Lead) => LeadOutcome | null;
  /** Seed of every random choice (folds, slices, bags); default 1. The same seed, the same model. */
  readonly seed?: number;
  /** The model's id; default `"fitted_scorecard"` or `"fitted_boosting"`. */
  readonly id?: string;
  /** The model's name. */
  readonly name?: string;
  /** The group every rule goes in; default `"fit"`. */
  readonly group?: string;
  /** Points are rounded to a multiple of this; default 1 (whole points). */
  readonly precision?: number;
  /**
   * The total at even odds (probability 0.5). Default: chosen with `pointsToDoubleOdds` so the
   * fitted records' totals are centred in 0–100.
   */
  readonly evenOdds?: number;
  /**
   * Points that double the odds. Default: the largest (two significant digits) that keeps every
   * fitted record's total within 0–100. A record unlike any fitted one may reach beyond and is
   * clamped to 0 or 100 like any total (its probability is then the bound's).
   */
  readonly pointsToDoubleOdds?: number;
  /** Calibrate the probability on a held-out slice of the training data. */
  readonly calibrate?: "platt" | "isotonic";
  /** Share of the training data held out to calibrate on (default 0.2). */
  readonly calibrationShare?: number;
  /** Scorecard: a fixed L2 strength instead of cross-validation. */
  readonly l2?: number;
  /** Scorecard: cross-validation folds (default 5). */
  readonly folds?: number;
  /** Scorecard: most records cross-validation uses, a seeded sample (default 20,000). */
  readonly crossValidationRecords?: number;
  /** Boosting settings. */
  readonly boosting?: BoostingOptions;
  /** Closed records the history needs to be trusted; default 1,000 (as the control-value method). */
  readonly minLeads?: number;
  /** Conversions the history needs to be trusted; default 120. */
  readonly minConversions?: number;
  /** Return an untrusted fit (with warnings) instead of failing on a small history. */
  readonly allowUntrusted?: boolean;
  /** Add a `probability` label scale (bands "≥ 90 %" … "< 10 %") to the model; default true. */
  readonly probabilityLabels?: boolean;
  /** Called as the fit progresses. */
  readonly onProgress?: (progress: FitPointsProgress) => void;
}

/**
 * A fitted points model with everything the fit saw.
 *
 * @example
 * ```ts
 * import { fitPointsModel, type PointsModelFit } from "leadkit/scoring";
 *
 * declare const history: readonly import("leadkit").Lead[];
 * declare const spec: import("leadkit/scoring").FitPointsSpec;
 * const fitted = fitPointsModel(history, spec);
 * if (fitted.ok) {
 *   const fit: PointsModelFit = fitted.value;
 *   console.log(fit.model.rules.length, fit.probability.pointsToDoubleOdds);
 * }
 * ```
 * @category Scoring
 */
export interface PointsModelFit {
  /** The model: ordinary data that every scorer, explanation and SQL compiler reads. */
  readonly model: PointsModel;
  /** How a total maps to a probability (see {@link pointsProbability}). */
  readonly probability: PointsProbability;
  /** The method used. */
  readonly method: "scorecard" | "boosting";
  /** The learned bins as a fixed binning spec: pass it to another fitter to share the bins. */
  readonly bins: readonly FitFeature[];
  /** Each feature's bins with their counts, log-odds and points. */
  readonly features: readonly FittedFeature[];
  /** The fitted intercept on the log-odds scale; a record's log-odds is it plus its bins' `logit`s. */
  readonly intercept: number;
  /** Closed records fitted on (the calibration slice excluded). */
  readonly leads: number;
  /** Of those, conversions. */
  readonly conversions: number;
  /** Closed records held out to calibrate on (0 without `calibrate`). */
  readonly calibrationLeads: number;
  /** Records read, open ones included. */
  readonly read: number;
  /** Whether the history met `minLeads` and `minConversions`. */
  readonly trusted: boolean;
  /** Why it is not trusted, totals that can leave 0–100, features with text in numbers. */
  readonly warnings: readonly Issue[];
  /** Scorecard: the L2 strength used and the cross-validated log-loss of each tried. */
  readonly l2?: { readonly chosen: number; readonly losses: readonly { lambda: number; loss: number }[] };
  /** Boosting: the rounds each bag kept. */
  readonly rounds?: readonly number[];
  /** Boosting with `interactions`: the fitted pairs, strongest first (empty without). */
  readonly interactions: readonly FittedInteraction[];
  /** Boosting with `interactions`: the rounds each bag kept while boosting the pairs. */
  readonly interactionRounds?: readonly number[];
}

type Spec = z.output<typeof specSchema>;

/**
 * Fits a points model — a scorecard or an additive boosting — from closed history, so sellers get
 * points they can read with the accuracy of a learned model.
 *
 * @remarks
 * Both methods work on the same bins (see {@link FitFeature}), held as one byte per feature per
 * record, and produce one score per (feature, bin) on the log-odds scale. Those become points the
 * scorecard way: `evenOdds` points at even odds, `pointsToDoubleOdds` points per doubling of the
 * odds, each feature's lowest bin at 0 and a base rule for the rest, rounded to `precision`. The
 * result is an ordinary {@link PointsModel}: explanations, decay, thresholds, overrides, the
 * generated scorer and `pointsModelToSql` work on it unchanged. Its total maps back to a
 * probability with {@link pointsProbability} (the logistic of the points, calibrated when asked).
 *
 * The fit is deterministic: records are put in a canonical order (by their bins and outcome) before
 * the seeded shuffles that pick folds, slices and bags, so the same history in any order and the
 * same seed give the same model.
 *
 * @param history - Closed (and open, which are skipped) records: Leads, or plain records with
 *   `spec.records`. It is read once.
 * @param spec - Method, features and settings, see {@link FitPointsSpec}.
 * @returns The {@link PointsModelFit}, or issues: `invalid_type` at `[]` for a history that is not
 *   an iterable (null, a number, a string, a plain object) and at `[i]` for a lead that is not an
 *   object, zod codes for a malformed spec, `unknown_field`
 *   when the field map lacks a feature's field, `invalid_outcome`, `no_contrast` when every record
 *   or none converted, `insufficient_history` (unless `allowUntrusted`).
 * @example
 * ```ts
 * import { compilePointsModel, fitPointsModel, pointsProbability, scoreLead } from "leadkit/scoring";
 *
 * declare const closedLeads: readonly import("leadkit").Lead[];
 * const fit = fitPointsModel(closedLeads, {
 *   method: "scorecard",
 *   features: [{ field: "source" }, { field: "contact.attributes.visits", bins: { kind: "quantile", count: 8 } }],
 * });
 * if (fit.ok) {
 *   const total = scoreLead(compilePointsModel(fit.value.model), lead, now).value;
 *   console.log(total, pointsProbability(fit.value.probability, total));
 * }
 * ```
 * @category Scoring
 */
export function fitPointsModel<T>(
  history: Iterable<T>,
  spec: FitPointsSpec<T> & { readonly records: RecordFieldMap<T> },
): Result<PointsModelFit>;
export function fitPointsModel(history: Iterable<Lead>, spec: FitPointsSpec<Lead>): Result<PointsModelFit>;
export function fitPointsModel<T>(history: Iterable<T>, spec: FitPointsSpec<T>): Result<PointsModelFit> {
  const notIterable = notIterableIssue(history, "records or leads");
  if (notIterable !== null) return err([notIterable]);
  const parsed = specSchema.safeParse(spec);
  if (!parsed.success) return err(fromZodIssues(parsed.error.issues));
  const s = parsed.data;
  const functions = checkFunctions(spec as FitPointsSpec<never>);
  if (functions.length > 0) return err(functions);
  const features = s.features as readonly FitFeature[];
  const unmapped = unmappedFields(
    spec.records as RecordFieldMap<unknown> | undefined,
    features.map((f) => f.field as LeadField),
    ["features"],
  );
  if (unmapped.length > 0) return err(unmapped);
  const reader = (
    spec.records === undefined ? leadReader(spec.outcome) : recordReader(spec.records)
  ) as FitReader<T>;
  const progress = spec.onProgress;
  const read = readHistory(history, reader, features, (n) =>
    progress?.({ phase: "read", done: n, total: n }),
  );
  if ("issues" in read) return err(read.issues);
  const data = read.data;
  return fitRead(data, s, features, progress);
}

function checkFunctions(spec: FitPointsSpec<never>): Issue[] {
  const issues: Issue[] = [];
  const fn = (value: unknown, path: string[]) => {
    if (value !== undefined && typeof value !== "function")
      issues.push(issue("invalid_type", path, `Expected a function at ${path.join(".")}`));
  };
  fn(spec.outcome, ["outcome"]);
  fn(spec.onProgress, ["onProgress"]);
  if (spec.records !== undefined) {
    if (typeof spec.records !== "object" || spec.records === null)
      issues.push(issue("invalid_type", ["records"], "Expected a record field map { outcome, fields }"));
    else {
      if (typeof spec.records.outcome !== "function")
        issues.push(issue("invalid_type", ["records", "outcome"], "Expected a function at records.outcome"));
      if (typeof spec.records.fields !== "object" || spec.records.fields === null)
        issues.push(
          issue(
            "invalid_type",
            ["records", "fields"],
            "Expected an object of field readers at records.fields",
          ),
        );
    }
  }
  return issues;
}

function fitRead(
  data: RawData,
  s: Spec,
  features: readonly FitFeature[],
  progress: ((p: FitPointsProgress) => void) | undefined,
): Result<PointsModelFit> {
  let conversions = 0;
  for (let i = 0; i < data.n; i++) conversions += data.labels[i] as number;
  if (conversions === 0 || conversions === data.n)
    return err([
      issue(
        "no_contrast",
        [],
        `${conversions} of ${data.n} closed records converted; a fit needs both converted and unconverted records`,
      ),
    ]);
  const minLeads = s.minLeads ?? 1000;
  const minConversions = s.minConversions ?? 120;
  const warnings: Issue[] = [];
  if (data.n < minLeads)
    warnings.push(
      issue(
        "insufficient_history",
        ["leads"],
        `${data.n} closed records; at least ${minLeads} are needed to trust the fit`,
      ),
    );
  if (conversions < minConversions)
    warnings.push(
      issue(
        "insufficient_history",
        ["conversions"],
        `${conversions} conversions; at least ${minConversions} are needed to trust the fit`,
      ),
    );
  if (warnings.length > 0 && s.allowUntrusted !== true) return err(warnings);
  const trusted = warnings.length === 0;
  data.columns.forEach((column, j) => {
    if (column.kind === "number" && column.nonNumeric > 0)
      warnings.push(
        issue(
          "not_a_number",
          ["features", j],
          `Feature "${(features[j] as FitFeature).field}" is numeric but ${column.nonNumeric} records hold a value that is not a finite number (text?); they count as missing — convert text to numbers in the field map`,
        ),
      );
  });

  const seed = s.seed ?? 1;
  const bins = learnFeatureBins(data, features);
  const binned = binColumns(data, bins);
  releaseRawColumns(data);
  const order = workingOrder(binned, data.labels, seed);
  const columns = binned.map((c) => gather(c, order));
  binned.length = 0;
  const labels = gather(data.labels, order);
  const counts = bins.map((f) => binCount(f));
  const design = createDesign(columns, labels, counts);

  const calibrationCount = s.calibrate === undefined ? 0 : Math.floor(data.n * (s.calibrationShare ?? 0.2));
  const fitRows = new Uint32Array(data.n - calibrationCount);
  for (let q = 0; q < fitRows.length; q++) fitRows[q] = calibrationCount + q;
  const calibrationRows = new Uint32Array(calibrationCount);
  for (let q = 0; q < calibrationCount; q++) calibrationRows[q] = q;

  const binCounts: BinCounts = {
    rows: counts.map((c) => new Float64Array(c)),
    wins: counts.map((c) => new Float64Array(c)),
  };
  let fitConversions = 0;
  for (let q = 0; q < fitRows.length; q++) {
    const i = fitRows[q] as number;
    const y = labels[i] as number;
    fitConversions += y;
    columns.forEach((column, j) => {
      const b = column[i] as number;
      const rows = binCounts.rows[j] as Float64Array;
      const wins = binCounts.wins[j] as Float64Array;
      rows[b] = (rows[b] as number) + 1;
      wins[b] = (wins[b] as number) + y;
    });
  }

  let scores: Float64Array;
  let l2: PointsModelFit["l2"];
  let rounds: PointsModelFit["rounds"];
  let interactionRounds: PointsModelFit["interactionRounds"];
  let pairs: PairScores[] = [];
  if (s.method === "scorecard") {
    let lambda = s.l2;
    if (lambda === undefined) {
      const cvCount = Math.min(fitRows.length, s.crossValidationRecords ?? 20_000);
      const chosen = chooseL2(design, fitRows.subarray(0, cvCount), s.folds ?? 5, (done, total) =>
        progress?.({ phase: "fit", done, total: total + 1 }),
      );
      lambda = chosen.lambda;
      l2 = { chosen: lambda, losses: chosen.losses };
    } else l2 = { chosen: lambda, losses: [] };
    scores = fitLogistic(design, fitRows, lambda);
    progress?.({ phase: "fit", done: 1, total: 1 });
  } else {
    const b = s.boosting ?? {};
    const settings = {
      learningRate: b.learningRate ?? 0.05,
      maxRounds: b.maxRounds ?? 3000,
      patience: b.patience ?? 50,
      maxLeaves: b.maxLeaves ?? 3,
      minLeafRows: b.minLeafRecords ?? 2,
      validationShare: b.validationShare ?? 0.15,
      bags: b.bags ?? 1,
      recordsPerRound: b.recordsPerRound ?? 50_000,
    };
    const ordered = bins.map((f) => (f.kind === "number" ? f.edges.length + 1 : 0));
    const most = b.interactions ?? 0;
    // With pairs, boosting runs twice (main effects, then pairs): progress counts both stages.
    const stages = most > 0 ? 2 : 1;
    const boosted = boostAdditive(design, fitRows, ordered, settings, seed, (bag, round) => {
      if (round % 10 === 0)
        progress?.({
          phase: "fit",
          done: bag * settings.maxRounds + round,
          total: stages * settings.bags * settings.maxRounds,
        });
    });
    scores = boosted.scores;
    rounds = boosted.rounds;
    if (most > 0) {
      const coarse = bins.map((f, j) =>
        coarseBins(binCounts.rows[j] as Float64Array, ordered[j] as number, f.kind, b.interactionBins ?? 6),
      );
      const terms = choosePairs(design, fitRows, scores, coarse, ordered, binCounts.rows, most);
      const boostedPairs = boostPairs(design, fitRows, scores, terms, settings, seed, (bag, round) => {
        if (round % 10 === 0)
          progress?.({
            phase: "fit",
            done: (settings.bags + bag) * settings.maxRounds + round,
            total: 2 * settings.bags * settings.maxRounds,
          });
      });
      // A pair no bag kept a round of adds nothing: it is left out rather than listed at zero.
      pairs = terms
        .map((term, p) => ({ term, scores: boostedPairs.scores[p] as Float64Array }))
        .filter((pair) => pair.scores.some((v) => v !== 0));
      interactionRounds = boostedPairs.rounds;
    }
  }

  const build: PointsBuild = {
    bins,
    design,
    scores,
    pairs,
    counts: binCounts,
    rows: fitRows,
    precision: s.precision ?? 1,
    evenOdds: s.evenOdds,
    pointsToDoubleOdds: s.pointsToDoubleOdds,
    group: s.group ?? "fit",
    id: s.id ?? `fitted_${s.method}`,
    name: s.name,
    description: (mapping) =>
      `${s.method === "scorecard" ? "Scorecard (L2 logistic regression)" : "Additive boosting"} fitted on ${fitRows.length} closed records (${((100 * fitConversions) / fitRows.length).toFixed(1)} % converted): about ${mapping.evenOdds.toFixed(1)} points = even odds, every ${mapping.pointsToDoubleOdds.toFixed(1)} points double the odds${mapping.calibration === undefined ? "" : `, ${mapping.calibration.kind} calibration on ${calibrationCount} held-out records`}; points rounded to ${s.precision ?? 1}`,
  };
  const built = pointsFromScores(build);
  if (built.clamped)
    warnings.push(
      issue(
        "points_clamped",
        ["pointsToDoubleOdds"],
        `With ${built.mapping.evenOdds} points at even odds and ${built.mapping.pointsToDoubleOdds} points to double the odds, some fitted records' totals fall outside 0–100 and are clamped, so their probability is off; leave evenOdds and pointsToDoubleOdds out to fit the range`,
      ),
    );
  // Rounding moved every total a little; the mapping is refitted on the rounded totals of the
  // records fitted on (a logistic of the total), so the probability is the best the points allow.
  const totalOf = (i: number) => {
    let total = built.base;
    built.features.forEach((f, j) => {
      total += (f.bins[(columns[j] as Uint8Array)[i] as number] as { points: number }).points;
    });
    pairs.forEach((pair, p) => {
      total += (built.pairPoints[p] as readonly number[])[pairCell(pair, columns, i)] as number;
    });
    return total;
  };
  const factor = Math.LN2 / built.mapping.pointsToDoubleOdds;
  const line = fitLogisticLine(
    Array.from(fitRows, totalOf),
    Array.from(fitRows, (i) => labels[i] as number),
    factor,
    -factor * built.mapping.evenOdds,
  );
  let mapping: PointsProbability =
    line.slope > 0
      ? { evenOdds: -line.intercept / line.slope, pointsToDoubleOdds: Math.LN2 / line.slope }
      : built.mapping;
  if (s.calibrate !== undefined) {
    progress?.({ phase: "calibrate", done: 0, total: 1 });
    const labelled = Array.from(calibrationRows, (i) => ({
      probability: pointsProbability(mapping, totalOf(i)),
      converted: labels[i] === 1,
    }));
    const calibration = fitProbabilityCalibration(labelled, s.calibrate);
    if (!calibration.ok)
      return err(calibration.issues.map((x) => ({ ...x, path: ["calibrate", ...x.path] })));
    mapping = { ...mapping, calibration: calibration.value };
    progress?.({ phase: "calibrate", done: 1, total: 1 });
  }
  const labelsScale = s.probabilityLabels === false ? null : probabilityLabels(mapping, build.precision);
  const model = assembleModel(build, built.rules, mapping, labelsScale);
  return ok({
    model,
    probability: mapping,
    method: s.method,
    bins: bins.map(toFitFeature),
    features: built.features,
    intercept: scores[0] as number,
    leads: fitRows.length,
    conversions: fitConversions,
    calibrationLeads: calibrationCount,
    read: data.read,
    trusted,
    warnings,
    ...(l2 === undefined ? {} : { l2 }),
    ...(rounds === undefined ? {} : { rounds }),
    interactions: built.interactions,
    ...(interactionRounds === undefined ? {} : { interactionRounds }),
  });
}

/** @internal Learned bins as a fixed binning spec. */
export function toFitFeature(f: BinnedFeature): FitFeature {
  return f.kind === "number"
    ? { field: f.field, bins: [...f.edges] }
    : { field: f.field, categories: [...f.values] };
}
