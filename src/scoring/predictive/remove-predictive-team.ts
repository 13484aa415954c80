import {
  type CountingCell,
  cellKey,
  type PredictiveStats,
  toCountingCells,
  toStats,
} from "./predictive-stats.js";

/** Odoo's `float_compare(count, 0.1, 2) != 1`: at most the 0.1 smoothing, to two decimals. */
const isVoid = (count: number) => Math.round(count * 100) <= 10;

/** Odoo's `float_round(count, 0, "HALF-UP")` for a count (never negative). */
const roundHalfUp = (count: number) => Math.floor(count + 0.5 + 1e-9);

/**
 * Removes a team from fit statistics and hands its counts to the records without a team, as Odoo
 * does when a sales team is deleted, so what the team learned is not lost.
 *
 * @remarks
 * Odoo's rules (its `test_team_unlink`): a team cell whose won and lost are both at most 0.1 is void
 * and not carried; a cell the no-team table already has is added to it after both are rounded
 * half-up to whole counts, so a 0.1 smoothing cell counts as empty (10/0.1 plus 0.1/10 gives
 * 10/10); any other cell is carried as it is. Where Odoo would then keep a count of 0 at 0.1,
 * leadkit keeps 0 (it adds the smoothing when it builds a model), and a cell left at 0 won and 0
 * lost is dropped.
 *
 * @param stats - Fit statistics.
 * @param team - The team to remove; statistics without it are returned unchanged.
 * @returns The statistics without the team, its counts merged into the no-team cells; neither
 *   input is changed.
 * @example
 * ```ts
 * import { removePredictiveTeam } from "leadkit/scoring";
 *
 * declare const stats: import("leadkit/scoring").PredictiveStats;
 * const after = removePredictiveTeam(stats, "iberia");
 * after.cells.some((c) => c.team === "iberia"); // false
 * ```
 * @category Scoring
 */
export function removePredictiveTeam(stats: PredictiveStats, team: string): PredictiveStats {
  const cells = toCountingCells(stats);
  const removed: CountingCell[] = [];
  for (const [key, cell] of cells)
    if (cell.team === team) {
      removed.push(cell);
      cells.delete(key);
    }
  for (const cell of removed) {
    if (isVoid(cell.won) && isVoid(cell.lost)) continue;
    const key = cellKey(null, cell.field, cell.value);
    const existing = cells.get(key);
    if (existing === undefined) {
      cells.set(key, { team: null, field: cell.field, value: cell.value, won: cell.won, lost: cell.lost });
      continue;
    }
    existing.won = roundHalfUp(existing.won) + roundHalfUp(cell.won);
    existing.lost = roundHalfUp(existing.lost) + roundHalfUp(cell.lost);
    if (existing.won === 0 && existing.lost === 0) cells.delete(key);
  }
  return toStats(cells);
}
