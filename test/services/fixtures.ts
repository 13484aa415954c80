import { compileSharingPolicy, DEFAULT_SHARING_POLICY, type SharingPolicy } from "leadkit/origin";
import type { Repositories } from "leadkit/ports";
import { type CaptureCommand, createLeadService, type LeadServiceConfig } from "leadkit/services";
import { createInMemoryRepositories, fixedClock, sequentialIds } from "leadkit/testing";

/** The test team's policy, as data. */
export const teamPolicy: SharingPolicy = {
  ...DEFAULT_SHARING_POLICY,
  managers: ["u-marta"],
  members: ["u-ana", "u-bruno", "u-carla"],
};
/** The same policy compiled, as the service and the access checks take it. */
export const policy = compileSharingPolicy(teamPolicy);

export function setup(
  options: { repositories?: Repositories; config?: LeadServiceConfig; idPrefix?: string } = {},
) {
  const repositories = options.repositories ?? createInMemoryRepositories();
  const clock = fixedClock("2026-03-02T09:00:00Z");
  const service = createLeadService({
    repositories,
    clock,
    ids: sequentialIds(options.idPrefix ?? "lead"),
    config: { policy, ...options.config },
  });
  return { service, repositories, clock };
}

/** Ana called the prospect herself: an active lead. */
export const called = (overrides: Partial<CaptureCommand> = {}): CaptureCommand => ({
  actor: "u-ana",
  contact: { kind: "prospect", name: "Lucía Pérez", email: "lucia@acme.es", company: "Acme" },
  capture: { channel: "call", initiator: { kind: "user", userId: "u-ana" } },
  ...overrides,
});

/** Someone filled the company website's form: a passive lead. */
export const inbound = (overrides: Partial<CaptureCommand> = {}): CaptureCommand => ({
  actor: "system",
  contact: { kind: "prospect", name: "Jorge Ruiz", email: "jorge@globex.example" },
  capture: { channel: "form", initiator: { kind: "contact" }, capturePoint: { managedBy: "company" } },
  interactions: [
    {
      type: "form_submit",
      at: new Date("2026-03-02T08:59:00Z"),
      initiator: { kind: "contact" },
      capturePoint: { managedBy: "company" },
    },
  ],
  ...overrides,
});

export function created<T extends { ok: boolean }>(result: T) {
  if (!result.ok) throw new Error(`Expected success, got ${JSON.stringify(result)}`);
  const value = (result as unknown as { value: { kind?: string; lead: import("leadkit").Lead } }).value;
  if (value.kind !== undefined && value.kind !== "created")
    throw new Error(`Expected a created lead, got ${value.kind}`);
  return value.lead;
}

/** The same stores without the transaction capability. */
export function withoutTransactions(repositories: Repositories): Repositories {
  const { leads, interactions, audit, outbox, distribution } = repositories;
  return { leads, interactions, audit, outbox, distribution };
}

/** Everything the stores hold, for comparing before and after an operation. */
export async function snapshot(repositories: Repositories) {
  const leads: import("leadkit").Lead[] = [];
  for await (const lead of repositories.leads.stream()) leads.push(lead);
  const interactions = await Promise.all(leads.map((l) => repositories.interactions.list(l.id)));
  return {
    leads,
    interactions,
    audit: await repositories.audit.list(),
    events: await repositories.outbox.list(),
  };
}

export const codes = (result: { ok: boolean; issues?: readonly { code: string }[] }) =>
  result.ok ? [] : (result.issues ?? []).map((i) => i.code);
