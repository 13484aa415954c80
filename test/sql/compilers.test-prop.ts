// Laws of the SQL compilers against real engines: hostile strings in every slot of every compiled
// statement change no statement's structure, under standard_conforming_strings on and off in
// PostgreSQL (PGlite) and in DuckDB, and the results equal TypeScript's. One engine of each kind for
// the whole file: PGlite takes seconds to start.
import fc from "fast-check";
import type { Lead } from "leadkit";
import {
  computeFunnelAggregate,
  createFunnelTableSql,
  FUNNEL_CREDIT_MODELS,
  type FunnelOptions,
  funnelAggregateFromSqlRows,
  funnelToSql,
  projectFunnelRow,
} from "leadkit/metrics";
import {
  buildPredictiveModel,
  compilePointsModel,
  createPredictiveSetup,
  fitPredictiveStats,
  type PointsModel,
  type PredictiveAdapter,
  parsePredictiveStats,
  pointsModelToSql,
  predictiveFitToSql,
  predictiveModelToSql,
  predictProbability,
} from "leadkit/scoring";
import { generateLeads } from "leadkit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readLeadField } from "../../src/scoring/read-lead-field.js";
import {
  type ColumnType,
  FUNNEL_ROW_COLUMNS,
  openDuckDb,
  openPostgres,
  type SqlEngine,
  toNumber,
} from "../support/sql-engines.js";

type Postgres = Awaited<ReturnType<typeof openPostgres>>;
let pg: Postgres;
let duck: SqlEngine;

beforeAll(async () => {
  [pg, duck] = await Promise.all([openPostgres(), openDuckDb()]);
  for (const engine of [pg, duck]) await engine.exec("CREATE TABLE sentinel (x integer)");
}, 120_000);

afterAll(async () => {
  await pg?.close();
  await duck?.close();
});

/** Each engine mode a statement runs in. */
const modes: readonly { name: string; engine: () => SqlEngine; before: () => Promise<void> }[] = [
  {
    name: "postgres, standard_conforming_strings on",
    engine: () => pg,
    before: () => pg.setConformingStrings(true),
  },
  {
    name: "postgres, standard_conforming_strings off",
    engine: () => pg,
    before: () => pg.setConformingStrings(false),
  },
  { name: "duckdb", engine: () => duck, before: async () => {} },
];

const ATTACKS = [
  "'",
  "''",
  "\\",
  "\\'",
  "\\\\'",
  "'; DROP TABLE sentinel; --",
  "\\'; DROP TABLE sentinel; --",
  "$$; DROP TABLE sentinel; $$",
  "$tag$",
  "E'",
  "e'\\x41'",
  "--",
  "/*",
  "*/",
  '"',
  "%",
  "_",
  "\t\r\n",
  "é",
  "😀",
  "\u2028",
  "(none)",
  "total",
  "",
];

/** Text that SQL can store (no U+0000, no lone surrogates), full of quotes, backslashes and comments. */
const hostile: fc.Arbitrary<string> = fc
  .array(fc.oneof(fc.constantFrom(...ATTACKS), fc.string({ unit: "grapheme", maxLength: 4 })), {
    maxLength: 4,
  })
  .map((parts) => parts.join("").replaceAll("\u0000", ""));
const hostileNonEmpty = hostile.map((s) => (s === "" ? "'" : s));

const ok = <T>(r: { ok: true; value: T } | { ok: false; issues: readonly { message: string }[] }): T => {
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join("; "));
  return r.value;
};

async function sentinelStands(): Promise<void> {
  expect(await pg.hasTable("sentinel")).toBe(true);
  expect(await duck.hasTable("sentinel")).toBe(true);
}

async function reload(
  table: string,
  columns: Readonly<Record<string, ColumnType>>,
  rows: readonly object[],
): Promise<void> {
  for (const engine of [pg, duck]) {
    await engine.exec(`DROP TABLE IF EXISTS ${table}`);
    await engine.load(table, columns, rows);
  }
}

const NOW = new Date("2026-04-01T00:00:00Z");
const BASE = generateLeads({ seed: 11, count: 1 })[0] as Lead;

/** A lead built by hand from hostile data, as one that skipped parsing would arrive. */
function leadOf(i: number, id: string, source: string, country: string, tags: readonly string[]): Lead {
  return {
    ...BASE,
    id,
    source,
    tags,
    contact: { ...BASE.contact, country, attributes: {} },
    interactions: [
      {
        id: `c${i}`,
        type: "email_click",
        at: new Date(NOW.getTime() - (i + 1) * 86_400_000),
        initiator: { kind: "contact" },
      },
    ],
  };
}

const dataArb = fc.record({
  leads: fc.uniqueArray(
    fc.record({
      id: hostileNonEmpty,
      source: hostile,
      country: hostile,
      tags: fc.array(hostileNonEmpty, { maxLength: 3 }),
    }),
    { minLength: 1, maxLength: 6, selector: (l) => l.id },
  ),
  groups: fc.uniqueArray(hostileNonEmpty, { minLength: 1, maxLength: 3 }),
  ruleIds: fc.uniqueArray(hostileNonEmpty, { minLength: 4, maxLength: 4 }),
  modelId: hostileNonEmpty,
  extraTag: hostileNonEmpty,
  extraValue: hostile,
});

describe("SQL compilers — hostile strings change no statement's structure", () => {
  it("points: scores equal TypeScript's in every engine mode, and the sentinel table stands", async () => {
    await fc.assert(
      fc.asyncProperty(dataArb, async (data) => {
        const leads = data.leads.map((l, i) => leadOf(i, l.id, l.source, l.country, l.tags));
        const first = data.leads[0] as (typeof data.leads)[number];
        const group = (k: number) => data.groups[k % data.groups.length] as string;
        const model: PointsModel = {
          id: data.modelId,
          groups: data.groups.map((id) => ({ id })),
          rules: [
            {
              id: data.ruleIds[0] as string,
              group: group(0),
              points: 10,
              when: [{ kind: "tag", tag: first.tags[0] ?? data.extraTag }],
            },
            {
              id: data.ruleIds[1] as string,
              group: group(1),
              points: 7,
              when: [{ kind: "field_equals", field: "source", value: first.source }],
              unless: [{ kind: "tag", tag: data.extraTag }],
            },
            {
              id: data.ruleIds[2] as string,
              group: group(2),
              points: 3,
              when: [
                { kind: "field_in", field: "contact.country", values: [first.country, data.extraValue] },
              ],
            },
            {
              id: data.ruleIds[3] as string,
              group: group(3),
              points: 5,
              repeatable: true,
              interaction: { types: ["email_click"] },
            },
          ],
        };
        await reload(
          "p_leads",
          { id: "text", source: "text", country: "text", tags: "text[]" },
          leads.map((l) => ({ id: l.id, source: l.source, country: l.contact.country, tags: l.tags })),
        );
        await reload(
          "p_interactions",
          { lead_id: "text", type: "text", occurred_at: "timestamptz" },
          leads.flatMap((l) =>
            l.interactions.map((x) => ({ lead_id: l.id, type: x.type, occurred_at: x.at })),
          ),
        );
        const scorer = compilePointsModel(model);
        const expected = new Map(leads.map((l) => [l.id, scorer.score(l, NOW).value]));
        for (const mode of modes) {
          const sql = ok(
            pointsModelToSql(model, {
              dialect: mode.engine().dialect,
              now: NOW,
              columns: {
                leadId: "l.id",
                tags: "l.tags",
                fields: { source: "l.source", "contact.country": "l.country" },
              },
              interactions: { from: "p_interactions", leadId: "lead_id", type: "type", at: "occurred_at" },
            }),
          );
          await mode.before();
          const rows = await mode
            .engine()
            .query<{ id: string; score: number }>(`SELECT l.id, ${sql} AS score FROM p_leads AS l`);
          expect(rows).toHaveLength(leads.length);
          for (const row of rows) expect([mode.name, row.score]).toEqual([mode.name, expected.get(row.id)]);
        }
        await pg.setConformingStrings(true);
        await sentinelStands();
      }),
      { numRuns: 12 },
    );
  }, 300_000);

  it("predictive fit and model: statistics and probabilities equal TypeScript's in every engine mode", async () => {
    const arb = fc.record({
      stages: fc.uniqueArray(hostileNonEmpty, { minLength: 2, maxLength: 4 }),
      fieldName: hostileNonEmpty.filter((n) => n !== "stage"),
      teams: fc.array(fc.option(hostile, { nil: null }), { minLength: 1, maxLength: 3 }),
      values: fc.array(hostile, { minLength: 1, maxLength: 4 }),
      records: fc.array(
        fc.record({
          team: fc.nat(),
          stage: fc.nat(),
          outcome: fc.constantFrom("won", "lost", "open"),
          value: fc.nat(),
          tags: fc.array(fc.nat(), { maxLength: 3 }),
        }),
        { minLength: 4, maxLength: 30 },
      ),
    });
    await fc.assert(
      fc.asyncProperty(arb, async (data) => {
        interface Row {
          readonly id: string;
          readonly team: string | null;
          readonly stage: string;
          readonly outcome: "won" | "lost" | "open";
          readonly value: string;
          readonly tags: readonly string[];
        }
        const pick = <T>(list: readonly T[], n: number) => list[n % list.length] as T;
        const rows: Row[] = data.records.map((r, i) => ({
          id: `r${i}`,
          team: pick(data.teams, r.team),
          stage: pick(data.stages, r.stage),
          outcome: r.outcome,
          value: pick(data.values, r.value),
          tags: r.tags.map((t) => pick(data.values, t)),
        }));
        const adapter: PredictiveAdapter<Row> = {
          team: (r) => r.team,
          stage: (r) => r.stage,
          outcome: (r) => r.outcome,
          fields: { [data.fieldName]: (r) => r.value, tags: (r) => r.tags },
        };
        const setup = createPredictiveSetup(
          {
            stages: data.stages.map((id) => ({ id })),
            wonStage: data.stages.at(-1),
            fields: [
              { name: data.fieldName, countEmpty: true },
              ...(data.fieldName === "tags" ? [] : [{ name: "tags", multiple: true, minSupport: 0 }]),
            ],
          },
          adapter,
        );
        await reload(
          "q_rows",
          { id: "text", team: "text", stage: "text", outcome: "text", value: "text", tags: "text[]" },
          rows,
        );
        const columns = {
          team: "team",
          stage: "stage",
          outcome: "outcome",
          fields: { [data.fieldName]: "value", tags: "tags" },
        };
        const stats = fitPredictiveStats(setup, rows).stats;
        const model = buildPredictiveModel(setup, stats);
        for (const mode of modes) {
          const dialect = mode.engine().dialect;
          const fit = ok(predictiveFitToSql(setup.config, { dialect, from: "q_rows", columns }));
          const score = ok(predictiveModelToSql(model, { dialect, columns }));
          await mode.before();
          const cells = (await mode.engine().query<Record<string, unknown>>(fit)).map((c) => ({
            ...c,
            won: toNumber(c["won"]),
            lost: toNumber(c["lost"]),
          }));
          expect([mode.name, parsePredictiveStats({ cells })]).toEqual([mode.name, stats]);
          const scored = await mode
            .engine()
            .query<{ id: string; p: number | null }>(`SELECT id, ${score} AS p FROM q_rows`);
          const fromSql = new Map(scored.map((r) => [r.id, r.p]));
          for (const row of rows) {
            const ts = predictProbability(model, row);
            expect([mode.name, row.id, fromSql.get(row.id)]).toEqual([
              mode.name,
              row.id,
              ts.ok ? ts.value : null,
            ]);
          }
        }
        await pg.setConformingStrings(true);
        await sentinelStands();
      }),
      { numRuns: 12 },
    );
  }, 300_000);

  it("funnel: the aggregate equals TypeScript's in every engine mode, with hostile ids, sources, owners, teams and touches, cross-segments included", async () => {
    const arb = fc.uniqueArray(
      fc.record({
        id: hostileNonEmpty,
        source: hostile,
        owner: fc.option(hostile, { nil: null }),
        industry: hostile,
        by: fc.option(hostile, { nil: null }),
        // Touches whose utm_source is hostile text, or missing: the touch dimension splits credit.
        touches: fc.array(fc.option(hostileNonEmpty, { nil: undefined }), { maxLength: 5 }),
      }),
      { minLength: 1, maxLength: 8, selector: (l) => l.id },
    );
    await fc.assert(
      fc.asyncProperty(arb, fc.constantFrom(...FUNNEL_CREDIT_MODELS), async (specs, credit) => {
        // The team view by touch, and a pair without touch, whose keys are all hostile text.
        const crossSegments = [
          ["owner", "touch"],
          ["industry", "generatedBy"],
        ] as const;
        const options: FunnelOptions = {
          costs: (lead) => (lead.source?.length ?? 0) * 1.25,
          credit,
          crossSegments,
        };
        const leads: Lead[] = specs.map((s, i) => ({
          ...BASE,
          id: s.id,
          source: s.source,
          owner: s.owner,
          generatedBy: s.by,
          contact: { ...BASE.contact, industry: s.industry },
          interactions: s.touches.map((utmSource, j) => ({
            id: `t${i}-${j}`,
            type: "page_view",
            pageKind: "other",
            at: new Date(BASE.createdAt.getTime() + (j % 3) * 60_000),
            initiator: { kind: "contact" },
            attribution: utmSource === undefined ? { utmMedium: "cpc" } : { utmSource },
          })),
        }));
        const expected = computeFunnelAggregate(leads, options);
        for (const engine of [pg, duck]) {
          await engine.exec("DROP TABLE IF EXISTS leadkit_funnel_rows");
          await engine.exec(ok(createFunnelTableSql({ dialect: engine.dialect })));
          await engine.insert(
            "leadkit_funnel_rows",
            FUNNEL_ROW_COLUMNS,
            leads.map((l) => projectFunnelRow(l, options)),
          );
        }
        for (const mode of modes) {
          const sql = ok(
            funnelToSql({ dialect: mode.engine().dialect, period: "month", credit, crossSegments }),
          );
          await mode.before();
          const rows = await mode.engine().query(sql);
          expect([mode.name, funnelAggregateFromSqlRows(rows)]).toEqual([
            mode.name,
            computeFunnelAggregate(leads, { ...options, period: "month" }),
          ]);
        }
        expect(expected.total.leads).toBe(leads.length);
        await pg.setConformingStrings(true);
        await sentinelStands();
      }),
      { numRuns: 10 },
    );
  }, 300_000);

  it("a table name is a quoted plain identifier or an issue, never SQL", () => {
    fc.assert(
      fc.property(
        fc.oneof(hostile, fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,10}(\.[A-Za-z_]\w{0,10})?$/)),
        (table) => {
          const r = funnelToSql({ table });
          const plain = /^[A-Za-z_][A-Za-z0-9_]{0,62}(\.[A-Za-z_][A-Za-z0-9_]{0,62})?$/.test(table);
          expect(r.ok).toBe(plain);
          if (r.ok)
            expect(r.value).toContain(
              table
                .split(".")
                .map((p) => `"${p}"`)
                .join("."),
            );
        },
      ),
    );
  });
});

const PROTOTYPE_KEYS = [
  "constructor",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "__proto__",
  "isPrototypeOf",
  "__defineGetter__",
];

describe("custom attributes are data, in TypeScript and SQL alike", () => {
  it("for any attribute key, readLeadField, both scorers and SQL agree on presence and value", async () => {
    const arb = fc.record({
      // Any name the schema accepts (it refuses line breaks in a field path).
      key: fc.oneof(
        fc.constantFrom(...PROTOTYPE_KEYS),
        hostileNonEmpty.filter((k) => !/[\n\r\u2028\u2029]/.test(k)),
      ),
      values: fc.array(fc.option(fc.oneof(hostile, fc.constant(null)), { nil: undefined }), {
        minLength: 1,
        maxLength: 6,
      }),
      wanted: hostileNonEmpty,
    });
    await fc.assert(
      fc.asyncProperty(arb, async ({ key, values, wanted }) => {
        const field = `contact.attributes.${key}` as const;
        // JSON.parse makes every key an own property, `__proto__` included, as stored records arrive.
        const leads: Lead[] = values.map((v, i) => ({
          ...BASE,
          id: `a${i}`,
          contact: {
            ...BASE.contact,
            attributes: JSON.parse(v === undefined ? "{}" : JSON.stringify({ [key]: i === 0 ? wanted : v })),
          },
        }));
        const model: PointsModel = {
          id: "attrs",
          groups: [{ id: "fit" }],
          rules: [
            { id: "present", group: "fit", points: 1, when: [{ kind: "field_present", field }] },
            { id: "equal", group: "fit", points: 10, when: [{ kind: "field_equals", field, value: wanted }] },
            {
              id: "missing",
              group: "fit",
              points: 100,
              when: [{ kind: "field_equals", field, value: null }],
            },
          ],
        };
        await pg.exec("DROP TABLE IF EXISTS a_leads");
        await pg.load(
          "a_leads",
          { id: "text", attrs: "text" },
          leads.map((l) => ({ id: l.id, attrs: JSON.stringify(l.contact.attributes) })),
        );
        const quoted = `E'${key.replaceAll("\\", "\\\\").replaceAll("'", "''")}'`;
        const sql = ok(
          pointsModelToSql(model, {
            dialect: "postgres",
            now: NOW,
            columns: { leadId: "l.id", fields: { [field]: `CAST(l.attrs AS jsonb) ->> ${quoted}` } },
          }),
        );
        const rows = await pg.query<{ id: string; score: number; raw: string | null }>(
          `SELECT l.id, ${sql} AS score, NULLIF(CAST(l.attrs AS jsonb) ->> ${quoted}, '') AS raw FROM a_leads AS l`,
        );
        const generated = compilePointsModel(model);
        const closures = compilePointsModel(model, { generateCode: false });
        for (const lead of leads) {
          const row = rows.find((r) => r.id === lead.id);
          const read = readLeadField(lead, field);
          expect(read).toBe(row?.raw ?? null);
          expect(generated.score(lead, NOW).value).toBe(row?.score);
          expect(closures.score(lead, NOW).value).toBe(row?.score);
        }
      }),
      { numRuns: 40 },
    );
  }, 300_000);
});
