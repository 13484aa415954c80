import * as z from "zod";
import {
  type DeepReadonly,
  err,
  fromZodIssues,
  INPUT_LIMITS,
  ok,
  type Result,
  unwrapOrThrow,
} from "../../internal/index.js";

// U+0000 separates the parts of a cell's key (and cannot be stored in PostgreSQL text): refused, so
// two different cells can never share a key.
const noNul = (text: string) => !text.includes("\u0000");
const NUL_MESSAGE = "Expected text without U+0000";
const name = z.string().min(1).max(INPUT_LIMITS.idLength).refine(noNul, NUL_MESSAGE);
// Counts may be fractional: Odoo stores them as floats (its 0.1 smoothing cells among them).
const count = z
  .number()
  .min(0, "Expected a count of 0 or more")
  .max(Number.MAX_SAFE_INTEGER, "Expected a count a double can hold exactly")
  .refine(Number.isFinite, "Expected a finite count");

/** The most cells a set of statistics may hold: teams × fields × values, far above real pipelines. */
const MAX_CELLS = 1_000_000;

/**
 * One cell of a predictive model's frequency tables: how many won and lost leads of a team had a
 * field value. Counts are observations — whole numbers from a fit, fractional ones accepted as Odoo
 * stores floats; the 0.1 smoothing is added when a model is built, so counts from several
 * partitions simply add up. A cell with 0 won and 0 lost says nothing and is refused.
 *
 * @example
 * ```ts
 * import { predictiveCellSchema } from "./predictive-stats.js";
 *
 * predictiveCellSchema.parse({ team: "iberia", field: "country", value: "ES", won: 12, lost: 30 });
 * ```
 * @category Scoring
 */
export const predictiveCellSchema = z
  .strictObject({
    team: name.nullable(),
    field: name,
    value: z.string().max(INPUT_LIMITS.textLength).refine(noNul, NUL_MESSAGE),
    won: count,
    lost: count,
  })
  .refine((c) => c.won > 0 || c.lost > 0, {
    message: "The cell has 0 won and 0 lost; expected a count above 0, or no cell",
  });

/**
 * Fit statistics of a predictive model: the frequency-table cells of every team (`team: null` for
 * leads without one). JSON data: export it, merge it, import it.
 *
 * @example
 * ```ts
 * import { predictiveStatsSchema } from "leadkit/scoring";
 *
 * predictiveStatsSchema.parse({ cells: [{ team: null, field: "stage", value: "new", won: 2, lost: 3 }] });
 * ```
 * @category Scoring
 */
export const predictiveStatsSchema = z
  .strictObject({ cells: z.array(predictiveCellSchema).max(MAX_CELLS) })
  .superRefine((stats, ctx) => {
    const seen = new Set<string>();
    stats.cells.forEach((c, i) => {
      const key = cellKey(c.team, c.field, c.value);
      if (seen.has(key))
        ctx.addIssue({
          code: "custom",
          path: ["cells", i],
          message: `Cell (team ${c.team ?? "none"}, ${c.field} = "${c.value}") appears twice; expected each team, field and value once`,
        });
      seen.add(key);
    });
  });

/**
 * One frequency-table cell.
 *
 * @example
 * ```ts
 * import { fitPredictiveStats, leadPredictiveSetup, type PredictiveCell } from "leadkit/scoring";
 *
 * // The counts behind the model, e.g. to store in a warehouse table.
 * const row = (cell: PredictiveCell) => [cell.team ?? "(all)", cell.field, String(cell.value), cell.won, cell.lost];
 * fitPredictiveStats(leadPredictiveSetup(), leads).stats.cells.map(row);
 * ```
 * @category Scoring
 */
export type PredictiveCell = DeepReadonly<z.output<typeof predictiveCellSchema>>;

/**
 * Fit statistics (see {@link predictiveStatsSchema}); cells are kept in a canonical order (team,
 * field, value) so equal statistics are deeply equal.
 *
 * @example
 * ```ts
 * import { buildPredictiveModel, leadPredictiveSetup, type PredictiveStats, updatePredictiveStats } from "leadkit/scoring";
 *
 * // Start from nothing and learn as leads close, one event at a time.
 * let stats: PredictiveStats = { cells: [] };
 * const setup = leadPredictiveSetup();
 * const updated = updatePredictiveStats(setup, stats, { type: "won", record: lead });
 * if (updated.ok) stats = updated.value;
 * buildPredictiveModel(setup, stats);
 * ```
 * @category Scoring
 */
export type PredictiveStats = DeepReadonly<z.output<typeof predictiveStatsSchema>>;

/** @internal The map key of a cell; a team of `null` sorts before every named team. */
export function cellKey(team: string | null, field: string, value: string): string {
  return `${team === null ? "0" : `1${team}`}\u0000${field}\u0000${value}`;
}

/** @internal A cell being counted. */
export interface CountingCell {
  readonly team: string | null;
  readonly field: string;
  readonly value: string;
  won: number;
  lost: number;
}

/** @internal Adds to a cell, creating it, and dropping it when its counts return to zero. */
export function addToCell(
  cells: Map<string, CountingCell>,
  team: string | null,
  field: string,
  value: string,
  won: number,
  lost: number,
): void {
  const key = cellKey(team, field, value);
  const cell = cells.get(key);
  if (cell === undefined) {
    if (won > 0 || lost > 0)
      cells.set(key, { team, field, value, won: Math.max(0, won), lost: Math.max(0, lost) });
    return;
  }
  // Odoo never lets a count fall below its smoothing: here, below zero observations.
  cell.won = Math.max(0, cell.won + won);
  cell.lost = Math.max(0, cell.lost + lost);
  if (cell.won === 0 && cell.lost === 0) cells.delete(key);
}

/** @internal Cells in canonical order, as plain records. */
export function toStats(cells: Map<string, CountingCell>): PredictiveStats {
  const keys = [...cells.keys()].sort(compareText);
  return {
    cells: keys.map((k) => {
      const c = cells.get(k) as CountingCell;
      return { team: c.team, field: c.field, value: c.value, won: c.won, lost: c.lost };
    }),
  };
}

/** @internal Code-unit order, the same in every locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** @internal Counting cells from statistics. */
export function toCountingCells(stats: PredictiveStats): Map<string, CountingCell> {
  const cells = new Map<string, CountingCell>();
  for (const c of stats.cells)
    cells.set(cellKey(c.team, c.field, c.value), {
      team: c.team,
      field: c.field,
      value: c.value,
      won: c.won,
      lost: c.lost,
    });
  return cells;
}

/**
 * Validates imported fit statistics (from JSON, a warehouse query, another process); never throws.
 * Cells are returned in canonical order.
 *
 * @param input - Anything, typically parsed JSON or rows from {@link predictiveFitToSql}'s query
 *   wrapped as `{ cells: rows }`.
 * @returns The statistics, or issues with paths: NaN, infinite or negative counts at
 *   `["cells", i, "won"]`; duplicate cells, and cells of 0 won and 0 lost, at `["cells", i]`.
 *   Fractional counts are accepted (Odoo stores floats).
 * @example
 * ```ts
 * import { safeParsePredictiveStats } from "leadkit/scoring";
 *
 * safeParsePredictiveStats({ cells: [{ team: null, field: "stage", value: "new", won: -1, lost: 0 }] });
 * // { ok: false, issues: [{ path: ["cells", 0, "won"], … }] }
 * ```
 * @category Scoring
 */
export function safeParsePredictiveStats(input: unknown): Result<PredictiveStats> {
  const parsed = predictiveStatsSchema.safeParse(input);
  if (!parsed.success) return err(fromZodIssues(parsed.error.issues));
  return ok(toStats(toCountingCells(parsed.data)));
}

/**
 * Throwing twin of {@link safeParsePredictiveStats}.
 *
 * @param input - Anything, typically parsed JSON.
 * @returns The statistics in canonical order.
 * @throws LeadKitError `invalid_input` with the issues.
 * @example
 * ```ts
 * import { parsePredictiveStats } from "leadkit/scoring";
 *
 * declare const text: string; // stats stored as JSON
 * const stats = parsePredictiveStats(JSON.parse(text));
 * ```
 * @category Scoring
 */
export function parsePredictiveStats(input: unknown): PredictiveStats {
  return unwrapOrThrow(safeParsePredictiveStats(input), "predictive statistics");
}

/**
 * Combines fit statistics of two partitions: the result equals fitting both partitions at once, so
 * any distributed job can count partitions and leadkit adds them up.
 *
 * @param a - Statistics of one partition.
 * @param b - Statistics of another.
 * @returns Their sum, in canonical order; neither input is changed.
 * @example
 * ```ts
 * import { fitPredictiveStats, mergePredictiveStats } from "leadkit/scoring";
 *
 * declare const setup: import("leadkit/scoring").PredictiveSetup<import("leadkit").Lead>;
 * declare const january: readonly import("leadkit").Lead[];
 * declare const february: readonly import("leadkit").Lead[];
 * const whole = mergePredictiveStats(fitPredictiveStats(setup, january).stats, fitPredictiveStats(setup, february).stats);
 * ```
 * @category Scoring
 */
export function mergePredictiveStats(a: PredictiveStats, b: PredictiveStats): PredictiveStats {
  const cells = toCountingCells(a);
  for (const c of b.cells) {
    const key = cellKey(c.team, c.field, c.value);
    const cell = cells.get(key);
    if (cell === undefined) cells.set(key, { ...c });
    else {
      cell.won += c.won;
      cell.lost += c.lost;
    }
  }
  return toStats(cells);
}
