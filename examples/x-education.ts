// Shared by the two examples that read the real x-education dataset (../shared/data, read at run
// time, never copied): the file's location, a CSV reader, the non-leaky columns, the bins of the
// numeric ones, the field map that reads a row as a record, and the fixed, seeded 70/30 split — so
// both report figures on exactly the same data.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { ControlValueSignalSpec, FitFeature, LeadField, RecordFieldMap } from "leadkit/scoring";

/** Columns filled in before the outcome was known (../shared/data/README.md lists the leaky ones). */
export const CATEGORICAL = [
  "Lead Origin",
  "Lead Source",
  "Do Not Email",
  "Do Not Call",
  "Last Activity",
  "Country",
  "Specialization",
  "What is your current occupation",
  "City",
  "A free copy of Mastering The Interview",
] as const;

/** Bin edges of the numeric columns, chosen before looking at any result. */
export const BINS = {
  TotalVisits: [1, 2, 3, 4, 5, 6, 8, 10, 15],
  "Total Time Spent on Website": [1, 60, 150, 300, 500, 750, 1000, 1250, 1500, 2000],
  "Page Views Per Visit": [1, 2, 2.5, 3, 3.5, 4, 5, 6],
} as const;
export const NUMERIC = Object.keys(BINS) as (keyof typeof BINS)[];

/** One row of the file: its answers (`Select` and blanks as null) and whether the lead paid. */
export interface XEducationRow {
  readonly id: string;
  readonly leadNumber: string;
  readonly values: Readonly<Record<string, string | number | null>>;
  readonly converted: boolean;
}

/** The rows of the dataset, or `null` (after printing a notice) when the file is absent. */
export function loadXEducation(purpose: string): XEducationRow[] | null {
  const file = fileURLToPath(new URL("../../shared/data/x-education-leads.csv", import.meta.url));
  if (!existsSync(file)) {
    console.log(`Notice: ${file} is absent; nothing to ${purpose}. See ../shared/data/README.md.`);
    return null;
  }
  const [header, ...records] = parseCsv(readFileSync(file, "utf8")).filter((r) => r.length > 1);
  if (header === undefined) throw new Error(`${file} has no header`);
  const column = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`Column "${name}" not found in ${file}`);
    return i;
  };
  return records.map((r) => {
    const values: Record<string, string | number | null> = {};
    for (const name of CATEGORICAL) {
      const v = r[column(name)] ?? "";
      values[name] = v === "" || v === "Select" ? null : v;
    }
    for (const name of NUMERIC) {
      const v = r[column(name)] ?? "";
      values[name] = v === "" ? null : Number(v);
    }
    return {
      id: r[column("Prospect ID")] ?? "",
      leadNumber: r[column("Lead Number")] ?? "",
      values,
      converted: r[column("Converted")] === "1",
    };
  });
}

/**
 * How the fitters read a row as a record: each answer as the custom attribute of the same name (so
 * a fitted model reads `contact.attributes.<column>`), and the outcome from `Converted`. No lead is
 * made up: no contact name, no capture.
 */
export const RECORDS: RecordFieldMap<XEducationRow> = {
  outcome: (row) => (row.converted ? "won" : "lost"),
  fields: Object.fromEntries(
    [...CATEGORICAL, ...NUMERIC].map((name) => [
      `contact.attributes.${name}`,
      (row: XEducationRow) => row.values[name],
    ]),
  ),
};

/** The time the rows are scored at (they carry no interactions, so decay plays no part). */
export const SCORED_AT = new Date("2026-01-01T00:00:00Z");

/**
 * The binning spec the learned models share: every categorical answer (values seen in at least 30
 * training rows get a bin, rarer ones share "other"), and each numeric answer in 64 quantile bins
 * learned from the training rows — fine bins, as explainable boosting machines use, left to the
 * regularisation (L2, or boosting's small steps) to smooth. `Last Activity` can be left out: it
 * equals the leaky `Last Notable Activity` in 63 % of rows.
 */
export function xEducationFeatures(withLastActivity: boolean): FitFeature[] {
  return [
    ...CATEGORICAL.filter((name) => withLastActivity || name !== "Last Activity").map((name) => ({
      field: `contact.attributes.${name}` as LeadField,
    })),
    ...NUMERIC.map((name) => ({
      field: `contact.attributes.${name}` as LeadField,
      bins: { kind: "quantile" as const, count: 64 },
    })),
  ];
}

/** Control-value signals: every categorical answer, and the numeric ones by bin. */
export const CONTROL_VALUE_SPEC: ControlValueSignalSpec = {
  fields: [
    ...CATEGORICAL.map((name) => ({ field: `contact.attributes.${name}` as LeadField })),
    ...NUMERIC.map((name) => ({ field: `contact.attributes.${name}` as LeadField, bins: [...BINS[name]] })),
  ],
};

/** A fixed, seeded split (mulberry32 + Fisher–Yates), so every figure is reproducible. */
export function seededSplit<T>(
  items: readonly T[],
  trainShare = 0.7,
  seed = 20260101,
): { train: T[]; test: T[] } {
  let a = seed;
  const random = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const order = items.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  const cut = Math.round(order.length * trainShare);
  return {
    train: order.slice(0, cut).map((i) => items[i] as T),
    test: order.slice(cut).map((i) => items[i] as T),
  };
}

/** A small RFC 4180 reader: quoted fields, doubled quotes, CRLF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return rows;
}
