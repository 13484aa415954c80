import type { PointsCondition, PointsModel, PointsRule, ScoreLabelScale } from "../points/points-model.js";
import { type BinnedFeature, binCount } from "./binned-data.js";
import type { PairTerm } from "./boost-interactions.js";
import type { Design } from "./logistic-regression.js";
import { type PointsProbability, pointsProbability } from "./points-probability.js";

/**
 * One bin of a fitted feature: what it holds, what the training data said about it, and what it is
 * worth.
 *
 * @example
 * ```ts
 * import { type FittedBin, fitPointsModel } from "leadkit/scoring";
 *
 * const row = (bin: FittedBin) => `${bin.label}: ${bin.points} points (${bin.conversions} of ${bin.leads} converted)`;
 * const fit = fitPointsModel(leads, { method: "scorecard", features: [{ field: "contact.attributes.TotalVisits", bins: [1, 3, 6] }] });
 * if (fit.ok) fit.value.features.flatMap((f) => f.bins.map(row));
 * ```
 * @category Scoring
 */
export interface FittedBin {
  /** The bin, for a person: `1 ≤ TotalVisits < 3`, `Lead Source = "Google"`, `City: other`. */
  readonly label: string;
  /** Training records in the bin. */
  readonly leads: number;
  /** Of those, conversions. */
  readonly conversions: number;
  /** The bin's fitted contribution to the log-odds, before scaling and rounding. */
  readonly logit: number;
  /** The points the bin adds (0 for the feature's lowest bin). */
  readonly points: number;
}

/**
 * One fitted feature with its bins.
 *
 * @example
 * ```ts
 * import type { FittedFeature } from "leadkit/scoring";
 *
 * const strongest = (f: FittedFeature) => Math.max(...f.bins.map((b) => b.points));
 * ```
 * @category Scoring
 */
export interface FittedFeature {
  /** The field the feature reads. */
  readonly field: string;
  /** Numeric (ranges, then missing) or categorical (values, then other, then missing). */
  readonly kind: "number" | "category";
  /** Every bin, in order. */
  readonly bins: readonly FittedBin[];
}

/**
 * A fitted pair of features (an interaction): each feature's bins grouped coarsely, and one score
 * per cell of the two — what the pair adds beyond the two features' own points.
 *
 * @example
 * ```ts
 * import type { FittedInteraction } from "leadkit/scoring";
 *
 * const strongest = (i: FittedInteraction) => Math.max(...i.cells.map((c) => c.points));
 * ```
 * @category Scoring
 */
export interface FittedInteraction {
  /** The two fields, in the order the cells are laid out. */
  readonly fields: readonly [string, string];
  /**
   * How strongly the main-effect model's errors called for the pair (FAST: the log-loss gain of
   * the best single cut on each feature, on the records fitted on); pairs are chosen by it.
   */
  readonly gain: number;
  /** Each field's coarse bins, for a person (`300 ≤ minutes < 750`, `source: any other value`). */
  readonly bins: readonly [readonly string[], readonly string[]];
  /** Every cell, row by row: the first field's coarse bin × the second's; its label names both. */
  readonly cells: readonly FittedBin[];
}

/** @internal A chosen pair with its fitted cell scores. */
export interface PairScores {
  readonly term: PairTerm;
  readonly scores: Float64Array;
}

/** @internal The cell of row `i` in a pair. */
export function pairCell(pair: PairScores, columns: readonly Uint8Array[], i: number): number {
  const [a, b] = pair.term.features;
  const [ca, cb] = pair.term.coarse;
  return (
    (ca.map[(columns[a] as Uint8Array)[i] as number] as number) * cb.groups.length +
    (cb.map[(columns[b] as Uint8Array)[i] as number] as number)
  );
}

/** @internal Counts of training rows and conversions per bin, per feature. */
export interface BinCounts {
  readonly rows: readonly Float64Array[];
  readonly wins: readonly Float64Array[];
}

const nameOf = (field: string) => field.replace(/^contact\.attributes\./, "");

/** @internal A bin of a feature, for a person. */
export function binLabel(f: BinnedFeature, b: number): string {
  const name = nameOf(f.field);
  if (f.kind === "number") {
    const e = f.edges;
    if (b === e.length + 1) return `${name} missing or not a number`;
    if (b === 0) return `${name} < ${e[0]}`;
    if (b === e.length) return `${name} ≥ ${e[b - 1]}`;
    return `${e[b - 1]} ≤ ${name} < ${e[b]}`;
  }
  if (b === f.values.length) return `${name}: other`;
  if (b === f.values.length + 1) return `${name} missing`;
  return `${name} = ${JSON.stringify(f.values[b])}`;
}

/** @internal Rounds to a multiple of `precision`, without float noise. */
export function roundTo(x: number, precision: number): number {
  const r = Math.round(x / precision) * precision;
  return Number(r.toPrecision(12)) + 0;
}

/** Two significant digits, rounded down: 7.38 → 7.3, 13.7 → 13. */
function niceFloor(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return 1;
  const unit = 10 ** (Math.floor(Math.log10(x)) - 1);
  return Number((Math.floor(x / unit) * unit).toPrecision(12));
}

/** @internal What to build the points model from. */
export interface PointsBuild {
  readonly bins: readonly BinnedFeature[];
  readonly design: Design;
  readonly scores: Float64Array;
  /** Chosen pairs and their cell scores (none without interactions). */
  readonly pairs: readonly PairScores[];
  readonly counts: BinCounts;
  /** The records fitted on (positions in the design): their totals set the default scale. */
  readonly rows: Uint32Array;
  readonly precision: number;
  readonly evenOdds: number | undefined;
  readonly pointsToDoubleOdds: number | undefined;
  readonly group: string;
  readonly id: string;
  readonly name: string | undefined;
  readonly description: (mapping: PointsProbability) => string;
}

/** @internal The points of every bin and the base, for a scale. */
interface Scaled {
  readonly base: number;
  readonly points: readonly (readonly number[])[];
  /** Each pair's cell points. */
  readonly pairPoints: readonly (readonly number[])[];
  readonly evenOdds: number;
  readonly pointsToDoubleOdds: number;
}

function scale(build: PointsBuild, evenOdds: number, pdo: number): Scaled {
  const { bins, design, scores, precision } = build;
  const factor = pdo / Math.LN2;
  let baseLogit = scores[0] as number;
  const points = bins.map((f, j) => {
    const offset = design.offsets[j] as number;
    const values = Array.from({ length: binCount(f) }, (_, b) => scores[offset + b] as number);
    const min = Math.min(...values);
    baseLogit += min;
    return values.map((v) => roundTo((v - min) * factor, precision));
  });
  const pairPoints = build.pairs.map((pair) => {
    const values = Array.from(pair.scores);
    const min = Math.min(...values);
    baseLogit += min;
    return values.map((v) => roundTo((v - min) * factor, precision));
  });
  const base = roundTo(evenOdds + factor * baseLogit, precision);
  return { base, points, pairPoints, evenOdds, pointsToDoubleOdds: pdo };
}

/** Lowest and highest total of the fitted records under a scale. */
function totalsRange(build: PointsBuild, scaled: Scaled): { min: number; max: number } {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  const { columns } = build.design;
  for (let q = 0; q < build.rows.length; q++) {
    const i = build.rows[q] as number;
    let total = scaled.base;
    for (let f = 0; f < columns.length; f++)
      total += (scaled.points[f] as readonly number[])[(columns[f] as Uint8Array)[i] as number] as number;
    build.pairs.forEach((pair, p) => {
      total += (scaled.pairPoints[p] as readonly number[])[pairCell(pair, columns, i)] as number;
    });
    if (total < min) min = total;
    if (total > max) max = total;
  }
  return { min, max };
}

/** Lowest and highest log-odds of the fitted records. */
function logitRange(build: PointsBuild): { low: number; high: number } {
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  const { columns, offsets } = build.design;
  for (let q = 0; q < build.rows.length; q++) {
    const i = build.rows[q] as number;
    let eta = build.scores[0] as number;
    for (let f = 0; f < columns.length; f++)
      eta += build.scores[(offsets[f] as number) + ((columns[f] as Uint8Array)[i] as number)] as number;
    for (const pair of build.pairs) eta += pair.scores[pairCell(pair, columns, i)] as number;
    if (eta < low) low = eta;
    if (eta > high) high = eta;
  }
  return { low, high: Math.max(high, low + 1e-9) };
}

/**
 * @internal Turns additive log-odds scores into a points model: each feature's lowest bin is worth
 * 0 and the rest what they add over it; a base rule carries the intercept and the offset. A scale
 * left out is chosen so the fitted records' totals span as much of 0–100 as they can (points to
 * double the odds rounded down to two significant digits); a record unlike any of them may reach
 * beyond and be clamped.
 */
export function pointsFromScores(build: PointsBuild): {
  readonly rules: PointsRule[];
  readonly mapping: PointsProbability;
  readonly features: FittedFeature[];
  readonly interactions: FittedInteraction[];
  readonly clamped: boolean;
  readonly base: number;
  /** Each pair's cell points, as in the rules. */
  readonly pairPoints: readonly (readonly number[])[];
} {
  const { bins, design, scores, precision } = build;
  const { low, high } = logitRange(build);
  const fixedEven = build.evenOdds;
  const evenFor = (pdo: number) =>
    fixedEven ?? roundTo(50 - ((pdo / Math.LN2) * (low + high)) / 2, precision);
  let pdo = build.pointsToDoubleOdds;
  let scaled: Scaled;
  if (pdo === undefined) {
    const limits =
      fixedEven === undefined
        ? [100 / (high - low)]
        : [...(low < 0 ? [fixedEven / -low] : []), ...(high > 0 ? [(100 - fixedEven) / high] : [])];
    pdo = niceFloor((limits.length === 0 ? 10 / Math.LN2 : Math.min(...limits)) * Math.LN2);
    scaled = scale(build, evenFor(pdo), pdo);
    for (let tries = 0; tries < 60; tries++) {
      const range = totalsRange(build, scaled);
      if (range.min >= 0 && range.max <= 100) break;
      pdo = niceFloor(pdo * 0.97);
      scaled = scale(build, evenFor(pdo), pdo);
    }
  } else scaled = scale(build, evenFor(pdo), pdo);
  const range = totalsRange(build, scaled);
  const clamped = range.min < 0 || range.max > 100;

  const rules: PointsRule[] = [
    {
      id: "fit:base",
      description: `Base points: the intercept, with ${scaled.evenOdds} points at even odds`,
      group: build.group,
      points: scaled.base,
    },
  ];
  const features: FittedFeature[] = bins.map((f, j) => {
    const offset = design.offsets[j] as number;
    const rows = build.counts.rows[j] as Float64Array;
    const wins = build.counts.wins[j] as Float64Array;
    const points = scaled.points[j] as readonly number[];
    const fitted = points.map((p, b) => ({
      label: binLabel(f, b),
      leads: rows[b] as number,
      conversions: wins[b] as number,
      logit: scores[offset + b] as number,
      points: p,
    }));
    rules.push(...featureRules(f, fitted, build.group));
    return { field: f.field, kind: f.kind, bins: fitted };
  });
  const interactions = build.pairs.map((pair, p) => {
    const [a, b] = pair.term.features;
    const fa = bins[a] as BinnedFeature;
    const fb = bins[b] as BinnedFeature;
    const [ca, cb] = pair.term.coarse;
    const rows = new Float64Array(pair.scores.length);
    const wins = new Float64Array(pair.scores.length);
    for (let q = 0; q < build.rows.length; q++) {
      const i = build.rows[q] as number;
      const cell = pairCell(pair, design.columns, i);
      rows[cell] = (rows[cell] as number) + 1;
      wins[cell] = (wins[cell] as number) + (design.labels[i] as number);
    }
    const labelsA = ca.groups.map((group) => binSetLabel(fa, group));
    const labelsB = cb.groups.map((group) => binSetLabel(fb, group));
    const points = scaled.pairPoints[p] as readonly number[];
    const cells = Array.from(pair.scores, (logit, cell) => ({
      label: `${labelsA[Math.floor(cell / cb.groups.length)]} and ${labelsB[cell % cb.groups.length]}`,
      leads: rows[cell] as number,
      conversions: wins[cell] as number,
      logit,
      points: points[cell] as number,
    }));
    rules.push(...pairRules(fa, fb, pair, cells, p, build.group));
    return {
      fields: [fa.field, fb.field] as const,
      gain: pair.term.gain,
      bins: [labelsA, labelsB] as const,
      cells,
    };
  });
  return {
    rules,
    mapping: { evenOdds: scaled.evenOdds, pointsToDoubleOdds: scaled.pointsToDoubleOdds },
    features,
    interactions,
    clamped,
    base: scaled.base,
    pairPoints: scaled.pairPoints,
  };
}

const pct = (wins: number, rows: number) =>
  rows === 0 ? "no training leads" : `${rows} leads, ${((100 * wins) / rows).toFixed(1)} % converted`;

function featureRules(f: BinnedFeature, fitted: readonly FittedBin[], group: string): PointsRule[] {
  const rules: PointsRule[] = [];
  const field = f.field;
  const add = (
    when: PointsCondition[],
    unless: PointsCondition[],
    label: string,
    from: readonly FittedBin[],
  ) => {
    const points = (from[0] as FittedBin).points;
    if (points === 0) return;
    const leads = from.reduce((s, b) => s + b.leads, 0);
    const conversions = from.reduce((s, b) => s + b.conversions, 0);
    rules.push({
      id: `${field}:${rules.length + 1}`,
      description: `${label}: ${pct(conversions, leads)}`,
      group,
      points,
      ...(when.length === 0 ? {} : { when }),
      ...(unless.length === 0 ? {} : { unless }),
    });
  };
  const name = nameOf(field);
  if (f.kind === "number") {
    const e = f.edges;
    for (let from = 0; from <= e.length; ) {
      let to = from;
      while (
        to + 1 <= e.length &&
        (fitted[to + 1] as FittedBin).points === (fitted[from] as FittedBin).points
      )
        to++;
      const min = from === 0 ? undefined : (e[from - 1] as number);
      const max = to === e.length ? undefined : (e[to] as number);
      const condition: PointsCondition =
        min === undefined && max === undefined
          ? { kind: "field_range", field, min: -Number.MAX_VALUE }
          : {
              kind: "field_range",
              field,
              ...(min === undefined ? {} : { min }),
              ...(max === undefined ? {} : { max }),
            };
      const label =
        min === undefined && max === undefined
          ? `${name} is a number`
          : `${min === undefined ? "" : `${min} ≤ `}${name}${max === undefined ? "" : ` < ${max}`}`;
      add([condition], [], label, fitted.slice(from, to + 1));
      from = to + 1;
    }
    // A missing value, or one no range holds (text, ±Infinity), is the missing bin, as in the fit.
    add(
      [],
      [{ kind: "field_range", field, min: -Number.MAX_VALUE }],
      `${name} missing or not a number`,
      fitted.slice(e.length + 1),
    );
    return rules;
  }
  const values = f.values;
  const byPoints = new Map<number, number[]>();
  values.forEach((_, b) => {
    const p = (fitted[b] as FittedBin).points;
    byPoints.set(p, [...(byPoints.get(p) ?? []), b]);
  });
  for (const [, group] of [...byPoints].sort((a, b) => b[0] - a[0])) {
    const listed = group.map((b) => values[b] as string | number | boolean);
    const condition: PointsCondition =
      listed.length === 1
        ? { kind: "field_equals", field, value: listed[0] as string | number | boolean }
        : { kind: "field_in", field, values: listed };
    const label =
      listed.length === 1
        ? `${name} = ${JSON.stringify(listed[0])}`
        : `${name} is one of ${listed.map((v) => JSON.stringify(v)).join(", ")}`;
    add(
      [condition],
      [],
      label,
      group.map((b) => fitted[b] as FittedBin),
    );
  }
  add(
    [{ kind: "field_present", field }],
    values.length === 0 ? [] : [{ kind: "field_in", field, values: [...values] }],
    `${name}: any other value`,
    fitted.slice(values.length, values.length + 1),
  );
  add([{ kind: "field_equals", field, value: null }], [], `${name} missing`, fitted.slice(values.length + 1));
  return rules;
}

/** The conditions that hold exactly for a record in one of `fine` bins, as one or more rules' `when`/`unless`. */
interface BinSet {
  readonly when: readonly PointsCondition[];
  readonly unless: readonly PointsCondition[];
  readonly label: string;
}

/**
 * @internal A set of a feature's bins as conditions: a numeric feature's contiguous runs of ranges
 * (one set each) and its missing bin; a category's listed values, or — when the set holds "other"
 * and missing — every value but the listed ones it leaves out. A record is in the bins exactly when
 * one of the sets' conditions holds.
 */
export function binSetConditions(f: BinnedFeature, fine: readonly number[]): BinSet[] {
  const field = f.field;
  const name = nameOf(field);
  const sorted = [...fine].sort((a, b) => a - b);
  const sets: BinSet[] = [];
  if (f.kind === "number") {
    const e = f.edges;
    const ranges = sorted.filter((b) => b <= e.length);
    for (let k = 0; k < ranges.length; ) {
      let end = k;
      while (end + 1 < ranges.length && (ranges[end + 1] as number) === (ranges[end] as number) + 1) end++;
      const from = ranges[k] as number;
      const to = ranges[end] as number;
      const min = from === 0 ? undefined : (e[from - 1] as number);
      const max = to === e.length ? undefined : (e[to] as number);
      sets.push({
        when: [
          min === undefined && max === undefined
            ? { kind: "field_range", field, min: -Number.MAX_VALUE }
            : {
                kind: "field_range",
                field,
                ...(min === undefined ? {} : { min }),
                ...(max === undefined ? {} : { max }),
              },
        ],
        unless: [],
        label:
          min === undefined && max === undefined
            ? `${name} is a number`
            : `${min === undefined ? "" : `${min} ≤ `}${name}${max === undefined ? "" : ` < ${max}`}`,
      });
      k = end + 1;
    }
    if (sorted.includes(e.length + 1))
      sets.push({
        when: [],
        unless: [{ kind: "field_range", field, min: -Number.MAX_VALUE }],
        label: `${name} missing or not a number`,
      });
    return sets;
  }
  const values = f.values;
  const listed = sorted.filter((b) => b < values.length).map((b) => values[b] as string | number | boolean);
  const other = sorted.includes(values.length);
  const missing = sorted.includes(values.length + 1);
  const inList = (vs: readonly (string | number | boolean)[]): PointsCondition =>
    vs.length === 1
      ? { kind: "field_equals", field, value: vs[0] as string | number | boolean }
      : { kind: "field_in", field, values: [...vs] };
  const quoted = (vs: readonly (string | number | boolean)[]) => vs.map((v) => JSON.stringify(v)).join(", ");
  if (other) {
    // Every value but the listed ones left out (rarer values, unseen ones, and missing when it is in).
    const left = values.filter((_, b) => !sorted.includes(b));
    sets.push({
      when: missing ? [] : [{ kind: "field_present", field }],
      unless: left.length === 0 ? [] : [inList(left)],
      label:
        left.length === 0
          ? missing
            ? `${name} anything`
            : `${name} present`
          : `${name} not ${left.length === 1 ? quoted(left) : `one of ${quoted(left)}`}${missing ? "" : " (and present)"}`,
    });
    return sets;
  }
  if (listed.length > 0)
    sets.push({
      when: [inList(listed)],
      unless: [],
      label: listed.length === 1 ? `${name} = ${quoted(listed)}` : `${name} is one of ${quoted(listed)}`,
    });
  if (missing)
    sets.push({ when: [{ kind: "field_equals", field, value: null }], unless: [], label: `${name} missing` });
  return sets;
}

/** @internal A set of a feature's bins, for a person. */
function binSetLabel(f: BinnedFeature, fine: readonly number[]): string {
  return binSetConditions(f, fine)
    .map((s) => s.label)
    .join(" or ");
}

/**
 * A pair's rules: for each coarse bin of the first feature, the second's coarse bins grouped by
 * their points (cells worth 0 get no rule), each group one rule per set of conditions.
 */
function pairRules(
  fa: BinnedFeature,
  fb: BinnedFeature,
  pair: PairScores,
  cells: readonly FittedBin[],
  p: number,
  group: string,
): PointsRule[] {
  const rules: PointsRule[] = [];
  const [ca, cb] = pair.term.coarse;
  const nb = cb.groups.length;
  ca.groups.forEach((groupA, a) => {
    const setsA = binSetConditions(fa, groupA);
    const byPoints = new Map<number, number[]>();
    for (let b = 0; b < nb; b++) {
      const points = (cells[a * nb + b] as FittedBin).points;
      if (points !== 0) byPoints.set(points, [...(byPoints.get(points) ?? []), b]);
    }
    for (const [points, bs] of [...byPoints].sort((x, y) => y[0] - x[0])) {
      const fine = bs.flatMap((b) => cb.groups[b] as readonly number[]);
      const leads = bs.reduce((s, b) => s + (cells[a * nb + b] as FittedBin).leads, 0);
      const conversions = bs.reduce((s, b) => s + (cells[a * nb + b] as FittedBin).conversions, 0);
      for (const setA of setsA)
        for (const setB of binSetConditions(fb, fine)) {
          const when = [...setA.when, ...setB.when];
          const unless = [...setA.unless, ...setB.unless];
          rules.push({
            id: `interaction:${p + 1}:${rules.length + 1}`,
            description: `${setA.label} and ${setB.label}: ${pct(conversions, leads)}`,
            group,
            points,
            ...(when.length === 0 ? {} : { when }),
            ...(unless.length === 0 ? {} : { unless }),
          });
        }
    }
  });
  return rules;
}

/**
 * @internal Bands of the total by probability, for people: "≥ 90 %", "≥ 80 %", …, "< 10 %", from the
 * mapping (calibration included). Totals move in steps of `precision`, so each band starts at the
 * first such total whose probability reaches the band.
 */
export function probabilityLabels(mapping: PointsProbability, precision: number): ScoreLabelScale | null {
  const firstReaching = (target: number): number | null => {
    if (pointsProbability(mapping, 100) < target) return null;
    let lo = -1e-9;
    let hi = 100;
    for (let k = 0; k < 80; k++) {
      const mid = (lo + hi) / 2;
      if (pointsProbability(mapping, mid) >= target) hi = mid;
      else lo = mid;
    }
    return Math.min(100, roundTo(Math.ceil(hi / precision - 1e-9) * precision, precision));
  };
  const bands: { atLeast: number; label: string }[] = [];
  for (let k = 9; k >= 1; k--) {
    const at = firstReaching(k / 10);
    if (at === null) continue;
    if (bands.length > 0 && (bands.at(-1) as { atLeast: number }).atLeast <= at) continue;
    bands.push({ atLeast: at, label: `≥ ${k * 10} %` });
  }
  const lowest = bands.at(-1);
  if (lowest === undefined) return null;
  if (lowest.atLeast > 0) {
    const k = Number(lowest.label.replace(/[^0-9]/g, ""));
    bands.push({ atLeast: 0, label: `< ${k} %` });
  }
  return { id: "probability", bands };
}

/** @internal Assembles the model. */
export function assembleModel(
  build: PointsBuild,
  rules: readonly PointsRule[],
  mapping: PointsProbability,
  labels: ScoreLabelScale | null,
): PointsModel {
  return {
    id: build.id,
    ...(build.name === undefined ? {} : { name: build.name }),
    description: build.description(mapping),
    groups: [{ id: build.group }],
    rules,
    ...(labels === null ? {} : { labels: [labels] }),
  };
}
