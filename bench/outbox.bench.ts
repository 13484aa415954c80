// Outbox throughput: events claimed and acknowledged per second by delivery workers that do nothing
// else (no HTTP), in memory, on PGlite and — when DATABASE_URL is set — on a PostgreSQL server
// with four workers at once. Each row's run drains an outbox filled beforehand (not timed): N events
// over N/10 leads, ten per lead, appended as the service appends them (a few per change).
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import type { DomainEvent, Outbox } from "../src/ports/index.js";
import { createPostgresRepositories, fromPgPool, migrate } from "../src/postgres/index.js";
import { createInMemoryRepositories } from "../src/testing/index.js";
import type { BenchMeasure } from "./harness.js";

const at = new Date("2026-03-02T09:00:00Z");

function events(count: number): DomainEvent[] {
  const leads = Math.max(1, Math.floor(count / 10));
  return Array.from({ length: count }, (_, i) => {
    const leadVersion = Math.floor(i / leads) + 1;
    return {
      id: `lead-${i % leads}/v${leadVersion}/0`,
      type: "interaction.recorded",
      leadId: `lead-${i % leads}`,
      at,
      actor: "system",
      leadVersion,
      payload: { interactionId: `i-${i}`, type: "email_click", at: at.toISOString() },
    } as DomainEvent;
  });
}

async function fill(outbox: Outbox, count: number): Promise<void> {
  const all = events(count);
  for (let i = 0; i < all.length; i += 3) await outbox.append(all.slice(i, i + 3));
}

/** Workers that claim 100 at a time and acknowledge each batch, until the outbox is empty. */
async function drain(outbox: Outbox, workers: number, expected: number, label: string): Promise<void> {
  let done = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      for (;;) {
        const batch = await outbox.claim({ consumer: `w-${w}`, limit: 100, leaseMs: 600_000, now: at });
        if (batch.length === 0) return;
        await outbox.acknowledge(batch.map((c) => c.event.id));
        done += batch.length;
      }
    }),
  );
  if (done !== expected) throw new Error(`${label}: drained ${done} events, expected ${expected}`);
  const seconds = (performance.now() - started) / 1000;
  console.log(`  ${label}: ${Math.round(done / seconds).toLocaleString("en-US")} events/s`);
}

export default async function cases(): Promise<readonly BenchMeasure[]> {
  const memory = createInMemoryRepositories();
  await fill(memory.outbox, 20_000);
  const lite = await PGlite.create();
  await migrate(lite, { schema: "bench_outbox" });
  const onLite = createPostgresRepositories(lite, { schema: "bench_outbox" });
  await fill(onLite.outbox, 5_000);
  const rows: BenchMeasure[] = [
    {
      name: "outbox: claim + acknowledge 20,000 events, batches of 100 (in-memory)",
      run: () => drain(memory.outbox, 1, 20_000, "in-memory"),
    },
    {
      name: "outbox: claim + acknowledge 5,000 events, batches of 100 (PGlite)",
      run: async () => {
        await drain(onLite.outbox, 1, 5_000, "PGlite");
        await lite.close();
      },
    },
  ];
  const url = process.env["DATABASE_URL"];
  if (url === undefined || url === "") {
    console.log("  outbox on a PostgreSQL server: skipped (DATABASE_URL is not set)");
    return rows;
  }
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  const schema = `bench_outbox_${process.pid}`;
  await migrate(fromPgPool(pool), { schema });
  const onServer = createPostgresRepositories(fromPgPool(pool), { schema });
  await fill(onServer.outbox, 20_000);
  rows.push({
    name: "outbox: claim + acknowledge 20,000 events, 4 workers × batches of 100 (PostgreSQL server)",
    run: async () => {
      try {
        await drain(onServer.outbox, 4, 20_000, "PostgreSQL server, 4 workers");
      } finally {
        await pool.query(`DROP SCHEMA "${schema}" CASCADE`);
        await pool.end();
      }
    },
  });
  return rows;
}
