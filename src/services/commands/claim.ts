import type { Result } from "../../internal/index.js";
import type { Lead } from "../../model/index.js";
import { claimLead } from "../../origin/index.js";
import type { LeadCommand } from "../lead-service.js";
import type { ServiceContext } from "../service-context.js";
import { validateCommand } from "../validate-command.js";
import { changeOwnership } from "./ownership-command.js";

/** Claims a lead from a pool, as the policy allows. */
export function claim(context: ServiceContext) {
  return async (input: LeadCommand): Promise<Result<Lead>> => {
    const valid = validateCommand("lead", input);
    if (!valid.ok) return valid;
    return changeOwnership(context, valid.value, "claim", (lead, options) => claimLead(lead, options));
  };
}
