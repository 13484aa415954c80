import type { Result } from "../../internal/index.js";
import type { Lead } from "../../model/index.js";
import { referLead } from "../../origin/index.js";
import type { HandOverCommand } from "../lead-service.js";
import type { ServiceContext } from "../service-context.js";
import { validateCommand } from "../validate-command.js";
import { changeOwnership } from "./ownership-command.js";

/** Refers a lead to another user, as the policy allows (never to oneself). */
export function refer(context: ServiceContext) {
  return async (input: HandOverCommand): Promise<Result<Lead>> => {
    const valid = validateCommand("handOver", input);
    if (!valid.ok) return valid;
    const { to } = valid.value;
    return changeOwnership(context, valid.value, "refer", (lead, options) =>
      referLead(lead, { ...options, to }),
    );
  };
}
