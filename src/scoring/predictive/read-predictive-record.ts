import { err, type Issue, issue, ok, type Result } from "../../internal/index.js";
import {
  PREDICTIVE_STAGE_FIELD,
  type PredictiveConfig,
  type PredictiveOutcome,
  type PredictiveSetup,
  type PredictiveValue,
} from "./predictive-config.js";
import { addToCell, type CountingCell } from "./predictive-stats.js";

/** @internal What the model needs of one record, read once through the adapter. */
export interface PredictiveRecord {
  readonly team: string | null;
  readonly outcome: PredictiveOutcome;
  /** Index of the record's stage in the configuration, or -1 when won (every stage counts). */
  readonly stageIndex: number;
  /** Value keys per configured field, in configuration order (sorted and distinct for multiple fields). */
  readonly values: readonly (readonly string[])[];
}

const none: readonly string[] = [];

/**
 * @internal The value keys of one field: text, `""` for an empty value when `countEmpty`,
 * nothing for an empty value otherwise.
 */
export function valueKeys(
  value: PredictiveValue,
  field: PredictiveConfig["fields"][number],
): readonly string[] | "list" {
  if (Array.isArray(value)) {
    if (!field.multiple) return "list";
    // Sorted, then repeats dropped side by side: the distinct keys in sorted order, with one array
    // and no set per call (lists are a handful of tags).
    const keys: string[] = [];
    for (const v of value as readonly (string | number)[]) {
      const key = typeof v === "string" ? v : String(v);
      if (key !== "") keys.push(key);
    }
    if (keys.length === 0) return field.countEmpty ? [""] : none;
    if (keys.length === 1) return keys;
    keys.sort();
    let distinct = 1;
    for (let i = 1; i < keys.length; i++)
      if (keys[i] !== keys[distinct - 1]) keys[distinct++] = keys[i] as string;
    keys.length = distinct;
    return keys;
  }
  if (value === null || value === undefined || value === "") return field.countEmpty ? [""] : none;
  return [String(value)];
}

/** @internal The stage of a record as an index into the configured stages, or an issue. */
export function stageIndexOf(
  config: PredictiveConfig,
  stage: string | null | undefined,
  path: readonly (string | number)[],
): number | Issue {
  if (stage === null || stage === undefined || stage === "")
    return issue(
      "missing_stage",
      [...path, "stage"],
      "The record has no pipeline stage; expected one of the configured stages (for a lost record, the stage it was lost in)",
    );
  const stages = config.stages;
  let index = -1;
  for (let i = 0; i < stages.length; i++)
    if ((stages[i] as { readonly id: string }).id === stage) {
      index = i;
      break;
    }
  if (index < 0)
    return issue(
      "unknown_stage",
      [...path, "stage"],
      `Unknown stage "${stage}"; expected one of ${config.stages.map((s) => s.id).join(", ")}`,
    );
  return index;
}

/**
 * The issue for text holding U+0000, which separates the parts of a cell's key: counted, it could
 * merge two different cells (and the statistics would not parse back).
 */
function nulIssue(path: readonly (string | number)[], what: string, text: string): Issue {
  return issue(
    "unstorable_text",
    path,
    `${what} gave ${JSON.stringify(text.slice(0, 80))}, which holds U+0000; expected text without U+0000`,
  );
}

/** @internal Reads a record through the adapter; `path` locates it in the caller's input. */
export function readPredictiveRecord<T>(
  setup: PredictiveSetup<T>,
  record: T,
  path: readonly (string | number)[],
): Result<PredictiveRecord> {
  const { config, adapter } = setup;
  const outcome = adapter.outcome(record);
  let stageIndex = -1;
  if (outcome !== "won") {
    const found = stageIndexOf(config, adapter.stage(record), path);
    if (typeof found !== "number") return err([found]);
    stageIndex = found;
  }
  const values: (readonly string[])[] = [];
  for (const field of config.fields) {
    const extract = adapter.fields[field.name];
    const keys = extract === undefined ? none : valueKeys(extract(record), field);
    if (keys === "list")
      return err([
        issue(
          "unexpected_list",
          [...path, field.name],
          `Field "${field.name}" gave a list; expected one value, or mark the field "multiple"`,
        ),
      ]);
    for (const key of keys)
      if (key.includes("\u0000")) return err([nulIssue([...path, field.name], `Field "${field.name}"`, key)]);
    values.push(keys);
  }
  const team = adapter.team(record);
  if (typeof team === "string" && team.includes("\u0000"))
    return err([nulIssue([...path, "team"], "The team", team)]);
  return ok({ team: team === undefined || team === "" ? null : team, outcome, stageIndex, values });
}

/**
 * @internal Adds (sign 1) or removes (sign -1) what a closed record contributes: every stage when
 * won, the stages up to the one it was lost in when lost, and one row per field value.
 */
export function applyPredictiveRecord(
  cells: Map<string, CountingCell>,
  config: PredictiveConfig,
  record: PredictiveRecord,
  sign: 1 | -1,
): void {
  const won = record.outcome === "won" ? sign : 0;
  const lost = record.outcome === "lost" ? sign : 0;
  if (won === 0 && lost === 0) return;
  const lastStage = record.outcome === "won" ? config.stages.length - 1 : record.stageIndex;
  for (let s = 0; s <= lastStage; s++)
    addToCell(cells, record.team, PREDICTIVE_STAGE_FIELD, (config.stages[s] as { id: string }).id, won, lost);
  config.fields.forEach((field, i) => {
    for (const key of record.values[i] ?? none) addToCell(cells, record.team, field.name, key, won, lost);
  });
}
