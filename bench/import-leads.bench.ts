// Import throughput: records per second through service.importLeads (map, validate, match, capture,
// score, audit, events), in memory, on PGlite and — when DATABASE_URL is set — on a PostgreSQL
// server, each into an empty store, in batches of 100 records per transaction. Records are plain
// objects (CSV parsing is not timed); one in fifty repeats an earlier email and is merged.
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import type { Repositories } from "../src/ports/index.js";
import { createPostgresRepositories, fromPgPool, migrate } from "../src/postgres/index.js";
import { createLeadService, type ImportLeadsOptions } from "../src/services/index.js";
import { createInMemoryRepositories, fixedClock, sequentialIds } from "../src/testing/index.js";
import type { BenchMeasure } from "./harness.js";

function records(count: number) {
  return Array.from({ length: count }, (_, i) => {
    const n = i % 50 === 49 ? i - 7 : i;
    return {
      "Full name": `Person ${i}`,
      "E-mail": `contact${n}@company${n % 300}.example`,
      Company: `Company ${n % 300}`,
      Labels: i % 3 === 0 ? "fair;2026" : "",
    };
  });
}

const options: ImportLeadsOptions = {
  actor: "system",
  importId: "bench",
  fieldMap: {
    "contact.name": "Full name",
    "contact.email": "E-mail",
    "contact.company": "Company",
    tags: { column: "Labels", split: ";" },
  },
  onMatch: "merge",
  batchSize: 100,
};

async function importAll(repositories: Repositories, count: number, label: string): Promise<void> {
  const service = createLeadService({
    repositories,
    clock: fixedClock("2026-03-02T09:00:00Z"),
    ids: sequentialIds(label.replace(/\W+/g, "-")),
  });
  const rows = records(count);
  const started = performance.now();
  const result = await service.importLeads(rows, options);
  const seconds = (performance.now() - started) / 1000;
  if (!result.ok || result.value.failed > 0 || result.value.created + result.value.merged !== count)
    throw new Error(
      `${label}: the import did not store every record: ${JSON.stringify(result).slice(0, 300)}`,
    );
  console.log(`  ${label}: ${Math.round(count / seconds).toLocaleString("en-US")} rows/s`);
}

export default async function cases(): Promise<readonly BenchMeasure[]> {
  // PGlite starts and migrates before the rows run: only the import is timed.
  const lite = await PGlite.create();
  await migrate(lite, { schema: "bench_import" });
  const onLite = createPostgresRepositories(lite, { schema: "bench_import" });
  const rows: BenchMeasure[] = [
    {
      name: "importLeads: 20,000 records, batches of 100 (in-memory)",
      target: "≥ 5,000 rows/s",
      run: () => importAll(createInMemoryRepositories(), 20_000, "in-memory"),
    },
    {
      name: "importLeads: 3,000 records, batches of 100 (PGlite)",
      target: "≥ 1,000 rows/s",
      run: async () => {
        try {
          await importAll(onLite, 3_000, "PGlite");
        } finally {
          await lite.close();
        }
      },
    },
  ];
  const url = process.env["DATABASE_URL"];
  if (url === undefined || url === "") {
    console.log("  importLeads on a PostgreSQL server: skipped (DATABASE_URL is not set)");
    return rows;
  }
  rows.push({
    name: "importLeads: 10,000 records, batches of 100 (PostgreSQL server)",
    run: async () => {
      const pool = new pg.Pool({ connectionString: url, max: 4 });
      const schema = `bench_import_${process.pid}`;
      try {
        await migrate(fromPgPool(pool), { schema });
        await importAll(
          createPostgresRepositories(fromPgPool(pool), { schema }),
          10_000,
          "PostgreSQL server",
        );
      } finally {
        await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await pool.end();
      }
    },
  });
  return rows;
}
