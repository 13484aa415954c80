import type { Lead } from "leadkit";
import type { Repositories } from "leadkit/ports";
import type { ImportFieldMap, ImportLeadsOptions, ImportProgress } from "leadkit/services";
import { createInMemoryRepositories, type FaultPlan, withFaults } from "leadkit/testing";
import { describe, expect, test } from "vitest";
import { withoutInsertMany } from "../support/without-insert-many.js";
import { called, codes, created, setup, snapshot, withoutTransactions } from "./fixtures.js";

const fieldMap: ImportFieldMap = {
  "contact.name": "Name",
  "contact.email": "Email",
  "contact.phone": "Phone",
  "contact.company": "Company",
  "contact.jobTitle": "Title",
  "contact.attributes.segment": "Segment",
  "contact.doNotContact": "Do not contact",
  tags: { column: "Labels", split: ";" },
  source: { value: "crm-export" },
};
const options = (overrides: Partial<ImportLeadsOptions> = {}): ImportLeadsOptions => ({
  actor: "u-marta",
  importId: "crm-2026-03",
  fieldMap,
  ...overrides,
});
const row = (i: number, overrides: Record<string, unknown> = {}) => ({
  Name: `Person ${i}`,
  Email: `p${i}@company${i}.example`,
  Company: `Company ${i}`,
  Labels: "fair; vip ;",
  ...overrides,
});
async function all(repositories: Repositories): Promise<Lead[]> {
  const leads: Lead[] = [];
  for await (const lead of repositories.leads.stream()) leads.push(lead);
  return leads;
}
function ok<T>(result: { ok: true; value: T } | { ok: false; issues: readonly unknown[] }): T {
  if (!result.ok) throw new Error(`Expected success, got ${JSON.stringify(result.issues)}`);
  return result.value;
}

describe("importLeads: records become leads as captures do", () => {
  test("maps CSV rows through the field map and captures each, with its audit entry and events", async () => {
    const { service, repositories } = setup();
    const progress: ImportProgress[] = [];
    const report = ok(
      await service.importLeads(
        [row(1, { Segment: "smb", Title: "CTO" }), row(2, { Phone: "+34 911 23 45 67" }), row(3)],
        options({ batchSize: 2, onProgress: (p) => void progress.push(p) }),
      ),
    );
    expect(report).toEqual({
      checkpoint: 3,
      created: 3,
      updated: 0,
      merged: 0,
      skipped: 0,
      failed: 0,
      issues: [],
      rows: 3,
      issuesDropped: 0,
      possibleDuplicates: [],
      possibleDuplicatesDropped: 0,
    });
    expect(progress.map((p) => [p.checkpoint, p.created])).toEqual([
      [2, 2],
      [3, 3],
    ]);
    const leads = await all(repositories);
    const first = leads.find((l) => l.externalId === "crm-2026-03:1") as Lead;
    expect(first.contact).toMatchObject({
      kind: "prospect",
      name: "Person 1",
      email: "p1@company1.example",
      company: "Company 1",
      jobTitle: "CTO",
      attributes: { segment: "smb" },
    });
    expect(first.tags).toEqual(["fair", "vip"]);
    expect(first.source).toBe("crm-export");
    expect(first.capture).toEqual({ channel: "import", initiator: { kind: "user", userId: "u-marta" } });
    expect(Object.keys(first.scores)).toEqual(["default"]);
    const audit = await repositories.audit.list();
    expect(audit.map((e) => [e.action, e.details?.["importId"], e.details?.["row"]])).toEqual([
      ["capture", "crm-2026-03", 1],
      ["capture", "crm-2026-03", 2],
      ["capture", "crm-2026-03", 3],
    ]);
    const events = await repositories.outbox.list();
    expect(events.filter((e) => e.type === "lead.captured").map((e) => e.leadId)).toEqual(
      audit.map((e) => e.leadId),
    );
  });

  test("plain objects, arrays by column index, sync and async iterables", async () => {
    const { service, repositories } = setup();
    function* objects() {
      yield { name: "Ana", email: "ana@acme.es", size: 42 };
    }
    async function* arrays() {
      yield ["Bruno", "bruno@acme.es"];
      yield ["Carla", "carla@acme.es"];
    }
    ok(
      await service.importLeads(
        objects(),
        options({ importId: "objects", fieldMap: { "contact.name": "name", "contact.email": "email" } }),
      ),
    );
    ok(
      await service.importLeads(
        arrays(),
        options({ importId: "arrays", fieldMap: { "contact.name": 0, "contact.email": { column: 1 } } }),
      ),
    );
    expect((await all(repositories)).map((l) => [l.externalId, l.contact.name]).sort()).toEqual([
      ["arrays:1", "Bruno"],
      ["arrays:2", "Carla"],
      ["objects:1", "Ana"],
    ]);
  });

  test("column names are data: __proto__ and constructor are columns and attributes like any other", async () => {
    const { service, repositories } = setup();
    const record = JSON.parse(
      '{"__proto__": "ana@acme.es", "constructor": "Ana", "toString": "vip", "valueOf": "7"}',
    ) as Record<string, unknown>;
    const report = ok(
      await service.importLeads(
        [record, { constructor: "Bruno" }],
        options({
          fieldMap: {
            "contact.email": "__proto__",
            "contact.name": "constructor",
            "contact.attributes.toString": "toString",
            "contact.attributes.constructor": "valueOf",
            "contact.company": "hasOwnProperty",
          },
        }),
      ),
    );
    expect(report.created).toBe(2);
    const [ana, bruno] = (await all(repositories)).sort((a, b) =>
      a.contact.name.localeCompare(b.contact.name),
    );
    expect(ana?.contact.email).toBe("ana@acme.es");
    expect(Object.entries(ana?.contact.attributes ?? {})).toEqual([
      ["toString", "vip"],
      ["constructor", "7"],
    ]);
    expect(({} as Record<string, unknown>)["vip"]).toBe(undefined);
    expect(ana?.contact.company).toBe(undefined);
    // A record without the column has no value there, whatever Object.prototype holds.
    expect(bruno?.contact.email).toBe(undefined);
    expect(bruno?.contact.attributes).toEqual({});
  });

  test("a bad record gets issues with its row number, nothing of it is written, and the others go on", async () => {
    const { service, repositories } = setup();
    const report = ok(
      await service.importLeads(
        [
          row(1),
          42,
          row(3, { Email: { not: "text" } }),
          row(4, { "Do not contact": "maybe" }),
          row(5, { Company: "x".repeat(10_001) }),
          row(6, { Name: "" }),
          row(7),
          row(8, { Labels: Array.from({ length: 101 }, (_, i) => `t${i}`).join(";") }),
        ],
        options({ fieldMap: { ...fieldMap, "contact.country": "Country" } }),
      ),
    );
    expect(report.created).toBe(2);
    expect(report.failed).toBe(6);
    expect(report.issues.map((i) => [i.row, i.code, i.path.join(".")])).toEqual([
      [2, "invalid_type", ""],
      [3, "invalid_type", "contact.email"],
      [4, "invalid_value", "contact.doNotContact"],
      [5, "too_big", "contact.company"],
      [6, "invalid_type", "contact.name"],
      [8, "too_big", "tags"],
    ]);
    expect((await all(repositories)).map((l) => l.externalId).sort()).toEqual([
      "crm-2026-03:1",
      "crm-2026-03:7",
    ]);
    expect((await repositories.audit.list()).length).toBe(2);
  });

  test("issues are capped at maxIssues and the rest counted", async () => {
    const { service } = setup();
    const report = ok(
      await service.importLeads(
        Array.from({ length: 30 }, () => 0),
        options({ maxIssues: 5 }),
      ),
    );
    expect([report.failed, report.issues.length, report.issuesDropped]).toEqual([30, 5, 25]);
  });

  test("invalid options answer issues before any record is read", async () => {
    const { service } = setup();
    let read = 0;
    function* rows() {
      read++;
      yield row(1);
    }
    const cases: [unknown, string][] = [
      [{ ...options(), fieldMap: { "contact.email": "Email" } }, "missing_target"],
      [{ ...options(), fieldMap: { ...fieldMap, "contact.nickname": "Nick" } }, "unknown_target"],
      [
        { ...options(), fieldMap: { ...fieldMap, "contact.email": { column: "Email", split: ";" } } },
        "invalid_source",
      ],
      [{ ...options(), fieldMap: { ...fieldMap, "contact.phone": { column: {} } } }, "invalid_source"],
      [{ ...options(), fieldMap: [] }, "invalid_type"],
      [{ ...options(), importId: "has space" }, "invalid_format"],
      [{ ...options(), update: { "contact.phone": "newest" } }, "invalid_rule"],
      [{ ...options(), onMatch: "replace" }, "invalid_value"],
      [{ ...options(), batchSize: 0 }, "too_small"],
      [null, "invalid_type"],
    ];
    for (const [input, code] of cases) {
      const result = await service.importLeads(rows(), input as ImportLeadsOptions);
      expect({ input, codes: codes(result) }).toEqual({ input, codes: [code] });
    }
    expect(read).toBe(0);
    expect(codes(await service.importLeads("not rows" as never, options()))).toEqual(["invalid_type"]);
    expect(codes(await service.importLeads(null as never, options()))).toEqual(["invalid_type"]);
  });
});

describe("importLeads: matching, updating and merging", () => {
  test("an import never replaces a lead's external id, so a retried capture still finds the lead", async () => {
    const { service, repositories } = setup();
    const lead = created(await service.capture(called({ externalId: "form-post-1" })));
    const map = { ...fieldMap, externalId: "Ext" };
    const refused = await service.importLeads([row(1, { Email: "lucia@acme.es", Ext: "incoming-1" })], {
      ...options({ fieldMap: map, onMatch: "update" }),
      update: { externalId: "incoming" },
    });
    expect(refused.ok ? [] : refused.issues.map((i) => [i.code, i.path.join(".")])).toEqual([
      ["invalid_rule", "update.externalId"],
    ]);
    const report = ok(
      await service.importLeads(
        [row(1, { Email: "lucia@acme.es", Ext: "incoming-1", Title: "CEO" })],
        options({ fieldMap: map, onMatch: "update" }),
      ),
    );
    expect(report.updated).toBe(1);
    const again = await service.capture(called({ externalId: "form-post-1" }));
    expect(
      again.ok && [again.value.kind, again.value.kind !== "merge_proposal" && again.value.lead.id],
    ).toEqual(["existing", lead.id]);
    expect((await all(repositories)).map((l) => [l.externalId, l.contact.jobTitle])).toEqual([
      ["form-post-1", "CEO"],
    ]);
  });

  test("a record's external id may not take another record's derived id: it is reported, and both are kept apart", async () => {
    for (const onMatch of ["skip", "update"] as const) {
      const { service, repositories } = setup();
      const report = ok(
        await service.importLeads(
          [
            { n: "R1", x: "imp:2", e: "r1@z.es" },
            { n: "R2", e: "r2@z.es" },
            { n: "R3", x: "imp:2x", e: "r3@z.es" },
          ],
          {
            actor: "u-marta",
            importId: "imp",
            onMatch,
            fieldMap: { "contact.name": "n", "contact.email": "e", externalId: "x" },
          },
        ),
      );
      expect([report.created, report.failed, report.skipped, report.updated]).toEqual([2, 1, 0, 0]);
      expect(report.issues.map((i) => [i.row, i.code, i.path])).toEqual([
        [1, "reserved_external_id", ["externalId"]],
      ]);
      expect(report.issues[0]?.message).toContain('shape "imp:<row>"');
      expect((await all(repositories)).map((l) => [l.contact.name, l.externalId]).sort()).toEqual([
        ["R2", "imp:2"],
        ["R3", "imp:2x"],
      ]);
    }
  });

  test("a record matching a lead by email is skipped by default; an external id column counts too", async () => {
    const { service, repositories } = setup();
    created(
      await service.capture(
        called({ externalId: "crm-9", contact: { kind: "prospect", name: "Lucía", email: "Lucia@Acme.es" } }),
      ),
    );
    const report = ok(
      await service.importLeads(
        [row(1, { Email: " lucia@acme.es" }), row(2, { "CRM id": "crm-9" }), row(3)],
        options({ fieldMap: { ...fieldMap, externalId: "CRM id" } }),
      ),
    );
    expect([report.created, report.skipped]).toEqual([1, 2]);
    expect((await all(repositories)).length).toBe(2);
  });

  test("update: each field's rule says which value survives; tags and do-not-contact only grow; owner never moves", async () => {
    const { service, repositories } = setup();
    const lead = created(
      await service.capture(
        called({
          contact: {
            kind: "prospect",
            name: "Lucía",
            email: "lucia@acme.es",
            phone: "+34 600 000 001",
            company: "Acme",
            doNotContact: [{ channel: "phone", reason: "manual", at: new Date("2026-02-01T00:00:00Z") }],
          },
          tags: ["old"],
        }),
      ),
    );
    const update = {
      Email: "lucia@acme.es",
      Name: "Lucía Pérez",
      Phone: "+34 600 000 002",
      Company: "Acme Iberia",
      Title: "CFO",
      Labels: "old;new",
      Owner: "u-bruno",
      "Do not contact": "no",
    };
    const run = () =>
      service.importLeads(
        [update],
        options({
          fieldMap: { ...fieldMap, owner: "Owner" },
          onMatch: "update",
          update: { "contact.phone": "incoming", "contact.company": "existing", "contact.name": "incoming" },
        }),
      );
    expect(ok(await run()).updated).toBe(1);
    const stored = (await repositories.leads.get(lead.id)) as Lead;
    expect(stored.contact).toMatchObject({
      name: "Lucía Pérez",
      phone: "+34 600 000 002",
      company: "Acme",
      jobTitle: "CFO",
    });
    expect(stored.tags).toEqual(["old", "new"]);
    expect(stored.owner).toBe("u-ana");
    expect(stored.contact.doNotContact).toEqual(lead.contact.doNotContact);
    expect(stored.version).toBe(2);
    const entry = (await repositories.audit.list()).at(-1);
    expect([entry?.action, entry?.details?.["fields"]]).toEqual([
      "import_update",
      "contact.name,contact.phone,contact.jobTitle,tags,source",
    ]);
    // The same file again changes nothing and writes nothing.
    const again = ok(await run());
    expect([again.updated, again.skipped]).toEqual([0, 1]);
    expect(((await repositories.leads.get(lead.id)) as Lead).version).toBe(2);
  });

  test("update: a do-not-contact flag in the record is added and announced", async () => {
    const { service, repositories } = setup();
    const lead = created(await service.capture(called()));
    const report = ok(
      await service.importLeads(
        [row(1, { Email: "lucia@acme.es", "Do not contact": "Sí" })],
        options({ onMatch: "update" }),
      ),
    );
    expect(report.updated).toBe(1);
    const stored = (await repositories.leads.get(lead.id)) as Lead;
    expect(stored.contact.doNotContact.map((d) => [d.channel, d.reason, d.note])).toEqual([
      ["any", "manual", "import crm-2026-03, row 1"],
    ]);
    expect((await repositories.outbox.list({ leadId: lead.id })).map((e) => e.type)).toContain(
      "consent.changed",
    );
  });

  test("merge: the record is folded into the lead it matches; the lead's values win and nothing is weakened", async () => {
    const { service, repositories } = setup();
    const withdrawn = [
      {
        purpose: "newsletter",
        status: "granted" as const,
        at: new Date("2026-01-01T00:00:00Z"),
        source: "form",
      },
      {
        purpose: "newsletter",
        status: "withdrawn" as const,
        at: new Date("2026-02-01T00:00:00Z"),
        source: "link",
      },
    ];
    const lead = created(
      await service.capture(
        called({
          contact: {
            kind: "prospect",
            name: "Lucía",
            email: "lucia@acme.es",
            consents: withdrawn,
            doNotContact: [
              { channel: "email", reason: "unsubscribed", at: new Date("2026-02-01T00:00:00Z") },
            ],
          },
        }),
      ),
    );
    const report = ok(
      await service.importLeads(
        [
          row(1, {
            Email: "LUCIA@acme.es",
            Name: "L. Pérez",
            Phone: "+34 600 000 003",
            "Do not contact": "no",
          }),
        ],
        options({ onMatch: "merge" }),
      ),
    );
    expect(report.merged).toBe(1);
    const stored = (await repositories.leads.get(lead.id)) as Lead;
    expect(stored.contact.name).toBe("Lucía");
    expect(stored.contact.phone).toBe("+34 600 000 003");
    expect(stored.contact.consents).toEqual(lead.contact.consents);
    expect(stored.contact.doNotContact).toEqual(lead.contact.doNotContact);
    expect(stored.tags).toEqual(["fair", "vip"]);
    expect(stored.owner).toBe("u-ana");
    expect(stored.collaborators).toEqual([]);
    expect((await repositories.audit.list()).at(-1)?.action).toBe("import_merge");
    expect((await all(repositories)).length).toBe(1);
  });

  test("merge: a record matching two leads merges them through the service's merge, then folds in", async () => {
    const { service, repositories } = setup();
    const a = created(
      await service.capture(
        called({
          externalId: "crm-1",
          contact: { kind: "prospect", name: "Lucía", phone: "+34 600 000 004" },
        }),
      ),
    );
    const b = created(
      await service.capture(
        called({ contact: { kind: "prospect", name: "Lucía P.", email: "lucia@acme.es" } }),
      ),
    );
    const report = ok(
      await service.importLeads(
        [row(1, { "CRM id": "crm-1", Email: "lucia@acme.es", Title: "CFO" }), row(2)],
        options({ fieldMap: { ...fieldMap, externalId: "CRM id" }, onMatch: "merge", batchSize: 10 }),
      ),
    );
    expect([report.merged, report.created, report.failed]).toEqual([1, 1, 0]);
    const survivors = (await all(repositories)).filter((l) => l.id === a.id || l.id === b.id);
    expect(survivors.length).toBe(1);
    const survivor = survivors[0] as Lead;
    expect(survivor.contact).toMatchObject({
      email: "lucia@acme.es",
      phone: "+34 600 000 004",
      jobTitle: "CFO",
    });
    expect(survivor.externalId).toBe("crm-1");
    expect((await repositories.audit.list()).map((e) => e.action)).toEqual([
      "capture",
      "capture",
      "merge",
      "merged_into",
      "merge_keys",
      "import_merge",
      "capture",
    ]);
  });

  test("update refuses a record that matches two leads, naming them, and writes nothing", async () => {
    const { service, repositories } = setup();
    created(
      await service.capture(called({ externalId: "crm-1", contact: { kind: "prospect", name: "Lucía" } })),
    );
    created(
      await service.capture(
        called({ contact: { kind: "prospect", name: "Lucía P.", email: "lucia@acme.es" } }),
      ),
    );
    const before = await repositories.audit.list();
    const report = ok(
      await service.importLeads(
        [row(1, { "CRM id": "crm-1", Email: "lucia@acme.es" })],
        options({ fieldMap: { ...fieldMap, externalId: "CRM id" }, onMatch: "update" }),
      ),
    );
    expect(report.issues.map((i) => [i.row, i.code])).toEqual([[1, "ambiguous_match"]]);
    expect(await repositories.audit.list()).toEqual(before);
  });

  test("phone matches when exactly one lead holds it; a shared switchboard matches nobody", async () => {
    const { service, repositories } = setup();
    created(
      await service.capture(
        called({ contact: { kind: "prospect", name: "Lucía", phone: "+34 911 000 001" } }),
      ),
    );
    created(
      await service.capture(
        called({ contact: { kind: "prospect", name: "Reception 1", phone: "+34 911 000 999" } }),
      ),
    );
    created(
      await service.capture(
        called({
          contact: { kind: "prospect", name: "Reception 2", phone: "+34 911 000 999" },
          onDuplicate: "create",
        }),
      ),
    );
    const report = ok(
      await service.importLeads(
        [row(1, { Phone: "0034 911 000 001" }), row(2, { Phone: "+34 911 000 999" })],
        options({ match: ["external_id", "email", "phone"] }),
      ),
    );
    expect([report.skipped, report.created]).toEqual([1, 1]);
    expect((await all(repositories)).length).toBe(4);
  });

  test("a key held by a lead the match keys do not count is reported, never twinned", async () => {
    const { service, repositories } = setup();
    created(await service.capture(called()));
    const report = ok(
      await service.importLeads([row(1, { Email: "lucia@acme.es" })], options({ match: ["external_id"] })),
    );
    expect(report.issues.map((i) => [i.row, i.code, i.path.join(".")])).toEqual([
      [1, "key_taken", "contact.email"],
    ]);
    expect((await all(repositories)).length).toBe(1);
  });

  test("the policy applies per record: credit for others is refused, and a hidden match is not named", async () => {
    const { service, repositories } = setup();
    const hidden = created(await service.capture(called()));
    const report = ok(
      await service.importLeads(
        [row(1, { Owner: "u-ana" }), row(2, { Email: "lucia@acme.es" })],
        options({ actor: "u-bruno", fieldMap: { ...fieldMap, owner: "Owner" }, onMatch: "update" }),
      ),
    );
    expect(report.issues.map((i) => [i.row, i.code])).toEqual([
      [1, "forbidden"],
      [2, "duplicate_not_visible"],
    ]);
    expect(JSON.stringify(report.issues)).not.toContain(hidden.id);
    expect((await all(repositories)).length).toBe(1);
  });
});

describe("importLeads: a re-run after merges finds every lead it stored", () => {
  test("records folded together by onMatch merge, or merged by hand, are found again, never twinned", async () => {
    const { service, repositories } = setup();
    const map = { "contact.name": "n", "contact.email": "e", externalId: "x" };
    const records = [
      { n: "R1", e: "m1@z.es", x: "X1" },
      { n: "R2", e: "m2@z.es", x: "X2" },
      { n: "R3", e: "m1@z.es", x: "X2" },
      { n: "R4", e: "m4@z.es", x: "X4" },
      { n: "R5", e: "m5@z.es" },
    ];
    const run = async () =>
      ok(
        await service.importLeads(records, {
          actor: "u-marta",
          importId: "imp",
          fieldMap: map,
          onMatch: "merge",
        }),
      );
    const first = await run();
    expect([first.created, first.merged]).toEqual([4, 1]);
    const [r4, r5] = [
      await repositories.leads.getByExternalId("X4"),
      await repositories.leads.getByExternalId("imp:5"),
    ];
    const byHand = await service.merge({ actor: "u-marta", leadIds: [r4?.id as string, r5?.id as string] });
    expect(byHand.ok).toBe(true);
    const before = (await all(repositories)).length;
    const second = await run();
    expect(second.created).toBe(0);
    expect(second.failed).toBe(0);
    expect((await all(repositories)).length).toBe(before);
  });
});

describe("importLeads: a hidden lead answers a record exactly as it answers a capture", () => {
  // Ana's active lead, which Bruno may not see: email, phone and external id.
  const secret = () =>
    called({
      externalId: "ext-secret",
      contact: { kind: "prospect", name: "Secret", email: "secret@acme.es", phone: "+34 911 234 567" },
    });
  const brunoImports = (overrides: Partial<ImportLeadsOptions> = {}) =>
    options({ actor: "u-bruno", fieldMap: { ...fieldMap, externalId: "Ext" }, ...overrides });

  test("a record that shares only a phone with a hidden lead is imported, as a capture would be", async () => {
    const { service, repositories } = setup();
    created(await service.capture(secret()));
    const other = setup();
    created(await other.service.capture(secret()));
    const asCapture = await other.service.capture(
      called({
        actor: "u-bruno",
        capture: { channel: "call", initiator: { kind: "user", userId: "u-bruno" } },
        contact: { kind: "prospect", name: "Other", phone: "+34 911 234 567" },
      }),
    );
    expect(asCapture.ok && asCapture.value.kind).toBe("created");
    const report = ok(
      await service.importLeads(
        [row(1, { Phone: "+34 911 234 567" }), row(2, { Phone: "+34 911 999 999" })],
        brunoImports({ match: ["phone"] }),
      ),
    );
    expect([report.created, report.failed, report.issues]).toEqual([2, 0, []]);
    expect((await all(repositories)).length).toBe(3);
  });

  test("an email or external id a hidden lead holds is refused without saying which, whatever the match keys", async () => {
    const { service, repositories } = setup();
    const hidden = created(await service.capture(secret()));
    const answers = [];
    for (const [match, record] of [
      [["external_id"], row(1, { Email: "secret@acme.es" })],
      [["email"], row(1, { Ext: "ext-secret" })],
      [["email"], row(1, { Email: "secret@acme.es" })],
      [["external_id"], row(1, { Ext: "ext-secret" })],
      [["phone"], row(1, { Email: "SECRET@acme.es" })],
    ] as const) {
      const report = ok(await service.importLeads([record], brunoImports({ match: [...match] })));
      answers.push(report.issues.map(({ code, path, message }) => ({ code, path, message })));
    }
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(answers[0]?.map((i) => i.code)).toEqual(["duplicate_not_visible"]);
    expect(JSON.stringify(answers)).not.toMatch(new RegExp(`${hidden.id}|email|external`));
    expect((await all(repositories)).length).toBe(1);
  });

  test("a key a visible lead holds is still reported as key_taken, naming the key", async () => {
    const { service } = setup();
    created(await service.capture(secret()));
    const report = ok(
      await service.importLeads([row(1, { Email: "secret@acme.es" })], options({ match: ["external_id"] })),
    );
    expect(report.issues.map((i) => [i.code, i.path.join(".")])).toEqual([["key_taken", "contact.email"]]);
  });
});

describe("importLeads: resuming after a failure creates no twin and loses no record", () => {
  // 120 records; every 10th repeats an earlier record's email (a duplicate in the file itself).
  const records = Array.from({ length: 120 }, (_, i) =>
    row(i + 1, i % 10 === 9 ? { Email: `p${i - 4}@company${i - 4}.example` } : {}),
  );
  const distinctEmails = new Set(records.map((r) => r.Email)).size;
  // A `leads.save` fault runs on repositories without `insertMany`, where each new record is saved
  // on its own; with it (and transactions), the records of a batch are inserted together.
  const plans: FaultPlan[] = [
    { method: "leads.save", onCall: 57, timing: "after" },
    { method: "leads.save", onCall: 57, timing: "before" },
    { method: "leads.insertMany", onCall: 5, timing: "after" },
    { method: "leads.insertMany", onCall: 5, timing: "before" },
    { method: "audit.append", onCall: 2, timing: "before" },
    { method: "outbox.append", onCall: 2, timing: "after" },
    { method: "leads.findByDuplicateKeys", onCall: 3, timing: "before" },
  ];

  for (const transactional of [true, false]) {
    // Without transactions each record is its own unit of work: insertMany is never called.
    for (const plan of plans.filter((p) => transactional || p.method !== "leads.insertMany")) {
      test(`${transactional ? "with" : "without"} transactions, ${plan.method} failing ${plan.timing} call ${plan.onCall}`, async () => {
        const inner = createInMemoryRepositories();
        const stores = plan.method === "leads.save" ? withoutInsertMany(inner) : inner;
        const healthy = transactional ? stores : withoutTransactions(stores);
        const { service: broken } = setup({ repositories: withFaults(healthy, plan), idPrefix: "first" });
        let checkpoint = 0;
        const first = await broken
          .importLeads(
            records,
            options({
              batchSize: 20,
              onProgress: (p) => {
                checkpoint = p.checkpoint;
              },
            }),
          )
          .then(
            () => "resolved",
            () => "rejected",
          );
        expect(first).toBe("rejected");
        expect(checkpoint).toBeLessThan(records.length);

        const { service } = setup({ repositories: healthy, idPrefix: "resumed" });
        const resumed = ok(
          await service.importLeads(records, options({ batchSize: 20, startAfter: checkpoint })),
        );
        expect(resumed.checkpoint).toBe(records.length);

        const leads = await all(inner);
        // No twin: one lead per distinct email. Nothing lost: every record's email is stored.
        expect(leads.length).toBe(distinctEmails);
        expect(new Set(leads.map((l) => l.contact.email)).size).toBe(distinctEmails);
        const audit = await inner.audit.list();
        const captures = audit.filter((e) => e.action === "capture");
        if (transactional) {
          // All or nothing per batch: every lead has exactly one capture entry and its events.
          expect(captures.map((e) => e.leadId).sort()).toEqual(leads.map((l) => l.id).sort());
          const captured = (await inner.outbox.list()).filter((e) => e.type === "lead.captured");
          expect(captured.length).toBe(leads.length);
        } else {
          // A record is its own unit of work: at most the one cut short lacks its entry.
          expect(captures.length).toBeGreaterThanOrEqual(leads.length - 1);
          expect(new Set(captures.map((e) => e.leadId)).size).toBe(captures.length);
        }
        // Running the whole file once more changes nothing.
        const again = ok(await service.importLeads(records, options()));
        expect([again.created, again.skipped]).toEqual([0, records.length]);
      });
    }
  }
});

describe("importLeads: a batch's new records are inserted together", () => {
  // 60 records; every 7th repeats the email of the record 3 before it (a duplicate inside the
  // batch), and record 40 carries the external id of a lead stored before the import, under another
  // email: the batch's lookup (emails) does not see it, so its insert is refused and the records
  // queued with it are created one by one.
  const records = Array.from({ length: 60 }, (_, i) =>
    row(i + 1, {
      ...(i % 7 === 6 ? { Email: `p${i - 2}@company${i - 2}.example` } : {}),
      Ref: i === 39 ? "crm-40" : `ref-${i + 1}`,
    }),
  );
  const config = {
    distribution: {
      strategy: "round_robin" as const,
      members: [{ userId: "u-ana" }, { userId: "u-bruno" }, { userId: "u-carla" }],
    },
  };

  async function run(batched: boolean) {
    const inner = createInMemoryRepositories();
    const { service: before } = setup({ repositories: inner, config, idPrefix: "before" });
    created(
      await before.capture(
        called({
          externalId: "crm-40",
          contact: { kind: "prospect", name: "Stored", email: "stored@elsewhere.example" },
        }),
      ),
    );
    // A plan that never fires: it only counts the calls.
    const counted = withFaults(batched ? inner : withoutInsertMany(inner), {
      method: "leads.remove",
      onCall: 1_000,
    });
    const { service } = setup({ repositories: counted, config, idPrefix: "import" });
    const report = ok(
      await service.importLeads(
        records,
        options({ fieldMap: { ...fieldMap, externalId: "Ref" }, onMatch: "merge", batchSize: 25 }),
      ),
    );
    return {
      report,
      state: {
        ...(await snapshot(inner)),
        // The rotation's state; its version counts compare-and-sets, one per group of turns.
        rotation: (await inner.distribution.get("default"))?.state,
      },
      inserts: counted.callsOf("leads.insertMany"),
      saves: counted.callsOf("leads.save"),
    };
  }

  test("with insertMany the import stores the same leads, owners, audit, events and rotation as one save per record", async () => {
    const batched = await run(true);
    const single = await run(false);
    expect(batched.report).toEqual(single.report);
    expect(batched.report).toMatchObject({ created: 51, merged: 9, failed: 0 });
    expect(batched.state).toEqual(single.state);
    // Every owner came from the rotation, in turn.
    const owners = batched.state.leads.filter((l) => l.externalId !== "crm-40").map((l) => l.owner);
    expect(new Set(owners)).toEqual(new Set(["u-ana", "u-bruno", "u-carla"]));
    expect(single.inserts).toBe(0);
    // One per created record and per merge, and the refused insert of record 40.
    expect(single.saves).toBe(61);
    // Together: a few inserts per batch (split by the duplicates), and one save per merge plus
    // one per record of the group whose insert was refused.
    expect(batched.inserts).toBeGreaterThan(0);
    expect(batched.inserts).toBeLessThan(20);
    expect(batched.saves).toBeLessThan(single.saves / 2);
  });
});
