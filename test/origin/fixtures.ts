import type { CaptureFacts, Lead, LeadInput } from "../../src/model/index.js";
import { makeLead } from "../support/make-lead.js";

export const NOW = new Date("2026-03-10T09:00:00Z");

export const ana = { kind: "user", userId: "u-ana" } as const;

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
