import type { LeadInput } from "../../src/model/index.js";

/** A complete, valid lead input as JSON would carry it. */
export function leadInput(overrides: Partial<LeadInput> = {}): LeadInput {
  return {
    id: "l1",
    contact: {
      kind: "prospect",
      name: "Ana García",
      email: "ana@acme.es",
      phone: "+34 911 23 45 67",
      company: "Acme",
    },
    stage: "lead",
    owner: "u-ana",
    generatedBy: "u-ana",
    capture: { channel: "call", initiator: { kind: "user", userId: "u-ana" } },
    createdAt: "2026-01-10T09:00:00Z",
    updatedAt: "2026-01-10T09:00:00Z",
    ...overrides,
  };
}
