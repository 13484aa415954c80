import { err, ok, type Result } from "../../internal/index.js";
import type { Lead } from "../../model/index.js";
import { canSeeLead } from "../../origin/index.js";
import type { GetLeadCommand } from "../lead-service.js";
import { invisibleLeadIssue } from "../mutate-lead.js";
import type { ServiceContext } from "../service-context.js";
import { notFoundIssue } from "../service-issues.js";
import { validateCommand } from "../validate-command.js";

/** Reads a lead the actor may see; an invisible lead answers like an unknown one (unless revealed). */
export function get(context: ServiceContext) {
  return async (input: GetLeadCommand): Promise<Result<Lead>> => {
    const valid = validateCommand("get", input);
    if (!valid.ok) return valid;
    const { actor, leadId } = valid.value;
    const lead = await context.repositories.leads.get(leadId);
    if (lead === null) return err([notFoundIssue(actor, leadId)]);
    if (!canSeeLead(lead, actor, context.policy))
      return err([invisibleLeadIssue(context, actor, "see", leadId)]);
    return ok(lead);
  };
}
