import type { Issue } from "../internal/index.js";
import type { CaptureFacts, Channel, Consent, LawfulBasis, PossibleDuplicateReason } from "../model/index.js";

/**
 * A lead field an import can fill from a record: the capture command's fields and the contact's,
 * `contact.attributes.<name>` for custom attributes, and `contact.doNotContact` (a cell that says
 * yes — `1`, `true`, `yes`, `y`, `x`, `sí` — adds a do-not-contact flag on every channel).
 *
 * @example
 * ```ts
 * import type { ImportTarget } from "leadkit/services";
 *
 * // A mapping screen: the user picks a target for each column of the file.
 * const choices: Record<string, ImportTarget> = { Name: "contact.name", Email: "contact.email", Segment: "contact.attributes.crm_segment" };
 * declare const rows: readonly Record<string, string>[];
 * await service.importLeads(rows, { actor: "u-marta", importId: "upload-1", fieldMap: Object.fromEntries(Object.entries(choices).map(([column, target]) => [target, column])) });
 * ```
 * @category Services
 */
export type ImportTarget =
  | "externalId"
  | "owner"
  | "team"
  | "source"
  | "medium"
  | "campaign"
  | "tags"
  | "contact.kind"
  | "contact.entity"
  | "contact.name"
  | "contact.email"
  | "contact.phone"
  | "contact.company"
  | "contact.jobTitle"
  | "contact.website"
  | "contact.industry"
  | "contact.companySize"
  | "contact.country"
  | "contact.city"
  | "contact.language"
  | "contact.doNotContact"
  | `contact.attributes.${string}`;

/**
 * Where a target's value comes from in a record: a column (the key of a CSV row or a plain
 * object, or the index of an array row), a column split into several values (for `tags`), or a
 * constant.
 *
 * @example
 * ```ts
 * import type { ImportFieldSource } from "leadkit/services";
 *
 * const email: ImportFieldSource = "E-mail"; // a column
 * const tags: ImportFieldSource = { column: "Labels", split: ";" }; // "vip; fair" → ["vip", "fair"]
 * const kind: ImportFieldSource = { value: "customer" }; // the same for every row: a customer list
 * await service.importLeads([{ Name: "Ana García", "E-mail": "ana@acme.es", Labels: "vip; fair" }], {
 *   actor: "u-marta", importId: "customers-2026", fieldMap: { "contact.name": "Name", "contact.email": email, tags, "contact.kind": kind },
 * });
 * ```
 * @category Services
 */
export type ImportFieldSource =
  | string
  | number
  | {
      /** The column: a key of the record, or an index of an array record. */
      readonly column: string | number;
      /** Splits the cell on this text (e.g. `";"`), each part trimmed, empty parts dropped. */
      readonly split?: string;
    }
  | {
      /** The same value for every record. */
      readonly value: string;
    };

/**
 * How a record becomes a lead: for each target field, where its value comes from. A record is read
 * only at the columns the map names, with own-key checks (a column named `__proto__` is a column
 * like any other); empty cells count as absent. `contact.name` must be mapped; `contact.kind` is
 * `"prospect"` unless mapped. At most 200 entries.
 *
 * @example
 * ```ts
 * import type { ImportFieldMap } from "leadkit/services";
 *
 * const fieldMap: ImportFieldMap = {
 *   externalId: "CRM id",
 *   "contact.name": "Full name",
 *   "contact.email": "E-mail",
 *   "contact.company": "Company",
 *   "contact.attributes.segment": "Segment",
 *   tags: { column: "Labels", split: ";" },
 * };
 * declare const csvRows: AsyncIterable<Record<string, string>>; // e.g. from csv-parse
 * const report = await service.importLeads(csvRows, { actor: "u-marta", importId: "crm-2026-03", fieldMap });
 * if (report.ok) console.log(`${report.value.created} created, ${report.value.failed} failed`);
 * ```
 * @category Services
 */
export type ImportFieldMap = {
  readonly [T in ImportTarget]?: ImportFieldSource;
};

/**
 * A key by which an imported record matches a stored lead: its external id, its normalised email,
 * or its sanitised phone (only when exactly one stored lead holds it).
 *
 * @example
 * ```ts
 * import type { ImportMatchKey } from "leadkit/services";
 *
 * // Re-importing a list: a row that matches a stored lead by id, email or phone is skipped.
 * const match: ImportMatchKey[] = ["external_id", "email", "phone"];
 * declare const rows: readonly Record<string, string>[];
 * await service.importLeads(rows, { actor: "u-marta", importId: "fair-2026", fieldMap: { "contact.name": "Name", "contact.phone": "Phone" }, match, onMatch: "skip" });
 * ```
 * @category Services
 */
export type ImportMatchKey = "external_id" | "email" | "phone";

/**
 * Which value survives when `onMatch` is `"update"`: the record's (`"incoming"`), the stored
 * lead's (`"existing"`), or the record's only where the lead has none (`"fill"`, the default).
 * An empty cell never erases a value. `tags` are added to (never removed), and a do-not-contact
 * flag in a record is always added.
 *
 * @example
 * ```ts
 * import type { ImportUpdateRule } from "leadkit/services";
 *
 * // The file's phone numbers are newer than ours; for every other field, fill only what is missing.
 * const phone: ImportUpdateRule = "incoming";
 * declare const rows: readonly Record<string, string>[];
 * await service.importLeads(rows, {
 *   actor: "u-marta", importId: "phones-2026", fieldMap: { "contact.name": "Name", "contact.email": "Email", "contact.phone": "Phone" },
 *   match: ["email"], onMatch: "update", update: { "contact.phone": phone },
 * });
 * ```
 * @category Services
 */
export type ImportUpdateRule = "incoming" | "existing" | "fill";

/**
 * How a record's column becomes a consent record: a cell that says yes (`1`, `true`, `yes`, `y`,
 * `x`, `sí`) grants, one that says no (`0`, `false`, `no`, `n`) withdraws, an empty cell says
 * nothing. The consent gets the rule's purpose, channel, lawful basis and proof, the source
 * `"import <importId>, row <n>"`, and the date in the `at` column (an ISO date-time with an offset,
 * no later than the import), or the import's time when there is none.
 *
 * @remarks
 * An import never weakens a withdrawal. A new lead takes the record's consents as they are. On
 * `onMatch: "update"`, a withdrawal is always added; a grant is added unless a stored withdrawal
 * decides its purpose on one of its channels (see `decideConsent`) and the grant is not **both**
 * dated by the record after that withdrawal **and** backed by the rule's `proof`: a grant older
 * than or tied with the withdrawal, or undated, or without proof, is not added (the audit entry
 * counts it as `refusedConsents`). On `onMatch: "merge"`, the model's `mergeLeads` applies, which
 * restates any withdrawal a later grant would override: to record a new opt-in after a withdrawal,
 * import it with `"update"` and a proof.
 *
 * @example
 * ```ts
 * import type { ImportConsentRule } from "leadkit/services";
 *
 * const rule: ImportConsentRule = {
 *   column: "Newsletter opt-in",
 *   at: "Opt-in date",
 *   purpose: "newsletter",
 *   channel: "email",
 *   basis: "consent",
 *   proof: { form: "newsletter-footer", page: "https://acme.example/" },
 * };
 * const rows = [{ Name: "Ana García", Email: "ana@acme.es", "Newsletter opt-in": "yes", "Opt-in date": "2026-02-01T10:00:00Z" }];
 * await service.importLeads(rows, { actor: "u-marta", importId: "newsletter-2026", fieldMap: { "contact.name": "Name", "contact.email": "Email" }, consents: [rule] });
 * ```
 * @category Services
 */
export interface ImportConsentRule {
  /** The column that says yes (grant) or no (withdraw). */
  readonly column: string | number;
  /** The column with the date the person said so; the import's time when left out or empty. */
  readonly at?: string | number;
  /** The purpose of the consent, e.g. `"newsletter"`. */
  readonly purpose: string;
  /** The channel it covers, or `"any"`. */
  readonly channel: Channel | "any";
  /** Its lawful basis (GDPR art. 6). */
  readonly basis: LawfulBasis;
  /** Where it was given and how it can be shown; needed for a grant to override an older withdrawal. */
  readonly proof?: Consent["proof"];
}

/**
 * What {@link LeadService.importLeads} is asked to do.
 *
 * @remarks
 * **Matching.** A record matches the stored leads that hold one of its `match` keys. The external
 * id the import derives for a record without one (`<importId>:<row>`) always counts: it is how a
 * resumed import recognises the rows it stored before. A record whose external id or email is
 * held by a lead that the policy does not count as a match cannot be stored (keys are unique) and
 * gets a `key_taken` issue.
 *
 * **On a match**: `"skip"` writes nothing; `"update"` applies the record to the one matched lead
 * field by field, as `update` says; `"merge"` merges the matched leads (when several) with the
 * service's `merge`, then folds the record into the survivor with the model's `mergeLeads` — the
 * stored values win, the record fills what is empty, tags, consents and do-not-contact flags are
 * united, and a do-not-contact flag or a consent withdrawal is never weakened. Consents come from
 * `consents` rules ({@link ImportConsentRule}, which gives the rule for updates).
 *
 * @example
 * ```ts
 * import type { ImportLeadsOptions } from "leadkit/services";
 *
 * const options: ImportLeadsOptions = {
 *   actor: "u-marta",
 *   importId: "crm-export-2026-03",
 *   fieldMap: { "contact.name": "Name", "contact.email": "Email" },
 *   match: ["external_id", "email"],
 *   onMatch: "update",
 *   update: { "contact.phone": "incoming" },
 * };
 * const report = await service.importLeads([{ Name: "Ana García", Email: "ana@acme.es" }], options);
 * if (report.ok) report.value.updated;
 * ```
 * @category Services
 */
export interface ImportLeadsOptions {
  /** Who imports: every record is captured (and every match updated) as this actor, under the policy. */
  readonly actor: string;
  /**
   * Names this import, 1–100 letters, digits, `.`, `_`, `:` or `-` (e.g. the file and date). A
   * record without an external id gets `<importId>:<row>`, so running the same import again —
   * after a failure, from its checkpoint or from the start — finds the leads it stored.
   */
  readonly importId: string;
  /** How a record becomes a lead. */
  readonly fieldMap: ImportFieldMap;
  /** How the leads were captured; `{ channel: "import", initiator: { kind: "user", userId: actor } }` when left out. */
  readonly capture?: CaptureFacts;
  /** Which keys make a record the same lead as a stored one; `["external_id", "email"]` when left out. */
  readonly match?: readonly ImportMatchKey[];
  /** What to do with a record that matches: `"skip"` (the default), `"update"` or `"merge"`. */
  readonly onMatch?: "skip" | "update" | "merge";
  /** For `"update"`: which value survives, per target; `"fill"` for targets left out. `owner` is never updated (transfer the lead). */
  readonly update?: { readonly [T in ImportTarget]?: ImportUpdateRule };
  /** Records to skip before reading: a previous run's `checkpoint`, to resume it. 0 when left out. */
  readonly startAfter?: number;
  /**
   * Records per transaction (when the repositories have transactions), 1–1,000; 100 when left out.
   * The checkpoint advances batch by batch.
   */
  readonly batchSize?: number;
  /** Called after each batch is stored, with the counts so far, the checkpoint and the new issues. */
  readonly onProgress?: (progress: ImportProgress) => void | Promise<void>;
  /** How many issues the report keeps (the others are counted); 1,000 when left out, at most 10,000. */
  readonly maxIssues?: number;
  /** Columns that grant or withdraw consents (at most 20); none when left out. */
  readonly consents?: readonly ImportConsentRule[];
}

/**
 * A problem with one record: nothing of it was written. `row` is the record's number, 1 for the
 * first record the iterable yields (a CSV's header line is not a record).
 *
 * @example
 * ```ts
 * import type { ImportIssue } from "leadkit/services";
 *
 * // A line per rejected row, for the person who uploaded the file.
 * const line = (issue: ImportIssue) => `row ${issue.row}, ${issue.path.join(".")}: ${issue.message}`;
 * const report = await service.importLeads([{ Name: "Ana", Email: "not an email" }], { actor: "u-marta", importId: "upload-2", fieldMap: { "contact.name": "Name", "contact.email": "Email" } });
 * if (report.ok) report.value.issues.map(line);
 * ```
 * @category Services
 */
export interface ImportIssue extends Issue {
  /** The record's number, from 1. */
  readonly row: number;
}

/**
 * A lead an import created that may be the same person as a lead stored before it (by an earlier
 * row, or before the import): a proposal to review, never merged. Both are leads the importing
 * actor may see.
 *
 * @example
 * ```ts
 * import type { ImportPossibleDuplicate } from "leadkit/services";
 *
 * declare const rows: readonly Record<string, string>[];
 * const report = await service.importLeads(rows, { actor: "u-marta", importId: "fair-2026", fieldMap: { "contact.name": "Name", "contact.company": "Company" } });
 * // A review queue: each created lead next to the stored lead it may duplicate.
 * const review = (pair: ImportPossibleDuplicate) => `row ${pair.row}: ${pair.leadId} ≈ ${pair.existingId} (${pair.score})`;
 * if (report.ok) report.value.possibleDuplicates.map(review);
 * ```
 * @category Services
 */
export interface ImportPossibleDuplicate {
  /** The record's number, from 1. */
  readonly row: number;
  /** The lead the record created. */
  readonly leadId: string;
  /** The stored lead it may duplicate. */
  readonly existingId: string;
  /** How likely the two are one person, 0–1. */
  readonly score: number;
  /** Why, strongest evidence first; reasons name what matched, never a value. */
  readonly reasons: readonly PossibleDuplicateReason[];
}

/**
 * How far an import got: counts, the checkpoint to resume from, and the issues found since the
 * previous progress report.
 *
 * @example
 * ```ts
 * import type { ImportProgress } from "leadkit/services";
 *
 * declare function saveCheckpoint(importId: string, row: number): Promise<void>;
 * const onProgress = async (p: ImportProgress) => {
 *   await saveCheckpoint("crm-export-2026-03", p.checkpoint);
 *   console.log(`${p.checkpoint} rows: ${p.created} created, ${p.failed} failed`);
 * };
 * ```
 * @category Services
 */
export interface ImportProgress {
  /**
   * Records whose outcome is stored (or reported as an issue), counting the skipped `startAfter`
   * ones: pass it as `startAfter` to resume after a failure.
   */
  readonly checkpoint: number;
  /** Leads created. */
  readonly created: number;
  /** Leads updated by a matching record. */
  readonly updated: number;
  /** Matching records merged into a lead (and matched leads merged together). */
  readonly merged: number;
  /** Matching records left alone: `"skip"`, or an update or merge that changed nothing. */
  readonly skipped: number;
  /** Records not written, each with at least one issue. */
  readonly failed: number;
  /** The issues found since the previous report (in the final report: every issue kept). */
  readonly issues: readonly ImportIssue[];
  /**
   * Possible duplicates of the leads created since the previous report, highest score first per
   * row (in the final report: the first 1,000 found). Proposals only: exact matches are what
   * `match` and `onMatch` handle. Empty when the service's `possibleDuplicates` is `false`.
   */
  readonly possibleDuplicates: readonly ImportPossibleDuplicate[];
}

/**
 * What {@link LeadService.importLeads} did.
 *
 * @example
 * ```ts
 * import type { ImportReport } from "leadkit/services";
 *
 * const result = await service.importLeads([{ Name: "Ana García" }], { actor: "u-marta", importId: "upload-3", fieldMap: { "contact.name": "Name" } });
 * if (result.ok) {
 *   const report: ImportReport = result.value;
 *   for (const issue of report.issues) console.log(`row ${issue.row}: ${issue.message}`);
 * }
 * ```
 * @category Services
 */
export interface ImportReport extends ImportProgress {
  /** Records read, the skipped `startAfter` ones included. */
  readonly rows: number;
  /** Issues found but not kept in `issues` (over `maxIssues`). */
  readonly issuesDropped: number;
  /** Possible duplicates found but not kept in `possibleDuplicates` (over 1,000); `onProgress` saw them all. */
  readonly possibleDuplicatesDropped: number;
}
