import { PGlite } from "@electric-sql/pglite";
import { duplicateKeys, isLeadKitError, isPersonalEmail, type Lead, parseLead } from "leadkit";
import { matchesLeadQuery } from "leadkit/ports";
import {
  createPostgresRepositories,
  migrate,
  type PostgresClient,
  type PostgresDatabase,
  postgresMigrations,
} from "leadkit/postgres";
import {
  compilePointsModel,
  DEFAULT_POINTS_MODEL,
  looksUnpronounceable,
  pointsModelToSql,
} from "leadkit/scoring";
import { createLeadService, isConflictIssue } from "leadkit/services";
import {
  describeLeadRepositoryContract,
  fixedClock,
  generateLeads,
  sequentialIds,
  withFaults,
} from "leadkit/testing";
import { afterAll, describe, expect, test } from "vitest";
import { serviceErasureFailures } from "../support/erasure-checks.js";
import { withoutInsertMany } from "../support/without-insert-many.js";

// One PGlite per file (it takes seconds to start); every test gets its own schema.
let started: Promise<PGlite> | undefined;
const db = () => {
  started ??= PGlite.create();
  return started;
};
let schemas = 0;
const schemaOf = new WeakMap<object, string>();

afterAll(async () => {
  await (await started)?.close();
});

async function fresh(prefix: string) {
  const pg = await db();
  const schema = `${prefix}_${++schemas}`;
  await migrate(pg, { schema });
  const repositories = createPostgresRepositories(pg, { schema });
  schemaOf.set(repositories, schema);
  return repositories;
}

describe("leadkit/postgres on PGlite: the conformance suite", () => {
  describeLeadRepositoryContract({ test, expect }, () => fresh("contract"), {
    capabilities: { transactions: true, insertMany: true, findByBlockingKeys: true },
    prefix: "pglite: ",
    dispose: async (repositories) => {
      await (await db()).query(`DROP SCHEMA "${schemaOf.get(repositories)}" CASCADE`);
    },
  });
});

describe("erasure through the service on leadkit/postgres (PGlite)", () => {
  test("no store returns the person's data, the funnel is unchanged, the keys are free", async () => {
    expect(await serviceErasureFailures(await fresh("erasure"))).toEqual([]);
    const { leads, interactions, audit, outbox, distribution } = await fresh("erasure_plain");
    expect(await serviceErasureFailures({ leads, interactions, audit, outbox, distribution })).toEqual([]);
  });
});

describe("the lead service on leadkit/postgres (PGlite)", () => {
  const service = (repositories: Parameters<typeof createLeadService>[0]["repositories"], ids = "lead") =>
    createLeadService({
      repositories,
      clock: fixedClock("2026-03-02T09:00:00Z"),
      ids: sequentialIds(ids),
    });
  const post = {
    actor: "system",
    externalId: "post-1",
    contact: { kind: "prospect", name: "Jorge Ruiz", email: "jorge@globex.example" },
    capture: { channel: "form", initiator: { kind: "contact" }, capturePoint: { managedBy: "company" } },
  } as const;

  test("capture is idempotent, concurrent edits of one version conflict, and audit follows versions", async () => {
    const repositories = await fresh("service");
    const leads = service(repositories);
    const [a, b] = await Promise.all([leads.capture(post), leads.capture(post)]);
    expect([a.ok && a.value.kind, b.ok && b.value.kind].sort()).toEqual(["created", "existing"]);
    const lead = (await repositories.leads.getByExternalId("post-1")) as Lead;
    const edits = await Promise.all(
      (["email_open", "email_click"] as const).map((type) =>
        leads.recordInteraction({
          actor: "system",
          leadId: lead.id,
          expectedVersion: 1,
          interaction: { type, at: new Date("2026-03-01T00:00:00Z"), initiator: { kind: "contact" } },
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

  test("with canonical email keys, one Gmail mailbox written two ways is one lead; the address is kept as written", async () => {
    const pg = await db();
    const schema = `canonical_${++schemas}`;
    await migrate(pg, { schema });
    const duplicates = { canonicalEmail: true } as const;
    const repositories = createPostgresRepositories(pg, { schema, duplicateKeys: duplicates });
    const leads = createLeadService({
      repositories,
      clock: fixedClock("2026-03-02T09:00:00Z"),
      ids: sequentialIds("canon"),
      config: { duplicates },
    });
    const submit = (email: string) =>
      leads.capture({
        actor: post.actor,
        capture: post.capture,
        contact: { kind: "prospect", name: "Ana García", email },
      });
    const outcomes = await Promise.all([
      submit("Ana.Garcia+promo@gmail.com"),
      submit("anagarcia@googlemail.com"),
    ]);
    expect(outcomes.map((o) => o.ok && o.value.kind).sort()).toEqual(["created", "existing"]);
    const rows = await pg.query<{ email_key: string; email: string }>(
      `SELECT email_key, data->'contact'->>'email' AS email FROM ${schema}.leads`,
    );
    expect(rows.rows).toHaveLength(1);
    expect(rows.rows[0]?.email_key).toBe("anagarcia@gmail.com");
    expect(["Ana.Garcia+promo@gmail.com", "anagarcia@googlemail.com"]).toContain(rows.rows[0]?.email);
    await pg.query(`DROP SCHEMA "${schema}" CASCADE`);
  });

  test("a fault at any store call of a capture or an update leaves the records as they were, unaudited", async () => {
    const at = new Date("2026-03-01T00:00:00Z");
    const operations = {
      capture: (leads: ReturnType<typeof service>, _leadId: string) =>
        leads.capture({
          ...post,
          contact: { kind: "prospect", name: "Eva Sanz", email: "eva@initech.example" },
          interactions: [{ type: "email_open", at, initiator: { kind: "contact" } }],
        }),
      update: (leads: ReturnType<typeof service>, leadId: string) =>
        leads.recordInteraction({
          actor: "system",
          leadId,
          interaction: { type: "email_click", at, initiator: { kind: "contact" } },
        }),
    };
    const hit: string[] = [];
    for (const method of [
      "leads.get",
      "leads.getByExternalId",
      "leads.findByDuplicateKeys",
      "leads.save",
      "interactions.append",
      "audit.append",
    ] as const) {
      for (const timing of ["before", "after"] as const) {
        for (const [name, run] of Object.entries(operations)) {
          const repositories = await fresh("faults");
          const created = await service(repositories).capture({ ...post, externalId: "post-0" });
          if (!created.ok || created.value.kind !== "created") throw new Error("fixture capture failed");
          const existing = created.value.lead;
          const faulty = withFaults(repositories, { method, onCall: 1, timing });
          const outcome = await run(service(faulty, "faulty"), existing.id).then(
            () => "resolved",
            () => "rejected",
          );
          if (faulty.callsOf(method) === 0) {
            expect({ method, name, outcome }).toEqual({ method, name, outcome: "resolved" });
            continue;
          }
          expect({ method, timing, name, outcome }).toEqual({ method, timing, name, outcome: "rejected" });
          hit.push(`${name} ${method} ${timing}`);
          expect(await repositories.leads.getByExternalId("post-1")).toBe(null);
          expect(await repositories.leads.get(existing.id)).toEqual(existing);
          expect((await repositories.audit.list()).map((e) => e.action)).toEqual(["capture"]);
          expect(await repositories.interactions.list(existing.id)).toEqual([]);
          await (await db()).query(`DROP SCHEMA "${schemaOf.get(repositories)}" CASCADE`);
        }
      }
    }
    // Capture reads by external id and duplicate keys, then writes; an update reads, then writes.
    expect(hit.length).toBe(2 * (5 + 4));
  });
});

describe("importLeads on leadkit/postgres (PGlite)", () => {
  const records = Array.from({ length: 90 }, (_, i) => ({
    Name: `Person ${i}`,
    // Every 9th record repeats the previous one's email: a duplicate inside one batch.
    Email: `p${i % 9 === 8 ? i - 1 : i}@co${i}.example`,
  }));
  const distinct = new Set(records.map((r) => r.Email)).size;
  const importOptions = {
    actor: "system",
    importId: "pg-import",
    fieldMap: { "contact.name": "Name", "contact.email": "Email" },
  } as const;
  const service = (repositories: Parameters<typeof createLeadService>[0]["repositories"], ids: string) =>
    createLeadService({ repositories, clock: fixedClock("2026-03-02T09:00:00Z"), ids: sequentialIds(ids) });

  // Batches of 20 records; each batch's records are inserted together (insertMany call 3 is the
  // third batch), or, without insertMany, saved one by one (save call 45 is in the third batch).
  for (const [how, plan] of [
    ["with insertMany", { method: "leads.insertMany", onCall: 3, timing: "after" }],
    ["without insertMany", { method: "leads.save", onCall: 45, timing: "after" }],
  ] as const) {
    test(`a batch is one transaction (${how}): a fault mid-batch stores none of it, and resuming from the checkpoint makes no twin`, async () => {
      const stored_ = await fresh("import");
      const repositories = plan.method === "leads.save" ? withoutInsertMany(stored_) : stored_;
      const faulty = withFaults(repositories, plan);
      let checkpoint = 0;
      const broken = await service(faulty, "first")
        .importLeads(records, {
          ...importOptions,
          batchSize: 20,
          onProgress: (p) => {
            checkpoint = p.checkpoint;
          },
        })
        .then(
          () => "resolved",
          () => "rejected",
        );
      expect(broken).toBe("rejected");
      // The fault is in the third batch, which was rolled back whole.
      expect(checkpoint).toBe(40);
      const stored = async () =>
        Number(
          (
            await (
              await db()
            ).query<{ n: number }>(`SELECT count(*)::int AS n FROM "${schemaOf.get(stored_)}".leads`)
          ).rows[0]?.n,
        );
      expect(await stored()).toBe(new Set(records.slice(0, 40).map((r) => r.Email)).size);
      expect((await repositories.audit.list()).length).toBe(await stored());

      const resumed = await service(repositories, "resumed").importLeads(records, {
        ...importOptions,
        batchSize: 20,
        startAfter: checkpoint,
      });
      expect(resumed.ok && [resumed.value.checkpoint, resumed.value.failed]).toEqual([90, 0]);
      expect(await stored()).toBe(distinct);
      const audit = await repositories.audit.list();
      expect(audit.length).toBe(distinct);
      expect(new Set(audit.map((e) => e.leadId)).size).toBe(distinct);
      expect((await repositories.outbox.list()).filter((e) => e.type === "lead.captured").length).toBe(
        distinct,
      );
    });
  }
});

describe("migrate", () => {
  test("creates the tables once, records the version, and a second call applies nothing", async () => {
    const pg = await db();
    const first = await migrate(pg, { schema: "migrate_once" });
    expect(first).toEqual({ schema: "migrate_once", applied: [1, 2, 3], version: 3 });
    expect(await migrate(pg, { schema: "migrate_once" })).toEqual({
      schema: "migrate_once",
      applied: [],
      version: 3,
    });
    const { rows } = await pg.query<{ version: number; name: string }>(
      `SELECT version, name FROM migrate_once.leadkit_migrations`,
    );
    expect(rows).toEqual([
      { version: 1, name: "leads, interactions and audit log" },
      { version: 2, name: "unique emails, bounded duplicate lookups, outbox and distribution rotations" },
      { version: 3, name: "last activity counts stage changes" },
    ]);
    const tables = await pg.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'migrate_once' ORDER BY 1`,
    );
    expect(tables.rows.map((r) => r.table_name)).toEqual([
      "audit_log",
      "distribution_state",
      "interactions",
      "lead_keys",
      "leadkit_migrations",
      "leads",
      "outbox",
    ]);
  });

  test("migration 3 moves a stored last activity forward to the lead's latest stage change", async () => {
    const pg = await db();
    await migrate(pg, { schema: "activity_upgrade" });
    const { leads } = createPostgresRepositories(pg, { schema: "activity_upgrade" });
    const moved = parseLead({
      id: "moved",
      contact: { kind: "prospect", name: "Ana" },
      stage: "prospect",
      owner: "u-ana",
      generatedBy: null,
      capture: { channel: "form", initiator: { kind: "contact" } },
      createdAt: "2026-01-01T00:00:00Z",
      updatedAt: "2026-02-01T00:00:00Z",
      history: [
        { from: "lead", to: "prospect", event: "qualify", at: "2026-02-01T00:00:00Z", actor: "u-ana" },
      ],
    });
    expect((await leads.save(moved, { expectedVersion: 0 })).ok).toBe(true);
    const since = new Date("2026-01-15T00:00:00Z");
    expect((await leads.query({ inactiveSince: since })).items).toEqual([]);
    // A row as a version-2 schema stored it: interactions only (here none, so the creation).
    await pg.query(`UPDATE activity_upgrade.leads SET last_activity_at = '2026-01-01T00:00:00Z'`);
    await pg.query(`DELETE FROM activity_upgrade.leadkit_migrations WHERE version = 3`);
    expect((await leads.query({ inactiveSince: since })).items.map((l) => l.id)).toEqual(["moved"]);
    expect((await migrate(pg, { schema: "activity_upgrade" })).applied).toEqual([3]);
    expect((await leads.query({ inactiveSince: since })).items).toEqual([]);
    expect(matchesLeadQuery(moved, { inactiveSince: since })).toBe(false);
  });

  test("concurrent callers on one schema: one applies, the others find it done", async () => {
    const pg = await db();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => migrate(pg, { schema: "migrate_race" })),
    );
    expect(results.map((r) => r.applied).sort()).toEqual([[], [], [], [], [1, 2, 3]]);
  });

  test("a failing migration leaves no half-made schema, and a schema from a newer leadkit is refused", async () => {
    const pg = await db();
    const failing: PostgresDatabase = {
      query: (text, params) => pg.query(text, params),
      transaction: (work) =>
        pg.transaction((trx) =>
          work({
            query: (text, params) =>
              text.includes("audit_log (lead_id, seq)")
                ? Promise.reject(new Error("disk full"))
                : trx.query(text, params),
          }),
        ),
    };
    await expect(migrate(failing, { schema: "migrate_fail" })).rejects.toThrow("disk full");
    const left = await pg.query(
      `SELECT 1 FROM information_schema.schemata WHERE schema_name = 'migrate_fail'`,
    );
    expect(left.rows).toEqual([]);
    expect((await migrate(pg, { schema: "migrate_fail" })).applied).toEqual([1, 2, 3]);

    await pg.query(
      `INSERT INTO migrate_fail.leadkit_migrations (version, name) VALUES (99, 'from the future')`,
    );
    const newer = await migrate(pg, { schema: "migrate_fail" }).catch((error: unknown) => error);
    expect(isLeadKitError(newer) && newer.code).toBe("invalid_definition");
    expect(String(newer)).toContain("migration 99, newer than this leadkit knows (3)");
  });

  test("the schema name is checked before any SQL runs: hostile or odd names are refused", async () => {
    const sent: string[] = [];
    const recording: PostgresDatabase = {
      query: async (text) => {
        sent.push(text);
        return { rows: [] };
      },
      transaction: (work) => work(recording),
    };
    const names: unknown[] = [
      'x"; DROP TABLE leads; --',
      "Leadkit",
      "pg_catalog",
      "public",
      "information_schema",
      "1abc",
      "",
      "a".repeat(64),
      "café",
      "a b",
      "a-b",
      null,
      42,
      { toString: () => "leadkit" },
    ];
    for (const schema of names) {
      for (const call of [
        () => migrate(recording, { schema: schema as string }),
        async () => createPostgresRepositories(recording, { schema: schema as string }),
        async () => postgresMigrations({ schema: schema as string }),
      ]) {
        const error = await call().then(
          () => undefined,
          (e: unknown) => e,
        );
        expect({ schema, code: isLeadKitError(error) ? error.code : error }).toEqual({
          schema,
          code: "invalid_definition",
        });
      }
    }
    expect(sent).toEqual([]);
    expect(postgresMigrations({ schema: "a".repeat(63) })[0]?.statements[0]).toContain(
      `"${"a".repeat(63)}".leads`,
    );
  });

  test("every statement of every migration names only the schema it was given", () => {
    const migrations = postgresMigrations({ schema: "crm_2026" });
    expect(migrations.map((m) => m.version)).toEqual([1, 2, 3]);
    for (const statement of migrations.flatMap((m) => m.statements)) {
      expect(statement).toMatch(
        /ON "crm_2026"\.|TABLE "crm_2026"\.|UPDATE "crm_2026"\.|INTO "crm_2026"\.|INDEX "crm_2026"\./,
      );
      expect(statement.replaceAll('"crm_2026".', "")).not.toMatch(/"[a-z_0-9]+"\./);
    }
    expect(postgresMigrations()[0]?.statements[0]).toContain('"leadkit".leads');
  });
});

describe("migration 2 on a schema with data stored at version 1", () => {
  /** A schema as leadkit's version-1 adapter left it: migration 1 only, rows written its way. */
  async function versionOne(schema: string, leads: readonly Lead[]) {
    const pg = await db();
    await pg.query(`CREATE SCHEMA "${schema}"`);
    await pg.query(
      `CREATE TABLE "${schema}".leadkit_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const [first] = postgresMigrations({ schema });
    for (const statement of first?.statements ?? []) await pg.query(statement);
    await pg.query(`INSERT INTO "${schema}".leadkit_migrations (version, name) VALUES (1, $1)`, [
      first?.name,
    ]);
    for (const lead of leads) {
      await pg.query(
        `INSERT INTO "${schema}".leads (id, version, external_id, owner, stage, generated_by, last_activity_at, duplicate_keys, data)
         VALUES ($1, 1, $2, $3, $4, $5, $6::timestamptz, ARRAY(SELECT jsonb_array_elements_text($7::text::jsonb)), $8::text::jsonb)`,
        [
          lead.id,
          lead.externalId ?? null,
          lead.owner,
          lead.stage,
          lead.generatedBy,
          lead.createdAt.toISOString(),
          JSON.stringify(duplicateKeys(lead).map((k) => `${k.kind}:${k.value}`)),
          JSON.stringify({ ...lead, version: 1 }),
        ],
      );
    }
    return pg;
  }
  const person = (id: string, email?: string) =>
    parseLead({
      id,
      contact: { kind: "prospect", name: `Person ${id}`, ...(email === undefined ? {} : { email }) },
      stage: "lead",
      owner: "u-ana",
      generatedBy: null,
      capture: { channel: "form", initiator: { kind: "contact" } },
      createdAt: "2026-01-05T09:00:00Z",
      updatedAt: "2026-01-05T09:00:00Z",
    });
  const tables = async (schema: string) =>
    (
      await (
        await db()
      ).query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1`,
        [schema],
      )
    ).rows.map((r) => r.table_name);

  test("existing leads take their email key from the keys they were saved with, and stay editable", async () => {
    const stored = [person("l1", " Ana@ACME.es"), person("l2", "bruno@acme.es"), person("l3"), person("l4")];
    await versionOne("upgrade_ok", stored);
    expect(await migrate(await db(), { schema: "upgrade_ok" })).toEqual({
      schema: "upgrade_ok",
      applied: [2, 3],
      version: 3,
    });
    const { leads } = createPostgresRepositories(await db(), { schema: "upgrade_ok" });
    for (const lead of stored) expect(await leads.get(lead.id)).toEqual({ ...lead, version: 1 });
    // Their keys were indexed for the duplicate lookup too.
    const sameCompany = await leads.findByDuplicateKeys(
      duplicateKeys({ id: "c", contact: { email: "x@acme.es" } }),
    );
    expect(sameCompany.map((l) => l.id)).toEqual(["l1", "l2"]);
    expect(await leads.save(person("l9", "ana@acme.es"), { expectedVersion: 0 })).toEqual({
      ok: false,
      code: "key_taken",
      leadId: "l9",
      key: { kind: "email", value: "ana@acme.es" },
      existingId: "l1",
    });
    const edited = await leads.save({ ...(stored[0] as Lead), tags: ["vip"] }, { expectedVersion: 1 });
    expect(edited.ok && edited.lead.version).toBe(2);
    const moved = await leads.save(
      { ...(stored[2] as Lead), contact: { ...(stored[2] as Lead).contact, email: "BRUNO@acme.es" } },
      { expectedVersion: 1 },
    );
    expect(!moved.ok && moved.code === "key_taken" && moved.existingId).toBe("l2");
  });

  test("leads sharing an email are refused by name, nothing changes, and migrate applies once they are resolved", async () => {
    const stored = [
      person("l1", "ana@acme.es"),
      person("l2", " ANA@acme.es "),
      person("l3", "bruno@acme.es"),
      person("l4", "carla@acme.es"),
      person("l5", "Carla@Acme.es"),
      person("l6", "carla@acme.es"),
      person("l7"),
    ];
    const pg = await versionOne("upgrade_twins", stored);
    const before = (await pg.query(`SELECT * FROM upgrade_twins.leads ORDER BY id`)).rows;
    const refused = await migrate(pg, { schema: "upgrade_twins" }).catch((error: unknown) => error);
    expect(isLeadKitError(refused) && refused.code).toBe("invalid_definition");
    const message = String((refused as Error).message);
    expect(message).toContain("2 email addresses are held by more than one lead");
    expect(message).toContain("Nothing was changed; the schema is still at version 1");
    expect(message).not.toContain("acme.es");
    expect(isLeadKitError(refused) && refused.issues.map((i) => [i.code, i.message])).toEqual([
      ["email_twins", 'Leads "l1", "l2" share one normalised email; expected at most one lead per email.'],
      [
        "email_twins",
        'Leads "l4", "l5", "l6" share one normalised email; expected at most one lead per email.',
      ],
    ]);
    expect(await tables("upgrade_twins")).toEqual([
      "audit_log",
      "interactions",
      "leadkit_migrations",
      "leads",
    ]);
    expect((await pg.query(`SELECT * FROM upgrade_twins.leads ORDER BY id`)).rows).toEqual(before);
    expect(
      (await pg.query(`SELECT max(version) AS v FROM upgrade_twins.leadkit_migrations`)).rows[0],
    ).toEqual({ v: 1 });

    // Resolved (here by removing the twins; merging them is the usual way): the migration applies.
    await pg.query(`DELETE FROM upgrade_twins.leads WHERE id IN ('l2', 'l5', 'l6')`);
    expect((await migrate(pg, { schema: "upgrade_twins" })).applied).toEqual([2, 3]);
    expect(await tables("upgrade_twins")).toContain("outbox");
  });

  test("a large group is named by its first ten ids, and at most twenty groups are listed", async () => {
    const stored = [
      ...Array.from({ length: 13 }, (_, i) => person(`a${String(i).padStart(2, "0")}`, "info@acme.es")),
      ...Array.from({ length: 50 }, (_, i) => [
        person(`b${String(i).padStart(2, "0")}-1`, `p${i}@acme.es`),
        person(`b${String(i).padStart(2, "0")}-2`, `P${i}@acme.es`),
      ]).flat(),
    ];
    const refused = await migrate(await versionOne("upgrade_many", stored), { schema: "upgrade_many" }).catch(
      (error: unknown) => error,
    );
    expect(String(refused)).toContain("51 email addresses are held by more than one lead");
    const issues = isLeadKitError(refused) ? refused.issues : [];
    expect(issues.length).toBe(20);
    expect(issues[0]?.message).toBe(
      'Leads "a00", "a01", "a02", "a03", "a04", "a05", "a06", "a07", "a08", "a09" and 3 more share one normalised email; expected at most one lead per email.',
    );
  });
});

describe("values never shape the SQL", () => {
  test("hostile strings in every stored and queried value round-trip, with standard_conforming_strings off too", async () => {
    const pg = await db();
    const hostile = [
      "'; DROP TABLE leads; --",
      "\\'; DROP TABLE leads; --",
      "$1",
      '"quoted" \\ back\\slash',
      "🚀 ñandú",
      "a\u2028b",
    ];
    for (const setting of ["on", "off"]) {
      await pg.query(`SET standard_conforming_strings = ${setting}`);
      const repositories = await fresh("hostile");
      for (const [i, text] of hostile.entries()) {
        const lead = parseLead({
          id: `${text}-${i}`,
          externalId: `${text}-ext`,
          contact: { kind: "prospect", name: text, email: `x${i}@example.com` },
          stage: "lead",
          owner: text,
          generatedBy: text,
          pool: text,
          team: text,
          tags: [text],
          capture: { channel: "form", initiator: { kind: "contact" } },
          interactions: [
            { id: text, type: "email_open", at: "2026-01-05T09:00:00Z", initiator: { kind: "contact" } },
          ],
          createdAt: "2026-01-05T09:00:00Z",
          updatedAt: "2026-01-05T09:00:00Z",
        });
        const saved = await repositories.leads.save(lead, { expectedVersion: 0 });
        expect(saved.ok).toBe(true);
        expect(await repositories.leads.get(lead.id)).toEqual({ ...lead, version: 1 });
        expect(await repositories.leads.getByExternalId(`${text}-ext`)).toEqual({ ...lead, version: 1 });
        const page = await repositories.leads.query(
          { owner: text, pool: text, team: text, generatedBy: text },
          { after: "" },
        );
        expect(page.items.map((l) => l.id)).toEqual([lead.id]);
        await repositories.interactions.append(lead.id, lead.interactions);
        expect(await repositories.interactions.list(lead.id)).toEqual(lead.interactions);
        const entry = {
          at: lead.createdAt,
          actor: text,
          action: text,
          leadId: lead.id,
          beforeVersion: 0,
          afterVersion: 1,
        };
        await repositories.audit.append([entry]);
        expect(await repositories.audit.list({ actor: text })).toEqual([entry]);
      }
      const { rows } = await pg.query(`SELECT count(*)::int AS n FROM "hostile_${schemas}".leads`);
      expect(rows).toEqual([{ n: hostile.length }]);
    }
    await pg.query("SET standard_conforming_strings = on");
  });

  test("a version that is not a whole number ≥ 0 is a conflict, as in memory, not a database error", async () => {
    const { leads } = await fresh("versions");
    const lead = parseLead({
      id: "l1",
      contact: { kind: "prospect", name: "Ana" },
      stage: "lead",
      owner: "u-ana",
      generatedBy: null,
      capture: { channel: "form", initiator: { kind: "contact" } },
      createdAt: "2026-01-05T09:00:00Z",
      updatedAt: "2026-01-05T09:00:00Z",
    });
    await leads.save(lead, { expectedVersion: 0 });
    for (const expectedVersion of [1.5, -1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60]) {
      expect(await leads.save(lead, { expectedVersion })).toEqual({
        ok: false,
        code: "conflict",
        leadId: "l1",
        expectedVersion,
        currentVersion: 1,
      });
      expect((await leads.remove("l1", { expectedVersion })).ok).toBe(false);
    }
    expect((await leads.get("l1"))?.version).toBe(1);
  });
});

describe("the indexes the compiled scoring SQL needs", () => {
  test("interaction subqueries find a lead's interactions through the interactions_scoring index", async () => {
    const pg = await db();
    const repositories = await fresh("scoring");
    const schema = schemaOf.get(repositories) as string;
    const client: PostgresClient = pg;
    await client.query(`SET enable_seqscan = off`);
    const plan = await client.query(
      `EXPLAIN SELECT l.id, (SELECT count(*) FROM "${schema}".interactions AS i
         WHERE i.lead_id = l.id AND i.type IN ('email_click', 'page_view') AND i.at <= now()) FROM "${schema}".leads AS l`,
    );
    await client.query(`SET enable_seqscan = on`);
    expect(plan.rows.map((r) => Object.values(r)[0]).join("\n")).toContain("interactions_scoring");
  });

  test("the compiled points SQL over these tables gives every lead the TypeScript score", async () => {
    const pg = await db();
    const repositories = await fresh("points");
    const schema = schemaOf.get(repositories) as string;
    const leads = generateLeads({ seed: 11, count: 150 });
    for (const lead of leads) {
      await repositories.leads.save(lead, { expectedVersion: 0 });
      await repositories.interactions.append(lead.id, lead.interactions);
    }
    // The two name and email heuristics are computed in TypeScript on write (see docs/postgres.md).
    await pg.query(
      `CREATE TABLE "${schema}".lead_facts (id text PRIMARY KEY, personal_email boolean, unpronounceable boolean)`,
    );
    await pg.query(
      `INSERT INTO "${schema}".lead_facts SELECT * FROM json_populate_recordset(NULL::"${schema}".lead_facts, $1)`,
      [
        JSON.stringify(
          leads.map((l) => ({
            id: l.id,
            personal_email: isPersonalEmail(l.contact.email),
            unpronounceable: looksUnpronounceable(l.contact.name),
          })),
        ),
      ],
    );
    const now = new Date("2026-06-15T12:00:00Z");
    const sql = pointsModelToSql(DEFAULT_POINTS_MODEL, {
      dialect: "postgres",
      now,
      columns: {
        leadId: "l.id",
        personalEmail: "f.personal_email",
        unpronounceableName: "f.unpronounceable",
        fields: {
          interestLevel: "l.data ->> 'interestLevel'",
          "contact.company": "l.data -> 'contact' ->> 'company'",
          "contact.jobTitle": "l.data -> 'contact' ->> 'jobTitle'",
          "contact.phone": "l.data -> 'contact' ->> 'phone'",
          "contact.kind": "l.data -> 'contact' ->> 'kind'",
          "contact.humanConfirmed": "(l.data -> 'contact' ->> 'humanConfirmed')::boolean",
        },
      },
      interactions: {
        from: `"${schema}".interactions`,
        leadId: "lead_id",
        type: "type",
        at: "at",
        channel: "channel",
        pageKind: "page_kind",
        initiator: "initiator",
      },
    });
    if (!sql.ok) throw new Error(JSON.stringify(sql.issues));
    const { rows } = await pg.query<{ id: string; score: number }>(
      `SELECT l.id, ${sql.value} AS score FROM "${schema}".leads AS l JOIN "${schema}".lead_facts AS f ON f.id = l.id ORDER BY l.id`,
    );
    const scorer = compilePointsModel(DEFAULT_POINTS_MODEL);
    const expected = new Map(leads.map((l) => [l.id, scorer.score(l, now).value]));
    expect(rows.length).toBe(150);
    expect(new Set(rows.map((r) => r.score)).size).toBeGreaterThan(10);
    for (const row of rows) expect(Math.abs(row.score - (expected.get(row.id) as number))).toBeLessThan(1e-9);
  });
});
