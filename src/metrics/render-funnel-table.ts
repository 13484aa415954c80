import { describeValue, LeadKitError, quoteValue } from "../internal/index.js";
import { checkLocale, checkTableFormat, formatCount, formatPercent, layoutTable } from "./format.js";
import { FUNNEL_DIMENSIONS, type FunnelDimension } from "./funnel-aggregate.js";
import { type RenderLabels, resolveLabels } from "./render-labels.js";
import type { FunnelSegmentSummary, FunnelSummary } from "./summarize-funnel.js";

/**
 * Options for {@link renderFunnelTable}.
 *
 * @example
 * ```ts
 * import { computeFunnel, type RenderFunnelTableOptions, renderFunnelTable } from "leadkit/metrics";
 *
 * // The funnel of active leads only, as plain text for a log or an email, with a Spanish column word.
 * const options: RenderFunnelTableOptions = { format: "text", segment: { dimension: "origin", key: "active" }, labels: { stage: "Etapa" } };
 * console.log(renderFunnelTable(computeFunnel(leads), options));
 * ```
 * @category Metrics
 */
export interface RenderFunnelTableOptions {
  /** Markdown (default) or aligned plain text for terminals. */
  readonly format?: "markdown" | "text";
  /** Render one segment instead of the total. */
  readonly segment?: { readonly dimension: FunnelDimension; readonly key: string };
  /** Locale for numbers (default `"en-US"`). */
  readonly locale?: string;
  /** Words to draw instead of the English ones: stage names and headers (see {@link RENDER_LABELS}). */
  readonly labels?: RenderLabels;
}

/**
 * Renders the funnel's stages as a table: leads reached, conversion from the previous stage and
 * from the start, and drop-off.
 *
 * @param summary - A funnel summary.
 * @param options - Format, segment, locale and labels.
 * @returns The table, lines joined by `\n`.
 * @throws LeadKitError `invalid_input` when the segment option is not `{ dimension, key }` with a
 *   known dimension and a string key, or names a segment not in the summary; when the format is not
 *   `"markdown"` or `"text"`; when the locale is not a BCP 47 tag; or for a label that is not one of
 *   {@link RENDER_LABELS}' keys or not a string.
 * @example
 * ```ts
 * import { renderFunnelTable } from "leadkit/metrics";
 *
 * declare const summary: import("leadkit/metrics").FunnelSummary;
 * console.log(renderFunnelTable(summary, { format: "text" }));
 * ```
 * @category Metrics
 */
export function renderFunnelTable(summary: FunnelSummary, options: RenderFunnelTableOptions = {}): string {
  const segment = pickSegment(summary, options.segment);
  const locale = checkLocale(options.locale);
  const format = checkTableFormat(options.format);
  const words = resolveLabels(options.labels);
  const rows = segment.stages.map((s) => [
    words[s.stage],
    formatCount(s.reached, locale),
    formatPercent(s.conversionFromPrevious, locale),
    formatPercent(s.conversionFromStart, locale),
    formatCount(s.dropOff, locale),
  ]);
  return layoutTable(
    [words.stage, words.reached, words.fromPrevious, words.fromStart, words.dropOff],
    rows,
    format,
    [false, true, true, true, true],
  );
}

/** The total, or the named segment; throws when it is missing. */
export function pickSegment(
  summary: FunnelSummary,
  wanted: { readonly dimension: FunnelDimension; readonly key: string } | undefined,
): FunnelSegmentSummary {
  if (wanted === undefined) return summary.total;
  checkSegmentOption(wanted, "segment");
  const segments = Object.hasOwn(summary.segments, wanted.dimension)
    ? summary.segments[wanted.dimension]
    : undefined;
  const found = segments?.find((s) => s.key === wanted.key);
  if (found === undefined) {
    throw new LeadKitError(
      "invalid_input",
      `The summary has no segment ${quoteValue(wanted.key)} in dimension "${wanted.dimension}"`,
    );
  }
  return found;
}

/**
 * Checks a `segment` or `within` option: an object with a known `dimension` and a string `key`,
 * both own properties (a `__proto__` dimension from JSON is unknown, not a prototype).
 */
export function checkSegmentOption(
  wanted: unknown,
  name: "segment" | "within",
): asserts wanted is { readonly dimension: FunnelDimension; readonly key: string } {
  const expected = `expected { dimension, key } with dimension one of ${FUNNEL_DIMENSIONS.join(", ")} and a string key, such as { dimension: "source", key: "web" }`;
  if (wanted === null || typeof wanted !== "object" || Array.isArray(wanted)) {
    throw new LeadKitError("invalid_input", `options.${name} is ${describeValue(wanted)}; ${expected}`);
  }
  const dimension = Object.hasOwn(wanted, "dimension")
    ? (wanted as { dimension: unknown }).dimension
    : undefined;
  if (!(FUNNEL_DIMENSIONS as readonly unknown[]).includes(dimension)) {
    throw new LeadKitError(
      "invalid_input",
      `options.${name}.dimension is ${quoteValue(dimension)}; ${expected}`,
    );
  }
  const key = Object.hasOwn(wanted, "key") ? (wanted as { key: unknown }).key : undefined;
  if (typeof key !== "string") {
    throw new LeadKitError("invalid_input", `options.${name}.key is ${describeValue(key)}; ${expected}`);
  }
}
