import type { Lead } from "leadkit";
import { BANT } from "leadkit/qualification";
import { compilePointsModel } from "leadkit/scoring";
import { isConflictIssue } from "leadkit/services";
import { describe, expect, test } from "vitest";
import { called, created, inbound, setup } from "./fixtures.js";

const at = (iso: string) => new Date(iso);
const codes = (result: { ok: boolean; issues?: readonly { code: string }[] }) =>
  result.ok ? [] : (result.issues ?? []).map((i) => i.code);

async function withLead(overrides: Parameters<typeof called>[0] = {}) {
  const context = setup();
  const lead = created(await context.service.capture(called(overrides)));
  return { ...context, lead };
}

describe("recordInteraction", () => {
  test("appends, re-scores, returns threshold effects newly reached, and audits", async () => {
    const { service, repositories, lead } = await withLead();
    const result = await service.recordInteraction({
      actor: "system",
      leadId: lead.id,
      interaction: { type: "demo_request", at: at("2026-03-02T08:00:00Z"), initiator: { kind: "contact" } },
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.lead.version).toBe(2);
    expect(result.value.lead.interactions.map((i) => i.type)).toEqual(["demo_request"]);
    expect(result.value.scores["default"]).toBeGreaterThan(lead.scores["default"]?.value ?? 0);
    expect(result.value.effects).toContainEqual({ kind: "suggest_transition", to: "potential_client" });
    expect((await repositories.interactions.list(lead.id)).map((i) => i.type)).toEqual(["demo_request"]);
    const audit = await repositories.audit.list({ leadId: lead.id });
    expect(audit.at(-1)).toMatchObject({
      action: "record_interaction",
      beforeVersion: 1,
      afterVersion: 2,
      actor: "system",
    });
    const again = await service.recordInteraction({
      actor: "system",
      leadId: lead.id,
      interaction: { type: "demo_request", at: at("2026-03-02T08:30:00Z"), initiator: { kind: "contact" } },
    });
    expect(again.ok && again.value.effects).toEqual([]);
  });

  test("recording the same interaction id twice changes nothing the second time", async () => {
    const { service, repositories, lead } = await withLead();
    const interaction = {
      id: "i-1",
      type: "email_click" as const,
      at: at("2026-03-01T00:00:00Z"),
      initiator: { kind: "contact" as const },
    };
    await service.recordInteraction({ actor: "u-ana", leadId: lead.id, interaction });
    const again = await service.recordInteraction({ actor: "u-ana", leadId: lead.id, interaction });
    expect(again.ok && again.value.lead.version).toBe(2);
    expect((await repositories.audit.list({ leadId: lead.id })).length).toBe(2);
  });

  test("add_tag threshold effects are applied to the lead", async () => {
    const context = setup({
      config: {
        scoringModels: [
          compilePointsModel({
            id: "tagging",
            name: "Tagging",
            groups: [{ id: "all", max: 100 }],
            rules: [
              {
                id: "clicks",
                group: "all",
                points: 50,
                repeatable: true,
                interaction: { types: ["email_click"] },
              },
            ],
            thresholds: [{ id: "hot", atLeast: 50, effect: { kind: "add_tag", tag: "hot" } }],
          }),
        ],
      },
    });
    const lead = created(await context.service.capture(called()));
    const result = await context.service.recordInteraction({
      actor: "u-ana",
      leadId: lead.id,
      interaction: { type: "email_click", at: at("2026-03-02T08:00:00Z"), initiator: { kind: "contact" } },
    });
    expect(result.ok && result.value.lead.tags).toEqual(["hot"]);
    expect(result.ok && result.value.effects).toEqual([{ kind: "add_tag", tag: "hot" }]);
  });

  test("a malformed interaction is rejected with its path", async () => {
    const { service, lead } = await withLead();
    const result = await service.recordInteraction({
      actor: "u-ana",
      leadId: lead.id,
      interaction: {
        type: "page_view",
        at: at("2026-03-01T00:00:00Z"),
        initiator: { kind: "contact" },
      } as never,
    });
    expect(result.ok ? [] : result.issues.map((i) => i.path.join("."))).toEqual(["interaction.pageKind"]);
  });

  test("two concurrent writers of one version: one succeeds, the other gets a conflict with the current version", async () => {
    const { service, repositories, lead } = await withLead();
    const write = (type: "email_open" | "email_click") =>
      service.recordInteraction({
        actor: "u-ana",
        leadId: lead.id,
        expectedVersion: 1,
        interaction: { type, at: at("2026-03-01T00:00:00Z"), initiator: { kind: "contact" } },
      });
    const results = await Promise.all([write("email_open"), write("email_click")]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const failed = results.find((r) => !r.ok);
    const conflict = failed !== undefined && !failed.ok ? failed.issues.find(isConflictIssue) : undefined;
    expect(conflict).toMatchObject({ code: "conflict", leadId: lead.id, currentVersion: 2 });
    const stored = (await repositories.leads.get(lead.id)) as Lead;
    expect(stored.interactions).toHaveLength(1);
    expect(await repositories.interactions.list(lead.id)).toEqual(stored.interactions);
    expect((await repositories.audit.list({ leadId: lead.id })).map((e) => e.afterVersion)).toEqual([1, 2]);
  });

  test("concurrent writers without an expected version both land, one after the other", async () => {
    const { service, repositories, lead } = await withLead();
    const write = (id: string) =>
      service.recordInteraction({
        actor: "u-ana",
        leadId: lead.id,
        interaction: {
          id,
          type: "email_open",
          at: at("2026-03-01T00:00:00Z"),
          initiator: { kind: "contact" },
        },
      });
    const results = await Promise.all([write("a"), write("b"), write("c")]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(((await repositories.leads.get(lead.id)) as Lead).interactions.map((i) => i.id).sort()).toEqual([
      "a",
      "b",
      "c",
    ]);
  });
});

describe("access rules", () => {
  test("a user outside the lead's visibility gets not_found, word for word as for an unknown lead, and nothing changes", async () => {
    const { service, repositories, lead } = await withLead();
    const before = await repositories.audit.list();
    const attempts = await Promise.all([
      service.get({ actor: "u-bruno", leadId: lead.id }),
      service.transfer({ actor: "u-bruno", leadId: lead.id, to: "u-bruno" }),
      service.transition({ actor: "u-bruno", leadId: lead.id, event: "nurture" }),
      service.recordInteraction({
        actor: "u-bruno",
        leadId: lead.id,
        interaction: {
          type: "call",
          at: at("2026-03-01T00:00:00Z"),
          initiator: { kind: "user", userId: "u-bruno" },
        },
      }),
    ]);
    expect(attempts.map(codes)).toEqual([["not_found"], ["not_found"], ["not_found"], ["not_found"]]);
    const unknown = await service.get({ actor: "u-bruno", leadId: "lead-nope" });
    const message = (r: { ok: boolean; issues?: readonly { message: string }[] }, id: string) =>
      r.ok ? "" : (r.issues?.[0]?.message ?? "").replace(id, "<id>");
    expect(message(attempts[0] as never, lead.id)).toBe(message(unknown as never, "lead-nope"));
    expect(await repositories.leads.get(lead.id)).toEqual(lead);
    expect(await repositories.audit.list()).toEqual(before);
  });

  test("the origin module's policy refusals become forbidden", async () => {
    const { service, lead } = await withLead();
    const shared = await service.share({
      actor: "u-ana",
      leadId: lead.id,
      userId: "u-bruno",
      access: "view",
    });
    expect(shared.ok).toBe(true);
    const viewerTransfer = await service.transfer({ actor: "u-bruno", leadId: lead.id, to: "u-bruno" });
    expect(codes(viewerTransfer)).toEqual(["forbidden"]);
    expect(codes(await service.get({ actor: "u-bruno", leadId: lead.id }))).toEqual([]);
  });

  test("unknown leads are not_found", async () => {
    const { service } = setup();
    expect(codes(await service.get({ actor: "u-ana", leadId: "nope" }))).toEqual(["not_found"]);
    expect(codes(await service.claim({ actor: "u-ana", leadId: "nope" }))).toEqual(["not_found"]);
  });
});

describe("ownership", () => {
  test("share, unshare, transfer and refer save a new version with an audit entry each", async () => {
    const { service, repositories, lead } = await withLead();
    const shared = await service.share({ actor: "u-ana", leadId: lead.id, userId: "u-bruno" });
    expect(shared.ok && shared.value.collaborators).toEqual([{ userId: "u-bruno", access: "edit" }]);
    const unshared = await service.unshare({ actor: "u-ana", leadId: lead.id, userId: "u-bruno" });
    expect(unshared.ok && unshared.value.collaborators).toEqual([]);
    const referred = await service.refer({
      actor: "u-ana",
      leadId: lead.id,
      to: "u-carla",
      reason: "Her territory",
    });
    expect(referred.ok && referred.value.owner).toBe("u-carla");
    const transferred = await service.transfer({
      actor: "u-marta",
      leadId: lead.id,
      to: "u-bruno",
      expectedVersion: 4,
    });
    expect(transferred.ok && transferred.value).toMatchObject({ owner: "u-bruno", version: 5 });
    const trail = await repositories.audit.list({ leadId: lead.id });
    expect(trail.map((e) => [e.action, e.beforeVersion, e.afterVersion])).toEqual([
      ["capture", 0, 1],
      ["share", 1, 2],
      ["unshare", 2, 3],
      ["refer", 3, 4],
      ["transfer", 4, 5],
    ]);
    expect(trail[3]?.reason).toBe("Her territory");
  });

  test("release to the pool, then a teammate claims it", async () => {
    const { service, lead } = await withLead();
    const released = await service.release({ actor: "u-ana", leadId: lead.id });
    expect(released.ok && released.value).toMatchObject({ owner: null, pool: "inbound" });
    const claimed = await service.claim({ actor: "u-bruno", leadId: lead.id });
    expect(claimed.ok && claimed.value.owner).toBe("u-bruno");
    const twice = await service.claim({ actor: "u-carla", leadId: lead.id });
    expect(codes(twice)).toEqual(["not_in_pool"]);
  });

  test("a stale expected version is a conflict and writes nothing", async () => {
    const { service, repositories, lead } = await withLead();
    const result = await service.share({
      actor: "u-ana",
      leadId: lead.id,
      userId: "u-bruno",
      expectedVersion: 7,
    });
    expect(result.ok ? undefined : result.issues[0]).toMatchObject({
      code: "conflict",
      currentVersion: 1,
      path: ["expectedVersion"],
    });
    expect((await repositories.leads.get(lead.id))?.version).toBe(1);
  });
});

describe("lifecycle", () => {
  test("transition moves the lead, returns effects and audits; a refused move returns the lifecycle's issue", async () => {
    const { service, repositories, lead } = await withLead();
    const nurtured = await service.transition({ actor: "u-ana", leadId: lead.id, event: "nurture" });
    expect(nurtured.ok && [nurtured.value.from, nurtured.value.to]).toEqual(["lead", "nurturing"]);
    expect(nurtured.ok && nurtured.value.effects[0]?.type).toBe("schedule_follow_up");
    const refused = await service.transition({ actor: "u-ana", leadId: lead.id, event: { type: "win" } });
    expect(codes(refused)).toEqual(["transition_not_allowed"]);
    const trail = await repositories.audit.list({ leadId: lead.id });
    expect(trail.at(-1)).toMatchObject({
      action: "transition",
      details: { event: "nurture", from: "lead", to: "nurturing" },
    });
  });

  test("qualify moves a qualified lead to prospect; an unqualified one stays and writes nothing", async () => {
    const { service, repositories, lead } = await withLead();
    const partial = await service.qualify({
      actor: "u-ana",
      leadId: lead.id,
      framework: BANT,
      evidence: [{ criterionId: "budget", answer: 30_000, source: "conversation" }],
      options: { priceRange: { min: 12_000 } },
    });
    expect(
      partial.ok && [partial.value.moved, partial.value.qualification.verdict, partial.value.lead.version],
    ).toEqual([false, "needs_information", 1]);
    const full = await service.qualify({
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
    expect(full.ok && [full.value.moved, full.value.lead.stage, full.value.lead.version]).toEqual([
      true,
      "prospect",
      2,
    ]);
    expect((await repositories.audit.list({ leadId: lead.id })).map((e) => e.action)).toEqual([
      "capture",
      "qualify",
    ]);
    const bad = await service.qualify({
      actor: "u-ana",
      leadId: lead.id,
      framework: BANT,
      evidence: [{ criterionId: "color", answer: "blue", source: "conversation" }],
    });
    expect(codes(bad)).toEqual(["unknown_criterion"]);
  });

  test("a framework object edited in place after a qualify is compiled again, never answered from the memo", async () => {
    const { service, lead } = await withLead();
    const framework = structuredClone(BANT) as { rule: unknown };
    const evidence = [
      { criterionId: "authority", answer: "CEO", source: "research" },
      { criterionId: "budget", answer: 30_000, source: "conversation" },
    ] as const;
    const first = await service.qualify({
      actor: "u-ana",
      leadId: lead.id,
      framework: framework as typeof BANT,
      evidence,
    });
    expect(first.ok && first.value.qualification.verdict).toBe("needs_information");
    framework.rule = { kind: "at_least", count: 2 };
    const second = await service.qualify({
      actor: "u-ana",
      leadId: lead.id,
      framework: framework as typeof BANT,
      evidence,
    });
    expect(second.ok && [second.value.qualification.verdict, second.value.moved]).toEqual([
      "qualified",
      true,
    ]);
  });
});

describe("rescore", () => {
  test("an unchanged score is reported but neither saved nor audited (no change that did not happen)", async () => {
    const { service, repositories, clock } = setup();
    const lead = created(await service.capture(called()));
    clock.advance(24 * 60 * 60 * 1000);
    const first = await service.rescore({ actor: "u-ana", leadId: lead.id });
    const second = await service.rescore({ actor: "u-ana", leadId: lead.id });
    for (const result of [first, second]) {
      expect(result.ok && result.value.scores["default"]).toBe(lead.scores["default"]?.value);
      expect(result.ok && result.value.effects).toEqual([]);
      expect(result.ok && result.value.lead.version).toBe(1);
    }
    expect((await repositories.leads.get(lead.id))?.version).toBe(1);
    expect((await repositories.audit.list({ leadId: lead.id })).map((e) => e.action)).toEqual(["capture"]);
  });

  test("a lead whose stored score is below a total threshold it now reaches reports that effect", async () => {
    const { service, repositories } = setup();
    const lead = created(await service.capture(called()));
    const stored = (await repositories.leads.get(lead.id)) as Lead;
    const boosted: Lead = {
      ...stored,
      interestLevel: "high",
      contact: { ...stored.contact, jobTitle: "CEO", phone: "+34 600 000 000", humanConfirmed: true },
      interactions: (["email_click", "email_click", "demo_request"] as const).map((type, i) => ({
        id: `i-${i}`,
        type,
        at: at("2026-03-02T08:00:00Z"),
        initiator: { kind: "contact" as const },
      })),
    };
    await repositories.leads.save(boosted, { expectedVersion: 1 });
    const result = await service.rescore({ actor: "u-ana", leadId: lead.id });
    expect(result.ok && result.value.scores["default"]).toBeGreaterThanOrEqual(60);
    expect(result.ok && result.value.effects).toEqual([{ kind: "hand_off_to_sales" }]);
    expect(result.ok && result.value.lead.version).toBe(3);
    expect((await repositories.audit.list({ leadId: lead.id })).at(-1)?.action).toBe("rescore");
  });
});

describe("merge", () => {
  test("merges duplicates into the strongest lead, removes the others, and audits every lead", async () => {
    const { service, repositories } = setup();
    const first = created(
      await service.capture(
        called({ contact: { kind: "prospect", name: "Lucía", phone: "+34 911 23 45 67" } }),
      ),
    );
    const second = created(
      await service.capture(
        inbound({
          contact: { kind: "prospect", name: "Lucía P.", phone: "0034 911 23 45 67", jobTitle: "CTO" },
          onDuplicate: "create",
          owner: "u-ana",
        }),
      ),
    );
    const merged = await service.merge({
      actor: "u-marta",
      leadIds: [first.id, second.id],
      reason: "Same person",
    });
    expect(merged.ok).toBe(true);
    if (!merged.ok) return;
    expect(merged.value.absorbedIds).toHaveLength(1);
    const survivor = merged.value.lead;
    expect(survivor.mergedFrom).toEqual(merged.value.absorbedIds);
    expect(survivor.contact.jobTitle).toBe("CTO");
    expect(await repositories.leads.get(merged.value.absorbedIds[0] as string)).toBe(null);
    expect((await repositories.interactions.list(survivor.id)).map((i) => i.type)).toEqual(["form_submit"]);
    const actions = (await repositories.audit.list({ actor: "u-marta" })).map((e) => [
      e.action,
      e.leadId,
      e.reason,
    ]);
    expect(actions).toEqual([
      ["merge", survivor.id, "Same person"],
      ["merged_into", merged.value.absorbedIds[0], "Same person"],
    ]);
  });

  test("rejects fewer than two ids, unknown leads, others' leads and stale versions, writing nothing", async () => {
    const { service, repositories } = setup();
    const mine = created(await service.capture(called()));
    const theirs = created(
      await service.capture(
        called({
          actor: "u-bruno",
          contact: { kind: "prospect", name: "B", email: "b@b.example" },
          capture: { channel: "call", initiator: { kind: "user", userId: "u-bruno" } },
        }),
      ),
    );
    expect(codes(await service.merge({ actor: "u-ana", leadIds: [mine.id] }))).toEqual(["invalid_lead_ids"]);
    expect(codes(await service.merge({ actor: "u-ana", leadIds: [mine.id, mine.id] }))).toEqual([
      "invalid_lead_ids",
    ]);
    expect(codes(await service.merge({ actor: "u-ana", leadIds: [mine.id, "nope"] }))).toEqual(["not_found"]);
    expect(codes(await service.merge({ actor: "u-ana", leadIds: [mine.id, theirs.id] }))).toEqual([
      "not_found",
    ]);
    const stale = await service.merge({
      actor: "u-marta",
      leadIds: [mine.id, theirs.id],
      expectedVersions: { [theirs.id]: 9 },
    });
    expect(codes(stale)).toEqual(["conflict"]);
    expect((await repositories.leads.query({})).items).toHaveLength(2);
    expect((await repositories.audit.list()).map((e) => e.action)).toEqual(["capture", "capture"]);
  });
});

describe("findStaleLeads", () => {
  test("flags passive leads idle for more than 30 days among the leads the actor sees", async () => {
    const { service, clock } = setup();
    const passive = created(await service.capture(inbound()));
    created(await service.capture(called()));
    clock.advance(45 * 24 * 60 * 60 * 1000);
    const flags = await service.findStaleLeads({ actor: "u-marta" });
    expect(flags.ok && flags.value.map((f) => [f.lead.id, f.flag])).toEqual([[passive.id, "review"]]);
    const outsider = await service.findStaleLeads({
      actor: "u-zoe",
      policy: { stages: ["lead"], rules: [{ kind: "inactive", origin: "any", days: 1, flag: "review" }] },
    });
    expect(outsider.ok && outsider.value).toEqual([]);
  });
});
