import { err, type Issue, issue, ok, type Result } from "../../internal/index.js";
import {
  PREDICTIVE_STAGE_FIELD,
  type PredictiveConfig,
  type PredictiveFieldTable,
  type PredictiveModel,
  type PredictiveTable,
} from "../predictive/index.js";
import { sqlFloat, sqlText } from "./sql-text.js";

/**
 * The SQL dialects leadkit compiles to.
 *
 * @example
 * ```ts
 * const dialect: SqlDialect = "postgres";
 * ```
 * @category Scoring
 */
export type SqlDialect = "postgres";

/**
 * Where a predictive model's inputs are in your table: one SQL expression each, written by you
 * (trusted: they are pasted into the query as they are).
 *
 * @example
 * ```ts
 * const columns: PredictiveSqlColumns = {
 *   team: "l.team", stage: "l.stage", outcome: "l.outcome",
 *   fields: { country: "l.country", tags: "l.tags" },
 * };
 * ```
 * @category Scoring
 */
export interface PredictiveSqlColumns {
  /** The team, as text; NULL or `''` for none. */
  readonly team: string;
  /** The pipeline stage as text: the current stage, or for a lost row the stage it was lost in. */
  readonly stage: string;
  /** Optional: `'won'`, `'lost'` or anything else (open). Without it every row is scored as open. */
  readonly outcome?: string;
  /** One expression per configured field: a scalar (compared as text), or a `text[]` for a multiple field. */
  readonly fields: Readonly<Record<string, string>>;
}

/**
 * Options for {@link predictiveModelToSql}.
 *
 * @example
 * ```ts
 * const options: PredictiveSqlOptions = { dialect: "postgres", columns };
 * ```
 * @category Scoring
 */
export interface PredictiveSqlOptions {
  /** The SQL dialect; only `"postgres"` today. */
  readonly dialect: SqlDialect;
  /** Where the inputs are. */
  readonly columns: PredictiveSqlColumns;
}

/** @internal Checks that every configured field has a column expression. */
export function missingColumns(config: PredictiveConfig, columns: PredictiveSqlColumns): Issue[] {
  const issues: Issue[] = [];
  for (const field of config.fields)
    if (!Object.hasOwn(columns.fields, field.name))
      issues.push(
        issue(
          "missing_column",
          ["columns", "fields", field.name],
          `No SQL expression for field "${field.name}"; expected one for every configured field`,
        ),
      );
  return issues;
}

const ONE = sqlFloat(1);

function scalarFactor(expression: string, table: PredictiveFieldTable, side: "pWon" | "pLost"): string {
  if (table.values.size === 0) return ONE;
  const whens = [...table.values.keys()]
    .sort()
    .map(
      (value) =>
        `WHEN ${sqlText(value)} THEN ${sqlFloat((table.values.get(value) as { pWon: number; pLost: number })[side])}`,
    );
  return `(CASE ${expression} ${whens.join(" ")} ELSE ${ONE} END)`;
}

function listFactors(
  expression: string,
  countEmpty: boolean,
  table: PredictiveFieldTable,
  side: "pWon" | "pLost",
): string[] {
  return [...table.values.keys()].sort().map((value) => {
    const factor = (table.values.get(value) as { pWon: number; pLost: number })[side];
    const present =
      value === "" && countEmpty
        ? `NOT EXISTS (SELECT 1 FROM unnest(${expression}) AS e(v) WHERE e.v <> '')`
        : `${sqlText(value)} = ANY(${expression})`;
    return `(CASE WHEN ${present} THEN ${sqlFloat(factor)} ELSE ${ONE} END)`;
  });
}

function tableSql(config: PredictiveConfig, columns: PredictiveSqlColumns, table: PredictiveTable): string {
  const prior = table.prior;
  if (prior === null) return "CAST(NULL AS float8)";
  const product = (side: "pWon" | "pLost") => {
    const factors = [sqlFloat(prior[side])];
    const stage = table.fields.get(PREDICTIVE_STAGE_FIELD);
    if (stage !== undefined) factors.push(scalarFactor(`(${columns.stage})::text`, stage, side));
    config.fields.forEach((field, i) => {
      const fieldTable = table.ordered[i];
      const expression = columns.fields[field.name] as string;
      if (fieldTable === undefined) return;
      if (field.multiple) factors.push(...listFactors(`(${expression})`, field.countEmpty, fieldTable, side));
      else
        factors.push(
          scalarFactor(
            field.countEmpty ? `COALESCE((${expression})::text, '')` : `(${expression})::text`,
            fieldTable,
            side,
          ),
        );
    });
    return factors.join(" * ");
  };
  // The same operations, in the same order, as predictProbability: equal doubles, equal cents.
  return `(SELECT LEAST(GREATEST(round(((100 * s.won) / NULLIF(s.won + s.lost, 0)) * 100) / 100, ${sqlFloat(0.01)}), ${sqlFloat(99.99)}) FROM (SELECT ${product("pWon")} AS won, ${product("pLost")} AS lost) AS s)`;
}

/**
 * Compiles a predictive model to one PostgreSQL expression, so open leads are scored inside the
 * database or warehouse where they live — the same probabilities as {@link predictProbability},
 * to the cent.
 *
 * @remarks
 * The expression gives a `double precision` percentage: 100 for won rows (or rows in the won
 * stage), 0 for lost ones, NULL where {@link predictProbability} returns an issue (no or unknown
 * stage, no prior). Column expressions are inserted as written; every value from the model is
 * quoted.
 *
 * @param model - A model from {@link buildPredictiveModel}.
 * @param options - Dialect and column expressions, see {@link PredictiveSqlOptions}.
 * @returns The SQL expression, or `missing_column` issues for fields without an expression.
 * @example
 * ```ts
 * const sql = predictiveModelToSql(model, { dialect: "postgres", columns: { team: "team", stage: "stage", fields: { country: "country" } } });
 * if (sql.ok) await db.query(`SELECT id, ${sql.value} AS probability FROM leads`);
 * ```
 * @category Scoring
 */
export function predictiveModelToSql<T>(
  model: PredictiveModel<T>,
  options: PredictiveSqlOptions,
): Result<string> {
  const { config } = model.setup;
  const { columns } = options;
  const missing = missingColumns(config, columns);
  if (missing.length > 0) return err(missing);
  const stage = `(${columns.stage})::text`;
  const team = `NULLIF((${columns.team})::text, '')`;
  const branches: string[] = [];
  if (columns.outcome !== undefined)
    branches.push(
      `WHEN (${columns.outcome}) = 'won' THEN ${sqlFloat(100)}`,
      `WHEN (${columns.outcome}) = 'lost' THEN ${sqlFloat(0)}`,
    );
  branches.push(
    `WHEN ${stage} IS NULL OR ${stage} NOT IN (${config.stages.map((s) => sqlText(s.id)).join(", ")}) THEN CAST(NULL AS float8)`,
    `WHEN ${stage} = ${sqlText(config.wonStage)} THEN ${sqlFloat(100)}`,
  );
  for (const [name, table] of [...model.teams].sort(([a], [b]) => (a < b ? -1 : 1)))
    branches.push(`WHEN ${team} = ${sqlText(name)} THEN ${tableSql(config, columns, table)}`);
  return ok(`(CASE ${branches.join("\n  ")}\n  ELSE ${tableSql(config, columns, model.all)} END)`);
}
