// leadkit/postgres on a real, multi-connection PostgreSQL server: the conformance suite through the
// pg and postgres.js recipes, and the concurrency and failure promises that PGlite (one connection,
// so everything serialised) cannot test. Runs when DATABASE_URL is set (`.ci/run` starts a
// throwaway server and sets it); skipped otherwise, with the reason in the suite's name.
import type { Lead } from "leadkit";
import { compileSharingPolicy, DEFAULT_SHARING_POLICY } from "leadkit/origin";
import type { DomainEvent, Repositories } from "leadkit/ports";
import {
  createPostgresRepositories,
  fromPgPool,
  fromPostgresJs,
  migrate,
  type PostgresClient,
  type PostgresDatabase,
} from "leadkit/postgres";
import { type CaptureCommand, createLeadService, isConflictIssue } from "leadkit/services";
import { describeLeadRepositoryContract, fixedClock, sequentialIds } from "leadkit/testing";
import pg from "pg";
import postgres from "postgres";
import { afterAll, describe, expect, test } from "vitest";
import { serviceErasureFailures } from "../support/erasure-checks.js";

const url = process.env["DATABASE_URL"] || undefined;
const title =
  url === undefined
    ? "leadkit/postgres on a PostgreSQL server (skipped: DATABASE_URL is not set; .ci/run starts a server and sets it)"
    : "leadkit/postgres on a PostgreSQL server";

// Connections are opened on first use, so a run without a server opens none.
const pool = url === undefined ? undefined : new pg.Pool({ connectionString: url, max: 24 });
const sql = url === undefined ? undefined : postgres(url, { max: 20, onnotice: () => {} });
const schemas: string[] = [];
let counter = 0;
const schemaOf = new WeakMap<object, string>();

async function freshSchema(database: PostgresDatabase, prefix: string): Promise<string> {
  const schema = `${prefix}_${process.pid}_${++counter}`;
  schemas.push(schema);
  await migrate(database, { schema });
  return schema;
}

afterAll(async () => {
  if (pool !== undefined) {
    for (const schema of schemas) await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  }
  await sql?.end();
});

const clock = fixedClock("2026-03-02T09:00:00Z");
const at = new Date("2026-03-01T12:00:00Z");
const form = (overrides: Partial<CaptureCommand> = {}): CaptureCommand => ({
  actor: "system",
  contact: { kind: "prospect", name: "Jorge Ruiz", email: "jorge@globex.example" },
  capture: { channel: "form", initiator: { kind: "contact" }, capturePoint: { managedBy: "company" } },
  ...overrides,
});
/** Opens every pooled connection, so a burst that follows runs at once instead of as connections open. */
const warm = () => Promise.all(Array.from({ length: 24 }, () => pool?.query("SELECT pg_sleep(0.05)")));
const count = async (client: PostgresClient, text: string, params: unknown[] = []) =>
  Number((await client.query(text, params)).rows[0]?.["n"]);
/** The same stores without the transaction capability: each statement commits on its own. */
const withoutTransactions = ({
  leads,
  interactions,
  audit,
  outbox,
  distribution,
}: Repositories): Repositories => ({
  leads,
  interactions,
  audit,
  outbox,
  distribution,
});

describe.skipIf(url === undefined)(title, () => {
  const database = () => fromPgPool(pool as pg.Pool);

  test("erasure through the service: no store returns the person's data, the funnel is unchanged", async () => {
    const schema = await freshSchema(database(), "erasure");
    expect(await serviceErasureFailures(createPostgresRepositories(database(), { schema }))).toEqual([]);
    const plain = await freshSchema(database(), "erasure_plain");
    expect(
      await serviceErasureFailures(
        withoutTransactions(createPostgresRepositories(database(), { schema: plain })),
      ),
    ).toEqual([]);
  });

  describe("the conformance suite through a pg Pool (20 concurrent writers)", () => {
    describeLeadRepositoryContract(
      { test, expect },
      async () => {
        const schema = await freshSchema(database(), "node_pg_contract");
        const repositories = createPostgresRepositories(database(), { schema });
        schemaOf.set(repositories, schema);
        return repositories;
      },
      {
        capabilities: { transactions: true, insertMany: true, findByBlockingKeys: true },
        concurrency: 20,
        prefix: "server, pg: ",
        dispose: async (repositories) => {
          await pool?.query(`DROP SCHEMA "${schemaOf.get(repositories)}" CASCADE`);
        },
      },
    );
  });

  describe("the conformance suite through postgres.js (20 concurrent writers)", () => {
    const js = () => fromPostgresJs(sql as postgres.Sql);
    describeLeadRepositoryContract(
      { test, expect },
      async () => {
        const schema = await freshSchema(js(), "js_contract");
        const repositories = createPostgresRepositories(js(), { schema });
        schemaOf.set(repositories, schema);
        return repositories;
      },
      {
        capabilities: { transactions: true, insertMany: true, findByBlockingKeys: true },
        concurrency: 20,
        prefix: "server, postgres.js: ",
        dispose: async (repositories) => {
          await sql?.unsafe(`DROP SCHEMA "${schemaOf.get(repositories)}" CASCADE`);
        },
      },
    );
  });

  test("migrate: 10 app instances starting at once apply the schema once, and nobody fails", async () => {
    const schema = `migrate_race_${process.pid}`;
    schemas.push(schema);
    const results = await Promise.all(Array.from({ length: 10 }, () => migrate(database(), { schema })));
    // One instance applies every migration (the PGlite contract pins which), the other nine none.
    const latest = Math.max(...results.map((r) => r.version));
    expect(results.map((r) => r.applied.length).sort()).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, latest]);
    expect(await count(database(), `SELECT count(*) AS n FROM "${schema}".leadkit_migrations`)).toBe(latest);
  });

  test("100 concurrent writers of one version: exactly one wins, 99 get a conflict at version 2", async () => {
    const schema = await freshSchema(database(), "writers");
    const repositories = createPostgresRepositories(database(), { schema });
    const { leads, transaction } = repositories;
    const created = await createLeadService({ repositories, clock, ids: sequentialIds("lead") }).capture(
      form(),
    );
    if (!created.ok || created.value.kind !== "created") throw new Error("fixture capture failed");
    const lead = created.value.lead;
    await warm();
    const started = performance.now();
    const outcomes = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        i % 2 === 0
          ? leads.save({ ...lead, tags: [`writer-${i}`] }, { expectedVersion: 1 })
          : transaction((trx) => trx.leads.save({ ...lead, tags: [`writer-${i}`] }, { expectedVersion: 1 })),
      ),
    );
    const elapsed = performance.now() - started;
    const winners = outcomes.filter((o) => o.ok);
    const conflicts = outcomes.filter((o) => !o.ok && o.code === "conflict" && o.currentVersion === 2);
    console.log(
      `server: 100 concurrent saves of v1 → ${winners.length} winner, ${conflicts.length} conflicts at v2, in ${Math.round(elapsed)} ms`,
    );
    expect(winners.length).toBe(1);
    expect(conflicts.length).toBe(99);
    const stored = (await leads.get(lead.id)) as Lead;
    expect(stored).toEqual(winners[0]?.ok === true ? winners[0].lead : "no winner");
  });

  test("100 concurrent writers through the service, each retrying its conflicts: one winner per version, no lost update", async () => {
    const schema = await freshSchema(database(), "service_writers");
    const repositories = createPostgresRepositories(database(), { schema });
    const service = createLeadService({ repositories, clock, ids: sequentialIds("w") });
    const created = await service.capture(form());
    if (!created.ok || created.value.kind !== "created") throw new Error("fixture capture failed");
    const leadId = created.value.lead.id;
    await warm();
    let attempts = 0;
    let conflicts = 0;
    const started = performance.now();
    const added = await Promise.all(
      Array.from({ length: 100 }, async () => {
        for (;;) {
          attempts++;
          const result = await service.recordInteraction({
            actor: "system",
            leadId,
            interaction: { type: "email_click", at, initiator: { kind: "contact" } },
          });
          if (result.ok) return result.value.lead.interactions.at(-1)?.id;
          if (!result.issues.some(isConflictIssue)) throw new Error(JSON.stringify(result.issues));
          conflicts++;
        }
      }),
    );
    const elapsed = performance.now() - started;
    console.log(
      `server: 100 service writers to one lead → 100 saved after ${attempts} attempts (${conflicts} conflicts retried), in ${Math.round(elapsed)} ms`,
    );
    const lead = (await repositories.leads.get(leadId)) as Lead;
    expect(lead.version).toBe(101);
    expect(new Set(added).size).toBe(100);
    expect(lead.interactions.map((i) => i.id).sort()).toEqual([...(added as string[])].sort());
    expect((await repositories.interactions.list(leadId)).length).toBe(100);
    const audit = await repositories.audit.list({ leadId });
    expect(
      audit
        .filter((e) => e.action === "record_interaction")
        .map((e) => e.afterVersion)
        .sort((a, b) => (a ?? 0) - (b ?? 0)),
    ).toEqual(Array.from({ length: 100 }, (_, i) => i + 2));
    expect(audit.every((e) => e.beforeVersion === (e.afterVersion ?? 0) - 1)).toBe(true);
  });

  test("50 concurrent captures of one external id make one lead, audited once", async () => {
    const schema = await freshSchema(database(), "captures_external");
    const repositories = createPostgresRepositories(database(), { schema });
    await warm();
    const started = performance.now();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        createLeadService({ repositories, clock, ids: sequentialIds(`c${i}`) }).capture(
          // Retries of one form post: the external id is the only key they share.
          form({ externalId: "webform-1", contact: { kind: "prospect", name: `Retry ${i}` } }),
        ),
      ),
    );
    const kinds = results.map((r) => (r.ok ? r.value.kind : r.issues[0]?.code));
    console.log(
      `server: 50 concurrent captures of one external id → ${kinds.filter((k) => k === "created").length} created, ${kinds.filter((k) => k === "existing").length} existing, in ${Math.round(performance.now() - started)} ms`,
    );
    expect(kinds.filter((k) => k === "created").length).toBe(1);
    expect(kinds.filter((k) => k === "existing").length).toBe(49);
    expect(await count(database(), `SELECT count(*) AS n FROM "${schema}".leads`)).toBe(1);
    expect((await repositories.audit.list()).map((e) => e.action)).toEqual(["capture"]);
  });

  test.each([
    ["in transactions", true],
    ["without transactions", false],
  ] as const)(
    "50 concurrent captures of one email address (spelt differently), %s: one lead, audited once — the unique index decides, no lock",
    async (mode, transactional) => {
      const schema = await freshSchema(database(), `captures_email_${transactional ? "trx" : "plain"}`);
      const all = createPostgresRepositories(database(), { schema });
      const repositories = transactional ? all : withoutTransactions(all);
      const spellings = [
        "ana.garcia@acme.es",
        "Ana.Garcia@ACME.es",
        " ana.garcia@acme.es ",
        "ANA.GARCIA@acme.ES",
      ];
      await warm();
      const started = performance.now();
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          createLeadService({ repositories, clock, ids: sequentialIds(`e${i}`) }).capture(
            form({
              contact: {
                kind: "prospect",
                name: "Ana García",
                email: spellings[i % spellings.length] as string,
              },
            }),
          ),
        ),
      );
      const kinds = results.map((r) => (r.ok ? r.value.kind : r.issues[0]?.code));
      console.log(
        `server: 50 concurrent captures of one email ${mode} → ${kinds.filter((k) => k === "created").length} created, ${kinds.filter((k) => k === "existing").length} existing, in ${Math.round(performance.now() - started)} ms`,
      );
      expect(kinds.filter((k) => k === "created").length).toBe(1);
      expect(kinds.filter((k) => k === "existing").length).toBe(49);
      expect(await count(database(), `SELECT count(*) AS n FROM "${schema}".leads`)).toBe(1);
      expect((await all.audit.list()).map((e) => e.action)).toEqual(["capture"]);
      expect(new Set((await all.outbox.list()).map((e) => e.leadId)).size).toBe(1);
      // No lock is involved: the lookup takes none, and nothing is left waiting.
      expect(await count(database(), `SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory'`)).toBe(
        0,
      );
    },
  );

  test.each([
    ["in transactions", true],
    ["without transactions", false],
  ] as const)(
    "round-robin stays fair under 40 concurrent captures over 4 members, %s: 10 each",
    async (mode, transactional) => {
      const schema = await freshSchema(database(), `fair_${transactional ? "trx" : "plain"}`);
      const all = createPostgresRepositories(database(), { schema });
      const repositories = transactional ? all : withoutTransactions(all);
      const members = ["u-ana", "u-bruno", "u-carla", "u-dario"];
      const config = {
        policy: compileSharingPolicy({ ...DEFAULT_SHARING_POLICY, members }),
        distribution: {
          key: "inbound",
          strategy: "round_robin",
          members: members.map((userId) => ({ userId })),
        },
      } as const;
      await warm();
      const started = performance.now();
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          createLeadService({ repositories, clock, ids: sequentialIds(`r${i}`), config }).capture(
            form({ contact: { kind: "prospect", name: `Person ${i}`, email: `p${i}@company${i}.example` } }),
          ),
        ),
      );
      const owners = results.map((r) => (r.ok && r.value.kind === "created" ? r.value.lead.owner : "failed"));
      const tally = Object.fromEntries(members.map((m) => [m, owners.filter((o) => o === m).length]));
      const rotation = await all.distribution.get("inbound");
      console.log(
        `server: 40 concurrent captures, round-robin over 4 members ${mode} → ${JSON.stringify(tally)} in ${Math.round(performance.now() - started)} ms (rotation at v${rotation?.version})`,
      );
      expect(tally).toEqual({ "u-ana": 10, "u-bruno": 10, "u-carla": 10, "u-dario": 10 });
      expect(rotation?.version).toBe(40);
      expect(rotation?.state.assigned).toEqual(tally);
    },
  );

  test("outbox: writers and three consumers at once — every committed change delivered once, in order per lead, and no event without its change", async () => {
    const schema = await freshSchema(database(), "outbox_live");
    const repositories = createPostgresRepositories(database(), { schema });
    const service = createLeadService({ repositories, clock, ids: sequentialIds("o") });
    await warm();
    let writing = true;
    const delivered: { consumer: string; event: DomainEvent }[] = [];
    const consume = async (consumer: string) => {
      let idle = 0;
      while (writing || idle < 2) {
        const batch = await repositories.outbox.claim({
          consumer,
          limit: 7,
          leaseMs: 60_000,
          now: new Date(),
        });
        idle = batch.length === 0 ? idle + 1 : 0;
        for (const { event } of batch) {
          delivered.push({ consumer, event });
          await new Promise((resolve) => setImmediate(resolve));
        }
        await repositories.outbox.acknowledge(batch.map((c) => c.event.id));
        if (batch.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      }
    };
    const write = async (lead: number) => {
      const created = await service.capture(
        form({ contact: { kind: "prospect", name: `Person ${lead}`, email: `p${lead}@co${lead}.example` } }),
      );
      if (!created.ok || created.value.kind !== "created") throw new Error("capture failed");
      const leadId = created.value.lead.id;
      // Two writers per lead, each retrying its conflicts: versions interleave between them.
      await Promise.all(
        [0, 1].map(async () => {
          for (let done = 0; done < 5; ) {
            const result = await service.recordInteraction({
              actor: "system",
              leadId,
              interaction: { type: "email_click", at, initiator: { kind: "contact" } },
            });
            if (result.ok) done++;
            else if (!result.issues.some(isConflictIssue)) throw new Error(JSON.stringify(result.issues));
          }
        }),
      );
      return leadId;
    };
    const started = performance.now();
    const consumers = Promise.all(["c-1", "c-2", "c-3"].map(consume));
    const leadIds = await Promise.all(Array.from({ length: 12 }, (_, i) => write(i)));
    writing = false;
    await consumers;
    const elapsed = performance.now() - started;

    const stored = await repositories.outbox.list();
    const ids = delivered.map((d) => d.event.id);
    const perConsumer = ["c-1", "c-2", "c-3"].map((c) => delivered.filter((d) => d.consumer === c).length);
    console.log(
      `server: 12 leads × 11 changes by concurrent writers, 3 consumers → ${delivered.length} events delivered (${perConsumer.join("/")} per consumer), ${new Set(ids).size} distinct, in ${Math.round(elapsed)} ms`,
    );
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(stored.map((e) => e.id).sort());
    expect(perConsumer.filter((n) => n > 0).length).toBeGreaterThan(1);
    for (const leadId of leadIds) {
      const lead = (await repositories.leads.get(leadId)) as Lead;
      const versions = delivered.filter((d) => d.event.leadId === leadId).map((d) => d.event.leadVersion);
      // In order per lead: the versions as delivered are the versions as appended, ascending.
      expect(versions).toEqual(stored.filter((e) => e.leadId === leadId).map((e) => e.leadVersion));
      expect(versions).toEqual([...versions].sort((a, b) => a - b));
      // Every committed change has its events, and no event is about a change that was not committed.
      expect(lead.version).toBe(11);
      expect([...new Set(versions)]).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));
    }
    expect(
      await repositories.outbox.claim({ consumer: "late", limit: 100, leaseMs: 1, now: new Date() }),
    ).toEqual([]);
  });

  test("importLeads: the same file imported twice at once, in transactions and without, stores each record once", async () => {
    const records = Array.from({ length: 300 }, (_, i) => ({
      Name: `Person ${i}`,
      // One record in five has no email: only the import's own external id can tell it apart.
      ...(i % 5 === 0 ? {} : { Email: `p${i}@co${i % 40}.example` }),
    }));
    for (const transactional of [true, false]) {
      const schema = await freshSchema(database(), `import_race_${transactional ? "trx" : "plain"}`);
      const all = createPostgresRepositories(database(), { schema });
      const repositories = transactional ? all : withoutTransactions(all);
      await warm();
      const started = performance.now();
      const reports = await Promise.all(
        ["a", "b"].map(async (name) => {
          const result = await createLeadService({
            repositories,
            clock,
            ids: sequentialIds(`imp-${name}`),
          }).importLeads(records, {
            actor: "system",
            importId: "race",
            fieldMap: { "contact.name": "Name", "contact.email": "Email" },
            batchSize: 50,
          });
          if (!result.ok) throw new Error(JSON.stringify(result.issues));
          return result.value;
        }),
      );
      const elapsed = performance.now() - started;
      console.log(
        `server: two concurrent imports of 300 records ${transactional ? "in transactions" : "without transactions"} → ${reports.map((r) => `${r.created} created/${r.skipped} skipped/${r.failed} failed`).join(" + ")} in ${Math.round(elapsed)} ms`,
      );
      expect(reports.reduce((n, r) => n + r.created, 0)).toBe(300);
      expect(reports.reduce((n, r) => n + r.skipped, 0)).toBe(300);
      expect(await count(database(), `SELECT count(*) AS n FROM "${schema}".leads`)).toBe(300);
      expect((await all.audit.list()).length).toBe(300);
      expect((await all.outbox.list()).filter((e) => e.type === "lead.captured").length).toBe(300);
    }
  });

  test("a connection killed at any statement of a capture or an update (pg_terminate_backend) leaves no partial state, no audit entry and no event; a killed claim leases nothing", async () => {
    const schema = await freshSchema(database(), "killed");
    const healthy = createPostgresRepositories(database(), { schema });
    // Captures take a turn of a rotation too: the rotation's state is part of what must not move.
    const config = {
      distribution: { strategy: "round_robin", members: [{ userId: "u-ana" }, { userId: "u-bruno" }] },
    } as const;
    const created = await createLeadService({
      repositories: healthy,
      clock,
      ids: sequentialIds("lead"),
      config,
    }).capture(form());
    if (!created.ok || created.value.kind !== "created") throw new Error("fixture capture failed");
    const existing = created.value.lead;
    const state = async () => ({
      leads: await count(database(), `SELECT count(*) AS n FROM "${schema}".leads`),
      existing: await healthy.leads.get(existing.id),
      interactions: await count(database(), `SELECT count(*) AS n FROM "${schema}".interactions`),
      audit: await healthy.audit.list(),
      events: await healthy.outbox.list(),
      rotation: await healthy.distribution.get("default"),
    });
    let before = await state();

    /** A database whose transactions terminate their own connection just before statement `killAt`. */
    const killing = (killAt: number) => {
      let statements = 0;
      const base = database();
      const kill = async (client: PostgresClient) => {
        const pid = (await client.query("SELECT pg_backend_pid() AS pid")).rows[0]?.["pid"];
        await pool?.query("SELECT pg_terminate_backend($1, 10000)", [pid]);
      };
      const killable: PostgresDatabase = {
        query: (text, params) => base.query(text, params),
        transaction: (work) =>
          base.transaction(async (client) => {
            const result = await work({
              query: async (text, params) => {
                if (++statements === killAt) await kill(client);
                return client.query(text, params);
              },
            });
            if (++statements === killAt) await kill(client); // so that COMMIT is sent on a dead connection
            return result;
          }),
      };
      return { repositories: createPostgresRepositories(killable, { schema }), statements: () => statements };
    };
    const operations = {
      capture: (repositories: ReturnType<typeof killing>["repositories"], n: number) =>
        createLeadService({ repositories, clock, ids: sequentialIds(`k${n}`), config }).capture(
          form({
            externalId: "killed-post",
            contact: { kind: "prospect", name: "Eva Sanz", email: "eva@initech.example" },
            interactions: [{ type: "email_open", at, initiator: { kind: "contact" } }],
          }),
        ),
      update: (repositories: ReturnType<typeof killing>["repositories"], n: number) =>
        createLeadService({ repositories, clock, ids: sequentialIds(`u${n}`) }).recordInteraction({
          actor: "system",
          leadId: existing.id,
          interaction: { type: "email_click", at, initiator: { kind: "contact" } },
        }),
    };
    let kills = 0;
    for (const [name, run] of Object.entries(operations)) {
      for (let killAt = 1; ; killAt++) {
        const attempt = killing(killAt);
        const outcome = await run(attempt.repositories, killAt).then(
          () => "resolved",
          (error: unknown) => `rejected: ${String(error).slice(0, 60)}`,
        );
        if (attempt.statements() < killAt) {
          // The run ended before statement killAt: nothing was killed, it committed, every point was tried.
          expect({ name, killAt, outcome }).toEqual({ name, killAt, outcome: "resolved" });
          const after = await state();
          // The committed change came with its events and its audit entry.
          expect(after.events.length).toBeGreaterThan(before.events.length);
          expect(after.audit.length).toBe(before.audit.length + 1);
          const last = after.audit.at(-1);
          expect(
            after.events
              .filter((e) => e.leadId === last?.leadId && e.leadVersion === last?.afterVersion)
              .map((e) => e.type),
          ).toContain(name === "capture" ? "lead.captured" : "interaction.recorded");
          before = after;
          break;
        }
        kills++;
        expect({ name, killAt, outcome: outcome.startsWith("rejected") }).toEqual({
          name,
          killAt,
          outcome: true,
        });
        expect(await state()).toEqual(before);
      }
    }
    console.log(
      `server: ${kills} transactions killed at every statement and before COMMIT; none left a trace (lead, interaction, audit entry, event or rotation turn)`,
    );
    expect(kills).toBeGreaterThanOrEqual(10);

    // A delivery worker whose claim is killed before it commits leases nothing: the events stay
    // claimable, as if never claimed.
    const pending = (await healthy.outbox.list()).length;
    const killedClaim = killing(2);
    const claimOutcome = await killedClaim.repositories
      .transaction((trx) =>
        trx.outbox.claim({ consumer: "doomed", limit: 100, leaseMs: 60_000, now: new Date() }),
      )
      .then(
        () => "resolved",
        () => "rejected",
      );
    expect(claimOutcome).toBe("rejected");
    const reclaimed = await healthy.outbox.claim({
      consumer: "c-1",
      limit: 100,
      leaseMs: 60_000,
      now: new Date(),
    });
    expect(reclaimed.length).toBe(pending);
    expect(reclaimed.every((c) => c.attempt === 1)).toBe(true);
    const idle = await count(
      database(),
      `SELECT count(*) AS n FROM pg_stat_activity WHERE state LIKE 'idle in transaction%' AND datname = current_database()`,
    );
    expect(idle).toBe(0);
    const after = await createLeadService({
      repositories: healthy,
      clock,
      ids: sequentialIds("after"),
    }).capture(
      form({
        externalId: "after-kills",
        contact: { kind: "prospect", name: "Luis", email: "luis@hooli.example" },
      }),
    );
    expect(after.ok && after.value.kind).toBe("created");
  });
});
