import * as z from "zod";
import { err, fromZodIssues, type Issue, ok, type Result } from "../../internal/index.js";
import type { Lead } from "../../model/index.js";
import { notIterableIssue, notOptionsIssue } from "../argument-issues.js";
import type { LeadOutcome } from "../control-value/collect-control-value-stats.js";
import type { LeadField } from "../points/points-model.js";
import { learnFeatureBins, readHistory } from "./binned-data.js";
import { type FitFeature, fitFeatureSchema } from "./fit-feature.js";
import { toFitFeature } from "./fit-points-model.js";
import {
  type FitReader,
  leadReader,
  type RecordFieldMap,
  recordReader,
  unmappedFields,
} from "./record-field-map.js";

/**
 * Options for {@link learnBins}.
 *
 * @example
 * ```ts
 * import { type LearnBinsOptions, learnBins, type RecordFieldMap } from "leadkit/scoring";
 *
 * // Rows of a CSV export, read through a field map instead of as Leads.
 * type Row = Record<string, string>;
 * declare const rows: readonly Row[];
 * declare const map: RecordFieldMap<Row>;
 * const options: LearnBinsOptions<Row> & { readonly records: RecordFieldMap<Row> } = { records: map };
 * learnBins(rows, [{ field: "contact.attributes.TotalVisits", bins: { kind: "monotone", count: 5 } }], options);
 * ```
 * @category Scoring
 */
export interface LearnBinsOptions<T> {
  /** Read plain records through this field map instead of Leads. */
  readonly records?: RecordFieldMap<T>;
  /** For Leads: how to tell a closed lead's outcome (`null` leaves it out). */
  readonly outcome?: (lead: Lead) => LeadOutcome | null;
}

/**
 * Learns a binning spec's bins from training data and returns them fixed — numeric edges and
 * category lists — so every fitter can share exactly the same bins: the scorecard and the boosting
 * take them as `features`, the control-value method as `fields` (numeric edges are its `bins`), and
 * the predictive model through `binnedPredictiveSetup`.
 *
 * @param history - The training records (open ones are skipped); read once.
 * @param features - The binning spec.
 * @param options - A record field map, or the outcome of a Lead.
 * @returns The fixed spec, one entry per feature in order, or issues (`invalid_type` at `[]` for a
 *   history that is not an iterable, at `[i]` for a lead that is not an object, at `["options"]`;
 *   a malformed spec, `unknown_field`, `invalid_outcome`).
 * @example
 * ```ts
 * import { learnBins } from "leadkit/scoring";
 *
 * declare const train: readonly import("leadkit").Lead[];
 * const bins = learnBins(train, [{ field: "contact.attributes.TotalVisits", bins: { kind: "quantile", count: 8 } }]);
 * // { ok: true, value: [{ field: "contact.attributes.TotalVisits", bins: [1, 2, 3, 4, 5, 7] }] }
 * ```
 * @category Scoring
 */
export function learnBins<T>(
  history: Iterable<T>,
  features: readonly FitFeature[],
  options: LearnBinsOptions<T> & { readonly records: RecordFieldMap<T> },
): Result<FitFeature[]>;
export function learnBins(
  history: Iterable<Lead>,
  features: readonly FitFeature[],
  options?: LearnBinsOptions<Lead>,
): Result<FitFeature[]>;
export function learnBins<T>(
  history: Iterable<T>,
  features: readonly FitFeature[],
  options: LearnBinsOptions<T> = {},
): Result<FitFeature[]> {
  const shape = [
    notIterableIssue(history, "records or leads"),
    notOptionsIssue(options, ["options"], "the options"),
  ];
  const shapeIssues = shape.filter((i): i is Issue => i !== null);
  if (shapeIssues.length > 0) return err(shapeIssues);
  const parsed = z.array(fitFeatureSchema).safeParse(features);
  if (!parsed.success) return err(fromZodIssues(parsed.error.issues));
  const spec = parsed.data as readonly FitFeature[];
  const unmapped = unmappedFields(
    options.records as RecordFieldMap<unknown> | undefined,
    spec.map((f) => f.field as LeadField),
    [],
  );
  if (unmapped.length > 0) return err(unmapped);
  const reader = (
    options.records === undefined ? leadReader(options.outcome) : recordReader(options.records)
  ) as FitReader<T>;
  const read = readHistory(history, reader, spec, undefined);
  if ("issues" in read) return err(read.issues);
  return ok(learnFeatureBins(read.data, spec).map(toFitFeature));
}
