import { describeValue, LeadKitError, quoteValue } from "../internal/index.js";
import type { FunnelDimension, FunnelStage } from "./funnel-aggregate.js";

/**
 * Every word the table and SVG renderers draw, in English: the defaults of their `labels` option.
 * Stage names (`contact` … `customer`); dimension names (`source`, `owner`, `touch`…: a segment
 * table's first header and a segment chart's default title); the funnel table's headers (`stage`,
 * `reached`, `fromPrevious`, `fromStart`, `dropOff`); the segment table's column headers (its
 * {@link SegmentTableColumn} names); and the charts' words: `funnelTitle`, `ofPrevious` ("12 % of
 * previous"), `active`, `passive`, `unknown` (a stage's counts), `unknownOrigin` (the legend),
 * `leadsMetric`, `wonMetric` and `conversionMetric` with `by` (a segment chart's default title,
 * "Leads by source"), `moreSegments` ("20 more segments not shown") and `noSegments`.
 *
 * @remarks
 * A count or a rate goes before the words that follow it (`"12 % " + ofPrevious`, `"20 " +
 * moreSegments`) and after a word that names it (`active + " 842"`). Segment keys are data and are
 * drawn as they are.
 *
 * @example
 * ```ts
 * import { computeFunnel, RENDER_LABELS, type RenderLabels, renderFunnelTable } from "leadkit/metrics";
 *
 * const spanish: RenderLabels = { lead: "Lead", customer: "Cliente", ofPrevious: "del anterior" };
 * RENDER_LABELS.ofPrevious; // "of previous"
 * renderFunnelTable(computeFunnel(leads), { labels: spanish });
 * ```
 * @category Metrics
 */
export const RENDER_LABELS = {
  contact: "Contact",
  lead: "Lead",
  prospect: "Prospect",
  potential_client: "Potential client",
  customer: "Customer",
  origin: "origin",
  source: "source",
  owner: "owner",
  generatedBy: "generatedBy",
  industry: "industry",
  interestLevel: "interestLevel",
  period: "period",
  firstTouch: "firstTouch",
  lastTouch: "lastTouch",
  touch: "touch",
  stage: "Stage",
  reached: "Reached",
  fromPrevious: "From previous",
  fromStart: "From start",
  dropOff: "Drop-off",
  leads: "leads",
  won: "customers",
  conversion: "conversion rate",
  winRate: "win rate",
  passiveShare: "passive share",
  costPerLead: "cost per lead",
  costPerCustomer: "cost per customer",
  medianDaysToClose: "median time to close",
  firstResponseP50: "first response p50",
  firstResponseP90: "first response p90",
  weightedPipeline: "weighted pipeline",
  funnelTitle: "Sales funnel",
  ofPrevious: "of previous",
  active: "active",
  passive: "passive",
  unknown: "unknown",
  unknownOrigin: "unknown origin",
  leadsMetric: "Leads",
  wonMetric: "Customers",
  conversionMetric: "Lead → customer conversion",
  by: "by",
  moreSegments: "more segments not shown",
  noSegments: "No segments",
  // Every stage and dimension has its word (and every table column: renderSegmentTable reads them).
} as const satisfies Readonly<Record<FunnelStage | FunnelDimension, string>> &
  Readonly<Record<string, string>>;

/**
 * Words for the renderers to draw instead of {@link RENDER_LABELS}' English ones: any of its keys, a
 * string each. One shape for every renderer — pass the same translation to all of them, each draws
 * the words it needs. Labels are text like any other: escaped, and shortened or wrapped to fit.
 *
 * @example
 * ```ts
 * import { type RenderLabels, renderFunnelSvg } from "leadkit/metrics";
 *
 * declare const summary: import("leadkit/metrics").FunnelSummary;
 * const labels: RenderLabels = { contact: "Contacto", ofPrevious: "del anterior", active: "activos" };
 * renderFunnelSvg(summary, { labels, splitByOrigin: true, locale: "es-ES" });
 * ```
 * @category Metrics
 */
export type RenderLabels = Partial<Readonly<Record<keyof typeof RENDER_LABELS, string>>>;

/** The words to draw: the caller's over the English ones. */
export type ResolvedLabels = Readonly<Record<keyof typeof RENDER_LABELS, string>>;

/**
 * The caller's labels over the English defaults; throws `invalid_input` for a key that is not one
 * of {@link RENDER_LABELS}' (a typo would otherwise leave a word in English) or a value that is not
 * a string. Reads only own keys, so a `__proto__` key from JSON is an unknown label, not a prototype.
 */
export function resolveLabels(labels: RenderLabels | undefined): ResolvedLabels {
  if (labels === undefined) return RENDER_LABELS;
  if (labels === null || typeof labels !== "object" || Array.isArray(labels)) {
    throw new LeadKitError(
      "invalid_input",
      `options.labels is ${describeValue(labels)}; expected an object of words by key, such as { contact: "Contacto" }`,
    );
  }
  const out: Record<string, string> = { ...RENDER_LABELS };
  for (const key of Object.keys(labels)) {
    if (!Object.hasOwn(RENDER_LABELS, key)) {
      throw new LeadKitError(
        "invalid_input",
        `Unknown label ${quoteValue(key)} in options.labels; expected some of ${Object.keys(RENDER_LABELS).join(", ")}`,
      );
    }
    const value: unknown = (labels as Readonly<Record<string, unknown>>)[key];
    if (typeof value !== "string") {
      throw new LeadKitError(
        "invalid_input",
        `options.labels.${key} is ${describeValue(value)}; expected a string`,
      );
    }
    out[key] = value;
  }
  return out as ResolvedLabels;
}
