import { PGlite } from "@electric-sql/pglite";
import type { Lead } from "leadkit";
import {
  buildPredictiveModel,
  fitPredictiveStats,
  leadPredictiveAdapter,
  leadPredictiveSetup,
  parsePredictiveStats,
  predictiveFitToSql,
  predictiveModelToSql,
  predictProbability,
} from "leadkit/scoring";
import { generateLeads } from "leadkit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Extra tags, one with a quote, so multiple-valued fields and quoting are exercised.
const leads: Lead[] = generateLeads({ seed: 3, count: 2500 }).map((lead, i) => ({
  ...lead,
  tags: [
    ...lead.tags,
    ...(i % 3 === 0 ? ["fair"] : []),
    ...(i % 4 === 0 ? ["o'clock"] : []),
    ...(i % 97 === 0 ? ["rare"] : []),
  ],
}));
const setup = leadPredictiveSetup([
  { name: "country" },
  { name: "emailState", countEmpty: true },
  { name: "phoneState", countEmpty: true },
  { name: "source" },
  { name: "language" },
  { name: "captureChannel" },
  { name: "tags", multiple: true },
]);
const columns = {
  team: "team",
  stage: "stage",
  outcome: "outcome",
  fields: {
    country: "country",
    emailState: "email_state",
    phoneState: "phone_state",
    source: "source",
    language: "language",
    captureChannel: "capture_channel",
    tags: "tags",
  },
};
const read = (lead: Lead, field: string) => leadPredictiveAdapter.fields[field]?.(lead) ?? null;
const rows = leads.map((lead) => ({
  id: lead.id,
  team: lead.team ?? null,
  stage: leadPredictiveAdapter.stage(lead) ?? null,
  outcome: leadPredictiveAdapter.outcome(lead),
  country: read(lead, "country"),
  email_state: read(lead, "emailState"),
  phone_state: read(lead, "phoneState"),
  source: read(lead, "source"),
  language: read(lead, "language"),
  capture_channel: read(lead, "captureChannel"),
  tags: lead.tags,
}));

let db: PGlite;
beforeAll(async () => {
  db = new PGlite();
  await db.exec(`CREATE TABLE leads (id text PRIMARY KEY, team text, stage text, outcome text, country text,
    email_state text, phone_state text, source text, language text, capture_channel text, tags text[])`);
  await db.query("INSERT INTO leads SELECT * FROM json_populate_recordset(NULL::leads, $1)", [
    JSON.stringify(rows),
  ]);
});
afterAll(async () => {
  await db.close();
});

describe("predictive model in PostgreSQL (PGlite)", () => {
  it("counts the same statistics with the GROUP BY query as fitPredictiveStats", async () => {
    const query = predictiveFitToSql(setup.config, { dialect: "postgres", from: "leads", columns });
    if (!query.ok) throw new Error(query.issues[0]?.message);
    const result = await db.query(query.value);
    expect(parsePredictiveStats({ cells: result.rows })).toEqual(fitPredictiveStats(setup, leads).stats);
  });

  it("scores every lead to the cent as predictProbability does", async () => {
    const closed = leads.filter((_, i) => i % 2 === 0);
    const model = buildPredictiveModel(setup, fitPredictiveStats(setup, closed).stats);
    const sql = predictiveModelToSql(model, { dialect: "postgres", columns });
    if (!sql.ok) throw new Error(sql.issues[0]?.message);
    const result = await db.query<{ id: string; p: number | null }>(
      `SELECT id, ${sql.value} AS p FROM leads`,
    );
    const fromSql = new Map(result.rows.map((r) => [r.id, r.p]));
    let open = 0;
    for (const lead of leads) {
      const ts = predictProbability(model, lead);
      if (setup.adapter.outcome(lead) === "open" && ts.ok) open++;
      expect([lead.id, fromSql.get(lead.id)]).toEqual([lead.id, ts.ok ? ts.value : null]);
    }
    expect(open).toBeGreaterThan(500);
  });

  it("returns NULL where TypeScript returns an issue, and reports missing columns", async () => {
    const model = buildPredictiveModel(setup, { cells: [] });
    const sql = predictiveModelToSql(model, {
      dialect: "postgres",
      columns: { ...columns, outcome: "'open'" },
    });
    if (!sql.ok) throw new Error(sql.issues[0]?.message);
    const result = await db.query<{ p: number | null }>(
      `SELECT ${sql.value} AS p FROM leads WHERE stage = 'lead' LIMIT 1`,
    );
    expect(result.rows).toEqual([{ p: null }]);
    const missing = predictiveModelToSql(model, { dialect: "postgres", columns: { ...columns, fields: {} } });
    expect(missing.ok ? [] : missing.issues.map((i) => i.path.join("."))).toContain("columns.fields.tags");
    const fit = predictiveFitToSql(setup.config, {
      dialect: "postgres",
      from: "leads",
      columns: { ...columns, fields: {} },
    });
    expect(fit.ok).toBe(false);
  });
});
