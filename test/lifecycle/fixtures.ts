import type { LeadInput } from "../../src/model/index.js";

export const t0 = new Date("2026-01-10T09:00:00Z");
export const day = 86_400_000;
export const at = (days: number): Date => new Date(t0.getTime() + days * day);

/** A grant to follow Ana up on any channel, as a demo-request form records it. */
export const salesConsent = {
  purpose: "sales_follow_up",
  status: "granted",
  at: t0,
  source: "demo request form",
  basis: "consent",
  channel: "any",
  proof: { form: "demo-request", page: "https://acme.example/demo" },
} as const;

/**
 * The layer the lifecycle tests start from, on top of the shared builder (`makeLead(formContact, …)`):
 * Ana García filled a form (a passive lead nobody generated), is still a `contact`, and agreed to be
 * followed up.
 */
export const formContact = {
  contact: { kind: "prospect", name: "Ana García", email: "ana@acme.es", consents: [salesConsent] },
  stage: "contact",
  generatedBy: null,
  capture: { channel: "form", initiator: { kind: "contact" } },
  createdAt: t0,
  updatedAt: t0,
} satisfies Partial<LeadInput>;

export const qualified = (when: Date = at(1)) =>
  ({ kind: "qualification", frameworkId: "bant", verdict: "qualified", at: when }) as const;

/** Deeply freezes a value so any mutation throws in strict mode. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !(value instanceof Date)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
