import {
  type AuditEntry,
  type DuplicateKey,
  duplicateKeys,
  type FindDuplicatesOptions,
  type Interaction,
  type Lead,
} from "../model/index.js";
import {
  type AuditQuery,
  type LeadQuery,
  matchesLeadQuery,
  type Page,
  type PageRequest,
  type RemoveOutcome,
  type SaveOptions,
  type SaveOutcome,
  type TimeRange,
} from "../ports/index.js";

/** How to undo the writes of a transaction that failed, newest first. */
export type Journal = (() => void)[];

const keyOf = (key: DuplicateKey) => `${key.kind}\u0000${key.value}`;
const copy = <T>(value: T): T => structuredClone(value);

/**
 * The data behind the in-memory stores and the synchronous operations on it. Every method runs to
 * completion without awaiting, so one call is atomic; callers serialise calls with a lock. Writes
 * push their inverse onto a journal when one is given, so a transaction can be rolled back.
 */
export class InMemoryTables {
  /** Stored leads by id: private copies, never handed out. */
  readonly #leads = new Map<string, Lead>();
  /** Every stored id in code-unit order, for keyset pagination. */
  readonly #order: string[] = [];
  readonly #byExternalId = new Map<string, string>();
  readonly #byKey = new Map<string, Set<string>>();
  readonly #interactions = new Map<string, readonly Interaction[]>();
  readonly #audit: AuditEntry[] = [];
  readonly #keyOptions: FindDuplicatesOptions;

  constructor(keyOptions: FindDuplicatesOptions) {
    this.#keyOptions = keyOptions;
  }

  getLead(id: string): Lead | null {
    const lead = this.#leads.get(id);
    return lead === undefined ? null : copy(lead);
  }

  getLeadByExternalId(externalId: string): Lead | null {
    const id = this.#byExternalId.get(externalId);
    return id === undefined ? null : this.getLead(id);
  }

  saveLead(lead: Lead, options: SaveOptions, journal?: Journal): SaveOutcome {
    const previous = this.#leads.get(lead.id);
    const currentVersion = previous?.version ?? 0;
    if (currentVersion !== options.expectedVersion) {
      return {
        ok: false,
        code: "conflict",
        leadId: lead.id,
        expectedVersion: options.expectedVersion,
        currentVersion,
      };
    }
    const holder = lead.externalId === undefined ? undefined : this.#byExternalId.get(lead.externalId);
    if (lead.externalId !== undefined && holder !== undefined && holder !== lead.id) {
      return {
        ok: false,
        code: "external_id_taken",
        leadId: lead.id,
        externalId: lead.externalId,
        existingId: holder,
      };
    }
    const stored: Lead = { ...copy(lead), version: currentVersion + 1 };
    this.#put(lead.id, stored);
    journal?.push(() => this.#put(lead.id, previous));
    return { ok: true, lead: copy(stored) };
  }

  removeLead(id: string, options: SaveOptions, journal?: Journal): RemoveOutcome {
    const previous = this.#leads.get(id);
    const currentVersion = previous?.version ?? 0;
    if (previous === undefined || currentVersion !== options.expectedVersion) {
      return {
        ok: false,
        code: "conflict",
        leadId: id,
        expectedVersion: options.expectedVersion,
        currentVersion,
      };
    }
    this.#put(id, undefined);
    journal?.push(() => this.#put(id, previous));
    return { ok: true };
  }

  findLeadsByDuplicateKeys(keys: readonly DuplicateKey[]): Lead[] {
    const ids = new Set<string>();
    for (const key of keys) for (const id of this.#byKey.get(keyOf(key)) ?? []) ids.add(id);
    return [...ids].sort(compareIds).flatMap((id) => this.getLead(id) ?? []);
  }

  queryLeads(query: LeadQuery, page: PageRequest = {}): Page<Lead> {
    const limit = Math.min(1000, Math.max(1, Math.trunc(page.limit ?? 50)));
    const items: Lead[] = [];
    let index = page.after === undefined ? 0 : firstIndexAfter(this.#order, page.after);
    for (; index < this.#order.length && items.length < limit; index++) {
      const lead = this.#leads.get(this.#order[index] as string) as Lead;
      if (matchesLeadQuery(lead, query)) items.push(copy(lead));
    }
    // A full page ends the scan early; the next page may still be empty, which callers handle.
    const last = items.at(-1);
    const more = items.length === limit && index < this.#order.length;
    return { items, nextCursor: more && last !== undefined ? last.id : null };
  }

  appendInteractions(leadId: string, interactions: readonly Interaction[], journal?: Journal): void {
    const previous = this.#interactions.get(leadId) ?? [];
    const known = new Set(previous.map((i) => i.id));
    const added: Interaction[] = [];
    for (const interaction of interactions) {
      if (known.has(interaction.id)) continue;
      known.add(interaction.id);
      added.push(copy(interaction));
    }
    if (added.length === 0) return;
    const next = [...previous, ...added].sort(compareInteractions);
    this.#interactions.set(leadId, next);
    journal?.push(() => this.#interactions.set(leadId, previous));
  }

  listInteractions(leadId: string, range: TimeRange = {}): Interaction[] {
    const all = this.#interactions.get(leadId) ?? [];
    return all.filter((i) => inRange(i.at, range)).map(copy);
  }

  appendAudit(entries: readonly AuditEntry[], journal?: Journal): void {
    const length = this.#audit.length;
    this.#audit.push(...entries.map(copy));
    journal?.push(() => {
      this.#audit.length = length;
    });
  }

  listAudit(query: AuditQuery = {}): AuditEntry[] {
    return this.#audit
      .filter(
        (e) =>
          (query.leadId === undefined || e.leadId === query.leadId) &&
          (query.actor === undefined || e.actor === query.actor) &&
          inRange(e.at, query),
      )
      .map(copy);
  }

  /** Stores (or, with `undefined`, deletes) a lead and keeps every index in step. */
  #put(id: string, lead: Lead | undefined): void {
    const previous = this.#leads.get(id);
    if (previous !== undefined) {
      if (previous.externalId !== undefined) this.#byExternalId.delete(previous.externalId);
      for (const key of duplicateKeys(previous, this.#keyOptions)) this.#byKey.get(keyOf(key))?.delete(id);
    }
    if (lead === undefined) {
      if (previous !== undefined) {
        this.#leads.delete(id);
        this.#order.splice(firstIndexAfter(this.#order, id) - 1, 1);
      }
      return;
    }
    if (previous === undefined) this.#order.splice(firstIndexAfter(this.#order, id), 0, id);
    this.#leads.set(id, lead);
    if (lead.externalId !== undefined) this.#byExternalId.set(lead.externalId, id);
    for (const key of duplicateKeys(lead, this.#keyOptions)) {
      const ids = this.#byKey.get(keyOf(key)) ?? new Set<string>();
      ids.add(id);
      this.#byKey.set(keyOf(key), ids);
    }
  }
}

/** Code-unit order, the order `COLLATE "C"` gives in PostgreSQL. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareInteractions(a: Interaction, b: Interaction): number {
  return a.at.getTime() - b.at.getTime() || compareIds(a.id, b.id);
}

/** Index of the first element strictly greater than `id` in a sorted array (binary search). */
function firstIndexAfter(sorted: readonly string[], id: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as string) <= id) low = middle + 1;
    else high = middle;
  }
  return low;
}

function inRange(at: Date, range: TimeRange): boolean {
  return (range.from === undefined || at >= range.from) && (range.to === undefined || at < range.to);
}
