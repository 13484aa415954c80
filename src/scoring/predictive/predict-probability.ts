import { err, type Issue, issue, ok, type Result } from "../../internal/index.js";
import type { PredictiveFactorTable, PredictiveModel } from "./build-predictive-model.js";
import { PREDICTIVE_STAGE_FIELD } from "./predictive-config.js";
import { stageIndexOf, valueKeys } from "./read-predictive-record.js";

/**
 * One field value that moved a score (see {@link explainPrediction}).
 *
 * @example
 * ```ts
 * import { explainPrediction, type PredictiveFactor } from "leadkit/scoring";
 *
 * declare const model: import("leadkit/scoring").PredictiveModel<import("leadkit").Lead>;
 * const line = (factor: PredictiveFactor) => `${factor.field} = ${String(factor.value)}: ${factor.score.toFixed(2)}`;
 * const explained = explainPrediction(model, lead);
 * if (explained.ok) explained.value.factors.map(line);
 * ```
 * @category Scoring
 */
export interface PredictiveFactor {
  /** The field (`"stage"` for the stage). */
  readonly field: string;
  /** The record's value (`""` for a counted empty value). */
  readonly value: string;
  /** P(value | won). */
  readonly pWon: number;
  /** P(value | lost). */
  readonly pLost: number;
  /** `pWon / (pWon + pLost)`, for the stage `1 − pLost`: above 0.5 the value helps, below it hurts. */
  readonly score: number;
}

/**
 * @internal Rounds to cents exactly as Python's `round(x, 2)`, which Odoo uses: the decimal nearest
 * the exact binary value of `x` (so 0.015, stored just below, rounds to 0.01), and an exact tie — a
 * value that is an odd number of eighths (0.125, 0.375, …) — to the even cent.
 */
export function roundCents(x: number): number {
  const eighths = x * 8;
  if (Number.isInteger(eighths) && eighths % 2 !== 0) {
    // x = k + j/8 with j odd: x · 100 is exactly a half; take the even neighbour.
    const below = Math.floor(x * 100);
    return (below % 2 === 0 ? below : below + 1) / 100;
  }
  const hundredths = x * 100;
  if (Math.abs(hundredths) < 2 ** 32) {
    // The product is off from the exact x · 100 by at most 2^-21 here, so away from a half its
    // nearest integer is the exact value's; n / 100 is then the double nearest the decimal n / 100,
    // which is what Number(x.toFixed(2)) parses — without building a string per call.
    const below = Math.floor(hundredths);
    const fraction = hundredths - below;
    if (fraction < 0.4999 || fraction > 0.5001) return (fraction < 0.5 ? below : below + 1) / 100 + 0;
  }
  // toFixed rounds the exact value of x (ECMA-262 Number.prototype.toFixed), so only exact ties,
  // handled above, could go the other way from Python.
  return Number(x.toFixed(2)) + 0;
}

/** The path of a record's issues here: the record itself (one frozen list, not one per call). */
const NO_PATH: readonly (string | number)[] = Object.freeze([]);

/** @internal Lowest and highest probability of an open record, in percent. */
export const PROBABILITY_FLOOR = 0.01;
/** @internal */
export const PROBABILITY_CEILING = 99.99;

/** @internal The scoring loop shared by {@link predictProbability} and the explanation. */
export function scorePredictive<T>(
  model: PredictiveModel<T>,
  record: T,
  factors: PredictiveFactor[] | undefined,
): Result<number> {
  const { config, adapter } = model.setup;
  const outcome = adapter.outcome(record);
  if (outcome === "won") return ok(100);
  if (outcome === "lost") return ok(0);
  const stage = adapter.stage(record);
  const stageIndex = stageIndexOf(config, stage, NO_PATH);
  if (typeof stageIndex !== "number") return err([stageIndex]);
  if (stage === config.wonStage) return ok(100);
  const team = adapter.team(record);
  const table = (team === null || team === undefined ? undefined : model.teams.get(team)) ?? model.all;
  const prior = table.prior;
  if (prior === null)
    return err([
      issue(
        "prior_unavailable",
        [],
        `The prior cannot be computed for ${table === model.all ? "the all-teams table" : `team "${team}"`}: its first team-less stage has no won and lost counts; fit on closed records first`,
      ),
    ]);
  let won = prior.pWon;
  let lost = prior.pLost;
  const stageFactor = table.fields.get(PREDICTIVE_STAGE_FIELD)?.values.get(stage as string);
  if (stageFactor !== undefined) {
    won *= stageFactor.pWon;
    lost *= stageFactor.pLost;
    factors?.push({ field: PREDICTIVE_STAGE_FIELD, value: stage as string, ...pick(stageFactor) });
  }
  const fields = config.fields;
  const ordered = table.ordered;
  const extractors = model.fieldReaders;
  for (let i = 0; i < fields.length; i++) {
    const fieldTable = ordered[i];
    if (fieldTable === undefined) continue;
    const extract = extractors[i];
    if (extract === undefined) continue;
    const field = fields[i] as (typeof fields)[number];
    const value = extract(record);
    if (factors === undefined && !Array.isArray(value)) {
      // One value, one key (as valueKeys would return), read without building a list per field.
      let key: string;
      if (value === null || value === undefined || value === "") {
        if (!field.countEmpty) continue;
        key = "";
      } else key = typeof value === "string" ? value : String(value);
      const factor = fieldTable.values.get(key);
      if (factor === undefined) continue;
      won *= factor.pWon;
      lost *= factor.pLost;
      continue;
    }
    if (factors === undefined && field.multiple && Array.isArray(value) && value.length > 0) {
      // Most of a record's values (tags) have no factor, so the values that have one are found in
      // one pass and only they are sorted: the same products, in the order of the sorted distinct
      // keys, as valueKeys would give.
      const found = listFactors(fieldTable.values, value as readonly (string | number)[]);
      if (found === null) continue;
      if (found !== undefined) {
        if (Array.isArray(found))
          for (let k = 0; k < found.length; k++) {
            const f = found[k] as PredictiveFactorTable;
            won *= f.pWon;
            lost *= f.pLost;
          }
        else {
          const f = found as PredictiveFactorTable;
          won *= f.pWon;
          lost *= f.pLost;
        }
        continue;
      }
    }
    const keys = valueKeys(value, field);
    if (keys === "list") return err([listIssue(field.name)]);
    for (const key of keys) {
      const factor = fieldTable.values.get(key);
      if (factor === undefined) continue;
      won *= factor.pWon;
      lost *= factor.pLost;
      factors?.push({ field: field.name, value: key, ...pick(factor) });
    }
  }
  const total = won + lost;
  if (!(total > 0))
    return err([
      issue(
        "score_underflow",
        [],
        "The product of likelihoods underflowed to zero; expected fewer fields or less sparse values",
      ),
    ]);
  // Odoo: round(100 * probability, 2), with probability = s_won / (s_won + s_lost).
  const percent = roundCents(100 * (won / total));
  return ok(Math.min(Math.max(percent, PROBABILITY_FLOOR), PROBABILITY_CEILING));
}

/**
 * @internal The factors of the distinct values of `list` that have one, in one pass: `null` when none has one,
 * the factor when one distinct value has one, or the factors in the order of their keys sorted as
 * `valueKeys` sorts them (by UTF-16 code units) when several do; `undefined` when the list holds
 * only empty values (`""` under countEmpty: the caller's plain path). Lists are a handful of tags,
 * so the few keys with a factor are sorted by insertion, and arrays are made only for two or more.
 */
export function listFactors(
  values: ReadonlyMap<string, PredictiveFactorTable>,
  list: readonly (string | number)[],
): PredictiveFactorTable | readonly PredictiveFactorTable[] | null | undefined {
  let first: PredictiveFactorTable | null = null;
  let firstKey = "";
  let keys: string[] | undefined;
  let found: PredictiveFactorTable[] | undefined;
  let nonEmpty = false;
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    const key = typeof v === "string" ? v : String(v);
    if (key === "") continue;
    nonEmpty = true;
    const factor = values.get(key);
    if (factor === undefined) continue;
    if (first === null) {
      first = factor;
      firstKey = key;
      continue;
    }
    if (keys === undefined || found === undefined) {
      if (key === firstKey) continue;
      keys = [firstKey];
      found = [first];
    }
    let at = keys.length;
    while (at > 0 && (keys[at - 1] as string) > key) at--;
    if (at > 0 && keys[at - 1] === key) continue;
    keys.splice(at, 0, key);
    found.splice(at, 0, factor);
  }
  if (!nonEmpty) return undefined;
  return found ?? first;
}

const pick = (f: { pWon: number; pLost: number; score: number }) => ({
  pWon: f.pWon,
  pLost: f.pLost,
  score: f.score,
});

const listIssue = (field: string): Issue =>
  issue(
    "unexpected_list",
    [field],
    `Field "${field}" gave a list; expected one value, or mark the field "multiple"`,
  );

/**
 * The probability, in percent, that a record will be won — Odoo's predictive lead scoring.
 *
 * @remarks
 * S_won = P(won) · Π P(value | won) over the stage and every counted field value, S_lost likewise;
 * the probability is 100 · S_won / (S_won + S_lost), rounded to cents as Python's `round` does (the
 * decimal nearest the exact value, halves to even) and kept within 0.01–99.99 for open records. A won record (or one in the won stage) is 100, a lost one 0. A record without a
 * team, or whose team has no counts, uses the all-teams table; unseen values are skipped.
 *
 * @param model - A model from {@link buildPredictiveModel}.
 * @param record - The record to score.
 * @returns The probability, or an issue: `missing_stage`, `unknown_stage`, `prior_unavailable`
 *   (no closed records to learn from), `unexpected_list`, `score_underflow`.
 * @example
 * ```ts
 * import { predictProbability } from "leadkit/scoring";
 *
 * declare const model: import("leadkit/scoring").PredictiveModel<import("leadkit").Lead>;
 * const p = predictProbability(model, lead);
 * if (p.ok) console.log(`${p.value} %`);
 * ```
 * @category Scoring
 */
export function predictProbability<T>(model: PredictiveModel<T>, record: T): Result<number> {
  return scorePredictive(model, record, undefined);
}
