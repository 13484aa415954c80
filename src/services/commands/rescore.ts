import { ok, type Result } from "../../internal/index.js";
import { rescoreLead } from "../../scoring/index.js";
import { scoreChanged } from "../domain-events.js";
import type { InteractionRecorded, LeadCommand } from "../lead-service.js";
import { mutateLead } from "../mutate-lead.js";
import type { ServiceContext } from "../service-context.js";
import { validateCommand } from "../validate-command.js";

/** Re-scores a lead with every model; an unchanged score writes nothing. */
export function rescore(context: ServiceContext) {
  return async (input: LeadCommand): Promise<Result<InteractionRecorded>> => {
    const valid = validateCommand("lead", input);
    if (!valid.ok) return valid;
    return mutateLead(context, valid.value, "re-score", "work", (lead, now) => {
      const scored = rescoreLead({ ...lead, updatedAt: now }, context.models, { now, previous: lead });
      return ok({
        lead: scored.changes.length === 0 ? lead : scored.lead,
        audit: { action: "rescore", details: scored.scores },
        events: () => scoreChanged(scored.changes),
        value: { scores: scored.scores, effects: scored.effects },
      });
    });
  };
}
