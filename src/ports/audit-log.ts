import type { AuditEntry } from "../model/index.js";

/**
 * Which entries {@link AuditLog.list} returns; every criterion given must hold.
 *
 * @example
 * ```ts
 * import type { AuditQuery } from "leadkit/ports";
 * import { createInMemoryRepositories } from "leadkit/testing";
 *
 * const { audit } = createInMemoryRepositories();
 * const oneLead: AuditQuery = { leadId: "l1" };
 * (await audit.list(oneLead)).map((entry) => `${entry.at.toISOString()} ${entry.actor} ${entry.action}`);
 * ```
 * @category Ports
 */
export interface AuditQuery {
  /** Entries about this lead. */
  readonly leadId?: string;
  /** Entries written by this actor. */
  readonly actor?: string;
  /** Entries at or after this instant. */
  readonly from?: Date;
  /** Entries strictly before this instant. */
  readonly to?: Date;
}

/**
 * The append-only record of every change made to leads: who did what, when, why, and the lead's
 * version before and after.
 *
 * @remarks
 * Entries are never deleted, and updated only by {@link AuditLog.erase}. The services write an entry only for a change that was
 * stored, so the log never records a change that did not happen.
 *
 * @example
 * ```ts
 * import { createInMemoryRepositories } from "leadkit/testing";
 *
 * const { audit } = createInMemoryRepositories();
 * await audit.append([{ at: now, actor: "u-ana", action: "transfer", leadId: "l1", beforeVersion: 3, afterVersion: 4 }]);
 * const trail = await audit.list({ leadId: "l1" });
 * ```
 * @category Ports
 */
export interface AuditLog {
  /**
   * Adds entries at the end of the log.
   *
   * @param entries - The entries, in the order they happened.
   * @returns Resolves once every entry is stored.
   */
  append(entries: readonly AuditEntry[]): Promise<void>;

  /**
   * Reads entries in the order they were appended.
   *
   * @param query - Criteria; every entry when left out.
   * @returns The matching entries, oldest first.
   */
  list(query?: AuditQuery): Promise<readonly AuditEntry[]>;

  /**
   * Erases the personal data the entries about one lead may hold, for `LeadService.eraseContact`:
   * replaces each entry whose `leadId` is this lead by `anonymizeAuditEntry(entry)` (from
   * `leadkit`), in place and in order. The one change ever made to stored entries: the law asks
   * for it, and who did what, when, stays.
   *
   * @remarks
   * Idempotent: erasing twice stores what erasing once does.
   *
   * @param leadId - The lead; an unknown lead is no error.
   * @returns Resolves once every entry about the lead is stored anonymised.
   */
  erase(leadId: string): Promise<void>;
}
