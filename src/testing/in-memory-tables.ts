import {
  type AuditEntry,
  anonymizeAuditEntry,
  anonymizeInteraction,
  blockingKeys,
  type DuplicateKey,
  duplicateKeys,
  type FindDuplicatesOptions,
  type Interaction,
  type Lead,
} from "../model/index.js";
import {
  type AuditQuery,
  anonymizeEvent,
  type BlockingKeyLookup,
  type ClaimedEvent,
  checkClaimRequest,
  type DistributionStateRecord,
  type DistributionStateSaveOutcome,
  type DomainEvent,
  type FindByBlockingKeysOptions,
  type FindByDuplicateKeysOptions,
  type InsertManyOutcome,
  type KeyTaken,
  type LeadQuery,
  matchesLeadQuery,
  type OutboxClaimRequest,
  type OutboxQuery,
  type Page,
  type PageRequest,
  type RemoveOptions,
  type RemoveOutcome,
  type SaveOptions,
  type SaveOutcome,
  type TimeRange,
  type VersionConflict,
  type VersionedDistributionState,
} from "../ports/index.js";
import { copyData } from "./copy-data.js";
import { compareIds, SortedIds } from "./sorted-ids.js";

/** How to undo the writes of a transaction that failed, newest first. */
export type Journal = (() => void)[];

const keyOf = (key: DuplicateKey) => `${key.kind}\u0000${key.value}`;
const copy = copyData;
const copyEvent = (event: DomainEvent): DomainEvent => copyData(event);

/** One event in the outbox, with its delivery state. */
interface OutboxEntry {
  event: DomainEvent;
  leaseOwner: string | null;
  leaseUntil: number;
  attempts: number;
  acknowledged: boolean;
}

/**
 * The data behind the in-memory stores and the synchronous operations on it. Every method runs to
 * completion without awaiting, so one call is atomic; callers serialise calls with a lock. Writes
 * push their inverse onto a journal when one is given, so a transaction can be rolled back.
 */
export class InMemoryTables {
  /** Stored leads by id: private copies, never handed out. */
  readonly #leads = new Map<string, Lead>();
  /** Every stored id in code-unit order, for keyset pagination. */
  readonly #order = new SortedIds();
  readonly #byExternalId = new Map<string, string>();
  readonly #byEmail = new Map<string, string>();
  readonly #byKey = new Map<string, Set<string>>();
  /** Leads by blocking key, and each stored lead's blocking keys (so a change drops the old ones). */
  readonly #byBlock = new Map<string, Set<string>>();
  readonly #blocksOf = new Map<string, readonly string[]>();
  /** Unique keys (`external_id\u0000…`, `email\u0000…`) leads took over from leads merged into them. */
  readonly #aliases = new Map<string, string>();
  readonly #interactions = new Map<string, readonly Interaction[]>();
  readonly #audit: AuditEntry[] = [];
  readonly #outbox: OutboxEntry[] = [];
  readonly #outboxIds = new Set<string>();
  /** Every entry before this index is acknowledged: claims start here. */
  #firstPending = 0;
  readonly #distribution = new Map<string, VersionedDistributionState>();
  readonly #keyOptions: FindDuplicatesOptions;

  constructor(keyOptions: FindDuplicatesOptions) {
    this.#keyOptions = keyOptions;
  }

  getLead(id: string): Lead | null {
    const lead = this.#leads.get(id);
    return lead === undefined ? null : copy(lead);
  }

  getLeadByExternalId(externalId: string): Lead | null {
    const id = this.#byExternalId.get(externalId) ?? this.#aliases.get(`external_id\u0000${externalId}`);
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
    const externalHolder =
      lead.externalId === undefined
        ? undefined
        : (this.#byExternalId.get(lead.externalId) ??
          this.#aliases.get(`external_id\u0000${lead.externalId}`));
    if (lead.externalId !== undefined && externalHolder !== undefined && externalHolder !== lead.id) {
      return {
        ok: false,
        code: "key_taken",
        leadId: lead.id,
        key: { kind: "external_id", value: lead.externalId },
        existingId: externalHolder,
      };
    }
    const keys = duplicateKeys(lead, this.#keyOptions);
    const email = keys.find((k) => k.kind === "email")?.value;
    const emailHolder =
      email === undefined
        ? undefined
        : (this.#byEmail.get(email) ?? this.#aliases.get(`email\u0000${email}`));
    if (email !== undefined && emailHolder !== undefined && emailHolder !== lead.id) {
      return {
        ok: false,
        code: "key_taken",
        leadId: lead.id,
        key: { kind: "email", value: email },
        existingId: emailHolder,
      };
    }
    const stored: Lead = { ...copy(lead), version: currentVersion + 1 };
    this.#put(lead.id, stored, keys);
    journal?.push(() => this.#put(lead.id, previous));
    return { ok: true, lead: copy(stored) };
  }

  insertLeads(leads: readonly Lead[], journal?: Journal): InsertManyOutcome {
    // Checked first, as `saveLead` would check each in turn (earlier leads of the list count as
    // stored); written only when none is refused, so the call is all or nothing.
    const refusals: (VersionConflict | KeyTaken)[] = [];
    const ids = new Set<string>();
    const externalIds = new Map<string, string>();
    const emails = new Map<string, string>();
    const keysOf: (readonly DuplicateKey[])[] = [];
    for (const lead of leads) {
      const keys = duplicateKeys(lead, this.#keyOptions);
      keysOf.push(keys);
      const email = keys.find((k) => k.kind === "email")?.value;
      const currentVersion = this.#leads.get(lead.id)?.version ?? (ids.has(lead.id) ? 1 : 0);
      const externalHolder =
        lead.externalId === undefined
          ? undefined
          : (this.#byExternalId.get(lead.externalId) ??
            this.#aliases.get(`external_id\u0000${lead.externalId}`) ??
            externalIds.get(lead.externalId));
      const emailHolder =
        email === undefined
          ? undefined
          : (this.#byEmail.get(email) ?? this.#aliases.get(`email\u0000${email}`) ?? emails.get(email));
      if (currentVersion !== 0)
        refusals.push({ ok: false, code: "conflict", leadId: lead.id, expectedVersion: 0, currentVersion });
      else if (lead.externalId !== undefined && externalHolder !== undefined)
        refusals.push({
          ok: false,
          code: "key_taken",
          leadId: lead.id,
          key: { kind: "external_id", value: lead.externalId },
          existingId: externalHolder,
        });
      else if (email !== undefined && emailHolder !== undefined)
        refusals.push({
          ok: false,
          code: "key_taken",
          leadId: lead.id,
          key: { kind: "email", value: email },
          existingId: emailHolder,
        });
      ids.add(lead.id);
      if (lead.externalId !== undefined && !externalIds.has(lead.externalId))
        externalIds.set(lead.externalId, lead.id);
      if (email !== undefined && !emails.has(email)) emails.set(email, lead.id);
    }
    if (refusals.length > 0) return { ok: false, refusals };
    const stored = leads.map((lead, index) => {
      const copied: Lead = { ...copy(lead), version: 1 };
      this.#put(lead.id, copied, keysOf[index]);
      journal?.push(() => this.#put(lead.id, undefined));
      return copy(copied);
    });
    return { ok: true, leads: stored };
  }

  removeLead(id: string, options: RemoveOptions, journal?: Journal): RemoveOutcome {
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
    // Its keys, and those it took over, go to the lead named (a merge's survivor), else are freed.
    const keys = [...this.#aliases].filter(([, holder]) => holder === id).map(([key]) => key);
    if (previous.externalId !== undefined) keys.push(`external_id\u0000${previous.externalId}`);
    const email = duplicateKeys(previous, this.#keyOptions).find((k) => k.kind === "email")?.value;
    if (email !== undefined) keys.push(`email\u0000${email}`);
    const heir =
      options.keysTo !== undefined && options.keysTo !== id && this.#leads.has(options.keysTo)
        ? options.keysTo
        : undefined;
    const before = keys.map((key) => [key, this.#aliases.get(key)] as const);
    for (const key of keys) {
      if (heir === undefined) this.#aliases.delete(key);
      else this.#aliases.set(key, heir);
    }
    this.#put(id, undefined);
    journal?.push(() => {
      this.#put(id, previous);
      for (const [key, holder] of before) {
        if (holder === undefined) this.#aliases.delete(key);
        else this.#aliases.set(key, holder);
      }
    });
    return { ok: true };
  }

  releaseMergedKeys(id: string, journal?: Journal): void {
    const released = [...this.#aliases].filter(([, holder]) => holder === id);
    for (const [key] of released) this.#aliases.delete(key);
    journal?.push(() => {
      for (const [key, holder] of released) this.#aliases.set(key, holder);
    });
  }

  findLeadsByDuplicateKeys(keys: readonly DuplicateKey[], options: FindByDuplicateKeysOptions = {}): Lead[] {
    const limit = Math.min(1000, Math.max(0, Math.trunc(options.limit ?? 20)));
    const ids = new Set<string>();
    // Per key, stop after limit + 1 holders: a common key costs the same however many leads hold it.
    for (const key of keys) {
      let taken = 0;
      for (const id of this.#byKey.get(keyOf(key)) ?? []) {
        if (taken++ > limit) break;
        ids.add(id);
      }
    }
    return [...ids].sort(compareIds).flatMap((id) => this.getLead(id) ?? []);
  }

  findLeadsByBlockingKeys(
    keys: readonly string[],
    options: FindByBlockingKeysOptions = {},
  ): BlockingKeyLookup {
    const limit = Math.min(1000, Math.max(0, Math.trunc(options.limit ?? 49) || 0));
    const listed: { key: string; leadIds: string[] }[] = [];
    const ids = new Set<string>();
    // As for duplicate keys: at most limit + 1 holders per key, however many leads hold it; only
    // the leads of keys held by at most `limit` are copied.
    for (const key of new Set(keys)) {
      const leadIds: string[] = [];
      for (const id of this.#byBlock.get(key) ?? []) {
        if (leadIds.length > limit) break;
        leadIds.push(id);
      }
      leadIds.sort(compareIds);
      listed.push({ key, leadIds });
      if (leadIds.length <= limit) for (const id of leadIds) ids.add(id);
    }
    return { keys: listed, leads: [...ids].sort(compareIds).flatMap((id) => this.getLead(id) ?? []) };
  }

  queryLeads(query: LeadQuery, page: PageRequest = {}): Page<Lead> {
    const limit = Math.min(1000, Math.max(1, Math.trunc(page.limit ?? 50)));
    const items: Lead[] = [];
    let more = false;
    for (const id of this.#order.after(page.after)) {
      if (items.length === limit) {
        // A full page ends the scan early; the next page may still be empty, which callers handle.
        more = true;
        break;
      }
      const lead = this.#leads.get(id) as Lead;
      if (matchesLeadQuery(lead, query)) items.push(copy(lead));
    }
    const last = items.at(-1);
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

  eraseInteractions(leadId: string, journal?: Journal): void {
    const previous = this.#interactions.get(leadId);
    if (previous === undefined) return;
    this.#interactions.set(leadId, previous.map(anonymizeInteraction));
    journal?.push(() => this.#interactions.set(leadId, previous));
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

  eraseAudit(leadId: string, journal?: Journal): void {
    const before: [number, AuditEntry][] = [];
    this.#audit.forEach((entry, index) => {
      if (entry.leadId !== leadId) return;
      before.push([index, entry]);
      this.#audit[index] = anonymizeAuditEntry(entry);
    });
    journal?.push(() => {
      for (const [index, entry] of before) this.#audit[index] = entry;
    });
  }

  appendEvents(events: readonly DomainEvent[], journal?: Journal): void {
    const length = this.#outbox.length;
    const added: string[] = [];
    for (const event of events) {
      if (this.#outboxIds.has(event.id)) continue;
      this.#outboxIds.add(event.id);
      added.push(event.id);
      this.#outbox.push({
        event: copyEvent(event),
        leaseOwner: null,
        leaseUntil: Number.NEGATIVE_INFINITY,
        attempts: 0,
        acknowledged: false,
      });
    }
    journal?.push(() => {
      this.#outbox.length = length;
      for (const id of added) this.#outboxIds.delete(id);
      this.#firstPending = Math.min(this.#firstPending, length);
    });
  }

  claimEvents(request: OutboxClaimRequest, journal?: Journal): ClaimedEvent[] {
    // The check PostgreSQL's outbox makes too, so both accept, clamp and refuse the same requests.
    const { consumer, limit, leaseMs, now: at } = checkClaimRequest(request);
    const now = at.getTime();
    const until = now + leaseMs;
    const claimed: OutboxEntry[] = [];
    // A lead is blocked once one of its pending events is not in the batch: leased to someone,
    // or left out because the batch is full. Its later events wait, so each lead stays in order.
    const blocked = new Set<string>();
    for (let i = this.#firstPending; i < this.#outbox.length && claimed.length < limit; i++) {
      const entry = this.#outbox[i] as OutboxEntry;
      if (entry.acknowledged) continue;
      const lead = entry.event.leadId;
      if (blocked.has(lead)) continue;
      if (entry.leaseUntil > now) blocked.add(lead);
      else claimed.push(entry);
    }
    const before = claimed.map((e) => [e.leaseOwner, e.leaseUntil, e.attempts] as const);
    for (const entry of claimed) {
      entry.leaseOwner = consumer;
      entry.leaseUntil = until;
      entry.attempts++;
    }
    journal?.push(() =>
      claimed.forEach((entry, i) => {
        [entry.leaseOwner, entry.leaseUntil, entry.attempts] = before[i] as readonly [
          string | null,
          number,
          number,
        ];
      }),
    );
    return claimed.map((e) => ({ event: copyEvent(e.event), attempt: e.attempts }));
  }

  acknowledgeEvents(ids: readonly string[], journal?: Journal): void {
    const wanted = new Set(ids);
    const done: OutboxEntry[] = [];
    for (let i = this.#firstPending; i < this.#outbox.length && wanted.size > 0; i++) {
      const entry = this.#outbox[i] as OutboxEntry;
      if (entry.acknowledged || !wanted.has(entry.event.id)) continue;
      wanted.delete(entry.event.id);
      entry.acknowledged = true;
      done.push(entry);
    }
    const firstPending = this.#firstPending;
    while (this.#outbox[this.#firstPending]?.acknowledged === true) this.#firstPending++;
    journal?.push(() => {
      for (const entry of done) entry.acknowledged = false;
      this.#firstPending = firstPending;
    });
  }

  listEvents(query: OutboxQuery = {}): DomainEvent[] {
    return this.#outbox
      .filter((e) => query.leadId === undefined || e.event.leadId === query.leadId)
      .map((e) => copyEvent(e.event));
  }

  eraseEvents(leadId: string, journal?: Journal): void {
    const before: [OutboxEntry, DomainEvent][] = [];
    for (const entry of this.#outbox) {
      if (entry.event.leadId !== leadId) continue;
      before.push([entry, entry.event]);
      entry.event = anonymizeEvent(entry.event);
    }
    journal?.push(() => {
      for (const [entry, event] of before) entry.event = event;
    });
  }

  getDistribution(key: string): VersionedDistributionState | null {
    const stored = this.#distribution.get(key);
    return stored === undefined ? null : copy(stored);
  }

  saveDistribution(
    key: string,
    state: DistributionStateRecord,
    options: { readonly expectedVersion: number },
    journal?: Journal,
  ): DistributionStateSaveOutcome {
    const previous = this.#distribution.get(key);
    const currentVersion = previous?.version ?? 0;
    if (currentVersion !== options.expectedVersion) {
      return { ok: false, code: "conflict", key, expectedVersion: options.expectedVersion, currentVersion };
    }
    const version = currentVersion + 1;
    this.#distribution.set(key, { state: copy(state), version });
    journal?.push(() => {
      if (previous === undefined) this.#distribution.delete(key);
      else this.#distribution.set(key, previous);
    });
    return { ok: true, version };
  }

  /** Stores (or, with `undefined`, deletes) a lead and keeps every index in step. */
  #put(id: string, lead: Lead | undefined, keys?: readonly DuplicateKey[]): void {
    const previous = this.#leads.get(id);
    if (previous !== undefined) {
      if (previous.externalId !== undefined && this.#byExternalId.get(previous.externalId) === id)
        this.#byExternalId.delete(previous.externalId);
      for (const key of duplicateKeys(previous, this.#keyOptions)) {
        if (key.kind === "email" && this.#byEmail.get(key.value) === id) this.#byEmail.delete(key.value);
        const holders = this.#byKey.get(keyOf(key));
        holders?.delete(id);
        if (holders?.size === 0) this.#byKey.delete(keyOf(key));
      }
    }
    for (const key of this.#blocksOf.get(id) ?? []) {
      const holders = this.#byBlock.get(key);
      holders?.delete(id);
      if (holders?.size === 0) this.#byBlock.delete(key);
    }
    this.#blocksOf.delete(id);
    if (lead === undefined) {
      if (previous !== undefined) {
        this.#leads.delete(id);
        this.#order.delete(id);
      }
      return;
    }
    if (previous === undefined) this.#order.insert(id);
    this.#leads.set(id, lead);
    if (lead.externalId !== undefined) this.#byExternalId.set(lead.externalId, id);
    for (const key of keys ?? duplicateKeys(lead, this.#keyOptions)) {
      if (key.kind === "email") this.#byEmail.set(key.value, id);
      const ids = this.#byKey.get(keyOf(key)) ?? new Set<string>();
      ids.add(id);
      this.#byKey.set(keyOf(key), ids);
    }
    const blocks = blockingKeys(lead, this.#keyOptions);
    if (blocks.length > 0) this.#blocksOf.set(id, blocks);
    for (const key of blocks) {
      const ids = this.#byBlock.get(key) ?? new Set<string>();
      ids.add(id);
      this.#byBlock.set(key, ids);
    }
  }
}

function compareInteractions(a: Interaction, b: Interaction): number {
  return a.at.getTime() - b.at.getTime() || compareIds(a.id, b.id);
}

function inRange(at: Date, range: TimeRange): boolean {
  return (range.from === undefined || at >= range.from) && (range.to === undefined || at < range.to);
}
