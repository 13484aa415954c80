import type { Interaction, Lead } from "../model/index.js";
import type { DomainEvent, DomainEventPayloads, DomainEventType, RepositorySet } from "../ports/index.js";
import type { ScoreChange } from "../scoring/index.js";

/** An event before it is tied to the saved lead: its type and payload. */
export type EventDraft = {
  readonly [T in DomainEventType]: { readonly type: T; readonly payload: DomainEventPayloads[T] };
}[DomainEventType];

/**
 * Ties drafts to the change that produced them. The id is `<leadId>/v<version>/<n>`: each lead
 * version is written once (compare-and-set), so the id is unique, and a retried append of the same
 * change carries the same ids (the outbox skips them).
 */
export function completeEvents(
  drafts: readonly EventDraft[],
  change: {
    readonly leadId: string;
    readonly leadVersion: number;
    readonly actor: string;
    readonly at: Date;
  },
): DomainEvent[] {
  return drafts.map(
    (draft, n) =>
      ({
        id: `${change.leadId}/v${change.leadVersion}/${n}`,
        type: draft.type,
        leadId: change.leadId,
        at: change.at,
        actor: change.actor,
        leadVersion: change.leadVersion,
        payload: draft.payload,
      }) as DomainEvent,
  );
}

export function interactionRecorded(interaction: Interaction): EventDraft {
  return {
    type: "interaction.recorded",
    payload: { interactionId: interaction.id, type: interaction.type, at: interaction.at.toISOString() },
  };
}

export function scoreChanged(changes: readonly ScoreChange[]): EventDraft[] {
  return changes.map((c) => ({
    type: "lead.score_changed",
    payload: { modelId: c.modelId, from: c.from, to: c.to, thresholds: c.thresholds },
  }));
}

/** A `lead.ownership_changed` draft when the owner, pool or collaborators differ. */
export function ownershipChanged(operation: string, before: Lead, after: Lead): EventDraft[] {
  const same =
    before.owner === after.owner &&
    before.pool === after.pool &&
    JSON.stringify(before.collaborators) === JSON.stringify(after.collaborators);
  if (same) return [];
  return [
    {
      type: "lead.ownership_changed",
      payload: {
        operation,
        owner: { from: before.owner, to: after.owner },
        pool: { from: before.pool ?? null, to: after.pool ?? null },
        collaborators: after.collaborators.map((c) => ({ userId: c.userId, access: c.access })),
      },
    },
  ];
}

/** A `consent.changed` draft when the consents or do-not-contact flags differ. */
export function consentChanged(before: Lead, after: Lead): EventDraft[] {
  const payload = {
    consents: after.contact.consents.map((c) => ({
      purpose: c.purpose,
      status: c.status,
      at: c.at.toISOString(),
      // No `source`: it is free text ("call with Ana, +34…") and may hold personal data.
    })),
    doNotContact: after.contact.doNotContact.map((d) => ({
      channel: d.channel,
      reason: d.reason,
      at: d.at.toISOString(),
    })),
  };
  const changed =
    JSON.stringify(before.contact.consents) !== JSON.stringify(after.contact.consents) ||
    JSON.stringify(before.contact.doNotContact) !== JSON.stringify(after.contact.doNotContact);
  return changed ? [{ type: "consent.changed", payload }] : [];
}

/** Writes what follows a stored change, in order: interactions, audit entries, events. */
export async function recordChange(
  stores: RepositorySet,
  written: {
    readonly leadId: string;
    readonly interactions?: readonly Interaction[] | undefined;
    readonly audit: Parameters<RepositorySet["audit"]["append"]>[0];
    readonly events: readonly DomainEvent[];
  },
): Promise<void> {
  if (written.interactions !== undefined && written.interactions.length > 0)
    await stores.interactions.append(written.leadId, written.interactions);
  if (written.audit.length > 0) await stores.audit.append(written.audit);
  if (written.events.length > 0) await stores.outbox.append(written.events);
}
