// Internal: the one place where leadkit's SQL compilers turn values into SQL text. Every string
// literal, number, timestamp and identifier they emit is written here, so the rules that keep a
// statement's structure independent of data live in one file.
import { describeValue } from "./describe-value.js";
import { LeadKitError } from "./error.js";
import { INPUT_LIMITS } from "./limits.js";
import { tooManyIssues } from "./parse.js";
import { type Issue, issue } from "./result.js";

/**
 * The SQL dialects leadkit compiles to: PostgreSQL (12 or later, and engines that speak its
 * dialect) and DuckDB.
 *
 * @example
 * ```ts
 * import { funnelToSql } from "leadkit/metrics";
 * import { type SqlDialect } from "leadkit";
 *
 * const dialect: SqlDialect = "duckdb";
 * const query = funnelToSql({ dialect, period: "month" });
 * if (query.ok) console.log(query.value);
 * ```
 * @category Results
 */
export type SqlDialect = "postgres" | "duckdb";

/** The dialects, for validation. */
export const SQL_DIALECTS: readonly SqlDialect[] = ["postgres", "duckdb"];

// U+0000, or a UTF-16 surrogate that is not half of a pair: neither can be stored in PostgreSQL
// text (nor encoded as UTF-8). Written without the `u` flag so it looks at code units, in one pass.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding U+0000 is the point.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why a string cannot be a SQL text value, or `null` when it can.
 *
 * @param value - The string.
 * @returns A phrase for an issue message ("contains U+0000"), or `null`.
 */
export function unstorableText(value: string): string | null {
  const match = UNSTORABLE.exec(value);
  if (match === null) return null;
  const unit = match[0].charCodeAt(0);
  return unit === 0
    ? `contains U+0000 at index ${match.index}`
    : `contains a lone surrogate (U+${unit.toString(16).toUpperCase()}) at index ${match.index}`;
}

/**
 * A string literal that reads back as exactly `value` under every setting: an escape string
 * (`E'…'`), with backslashes and single quotes doubled, is read the same way whether
 * `standard_conforming_strings` is on or off, in PostgreSQL and in DuckDB.
 *
 * @param value - A string without U+0000 or lone surrogates (check with {@link unstorableText}).
 * @returns The literal.
 * @throws LeadKitError `invariant` for a string that cannot be stored: callers check first.
 */
export function sqlText(value: string): string {
  if (typeof value !== "string" || unstorableText(value) !== null)
    throw new LeadKitError("invariant", "sqlText was given a value that is not storable text");
  return `E'${value.replaceAll("\\", "\\\\").replaceAll("'", "''")}'`;
}

/**
 * A float8 literal that parses back to exactly this double. Its text is `String(value)` of a
 * finite number: digits, `.`, `e`, `+` and `-` only.
 *
 * @param value - A finite number.
 * @returns The literal.
 * @throws LeadKitError `invariant` for a value that is not a finite number.
 */
export function sqlFloat(value: number): string {
  if (typeof value !== "number" || !Number.isFinite(value))
    throw new LeadKitError("invariant", `sqlFloat was given ${String(value)}; expected a finite number`);
  return `CAST('${String(value)}' AS float8)`;
}

/**
 * A timestamptz literal for an instant, in ISO 8601 UTC (`2026-03-01T09:00:00.000Z`). Instants
 * before year 1 are written `-infinity` and after year 9999 `infinity`: both engines read those,
 * and a cut-off that far out compares the same with every date they can store in those years.
 *
 * @param ms - Epoch milliseconds of a valid date.
 * @returns The literal.
 * @throws LeadKitError `invariant` for NaN.
 */
export function sqlTimestamp(ms: number): string {
  if (typeof ms !== "number" || Number.isNaN(ms))
    throw new LeadKitError("invariant", `sqlTimestamp was given ${String(ms)}; expected a date`);
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  const text = Number.isNaN(year)
    ? ms > 0
      ? "infinity"
      : "-infinity"
    : year < 1
      ? "-infinity"
      : year > 9999
        ? "infinity"
        : date.toISOString();
  return `CAST('${text}' AS timestamptz)`;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/**
 * Checks a table name given as `name` or `schema.name` (letters, digits and `_`, at most 63
 * characters each) and quotes each part.
 *
 * @param name - The name.
 * @returns The quoted name (`"schema"."name"`), or `null` when it is not such a name.
 */
export function quoteTableName(name: string): string | null {
  if (typeof name !== "string") return null;
  const parts = name.split(".");
  if (parts.length > 2 || !parts.every((p) => IDENTIFIER.test(p))) return null;
  return parts.map((p) => `"${p}"`).join(".");
}

/**
 * Collects the issues of one compilation, at most {@link INPUT_LIMITS.issues} of them, and writes the
 * literals of values that come from data: each is checked (type, storable text, finite number) and
 * an unfit one becomes an issue at its path instead of SQL.
 */
export class SqlIssues {
  readonly #issues: Issue[] = [];
  #dropped = 0;

  /** Records a problem. */
  add(problem: Issue): void {
    if (this.#issues.length < INPUT_LIMITS.issues) this.#issues.push(problem);
    else this.#dropped++;
  }

  /** Whether anything was recorded. */
  get any(): boolean {
    return this.#issues.length > 0;
  }

  /** The issues, with a last `too_many_issues` when some were left out. */
  list(): Issue[] {
    return this.#dropped === 0 ? [...this.#issues] : [...this.#issues, tooManyIssues(this.#dropped)];
  }

  /** A text literal for a value from data, or `NULL` after recording why it cannot be one. */
  text(value: unknown, path: readonly (string | number)[]): string {
    if (typeof value !== "string") {
      this.add(issue("invalid_type", path, `Expected a string, got ${describeValue(value)}`));
      return "NULL";
    }
    const why = unstorableText(value);
    if (why !== null) {
      this.add(
        issue(
          "unstorable_text",
          path,
          `The text ${why}; SQL text cannot hold it: expected text without U+0000 or lone surrogates`,
        ),
      );
      return "NULL";
    }
    return sqlText(value);
  }

  /** A float literal for a number from data, or `NULL` after recording why it cannot be one. */
  float(value: unknown, path: readonly (string | number)[]): string {
    if (typeof value !== "number" || !Number.isFinite(value)) {
      this.add(issue("invalid_number", path, `Expected a finite number, got ${describeValue(value)}`));
      return "NULL";
    }
    return sqlFloat(value);
  }

  /** Records every string inside a JSON-like value (objects, arrays) that SQL text cannot hold. */
  checkStrings(value: unknown, path: readonly (string | number)[]): void {
    const stack: [unknown, readonly (string | number)[]][] = [[value, path]];
    while (stack.length > 0) {
      const [v, p] = stack.pop() as [unknown, readonly (string | number)[]];
      if (typeof v === "string") {
        if (unstorableText(v) !== null) this.text(v, p);
      } else if (Array.isArray(v)) {
        for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], [...p, i]]);
      } else if (typeof v === "object" && v !== null && !(v instanceof Date)) {
        for (const key of Object.keys(v).reverse()) {
          if (unstorableText(key) !== null) this.text(key, p);
          stack.push([(v as Record<string, unknown>)[key], [...p, key]]);
        }
      }
    }
  }
}
