import type { Lead } from "leadkit";
import type { Repositories } from "leadkit/ports";
import { createInMemoryRepositories, type FaultPlan, withFaults } from "leadkit/testing";
import { describe, expect, test } from "vitest";
import { called, created, inbound, setup } from "./fixtures.js";

// A repository that throws half-way through an operation must leave nothing visible, and the audit
// log must never record a change that did not happen.
async function snapshot(repositories: Repositories) {
  const leads: Lead[] = [];
  for await (const lead of repositories.leads.stream()) leads.push(lead);
  const interactions = await Promise.all(leads.map((l) => repositories.interactions.list(l.id)));
  return { leads, interactions, audit: await repositories.audit.list() };
}

async function seeded() {
  const inner = createInMemoryRepositories();
  const { service } = setup({ repositories: inner, idPrefix: "seed" });
  const a = created(await service.capture(called()));
  const b = created(
    await service.capture(
      inbound({
        contact: { kind: "prospect", name: "Lucía P.", email: "lucia.p@acme.es" },
        onDuplicate: "create",
        owner: "u-ana",
      }),
    ),
  );
  return { inner, a, b };
}

const plans: FaultPlan[] = [
  { method: "leads.save", onCall: 1 },
  { method: "leads.save", onCall: 1, timing: "after" },
  { method: "interactions.append", onCall: 1 },
  { method: "interactions.append", onCall: 1, timing: "after" },
  { method: "audit.append", onCall: 1 },
  { method: "audit.append", onCall: 1, timing: "after" },
];

describe("with transactions, a failure anywhere leaves no partial state", () => {
  test.each(plans)("capture with %o", async (plan) => {
    const { inner } = await seeded();
    const before = await snapshot(inner);
    const { service } = setup({ repositories: withFaults(inner, plan) });
    const attempt = service.capture(
      inbound({ contact: { kind: "prospect", name: "New", email: "new@new.example" } }),
    );
    await expect(attempt).rejects.toThrow(/Injected fault/);
    expect(await snapshot(inner)).toEqual(before);
  });

  test.each(plans)("recordInteraction with %o", async (plan) => {
    const { inner, a } = await seeded();
    const before = await snapshot(inner);
    const { service } = setup({ repositories: withFaults(inner, plan) });
    const attempt = service.recordInteraction({
      actor: "u-ana",
      leadId: a.id,
      interaction: {
        type: "email_click",
        at: new Date("2026-03-01T00:00:00Z"),
        initiator: { kind: "contact" },
      },
    });
    await expect(attempt).rejects.toThrow(/Injected fault/);
    expect(await snapshot(inner)).toEqual(before);
  });

  test.each([...plans, { method: "leads.remove", onCall: 1, timing: "after" } as const])(
    "merge with %o",
    async (plan) => {
      const { inner, a, b } = await seeded();
      const before = await snapshot(inner);
      const { service } = setup({ repositories: withFaults(inner, plan) });
      await expect(service.merge({ actor: "u-marta", leadIds: [a.id, b.id] })).rejects.toThrow(
        /Injected fault/,
      );
      expect(await snapshot(inner)).toEqual(before);
    },
  );

  test("a conflict half-way through a merge rolls back the removals already made", async () => {
    const { inner, a, b } = await seeded();
    const before = await snapshot(inner);
    const racing: Repositories = {
      ...inner,
      transaction: (work) =>
        inner.transaction((trx) =>
          work({
            ...trx,
            leads: {
              ...trx.leads,
              get: trx.leads.get,
              save: async (lead) => trx.leads.save(lead, { expectedVersion: 99 }),
            },
          }),
        ),
    };
    const { service } = setup({ repositories: racing });
    const result = await service.merge({ actor: "u-marta", leadIds: [a.id, b.id] });
    expect(result.ok ? [] : result.issues.map((i) => i.code)).toEqual(["conflict"]);
    expect(await snapshot(inner)).toEqual(before);
  });
});

describe("without transactions, the audit log still never records a change that did not happen", () => {
  const bare = (repositories: Repositories, plan: FaultPlan): Repositories => {
    const { leads, interactions, audit, outbox, distribution } = withFaults(repositories, plan);
    return { leads, interactions, audit, outbox, distribution };
  };

  test("a save that fails leaves no audit entry", async () => {
    const { inner, a } = await seeded();
    const before = await snapshot(inner);
    const { service } = setup({ repositories: bare(inner, { method: "leads.save", onCall: 1 }) });
    await expect(service.transfer({ actor: "u-ana", leadId: a.id, to: "u-bruno" })).rejects.toThrow(
      /Injected/,
    );
    expect(await snapshot(inner)).toEqual(before);
  });

  test("an audit append that fails after the save leaves the change stored without an entry, never the reverse", async () => {
    const { inner, a } = await seeded();
    const { service } = setup({ repositories: bare(inner, { method: "audit.append", onCall: 1 }) });
    await expect(service.transfer({ actor: "u-ana", leadId: a.id, to: "u-bruno" })).rejects.toThrow(
      /Injected/,
    );
    expect((await inner.leads.get(a.id))?.owner).toBe("u-bruno");
    expect((await inner.audit.list({ leadId: a.id })).map((e) => e.action)).toEqual(["capture"]);
  });

  test("infrastructure errors pass through untouched", async () => {
    const { inner, a } = await seeded();
    const failure = new Error("connection reset");
    const { service } = setup({
      repositories: bare(inner, { method: "leads.get", onCall: 1, error: failure }),
    });
    await expect(service.get({ actor: "u-ana", leadId: a.id })).rejects.toBe(failure);
  });
});
