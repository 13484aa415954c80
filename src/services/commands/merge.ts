import { err, type Issue, issue, ok, quoteValue, type Result } from "../../internal/index.js";
import { duplicateKeys, type Lead, type MergeConflict, mergeLeads } from "../../model/index.js";
import { canSeeLead, mergeAccessIssues } from "../../origin/index.js";
import type { RepositorySet } from "../../ports/index.js";
import { buildAuditEntry } from "../audit-entry.js";
import { completeEvents, consentChanged, ownershipChanged } from "../domain-events.js";
import type { MergeCommand, MergeOutcome } from "../lead-service.js";
import { invisibleLeadIssue } from "../mutate-lead.js";
import { Abort, guardPure, nowOf, type ServiceContext, unitOfWork } from "../service-context.js";
import { type ConflictIssue, conflictIssue, notFoundIssue } from "../service-issues.js";
import { validateCommand, validateExpectedVersions } from "../validate-command.js";
import { wasErased } from "./erase-contact.js";

/** The unique keys the survivor takes over from an absorbed lead once that lead is removed. */
interface HeldBack {
  readonly externalId?: string | undefined;
  readonly email?: string | undefined;
}

/**
 * Merges duplicate leads into the strongest one, ordered so that no lead is ever lost, with or
 * without a transaction:
 *
 * 1. read every lead, check access and expected versions, merge them (a pure function) and check
 *    the policy's merge rule — nothing is written until all of this passes;
 * 2. save the survivor with everything the others held (version-checked: a concurrent write fails
 *    the merge with nothing written), except the external id and email it takes over from them,
 *    which are unique and still held by those leads — then its interactions and its audit entry;
 * 3. remove each absorbed lead (version-checked: a lead changed meanwhile is kept — rolled back
 *    with everything else in a transaction, else reported as `merge_incomplete`), each audited;
 *    its unique keys go to the survivor in the same step (`keysTo`), so retries find the survivor;
 * 4. give the survivor the external id and email it takes over (audited; recorded in step 2's
 *    audit entry too, so a failure here loses neither);
 * 5. append the events.
 *
 * At every step that can fail, each lead exists with all its data, on the survivor or on itself.
 */
export function merge(context: ServiceContext) {
  return async (input: MergeCommand): Promise<Result<MergeOutcome>> => {
    const valid = validateCommand("merge", input);
    if (!valid.ok) return invalidIds(valid.issues, input);
    const command = valid.value;
    const expected = validateExpectedVersions(
      (input as { readonly expectedVersions?: unknown }).expectedVersions,
    );
    if (!expected.ok) return expected;
    if (new Set(command.leadIds).size !== command.leadIds.length)
      return err([invalidLeadIds(command.leadIds)]);
    const { actor } = command;
    const now = nowOf(context);
    const audit = (
      leadId: string,
      fields: Parameters<typeof buildAuditEntry>[0]["fields"],
      before: number,
      after?: number,
    ) =>
      buildAuditEntry({
        actor,
        leadId,
        at: now,
        beforeVersion: before,
        afterVersion: after,
        fields,
        reason: command.reason,
      });

    return unitOfWork<MergeOutcome>(context, async (stores, transactional) => {
      const leads: Lead[] = [];
      for (const [index, id] of command.leadIds.entries()) {
        const lead = await stores.leads.get(id);
        if (lead === null) return err([notFoundIssue(actor, id, ["leadIds", index])]);
        if (!canSeeLead(lead, actor, context.policy))
          return err([{ ...invisibleLeadIssue(context, actor, "merge", id), path: ["leadIds", index] }]);
        const version = expected.value.get(id);
        if (version !== undefined && version !== lead.version)
          return err([conflictIssue(id, version, lead.version)]);
        if (await wasErased(stores, id))
          return err([
            issue(
              "erased_lead",
              ["leadIds", index],
              `Lead ${quoteValue(id)} was erased; an erased lead is never merged, since that would tie its kept history to a person again. Keep the person's new lead as it is.`,
            ),
          ]);
        leads.push(lead);
      }
      const merged = guardPure("Merging", () => mergeLeads(leads, { now }));
      if (!merged.ok) return merged;
      const { survivorId, absorbedIds } = merged.value;
      const refused = mergeAccessIssues(leads, merged.value.lead, actor, context.policy, now);
      if (refused.length > 0) return err(refused);
      const survivor = leads.find((l) => l.id === survivorId) as Lead;
      const absorbed = leads.filter((l) => l.id !== survivorId);
      const target = merged.value.lead;
      const heldBack = heldBackKeys(context, survivor, target);

      // 2. The survivor first: until the others are removed, it holds a copy of their data.
      const first = await stores.leads.save(withKeysOf(target, survivor), {
        expectedVersion: survivor.version,
      });
      if (!first.ok) {
        const current = first.code === "conflict" ? first.currentVersion : survivor.version;
        return err([conflictIssue(survivorId, survivor.version, current)]);
      }
      await stores.interactions.append(survivorId, first.lead.interactions);
      await stores.audit.append([
        audit(
          survivorId,
          {
            action: "merge",
            details: {
              absorbed: absorbedIds.join(","),
              conflicts: merged.value.conflicts.length,
              ...(heldBack.externalId === undefined ? {} : { takesExternalId: heldBack.externalId }),
              ...(heldBack.email === undefined ? {} : { takesEmail: heldBack.email }),
            },
          },
          survivor.version,
          first.lead.version,
        ),
      ]);

      // 3. Then the others, each only if nobody changed it since it was read.
      const removed: string[] = [];
      for (const lead of absorbed) {
        // Its external id and email keep finding the survivor, so a retried capture or import of
        // the absorbed lead does not create it again.
        const outcome = await stores.leads.remove(lead.id, {
          expectedVersion: lead.version,
          keysTo: survivorId,
        });
        if (!outcome.ok) {
          const conflict = conflictIssue(lead.id, lead.version, outcome.currentVersion);
          if (transactional) throw new Abort([conflict]);
          await announce(stores, { actor, now, survivor, saved: first.lead, removed });
          return err([incomplete(survivorId, first.lead.version, removed, conflict)]);
        }
        await stores.audit.append([
          audit(lead.id, { action: "merged_into", details: { survivor: survivorId } }, lead.version),
        ]);
        removed.push(lead.id);
      }

      // 4. Now free, the keys it takes over.
      const taken = await takeOverKeys(stores, first.lead, heldBack, absorbed);
      if (taken.lead !== first.lead)
        await stores.audit.append([
          audit(
            survivorId,
            {
              action: "merge_keys",
              details: {
                ...(taken.lead.externalId === survivor.externalId
                  ? {}
                  : { externalId: taken.lead.externalId ?? null }),
                ...(taken.lead.contact.email === survivor.contact.email
                  ? {}
                  : { email: taken.lead.contact.email ?? null }),
              },
            },
            first.lead.version,
            taken.lead.version,
          ),
        ]);

      // 5. And what happened, for the rest of the system.
      await announce(stores, { actor, now, survivor, saved: taken.lead, removed });
      return ok({
        lead: taken.lead,
        absorbedIds,
        conflicts: [...merged.value.conflicts, ...taken.conflicts],
      });
    });
  };
}

/** The external id and email the merged lead holds that the survivor did not: another lead's, for now. */
function heldBackKeys(context: ServiceContext, survivor: Lead, target: Lead): HeldBack {
  const emailKey = (lead: Lead) =>
    duplicateKeys(lead, context.duplicates).find((k) => k.kind === "email")?.value;
  return {
    externalId: survivor.externalId === undefined ? target.externalId : undefined,
    email:
      emailKey(survivor) === undefined && emailKey(target) !== undefined ? target.contact.email : undefined,
  };
}

/** The merged lead with the survivor's own external id and email. */
function withKeysOf(target: Lead, survivor: Lead): Lead {
  const { externalId: _externalId, ...rest } = target;
  const { email: _email, ...contact } = target.contact;
  return {
    ...rest,
    ...(survivor.externalId === undefined ? {} : { externalId: survivor.externalId }),
    contact: {
      ...contact,
      ...(survivor.contact.email === undefined ? {} : { email: survivor.contact.email }),
    },
  };
}

/**
 * Saves the survivor with the keys it takes over, re-reading it when someone saved it meanwhile
 * (a field filled since is left as it is). A key another lead took meanwhile (a capture between
 * the removal and now, without a transaction) stays with that lead and is reported as a conflict.
 */
async function takeOverKeys(
  stores: RepositorySet,
  saved: Lead,
  heldBack: HeldBack,
  absorbed: readonly Lead[],
): Promise<{ lead: Lead; conflicts: MergeConflict[] }> {
  const conflicts: MergeConflict[] = [];
  let wanted = heldBack;
  let current = saved;
  for (let attempt = 0; attempt < 5; attempt++) {
    const externalId = current.externalId === undefined ? wanted.externalId : undefined;
    const email = current.contact.email === undefined ? wanted.email : undefined;
    if (externalId === undefined && email === undefined) return { lead: current, conflicts };
    const next: Lead = {
      ...current,
      ...(externalId === undefined ? {} : { externalId }),
      contact: { ...current.contact, ...(email === undefined ? {} : { email }) },
    };
    const outcome = await stores.leads.save(next, { expectedVersion: current.version });
    if (outcome.ok) return { lead: outcome.lead, conflicts };
    if (outcome.code === "key_taken") {
      const field = outcome.key.kind === "external_id" ? "externalId" : "email";
      const from = absorbed.find((l) =>
        field === "email" ? l.contact.email === wanted.email : l.externalId === wanted.externalId,
      );
      conflicts.push({
        path: field === "email" ? ["contact", "email"] : ["externalId"],
        kept: field === "email" ? current.contact.email : current.externalId,
        others: [
          {
            leadId: from?.id ?? outcome.existingId,
            value: field === "email" ? wanted.email : wanted.externalId,
          },
        ],
      });
      wanted = field === "email" ? { ...wanted, email: undefined } : { ...wanted, externalId: undefined };
      continue;
    }
    const reread = await stores.leads.get(current.id);
    if (reread === null) return { lead: current, conflicts };
    current = reread;
  }
  return { lead: current, conflicts };
}

/** Appends the merge's events: `lead.merged`, and ownership and consent changes of the survivor. */
async function announce(
  stores: RepositorySet,
  change: { actor: string; now: Date; survivor: Lead; saved: Lead; removed: readonly string[] },
): Promise<void> {
  const { survivor, saved } = change;
  await stores.outbox.append(
    completeEvents(
      [
        { type: "lead.merged", payload: { survivorId: survivor.id, absorbedIds: [...change.removed] } },
        ...ownershipChanged("merge", survivor, saved),
        ...consentChanged(survivor, saved),
      ],
      { leadId: survivor.id, leadVersion: saved.version, actor: change.actor, at: change.now },
    ),
  );
}

function incomplete(
  survivorId: string,
  version: number,
  removed: readonly string[],
  conflict: ConflictIssue,
): Issue {
  const folded =
    removed.length === 0 ? "" : ` and ${removed.map((id) => `"${id}"`).join(", ")} were folded into it`;
  return {
    ...conflict,
    code: "merge_incomplete",
    message: `The merge stopped half-way and nothing was lost: lead "${survivorId}" holds the merged data (version ${version})${folded}, but lead "${conflict.leadId}" changed since it was read (now at version ${conflict.currentVersion}), so it was kept. Merge again to fold in its changes.`,
  };
}

function invalidLeadIds(leadIds: unknown): Issue {
  return issue(
    "invalid_lead_ids",
    ["leadIds"],
    `Merging needs 2 to 100 distinct lead ids; got ${JSON.stringify(leadIds)?.slice(0, 200) ?? String(leadIds)}.`,
  );
}

/** A command whose lead ids are missing, repeated or too few answers `invalid_lead_ids`. */
function invalidIds(issues: readonly Issue[], input: unknown): Result<never> {
  const aboutIds = issues.some((i) => i.path[0] === "leadIds" && i.path.length === 1);
  const ids =
    input !== null && typeof input === "object" ? (input as { leadIds?: unknown }).leadIds : undefined;
  return err(aboutIds ? [invalidLeadIds(ids), ...issues.filter((i) => i.path[0] !== "leadIds")] : issues);
}
