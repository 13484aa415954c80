import { isLeadKitError } from "leadkit";
import { compileLifecycle } from "leadkit/lifecycle";
import { compileSharingPolicy } from "leadkit/origin";
import { BANT } from "leadkit/qualification";
import { compilePointsModel, DEFAULT_POINTS_MODEL, type PointsModel } from "leadkit/scoring";
import { createLeadService, type LeadService, type LeadServiceConfig } from "leadkit/services";
import { createInMemoryRepositories, fixedClock, sequentialIds } from "leadkit/testing";
import { describe, expect, test } from "vitest";
import { called, codes, created, policy, setup, teamPolicy } from "./fixtures.js";

const paths = (result: {
  ok: boolean;
  issues?: readonly { code: string; path: readonly (string | number)[] }[];
}) => (result.ok ? [] : (result.issues ?? []).map((i) => `${i.code}@${i.path.join(".")}`));

describe("every command validates its envelope and answers issues, never throws", () => {
  test("missing, empty or non-string actors and lead ids", async () => {
    const { service } = setup();
    const call = service.get as (command: unknown) => ReturnType<LeadService["get"]>;
    expect(paths(await call(undefined))).toEqual(["invalid_type@"]);
    expect(paths(await call([]))).toEqual(["invalid_type@"]);
    expect(paths(await call({ leadId: "l1" }))).toEqual(["invalid_type@actor"]);
    expect(paths(await call({ actor: "", leadId: "l1" }))).toEqual(["too_small@actor"]);
    expect(paths(await call({ actor: { toString: 1 }, leadId: 7 }))).toEqual([
      "invalid_type@actor",
      "invalid_type@leadId",
    ]);
  });

  test("a reason, an event, evidence and an expected version of the wrong kind", async () => {
    const { service, repositories } = setup();
    const lead = created(await service.capture(called()));
    const move = service.transition as (command: unknown) => ReturnType<LeadService["transition"]>;
    const base = { actor: "u-ana", leadId: lead.id };
    expect(paths(await move({ ...base, event: "nurture", reason: 42 }))).toEqual(["invalid_type@reason"]);
    expect(codes(await move({ ...base, event: { type: "qualify", evidence: [null] } }))).toEqual([
      "invalid_union",
    ]);
    expect(codes(await move({ ...base, event: { type: 5 } }))).toEqual(["invalid_union"]);
    for (const expectedVersion of [-1, 1.5, "1", Number.NaN, null])
      expect(paths(await move({ ...base, event: "nurture", expectedVersion }))).toHaveLength(1);
    // Evidence as stored JSON (dates as ISO strings) is revived, not refused.
    const revived = await move({
      ...base,
      event: {
        type: "qualify",
        evidence: [
          { kind: "qualification", frameworkId: "bant", verdict: "qualified", at: "2026-03-01T00:00:00Z" },
        ],
      },
    });
    expect(revived.ok && revived.value.to).toBe("prospect");
    expect((await repositories.leads.get(lead.id))?.version).toBe(2);
  });

  test("capture, merge, share, qualify and staleness commands refuse malformed fields with paths", async () => {
    const { service, repositories } = setup();
    const lead = created(await service.capture(called()));
    const anyCommand = service as unknown as Record<
      keyof LeadService,
      (command: unknown) => Promise<{ ok: boolean }>
    >;
    expect(
      paths(await anyCommand.capture({ ...called(), tags: Array.from({ length: 1001 }, () => "t") })),
    ).toEqual(["too_big@tags"]);
    expect(
      (await anyCommand.capture({ ...called(), capture: { channel: "fax", initiator: null } })) as never,
    ).toMatchObject({
      ok: false,
      issues: [{ path: ["capture", "channel"] }, { path: ["capture", "initiator"] }],
    });
    expect(paths(await anyCommand.merge({ actor: "u-marta", leadIds: "l1" }))).toEqual([
      "invalid_lead_ids@leadIds",
    ]);
    expect(
      paths(
        await anyCommand.merge({ actor: "u-marta", leadIds: [lead.id, "x"], expectedVersions: { x: -1 } }),
      ),
    ).toEqual(["invalid_type@expectedVersions.x"]);
    expect(
      paths(await anyCommand.share({ actor: "u-ana", leadId: lead.id, userId: "u-bruno", access: "admin" })),
    ).toEqual(["invalid_value@access"]);
    expect(
      codes(
        await anyCommand.qualify({ actor: "u-ana", leadId: lead.id, framework: { id: 1 }, evidence: [] }),
      ),
    ).not.toEqual([]);
    expect(
      paths(await anyCommand.qualify({ actor: "u-ana", leadId: lead.id, framework: BANT, evidence: [null] })),
    ).toEqual(["invalid_type@evidence.0"]);
    expect(codes(await anyCommand.findStaleLeads({ actor: "u-marta", policy: { stages: [] } }))).not.toEqual(
      [],
    );
    expect((await repositories.leads.get(lead.id))?.version).toBe(1);
  });

  test("two capture interactions with one id are refused: the lead and the store would disagree", async () => {
    const { service, repositories } = setup();
    const interaction = {
      id: "i-1",
      type: "email_open" as const,
      at: new Date("2026-03-01T00:00:00Z"),
      initiator: { kind: "contact" as const },
    };
    const result = await service.capture(
      called({ interactions: [interaction, { ...interaction, type: "email_click" }] }),
    );
    expect(paths(result)).toEqual(["duplicate_interaction_id@interactions.1.id"]);
    expect((await repositories.leads.query({})).items).toEqual([]);
  });

  test("recording another interaction under a taken id is refused; the same one again changes nothing", async () => {
    const { service } = setup();
    const lead = created(await service.capture(called()));
    const interaction = {
      id: "i-1",
      type: "email_open" as const,
      at: new Date("2026-03-01T00:00:00Z"),
      initiator: { kind: "contact" as const },
    };
    await service.recordInteraction({ actor: "u-ana", leadId: lead.id, interaction });
    const same = await service.recordInteraction({
      actor: "u-ana",
      leadId: lead.id,
      interaction: { ...interaction },
    });
    expect(same.ok && same.value.lead.version).toBe(2);
    const other = await service.recordInteraction({
      actor: "u-ana",
      leadId: lead.id,
      interaction: { ...interaction, type: "email_click" },
    });
    expect(codes(other)).toEqual(["interaction_id_taken"]);
  });
});

describe("the configuration is validated when the service is created", () => {
  const create = (config: LeadServiceConfig) => () =>
    createLeadService({
      repositories: createInMemoryRepositories(),
      clock: fixedClock("2026-03-02T09:00:00Z"),
      ids: sequentialIds("l"),
      config,
    });
  const failure = (make: () => unknown) => {
    try {
      make();
    } catch (error) {
      return isLeadKitError(error)
        ? [error.code, ...error.issues.map((i) => i.path.join("."))]
        : ["not a LeadKitError"];
    }
    return ["created"];
  };

  test("a linear decay too fine to compute is refused when compiled, so capture never throws later", () => {
    const tiny: PointsModel = {
      ...DEFAULT_POINTS_MODEL,
      id: "tiny",
      decay: { kind: "linear", percent: 1e-300, every: { days: 1 } },
    };
    expect(failure(() => compilePointsModel(tiny))).toEqual(["invalid_definition", "decay.percent"]);
    const fine: PointsModel = { ...tiny, decay: { kind: "linear", percent: 1, every: { days: 1 } } };
    expect(failure(create({ scoringModels: [compilePointsModel(fine)] }))).toEqual(["created"]);
  });

  test("malformed models, duplicate model ids, policies, distributions and qualify events", () => {
    expect(failure(create({ scoringModels: [DEFAULT_POINTS_MODEL as never] }))).toEqual([
      "invalid_definition",
      "scoringModels.0",
    ]);
    const scorer = compilePointsModel(DEFAULT_POINTS_MODEL);
    expect(failure(create({ scoringModels: [scorer, { ...scorer }] }))).toEqual([
      "invalid_definition",
      "scoringModels.1.id",
    ]);
    expect(failure(() => compileSharingPolicy({ ...teamPolicy, managers: [""] }))).toEqual([
      "invalid_definition",
      "managers.0",
    ]);
    expect(failure(create({ policy: teamPolicy as never }))).toEqual(["invalid_definition", "policy"]);
    expect(failure(create({ policy: { ...policy } }))).toEqual(["created"]);
    expect(
      failure(
        create({
          distribution: { strategy: "round_robin", members: [{ userId: "u-a" }, { userId: "u-a" }] },
        }),
      ),
    ).toEqual(["invalid_definition", "distribution.members.1.userId"]);
    expect(failure(create({ qualifyEvent: "approve" }))).toEqual(["invalid_definition", "qualifyEvent"]);
  });
});

describe("qualify follows the lifecycle definition", () => {
  const stages = [
    "contact",
    "lead",
    "nurturing",
    "prospect",
    "potential_client",
    "customer",
    "disqualified",
    "lost",
    "archived",
  ] as const;
  const custom = compileLifecycle({
    id: "acme",
    stages,
    initial: "contact",
    funnel: ["contact", "lead", "potential_client", "customer"],
    terminal: ["customer", "archived"],
    events: {
      accept: { from: ["lead", "nurturing"], to: "potential_client", guards: ["has_passing_qualification"] },
      park: { from: ["lead"], to: "nurturing" },
      close: { from: ["potential_client"], to: "customer" },
    },
  });
  const evidence = [
    { criterionId: "budget", answer: 30_000, source: "conversation" as const },
    { criterionId: "authority", answer: "CFO", source: "research" as const },
    { criterionId: "need", answer: "high", source: "conversation" as const },
  ];

  test("a qualified lead fires the custom lifecycle's qualifying event from any stage it leaves", async () => {
    const { service, repositories } = setup({ config: { lifecycle: custom } });
    const a = created(await service.capture(called()));
    const b = created(
      await service.capture(called({ contact: { kind: "prospect", name: "B", email: "b@b.example" } })),
    );
    await service.transition({ actor: "u-ana", leadId: b.id, event: "park" });
    for (const lead of [a, b]) {
      const result = await service.qualify({
        actor: "u-ana",
        leadId: lead.id,
        framework: BANT,
        evidence,
        options: { priceRange: { min: 12_000 } },
      });
      expect(result.ok && [result.value.moved, result.value.lead.stage]).toEqual([true, "potential_client"]);
    }
    const moved = (await repositories.outbox.list())
      .filter((e) => e.type === "lead.stage_changed")
      .map((e) => e.payload);
    expect(moved).toContainEqual({ from: "nurturing", to: "potential_client", event: "accept" });
    const again = await service.qualify({
      actor: "u-ana",
      leadId: a.id,
      framework: BANT,
      evidence,
      options: { priceRange: { min: 12_000 } },
    });
    expect(again.ok && again.value.moved).toBe(false);
  });

  test("a configured qualifyEvent is fired instead, only from the stages it leaves", async () => {
    const { service } = setup({ config: { lifecycle: custom, qualifyEvent: "park" } });
    const lead = created(await service.capture(called()));
    const result = await service.qualify({
      actor: "u-ana",
      leadId: lead.id,
      framework: BANT,
      evidence,
      options: { priceRange: { min: 12_000 } },
    });
    expect(result.ok && [result.value.moved, result.value.lead.stage]).toEqual([true, "nurturing"]);
  });
});

describe("a refusal lists at most 100 issues, then one too_many_issues", () => {
  test("1,000 bad interactions, or 1,000 sharing one id, in one capture", async () => {
    const { service } = setup();
    const at = "2026-03-01T00:00:00Z";
    const views = Array.from({ length: 1_000 }, () => ({
      type: "page_view",
      at,
      initiator: { kind: "contact" },
    }));
    const same = Array.from({ length: 1_000 }, () => ({
      id: "i1",
      type: "email_open",
      at,
      initiator: { kind: "contact" },
    }));
    for (const [interactions, more] of [
      [views, 900],
      [same, 899],
    ] as const) {
      const result = await service.capture({ ...called(), interactions } as never);
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.issues).toHaveLength(101);
      expect(result.issues[100]).toMatchObject({ code: "too_many_issues", path: [] });
      expect(result.issues[100]?.message).toContain(`${more} more issues`);
    }
  });
});

describe("messages quote at most 60 characters of a value", () => {
  test("a 150-character lead id in not_found and forbidden", async () => {
    const { service } = setup();
    const leadId = "x".repeat(150);
    const result = await service.get({ actor: "u-ana", leadId });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const message = result.issues[0]?.message ?? "";
    expect(message).not.toContain("x".repeat(61));
    expect(message).toContain("150 characters");
  });
});
