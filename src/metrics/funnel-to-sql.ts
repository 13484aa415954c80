import {
  err,
  type Issue,
  issue,
  ok,
  quoteTableName,
  type Result,
  SQL_DIALECTS,
  type SqlDialect,
  SqlIssues,
  sqlText,
  timeZoneIssue,
} from "../internal/index.js";
import { checkCrossSegments } from "./check-cross-segments.js";
import {
  FUNNEL_CREDIT_MODELS,
  FUNNEL_DIMENSIONS,
  FUNNEL_NO_VALUE,
  type FunnelCredit,
  type FunnelDimension,
  type FunnelDimensionPair,
} from "./funnel-aggregate.js";
import type { FunnelPeriod } from "./funnel-options.js";
import { CREDIT_UNITS, POSITION_END_UNITS, POSITION_MIDDLE_UNITS } from "./split-credit.js";

/**
 * Options for {@link funnelToSql} and {@link createFunnelTableSql}.
 *
 * @example
 * ```ts
 * import { type FunnelSqlOptions, funnelToSql } from "leadkit/metrics";
 *
 * const options: FunnelSqlOptions = { dialect: "duckdb", table: "analytics.funnel_rows", period: "month", dimensions: ["source"] };
 * const query = funnelToSql(options);
 * if (!query.ok) console.log(query.issues);
 * ```
 * @category Metrics
 */
export interface FunnelSqlOptions {
  /** The SQL dialect: `"postgres"` (default) or `"duckdb"`. */
  readonly dialect?: SqlDialect;
  /**
   * Table or view with one {@link FunnelRow} per lead: `name` or `schema.name`, letters, digits and
   * `_` (default `leadkit_funnel_rows`). It is quoted, so it is matched case-sensitively.
   */
  readonly table?: string;
  /** Cohort unit for the `period` dimension (default `"quarter"`). */
  readonly period?: FunnelPeriod;
  /** Dimensions to segment by (default: all of {@link FUNNEL_DIMENSIONS}). */
  readonly dimensions?: readonly FunnelDimension[];
  /**
   * The IANA time zone periods are cut in (default UTC), as in {@link FunnelOptions.timeZone}: the
   * query cuts `created_at AT TIME ZONE` this zone.
   */
  readonly timeZone?: string;
  /**
   * How the `touch` dimension splits each lead's credit over its `touches` (default `"linear"`), as
   * in {@link FunnelOptions.credit}.
   */
  readonly credit?: FunnelCredit;
  /**
   * Pairs of dimensions to cross (default none), as in {@link FunnelOptions.crossSegments}: their
   * rows name the second dimension and key in `cross_dimension` and `cross_segment`.
   */
  readonly crossSegments?: readonly FunnelDimensionPair[];
}

const DEFAULT_TABLE = "leadkit_funnel_rows";

const columnOf: Readonly<Record<FunnelDimension, string>> = {
  origin: "origin",
  source: "source",
  owner: "owner",
  generatedBy: "generated_by",
  industry: "industry",
  interestLevel: "interest_level",
  period: "period",
  firstTouch: "first_touch",
  lastTouch: "last_touch",
  touch: "touches",
};

const isObject = (v: unknown): v is Readonly<Record<string, unknown>> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

interface Checked {
  readonly dialect: SqlDialect;
  readonly table: string;
  readonly period: FunnelPeriod;
  readonly dimensions: readonly FunnelDimension[];
  readonly timeZone: string;
  readonly credit: FunnelCredit;
  readonly pairs: readonly FunnelDimensionPair[];
}

const KNOWN_OPTIONS: ReadonlySet<string> = new Set([
  "dialect",
  "table",
  "period",
  "dimensions",
  "timeZone",
  "credit",
  "crossSegments",
]);

function checkOptions(options: unknown, issues: SqlIssues): Checked | null {
  if (!isObject(options)) {
    issues.add(issue("invalid_type", [], "Expected an options object"));
    return null;
  }
  for (const key of Object.keys(options))
    if (!KNOWN_OPTIONS.has(key))
      issues.add(
        issue(
          "unrecognized_keys",
          [key],
          `Unknown option ${JSON.stringify(key)}; expected dialect, table, period, dimensions, timeZone, credit or crossSegments`,
        ),
      );
  const dialect = options["dialect"] ?? "postgres";
  if (!(SQL_DIALECTS as readonly unknown[]).includes(dialect))
    issues.add(
      issue(
        "invalid_dialect",
        ["dialect"],
        `Unknown dialect ${JSON.stringify(dialect)}; expected "postgres" or "duckdb"`,
      ),
    );
  const rawTable = options["table"] ?? DEFAULT_TABLE;
  const table = typeof rawTable === "string" ? quoteTableName(rawTable) : null;
  if (table === null)
    issues.add(
      issue(
        "invalid_table_name",
        ["table"],
        `Table name ${JSON.stringify(rawTable)} is not a plain identifier; expected "name" or "schema.name" with letters, digits and "_" (up to 63 each)`,
      ),
    );
  const period = options["period"] ?? "quarter";
  if (period !== "month" && period !== "quarter")
    issues.add(
      issue("invalid_period", ["period"], `Period ${JSON.stringify(period)}; expected "month" or "quarter"`),
    );
  const dimensions = options["dimensions"] ?? FUNNEL_DIMENSIONS;
  if (!Array.isArray(dimensions))
    issues.add(issue("invalid_type", ["dimensions"], "Expected an array of funnel dimensions"));
  else
    dimensions.forEach((d: unknown, i) => {
      if (!(FUNNEL_DIMENSIONS as readonly unknown[]).includes(d))
        issues.add(
          issue(
            "unknown_dimension",
            ["dimensions", i],
            `Unknown funnel dimension ${JSON.stringify(d)}; expected one of ${FUNNEL_DIMENSIONS.join(", ")}`,
          ),
        );
    });
  const credit = options["credit"] ?? "linear";
  if (!(FUNNEL_CREDIT_MODELS as readonly unknown[]).includes(credit))
    issues.add(
      issue(
        "invalid_credit",
        ["credit"],
        `Credit model ${JSON.stringify(credit)}; expected one of ${FUNNEL_CREDIT_MODELS.map((c) => `"${c}"`).join(", ")}`,
      ),
    );
  const timeZone = options["timeZone"] === undefined ? "UTC" : options["timeZone"];
  const badZone = timeZoneIssue(timeZone, ["timeZone"]);
  if (badZone !== undefined) issues.add(badZone);
  const pairIssues: Issue[] = [];
  const pairs = checkCrossSegments(options["crossSegments"], ["crossSegments"], pairIssues);
  for (const found of pairIssues) issues.add(found);
  if (issues.any || table === null || !Array.isArray(dimensions) || typeof timeZone !== "string") return null;
  return {
    dialect: dialect as SqlDialect,
    table,
    period: period as FunnelPeriod,
    dimensions: [...new Set(dimensions as FunnelDimension[])],
    timeZone,
    credit: credit as FunnelCredit,
    pairs,
  };
}

/**
 * The DDL of the table {@link funnelToSql} reads: one {@link FunnelRow} per lead.
 *
 * @remarks
 * The table refuses what {@link safeComputeFunnelAggregate} refuses: a lead id twice (primary key)
 * and a creation date outside UTC years 1000–9999 (a check), so in-process and SQL counts agree.
 * Its column names are plain words in both dialects (no `at`, which DuckDB reserves).
 *
 * @param options - The dialect and table name (other options are ignored).
 * @returns A `CREATE TABLE` statement, or issues (`invalid_table_name`, `invalid_dialect`).
 * @example
 * ```ts
 * import { createFunnelTableSql } from "leadkit/metrics";
 *
 * declare const db: { query(sql: string): Promise<{ rows: import("leadkit/metrics").FunnelSqlRow[] }>; exec(sql: string): Promise<void> };
 * const ddl = createFunnelTableSql({ dialect: "duckdb" });
 * if (ddl.ok) await db.exec(ddl.value);
 * ```
 * @category Metrics
 */
export function createFunnelTableSql(options: FunnelSqlOptions = {}): Result<string> {
  const issues = new SqlIssues();
  const checked = checkOptions(options, issues);
  if (checked === null) return err(issues.list());
  return ok(`CREATE TABLE ${checked.table} (
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
  created_at timestamptz NOT NULL CHECK (created_at >= CAST('1000-01-01T00:00:00.000Z' AS timestamptz) AND created_at <= CAST('9999-12-31T23:59:59.999Z' AS timestamptz)),
  out_of_order boolean NOT NULL,
  seconds_to_close bigint,
  first_touch text,
  last_touch text,
  touches text[],
  seconds_to_first_response bigint,
  seconds_in_contact bigint,
  seconds_in_lead bigint,
  seconds_in_prospect bigint,
  seconds_in_potential_client bigint,
  cost_cents bigint,
  expected_revenue_cents bigint,
  weighted_revenue_cents bigint
)`);
}

/** What differs between the dialects: period text, bit length and JSON aggregation. */
interface DialectParts {
  /** The period text of `local`, the creation time as a timestamp on the chosen zone's calendar. */
  readonly period: (period: FunnelPeriod, local: string) => string;
  readonly shift: (v: string) => string;
  readonly objectAgg: (key: string, value: string) => string;
  readonly object: (pairs: readonly (readonly [string, string])[]) => string;
  readonly emptyObject: string;
  /** Integer division of non-negative integers, rounding down. */
  readonly div: (a: string, b: string) => string;
  /** `a × b` for a bigint and an int, in a type that cannot overflow. */
  readonly wideProduct: (a: string, b: string) => string;
  /** Elements in a list (`NULL` for a null list). */
  readonly length: (list: string) => string;
}

const DIALECTS: Readonly<Record<SqlDialect, DialectParts>> = {
  postgres: {
    period: (p, local) => `to_char(${local}, ${p === "month" ? "'YYYY-MM'" : `'YYYY-"Q"Q'`})`,
    shift: (v) => `greatest(length(ltrim(${v}::bit(64)::text, '0')) - 7, 0)`,
    objectAgg: (k, v) => `jsonb_object_agg(${k}, ${v})`,
    object: (pairs) => `jsonb_build_object(${pairs.map(([k, v]) => `${sqlText(k)}, ${v}`).join(", ")})`,
    emptyObject: "'{}'::jsonb",
    div: (a, b) => `div(${a}, ${b})`,
    wideProduct: (a, b) => `(${a})::numeric * ${b}`,
    length: (list) => `cardinality(${list})`,
  },
  duckdb: {
    period: (p, local) =>
      p === "month"
        ? `strftime(${local}, '%Y-%m')`
        : `strftime(${local}, '%Y') || '-Q' || CAST(quarter(${local}) AS VARCHAR)`,
    // bin() writes a non-negative bigint in binary without leading zeros: its length is the bit length.
    shift: (v) => `greatest(length(bin(${v})) - 7, 0)`,
    objectAgg: (k, v) => `json_group_object(${k}, ${v})`,
    object: (pairs) => `json_object(${pairs.map(([k, v]) => `${sqlText(k)}, ${v}`).join(", ")})`,
    emptyObject: "CAST('{}' AS JSON)",
    div: (a, b) => `(${a}) // ${b}`,
    wideProduct: (a, b) => `CAST(${a} AS HUGEINT) * ${b}`,
    length: (list) => `len(${list})`,
  },
};

/**
 * Writes a query computing the same aggregate as {@link computeFunnelAggregate}, over a table of
 * {@link FunnelRow}s, in PostgreSQL or DuckDB; read its result with {@link funnelAggregateFromSqlRows}.
 *
 * @remarks
 * One result row per segment (`dimension`, `segment`, counts, sums) plus a `histograms` JSON
 * column with the same log-spaced buckets as {@link DurationHistogram}, so percentiles agree
 * exactly; a cross-segment's row also names the second dimension and key in `cross_dimension` and
 * `cross_segment` (both `''` on the other rows). Periods are cut in UTC, or in `timeZone` (`AT TIME ZONE`, which both engines resolve
 * with the IANA database, daylight saving included). The table can be a view over your own schema that produces the
 * documented columns. The options are validated (an unknown dimension, period or dialect, a table
 * name that is not a plain identifier are issues, never SQL); the only text the query takes from
 * them is the quoted table name and fixed words.
 *
 * @param options - Dialect, table, period, dimensions, time zone, credit model and cross-segments.
 * @returns The SQL text, or issues (`invalid_table_name`, `unknown_dimension`, `invalid_period`,
 *   `invalid_dialect`, `invalid_time_zone`, `invalid_credit`, `invalid_cross_segment`,
 *   `unrecognized_keys`).
 * @example
 * ```ts
 * import { funnelAggregateFromSqlRows, funnelToSql, summarizeFunnel } from "leadkit/metrics";
 *
 * declare const db: { query(sql: string): Promise<{ rows: import("leadkit/metrics").FunnelSqlRow[] }>; exec(sql: string): Promise<void> };
 * const query = funnelToSql({ dialect: "postgres", period: "month" });
 * if (query.ok) {
 *   const { rows } = await db.query(query.value);
 *   const summary = summarizeFunnel(funnelAggregateFromSqlRows(rows));
 * }
 * ```
 * @category Metrics
 */
export function funnelToSql(options: FunnelSqlOptions = {}): Result<string> {
  const issues = new SqlIssues();
  const checked = checkOptions(options, issues);
  if (checked === null) return err(issues.list());
  const d = DIALECTS[checked.dialect];
  const none = sqlText(FUNNEL_NO_VALUE);
  const D = String(CREDIT_UNITS);
  // Each segment row: dimension, key, and for a cross-segment the second dimension and key ('' and
  // '' for a plain segment: dimension names are never empty, and '' joins where NULL would not).
  const keyOf = (dim: FunnelDimension) =>
    dim === "touch" ? `coalesce(t.source, ${none})` : `coalesce(b.${columnOf[dim]}, ${none})`;
  const plain = (dim: FunnelDimension) => `(${sqlText(dim)}, ${keyOf(dim)}, '', '')`;
  const crossed = ([a, b]: FunnelDimensionPair) => `(${sqlText(a)}, ${keyOf(a)}, ${sqlText(b)}, ${keyOf(b)})`;
  const hasTouch = ([a, b]: FunnelDimensionPair) => a === "touch" || b === "touch";
  const segmentValues = [
    `(${sqlText("total")}, ${sqlText("total")}, '', '')`,
    ...checked.dimensions.filter((dim) => dim !== "touch").map(plain),
    ...checked.pairs.filter((pair) => !hasTouch(pair)).map(crossed),
  ].join(",\n      ");
  const touchValues = [
    ...(checked.dimensions.includes("touch") ? [plain("touch")] : []),
    ...checked.pairs.filter(hasTouch).map(crossed),
  ].join(",\n      ");
  // The touch dimension, and cross-segments with it: one row per touch with its units of credit `w`
  // (split-credit.ts in SQL), or one row with every unit under "(none)" for a lead without touches.
  const touchRows =
    touchValues === ""
      ? ""
      : `
  UNION ALL
  SELECT d.dimension, d.segment, d.cross_dimension, d.cross_segment, t.w, b.*
  FROM base b
  CROSS JOIN LATERAL (
    SELECT b.touches[p.i] AS source, ${creditSql(checked.credit, d)} AS w
    FROM (SELECT greatest(coalesce(${d.length("b.touches")}, 0), 1) AS n) c
    CROSS JOIN LATERAL generate_series(1, c.n) AS p(i)
  ) t
  CROSS JOIN LATERAL (VALUES
      ${touchValues}
  ) AS d(dimension, segment, cross_dimension, cross_segment)
  WHERE t.w > 0`;
  const open = "NOT won AND NOT lost AND NOT archived AND weighted_revenue_cents IS NOT NULL";
  // Credit `w` summed, as a share of leads: exact in float8, since units are whole 1/2^20 of a lead.
  const credit = (where?: string) =>
    `coalesce(sum(w)${where === undefined ? "" : ` FILTER (WHERE ${where})`}, 0)::float8 / ${D}`;
  // A row's share of a whole amount: rounded half away from zero, as shareOf in TypeScript.
  const share = (v: string) =>
    `CASE WHEN w = ${D} THEN ${v} ELSE sign(${v}) * ${d.div(`${d.wideProduct(`abs(${v})`, "w")} + ${CREDIT_UNITS / 2}`, D)} END`;
  const metrics = [
    ["timeToClose", "seconds_to_close"],
    ["timeToFirstResponse", "seconds_to_first_response"],
    ["contact", "seconds_in_contact"],
    ["lead", "seconds_in_lead"],
    ["prospect", "seconds_in_prospect"],
    ["potential_client", "seconds_in_potential_client"],
  ]
    .map(([metric, column]) => `(${sqlText(metric as string)}, s.${column})`)
    .join(",\n      ");
  return ok(`WITH base AS (
  SELECT r.*, ${d.period(checked.period, `created_at AT TIME ZONE ${sqlText(checked.timeZone)}`)} AS period
  FROM ${checked.table} r
),
seg AS (
  SELECT d.dimension, d.segment, d.cross_dimension, d.cross_segment, ${D} AS w, b.*
  FROM base b
  CROSS JOIN LATERAL (VALUES
      ${segmentValues}
  ) AS d(dimension, segment, cross_dimension, cross_segment)${touchRows}
),
counts AS (
  SELECT dimension, segment, cross_dimension, cross_segment,
    ${credit()} AS leads,
    ${credit("reached_stage >= 0")} AS reached_contact,
    ${credit("reached_stage >= 1")} AS reached_lead,
    ${credit("reached_stage >= 2")} AS reached_prospect,
    ${credit("reached_stage >= 3")} AS reached_potential_client,
    ${credit("reached_stage >= 4")} AS reached_customer,
    ${credit("won")} AS won,
    ${credit("lost")} AS lost,
    ${credit("archived")} AS archived,
    ${credit("origin = 'active'")} AS active,
    ${credit("origin = 'passive'")} AS passive,
    ${credit("cost_cents IS NOT NULL")} AS costed_leads,
    coalesce(sum(${share("cost_cents")}), 0)::float8 AS cost_cents,
    ${credit(open)} AS pipeline_leads,
    coalesce(sum(${share("coalesce(expected_revenue_cents, 0)")}) FILTER (WHERE ${open}), 0)::float8 AS pipeline_revenue_cents,
    coalesce(sum(${share("weighted_revenue_cents")}) FILTER (WHERE ${open}), 0)::float8 AS pipeline_weighted_cents,
    ${credit("out_of_order")} AS out_of_order_leads
  FROM seg
  GROUP BY dimension, segment, cross_dimension, cross_segment
),
durations AS (
  SELECT s.dimension, s.segment, s.cross_dimension, s.cross_segment, s.w, m.metric, m.v, ${d.shift("m.v")} AS shift
  FROM seg s
  CROSS JOIN LATERAL (VALUES
      ${metrics}
  ) AS m(metric, v)
  WHERE m.v IS NOT NULL
),
buckets AS (
  SELECT dimension, segment, cross_dimension, cross_segment, metric, shift * 128 + (v >> shift) AS bucket, sum(w) AS n, sum(${share("v")}) AS total
  FROM durations
  GROUP BY dimension, segment, cross_dimension, cross_segment, metric, shift * 128 + (v >> shift)
),
histograms AS (
  SELECT dimension, segment, cross_dimension, cross_segment,
    ${d.objectAgg(
      "metric",
      d.object([
        ["count", "c"],
        ["sumSeconds", "s"],
        ["buckets", "b"],
      ]),
    )} AS histograms
  FROM (
    SELECT dimension, segment, cross_dimension, cross_segment, metric, sum(n)::float8 / ${D} AS c, sum(total)::float8 AS s,
      ${d.objectAgg("CAST(bucket AS text)", `n::float8 / ${D}`)} AS b
    FROM buckets
    GROUP BY dimension, segment, cross_dimension, cross_segment, metric
  ) per_metric
  GROUP BY dimension, segment, cross_dimension, cross_segment
)
SELECT c.*, coalesce(h.histograms, ${d.emptyObject}) AS histograms
FROM counts c
LEFT JOIN histograms h USING (dimension, segment, cross_dimension, cross_segment)
ORDER BY c.dimension, c.segment, c.cross_dimension, c.cross_segment`);
}

/** The units of credit of touch `p.i` (from 1) of `c.n` (at least 1): creditUnits in SQL. */
function creditSql(credit: FunnelCredit, d: DialectParts): string {
  const even = (units: string, index: string, count: string) =>
    `${d.div(units, `(${count})`)} + CASE WHEN (${index}) < ${units} % (${count}) THEN 1 ELSE 0 END`;
  const D = String(CREDIT_UNITS);
  switch (credit) {
    case "first":
      return `CASE WHEN p.i = 1 THEN ${D} ELSE 0 END`;
    case "last":
      return `CASE WHEN p.i = c.n THEN ${D} ELSE 0 END`;
    case "linear":
      return even(D, "p.i - 1", "c.n");
    case "position":
      return `CASE WHEN c.n <= 2 THEN ${even(D, "p.i - 1", "c.n")} WHEN p.i = 1 OR p.i = c.n THEN ${POSITION_END_UNITS} ELSE ${even(String(POSITION_MIDDLE_UNITS), "p.i - 2", "c.n - 2")} END`;
  }
}
