import { ok, type Result } from "../../internal/index.js";
import { findStaleLeads as flag, type StalenessFlag } from "../../lifecycle/index.js";
import type { Lead, LeadStage } from "../../model/index.js";
import { canSeeLead, leadOwnershipKind } from "../../origin/index.js";
import type { FindStaleLeadsCommand } from "../lead-service.js";
import { nowOf, type ServiceContext } from "../service-context.js";
import { validateCommand } from "../validate-command.js";

/** Flags the leads the actor may see that a staleness policy picks out. */
export function findStaleLeads(context: ServiceContext) {
  return async (input: FindStaleLeadsCommand): Promise<Result<readonly StalenessFlag<Lead>[]>> => {
    const valid = validateCommand("findStaleLeads", input);
    if (!valid.ok) return valid;
    const { actor } = valid.value;
    const policy = valid.value.policy ?? context.staleness;
    const visible: Lead[] = [];
    for await (const lead of context.repositories.leads.stream({ stage: policy.stages as LeadStage[] })) {
      if (canSeeLead(lead, actor, context.policy)) visible.push(lead);
    }
    return ok(flag(visible, policy, { now: nowOf(context), originOf: leadOwnershipKind }));
  };
}
