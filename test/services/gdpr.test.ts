import { ERASED_CONTACT_NAME, type Lead } from "leadkit";
import { computeFunnelAggregate } from "leadkit/metrics";
import { compileSharingPolicy } from "leadkit/origin";
import type { Repositories } from "leadkit/ports";
import {
  contactDataExportSchema,
  type LeadService,
  parseRetentionPolicy,
  type RetentionProgress,
  safeParseRetentionPolicy,
} from "leadkit/services";
import { createInMemoryRepositories, type FaultPlan, type FaultTarget, withFaults } from "leadkit/testing";
import { describe, expect, test } from "vitest";
import { called, codes, created, inbound, setup, snapshot, withoutTransactions } from "./fixtures.js";

/** The personal data the seeded person left anywhere: none of it may survive an erasure. */
const PERSONAL = [
  "Lucía",
  "lucia@acme.es",
  "lucia.p@acme.es",
  "+34 600 111 222",
  "600111222",
  "cousin",
  "Lucía's",
  "form-7781",
  "lucia-private",
  "gclid-abc",
];

async function seeded(repositories: Repositories = createInMemoryRepositories()) {
  const context = setup({ repositories });
  const { service } = context;
  const a = created(
    await service.capture(
      called({
        externalId: "form-7781",
        contact: {
          kind: "prospect",
          name: "Lucía Pérez",
          email: "lucia@acme.es",
          phone: "+34 600 111 222",
          company: "Acme",
          industry: "software",
          attributes: { hobby: "Lucía's garden" },
          consents: [
            {
              purpose: "newsletter",
              status: "granted",
              at: "2026-03-01T00:00:00Z",
              source: "call with Lucía",
            },
          ],
        },
        source: "fair",
        tags: ["lucia-private"],
        interactions: [
          {
            type: "call",
            at: new Date("2026-03-02T08:00:00Z"),
            initiator: { kind: "user", userId: "u-ana" },
            data: { note: "her cousin called" },
            attribution: { utmSource: "fair", gclid: "gclid-abc" },
          },
        ],
      }),
    ),
  );
  const b = created(
    await service.capture(
      inbound({
        contact: { kind: "prospect", name: "Lucía P.", email: "lucia.p@acme.es" },
        onDuplicate: "create",
        owner: "u-ana",
      }),
    ),
  );
  const merged = await service.merge({ actor: "u-ana", leadIds: [a.id, b.id], reason: "same person: Lucía" });
  if (!merged.ok) throw new Error(JSON.stringify(merged.issues));
  const moved = await service.transition({
    actor: "u-ana",
    leadId: merged.value.lead.id,
    event: { type: "qualify", reason: "Lucía has budget" },
  });
  const other = created(
    await service.capture(
      inbound({ contact: { kind: "prospect", name: "Jorge Ruiz", email: "jorge@globex.example" } }),
    ),
  );
  return {
    ...context,
    lead: moved.ok ? moved.value.lead : merged.value.lead,
    absorbed: merged.value.absorbedIds,
    other,
    moved,
  };
}

async function everything(repositories: Repositories) {
  return JSON.stringify(await snapshot(repositories));
}

async function allLeads(repositories: Repositories) {
  const leads: Lead[] = [];
  for await (const lead of repositories.leads.stream()) leads.push(lead);
  return leads;
}

describe("eraseContact", () => {
  test("leaves no personal data in any store, keeps the funnel, and records the erasure without any", async () => {
    const { service, repositories, lead, absorbed } = await seeded();
    const before = await everything(repositories);
    for (const text of PERSONAL.slice(0, 2)) expect(before).toContain(text);
    const funnel = computeFunnelAggregate(await allLeads(repositories));
    const erased = await service.eraseContact({ actor: "u-marta", leadId: lead.id });
    expect(erased.ok).toBe(true);
    const after = await everything(repositories);
    for (const text of PERSONAL) expect(after).not.toContain(text);
    // Every store, the absorbed lead's records included.
    for (const id of [lead.id, ...absorbed]) {
      expect(JSON.stringify(await repositories.interactions.list(id))).not.toMatch(/Lucía|cousin|gclid/);
      expect(JSON.stringify(await repositories.audit.list({ leadId: id }))).not.toMatch(/Lucía|lucia/);
      expect(JSON.stringify(await repositories.outbox.list({ leadId: id }))).not.toMatch(/form-7781/);
    }
    expect(computeFunnelAggregate(await allLeads(repositories))).toEqual(funnel);
    const stored = (await repositories.leads.get(lead.id)) as Lead;
    expect(stored.contact.name).toBe(ERASED_CONTACT_NAME);
    expect(stored).toMatchObject({
      stage: lead.stage,
      owner: lead.owner,
      source: "fair",
      createdAt: lead.createdAt,
    });
    expect(stored.scores).toEqual(lead.scores);
    const trail = await repositories.audit.list({ leadId: lead.id });
    expect(trail.at(-1)).toEqual({
      at: new Date("2026-03-02T09:00:00Z"),
      actor: "u-marta",
      action: "erase",
      leadId: lead.id,
      afterVersion: lead.version + 1,
    });
    const events = await repositories.outbox.list({ leadId: lead.id });
    expect(events.at(-1)).toMatchObject({ type: "contact.erased", payload: { trigger: "request" } });
  });

  test("frees the email and external id, its own and those it took over, so the person can come back", async () => {
    const { service, lead } = await seeded();
    await service.eraseContact({ actor: "u-marta", leadId: lead.id });
    for (const [externalId, email] of [
      ["form-7781", "lucia@acme.es"],
      [undefined, "lucia.p@acme.es"],
    ] as const) {
      const again = await service.capture(
        called({
          ...(externalId === undefined ? {} : { externalId }),
          onDuplicate: "create",
          contact: { kind: "prospect", name: "Lucía", email },
        }),
      );
      expect(again.ok && again.value.kind, JSON.stringify(again).slice(0, 300)).toBe("created");
    }
  });

  test("an erased lead is never merged with the person's new lead: its history stays unlinked", async () => {
    const { service, repositories, lead } = await seeded();
    await service.eraseContact({ actor: "u-marta", leadId: lead.id });
    const back = created(
      await service.capture(
        called({
          onDuplicate: "create",
          contact: { kind: "prospect", name: "Lucía", email: "lucia@acme.es" },
        }),
      ),
    );
    const before = await snapshot(repositories);
    for (const leadIds of [
      [lead.id, back.id],
      [back.id, lead.id],
    ]) {
      const merged = await service.merge({ actor: "u-marta", leadIds, reason: "same person" });
      expect(codes(merged)).toEqual(["erased_lead"]);
      expect(merged.ok ? [] : merged.issues[0]?.path).toEqual(["leadIds", leadIds.indexOf(lead.id)]);
    }
    expect(await snapshot(repositories)).toEqual(before);
  });

  test("an unknown and an invisible lead answer the same not_found and change nothing", async () => {
    const { service, repositories, lead } = await seeded({ ...createInMemoryRepositories() });
    const before = await snapshot(repositories);
    // u-bruno does not see Ana's active lead; "ghost" does not exist.
    const hidden = await service.eraseContact({ actor: "u-bruno", leadId: lead.id });
    const ghost = await service.eraseContact({ actor: "u-bruno", leadId: "ghost" });
    expect(codes(hidden)).toEqual(["not_found"]);
    expect(codes(ghost)).toEqual(["not_found"]);
    const strip = (r: typeof hidden) => JSON.stringify(r).replaceAll(lead.id, "ID").replaceAll("ghost", "ID");
    expect(strip(hidden)).toBe(strip(ghost));
    expect(await snapshot(repositories)).toEqual(before);
  });

  test("even a policy that reveals hidden leads does not reveal them to an erasure or an export", async () => {
    const { service, lead } = await seeded();
    const { createLeadService } = await import("leadkit/services");
    const { DEFAULT_SHARING_POLICY } = await import("leadkit/origin");
    const repositories = createInMemoryRepositories();
    const revealing = createLeadService({
      repositories,
      clock: { now: () => new Date("2026-03-02T09:00:00Z") },
      ids: {
        next: (() => {
          let n = 0;
          return () => `r${++n}`;
        })(),
      },
      config: {
        policy: compileSharingPolicy({
          ...DEFAULT_SHARING_POLICY,
          hiddenLeads: "reveal",
          members: ["u-ana", "u-bruno"],
        }),
      },
    });
    const mine = created(await revealing.capture(called()));
    expect(codes(await revealing.get({ actor: "u-bruno", leadId: mine.id }))).toEqual(["forbidden"]);
    expect(codes(await revealing.eraseContact({ actor: "u-bruno", leadId: mine.id }))).toEqual(["not_found"]);
    expect(codes(await revealing.exportContactData({ actor: "u-bruno", leadId: mine.id }))).toEqual([
      "not_found",
    ]);
    expect(codes(await service.eraseContact({ actor: "u-bruno", leadId: lead.id }))).toEqual(["not_found"]);
  });

  test("needs the policy's erase right: the owner sees the lead but may not erase it by default", async () => {
    const { service, repositories, lead } = await seeded();
    const before = await snapshot(repositories);
    expect(codes(await service.eraseContact({ actor: "u-ana", leadId: lead.id }))).toEqual(["forbidden"]);
    expect(await snapshot(repositories)).toEqual(before);
    const { teamPolicy } = await import("./fixtures.js");
    const owners = setup({
      repositories,
      config: {
        policy: compileSharingPolicy({
          ...teamPolicy,
          active: { ...teamPolicy.active, erase: ["owner"] },
          passive: { ...teamPolicy.passive, erase: ["owner"] },
        }),
      },
    });
    expect((await owners.service.eraseContact({ actor: "u-ana", leadId: lead.id })).ok).toBe(true);
  });

  test("a stale expected version is a conflict and changes nothing", async () => {
    const { service, repositories, lead } = await seeded();
    const before = await snapshot(repositories);
    const stale = await service.eraseContact({
      actor: "u-marta",
      leadId: lead.id,
      expectedVersion: lead.version - 1,
    });
    expect(codes(stale)).toEqual(["conflict"]);
    expect(await snapshot(repositories)).toEqual(before);
  });

  test("erasing again writes nothing; a change after the erasure is erased by the next one", async () => {
    const { service, repositories, lead } = await seeded();
    const first = await service.eraseContact({ actor: "u-marta", leadId: lead.id });
    expect(first.ok && first.value.alreadyErased).toBe(false);
    const once = await snapshot(repositories);
    const second = await service.eraseContact({ actor: "u-marta", leadId: lead.id });
    expect(second.ok && second.value.alreadyErased).toBe(true);
    expect(await snapshot(repositories)).toEqual(once);
    await service.recordInteraction({
      actor: "u-ana",
      leadId: lead.id,
      interaction: {
        type: "call",
        at: new Date("2026-03-02T08:30:00Z"),
        initiator: { kind: "user", userId: "u-ana" },
        data: { note: "Lucía again" },
      },
    });
    const third = await service.eraseContact({ actor: "u-marta", leadId: lead.id });
    expect(third.ok && third.value.alreadyErased).toBe(false);
    expect(await everything(repositories)).not.toContain("Lucía");
  });

  test("a command's reason is not stored: the record of an erasure holds no free text", async () => {
    const { service, repositories, lead } = await seeded();
    await service.eraseContact({
      actor: "u-marta",
      leadId: lead.id,
      reason: "Lucía asked by email",
    } as never);
    expect(await everything(repositories)).not.toContain("Lucía");
  });
});

// Every store call an erasure makes, before and after it takes effect.
const ERASE_STEPS: FaultTarget[] = [
  "leads.get",
  "audit.list",
  "leads.save",
  "leads.releaseMergedKeys",
  "interactions.erase",
  "audit.erase",
  "outbox.erase",
  "outbox.append",
  "audit.append",
];
const erasePlans: FaultPlan[] = ERASE_STEPS.flatMap((method) =>
  [1, 2].flatMap((onCall) => [
    { method, onCall },
    { method, onCall, timing: "after" as const },
  ]),
);

describe("an erasure that fails at any step", () => {
  test.each(erasePlans)("with transactions leaves every store as it was: %o", async (plan) => {
    const { repositories, lead } = await seeded();
    const before = await snapshot(repositories);
    const faulty = withFaults(repositories, plan);
    const { service } = setup({ repositories: faulty });
    const attempt = await service
      .eraseContact({ actor: "u-marta", leadId: lead.id })
      .catch((e: unknown) => e);
    if (faulty.callsOf(plan.method) < plan.onCall) {
      expect((attempt as { ok: boolean }).ok).toBe(true); // the step is not called that often
      return;
    }
    expect(String(attempt)).toMatch(/Injected fault/);
    expect(await snapshot(repositories)).toEqual(before);
  });

  test.each(erasePlans)(
    "without transactions is finished, and recorded once, by running it again: %o",
    async (plan) => {
      const reference = await seeded();
      await reference.service.eraseContact({ actor: "u-marta", leadId: reference.lead.id });
      const expected = await snapshot(reference.repositories);

      const { repositories, lead } = await seeded();
      const plain = withoutTransactions(repositories);
      const { service } = setup({ repositories: withFaults(plain, plan) });
      await service.eraseContact({ actor: "u-marta", leadId: lead.id }).catch(() => undefined);
      const retry = await setup({ repositories: plain }).service.eraseContact({
        actor: "u-marta",
        leadId: lead.id,
      });
      expect(retry.ok).toBe(true);
      expect(await snapshot(repositories)).toEqual(expected);
      const erasures = (await repositories.audit.list({ leadId: lead.id })).filter(
        (e) => e.action === "erase",
      );
      expect(erasures).toHaveLength(1);
    },
  );
});

describe("exportContactData", () => {
  test("exports everything held about the person as JSON in the documented shape", async () => {
    const { service, lead, absorbed } = await seeded();
    const exported = await service.exportContactData({ actor: "u-ana", leadId: lead.id });
    if (!exported.ok) throw new Error(JSON.stringify(exported.issues));
    const text = JSON.stringify(exported.value);
    expect(JSON.parse(text)).toEqual(exported.value);
    const revived = contactDataExportSchema.parse(JSON.parse(text));
    expect(revived).toMatchObject({
      format: "leadkit.contact-data",
      version: 1,
      subject: { leadId: lead.id, mergedFrom: absorbed },
    });
    expect(revived.contact.email).toBe("lucia@acme.es");
    expect(revived.consents).toHaveLength(1);
    expect(revived.interactions.map((i) => i.interaction.data)).toContainEqual({ note: "her cousin called" });
    expect(revived.auditEntries.map((e) => e.action)).toEqual(
      expect.arrayContaining(["capture", "merge", "merged_into"]),
    );
    expect(revived.lead.id).toBe(lead.id);
  });

  test("needs the export right, and answers not_found for unknown and invisible leads", async () => {
    const { service, lead, other } = await seeded();
    expect(codes(await service.exportContactData({ actor: "u-bruno", leadId: lead.id }))).toEqual([
      "not_found",
    ]);
    expect(codes(await service.exportContactData({ actor: "u-bruno", leadId: "ghost" }))).toEqual([
      "not_found",
    ]);
    // Bruno sees the passive pool lead as a team member, but holds no export right toward it.
    expect(codes(await service.exportContactData({ actor: "u-bruno", leadId: other.id }))).toEqual([
      "forbidden",
    ]);
    expect((await service.exportContactData({ actor: "u-marta", leadId: other.id })).ok).toBe(true);
  });
});

describe("retention policies", () => {
  test("a policy that would erase customers or open opportunities must say so", () => {
    expect(codes(safeParseRetentionPolicy({ inactiveMonths: 36 }))).toEqual([
      "erases_customers",
      "erases_open_opportunities",
    ]);
    expect(codes(safeParseRetentionPolicy({ inactiveMonths: 36, exceptStages: ["customer"] }))).toEqual([
      "erases_open_opportunities",
    ]);
    expect(
      safeParseRetentionPolicy({ inactiveMonths: 36, eraseCustomers: true, eraseOpenOpportunities: true }).ok,
    ).toBe(true);
    expect(
      parseRetentionPolicy({ inactiveMonths: 36, exceptStages: ["customer", "potential_client"] }),
    ).toEqual({
      inactiveMonths: 36,
      exceptStages: ["customer", "potential_client"],
    });
    expect(() => parseRetentionPolicy({ inactiveMonths: 0 })).toThrow(/inactiveMonths/);
    expect(codes(safeParseRetentionPolicy({ inactiveMonths: 36, exceptStages: ["gone"], extra: 1 }))).toEqual(
      ["invalid_value", "unrecognized_keys"],
    );
  });
});

/** Leads created over the years before the service's now (2026-03-02), each idle since creation. */
async function aged(service: LeadService, repositories: Repositories, count: number) {
  const { generateLeads } = await import("leadkit/testing");
  const leads = generateLeads({
    count,
    seed: 7,
    from: new Date("2022-01-01T00:00:00Z"),
    to: new Date("2026-01-01T00:00:00Z"),
    now: new Date("2026-03-02T00:00:00Z"),
  });
  for (const lead of leads) {
    const saved = await repositories.leads.save(lead, { expectedVersion: 0 });
    if (!saved.ok) throw new Error(saved.code);
  }
  return { service, leads };
}

describe("sweepRetention", () => {
  const policy = { inactiveMonths: 12, exceptStages: ["customer", "potential_client"] as const };

  test("erases exactly the idle leads in swept stages, in pages, reporting progress; a second run writes nothing", async () => {
    const { service, repositories } = setup();
    const { leads } = await aged(service, repositories, 120);
    const { lastActivityAt } = await import("leadkit");
    const cutoff = new Date("2025-03-02T09:00:00Z");
    const idle = leads.filter(
      (l) => !["customer", "potential_client"].includes(l.stage) && lastActivityAt(l) < cutoff,
    );
    expect(idle.length).toBeGreaterThan(5);
    const stored = await allLeads(repositories);
    const funnel = computeFunnelAggregate(stored);
    const reports: RetentionProgress[] = [];
    const swept = await service.sweepRetention({
      actor: "system",
      policy: { ...policy, exceptStages: [...policy.exceptStages] },
      batchSize: 7,
      onProgress: (p) => {
        reports.push(p);
      },
    });
    if (!swept.ok) throw new Error(JSON.stringify(swept.issues));
    expect(swept.value).toMatchObject({
      examined: idle.length,
      erased: idle.length,
      skipped: 0,
      cursor: null,
      cutoff,
    });
    expect(reports.length).toBe(Math.ceil(idle.length / 7));
    expect(reports.map((r) => r.erased)).toEqual([...reports.map((r) => r.erased)].sort((a, b) => a - b));
    const erasedIds = new Set(idle.map((l) => l.id));
    for (const lead of await allLeads(repositories)) {
      const original = stored.find((l) => l.id === lead.id) as Lead;
      if (erasedIds.has(lead.id)) expect(lead.contact.name).toBe(ERASED_CONTACT_NAME);
      else expect(lead).toEqual(original);
    }
    expect(computeFunnelAggregate(await allLeads(repositories))).toEqual(funnel);
    const once = await snapshot(repositories);
    const again = await service.sweepRetention({
      actor: "system",
      policy: { ...policy, exceptStages: [...policy.exceptStages] },
    });
    expect(again.ok && again.value).toMatchObject({ erased: 0, alreadyErased: idle.length });
    expect(await snapshot(repositories)).toEqual(once);
  });

  test("resumes from a cursor, sweeps in slices, and a failure mid-way is repaired by resuming", async () => {
    const { repositories } = setup();
    const plain = withoutTransactions(repositories);
    const { service } = setup({ repositories: plain });
    await aged(service, repositories, 80);
    const exceptStages = [...policy.exceptStages];
    const slice = await service.sweepRetention({
      actor: "system",
      policy: { ...policy, exceptStages },
      batchSize: 5,
      maxLeads: 10,
    });
    if (!slice.ok) throw new Error("refused");
    expect(slice.value.examined).toBe(10);
    expect(slice.value.cursor).not.toBe(null);
    // A store that fails on the 4th audit append: the sweep throws; the last progress says where to resume.
    let last: RetentionProgress | undefined;
    const faulty = setup({ repositories: withFaults(plain, { method: "audit.append", onCall: 4 }) }).service;
    await expect(
      faulty.sweepRetention({
        actor: "system",
        policy: { ...policy, exceptStages },
        batchSize: 2,
        after: slice.value.cursor as string,
        onProgress: (p) => {
          last = p;
        },
      }),
    ).rejects.toThrow(/Injected fault/);
    const rest = await service.sweepRetention({
      actor: "system",
      policy: { ...policy, exceptStages },
      after: (last as RetentionProgress).cursor as string,
    });
    expect(rest.ok && rest.value.cursor).toBe(null);
    // Every idle lead is erased and recorded once, despite the failure.
    const idle = (await allLeads(repositories)).filter((l) => l.contact.name === ERASED_CONTACT_NAME);
    for (const lead of idle) {
      const erasures = (await repositories.audit.list({ leadId: lead.id })).filter(
        (e) => e.action === "retention_erase",
      );
      expect(erasures).toHaveLength(1);
    }
    const all = await service.sweepRetention({ actor: "system", policy: { ...policy, exceptStages } });
    expect(all.ok && all.value.erased).toBe(0);
  });

  test("leads hidden from the actor are passed over unseen: not counted, never named in a cursor", async () => {
    const { service, repositories } = setup();
    await aged(service, repositories, 40);
    const reports: RetentionProgress[] = [];
    const swept = await service.sweepRetention({
      actor: "u-nobody",
      policy: { ...policy, exceptStages: [...policy.exceptStages] },
      batchSize: 1,
      onProgress: (p) => {
        reports.push(p);
      },
    });
    if (!swept.ok) throw new Error(JSON.stringify(swept.issues));
    expect(reports.length).toBeGreaterThan(5);
    // Whatever stages the policy probes, a sweep by someone who sees nothing reads as an empty store.
    for (const p of [...reports, swept.value])
      expect(p).toMatchObject({ examined: 0, skipped: 0, cursor: null });
    const ids = new Set((await allLeads(repositories)).map((l) => l.id));
    const mine = await service.sweepRetention({
      actor: "u-ana",
      policy: { ...policy, exceptStages: [...policy.exceptStages] },
      batchSize: 1,
      onProgress: (p) => {
        reports.push(p);
      },
    });
    expect(mine.ok).toBe(true);
    for (const p of reports) if (p.cursor !== null) expect(ids.has(p.cursor)).toBe(true);
  });

  test("a bad policy is refused before anything is read; an actor without the right skips every lead", async () => {
    const { service, repositories } = setup();
    await aged(service, repositories, 20);
    const before = await snapshot(repositories);
    const bad = await service.sweepRetention({ actor: "system", policy: { inactiveMonths: 12 } });
    expect(codes(bad)).toEqual(["erases_customers", "erases_open_opportunities"]);
    expect(bad.ok ? [] : bad.issues.map((i) => i.path)).toEqual([
      ["policy", "exceptStages"],
      ["policy", "exceptStages"],
    ]);
    const member = await service.sweepRetention({
      actor: "u-ana",
      policy: { ...policy, exceptStages: [...policy.exceptStages] },
    });
    expect(member.ok && member.value.erased).toBe(0);
    expect(await snapshot(repositories)).toEqual(before);
  });
});
