import { isLeadKitError } from "../internal/index.js";
import {
  type AuditEntry,
  anonymizeLead,
  blockingKeys,
  duplicateKeys,
  type Interaction,
  type Lead,
  type LeadInput,
  parseInteraction,
} from "../model/index.js";
import {
  type DomainEvent,
  type LeadQuery,
  type LeadRepository,
  matchesLeadQuery,
  type Outbox,
  type OutboxClaimRequest,
  type Repositories,
} from "../ports/index.js";
import { contractLead, fullContractLead, T0 } from "./contract-fixtures.js";
import { type FaultPlan, withFaults } from "./with-faults.js";

/**
 * The assertions the conformance suite uses — a structural slice of vitest's and jest's `expect`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import type { ContractAssertion } from "leadkit/testing";
 *
 * // A runner without vitest: node:assert behind the suite's assertion interface.
 * const expectValue = (actual: unknown): ContractAssertion => ({
 *   toBe: (expected) => assert.equal(actual, expected),
 *   toEqual: (expected) => assert.deepEqual(actual, expected),
 * });
 * expectValue(1).toBe(1);
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
 * import { type ContractRunner, createInMemoryRepositories, describeLeadRepositoryContract } from "leadkit/testing";
 *
 * const runner: ContractRunner = { test, expect };
 * describeLeadRepositoryContract(runner, () => createInMemoryRepositories());
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
 * import { expect, test } from "vitest";
 * import { type ContractCapabilities, createInMemoryRepositories, describeLeadRepositoryContract } from "leadkit/testing";
 *
 * const capabilities: ContractCapabilities = { transactions: true, insertMany: true, findByBlockingKeys: true };
 * describeLeadRepositoryContract({ test, expect }, () => createInMemoryRepositories(), { capabilities });
 * ```
 * @category Testing
 */
export interface ContractCapabilities {
  /** The repositories have a `transaction` method (see {@link Repositories.transaction}). */
  readonly transactions?: boolean;
  /** The lead repository has `insertMany` (see {@link LeadRepository.insertMany}). */
  readonly insertMany?: boolean;
  /** The lead repository has `findByBlockingKeys` (see {@link LeadRepository.findByBlockingKeys}). */
  readonly findByBlockingKeys?: boolean;
}

/**
 * Options for {@link describeLeadRepositoryContract}.
 *
 * @example
 * ```ts
 * import { expect, test } from "vitest";
 * import { createInMemoryRepositories, describeLeadRepositoryContract, type LeadRepositoryContractOptions } from "leadkit/testing";
 *
 * const options: LeadRepositoryContractOptions = { capabilities: { transactions: true }, concurrency: 16 };
 * describeLeadRepositoryContract({ test, expect }, () => createInMemoryRepositories(), options);
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
 * import { LEAD_REPOSITORY_CONTRACT_TESTS } from "leadkit/testing";
 *
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
  "normalised emails are unique on insert and update",
  "exactly one of N concurrent inserts sharing an email wins",
  "insertMany stores every lead at version 1, or none and every refusal",
  "exactly one of N concurrent insertMany calls sharing an email wins",
  "remove deletes with a version check and frees the lead's keys",
  "remove with keysTo hands the removed lead's keys to the survivor, and on through later merges",
  "findByDuplicateKeys matches normalised email, company domain and phone",
  "findByDuplicateKeys returns at most limit + 1 leads per key",
  "findByBlockingKeys finds near-duplicates by blocking key and follows saves and removes",
  "findByBlockingKeys returns at most limit + 1 leads per key",
  "query filters by owner, stage, origin, generator, pool, team and staleness",
  "query pages are ordered by id, respect the limit and cover every lead once",
  "pagination stays complete under concurrent inserts",
  "stream yields every matching lead once, in id order",
  "interactions append idempotently and list by lead and time range",
  "the audit log appends in order and filters",
  "distribution state is saved by compare-and-set, one of N concurrent savers wins",
  "the outbox appends idempotently and lists in append order",
  "outbox claims lease events in order and hand out each lead's events as a prefix",
  "an expired lease makes events claimable again and acknowledged events never return",
  "concurrent consumers never claim one event twice and keep each lead's order",
  "outbox claims refuse NaN, Invalid Dates, blank consumers and leases outside 1 ms–30 days",
  "outbox claims clamp the limit to 1–1,000 and acknowledgements ignore ids no event can have",
  "an event appended after its change never exists without it, whatever fails",
  "erasure leaves no personal data in any store and frees the person's keys",
  "erasure keeps what aggregates count and the outbox's delivery state, and is idempotent",
  "a transaction keeps its writes when it resolves",
  "a transaction that throws leaves nothing written",
  "a transaction stores a change with its events or neither, whatever fails",
] as const;

/**
 * One of {@link LEAD_REPOSITORY_CONTRACT_TESTS}.
 *
 * @example
 * ```ts
 * import { expect, test } from "vitest";
 * import { createInMemoryRepositories, describeLeadRepositoryContract, type LeadRepositoryContractTest } from "leadkit/testing";
 *
 * // Skip a test your store cannot pass yet, by name (a typo fails to compile).
 * const skip: LeadRepositoryContractTest[] = ["stream yields every matching lead once, in id order"];
 * describeLeadRepositoryContract({ test, expect }, () => createInMemoryRepositories(), { skip });
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
 * Registers the conformance suite of the repository ports (leads, interactions, audit log, outbox,
 * distribution states): run it against your adapter to know it keeps the semantics leadkit's
 * services rely on.
 *
 * @remarks
 * Each test gets fresh, empty repositories from `makeRepositories`. The suite covers CRUD,
 * version conflicts under N concurrent savers (exactly one wins), unique external ids and emails
 * (also under N concurrent inserts), pagination completeness under concurrent inserts (no
 * duplicates, no omissions), duplicate-key lookups and their per-key bound, every query filter,
 * streaming, lossless round-tripping of every field, the interaction store, the audit log, the
 * distribution states' compare-and-set, the outbox (idempotent appends, leases, order per lead,
 * concurrent consumers, the claim arguments it refuses or clamps, acknowledgements of ids no event
 * can have), that an event never exists without its change whatever store call fails, erasure
 * (no store returns the person's name, email, phone or free text afterwards, the keys are free,
 * what aggregates count is kept, idempotent),
 * and — when declared — transactions, including that a change and its events commit together, and
 * `insertMany` (all or nothing, the refusals `save` would give, atomic under N concurrent calls,
 * and inside a transaction that goes on after a refusal), and `findByBlockingKeys` (the leads
 * holding a candidate's blocking keys, kept in step by every write, bounded per key).
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
    if (name.includes("insertMany") && options.capabilities?.insertMany !== true) continue;
    if (name.includes("findByBlockingKeys") && options.capabilities?.findByBlockingKeys !== true) continue;
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
    if (outcome.ok) {
      (outcome.lead.tags as string[]).push("changed");
      outcome.lead.createdAt.setTime(0);
    }
    const read = (await leads.get("lead-a")) as unknown as Lead & {
      contact: { name: string; attributes: Record<string, unknown> };
      tags: string[];
    };
    read.contact.name = "Changed after get";
    read.contact.attributes["seats"] = 0;
    read.tags.length = 0;
    // Dates are objects too: changing one a read returned changes nothing stored.
    read.updatedAt.setTime(0);
    read.interactions[0]?.at.setTime(0);
    for (const found of await leads.findByDuplicateKeys(duplicateKeys(fullContractLead("lead-a"))))
      found.createdAt.setTime(0);
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
      code: "key_taken",
      leadId: "lead-b",
      key: { kind: "external_id", value: "post-1" },
      existingId: "lead-a",
    });
    expect(await leads.get("lead-b")).toBe(null);
    const [other] = await insert(leads, contractLead("lead-c", { externalId: "post-3" }));
    const takeOver = await leads.save({ ...(other as Lead), externalId: "post-1" }, { expectedVersion: 1 });
    expect(takeOver.ok === false && takeOver.code).toBe("key_taken");
    expect((await leads.get("lead-c"))?.externalId).toBe("post-3");
    const racing = Array.from({ length: n }, (_, i) =>
      contractLead(`lead-race-${i}`, { externalId: "post-2" }),
    );
    const outcomes = await Promise.all(racing.map((lead) => leads.save(lead, { expectedVersion: 0 })));
    expect(outcomes.filter((o) => o.ok).length).toBe(1);
    expect(outcomes.filter((o) => !o.ok && o.code === "key_taken").length).toBe(n - 1);
    await leads.save({ ...(first as Lead), externalId: "post-1b" }, { expectedVersion: 1 });
    expect((await leads.getByExternalId("post-1b"))?.id).toBe("lead-a");
    expect(await leads.getByExternalId("post-1")).toBe(null);
    expect(
      (await leads.save(contractLead("lead-b", { externalId: "post-1" }), { expectedVersion: 0 })).ok,
    ).toBe(true);
  },

  "normalised emails are unique on insert and update": async ({ leads }, expect) => {
    const withEmail = (id: string, email: string) =>
      contractLead(id, { contact: { kind: "prospect", name: `Person ${id}`, email } });
    const [ana] = await insert(leads, withEmail("lead-a", " Ana.Garcia@ACME.es"));
    const twin = await leads.save(withEmail("lead-b", "ana.garcia@acme.es"), { expectedVersion: 0 });
    expect(twin).toEqual({
      ok: false,
      code: "key_taken",
      leadId: "lead-b",
      key: { kind: "email", value: "ana.garcia@acme.es" },
      existingId: "lead-a",
    });
    expect(await leads.get("lead-b")).toBe(null);
    const [carla] = await insert(leads, withEmail("lead-c", "carla@acme.es"));
    const stolen = {
      ...(carla as Lead),
      contact: { ...(carla as Lead).contact, email: "ANA.garcia@acme.es" },
    };
    expect((await leads.save(stolen, { expectedVersion: 1 })).ok).toBe(false);
    expect((await leads.get("lead-c"))?.contact.email).toBe("carla@acme.es");
    const own = { ...(ana as Lead), contact: { ...(ana as Lead).contact, email: "ana.garcia@acme.es" } };
    expect((await leads.save(own, { expectedVersion: 1 })).ok).toBe(true);
    const moved = { ...own, contact: { ...own.contact, email: "ana@other.example" } };
    expect((await leads.save(moved, { expectedVersion: 2 })).ok).toBe(true);
    expect((await leads.save(withEmail("lead-b", "ana.garcia@acme.es"), { expectedVersion: 0 })).ok).toBe(
      true,
    );
    expect(await leads.remove("lead-a", { expectedVersion: 3 })).toEqual({ ok: true });
    expect((await leads.save(withEmail("lead-d", "Ana@Other.example"), { expectedVersion: 0 })).ok).toBe(
      true,
    );
  },

  "exactly one of N concurrent inserts sharing an email wins": async ({ leads }, expect, n) => {
    const attempts = Array.from({ length: n }, (_, i) =>
      contractLead(`lead-${i}`, {
        contact: {
          kind: "prospect",
          name: `Writer ${i}`,
          email: i % 2 === 0 ? "same@acme.es" : " SAME@acme.es",
        },
      }),
    );
    const outcomes = await Promise.all(attempts.map((lead) => leads.save(lead, { expectedVersion: 0 })));
    const winners = outcomes.filter((o) => o.ok);
    expect(winners.length).toBe(1);
    const winner = winners[0]?.ok === true ? winners[0].lead.id : "none";
    for (const o of outcomes.filter((o) => !o.ok))
      expect(o.ok === false && o.code === "key_taken" && [o.key, o.existingId]).toEqual([
        { kind: "email", value: "same@acme.es" },
        winner,
      ]);
    expect(ids((await leads.query({})).items)).toEqual([winner]);
  },

  "insertMany stores every lead at version 1, or none and every refusal": async (repositories, expect) => {
    const insertMany = requireInsertMany(repositories.leads);
    const withEmail = (id: string, email: string, overrides: Partial<LeadInput> = {}) =>
      contractLead(id, { contact: { kind: "prospect", name: `Person ${id}`, email }, ...overrides });
    expect(await insertMany([])).toEqual({ ok: true, leads: [] });
    await insert(repositories.leads, withEmail("lead-a", "ana@acme.es", { externalId: "post-1" }));
    const refused = await insertMany([
      withEmail("lead-b", "bruno@acme.es"),
      contractLead("lead-c", { externalId: "post-1" }),
      withEmail("lead-d", " ANA@acme.es"),
      contractLead("lead-a"),
      withEmail("lead-f", "fede@acme.es", { externalId: "post-2" }),
      contractLead("lead-g", { externalId: "post-2" }),
      withEmail("lead-h", "Fede@ACME.es"),
      contractLead("lead-b"),
    ]);
    const taken = (leadId: string, kind: "external_id" | "email", value: string, existingId: string) => ({
      ok: false,
      code: "key_taken",
      leadId,
      key: { kind, value },
      existingId,
    });
    expect(refused).toEqual({
      ok: false,
      refusals: [
        taken("lead-c", "external_id", "post-1", "lead-a"),
        taken("lead-d", "email", "ana@acme.es", "lead-a"),
        { ok: false, code: "conflict", leadId: "lead-a", expectedVersion: 0, currentVersion: 1 },
        taken("lead-g", "external_id", "post-2", "lead-f"),
        taken("lead-h", "email", "fede@acme.es", "lead-f"),
        { ok: false, code: "conflict", leadId: "lead-b", expectedVersion: 0, currentVersion: 1 },
      ],
    });
    // Nothing of the refused call was written, not even the leads that were free.
    expect(ids((await repositories.leads.query({})).items)).toEqual(["lead-a"]);
    expect(await repositories.leads.getByExternalId("post-2")).toBe(null);

    const b = withEmail("lead-b", "bruno@acme.es", { version: 7 });
    const f = fullContractLead("lead-f");
    const stored = await insertMany([b, f]);
    expect(stored).toEqual({
      ok: true,
      leads: [
        { ...b, version: 1 },
        { ...f, version: 1 },
      ],
    });
    if (stored.ok) (stored.leads[0] as { owner: string }).owner = "u-mutated";
    expect(await repositories.leads.get("lead-b")).toEqual({ ...b, version: 1 });
    expect(await repositories.leads.get("lead-f")).toEqual({ ...f, version: 1 });
    expect((await repositories.leads.getByExternalId(f.externalId as string))?.id).toBe("lead-f");
    const email = duplicateKeys(f).filter((k) => k.kind === "email");
    expect(ids(await repositories.leads.findByDuplicateKeys(email, { limit: 5 }))).toEqual(["lead-f"]);
    const twin = await repositories.leads.save(withEmail("lead-z", "BRUNO@acme.es"), { expectedVersion: 0 });
    expect(twin.ok === false && twin.code).toBe("key_taken");
    expect((await repositories.leads.save({ ...b, version: 1 }, { expectedVersion: 1 })).ok).toBe(true);

    const transaction = repositories.transaction?.bind(repositories);
    if (transaction === undefined) return;
    // Inside a transaction a refusal leaves the transaction usable, and a rollback undoes an insert.
    const kept = await transaction(async (trx) => {
      const again = await requireInsertMany(trx.leads)([contractLead("lead-t1"), contractLead("lead-b")]);
      const saved = await trx.leads.save(contractLead("lead-t2"), { expectedVersion: 0 });
      return [again.ok, saved.ok];
    });
    expect(kept).toEqual([false, true]);
    const failure = new Error("planned failure");
    let caught: unknown;
    try {
      await transaction(async (trx) => {
        await requireInsertMany(trx.leads)([withEmail("lead-t3", "carla@acme.es")]);
        throw failure;
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBe(failure);
    expect(ids((await repositories.leads.query({})).items)).toEqual([
      "lead-a",
      "lead-b",
      "lead-f",
      "lead-t2",
    ]);
    expect(
      (await repositories.leads.save(withEmail("lead-t4", "carla@acme.es"), { expectedVersion: 0 })).ok,
    ).toBe(true);
  },

  "exactly one of N concurrent insertMany calls sharing an email wins": async (repositories, expect, n) => {
    requireInsertMany(repositories.leads);
    const transaction = repositories.transaction?.bind(repositories);
    // Each call: a lead of its own and one sharing an email with every other call. Half of them
    // run inside transactions when the repositories have them.
    const batch = (i: number) => [
      contractLead(`lead-own-${i}`, {
        contact: { kind: "prospect", name: `Own ${i}`, email: `own${i}@acme.es` },
      }),
      contractLead(`lead-shared-${i}`, {
        contact: {
          kind: "prospect",
          name: `Shared ${i}`,
          email: i % 2 === 0 ? "same@acme.es" : " SAME@acme.es",
        },
      }),
    ];
    const outcomes = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        transaction !== undefined && i % 2 === 1
          ? transaction((trx) => requireInsertMany(trx.leads)(batch(i)))
          : requireInsertMany(repositories.leads)(batch(i)),
      ),
    );
    const winners = outcomes.flatMap((o, i) => (o.ok ? [i] : []));
    expect(winners.length).toBe(1);
    const winner = winners[0] as number;
    for (const o of outcomes.filter((o) => !o.ok))
      expect(
        o.ok === false && o.refusals.map((r) => r.code === "key_taken" && [r.key, r.existingId]),
      ).toEqual([[{ kind: "email", value: "same@acme.es" }, `lead-shared-${winner}`]]);
    expect(ids((await repositories.leads.query({})).items)).toEqual(
      sorted([`lead-own-${winner}`, `lead-shared-${winner}`]),
    );
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

  "remove with keysTo hands the removed lead's keys to the survivor, and on through later merges": async (
    { leads },
    expect,
  ) => {
    const [a, b, c] = await insert(
      leads,
      contractLead("lead-a", {
        externalId: "post-a",
        contact: { kind: "prospect", name: "A", email: "a@acme.es" },
      }),
      contractLead("lead-b", {
        externalId: "post-b",
        contact: { kind: "prospect", name: "B", email: "b@acme.es" },
      }),
      contractLead("lead-c", { contact: { kind: "prospect", name: "C", email: "c@acme.es" } }),
    );
    // A stale version moves nothing.
    expect((await leads.remove("lead-b", { expectedVersion: 2, keysTo: "lead-a" })).ok).toBe(false);
    expect((await leads.getByExternalId("post-b"))?.id).toBe("lead-b");
    expect(await leads.remove("lead-b", { expectedVersion: 1, keysTo: "lead-a" })).toEqual({ ok: true });
    expect((await leads.getByExternalId("post-b"))?.id).toBe("lead-a");
    const twin = (id: string, externalId: string | undefined, email: string) =>
      contractLead(id, {
        ...(externalId === undefined ? {} : { externalId }),
        contact: { kind: "prospect", name: "T", email },
      });
    expect(await leads.save(twin("twin-1", "post-b", "t1@acme.es"), { expectedVersion: 0 })).toEqual({
      ok: false,
      code: "key_taken",
      leadId: "twin-1",
      key: { kind: "external_id", value: "post-b" },
      existingId: "lead-a",
    });
    expect(await leads.save(twin("twin-2", undefined, " B@ACME.es"), { expectedVersion: 0 })).toEqual({
      ok: false,
      code: "key_taken",
      leadId: "twin-2",
      key: { kind: "email", value: "b@acme.es" },
      existingId: "lead-a",
    });
    // The survivor keeps them across its own updates, and may take them itself.
    const updated = await leads.save(
      { ...(a as Lead), contact: { ...(a as Lead).contact, email: "b@acme.es" } },
      {
        expectedVersion: 1,
      },
    );
    expect(updated.ok).toBe(true);
    expect((await leads.getByExternalId("post-b"))?.id).toBe("lead-a");
    // Merged again, they move on with its own keys; removed without keysTo, they are free.
    expect(await leads.remove("lead-a", { expectedVersion: 2, keysTo: "lead-c" })).toEqual({ ok: true });
    expect((await leads.getByExternalId("post-a"))?.id).toBe("lead-c");
    expect((await leads.getByExternalId("post-b"))?.id).toBe("lead-c");
    expect((await leads.save(twin("twin-3", "post-a", "t3@acme.es"), { expectedVersion: 0 })).ok).toBe(false);
    expect(await leads.remove("lead-c", { expectedVersion: (c as Lead).version })).toEqual({ ok: true });
    expect(await leads.getByExternalId("post-b")).toBe(null);
    expect((await leads.save(twin("twin-4", "post-b", "b@acme.es"), { expectedVersion: 0 })).ok).toBe(true);
    expect(b?.id).toBe("lead-b");
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

  "findByDuplicateKeys returns at most limit + 1 leads per key": async ({ leads }, expect) => {
    const staff = Array.from({ length: 30 }, (_, i) =>
      contractLead(`lead-${String(i).padStart(2, "0")}`, {
        contact: {
          kind: "prospect",
          name: `Person ${i}`,
          email: `p${i}@acme.es`,
          ...(i % 10 === 3 ? { phone: "+34 911 00 00 03" } : {}),
        },
      }),
    );
    await insert(leads, ...staff);
    const domain = { kind: "company_domain", value: "acme.es" } as const;
    const phone = { kind: "phone", value: "+34911000003" } as const;
    const holds = (lead: Lead, key: { kind: string; value: string }) =>
      duplicateKeys(lead).some((k) => k.kind === key.kind && k.value === key.value);
    for (const limit of [0, 1, 5, 29]) {
      const found = await leads.findByDuplicateKeys([domain], { limit });
      expect({ limit, count: found.length }).toEqual({ limit, count: limit + 1 });
      expect(found.every((l) => holds(l, domain))).toBe(true);
      expect(ids(found)).toEqual(sorted([...new Set(ids(found))]));
    }
    expect((await leads.findByDuplicateKeys([domain], { limit: 30 })).length).toBe(30);
    expect((await leads.findByDuplicateKeys([domain])).length).toBe(21);
    const both = await leads.findByDuplicateKeys([domain, phone], { limit: 4 });
    expect(ids(both.filter((l) => holds(l, phone)))).toEqual(["lead-03", "lead-13", "lead-23"]);
    expect(both.length >= 5 && both.length <= 8).toBe(true);
    expect(ids(both)).toEqual(sorted([...new Set(ids(both))]));
    expect(await leads.findByDuplicateKeys([phone], { limit: 2 })).toEqual(
      staff.filter((l) => holds(l, phone)).map((l) => ({ ...l, version: 1 })),
    );
  },

  "findByBlockingKeys finds near-duplicates by blocking key and follows saves and removes": async (
    { leads },
    expect,
  ) => {
    const lookup = requireFindByBlockingKeys(leads);
    const find = async (keys: readonly string[]) => (await lookup(keys)).leads;
    const person = (id: string, name: string, company: string, email: string) =>
      contractLead(id, { contact: { kind: "prospect", name, company, email } });
    const stored = await insert(
      leads,
      person("lead-a", "Ana García", "Acme Soluciones S.L.", "ana@acme.es"),
      person("lead-b", "Ana Garcia", "ACME SOLUCIONES SL", "agarcia@acme-sl.es"),
      person("lead-c", "Bruno Díaz", "Zeta Logística", "bruno@zeta.es"),
    );
    const [ana, twin, other] = stored as [Lead, Lead, Lead];
    const candidate = { id: "new", contact: { name: "garcia, ana", company: "Acme Soluciones" } };
    expect(ids(await find(blockingKeys(candidate)))).toEqual(["lead-a", "lead-b"]);
    expect(ids(await find(blockingKeys(other)))).toEqual(["lead-c"]);
    expect(await lookup([])).toEqual({ keys: [], leads: [] });
    // Keys no lead holds are listed with no holders; a key asked twice is listed once.
    expect(await lookup(["no-such-key", "__proto__", "nc:\u0000|x", "no-such-key"])).toEqual({
      keys: [
        { key: "no-such-key", leadIds: [] },
        { key: "__proto__", leadIds: [] },
        { key: "nc:\u0000|x", leadIds: [] },
      ],
      leads: [],
    });
    // Copies, as the repository stores them, and the holders of each key.
    const found = await lookup(blockingKeys(ana));
    expect(found.leads).toEqual([ana, twin]);
    expect(found.keys.map((k) => k.key)).toEqual(blockingKeys(ana));
    for (const { key, leadIds } of found.keys)
      expect(leadIds).toEqual(ids(stored.filter((l) => blockingKeys(l).includes(key))));
    // An update moves the lead to its new keys; one that drops the name and company (an erasure)
    // leaves it under none of its old ones.
    const renamed = await leads.save(
      { ...ana, contact: { ...ana.contact, name: "Carla Ruiz" } },
      { expectedVersion: 1 },
    );
    expect(renamed.ok).toBe(true);
    expect(ids(await find(blockingKeys(candidate)))).toEqual(["lead-b"]);
    expect(
      ids(await find(blockingKeys({ id: "x", contact: { name: "Carla Ruiz", company: "Acme" } }))),
    ).toEqual(["lead-a"]);
    const { company: _company, email: _email, ...kept } = twin.contact;
    const erased = await leads.save(
      { ...twin, contact: { ...kept, name: "Erased" } },
      { expectedVersion: 1 },
    );
    expect(erased.ok).toBe(true);
    expect(await find(blockingKeys(twin))).toEqual([]);
    expect(await leads.remove("lead-c", { expectedVersion: 1 })).toEqual({ ok: true });
    expect(await find(blockingKeys(other))).toEqual([]);
  },

  "findByBlockingKeys returns at most limit + 1 leads per key": async ({ leads }, expect) => {
    const lookup = requireFindByBlockingKeys(leads);
    // Thirty people called Ana at one company share the block "Ana at Acme"; three Garcías share one more.
    const staff = Array.from({ length: 30 }, (_, i) =>
      contractLead(`lead-${String(i).padStart(2, "0")}`, {
        contact: {
          kind: "prospect",
          name: `Ana ${i % 10 === 3 ? "García" : `Surname${String.fromCharCode(97 + (i % 26))}${i}`}`,
          company: "Acme",
          email: `p${i}@acme.es`,
        },
      }),
    );
    await insert(leads, ...staff);
    const [shared] = blockingKeys({ id: "q", contact: { name: "Ana", company: "Acme" } });
    const [garcia] = blockingKeys({ id: "q", contact: { name: "García Ruiz", company: "Acme" } }).filter(
      (k) => k.startsWith("nc:garc"),
    );
    if (shared === undefined || garcia === undefined) throw new Error("Fixture keys missing.");
    const holding = (key: string) => ids(staff.filter((l) => blockingKeys(l).includes(key)));
    expect(holding(shared).length).toBe(30);
    expect(holding(garcia)).toEqual(["lead-03", "lead-13", "lead-23"]);
    for (const limit of [0, 1, 5, 29]) {
      const found = await lookup([shared], { limit });
      const listed = found.keys[0]?.leadIds ?? [];
      expect({ limit, count: listed.length }).toEqual({ limit, count: limit + 1 });
      expect(listed.every((id) => holding(shared).includes(id))).toBe(true);
      expect(listed).toEqual(sorted([...new Set(listed)]));
      // Too common to compare: its leads are not read.
      expect(found.leads).toEqual([]);
    }
    expect((await lookup([shared], { limit: 30 })).leads.length).toBe(30);
    expect((await lookup([shared])).leads.length).toBe(30);
    const both = await lookup([shared, garcia], { limit: 4 });
    expect(both.keys.map((k) => [k.key, k.leadIds.length])).toEqual([
      [shared, 5],
      [garcia, 3],
    ]);
    expect(both.keys[1]?.leadIds).toEqual(holding(garcia));
    expect(ids(both.leads)).toEqual(holding(garcia));
    expect((await lookup([garcia], { limit: 2 })).leads).toEqual([]);
    expect((await lookup([garcia], { limit: 3 })).leads).toEqual(
      staff.filter((l) => holding(garcia).includes(l.id)).map((l) => ({ ...l, version: 1 })),
    );
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
      // A stage change is activity too (lastActivityAt): moved on day 35, after its last interaction.
      contractLead("lead-08", {
        owner: "u-ana",
        stage: "prospect",
        interactions: [interaction("i-8", 5)],
        history: [{ from: "lead", to: "prospect", event: "qualify", at: at(35), actor: "u-ana" }],
      }),
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

  "distribution state is saved by compare-and-set, one of N concurrent savers wins": async (
    { distribution },
    expect,
    n,
  ) => {
    expect(await distribution.get("inbound")).toBe(null);
    const state = { cursor: "u-ana", assigned: { "u-ana": 1, constructor: 2 }, credit: { "u-ana": -0.5 } };
    expect(await distribution.save("inbound", state, { expectedVersion: 0 })).toEqual({
      ok: true,
      version: 1,
    });
    state.assigned["u-ana"] = 99;
    expect(await distribution.get("inbound")).toEqual({
      state: { cursor: "u-ana", assigned: { "u-ana": 1, constructor: 2 }, credit: { "u-ana": -0.5 } },
      version: 1,
    });
    expect(await distribution.save("inbound", state, { expectedVersion: 0 })).toEqual({
      ok: false,
      code: "conflict",
      key: "inbound",
      expectedVersion: 0,
      currentVersion: 1,
    });
    expect(await distribution.get("other")).toBe(null);
    const racing = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        distribution.save("inbound", { cursor: `u-${i}`, assigned: {}, credit: {} }, { expectedVersion: 1 }),
      ),
    );
    expect(racing.filter((o) => o.ok).length).toBe(1);
    expect(racing.filter((o) => !o.ok && o.currentVersion === 2).length).toBe(n - 1);
    const winner = racing.findIndex((o) => o.ok);
    expect(await distribution.get("inbound")).toEqual({
      state: { cursor: `u-${winner}`, assigned: {}, credit: {} },
      version: 2,
    });
  },

  "the outbox appends idempotently and lists in append order": async ({ outbox }, expect) => {
    const e1 = event("e-1", "lead-a", 1);
    const e2 = event("e-2", "lead-b", 1);
    const e3 = event("e-3", "lead-a", 2);
    const e4 = event("e-4", "lead-c", 1);
    await outbox.append([e1, e2]);
    await outbox.append([e2, e3]);
    await outbox.append([]);
    await outbox.append([e4, { ...e1, leadVersion: 9 }]);
    expect(await outbox.list()).toEqual([e1, e2, e3, e4]);
    expect(await outbox.list({ leadId: "lead-a" })).toEqual([e1, e3]);
    const read = (await outbox.list())[0];
    expect(read?.at instanceof Date && read.at.getTime()).toBe(e1.at.getTime());
    const [claimed] = await outbox.claim({ consumer: "c-1", limit: 1, leaseMs: 1000, now: at(1) });
    expect(claimed).toEqual({ event: e1, attempt: 1 });
  },

  "outbox claims lease events in order and hand out each lead's events as a prefix": async (
    { outbox },
    expect,
  ) => {
    const events = [
      event("e-1", "lead-a", 1),
      event("e-2", "lead-b", 1),
      event("e-3", "lead-a", 2),
      event("e-4", "lead-c", 1),
      event("e-5", "lead-a", 3),
      event("e-6", "lead-b", 2),
    ];
    await outbox.append(events);
    const now = at(1);
    const claim = async (consumer: string, limit: number) =>
      (await outbox.claim({ consumer, limit, leaseMs: 60_000, now })).map((c) => c.event.id);
    expect(await claim("c-1", 2)).toEqual(["e-1", "e-2"]);
    // lead-a and lead-b have an earlier event leased to c-1: nothing of theirs goes to c-2.
    expect(await claim("c-2", 10)).toEqual(["e-4"]);
    expect(await claim("c-2", 10)).toEqual([]);
    await outbox.acknowledge(["e-1", "unknown"]);
    expect(await claim("c-2", 10)).toEqual(["e-3", "e-5"]);
    await outbox.acknowledge(["e-2", "e-4"]);
    expect(await claim("c-3", 1)).toEqual(["e-6"]);
    await outbox.acknowledge(["e-3", "e-5", "e-6", "e-3"]);
    expect(await claim("c-3", 10)).toEqual([]);
    expect((await outbox.list()).map((e) => e.id)).toEqual(events.map((e) => e.id));
  },

  "an expired lease makes events claimable again and acknowledged events never return": async (
    { outbox },
    expect,
  ) => {
    await outbox.append([event("e-1", "lead-a", 1), event("e-2", "lead-b", 1), event("e-3", "lead-a", 2)]);
    const claim = async (consumer: string, now: Date) =>
      (await outbox.claim({ consumer, limit: 10, leaseMs: 1000, now })).map((c) => [c.event.id, c.attempt]);
    const t = at(2).getTime();
    expect(await claim("c-1", new Date(t))).toEqual([
      ["e-1", 1],
      ["e-2", 1],
      ["e-3", 1],
    ]);
    expect(await claim("c-2", new Date(t + 999))).toEqual([]);
    await outbox.acknowledge(["e-2"]);
    expect(await claim("c-2", new Date(t + 1000))).toEqual([
      ["e-1", 2],
      ["e-3", 2],
    ]);
    await outbox.acknowledge(["e-1", "e-3"]);
    expect(await claim("c-1", new Date(t + 10_000))).toEqual([]);
  },

  "concurrent consumers never claim one event twice and keep each lead's order": async (
    { outbox },
    expect,
    n,
  ) => {
    const leadCount = Math.max(3, Math.floor(n / 2));
    const appended = Array.from({ length: 6 * leadCount }, (_, i) =>
      event(`e-${String(i).padStart(3, "0")}`, `lead-${i % leadCount}`, Math.floor(i / leadCount) + 1),
    );
    for (let i = 0; i < appended.length; i += 7) await outbox.append(appended.slice(i, i + 7));
    const delivered: DomainEvent[] = [];
    const consume = async (consumer: string) => {
      for (let round = 0; round < 1000 && delivered.length < appended.length; round++) {
        const batch = await outbox.claim({ consumer, limit: 3, leaseMs: 3_600_000, now: at(3) });
        for (const { event } of batch) {
          delivered.push(event);
          await new Promise((resolve) => setTimeout(resolve, 0));
        }
        await outbox.acknowledge(batch.map((c) => c.event.id));
      }
    };
    await Promise.all(["c-1", "c-2", "c-3"].map(consume));
    expect(delivered.length).toBe(appended.length);
    expect(new Set(delivered.map((e) => e.id)).size).toBe(appended.length);
    for (let lead = 0; lead < leadCount; lead++) {
      const order = (list: readonly DomainEvent[]) =>
        list.filter((e) => e.leadId === `lead-${lead}`).map((e) => e.leadVersion);
      expect(order(delivered)).toEqual(order(appended));
    }
  },

  "outbox claims refuse NaN, Invalid Dates, blank consumers and leases outside 1 ms–30 days": async (
    { outbox },
    expect,
  ) => {
    await outbox.append([event("e-1", "lead-a", 1), event("e-2", "lead-b", 1)]);
    const valid = { consumer: "c-1", limit: 10, leaseMs: 60_000, now: at(1) };
    const refused: [Readonly<Record<string, unknown>>, string][] = [
      [{ limit: Number.NaN }, "limit:invalid_type"],
      [{ limit: "5" }, "limit:invalid_type"],
      [{ leaseMs: Number.NaN }, "leaseMs:invalid_type"],
      [{ leaseMs: "1000" }, "leaseMs:invalid_type"],
      [{ leaseMs: 0 }, "leaseMs:too_small"],
      [{ leaseMs: 0.5 }, "leaseMs:too_small"],
      [{ leaseMs: -5000 }, "leaseMs:too_small"],
      [{ leaseMs: 30 * day + 1 }, "leaseMs:too_big"],
      [{ leaseMs: 1e300 }, "leaseMs:too_big"],
      [{ leaseMs: Number.POSITIVE_INFINITY }, "leaseMs:too_big"],
      [{ now: new Date(Number.NaN) }, "now:invalid_type"],
      [{ now: at(1).toISOString() }, "now:invalid_type"],
      [{ now: at(1).getTime() }, "now:invalid_type"],
      [{ now: new Date("+010000-01-01T00:00:00Z") }, "now:invalid_value"],
      [{ now: new Date("0000-12-31T23:59:59.999Z") }, "now:invalid_value"],
      [{ now: new Date("9999-12-31T23:59:59Z"), leaseMs: 1000 }, "now:invalid_value"],
      [{ consumer: "" }, "consumer:too_small"],
      [{ consumer: " \t" }, "consumer:too_small"],
      [{ consumer: "c-1\u0000" }, "consumer:unstorable_text"],
      [{ consumer: "c-\ud800" }, "consumer:unstorable_text"],
      [{ consumer: "c".repeat(201) }, "consumer:too_big"],
      [{ consumer: 42 }, "consumer:invalid_type"],
      [
        { consumer: "", limit: Number.NaN, leaseMs: Number.NaN, now: new Date(Number.NaN) },
        "consumer:too_small,limit:invalid_type,leaseMs:invalid_type,now:invalid_type",
      ],
    ];
    for (const [change, expected] of refused) {
      expect(await claimRefusal(outbox, { ...valid, ...change })).toBe(`invalid_input ${expected}`);
    }
    expect(await claimRefusal(outbox, null)).toBe("invalid_input :invalid_type");
    // A refused claim leased nothing: the earliest year stored, then a valid claim, get every event.
    const ids = async (request: OutboxClaimRequest) =>
      (await outbox.claim(request)).map((c) => [c.event.id, c.attempt]);
    expect(await ids({ ...valid, leaseMs: 1, now: new Date("0001-01-01T00:00:00.000Z") })).toEqual([
      ["e-1", 1],
      ["e-2", 1],
    ]);
    expect(await ids(valid)).toEqual([
      ["e-1", 2],
      ["e-2", 2],
    ]);
    // The longest lease (30 days) runs to its last millisecond, and a lease may end on the last
    // instant of 9999.
    expect(await ids({ ...valid, leaseMs: 30 * day, now: at(2) })).toEqual([
      ["e-1", 3],
      ["e-2", 3],
    ]);
    expect(await ids({ ...valid, now: new Date(at(32).getTime() - 1) })).toEqual([]);
    expect(await ids({ ...valid, now: at(32) })).toEqual([
      ["e-1", 4],
      ["e-2", 4],
    ]);
    expect(await ids({ ...valid, leaseMs: 999, now: new Date("9999-12-31T23:59:59Z") })).toEqual([
      ["e-1", 5],
      ["e-2", 5],
    ]);
  },

  "outbox claims clamp the limit to 1–1,000 and acknowledgements ignore ids no event can have": async (
    { outbox },
    expect,
  ) => {
    const events = Array.from({ length: 1002 }, (_, i) =>
      event(`e-${String(i).padStart(4, "0")}`, `lead-${i}`, 1),
    );
    await outbox.append(events);
    const t = at(1).getTime();
    const claim = async (limit: number, leaseMs: number, now: number) =>
      (await outbox.claim({ consumer: "c-1", limit, leaseMs, now: new Date(now) })).map(
        (c) => `${c.event.id}#${c.attempt}`,
      );
    // Below 1 is 1; a fraction of an event or of a millisecond is dropped: a 1.9 ms lease ends at t + 1.
    expect(await claim(0, 1.9, t)).toEqual(["e-0000#1"]);
    expect(await claim(-3, 60_000, t)).toEqual(["e-0001#1"]);
    expect(await claim(1.9, 60_000, t + 1)).toEqual(["e-0000#2"]);
    // Above 1,000 (Infinity too) is 1,000.
    const batch = await claim(Number.POSITIVE_INFINITY, 60_000, t + 2);
    expect([batch.length, batch[0], batch[999]]).toEqual([1000, "e-0002#1", "e-1001#1"]);
    expect(await claim(5000, 60_000, t + 60_001)).toEqual(["e-0000#3", "e-0001#2"]);
    // Ids with U+0000 or a lone surrogate, and values that are not ids, name no event: ignored.
    const ids = ["\u0000", "e-0000\u0000", "e-\udc00", "unknown", 1, null, "e-0000"] as unknown as string[];
    await outbox.acknowledge(ids);
    await outbox.acknowledge(["e-0001\u0000"]);
    const later = await claim(1000, 60_000, t + 120_002);
    expect([later.length, later[0], later[999]]).toEqual([1000, "e-0001#3", "e-1000#2"]);
    expect(await claim(1000, 60_000, t + 120_002)).toEqual(["e-1001#2"]);
  },

  "an event appended after its change never exists without it, whatever fails": async (
    repositories,
    expect,
  ) => {
    for (const plan of faultPlans) {
      const target = withFaults(separate(repositories), plan);
      const lead = contractLead(`lead-${plan.method}-${plan.timing}`);
      try {
        await target.leads.save(lead, { expectedVersion: 0 });
        await target.outbox.append([event(`e-${lead.id}`, lead.id, 1)]);
      } catch {
        // The failure is planned; what matters is what it left behind.
      }
      const stored = await repositories.leads.get(lead.id);
      const events = await repositories.outbox.list({ leadId: lead.id });
      expect({ plan, eventWithoutChange: events.length > 0 && stored === null }).toEqual({
        plan,
        eventWithoutChange: false,
      });
    }
  },

  "erasure leaves no personal data in any store and frees the person's keys": async (
    repositories,
    expect,
  ) => {
    const { leads, interactions, audit, outbox } = repositories;
    const lead = await seedPersonalData(repositories);
    await eraseInPorts(repositories, lead.id);
    const seen = JSON.stringify([
      await leads.get(lead.id),
      await leads.query({}),
      await collect(leads.stream()),
      await leads.findByDuplicateKeys(duplicateKeys(lead)),
      await interactions.list(lead.id),
      await audit.list(),
      await outbox.list(),
      await outbox.claim({ consumer: "contract", limit: 100, leaseMs: 60_000, now: at(100) }),
    ]);
    for (const text of PERSONAL_TEXTS)
      expect({ text, found: seen.includes(text) }).toEqual({ text, found: false });
    // The person's keys — the lead's own and those it took over from a merged lead — are free.
    expect(await leads.getByExternalId("form-post-lead-p")).toBe(null);
    expect(await leads.getByExternalId("twin-post")).toBe(null);
    const back = contractLead("lead-back", {
      externalId: "form-post-lead-p",
      contact: { kind: "prospect", name: "Back", email: "Ana.Garcia@acme.es" },
    });
    const twinBack = contractLead("lead-twin-back", {
      externalId: "twin-post",
      contact: { kind: "prospect", name: "Twin back", email: "ana.twin@acme.es" },
    });
    expect((await leads.save(back, { expectedVersion: 0 })).ok).toBe(true);
    expect((await leads.save(twinBack, { expectedVersion: 0 })).ok).toBe(true);
    const found = ids(await leads.findByDuplicateKeys(duplicateKeys(lead)));
    expect([found.includes("lead-back"), found.includes(lead.id)]).toEqual([true, false]);
  },

  "erasure keeps what aggregates count and the outbox's delivery state, and is idempotent": async (
    repositories,
    expect,
  ) => {
    const { leads, interactions, audit, outbox } = repositories;
    const lead = await seedPersonalData(repositories);
    await outbox.acknowledge(["e-p-1"]);
    const read = async () => ({
      lead: await leads.get(lead.id),
      interactions: await interactions.list(lead.id),
      audit: await audit.list({ leadId: lead.id }),
      events: await outbox.list({ leadId: lead.id }),
      idle: ids((await leads.query({ inactiveSince: at(5), stage: "prospect" })).items),
    });
    const before = await read();
    await eraseInPorts(repositories, lead.id);
    const after = await read();
    expect(after.lead).toEqual({ ...anonymizeLead(before.lead as Lead), version: 2 });
    expect(after.idle).toEqual(before.idle);
    const counted = (list: readonly Interaction[]) =>
      list.map((i) => [i.id, i.type, i.at, i.initiator, i.channel]);
    expect(counted(after.interactions)).toEqual(counted(before.interactions));
    const trail = (list: readonly AuditEntry[]) =>
      list.map((e) => [e.at, e.actor, e.action, e.leadId, e.beforeVersion, e.afterVersion]);
    expect(trail(after.audit)).toEqual(trail(before.audit));
    expect(after.events.map((e) => [e.id, e.type, e.leadVersion])).toEqual(
      before.events.map((e) => [e.id, e.type, e.leadVersion]),
    );
    // The acknowledged event stays delivered; the others are claimable as before, in order.
    const claimed = await outbox.claim({ consumer: "contract", limit: 10, leaseMs: 60_000, now: at(100) });
    expect(claimed.map((c) => [c.event.id, c.attempt])).toEqual([
      ["e-p-2", 1],
      ["e-p-3", 1],
    ]);
    // Erasing again stores what erasing once did; erasing an unknown lead is no error.
    await eraseInPorts(repositories, lead.id);
    await interactions.erase("missing");
    await audit.erase("missing");
    await outbox.erase("missing");
    await leads.releaseMergedKeys("missing");
    expect({ ...(await read()), lead: (await leads.get(lead.id))?.contact }).toEqual({
      ...after,
      lead: after.lead?.contact,
    });
  },

  "a transaction keeps its writes when it resolves": async (repositories, expect) => {
    const transaction = requireTransaction(repositories);
    const result = await transaction(async (trx) => {
      const saved = await trx.leads.save(contractLead("lead-a"), { expectedVersion: 0 });
      expect((await trx.leads.get("lead-a"))?.version).toBe(1);
      await trx.interactions.append("lead-a", [interaction("i-1", 1)]);
      await trx.audit.append([entry("lead-a", "u-ana", 1)]);
      await trx.outbox.append([event("e-1", "lead-a", 1)]);
      const rotation = { cursor: "u-ana", assigned: {}, credit: {} };
      await trx.distribution.save("inbound", rotation, { expectedVersion: 0 });
      expect((await trx.outbox.list()).length).toBe(1);
      return saved.ok;
    });
    expect(result).toBe(true);
    expect((await repositories.leads.get("lead-a"))?.version).toBe(1);
    expect((await repositories.interactions.list("lead-a")).length).toBe(1);
    expect((await repositories.audit.list()).length).toBe(1);
    expect((await repositories.outbox.list()).map((e) => e.id)).toEqual(["e-1"]);
    expect((await repositories.distribution.get("inbound"))?.version).toBe(1);
  },

  "a transaction that throws leaves nothing written": async (repositories, expect) => {
    const transaction = requireTransaction(repositories);
    const [existing] = await insert(
      repositories.leads,
      contractLead("lead-old", {
        externalId: "post-1",
        contact: { kind: "prospect", name: "Old", email: "old@acme.es" },
      }),
    );
    await repositories.outbox.append([event("e-0", "lead-old", 1)]);
    const fresh = { cursor: null, assigned: {}, credit: {} };
    await repositories.distribution.save("inbound", fresh, { expectedVersion: 0 });
    const failure = new Error("planned failure");
    let caught: unknown;
    try {
      await transaction(async (trx) => {
        await trx.leads.save(contractLead("lead-a", { externalId: "post-2" }), { expectedVersion: 0 });
        await trx.leads.save(
          {
            ...(existing as Lead),
            owner: "u-bruno",
            externalId: "post-3",
            contact: { ...(existing as Lead).contact, email: "new@acme.es" },
          },
          { expectedVersion: 1 },
        );
        await trx.leads.remove("lead-a", { expectedVersion: 1 });
        await trx.leads.save(contractLead("lead-b"), { expectedVersion: 0 });
        await trx.interactions.append("lead-old", [interaction("i-1", 1)]);
        await trx.audit.append([entry("lead-old", "u-ana", 1)]);
        await trx.outbox.append([event("e-1", "lead-old", 2)]);
        await trx.outbox.claim({ consumer: "c-1", limit: 10, leaseMs: 60_000, now: at(1) });
        await trx.outbox.acknowledge(["e-0"]);
        const moved = { cursor: "u-ana", assigned: {}, credit: {} };
        await trx.distribution.save("inbound", moved, { expectedVersion: 1 });
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
    expect((await repositories.outbox.list()).map((e) => e.id)).toEqual(["e-0"]);
    expect(await repositories.distribution.get("inbound")).toEqual({ state: fresh, version: 1 });
    // The claim and the acknowledgement were rolled back too: e-0 is pending and was never leased.
    const claimed = await repositories.outbox.claim({ consumer: "c-2", limit: 10, leaseMs: 1, now: at(1) });
    expect(claimed.map((c) => [c.event.id, c.attempt])).toEqual([["e-0", 1]]);
    const twin = contractLead("lead-twin", {
      contact: { kind: "prospect", name: "Twin", email: "old@acme.es" },
    });
    expect((await repositories.leads.save(twin, { expectedVersion: 0 })).ok).toBe(false);
  },

  "a transaction stores a change with its events or neither, whatever fails": async (
    repositories,
    expect,
  ) => {
    requireTransaction(repositories);
    for (const plan of faultPlans) {
      const target = withFaults(repositories, plan);
      const lead = contractLead(`lead-${plan.method}-${plan.timing}`);
      try {
        await requireTransaction(target)(async (trx) => {
          await trx.leads.save(lead, { expectedVersion: 0 });
          const events = [event(`e-${lead.id}-1`, lead.id, 1), event(`e-${lead.id}-2`, lead.id, 1)];
          await trx.outbox.append(events);
          await trx.audit.append([entry(lead.id, "u-ana", 1)]);
        });
      } catch {
        // The failure is planned; what matters is what it left behind.
      }
      const kept = plan.method === "audit.list";
      expect({
        plan,
        stored: (await repositories.leads.get(lead.id)) !== null,
        events: (await repositories.outbox.list({ leadId: lead.id })).length,
        audited: (await repositories.audit.list({ leadId: lead.id })).length,
      }).toEqual({ plan, stored: kept, events: kept ? 2 : 0, audited: kept ? 1 : 0 });
    }
  },
};

/** Each step of "save the lead, append its events and audit" failing before and after its work. */
const faultPlans: readonly FaultPlan[] = [
  { method: "leads.save", onCall: 1, timing: "before" },
  { method: "leads.save", onCall: 1, timing: "after" },
  { method: "outbox.append", onCall: 1, timing: "before" },
  { method: "outbox.append", onCall: 1, timing: "after" },
  { method: "audit.append", onCall: 1, timing: "before" },
  { method: "audit.append", onCall: 1, timing: "after" },
  // A plan that never fires: the unit of work completes and everything is kept.
  { method: "audit.list", onCall: 1, timing: "before" },
];

/** The stores without their transaction capability. */
function separate({ leads, interactions, audit, outbox, distribution }: Repositories): Repositories {
  return { leads, interactions, audit, outbox, distribution };
}

/** A domain event about a lead, for the outbox tests. */
/** How a claim request was refused: `invalid_input` and each issue's path and code, or "claimed". */
async function claimRefusal(outbox: Outbox, request: unknown): Promise<string> {
  try {
    await outbox.claim(request as OutboxClaimRequest);
    return "claimed";
  } catch (error) {
    if (!isLeadKitError(error)) return `not a LeadKitError: ${String(error)}`;
    return `${error.code} ${error.issues.map((i) => `${i.path.join(".")}:${i.code}`).join(",")}`;
  }
}

/** What {@link seedPersonalData} stores about the person, none of which may survive an erasure. */
const PERSONAL_TEXTS = [
  "Ana García",
  "ana.garcia@acme.es",
  "ana.twin@acme.es",
  "+34 911 23 45 67",
  "Valladolid",
  "Head of Operations",
  "Call back after the fair",
  "BANT 3/4",
  "asked twice",
  "form:ebook",
  "form-post-lead-p",
  "twin-post",
  "plan=team",
  "acme.example/demo",
  "Known account",
  "Ana asked us",
];

/**
 * A lead full of personal data in every store: the lead, a merged twin whose keys it took over,
 * its interactions, audit entries with a reason and details, and events (one naming its external id).
 */
async function seedPersonalData(repositories: Repositories): Promise<Lead> {
  const { leads, interactions, audit, outbox } = repositories;
  const lead = fullContractLead("lead-p");
  const twin = contractLead("lead-t", {
    externalId: "twin-post",
    contact: { kind: "prospect", name: "Ana García twin", email: "ana.twin@acme.es" },
  });
  await insert(leads, lead, twin);
  await leads.remove("lead-t", { expectedVersion: 1, keysTo: "lead-p" });
  await interactions.append("lead-p", lead.interactions);
  await audit.append([
    {
      ...entry("lead-p", "u-ana", 1, "merge"),
      reason: "Ana asked us",
      details: { takesEmail: "ana.twin@acme.es", conflicts: 1 },
    },
    entry("lead-p", "u-bruno", 2),
  ]);
  await outbox.append([
    {
      id: "e-p-1",
      type: "lead.captured",
      leadId: "lead-p",
      at: at(0),
      actor: "u-ana",
      leadVersion: 1,
      payload: {
        stage: "prospect",
        owner: "u-bruno",
        pool: null,
        generatedBy: "u-ana",
        externalId: "form-post-lead-p",
        origin: { kind: "active", rule: "own-call" },
      },
    },
    event("e-p-2", "lead-p", 2),
    event("e-p-3", "lead-p", 3),
  ]);
  return (await leads.get("lead-p")) as Lead;
}

/** An erasure through the ports, as `LeadService.eraseContact` makes it (without its record). */
async function eraseInPorts(repositories: Repositories, id: string): Promise<void> {
  const lead = await repositories.leads.get(id);
  if (lead === null) throw new Error(`Fixture lead ${id} is missing.`);
  const saved = await repositories.leads.save(anonymizeLead(lead), { expectedVersion: lead.version });
  if (!saved.ok) throw new Error(`Saving the erased lead ${id} failed: ${saved.code}`);
  await repositories.leads.releaseMergedKeys(id);
  await repositories.interactions.erase(id);
  await repositories.audit.erase(id);
  await repositories.outbox.erase(id);
}

function event(id: string, leadId: string, leadVersion: number): DomainEvent {
  return {
    id,
    type: "interaction.recorded",
    leadId,
    at: at(leadVersion),
    actor: "u-ana",
    leadVersion,
    payload: { interactionId: `i-${id}`, type: "email_open", at: at(leadVersion).toISOString() },
  };
}

function requireInsertMany(leads: LeadRepository): NonNullable<LeadRepository["insertMany"]> {
  const insertMany = leads.insertMany?.bind(leads);
  if (insertMany === undefined) {
    throw new Error(
      "The repositories declare the insertMany capability but the lead repository has no insertMany method.",
    );
  }
  return insertMany;
}

function requireFindByBlockingKeys(leads: LeadRepository): NonNullable<LeadRepository["findByBlockingKeys"]> {
  const find = leads.findByBlockingKeys?.bind(leads);
  if (find === undefined) {
    throw new Error(
      "The repositories declare the findByBlockingKeys capability but the lead repository has no findByBlockingKeys method.",
    );
  }
  return find;
}

function requireTransaction(repositories: Repositories): NonNullable<Repositories["transaction"]> {
  const transaction = repositories.transaction?.bind(repositories);
  if (transaction === undefined) {
    throw new Error("The repositories declare the transactions capability but have no transaction method.");
  }
  return transaction;
}
