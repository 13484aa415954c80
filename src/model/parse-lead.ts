import { type Result, safeParseWith, unwrapOrThrow } from "../internal/index.js";
import { type Contact, contactSchema } from "./contact-schema.js";
import { type Interaction, interactionSchema } from "./interaction-schema.js";
import { type Lead, leadSchema } from "./lead-schema.js";

/**
 * Validates any value as a lead; never throws.
 *
 * @param input - Any value, typically parsed JSON.
 * @returns The parsed {@link Lead} (defaults filled, timestamps as `Date`) or issues with paths.
 * @example
 * ```ts
 * import { safeParseLead } from "leadkit";
 *
 * declare const body: string; // a request's body
 * declare function respond(status: number, issues: readonly import("leadkit").Issue[]): void;
 * const result = safeParseLead(JSON.parse(body));
 * if (!result.ok) respond(400, result.issues);
 * ```
 * @category Model
 */
export function safeParseLead(input: unknown): Result<Lead> {
  return safeParseWith(leadSchema, input) as Result<Lead>;
}

/**
 * Validates any value as a lead, throwing on bad input.
 *
 * @param input - Any value, typically parsed JSON.
 * @returns The parsed {@link Lead}.
 * @throws `LeadKitError` with code `invalid_input` and every issue.
 * @example
 * ```ts
 * import { parseLead } from "leadkit";
 *
 * declare const row: unknown; // a record read back from your database, dates as strings
 * const lead = parseLead(row);
 * ```
 * @category Model
 */
export function parseLead(input: unknown): Lead {
  return unwrapOrThrow(safeParseLead(input), "lead");
}

/**
 * Validates any value as a contact; never throws.
 *
 * @param input - Any value.
 * @returns The parsed {@link Contact} or issues with paths.
 * @example
 * ```ts
 * import { safeParseContact } from "leadkit";
 *
 * safeParseContact({ kind: "robot", name: "X" }).ok; // false: unknown kind
 * ```
 * @category Model
 */
export function safeParseContact(input: unknown): Result<Contact> {
  return safeParseWith(contactSchema, input) as Result<Contact>;
}

/**
 * Validates any value as a contact, throwing on bad input.
 *
 * @param input - Any value.
 * @returns The parsed {@link Contact}.
 * @throws `LeadKitError` with code `invalid_input`.
 * @example
 * ```ts
 * import { parseContact } from "leadkit";
 *
 * const contact = parseContact({ kind: "prospect", name: "Ana García" });
 * ```
 * @category Model
 */
export function parseContact(input: unknown): Contact {
  return unwrapOrThrow(safeParseContact(input), "contact");
}

/**
 * Validates any value as an interaction; never throws.
 *
 * @param input - Any value.
 * @returns The parsed {@link Interaction} or issues with paths.
 * @example
 * ```ts
 * import { safeParseInteraction } from "leadkit";
 *
 * safeParseInteraction({ id: "i1", type: "page_view", at: "2026-01-01T00:00:00Z", initiator: { kind: "contact" } });
 * // not ok: a page_view needs its pageKind
 * ```
 * @category Model
 */
export function safeParseInteraction(input: unknown): Result<Interaction> {
  return safeParseWith(interactionSchema, input) as Result<Interaction>;
}

/**
 * Validates any value as an interaction, throwing on bad input.
 *
 * @param input - Any value.
 * @returns The parsed {@link Interaction}.
 * @throws `LeadKitError` with code `invalid_input`.
 * @example
 * ```ts
 * import { parseInteraction } from "leadkit";
 *
 * parseInteraction({ id: "i1", type: "email_open", at: new Date(), initiator: { kind: "contact" } });
 * ```
 * @category Model
 */
export function parseInteraction(input: unknown): Interaction {
  return unwrapOrThrow(safeParseInteraction(input), "interaction");
}
