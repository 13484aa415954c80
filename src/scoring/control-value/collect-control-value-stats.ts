import * as z from "zod";
import {
  type DeepReadonly,
  dataRecord,
  INPUT_LIMITS,
  LeadKitError,
  type Result,
  safeParseWith,
  unwrapOrThrow,
} from "../../internal/index.js";
import { isDisposableEmail, isPersonalEmail, type Lead } from "../../model/index.js";
import { notIterableIssue } from "../argument-issues.js";
import type { RecordFieldMap } from "../fit/record-field-map.js";
import type { LeadField } from "../points/points-model.js";
import { fieldGetter } from "../read-lead-field.js";
import {
  type ControlValueSignal,
  type ControlValueSignalSpec,
  controlValueSignalKey,
  controlValueSignalSchema,
  controlValueSignalSpecSchema,
} from "./control-value-signals.js";
import { looksUnpronounceable } from "./looks-unpronounceable.js";

const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** The most signals a set of control-value statistics may hold. */
const MAX_SIGNALS = 100_000;

/**
 * Validates imported control-value statistics (e.g. partial counts from a warehouse job): counts
 * are whole and non-negative, conversions never exceed leads, and each key matches its signal.
 *
 * @example
 * ```ts
 * import { controlValueStatsSchema } from "leadkit/scoring";
 *
 * controlValueStatsSchema.parse({ leads: 10, conversions: 3, signals: {} });
 * ```
 * @category Scoring
 */
export const controlValueStatsSchema = z
  .object({
    leads: count,
    conversions: count,
    signals: dataRecord(
      z.string().min(1).max(INPUT_LIMITS.textLength),
      z.object({ signal: controlValueSignalSchema, leads: count, conversions: count }).strict(),
      MAX_SIGNALS,
    ),
  })
  .strict()
  .superRefine((stats, ctx) => {
    if (stats.conversions > stats.leads)
      ctx.addIssue({ code: "custom", path: ["conversions"], message: "More conversions than leads" });
    for (const [key, s] of Object.entries(stats.signals)) {
      if (s.conversions > s.leads)
        ctx.addIssue({
          code: "custom",
          path: ["signals", key, "conversions"],
          message: "More conversions than leads",
        });
      if (s.leads > stats.leads)
        ctx.addIssue({
          code: "custom",
          path: ["signals", key, "leads"],
          message: "More leads than the whole history",
        });
      if (controlValueSignalKey(s.signal as ControlValueSignal) !== key)
        ctx.addIssue({
          code: "custom",
          path: ["signals", key],
          message: `Key "${key}" does not match its signal; expected "${controlValueSignalKey(s.signal as ControlValueSignal)}"`,
        });
    }
  });

/**
 * Counts for one signal: closed leads that had it, and how many of them converted.
 *
 * @example
 * ```ts
 * import type { ControlValueSignalCount } from "leadkit/scoring";
 *
 * const rate = (s: ControlValueSignalCount) => s.conversions / s.leads;
 * ```
 * @category Scoring
 */
export interface ControlValueSignalCount {
  /** The signal. */
  readonly signal: ControlValueSignal;
  /** Closed leads that had the signal. */
  readonly leads: number;
  /** Of those, the ones that converted. */
  readonly conversions: number;
}

/**
 * The statistics the control-value method needs, collected in one pass and mergeable: closed leads,
 * conversions, and per signal (by {@link controlValueSignalKey}) the same two counts. Memory is
 * proportional to the number of distinct signals, never to the number of leads.
 *
 * @example
 * ```ts
 * import type { ControlValueStats } from "leadkit/scoring";
 *
 * const control = (s: ControlValueStats) => s.conversions / s.leads;
 * ```
 * @category Scoring
 */
export interface ControlValueStats {
  /** Closed leads counted (won or lost). */
  readonly leads: number;
  /** Of those, the ones that converted (won). */
  readonly conversions: number;
  /** Per signal, by key. */
  readonly signals: Readonly<Record<string, ControlValueSignalCount>>;
}

/**
 * The outcome of a closed lead, or `null` for a lead still open (not counted).
 *
 * @example
 * ```ts
 * import type { Lead } from "leadkit";
 * import { collectControlValueStats, type LeadOutcome } from "leadkit/scoring";
 *
 * // Our CRM marks wins with a tag, not a stage.
 * const outcome = (l: Lead): LeadOutcome | null => (l.tags.includes("won") ? "won" : l.stage === "lost" ? "lost" : null);
 * collectControlValueStats(leads, { fields: [{ field: "source" }] }, { outcome }).conversions;
 * ```
 * @category Scoring
 */
export type LeadOutcome = "won" | "lost";

/**
 * Options for collecting control-value statistics.
 *
 * @remarks
 * With `records`, the history holds plain records (CSV rows, warehouse rows) read through that field
 * map (see {@link RecordFieldMap}): their outcome, their `fields` signals, and with a `period` their
 * `createdAt`. Plain records carry no interactions, tags or flags, so a spec asking for those needs
 * Leads. A value that is not a JSON scalar (an object, NaN) counts as missing.
 *
 * @example
 * ```ts
 * import { type CollectControlValueOptions, collectControlValueStats } from "leadkit/scoring";
 *
 * // Last quarter's closed leads only, with a progress line every so many leads.
 * const options: CollectControlValueOptions = {
 *   period: { from: new Date("2026-01-01"), to: new Date("2026-04-01") },
 *   onProgress: (seen) => console.log(seen),
 * };
 * collectControlValueStats(leads, { fields: [{ field: "source" }], interactions: {} }, options).leads;
 * ```
 * @category Scoring
 */
export interface CollectControlValueOptions<T = Lead> {
  /** How to tell a closed lead's outcome; default {@link closedLeadOutcome}. `null` skips the lead. */
  readonly outcome?: (lead: Lead) => LeadOutcome | null;
  /** Read plain records through this field map instead of Leads. */
  readonly records?: RecordFieldMap<T>;
  /** Count only leads created in `[from, to)` (docs/scoring.md: "last quarter"). */
  readonly period?: { readonly from: Date; readonly to: Date };
  /** Called every `progressEvery` leads read (counted or not) with the number read so far. */
  readonly onProgress?: (leadsRead: number) => void;
  /** How often to report progress; default 10,000. */
  readonly progressEvery?: number;
}

/**
 * A running accumulator of control-value statistics: add leads one at a time, read the counts.
 *
 * @example
 * ```ts
 * import { createControlValueAccumulator } from "leadkit/scoring";
 *
 * const acc = createControlValueAccumulator({ fields: [{ field: "source" }] });
 * for (const lead of leads) acc.add(lead);
 * const stats = acc.stats();
 * ```
 * @category Scoring
 */
export interface ControlValueAccumulator<T = Lead> {
  /** Counts one lead or record (skipped when open or outside the period). */
  readonly add: (lead: T) => void;
  /** Leads read so far, counted or not. */
  readonly read: () => number;
  /** The statistics so far, as a new plain (JSON-serialisable) value. */
  readonly stats: () => ControlValueStats;
}

/**
 * The default outcome of a lead: `"won"` at stage customer, `"lost"` when lost or disqualified,
 * otherwise `null` (still open).
 *
 * @param lead - The lead.
 * @returns Its outcome, or `null` while open.
 * @example
 * ```ts
 * import { closedLeadOutcome } from "leadkit/scoring";
 *
 * closedLeadOutcome(lead); // "won" | "lost" | null
 * ```
 * @category Scoring
 */
export function closedLeadOutcome(lead: Lead): LeadOutcome | null {
  if (lead.stage === "customer") return "won";
  if (lead.stage === "lost" || lead.stage === "disqualified") return "lost";
  return null;
}

interface Counter {
  readonly key: string;
  readonly signal: ControlValueSignal;
  leads: number;
  conversions: number;
  stamp: number;
}

const counter = (signal: ControlValueSignal): Counter => ({
  key: controlValueSignalKey(signal),
  signal,
  leads: 0,
  conversions: 0,
  stamp: -1,
});

const flagTests = {
  personal_email: (l: Lead) => isPersonalEmail(l.contact.email),
  disposable_email: (l: Lead) => isDisposableEmail(l.contact.email),
  unpronounceable_name: (l: Lead) => looksUnpronounceable(l.contact.name),
  human_confirmed: (l: Lead) => l.contact.humanConfirmed,
  bot: (l: Lead) => l.contact.kind === "bot",
} as const;

const scalarOrNull = (v: unknown): string | number | boolean | null =>
  typeof v === "string"
    ? v === ""
      ? null
      : v
    : typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v))
      ? v
      : null;

/**
 * Starts a one-pass accumulator of control-value statistics for a signal spec.
 *
 * @param spec - Which signals to measure.
 * @param options - Outcome, period, progress, and a record field map for plain records.
 * @returns The {@link ControlValueAccumulator}.
 * @throws `LeadKitError` with code `invalid_definition` when the spec is not valid, or when plain
 *   records are asked for interactions, tags, flags, or a period without `createdAt`.
 * @example
 * ```ts
 * import { createControlValueAccumulator } from "leadkit/scoring";
 *
 * const acc = createControlValueAccumulator({ interactions: {} });
 * acc.add(lead);
 * acc.stats().leads;
 * ```
 * @category Scoring
 */
export function createControlValueAccumulator<T>(
  spec: ControlValueSignalSpec,
  options: CollectControlValueOptions<T> & { readonly records: RecordFieldMap<T> },
): ControlValueAccumulator<T>;
export function createControlValueAccumulator(
  spec: ControlValueSignalSpec,
  options?: CollectControlValueOptions<Lead>,
): ControlValueAccumulator<Lead>;
export function createControlValueAccumulator<T>(
  spec: ControlValueSignalSpec,
  options: CollectControlValueOptions<T> = {},
): ControlValueAccumulator<T> {
  const parsed = safeParseWith(controlValueSignalSpecSchema, spec);
  if (!parsed.ok)
    throw new LeadKitError(
      "invalid_definition",
      `Invalid control-value signal spec: ${parsed.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
      parsed.issues,
    );
  const s = parsed.value;
  const map = options.records;
  if (map !== undefined) {
    const needsLeads = [
      ...(s.interactions === undefined ? [] : ["interactions"]),
      ...(s.tags === true ? ["tags"] : []),
      ...((s.flags ?? []).length > 0 ? ["flags"] : []),
      ...(options.period !== undefined && map.createdAt === undefined ? ["a period without createdAt"] : []),
    ];
    if (needsLeads.length > 0)
      throw new LeadKitError(
        "invalid_definition",
        `Plain records carry only fields; the spec asks for ${needsLeads.join(", ")}, which need Leads (or a createdAt reader in the field map for a period)`,
      );
    const missing = (s.fields ?? []).filter((f) => !Object.hasOwn(map.fields, f.field)).map((f) => f.field);
    if (missing.length > 0)
      throw new LeadKitError(
        "invalid_definition",
        `The record field map has no reader for ${missing.map((f) => `"${f}"`).join(", ")}; expected one per spec field`,
      );
  }
  const leadOutcome = options.outcome ?? closedLeadOutcome;
  const outcome = (map === undefined ? leadOutcome : map.outcome) as (record: T) => LeadOutcome | null;
  const createdAt = (
    map === undefined ? (lead: Lead) => lead.createdAt : (map.createdAt ?? (() => new Date(0)))
  ) as (record: T) => Date;
  const from = options.period?.from.getTime() ?? Number.NEGATIVE_INFINITY;
  const to = options.period?.to.getTime() ?? Number.POSITIVE_INFINITY;
  const every = Math.max(1, options.progressEvery ?? 10_000);

  const fields = (s.fields ?? []).map((f) => {
    const field = f.field as LeadField;
    const edges = f.bins ?? [];
    const bins =
      edges.length === 0
        ? []
        : [undefined, ...edges].map((min, i) => {
            const max = edges[i];
            return counter({
              kind: "field_range",
              field,
              ...(min === undefined ? {} : { min }),
              ...(max === undefined ? {} : { max }),
            });
          });
    const reader = map?.fields[field];
    const get = (
      map === undefined
        ? fieldGetter(field)
        : (record: T) => scalarOrNull(typeof reader === "function" ? reader(record) : null)
    ) as (record: T) => string | number | boolean | null;
    return {
      field,
      get,
      edges,
      bins,
      values: new Map<string | number | boolean | null, Counter>(),
    };
  });
  const interactionTypes = s.interactions?.types === undefined ? null : new Set<string>(s.interactions.types);
  const splitPages = s.interactions?.pageKinds === true;
  const interactions = s.interactions === undefined ? null : new Map<string, Counter>();
  const pages = new Map<string, Counter>();
  const tags = s.tags === true ? new Map<string, Counter>() : null;
  const flags = (s.flags ?? []).map((flag) => ({
    test: flagTests[flag],
    counter: counter({ kind: "flag", flag }),
  }));

  let read = 0;
  let leads = 0;
  let conversions = 0;
  const all: Counter[] = [...fields.flatMap((f) => f.bins), ...flags.map((f) => f.counter)];
  const hit = (c: Counter, won: number) => {
    if (c.stamp === leads) return;
    c.stamp = leads;
    c.leads++;
    c.conversions += won;
  };
  const lookup = <K>(map: Map<K, Counter>, key: K, make: () => ControlValueSignal): Counter => {
    let c = map.get(key);
    if (c === undefined) {
      c = counter(make());
      map.set(key, c);
      all.push(c);
    }
    return c;
  };

  const add = (record: T): void => {
    read++;
    if (options.onProgress !== undefined && read % every === 0) options.onProgress(read);
    if (options.period !== undefined) {
      const created = createdAt(record).getTime();
      if (created < from || created >= to) return;
    }
    const result = outcome(record);
    if (result === null) return;
    const won = result === "won" ? 1 : 0;
    leads++;
    conversions += won;
    for (const f of fields) {
      const v = f.get(record);
      if (typeof v === "number" && f.edges.length > 0) {
        let i = 0;
        while (i < f.edges.length && v >= (f.edges[i] as number)) i++;
        hit(f.bins[i] as Counter, won);
      } else {
        hit(
          lookup(f.values, v, () => ({ kind: "field", field: f.field, value: v })),
          won,
        );
      }
    }
    if (map !== undefined) return;
    const lead = record as unknown as Lead;
    if (interactions !== null)
      for (const i of lead.interactions) {
        if (interactionTypes !== null && !interactionTypes.has(i.type)) continue;
        if (splitPages && i.type === "page_view") {
          const kind = i.pageKind;
          hit(
            lookup(pages, kind, () => ({ kind: "interaction", type: "page_view", pageKind: kind })),
            won,
          );
        } else {
          const type = i.type;
          hit(
            lookup(interactions, type, () => ({ kind: "interaction", type })),
            won,
          );
        }
      }
    if (tags !== null)
      for (const tag of lead.tags)
        hit(
          lookup(tags, tag, () => ({ kind: "tag", tag })),
          won,
        );
    for (const f of flags) if (f.test(lead)) hit(f.counter, won);
  };

  const stats = (): ControlValueStats => {
    const signals: Record<string, ControlValueSignalCount> = {};
    for (const c of [...all].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)))
      if (c.leads > 0) signals[c.key] = { signal: c.signal, leads: c.leads, conversions: c.conversions };
    return { leads, conversions, signals };
  };

  return { add, read: () => read, stats };
}

/**
 * Collects control-value statistics from closed leads — or plain records through a field map — in
 * one pass over any iterable (an array, a generator streaming from a database) or async iterable (a
 * paginated repository, a stream), with memory proportional to the distinct signals.
 *
 * @param leads - The history — Leads, or plain records with `options.records`; open ones and ones
 *   outside the period are skipped.
 * @param spec - Which signals to measure.
 * @param options - Outcome, period, progress, and `records` for plain records.
 * @returns The {@link ControlValueStats} (a promise of them for an async iterable).
 * @throws `LeadKitError` with code `invalid_definition` when the spec is not valid (see
 *   {@link createControlValueAccumulator}).
 * @example
 * ```ts
 * import { collectControlValueStats, type RecordFieldMap } from "leadkit/scoring";
 *
 * declare const closedLeads: readonly import("leadkit").Lead[];
 * declare const repository: { streamClosed(): AsyncIterable<import("leadkit").Lead> };
 * type Row = Record<string, string>;
 * declare const rows: readonly Row[];
 * declare const map: RecordFieldMap<Row>;
 * const stats = collectControlValueStats(closedLeads, { fields: [{ field: "source" }], interactions: {} });
 * const streamed = await collectControlValueStats(repository.streamClosed(), { fields: [{ field: "source" }] });
 * const fromCsv = collectControlValueStats(rows, { fields: [{ field: "contact.attributes.Lead Source" }] }, { records: map });
 * ```
 * @category Scoring
 */
export function collectControlValueStats<T>(
  leads: Iterable<T>,
  spec: ControlValueSignalSpec,
  options: CollectControlValueOptions<T> & { readonly records: RecordFieldMap<T> },
): ControlValueStats;
export function collectControlValueStats(
  leads: Iterable<Lead>,
  spec: ControlValueSignalSpec,
  options?: CollectControlValueOptions<Lead>,
): ControlValueStats;
export function collectControlValueStats<T>(
  leads: AsyncIterable<T>,
  spec: ControlValueSignalSpec,
  options: CollectControlValueOptions<T> & { readonly records: RecordFieldMap<T> },
): Promise<ControlValueStats>;
export function collectControlValueStats(
  leads: AsyncIterable<Lead>,
  spec: ControlValueSignalSpec,
  options?: CollectControlValueOptions<Lead>,
): Promise<ControlValueStats>;
export function collectControlValueStats<T>(
  leads: Iterable<T> | AsyncIterable<T>,
  spec: ControlValueSignalSpec,
  options: CollectControlValueOptions<T> = {},
): ControlValueStats | Promise<ControlValueStats> {
  const acc = createControlValueAccumulator(
    spec,
    options as CollectControlValueOptions<T> & { readonly records: RecordFieldMap<T> },
  );
  if (typeof leads === "object" && leads !== null && Symbol.asyncIterator in leads) return addAll(acc, leads);
  const notIterable = notIterableIssue(leads, "leads or records");
  if (notIterable !== null) throw new LeadKitError("invalid_input", notIterable.message, [notIterable]);
  for (const lead of leads) acc.add(lead);
  return acc.stats();
}

async function addAll<T>(
  acc: ControlValueAccumulator<T>,
  leads: AsyncIterable<T>,
): Promise<ControlValueStats> {
  for await (const lead of leads) acc.add(lead);
  return acc.stats();
}

/**
 * Merges the statistics of two partitions of a history; merging partial counts equals collecting
 * the whole, so a job on any engine can count partitions and leadkit combines them.
 *
 * @param a - One partition's statistics.
 * @param b - Another's (collected with the same spec and options).
 * @returns The combined {@link ControlValueStats}.
 * @example
 * ```ts
 * import { mergeControlValueStats } from "leadkit/scoring";
 *
 * declare const q1: import("leadkit/scoring").ControlValueStats;
 * declare const q2: import("leadkit/scoring").ControlValueStats;
 * declare const q3: import("leadkit/scoring").ControlValueStats;
 * const whole = [q1, q2, q3].reduce(mergeControlValueStats);
 * ```
 * @category Scoring
 */
export function mergeControlValueStats(a: ControlValueStats, b: ControlValueStats): ControlValueStats {
  const keys = [...new Set([...Object.keys(a.signals), ...Object.keys(b.signals)])].sort();
  const signals: Record<string, ControlValueSignalCount> = {};
  for (const key of keys) {
    const x = a.signals[key];
    const y = b.signals[key];
    const signal = (x ?? y)?.signal;
    if (signal === undefined) continue;
    signals[key] = {
      signal,
      leads: (x?.leads ?? 0) + (y?.leads ?? 0),
      conversions: (x?.conversions ?? 0) + (y?.conversions ?? 0),
    };
  }
  return { leads: a.leads + b.leads, conversions: a.conversions + b.conversions, signals };
}

/**
 * Validates imported control-value statistics; never throws.
 *
 * @param input - Any value, typically parsed JSON from a warehouse job.
 * @returns The statistics, or issues with paths (NaN or negative counts, conversions above leads,
 *   keys that do not match their signal).
 * @example
 * ```ts
 * import { safeParseControlValueStats } from "leadkit/scoring";
 *
 * declare const text: string; // stats stored as JSON
 * const r = safeParseControlValueStats(JSON.parse(text));
 * ```
 * @category Scoring
 */
export function safeParseControlValueStats(input: unknown): Result<ControlValueStats> {
  return safeParseWith(controlValueStatsSchema, input) as Result<DeepReadonly<ControlValueStats>>;
}

/**
 * Validates imported control-value statistics, throwing on bad input: the throwing twin of
 * {@link safeParseControlValueStats}.
 *
 * @param input - Any value, typically parsed JSON from a warehouse job.
 * @returns The statistics.
 * @throws `LeadKitError` with code `invalid_input` and every issue, like every `parse*` twin.
 * @example
 * ```ts
 * import { readFileSync } from "node:fs";
 * import { parseControlValueStats } from "leadkit/scoring";
 *
 * const stats = parseControlValueStats(JSON.parse(readFileSync("stats.json", "utf8")));
 * ```
 * @category Scoring
 */
export function parseControlValueStats(input: unknown): ControlValueStats {
  return unwrapOrThrow(safeParseControlValueStats(input), "control-value statistics");
}
