import type { LeadStage } from "../model/index.js";

/**
 * The types of domain event the lead service appends to the {@link Outbox}, one per kind of
 * change.
 *
 * @example
 * ```ts
 * import { DOMAIN_EVENT_TYPES } from "leadkit/ports";
 *
 * DOMAIN_EVENT_TYPES.includes("lead.stage_changed"); // true
 * ```
 * @category Ports
 */
export const DOMAIN_EVENT_TYPES = [
  "lead.captured",
  "lead.stage_changed",
  "lead.score_changed",
  "lead.ownership_changed",
  "lead.merged",
  "consent.changed",
  "interaction.recorded",
  "contact.erased",
] as const;

/**
 * One of {@link DOMAIN_EVENT_TYPES}.
 *
 * @example
 * ```ts
 * import type { DomainEventType } from "leadkit/ports";
 * import { createInMemoryRepositories } from "leadkit/testing";
 *
 * // Only the events a webhook subscriber asked for.
 * const wanted: readonly DomainEventType[] = ["lead.captured", "lead.stage_changed"];
 * const { outbox } = createInMemoryRepositories();
 * (await outbox.list()).filter((event) => wanted.includes(event.type));
 * ```
 * @category Ports
 */
export type DomainEventType = (typeof DOMAIN_EVENT_TYPES)[number];

/**
 * The payload of each {@link DomainEventType}. Payloads are JSON values (instants are ISO 8601
 * strings), so they round-trip through a JSON column unchanged, and they carry no contact details
 * (name, email, phone): a consumer that needs them reads the lead through the service.
 *
 * @example
 * ```ts
 * import type { DomainEventPayloads } from "leadkit/ports";
 * import { createInMemoryRepositories } from "leadkit/testing";
 *
 * const describe = (moved: DomainEventPayloads["lead.stage_changed"]) => `${moved.from} → ${moved.to} (${moved.event})`;
 * const { outbox } = createInMemoryRepositories();
 * for (const event of await outbox.list({ leadId: "l1" })) if (event.type === "lead.stage_changed") describe(event.payload);
 * ```
 * @category Ports
 */
export interface DomainEventPayloads {
  /** A lead was captured (created). */
  readonly "lead.captured": {
    /** The stage it was created in. */
    readonly stage: LeadStage;
    /** Its owner, or `null` when it went to a pool. */
    readonly owner: string | null;
    /** Its pool, or `null`. */
    readonly pool: string | null;
    /** The user who generated it (active origin), or `null` (passive). */
    readonly generatedBy: string | null;
    /** Its external id, or `null`. */
    readonly externalId: string | null;
    /** Its origin for the capturing user: the kind and the id of the origin rule that matched. */
    readonly origin: { readonly kind: "active" | "passive"; readonly rule: string };
  };
  /** The lead moved through its lifecycle. */
  readonly "lead.stage_changed": {
    /** The stage left. */
    readonly from: LeadStage;
    /** The stage entered. */
    readonly to: LeadStage;
    /** The lifecycle event that moved it, e.g. `"qualify"`. */
    readonly event: string;
  };
  /** One scoring model's automated score changed, or crossed thresholds. */
  readonly "lead.score_changed": {
    /** The model. */
    readonly modelId: string;
    /** The value stored before, or `null` when the lead had none from this model. */
    readonly from: number | null;
    /** The value stored now. */
    readonly to: number;
    /** Ids of the model's thresholds newly crossed by this change, in the model's order. */
    readonly thresholds: readonly string[];
  };
  /** Who holds or works the lead changed: a share, unshare, transfer, referral, claim, release or merge. */
  readonly "lead.ownership_changed": {
    /** What changed it: an ownership operation's name, or `"merge"`. */
    readonly operation: string;
    /** The owner before and after (`null`: none, the lead sits in a pool). */
    readonly owner: { readonly from: string | null; readonly to: string | null };
    /** The pool before and after (`null`: none). */
    readonly pool: { readonly from: string | null; readonly to: string | null };
    /** The collaborators after the change. */
    readonly collaborators: readonly { readonly userId: string; readonly access: "edit" | "view" }[];
  };
  /** Leads were merged into this one (the survivor); the absorbed leads no longer exist. */
  readonly "lead.merged": {
    /** The surviving lead (the event's `leadId`). */
    readonly survivorId: string;
    /** The leads folded into it and removed. */
    readonly absorbedIds: readonly string[];
  };
  /**
   * The contact's consents or do-not-contact flags changed (e.g. merged from a duplicate): their
   * purposes, statuses, channels, reason codes and times, never their free text (a consent's
   * `source`, a flag's `note`), which may hold personal data.
   */
  readonly "consent.changed": {
    /** Every consent record after the change. */
    readonly consents: readonly {
      readonly purpose: string;
      readonly status: "granted" | "withdrawn";
      readonly at: string;
    }[];
    /** Every do-not-contact flag after the change. */
    readonly doNotContact: readonly {
      readonly channel: string;
      readonly reason: string;
      readonly at: string;
    }[];
  };
  /**
   * The contact's personal data was erased (`LeadService.eraseContact`, or a retention sweep) in
   * every store; the lead stays, anonymous, for the aggregates. Says nothing about the person.
   */
  readonly "contact.erased": {
    /** Why: an erasure asked for (`"request"`), or a retention policy (`"retention"`). */
    readonly trigger: "request" | "retention";
  };
  /** An interaction was recorded on the lead. */
  readonly "interaction.recorded": {
    /** The interaction's id. */
    readonly interactionId: string;
    /** Its type, e.g. `"demo_request"`. */
    readonly type: string;
    /** When it happened (ISO 8601). */
    readonly at: string;
  };
}

/**
 * A domain event: something that happened to a lead, appended to the {@link Outbox} in the same
 * unit of work as the change, for delivery to the rest of a system (webhooks, queues, analytics).
 *
 * @remarks
 * `id` is unique and is the event's **idempotency key**: a consumer that receives an event twice
 * (delivery is at least once) recognises it by id — send it as the webhook id or the
 * `Idempotency-Key` header. `leadVersion` is the lead's version after the change, so a consumer can
 * also order or drop stale events per lead. A union over {@link DomainEventType}: narrow on `type`
 * to read the payload.
 *
 * @example
 * ```ts
 * import type { DomainEvent } from "leadkit/ports";
 *
 * function describe(event: DomainEvent): string {
 *   if (event.type === "lead.stage_changed") return `${event.leadId}: ${event.payload.from} → ${event.payload.to}`;
 *   return `${event.leadId}: ${event.type}`;
 * }
 * ```
 * @category Ports
 */
export type DomainEvent = {
  readonly [T in DomainEventType]: {
    /** Unique id, and the idempotency key of every delivery of this event. */
    readonly id: string;
    /** What happened. */
    readonly type: T;
    /** The lead it happened to (for `lead.merged`, the survivor). */
    readonly leadId: string;
    /** When (the service's clock at the change). */
    readonly at: Date;
    /** Who did it: a user, or a system actor. */
    readonly actor: string;
    /** The lead's version after the change. */
    readonly leadVersion: number;
    /** What changed (see {@link DomainEventPayloads}). */
    readonly payload: DomainEventPayloads[T];
  };
}[DomainEventType];

/**
 * Removes what an event's payload may hold about a lead's contact, for an erasure: payloads carry no
 * name, email or phone by design, but a `lead.captured` event names the external id the lead was
 * captured under, which may be personal (a form post's id, an address); it becomes `null`. Every
 * other event is returned as it is.
 *
 * @param event - A domain event.
 * @returns The event without personal data; applied twice, the same value (idempotent).
 * @example
 * ```ts
 * import { anonymizeEvent } from "leadkit/ports";
 *
 * declare const outbox: import("leadkit/ports").Outbox;
 * const events = await outbox.list({ leadId: "l1" });
 * const erased = events.map(anonymizeEvent); // what Outbox.erase("l1") stores
 * ```
 * @category Ports
 */
export function anonymizeEvent(event: DomainEvent): DomainEvent {
  if (event.type !== "lead.captured" || event.payload.externalId === null) return event;
  return { ...event, payload: { ...event.payload, externalId: null } };
}
