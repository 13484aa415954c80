import type { DuplicateKey, Lead, LeadStage } from "../model/index.js";

/**
 * Options of {@link LeadRepository.save}: the version the caller read.
 *
 * @example
 * ```ts
 * import type { LeadRepository, SaveOptions } from "leadkit/ports";
 *
 * declare const repository: LeadRepository;
 * const update: SaveOptions = { expectedVersion: lead.version }; // nobody saved since I read it
 * const saved = await repository.save({ ...lead, stage: "prospect" }, update);
 * if (!saved.ok) console.log(saved.code); // "conflict": read the lead again and retry
 * ```
 * @category Ports
 */
export interface SaveOptions {
  /**
   * The version stored now, as the caller last read it: `0` to insert a lead that must not exist
   * yet, otherwise the `version` of the lead the caller read and changed.
   */
  readonly expectedVersion: number;
}

/**
 * Options of {@link LeadRepository.remove}: the version the caller read and, for a merge, the lead
 * that takes over the removed lead's unique keys.
 *
 * @example
 * ```ts
 * import type { LeadRepository, RemoveOptions } from "leadkit/ports";
 *
 * declare const repository: LeadRepository;
 * declare const survivor: import("leadkit").Lead;
 * declare const absorbed: import("leadkit").Lead;
 * // A merge removes the absorbed lead; its external id and email keep finding the survivor.
 * const options: RemoveOptions = { expectedVersion: absorbed.version, keysTo: survivor.id };
 * await repository.remove(absorbed.id, options);
 * ```
 * @category Ports
 */
export interface RemoveOptions extends SaveOptions {
  /**
   * The lead that holds the removed lead's unique keys from now on — its external id, its email key,
   * and the keys it held for leads merged into it — so that a retried capture or import of the
   * removed lead finds this one. Left out, or naming no stored lead: the keys are freed.
   */
  readonly keysTo?: string;
}

/**
 * A write refused because someone else saved (or removed) the lead since the caller read it.
 *
 * @remarks
 * Optimistic concurrency: the caller re-reads the lead at `currentVersion`, re-applies its change
 * and tries again, or reports the conflict to its user.
 *
 * @example
 * ```ts
 * import type { LeadRepository } from "leadkit/ports";
 *
 * declare const repository: LeadRepository;
 * const outcome = await repository.save({ ...lead, owner: "u-bruno" }, { expectedVersion: 3 });
 * if (!outcome.ok && outcome.code === "conflict") console.log(`now at v${outcome.currentVersion}`);
 * ```
 * @category Ports
 */
export interface VersionConflict {
  /** Always `false`: nothing was written. */
  readonly ok: false;
  /** Discriminates a version conflict from other refusals. */
  readonly code: "conflict";
  /** The lead written. */
  readonly leadId: string;
  /** The version the caller expected to find. */
  readonly expectedVersion: number;
  /** The version stored now; `0` when the lead does not exist (never saved, or removed). */
  readonly currentVersion: number;
}

/**
 * A key that at most one stored lead may hold: its `externalId`, or its normalised email (the
 * `email` key of the model's `duplicateKeys`, e.g. `"ana.garcia@acme.es"` for `" Ana.Garcia@ACME.es"`).
 *
 * @example
 * ```ts
 * import type { UniqueLeadKey } from "leadkit/ports";
 * import { createInMemoryRepositories } from "leadkit/testing";
 *
 * const repository = createInMemoryRepositories().leads;
 * await repository.save(lead, { expectedVersion: 0 });
 * const twin = await repository.save({ ...lead, id: "l-twin", externalId: undefined }, { expectedVersion: 0 });
 * // The refusal names the unique key the twin tried to take.
 * const taken: UniqueLeadKey | null = !twin.ok && twin.code === "key_taken" ? twin.key : null;
 * taken?.value; // e.g. "ana.garcia@acme.es"
 * ```
 * @category Ports
 */
export interface UniqueLeadKey {
  /** Which key: the submission's `externalId`, or the normalised email. */
  readonly kind: "external_id" | "email";
  /**
   * The value held: the external id as given, or the `email` key of `duplicateKeys` — the address as
   * `normalizeEmail` returns it, or its `canonicalEmail` form when the key options turn that on. The
   * service and every repository must use the same key options, or their keys will not match.
   */
  readonly value: string;
}

/**
 * A write refused because another lead already holds one of the lead's unique keys (its external
 * id or its normalised email). This is what makes capturing the same submission or the same person
 * twice — even by concurrent requests, with or without transactions — create one lead.
 *
 * @example
 * ```ts
 * import type { LeadRepository } from "leadkit/ports";
 *
 * declare const repository: LeadRepository;
 * declare const fresh: import("leadkit").Lead;
 * const outcome = await repository.save(fresh, { expectedVersion: 0 });
 * // Someone captured the same person first: use their lead instead of creating a twin.
 * const stored = !outcome.ok && outcome.code === "key_taken" ? await repository.get(outcome.existingId) : null;
 * stored?.id;
 * ```
 * @category Ports
 */
export interface KeyTaken {
  /** Always `false`: nothing was written. */
  readonly ok: false;
  /** Discriminates this refusal from a version conflict. */
  readonly code: "key_taken";
  /** The lead written. */
  readonly leadId: string;
  /** The key already in use (the external id is checked before the email). */
  readonly key: UniqueLeadKey;
  /** The id of the lead that holds it. */
  readonly existingId: string;
}

/**
 * What {@link LeadRepository.save} returns: the stored lead, or why nothing was written.
 *
 * @example
 * ```ts
 * import type { LeadRepository, SaveOutcome } from "leadkit/ports";
 *
 * declare const repository: LeadRepository;
 * const outcome: SaveOutcome = await repository.save(lead, { expectedVersion: 0 });
 * if (outcome.ok) console.log(outcome.lead.version); // 1
 * ```
 * @category Ports
 */
export type SaveOutcome =
  | {
      /** Always `true`: the lead was written. */
      readonly ok: true;
      /** The lead as stored, with its new `version` (`expectedVersion + 1`). */
      readonly lead: Lead;
    }
  | VersionConflict
  | KeyTaken;

/**
 * What {@link LeadRepository.insertMany} returns: every lead stored, or nothing stored and why.
 *
 * @example
 * ```ts
 * import type { InsertManyOutcome, LeadRepository } from "leadkit/ports";
 *
 * declare const repository: LeadRepository;
 * const outcome: InsertManyOutcome | undefined = await repository.insertMany?.(leads);
 * if (outcome && !outcome.ok) for (const refusal of outcome.refusals) console.log(refusal.leadId, refusal.code);
 * ```
 * @category Ports
 */
export type InsertManyOutcome =
  | {
      /** Always `true`: every lead was written. */
      readonly ok: true;
      /** The leads as stored, in the order given, each at `version: 1`. */
      readonly leads: readonly Lead[];
    }
  | {
      /** Always `false`: no lead was written. */
      readonly ok: false;
      /**
       * Why: each lead that could not be inserted, in the order given, with the refusal
       * {@link LeadRepository.save} would give it — a {@link VersionConflict} when its id is taken,
       * a {@link KeyTaken} when its external id or email is. Never empty.
       */
      readonly refusals: readonly (VersionConflict | KeyTaken)[];
    };

/**
 * What {@link LeadRepository.remove} returns: done, or a version conflict and nothing removed.
 *
 * @example
 * ```ts
 * import type { LeadRepository, RemoveOutcome } from "leadkit/ports";
 *
 * declare const repository: LeadRepository;
 * const outcome: RemoveOutcome = await repository.remove("l1", { expectedVersion: 2 });
 * if (!outcome.ok) console.log(outcome.code); // e.g. "conflict": it changed since version 2
 * ```
 * @category Ports
 */
export type RemoveOutcome =
  | {
      /** Always `true`: the lead is gone. */
      readonly ok: true;
    }
  | VersionConflict;

/**
 * Options of {@link LeadRepository.findByDuplicateKeys}: how many leads per key are enough.
 *
 * @example
 * ```ts
 * import { duplicateKeys } from "leadkit";
 * import type { FindByDuplicateKeysOptions, LeadRepository } from "leadkit/ports";
 *
 * declare const repository: LeadRepository;
 * // A key held by 20 or more other leads is too common (the model's default maxGroupSize is 20).
 * const options: FindByDuplicateKeysOptions = { limit: 19 };
 * await repository.findByDuplicateKeys(duplicateKeys(lead), options);
 * ```
 * @category Ports
 */
export interface FindByDuplicateKeysOptions {
  /**
   * Per key, return every holder when there are at most this many, else exactly `limit + 1` of
   * them. An integer, clamped to 0–1,000; 20 when left out.
   */
  readonly limit?: number;
}

/**
 * Options of {@link LeadRepository.findByBlockingKeys}: how many leads per blocking key are enough.
 *
 * @example
 * ```ts
 * import { blockingKeys } from "leadkit";
 * import type { FindByBlockingKeysOptions, LeadRepository } from "leadkit/ports";
 *
 * declare const repository: LeadRepository;
 * // A block of 50 or more records is too common to compare (the model's default maxBlockSize is
 * // 50, and the candidate is one of each block).
 * const options: FindByBlockingKeysOptions = { limit: 49 };
 * await repository.findByBlockingKeys?.(blockingKeys(lead), options);
 * ```
 * @category Ports
 */
export interface FindByBlockingKeysOptions {
  /**
   * Per key, return every holder when there are at most this many, else exactly `limit + 1` of
   * them. An integer, clamped to 0–1,000; 49 when left out.
   */
  readonly limit?: number;
}

/**
 * What {@link LeadRepository.findByBlockingKeys} returns: who holds each key, and the leads of the
 * blocks small enough to compare.
 *
 * @example
 * ```ts
 * import { createInMemoryRepositories } from "leadkit/testing";
 *
 * const repository = createInMemoryRepositories().leads;
 * const found = await repository.findByBlockingKeys(["nc:ana|acme", "nn:ana|garc"], { limit: 49 });
 * for (const { key, leadIds } of found.keys) if (leadIds.length > 49) console.log(`${key} is too common`);
 * ```
 * @category Ports
 */
export interface BlockingKeyLookup {
  /**
   * Per distinct key asked, in the order given, the ids of the leads holding it, ordered by id: all
   * of them when at most `limit` do, else exactly `limit + 1` (the key is then too common to
   * compare). A key no lead holds is listed with no ids.
   */
  readonly keys: readonly { readonly key: string; readonly leadIds: readonly string[] }[];
  /**
   * The leads listed under a key held by at most `limit` leads, each once, ordered by id. Leads
   * listed only under keys held by more are not read: their ids are enough to tell the key is
   * too common.
   */
  readonly leads: readonly Lead[];
}

/**
 * Which leads a {@link LeadRepository.query} or {@link LeadRepository.stream} returns. Every
 * criterion given must hold (AND); an empty query matches every lead.
 *
 * @example
 * ```ts
 * import type { LeadQuery, LeadRepository } from "leadkit/ports";
 *
 * declare const repository: LeadRepository;
 * const poolLeads: LeadQuery = { owner: null, pool: "inbound-es" };
 * (await repository.query(poolLeads)).items.map((l) => l.id); // the first page of leads nobody owns yet
 * const stalePassive: LeadQuery = { origin: "passive", inactiveSince: new Date("2026-01-01T00:00:00Z") };
 * for await (const stale of repository.stream(stalePassive)) console.log(stale.id);
 * ```
 * @category Ports
 */
export interface LeadQuery {
  /** Leads owned by this user; `null` for leads that sit in a pool with no owner. */
  readonly owner?: string | null;
  /** Leads in this stage, or in any of these stages. */
  readonly stage?: LeadStage | readonly LeadStage[];
  /**
   * `"active"`: leads some user generated by their own action (`generatedBy` is set);
   * `"passive"`: leads nobody generated (inbound, campaign, import — `generatedBy` is `null`).
   */
  readonly origin?: "active" | "passive";
  /** Leads generated by this user (see {@link LeadQuery.origin}). */
  readonly generatedBy?: string;
  /** Leads in this shared pool. */
  readonly pool?: string;
  /** Leads of this team. */
  readonly team?: string;
  /**
   * Leads with no activity since this instant: their {@link leadkit!lastActivityAt} is strictly earlier.
   */
  readonly inactiveSince?: Date;
}

/**
 * Which page of results a {@link LeadRepository.query} returns.
 *
 * @example
 * ```ts
 * import type { LeadRepository, PageRequest } from "leadkit/ports";
 *
 * declare const repository: LeadRepository;
 * const first: PageRequest = { limit: 100 };
 * const page = await repository.query({ stage: "lead" }, first);
 * if (page.nextCursor !== null) await repository.query({ stage: "lead" }, { limit: 100, after: page.nextCursor });
 * ```
 * @category Ports
 */
export interface PageRequest {
  /** At most this many leads; implementations clamp it to 1–1,000 and use 50 when left out. */
  readonly limit?: number;
  /** The `nextCursor` of the previous page; the first page when left out. */
  readonly after?: string | undefined;
}

/**
 * One page of leads, ordered by id, and the cursor of the next page.
 *
 * @example
 * ```ts
 * import type { Lead } from "leadkit";
 * import type { LeadRepository, Page } from "leadkit/ports";
 *
 * declare const repository: LeadRepository;
 * let page: Page<Lead> = await repository.query({ stage: "lead" });
 * while (page.nextCursor !== null) page = await repository.query({ stage: "lead" }, { after: page.nextCursor });
 * ```
 * @category Ports
 */
export interface Page<T> {
  /** The items of this page, ordered by id ascending. */
  readonly items: readonly T[];
  /** Opaque cursor for the next page; `null` when this was the last one. */
  readonly nextCursor: string | null;
}

/**
 * Stores leads: the port a caller implements on their database.
 *
 * @remarks
 * Semantics every implementation keeps (the conformance suite in `leadkit/testing` checks them):
 *
 * - **Not found is `null`**, never an exception; infrastructure errors (connection lost, timeout)
 *   are thrown untouched, so callers see the driver's own error.
 * - **Optimistic concurrency**: {@link LeadRepository.save} compares-and-sets on `version` in one
 *   atomic step; of N concurrent saves expecting the same version, exactly one succeeds.
 * - **Values in, values out**: a stored lead is not affected by later changes to the object passed
 *   in, and a returned lead is the caller's own (mutating it changes nothing stored). Every field
 *   round-trips without loss, dates included.
 * - **Unique keys**: no two stored leads share an `externalId` or a normalised email; `save`
 *   refuses the second with {@link KeyTaken}, atomically.
 * - **Bounded duplicate lookups**: {@link LeadRepository.findByDuplicateKeys} reads at most
 *   `limit + 1` leads per key, however many hold it; so does the optional
 *   {@link LeadRepository.findByBlockingKeys}.
 * - **Stable pagination**: pages are ordered by id and continue strictly after the cursor, so a
 *   lead present for a whole pagination appears exactly once, even while others are inserted.
 *
 * `InMemoryLeadRepository` in `leadkit/testing` is the reference implementation.
 *
 * @example
 * ```ts
 * import { createInMemoryRepositories } from "leadkit/testing";
 *
 * const repository = createInMemoryRepositories().leads;
 * const saved = await repository.save(lead, { expectedVersion: 0 });
 * const again = await repository.get(lead.id); // equal to saved.lead
 * ```
 * @category Ports
 */
export interface LeadRepository {
  /**
   * Reads one lead.
   *
   * @param id - The lead's id.
   * @returns The lead, or `null` when no lead has this id.
   */
  get(id: string): Promise<Lead | null>;

  /**
   * Reads the lead captured from an external submission (a form post, a CRM import row).
   *
   * @param externalId - The id the submission carried.
   * @returns The lead holding this `externalId`, or the lead that took it over from a lead merged
   *   into it ({@link RemoveOptions.keysTo}); `null` when none does.
   */
  getByExternalId(externalId: string): Promise<Lead | null>;

  /**
   * Inserts or updates a lead if its stored version is still the one the caller read, and if no
   * other lead holds one of its unique keys.
   *
   * @remarks
   * Atomic compare-and-set: when the stored version (`0` for no lead) equals
   * `options.expectedVersion`, the lead is stored with `version: expectedVersion + 1` (the
   * `version` of the argument is ignored) and returned; otherwise nothing is written and a
   * {@link VersionConflict} carries the current version.
   *
   * Unique keys, on insert and on update alike: when another lead holds the lead's `externalId`,
   * or its normalised email (the `email` entry of `duplicateKeys(lead, options)`, computed with the
   * same duplicate-key options as {@link LeadRepository.findByDuplicateKeys}; no email key, no
   * check), nothing is written and {@link KeyTaken} names the key and its holder. The version is
   * checked first, then the external id, then the email. The check and the write are one atomic
   * step: of N concurrent inserts of leads sharing an email or an external id, exactly one is
   * stored, with or without a transaction (on SQL, unique indexes on `external_id` and on the
   * email key give this). A lead keeps its own keys across updates, and a key is free again once
   * its holder is removed or saved without it. Keys a lead took over from removed leads
   * ({@link RemoveOptions.keysTo}) count as held by it too: no other lead may save them, and the
   * lead itself may (a survivor taking an absorbed lead's external id).
   *
   * @param lead - The full lead to store.
   * @param options - The version the caller expects to replace.
   * @returns The stored lead, or why nothing was written.
   */
  save(lead: Lead, options: SaveOptions): Promise<SaveOutcome>;

  /**
   * Optional: inserts several new leads in one step, all of them or none — for bulk loads such as
   * `LeadService.importLeads`, where one statement for many leads costs far less than one each.
   *
   * @remarks
   * The same as calling {@link LeadRepository.save} with `expectedVersion: 0` for each lead in the
   * order given, except that it is atomic: when any lead would be refused — its id is stored
   * already ({@link VersionConflict}, `currentVersion` the stored version), or its external id or
   * normalised email is held by a stored lead or by a lead earlier in the list ({@link KeyTaken})
   * — nothing is written and every refusal is returned. It is atomic with or without a
   * transaction, and inside one it leaves the transaction usable (on SQL: one multi-row `INSERT`,
   * in a savepoint inside a transaction). The stored leads are copies at `version: 1`, as `save`
   * stores them.
   *
   * A repository without it still works: callers fall back to one `save` per lead.
   *
   * @param leads - The leads to insert; an empty list writes nothing and succeeds.
   * @returns The stored leads, or the refusals and nothing written.
   */
  insertMany?(leads: readonly Lead[]): Promise<InsertManyOutcome>;

  /**
   * Deletes a lead if its stored version is still the one the caller read (merges remove the
   * absorbed records this way), in one atomic step with moving its unique keys to
   * `options.keysTo` when given.
   *
   * @param id - The lead's id.
   * @param options - The version the caller expects to remove, and who takes over its keys.
   * @returns `{ ok: true }`, or a {@link VersionConflict} (`currentVersion: 0` when already gone).
   */
  remove(id: string, options: RemoveOptions): Promise<RemoveOutcome>;

  /**
   * Finds the leads that share at least one duplicate key (normalised email, company domain or
   * phone, as the model's `duplicateKeys` computes them) with a candidate, bounded per key.
   *
   * @remarks
   * For each key: when at most `limit` leads hold it, all of them; when more do, exactly
   * `limit + 1` of them (any; the caller only needs to tell that the key is too common to mean the
   * same person, as a shared switchboard or a company domain with hundreds of leads is). The cost
   * must not grow with the number of leads holding a common key: read at most `limit + 1` per key
   * (on SQL, `LIMIT limit + 1` per key; in memory, stop iterating the key's index), and copy or
   * parse only the leads returned. The result is the union over the keys, each lead once.
   *
   * @param keys - The candidate's keys, from `duplicateKeys(candidate)`.
   * @param options - The per-key bound; `{ limit: 20 }` when left out.
   * @returns The matching leads, each once, ordered by id; empty when `keys` is empty.
   */
  findByDuplicateKeys(
    keys: readonly DuplicateKey[],
    options?: FindByDuplicateKeysOptions,
  ): Promise<readonly Lead[]>;

  /**
   * Optional: finds the leads that share at least one blocking key with a candidate (the model's
   * `blockingKeys`: name words with the company's start, pairs of name words, a mailbox name, a
   * phone's last seven digits), bounded per key — how possible duplicates are found without a scan.
   *
   * @remarks
   * Bounded as {@link LeadRepository.findByDuplicateKeys} is: for each key, the ids of every lead
   * holding it when at most `limit` do, else exactly `limit + 1` of them — read at most `limit + 1`
   * per key however many leads hold it (on SQL, an index on the keys and `LIMIT limit + 1` per key;
   * in memory, an index per key) — and only the leads of the keys held by at most `limit` are copied
   * or parsed. A lead holds the keys `blockingKeys(lead, options)` gives for it as stored, computed
   * with the same duplicate-key options as {@link LeadRepository.findByDuplicateKeys} (its phone
   * and email settings); every `save`, `insertMany` and `remove` keeps them in step with the lead,
   * so a lead saved without a name or phone (erased or anonymised) holds none of its old keys.
   *
   * A repository without it still works: `LeadService.capture` and `importLeads` then look for
   * possible duplicates only among the leads `findByDuplicateKeys` returns (those sharing a
   * company domain or a phone), so a near-duplicate with nothing exact in common is missed.
   *
   * @param keys - The candidate's keys, from `blockingKeys(candidate, options)`.
   * @param options - The per-key bound; `{ limit: 49 }` when left out.
   * @returns The holders of each key and the leads of the small blocks; both empty when `keys` is.
   */
  findByBlockingKeys?(
    keys: readonly string[],
    options?: FindByBlockingKeysOptions,
  ): Promise<BlockingKeyLookup>;

  /**
   * Reads one page of the leads matching a query, ordered by id.
   *
   * @param query - Criteria, all of which must hold; `{}` for every lead.
   * @param page - Page size and the cursor to continue after.
   * @returns The page and the cursor of the next one.
   */
  query(query: LeadQuery, page?: PageRequest): Promise<Page<Lead>>;

  /**
   * Reads every lead matching a query, ordered by id, without holding them all in memory.
   *
   * @param query - Criteria, all of which must hold; every lead when left out.
   * @returns An async iterable, read once; leads inserted meanwhile may or may not appear.
   */
  stream(query?: LeadQuery): AsyncIterable<Lead>;

  /**
   * Frees the unique keys a lead took over from leads merged into it ({@link RemoveOptions.keysTo}),
   * for `LeadService.eraseContact`: they are the erased person's old external ids and emails, and
   * once freed a new lead may hold them (the person may come back). The lead's own keys follow its
   * fields as always: saving it without an email or external id frees those.
   *
   * @remarks
   * Idempotent; no version check (it changes no field of the lead). Inside a transaction it commits
   * or rolls back with the rest.
   *
   * @param id - The lead; an unknown lead is no error.
   * @returns Resolves once the keys are free.
   */
  releaseMergedKeys(id: string): Promise<void>;
}
