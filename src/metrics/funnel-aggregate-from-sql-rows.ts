import { describeValue, LeadKitError } from "../internal/index.js";
import { FUNNEL_STAGES } from "../model/index.js";
import { accumulateAggregate, newAccumulator, toAggregate } from "./funnel-accumulator.js";
import {
  type DurationHistogram,
  FUNNEL_DIMENSIONS,
  FUNNEL_TIMED_STAGES,
  type FunnelAggregate,
  type FunnelCounts,
  type FunnelDimension,
  type FunnelStage,
  type FunnelTimedStage,
} from "./funnel-aggregate.js";

/**
 * One result row of {@link funnelToSql}, as a driver returns it: counts may be numbers, bigints or
 * numeric strings; `histograms` parsed jsonb or its text.
 *
 * @example
 * ```ts
 * import { type FunnelSqlRow, funnelToSql } from "leadkit/metrics";
 *
 * declare const db: { query(sql: string): Promise<{ rows: import("leadkit/metrics").FunnelSqlRow[] }>; exec(sql: string): Promise<void> };
 * const query = funnelToSql();
 * if (query.ok) {
 *   const { rows }: { rows: FunnelSqlRow[] } = await db.query(query.value);
 *   rows.length; // one row per segment
 * }
 * ```
 * @category Metrics
 */
export type FunnelSqlRow = Readonly<Record<string, unknown>>;

const COUNT_COLUMNS = {
  leads: "leads",
  won: "won",
  lost: "lost",
  archived: "archived",
  active: "active",
  passive: "passive",
  costedLeads: "costed_leads",
  costCents: "cost_cents",
  pipelineLeads: "pipeline_leads",
  pipelineRevenueCents: "pipeline_revenue_cents",
  pipelineWeightedCents: "pipeline_weighted_cents",
  outOfOrderLeads: "out_of_order_leads",
} as const;

/**
 * Reads the rows of {@link funnelToSql} back into a {@link FunnelAggregate}, equal to what
 * {@link computeFunnelAggregate} gives for the same leads: a row whose `cross_dimension` is set is
 * a cell of a cross-segment, its keys (like every key) data.
 *
 * @param rows - The query's rows, in any order; not modified.
 * @returns The aggregate, with keys in canonical order.
 * @throws LeadKitError `invalid_input` when the rows are not an array of objects, for a row with an
 *   unknown dimension (or `cross_dimension`), a count that is not a non-negative number, or a
 *   `histograms` column that is not JSON; the message names the row and column.
 * @example
 * ```ts
 * import { funnelAggregateFromSqlRows, funnelToSql } from "leadkit/metrics";
 *
 * declare const db: { query(sql: string): Promise<{ rows: import("leadkit/metrics").FunnelSqlRow[] }>; exec(sql: string): Promise<void> };
 * const query = funnelToSql();
 * if (query.ok) funnelAggregateFromSqlRows((await db.query(query.value)).rows);
 * ```
 * @category Metrics
 */
export function funnelAggregateFromSqlRows(rows: readonly FunnelSqlRow[]): FunnelAggregate {
  let total: FunnelCounts | undefined;
  const segments: Partial<Record<FunnelDimension, Record<string, FunnelCounts>>> = {};
  // Keys come from data: the levels keyed by them have no prototype.
  const crossSegments: Partial<
    Record<FunnelDimension, Partial<Record<FunnelDimension, Record<string, Record<string, FunnelCounts>>>>>
  > = {};
  if (!Array.isArray(rows)) {
    throw new LeadKitError(
      "invalid_input",
      `The rows are ${describeValue(rows)}; expected an array of row objects`,
    );
  }
  (rows as readonly unknown[]).forEach((value, index) => {
    const row = value as FunnelSqlRow;
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      throw new LeadKitError(
        "invalid_input",
        `Row ${index} is ${describeValue(value)}; expected an object of columns`,
      );
    }
    const dimension = String(row["dimension"]);
    const counts = countsOf(row, index);
    if (dimension === "total") {
      total = counts;
      return;
    }
    const d = dimensionAt(dimension, index, "dimension");
    // Rows of queries written before cross-segments have no cross_dimension; plain rows have ''.
    const rawCross = row["cross_dimension"];
    if (rawCross === undefined || rawCross === null || rawCross === "") {
      const byKey = segments[d] ?? {};
      segments[d] = byKey;
      Object.defineProperty(byKey, String(row["segment"]), { value: counts, enumerable: true });
      return;
    }
    const cross = dimensionAt(String(rawCross), index, "cross_dimension");
    const byB = crossSegments[d] ?? {};
    crossSegments[d] = byB;
    const cells: Record<string, Record<string, FunnelCounts>> = byB[cross] ?? Object.create(null);
    byB[cross] = cells;
    const first = String(row["segment"]);
    const cellsOfFirst = Object.hasOwn(cells, first) ? (cells[first] as Record<string, FunnelCounts>) : null;
    const byKey: Record<string, FunnelCounts> = cellsOfFirst ?? Object.create(null);
    if (cellsOfFirst === null) cells[first] = byKey;
    byKey[String(row["cross_segment"])] = counts;
  });
  const acc = newAccumulator();
  if (total !== undefined) accumulateAggregate(acc, { total, segments, crossSegments });
  return toAggregate(acc);
}

/** A row's dimension name, or an error naming the row and column. */
function dimensionAt(name: string, index: number, column: string): FunnelDimension {
  if ((FUNNEL_DIMENSIONS as readonly string[]).includes(name)) return name as FunnelDimension;
  throw new LeadKitError(
    "invalid_input",
    `Row ${index} has ${column} ${JSON.stringify(name)}; expected ${column === "dimension" ? '"total" or ' : ""}one of ${FUNNEL_DIMENSIONS.join(", ")}`,
  );
}

function numberAt(row: FunnelSqlRow, column: string, index: number): number {
  const raw = row[column];
  const value = typeof raw === "bigint" || typeof raw === "string" ? Number(raw) : raw;
  if (typeof value !== "number" || !(value >= 0) || !Number.isFinite(value)) {
    throw new LeadKitError(
      "invalid_input",
      `Row ${index} column ${column} is ${String(raw)}; expected a non-negative number`,
    );
  }
  return value;
}

const emptyHistogram: DurationHistogram = { count: 0, sumSeconds: 0, buckets: {} };

function histogramOf(raw: unknown): DurationHistogram {
  if (typeof raw !== "object" || raw === null) return emptyHistogram;
  const h = raw as { count?: unknown; sumSeconds?: unknown; buckets?: unknown };
  const buckets = typeof h.buckets === "object" && h.buckets !== null ? h.buckets : {};
  return {
    count: Number(h.count ?? 0),
    sumSeconds: Number(h.sumSeconds ?? 0),
    buckets: Object.fromEntries(Object.entries(buckets).map(([k, n]) => [k, Number(n)])),
  };
}

function countsOf(row: FunnelSqlRow, index: number): FunnelCounts {
  const rawHistograms = row["histograms"];
  const histograms = (
    typeof rawHistograms === "string" ? parseHistograms(rawHistograms, index) : (rawHistograms ?? {})
  ) as Record<string, unknown>;
  const counts = Object.fromEntries(
    Object.entries(COUNT_COLUMNS).map(([key, column]) => [key, numberAt(row, column, index)]),
  ) as Record<keyof typeof COUNT_COLUMNS, number>;
  return {
    ...counts,
    reached: Object.fromEntries(
      FUNNEL_STAGES.map((s) => [s, numberAt(row, `reached_${s}`, index)]),
    ) as Record<FunnelStage, number>,
    timeToClose: histogramOf(histograms["timeToClose"]),
    timeToFirstResponse: histogramOf(histograms["timeToFirstResponse"]),
    timeInStage: Object.fromEntries(
      FUNNEL_TIMED_STAGES.map((s) => [s, histogramOf(histograms[s])]),
    ) as Record<FunnelTimedStage, DurationHistogram>,
  };
}

function parseHistograms(text: string, index: number): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new LeadKitError(
      "invalid_input",
      `Row ${index} column histograms is not JSON (${describeValue(text)}); expected the JSON object the query builds`,
    );
  }
}
