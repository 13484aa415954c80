// Fitted points models are ordinary points models: the SQL compiler scores them in PostgreSQL
// (PGlite) exactly as the TypeScript scorer does — whatever the method, seed, precision, scale and
// calibration, pairs (boosting's interactions) included, for records with unseen categories, missing values and numbers beyond every edge.
// One PGlite for the file (it takes seconds to start).
import { PGlite } from "@electric-sql/pglite";
import fc from "fast-check";
import {
  compilePointsModel,
  fitPointsModel,
  type PointsModel,
  type PointsSqlColumns,
  pointsModelToSql,
  recordAsLead,
} from "leadkit/scoring";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIT_FEATURES, FIT_MAP, type FitRow, fitRows } from "../scoring/fit-fixtures.js";

const now = new Date("2026-01-01T00:00:00Z");
const scored: FitRow[] = [
  ...fitRows(400, 77),
  { id: 9001, source: "carrier pigeon", region: "west", visits: 1e6, minutes: -5, won: null },
  { id: 9002, source: null, region: "north", visits: null, minutes: 0, won: null },
  { id: 9003, source: "", region: "", visits: -1e300, minutes: 1e300, won: null },
];
const columns: PointsSqlColumns = {
  leadId: "l.id",
  fields: {
    "contact.attributes.source": "l.source",
    "contact.attributes.region": "l.region",
    "contact.attributes.visits": "l.visits",
    "contact.attributes.minutes": "l.minutes",
  },
};

/** The one place that calls the SQL compiler, so a change of its return shape is a one-line change. */
function toSql(model: PointsModel): string {
  const sql = pointsModelToSql(model, { dialect: "postgres", now, columns });
  if (!sql.ok) throw new Error(sql.issues.map((i) => i.message).join("; "));
  return sql.value;
}

let db: PGlite;
beforeAll(async () => {
  db = new PGlite();
  // A numeric column holds numbers only: text is stored as NULL, which both sides read as missing.
  await db.exec(
    "CREATE TABLE leads (id text PRIMARY KEY, source text, region text, visits float8, minutes float8);",
  );
  await db.query("INSERT INTO leads SELECT * FROM json_populate_recordset(NULL::leads, $1)", [
    JSON.stringify(
      scored.map((r) => ({
        id: String(r.id),
        source: r.source,
        region: r.region,
        visits: typeof r.visits === "number" ? r.visits : null,
        minutes: r.minutes,
      })),
    ),
  ]);
}, 120_000);
afterAll(async () => {
  await db.close();
});

describe("fitted points models in PostgreSQL (PGlite)", () => {
  it("the TypeScript scores equal the SQL scores for fitted models", async () => {
    let pairRules = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          method: fc.constantFrom("scorecard", "boosting") as fc.Arbitrary<"scorecard" | "boosting">,
          seed: fc.integer({ min: 1, max: 1000 }),
          precision: fc.constantFrom(1, 0.5, 0.1),
          calibrate: fc.constantFrom(undefined, "platt", "isotonic") as fc.Arbitrary<
            "platt" | "isotonic" | undefined
          >,
          scale: fc.constantFrom(undefined, 3, 8),
          interactions: fc.constantFrom(0, 2, 6),
          bags: fc.constantFrom(1, 3),
        }),
        async ({ method, seed, precision, calibrate, scale, interactions, bags }) => {
          const fit = fitPointsModel(fitRows(900, seed), {
            method,
            features: FIT_FEATURES,
            records: FIT_MAP,
            seed,
            precision,
            allowUntrusted: true,
            boosting: { bags, interactions },
            ...(calibrate === undefined ? {} : { calibrate }),
            ...(scale === undefined ? {} : { pointsToDoubleOdds: scale }),
          });
          expect(fit.ok).toBe(true);
          if (!fit.ok) return;
          pairRules += fit.value.model.rules.filter((r) => r.id.startsWith("interaction:")).length;
          const result = await db.query<{ id: string; score: number }>(
            `SELECT l.id, ${toSql(fit.value.model)} AS score FROM leads AS l`,
          );
          const fromSql = new Map(result.rows.map((r) => [r.id, r.score]));
          const scorer = compilePointsModel(fit.value.model);
          const totals = new Set<number>();
          for (const row of scored) {
            const asStored = { ...row, visits: typeof row.visits === "number" ? row.visits : null };
            const ts = scorer.score(recordAsLead(asStored, FIT_MAP), now).value;
            totals.add(ts);
            expect(fromSql.get(String(row.id))).toBeCloseTo(ts, 9);
          }
          expect(totals.size).toBeGreaterThan(10);
        },
      ),
      {
        numRuns: 12,
        // A boosting whose pairs are kept (seed 2), so pair rules are always among those compared.
        examples: [
          [
            {
              method: "boosting",
              seed: 2,
              precision: 0.1,
              calibrate: undefined,
              scale: undefined,
              interactions: 6,
              bags: 3,
            },
          ],
        ],
      },
    );
    expect(pairRules).toBeGreaterThan(0);
  }, 120_000);
});
