import type { Result } from "../../internal/index.js";
import type { Lead } from "../../model/index.js";
import { shareLead } from "../../origin/index.js";
import type { ShareCommand } from "../lead-service.js";
import type { ServiceContext } from "../service-context.js";
import { validateCommand } from "../validate-command.js";
import { changeOwnership } from "./ownership-command.js";

/** Shares a lead with a collaborator, as the policy allows. */
export function share(context: ServiceContext) {
  return async (input: ShareCommand): Promise<Result<Lead>> => {
    const valid = validateCommand("share", input);
    if (!valid.ok) return valid;
    const { userId, access } = valid.value;
    return changeOwnership(context, valid.value, "share", (lead, options) =>
      shareLead(lead, { ...options, userId, ...(access === undefined ? {} : { access }) }),
    );
  };
}
