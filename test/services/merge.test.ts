import type { Lead } from "leadkit";
import type { Repositories } from "leadkit/ports";
import { createInMemoryRepositories, type FaultPlan, withFaults } from "leadkit/testing";
import { describe, expect, test } from "vitest";
import { called, codes, created, inbound, setup, snapshot, withoutTransactions } from "./fixtures.js";

// Ana holds two records of one person: A, the stronger (more interactions), known by phone only;
// B, with the email, the form post's external id, a withdrawn consent and a do-not-contact flag.
async function seeded() {
  const inner = createInMemoryRepositories();
  const { service } = setup({ repositories: inner, idPrefix: "seed" });
  const a = created(
    await service.capture(
      called({ contact: { kind: "prospect", name: "Lucía", phone: "+34 911 23 45 67" }, tags: ["fair"] }),
    ),
  );
  for (const id of ["a-1", "a-2"])
    await service.recordInteraction({
      actor: "u-ana",
      leadId: a.id,
      interaction: {
        id,
        type: "call",
        at: new Date("2026-03-01T10:00:00Z"),
        initiator: { kind: "user", userId: "u-ana" },
      },
    });
  const b = created(
    await service.capture(
      inbound({
        externalId: "post-77",
        owner: "u-ana",
        contact: {
          kind: "prospect",
          name: "Lucía Pérez",
          email: "lucia@acme.es",
          consents: [
            {
              purpose: "newsletter",
              status: "granted",
              at: new Date("2026-01-01T00:00:00Z"),
              source: "form",
            },
            {
              purpose: "newsletter",
              status: "withdrawn",
              at: new Date("2026-02-01T00:00:00Z"),
              source: "link",
            },
          ],
          doNotContact: [{ channel: "phone", reason: "manual", at: new Date("2026-02-01T00:00:00Z") }],
          attributes: { constructor: "crm-import", toString: "x", valueOf: 3, hasOwnProperty: true },
        },
      }),
    ),
  );
  return {
    inner,
    a: (await inner.leads.get(a.id)) as Lead,
    b: (await inner.leads.get(b.id)) as Lead,
  };
}

/**
 * Nothing of either lead is lost: each still exists with all it held, or the survivor holds its
 * interactions, consents and flags, and its email and external id are on the survivor or recorded
 * in the merge's audit entry. And no audit entry describes a write that did not happen.
 */
async function expectNothingLost(repositories: Repositories, a: Lead, b: Lead) {
  const survivor = await repositories.leads.get(a.id);
  expect(survivor).not.toBe(null);
  const audit = await repositories.audit.list();
  const takes = audit.find((e) => e.action === "merge")?.details ?? {};
  for (const original of [a, b]) {
    const stored = await repositories.leads.get(original.id);
    const holder = stored ?? survivor;
    if (holder === null) throw new Error(`lead ${original.id} is gone`);
    const ids = holder.interactions.map((i) => i.id);
    for (const i of original.interactions) expect(ids).toContain(i.id);
    for (const c of original.contact.consents) expect(holder.contact.consents).toContainEqual(c);
    for (const d of original.contact.doNotContact) expect(holder.contact.doNotContact).toContainEqual(d);
    expect(holder.contact.attributes).toMatchObject(original.contact.attributes);
    if (stored === null) {
      if (original.contact.email !== undefined)
        expect([holder.contact.email, takes["takesEmail"]]).toContain(original.contact.email);
      if (original.externalId !== undefined)
        expect([holder.externalId, takes["takesExternalId"]]).toContain(original.externalId);
    }
  }
  for (const entry of audit) {
    const now = await repositories.leads.get(entry.leadId);
    if (entry.action === "merged_into") expect(now).toBe(null);
    // A lead still stored has reached every version its audit entries claim.
    if (now !== null && entry.afterVersion !== undefined)
      expect(now.version).toBeGreaterThanOrEqual(entry.afterVersion);
  }
}

// Every store call a merge makes, failing before and after its work.
const steps: [FaultPlan["method"], number][] = [
  ["leads.get", 1],
  ["leads.get", 2],
  ["leads.save", 1],
  ["interactions.append", 1],
  ["audit.append", 1],
  ["leads.remove", 1],
  ["audit.append", 2],
  ["leads.save", 2],
  ["audit.append", 3],
  ["outbox.append", 1],
];
const plans: FaultPlan[] = steps.flatMap(([method, onCall]) => [
  { method, onCall, timing: "before" as const },
  { method, onCall, timing: "after" as const },
]);

describe("merge loses nothing", () => {
  test("the survivor takes over the absorbed lead's email, external id, consents, flags and attributes", async () => {
    const { inner, a, b } = await seeded();
    const { service } = setup({ repositories: inner, idPrefix: "m" });
    const merged = await service.merge({ actor: "u-ana", leadIds: [b.id, a.id] });
    if (!merged.ok) throw new Error(JSON.stringify(merged.issues));
    const survivor = merged.value.lead;
    expect([survivor.id, survivor.contact.email, survivor.externalId]).toEqual([
      a.id,
      "lucia@acme.es",
      "post-77",
    ]);
    expect(survivor.version).toBe(a.version + 2);
    await expectNothingLost(inner, a, b);
    expect((await inner.leads.getByExternalId("post-77"))?.id).toBe(a.id);
    const again = await service.capture(
      inbound({ contact: { kind: "prospect", name: "L", email: "LUCIA@acme.es" } }),
    );
    expect(again.ok && again.value.kind === "existing" && again.value.lead.id).toBe(a.id);
    expect((await inner.audit.list({ actor: "u-ana" })).map((e) => [e.action, e.leadId]).slice(-3)).toEqual([
      ["merge", a.id],
      ["merged_into", b.id],
      ["merge_keys", a.id],
    ]);
    expect(() => structuredClone(survivor)).not.toThrow();
  });

  test.each(plans)("with a transaction, a failure at %o leaves both leads as they were", async (plan) => {
    const { inner, a, b } = await seeded();
    const before = await snapshot(inner);
    const { service } = setup({ repositories: withFaults(inner, plan), idPrefix: "m" });
    await expect(service.merge({ actor: "u-ana", leadIds: [a.id, b.id] })).rejects.toThrow(/Injected fault/);
    expect(await snapshot(inner)).toEqual(before);
  });

  test.each(plans)(
    "without a transaction, a failure at %o loses no lead and audits only what happened",
    async (plan) => {
      const { inner, a, b } = await seeded();
      const { service } = setup({
        repositories: withFaults(withoutTransactions(inner), plan),
        idPrefix: "m",
      });
      await expect(service.merge({ actor: "u-ana", leadIds: [a.id, b.id] })).rejects.toThrow(
        /Injected fault/,
      );
      await expectNothingLost(inner, a, b);
    },
  );

  test("without a transaction, a concurrent write to the survivor fails the merge and writes nothing", async () => {
    const { inner, a, b } = await seeded();
    const bare = withoutTransactions(inner);
    let raced = false;
    const racing: Repositories = {
      ...bare,
      leads: {
        ...bare.leads,
        get: (id) => inner.leads.get(id),
        save: async (lead, options) => {
          if (!raced) {
            raced = true;
            await inner.leads.save({ ...a, tags: [...a.tags, "edited"] }, { expectedVersion: a.version });
          }
          return inner.leads.save(lead, options);
        },
        remove: (id, options) => inner.leads.remove(id, options),
      },
    };
    const before = await snapshot(inner);
    const { service } = setup({ repositories: racing, idPrefix: "m" });
    const result = await service.merge({ actor: "u-ana", leadIds: [a.id, b.id] });
    expect(result.ok ? undefined : result.issues[0]).toMatchObject({
      code: "conflict",
      leadId: a.id,
      currentVersion: a.version + 1,
    });
    const after = await snapshot(inner);
    expect(after.leads.find((l) => l.id === b.id)).toEqual(b);
    expect(after.audit).toEqual(before.audit);
    expect(after.events).toEqual(before.events);
  });

  test("without a transaction, a concurrent write to an absorbed lead keeps it, with its change, and says so", async () => {
    const { inner, a, b } = await seeded();
    const bare = withoutTransactions(inner);
    let raced = false;
    const racing: Repositories = {
      ...bare,
      leads: {
        ...bare.leads,
        get: (id) => inner.leads.get(id),
        save: (lead, options) => inner.leads.save(lead, options),
        remove: async (id, options) => {
          if (raced) return inner.leads.remove(id, options);
          raced = true;
          const current = (await inner.leads.get(id)) as Lead;
          await inner.leads.save(
            { ...current, tags: [...current.tags, "late"] },
            { expectedVersion: current.version },
          );
          return inner.leads.remove(id, options);
        },
      },
    };
    const { service } = setup({ repositories: racing, idPrefix: "m" });
    const result = await service.merge({ actor: "u-ana", leadIds: [a.id, b.id] });
    expect(codes(result)).toEqual(["merge_incomplete"]);
    expect(result.ok ? "" : result.issues[0]?.message).toContain("nothing was lost");
    expect((await inner.leads.get(b.id))?.tags).toContain("late");
    await expectNothingLost(inner, a, b);
    expect((await inner.outbox.list({ leadId: a.id })).find((e) => e.type === "lead.merged")).toMatchObject({
      type: "lead.merged",
      payload: { survivorId: a.id, absorbedIds: [] },
    });
    // Merging again folds the change in.
    const again = await service.merge({ actor: "u-ana", leadIds: [a.id, b.id] });
    expect(again.ok && again.value.lead.tags).toContain("late");
    expect(await inner.leads.get(b.id)).toBe(null);
  });

  test("with a transaction, a conflict on an absorbed lead rolls the whole merge back", async () => {
    const { inner, a, b } = await seeded();
    const before = await snapshot(inner);
    const racing: Repositories = {
      ...inner,
      transaction: (work) =>
        inner.transaction((trx) =>
          work({
            ...trx,
            leads: { ...trx.leads, remove: async (id) => trx.leads.remove(id, { expectedVersion: 99 }) },
          }),
        ),
    };
    const { service } = setup({ repositories: racing, idPrefix: "m" });
    const result = await service.merge({ actor: "u-ana", leadIds: [a.id, b.id] });
    expect(codes(result)).toEqual(["conflict"]);
    expect(await snapshot(inner)).toEqual(before);
  });

  test("two different interactions sharing an id make the merge refuse, writing nothing", async () => {
    const { inner, a, b } = await seeded();
    const { service } = setup({ repositories: inner, idPrefix: "m" });
    await service.recordInteraction({
      actor: "u-ana",
      leadId: b.id,
      interaction: {
        id: "a-1",
        type: "email_open",
        at: new Date("2026-03-01T00:00:00Z"),
        initiator: { kind: "contact" },
      },
    });
    const before = await snapshot(inner);
    const result = await service.merge({ actor: "u-ana", leadIds: [a.id, b.id] });
    expect(codes(result)).toEqual(["conflicting_interactions"]);
    expect(await snapshot(inner)).toEqual(before);
  });
});

describe("merge keeps the keys that make retries safe", () => {
  test("a retried capture of an absorbed lead's external id or email finds the survivor", async () => {
    for (const repositories of [
      createInMemoryRepositories(),
      withoutTransactions(createInMemoryRepositories()),
    ]) {
      const { service } = setup({ repositories });
      const post = (n: number, email: string) =>
        called({
          externalId: `form-post-${n}`,
          contact: { kind: "prospect", name: `Post ${n}`, email },
          onDuplicate: "create",
        });
      const first = created(await service.capture(post(1, "one@acme.es")));
      const second = created(await service.capture(post(2, "two@acme.es")));
      const merged = await service.merge({ actor: "u-ana", leadIds: [first.id, second.id] });
      if (!merged.ok) throw new Error(JSON.stringify(merged.issues));
      const survivor = merged.value.lead.id;
      const absorbed = merged.value.absorbedIds[0] as string;
      const absorbedPost = absorbed === first.id ? post(1, "one@acme.es") : post(2, "two@acme.es");
      for (const retry of [
        absorbedPost,
        (({ externalId: _, ...rest }) => rest)(absorbedPost),
        { ...absorbedPost, externalId: "form-post-3" },
      ]) {
        const again = await service.capture(retry);
        expect(again.ok && again.value.kind).toBe("existing");
        expect(again.ok && again.value.kind === "existing" && again.value.lead.id).toBe(survivor);
      }
      const all = [];
      for await (const lead of repositories.leads.stream()) all.push(lead.id);
      expect(all).toEqual([survivor]);
    }
  });

  test("a lead merged twice passes every key it held on to the last survivor", async () => {
    const { service, repositories } = setup();
    const ids = [];
    for (const n of [1, 2, 3])
      ids.push(
        created(
          await service.capture(
            called({
              externalId: `p-${n}`,
              contact: { kind: "prospect", name: `P${n}`, email: `p${n}@acme.es` },
              onDuplicate: "create",
            }),
          ),
        ).id,
      );
    const once = await service.merge({ actor: "u-ana", leadIds: [ids[0] as string, ids[1] as string] });
    if (!once.ok) throw new Error(JSON.stringify(once.issues));
    const twice = await service.merge({ actor: "u-ana", leadIds: [once.value.lead.id, ids[2] as string] });
    if (!twice.ok) throw new Error(JSON.stringify(twice.issues));
    for (const n of [1, 2, 3])
      expect((await repositories.leads.getByExternalId(`p-${n}`))?.id).toBe(twice.value.lead.id);
  });
});
