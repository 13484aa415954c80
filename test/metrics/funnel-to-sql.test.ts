import { PGlite } from "@electric-sql/pglite";
import type { Lead } from "leadkit";
import {
  computeFunnelAggregate,
  createFunnelTableSql,
  type FunnelOptions,
  type FunnelRow,
  funnelAggregateFromSqlRows,
  funnelToSql,
  projectFunnelRow,
  summarizeFunnel,
} from "leadkit/metrics";
import { generateLeads } from "leadkit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeLead, pathTo } from "./fixtures.js";

const COLUMNS: readonly (keyof FunnelRow)[] = [
  "id",
  "stage",
  "reached_stage",
  "won",
  "lost",
  "archived",
  "origin",
  "source",
  "owner",
  "generated_by",
  "industry",
  "interest_level",
  "created_at",
  "seconds_to_close",
  "seconds_in_contact",
  "seconds_in_lead",
  "seconds_in_prospect",
  "seconds_in_potential_client",
  "cost_cents",
  "expected_revenue_cents",
  "weighted_revenue_cents",
];

const options: FunnelOptions = {
  originOf: (lead) =>
    lead.generatedBy === null ? "passive" : lead.generatedBy === lead.owner ? "active" : null,
  probabilityOf: (lead) => (lead.expectedRevenue === undefined ? null : (lead.id.length % 10) / 10),
  costs: { outbound: 120, organic_search: 50, social: 80, email_campaign: 30, paid_ads: 99.99 },
};

const leads: Lead[] = [
  ...generateLeads({ seed: 8, count: 1500 }),
  makeLead({ id: "odd-1", source: "__proto__", start: "prospect", path: [["lost", 3]] }),
  makeLead({ id: "odd-2", owner: null, path: [...pathTo("customer", 200), ["archived", 1]] }),
];

let db: PGlite;

beforeAll(async () => {
  db = new PGlite();
  await db.exec(createFunnelTableSql());
  const rows = leads.map((lead) => projectFunnelRow(lead, options));
  for (let start = 0; start < rows.length; start += 200) {
    const batch = rows.slice(start, start + 200);
    const placeholders = batch.map(
      (_, r) => `(${COLUMNS.map((_, c) => `$${r * COLUMNS.length + c + 1}`).join(", ")})`,
    );
    await db.query(
      `INSERT INTO leadkit_funnel_rows (${COLUMNS.join(", ")}) VALUES ${placeholders.join(", ")}`,
      batch.flatMap((row) => COLUMNS.map((c) => row[c])),
    );
  }
});

afterAll(async () => {
  await db.close();
});

describe("funnelToSql in Postgres (PGlite)", () => {
  it("produces the same aggregate as computeFunnelAggregate, by quarter and every dimension", async () => {
    const { rows } = await db.query<Record<string, unknown>>(funnelToSql());
    const fromSql = funnelAggregateFromSqlRows(rows);
    expect(fromSql).toEqual(computeFunnelAggregate(leads, options));
    expect(summarizeFunnel(fromSql)).toEqual(summarizeFunnel(computeFunnelAggregate(leads, options)));
  });

  it("produces the same aggregate by month for chosen dimensions", async () => {
    const sql = funnelToSql({ period: "month", dimensions: ["period", "owner"] });
    const { rows } = await db.query<Record<string, unknown>>(sql);
    expect(funnelAggregateFromSqlRows(rows)).toEqual(
      computeFunnelAggregate(leads, { ...options, period: "month", dimensions: ["period", "owner"] }),
    );
  });

  it("reads an empty table as the empty aggregate", async () => {
    await db.exec(createFunnelTableSql({ table: "public.empty_rows" }));
    const { rows } = await db.query<Record<string, unknown>>(funnelToSql({ table: "public.empty_rows" }));
    expect(funnelAggregateFromSqlRows(rows)).toEqual(computeFunnelAggregate([]));
  });
});

describe("funnelToSql — inputs", () => {
  it("refuses table names that are not plain identifiers", () => {
    expect(() => funnelToSql({ table: 'x"; DROP TABLE leads; --' })).toThrow(/not a plain identifier/);
    expect(() => createFunnelTableSql({ table: "a.b.c" })).toThrow(/not a plain identifier/);
  });

  it("refuses unknown dimensions", () => {
    expect(() => funnelToSql({ dimensions: ["colour" as "source"] })).toThrow(
      /Unknown funnel dimension "colour"/,
    );
  });

  it("reads driver values given as strings and bigints, and rejects unknown dimensions", () => {
    const row = {
      dimension: "total",
      segment: "total",
      leads: "2",
      reached_contact: 2n,
      reached_lead: 1,
      reached_prospect: 0,
      reached_potential_client: 0,
      reached_customer: 0,
      won: 0,
      lost: 0,
      archived: 0,
      active: 0,
      passive: 0,
      costed_leads: 0,
      cost_cents: 0,
      pipeline_leads: 0,
      pipeline_revenue_cents: 0,
      pipeline_weighted_cents: 0,
      histograms: '{"lead": {"count": 1, "sumSeconds": 5, "buckets": {"5": 1}}}',
    };
    const aggregate = funnelAggregateFromSqlRows([row]);
    expect(aggregate.total.leads).toBe(2);
    expect(aggregate.total.timeInStage.lead).toEqual({ count: 1, sumSeconds: 5, buckets: { "5": 1 } });
    expect(() => funnelAggregateFromSqlRows([{ ...row, dimension: "colour" }])).toThrow(/dimension "colour"/);
    expect(() => funnelAggregateFromSqlRows([{ ...row, won: -1 }])).toThrow(/column won is -1/);
  });
});
