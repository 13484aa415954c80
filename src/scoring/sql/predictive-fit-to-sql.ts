import * as z from "zod";
import {
  err,
  fromZodIssues,
  ok,
  once,
  type Result,
  type SqlDialect,
  SqlIssues,
} from "../../internal/index.js";
import { type PredictiveConfig, predictiveConfigSchema } from "../predictive/index.js";
import { PREDICTIVE_STAGE_FIELD } from "../predictive/predictive-config.js";
import {
  dialectSchema,
  missingColumns,
  type PredictiveSqlColumns,
  predictiveColumnsShape,
} from "./predictive-model-to-sql.js";

/**
 * Options for {@link predictiveFitToSql}.
 *
 * @example
 * ```ts
 * import { LEAD_PREDICTIVE_CONFIG, type PredictiveFitSqlOptions, predictiveFitToSql } from "leadkit/scoring";
 *
 * // Count won and lost per field value inside the database, instead of streaming every lead out.
 * const options: PredictiveFitSqlOptions = {
 *   dialect: "postgres", from: "leads",
 *   columns: { team: "team", stage: "stage", outcome: "outcome", fields: { country: "country" } },
 * };
 * const query = predictiveFitToSql({ ...LEAD_PREDICTIVE_CONFIG, fields: [{ name: "country", multiple: false, countEmpty: false }] }, options);
 * if (query.ok) console.log(query.value);
 * ```
 * @category Scoring
 */
export interface PredictiveFitSqlOptions {
  /** The SQL dialect: `"postgres"` or `"duckdb"` (the query is the same for both). */
  readonly dialect: SqlDialect;
  /** The rows to fit on: a table name or a parenthesised subquery (your code, inserted as written). */
  readonly from: string;
  /** Where the inputs are; `outcome` is required here (`'won'`, `'lost'`, anything else is open). */
  readonly columns: PredictiveSqlColumns & { readonly outcome: string };
}

const optionsSchema = /* @__PURE__ */ once(() =>
  z.strictObject({
    dialect: dialectSchema,
    from: z.string().min(1, "Expected a table name or a parenthesised subquery"),
    columns: z.strictObject({ ...predictiveColumnsShape, outcome: predictiveColumnsShape.team }),
  }),
);

/**
 * Compiles a predictive model's fit to a single GROUP BY query, so the statistics are counted where
 * the leads live; its rows, wrapped as `{ cells: rows }`, parse with {@link parsePredictiveStats}
 * to the same statistics {@link fitPredictiveStats} gives, in PostgreSQL and in DuckDB.
 *
 * @remarks
 * The query returns `team, field, value, won, lost` (integers). A lost row whose stage is missing
 * or unknown is left out, as the TypeScript fit skips it. Run it per partition and add the results
 * with {@link mergePredictiveStats} if you like.
 *
 * The configuration is validated with {@link predictiveConfigSchema}, as
 * {@link createPredictiveSetup} does: invalid configuration gives issues (paths starting with
 * `config`), never SQL. Stage ids and field names are written as literals that read the same under
 * every server setting; the lead data stays in the table.
 *
 * @param config - The predictive configuration (validated here).
 * @param options - Dialect, source and columns, see {@link PredictiveFitSqlOptions}.
 * @returns The query, or issues (`missing_column` for a field without an expression).
 * @example
 * ```ts
 * import { parsePredictiveStats, type PredictiveStats, predictiveFitToSql } from "leadkit/scoring";
 *
 * declare const setup: import("leadkit/scoring").PredictiveSetup<import("leadkit").Lead>;
 * declare const columns: import("leadkit/scoring").PredictiveSqlColumns & { readonly outcome: string };
 * declare const db: { query(sql: string): Promise<{ rows: unknown[] }> };
 * let stats: PredictiveStats = { cells: [] };
 * const q = predictiveFitToSql(setup.config, { dialect: "postgres", from: "closed_leads", columns });
 * if (q.ok) stats = parsePredictiveStats({ cells: (await db.query(q.value)).rows });
 * ```
 * @category Scoring
 */
export function predictiveFitToSql(
  config: PredictiveConfig,
  options: PredictiveFitSqlOptions,
): Result<string> {
  const issues = new SqlIssues();
  const checkedOptions = optionsSchema().safeParse(options);
  if (!checkedOptions.success) for (const i of fromZodIssues(checkedOptions.error.issues)) issues.add(i);
  const checked = predictiveConfigSchema.safeParse(config);
  if (!checked.success) for (const i of fromZodIssues(checked.error.issues, ["config"])) issues.add(i);
  else issues.checkStrings(checked.data, ["config"]);
  if (!checked.success || !checkedOptions.success || issues.any) return err(issues.list());
  const valid = checked.data;
  const { columns } = options;
  for (const i of missingColumns(valid, columns)) issues.add(i);
  if (issues.any) return err(issues.list());
  const stageId = (id: string, i: number) => issues.text(id, ["config", "stages", i, "id"]);
  const stageIndex = `CASE CAST((${columns.stage}) AS text) ${valid.stages
    .map((s, i) => `WHEN ${stageId(s.id, i)} THEN ${i}`)
    .join(" ")} END`;
  const fieldColumns = valid.fields.map((f, i) => `(${columns.fields[f.name] as string}) AS f${i}`);
  const counts = "CAST(k.outcome = 'won' AS integer) AS won, CAST(k.outcome = 'lost' AS integer) AS lost";
  const parts = [
    `SELECT k.team, ${issues.text(PREDICTIVE_STAGE_FIELD, [])} AS field, s.id AS value, ${counts}
    FROM kept AS k JOIN (VALUES ${valid.stages.map((s, i) => `(${stageId(s.id, i)}, ${i})`).join(", ")}) AS s(id, idx)
      ON k.outcome = 'won' OR s.idx <= k.stage_index`,
  ];
  valid.fields.forEach((field, i) => {
    const name = issues.text(field.name, ["config", "fields", i, "name"]);
    if (field.multiple) {
      parts.push(`SELECT k.team, ${name}, u.v, ${counts}
    FROM kept AS k CROSS JOIN LATERAL (SELECT DISTINCT CAST(e.v AS text) FROM unnest(k.f${i}) AS e(v) WHERE CAST(e.v AS text) <> '') AS u(v)`);
      if (field.countEmpty)
        parts.push(`SELECT k.team, ${name}, '', ${counts}
    FROM kept AS k WHERE NOT EXISTS (SELECT 1 FROM unnest(k.f${i}) AS e(v) WHERE CAST(e.v AS text) <> '')`);
    } else if (field.countEmpty)
      parts.push(`SELECT k.team, ${name}, COALESCE(CAST(k.f${i} AS text), ''), ${counts} FROM kept AS k`);
    else
      parts.push(`SELECT k.team, ${name}, CAST(k.f${i} AS text), ${counts}
    FROM kept AS k WHERE NULLIF(CAST(k.f${i} AS text), '') IS NOT NULL`);
  });
  if (issues.any) return err(issues.list());
  return ok(`WITH source_rows AS (
  SELECT NULLIF(CAST((${columns.team}) AS text), '') AS team, CAST((${columns.outcome}) AS text) AS outcome,
    ${stageIndex} AS stage_index${fieldColumns.map((c) => `,\n    ${c}`).join("")}
  FROM ${options.from} AS src
), kept AS (
  SELECT * FROM source_rows WHERE outcome = 'won' OR (outcome = 'lost' AND stage_index IS NOT NULL)
), cells AS (
  ${parts.join("\n  UNION ALL\n  ")}
)
SELECT team, field, value, CAST(sum(won) AS integer) AS won, CAST(sum(lost) AS integer) AS lost
FROM cells GROUP BY team, field, value`);
}
