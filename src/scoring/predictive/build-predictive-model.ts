import { PREDICTIVE_STAGE_FIELD, type PredictiveSetup, type PredictiveValue } from "./predictive-config.js";
import type { PredictiveStats } from "./predictive-stats.js";

/** Odoo's smoothing: every cell starts at its count + 0.1. */
const SMOOTHING = 0.1;

/**
 * One field value in a built model: smoothed counts and the likelihoods the score multiplies.
 *
 * @example
 * ```ts
 * import { buildPredictiveModel, fitPredictiveStats, leadPredictiveSetup, type PredictiveFactorTable } from "leadkit/scoring";
 *
 * const setup = leadPredictiveSetup();
 * const model = buildPredictiveModel(setup, fitPredictiveStats(setup, leads).stats);
 * // How strongly each country pulls towards a win, across all teams.
 * const strength = (f: PredictiveFactorTable) => f.score;
 * [...(model.all.fields.get("country")?.values ?? new Map<string, PredictiveFactorTable>())].map(([value, f]) => [value, strength(f)]);
 * ```
 * @category Scoring
 */
export interface PredictiveFactorTable {
  /** Won count + 0.1 (summed over teams in the all-teams table). */
  readonly won: number;
  /** Lost count + 0.1. */
  readonly lost: number;
  /** P(value | won): `won` ÷ the field's won total (for the stage, ÷ the prior's won count). */
  readonly pWon: number;
  /** P(value | lost), likewise. */
  readonly pLost: number;
  /** The explanation score: `pWon / (pWon + pLost)`, for the stage `1 − pLost`; above 0.5 helps. */
  readonly score: number;
}

/**
 * One field of a built model's table.
 *
 * @example
 * ```ts
 * import { buildPredictiveModel, fitPredictiveStats, leadPredictiveSetup } from "leadkit/scoring";
 *
 * const setup = leadPredictiveSetup();
 * const model = buildPredictiveModel(setup, fitPredictiveStats(setup, leads).stats);
 * model.all.fields.get("country")?.values.get("ES")?.pWon;
 * ```
 * @category Scoring
 */
export interface PredictiveFieldTable {
  /** Sum of the smoothed won counts of the field's values (for the stage: the prior's won count). */
  readonly wonTotal: number;
  /** Sum of the smoothed lost counts, likewise. */
  readonly lostTotal: number;
  /** The values with their likelihoods; values left out by `minSupport` are absent. */
  readonly values: ReadonlyMap<string, PredictiveFactorTable>;
}

/**
 * The prior of a team's table: won and lost counts of the first stage that belongs to no team.
 *
 * @example
 * ```ts
 * import { buildPredictiveModel, fitPredictiveStats, leadPredictiveSetup, type PredictivePrior } from "leadkit/scoring";
 *
 * const setup = leadPredictiveSetup();
 * const model = buildPredictiveModel(setup, fitPredictiveStats(setup, leads).stats);
 * const prior: PredictivePrior | null = model.all.prior;
 * prior?.pWon; // the share of closed leads that were won, before any field is read
 * ```
 * @category Scoring
 */
export interface PredictivePrior {
  /** W: smoothed won count of the prior stage. */
  readonly won: number;
  /** L: smoothed lost count of the prior stage. */
  readonly lost: number;
  /** P(won) = W / (W + L). */
  readonly pWon: number;
  /** P(lost) = L / (W + L). */
  readonly pLost: number;
}

/**
 * A team's frequency table, ready to score with.
 *
 * @example
 * ```ts
 * import { buildPredictiveModel, fitPredictiveStats, leadPredictiveSetup, type PredictiveTable } from "leadkit/scoring";
 *
 * const setup = leadPredictiveSetup();
 * const model = buildPredictiveModel(setup, fitPredictiveStats(setup, leads).stats);
 * // A team's own table, or the whole company's when the team has no history yet.
 * const table: PredictiveTable = model.teams.get("iberia") ?? model.all;
 * table.prior?.pWon;
 * ```
 * @category Scoring
 */
export interface PredictiveTable {
  /** The prior, or `null` when the prior stage has no counts (then the table cannot score). */
  readonly prior: PredictivePrior | null;
  /** Field tables by field name; the stage's under `"stage"`. */
  readonly fields: ReadonlyMap<string, PredictiveFieldTable>;
  /** Field tables in configuration order (`undefined` for a field with no counts). */
  readonly ordered: readonly (PredictiveFieldTable | undefined)[];
}

/**
 * A predictive model ready to score: the setup, its statistics, and the tables built from them.
 *
 * @example
 * ```ts
 * import type { Lead } from "leadkit";
 * import { buildPredictiveModel, fitPredictiveStats, leadPredictiveSetup, type PredictiveModel, predictProbability } from "leadkit/scoring";
 *
 * const setup = leadPredictiveSetup();
 * const fit = fitPredictiveStats(setup, leads);
 * const model: PredictiveModel<Lead> = buildPredictiveModel(setup, fit.stats);
 * predictProbability(model, lead); // { ok: true, value: 0–100 }
 * ```
 * @category Scoring
 */
export interface PredictiveModel<T> {
  /** Configuration and adapter. */
  readonly setup: PredictiveSetup<T>;
  /** The statistics the tables were built from. */
  readonly stats: PredictiveStats;
  /** The table of each team that has counts. */
  readonly teams: ReadonlyMap<string, PredictiveTable>;
  /** The sum of every team's table (and of records without a team): for records without a team or whose team has no counts. */
  readonly all: PredictiveTable;
  /**
   * The adapter's reader of each configured field, in configuration order (`undefined` where the
   * adapter has none), looked up once here so that scoring reads no field by name. An own-property
   * lookup: a field named like an `Object.prototype` member reads nothing.
   */
  readonly fieldReaders: readonly (((record: T) => PredictiveValue) | undefined)[];
}

interface Building {
  readonly fields: Map<
    string,
    { wonTotal: number; lostTotal: number; values: Map<string, { won: number; lost: number }> }
  >;
}

function addCount(table: Building, field: string, value: string, won: number, lost: number): void {
  let f = table.fields.get(field);
  if (f === undefined) {
    f = { wonTotal: 0, lostTotal: 0, values: new Map() };
    table.fields.set(field, f);
  }
  const v = f.values.get(value);
  if (v === undefined) f.values.set(value, { won, lost });
  else {
    v.won += won;
    v.lost += lost;
  }
  f.wonTotal += won;
  f.lostTotal += lost;
}

function finish<T>(setup: PredictiveSetup<T>, building: Building): PredictiveTable {
  const { config } = setup;
  const priorStage = config.stages.find((s) => s.teams === undefined || s.teams.length === 0)?.id;
  const stageCounts = building.fields.get(PREDICTIVE_STAGE_FIELD);
  const priorCounts = priorStage === undefined ? undefined : stageCounts?.values.get(priorStage);
  const prior =
    priorCounts === undefined || priorCounts.won === 0 || priorCounts.lost === 0
      ? null
      : {
          won: priorCounts.won,
          lost: priorCounts.lost,
          pWon: priorCounts.won / (priorCounts.won + priorCounts.lost),
          pLost: priorCounts.lost / (priorCounts.won + priorCounts.lost),
        };
  const fields = new Map<string, PredictiveFieldTable>();
  for (const [name, f] of building.fields) {
    const isStage = name === PREDICTIVE_STAGE_FIELD;
    const wonTotal = isStage ? (prior?.won ?? 0) : f.wonTotal;
    const lostTotal = isStage ? (prior?.lost ?? 0) : f.lostTotal;
    const values = new Map<string, PredictiveFactorTable>();
    // Odoo skips a value whose field total is zero: it cannot be a likelihood.
    if (wonTotal > 0 && lostTotal > 0)
      for (const [value, c] of f.values) {
        const pWon = c.won / wonTotal;
        const pLost = c.lost / lostTotal;
        values.set(value, {
          won: c.won,
          lost: c.lost,
          pWon,
          pLost,
          score: isStage ? 1 - pLost : pWon / (pWon + pLost),
        });
      }
    fields.set(name, { wonTotal, lostTotal, values });
  }
  return { prior, fields, ordered: config.fields.map((f) => fields.get(f.name)) };
}

/**
 * Builds a model ready to score from fit statistics, as Odoo reads its frequency table.
 *
 * @remarks
 * Each cell counts at its observations + 0.1. Values of a field with `minSupport` (multiple fields:
 * 50 by default) are left out when a team's won + lost is below it. A team's table holds its own
 * cells; the all-teams table adds every team's smoothed cells together (records without a team
 * count only there). Cells of fields the configuration does not name are ignored.
 *
 * @param setup - Configuration and adapter.
 * @param stats - Fit statistics (from {@link fitPredictiveStats}, {@link mergePredictiveStats} or
 *   {@link parsePredictiveStats}).
 * @returns The model.
 * @example
 * ```ts
 * import { buildPredictiveModel, fitPredictiveStats, predictProbability } from "leadkit/scoring";
 *
 * declare const setup: import("leadkit/scoring").PredictiveSetup<import("leadkit").Lead>;
 * declare const history: readonly import("leadkit").Lead[];
 * declare const openLead: import("leadkit").Lead;
 * const model = buildPredictiveModel(setup, fitPredictiveStats(setup, history).stats);
 * predictProbability(model, openLead);
 * ```
 * @category Scoring
 */
export function buildPredictiveModel<T>(
  setup: PredictiveSetup<T>,
  stats: PredictiveStats,
): PredictiveModel<T> {
  const minSupport = new Map<string, number>([[PREDICTIVE_STAGE_FIELD, 0]]);
  for (const f of setup.config.fields) minSupport.set(f.name, f.minSupport ?? (f.multiple ? 50 : 0));
  const teams = new Map<string, Building>();
  const all: Building = { fields: new Map() };
  for (const cell of stats.cells) {
    const min = minSupport.get(cell.field);
    if (min === undefined) continue;
    const won = cell.won + SMOOTHING;
    const lost = cell.lost + SMOOTHING;
    if (won + lost < min) continue;
    if (cell.team !== null) {
      let team = teams.get(cell.team);
      if (team === undefined) {
        team = { fields: new Map() };
        teams.set(cell.team, team);
      }
      addCount(team, cell.field, cell.value, won, lost);
    }
    addCount(all, cell.field, cell.value, won, lost);
  }
  const built = new Map<string, PredictiveTable>();
  for (const [team, building] of teams) built.set(team, finish(setup, building));
  const readers = setup.adapter.fields;
  const fieldReaders = setup.config.fields.map((f) =>
    Object.hasOwn(readers, f.name) ? readers[f.name] : undefined,
  );
  return { setup, stats, teams: built, all: finish(setup, all), fieldReaders };
}
