import { type Lead, type LeadInput, parseLead } from "leadkit";

/**
 * The one lead every test module starts from: Ana called Lucía's company and holds the lead she
 * generated — an active lead at stage `lead`, with a work email and nothing else.
 *
 * A test that depends on a field says so at the call site (`makeLead({ stage: "contact" })`), or
 * through a named layer of its module's fixtures (`makeLead(formContact, { … })`), never through a
 * default of its own: this is the only set of defaults. CONTRIBUTING.md ("Test fixtures") states the
 * convention.
 */
export const LEAD_DEFAULTS = {
  id: "l1",
  contact: { kind: "prospect", name: "Ana García", email: "ana@acme.es" },
  stage: "lead",
  owner: "u-ana",
  generatedBy: "u-ana",
  capture: { channel: "call", initiator: { kind: "user", userId: "u-ana" } },
  createdAt: "2026-01-10T09:00:00Z",
  updatedAt: "2026-01-10T09:00:00Z",
} satisfies LeadInput;

/**
 * A lead input as JSON would carry it: {@link LEAD_DEFAULTS}, then each layer in order. A layer
 * replaces top-level fields (a `contact` in a layer replaces the whole contact; spread
 * `LEAD_DEFAULTS.contact` to change one of its fields).
 */
export function leadInput(...layers: readonly Partial<LeadInput>[]): LeadInput {
  return Object.assign({}, LEAD_DEFAULTS, ...layers) as LeadInput;
}

/** {@link leadInput}, parsed: a valid `Lead` with every default of the schema filled in. */
export function makeLead(...layers: readonly Partial<LeadInput>[]): Lead {
  return parseLead(leadInput(...layers));
}

/**
 * A layer that changes only some fields of the default contact, e.g.
 * `makeLead({ tags: ["vip"] }, contactWith({ industry: "Software" }))`.
 */
export function contactWith(fields: Partial<LeadInput["contact"]>): Partial<LeadInput> {
  return { contact: { ...LEAD_DEFAULTS.contact, ...fields } as LeadInput["contact"] };
}

let parsedDefaults: Lead | undefined;

/**
 * The same lead without validation: {@link makeLead}'s parsed defaults, then each layer exactly as
 * given. For tests that must hand a function what the schema would refuse (hostile text, a history
 * out of order, a negative revenue), and for generators that build thousands of leads.
 */
export function makeUncheckedLead(...layers: readonly Partial<Lead>[]): Lead {
  parsedDefaults ??= makeLead();
  return Object.assign({}, parsedDefaults, ...layers) as Lead;
}
