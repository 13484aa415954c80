import type { Result } from "../../internal/index.js";
import type { Lead } from "../../model/index.js";
import { releaseLead } from "../../origin/index.js";
import type { ReleaseCommand } from "../lead-service.js";
import type { ServiceContext } from "../service-context.js";
import { validateCommand } from "../validate-command.js";
import { changeOwnership } from "./ownership-command.js";

/** Releases a lead to a pool (the command's, else the service's default pool), as the policy allows. */
export function release(context: ServiceContext) {
  return async (input: ReleaseCommand): Promise<Result<Lead>> => {
    const valid = validateCommand("release", input);
    if (!valid.ok) return valid;
    const pool = valid.value.pool ?? context.pool;
    return changeOwnership(context, valid.value, "release", (lead, options) =>
      releaseLead(lead, { ...options, pool }),
    );
  };
}
