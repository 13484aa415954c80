import { PGlite } from "@electric-sql/pglite";
import type { Lead } from "leadkit";
import type { Repositories } from "leadkit/ports";
import { createLeadService, isConflictIssue } from "leadkit/services";
import { describeLeadRepositoryContract, fixedClock, sequentialIds, withFaults } from "leadkit/testing";
import { afterAll, describe, expect, test } from "vitest";
import { migrate } from "../../examples/postgres-repository/migrate.js";
import { createPostgresRepositories } from "../../examples/postgres-repository/postgres-repositories.js";

// One PGlite per file (it takes seconds to start); every test gets its own schema.
let database: Promise<PGlite> | undefined;
const db = () => {
  database ??= PGlite.create();
  return database;
};
let schemas = 0;
const schemaOf = new WeakMap<object, string>();

afterAll(async () => {
  await (await database)?.close();
});

describe("PostgreSQL repositories on PGlite", () => {
  describeLeadRepositoryContract(
    { test, expect },
    async () => {
      const pg = await db();
      const schema = `contract_${++schemas}`;
      await migrate(pg, schema);
      const repositories = createPostgresRepositories(pg, { schema });
      schemaOf.set(repositories, schema);
      return repositories;
    },
    {
      capabilities: { transactions: true },
      prefix: "postgres: ",
      dispose: async (repositories) => {
        await (await db()).query(`DROP SCHEMA "${schemaOf.get(repositories)}" CASCADE`);
      },
    },
  );
});

describe("the lead service on PostgreSQL", () => {
  const fresh = async () => {
    const pg = await db();
    const schema = `service_${++schemas}`;
    await migrate(pg, schema);
    return createPostgresRepositories(pg, { schema });
  };
  const services = async (repositories: Repositories) =>
    createLeadService({
      repositories,
      clock: fixedClock("2026-03-02T09:00:00Z"),
      ids: sequentialIds("lead"),
    });
  const post = {
    actor: "system",
    externalId: "post-1",
    contact: { kind: "prospect", name: "Jorge Ruiz", email: "jorge@globex.example" },
    capture: { channel: "form", initiator: { kind: "contact" }, capturePoint: { managedBy: "company" } },
  } as const;

  test("capture is idempotent, concurrent edits of one version conflict, and audit follows versions", async () => {
    const repositories = await fresh();
    const service = await services(repositories);
    const [a, b] = await Promise.all([service.capture(post), service.capture(post)]);
    expect([a.ok && a.value.kind, b.ok && b.value.kind].sort()).toEqual(["created", "existing"]);
    const lead = (await repositories.leads.getByExternalId("post-1")) as Lead;
    const edits = await Promise.all(
      ["email_open", "email_click"].map((type) =>
        service.recordInteraction({
          actor: "system",
          leadId: lead.id,
          expectedVersion: 1,
          interaction: {
            type: type as "email_open",
            at: new Date("2026-03-01T00:00:00Z"),
            initiator: { kind: "contact" },
          },
        }),
      ),
    );
    expect(edits.filter((r) => r.ok)).toHaveLength(1);
    expect(
      edits.flatMap((r) => (r.ok ? [] : r.issues.filter(isConflictIssue).map((i) => i.currentVersion))),
    ).toEqual([2]);
    expect((await repositories.audit.list()).map((e) => [e.action, e.afterVersion])).toEqual([
      ["capture", 1],
      ["record_interaction", 2],
    ]);
  });

  test("a failure inside the transaction rolls the whole operation back", async () => {
    const repositories = await fresh();
    const service = await services(withFaults(repositories, { method: "audit.append", onCall: 1 }));
    await expect(service.capture(post)).rejects.toThrow(/Injected fault/);
    expect(await repositories.leads.getByExternalId("post-1")).toBe(null);
    expect(await repositories.interactions.list("lead-000001")).toEqual([]);
  });
});
