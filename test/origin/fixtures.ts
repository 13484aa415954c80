import { type CaptureFacts, type Lead, type LeadInput, parseLead } from "../../src/model/index.js";

export const NOW = new Date("2026-03-10T09:00:00Z");

export const ana = { kind: "user", userId: "u-ana" } as const;

/** A lead Ana generated with a call and still holds, unless overridden. */
export function makeLead(overrides: Partial<LeadInput> = {}): Lead {
  return parseLead({
    id: "l1",
    contact: { kind: "prospect", name: "Lucía Pérez", email: "lucia@acme.es" },
    stage: "lead",
    owner: "u-ana",
    generatedBy: "u-ana",
    capture: { channel: "call", initiator: ana },
    createdAt: "2026-01-10T09:00:00Z",
    updatedAt: "2026-01-10T09:00:00Z",
    version: 3,
    ...overrides,
  });
}

/** A passive lead: a form on the company website, sitting in the "inbound" pool. */
export function makePoolLead(overrides: Partial<LeadInput> = {}): Lead {
  return makeLead({
    id: "l-pool",
    owner: null,
    generatedBy: null,
    pool: "inbound",
    capture: { channel: "form", initiator: { kind: "contact" }, capturePoint: { managedBy: "company" } },
    ...overrides,
  });
}

export function facts(f: CaptureFacts): CaptureFacts {
  return f;
}

/** Freezes a value and everything inside it, so a mutation throws. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
