import type { Lead } from "leadkit";
import { compileSharingPolicy } from "leadkit/origin";
import { describe, expect, test } from "vitest";
import { called, codes, created, inbound, setup, snapshot, teamPolicy } from "./fixtures.js";

const asUser = (userId: string, email: string, overrides = {}) =>
  called({
    actor: userId,
    contact: { kind: "prospect", name: `Lead of ${userId}`, email },
    capture: { channel: "call", initiator: { kind: "user", userId } },
    ...overrides,
  });

describe("merge takeover", () => {
  test("an editor cannot take over someone's lead by merging it with a padded lead of their own", async () => {
    const { service, repositories } = setup();
    const anas = created(await service.capture(asUser("u-ana", "lucia@acme.es")));
    await service.share({ actor: "u-ana", leadId: anas.id, userId: "u-bruno" });
    const brunos = created(await service.capture(asUser("u-bruno", "lucia.p@globex.example")));
    // Padding: Bruno records interactions on his own lead so that it would survive the merge.
    for (const id of ["p1", "p2"])
      await service.recordInteraction({
        actor: "u-bruno",
        leadId: brunos.id,
        interaction: {
          id,
          type: "call",
          at: new Date("2026-03-01T00:00:00Z"),
          initiator: { kind: "user", userId: "u-bruno" },
        },
      });
    const before = await snapshot(repositories);
    const result = await service.merge({ actor: "u-bruno", leadIds: [anas.id, brunos.id] });
    expect(codes(result)).toEqual(["forbidden"]);
    expect(result.ok ? "" : result.issues[0]?.message).toContain(`take lead "${anas.id}" from "u-ana"`);
    expect(await snapshot(repositories)).toEqual(before);
    const byManager = await service.merge({ actor: "u-marta", leadIds: [anas.id, brunos.id] });
    expect(byManager.ok && [byManager.value.lead.id, byManager.value.lead.owner]).toEqual([
      brunos.id,
      "u-bruno",
    ]);
  });
});

describe("merge adds no holder or credit the actor could not give", () => {
  test("an editor may not share someone's active lead by merging a lead of their own into it", async () => {
    const { service, repositories } = setup();
    const anas = created(await service.capture(asUser("u-ana", "ceo@bigcorp.es")));
    await service.share({ actor: "u-ana", leadId: anas.id, userId: "u-bruno", access: "edit" });
    expect(codes(await service.share({ actor: "u-bruno", leadId: anas.id, userId: "u-carla" }))).toEqual([
      "forbidden",
    ]);
    const throwaway = created(
      await service.capture(asUser("u-bruno", "x@other.es", { onDuplicate: "create" })),
    );
    await service.share({ actor: "u-bruno", leadId: throwaway.id, userId: "u-carla", access: "edit" });
    const before = await snapshot(repositories);
    const result = await service.merge({ actor: "u-bruno", leadIds: [anas.id, throwaway.id] });
    expect(codes(result)).toEqual(["forbidden"]);
    expect(result.ok ? "" : result.issues[0]?.message).toContain('give "u-carla" access');
    expect(await snapshot(repositories)).toEqual(before);
    expect(codes(await service.get({ actor: "u-carla", leadId: anas.id }))).toEqual(["not_found"]);
    // A manager may share and transfer both, so may merge them.
    const byOwner = await service.merge({ actor: "u-marta", leadIds: [anas.id, throwaway.id] });
    expect(byOwner.ok && byOwner.value.lead.collaborators.map((c) => c.userId).sort()).toEqual([
      "u-bruno",
      "u-carla",
    ]);
  });

  test("an editor may not credit someone's inbound lead to themselves by merging", async () => {
    const { service, repositories } = setup();
    const inboundLead = created(
      await service.capture(inbound({ actor: "u-marta", owner: "u-ana", interactions: [] })),
    );
    expect(inboundLead.generatedBy).toBe(null);
    await service.share({ actor: "u-ana", leadId: inboundLead.id, userId: "u-bruno", access: "edit" });
    const brunos = created(await service.capture(asUser("u-bruno", "y@yy.es", { onDuplicate: "create" })));
    const before = await snapshot(repositories);
    const result = await service.merge({ actor: "u-bruno", leadIds: [inboundLead.id, brunos.id] });
    expect(codes(result)).toEqual(["forbidden"]);
    expect(result.ok ? "" : result.issues[0]?.message).toContain(
      `credit lead "${inboundLead.id}" to "u-bruno"`,
    );
    expect(await snapshot(repositories)).toEqual(before);
    const byManager = await service.merge({ actor: "u-marta", leadIds: [inboundLead.id, brunos.id] });
    expect(byManager.ok && [byManager.value.lead.owner, byManager.value.lead.generatedBy]).toEqual([
      "u-ana",
      "u-bruno",
    ]);
  });
});

describe("refer to self", () => {
  test("an editor of a passive lead may not refer it to themselves", async () => {
    const { service, repositories } = setup();
    const lead = created(await service.capture(inbound({ owner: "u-ana" })));
    await service.share({ actor: "u-ana", leadId: lead.id, userId: "u-bruno" });
    const before = await repositories.leads.get(lead.id);
    const self = await service.refer({ actor: "u-bruno", leadId: lead.id, to: "u-bruno" });
    expect(codes(self)).toEqual(["forbidden"]);
    expect(await repositories.leads.get(lead.id)).toEqual(before);
    expect((await service.refer({ actor: "u-bruno", leadId: lead.id, to: "u-carla" })).ok).toBe(true);
  });
});

describe("forged credit", () => {
  test("a member may not credit or assign a capture to someone else", async () => {
    const { service, repositories } = setup();
    const forged = [
      asUser("u-bruno", "a@one.example", {
        capture: { channel: "call", initiator: { kind: "user", userId: "u-ana" } },
      }),
      asUser("u-bruno", "b@two.example", { owner: "u-ana" }),
      asUser("u-bruno", "c@three.example", {
        capture: {
          channel: "form",
          initiator: { kind: "contact" },
          capturePoint: { managedBy: "user", managerId: "u-ana" },
        },
      }),
    ];
    for (const command of forged) expect(codes(await service.capture(command))).toEqual(["forbidden"]);
    expect((await repositories.leads.query({})).items).toEqual([]);
    expect(await repositories.audit.list()).toEqual([]);
    expect(await repositories.outbox.list()).toEqual([]);
  });

  test("a manager and an integration capture on behalf of others; the lead credits whom they name", async () => {
    const { service } = setup();
    const byManager = created(
      await service.capture(
        asUser("u-marta", "a@one.example", {
          capture: { channel: "call", initiator: { kind: "user", userId: "u-ana" } },
        }),
      ),
    );
    expect([byManager.generatedBy, byManager.owner]).toEqual(["u-ana", "u-ana"]);
    const byIntegration = created(await service.capture(inbound({ owner: "u-bruno" })));
    expect(byIntegration.owner).toBe("u-bruno");
  });
});

describe("existence oracle", () => {
  test("every command answers an invisible lead exactly as an unknown one", async () => {
    const { service } = setup();
    const anas = created(await service.capture(called()));
    const probes = (leadId: string) => [
      service.get({ actor: "u-bruno", leadId }),
      service.rescore({ actor: "u-bruno", leadId }),
      service.transition({ actor: "u-bruno", leadId, event: "nurture" }),
      service.share({ actor: "u-bruno", leadId, userId: "u-carla" }),
      service.unshare({ actor: "u-bruno", leadId, userId: "u-carla" }),
      service.transfer({ actor: "u-bruno", leadId, to: "u-bruno" }),
      service.refer({ actor: "u-bruno", leadId, to: "u-carla" }),
      service.claim({ actor: "u-bruno", leadId }),
      service.release({ actor: "u-bruno", leadId }),
      service.merge({ actor: "u-bruno", leadIds: [leadId, "lead-other"] }),
    ];
    const hidden = await Promise.all(probes(anas.id));
    const unknown = await Promise.all(probes("lead-999999"));
    const answer = (r: { ok: boolean }, id: string) => JSON.stringify(r).replaceAll(id, "<id>");
    expect(hidden.map((r) => answer(r, anas.id))).toEqual(unknown.map((r) => answer(r, "lead-999999")));
    expect(hidden.every((r) => codes(r).join() === "not_found")).toBe(true);
  });

  test("a lead one may see but not change answers forbidden", async () => {
    const { service } = setup();
    const lead = created(await service.capture(called()));
    await service.share({ actor: "u-ana", leadId: lead.id, userId: "u-bruno", access: "view" });
    expect(codes(await service.transition({ actor: "u-bruno", leadId: lead.id, event: "nurture" }))).toEqual([
      "forbidden",
    ]);
    expect(codes(await service.get({ actor: "u-bruno", leadId: lead.id }))).toEqual([]);
  });

  test("the policy's work list is what the service applies", async () => {
    const viewersWork = compileSharingPolicy({
      ...teamPolicy,
      active: { ...teamPolicy.active, work: ["owner" as const, "viewer" as const] },
    });
    const { service, repositories } = setup({ config: { policy: viewersWork } });
    const lead = created(await service.capture(called()));
    await service.share({ actor: "u-ana", leadId: lead.id, userId: "u-bruno", access: "view" });
    const moved = await service.transition({ actor: "u-bruno", leadId: lead.id, event: "nurture" });
    expect(moved.ok && moved.value.to).toBe("nurturing");
    expect(((await repositories.leads.get(lead.id)) as Lead).stage).toBe("nurturing");
    expect(codes(await service.rescore({ actor: "u-marta", leadId: lead.id }))).toEqual(["forbidden"]);
  });
});
