import { LeadKitError } from "../../internal/index.js";
import type { Lead } from "../../model/index.js";
import type { LeadOutcome } from "../control-value/collect-control-value-stats.js";
import { rangeBin } from "../fit/binned-data.js";
import type { FitFeature } from "../fit/fit-feature.js";
import { type FitReader, leadReader, type RecordFieldMap, recordReader } from "../fit/record-field-map.js";
import type { LeadField } from "../points/points-model.js";
import { createPredictiveSetup, type PredictiveSetup, type PredictiveValue } from "./predictive-config.js";

/**
 * Options for {@link binnedPredictiveSetup}.
 *
 * @example
 * ```ts
 * import { type BinnedPredictiveOptions, binnedPredictiveSetup, type RecordFieldMap } from "leadkit/scoring";
 *
 * // A predictive model over CSV rows, with numeric fields binned as the fitters bin them.
 * type Row = Record<string, string>;
 * declare const map: RecordFieldMap<Row>;
 * const options: BinnedPredictiveOptions<Row> & { readonly records: RecordFieldMap<Row> } = { records: map };
 * binnedPredictiveSetup([{ field: "contact.attributes.TotalVisits", bins: [1, 3, 6] }], options);
 * ```
 * @category Scoring
 */
export interface BinnedPredictiveOptions<T> {
  /** Read plain records through this field map instead of Leads. */
  readonly records?: RecordFieldMap<T>;
  /** For Leads: how to tell a closed lead's outcome (`null`: open). */
  readonly outcome?: (lead: Lead) => LeadOutcome | null;
}

function binText(edges: readonly number[], v: number): string {
  const b = rangeBin(edges, v);
  if (b === 0) return `< ${edges[0]}`;
  if (b === edges.length) return `≥ ${edges[b - 1]}`;
  return `[${edges[b - 1]}, ${edges[b]})`;
}

/**
 * A predictive (naive-Bayes) setup over a binning spec, so the predictive model counts exactly the
 * bins the scorecard, the boosting and the control-value method use — for Leads or plain records.
 *
 * @remarks
 * Each feature is a field named by its {@link LeadField}. A numeric feature's value counts as its
 * bin (`< 1`, `[1, 3)`, `≥ 15`; missing or not a number: not counted); a categorical one as its
 * value — or `other` when the feature fixes `categories` and the value is not among them. The
 * pipeline is one open stage and the won stage, with no teams: a record is won or lost by its
 * outcome and scored as open.
 *
 * @param features - A fixed binning spec (numeric edges, not strategies: learn them with `learnBins`).
 * @param options - A record field map, or the outcome of a Lead.
 * @returns The setup, ready for `fitPredictiveStats` and `buildPredictiveModel`.
 * @throws `LeadKitError` with code `invalid_definition` when a feature's bins are a strategy.
 * @example
 * ```ts
 * import { binnedPredictiveSetup, buildPredictiveModel, type FitFeature, fitPredictiveStats, learnBins, type RecordFieldMap } from "leadkit/scoring";
 *
 * type Row = Record<string, string>;
 * declare const train: readonly Row[];
 * declare const features: readonly FitFeature[];
 * declare const map: RecordFieldMap<Row>;
 * const bins = learnBins(train, features, { records: map });
 * const setup = binnedPredictiveSetup(bins.ok ? bins.value : [], { records: map });
 * const model = buildPredictiveModel(setup, fitPredictiveStats(setup, train).stats);
 * ```
 * @category Scoring
 */
export function binnedPredictiveSetup<T>(
  features: readonly FitFeature[],
  options: BinnedPredictiveOptions<T> & { readonly records: RecordFieldMap<T> },
): PredictiveSetup<T>;
export function binnedPredictiveSetup(
  features: readonly FitFeature[],
  options?: BinnedPredictiveOptions<Lead>,
): PredictiveSetup<Lead>;
export function binnedPredictiveSetup<T>(
  features: readonly FitFeature[],
  options: BinnedPredictiveOptions<T> = {},
): PredictiveSetup<T> {
  const reader = (
    options.records === undefined ? leadReader(options.outcome) : recordReader(options.records)
  ) as FitReader<T>;
  const fields: Record<string, (record: T) => PredictiveValue> = Object.create(null);
  for (const f of features) {
    const read = reader.field(f.field as LeadField);
    if (f.bins !== undefined && !Array.isArray(f.bins))
      throw new LeadKitError(
        "invalid_definition",
        `Feature "${f.field}" has learned bins (${(f.bins as { kind: string }).kind}); expected fixed edges — learn them first with learnBins`,
      );
    const edges = f.bins as readonly number[] | undefined;
    const listed = f.categories === undefined ? null : new Set<unknown>(f.categories);
    fields[f.field as string] = (record: T) => {
      const v = read(record);
      if (edges !== undefined) return typeof v === "number" && Number.isFinite(v) ? binText(edges, v) : null;
      if (v === null || v === undefined || v === "") return null;
      if (listed !== null && !listed.has(v)) return "other";
      return typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? String(v) : "other";
    };
  }
  const outcome = (record: T) => reader.outcome(record);
  return createPredictiveSetup(
    {
      stages: [{ id: "open" }, { id: "won" }],
      wonStage: "won",
      fields: features.map((f) => ({ name: f.field })),
    },
    {
      team: () => null,
      stage: (record: T) => (outcome(record) === "won" ? "won" : "open"),
      outcome: (record: T) => outcome(record) ?? "open",
      fields,
    },
  );
}
