import * as z from "zod";
import {
  err,
  fromZodIssues,
  type Issue,
  issue,
  ok,
  once,
  type Result,
  SQL_DIALECTS,
  type SqlDialect,
  SqlIssues,
  sqlFloat,
} from "../../internal/index.js";
import {
  type PredictiveConfig,
  type PredictiveModel,
  predictiveConfigSchema,
  predictiveStatsSchema,
} from "../predictive/index.js";
import { PREDICTIVE_STAGE_FIELD } from "../predictive/predictive-config.js";

/**
 * Where a predictive model's inputs are in your table: one SQL expression each, written by you
 * (trusted: they are pasted into the query as they are).
 *
 * @example
 * ```ts
 * import { predictiveModelToSql, type PredictiveSqlColumns } from "leadkit/scoring";
 *
 * declare const model: import("leadkit/scoring").PredictiveModel<import("leadkit").Lead>;
 * // Where each input of the model lives in your leads table.
 * const columns: PredictiveSqlColumns = {
 *   team: "l.team", stage: "l.stage", outcome: "l.outcome",
 *   fields: { country: "l.country", tags: "l.tags" },
 * };
 * predictiveModelToSql(model, { dialect: "postgres", columns });
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
 * import { predictiveModelToSql, type PredictiveSqlOptions } from "leadkit/scoring";
 *
 * declare const model: import("leadkit/scoring").PredictiveModel<import("leadkit").Lead>;
 * const options: PredictiveSqlOptions = { dialect: "duckdb", columns: { team: "team", stage: "stage", fields: { country: "country" } } };
 * const expression = predictiveModelToSql(model, options);
 * if (expression.ok) console.log(`SELECT id, ${expression.value} AS probability FROM leads`);
 * ```
 * @category Scoring
 */
export interface PredictiveSqlOptions {
  /** The SQL dialect: `"postgres"` or `"duckdb"`. */
  readonly dialect: SqlDialect;
  /** Where the inputs are. */
  readonly columns: PredictiveSqlColumns;
}

const expression = z.string().min(1, "Expected a SQL expression");
/** @internal The shape every predictive compiler checks its columns against. */
export const predictiveColumnsShape = {
  team: expression,
  stage: expression,
  outcome: expression.optional(),
  fields: z.record(z.string(), expression),
};
/** @internal */
export const dialectSchema = z.enum(SQL_DIALECTS as [SqlDialect, ...SqlDialect[]]);
const optionsSchema = /* @__PURE__ */ once(() =>
  z.strictObject({
    dialect: dialectSchema,
    columns: z.strictObject(predictiveColumnsShape),
  }),
);

const likelihood = z.number().min(0, "Expected a likelihood of 0 or more");
const factorSchema = z.object({ pWon: likelihood, pLost: likelihood });
const fieldTableSchema = z.object({ values: z.map(z.string(), factorSchema) });
const tableSchema = z.object({
  prior: factorSchema.nullable(),
  fields: z.map(z.string(), fieldTableSchema),
  ordered: z.array(fieldTableSchema.optional()),
});
// The tables are checked as well as the configuration and statistics they were built from: only
// validated strings and finite numbers reach the SQL, whoever built the model object.
const modelSchema = /* @__PURE__ */ once(() =>
  z.object({
    setup: z.object({ config: predictiveConfigSchema }),
    stats: predictiveStatsSchema,
    teams: z.map(z.string(), tableSchema),
    all: tableSchema,
  }),
);
type CheckedTable = z.output<typeof tableSchema>;
type CheckedFieldTable = z.output<typeof fieldTableSchema>;

/** @internal Checks that every configured field has a column expression (an own property). */
export function missingColumns(
  config: PredictiveConfig,
  columns: { readonly fields: Readonly<Record<string, string>> },
): Issue[] {
  const issues: Issue[] = [];
  for (const field of config.fields)
    if (!Object.hasOwn(columns.fields, field.name))
      issues.push(
        issue(
          "missing_column",
          ["columns", "fields", field.name],
          `No SQL expression for field ${JSON.stringify(field.name)}; expected one for every configured field`,
        ),
      );
  return issues;
}

const ONE = sqlFloat(1);
type Side = "pWon" | "pLost";

interface Writer {
  readonly issues: SqlIssues;
  readonly config: PredictiveConfig;
  readonly columns: PredictiveSqlColumns;
  readonly dialect: SqlDialect;
}

const sortedKeys = <V>(map: ReadonlyMap<string, V>): string[] =>
  [...map.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

function scalarFactor(
  w: Writer,
  expression: string,
  table: CheckedFieldTable,
  side: Side,
  path: (string | number)[],
): string {
  if (table.values.size === 0) return ONE;
  const whens = sortedKeys(table.values).map((value) => {
    const factor = table.values.get(value) as z.output<typeof factorSchema>;
    return `WHEN ${w.issues.text(value, [...path, value])} THEN ${w.issues.float(factor[side], [...path, value, side])}`;
  });
  return `(CASE ${expression} ${whens.join(" ")} ELSE ${ONE} END)`;
}

function listFactors(
  w: Writer,
  expression: string,
  countEmpty: boolean,
  table: CheckedFieldTable,
  side: Side,
  path: (string | number)[],
): string[] {
  return sortedKeys(table.values).map((value) => {
    const factor = (table.values.get(value) as z.output<typeof factorSchema>)[side];
    const present =
      value === "" && countEmpty
        ? `NOT EXISTS (SELECT 1 FROM unnest(${expression}) AS e(v) WHERE e.v <> '')`
        : `${w.issues.text(value, [...path, value])} = ANY(${expression})`;
    return `(CASE WHEN ${present} THEN ${w.issues.float(factor, [...path, value, side])} ELSE ${ONE} END)`;
  });
}

function tableSql(w: Writer, table: CheckedTable, path: (string | number)[]): string {
  const prior = table.prior;
  if (prior === null) return "CAST(NULL AS float8)";
  const { config, columns } = w;
  const product = (side: Side) => {
    const factors = [w.issues.float(prior[side], [...path, "prior", side])];
    const stage = table.fields.get(PREDICTIVE_STAGE_FIELD);
    if (stage !== undefined)
      factors.push(
        scalarFactor(w, `CAST((${columns.stage}) AS text)`, stage, side, [
          ...path,
          "fields",
          PREDICTIVE_STAGE_FIELD,
          "values",
        ]),
      );
    config.fields.forEach((field, i) => {
      const fieldTable = table.ordered[i];
      const expression = columns.fields[field.name] as string;
      if (fieldTable === undefined) return;
      const at = [...path, "ordered", i, "values"];
      if (field.multiple)
        factors.push(...listFactors(w, `(${expression})`, field.countEmpty, fieldTable, side, at));
      else
        factors.push(
          scalarFactor(
            w,
            field.countEmpty
              ? `COALESCE(CAST((${expression}) AS text), '')`
              : `CAST((${expression}) AS text)`,
            fieldTable,
            side,
            at,
          ),
        );
    });
    return factors.join(" * ");
  };
  // The same operations, in the same order, as predictProbability: equal doubles, equal cents.
  // PostgreSQL's round(float8) rounds halves to even, as roundCents does; DuckDB's round rounds them
  // away from zero, its round_even to even.
  const round = w.dialect === "duckdb" ? "round_even" : "round";
  const cents = `${round}(((100 * s.won) / NULLIF(s.won + s.lost, 0)) * 100${w.dialect === "duckdb" ? ", 0" : ""}) / 100`;
  return `(SELECT LEAST(GREATEST(${cents}, ${sqlFloat(0.01)}), ${sqlFloat(99.99)}) FROM (SELECT ${product("pWon")} AS won, ${product("pLost")} AS lost) AS s)`;
}

/**
 * Compiles a predictive model to one SQL expression, so open leads are scored inside the database
 * or warehouse where they live — the same probabilities as {@link predictProbability}, to the cent,
 * in PostgreSQL and in DuckDB.
 *
 * @remarks
 * The expression gives a `double precision` percentage: 100 for won rows (or rows in the won
 * stage), 0 for lost ones, NULL where {@link predictProbability} returns an issue (no or unknown
 * stage, no prior).
 *
 * The model is checked before anything is written: its configuration with
 * {@link predictiveConfigSchema}, its statistics with {@link predictiveStatsSchema} (the schemas
 * that made them), and its tables for strings and finite numbers. Field values in a model come from
 * lead data (anyone who fills in a form): each is written as a literal that reads the same under
 * every server setting, and one holding U+0000 or a lone surrogate is an `unstorable_text` issue at
 * its path (`["model", "stats", "cells", 4, "value"]`). Column expressions are your code, inserted
 * as written.
 *
 * @param model - A model from {@link buildPredictiveModel}.
 * @param options - Dialect and column expressions, see {@link PredictiveSqlOptions}.
 * @returns The SQL expression, or issues: the model's at paths starting with `model`, the options'
 *   at their names (`missing_column` for fields without an expression).
 * @example
 * ```ts
 * import { predictiveModelToSql } from "leadkit/scoring";
 *
 * declare const model: import("leadkit/scoring").PredictiveModel<import("leadkit").Lead>;
 * declare const db: { query(sql: string): Promise<unknown> };
 * const sql = predictiveModelToSql(model, { dialect: "postgres", columns: { team: "team", stage: "stage", fields: { country: "country" } } });
 * if (sql.ok) await db.query(`SELECT id, ${sql.value} AS probability FROM leads`);
 * ```
 * @category Scoring
 */
export function predictiveModelToSql<T>(
  model: PredictiveModel<T>,
  options: PredictiveSqlOptions,
): Result<string> {
  const issues = new SqlIssues();
  const checkedOptions = optionsSchema().safeParse(options);
  if (!checkedOptions.success) for (const i of fromZodIssues(checkedOptions.error.issues)) issues.add(i);
  const checked = modelSchema().safeParse(model);
  if (!checked.success) for (const i of fromZodIssues(checked.error.issues, ["model"])) issues.add(i);
  else {
    issues.checkStrings(checked.data.setup.config, ["model", "setup", "config"]);
    issues.checkStrings(checked.data.stats, ["model", "stats"]);
  }
  if (!checked.success || !checkedOptions.success || issues.any) return err(issues.list());
  const valid = checked.data;
  const config = valid.setup.config;
  const { columns } = options;
  for (const i of missingColumns(config, columns)) issues.add(i);
  if (issues.any) return err(issues.list());
  const w: Writer = { issues, config, columns, dialect: options.dialect };
  const stage = `CAST((${columns.stage}) AS text)`;
  const team = `NULLIF(CAST((${columns.team}) AS text), '')`;
  const branches: string[] = [];
  if (columns.outcome !== undefined)
    branches.push(
      `WHEN CAST((${columns.outcome}) AS text) = 'won' THEN ${sqlFloat(100)}`,
      `WHEN CAST((${columns.outcome}) AS text) = 'lost' THEN ${sqlFloat(0)}`,
    );
  const stagePath = ["model", "setup", "config", "stages"];
  branches.push(
    `WHEN ${stage} IS NULL OR ${stage} NOT IN (${config.stages.map((s, i) => issues.text(s.id, [...stagePath, i, "id"])).join(", ")}) THEN CAST(NULL AS float8)`,
    `WHEN ${stage} = ${issues.text(config.wonStage, ["model", "setup", "config", "wonStage"])} THEN ${sqlFloat(100)}`,
  );
  for (const name of sortedKeys(valid.teams))
    branches.push(
      `WHEN ${team} = ${issues.text(name, ["model", "teams", name])} THEN ${tableSql(w, valid.teams.get(name) as CheckedTable, ["model", "teams", name])}`,
    );
  const sql = `(CASE ${branches.join("\n  ")}\n  ELSE ${tableSql(w, valid.all, ["model", "all"])} END)`;
  return issues.any ? err(issues.list()) : ok(sql);
}
