import { PGlite } from "@electric-sql/pglite";
import { safeParseLead } from "leadkit";
import { createPostgresRepositories, migrate } from "leadkit/postgres";
import { createLeadService, type LeadService } from "leadkit/services";
import { createInMemoryRepositories, fixedClock, sequentialIds } from "leadkit/testing";
import { afterAll, describe, expect, test } from "vitest";

// Text PostgreSQL cannot store (U+0000, lone surrogates) and year 0000 are refused by the validation
// every backend shares: the in-memory and PostgreSQL backends give the same answers, and neither throws.

let started: Promise<PGlite> | undefined;
let schemas = 0;
afterAll(async () => {
  await (await started)?.close();
});

async function backends() {
  started ??= PGlite.create();
  const pg = await started;
  const schema = `storable_${++schemas}`;
  await migrate(pg, { schema });
  const make = (repositories: Parameters<typeof createLeadService>[0]["repositories"]) => ({
    repositories,
    service: createLeadService({
      repositories,
      clock: fixedClock("2026-03-01T09:00:00Z"),
      ids: sequentialIds("l"),
    }),
  });
  return {
    memory: make(createInMemoryRepositories()),
    postgres: make(createPostgresRepositories(pg, { schema })),
  };
}

const capture = (service: LeadService, contact: Record<string, unknown>, extra = {}) =>
  service.capture({
    actor: "u-ana",
    contact: { kind: "prospect", name: "Ana", ...contact },
    capture: { channel: "call", initiator: { kind: "user", userId: "u-ana" } },
    ...extra,
  });

const answer = (r: { ok: boolean; issues?: readonly { code: string; path: readonly unknown[] }[] }) =>
  r.ok ? "ok" : (r.issues ?? []).map((i) => `${i.code}@${i.path.join(".")}`);

describe("text and years PostgreSQL cannot store", () => {
  test("capture refuses them with unstorable_text at the path, the same on both backends", async () => {
    const { memory, postgres } = await backends();
    const cases: [Record<string, unknown>, Record<string, unknown>, string][] = [
      [{ name: "a\u0000b" }, {}, "contact.name"],
      [{ name: "a\ud800b" }, {}, "contact.name"],
      [{ company: "Acme\udc00" }, {}, "contact.company"],
      [{ email: "a\u0000@b.es" }, {}, "contact.email"],
      [{ attributes: { "k\u0000": "v" } }, {}, "contact.attributes.k\u0000"],
      [{ attributes: { k: "v\ud83d" } }, {}, "contact.attributes.k"],
      [{}, { tags: ["x\u0000"] }, "tags.0"],
      [{}, { externalId: "e\ud800" }, "externalId"],
      [
        {},
        {
          interactions: [
            {
              type: "email_open",
              at: "2026-03-01T00:00:00Z" as unknown as Date,
              initiator: { kind: "contact" },
              data: { s: "\u0000" },
            },
          ],
        },
        "interactions.0.data.s",
      ],
    ];
    for (const [contact, extra, path] of cases) {
      const inMemory = answer(await capture(memory.service, contact, extra));
      expect(inMemory).toEqual([`unstorable_text@${path}`]);
      expect(answer(await capture(postgres.service, contact, extra))).toEqual(inMemory);
    }
    expect(await postgres.repositories.leads.query({})).toEqual({ items: [], nextCursor: null });
  });

  test("reasons, ids and interaction data in later commands are issues, not database errors", async () => {
    const { memory, postgres } = await backends();
    for (const { service } of [memory, postgres]) {
      const created = await capture(service, { email: "ana@acme.es" });
      if (!created.ok || created.value.kind !== "created") throw new Error("capture failed");
      const leadId = created.value.lead.id;
      expect(answer(await service.get({ actor: "u-ana", leadId: "x\u0000" }))).toEqual([
        "unstorable_text@leadId",
      ]);
      expect(
        answer(
          await service.transition({ actor: "u-ana", leadId, event: { type: "qualify", reason: "r\ud800" } }),
        ),
      ).toEqual(["unstorable_text@event.reason"]);
      expect(
        answer(
          await service.recordInteraction({
            actor: "u-ana",
            leadId,
            interaction: {
              type: "email_open",
              at: "2026-03-01T00:00:00Z" as unknown as Date,
              initiator: { kind: "contact" },
              data: { "k\ud800": 1 },
            },
          }),
        ),
      ).toEqual(["unstorable_text@interaction.data.k\ud800"]);
      expect(
        answer(
          await service.recordInteraction({
            actor: "u-ana",
            leadId,
            interaction: {
              type: "email_open",
              at: "0000-06-01T00:00:00Z" as unknown as Date,
              initiator: { kind: "contact" },
            },
          }),
        ),
      ).toEqual(["invalid_value@interaction.at"]);
      expect(answer(await service.share({ actor: "u-ana", leadId, userId: "u\u0000" }))).toEqual([
        "unstorable_text@userId",
      ]);
    }
  });

  test("the PostgreSQL repositories find nothing for an id, key or cursor no row can hold", async () => {
    const { postgres } = await backends();
    const { leads, interactions, audit, outbox, distribution } = postgres.repositories;
    expect(await leads.get("x\u0000")).toBeNull();
    expect(await leads.getByExternalId("x\ud800")).toBeNull();
    expect(await leads.findByDuplicateKeys([{ kind: "email", value: "a\u0000@b.es" }])).toEqual([]);
    expect(await leads.query({ owner: "u\u0000" })).toEqual({ items: [], nextCursor: null });
    expect(await leads.query({}, { after: "\ud800" })).toEqual({ items: [], nextCursor: null });
    expect(await leads.remove("x\u0000", { expectedVersion: 1 })).toMatchObject({
      ok: false,
      code: "conflict",
      currentVersion: 0,
    });
    expect(await interactions.list("x\u0000")).toEqual([]);
    expect(await audit.list({ leadId: "x\u0000" })).toEqual([]);
    expect(await audit.list({ actor: "\udfff" })).toEqual([]);
    expect(await outbox.list({ leadId: "x\u0000" })).toEqual([]);
    expect(await distribution.get("t\u0000")).toBeNull();
  });

  test("an import reports the row and finishes, on both backends alike", async () => {
    const { memory, postgres } = await backends();
    const rows = Array.from({ length: 6 }, (_, i) => ({
      Name: i === 3 ? "Evil\u0000" : `Row ${i}`,
      Email: `r${i}@acme.es`,
    }));
    const options = {
      actor: "u-ana",
      importId: "imp",
      fieldMap: { "contact.name": "Name", "contact.email": "Email" },
      batchSize: 2,
    };
    const results = [];
    for (const { service } of [memory, postgres]) {
      const r = await service.importLeads(rows, options);
      if (!r.ok) throw new Error("import failed");
      results.push({
        created: r.value.created,
        failed: r.value.failed,
        checkpoint: r.value.checkpoint,
        codes: r.value.issues.map((i) => i.code),
      });
    }
    expect(results[0]).toEqual({ created: 5, failed: 1, checkpoint: 6, codes: ["unstorable_text"] });
    expect(results[1]).toEqual(results[0]);
  });

  test("the model refuses year 0000 with a message naming the years it accepts", () => {
    const r = safeParseLead({
      id: "l1",
      contact: { kind: "prospect", name: "Ana" },
      stage: "lead",
      owner: null,
      generatedBy: null,
      capture: { channel: "form", initiator: { kind: "contact" } },
      createdAt: "0000-12-31T23:00:00Z",
      updatedAt: "0001-01-01T00:30:00+01:00",
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => [i.code, i.path.join(".")])).toEqual([
      ["invalid_value", "createdAt"],
      ["invalid_value", "updatedAt"],
    ]);
    expect(r.issues[0]?.message).toContain("0001 to 9999");
  });
});
