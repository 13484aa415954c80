import {
  type AuditEntry,
  duplicateKeys,
  type Interaction,
  type Lead,
  parseInteraction,
} from "../model/index.js";
import { type LeadQuery, type LeadRepository, matchesLeadQuery, type Repositories } from "../ports/index.js";
import { contractLead, fullContractLead, T0 } from "./contract-fixtures.js";

/**
 * The assertions the conformance suite uses — a structural slice of vitest's and jest's `expect`.
 *
 * @example
 * ```ts
 * const assertion: ContractAssertion = expect(1);
 * ```
 * @category Testing
 */
export interface ContractAssertion {
  /**
   * Asserts identity (`Object.is`).
   *
   * @param expected - The value expected.
   */
  toBe(expected: unknown): void;
  /**
   * Asserts deep equality.
   *
   * @param expected - The value expected.
   */
  toEqual(expected: unknown): void;
}

/**
 * The test runner the conformance suite registers its tests with: pass your runner's own `test`
 * and `expect`, so leadkit never imports one.
 *
 * @example
 * ```ts
 * import { expect, test } from "vitest";
 * const runner: ContractRunner = { test, expect };
 * ```
 * @category Testing
 */
export interface ContractRunner {
  /**
   * Registers one test.
   *
   * @param name - The test's name.
   * @param body - The test; it fails when it throws or rejects.
   */
  test(name: string, body: () => Promise<void>): void;
  /**
   * Starts an assertion about a value.
   *
   * @param actual - The value tested.
   * @returns The assertion.
   */
  expect(actual: unknown): ContractAssertion;
}

/**
 * Optional capabilities an implementation declares to the conformance suite; each declared one is
 * tested.
 *
 * @example
 * ```ts
 * const capabilities: ContractCapabilities = { transactions: true };
 * ```
 * @category Testing
 */
export interface ContractCapabilities {
  /** The repositories have a `transaction` method (see {@link Repositories.transaction}). */
  readonly transactions?: boolean;
}

/**
 * Options for {@link describeLeadRepositoryContract}.
 *
 * @example
 * ```ts
 * const options: LeadRepositoryContractOptions = { capabilities: { transactions: true }, concurrency: 16 };
 * ```
 * @category Testing
 */
export interface LeadRepositoryContractOptions {
  /** What the implementation can do beyond the required methods; nothing optional when left out. */
  readonly capabilities?: ContractCapabilities;
  /**
   * Names of tests not to register (see {@link LEAD_REPOSITORY_CONTRACT_TESTS}); an unknown name
   * throws, so a typo cannot skip nothing silently.
   */
  readonly skip?: readonly LeadRepositoryContractTest[];
  /** How many concurrent writers the concurrency tests start; 10 when left out. */
  readonly concurrency?: number;
  /** Text put before every test name, e.g. `"postgres: "`; none when left out. */
  readonly prefix?: string;
  /**
   * Called after each test with the repositories it used, e.g. to drop a schema; nothing when left
   * out.
   */
  readonly dispose?: (repositories: Repositories) => Promise<void> | void;
}

/**
 * The names of the conformance suite's tests, for {@link LeadRepositoryContractOptions.skip}.
 *
 * @example
 * ```ts
 * LEAD_REPOSITORY_CONTRACT_TESTS.includes("pagination stays complete under concurrent inserts"); // true
 * ```
 * @category Testing
 */
export const LEAD_REPOSITORY_CONTRACT_TESTS = [
  "get and getByExternalId return null for unknown leads",
  "save inserts at version 1 and get returns the lead",
  "save updates when the expected version matches and bumps it by one",
  "save refuses a stale version with a conflict carrying the current version",
  "every field of a lead round-trips without loss",
  "stored leads are isolated from the caller's objects",
  "exactly one of N concurrent savers of one version wins",
  "exactly one of N concurrent inserts of one id wins",
  "external ids are unique and follow updates",
  "remove deletes with a version check and frees the lead's keys",
  "findByDuplicateKeys matches normalised email, company domain and phone",
  "query filters by owner, stage, origin, generator, pool, team and staleness",
  "query pages are ordered by id, respect the limit and cover every lead once",
  "pagination stays complete under concurrent inserts",
  "stream yields every matching lead once, in id order",
  "interactions append idempotently and list by lead and time range",
  "the audit log appends in order and filters",
  "a transaction keeps its writes when it resolves",
  "a transaction that throws leaves nothing written",
] as const;

/**
 * One of {@link LEAD_REPOSITORY_CONTRACT_TESTS}.
 *
 * @example
 * ```ts
 * const name: LeadRepositoryContractTest = "stream yields every matching lead once, in id order";
 * ```
 * @category Testing
 */
export type LeadRepositoryContractTest = (typeof LEAD_REPOSITORY_CONTRACT_TESTS)[number];

type Check = (
  repositories: Repositories,
  expect: ContractRunner["expect"],
  concurrency: number,
) => Promise<void>;

/**
 * Registers the conformance suite of the repository ports: run it against your adapter to know it
 * keeps the semantics leadkit's services rely on.
 *
 * @remarks
 * Each test gets fresh, empty repositories from `makeRepositories`. The suite covers CRUD,
 * version conflicts under N concurrent savers (exactly one wins), unique external ids, pagination
 * completeness under concurrent inserts (no duplicates, no omissions), duplicate-key lookups,
 * every query filter, streaming, lossless round-tripping of every field, the interaction store and
 * the audit log, and — when declared — transactions.
 *
 * @param runner - Your test runner's `test` and `expect` (vitest, jest, node:test with an adapter).
 * @param makeRepositories - Makes fresh, empty repositories; called once per test.
 * @param options - Capabilities, skips, concurrency, a name prefix and per-test clean-up.
 * @returns Nothing; the tests are registered with `runner.test`.
 * @example
 * ```ts
 * import { expect, test } from "vitest";
 * import { createInMemoryRepositories, describeLeadRepositoryContract } from "leadkit/testing";
 *
 * describeLeadRepositoryContract({ test, expect }, () => createInMemoryRepositories(), {
 *   capabilities: { transactions: true },
 * });
 * ```
 * @category Testing
 */
export function describeLeadRepositoryContract(
  runner: ContractRunner,
  makeRepositories: () => Repositories | Promise<Repositories>,
  options: LeadRepositoryContractOptions = {},
): void {
  const skip = new Set<string>(options.skip ?? []);
  for (const name of skip) {
    if (!(LEAD_REPOSITORY_CONTRACT_TESTS as readonly string[]).includes(name)) {
      throw new Error(
        `describeLeadRepositoryContract: unknown test "${name}" in skip; expected one of LEAD_REPOSITORY_CONTRACT_TESTS.`,
      );
    }
  }
  const concurrency = options.concurrency ?? 10;
  const transactions = options.capabilities?.transactions === true;
  for (const [name, check] of Object.entries(checks) as [LeadRepositoryContractTest, Check][]) {
    if (skip.has(name)) continue;
    if (name.startsWith("a transaction") && !transactions) continue;
    runner.test(`${options.prefix ?? ""}${name}`, async () => {
      const repositories = await makeRepositories();
      try {
        await check(repositories, runner.expect.bind(runner), concurrency);
      } finally {
        await options.dispose?.(repositories);
      }
    });
  }
}

const day = 24 * 60 * 60 * 1000;
const at = (days: number) => new Date(T0.getTime() + days * day);

async function insert(leads: LeadRepository, ...records: Lead[]): Promise<Lead[]> {
  const stored: Lead[] = [];
  for (const record of records) {
    const outcome = await leads.save(record, { expectedVersion: 0 });
    if (!outcome.ok) throw new Error(`Fixture insert of ${record.id} failed: ${outcome.code}`);
    stored.push(outcome.lead);
  }
  return stored;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

async function pageThrough(
  leads: LeadRepository,
  query: LeadQuery,
  limit: number,
  between?: () => Promise<void>,
) {
  const seen: string[] = [];
  let after: string | undefined;
  for (let guard = 0; guard < 10_000; guard++) {
    const page = await leads.query(query, after === undefined ? { limit } : { limit, after });
    if (page.items.length > limit)
      throw new Error(`A page held ${page.items.length} leads; the limit was ${limit}.`);
    seen.push(...page.items.map((l) => l.id));
    if (page.nextCursor === null) return seen;
    after = page.nextCursor;
    await between?.();
  }
  throw new Error("Pagination did not end after 10,000 pages.");
}

const ids = (leads: readonly Lead[]) => leads.map((l) => l.id);
const sorted = (values: readonly string[]) => [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

const interaction = (id: string, days: number): Interaction =>
  parseInteraction({ id, type: "email_open", at: at(days), initiator: { kind: "contact" } });

const entry = (leadId: string, actor: string, days: number, action = "update"): AuditEntry => ({
  at: at(days),
  actor,
  action,
  leadId,
  beforeVersion: 1,
  afterVersion: 2,
  details: { field: "owner" },
});

const checks: Record<LeadRepositoryContractTest, Check> = {
  "get and getByExternalId return null for unknown leads": async ({ leads }, expect) => {
    expect(await leads.get("missing")).toBe(null);
    expect(await leads.getByExternalId("missing")).toBe(null);
  },

  "save inserts at version 1 and get returns the lead": async ({ leads }, expect) => {
    const lead = contractLead("lead-a", { version: 7 });
    const outcome = await leads.save(lead, { expectedVersion: 0 });
    expect(outcome).toEqual({ ok: true, lead: { ...lead, version: 1 } });
    expect(await leads.get("lead-a")).toEqual({ ...lead, version: 1 });
  },

  "save updates when the expected version matches and bumps it by one": async ({ leads }, expect) => {
    const [stored] = await insert(leads, contractLead("lead-a"));
    const changed = { ...(stored as Lead), stage: "prospect" as const, owner: "u-bruno" };
    const outcome = await leads.save(changed, { expectedVersion: 1 });
    expect(outcome).toEqual({ ok: true, lead: { ...changed, version: 2 } });
    expect(await leads.get("lead-a")).toEqual({ ...changed, version: 2 });
  },

  "save refuses a stale version with a conflict carrying the current version": async ({ leads }, expect) => {
    const [stored] = await insert(leads, contractLead("lead-a"));
    await leads.save({ ...(stored as Lead), owner: "u-bruno" }, { expectedVersion: 1 });
    const stale = await leads.save({ ...(stored as Lead), owner: "u-carla" }, { expectedVersion: 1 });
    expect(stale).toEqual({
      ok: false,
      code: "conflict",
      leadId: "lead-a",
      expectedVersion: 1,
      currentVersion: 2,
    });
    const again = await leads.save(contractLead("lead-a"), { expectedVersion: 0 });
    expect(again).toEqual({
      ok: false,
      code: "conflict",
      leadId: "lead-a",
      expectedVersion: 0,
      currentVersion: 2,
    });
    const absent = await leads.save(contractLead("lead-b"), { expectedVersion: 3 });
    expect(absent).toEqual({
      ok: false,
      code: "conflict",
      leadId: "lead-b",
      expectedVersion: 3,
      currentVersion: 0,
    });
    expect((await leads.get("lead-a"))?.owner).toBe("u-bruno");
    expect(await leads.get("lead-b")).toBe(null);
  },

  "every field of a lead round-trips without loss": async ({ leads }, expect) => {
    const lead = fullContractLead("lead-full");
    await insert(leads, lead);
    const read = await leads.get("lead-full");
    expect(read).toEqual(lead);
    expect(read?.createdAt instanceof Date).toBe(true);
    expect(read?.interactions[1]?.at.getTime()).toBe(lead.interactions[1]?.at.getTime());
    expect(await leads.getByExternalId("form-post-lead-full")).toEqual(lead);
    expect(await collect(leads.stream())).toEqual([lead]);
    expect((await leads.query({})).items).toEqual([lead]);
    expect(await leads.findByDuplicateKeys(duplicateKeys(lead))).toEqual([lead]);
  },

  "stored leads are isolated from the caller's objects": async ({ leads }, expect) => {
    const input = structuredClone(fullContractLead("lead-a")) as unknown as {
      contact: { name: string };
      tags: string[];
    };
    const outcome = await leads.save(input as unknown as Lead, { expectedVersion: 0 });
    input.contact.name = "Changed after save";
    input.tags.push("changed");
    if (outcome.ok) (outcome.lead.tags as string[]).push("changed");
    const read = (await leads.get("lead-a")) as unknown as { contact: { name: string }; tags: string[] };
    read.contact.name = "Changed after get";
    read.tags.length = 0;
    expect(await leads.get("lead-a")).toEqual(fullContractLead("lead-a"));
  },

  "exactly one of N concurrent savers of one version wins": async ({ leads }, expect, n) => {
    const [stored] = await insert(leads, contractLead("lead-a"));
    const attempts = Array.from({ length: n }, (_, i) => ({ ...(stored as Lead), owner: `u-writer-${i}` }));
    const outcomes = await Promise.all(attempts.map((lead) => leads.save(lead, { expectedVersion: 1 })));
    const winners = outcomes.filter((o) => o.ok);
    expect(winners.length).toBe(1);
    for (const o of outcomes.filter((o) => !o.ok))
      expect(o).toEqual({
        ok: false,
        code: "conflict",
        leadId: "lead-a",
        expectedVersion: 1,
        currentVersion: 2,
      });
    const winner = winners[0];
    expect(await leads.get("lead-a")).toEqual(winner?.ok === true ? winner.lead : "no winner");
  },

  "exactly one of N concurrent inserts of one id wins": async ({ leads }, expect, n) => {
    const attempts = Array.from({ length: n }, (_, i) => contractLead("lead-a", { owner: `u-writer-${i}` }));
    const outcomes = await Promise.all(attempts.map((lead) => leads.save(lead, { expectedVersion: 0 })));
    expect(outcomes.filter((o) => o.ok).length).toBe(1);
    expect(outcomes.filter((o) => !o.ok && o.code === "conflict" && o.currentVersion === 1).length).toBe(
      n - 1,
    );
  },

  "external ids are unique and follow updates": async ({ leads }, expect, n) => {
    const [first] = await insert(leads, contractLead("lead-a", { externalId: "post-1" }));
    const twin = await leads.save(contractLead("lead-b", { externalId: "post-1" }), { expectedVersion: 0 });
    expect(twin).toEqual({
      ok: false,
      code: "external_id_taken",
      leadId: "lead-b",
      externalId: "post-1",
      existingId: "lead-a",
    });
    expect(await leads.get("lead-b")).toBe(null);
    const racing = Array.from({ length: n }, (_, i) =>
      contractLead(`lead-race-${i}`, { externalId: "post-2" }),
    );
    const outcomes = await Promise.all(racing.map((lead) => leads.save(lead, { expectedVersion: 0 })));
    expect(outcomes.filter((o) => o.ok).length).toBe(1);
    expect(outcomes.filter((o) => !o.ok && o.code === "external_id_taken").length).toBe(n - 1);
    await leads.save({ ...(first as Lead), externalId: "post-1b" }, { expectedVersion: 1 });
    expect((await leads.getByExternalId("post-1b"))?.id).toBe("lead-a");
    expect(await leads.getByExternalId("post-1")).toBe(null);
    expect(
      (await leads.save(contractLead("lead-b", { externalId: "post-1" }), { expectedVersion: 0 })).ok,
    ).toBe(true);
  },

  "remove deletes with a version check and frees the lead's keys": async ({ leads }, expect) => {
    const lead = contractLead("lead-a", {
      externalId: "post-1",
      contact: { kind: "prospect", name: "Ana", email: "ana@acme.es" },
    });
    await insert(leads, lead);
    expect(await leads.remove("lead-a", { expectedVersion: 2 })).toEqual({
      ok: false,
      code: "conflict",
      leadId: "lead-a",
      expectedVersion: 2,
      currentVersion: 1,
    });
    expect((await leads.get("lead-a"))?.id).toBe("lead-a");
    expect(await leads.remove("lead-a", { expectedVersion: 1 })).toEqual({ ok: true });
    expect(await leads.get("lead-a")).toBe(null);
    expect(await leads.getByExternalId("post-1")).toBe(null);
    expect(await leads.findByDuplicateKeys(duplicateKeys(lead))).toEqual([]);
    expect((await leads.query({})).items).toEqual([]);
    expect(await leads.remove("lead-a", { expectedVersion: 1 })).toEqual({
      ok: false,
      code: "conflict",
      leadId: "lead-a",
      expectedVersion: 1,
      currentVersion: 0,
    });
  },

  "findByDuplicateKeys matches normalised email, company domain and phone": async ({ leads }, expect) => {
    const contact = (email?: string, phone?: string, website?: string) => ({
      kind: "prospect" as const,
      name: "Someone",
      ...(email === undefined ? {} : { email }),
      ...(phone === undefined ? {} : { phone }),
      ...(website === undefined ? {} : { website }),
    });
    await insert(
      leads,
      contractLead("lead-email", { contact: contact("Ana.Garcia@ACME.es ") }),
      contractLead("lead-domain", { contact: contact("bruno@acme.es") }),
      contractLead("lead-web", {
        contact: contact("carla@gmail.com", undefined, "https://www.acme.es/contact"),
      }),
      contractLead("lead-phone", { contact: contact(undefined, "+34 (91) 123-45-67") }),
      contractLead("lead-gmail", { contact: contact("dario@gmail.com") }),
      contractLead("lead-other", { contact: contact("eva@other.example", "+1 555 0100 200") }),
    );
    const find = async (candidate: Parameters<typeof contact>) =>
      ids(
        await leads.findByDuplicateKeys(duplicateKeys({ id: "candidate", contact: contact(...candidate) })),
      );
    expect(await find(["ana.garcia@acme.es"])).toEqual(["lead-domain", "lead-email", "lead-web"]);
    expect(await find([undefined, "0034 911 23 45 67"])).toEqual(["lead-phone"]);
    expect(await find(["someone@gmail.com"])).toEqual([]);
    expect(await find(["DARIO@gmail.com"])).toEqual(["lead-gmail"]);
    expect(await find(["x@acme.es", "+1 555 0100 200"])).toEqual([
      "lead-domain",
      "lead-email",
      "lead-other",
      "lead-web",
    ]);
    expect(await leads.findByDuplicateKeys([])).toEqual([]);
    const stored = (await leads.get("lead-phone")) as Lead;
    const moved = { ...stored, contact: { ...stored.contact, phone: "+44 20 7946 0000" } };
    expect((await leads.save(moved, { expectedVersion: 1 })).ok).toBe(true);
    expect(await find([undefined, "+34911234567"])).toEqual([]);
  },

  "query filters by owner, stage, origin, generator, pool, team and staleness": async ({ leads }, expect) => {
    const fixtures = [
      contractLead("lead-01", { owner: "u-ana", generatedBy: "u-ana", stage: "lead", team: "north" }),
      contractLead("lead-02", { owner: "u-ana", stage: "prospect", team: "north" }),
      contractLead("lead-03", { owner: null, pool: "inbound", stage: "lead" }),
      contractLead("lead-04", { owner: null, pool: "events", stage: "nurturing" }),
      contractLead("lead-05", { owner: "u-bruno", generatedBy: "u-bruno", stage: "customer", team: "south" }),
      contractLead("lead-06", {
        owner: "u-bruno",
        stage: "lead",
        interactions: [interaction("i-6", 40)],
      }),
      contractLead("lead-07", { owner: "u-ana", generatedBy: "u-bruno", stage: "lost", createdAt: at(20) }),
    ];
    await insert(leads, ...fixtures);
    const queries: LeadQuery[] = [
      { owner: "u-ana" },
      { owner: null },
      { stage: "lead" },
      { stage: ["prospect", "customer", "lost"] },
      { stage: [] },
      { origin: "active" },
      { origin: "passive" },
      { generatedBy: "u-bruno" },
      { pool: "inbound" },
      { team: "north" },
      { inactiveSince: at(10) },
      { inactiveSince: at(30) },
      { inactiveSince: T0 },
      { owner: "u-ana", origin: "active", stage: ["lead", "lost"] },
      { owner: null, pool: "events", inactiveSince: at(1) },
      {},
    ];
    for (const query of queries) {
      const expected = fixtures.filter((lead) => matchesLeadQuery(lead, query)).map((l) => l.id);
      expect({ query, ids: ids((await leads.query(query)).items) }).toEqual({ query, ids: expected });
    }
  },

  "query pages are ordered by id, respect the limit and cover every lead once": async ({ leads }, expect) => {
    const all = Array.from({ length: 23 }, (_, i) => `lead-${String((i * 7) % 23).padStart(2, "0")}`);
    await insert(
      leads,
      ...all.map((id) => contractLead(id, { stage: Number(id.slice(5)) % 2 === 0 ? "lead" : "prospect" })),
    );
    expect(await pageThrough(leads, {}, 5)).toEqual(sorted(all));
    expect(await pageThrough(leads, {}, 1)).toEqual(sorted(all));
    expect(await pageThrough(leads, {}, 23)).toEqual(sorted(all));
    expect(await pageThrough(leads, { stage: "prospect" }, 4)).toEqual(
      sorted(all.filter((id) => Number(id.slice(5)) % 2 === 1)),
    );
    const unlimited = await leads.query({});
    expect(ids(unlimited.items)).toEqual(sorted(all));
    expect(unlimited.nextCursor).toBe(null);
    const many = Array.from({ length: 60 }, (_, i) => `more-${String(i).padStart(2, "0")}`);
    await insert(leads, ...many.map((id) => contractLead(id)));
    expect((await leads.query({})).items.length).toBe(50);
  },

  "pagination stays complete under concurrent inserts": async ({ leads }, expect, n) => {
    const original = Array.from({ length: 30 }, (_, i) => `lead-${String(i * 2).padStart(3, "0")}`);
    await insert(leads, ...original.map((id) => contractLead(id)));
    let next = 0;
    const inserted: string[] = [];
    const insertSome = async () => {
      const batch = Array.from({ length: Math.max(2, Math.floor(n / 2)) }, () => {
        next++;
        // Odd numbers land between the originals, before and after the cursor; "aaa" lands first.
        return next % 5 === 0
          ? `aaa-${next}`
          : `lead-${String(((next * 7) % 60) | 1).padStart(3, "0")}-${next}`;
      });
      inserted.push(...batch);
      await Promise.all(batch.map((id) => leads.save(contractLead(id), { expectedVersion: 0 })));
    };
    const seen = await pageThrough(leads, {}, 7, insertSome);
    expect(new Set(seen).size).toBe(seen.length);
    expect(original.filter((id) => !seen.includes(id))).toEqual([]);
    expect(seen.filter((id) => !original.includes(id) && !inserted.includes(id))).toEqual([]);
    expect(seen).toEqual(sorted(seen));
  },

  "stream yields every matching lead once, in id order": async ({ leads }, expect) => {
    const all = Array.from({ length: 250 }, (_, i) => `lead-${String((i * 37) % 250).padStart(3, "0")}`);
    await insert(leads, ...all.map((id, i) => contractLead(id, { owner: i % 3 === 0 ? null : "u-ana" })));
    expect(ids(await collect(leads.stream()))).toEqual(sorted(all));
    expect(ids(await collect(leads.stream({ owner: null })))).toEqual(
      sorted(all.filter((_, i) => i % 3 === 0)),
    );
    expect(ids(await collect(leads.stream({ pool: "nowhere" })))).toEqual([]);
  },

  "interactions append idempotently and list by lead and time range": async ({ interactions }, expect) => {
    const full = fullContractLead("lead-a").interactions;
    await interactions.append("lead-a", [interaction("i-3", 3), interaction("i-1", 1), ...full]);
    await interactions.append("lead-a", [interaction("i-2", 2), interaction("i-1", 1)]);
    await interactions.append("lead-b", [interaction("i-1", 1)]);
    const list = await interactions.list("lead-a");
    const order = ["lead-a-i1", "i-1", "i-2", "lead-a-i2", "i-3", "lead-a-i3", "lead-a-i4"];
    expect(list.map((i) => i.id)).toEqual(order);
    expect(list.filter((i) => i.id.startsWith("lead-a-"))).toEqual(full);
    const idsIn = async (range: { from?: Date; to?: Date }) =>
      (await interactions.list("lead-a", range)).map((i) => i.id);
    expect(await idsIn({ from: at(2), to: at(3) })).toEqual(["i-2", "lead-a-i2"]);
    expect(await idsIn({ from: at(3) })).toEqual(["i-3", "lead-a-i3", "lead-a-i4"]);
    expect(await idsIn({ to: at(1) })).toEqual(["lead-a-i1"]);
    expect(await interactions.list("lead-b")).toEqual([interaction("i-1", 1)]);
    expect(await interactions.list("lead-z")).toEqual([]);
  },

  "the audit log appends in order and filters": async ({ audit }, expect) => {
    const entries = [
      entry("lead-a", "u-ana", 1),
      entry("lead-b", "u-bruno", 2),
      entry("lead-a", "u-bruno", 3, "share"),
    ];
    await audit.append(entries.slice(0, 2));
    await audit.append(entries.slice(2));
    await audit.append([]);
    expect(await audit.list()).toEqual(entries);
    expect(await audit.list({ leadId: "lead-a" })).toEqual([entries[0], entries[2]]);
    expect(await audit.list({ actor: "u-bruno" })).toEqual([entries[1], entries[2]]);
    expect(await audit.list({ from: at(2), to: at(3) })).toEqual([entries[1]]);
    expect(await audit.list({ leadId: "lead-a", actor: "u-bruno", from: at(3) })).toEqual([entries[2]]);
  },

  "a transaction keeps its writes when it resolves": async (repositories, expect) => {
    const transaction = requireTransaction(repositories);
    const result = await transaction(async (trx) => {
      const saved = await trx.leads.save(contractLead("lead-a"), { expectedVersion: 0 });
      expect((await trx.leads.get("lead-a"))?.version).toBe(1);
      await trx.interactions.append("lead-a", [interaction("i-1", 1)]);
      await trx.audit.append([entry("lead-a", "u-ana", 1)]);
      return saved.ok;
    });
    expect(result).toBe(true);
    expect((await repositories.leads.get("lead-a"))?.version).toBe(1);
    expect((await repositories.interactions.list("lead-a")).length).toBe(1);
    expect((await repositories.audit.list()).length).toBe(1);
  },

  "a transaction that throws leaves nothing written": async (repositories, expect) => {
    const transaction = requireTransaction(repositories);
    const [existing] = await insert(repositories.leads, contractLead("lead-old", { externalId: "post-1" }));
    const failure = new Error("planned failure");
    let caught: unknown;
    try {
      await transaction(async (trx) => {
        await trx.leads.save(contractLead("lead-a", { externalId: "post-2" }), { expectedVersion: 0 });
        await trx.leads.save(
          { ...(existing as Lead), owner: "u-bruno", externalId: "post-3" },
          { expectedVersion: 1 },
        );
        await trx.leads.remove("lead-a", { expectedVersion: 1 });
        await trx.leads.save(contractLead("lead-b"), { expectedVersion: 0 });
        await trx.interactions.append("lead-old", [interaction("i-1", 1)]);
        await trx.audit.append([entry("lead-old", "u-ana", 1)]);
        throw failure;
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBe(failure);
    expect(await repositories.leads.get("lead-old")).toEqual(existing);
    expect(await repositories.leads.get("lead-a")).toBe(null);
    expect(await repositories.leads.get("lead-b")).toBe(null);
    expect((await repositories.leads.getByExternalId("post-1"))?.id).toBe("lead-old");
    expect(await repositories.leads.getByExternalId("post-3")).toBe(null);
    expect(ids((await repositories.leads.query({})).items)).toEqual(["lead-old"]);
    expect(await repositories.interactions.list("lead-old")).toEqual([]);
    expect(await repositories.audit.list()).toEqual([]);
  },
};

function requireTransaction(repositories: Repositories): NonNullable<Repositories["transaction"]> {
  const transaction = repositories.transaction?.bind(repositories);
  if (transaction === undefined) {
    throw new Error("The repositories declare the transactions capability but have no transaction method.");
  }
  return transaction;
}
