import type { DuplicateKey } from "leadkit";
import type { FindByDuplicateKeysOptions, Repositories } from "leadkit/ports";
import { createInMemoryRepositories } from "leadkit/testing";
import { describe, expect, test } from "vitest";
import { created, inbound, setup, withoutTransactions } from "./fixtures.js";

const modes = [
  ["with transactions", () => createInMemoryRepositories()],
  ["without transactions", () => withoutTransactions(createInMemoryRepositories())],
] as const satisfies readonly (readonly [string, () => Repositories])[];

describe.each(modes)("concurrent captures %s", (_, make) => {
  test("50 concurrent captures of one email create one lead; the others get it back", async () => {
    const repositories = make();
    const { service } = setup({ repositories });
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        service.capture(
          inbound({
            externalId: `post-${i}`,
            contact: {
              kind: "prospect",
              name: `Jorge ${i}`,
              email: i % 2 === 0 ? "jorge@globex.example" : " JORGE@Globex.example",
            },
          }),
        ),
      ),
    );
    const kinds = results.map((r) => (r.ok ? r.value.kind : r.issues[0]?.code));
    expect(kinds.filter((k) => k === "created")).toHaveLength(1);
    expect(kinds.filter((k) => k === "existing")).toHaveLength(49);
    const stored = (await repositories.leads.query({})).items;
    expect(stored).toHaveLength(1);
    expect((await repositories.audit.list()).map((e) => e.action)).toEqual(["capture"]);
    expect((await repositories.outbox.list()).filter((e) => e.type === "lead.captured")).toHaveLength(1);
    const existing = results.flatMap((r) => (r.ok && r.value.kind === "existing" ? [r.value.lead.id] : []));
    expect(new Set(existing)).toEqual(new Set([stored[0]?.id]));
  });

  test("50 concurrent captures of one external id create one lead", async () => {
    const repositories = make();
    const { service } = setup({ repositories });
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        service.capture(
          inbound({
            externalId: "post-1",
            contact: { kind: "prospect", name: `P ${i}`, email: `p${i}@p${i}.example` },
          }),
        ),
      ),
    );
    expect(results.filter((r) => r.ok && r.value.kind === "created")).toHaveLength(1);
    expect(
      results.filter((r) => r.ok && r.value.kind === "existing" && r.value.matchedOn === "external_id"),
    ).toHaveLength(49);
    expect((await repositories.leads.query({})).items).toHaveLength(1);
  });

  test("round-robin stays fair: 10 concurrent captures over 2 members give 5 each", async () => {
    const repositories = make();
    const { service } = setup({
      repositories,
      config: {
        distribution: { strategy: "round_robin", members: [{ userId: "u-bruno" }, { userId: "u-carla" }] },
      },
    });
    const leads = await Promise.all(
      Array.from({ length: 10 }, async (_, i) =>
        created(
          await service.capture(
            inbound({ contact: { kind: "prospect", name: `L ${i}`, email: `l${i}@l${i}.example` } }),
          ),
        ),
      ),
    );
    const count = (owner: string) => leads.filter((l) => l.owner === owner).length;
    expect([count("u-bruno"), count("u-carla")]).toEqual([5, 5]);
    const rotation = await repositories.distribution.get("default");
    expect(rotation?.state.assigned).toEqual({ "u-bruno": 5, "u-carla": 5 });
  });

  test("a capture refused as a twin gives its distribution turn back", async () => {
    const repositories = make();
    const { service } = setup({
      repositories,
      config: {
        distribution: {
          key: "es",
          strategy: "round_robin",
          members: [{ userId: "u-bruno" }, { userId: "u-carla" }],
        },
      },
    });
    const same = inbound({ contact: { kind: "prospect", name: "Twin", email: "twin@twin.example" } });
    const results = await Promise.all(Array.from({ length: 6 }, () => service.capture(same)));
    expect(results.filter((r) => r.ok && r.value.kind === "created")).toHaveLength(1);
    const others = await Promise.all(
      ["a", "b", "c"].map(async (x) =>
        created(
          await service.capture(
            inbound({ contact: { kind: "prospect", name: x, email: `${x}@${x}.example` } }),
          ),
        ),
      ),
    );
    const state = (await repositories.distribution.get("es"))?.state.assigned ?? {};
    expect(Object.values(state).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(4);
    expect(others.map((l) => l.owner)).not.toContain(null);
  });
});

describe("the duplicate lookup is bounded", () => {
  test("a capture at a company domain shared by 300 leads reads at most maxGroupSize leads per key", async () => {
    const inner = createInMemoryRepositories();
    const { service } = setup({ repositories: inner, idPrefix: "seed" });
    for (let i = 0; i < 300; i++)
      created(
        await service.capture(
          inbound({
            onDuplicate: "create",
            contact: { kind: "prospect", name: `S ${i}`, email: `s${i}@bigco.example` },
          }),
        ),
      );
    const reads: number[] = [];
    const counting: Repositories = {
      ...inner,
      leads: {
        ...inner.leads,
        get: (id) => inner.leads.get(id),
        getByExternalId: (id) => inner.leads.getByExternalId(id),
        save: (lead, options) => inner.leads.save(lead, options),
        remove: (id, options) => inner.leads.remove(id, options),
        query: (query, page) => inner.leads.query(query, page),
        stream: (query) => inner.leads.stream(query),
        releaseMergedKeys: (id) => inner.leads.releaseMergedKeys(id),
        findByDuplicateKeys: async (keys: readonly DuplicateKey[], options?: FindByDuplicateKeysOptions) => {
          const found = await inner.leads.findByDuplicateKeys(keys, options);
          reads.push(found.length);
          return found;
        },
      },
      transaction: (work) =>
        inner.transaction((trx) =>
          work({
            ...trx,
            leads: {
              ...trx.leads,
              findByDuplicateKeys: async (keys, options) => {
                const found = await trx.leads.findByDuplicateKeys(keys, options);
                reads.push(found.length);
                return found;
              },
            },
          }),
        ),
    };
    const { service: probe } = setup({ repositories: counting, idPrefix: "new" });
    const result = await probe.capture(
      inbound({ contact: { kind: "prospect", name: "New", email: "new@bigco.example" } }),
    );
    // The domain is too common to mean the same person: the lead is created, after reading 20 leads.
    expect(result.ok && result.value.kind).toBe("created");
    expect(reads).toEqual([20]);
  });
});
