import { err, ok, type Result } from "../../internal/index.js";
import { PREDICTIVE_STAGE_FIELD, type PredictiveConfig } from "../predictive/index.js";
import { missingColumns, type PredictiveSqlColumns, type SqlDialect } from "./predictive-model-to-sql.js";
import { sqlText } from "./sql-text.js";

/**
 * Options for {@link predictiveFitToSql}.
 *
 * @example
 * ```ts
 * const options: PredictiveFitSqlOptions = {
 *   dialect: "postgres", from: "leads",
 *   columns: { team: "team", stage: "stage", outcome: "outcome", fields: { country: "country" } },
 * };
 * ```
 * @category Scoring
 */
export interface PredictiveFitSqlOptions {
  /** The SQL dialect; only `"postgres"` today. */
  readonly dialect: SqlDialect;
  /** The rows to fit on: a table name or a parenthesised subquery (inserted as written). */
  readonly from: string;
  /** Where the inputs are; `outcome` is required here (`'won'`, `'lost'`, anything else is open). */
  readonly columns: PredictiveSqlColumns & { readonly outcome: string };
}

/**
 * Compiles a predictive model's fit to a single GROUP BY query, so the statistics are counted where
 * the leads live; its rows, wrapped as `{ cells: rows }`, parse with {@link parsePredictiveStats}
 * to the same statistics {@link fitPredictiveStats} gives.
 *
 * @remarks
 * The query returns `team, field, value, won, lost` (integers). A lost row whose stage is missing
 * or unknown is left out, as the TypeScript fit skips it. Run it per partition and add the results
 * with {@link mergePredictiveStats} if you like.
 *
 * @param config - The predictive configuration.
 * @param options - Dialect, source and columns, see {@link PredictiveFitSqlOptions}.
 * @returns The query, or `missing_column` issues.
 * @example
 * ```ts
 * const q = predictiveFitToSql(setup.config, { dialect: "postgres", from: "closed_leads", columns });
 * if (q.ok) stats = parsePredictiveStats({ cells: (await db.query(q.value)).rows });
 * ```
 * @category Scoring
 */
export function predictiveFitToSql(
  config: PredictiveConfig,
  options: PredictiveFitSqlOptions,
): Result<string> {
  const { columns } = options;
  const missing = missingColumns(config, columns);
  if (missing.length > 0) return err(missing);
  const stageIndex = `CASE (${columns.stage})::text ${config.stages
    .map((s, i) => `WHEN ${sqlText(s.id)} THEN ${i}`)
    .join(" ")} END`;
  const fieldColumns = config.fields.map((f, i) => `(${columns.fields[f.name] as string}) AS f${i}`);
  const counts = "(k.outcome = 'won')::int AS won, (k.outcome = 'lost')::int AS lost";
  const parts = [
    `SELECT k.team, ${sqlText(PREDICTIVE_STAGE_FIELD)} AS field, s.id AS value, ${counts}
    FROM kept AS k JOIN (VALUES ${config.stages.map((s, i) => `(${sqlText(s.id)}, ${i})`).join(", ")}) AS s(id, idx)
      ON k.outcome = 'won' OR s.idx <= k.stage_index`,
  ];
  config.fields.forEach((field, i) => {
    const name = sqlText(field.name);
    if (field.multiple) {
      parts.push(`SELECT k.team, ${name}, u.v, ${counts}
    FROM kept AS k CROSS JOIN LATERAL (SELECT DISTINCT e.v::text FROM unnest(k.f${i}) AS e(v) WHERE e.v::text <> '') AS u(v)`);
      if (field.countEmpty)
        parts.push(`SELECT k.team, ${name}, '', ${counts}
    FROM kept AS k WHERE NOT EXISTS (SELECT 1 FROM unnest(k.f${i}) AS e(v) WHERE e.v::text <> '')`);
    } else if (field.countEmpty)
      parts.push(`SELECT k.team, ${name}, COALESCE(k.f${i}::text, ''), ${counts} FROM kept AS k`);
    else
      parts.push(`SELECT k.team, ${name}, k.f${i}::text, ${counts}
    FROM kept AS k WHERE NULLIF(k.f${i}::text, '') IS NOT NULL`);
  });
  return ok(`WITH source AS (
  SELECT NULLIF((${columns.team})::text, '') AS team, (${columns.outcome})::text AS outcome,
    ${stageIndex} AS stage_index${fieldColumns.map((c) => `,\n    ${c}`).join("")}
  FROM ${options.from} AS src
), kept AS (
  SELECT * FROM source WHERE outcome = 'won' OR (outcome = 'lost' AND stage_index IS NOT NULL)
), cells AS (
  ${parts.join("\n  UNION ALL\n  ")}
)
SELECT team, field, value, CAST(sum(won) AS integer) AS won, CAST(sum(lost) AS integer) AS lost
FROM cells GROUP BY team, field, value`);
}
