import type { Lead } from "leadkit";
import { computeFunnelAggregate } from "leadkit/metrics";
import type { Repositories } from "leadkit/ports";
import { createLeadService } from "leadkit/services";
import { fixedClock, generateLeads, sequentialIds } from "leadkit/testing";

const PERSONAL = [
  "Lucía Pérez",
  "lucia@acme.es",
  "lucia.p@acme.es",
  "600 111 222",
  "cousin",
  "form-7781",
  "Lucía twice",
];

async function stored(repositories: Repositories): Promise<Lead[]> {
  const leads: Lead[] = [];
  for await (const lead of repositories.leads.stream()) leads.push(lead);
  return leads;
}

/**
 * The conformance suite's erasure checks through the service, on any repositories: after
 * `eraseContact` no store returns the person's name, email, phone or free text, and the funnel
 * aggregate over the same leads is unchanged. Returns what failed (empty when all holds).
 */
export async function serviceErasureFailures(repositories: Repositories): Promise<string[]> {
  const service = createLeadService({
    repositories,
    clock: fixedClock("2026-03-02T09:00:00Z"),
    ids: sequentialIds("gdpr"),
    config: {
      policy: (await import("leadkit/origin")).compileSharingPolicy({
        ...(await import("leadkit/origin")).DEFAULT_SHARING_POLICY,
        managers: ["u-marta"],
      }),
    },
  });
  for (const lead of generateLeads({ count: 40, seed: 19, now: new Date("2026-03-01T00:00:00Z") })) {
    const saved = await repositories.leads.save(lead, { expectedVersion: 0 });
    if (!saved.ok) throw new Error(`Fixture ${lead.id}: ${saved.code}`);
  }
  const capture = (email: string, externalId?: string) =>
    service.capture({
      actor: "u-ana",
      ...(externalId === undefined ? {} : { externalId }),
      onDuplicate: "create",
      contact: {
        kind: "prospect",
        name: "Lucía Pérez",
        email,
        phone: "+34 600 111 222",
        industry: "software",
      },
      capture: { channel: "call", initiator: { kind: "user", userId: "u-ana" } },
      source: "fair",
      interactions: [
        {
          type: "call",
          at: new Date("2026-03-02T08:00:00Z"),
          initiator: { kind: "user", userId: "u-ana" },
          data: { note: "her cousin called" },
        },
      ],
    });
  const a = await capture("lucia@acme.es", "form-7781");
  const b = await capture("lucia.p@acme.es");
  if (!a.ok || a.value.kind !== "created" || !b.ok || b.value.kind !== "created")
    throw new Error("seed capture failed");
  const merged = await service.merge({
    actor: "u-ana",
    leadIds: [a.value.lead.id, b.value.lead.id],
    reason: "Lucía twice",
  });
  if (!merged.ok) throw new Error(JSON.stringify(merged.issues));
  const before = computeFunnelAggregate(await stored(repositories));
  const erased = await service.eraseContact({ actor: "u-marta", leadId: merged.value.lead.id });
  const failures: string[] = [];
  if (!erased.ok) return [`eraseContact refused: ${JSON.stringify(erased.issues)}`];
  const ids = [merged.value.lead.id, ...merged.value.absorbedIds];
  const seen = JSON.stringify([
    await stored(repositories),
    ...(await Promise.all(ids.map((id) => repositories.interactions.list(id)))),
    await repositories.audit.list(),
    await repositories.outbox.list(),
    await repositories.leads.getByExternalId("form-7781"),
  ]);
  for (const text of PERSONAL) if (seen.includes(text)) failures.push(`a store still returns "${text}"`);
  const after = computeFunnelAggregate(await stored(repositories));
  if (JSON.stringify(after) !== JSON.stringify(before)) failures.push("the funnel aggregate changed");
  const again = await capture("lucia.p@acme.es", "form-7781");
  if (!again.ok || again.value.kind !== "created") failures.push("the person's keys were not freed");
  return failures;
}
