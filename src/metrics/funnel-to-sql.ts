import { LeadKitError } from "../internal/index.js";
import { FUNNEL_DIMENSIONS, FUNNEL_NO_VALUE, type FunnelDimension } from "./funnel-aggregate.js";
import type { FunnelPeriod } from "./funnel-options.js";

/**
 * Options for {@link funnelToSql} and {@link createFunnelTableSql}.
 *
 * @example
 * ```ts
 * const options: FunnelSqlOptions = { table: "analytics.funnel_rows", period: "month", dimensions: ["source"] };
 * ```
 * @category Metrics
 */
export interface FunnelSqlOptions {
  /** Table or view with one {@link FunnelRow} per lead, optionally schema-qualified (default `leadkit_funnel_rows`). */
  readonly table?: string;
  /** Cohort unit for the `period` dimension (default `"quarter"`). */
  readonly period?: FunnelPeriod;
  /** Dimensions to segment by (default: all of {@link FUNNEL_DIMENSIONS}). */
  readonly dimensions?: readonly FunnelDimension[];
}

const identifier = /^[A-Za-z_][A-Za-z0-9_]*$/;

function quoteTable(table: string): string {
  const parts = table.split(".");
  if (parts.length > 2 || !parts.every((p) => identifier.test(p))) {
    throw new LeadKitError(
      "invalid_definition",
      `Table name ${JSON.stringify(table)} is not a plain identifier; expected "name" or "schema.name" with letters, digits and "_"`,
    );
  }
  return parts.map((p) => `"${p}"`).join(".");
}

const columnOf: Record<FunnelDimension, string> = {
  origin: "origin",
  source: "source",
  owner: "owner",
  generatedBy: "generated_by",
  industry: "industry",
  interestLevel: "interest_level",
  period: "period",
};

/**
 * The Postgres DDL of the table {@link funnelToSql} reads: one {@link FunnelRow} per lead.
 *
 * @param options - The table name.
 * @returns A `CREATE TABLE` statement.
 * @example
 * ```ts
 * await db.exec(createFunnelTableSql());
 * ```
 * @category Metrics
 */
export function createFunnelTableSql(options: Pick<FunnelSqlOptions, "table"> = {}): string {
  return `CREATE TABLE ${quoteTable(options.table ?? "leadkit_funnel_rows")} (
  id text PRIMARY KEY,
  stage text NOT NULL,
  reached_stage smallint NOT NULL,
  won boolean NOT NULL,
  lost boolean NOT NULL,
  archived boolean NOT NULL,
  origin text,
  source text,
  owner text,
  generated_by text,
  industry text,
  interest_level text NOT NULL,
  created_at timestamptz NOT NULL,
  seconds_to_close bigint,
  seconds_in_contact bigint,
  seconds_in_lead bigint,
  seconds_in_prospect bigint,
  seconds_in_potential_client bigint,
  cost_cents bigint,
  expected_revenue_cents bigint,
  weighted_revenue_cents bigint
)`;
}

/**
 * Writes a Postgres query computing the same aggregate as {@link computeFunnelAggregate}, over a
 * table of {@link FunnelRow}s; read its result with {@link funnelAggregateFromSqlRows}.
 *
 * @remarks
 * One result row per segment (`dimension`, `segment`, counts, sums) plus a `histograms` jsonb
 * column with the same log-spaced buckets as {@link DurationHistogram}, so percentiles agree
 * exactly. Periods are cut in UTC. The table can be a view over your own schema that produces the
 * documented columns.
 *
 * @param options - Table, period and dimensions.
 * @returns The SQL text (Postgres ≥ 12 dialect).
 * @throws LeadKitError `invalid_definition` for a table name that is not a plain identifier or an
 *   unknown dimension.
 * @example
 * ```ts
 * const { rows } = await db.query(funnelToSql({ period: "month" }));
 * const summary = summarizeFunnel(funnelAggregateFromSqlRows(rows));
 * ```
 * @category Metrics
 */
export function funnelToSql(options: FunnelSqlOptions = {}): string {
  const table = quoteTable(options.table ?? "leadkit_funnel_rows");
  const dimensions = options.dimensions ?? FUNNEL_DIMENSIONS;
  for (const d of dimensions) {
    if (!(FUNNEL_DIMENSIONS as readonly string[]).includes(d)) {
      throw new LeadKitError(
        "invalid_definition",
        `Unknown funnel dimension ${JSON.stringify(d)}; expected one of ${FUNNEL_DIMENSIONS.join(", ")}`,
      );
    }
  }
  const format = (options.period ?? "quarter") === "month" ? "YYYY-MM" : 'YYYY-"Q"Q';
  const none = `'${FUNNEL_NO_VALUE}'`;
  const segmentValues = [
    "('total', 'total')",
    ...[...new Set(dimensions)].map((d) => `('${d}', coalesce(b.${columnOf[d]}, ${none}))`),
  ].join(",\n      ");
  const open = "NOT won AND NOT lost AND NOT archived AND weighted_revenue_cents IS NOT NULL";
  return `WITH base AS (
  SELECT r.*, to_char(r.created_at AT TIME ZONE 'UTC', '${format}') AS period
  FROM ${table} r
),
seg AS (
  SELECT d.dimension, d.segment, b.*
  FROM base b
  CROSS JOIN LATERAL (VALUES
      ${segmentValues}
  ) AS d(dimension, segment)
),
counts AS (
  SELECT dimension, segment,
    count(*)::int AS leads,
    count(*) FILTER (WHERE reached_stage >= 0)::int AS reached_contact,
    count(*) FILTER (WHERE reached_stage >= 1)::int AS reached_lead,
    count(*) FILTER (WHERE reached_stage >= 2)::int AS reached_prospect,
    count(*) FILTER (WHERE reached_stage >= 3)::int AS reached_potential_client,
    count(*) FILTER (WHERE reached_stage >= 4)::int AS reached_customer,
    count(*) FILTER (WHERE won)::int AS won,
    count(*) FILTER (WHERE lost)::int AS lost,
    count(*) FILTER (WHERE archived)::int AS archived,
    count(*) FILTER (WHERE origin = 'active')::int AS active,
    count(*) FILTER (WHERE origin = 'passive')::int AS passive,
    count(cost_cents)::int AS costed_leads,
    coalesce(sum(cost_cents), 0)::float8 AS cost_cents,
    count(*) FILTER (WHERE ${open})::int AS pipeline_leads,
    coalesce(sum(coalesce(expected_revenue_cents, 0)) FILTER (WHERE ${open}), 0)::float8 AS pipeline_revenue_cents,
    coalesce(sum(weighted_revenue_cents) FILTER (WHERE ${open}), 0)::float8 AS pipeline_weighted_cents
  FROM seg
  GROUP BY dimension, segment
),
durations AS (
  SELECT s.dimension, s.segment, m.metric, m.v,
    greatest(length(ltrim(m.v::bit(64)::text, '0')) - 7, 0) AS shift
  FROM seg s
  CROSS JOIN LATERAL (VALUES
      ('timeToClose', s.seconds_to_close),
      ('contact', s.seconds_in_contact),
      ('lead', s.seconds_in_lead),
      ('prospect', s.seconds_in_prospect),
      ('potential_client', s.seconds_in_potential_client)
  ) AS m(metric, v)
  WHERE m.v IS NOT NULL
),
buckets AS (
  SELECT dimension, segment, metric, shift * 128 + (v >> shift) AS bucket, count(*) AS n, sum(v) AS total
  FROM durations
  GROUP BY dimension, segment, metric, bucket
),
histograms AS (
  SELECT dimension, segment,
    jsonb_object_agg(metric, jsonb_build_object('count', c, 'sumSeconds', s, 'buckets', b)) AS histograms
  FROM (
    SELECT dimension, segment, metric, sum(n)::int AS c, sum(total)::float8 AS s,
      jsonb_object_agg(bucket::text, n) AS b
    FROM buckets
    GROUP BY dimension, segment, metric
  ) per_metric
  GROUP BY dimension, segment
)
SELECT c.*, coalesce(h.histograms, '{}'::jsonb) AS histograms
FROM counts c
LEFT JOIN histograms h USING (dimension, segment)
ORDER BY c.dimension, c.segment`;
}
