import type { Lead } from "leadkit";
import {
  computeFunnelAggregate,
  createFunnelTableSql,
  type FunnelOptions,
  funnelAggregateFromSqlRows,
  funnelToSql,
  projectFunnelRow,
  summarizeFunnel,
  summarizeTeam,
} from "leadkit/metrics";
import { generateLeads } from "leadkit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FUNNEL_ROW_COLUMNS, openDuckDb, openPostgres, type SqlEngine } from "../support/sql-engines.js";
import { funnelLead, pathTo } from "./fixtures.js";

const sql = (r: { ok: true; value: string } | { ok: false; issues: readonly { message: string }[] }) => {
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join("; "));
  return r.value;
};

const options: FunnelOptions = {
  originOf: (lead) =>
    lead.generatedBy === null ? "passive" : lead.generatedBy === lead.owner ? "active" : null,
  probabilityOf: (lead) => (lead.expectedRevenue === undefined ? null : (lead.id.length % 10) / 10),
  costs: { outbound: 120, organic_search: 50, social: 80, email_campaign: 30, paid_ads: 99.99 },
};

const leads: Lead[] = [
  ...generateLeads({ seed: 8, count: 1500 }),
  funnelLead({ id: "odd-1", source: "__proto__", start: "prospect", path: [["lost", 3]] }),
  funnelLead({ id: "odd-2", owner: null, path: [...pathTo("customer", 200), ["archived", 1]] }),
  // Won before it was created, and a move dated before the one ahead of it: counted, and reported.
  funnelLead({
    id: "odd-3",
    source: "a|b'c\\",
    path: [
      ["lead", -3],
      ["customer", 1],
    ],
  }),
  // Attribution and speed to lead: first and last touch, a response by the owner, a call by someone else.
  ...Array.from({ length: 60 }, (_, i) =>
    funnelLead({
      id: `touched-${i}`,
      createdAt: new Date(Date.UTC(2026, 2, 28, 20 + (i % 8), i)),
      capturedFrom: i % 3 === 0 ? "google" : undefined,
      touches: [
        [i * 7, i % 2 === 0 ? "linkedin" : "newsletter"],
        [i * 90, "__proto__"],
      ],
      calls: [
        [i * 13 + 1, i % 4 === 0 ? "u-bruno" : "u-ana"],
        [i * 500, "u-ana"],
      ],
      path: i % 5 === 0 ? pathTo("customer", 1) : [],
    }),
  ),
  // Month and quarter boundaries that fall on another day in some zone, near daylight saving changes.
  ...[
    "2026-04-01T02:30:00Z", // 31 March 23:30 in Buenos Aires
    "2026-03-31T22:30:00Z", // 1 April 00:30 in Madrid (summer time since 29 March)
    "2026-10-31T23:30:00Z", // 1 November 00:30 in Madrid (winter time since 25 October)
    "2026-11-01T03:30:00Z", // 31 October 23:30 in New York (summer time until 1 November)
    "2026-03-31T13:15:00Z", // 1 April 00:15 on Lord Howe Island (+11 until 5 April)
    "2026-12-31T23:59:59.999Z",
  ].map((iso, i) => funnelLead({ id: `boundary-${i}`, createdAt: new Date(iso) })),
  // Split credit: 0 to 8 touches, repeated sources, a touch without utm_source, costs and durations
  // whose shares round, on both sides of the conversion.
  ...Array.from({ length: 45 }, (_, i) => {
    const lead = funnelLead({
      id: `credit-${i}`,
      source: i % 2 === 0 ? "paid_ads" : "social",
      expectedRevenue: i % 3 === 0 ? 1234.57 + i : undefined,
      capturedFrom: i % 4 === 0 ? "google" : undefined,
      touches: Array.from(
        { length: i % 9 },
        (_, j) => [j * 37 + i, ["linkedin", "google", "x'y", "__proto__"][(i + j) % 4] as string] as const,
      ),
      path: i % 5 === 1 ? pathTo("customer", 0.37 + i / 10) : i % 5 === 2 ? pathTo("prospect", 1.01) : [],
    });
    if (i % 6 !== 0) return lead;
    const untagged = {
      id: `untagged-${i}`,
      type: "page_view",
      pageKind: "other",
      at: new Date(lead.createdAt.getTime() + 45_000),
      initiator: { kind: "contact" },
      attribution: { utmCampaign: "spring" },
    } as const;
    return { ...lead, interactions: [...lead.interactions, untagged] };
  }),
  funnelLead({
    id: "odd-4",
    path: [
      ["lead", 2],
      ["prospect", -1],
    ],
  }),
];

const engines: Record<string, SqlEngine> = {};

beforeAll(async () => {
  const rows = leads.map((lead) => projectFunnelRow(lead, options));
  for (const open of [openPostgres, openDuckDb]) {
    const engine = await open();
    engines[engine.dialect] = engine;
    await engine.exec(sql(createFunnelTableSql({ dialect: engine.dialect })));
    await engine.insert("leadkit_funnel_rows", FUNNEL_ROW_COLUMNS, rows);
  }
});

afterAll(async () => {
  for (const engine of Object.values(engines)) await engine.close();
});

describe.each(["postgres", "duckdb"] as const)("funnelToSql in %s", (dialect) => {
  it("produces the same aggregate as computeFunnelAggregate, by quarter and every dimension", async () => {
    const rows = await engines[dialect]?.query(sql(funnelToSql({ dialect })));
    const fromSql = funnelAggregateFromSqlRows(rows ?? []);
    expect(fromSql).toEqual(computeFunnelAggregate(leads, options));
    expect(fromSql.total.outOfOrderLeads).toBe(2);
    expect(summarizeFunnel(fromSql)).toEqual(summarizeFunnel(computeFunnelAggregate(leads, options)));
  });

  it("produces the same aggregate by month for chosen dimensions", async () => {
    const query = sql(funnelToSql({ dialect, period: "month", dimensions: ["period", "owner"] }));
    const rows = await engines[dialect]?.query(query);
    expect(funnelAggregateFromSqlRows(rows ?? [])).toEqual(
      computeFunnelAggregate(leads, { ...options, period: "month", dimensions: ["period", "owner"] }),
    );
  });

  it("segments by first and last touch and counts speed to lead as TypeScript does", async () => {
    const dimensions = ["firstTouch", "lastTouch", "owner", "source", "origin"] as const;
    const rows = await engines[dialect]?.query(sql(funnelToSql({ dialect, dimensions })));
    const fromSql = funnelAggregateFromSqlRows(rows ?? []);
    const inProcess = computeFunnelAggregate(leads, { ...options, dimensions });
    expect(fromSql).toEqual(inProcess);
    expect(Object.keys(fromSql.segments.firstTouch ?? {})).toEqual(
      expect.arrayContaining(["google", "linkedin", "newsletter"]),
    );
    expect(
      Object.getOwnPropertyDescriptor(fromSql.segments.lastTouch, "__proto__")?.value.leads,
    ).toBeGreaterThan(0);
    expect(fromSql.total.timeToFirstResponse.count).toBeGreaterThan(0);
    expect(summarizeFunnel(fromSql).total.timeToFirstResponse).toEqual(
      summarizeFunnel(inProcess).total.timeToFirstResponse,
    );
  });

  it.each(["linear", "position", "first", "last"] as const)(
    "splits %s credit over touches exactly as TypeScript does, to the last bit",
    async (credit) => {
      const dimensions = ["touch", "source"] as const;
      const rows = await engines[dialect]?.query(sql(funnelToSql({ dialect, credit, dimensions })));
      const fromSql = funnelAggregateFromSqlRows(rows ?? []);
      const inProcess = computeFunnelAggregate(leads, { ...options, credit, dimensions });
      expect(fromSql).toEqual(inProcess);
      expect(JSON.stringify(fromSql)).toBe(JSON.stringify(inProcess));
      const touch = Object.values(fromSql.segments.touch ?? {});
      if (credit === "linear" || credit === "position")
        expect(touch.some((c) => !Number.isInteger(c.leads) && !Number.isInteger(c.timeToClose.count))).toBe(
          true,
        );
    },
  );

  it.each(["linear", "position", "first", "last"] as const)(
    "crosses owner × touch (the team view by touch) with %s credit, and pairs without touch, to the last bit",
    async (credit) => {
      const crossSegments = [
        ["owner", "touch"],
        ["touch", "source"],
        ["owner", "firstTouch"],
        ["period", "origin"],
      ] as const;
      const dimensions = ["owner", "touch"] as const;
      const query = sql(funnelToSql({ dialect, credit, dimensions, crossSegments, period: "month" }));
      const rows = await engines[dialect]?.query(query);
      const fromSql = funnelAggregateFromSqlRows(rows ?? []);
      const inProcess = computeFunnelAggregate(leads, {
        ...options,
        credit,
        dimensions,
        crossSegments,
        period: "month",
      });
      expect(JSON.stringify(fromSql)).toBe(JSON.stringify(inProcess));
      expect(Object.keys(fromSql.crossSegments?.owner?.touch ?? {}).length).toBeGreaterThan(1);
      expect(Object.hasOwn(fromSql.crossSegments?.touch?.source ?? {}, "__proto__")).toBe(true);
      const team = (aggregate: typeof fromSql) =>
        summarizeTeam(summarizeFunnel(aggregate), { breakdownBy: "touch" });
      expect(team(fromSql)).toEqual(team(inProcess));
    },
  );

  it.each(["America/Argentina/Buenos_Aires", "Europe/Madrid", "America/New_York", "Australia/Lord_Howe"])(
    "cuts periods in %s as TypeScript does, across daylight saving changes",
    async (timeZone) => {
      for (const period of ["month", "quarter"] as const) {
        const query = sql(funnelToSql({ dialect, period, timeZone, dimensions: ["period"] }));
        const rows = await engines[dialect]?.query(query);
        expect(funnelAggregateFromSqlRows(rows ?? [])).toEqual(
          computeFunnelAggregate(leads, { ...options, period, timeZone, dimensions: ["period"] }),
        );
      }
    },
  );

  it("reads an empty table as the empty aggregate", async () => {
    const table = dialect === "duckdb" ? "main.empty_rows" : "public.empty_rows";
    await engines[dialect]?.exec(sql(createFunnelTableSql({ dialect, table })));
    const rows = await engines[dialect]?.query(sql(funnelToSql({ dialect, table })));
    expect(funnelAggregateFromSqlRows(rows ?? [])).toEqual(computeFunnelAggregate([]));
  });

  it("refuses what the in-process count refuses: a duplicate id, a date outside years 1000–9999", async () => {
    const engine = engines[dialect] as SqlEngine;
    const row = projectFunnelRow(funnelLead({ id: "dup" }), options);
    await engine.insert("leadkit_funnel_rows", FUNNEL_ROW_COLUMNS, [row]);
    await expect(engine.insert("leadkit_funnel_rows", FUNNEL_ROW_COLUMNS, [row])).rejects.toThrow();
    for (const year of ["0999-12-31T23:59:59.999Z", "+010000-01-01T00:00:00.000Z"])
      await expect(
        engine.insert("leadkit_funnel_rows", FUNNEL_ROW_COLUMNS, [
          { ...row, id: `y${year}`, created_at: year },
        ]),
      ).rejects.toThrow();
    await engine.exec("DELETE FROM leadkit_funnel_rows WHERE id = 'dup'");
  });
});

describe("funnelToSql — inputs", () => {
  it("returns issues, never SQL, for table names that are not plain identifiers", () => {
    const hostile = funnelToSql({ table: 'x"; DROP TABLE leads; --' });
    expect(hostile.ok ? [] : hostile.issues.map((i) => [i.code, i.path.join(".")])).toEqual([
      ["invalid_table_name", "table"],
    ]);
    const ddl = createFunnelTableSql({ table: "a.b.c" });
    expect(ddl.ok ? "" : ddl.issues[0]?.message).toMatch(/not a plain identifier/);
  });

  it("returns issues for unknown dimensions, periods, dialects and options, whatever their type", () => {
    const r = funnelToSql({
      dimensions: ["colour" as "source", { toString: 1 } as never, null as never],
      period: "week" as "month",
      dialect: "mysql" as "postgres",
      extra: 1,
    } as never);
    expect(r.ok ? [] : r.issues.map((i) => `${i.code}@${i.path.join(".")}`).sort()).toEqual([
      "invalid_dialect@dialect",
      "invalid_period@period",
      "unknown_dimension@dimensions.0",
      "unknown_dimension@dimensions.1",
      "unknown_dimension@dimensions.2",
      "unrecognized_keys@extra",
    ]);
    expect(funnelToSql(null as never).ok).toBe(false);
    expect(funnelToSql({ dimensions: "source" as never }).ok).toBe(false);
  });

  it("caps the issues of a huge invalid option list", () => {
    const r = funnelToSql({ dimensions: Array.from({ length: 10_000 }, () => "x" as "source") });
    expect(r.ok ? 0 : r.issues.length).toBe(101);
    expect(r.ok ? "" : r.issues.at(-1)?.code).toBe("too_many_issues");
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
      out_of_order_leads: 0,
      histograms: '{"lead": {"count": 1, "sumSeconds": 5, "buckets": {"5": 1}}}',
    };
    const aggregate = funnelAggregateFromSqlRows([row]);
    expect(aggregate.total.leads).toBe(2);
    expect(aggregate.total.timeInStage.lead).toEqual({ count: 1, sumSeconds: 5, buckets: { "5": 1 } });
    expect(() => funnelAggregateFromSqlRows([{ ...row, dimension: "colour" }])).toThrow(/dimension "colour"/);
    // A cross-segment row: its keys are data, `__proto__` included.
    const crossed = funnelAggregateFromSqlRows([
      row,
      {
        ...row,
        dimension: "owner",
        segment: "__proto__",
        cross_dimension: "touch",
        cross_segment: "constructor",
      },
      { ...row, dimension: "owner", segment: "u-ana", cross_dimension: "", cross_segment: "" },
    ]);
    expect(Object.hasOwn(crossed.crossSegments?.owner?.touch ?? {}, "__proto__")).toBe(true);
    expect(JSON.stringify(crossed.crossSegments?.owner?.touch)).toMatch(
      /^\{"__proto__":\{"constructor":\{"leads":2,/,
    );
    expect(Object.keys(crossed.segments.owner ?? {})).toEqual(["u-ana"]);
    expect(() =>
      funnelAggregateFromSqlRows([{ ...row, dimension: "owner", cross_dimension: "colour" }]),
    ).toThrow(/cross_dimension "colour"/);
    expect(() => funnelAggregateFromSqlRows([{ ...row, won: -1 }])).toThrow(/column won is -1/);
  });
});
