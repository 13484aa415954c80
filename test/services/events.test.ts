import type { DomainEvent, Repositories } from "leadkit/ports";
import { BANT } from "leadkit/qualification";
import { createInMemoryRepositories, type FaultPlan, withFaults } from "leadkit/testing";
import { describe, expect, test } from "vitest";
import { called, created, inbound, setup, withoutTransactions } from "./fixtures.js";

const at = new Date("2026-03-02T09:00:00Z");
const summary = (events: readonly DomainEvent[]) => events.map((e) => [e.type, e.leadVersion]);

describe("every mutation appends its events with the change", () => {
  test("capture: lead.captured, interaction.recorded and the first scores, at version 1", async () => {
    const { service, repositories } = setup();
    const lead = created(await service.capture(inbound({ externalId: "post-1" })));
    const events = await repositories.outbox.list();
    expect(summary(events)).toEqual([
      ["lead.captured", 1],
      ["interaction.recorded", 1],
      ["lead.score_changed", 1],
    ]);
    expect(events[0]).toEqual({
      id: `${lead.id}/v1/0`,
      type: "lead.captured",
      leadId: lead.id,
      at,
      actor: "system",
      leadVersion: 1,
      payload: {
        stage: "lead",
        owner: null,
        pool: "inbound",
        generatedBy: null,
        externalId: "post-1",
        origin: { kind: "passive", rule: expect.any(String) },
      },
    });
    expect(events[2]?.payload).toEqual({
      modelId: "default",
      from: null,
      to: lead.scores["default"]?.value,
      thresholds: [],
    });
    expect(JSON.stringify(events)).not.toContain("jorge@globex.example");
  });

  test("interactions, scores, moves, ownership changes and merges each announce what changed", async () => {
    const { service, repositories } = setup();
    const lead = created(await service.capture(called()));
    await service.recordInteraction({
      actor: "u-ana",
      leadId: lead.id,
      interaction: { id: "demo", type: "demo_request", at, initiator: { kind: "contact" } },
    });
    await service.qualify({
      actor: "u-ana",
      leadId: lead.id,
      framework: BANT,
      evidence: [
        { criterionId: "budget", answer: 30_000, source: "conversation" },
        { criterionId: "authority", answer: "CFO", source: "research" },
        { criterionId: "need", answer: "high", source: "conversation" },
      ],
      options: { priceRange: { min: 12_000 } },
    });
    await service.transition({ actor: "u-ana", leadId: lead.id, event: "request_purchase" });
    await service.share({ actor: "u-ana", leadId: lead.id, userId: "u-bruno", access: "view" });
    await service.rescore({ actor: "u-ana", leadId: lead.id });
    const events = await repositories.outbox.list({ leadId: lead.id });
    expect(summary(events).slice(2)).toEqual([
      ["interaction.recorded", 2],
      ["lead.score_changed", 2],
      ["lead.stage_changed", 3],
      ["lead.stage_changed", 4],
      ["lead.ownership_changed", 5],
    ]);
    const byType = (type: string) => events.filter((e) => e.type === type).map((e) => e.payload);
    expect(byType("lead.stage_changed")).toEqual([
      { from: "lead", to: "prospect", event: "qualify" },
      { from: "prospect", to: "potential_client", event: "request_purchase" },
    ]);
    expect(byType("lead.score_changed")[1]).toMatchObject({
      modelId: "default",
      thresholds: ["purchase-intent"],
    });
    expect(byType("lead.ownership_changed")).toEqual([
      {
        operation: "share",
        owner: { from: "u-ana", to: "u-ana" },
        pool: { from: null, to: null },
        collaborators: [{ userId: "u-bruno", access: "view" }],
      },
    ]);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  });

  test("a merge announces lead.merged, and consent and ownership changes of the survivor", async () => {
    const { service, repositories } = setup();
    // b, with its form submission, is the stronger and survives; a brings a do-not-contact flag.
    const a = created(
      await service.capture(
        called({
          contact: {
            kind: "prospect",
            name: "L",
            phone: "+34 911 23 45 67",
            // Free text can hold personal data: it must not reach an event.
            consents: [
              {
                purpose: "newsletter",
                status: "withdrawn",
                at,
                source: "call with Ana Secret ana.secret@acme.es",
              },
            ],
            doNotContact: [{ channel: "phone", reason: "manual", at, note: "asked by Ana Secret" }],
          },
        }),
      ),
    );
    const b = created(
      await service.capture(
        inbound({
          owner: "u-bruno",
          contact: { kind: "prospect", name: "L", phone: "0034 911 23 45 67" },
          onDuplicate: "create",
        }),
      ),
    );
    const merged = await service.merge({ actor: "u-marta", leadIds: [a.id, b.id] });
    if (!merged.ok) throw new Error(JSON.stringify(merged.issues));
    const events = await repositories.outbox.list({ leadId: merged.value.lead.id });
    const last = events.filter((e) => e.leadVersion === merged.value.lead.version);
    expect(merged.value.lead.id).toBe(b.id);
    expect(last.map((e) => e.type)).toEqual(["lead.merged", "lead.ownership_changed", "consent.changed"]);
    expect(last[0]?.payload).toEqual({
      survivorId: merged.value.lead.id,
      absorbedIds: merged.value.absorbedIds,
    });
    expect(last[1]?.payload).toEqual({
      operation: "merge",
      owner: { from: "u-bruno", to: "u-bruno" },
      pool: { from: null, to: null },
      collaborators: [{ userId: "u-ana", access: "edit" }],
    });
    expect(JSON.stringify(events)).not.toContain("Secret");
    expect(last[2]?.payload).toEqual({
      consents: [{ purpose: "newsletter", status: "withdrawn", at: at.toISOString() }],
      doNotContact: [{ channel: "phone", reason: "manual", at: at.toISOString() }],
    });
  });

  test("refused, conflicting and unchanged commands append nothing", async () => {
    const { service, repositories } = setup();
    const lead = created(await service.capture(called()));
    const before = await repositories.outbox.list();
    await service.transition({ actor: "u-ana", leadId: lead.id, event: "win" });
    await service.share({ actor: "u-ana", leadId: lead.id, userId: "u-bruno", expectedVersion: 9 });
    await service.rescore({ actor: "u-ana", leadId: lead.id });
    await service.transfer({ actor: "u-bruno", leadId: lead.id, to: "u-bruno" });
    expect(await repositories.outbox.list()).toEqual(before);
  });
});

const plans: FaultPlan[] = (
  ["leads.save", "interactions.append", "audit.append", "outbox.append"] as const
).flatMap((method) => [
  { method, onCall: 1, timing: "before" as const },
  { method, onCall: 1, timing: "after" as const },
]);

/** Every event's lead has reached the event's version (or been merged away). */
async function noEventWithoutItsChange(repositories: Repositories) {
  for (const event of await repositories.outbox.list()) {
    const lead = await repositories.leads.get(event.leadId);
    expect({ event: event.id, reached: (lead?.version ?? 0) >= event.leadVersion }).toEqual({
      event: event.id,
      reached: true,
    });
  }
}

describe("no event without its change, and with transactions no change without its events", () => {
  const run = async (repositories: Repositories, leadId: string) => {
    const { service } = setup({ repositories, idPrefix: "f" });
    await Promise.allSettled([
      service.capture(inbound({ contact: { kind: "prospect", name: "N", email: "n@n.example" } })),
    ]);
    await Promise.allSettled([service.transfer({ actor: "u-marta", leadId, to: "u-bruno" })]);
  };

  test.each(plans)(
    "with a transaction, a failure at %o leaves every change with all its events",
    async (plan) => {
      const inner = createInMemoryRepositories();
      const lead = created(await setup({ repositories: inner }).service.capture(called()));
      await run(withFaults(inner, plan), lead.id);
      await noEventWithoutItsChange(inner);
      for await (const stored of inner.leads.stream()) {
        const events = await inner.outbox.list({ leadId: stored.id });
        expect(Math.max(...events.map((e) => e.leadVersion))).toBe(stored.version);
      }
    },
  );

  test.each(plans)(
    "without a transaction, a failure at %o never leaves an event without its change",
    async (plan) => {
      const inner = createInMemoryRepositories();
      const lead = created(await setup({ repositories: inner }).service.capture(called()));
      await run(withFaults(withoutTransactions(inner), plan), lead.id);
      await noEventWithoutItsChange(inner);
    },
  );
});

describe("delivery", () => {
  test("two workers deliver every event once, each lead's events in order", async () => {
    const { service, repositories } = setup();
    const leads = [];
    for (let i = 0; i < 4; i++)
      leads.push(
        created(
          await service.capture(
            inbound({
              owner: "u-ana",
              contact: { kind: "prospect", name: `L${i}`, email: `l${i}@l${i}.example` },
            }),
          ),
        ),
      );
    for (const lead of leads)
      for (const event of ["nurture", "recycle"])
        await service.transition({ actor: "u-ana", leadId: lead.id, event });
    const delivered: DomainEvent[] = [];
    const worker = async (consumer: string) => {
      for (let round = 0; round < 100; round++) {
        const batch = await repositories.outbox.claim({ consumer, limit: 2, leaseMs: 60_000, now: at });
        if (batch.length === 0) return;
        for (const { event } of batch) delivered.push(event);
        await repositories.outbox.acknowledge(batch.map((c) => c.event.id));
      }
    };
    await Promise.all([worker("w-1"), worker("w-2")]);
    const all = await repositories.outbox.list();
    expect(delivered.map((e) => e.id).sort()).toEqual(all.map((e) => e.id).sort());
    for (const lead of leads) {
      const versions = delivered.filter((e) => e.leadId === lead.id).map((e) => e.leadVersion);
      expect(versions).toEqual([...versions].sort((x, y) => x - y));
    }
  });
});
