// Internal: number formatting shared by the table and SVG renderers.
import { LeadKitError, quoteValue } from "../internal/index.js";

/**
 * The renderers' `locale` option (default `"en-US"`), checked: Intl would throw a bare RangeError
 * for a tag that is not BCP 47.
 */
export function checkLocale(locale: unknown): string {
  if (locale === undefined) return "en-US";
  if (typeof locale === "string") {
    try {
      if (Intl.getCanonicalLocales(locale).length === 1) return locale;
    } catch {
      // Reported below.
    }
  }
  throw new LeadKitError(
    "invalid_input",
    `options.locale ${quoteValue(locale)} is not a valid BCP 47 tag; expected a language tag such as "en-US" or "es-ES"`,
  );
}

/** The tables' `format` option (default `"markdown"`), checked. */
export function checkTableFormat(format: unknown): "markdown" | "text" {
  if (format === undefined) return "markdown";
  if (format === "markdown" || format === "text") return format;
  throw new LeadKitError(
    "invalid_input",
    `options.format is ${quoteValue(format)}; expected "markdown" or "text"`,
  );
}

/** A number with at most one decimal, in the locale's digits and decimal sign, without grouping. */
function oneDecimal(n: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1, useGrouping: false }).format(n);
}

/** A rate as a percentage with at most one decimal (`"8 %"`, `"12.5 %"`, `"12,5 %"` in Spanish), or `"—"` for null. */
export function formatPercent(rate: number | null, locale = "en-US"): string {
  if (rate === null) return "—";
  return `${oneDecimal(rate * 100, locale)} %`;
}

/** An amount of money, without cents when whole ("€50", as in docs/metrics.md), or `"—"` for null. */
export function formatMoney(amount: number | null, currency: string, locale: string): string {
  if (amount === null) return "—";
  const digits = Number.isInteger(amount) ? 0 : 2;
  const options: Intl.NumberFormatOptions = {
    style: "currency",
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  };
  return new Intl.NumberFormat(locale, options).format(amount);
}

/** A count with thousands separators; credit split over touches (a fraction of a lead) with at most two decimals. */
export function formatCount(n: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(n);
}

/** A duration in days with one decimal, or `"—"`. */
export function formatDays(days: number | null, locale = "en-US"): string {
  return days === null ? "—" : `${oneDecimal(days, locale)} d`;
}

/** A duration given in days, in the largest unit that keeps it readable (`45 min`, `3.5 h`, `2.1 d`), or `"—"`. */
export function formatDuration(days: number | null, locale = "en-US"): string {
  if (days === null) return "—";
  const minutes = days * 1440;
  if (minutes < 60) return `${Math.round(minutes)} min`;
  if (minutes < 1440) return `${oneDecimal(minutes / 60, locale)} h`;
  return formatDays(days, locale);
}

/**
 * A cell's text as Markdown that renders as exactly that text inside a table row: a backslash before
 * each character Markdown gives a meaning inside a line (`|` would end the cell, `*`, `_` or `~`
 * start emphasis, `` ` `` code, `[` a link, `<` HTML, `&` an entity, a pair of `$` math), and line
 * breaks and other control characters as spaces, since a table row is one line.
 */
export function escapeMarkdownCell(text: string): string {
  const escaped = text.replace(CONTROL, " ").replace(/[\\`*_[\]<>|~&]/g, (c) => `\\${c}`);
  // One `$` (a price) is plain text; two could open and close math where renderers support it.
  return escaped.indexOf("$") === escaped.lastIndexOf("$") ? escaped : escaped.replaceAll("$", "\\$");
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is replaced.
const CONTROL = /[\u0000-\u001f\u007f\u2028\u2029]/g;

/** Lays out rows as a Markdown table (cells escaped) or as aligned plain text (control characters as spaces). */
export function layoutTable(
  headerText: readonly string[],
  rowsText: readonly (readonly string[])[],
  format: "markdown" | "text",
  numeric: readonly boolean[],
): string {
  const clean = format === "markdown" ? escapeMarkdownCell : (text: string) => text.replace(CONTROL, " ");
  const header = headerText.map(clean);
  const rows = rowsText.map((r) => r.map(clean));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const cell = (text: string, i: number) =>
    numeric[i] === true ? text.padStart(widths[i] ?? 0) : text.padEnd(widths[i] ?? 0);
  if (format === "markdown") {
    const line = (cells: readonly string[]) => `| ${cells.map(cell).join(" | ")} |`;
    const rule = `|${widths.map((w, i) => (numeric[i] === true ? `${"-".repeat(w + 1)}:` : "-".repeat(w + 2))).join("|")}|`;
    return [line(header), rule, ...rows.map(line)].join("\n");
  }
  const line = (cells: readonly string[]) => cells.map(cell).join("  ").trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}
