import type { Duration } from "date-fns";
import { sub } from "date-fns/sub";
import * as z from "zod";
import {
  err,
  fromZodIssues,
  type Issue,
  issue,
  ok,
  type Result,
  SQL_DIALECTS,
  type SqlDialect,
  SqlIssues,
  sqlFloat,
  sqlTimestamp,
} from "../../internal/index.js";
import { safeParsePointsModel } from "../points/parse-points-model.js";
import type {
  LeadField,
  PointsCondition,
  PointsModel,
  PointsRule,
  ScoreDuration,
} from "../points/points-model.js";

/**
 * Where a points model's lead inputs are: SQL expressions over your leads table (trusted: pasted as
 * written, so write them in code, never from data). Only what the model's conditions use is
 * required; map each field to a column of the type the lead holds (text, number or boolean).
 *
 * @example
 * ```ts
 * import { DEFAULT_POINTS_MODEL, type PointsSqlColumns, pointsModelToSql } from "leadkit/scoring";
 *
 * // Where each field a rule reads lives in your leads table.
 * const columns: PointsSqlColumns = {
 *   leadId: "l.id", tags: "l.tags", personalEmail: "l.personal_email",
 *   fields: { interestLevel: "l.interest_level", "contact.company": "l.company", "contact.kind": "l.kind" },
 * };
 * const sql = pointsModelToSql(DEFAULT_POINTS_MODEL, { dialect: "postgres", now, columns });
 * if (!sql.ok) console.log(sql.issues.map((i) => i.message)); // e.g. a rule reads a field with no column
 * ```
 * @category Scoring
 */
export interface PointsSqlColumns {
  /** The lead's id, matched with the interactions' lead id. */
  readonly leadId: string;
  /** One expression per lead field the conditions use (numbers for `field_range`). */
  readonly fields: Readonly<Partial<Record<LeadField, string>>>;
  /** The lead's tags, a `text[]`; needed by `tag` conditions. */
  readonly tags?: string;
  /** A boolean: the contact's email is on a free-mail provider; needed by `personal_email`. */
  readonly personalEmail?: string;
  /** A boolean: the contact's email is on a disposable-mail service; needed by `disposable_email`. */
  readonly disposableEmail?: string;
  /** A boolean: the contact's name looks unpronounceable; needed by `unpronounceable_name`. */
  readonly unpronounceableName?: string;
}

/**
 * Where the interactions are: a table (or parenthesised subquery) and its columns.
 *
 * @example
 * ```ts
 * import { DEFAULT_POINTS_MODEL, type PointsSqlInteractions, pointsModelToSql } from "leadkit/scoring";
 *
 * declare const columns: import("leadkit/scoring").PointsSqlColumns;
 * // Interaction rules count rows of this table, one per interaction.
 * const interactions: PointsSqlInteractions = { from: "interactions", leadId: "lead_id", type: "type", at: "at" };
 * pointsModelToSql(DEFAULT_POINTS_MODEL, { dialect: "postgres", now, columns, interactions });
 * ```
 * @category Scoring
 */
export interface PointsSqlInteractions {
  /** Table name or parenthesised subquery. */
  readonly from: string;
  /** The interaction's lead id column. */
  readonly leadId: string;
  /** The interaction type (`email_click`, `custom:…`). */
  readonly type: string;
  /** When it happened (`timestamptz`). */
  readonly at: string;
  /** Its channel; needed by rules that filter channels. */
  readonly channel?: string;
  /** The page kind of a `page_view`; needed by rules that filter page kinds. */
  readonly pageKind?: string;
  /** The initiator kind (`user`, `contact`, `automation`); needed by rules that filter initiators. */
  readonly initiator?: string;
}

/**
 * Options for {@link pointsModelToSql}.
 *
 * @example
 * ```ts
 * import { DEFAULT_POINTS_MODEL, type PointsModelSqlOptions, pointsModelToSql } from "leadkit/scoring";
 *
 * declare const columns: import("leadkit/scoring").PointsSqlColumns;
 * declare const interactions: import("leadkit/scoring").PointsSqlInteractions;
 * const options: PointsModelSqlOptions = { dialect: "duckdb", now, columns, interactions };
 * const sql = pointsModelToSql(DEFAULT_POINTS_MODEL, options);
 * if (sql.ok) console.log(`SELECT l.id, ${sql.value} AS score FROM leads AS l`);
 * ```
 * @category Scoring
 */
export interface PointsModelSqlOptions {
  /** The SQL dialect: `"postgres"` or `"duckdb"` (the expression is the same for both). */
  readonly dialect: SqlDialect;
  /** The present: decay and time windows are computed from it (with date-fns, as in TypeScript). */
  readonly now: Date;
  /** Where the lead inputs are. */
  readonly columns: PointsSqlColumns;
  /** Where the interactions are; needed when a rule awards interactions. */
  readonly interactions?: PointsSqlInteractions;
}

const times = (d: ScoreDuration, k: number): Duration => ({
  ...(d.years === undefined ? {} : { years: d.years * k }),
  ...(d.months === undefined ? {} : { months: d.months * k }),
  ...(d.weeks === undefined ? {} : { weeks: d.weeks * k }),
  ...(d.days === undefined ? {} : { days: d.days * k }),
  ...(d.hours === undefined ? {} : { hours: d.hours * k }),
});

const expression = z.string().min(1, "Expected a SQL expression");
const optionsSchema = z.strictObject({
  dialect: z.enum(SQL_DIALECTS as [SqlDialect, ...SqlDialect[]]),
  now: z.date({ error: "Expected a valid Date" }),
  columns: z.strictObject({
    leadId: expression,
    fields: z.record(z.string(), expression),
    tags: expression.optional(),
    personalEmail: expression.optional(),
    disposableEmail: expression.optional(),
    unpronounceableName: expression.optional(),
  }),
  interactions: z
    .strictObject({
      from: expression,
      leadId: expression,
      type: expression,
      at: expression,
      channel: expression.optional(),
      pageKind: expression.optional(),
      initiator: expression.optional(),
    })
    .optional(),
});

interface Compiler {
  readonly issues: SqlIssues;
  readonly options: PointsModelSqlOptions;
  readonly now: Date;
}

/** An own property of a caller's record: never a prototype member named by a model's field. */
const own = <T>(record: Readonly<Record<string, T>>, key: string): T | undefined =>
  Object.hasOwn(record, key) ? record[key] : undefined;

function required(
  c: Compiler,
  expression: string | undefined,
  path: (string | number)[],
  what: string,
): string {
  if (expression !== undefined) return `(${expression})`;
  c.issues.add(
    issue("missing_column", path, `No SQL expression for ${what}; the model's conditions need one`),
  );
  return "NULL";
}

function fieldSql(c: Compiler, field: LeadField): string {
  return required(
    c,
    own(c.options.columns.fields, field),
    ["columns", "fields", field],
    `lead field "${field}"`,
  );
}

type Path = (string | number)[];

function equals(c: Compiler, left: string, value: string | number | boolean | null, path: Path): string {
  if (value === null) return `NULLIF(CAST(${left} AS text), '') IS NULL`;
  // As in TypeScript, an empty value reads as missing (null), so nothing ever equals "".
  if (value === "") return "FALSE";
  if (typeof value === "string") return `CAST(${left} AS text) = ${c.issues.text(value, path)}`;
  if (typeof value === "number") return `${left} = ${c.issues.float(value, path)}`;
  return `${left} = ${value ? "TRUE" : "FALSE"}`;
}

function conditionSql(c: Compiler, condition: PointsCondition, path: Path): string {
  switch (condition.kind) {
    case "field_equals":
      return equals(c, fieldSql(c, condition.field), condition.value, [...path, "value"]);
    case "field_in": {
      const field = fieldSql(c, condition.field);
      return condition.values.map((v, k) => `(${equals(c, field, v, [...path, "values", k])})`).join(" OR ");
    }
    case "field_range": {
      const field = fieldSql(c, condition.field);
      const parts = [
        ...(condition.min === undefined
          ? []
          : [`${field} >= ${c.issues.float(condition.min, [...path, "min"])}`]),
        ...(condition.max === undefined
          ? []
          : [`${field} < ${c.issues.float(condition.max, [...path, "max"])}`]),
      ];
      return parts.join(" AND ");
    }
    case "field_present":
      return `NULLIF(CAST(${fieldSql(c, condition.field)} AS text), '') IS NOT NULL`;
    case "tag":
      return `${c.issues.text(condition.tag, [...path, "tag"])} = ANY(${required(c, c.options.columns.tags, ["columns", "tags"], "tags")})`;
    case "personal_email":
      return required(c, c.options.columns.personalEmail, ["columns", "personalEmail"], "a personal email");
    case "disposable_email":
      return required(
        c,
        c.options.columns.disposableEmail,
        ["columns", "disposableEmail"],
        "a disposable email",
      );
    case "unpronounceable_name":
      return required(
        c,
        c.options.columns.unpronounceableName,
        ["columns", "unpronounceableName"],
        "an unpronounceable name",
      );
    case "human_confirmed":
      return `${fieldSql(c, "contact.humanConfirmed")} = TRUE`;
    case "bot":
      return `CAST(${fieldSql(c, "contact.kind")} AS text) = 'bot'`;
  }
}

function leadTestSql(c: Compiler, rule: PointsRule, r: number): string {
  // COALESCE: a NULL (missing value) is "false", as in TypeScript, also under NOT.
  const all = (rule.when ?? []).map(
    (x, k) => `COALESCE((${conditionSql(c, x, ["model", "rules", r, "when", k])}), FALSE)`,
  );
  const none = (rule.unless ?? []).map(
    (x, k) => `NOT COALESCE((${conditionSql(c, x, ["model", "rules", r, "unless", k])}), FALSE)`,
  );
  const parts = [...all, ...none];
  return parts.length === 0 ? "TRUE" : parts.join(" AND ");
}

function decayFactorSql(model: PointsModel, at: string, now: Date): string {
  const decay = model.decay;
  if (decay === undefined) return sqlFloat(1);
  if (decay.kind === "window")
    return `CASE WHEN ${at} >= ${sqlTimestamp(sub(now, times(decay.within, 1)).getTime())} THEN ${sqlFloat(1)} ELSE ${sqlFloat(0)} END`;
  // The schema keeps percent ≥ 1, so there are at most 100 cut-offs: the statement's size does not
  // grow with 1 / percent beyond that.
  const steps = Math.ceil(100 / decay.percent);
  const whens = Array.from({ length: steps }, (_, k) => {
    const cutoff = sub(now, times(decay.every, k + 1)).getTime();
    return `WHEN ${at} > ${sqlTimestamp(cutoff)} THEN ${sqlFloat(Math.max(0, 1 - (decay.percent * k) / 100))}`;
  });
  return `CASE ${whens.join(" ")} ELSE ${sqlFloat(Math.max(0, 1 - (decay.percent * steps) / 100))} END`;
}

function clampSql(expression: string, min: number, max: number): string {
  let out = expression;
  if (Number.isFinite(min)) out = `GREATEST(${out}, ${sqlFloat(min)})`;
  if (Number.isFinite(max)) out = `LEAST(${out}, ${sqlFloat(max)})`;
  return out;
}

function inList(c: Compiler, values: readonly string[], path: Path): string {
  return values.map((v, k) => c.issues.text(v, [...path, k])).join(", ");
}

function ruleSql(c: Compiler, model: PointsModel, rule: PointsRule, r: number): string {
  const test = leadTestSql(c, rule, r);
  const cap = rule.cap ?? Number.POSITIVE_INFINITY;
  const match = rule.interaction;
  if (match === undefined)
    return `(CASE WHEN ${test} THEN ${clampSql(sqlFloat(rule.points), -cap, cap)} ELSE ${sqlFloat(0)} END)`;
  const table = c.options.interactions;
  if (table === undefined) {
    c.issues.add(
      issue(
        "missing_interactions",
        ["interactions"],
        `Rule ${JSON.stringify(rule.id)} awards interactions; expected the interactions table`,
      ),
    );
    return sqlFloat(0);
  }
  const i = `i${r}`;
  const col = (expression: string | undefined, name: keyof PointsSqlInteractions, what: string) =>
    `${i}.${required(c, expression, ["interactions", name], what).slice(1, -1)}`;
  const at = col(table.at, "at", "the interaction time");
  const path = ["model", "rules", r, "interaction"];
  const filters = [
    `${col(table.leadId, "leadId", "the interaction's lead id")} = ${required(c, c.options.columns.leadId, ["columns", "leadId"], "the lead id")}`,
    `CAST(${col(table.type, "type", "the interaction type")} AS text) IN (${inList(c, match.types, [...path, "types"])})`,
    `${at} <= ${sqlTimestamp(c.now.getTime())}`,
  ];
  if (match.within !== undefined)
    filters.push(`${at} >= ${sqlTimestamp(sub(c.now, times(match.within, 1)).getTime())}`);
  if (match.pageKinds !== undefined)
    filters.push(
      `(CAST(${col(table.type, "type", "the interaction type")} AS text) <> 'page_view' OR COALESCE(CAST(${col(table.pageKind, "pageKind", "the page kind")} AS text) IN (${inList(c, match.pageKinds, [...path, "pageKinds"])}), FALSE))`,
    );
  if (match.channels !== undefined)
    filters.push(
      `COALESCE(CAST(${col(table.channel, "channel", "the channel")} AS text) IN (${inList(c, match.channels, [...path, "channels"])}), FALSE)`,
    );
  if (match.initiators !== undefined)
    filters.push(
      `COALESCE(CAST(${col(table.initiator, "initiator", "the initiator")} AS text) IN (${inList(c, match.initiators, [...path, "initiators"])}), FALSE)`,
    );
  const decays =
    model.decay !== undefined &&
    (model.decay.groups === undefined || model.decay.groups.includes(rule.group));
  const factor = decays ? decayFactorSql(model, at, c.now) : sqlFloat(1);
  const amount = rule.repeatable === true ? "sum(x.f)" : `GREATEST(max(x.f), ${sqlFloat(0)})`;
  return `(CASE WHEN ${test} THEN COALESCE((SELECT ${clampSql(`${sqlFloat(rule.points)} * ${amount}`, -cap, cap)} FROM (SELECT ${factor} AS f FROM ${table.from} AS ${i} WHERE ${filters.join(" AND ")}) AS x HAVING count(*) > 0), ${sqlFloat(0)}) ELSE ${sqlFloat(0)} END)`;
}

/**
 * Compiles a points model to one SQL expression giving each lead's total score (0–100), so
 * scoring runs inside the database where the leads and their interactions are — the same totals as
 * the TypeScript scorer (`compilePointsModel(model).score(lead, now).value`), in PostgreSQL and in
 * DuckDB.
 *
 * @remarks
 * The model is validated first with the schema {@link compilePointsModel} uses
 * ({@link pointsModelSchema}), and the options with theirs: invalid input gives issues, never SQL.
 * Every value from the model is written as a literal that reads the same under every server setting
 * (`E'…'` strings with backslashes and quotes escaped; numbers only from validated finite numbers);
 * a string holding U+0000 or a lone surrogate, which SQL text cannot store, is an `unstorable_text`
 * issue at its path. Column expressions and the interactions table are your code, pasted as written:
 * never build them from data.
 *
 * Lead conditions read the column expressions you give; interaction rules read an interactions
 * table with correlated subqueries. Decay cut-offs and time windows are computed from `now` in
 * TypeScript (date-fns, as the scorer does) and written into the SQL as timestamps, so the query is
 * for that `now`. Name heuristics (`unpronounceable_name`), free-mail detection (`personal_email`)
 * and disposable-mail detection (`disposable_email`) are not re-implemented in SQL: give a boolean
 * column for each (compute it on write with `looksUnpronounceable`, `isPersonalEmail` and
 * `isDisposableEmail`).
 *
 * @param model - A points model (validated here, as data).
 * @param options - Dialect, `now`, columns and interactions, see {@link PointsModelSqlOptions}.
 * @returns The SQL expression (`double precision`), or issues: the model's at paths starting with
 *   `model` (schema codes, `unstorable_text`), the options' at their names (`invalid_type`,
 *   `missing_column` for every column the model needs and is not given, `missing_interactions`).
 * @example
 * ```ts
 * import { DEFAULT_POINTS_MODEL, pointsModelToSql } from "leadkit/scoring";
 *
 * declare const columns: import("leadkit/scoring").PointsSqlColumns;
 * declare const interactions: import("leadkit/scoring").PointsSqlInteractions;
 * declare const db: { query(sql: string): Promise<unknown> };
 * const sql = pointsModelToSql(DEFAULT_POINTS_MODEL, { dialect: "postgres", now: new Date(), columns, interactions });
 * if (sql.ok) await db.query(`SELECT l.id, ${sql.value} AS score FROM leads AS l`);
 * ```
 * @category Scoring
 */
export function pointsModelToSql(model: PointsModel, options: PointsModelSqlOptions): Result<string> {
  const issues = new SqlIssues();
  const parsed = safeParsePointsModel(model);
  if (!parsed.ok) for (const i of fromZodLike(parsed.issues, "model")) issues.add(i);
  else issues.checkStrings(parsed.value, ["model"]);
  const checked = optionsSchema.safeParse(options);
  if (!checked.success) for (const i of fromZodIssues(checked.error.issues)) issues.add(i);
  if (issues.any || !parsed.ok) return err(issues.list());
  const valid = parsed.value;
  const c: Compiler = { issues, options, now: options.now };
  const sums = valid.groups.map((g) => {
    const rules = valid.rules.flatMap((rule, r) => (rule.group === g.id ? [ruleSql(c, valid, rule, r)] : []));
    const sum = rules.length === 0 ? sqlFloat(0) : rules.join("\n    + ");
    return clampSql(`(${sum})`, g.min ?? Number.NEGATIVE_INFINITY, g.max ?? Number.POSITIVE_INFINITY);
  });
  if (issues.any) return err(unique(issues.list()));
  return ok(`LEAST(GREATEST(${sqlFloat(0)} + ${sums.join("\n  + ")}, ${sqlFloat(0)}), ${sqlFloat(100)})`);
}

const fromZodLike = (list: readonly Issue[], prefix: string): Issue[] =>
  list.map((i) => ({ ...i, path: [prefix, ...i.path] }));

/** One issue per path: a column many conditions need is reported once. */
function unique(list: readonly Issue[]): Issue[] {
  const seen = new Set<string>();
  return list.filter((i) => {
    const key = JSON.stringify(i.path);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
