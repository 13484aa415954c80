import type { Lead, SqlDialect } from "leadkit";
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
import { openDuckDb, openPostgres, type SqlEngine, toNumber } from "../support/sql-engines.js";

// Extra tags, one with a quote, so multiple-valued fields and quoting are exercised; sources with
// backslashes and quotes, as anyone who fills in a form can write.
const leads: Lead[] = generateLeads({ seed: 3, count: 2500 }).map((lead, i) => ({
  ...lead,
  ...(i % 5 === 0 ? { source: ["x\\", "\\'; DROP TABLE leads; --", "$$", "E'"][i % 4] as string } : {}),
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

const engines: Partial<Record<SqlDialect, SqlEngine>> = {};
beforeAll(async () => {
  for (const open of [openPostgres, openDuckDb]) {
    const engine = await open();
    engines[engine.dialect] = engine;
    await engine.load(
      "leads",
      {
        id: "text",
        team: "text",
        stage: "text",
        outcome: "text",
        country: "text",
        email_state: "text",
        phone_state: "text",
        source: "text",
        language: "text",
        capture_channel: "text",
        tags: "text[]",
      },
      rows,
    );
  }
});
afterAll(async () => {
  for (const engine of Object.values(engines)) await engine.close();
});

describe.each(["postgres", "duckdb"] as const)("predictive model in %s", (dialect) => {
  const engine = () => engines[dialect] as SqlEngine;

  it("counts the same statistics with the GROUP BY query as fitPredictiveStats", async () => {
    const query = predictiveFitToSql(setup.config, { dialect, from: "leads", columns });
    if (!query.ok) throw new Error(query.issues[0]?.message);
    const cells = (await engine().query<Record<string, unknown>>(query.value)).map((r) => ({
      ...r,
      won: toNumber(r["won"]),
      lost: toNumber(r["lost"]),
    }));
    expect(parsePredictiveStats({ cells })).toEqual(fitPredictiveStats(setup, leads).stats);
  });

  it("scores every lead to the cent as predictProbability does", async () => {
    const closed = leads.filter((_, i) => i % 2 === 0);
    const model = buildPredictiveModel(setup, fitPredictiveStats(setup, closed).stats);
    const sql = predictiveModelToSql(model, { dialect, columns });
    if (!sql.ok) throw new Error(sql.issues[0]?.message);
    const result = await engine().query<{ id: string; p: number | null }>(
      `SELECT id, ${sql.value} AS p FROM leads`,
    );
    const fromSql = new Map(result.map((r) => [r.id, r.p]));
    let open = 0;
    for (const lead of leads) {
      const ts = predictProbability(model, lead);
      if (setup.adapter.outcome(lead) === "open" && ts.ok) open++;
      expect([lead.id, fromSql.get(lead.id)]).toEqual([lead.id, ts.ok ? ts.value : null]);
    }
    expect(open).toBeGreaterThan(500);
    expect(await engine().hasTable("leads")).toBe(true);
  });

  it("returns NULL where TypeScript returns an issue, and reports missing columns", async () => {
    const model = buildPredictiveModel(setup, { cells: [] });
    const sql = predictiveModelToSql(model, { dialect, columns: { ...columns, outcome: "'open'" } });
    if (!sql.ok) throw new Error(sql.issues[0]?.message);
    const result = await engine().query<{ p: number | null }>(
      `SELECT ${sql.value} AS p FROM leads WHERE stage = 'lead' LIMIT 1`,
    );
    expect(result).toEqual([{ p: null }]);
    const missing = predictiveModelToSql(model, { dialect, columns: { ...columns, fields: {} } });
    expect(missing.ok ? [] : missing.issues.map((i) => i.path.join("."))).toContain("columns.fields.tags");
    const fit = predictiveFitToSql(setup.config, {
      dialect,
      from: "leads",
      columns: { ...columns, fields: {} },
    });
    expect(fit.ok).toBe(false);
  });
});

describe("predictive compilers — hostile input gives issues, never SQL", () => {
  const codes = (r: {
    ok: boolean;
    issues?: readonly { code: string; path: readonly (string | number)[] }[];
  }) => (r.ok ? [] : (r.issues ?? []).map((i) => `${i.code}@${i.path.join(".")}`));

  it("names a lead value holding U+0000 or a lone surrogate at its cell", () => {
    const cells = [
      { team: null, field: "stage", value: "lead", won: 3, lost: 4 },
      { team: null, field: "source", value: "web\u0000", won: 1, lost: 1 },
      { team: "t\uDC00", field: "source", value: "ok", won: 1, lost: 1 },
    ];
    // The statistics' schema refuses U+0000 (the separator of a cell's key), whoever built the model.
    const withNul = buildPredictiveModel(setup, { cells });
    expect(codes(predictiveModelToSql(withNul, { dialect: "postgres", columns }))).toEqual([
      "custom@model.stats.cells.1.value",
    ]);
    // A lone surrogate passes the schema and is caught where the compiler writes the literal.
    const withSurrogate = buildPredictiveModel(setup, { cells: [cells[0], cells[2]] as typeof cells });
    expect(codes(predictiveModelToSql(withSurrogate, { dialect: "postgres", columns }))).toEqual([
      "unstorable_text@model.stats.cells.1.team",
    ]);
  });

  it("checks the configuration, statistics and tables it is given, whoever built the model", () => {
    const model = buildPredictiveModel(setup, {
      cells: [{ team: null, field: "stage", value: "lead", won: 3, lost: 4 }],
    });
    const forged = {
      ...model,
      all: { ...model.all, prior: { won: 1, lost: 1, pWon: Number.NaN, pLost: "1" } },
    };
    expect(codes(predictiveModelToSql(forged as never, { dialect: "postgres", columns }))).toEqual([
      "invalid_type@model.all.prior.pWon",
      "invalid_type@model.all.prior.pLost",
    ]);
    const badConfig = { ...model, setup: { ...model.setup, config: { ...model.setup.config, wonStage: 7 } } };
    expect(codes(predictiveModelToSql(badConfig as never, { dialect: "postgres", columns }))).toContain(
      "invalid_type@model.setup.config.wonStage",
    );
    expect(predictiveModelToSql(null as never, { dialect: "postgres", columns }).ok).toBe(false);
  });

  it("validates the fit's configuration with the setup's schema", () => {
    const config = { ...setup.config, stages: [{ id: "a\u0000" }, { id: ["won"] }], wonStage: "won" };
    const r = predictiveFitToSql(config as never, { dialect: "duckdb", from: "leads", columns });
    expect(codes(r)).toContain("invalid_type@config.stages.1.id");
    const nul = predictiveFitToSql(
      { ...setup.config, stages: [{ id: setup.config.wonStage }, { id: "x\u0000" }] },
      {
        dialect: "duckdb",
        from: "leads",
        columns,
      },
    );
    expect(codes(nul)).toEqual(["unstorable_text@config.stages.1.id"]);
  });
});
