import type { Interaction } from "./interaction-schema.js";
import type { Lead } from "./lead-schema.js";
import type { BuiltinInteractionType } from "./vocabulary.js";

/**
 * The interaction types that answer a lead: the owner reached out. Record keeping (`manual_entry`,
 * `import`) and the contact's own actions (visits, forms, opens) are not responses.
 *
 * @example
 * ```ts
 * import { RESPONSE_INTERACTION_TYPES } from "leadkit";
 *
 * RESPONSE_INTERACTION_TYPES.includes("call"); // true
 * ```
 * @category Model
 */
export const RESPONSE_INTERACTION_TYPES = [
  "email_sent",
  "call",
  "message",
  "meeting_scheduled",
  "meeting_held",
  "social_comment",
] as const satisfies readonly BuiltinInteractionType[];

const RESPONSES: ReadonlySet<string> = new Set(RESPONSE_INTERACTION_TYPES);

/**
 * The first response to a lead: its first outbound interaction by its owner after capture — the
 * start of "speed to lead".
 *
 * @remarks
 * An interaction is a response when its type is one of {@link RESPONSE_INTERACTION_TYPES}, a user
 * started it (`initiator.kind === "user"`), that user is the lead's current `owner`, and it happened
 * at or after the lead's creation (the capture). A lead with no owner (in a shared pool) has no
 * response yet. The earliest such interaction wins, whatever its place in the list.
 *
 * @param lead - A parsed lead (dates as `Date`s); not modified.
 * @returns The interaction, or `null` when nobody has responded yet.
 * @example
 * ```ts
 * import { findFirstResponse } from "leadkit";
 *
 * const first = findFirstResponse(lead);
 * const minutes = first === null ? null : (first.at.getTime() - lead.createdAt.getTime()) / 60_000;
 * ```
 * @category Model
 */
export function findFirstResponse(
  lead: Pick<Lead, "createdAt" | "owner" | "interactions">,
): Interaction | null {
  const owner = lead.owner;
  if (owner === null) return null;
  const created = lead.createdAt.getTime();
  let found: Interaction | null = null;
  for (const interaction of lead.interactions) {
    const at = interaction.at.getTime();
    if (
      at >= created &&
      (found === null || at < found.at.getTime()) &&
      interaction.initiator?.kind === "user" &&
      interaction.initiator.userId === owner &&
      RESPONSES.has(interaction.type)
    )
      found = interaction;
  }
  return found;
}
