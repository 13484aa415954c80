// leadkit/postgres on a real, multi-connection PostgreSQL server: the conformance suite through the
// pg and postgres.js recipes, and the concurrency and failure promises that PGlite (one connection,
// so everything serialised) cannot test. Runs when DATABASE_URL is set (`.ci/run` starts a
// throwaway server and sets it); skipped otherwise, with the reason in the suite's name.
import type { Lead } from "leadkit";
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

describe.skipIf(url === undefined)(title, () => {
  const database = () => fromPgPool(pool as pg.Pool);

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
        capabilities: { transactions: true },
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
        capabilities: { transactions: true },
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
    expect(results.map((r) => r.applied.length).sort()).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(await count(database(), `SELECT count(*) AS n FROM "${schema}".leadkit_migrations`)).toBe(1);
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

  test("50 concurrent captures of one email address (spelt differently) make one lead, audited once", async () => {
    const schema = await freshSchema(database(), "captures_email");
    const repositories = createPostgresRepositories(database(), { schema });
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
      `server: 50 concurrent captures of one email → ${kinds.filter((k) => k === "created").length} created, ${kinds.filter((k) => k === "existing").length} existing, in ${Math.round(performance.now() - started)} ms`,
    );
    expect(kinds.filter((k) => k === "created").length).toBe(1);
    expect(kinds.filter((k) => k === "existing").length).toBe(49);
    expect(await count(database(), `SELECT count(*) AS n FROM "${schema}".leads`)).toBe(1);
    expect((await repositories.audit.list()).map((e) => e.action)).toEqual(["capture"]);
  });

  test("a connection killed at any statement of a capture or an update (pg_terminate_backend) leaves no partial state and no audit entry", async () => {
    const schema = await freshSchema(database(), "killed");
    const healthy = createPostgresRepositories(database(), { schema });
    const created = await createLeadService({
      repositories: healthy,
      clock,
      ids: sequentialIds("lead"),
    }).capture(form());
    if (!created.ok || created.value.kind !== "created") throw new Error("fixture capture failed");
    const existing = created.value.lead;
    const state = async () => ({
      leads: await count(database(), `SELECT count(*) AS n FROM "${schema}".leads`),
      existing: await healthy.leads.get(existing.id),
      interactions: await count(database(), `SELECT count(*) AS n FROM "${schema}".interactions`),
      audit: await healthy.audit.list(),
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
        createLeadService({ repositories, clock, ids: sequentialIds(`k${n}`) }).capture(
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
          before = await state();
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
      `server: ${kills} transactions killed at every statement and before COMMIT; none left a trace`,
    );
    expect(kills).toBeGreaterThanOrEqual(8);
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
