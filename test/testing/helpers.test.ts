import { type AuditEntry, parseLead } from "leadkit";
import {
  createInMemoryRepositories,
  fixedClock,
  InMemoryAuditLog,
  InMemoryDatabase,
  InMemoryInteractionStore,
  InMemoryLeadRepository,
  sequentialIds,
  withFaults,
} from "leadkit/testing";
import { describe, expect, test } from "vitest";

const lead = (id: string) =>
  parseLead({
    id,
    contact: { kind: "prospect", name: "Ana", email: `ana.${id}@acme.es` },
    stage: "lead",
    owner: "u-ana",
    generatedBy: null,
    capture: { channel: "form", initiator: { kind: "contact" } },
    createdAt: "2026-01-05T09:00:00Z",
    updatedAt: "2026-01-05T09:00:00Z",
  });
const entry: AuditEntry = {
  at: new Date("2026-01-05T09:00:00Z"),
  actor: "u-ana",
  action: "capture",
  leadId: "l1",
};

describe("fixedClock", () => {
  test("stands still until set or advanced, and hands out fresh dates", () => {
    const clock = fixedClock("2026-03-01T09:00:00Z");
    const first = clock.now();
    first.setFullYear(2000);
    expect(clock.now().toISOString()).toBe("2026-03-01T09:00:00.000Z");
    clock.advance(60_000);
    expect(clock.now().toISOString()).toBe("2026-03-01T09:01:00.000Z");
    clock.set(new Date("2026-04-01T00:00:00Z"));
    expect(clock.now().toISOString()).toBe("2026-04-01T00:00:00.000Z");
  });

  test("rejects an invalid date with a message naming it", () => {
    expect(() => fixedClock("yesterday")).toThrow(/"yesterday" is not a valid date/);
  });
});

describe("sequentialIds", () => {
  test("counts with zero padding so code-unit order is creation order", () => {
    const ids = sequentialIds("lead");
    const made = Array.from({ length: 12 }, () => ids.next());
    expect(made[0]).toBe("lead-000001");
    expect([...made].sort()).toEqual(made);
    expect(sequentialIds().next()).toBe("id-000001");
  });
});

describe("in-memory stores", () => {
  test("stand alone with a private database each", async () => {
    const leads = new InMemoryLeadRepository();
    const audit = new InMemoryAuditLog();
    const interactions = new InMemoryInteractionStore();
    await leads.save(lead("l1"), { expectedVersion: 0 });
    await audit.append([entry]);
    await interactions.append("l1", [
      { id: "i1", type: "call", at: new Date(), initiator: { kind: "contact" } },
    ]);
    expect((await leads.get("l1"))?.version).toBe(1);
    expect(await new InMemoryLeadRepository().get("l1")).toBe(null);
    expect(await audit.list()).toEqual([entry]);
    expect((await interactions.list("l1")).length).toBe(1);
  });

  test("share one database, so a transaction spans them", async () => {
    const database = new InMemoryDatabase();
    const leads = new InMemoryLeadRepository(database);
    const audit = new InMemoryAuditLog(database);
    await expect(
      database.transaction(async (trx) => {
        await trx.leads.save(lead("l1"), { expectedVersion: 0 });
        await trx.audit.append([entry]);
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect(await leads.get("l1")).toBe(null);
    expect(await audit.list()).toEqual([]);
  });

  test("operations wait for a running transaction and see only committed state", async () => {
    const repositories = createInMemoryRepositories();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const running = repositories.transaction(async (trx) => {
      await trx.leads.save(lead("l1"), { expectedVersion: 0 });
      await gate;
      throw new Error("abort");
    });
    const read = repositories.leads.get("l1");
    release();
    await expect(running).rejects.toThrow("abort");
    expect(await read).toBe(null);
  });

  test("a transaction streams, queries and finds duplicates through its own writes", async () => {
    const repositories = createInMemoryRepositories();
    const seen = await repositories.transaction(async (trx) => {
      await trx.leads.save(lead("l1"), { expectedVersion: 0 });
      const streamed: string[] = [];
      for await (const l of trx.leads.stream()) streamed.push(l.id);
      return {
        streamed,
        queried: (await trx.leads.query({ owner: "u-ana" })).items.length,
        duplicates: (await trx.leads.findByDuplicateKeys([{ kind: "email", value: "ana.l1@acme.es" }]))
          .length,
        byExternalId: await trx.leads.getByExternalId("none"),
        interactions: await trx.interactions.list("l1"),
        audit: await trx.audit.list(),
      };
    });
    expect(seen).toEqual({
      streamed: ["l1"],
      queried: 1,
      duplicates: 1,
      byExternalId: null,
      interactions: [],
      audit: [],
    });
  });

  test("duplicate keys follow the database's phone options", async () => {
    const repositories = createInMemoryRepositories({
      duplicateKeys: { phone: { defaultCountryCode: "34" } },
    });
    const national = {
      ...lead("l1"),
      contact: { ...lead("l1").contact, email: undefined, phone: "911 23 45 67" },
    };
    await repositories.leads.save(national, { expectedVersion: 0 });
    const found = await repositories.leads.findByDuplicateKeys([{ kind: "phone", value: "+34911234567" }]);
    expect(found.map((l) => l.id)).toEqual(["l1"]);
  });
});

describe("withFaults", () => {
  test("throws on the planned call before doing anything, and counts calls", async () => {
    const inner = createInMemoryRepositories();
    const faulty = withFaults(inner, { method: "leads.save", onCall: 2 });
    expect((await faulty.leads.save(lead("l1"), { expectedVersion: 0 })).ok).toBe(true);
    await expect(faulty.leads.save(lead("l2"), { expectedVersion: 0 })).rejects.toThrow(
      "Injected fault: call 2 of leads.save failed as planned.",
    );
    expect(await inner.leads.get("l2")).toBe(null);
    expect((await faulty.leads.save(lead("l3"), { expectedVersion: 0 })).ok).toBe(true);
    expect(faulty.callsOf("leads.save")).toBe(3);
    expect(faulty.callsOf("audit.append")).toBe(0);
  });

  test("with timing after, the call takes effect and then throws the given error", async () => {
    const inner = createInMemoryRepositories();
    const lost = new Error("reply lost");
    const faulty = withFaults(inner, { method: "audit.append", onCall: 1, timing: "after", error: lost });
    await expect(faulty.audit.append([entry])).rejects.toBe(lost);
    expect(await inner.audit.list()).toEqual([entry]);
  });

  test("breaks the stores of a transaction too, which then rolls back", async () => {
    const inner = createInMemoryRepositories();
    const faulty = withFaults(inner, { method: "audit.append", onCall: 1 });
    await expect(
      faulty.transaction?.(async (trx) => {
        await trx.leads.save(lead("l1"), { expectedVersion: 0 });
        await trx.audit.append([entry]);
      }),
    ).rejects.toThrow(/audit.append/);
    expect(await inner.leads.get("l1")).toBe(null);
    const { leads, interactions, audit, outbox, distribution } = inner;
    const bare = { leads, interactions, audit, outbox, distribution };
    expect(withFaults(bare, { method: "leads.get", onCall: 1 }).transaction).toBe(undefined);
  });

  test("every method can be broken", async () => {
    const methods = [
      ["leads.get", (r) => r.leads.get("x")],
      ["leads.getByExternalId", (r) => r.leads.getByExternalId("x")],
      ["leads.remove", (r) => r.leads.remove("x", { expectedVersion: 1 })],
      ["leads.findByDuplicateKeys", (r) => r.leads.findByDuplicateKeys([])],
      ["leads.query", (r) => r.leads.query({})],
      ["interactions.append", (r) => r.interactions.append("x", [])],
      ["interactions.list", (r) => r.interactions.list("x")],
      ["audit.list", (r) => r.audit.list()],
    ] as const satisfies readonly (readonly [
      Parameters<typeof withFaults>[1]["method"],
      (r: ReturnType<typeof withFaults>) => Promise<unknown>,
    ])[];
    for (const [method, call] of methods) {
      const faulty = withFaults(createInMemoryRepositories(), { method, onCall: 1 });
      await expect(call(faulty)).rejects.toThrow(method);
      await expect(call(faulty)).resolves.not.toThrow();
    }
  });

  test("a broken stream throws when read, before or after its leads", async () => {
    const inner = createInMemoryRepositories();
    await inner.leads.save(lead("l1"), { expectedVersion: 0 });
    const read = async (timing: "before" | "after") => {
      const seen: string[] = [];
      const faulty = withFaults(inner, { method: "leads.stream", onCall: 1, timing });
      try {
        for await (const l of faulty.leads.stream()) seen.push(l.id);
      } catch {
        return { seen, threw: true };
      }
      return { seen, threw: false };
    };
    expect(await read("before")).toEqual({ seen: [], threw: true });
    expect(await read("after")).toEqual({ seen: ["l1"], threw: true });
  });
});
