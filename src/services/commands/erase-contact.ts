import { err, issue, ok, quoteValue, type Result } from "../../internal/index.js";
import { type AuditEntry, anonymizeLead, type Lead } from "../../model/index.js";
import { canHandlePersonalData, canSeeLead } from "../../origin/index.js";
import type { DomainEvent, RepositorySet } from "../../ports/index.js";
import type { ContactErased, EraseContactCommand } from "../lead-service.js";
import { sameRecord } from "../same-record.js";
import { nowOf, type ServiceContext, unitOfWork } from "../service-context.js";
import { conflictIssue, forbiddenIssue, notFoundIssue } from "../service-issues.js";
import { validateCommand } from "../validate-command.js";

/** The audit actions of an erasure, by what asked for it. */
const ERASE_ACTIONS = { request: "erase", retention: "retention_erase" } as const;

/** Erases the personal data of one lead's contact in every store (see `LeadService.eraseContact`). */
export function eraseContact(context: ServiceContext) {
  return async (input: EraseContactCommand): Promise<Result<ContactErased>> => {
    const valid = validateCommand("eraseContact", input);
    if (!valid.ok) return valid;
    const now = nowOf(context);
    return unitOfWork(context, (stores) => eraseOne(context, stores, valid.value, "request", now));
  };
}

/**
 * One erasure, idempotent and resumable: every step either changes nothing when repeated or is
 * skipped once done, and the audit entry — the last write — says the erasure is complete. So a
 * failure at any step, without transactions, is repaired by running the erasure again; with
 * transactions it leaves nothing written.
 *
 * 1. Read the lead; unknown or invisible → `not_found` (never `forbidden`: an erasure must not tell
 *    whether the person is held); no `erase` right → `forbidden`.
 * 2. Done already (an erase entry at the lead's version) → nothing written. A sweep's `still`
 *    condition no longer holds (the lead is active again) → `not_applicable`, nothing written.
 * 3. Save the anonymised lead by compare-and-set (skipped when it is anonymous already: a retry).
 * 4. Free the keys it took over from merged leads; anonymise the interactions, audit entries and
 *    events of the lead and of every lead merged into it.
 * 5. Append the `contact.erased` event (its id is fixed by the version: a retry appends it once),
 *    then the audit entry.
 */
export async function eraseOne(
  context: ServiceContext,
  stores: RepositorySet,
  command: { readonly actor: string; readonly leadId: string; readonly expectedVersion?: number | undefined },
  trigger: "request" | "retention",
  now: Date,
  still: (lead: Lead) => boolean = () => true,
): Promise<Result<ContactErased>> {
  const { actor, leadId } = command;
  const lead = await stores.leads.get(leadId);
  if (lead === null || !canSeeLead(lead, actor, context.policy)) return err([notFoundIssue(actor, leadId)]);
  if (!canHandlePersonalData(lead, actor, "erase", context.policy))
    return err([forbiddenIssue(actor, "erase the personal data of", lead.id)]);
  if (command.expectedVersion !== undefined && command.expectedVersion !== lead.version)
    return err([conflictIssue(lead.id, command.expectedVersion, lead.version)]);
  if (await erasureRecorded(stores, lead)) return ok({ lead, alreadyErased: true });
  if (!still(lead))
    return err([
      issue(
        "not_applicable",
        ["leadId"],
        `Lead ${quoteValue(lead.id)} no longer meets the condition it was picked by; it was left as it is.`,
      ),
    ]);

  const anonymous = anonymizeLead(lead);
  let erased: Lead = lead;
  if (!sameRecord(anonymous, lead)) {
    const saved = await stores.leads.save(
      { ...anonymous, updatedAt: now },
      { expectedVersion: lead.version },
    );
    // An erased lead holds no key, so only a version conflict can refuse it.
    if (!saved.ok)
      return err([
        conflictIssue(lead.id, lead.version, saved.code === "conflict" ? saved.currentVersion : 0),
      ]);
    erased = saved.lead;
  }
  await stores.leads.releaseMergedKeys(lead.id);
  for (const id of [lead.id, ...lead.mergedFrom]) {
    await stores.interactions.erase(id);
    await stores.audit.erase(id);
    await stores.outbox.erase(id);
  }
  const event: DomainEvent = {
    id: `${lead.id}/v${erased.version}/erased`,
    type: "contact.erased",
    leadId: lead.id,
    at: now,
    actor,
    leadVersion: erased.version,
    payload: { trigger },
  };
  await stores.outbox.append([event]);
  // No `beforeVersion`: a retry cannot tell whether the lead it reads was anonymised by the
  // attempt that failed or was anonymous already, and a retry must record what one run records.
  const entry: AuditEntry = {
    at: now,
    actor,
    action: ERASE_ACTIONS[trigger],
    leadId: lead.id,
    afterVersion: erased.version,
  };
  await stores.audit.append([entry]);
  // What the possible-duplicate matcher read of the person (folded name, email) goes too. Dropping
  // it before the unit of work commits is harmless: the matcher checks every record it is given.
  for (const id of [lead.id, ...lead.mergedFrom]) context.possibleDuplicates?.matcher.forget(id);
  return ok({ lead: erased, alreadyErased: false });
}

/**
 * Whether a lead was ever erased (an erasure entry in its audit trail, whatever changed since). An
 * erased lead is never merged with another: that would tie its kept history to a person again.
 */
export async function wasErased(stores: RepositorySet, leadId: string): Promise<boolean> {
  return (await stores.audit.list({ leadId })).some(isErasure);
}

/** Whether an audit entry records an erasure, asked for or made by a retention sweep. */
function isErasure(entry: AuditEntry): boolean {
  return entry.action === ERASE_ACTIONS.request || entry.action === ERASE_ACTIONS.retention;
}

/** Whether the lead, as read, is the result of a completed erasure: an erase entry at its version. */
async function erasureRecorded(stores: RepositorySet, lead: Lead): Promise<boolean> {
  const trail = await stores.audit.list({ leadId: lead.id });
  return trail.some((entry) => isErasure(entry) && entry.afterVersion === lead.version);
}
