import { err, ok, type Result } from "../../internal/index.js";
import type { Lead } from "../../model/index.js";
import type { OwnershipChange } from "../../origin/index.js";
import { ownershipChanged } from "../domain-events.js";
import type { LeadCommandEnvelope } from "../mutate-lead.js";
import { mutateLead } from "../mutate-lead.js";
import type { ServiceContext } from "../service-context.js";

/**
 * Applies one of origin's ownership operations (share, transfer, refer…): the operation checks the
 * policy's rights for it and returns the changed lead and its audit fields; the service saves,
 * audits and announces the change. The operation's policy refusals become `forbidden`.
 */
export function changeOwnership(
  context: ServiceContext,
  command: LeadCommandEnvelope,
  operation: string,
  apply: (
    lead: Lead,
    options: { actor: string; now: Date; policy: ServiceContext["policy"]; reason?: string },
  ) => Result<OwnershipChange>,
): Promise<Result<Lead>> {
  return mutateLead(context, command, operation, "see", (lead, now) => {
    const changed = apply(lead, {
      actor: command.actor,
      now,
      policy: context.policy,
      ...(command.reason === undefined ? {} : { reason: command.reason }),
    });
    if (!changed.ok)
      return err(
        changed.issues.map((i) =>
          i.code === "not_owner" || i.code === "not_allowed" ? { ...i, code: "forbidden" } : i,
        ),
      );
    const { action, reason, details } = changed.value.audit;
    return ok({
      lead: changed.value.lead,
      audit: {
        action,
        ...(reason === undefined ? {} : { reason }),
        ...(details === undefined ? {} : { details }),
      },
      events: (saved: Lead) => ownershipChanged(operation, lead, saved),
      value: {},
    });
  }).then((result) => (result.ok ? ok(result.value.lead) : result));
}
