import { PGlite } from "@electric-sql/pglite";
import { isPersonalEmail, type Lead } from "leadkit";
import {
  compilePointsModel,
  DEFAULT_POINTS_MODEL,
  looksUnpronounceable,
  type PointsModel,
  pointsModelToSql,
} from "leadkit/scoring";
import { generateLeads } from "leadkit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const leads: Lead[] = generateLeads({ seed: 5, count: 800 }).map((lead, i) => ({
  ...lead,
  tags: i % 4 === 0 ? ["fair"] : lead.tags,
  contact: {
    ...lead.contact,
    ...(i % 7 === 0 ? { kind: "bot" as const } : {}),
    ...(i % 5 === 0 ? { humanConfirmed: true } : {}),
    attributes: { ...lead.contact.attributes, seats: i % 60 },
  },
}));
const now = new Date("2026-06-15T12:00:00Z");

/** A model using every condition kind, caps, windows, filters and window decay. */
const custom: PointsModel = {
  id: "custom",
  groups: [{ id: "fit", max: 40 }, { id: "engagement", min: -10, max: 60 }, { id: "other" }],
  rules: [
    {
      id: "es",
      group: "fit",
      points: 10,
      when: [{ kind: "field_in", field: "contact.country", values: ["ES", "MX", null] }],
    },
    {
      id: "seats",
      group: "fit",
      points: 7,
      when: [{ kind: "field_range", field: "contact.attributes.seats", min: 10, max: 40 }],
    },
    {
      id: "no-source",
      group: "fit",
      points: -3,
      when: [{ kind: "field_equals", field: "source", value: null }],
    },
    { id: "fair", group: "fit", points: 6, when: [{ kind: "tag", tag: "fair" }], unless: [{ kind: "bot" }] },
    { id: "human", group: "other", points: 4, when: [{ kind: "human_confirmed" }] },
    {
      id: "pricing-views",
      group: "engagement",
      points: 5,
      repeatable: true,
      cap: 20,
      interaction: { types: ["page_view"], pageKinds: ["pricing", "product"], within: { days: 90 } },
    },
    {
      id: "sales-calls",
      group: "engagement",
      points: 8,
      interaction: { types: ["call", "meeting_held"], initiators: ["user"] },
    },
    {
      id: "web-only",
      group: "engagement",
      points: -2,
      repeatable: true,
      interaction: { types: ["page_view", "email_open"], channels: ["web"] },
    },
  ],
  decay: { kind: "window", within: { months: 4 } },
};

const columns = {
  leadId: "l.id",
  tags: "l.tags",
  personalEmail: "l.personal_email",
  unpronounceableName: "l.unpronounceable",
  fields: {
    interestLevel: "l.interest_level",
    "contact.company": "l.company",
    "contact.jobTitle": "l.job_title",
    "contact.phone": "l.phone",
    "contact.kind": "l.kind",
    "contact.humanConfirmed": "l.human_confirmed",
    "contact.country": "l.country",
    "contact.attributes.seats": "l.seats",
    source: "l.source",
  },
} as const;
const interactions = {
  from: "interactions",
  leadId: "lead_id",
  type: "type",
  at: "at",
  channel: "channel",
  pageKind: "page_kind",
  initiator: "initiator",
};

let db: PGlite;
beforeAll(async () => {
  db = new PGlite();
  await db.exec(`
    CREATE TABLE leads (id text PRIMARY KEY, interest_level text, company text, job_title text, phone text,
      kind text, human_confirmed boolean, personal_email boolean, unpronounceable boolean, country text,
      seats float8, source text, tags text[]);
    CREATE TABLE interactions (lead_id text, type text, at timestamptz, channel text, page_kind text, initiator text);`);
  const leadRows = leads.map((l) => ({
    id: l.id,
    interest_level: l.interestLevel,
    company: l.contact.company ?? null,
    job_title: l.contact.jobTitle ?? null,
    phone: l.contact.phone ?? null,
    kind: l.contact.kind,
    human_confirmed: l.contact.humanConfirmed,
    personal_email: isPersonalEmail(l.contact.email),
    unpronounceable: looksUnpronounceable(l.contact.name),
    country: l.contact.country ?? null,
    seats: l.contact.attributes["seats"] ?? null,
    source: l.source ?? null,
    tags: l.tags,
  }));
  const interactionRows = leads.flatMap((l) =>
    l.interactions.map((i) => ({
      lead_id: l.id,
      type: i.type,
      at: i.at.toISOString(),
      channel: i.channel ?? null,
      page_kind: i.type === "page_view" ? i.pageKind : null,
      initiator: i.initiator.kind,
    })),
  );
  await db.query("INSERT INTO leads SELECT * FROM json_populate_recordset(NULL::leads, $1)", [
    JSON.stringify(leadRows),
  ]);
  await db.query("INSERT INTO interactions SELECT * FROM json_populate_recordset(NULL::interactions, $1)", [
    JSON.stringify(interactionRows),
  ]);
});
afterAll(async () => {
  await db.close();
});

async function expectSameScores(model: PointsModel): Promise<void> {
  const sql = pointsModelToSql(model, { dialect: "postgres", now, columns, interactions });
  if (!sql.ok) throw new Error(sql.issues.map((i) => i.message).join("; "));
  const result = await db.query<{ id: string; score: number }>(
    `SELECT l.id, ${sql.value} AS score FROM leads AS l`,
  );
  const fromSql = new Map(result.rows.map((r) => [r.id, r.score]));
  const scorer = compilePointsModel(model);
  const scores = new Set<number>();
  for (const lead of leads) {
    const ts = scorer.score(lead, now).value;
    scores.add(ts);
    expect(fromSql.get(lead.id)).toBeCloseTo(ts, 9);
  }
  expect(scores.size).toBeGreaterThan(10);
}

describe("points model in PostgreSQL (PGlite)", () => {
  it("gives the default model's totals, linear decay included, as the TypeScript scorer", async () => {
    await expectSameScores(DEFAULT_POINTS_MODEL);
  });

  it("gives a model with every condition kind, filters, caps and window decay the same totals", async () => {
    await expectSameScores(custom);
  });

  it("names every column the model needs and is not given", () => {
    const r = pointsModelToSql(custom, { dialect: "postgres", now, columns: { leadId: "l.id", fields: {} } });
    expect(r.ok ? [] : r.issues.map((i) => i.path.join(".")).sort()).toEqual([
      "columns.fields.contact.attributes.seats",
      "columns.fields.contact.country",
      "columns.fields.contact.humanConfirmed",
      "columns.fields.contact.kind",
      "columns.fields.source",
      "columns.tags",
      "interactions",
    ]);
    const noColumns = pointsModelToSql(custom, {
      dialect: "postgres",
      now,
      columns,
      interactions: { from: "interactions", leadId: "lead_id", type: "type", at: "at" },
    });
    expect(noColumns.ok ? [] : noColumns.issues.map((i) => i.path.join(".")).sort()).toEqual([
      "interactions.channel",
      "interactions.initiator",
      "interactions.pageKind",
    ]);
  });
});
