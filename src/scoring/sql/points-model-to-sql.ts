import type { Duration } from "date-fns";
import { sub } from "date-fns/sub";
import { err, type Issue, issue, ok, type Result } from "../../internal/index.js";
import type { LeadField, PointsCondition, PointsModel, PointsRule, ScoreDuration } from "../points-model.js";
import type { SqlDialect } from "./predictive-model-to-sql.js";
import { sqlFloat, sqlText } from "./sql-text.js";

/**
 * Where a points model's lead inputs are: SQL expressions over your leads table (trusted: pasted as
 * written). Only what the model's conditions use is required.
 *
 * @example
 * ```ts
 * const columns: PointsSqlColumns = {
 *   leadId: "l.id", tags: "l.tags", personalEmail: "l.personal_email",
 *   fields: { interestLevel: "l.interest_level", "contact.company": "l.company", "contact.kind": "l.kind" },
 * };
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
  /** A boolean: the contact's name looks unpronounceable; needed by `unpronounceable_name`. */
  readonly unpronounceableName?: string;
}

/**
 * Where the interactions are: a table (or parenthesised subquery) and its columns.
 *
 * @example
 * ```ts
 * const interactions: PointsSqlInteractions = { from: "interactions", leadId: "lead_id", type: "type", at: "at" };
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
 * const options: PointsModelSqlOptions = { dialect: "postgres", now: new Date(), columns, interactions };
 * ```
 * @category Scoring
 */
export interface PointsModelSqlOptions {
  /** The SQL dialect; only `"postgres"` today. */
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
const timestamp = (ms: number) => `timestamptz ${sqlText(new Date(ms).toISOString())}`;
const scalar = (v: string | number | boolean | null): string =>
  typeof v === "string" ? sqlText(v) : typeof v === "number" ? sqlFloat(v) : String(v).toUpperCase();

interface Compiler {
  readonly issues: Issue[];
  readonly options: PointsModelSqlOptions;
}

function required(
  c: Compiler,
  expression: string | undefined,
  path: (string | number)[],
  what: string,
): string {
  if (expression !== undefined) return `(${expression})`;
  c.issues.push(
    issue("missing_column", path, `No SQL expression for ${what}; the model's conditions need one`),
  );
  return "NULL";
}

function fieldSql(c: Compiler, field: LeadField): string {
  return required(c, c.options.columns.fields[field], ["columns", "fields", field], `lead field "${field}"`);
}

function equals(left: string, value: string | number | boolean | null): string {
  if (value === null) return `NULLIF(${left}::text, '') IS NULL`;
  return typeof value === "string" ? `${left}::text = ${scalar(value)}` : `${left} = ${scalar(value)}`;
}

function conditionSql(c: Compiler, condition: PointsCondition): string {
  switch (condition.kind) {
    case "field_equals":
      return equals(fieldSql(c, condition.field), condition.value);
    case "field_in": {
      const field = fieldSql(c, condition.field);
      return condition.values.map((v) => `(${equals(field, v)})`).join(" OR ");
    }
    case "field_range": {
      const field = fieldSql(c, condition.field);
      const parts = [
        ...(condition.min === undefined ? [] : [`${field} >= ${sqlFloat(condition.min)}`]),
        ...(condition.max === undefined ? [] : [`${field} < ${sqlFloat(condition.max)}`]),
      ];
      return parts.join(" AND ");
    }
    case "field_present":
      return `NULLIF(${fieldSql(c, condition.field)}::text, '') IS NOT NULL`;
    case "tag":
      return `${sqlText(condition.tag)} = ANY(${required(c, c.options.columns.tags, ["columns", "tags"], "tags")})`;
    case "personal_email":
      return required(c, c.options.columns.personalEmail, ["columns", "personalEmail"], "a personal email");
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
      return `${fieldSql(c, "contact.kind")}::text = 'bot'`;
  }
}

function leadTestSql(c: Compiler, rule: PointsRule): string {
  // COALESCE: a NULL (missing value) is "false", as in TypeScript, also under NOT.
  const all = (rule.when ?? []).map((x) => `COALESCE((${conditionSql(c, x)}), FALSE)`);
  const none = (rule.unless ?? []).map((x) => `NOT COALESCE((${conditionSql(c, x)}), FALSE)`);
  const parts = [...all, ...none];
  return parts.length === 0 ? "TRUE" : parts.join(" AND ");
}

function decayFactorSql(model: PointsModel, at: string, now: Date): string {
  const decay = model.decay;
  if (decay === undefined) return sqlFloat(1);
  if (decay.kind === "window")
    return `CASE WHEN ${at} >= ${timestamp(sub(now, times(decay.within, 1)).getTime())} THEN ${sqlFloat(1)} ELSE ${sqlFloat(0)} END`;
  const steps = Math.ceil(100 / decay.percent);
  const whens = Array.from({ length: steps }, (_, k) => {
    const cutoff = sub(now, times(decay.every, k + 1)).getTime();
    return `WHEN ${at} > ${timestamp(cutoff)} THEN ${sqlFloat(Math.max(0, 1 - (decay.percent * k) / 100))}`;
  });
  return `CASE ${whens.join(" ")} ELSE ${sqlFloat(Math.max(0, 1 - (decay.percent * steps) / 100))} END`;
}

function clampSql(expression: string, min: number, max: number): string {
  let out = expression;
  if (Number.isFinite(min)) out = `GREATEST(${out}, ${sqlFloat(min)})`;
  if (Number.isFinite(max)) out = `LEAST(${out}, ${sqlFloat(max)})`;
  return out;
}

function ruleSql(c: Compiler, model: PointsModel, rule: PointsRule, r: number): string {
  const test = leadTestSql(c, rule);
  const cap = rule.cap ?? Number.POSITIVE_INFINITY;
  const match = rule.interaction;
  if (match === undefined)
    return `(CASE WHEN ${test} THEN ${clampSql(sqlFloat(rule.points), -cap, cap)} ELSE ${sqlFloat(0)} END)`;
  const table = c.options.interactions;
  if (table === undefined) {
    c.issues.push(
      issue(
        "missing_interactions",
        ["interactions"],
        `Rule "${rule.id}" awards interactions; expected the interactions table`,
      ),
    );
    return sqlFloat(0);
  }
  const i = `i${r}`;
  const col = (expression: string | undefined, name: keyof PointsSqlInteractions, what: string) =>
    `${i}.${required(c, expression, ["interactions", name], what).slice(1, -1)}`;
  const at = col(table.at, "at", "the interaction time");
  const filters = [
    `${col(table.leadId, "leadId", "the interaction's lead id")} = ${required(c, c.options.columns.leadId, ["columns", "leadId"], "the lead id")}`,
    `${col(table.type, "type", "the interaction type")}::text IN (${match.types.map(sqlText).join(", ")})`,
    `${at} <= ${timestamp(c.options.now.getTime())}`,
  ];
  if (match.within !== undefined)
    filters.push(`${at} >= ${timestamp(sub(c.options.now, times(match.within, 1)).getTime())}`);
  if (match.pageKinds !== undefined)
    filters.push(
      `(${col(table.type, "type", "the interaction type")}::text <> 'page_view' OR COALESCE(${col(table.pageKind, "pageKind", "the page kind")}::text IN (${match.pageKinds.map(sqlText).join(", ")}), FALSE))`,
    );
  if (match.channels !== undefined)
    filters.push(
      `COALESCE(${col(table.channel, "channel", "the channel")}::text IN (${match.channels.map(sqlText).join(", ")}), FALSE)`,
    );
  if (match.initiators !== undefined)
    filters.push(
      `COALESCE(${col(table.initiator, "initiator", "the initiator")}::text IN (${match.initiators.map(sqlText).join(", ")}), FALSE)`,
    );
  const decays =
    model.decay !== undefined &&
    (model.decay.groups === undefined || model.decay.groups.includes(rule.group));
  const factor = decays ? decayFactorSql(model, at, c.options.now) : sqlFloat(1);
  const amount = rule.repeatable === true ? "sum(x.f)" : `GREATEST(max(x.f), ${sqlFloat(0)})`;
  return `(CASE WHEN ${test} THEN COALESCE((SELECT ${clampSql(`${sqlFloat(rule.points)} * ${amount}`, -cap, cap)} FROM (SELECT ${factor} AS f FROM ${table.from} AS ${i} WHERE ${filters.join(" AND ")}) AS x HAVING count(*) > 0), ${sqlFloat(0)}) ELSE ${sqlFloat(0)} END)`;
}

/**
 * Compiles a points model to one PostgreSQL expression giving each lead's total score (0–100), so
 * scoring runs inside the database where the leads and their interactions are — the same totals as
 * the TypeScript scorer (`compilePointsModel(model).score(lead, now).value`).
 *
 * @remarks
 * Lead conditions read the column expressions you give; interaction rules read an interactions
 * table with correlated subqueries. Decay cut-offs and time windows are computed from `now` in
 * TypeScript (date-fns, as the scorer does) and written into the SQL as timestamps, so the query is
 * for that `now`. Name heuristics (`unpronounceable_name`) and free-mail detection
 * (`personal_email`) are not re-implemented in SQL: give a boolean column for each (compute it on
 * write with `looksUnpronounceable` and `isPersonalEmail`).
 *
 * @param model - A validated points model.
 * @param options - Dialect, `now`, columns and interactions, see {@link PointsModelSqlOptions}.
 * @returns The SQL expression (`double precision`), or issues naming every missing column.
 * @example
 * ```ts
 * const sql = pointsModelToSql(DEFAULT_POINTS_MODEL, { dialect: "postgres", now: new Date(), columns, interactions });
 * if (sql.ok) await db.query(`SELECT l.id, ${sql.value} AS score FROM leads AS l`);
 * ```
 * @category Scoring
 */
export function pointsModelToSql(model: PointsModel, options: PointsModelSqlOptions): Result<string> {
  const c: Compiler = { issues: [], options };
  const sums = model.groups.map((g) => {
    const rules = model.rules.flatMap((rule, r) => (rule.group === g.id ? [ruleSql(c, model, rule, r)] : []));
    const sum = rules.length === 0 ? sqlFloat(0) : rules.join("\n    + ");
    return clampSql(`(${sum})`, g.min ?? Number.NEGATIVE_INFINITY, g.max ?? Number.POSITIVE_INFINITY);
  });
  if (c.issues.length > 0) {
    const seen = new Set<string>();
    return err(c.issues.filter((i) => !seen.has(i.path.join(".")) && seen.add(i.path.join("."))));
  }
  return ok(`LEAST(GREATEST(${sqlFloat(0)} + ${sums.join("\n  + ")}, ${sqlFloat(0)}), ${sqlFloat(100)})`);
}
