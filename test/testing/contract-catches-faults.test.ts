import type { Lead } from "leadkit";
import type { LeadRepository, Repositories } from "leadkit/ports";
import {
  createInMemoryRepositories,
  describeLeadRepositoryContract,
  LEAD_REPOSITORY_CONTRACT_TESTS,
  type LeadRepositoryContractOptions,
  type LeadRepositoryContractTest,
} from "leadkit/testing";
import { describe, expect, test } from "vitest";

// The suite is only worth publishing if it fails for adapters that break the semantics: each case
// here breaks one rule and checks that the tests guarding that rule fail, and only real ones pass.
async function failingTests(
  make: () => Repositories,
  options: LeadRepositoryContractOptions = {},
): Promise<string[]> {
  const registered: { name: string; body: () => Promise<void> }[] = [];
  describeLeadRepositoryContract(
    { test: (name, body) => registered.push({ name, body }), expect },
    make,
    options,
  );
  const failing: string[] = [];
  for (const { name, body } of registered) {
    try {
      await body();
    } catch {
      failing.push(name);
    }
  }
  return failing;
}

function withLeads(override: (inner: LeadRepository) => Partial<LeadRepository>): () => Repositories {
  return () => {
    const { leads, interactions, audit, outbox, distribution } = createInMemoryRepositories();
    return { leads: { ...bind(leads), ...override(leads) }, interactions, audit, outbox, distribution };
  };
}

function bindInteractions({ interactions }: Repositories) {
  return {
    append: interactions.append.bind(interactions),
    list: interactions.list.bind(interactions),
    erase: interactions.erase.bind(interactions),
  };
}

function bind(leads: LeadRepository): LeadRepository {
  return {
    get: (id) => leads.get(id),
    getByExternalId: (id) => leads.getByExternalId(id),
    save: (lead, options) => leads.save(lead, options),
    remove: (id, options) => leads.remove(id, options),
    findByDuplicateKeys: (keys, options) => leads.findByDuplicateKeys(keys, options),
    query: (query, page) => leads.query(query, page),
    stream: (query) => leads.stream(query),
    releaseMergedKeys: (id) => leads.releaseMergedKeys(id),
  };
}

describe("the conformance suite fails for broken repositories", () => {
  test("the in-memory repositories pass every test", async () => {
    expect(
      await failingTests(() => createInMemoryRepositories(), {
        capabilities: { transactions: true, insertMany: true },
      }),
    ).toEqual([]);
  });

  test("an insertMany that saves one lead at a time, keeping those before a refusal", async () => {
    const failing = await failingTests(
      withLeads((inner) => ({
        insertMany: async (leads) => {
          const stored: Lead[] = [];
          for (const lead of leads) {
            const outcome = await inner.save(lead, { expectedVersion: 0 });
            if (!outcome.ok) return { ok: false, refusals: [outcome] };
            stored.push(outcome.lead);
          }
          return { ok: true, leads: stored };
        },
      })),
      { capabilities: { insertMany: true } },
    );
    expect(failing).toEqual([
      "insertMany stores every lead at version 1, or none and every refusal",
      "exactly one of N concurrent insertMany calls sharing an email wins",
    ]);
  });

  test("last writer wins instead of a version check", async () => {
    const failing = await failingTests(
      withLeads((inner) => ({
        save: async (lead) => {
          const current = await inner.get(lead.id);
          return inner.save(lead, { expectedVersion: current?.version ?? 0 });
        },
      })),
    );
    expect(failing).toContain("save refuses a stale version with a conflict carrying the current version");
  });

  test("a read-then-write save that is not atomic", async () => {
    const failing = await failingTests(
      withLeads((inner) => ({
        save: async (lead, options) => {
          const current = await inner.get(lead.id);
          if ((current?.version ?? 0) !== options.expectedVersion) return inner.save(lead, options);
          await new Promise((resolve) => setTimeout(resolve, 1));
          return inner.save(lead, { expectedVersion: (await inner.get(lead.id))?.version ?? 0 });
        },
      })),
    );
    expect(failing).toContain("exactly one of N concurrent savers of one version wins");
    expect(failing).toContain("exactly one of N concurrent inserts of one id wins");
  });

  test("stored objects handed out by reference", async () => {
    const failing = await failingTests(() => {
      const store = new Map<string, Lead>();
      const { leads, interactions, audit, outbox, distribution } = createInMemoryRepositories();
      return {
        leads: {
          ...bind(leads),
          save: async (lead, options) => {
            const outcome = await leads.save(lead, options);
            if (outcome.ok) store.set(lead.id, outcome.lead);
            return outcome;
          },
          get: async (id) => store.get(id) ?? null,
        },
        interactions,
        audit,
        outbox,
        distribution,
      };
    });
    expect(failing).toContain("stored leads are isolated from the caller's objects");
  });

  test("a field dropped on the way in", async () => {
    const failing = await failingTests(
      withLeads((inner) => ({ save: (lead, options) => inner.save({ ...lead, notes: [] }, options) })),
    );
    expect(failing).toContain("every field of a lead round-trips without loss");
  });

  test("offset cursors that skip leads when others are inserted", async () => {
    const failing = await failingTests(
      withLeads((inner) => ({
        query: async (query, page = {}) => {
          const all: Lead[] = [];
          for await (const lead of inner.stream(query)) all.push(lead);
          const offset = Number(page.after ?? 0);
          const limit = page.limit ?? 50;
          const items = all.slice(offset, offset + limit);
          return { items, nextCursor: offset + limit < all.length ? String(offset + limit) : null };
        },
      })),
    );
    expect(failing).toEqual(["pagination stays complete under concurrent inserts"]);
  });

  test("duplicate keys compared without normalising", async () => {
    const failing = await failingTests(
      withLeads((inner) => ({
        findByDuplicateKeys: async (keys) => {
          const all: Lead[] = [];
          for await (const lead of inner.stream()) all.push(lead);
          return all.filter((lead) => keys.some((k) => k.kind === "email" && lead.contact.email === k.value));
        },
      })),
    );
    expect(failing).toContain("findByDuplicateKeys matches normalised email, company domain and phone");
  });

  test("emails that are not unique", async () => {
    const failing = await failingTests(
      withLeads((inner) => ({
        save: async (lead, options) => {
          const outcome = await inner.save(lead, options);
          if (outcome.ok || outcome.code !== "key_taken" || outcome.key.kind !== "email") return outcome;
          return { ok: true, lead: { ...lead, version: options.expectedVersion + 1 } };
        },
      })),
    );
    expect(failing).toContain("normalised emails are unique on insert and update");
    expect(failing).toContain("exactly one of N concurrent inserts sharing an email wins");
  });

  test("a duplicate lookup that reads every holder of a common key", async () => {
    const failing = await failingTests(
      withLeads((inner) => ({
        findByDuplicateKeys: (keys) => inner.findByDuplicateKeys(keys, { limit: 1000 }),
      })),
    );
    expect(failing).toEqual(["findByDuplicateKeys returns at most limit + 1 leads per key"]);
  });

  test("a rotation saved last-writer-wins", async () => {
    const failing = await failingTests(() => {
      const repositories = createInMemoryRepositories();
      const { distribution } = repositories;
      return {
        ...repositories,
        distribution: {
          get: (key) => distribution.get(key),
          save: async (key, state) => {
            const current = await distribution.get(key);
            return distribution.save(key, state, { expectedVersion: current?.version ?? 0 });
          },
        },
      };
    });
    expect(failing).toEqual([
      "distribution state is saved by compare-and-set, one of N concurrent savers wins",
    ]);
  });

  test("stores whose erasure keeps personal data or keys", async () => {
    const interactionsKept = await failingTests(() => {
      const repositories = createInMemoryRepositories();
      return { ...repositories, interactions: { ...bindInteractions(repositories), erase: async () => {} } };
    });
    expect(interactionsKept).toContain(
      "erasure leaves no personal data in any store and frees the person's keys",
    );
    const keysKept = await failingTests(withLeads(() => ({ releaseMergedKeys: async () => {} })));
    expect(keysKept).toContain("erasure leaves no personal data in any store and frees the person's keys");
  });

  test("an outbox that hands out leased events again", async () => {
    const failing = await failingTests(() => {
      const repositories = createInMemoryRepositories();
      const { outbox } = repositories;
      let clock = 0;
      return {
        ...repositories,
        outbox: {
          append: (events) => outbox.append(events),
          acknowledge: (ids) => outbox.acknowledge(ids),
          list: (query) => outbox.list(query),
          erase: (leadId) => outbox.erase(leadId),
          // Every claim sees the leases as expired.
          claim: (request) =>
            outbox.claim({ ...request, now: new Date(request.now.getTime() + 1e12 * ++clock) }),
        },
      };
    });
    expect(failing).toContain(
      "outbox claims lease events in order and hand out each lead's events as a prefix",
    );
    expect(failing).toContain("concurrent consumers never claim one event twice and keep each lead's order");
  });

  test("an outbox that ignores the order of each lead's events", async () => {
    const failing = await failingTests(() => {
      const repositories = createInMemoryRepositories();
      const { outbox } = repositories;
      return {
        ...repositories,
        outbox: {
          append: (events) => outbox.append([...events].reverse()),
          acknowledge: (ids) => outbox.acknowledge(ids),
          list: (query) => outbox.list(query),
          erase: (leadId) => outbox.erase(leadId),
          claim: (request) => outbox.claim(request),
        },
      };
    });
    expect(failing).toContain("the outbox appends idempotently and lists in append order");
  });

  test("a transaction that does not roll back", async () => {
    const failing = await failingTests(
      () => {
        const { leads, interactions, audit, outbox, distribution } = createInMemoryRepositories();
        const set = { leads, interactions, audit, outbox, distribution };
        return { ...set, transaction: (work) => work(set) };
      },
      { capabilities: { transactions: true } },
    );
    expect(failing).toEqual([
      "a transaction that throws leaves nothing written",
      "a transaction stores a change with its events or neither, whatever fails",
    ]);
  });

  test("the transactions capability declared without a transaction method", async () => {
    const failing = await failingTests(
      () => {
        const { leads, interactions, audit, outbox, distribution } = createInMemoryRepositories();
        return { leads, interactions, audit, outbox, distribution };
      },
      { capabilities: { transactions: true } },
    );
    expect(failing).toEqual([
      "a transaction keeps its writes when it resolves",
      "a transaction that throws leaves nothing written",
      "a transaction stores a change with its events or neither, whatever fails",
    ]);
  });
});

describe("options", () => {
  test("skip leaves tests out, prefix names them, dispose runs after each test", async () => {
    const registered: string[] = [];
    let disposed = 0;
    const skip: LeadRepositoryContractTest[] = ["stream yields every matching lead once, in id order"];
    describeLeadRepositoryContract(
      {
        test: (name, body) => {
          registered.push(name);
          if (name.endsWith("return null for unknown leads")) void body();
        },
        expect,
      },
      () => createInMemoryRepositories(),
      { skip, prefix: "mem: ", dispose: () => void disposed++ },
    );
    await new Promise((resolve) => setTimeout(resolve, 10));
    // Every test but the skipped one, the three about transactions, the two about insertMany and
    // the two about findByBlockingKeys (not declared).
    expect(registered).toHaveLength(LEAD_REPOSITORY_CONTRACT_TESTS.length - 8);
    expect(registered[0]).toBe("mem: get and getByExternalId return null for unknown leads");
    expect(registered.some((n) => n.includes("stream yields"))).toBe(false);
    expect(disposed).toBe(1);
  });

  test("an unknown name in skip throws", () => {
    expect(() =>
      describeLeadRepositoryContract({ test: () => undefined, expect }, () => createInMemoryRepositories(), {
        skip: ["no such test" as LeadRepositoryContractTest],
      }),
    ).toThrow(/unknown test "no such test"/);
  });
});
