import { err, type Issue, issue, ok, type Result } from "../internal/index.js";
import { decideConsent } from "./check-contact-permission.js";
import type { Consent } from "./contact-schema.js";
import type { Interaction } from "./interaction-schema.js";
import type { Lead } from "./lead-schema.js";
import { CHANNELS, type Channel, type LeadStage } from "./vocabulary.js";

/**
 * A field on which merged records disagreed: the survivor's value was kept, the others are listed
 * so a person can decide.
 *
 * @example
 * ```ts
 * import { type MergeConflict, mergeLeads } from "leadkit";
 *
 * declare const survivor: import("leadkit").Lead;
 * declare const duplicate: import("leadkit").Lead;
 * const merged = mergeLeads([survivor, duplicate], { now });
 * const conflicts: readonly MergeConflict[] = merged.ok ? merged.value.conflicts : [];
 * for (const c of conflicts) console.log(`${c.path.join(".")}: kept ${String(c.kept)}, others ${c.others.length}`);
 * ```
 * @category Model
 */
export interface MergeConflict {
  /** Where the field is, e.g. `["contact", "phone"]`. */
  readonly path: readonly string[];
  /** The survivor's value, which the merged lead holds. */
  readonly kept: unknown;
  /** The other records' differing values. */
  readonly others: readonly { readonly leadId: string; readonly value: unknown }[];
}

/**
 * The outcome of {@link mergeLeads}.
 *
 * @example
 * ```ts
 * import { mergeLeads } from "leadkit";
 *
 * declare const a: import("leadkit").Lead;
 * declare const b: import("leadkit").Lead;
 * const merged = mergeLeads([a, b], { now });
 * if (merged.ok) {
 *   const { survivorId, absorbedIds, conflicts } = merged.value;
 *   console.log(survivorId, absorbedIds, conflicts.length);
 * }
 * ```
 * @category Model
 */
export interface MergeResult {
  /** The merged lead: the survivor's id, with everything the others held. */
  readonly lead: Lead;
  /** Which record survived (see {@link mergeLeads} for the rule). */
  readonly survivorId: string;
  /** The records folded into it, to be deleted or archived by the caller. */
  readonly absorbedIds: readonly string[];
  /** Fields where the records disagreed. */
  readonly conflicts: readonly MergeConflict[];
}

/**
 * Options for {@link mergeLeads}.
 *
 * @example
 * ```ts
 * import { mergeLeads } from "leadkit";
 *
 * declare const a: import("leadkit").Lead;
 * declare const b: import("leadkit").Lead;
 * mergeLeads([a, b], { now: new Date() });
 * ```
 * @category Model
 */
export interface MergeLeadsOptions {
  /** The time of the merge, written to `updatedAt`. */
  readonly now: Date;
}

const stageRank: Record<LeadStage, number> = {
  contact: 1,
  lead: 2,
  nurturing: 2,
  prospect: 3,
  potential_client: 4,
  customer: 5,
  disqualified: 0,
  lost: 0,
  archived: 0,
};

/**
 * Orders merge candidates, strongest first: furthest along the funnel (closed side states last),
 * then most interactions, then the oldest record (Mautic keeps the oldest), then the smallest id.
 *
 * @param a - One lead.
 * @param b - Another lead.
 * @returns Negative when `a` should survive over `b`.
 * @example
 * ```ts
 * import { compareMergeStrength } from "./merge-leads.js";
 *
 * declare const duplicates: readonly import("leadkit").Lead[];
 * const survivor = [...duplicates].sort(compareMergeStrength)[0];
 * ```
 * @category Model
 */
export function compareMergeStrength(a: Lead, b: Lead): number {
  return (
    stageRank[b.stage] - stageRank[a.stage] ||
    b.interactions.length - a.interactions.length ||
    a.createdAt.getTime() - b.createdAt.getTime() ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

const contactScalars = [
  "name",
  "jobTitle",
  "company",
  "website",
  "email",
  "phone",
  "industry",
  "companySize",
  "country",
  "city",
  "language",
] as const;
const leadScalars = ["externalId", "team", "source", "medium", "campaign", "expectedRevenue"] as const;
const interestRank = { unknown: 0, low: 1, medium: 2, high: 3 } as const;

/**
 * Merges duplicate leads into one and loses nothing.
 *
 * @remarks
 * The survivor is the strongest record: furthest along the funnel (closed side states last), then
 * most interactions, then the oldest record, then the smallest id. Its id, stage and history
 * are kept, and its owner and generator (filled from the others when it has none, e.g. a pooled
 * survivor); every other record's owner and generator become editing collaborators, and differing
 * owners or generators are reported as conflicts. Every interaction, consent, do-not-contact flag,
 * tag, note, collaborator and score of every record is kept; records are compared field by field,
 * and only exact repeats are kept once. Two different interactions with the same id cannot both be
 * kept, so they fail the merge (`conflicting_interactions`) rather than lose one. Empty fields of
 * the survivor are filled from the others in strength order; fields where records disagree keep
 * the survivor's value and are returned as {@link MergeConflict}s. A merge never weakens a
 * do-not-contact flag (all are kept) or a consent withdrawal: when a record's deciding consent
 * ({@link decideConsent}) for a purpose, or for a purpose on one channel, is a withdrawal but another
 * record granted it later, the withdrawal is restated (with its channel and basis, dated at the merge
 * or at the purpose's latest record if later, where a tie goes to the withdrawal; source `"merge: withdrawn on lead …"`) and reported as a conflict at
 * `["contact", "consents", purpose]`, or `[…, purpose, channel]` for a withdrawal on one channel. Attribute keys and model ids are plain data, `"constructor"` and `"__proto__"`
 * included. `createdAt` becomes the earliest, since the relationship began then; interest is the
 * highest shown; `humanConfirmed` holds if any record confirmed a person.
 *
 * @param leads - Two or more leads with distinct ids.
 * @param options - See {@link MergeLeadsOptions}.
 * @returns The merged lead, which record survived, and the conflicts; or issues for fewer than two
 *   leads, repeated ids (`too_few_leads`, `duplicate_id`) or different interactions sharing an id
 *   (`conflicting_interactions`).
 * @example
 * ```ts
 * import { mergeLeads } from "leadkit";
 *
 * declare const older: import("leadkit").Lead;
 * declare const newer: import("leadkit").Lead;
 * const merged = mergeLeads([older, newer], { now: new Date() });
 * if (merged.ok) for (const c of merged.value.conflicts) console.log(c.path.join("."), c.kept, c.others);
 * ```
 * @category Model
 */
export function mergeLeads(leads: readonly Lead[], options: MergeLeadsOptions): Result<MergeResult> {
  if (leads.length < 2) {
    return err([issue("too_few_leads", [], `Merging needs at least two leads; got ${leads.length}.`)]);
  }
  const ids = new Set<string>();
  for (const [index, lead] of leads.entries()) {
    if (ids.has(lead.id))
      return err([issue("duplicate_id", [index, "id"], `Lead id "${lead.id}" appears twice.`)]);
    ids.add(lead.id);
  }
  const ordered = [...leads].sort(compareMergeStrength);
  const [survivor, ...others] = ordered as [Lead, ...Lead[]];
  const conflicts: MergeConflict[] = [];

  const pick = <T>(path: readonly string[], read: (l: Lead) => T | undefined): T | undefined => {
    let kept = read(survivor);
    const differing: { leadId: string; value: unknown }[] = [];
    for (const other of others) {
      const value = read(other);
      if (value === undefined) continue;
      if (kept === undefined) kept = value;
      else if (value !== kept) differing.push({ leadId: other.id, value });
    }
    if (differing.length > 0) conflicts.push({ path, kept, others: differing });
    return kept;
  };

  const contact: Record<string, unknown> = { ...survivor.contact };
  for (const field of contactScalars)
    setOrDelete(
      contact,
      field,
      pick(["contact", field], (l) => l.contact[field]),
    );
  const contactKind = pick(["contact", "kind"], (l) => l.contact.kind) ?? survivor.contact.kind;
  contact["kind"] = contactKind;
  // Attribute keys are data: "constructor" or "__proto__" is a key like any other, read only when
  // the record owns it and written as an own property.
  const attributes: Record<string, unknown> = {};
  for (const key of new Set(ordered.flatMap((l) => Object.keys(l.contact.attributes)))) {
    const value = pick(["contact", "attributes", key], (l) => ownValue(l.contact.attributes, key));
    if (value !== undefined) defineOwn(attributes, key, value);
  }
  contact["attributes"] = attributes;
  contact["humanConfirmed"] = ordered.some((l) => l.contact.humanConfirmed);
  const consents = uniqueRecords(ordered.flatMap((l) => l.contact.consents));
  consents.push(...keptWithdrawals(ordered, consents, options.now, conflicts));
  contact["consents"] = consents;
  contact["doNotContact"] = uniqueRecords(ordered.flatMap((l) => l.contact.doNotContact));

  const merged: Record<string, unknown> = { ...survivor, contact };
  for (const field of leadScalars)
    setOrDelete(
      merged,
      field,
      pick([field], (l) => l[field]),
    );
  merged["interestLevel"] = ordered.reduce(
    (best, l) => (interestRank[l.interestLevel] > interestRank[best] ? l.interestLevel : best),
    survivor.interestLevel,
  );
  merged["tags"] = [...new Set(ordered.flatMap((l) => l.tags))];
  merged["notes"] = uniqueRecords(ordered.flatMap((l) => l.notes)).sort(
    (a, b) => a.at.getTime() - b.at.getTime(),
  );
  const interactions = new Map<string, { readonly leadId: string; readonly interaction: Interaction }>();
  const clashes: Issue[] = [];
  for (const lead of ordered)
    for (const interaction of lead.interactions) {
      const seen = interactions.get(interaction.id);
      if (seen === undefined) interactions.set(interaction.id, { leadId: lead.id, interaction });
      else if (recordKey(seen.interaction) !== recordKey(interaction))
        clashes.push(
          issue(
            "conflicting_interactions",
            ["interactions", interaction.id],
            `Leads "${seen.leadId}" and "${lead.id}" hold different interactions with id "${interaction.id}"; merging would keep only one. Give one of them another id, then merge.`,
          ),
        );
    }
  if (clashes.length > 0) return err(clashes);
  merged["interactions"] = [...interactions.values()]
    .map((entry) => entry.interaction)
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  // Who held and who generated each record: the survivor's, filled from the others when it has none
  // (a pooled survivor takes an owner), and every other holder keeps working on the lead as an
  // editing collaborator, so nobody loses a lead, or the credit for it, to a merge.
  const owner = pick(["owner"], (l) => l.owner ?? undefined) ?? null;
  const generatedBy = pick(["generatedBy"], (l) => l.generatedBy ?? undefined) ?? null;
  merged["owner"] = owner;
  merged["generatedBy"] = generatedBy;
  if (owner !== null) delete merged["pool"];
  const access = new Map<string, "edit" | "view">();
  for (const c of ordered.flatMap((l) => l.collaborators)) {
    if (access.get(c.userId) !== "edit") access.set(c.userId, c.access);
  }
  for (const holder of others.flatMap((l) => [l.owner, l.generatedBy])) {
    if (holder !== null && holder !== owner) access.set(holder, "edit");
  }
  access.delete(owner ?? "");
  merged["collaborators"] = [...access].map(([userId, a]) => ({ userId, access: a }));
  // Model ids are data too: each score is an own property, the stronger record's winning.
  const scores: Record<string, unknown> = {};
  for (const lead of [...ordered].reverse())
    for (const [modelId, score] of Object.entries(lead.scores)) defineOwn(scores, modelId, score);
  merged["scores"] = scores;
  merged["mergedFrom"] = [...new Set([...ordered.flatMap((l) => l.mergedFrom), ...others.map((l) => l.id)])];
  merged["createdAt"] = new Date(Math.min(...ordered.map((l) => l.createdAt.getTime())));
  merged["updatedAt"] = options.now;

  return ok({
    lead: merged as unknown as Lead,
    survivorId: survivor.id,
    absorbedIds: others.map((l) => l.id),
    conflicts,
  });
}

function setOrDelete(target: Record<string, unknown>, key: string, value: unknown): void {
  if (value === undefined) delete target[key];
  else target[key] = value;
}

function ownValue(record: Readonly<Record<string, unknown>>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

function defineOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * An encoding of a record's fields that two records share exactly when every field is equal:
 * strings are JSON-quoted (so no separator inside a value can fake a boundary), dates are tagged,
 * object keys are sorted, absent and `undefined` fields are the same.
 */
function recordKey(value: unknown): string {
  if (value instanceof Date) return `D${value.getTime()}`;
  if (Array.isArray(value)) return `[${value.map(recordKey).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const fields = Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${recordKey((value as Record<string, unknown>)[k])}`);
    return `{${fields.join(",")}}`;
  }
  return value === undefined ? "u" : `${typeof value}:${JSON.stringify(value)}`;
}

/** Records without exact repeats (every field equal), first occurrence kept, in order. */
function uniqueRecords<T>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = recordKey(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The scopes a withdrawal is weighed in: the purpose as a whole, then each channel. */
const scopes: readonly (Channel | undefined)[] = [undefined, ...CHANNELS];

/**
 * A merge never weakens a withdrawal: when one record's deciding consent ({@link decideConsent})
 * for a purpose, or for a purpose on a channel, is a withdrawal but the merged list's is a grant
 * (another record's later grant), the withdrawal is restated at the merge, or tied with the latest record of that purpose,
 * with its channel and basis, and the disagreement is reported as a conflict.
 */
function keptWithdrawals(
  ordered: readonly Lead[],
  consents: readonly Consent[],
  now: Date,
  conflicts: MergeConflict[],
): Consent[] {
  const restated: Consent[] = [];
  const byPurpose = new Map<string, Consent[]>();
  for (const c of consents) {
    const list = byPurpose.get(c.purpose);
    if (list === undefined) byPurpose.set(c.purpose, [c]);
    else list.push(c);
  }
  for (const [purpose, records] of byPurpose) {
    const latest = Math.max(...records.map((c) => c.at.getTime()));
    const restatedHere = new Set<string>();
    for (const channel of scopes) {
      const question = { purpose, channel };
      if (decideConsent([...records, ...restated], question)?.status !== "granted") continue;
      const withdrawnIn = ordered.filter(
        (l) => decideConsent(l.contact.consents, question)?.status === "withdrawn",
      );
      const first = withdrawnIn[0];
      if (first === undefined) continue;
      const withdrawal = decideConsent(first.contact.consents, question) as Consent;
      const key = withdrawal.channel ?? "";
      if (restatedHere.has(key)) continue;
      restatedHere.add(key);
      restated.push({
        purpose,
        status: "withdrawn",
        at: new Date(Math.max(now.getTime(), latest)),
        source: `merge: withdrawn on lead ${first.id}`,
        basis: withdrawal.basis,
        ...(withdrawal.channel === undefined ? {} : { channel: withdrawal.channel }),
      });
      conflicts.push({
        path:
          withdrawal.channel === undefined
            ? ["contact", "consents", purpose]
            : ["contact", "consents", purpose, withdrawal.channel],
        kept: "withdrawn",
        others: ordered
          .filter(
            (l) => !withdrawnIn.includes(l) && decideConsent(l.contact.consents, question) !== undefined,
          )
          .map((l) => ({ leadId: l.id, value: decideConsent(l.contact.consents, question)?.status })),
      });
    }
  }
  return restated;
}
