import { ok, type Result } from "../../internal/index.js";
import type { PredictiveSetup } from "./predictive-config.js";
import { type PredictiveStats, toCountingCells, toStats } from "./predictive-stats.js";
import { applyPredictiveRecord, readPredictiveRecord } from "./read-predictive-record.js";

/**
 * A change of outcome to apply to fit statistics as it happens (Odoo's live increment).
 *
 * @remarks
 * `won` and `lost` add the record; `reopened` subtracts exactly what closing it as `from` added.
 * For `lost` and a reopened lost record, the record's stage is the one it was lost in — with the
 * lead adapter, pass the lead before or after the move: both give that stage.
 *
 * @example
 * ```ts
 * import type { Lead } from "leadkit";
 * import { leadPredictiveSetup, type PredictiveEvent, updatePredictiveStats } from "leadkit/scoring";
 *
 * declare const stats: import("leadkit/scoring").PredictiveStats;
 * declare const lostLead: Lead; // the lead as it was when it was lost
 * const event: PredictiveEvent<Lead> = { type: "reopened", from: "lost", record: lostLead };
 * updatePredictiveStats(leadPredictiveSetup(), stats, event); // its loss no longer counts
 * ```
 * @category Scoring
 */
export type PredictiveEvent<T> =
  | {
      /** The record was won or lost. */
      readonly type: "won" | "lost";
      /** The record, with the values it closed with. */
      readonly record: T;
    }
  | {
      /** A closed record was reopened. */
      readonly type: "reopened";
      /** How it had closed. */
      readonly from: "won" | "lost";
      /** The record as it was when it closed. */
      readonly record: T;
    };

/**
 * Applies one won, lost or reopened event to fit statistics, without a rebuild.
 *
 * @remarks
 * Counts move by exactly one and never below zero observations (Odoo: never below 0.1 once
 * smoothed). A cell whose counts return to zero is dropped, so closing then reopening a record
 * gives back the statistics exactly (Odoo would keep such a cell at 0.1 / 0.1).
 *
 * @param setup - Configuration and adapter.
 * @param stats - Current statistics; not changed.
 * @param event - What happened.
 * @returns The new statistics, or an issue when the record cannot be read (e.g. `missing_stage`).
 * @example
 * ```ts
 * import { leadPredictiveSetup, type PredictiveStats, updatePredictiveStats } from "leadkit/scoring";
 *
 * const setup = leadPredictiveSetup();
 * let stats: PredictiveStats = { cells: [] };
 * const r = updatePredictiveStats(setup, stats, { type: "won", record: lead });
 * if (r.ok) stats = r.value;
 * ```
 * @category Scoring
 */
export function updatePredictiveStats<T>(
  setup: PredictiveSetup<T>,
  stats: PredictiveStats,
  event: PredictiveEvent<T>,
): Result<PredictiveStats> {
  const outcome = event.type === "reopened" ? event.from : event.type;
  const asClosed: PredictiveSetup<T> = {
    config: setup.config,
    adapter: { ...setup.adapter, outcome: () => outcome },
  };
  const read = readPredictiveRecord(asClosed, event.record, ["record"]);
  if (!read.ok) return read;
  const cells = toCountingCells(stats);
  applyPredictiveRecord(cells, setup.config, read.value, event.type === "reopened" ? -1 : 1);
  return ok(toStats(cells));
}
