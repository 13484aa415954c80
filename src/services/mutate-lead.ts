import { err, type Issue, issue, ok, type Result } from "../internal/index.js";
import type { AuditEntry, Interaction, Lead } from "../model/index.js";
import { canSeeLead, canWorkLead, revealsHiddenLeads } from "../origin/index.js";
import type { DomainEvent, RepositorySet } from "../ports/index.js";
import { type AuditFields, buildAuditEntry } from "./audit-entry.js";
import { completeEvents, type EventDraft, recordChange } from "./domain-events.js";
import { nowOf, type ServiceContext, unitOfWork } from "./service-context.js";
import { conflictIssue, forbiddenIssue, notFoundIssue } from "./service-issues.js";

/** What a command about one lead carries once validated. */
export interface LeadCommandEnvelope {
  readonly actor: string;
  readonly leadId: string;
  readonly expectedVersion?: number | undefined;
  readonly reason?: string | undefined;
}

/** A change a command computed from the lead as read: what to save, audit and announce. */
export interface LeadChange<T> {
  /** The lead to save; the very lead read means "nothing changed": nothing is written. */
  readonly lead: Lead;
  /** How the audit log describes the change. */
  readonly audit: AuditFields;
  /** The events the change produces, about the lead as saved. */
  readonly events: (saved: Lead) => readonly EventDraft[];
  /** Interactions to append to the interaction store with the change. */
  readonly interactions?: readonly Interaction[];
  /** The command's own result, besides the lead. */
  readonly value: T;
}

/**
 * What the actor needs toward the lead: to see it (the ownership operations then apply the
 * policy's per-operation rights), or to work it (the policy's `work` roles).
 */
export type LeadAccess = "see" | "work";

/** The issue for a lead the actor may not see: `not_found`, as for a lead that does not exist, unless the policy reveals hidden leads. */
export function invisibleLeadIssue(
  context: ServiceContext,
  actor: string,
  what: string,
  leadId: string,
): Issue {
  return revealsHiddenLeads(context.policy)
    ? forbiddenIssue(actor, what, leadId)
    : notFoundIssue(actor, leadId);
}

/**
 * One atomic read-check-write of one lead: read it, check the actor's access in the policy and the
 * expected version, let the command compute the change (a pure function), save it with a
 * compare-and-set on the version read, then append its interactions, its audit entry and its
 * events — in one transaction when the repositories have them, else in that order, so a failure
 * never leaves an audit entry or an event without its change.
 */
export function mutateLead<T>(
  context: ServiceContext,
  command: LeadCommandEnvelope,
  what: string,
  access: LeadAccess,
  change: (lead: Lead, now: Date) => Result<LeadChange<T>>,
): Promise<Result<T & { readonly lead: Lead }>> {
  const now = nowOf(context);
  return unitOfWork(context, (stores) => changeLead(context, stores, command, what, access, change, now));
}

/**
 * {@link mutateLead}'s read-check-write on stores the caller's unit of work already holds. With
 * `collect`, the change's audit entry and events are pushed onto it, for the caller to append
 * later in the same unit of work (after the lead is saved, as always), instead of being appended
 * here.
 */
export async function changeLead<T>(
  context: ServiceContext,
  stores: RepositorySet,
  command: LeadCommandEnvelope,
  what: string,
  access: LeadAccess,
  change: (lead: Lead, now: Date) => Result<LeadChange<T>>,
  now: Date,
  collect?: { readonly audit: AuditEntry[]; readonly events: DomainEvent[] },
): Promise<Result<T & { readonly lead: Lead }>> {
  const { policy } = context;
  const lead = await stores.leads.get(command.leadId);
  if (lead === null || !canSeeLead(lead, command.actor, policy))
    return err([
      lead === null
        ? notFoundIssue(command.actor, command.leadId)
        : invisibleLeadIssue(context, command.actor, what, lead.id),
    ]);
  if (access === "work" && !canWorkLead(lead, command.actor, policy))
    return err([forbiddenIssue(command.actor, what, lead.id)]);
  if (command.expectedVersion !== undefined && command.expectedVersion !== lead.version)
    return err([conflictIssue(lead.id, command.expectedVersion, lead.version)]);
  const changed = change(lead, now);
  if (!changed.ok) return changed;
  if (changed.value.lead === lead) return ok({ ...changed.value.value, lead });
  const saved = await stores.leads.save(changed.value.lead, { expectedVersion: lead.version });
  if (!saved.ok) {
    if (saved.code === "key_taken")
      return err([
        issue(
          "key_taken",
          saved.key.kind === "external_id" ? ["externalId"] : ["contact", "email"],
          `Another lead already holds this ${saved.key.kind === "external_id" ? "external id" : "email"}; expected one no other lead holds (merge the two leads instead).`,
        ),
      ]);
    return err([conflictIssue(lead.id, lead.version, saved.currentVersion)]);
  }
  const written = {
    leadId: lead.id,
    interactions: changed.value.interactions,
    audit: [
      buildAuditEntry({
        actor: command.actor,
        leadId: lead.id,
        at: now,
        beforeVersion: lead.version,
        afterVersion: saved.lead.version,
        fields: changed.value.audit,
        reason: command.reason,
      }),
    ],
    events: completeEvents(changed.value.events(saved.lead), {
      leadId: lead.id,
      leadVersion: saved.lead.version,
      actor: command.actor,
      at: now,
    }),
  };
  if (collect === undefined) await recordChange(stores, written);
  else {
    await recordChange(stores, { ...written, audit: [], events: [] });
    collect.audit.push(...written.audit);
    collect.events.push(...written.events);
  }
  return ok({ ...changed.value.value, lead: saved.lead });
}
