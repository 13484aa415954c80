import { err, ok, type Result } from "../../internal/index.js";
import { canHandlePersonalData, canSeeLead } from "../../origin/index.js";
import type { ContactDataExport } from "../contact-data-export.js";
import type { ExportContactDataCommand } from "../lead-service.js";
import { nowOf, type ServiceContext } from "../service-context.js";
import { forbiddenIssue, notFoundIssue } from "../service-issues.js";
import { validateCommand } from "../validate-command.js";

/** JSON for a value made of records, arrays, scalars and `Date`s: instants become ISO strings. */
function toJson<T>(value: T): unknown {
  return JSON.parse(JSON.stringify(value));
}

/** Everything held about one lead's contact, as JSON (see `LeadService.exportContactData`). */
export function exportContactData(context: ServiceContext) {
  return async (input: ExportContactDataCommand): Promise<Result<ContactDataExport>> => {
    const valid = validateCommand("get", input);
    if (!valid.ok) return valid;
    const { actor, leadId } = valid.value;
    const { repositories, policy } = context;
    const lead = await repositories.leads.get(leadId);
    // Unknown and invisible answer alike, whatever the policy reveals elsewhere: an export request
    // must not tell whether a person is held.
    if (lead === null || !canSeeLead(lead, actor, policy)) return err([notFoundIssue(actor, leadId)]);
    if (!canHandlePersonalData(lead, actor, "export", policy))
      return err([forbiddenIssue(actor, "export the personal data of", lead.id)]);
    const ids = [lead.id, ...lead.mergedFrom];
    const interactions = [];
    const auditEntries = [];
    for (const id of ids) {
      for (const interaction of await repositories.interactions.list(id))
        interactions.push({ leadId: id, interaction });
      auditEntries.push(...(await repositories.audit.list({ leadId: id })));
    }
    return ok(
      toJson({
        format: "leadkit.contact-data",
        version: 1,
        exportedAt: nowOf(context),
        subject: { leadId: lead.id, mergedFrom: lead.mergedFrom },
        contact: lead.contact,
        consents: lead.contact.consents,
        doNotContact: lead.contact.doNotContact,
        lead,
        interactions,
        auditEntries,
      }) as ContactDataExport,
    );
  };
}
