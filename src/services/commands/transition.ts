import { ok, type Result } from "../../internal/index.js";
import { transition as move } from "../../lifecycle/index.js";
import type { TransitionApplied, TransitionCommand } from "../lead-service.js";
import { mutateLead } from "../mutate-lead.js";
import { guardPure, type ServiceContext } from "../service-context.js";
import { validateCommand } from "../validate-command.js";

/** Moves a lead through the lifecycle by one event. */
export function transition(context: ServiceContext) {
  return async (input: TransitionCommand): Promise<Result<TransitionApplied>> => {
    const valid = validateCommand("transition", input);
    if (!valid.ok) return valid;
    const command = valid.value;
    const given = command.event;
    const event =
      typeof given === "string"
        ? { type: given }
        : {
            type: given.type,
            ...(given.reason === undefined ? {} : { reason: given.reason }),
            ...(given.evidence === undefined ? {} : { evidence: given.evidence }),
          };
    return mutateLead(context, command, "move", "work", (lead, now) => {
      const moved = guardPure("The lifecycle", () =>
        move(context.lifecycle, lead, event, { now, actor: command.actor }),
      );
      if (!moved.ok) return moved;
      const { from, to, effects } = moved.value;
      return ok({
        lead: moved.value.lead,
        audit: { action: "transition", details: { event: event.type, from, to } },
        events: () => [{ type: "lead.stage_changed", payload: { from, to, event: event.type } }],
        value: { from, to, effects },
      });
    });
  };
}
