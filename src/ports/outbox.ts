import type { DomainEvent } from "./domain-event.js";

/**
 * What {@link Outbox.claim} is asked for: who claims, how many events, for how long, and when.
 * {@link checkClaimRequest} checks it the same way for every outbox.
 *
 * @example
 * ```ts
 * import type { OutboxClaimRequest } from "leadkit/ports";
 * import { createInMemoryRepositories } from "leadkit/testing";
 *
 * const { outbox } = createInMemoryRepositories();
 * declare function deliver(event: import("leadkit/ports").DomainEvent): Promise<void>;
 * const request: OutboxClaimRequest = { consumer: "webhooks-1", limit: 100, leaseMs: 30_000, now: new Date() };
 * const claimed = await outbox.claim(request);
 * for (const { event } of claimed) await deliver(event);
 * await outbox.acknowledge(claimed.map((c) => c.event.id));
 * ```
 * @category Ports
 */
export interface OutboxClaimRequest {
  /**
   * Who claims: a non-blank name of at most 200 characters, e.g. a worker id. Recorded with the
   * lease.
   */
  readonly consumer: string;
  /** At most this many events; truncated to an integer and clamped to 1–1,000 (NaN is refused). */
  readonly limit: number;
  /**
   * How long the claimed events stay leased to the consumer, in milliseconds, from 1 to 30 days
   * (fractions dropped): if they are not acknowledged by then, they become claimable again and are
   * delivered again.
   */
  readonly leaseMs: number;
  /** The present, a valid Date: leases are compared with it and run until `now + leaseMs`. */
  readonly now: Date;
}

/**
 * An event handed out by {@link Outbox.claim}, with how many times it has been handed out.
 *
 * @example
 * ```ts
 * import type { ClaimedEvent } from "leadkit/ports";
 *
 * const delay = (claimed: ClaimedEvent) => Math.min(60_000, 1_000 * 2 ** (claimed.attempt - 1)); // backoff
 * ```
 * @category Ports
 */
export interface ClaimedEvent {
  /** The event, as appended. */
  readonly event: DomainEvent;
  /** 1 the first time the event is claimed, 2 after its first lease expired, and so on. */
  readonly attempt: number;
}

/**
 * Which events {@link Outbox.list} returns.
 *
 * @example
 * ```ts
 * import type { OutboxQuery } from "leadkit/ports";
 * import { createInMemoryRepositories } from "leadkit/testing";
 *
 * const { outbox } = createInMemoryRepositories();
 * const oneLead: OutboxQuery = { leadId: "l1" };
 * (await outbox.list(oneLead)).map((event) => event.type);
 * ```
 * @category Ports
 */
export interface OutboxQuery {
  /** Events about this lead; every event when left out. */
  readonly leadId?: string;
}

/**
 * The transactional outbox: the lead service appends each change's {@link DomainEvent}s in the
 * same unit of work as the change, and a delivery worker claims them in batches, delivers them,
 * and acknowledges them. Delivery is at least once; the event id is the idempotency key.
 *
 * @remarks
 * Semantics every implementation keeps (the conformance suite in `leadkit/testing` checks them):
 *
 * - **Append order.** Events are kept in the order appended (a sequence number on SQL, e.g.
 *   `bigserial`); `claim` and `list` return them in that order. `append` is idempotent on the
 *   event id: an id already in the outbox is skipped.
 * - **Same unit of work.** Inside {@link Repositories.transaction} an append commits or rolls back
 *   with the lead it describes. Without transactions the service appends after the change is
 *   stored, so an event never exists without its change, but a failure between the two leaves a
 *   change without its event: only transactions promise both directions.
 * - **Leases.** `claim` leases each returned event to the consumer until `now + leaseMs`. An event
 *   is claimable when it is not acknowledged and not leased (never claimed, or its lease ended:
 *   `leaseUntil <= now`). Concurrent claims never return the same event while its lease runs,
 *   so two consumers never deliver one event twice (a consumer slower than its lease may see its
 *   events delivered again by another: at least once).
 * - **Order per lead.** A claim returns an event only together with every earlier unacknowledged
 *   event of the same lead, so per lead a batch is a prefix of its pending events; a lead whose
 *   earliest pending event is leased (to anyone) is skipped entirely until that event is
 *   acknowledged or its lease ends. Delivering each batch in order therefore keeps every lead's
 *   events in order, across any number of consumers. On PostgreSQL: pick each lead's earliest
 *   unacknowledged event that is not leased, lock those rows `FOR UPDATE SKIP LOCKED` (locking a
 *   lead's head row is what owns the lead for this claim, so a concurrent claimer skips the whole
 *   lead), then take those leads' pending events in sequence order up to `limit`, and set
 *   `lease_owner`, `lease_until` and `attempts = attempts + 1` in the same statement or transaction.
 * - **Acknowledgement.** `acknowledge` marks events delivered; they are never claimed again.
 *   Unknown or already acknowledged ids are ignored, and an acknowledgement after the lease
 *   ended still counts (the event was delivered). Ids no event can have (U+0000, a lone surrogate,
 *   not a string) are ignored too, never an error.
 * - **Arguments.** `claim` checks its request with {@link checkClaimRequest} (the same check on every
 *   implementation): `limit` is clamped to 1–1,000; NaN, an Invalid Date, a blank consumer or a
 *   lease outside 1 ms–30 days throw `LeadKitError` `invalid_input` and lease nothing.
 *
 * `InMemoryOutbox` in `leadkit/testing` is the reference implementation.
 *
 * @example
 * ```ts
 * declare const repositories: import("leadkit/ports").Repositories;
 * declare function postWebhook(event: import("leadkit/ports").DomainEvent): Promise<boolean>;
 * // A delivery worker: claim, deliver in order, acknowledge what was delivered.
 * const batch = await repositories.outbox.claim({ consumer: "worker-1", limit: 50, leaseMs: 30_000, now: new Date() });
 * const delivered: string[] = [];
 * for (const { event } of batch) {
 *   if (!(await postWebhook(event))) break; // keep the rest of the batch in order: retried after the lease
 *   delivered.push(event.id);
 * }
 * await repositories.outbox.acknowledge(delivered);
 * ```
 * @category Ports
 */
export interface Outbox {
  /**
   * Appends events at the end of the outbox; an event whose id is already there is skipped.
   *
   * @param events - The events, in the order they happened.
   * @returns Resolves once every event is stored.
   */
  append(events: readonly DomainEvent[]): Promise<void>;

  /**
   * Leases a batch of claimable events to a consumer (see the interface remarks for which events
   * are claimable and how order per lead is kept).
   *
   * @param request - The consumer, the batch size, the lease length and the present; checked with
   *   {@link checkClaimRequest} before anything is leased.
   * @returns The claimed events in append order, each with its attempt number; empty when none is
   *   claimable.
   * @throws LeadKitError `invalid_input` for a request {@link checkClaimRequest} refuses (NaN, an
   *   Invalid Date, a blank consumer, a lease outside 1 ms–30 days); nothing is leased.
   */
  claim(request: OutboxClaimRequest): Promise<readonly ClaimedEvent[]>;

  /**
   * Marks events delivered, so they are never claimed again.
   *
   * @param ids - Ids of delivered events; unknown and already acknowledged ids are ignored, and so
   *   are ids no event can have (with U+0000 or a lone surrogate, or not a string).
   * @returns Resolves once stored.
   */
  acknowledge(ids: readonly string[]): Promise<void>;

  /**
   * Reads events in append order, acknowledged or not (for tests, audits and data exports).
   *
   * @param query - Criteria; every event when left out.
   * @returns The matching events, oldest first.
   */
  list(query?: OutboxQuery): Promise<readonly DomainEvent[]>;

  /**
   * Erases the personal data of one lead's events, for `LeadService.eraseContact`: replaces each
   * stored event whose `leadId` is this lead by `anonymizeEvent(event)`, keeping its id,
   * position and delivery state (leases, attempts, acknowledgement). Events already delivered were
   * delivered as they were: their consumers erase their own copies.
   *
   * @remarks
   * Idempotent: erasing twice stores what erasing once does.
   *
   * @param leadId - The lead; an unknown lead is no error.
   * @returns Resolves once every event of the lead is stored anonymised.
   */
  erase(leadId: string): Promise<void>;
}
