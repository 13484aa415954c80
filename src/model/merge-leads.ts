import { err, issue, ok, type Result } from "../internal/index.js";
import type { Lead } from "./schemas.js";
import type { LeadStage } from "./vocabulary.js";

/**
 * A field on which merged records disagreed: the survivor's value was kept, the others are listed
 * so a person can decide.
 *
 * @example
 * ```ts
 * const c: MergeConflict = { path: ["contact", "jobTitle"], kept: "CTO", others: [{ leadId: "l2", value: "CEO" }] };
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
 * const { lead, survivorId, absorbedIds, conflicts } = mergeLeads([a, b], { now }).value;
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
 * The survivor is the strongest record by {@link compareMergeStrength}. Its id, stage and history
 * are kept, and its owner and generator (filled from the others when it has none, e.g. a pooled
 * survivor); every other record's owner and generator become editing collaborators, and differing
 * owners or generators are reported as conflicts. Every interaction, consent, do-not-contact flag, tag, note, collaborator and
 * score of every record is kept (exact repeats once); empty fields of the survivor are filled from
 * the others in strength order; fields where records disagree keep the survivor's value and are
 * returned as {@link MergeConflict}s. `createdAt` becomes the earliest, since the relationship began
 * then; interest is the highest shown; `humanConfirmed` holds if any record confirmed a person.
 *
 * @param leads - Two or more leads with distinct ids.
 * @param options - See {@link MergeLeadsOptions}.
 * @returns The merged lead, which record survived, and the conflicts; or issues for fewer than two
 *   leads or repeated ids.
 * @example
 * ```ts
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
  const attributes: Record<string, unknown> = {};
  for (const key of new Set(ordered.flatMap((l) => Object.keys(l.contact.attributes)))) {
    attributes[key] = pick(["contact", "attributes", key], (l) => l.contact.attributes[key]);
  }
  contact["attributes"] = attributes;
  contact["humanConfirmed"] = ordered.some((l) => l.contact.humanConfirmed);
  contact["consents"] = uniqueBy(
    ordered.flatMap((l) => l.contact.consents),
    (c) => `${c.purpose}|${c.status}|${c.at.toISOString()}|${c.source}`,
  );
  contact["doNotContact"] = uniqueBy(
    ordered.flatMap((l) => l.contact.doNotContact),
    (d) => `${d.channel}|${d.reason}|${d.at.toISOString()}|${d.note ?? ""}`,
  );

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
  merged["notes"] = uniqueBy(
    ordered.flatMap((l) => l.notes),
    (n) => `${n.at.toISOString()}|${n.author}|${n.text}`,
  ).sort((a, b) => a.at.getTime() - b.at.getTime());
  merged["interactions"] = uniqueBy(
    ordered.flatMap((l) => l.interactions),
    (i) => i.id,
  ).sort((a, b) => a.at.getTime() - b.at.getTime());
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
  merged["scores"] = Object.assign({}, ...[...ordered].reverse().map((l) => l.scores));
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

function uniqueBy<T>(items: readonly T[], keyOf: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(keyOf(item))) seen.set(keyOf(item), item);
  return [...seen.values()];
}
