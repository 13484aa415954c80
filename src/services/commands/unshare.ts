import type { Result } from "../../internal/index.js";
import type { Lead } from "../../model/index.js";
import { unshareLead } from "../../origin/index.js";
import type { UnshareCommand } from "../lead-service.js";
import type { ServiceContext } from "../service-context.js";
import { validateCommand } from "../validate-command.js";
import { changeOwnership } from "./ownership-command.js";

/** Removes a collaborator from a lead, as the policy allows. */
export function unshare(context: ServiceContext) {
  return async (input: UnshareCommand): Promise<Result<Lead>> => {
    const valid = validateCommand("unshare", input);
    if (!valid.ok) return valid;
    const { userId } = valid.value;
    return changeOwnership(context, valid.value, "unshare", (lead, options) =>
      unshareLead(lead, { ...options, userId }),
    );
  };
}
