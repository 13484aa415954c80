import type { Result } from "../../internal/index.js";
import type { Lead } from "../../model/index.js";
import { transferLead } from "../../origin/index.js";
import type { HandOverCommand } from "../lead-service.js";
import type { ServiceContext } from "../service-context.js";
import { validateCommand } from "../validate-command.js";
import { changeOwnership } from "./ownership-command.js";

/** Transfers a lead to a new owner, as the policy allows. */
export function transfer(context: ServiceContext) {
  return async (input: HandOverCommand): Promise<Result<Lead>> => {
    const valid = validateCommand("handOver", input);
    if (!valid.ok) return valid;
    const { to } = valid.value;
    return changeOwnership(context, valid.value, "transfer", (lead, options) =>
      transferLead(lead, { ...options, to }),
    );
  };
}
