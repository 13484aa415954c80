import * as z from "zod";
import {
  err,
  fromZodIssues,
  type Issue,
  issue,
  LeadKitError,
  ok,
  once,
  quoteValue,
  type Result,
  unstorableTextIssues,
} from "../../internal/index.js";
import {
  CHANNELS,
  type Consent,
  captureFactsSchema,
  consentProofSchema,
  type DuplicateKey,
  decideConsent,
  duplicateKeys,
  type FindDuplicatesOptions,
  LAWFUL_BASES,
  type Lead,
  mergeLeads,
  timestampSchema,
} from "../../model/index.js";
import { canSeeLead, revealsHiddenLeads } from "../../origin/index.js";
import type { RepositorySet } from "../../ports/index.js";
import { rescoreLead, type ScoreChange } from "../../scoring/index.js";
import { consentChanged, ownershipChanged, scoreChanged } from "../domain-events.js";
import type {
  ImportIssue,
  ImportLeadsOptions,
  ImportMatchKey,
  ImportPossibleDuplicate,
  ImportProgress,
  ImportReport,
  ImportTarget,
  ImportUpdateRule,
} from "../import-leads-options.js";
import type { CaptureCommand } from "../lead-service.js";
import { changeLead, type LeadChange } from "../mutate-lead.js";
import { lookUpPossibleDuplicates } from "../possible-duplicates.js";
import { sameRecord } from "../same-record.js";
import { nowOf, type ServiceContext, unitOfWork } from "../service-context.js";
import { conflictIssue } from "../service-issues.js";
import {
  assignCapture,
  assignCaptures,
  captureRecord,
  type DraftedCapture,
  draftCapture,
  giveBack,
  hiddenDuplicate,
} from "./capture.js";
import { merge } from "./merge.js";

// ---------------------------------------------------------------------------------------------
// Options

const contactFields = [
  "kind",
  "entity",
  "name",
  "email",
  "phone",
  "company",
  "jobTitle",
  "website",
  "industry",
  "companySize",
  "country",
  "city",
  "language",
] as const;
type ContactField = (typeof contactFields)[number];
const leadFields = ["externalId", "owner", "team", "source", "medium", "campaign"] as const;
type LeadField = (typeof leadFields)[number];
const fixedTargets: ReadonlySet<string> = new Set([
  ...leadFields,
  "tags",
  "contact.doNotContact",
  ...contactFields.map((f) => `contact.${f}`),
]);
const attributePrefix = "contact.attributes.";

/** Bounds: a field map's entries, one cell's length, the parts of a split cell. */
const maxMapEntries = 200;
const maxCell = 10_000;
const maxParts = 100;

const sourceSchema = /* @__PURE__ */ once(() =>
  z.union([
    z.string().min(1).max(200),
    z.number().int().min(0).max(10_000),
    z.strictObject({
      column: z.union([z.string().min(1).max(200), z.number().int().min(0).max(10_000)]),
      split: z.string().min(1).max(10).optional(),
    }),
    z.strictObject({ value: z.string().max(maxCell) }),
  ]),
);
type Source = z.output<ReturnType<typeof sourceSchema>>;

const optionsSchema = /* @__PURE__ */ once(() =>
  z.object({
    actor: z.string().min(1).max(200),
    importId: z
      .string()
      .regex(/^[A-Za-z0-9._:-]{1,100}$/, "Expected 1-100 letters, digits, '.', '_', ':' or '-'"),
    fieldMap: z.unknown(),
    capture: captureFactsSchema.optional(),
    match: z
      .array(z.enum(["external_id", "email", "phone"]))
      .max(3)
      .optional(),
    onMatch: z.enum(["skip", "update", "merge"]).optional(),
    update: z.unknown().optional(),
    startAfter: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
    batchSize: z.number().int().min(1).max(1_000).optional(),
    onProgress: z.custom<(p: ImportProgress) => unknown>((v) => typeof v === "function").optional(),
    maxIssues: z.number().int().min(0).max(10_000).optional(),
    consents: z
      .array(
        z.strictObject({
          column: z.union([z.string().min(1).max(200), z.number().int().min(0).max(10_000)]),
          purpose: z.string().min(1).max(200),
          channel: z.enum([...CHANNELS, "any"]),
          basis: z.enum(LAWFUL_BASES),
          at: z.union([z.string().min(1).max(200), z.number().int().min(0).max(10_000)]).optional(),
          proof: consentProofSchema.optional(),
        }),
      )
      .max(20)
      .optional(),
  }),
);
type ConsentRule = NonNullable<z.output<ReturnType<typeof optionsSchema>>["consents"]>[number];

/** The options once checked: the field map as a list, the rules as a Map (their keys are data). */
interface ImportPlan {
  readonly actor: string;
  readonly importId: string;
  readonly fields: readonly (readonly [ImportTarget, Source])[];
  readonly capture: CaptureCommand["capture"];
  readonly match: ReadonlySet<ImportMatchKey>;
  readonly onMatch: "skip" | "update" | "merge";
  readonly rules: ReadonlyMap<ImportTarget, ImportUpdateRule>;
  readonly startAfter: number;
  readonly batchSize: number;
  readonly onProgress: ((p: ImportProgress) => unknown) | undefined;
  readonly maxIssues: number;
  readonly consents: readonly ConsentRule[];
}

const isTarget = (key: string): key is ImportTarget =>
  fixedTargets.has(key) ||
  (key.startsWith(attributePrefix) &&
    key.length > attributePrefix.length &&
    key.length <= attributePrefix.length + 100);

const targetMessage = `Expected one of ${[...fixedTargets].join(", ")}, or contact.attributes.<name> (1-100 characters)`;

/** Checks the options; any value in, a plan or issues out. */
function planImport(input: unknown): Result<ImportPlan> {
  const unstorable = unstorableTextIssues(input);
  if (unstorable.length > 0) return err(unstorable.slice(0, 20));
  const parsed = optionsSchema().safeParse(input);
  if (!parsed.success) return err(fromZodIssues(parsed.error.issues).slice(0, 20));
  const options = parsed.data;
  const issues: Issue[] = [];
  const map = options.fieldMap;
  const fields: (readonly [ImportTarget, Source])[] = [];
  if (map === null || typeof map !== "object" || Array.isArray(map)) {
    issues.push(issue("invalid_type", ["fieldMap"], "Expected an object of sources by target field."));
  } else {
    const entries = Object.entries(map);
    if (entries.length > maxMapEntries)
      issues.push(
        issue(
          "too_big",
          ["fieldMap"],
          `The field map has ${entries.length} entries; expected at most ${maxMapEntries}.`,
        ),
      );
    for (const [target, source] of entries.slice(0, maxMapEntries)) {
      if (!isTarget(target)) {
        issues.push(
          issue(
            "unknown_target",
            ["fieldMap", target],
            `Unknown target ${quoteValue(target)}. ${targetMessage}.`,
          ),
        );
        continue;
      }
      const checked = sourceSchema().safeParse(source);
      if (!checked.success) {
        issues.push(
          issue(
            "invalid_source",
            ["fieldMap", target],
            `Expected a column name, a column index, { column, split } or { value }; got ${describe(source)}.`,
          ),
        );
        continue;
      }
      if (typeof checked.data === "object" && "split" in checked.data && target !== "tags")
        issues.push(
          issue(
            "invalid_source",
            ["fieldMap", target, "split"],
            `Only "tags" may split a cell; ${quoteValue(target)} takes one value.`,
          ),
        );
      fields.push([target, checked.data]);
    }
    if (!fields.some(([target]) => target === "contact.name"))
      issues.push(
        issue(
          "missing_target",
          ["fieldMap", "contact.name"],
          'The field map must say where "contact.name" comes from.',
        ),
      );
  }
  const rules = new Map<ImportTarget, ImportUpdateRule>();
  const update = options.update;
  if (update !== undefined) {
    if (update === null || typeof update !== "object" || Array.isArray(update))
      issues.push(issue("invalid_type", ["update"], "Expected an object of rules by target field."));
    else
      for (const [target, rule] of Object.entries(update).slice(0, maxMapEntries + 1)) {
        if (!isTarget(target))
          issues.push(
            issue(
              "unknown_target",
              ["update", target],
              `Unknown target ${quoteValue(target)}. ${targetMessage}.`,
            ),
          );
        else if (rule !== "incoming" && rule !== "existing" && rule !== "fill")
          issues.push(
            issue(
              "invalid_rule",
              ["update", target],
              `Expected "incoming", "existing" or "fill"; got ${describe(rule)}.`,
            ),
          );
        else if (target === "externalId" && rule === "incoming")
          // The external id is what finds the lead again when its capture or import is retried:
          // replacing it would let that retry create a twin.
          issues.push(
            issue(
              "invalid_rule",
              ["update", target],
              `An import never replaces a lead's external id (a retry of the capture that gave it would create a twin); expected "fill" (take the record's only when the lead has none) or "existing".`,
            ),
          );
        else rules.set(target, rule);
      }
  }
  if (issues.length > 0) return err(issues.slice(0, 20));
  return ok({
    actor: options.actor,
    importId: options.importId,
    fields,
    capture: options.capture ?? { channel: "import", initiator: { kind: "user", userId: options.actor } },
    match: new Set(options.match ?? ["external_id", "email"]),
    onMatch: options.onMatch ?? "skip",
    rules,
    startAfter: options.startAfter ?? 0,
    batchSize: options.batchSize ?? 100,
    onProgress: options.onProgress,
    maxIssues: options.maxIssues ?? 1_000,
    consents: options.consents ?? [],
  });
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "string" ? `the string ${JSON.stringify(value.slice(0, 40))}` : typeof value;
}

// ---------------------------------------------------------------------------------------------
// Records

const yes = /^(1|true|yes|y|x|s[ií])$/i;
const no = /^(0|false|no|n)$/i;

/** A record mapped to a capture command, and which targets it gave a value. */
interface MappedRecord {
  readonly command: CaptureCommand;
  readonly present: readonly ImportTarget[];
  /** Whether the external id was derived (`<importId>:<row>`) rather than read. */
  readonly derived: boolean;
  /** The record's consents, each with whether the record dated it and its rule gave a proof. */
  readonly consents: readonly ImportedConsent[];
}

/** A consent read from a record: `explicit` when the record dated it and its rule gave a proof. */
interface ImportedConsent {
  readonly consent: Consent;
  readonly explicit: boolean;
}

/** One cell: a string (numbers and booleans as text), `undefined` when empty or absent, or an issue. */
function readCell(record: object, source: Source, target: string): string | undefined | Issue {
  if (typeof source === "object" && "value" in source)
    return source.value.trim() === "" ? undefined : source.value;
  const column = typeof source === "object" ? source.column : source;
  let raw: unknown;
  if (Array.isArray(record)) raw = typeof column === "number" ? record[column] : undefined;
  else
    raw =
      typeof column === "string" && Object.hasOwn(record, column)
        ? (record as Record<string, unknown>)[column]
        : undefined;
  if (raw === undefined || raw === null) return undefined;
  const text =
    typeof raw === "string"
      ? raw
      : typeof raw === "number" || typeof raw === "boolean" || typeof raw === "bigint"
        ? String(raw)
        : null;
  const path = target.split(".");
  if (text === null)
    return issue(
      "invalid_type",
      path,
      `Column ${JSON.stringify(String(column).slice(0, 100))} holds ${describe(raw)}; expected text.`,
    );
  if (text.length > maxCell)
    return issue(
      "too_big",
      path,
      `Column ${JSON.stringify(String(column).slice(0, 100))} holds ${text.length} characters; expected at most ${maxCell}.`,
    );
  return text.trim() === "" ? undefined : text;
}

/** Whether an external id is in an import's derived namespace: `<importId>:` then digits. */
function isDerivedExternalId(importId: string, externalId: string): boolean {
  return (
    externalId.length > importId.length + 1 &&
    externalId.startsWith(`${importId}:`) &&
    /^[0-9]+$/.test(externalId.slice(importId.length + 1))
  );
}

/** Maps one record to a capture command through the field map; never throws. */
function mapRecord(plan: ImportPlan, record: unknown, row: number, now: Date): Result<MappedRecord> {
  if (record === null || typeof record !== "object")
    return err([
      issue(
        "invalid_type",
        [],
        `Record ${row} is ${describe(record)}; expected an object (a CSV row) or an array.`,
      ),
    ]);
  const issues: Issue[] = [];
  const present: ImportTarget[] = [];
  const contact: Record<string, unknown> = { kind: "prospect" };
  const attributes: [string, string][] = [];
  const lead: Partial<Record<LeadField, string>> = {};
  const tags: string[] = [];
  let doNotContact = false;
  for (const [target, source] of plan.fields) {
    const value = readCell(record, source, target);
    if (value === undefined) continue;
    if (typeof value !== "string") {
      issues.push(value);
      continue;
    }
    present.push(target);
    if (target === "tags") {
      const split = typeof source === "object" && "split" in source ? source.split : undefined;
      const parts = split === undefined ? [value.trim()] : value.split(split).map((p) => p.trim());
      const kept = parts.filter((p) => p !== "");
      if (kept.length > maxParts)
        issues.push(
          issue(
            "too_big",
            ["tags"],
            `The cell splits into ${kept.length} tags; expected at most ${maxParts}.`,
          ),
        );
      else tags.push(...kept);
    } else if (target === "contact.doNotContact") {
      if (yes.test(value.trim())) doNotContact = true;
      else if (!no.test(value.trim()))
        issues.push(
          issue(
            "invalid_value",
            ["contact", "doNotContact"],
            `Expected yes or no (1/0, true/false, yes/no, y/n, x, sí); got ${JSON.stringify(value.slice(0, 40))}.`,
          ),
        );
    } else if (target.startsWith(attributePrefix)) {
      attributes.push([target.slice(attributePrefix.length), value]);
    } else if (target.startsWith("contact.")) {
      contact[target.slice("contact.".length)] = value;
    } else {
      lead[target as LeadField] = value;
    }
  }
  const consents = readConsents(plan, record, row, now, issues);
  // A record's own external id may not take the shape of another record's derived one
  // (`<importId>:<row>`): it would match that record's lead and hide it, or overwrite it.
  if (lead.externalId !== undefined && isDerivedExternalId(plan.importId, lead.externalId))
    issues.push(
      issue(
        "reserved_external_id",
        ["externalId"],
        `External id ${JSON.stringify(lead.externalId.slice(0, 60))} has the shape "${plan.importId.slice(0, 60)}:<row>" this import gives records without one; expected another external id, or another importId.`,
      ),
    );
  if (issues.length > 0) return err(issues);
  // Attribute names are data: built as own properties ("__proto__" included), never assigned.
  if (attributes.length > 0) contact["attributes"] = Object.fromEntries(attributes);
  if (consents.length > 0) contact["consents"] = consents.map((c) => c.consent);
  if (doNotContact)
    contact["doNotContact"] = [
      { channel: "any", reason: "manual", at: now, note: `import ${plan.importId}, row ${row}` },
    ];
  const externalId = lead.externalId ?? `${plan.importId}:${row}`;
  const command: CaptureCommand = {
    actor: plan.actor,
    externalId,
    contact: contact as CaptureCommand["contact"],
    capture: plan.capture,
    ...(lead.owner === undefined ? {} : { owner: lead.owner }),
    ...(lead.team === undefined ? {} : { team: lead.team }),
    ...(lead.source === undefined ? {} : { source: lead.source }),
    ...(lead.medium === undefined ? {} : { medium: lead.medium }),
    ...(lead.campaign === undefined ? {} : { campaign: lead.campaign }),
    ...(tags.length === 0 ? {} : { tags: [...new Set(tags)] }),
    onDuplicate: "create",
  };
  return ok({ command, present, derived: lead.externalId === undefined, consents });
}

/**
 * The consents a record carries under the import's consent rules: a yes cell grants, a no cell
 * withdraws, an empty cell says nothing. A record's date (the rule's `at` column) dates it, else the
 * import's time; a date after the import is refused.
 */
function readConsents(
  plan: ImportPlan,
  record: object,
  row: number,
  now: Date,
  issues: Issue[],
): ImportedConsent[] {
  const consents: ImportedConsent[] = [];
  for (const [index, rule] of plan.consents.entries()) {
    const path = ["consents", String(index)];
    const cell = readCell(record, rule.column, path.join("."));
    if (cell === undefined) continue;
    if (typeof cell !== "string") {
      issues.push(cell);
      continue;
    }
    const granted = yes.test(cell.trim());
    if (!granted && !no.test(cell.trim())) {
      issues.push(
        issue(
          "invalid_value",
          path,
          `Consent column ${JSON.stringify(String(rule.column).slice(0, 100))} holds ${JSON.stringify(cell.slice(0, 40))}; expected yes or no (1/0, true/false, yes/no, y/n, x, sí), or an empty cell.`,
        ),
      );
      continue;
    }
    let at = now;
    let dated = false;
    if (rule.at !== undefined) {
      const when = readCell(record, rule.at, [...path, "at"].join("."));
      if (typeof when === "object") {
        issues.push(when);
        continue;
      }
      if (when !== undefined) {
        const parsed = timestampSchema.safeParse(when.trim());
        if (!parsed.success || parsed.data.getTime() > now.getTime()) {
          issues.push(
            issue(
              "invalid_value",
              [...path, "at"],
              `Consent date column ${JSON.stringify(String(rule.at).slice(0, 100))} holds ${JSON.stringify(when.slice(0, 40))}; expected a date-time with an offset (e.g. 2026-01-05T10:00:00Z) no later than the import (${now.toISOString()}).`,
            ),
          );
          continue;
        }
        at = parsed.data;
        dated = true;
      }
    }
    consents.push({
      consent: {
        purpose: rule.purpose,
        status: granted ? "granted" : "withdrawn",
        at,
        source: `import ${plan.importId}, row ${row}`,
        basis: rule.basis,
        channel: rule.channel,
        ...(rule.proof === undefined ? {} : { proof: rule.proof }),
      },
      explicit: dated && rule.proof !== undefined,
    });
  }
  return consents;
}

/**
 * The import's consent rule: a withdrawal in a record is always added; a grant is added unless a
 * stored withdrawal decides the purpose on one of its channels and the grant is not both newer than
 * it and explicit (dated by the record, with a proof from its rule). Exact repeats are not added.
 */
function importConsents(
  stored: readonly Consent[],
  incoming: readonly ImportedConsent[],
): { readonly consents: readonly Consent[]; readonly refused: number } {
  const consents = [...stored];
  let refused = 0;
  for (const { consent, explicit } of incoming) {
    if (consents.some((c) => sameRecord(c, consent))) continue;
    if (consent.status === "granted") {
      const channels =
        consent.channel === "any" || consent.channel === undefined ? CHANNELS : [consent.channel];
      const weakens = channels.some((channel) => {
        const decisive = decideConsent(consents, { purpose: consent.purpose, channel });
        return (
          decisive?.status === "withdrawn" && !(explicit && consent.at.getTime() > decisive.at.getTime())
        );
      });
      if (weakens) {
        refused++;
        continue;
      }
    }
    consents.push(consent);
  }
  return { consents, refused };
}

// ---------------------------------------------------------------------------------------------
// Updates and merges of a matched lead

const holds = (lead: Lead, key: DuplicateKey, context: ServiceContext) =>
  duplicateKeys(lead, context.duplicates).some((k) => k.kind === key.kind && k.value === key.value);

/** The lead with the record's values applied by the rules; the very lead when nothing changes. */
function applyUpdate(
  plan: ImportPlan,
  lead: Lead,
  incoming: Lead,
  present: readonly ImportTarget[],
  now: Date,
): { lead: Lead; fields: string[] } {
  const fields: string[] = [];
  const contact: Record<string, unknown> = { ...lead.contact };
  const top: Record<string, unknown> = {};
  let attributes: Record<string, unknown> | undefined;
  const take = (target: ImportTarget, current: unknown, value: unknown) => {
    const rule = plan.rules.get(target) ?? "fill";
    if (value === undefined || rule === "existing") return false;
    if (rule === "fill" && current !== undefined) return false;
    if (sameRecord(current, value)) return false;
    fields.push(target);
    return true;
  };
  for (const target of present) {
    if (target === "owner") continue; // ownership changes go through transfer, with its own rights
    if (target === "tags") {
      if (plan.rules.get("tags") === "existing") continue;
      const added = incoming.tags.filter((t) => !lead.tags.includes(t));
      if (added.length > 0) {
        top["tags"] = [...lead.tags, ...added];
        fields.push("tags");
      }
    } else if (target === "contact.doNotContact") {
      // A flag in the record is always added: an import never lifts or ignores a do-not-contact.
      const flags = incoming.contact.doNotContact.filter(
        (f) => !lead.contact.doNotContact.some((d) => d.channel === f.channel && d.reason === f.reason),
      );
      if (flags.length > 0) {
        contact["doNotContact"] = [...lead.contact.doNotContact, ...flags];
        fields.push(target);
      }
    } else if (target.startsWith(attributePrefix)) {
      const name = target.slice(attributePrefix.length);
      const own = (o: Readonly<Record<string, unknown>>) => (Object.hasOwn(o, name) ? o[name] : undefined);
      const value = own(incoming.contact.attributes);
      if (take(target, own(lead.contact.attributes), value))
        attributes = Object.fromEntries([
          ...Object.entries(attributes ?? lead.contact.attributes).filter(([k]) => k !== name),
          [name, value],
        ]);
    } else if (target.startsWith("contact.")) {
      const field = target.slice("contact.".length) as ContactField;
      if (take(target, lead.contact[field], incoming.contact[field]))
        contact[field] = incoming.contact[field];
    } else {
      const field = target as Exclude<LeadField, "owner">;
      if (take(target, lead[field], incoming[field])) top[field] = incoming[field];
    }
  }
  if (fields.length === 0) return { lead, fields };
  if (attributes !== undefined) contact["attributes"] = attributes;
  return { lead: { ...lead, ...top, contact: contact as Lead["contact"], updatedAt: now }, fields };
}

// ---------------------------------------------------------------------------------------------
// The command

/** How many possible duplicates the final report keeps (progress reports carry every one). */
const maxPossibleDuplicates = 1000;

type RowOutcome =
  | { readonly kind: "created"; readonly lead: Lead }
  | { readonly kind: "updated" | "merged" | "skipped" }
  | { readonly kind: "failed"; readonly issues: readonly Issue[] }
  | { readonly kind: "merge_first"; readonly leadIds: readonly string[] };

/** A record mapped and drafted, with its email and phone keys under the match policy; or its issues. */
type Prepared =
  | { readonly row: number; readonly record: unknown; readonly issues: readonly Issue[] }
  | {
      readonly row: number;
      readonly record: unknown;
      readonly mapped: MappedRecord;
      readonly drafted: DraftedCapture;
      readonly keys: readonly DuplicateKey[];
    };

/** A record mapped and drafted. */
type Ready = Exclude<Prepared, { readonly issues: readonly Issue[] }>;

/** What a batch knows of keys: those its one lookup found held, and those it wrote since. */
interface BatchKeys {
  readonly held: ReadonlySet<string>;
  readonly touched: Set<string>;
}

const keyText = (key: DuplicateKey) => `${key.kind}\u0000${key.value}`;

/** Whether a record may match a lead: one of its keys is held (the batch's lookup) or was written by the batch. */
const mayMatch = (prepared: Ready, known: BatchKeys) =>
  prepared.keys.some((k) => known.held.has(keyText(k)) || known.touched.has(keyText(k)));

/** The keys of a record that at most one lead may hold: its external id and its email. */
const uniqueKeys = ({ drafted }: Ready, options: FindDuplicatesOptions): string[] => [
  ...(drafted.draft.externalId === undefined ? [] : [`external_id\u0000${drafted.draft.externalId}`]),
  ...duplicateKeys(drafted.draft, options)
    .filter((k) => k.kind === "email")
    .map(keyText),
];

/** Audit entries and events of created leads, appended once per batch (or before an update). */
interface Pending {
  audit: Parameters<RepositorySet["audit"]["append"]>[0][number][];
  events: Parameters<RepositorySet["outbox"]["append"]>[0][number][];
}

/**
 * Imports records as leads — see `LeadService.importLeads`: each record is mapped, validated and
 * captured as `capture` does it (policy, origin, assignment, scores, audit, events), or matched to
 * stored leads and skipped, updated or merged into them; batches of records share a transaction,
 * and the checkpoint advances batch by batch.
 */
export function importLeads(context: ServiceContext) {
  const mergeCommand = merge(context);
  return async (
    rows: Iterable<unknown> | AsyncIterable<unknown>,
    input: ImportLeadsOptions,
  ): Promise<Result<ImportReport>> => {
    const planned = planImport(input);
    if (!planned.ok) return planned;
    const plan = planned.value;
    if (
      rows === null ||
      typeof rows !== "object" ||
      (typeof (rows as Partial<AsyncIterable<unknown>>)[Symbol.asyncIterator] !== "function" &&
        typeof (rows as Partial<Iterable<unknown>>)[Symbol.iterator] !== "function")
    )
      return err([
        issue(
          "invalid_type",
          ["rows"],
          `Expected an iterable or async iterable of records; got ${describe(rows)}.`,
        ),
      ]);

    const counts = { created: 0, updated: 0, merged: 0, skipped: 0, failed: 0 };
    const kept: ImportIssue[] = [];
    let fresh: ImportIssue[] = [];
    let dropped = 0;
    const keptPairs: ImportPossibleDuplicate[] = [];
    let freshPairs: ImportPossibleDuplicate[] = [];
    let pairsDropped = 0;
    let checkpoint = plan.startAfter;

    const tally = (row: number, outcome: RowOutcome) => {
      if (outcome.kind === "failed") {
        counts.failed++;
        for (const i of outcome.issues) {
          const reported: ImportIssue = { ...i, row };
          fresh.push(reported);
          if (kept.length < plan.maxIssues) kept.push(reported);
          else dropped++;
        }
      } else if (outcome.kind !== "merge_first") counts[outcome.kind]++;
    };

    const flush = async (stores: RepositorySet, pending: Pending) => {
      if (pending.audit.length > 0) await stores.audit.append(pending.audit.splice(0));
      if (pending.events.length > 0) await stores.outbox.append(pending.events.splice(0));
    };

    /** Notes a lead's duplicate keys as written by this batch: later records holding one may match it. */
    const touch = (known: BatchKeys | null, lead: Lead) => {
      for (const k of duplicateKeys(lead, context.duplicates)) known?.touched.add(keyText(k));
    };

    /** Finds the stored leads a record matches, under the plan's keys. */
    const findMatches = async (stores: RepositorySet, drafted: DraftedCapture, derived: boolean) => {
      const found = new Map<string, { lead: Lead; on: "external_id" | readonly DuplicateKey[] }>();
      const { draft } = drafted;
      if (draft.externalId !== undefined && (derived || plan.match.has("external_id"))) {
        const holder = await stores.leads.getByExternalId(draft.externalId);
        if (holder !== null) found.set(holder.id, { lead: holder, on: "external_id" });
      }
      const keys = duplicateKeys(draft, context.duplicates).filter(
        (k) => (k.kind === "email" || k.kind === "phone") && plan.match.has(k.kind),
      );
      if (keys.length > 0) {
        // At most 2 per key: an email has one holder at most; a phone held by two or more leads is
        // a switchboard, not a person, and matches nobody.
        const leads = await stores.leads.findByDuplicateKeys(keys, { limit: 1 });
        for (const key of keys) {
          const holders = leads.filter((l) => holds(l, key, context));
          if (holders.length === 1 && !found.has((holders[0] as Lead).id))
            found.set((holders[0] as Lead).id, { lead: holders[0] as Lead, on: [key] });
        }
      }
      return [...found.values()];
    };

    /** Maps and drafts a record (pure): the capture command, the drafted lead and its lookup keys. */
    const prepare = (row: number, record: unknown): Prepared => {
      const mapped = mapRecord(plan, record, row, nowOf(context));
      if (!mapped.ok) return { row, record, issues: mapped.issues };
      const drafted = draftCapture(context, mapped.value.command);
      if (!drafted.ok) return { row, record, issues: drafted.issues };
      const keys = duplicateKeys(drafted.value.draft, context.duplicates).filter(
        (k) => (k.kind === "email" || k.kind === "phone") && plan.match.has(k.kind),
      );
      return { row, record, mapped: mapped.value, drafted: drafted.value, keys };
    };

    /**
     * One record, inside the batch's unit of work. With `known` (what one lookup for the whole
     * batch found, and the keys the batch wrote since), a record none of whose keys is held goes
     * straight to the insert, whose unique keys catch an external id or email stored before (a
     * resumed import); without, or when it may match, its matches are looked up one by one.
     */
    const importRow = async (
      stores: RepositorySet,
      prepared: Prepared,
      pending: Pending,
      known: BatchKeys | null,
      retried = false,
    ): Promise<RowOutcome> => {
      if ("issues" in prepared) return { kind: "failed", issues: prepared.issues };
      const { row, mapped, drafted } = prepared;
      const looked = known === null || mayMatch(prepared, known);
      // As a capture does it: a lead the actor may not see and that holds none of the record's
      // unique keys (only its phone) is not there, unless the policy reveals hidden leads.
      const found = looked ? await findMatches(stores, drafted, mapped.derived) : [];
      const matches = found.filter(
        (m) =>
          canSeeLead(m.lead, plan.actor, context.policy) ||
          revealsHiddenLeads(context.policy) ||
          m.on === "external_id" ||
          m.on.some((k) => k.kind === "email"),
      );
      const hidden = matches.find((m) => !canSeeLead(m.lead, plan.actor, context.policy));
      if (hidden !== undefined)
        return { kind: "failed", issues: [hiddenDuplicate(context, plan.actor, hidden.lead.id, hidden.on)] };
      if (matches.length === 0) return createRow(stores, prepared, pending, known, looked, retried);

      if (plan.onMatch === "skip") return { kind: "skipped" };
      if (matches.length > 1) {
        if (plan.onMatch === "merge" && !retried)
          return { kind: "merge_first", leadIds: matches.map((m) => m.lead.id) };
        return {
          kind: "failed",
          issues: [
            issue(
              "ambiguous_match",
              [],
              `This record matches ${matches.length} leads (${matches.map((m) => `"${m.lead.id}"`).join(", ")}); expected one to ${plan.onMatch}. Merge them first, or import with onMatch "merge".`,
            ),
          ],
        };
      }
      // The change's audit entry and events join the batch's pending ones, after those of the
      // records before it, so each lead's events stay in order.
      const target = (matches[0] as { lead: Lead }).lead;
      const command = { actor: plan.actor, leadId: target.id };
      const details = { importId: plan.importId, row };
      const changed = await changeLead(
        context,
        stores,
        command,
        plan.onMatch === "update" ? "update" : "merge a record into",
        "work",
        (lead, now): Result<LeadChange<Record<never, never>>> => {
          if (plan.onMatch === "update") {
            const next = applyUpdate(plan, lead, drafted.draft, mapped.present, now);
            const consents = importConsents(lead.contact.consents, mapped.consents);
            const added = consents.consents.length > lead.contact.consents.length;
            if (next.lead === lead && !added)
              return ok({ lead, audit: { action: "import_update" }, events: () => [], value: {} });
            const updated: Lead = added
              ? {
                  ...next.lead,
                  contact: { ...next.lead.contact, consents: consents.consents },
                  updatedAt: now,
                }
              : next.lead;
            const fields = added ? [...next.fields, "contact.consents"] : next.fields;
            const scored = rescoreLead(updated, context.models, { now, previous: lead });
            return ok({
              lead: scored.lead,
              audit: {
                action: "import_update",
                details: {
                  ...details,
                  fields: fields.join(","),
                  ...(consents.refused > 0 ? { refusedConsents: consents.refused } : {}),
                },
              },
              events: (saved) => [...scoreChanged(scored.changes), ...consentChanged(lead, saved)],
              value: {},
            });
          }
          // The record as a duplicate that cannot win: same stage, no interactions, newer.
          const later = new Date(Math.max(now.getTime(), lead.createdAt.getTime() + 1));
          const record: Lead = {
            ...drafted.draft,
            stage: lead.stage,
            interactions: [],
            history: [],
            createdAt: later,
            updatedAt: later,
          };
          const merged = mergeLeads([lead, record], { now });
          if (!merged.ok) return merged;
          const unchanged = { ...merged.value.lead, updatedAt: lead.updatedAt };
          if (merged.value.survivorId !== lead.id || sameRecord(unchanged, lead))
            return ok({ lead, audit: { action: "import_merge" }, events: () => [], value: {} });
          const scored = rescoreLead(merged.value.lead, context.models, { now, previous: lead });
          return ok({
            lead: scored.lead,
            audit: {
              action: "import_merge",
              details: { ...details, conflicts: merged.value.conflicts.length },
            },
            events: (saved) => [
              ...ownershipChanged("import_merge", lead, saved),
              ...scoreChanged(scored.changes),
              ...consentChanged(lead, saved),
            ],
            value: {},
          });
        },
        nowOf(context),
        pending,
      );
      if (!changed.ok) return { kind: "failed", issues: changed.issues };
      if (changed.value.lead.version === target.version) return { kind: "skipped" };
      touch(known, changed.value.lead);
      return { kind: plan.onMatch === "update" ? "updated" : "merged" };
    };

    /**
     * A record that matches no stored lead becomes one, saved on its own. A key taken meanwhile (the
     * batch's lookup did not see it, or another writer stored it) sends it back to matching.
     */
    const createRow = async (
      stores: RepositorySet,
      prepared: Ready,
      pending: Pending,
      known: BatchKeys | null,
      mayMatch: boolean,
      retried: boolean,
    ): Promise<RowOutcome> => {
      const { row, mapped, drafted } = prepared;
      const assigned = await assignCapture(context, stores, drafted);
      if (!assigned.ok) return { kind: "failed", issues: assigned.issues };
      const saved = await stores.leads.save(assigned.value.lead, { expectedVersion: 0 });
      if (!saved.ok) {
        if (assigned.value.turn !== null) await giveBack(context, stores, assigned.value.turn);
        if (saved.code !== "key_taken")
          return { kind: "failed", issues: [conflictIssue(saved.leadId, 0, saved.currentVersion)] };
        const counted =
          saved.key.kind === "external_id"
            ? mapped.derived || plan.match.has("external_id")
            : plan.match.has("email");
        // Not looked up yet (the batch's lookup did not see the key): look it up now. Looked up,
        // and a lead stored meanwhile under a key that counts (another writer): once more.
        if (counted && !mayMatch) return importRow(stores, prepared, pending, null);
        if (counted && !retried) return importRow(stores, prepared, pending, null, true);
        // A key a hidden lead holds is refused as capture refuses it, without saying which key.
        const holder = await stores.leads.get(saved.existingId);
        if (holder !== null && !canSeeLead(holder, plan.actor, context.policy))
          return {
            kind: "failed",
            issues: [
              hiddenDuplicate(
                context,
                plan.actor,
                holder.id,
                saved.key.kind === "external_id"
                  ? "external_id"
                  : [{ kind: "email", value: saved.key.value }],
              ),
            ],
          };
        const field = saved.key.kind === "external_id" ? "externalId" : "email";
        return {
          kind: "failed",
          issues: [
            issue(
              "key_taken",
              saved.key.kind === "external_id" ? ["externalId"] : ["contact", "email"],
              `Another lead holds this record's ${field}, and the import's match keys (${[...plan.match].join(", ")}) do not count it as the same lead; add "${saved.key.kind}" to match to update or merge it.`,
            ),
          ],
        };
      }
      const record_ = captureRecord(drafted, saved.lead, assigned.value.changes, {
        importId: plan.importId,
        row,
      });
      pending.audit.push(...record_.audit);
      pending.events.push(...record_.events);
      touch(known, saved.lead);
      return { kind: "created", lead: saved.lead };
    };

    /**
     * Records that match no stored lead and share no key with each other, created together: assigned
     * with one turn-taking of the rotation and inserted with one `insertMany`. When the repository
     * has no `insertMany`, when the rotation is busy, or when a lead is refused (a key stored since
     * the batch's lookup), the turns are given back and each record is created on its own instead,
     * exactly as without batching.
     */
    const createMany = async (
      stores: RepositorySet,
      queued: readonly Ready[],
      pending: Pending,
      known: BatchKeys,
    ): Promise<RowOutcome[]> => {
      const insertMany = stores.leads.insertMany?.bind(stores.leads);
      if (insertMany !== undefined && queued.length > 1) {
        const assigned = await assignCaptures(
          context,
          stores,
          queued.map((p) => p.drafted),
        );
        if (assigned.ok) {
          const { leads, turn } = assigned.value;
          const inserted = await insertMany(leads.map((a) => a.lead));
          if (inserted.ok)
            return queued.map(({ row, drafted }, index) => {
              const lead = inserted.leads[index] as Lead;
              const record_ = captureRecord(
                drafted,
                lead,
                (leads[index] as { changes: readonly ScoreChange[] }).changes,
                {
                  importId: plan.importId,
                  row,
                },
              );
              pending.audit.push(...record_.audit);
              pending.events.push(...record_.events);
              return { kind: "created", lead } as const;
            });
          if (turn !== null) await giveBack(context, stores, turn);
        }
      }
      const outcomes: RowOutcome[] = [];
      for (const item of queued) outcomes.push(await createRow(stores, item, pending, known, false, false));
      return outcomes;
    };

    /** A batch: as many records as possible per unit of work; a record matching several leads to merge goes alone. */
    const runBatch = async (batch: readonly { row: number; record: unknown }[]) => {
      const prepared = batch.map(({ row, record }) => prepare(row, record));
      let next = 0;
      while (next < prepared.length) {
        const done = await unitOfWork(context, async (stores) => {
          const rest = prepared.slice(next);
          // One lookup for the whole batch: which of its email and phone keys are held already.
          const wanted = new Map<string, DuplicateKey>();
          for (const p of rest) if ("keys" in p) for (const k of p.keys) wanted.set(keyText(k), k);
          const holders =
            wanted.size === 0
              ? []
              : await stores.leads.findByDuplicateKeys([...wanted.values()], { limit: 1 });
          const held = new Set<string>();
          for (const lead of holders)
            for (const k of duplicateKeys(lead, context.duplicates))
              if (wanted.has(keyText(k))) held.add(keyText(k));
          const known: BatchKeys = { held, touched: new Set() };
          const pending: Pending = { audit: [], events: [] };
          const outcomes: RowOutcome[] = [];
          // Records that may match nothing wait in `queued` to be created together; a record that
          // may match one of them or a stored lead, or shares a unique key with one, is handled
          // after they are created, so every record sees the ones before it.
          let queued: { readonly index: number; readonly item: Ready }[] = [];
          let queuedKeys = new Set<string>();
          const create = async () => {
            if (queued.length === 0) return;
            const created = await createMany(
              stores,
              queued.map((q) => q.item),
              pending,
              known,
            );
            for (const [nth, { index }] of queued.entries()) outcomes[index] = created[nth] as RowOutcome;
            queued = [];
            queuedKeys = new Set();
          };
          for (const [index, item] of rest.entries()) {
            if ("issues" in item) {
              outcomes[index] = { kind: "failed", issues: item.issues };
              continue;
            }
            const unique = uniqueKeys(item, context.duplicates);
            if (!mayMatch(item, known) && !unique.some((k) => queuedKeys.has(k))) {
              queued.push({ index, item });
              for (const k of unique) queuedKeys.add(k);
              touch(known, item.drafted.draft);
              continue;
            }
            await create();
            const outcome = await importRow(stores, item, pending, known);
            outcomes[index] = outcome;
            if (outcome.kind === "merge_first") break;
          }
          await create();
          // Inside the batch's unit of work: a failure rolls the batch back with its proposals, and
          // resuming from the checkpoint finds both again.
          const proposals = await proposeDuplicates(
            stores,
            outcomes.flatMap((outcome, index) =>
              outcome.kind === "created" ? [{ row: (rest[index] as Prepared).row, lead: outcome.lead }] : [],
            ),
          );
          await flush(stores, pending);
          return ok({ outcomes, proposals });
        });
        if (!done.ok)
          throw new LeadKitError(
            "invariant",
            "An import batch's unit of work returned issues; it never aborts.",
          );
        // Counted once the batch is stored: a batch rolled back by a failure counts nothing.
        for (const [offset, outcome] of done.value.outcomes.entries())
          tally((prepared[next + offset] as Prepared).row, outcome);
        for (const pair of done.value.proposals) {
          freshPairs.push(pair);
          if (keptPairs.length < maxPossibleDuplicates) keptPairs.push(pair);
          else pairsDropped++;
        }
        next += done.value.outcomes.length;
        const last = done.value.outcomes.at(-1);
        if (last?.kind === "merge_first") {
          const item = prepared[next - 1] as Prepared;
          const merged = await mergeCommand({
            actor: plan.actor,
            leadIds: last.leadIds,
            reason: `import ${plan.importId}, row ${item.row}`,
          });
          const folded = !merged.ok
            ? ({ kind: "failed", issues: merged.issues } as const)
            : await unitOfWork(context, async (stores) => {
                const pending: Pending = { audit: [], events: [] };
                const outcome = await importRow(stores, item, pending, null, true);
                await flush(stores, pending);
                return ok(outcome);
              }).then((r) => (r.ok ? r.value : ({ kind: "failed", issues: r.issues } as const)));
          tally(item.row, folded.kind === "skipped" ? { kind: "merged" } : folded);
        }
      }
    };

    /**
     * The possible duplicates of the leads a batch created, in the batch's unit of work: one bounded
     * lookup for the batch, read only (proposals, never merged). A lead is paired with leads stored
     * before it — by earlier rows or before the import — so each pair is reported once, by its
     * later row.
     */
    const proposeDuplicates = async (
      stores: RepositorySet,
      created: readonly { row: number; lead: Lead }[],
    ): Promise<ImportPossibleDuplicate[]> => {
      if (created.length === 0 || context.possibleDuplicates === null) return [];
      const rowOf = new Map(created.map(({ row, lead }) => [lead.id, row]));
      const found = await lookUpPossibleDuplicates(
        context,
        stores,
        plan.actor,
        created.map(({ row, lead }) => ({
          lead,
          skip: (id: string) => (rowOf.get(id) ?? 0) > row,
        })),
        true,
      );
      return created.flatMap(({ row, lead }, index) =>
        (found[index] ?? []).map((match) => ({
          row,
          leadId: lead.id,
          existingId: match.lead.id,
          score: match.score,
          reasons: match.reasons,
        })),
      );
    };

    const report = async (final: boolean) => {
      const progress: ImportProgress = {
        checkpoint,
        ...counts,
        issues: final ? kept : fresh,
        possibleDuplicates: final ? keptPairs : freshPairs,
      };
      fresh = [];
      freshPairs = [];
      if (!final) await plan.onProgress?.(progress);
      return progress;
    };

    const transactional = context.repositories.transaction !== undefined;
    let batch: { row: number; record: unknown }[] = [];
    let row = 0;
    let sinceProgress = 0;
    const commit = async () => {
      if (batch.length === 0) return;
      await runBatch(batch);
      checkpoint = (batch.at(-1) as { row: number }).row;
      sinceProgress += batch.length;
      batch = [];
      if (sinceProgress >= plan.batchSize) {
        sinceProgress = 0;
        await report(false);
      }
    };
    for await (const record of rows) {
      row++;
      if (row <= plan.startAfter) continue;
      batch.push({ row, record });
      // Without transactions each record is its own unit of work, as a capture is.
      if (batch.length >= (transactional ? plan.batchSize : 1)) await commit();
    }
    await commit();
    if (sinceProgress > 0) await report(false);
    const final = await report(true);
    return ok({ ...final, rows: row, issuesDropped: dropped, possibleDuplicatesDropped: pairsDropped });
  };
}
