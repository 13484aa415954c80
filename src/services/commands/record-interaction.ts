import { err, issue, ok, quoteValue, type Result } from "../../internal/index.js";
import { type Lead, safeParseInteraction } from "../../model/index.js";
import { rescoreLead } from "../../scoring/index.js";
import { interactionRecorded, scoreChanged } from "../domain-events.js";
import type { InteractionRecorded, RecordInteractionCommand } from "../lead-service.js";
import { mutateLead } from "../mutate-lead.js";
import { sameRecord } from "../same-record.js";
import type { ServiceContext } from "../service-context.js";
import { validateCommand } from "../validate-command.js";

/** Records an interaction, re-scores the lead and reports the thresholds newly crossed. */
export function recordInteraction(context: ServiceContext) {
  return async (input: RecordInteractionCommand): Promise<Result<InteractionRecorded>> => {
    const valid = validateCommand("recordInteraction", input);
    if (!valid.ok) return valid;
    const command = valid.value;
    const draft = command.interaction;
    const id = Object.hasOwn(draft, "id") && draft["id"] !== undefined ? draft["id"] : context.ids.next();
    const parsed = safeParseInteraction({ ...draft, id });
    if (!parsed.ok) return err(parsed.issues.map((i) => ({ ...i, path: ["interaction", ...i.path] })));
    const interaction = parsed.value;
    return mutateLead(context, command, "record an interaction on", "work", (lead, now) => {
      const known = lead.interactions.find((i) => i.id === interaction.id);
      if (known !== undefined) {
        // A retry of the same interaction changes nothing; another interaction under its id is refused.
        if (!sameRecord(known, interaction))
          return err([
            issue(
              "interaction_id_taken",
              ["interaction", "id"],
              `Lead ${quoteValue(lead.id)} already holds a different interaction with id ${quoteValue(interaction.id)}; expected a new id, or the same interaction again.`,
            ),
          ]);
        const scores = Object.fromEntries(Object.entries(lead.scores).map(([model, s]) => [model, s.value]));
        return ok({
          lead,
          audit: { action: "record_interaction" },
          events: () => [],
          value: { scores, effects: [] },
        });
      }
      const withInteraction: Lead = {
        ...lead,
        interactions: [...lead.interactions, interaction],
        updatedAt: now,
      };
      const scored = rescoreLead(withInteraction, context.models, { now, previous: lead });
      return ok({
        lead: scored.lead,
        audit: {
          action: "record_interaction",
          details: { interactionId: interaction.id, type: interaction.type, ...scored.scores },
        },
        interactions: [interaction],
        events: () => [interactionRecorded(interaction), ...scoreChanged(scored.changes)],
        value: { scores: scored.scores, effects: scored.effects },
      });
    });
  };
}
