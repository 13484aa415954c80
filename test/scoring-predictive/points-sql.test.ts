import type { SqlDialect } from "leadkit";
import { isDisposableEmail, isPersonalEmail, type Lead } from "leadkit";
import {
  compilePointsModel,
  DEFAULT_POINTS_MODEL,
  looksUnpronounceable,
  type PointsModel,
  pointsModelToSql,
} from "leadkit/scoring";
import { generateLeads } from "leadkit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDuckDb, openPostgres, type SqlEngine } from "../support/sql-engines.js";

const leads: Lead[] = generateLeads({ seed: 5, count: 800 }).map((lead, i) => ({
  ...lead,
  tags: i % 4 === 0 ? ["fair"] : lead.tags,
  contact: {
    ...lead.contact,
    ...(i % 7 === 0 ? { kind: "bot" as const } : {}),
    ...(i % 5 === 0 ? { humanConfirmed: true } : {}),
    ...(i % 9 === 0 ? { email: `lead${i}@mailinator.com` } : {}),
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
    { id: "burner", group: "other", points: -5, when: [{ kind: "disposable_email" }] },
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
  disposableEmail: "l.disposable_email",
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
// `occurred_at`, not `at`: DuckDB reserves `at` in CREATE TABLE.
const interactions = {
  from: "interactions",
  leadId: "lead_id",
  type: "type",
  at: "occurred_at",
  channel: "channel",
  pageKind: "page_kind",
  initiator: "initiator",
};

const engines: Partial<Record<SqlDialect, SqlEngine>> = {};
beforeAll(async () => {
  const leadRows = leads.map((l) => ({
    id: l.id,
    interest_level: l.interestLevel,
    company: l.contact.company ?? null,
    job_title: l.contact.jobTitle ?? null,
    phone: l.contact.phone ?? null,
    kind: l.contact.kind,
    human_confirmed: l.contact.humanConfirmed,
    personal_email: isPersonalEmail(l.contact.email),
    disposable_email: isDisposableEmail(l.contact.email),
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
      occurred_at: i.at,
      channel: i.channel ?? null,
      page_kind: i.type === "page_view" ? i.pageKind : null,
      initiator: i.initiator.kind,
    })),
  );
  for (const open of [openPostgres, openDuckDb]) {
    const engine = await open();
    engines[engine.dialect] = engine;
    await engine.load(
      "leads",
      {
        id: "text",
        interest_level: "text",
        company: "text",
        job_title: "text",
        phone: "text",
        kind: "text",
        human_confirmed: "boolean",
        personal_email: "boolean",
        disposable_email: "boolean",
        unpronounceable: "boolean",
        country: "text",
        seats: "float8",
        source: "text",
        tags: "text[]",
      },
      leadRows,
    );
    await engine.load(
      "interactions",
      {
        lead_id: "text",
        type: "text",
        occurred_at: "timestamptz",
        channel: "text",
        page_kind: "text",
        initiator: "text",
      },
      interactionRows,
    );
  }
});
afterAll(async () => {
  for (const engine of Object.values(engines)) await engine.close();
});

async function expectSameScores(dialect: SqlDialect, model: PointsModel): Promise<void> {
  const sql = pointsModelToSql(model, { dialect, now, columns, interactions });
  if (!sql.ok) throw new Error(sql.issues.map((i) => i.message).join("; "));
  const rows = await (engines[dialect] as SqlEngine).query<{ id: string; score: number }>(
    `SELECT l.id, ${sql.value} AS score FROM leads AS l`,
  );
  const fromSql = new Map(rows.map((r) => [r.id, r.score]));
  const scorer = compilePointsModel(model);
  const scores = new Set<number>();
  for (const lead of leads) {
    const ts = scorer.score(lead, now).value;
    scores.add(ts);
    expect(fromSql.get(lead.id)).toBeCloseTo(ts, 9);
  }
  expect(scores.size).toBeGreaterThan(10);
}

describe.each(["postgres", "duckdb"] as const)("points model in %s", (dialect) => {
  it("gives the default model's totals, linear decay included, as the TypeScript scorer", async () => {
    await expectSameScores(dialect, DEFAULT_POINTS_MODEL);
  });

  it("gives a model with every condition kind, filters, caps and window decay the same totals", async () => {
    await expectSameScores(dialect, custom);
  });
});

describe("pointsModelToSql — inputs", () => {
  it("names every column the model needs and is not given", () => {
    const r = pointsModelToSql(custom, { dialect: "postgres", now, columns: { leadId: "l.id", fields: {} } });
    expect(r.ok ? [] : r.issues.map((i) => i.path.join(".")).sort()).toEqual([
      "columns.disposableEmail",
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

describe("pointsModelToSql — hostile input gives issues, never SQL", () => {
  const base = { dialect: "postgres" as const, now, columns, interactions };
  const codes = (r: ReturnType<typeof pointsModelToSql>) =>
    r.ok ? [] : r.issues.map((i) => `${i.code}@${i.path.join(".")}`);

  it("validates the model with the scorer's schema: a string or an array where a number or a string belongs", () => {
    const crafted = {
      ...custom,
      rules: [
        { id: "x", group: "fit", points: "1) FROM leads; DROP TABLE leads; --" },
        { id: "y", group: "fit", points: 1, when: [{ kind: "tag", tag: ["a'", "b"] }] },
      ],
    } as unknown as PointsModel;
    const r = pointsModelToSql(crafted, base);
    expect(codes(r)).toEqual(expect.arrayContaining(["invalid_type@model.rules.0.points"]));
    expect(codes(r).some((c) => c.includes("model.rules.1.when.0"))).toBe(true);
    expect(pointsModelToSql(null as unknown as PointsModel, base).ok).toBe(false);
  });

  it("names U+0000 and lone surrogates in model strings at their paths", () => {
    const model: PointsModel = {
      ...custom,
      rules: [
        { id: "t", group: "fit", points: 1, when: [{ kind: "tag", tag: "a\u0000b" }] },
        {
          id: "v",
          group: "fit",
          points: 1,
          when: [{ kind: "field_equals", field: "source", value: "x\uD800" }],
        },
      ],
    };
    expect(codes(pointsModelToSql(model, base))).toEqual([
      "unstorable_text@model.rules.0.when.0.tag",
      "unstorable_text@model.rules.1.when.0.value",
    ]);
  });

  it("refuses an Invalid Date, an unknown dialect and a column that is not a string", () => {
    const r = pointsModelToSql(custom, {
      ...base,
      now: new Date(Number.NaN),
      dialect: "oracle" as "postgres",
      columns: { ...columns, leadId: 42 as unknown as string },
    });
    expect(codes(r).sort()).toEqual([
      "invalid_type@columns.leadId",
      "invalid_type@now",
      "invalid_value@dialect",
    ]);
  });

  it("refuses a tiny decay percent (1e-300) instead of compiling for seconds", () => {
    const tiny = { ...DEFAULT_POINTS_MODEL, decay: { kind: "linear", percent: 1e-300, every: { hours: 1 } } };
    expect(codes(pointsModelToSql(tiny as PointsModel, base))).toEqual(["too_small@model.decay.percent"]);
  });

  it("keeps the statement's size within the model's, whatever the decay percent", () => {
    const sizeWith = (percent: number) =>
      (
        pointsModelToSql(
          { ...DEFAULT_POINTS_MODEL, decay: { kind: "linear", percent, every: { days: 1 } } },
          base,
        ) as { value: string }
      ).value.length;
    expect(sizeWith(1)).toBeLessThan(400_000);
    expect(sizeWith(1)).toBeLessThan(sizeWith(50) * 60);
  });

  it("reads columns as own properties: a field named after Object.prototype needs its own column", () => {
    const model: PointsModel = {
      id: "proto",
      groups: [{ id: "fit" }],
      rules: [
        {
          id: "c",
          group: "fit",
          points: 1,
          when: [{ kind: "field_present", field: "contact.attributes.constructor" }],
        },
        {
          id: "t",
          group: "fit",
          points: 1,
          when: [{ kind: "field_present", field: "contact.attributes.toString" }],
        },
      ],
    };
    expect(codes(pointsModelToSql(model, base))).toEqual([
      "missing_column@columns.fields.contact.attributes.constructor",
      "missing_column@columns.fields.contact.attributes.toString",
    ]);
  });

  it("writes every string from the model as an escape literal, so standard_conforming_strings cannot change it", () => {
    const model: PointsModel = {
      id: "m",
      groups: [{ id: "fit" }],
      rules: [{ id: "t", group: "fit", points: 1, when: [{ kind: "tag", tag: "a\\' OR 1=1; --" }] }],
    };
    const r = pointsModelToSql(model, base);
    expect(r.ok && r.value.includes("E'a\\\\'' OR 1=1; --'")).toBe(true);
  });
});
