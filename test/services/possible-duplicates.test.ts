import { isLeadKitError, type Lead } from "leadkit";
import { canSeeLead } from "leadkit/origin";
import type { LeadRepository, Repositories } from "leadkit/ports";
import type { CaptureCommand } from "leadkit/services";
import { createInMemoryRepositories, withFaults } from "leadkit/testing";
import { describe, expect, test } from "vitest";
import { called, created, policy, setup, snapshot, withoutTransactions } from "./fixtures.js";

/** Ana called Lucía Pérez at Acme Soluciones S.L. herself: her own, active lead. */
const lucia = (overrides: Partial<CaptureCommand> = {}): CaptureCommand =>
  called({
    contact: {
      kind: "prospect",
      name: "Lucía Pérez",
      email: "lucia@acme-soluciones.es",
      company: "Acme Soluciones S.L.",
    },
    ...overrides,
  });

/** The same person a second time: name reordered and without accents, another address, the legal form dropped. */
const twin = (overrides: Partial<CaptureCommand> = {}): CaptureCommand =>
  called({
    contact: {
      kind: "prospect",
      name: "perez, lucia",
      email: "lperez@acmesoluciones.com",
      company: "ACME SOLUCIONES SL",
    },
    ...overrides,
  });

/** Repositories whose findByBlockingKeys (or its absence) is observed: every call, its limit and what came back. */
function observed(repositories: Repositories, options: { blocking?: boolean } = {}) {
  const inner = repositories.leads;
  const calls: { keys: number; limit: number | undefined; listed: number[]; read: number }[] = [];
  const leads: LeadRepository = {
    get: (id) => inner.get(id),
    getByExternalId: (id) => inner.getByExternalId(id),
    save: (lead, o) => inner.save(lead, o),
    remove: (id, o) => inner.remove(id, o),
    findByDuplicateKeys: (keys, o) => inner.findByDuplicateKeys(keys, o),
    releaseMergedKeys: (id) => inner.releaseMergedKeys(id),
    query: (query, page) => inner.query(query, page),
    stream: (query) => inner.stream(query),
    ...(options.blocking === false
      ? {}
      : {
          findByBlockingKeys: async (keys: readonly string[], o?: { readonly limit?: number }) => {
            const found = await (
              inner.findByBlockingKeys as NonNullable<LeadRepository["findByBlockingKeys"]>
            )(keys, o);
            calls.push({
              keys: keys.length,
              limit: o?.limit,
              listed: found.keys.map((k) => k.leadIds.length),
              read: found.leads.length,
            });
            return found;
          },
        }),
  };
  return { repositories: { ...withoutTransactions(repositories), leads }, calls };
}

describe("capture returns possible duplicates beside exact ones, never merging", () => {
  test("a near-twin of a visible lead is created, with the stored lead as a scored, reasoned candidate", async () => {
    const { service, repositories } = setup();
    const first = created(await service.capture(lucia()));
    const before = await snapshot(repositories);
    const result = await service.capture(twin());
    if (!result.ok || result.value.kind !== "created") throw new Error(JSON.stringify(result));
    const [candidate, ...rest] = result.value.possibleDuplicates;
    expect(rest).toEqual([]);
    expect(candidate?.lead).toEqual(first);
    expect(candidate?.score).toBeGreaterThanOrEqual(0.75);
    expect(candidate?.reasons.map((r) => r.kind)).toEqual(["similar_company", "similar_name"]);
    // Never merged: the first lead is untouched and the twin is a lead of its own.
    const after = await snapshot(repositories);
    expect(after.leads.find((l) => l.id === first.id)).toEqual(first);
    expect(after.leads.map((l) => l.id)).toEqual([...before.leads.map((l) => l.id), result.value.lead.id]);
    expect(after.audit.map((e) => e.action)).toEqual(["capture", "capture"]);
  });

  test("unrelated and distinct people give no candidate", async () => {
    const { service } = setup();
    created(await service.capture(lucia()));
    const other = await service.capture(
      called({
        contact: { kind: "prospect", name: "Lucía Martín", email: "lmartin@zeta.es", company: "Zeta" },
      }),
    );
    expect(other.ok && other.value.kind === "created" && other.value.possibleDuplicates).toEqual([]);
  });

  test("a merge proposal carries possible duplicates too", async () => {
    const { service } = setup();
    const first = created(
      await service.capture(lucia({ contact: { ...lucia().contact, email: "lucia@acme.es" } })),
    );
    const bruno = created(
      await service.capture(
        called({
          onDuplicate: "create",
          contact: { kind: "prospect", name: "Bruno Gil", email: "bruno@acme.es", company: "Acme" },
        }),
      ),
    );
    // One company domain (an exact key) with both; only Lucía is a similar person.
    const result = await service.capture(twin({ contact: { ...twin().contact, email: "lperez@acme.es" } }));
    if (!result.ok || result.value.kind !== "merge_proposal") throw new Error(JSON.stringify(result));
    expect(result.value.duplicates.map((d) => d.lead.id).sort()).toEqual([first.id, bruno.id].sort());
    expect(result.value.possibleDuplicates.map((c) => [c.lead.id, c.reasons.map((r) => r.kind)])).toEqual([
      [first.id, ["similar_company", "similar_name", "same_company_domain"]],
    ]);
    // A shared phone is an exact duplicate, which the comparison leaves to the exact lookup.
    const phoned = setup();
    created(
      await phoned.service.capture(lucia({ contact: { ...lucia().contact, phone: "+34 911 23 45 67" } })),
    );
    const same = await phoned.service.capture(
      twin({ contact: { ...twin().contact, phone: "+34 911 23 45 67" } }),
    );
    if (!same.ok || same.value.kind !== "merge_proposal") throw new Error(JSON.stringify(same));
    expect(same.value.possibleDuplicates).toEqual([]);
  });

  test("a lead the actor may not see is never a candidate, and nothing of it shows", async () => {
    const { service } = setup();
    const hidden = created(
      await service.capture(
        lucia({
          actor: "u-bruno",
          capture: { channel: "call", initiator: { kind: "user", userId: "u-bruno" } },
        }),
      ),
    );
    expect(canSeeLead(hidden, "u-ana", policy)).toBe(false);
    const result = await service.capture(twin());
    expect(result.ok && result.value.kind === "created" && result.value.possibleDuplicates).toEqual([]);
    const text = JSON.stringify(result);
    expect(text.includes(hidden.id)).toBe(false);
    expect(text.includes("Lucía")).toBe(false);
    // A manager sees Bruno's lead, so it is proposed to her.
    const manager = await service.capture(
      twin({
        actor: "u-marta",
        capture: { channel: "call", initiator: { kind: "user", userId: "u-marta" } },
        contact: { ...twin().contact, email: "lucia.p@acme-soluciones.net" },
      }),
    );
    if (!manager.ok || manager.value.kind !== "created") throw new Error(JSON.stringify(manager));
    expect(manager.value.possibleDuplicates.map((c) => c.lead.id)).toContain(hidden.id);
  });

  test("possibleDuplicates: false switches the lookup off; minScore sets the threshold", async () => {
    const repositories = withFaults(createInMemoryRepositories(), { method: "leads.get", onCall: 1_000_000 });
    const off = setup({ repositories, config: { possibleDuplicates: false } });
    created(await off.service.capture(lucia()));
    const result = await off.service.capture(twin());
    expect(result.ok && result.value.kind === "created" && result.value.possibleDuplicates).toEqual([]);
    expect(repositories.callsOf("leads.findByBlockingKeys")).toBe(0);

    const strict = setup({ config: { possibleDuplicates: { minScore: 0.99 } } });
    created(await strict.service.capture(lucia()));
    const none = await strict.service.capture(twin());
    expect(none.ok && none.value.kind === "created" && none.value.possibleDuplicates).toEqual([]);
  });

  test("a bad possibleDuplicates configuration is refused when the service is created", () => {
    for (const [possibleDuplicates, path] of [
      [{ minScore: 1.5 }, "minScore"],
      [{ minScore: Number.NaN }, "minScore"],
      [{ maxBlockSize: 1 }, "maxBlockSize"],
      [{ maxBlockSize: 2.5 }, "maxBlockSize"],
      [true, undefined],
      [[], undefined],
    ] as const) {
      try {
        setup({ config: { possibleDuplicates: possibleDuplicates as never } });
        expect.unreachable(`accepted ${JSON.stringify(possibleDuplicates)}`);
      } catch (error) {
        expect(isLeadKitError(error) && error.code).toBe("invalid_definition");
        if (!isLeadKitError(error)) throw error;
        expect(error.issues[0]?.path).toEqual(
          path === undefined ? ["possibleDuplicates"] : ["possibleDuplicates", path],
        );
      }
    }
  });

  test("one bounded lookup per capture: at most maxBlockSize - 1 + 1 leads per key however many share it", async () => {
    const { repositories, calls } = observed(createInMemoryRepositories());
    const { service } = setup({ repositories, config: { possibleDuplicates: { maxBlockSize: 10 } } });
    // 40 Lucías at Acme: the block "Lucía at Acme" is too common to compare; each surname's is not.
    const surname = (i: number) =>
      `${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.trunc(i / 26))}rez`;
    for (let i = 0; i < 40; i++)
      created(
        await service.capture(
          called({
            onDuplicate: "create",
            contact: {
              kind: "prospect",
              name: `Lucía ${surname(i)}`,
              email: `l${i}@acme.es`,
              company: "Acme",
            },
          }),
        ),
      );
    calls.length = 0;
    const result = await service.capture(
      called({
        onDuplicate: "create",
        contact: {
          kind: "prospect",
          name: `Lucia ${surname(7).toUpperCase()}`,
          email: "ls7@acme.com",
          company: "ACME",
        },
      }),
    );
    if (!result.ok || result.value.kind !== "created") throw new Error(JSON.stringify(result));
    expect(calls.length).toBe(1);
    const [call] = calls;
    expect(call?.limit).toBe(9);
    // Every key listed with at most limit + 1 holders; the common one ("Lucía at Acme", 40
    // holders) with exactly 10, and none of its leads read.
    expect(call?.listed.length).toBe(call?.keys);
    expect(call?.listed.every((n) => n <= 10)).toBe(true);
    expect(call?.listed).toContain(10);
    expect((call?.read ?? 0) < 10).toBe(true);
    // The rare block (the surname at Acme) still finds the twin.
    expect(result.value.possibleDuplicates.map((c) => c.lead.contact.name)).toEqual([`Lucía ${surname(7)}`]);
  });

  test('with onDuplicate "create", a capture reads only the lead holding its email, not the leads sharing its domain', async () => {
    const repositories = createInMemoryRepositories();
    const asked: string[][] = [];
    const read: string[][] = [];
    const inner = repositories.leads;
    const leads: LeadRepository = {
      get: (id) => inner.get(id),
      getByExternalId: (id) => inner.getByExternalId(id),
      save: (lead, o) => inner.save(lead, o),
      remove: (id, o) => inner.remove(id, o),
      findByBlockingKeys: (keys, o) => inner.findByBlockingKeys(keys, o),
      releaseMergedKeys: (id) => inner.releaseMergedKeys(id),
      query: (query, page) => inner.query(query, page),
      stream: (query) => inner.stream(query),
      findByDuplicateKeys: async (keys, o) => {
        asked.push(keys.map((k) => k.kind));
        const found = await inner.findByDuplicateKeys(keys, o);
        read.push(found.map((l) => l.id));
        return found;
      },
    };
    // Without transactions, so that every read goes through the observed repository.
    const { service } = setup({ repositories: { ...withoutTransactions(repositories), leads } });
    const colleague = created(
      await service.capture(
        called({
          contact: { kind: "prospect", name: "Bruno Gil", email: "bruno@acme.es", company: "Acme" },
        }),
      ),
    );
    asked.length = 0;
    read.length = 0;
    // Same domain as Bruno: created, without reading him.
    const ana = created(await service.capture(called({ onDuplicate: "create" })));
    expect(asked).toEqual([["email"]]);
    expect(read).toEqual([[]]);
    // The same email again: the lead holding it is returned, and every key is read so that
    // matchedOn names the keys shared, as it did before.
    const again = await service.capture(called({ onDuplicate: "create" }));
    if (!again.ok || again.value.kind !== "existing") throw new Error(JSON.stringify(again));
    expect(again.value.lead.id).toBe(ana.id);
    expect(again.value.matchedOn).toEqual([
      { kind: "email", value: "lucia@acme.es" },
      { kind: "company_domain", value: "acme.es" },
    ]);
    expect(asked.slice(-2)).toEqual([["email"], ["email", "company_domain"]]);
    // Without "create", the domain's leads are read: they are merge candidates.
    const proposal = await service.capture(
      called({ contact: { ...called().contact, email: "marta@acme.es", name: "Marta Ruiz" } }),
    );
    expect(proposal.ok && proposal.value.kind).toBe("merge_proposal");
    expect(read.at(-1)?.sort()).toEqual([ana.id, colleague.id].sort());
  });

  test("without findByBlockingKeys, candidates come from the leads sharing an exact key", async () => {
    const { repositories } = observed(createInMemoryRepositories(), { blocking: false });
    const { service } = setup({ repositories });
    const first = created(
      await service.capture(lucia({ contact: { ...lucia().contact, email: "lucia@acme.es" } })),
    );
    // Shares the company domain acme.es with the first: found through findByDuplicateKeys.
    const near = await service.capture(
      twin({ onDuplicate: "create", contact: { ...twin().contact, email: "lperez@acme.es" } }),
    );
    if (!near.ok || near.value.kind !== "created") throw new Error(JSON.stringify(near));
    expect(near.value.possibleDuplicates.map((c) => c.lead.id)).toEqual([first.id]);
    // Nothing exact in common: missed, as documented.
    const far = await service.capture(
      twin({ contact: { ...twin().contact, email: "lp@elsewhere.example" } }),
    );
    expect(far.ok && far.value.kind === "created" && far.value.possibleDuplicates).toEqual([]);
  });
});

describe("importLeads reports possible duplicates of the leads it creates", () => {
  const fieldMap = {
    "contact.name": "Name",
    "contact.email": "Email",
    "contact.company": "Company",
  } as const;

  test("pairs with stored leads and with earlier rows, each pair once, hidden leads never", async () => {
    const { service, repositories } = setup();
    const stored = created(
      await service.capture(
        lucia({
          actor: "u-bruno",
          capture: { channel: "call", initiator: { kind: "user", userId: "u-bruno" } },
        }),
      ),
    );
    const hidden = created(
      await service.capture(
        called({
          actor: "u-bruno",
          capture: { channel: "call", initiator: { kind: "user", userId: "u-bruno" } },
          contact: { kind: "prospect", name: "Jorge Ruiz", email: "jorge@globex.example", company: "Globex" },
        }),
      ),
    );
    const progress: unknown[] = [];
    const result = await service.importLeads(
      [
        { Name: "Perez Lucia", Email: "lucia.perez@acme.example", Company: "Acme Soluciones" },
        { Name: "Tomás Vidal", Email: "tomas@vidal.example", Company: "Vidal e Hijos" },
        { Name: "Tomas Vidal", Email: "tvidal@vidal-hijos.example", Company: "VIDAL E HIJOS S.L." },
        { Name: "Jorge Ruíz", Email: "jruiz@globex.example", Company: "GLOBEX" },
      ],
      {
        actor: "u-ana",
        importId: "fair-2026",
        fieldMap,
        batchSize: 10,
        onProgress: (p) => void progress.push(p),
      },
    );
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const leads = (await snapshot(repositories)).leads;
    const idOf = (email: string) => (leads.find((l) => l.contact.email === email) as Lead).id;
    // Ana may not see Bruno's leads: only the pair of her own import's rows shows.
    expect(canSeeLead(stored, "u-ana", policy)).toBe(false);
    expect(
      result.value.possibleDuplicates.map(({ row, leadId, existingId }) => ({ row, leadId, existingId })),
    ).toEqual([
      { row: 3, leadId: idOf("tvidal@vidal-hijos.example"), existingId: idOf("tomas@vidal.example") },
    ]);
    expect(result.value.possibleDuplicatesDropped).toBe(0);
    expect(JSON.stringify(result).includes(hidden.id)).toBe(false);
    expect(JSON.stringify(progress).includes(hidden.id)).toBe(false);
    expect(result.value.created).toBe(4);

    // Marta, a manager, sees every lead: her import of the same people pairs them with all of them.
    const manager = await service.importLeads(
      [{ Name: "Lucia Perez", Email: "lu@acme-soluciones.com", Company: "Acme Soluciones SL" }],
      { actor: "u-marta", importId: "fair-2026-b", fieldMap },
    );
    if (!manager.ok) throw new Error(JSON.stringify(manager.issues));
    expect(manager.value.possibleDuplicates.map((p) => p.existingId).sort()).toEqual(
      [stored.id, idOf("lucia.perez@acme.example")].sort(),
    );
    // Proposals only: nothing was merged.
    expect((await snapshot(repositories)).leads.length).toBe(leads.length + 1);
  });

  test("possibleDuplicates: false reports none", async () => {
    const { service } = setup({ config: { possibleDuplicates: false } });
    const result = await service.importLeads(
      [
        { Name: "Tomás Vidal", Email: "tomas@vidal.example", Company: "Vidal e Hijos" },
        { Name: "Tomas Vidal", Email: "tvidal@vidal-hijos.example", Company: "VIDAL E HIJOS S.L." },
      ],
      { actor: "u-ana", importId: "fair-2026", fieldMap },
    );
    expect(result.ok && result.value.possibleDuplicates).toEqual([]);
  });
});

describe("a failing blocking lookup loses nothing", () => {
  test.each(["before", "after"] as const)(
    "capture: a fault %s the lookup rejects and writes nothing",
    async (timing) => {
      for (const transactional of [true, false]) {
        const inner = createInMemoryRepositories();
        const seeding = setup({ repositories: inner, idPrefix: "seed" });
        created(await seeding.service.capture(lucia()));
        const before = await snapshot(inner);
        const faulty = withFaults(transactional ? inner : withoutTransactions(inner), {
          method: "leads.findByBlockingKeys",
          onCall: 1,
          timing,
        });
        const { service } = setup({ repositories: faulty });
        await expect(service.capture(twin())).rejects.toThrow(/Injected fault/);
        expect(await snapshot(inner)).toEqual(before);
      }
    },
  );

  test("import: a fault in a batch's lookup rolls the batch back; resuming from the checkpoint redoes it, proposals too", async () => {
    const inner = createInMemoryRepositories();
    const records = [
      "Tomás Vidal",
      "Tomas Vidal",
      "Lucía Pérez",
      "Lucia Perez",
      "Jorge Ruiz",
      "JORGE RUIZ",
    ].map((name, i) => ({ Name: name, Email: `p${i}@company${i}.example`, Company: name.split(" ")[1] }));
    const options = {
      actor: "u-ana",
      importId: "fair-2026",
      fieldMap: { "contact.name": "Name", "contact.email": "Email", "contact.company": "Company" },
      batchSize: 2,
    } as const;
    let checkpoint = 0;
    const faulty = setup({
      repositories: withFaults(inner, { method: "leads.findByBlockingKeys", onCall: 2 }),
    });
    await expect(
      faulty.service.importLeads(records, {
        ...options,
        onProgress: (p) => {
          checkpoint = p.checkpoint;
        },
      }),
    ).rejects.toThrow(/Injected fault/);
    expect(checkpoint).toBe(2);
    const afterFault = await snapshot(inner);
    expect(afterFault.leads.length).toBe(2);
    expect(afterFault.audit.length).toBe(2);
    const resumed = await setup({ repositories: inner, idPrefix: "again" }).service.importLeads(records, {
      ...options,
      startAfter: checkpoint,
    });
    if (!resumed.ok) throw new Error(JSON.stringify(resumed.issues));
    expect([resumed.value.created, resumed.value.skipped]).toEqual([4, 0]);
    const leads = (await snapshot(inner)).leads;
    const idOf = (row: number) =>
      (leads.find((l) => l.contact.email === `p${row - 1}@company${row - 1}.example`) as Lead).id;
    expect(resumed.value.possibleDuplicates.map((p) => [p.row, p.leadId, p.existingId])).toEqual([
      [4, idOf(4), idOf(3)],
      [6, idOf(6), idOf(5)],
    ]);
    expect(leads.length).toBe(6);
    expect((await inner.audit.list()).length).toBe(6);
  });
});
