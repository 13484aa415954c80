import { type Issue, issue } from "../../internal/index.js";
import type { Lead } from "../../model/index.js";
import { LEAD_FIELDS, type LeadField } from "../points/points-model.js";
import { readLeadField } from "../read-lead-field.js";

/**
 * How a fitter reads plain records — a CSV row, a warehouse row, any object — instead of leadkit
 * `Lead`s: the outcome of each record and, for each {@link LeadField} the features name, a reader.
 *
 * @remarks
 * The keys are the fields the fitted models will read, so a model fitted from records scores leads
 * (or records seen through {@link recordAsLead}) unchanged. `contact.attributes.<name>` suits any
 * column; a built-in field such as `source` suits a column that holds the same thing as the lead's.
 * A reader returns the value as the model should see it: convert numeric text to numbers here
 * (`Number(row.visits)`), since a numeric feature counts text as "not a number". A field the
 * features name but the map does not is reported as `unknown_field`.
 *
 * @example
 * ```ts
 * import type { RecordFieldMap } from "leadkit/scoring";
 *
 * type Row = Record<string, string>;
 * const map: RecordFieldMap<Row> = {
 *   outcome: (row) => (row["Converted"] === "1" ? "won" : "lost"),
 *   fields: {
 *     "contact.attributes.Lead Source": (row) => row["Lead Source"],
 *     "contact.attributes.TotalVisits": (row) => (row["TotalVisits"] === "" ? null : Number(row["TotalVisits"])),
 *   },
 * };
 * ```
 * @category Scoring
 */
export interface RecordFieldMap<T> {
  /**
   * Whether the record was won or lost; `null` for one still open, which a fit leaves out. (The
   * type is `LeadOutcome`, written out so this file imports no fitter.)
   */
  readonly outcome: (record: T) => "won" | "lost" | null;
  /** One reader per field the features (or the model) read. */
  readonly fields: Readonly<Partial<Record<LeadField, (record: T) => unknown>>>;
  /** When the record was created; needed only by a control-value `period`. */
  readonly createdAt?: (record: T) => Date;
}

/** @internal How a fitter reads one record, whether a Lead or a mapped record. */
export interface FitReader<T> {
  readonly outcome: (record: T) => "won" | "lost" | null;
  /** A reader per field, compiled once; `undefined` values and `""` read as null. */
  readonly field: (field: LeadField) => (record: T) => unknown;
  /** Whether a value can be read at all (a Lead must be an object); every value when absent. */
  readonly accepts?: (record: unknown) => boolean;
}

/** @internal The default outcome of a lead (as `closedLeadOutcome`, without importing its module). */
export function leadOutcome(lead: Lead): "won" | "lost" | null {
  if (lead.stage === "customer") return "won";
  if (lead.stage === "lost" || lead.stage === "disqualified") return "lost";
  return null;
}

/** @internal A reader of Leads through `readLeadField`. */
export function leadReader(outcome?: (lead: Lead) => "won" | "lost" | null): FitReader<Lead> {
  return {
    outcome: outcome ?? leadOutcome,
    accepts: (lead) => typeof lead === "object" && lead !== null && !Array.isArray(lead),
    field: (field) => (lead) => readLeadField(lead, field),
  };
}

/** @internal A reader of plain records through a field map. */
export function recordReader<T>(map: RecordFieldMap<T>): FitReader<T> {
  return {
    outcome: map.outcome,
    field: (field) => {
      const read = Object.hasOwn(map.fields, field) ? map.fields[field] : undefined;
      if (read === undefined) return () => null;
      return (record) => {
        const v = read(record);
        return v === undefined || v === "" ? null : v;
      };
    },
  };
}

/** @internal Issues for the fields a map does not read. */
export function unmappedFields(
  map: RecordFieldMap<unknown> | undefined,
  fields: readonly LeadField[],
  path: readonly (string | number)[],
): Issue[] {
  if (map === undefined) return [];
  return fields.flatMap((field, i) =>
    Object.hasOwn(map.fields, field) && typeof map.fields[field] === "function"
      ? []
      : [
          issue(
            "unknown_field",
            [...path, i, "field"],
            `The record field map has no reader for "${field}"; expected one of ${Object.keys(map.fields).join(", ") || "(none)"}`,
          ),
        ],
  );
}

const EPOCH = new Date(0);
const BUILTIN: ReadonlySet<string> = new Set(LEAD_FIELDS);

type Mutable = Record<string, unknown>;

/**
 * A record seen as a `Lead`, so points models — fitted or written by hand — score, explain and
 * classify plain records with the same scorer as leads.
 *
 * @remarks
 * Every field the map reads is set where the model looks for it (`contact.attributes.<name>` in a
 * null-prototype attributes object, so a column named `constructor` is data like any other); a key
 * that is not a {@link LeadField} is ignored; the rest of the lead is neutral (a prospect with no
 * interactions, tags or history). The view is for scoring: it is not validated as a lead would be,
 * and its identity fields are placeholders.
 *
 * @param record - The record.
 * @param map - The field map used to fit (only `fields` is read).
 * @returns A lead-shaped view of the record.
 * @example
 * ```ts
 * import { compilePointsModel, recordAsLead } from "leadkit/scoring";
 *
 * type Row = Record<string, string>;
 * declare const fit: import("leadkit/scoring").PointsModelFit;
 * declare const row: Row;
 * declare const map: import("leadkit/scoring").RecordFieldMap<Row>;
 * const scorer = compilePointsModel(fit.model);
 * const score = scorer.score(recordAsLead(row, map), now).value;
 * ```
 * @category Scoring
 */
export function recordAsLead<T>(record: T, map: Pick<RecordFieldMap<T>, "fields">): Lead {
  const attributes: Mutable = Object.create(null);
  const contact: Mutable = {
    kind: "prospect",
    entity: "person",
    name: "record",
    humanConfirmed: false,
    attributes,
    consents: [],
    doNotContact: [],
  };
  const capture: Mutable = { channel: "form", initiator: { kind: "contact" } };
  const lead: Mutable = {
    id: "record",
    contact,
    stage: "lead",
    owner: null,
    generatedBy: null,
    collaborators: [],
    capture,
    interestLevel: "unknown",
    progressStatus: "not_contacted",
    tags: [],
    notes: [],
    interactions: [],
    history: [],
    scores: {},
    mergedFrom: [],
    createdAt: EPOCH,
    updatedAt: EPOCH,
    version: 1,
  };
  for (const field of Object.keys(map.fields)) {
    const read = map.fields[field as LeadField];
    if (typeof read !== "function") continue;
    const v = read(record);
    const value = v === undefined ? null : v;
    if (field.startsWith("contact.attributes."))
      attributes[field.slice("contact.attributes.".length)] = value;
    else if (!BUILTIN.has(field)) continue;
    else if (field === "capture.channel") capture["channel"] = value;
    else if (field.startsWith("contact.")) contact[field.slice("contact.".length)] = value;
    else lead[field] = value;
  }
  return lead as unknown as Lead;
}
