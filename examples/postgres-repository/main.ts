// The lead service on PostgreSQL through leadkit/postgres: migrate, wire the service to the
// repositories, capture and work a few leads, deliver the domain events from the outbox, and show
// what the tables hold. It runs on PGlite (an
// embedded Postgres, no server); with DATABASE_URL set it runs on that server through a pg Pool.
import { PGlite } from "@electric-sql/pglite";
import { compileSharingPolicy, DEFAULT_SHARING_POLICY } from "leadkit/origin";
import { createPostgresRepositories, fromPgPool, migrate, type PostgresDatabase } from "leadkit/postgres";
import { createLeadService, isConflictIssue } from "leadkit/services";
import { fixedClock, sequentialIds } from "leadkit/testing";
import pg from "pg";
import { readExampleArgs } from "../example-args.js";

readExampleArgs(import.meta.url);

const started = performance.now();
const url = process.env["DATABASE_URL"];
const pool = url === undefined ? undefined : new pg.Pool({ connectionString: url, max: 4 });
const pglite = pool === undefined ? await PGlite.create() : undefined;
const database: PostgresDatabase = pool === undefined ? (pglite as PGlite) : fromPgPool(pool);
// On a server, a schema of its own that the example drops at the end; PGlite is thrown away anyway.
const schema = pool === undefined ? "leadkit" : `leadkit_example_${process.pid}`;
const { applied, version } = await migrate(database, { schema });
await migrate(database, { schema }); // idempotent: applies nothing the second time
console.log(
  `${pool === undefined ? "PGlite" : "PostgreSQL server"} ready, schema "${schema}" migrated to v${version} (applied ${applied.join(", ")}) in ${Math.round(performance.now() - started)} ms`,
);

try {
  const repositories = createPostgresRepositories(database, { schema });
  const clock = fixedClock("2026-03-02T09:00:00Z");
  const service = createLeadService({
    repositories,
    clock,
    ids: sequentialIds("lead"),
    config: {
      policy: compileSharingPolicy({
        ...DEFAULT_SHARING_POLICY,
        managers: ["u-marta"],
        members: ["u-ana", "u-bruno"],
      }),
      distribution: { strategy: "round_robin", members: [{ userId: "u-ana" }, { userId: "u-bruno" }] },
    },
  });

  // Ana calls a prospect herself: an active lead, hers.
  const called = await service.capture({
    actor: "u-ana",
    contact: {
      kind: "prospect",
      name: "Lucía Pérez",
      email: "lucia@acme.es",
      company: "Acme",
      jobTitle: "CTO",
    },
    capture: { channel: "call", initiator: { kind: "user", userId: "u-ana" } },
  });
  // A form on the company website, posted twice by a retrying webhook: one passive lead, distributed.
  const post = {
    actor: "system",
    externalId: "webform-8812",
    contact: { kind: "prospect", name: "Jorge Ruiz", email: "jorge@globex.example" },
    capture: { channel: "form", initiator: { kind: "contact" }, capturePoint: { managedBy: "company" } },
  } as const;
  const inbound = await service.capture(post);
  const retried = await service.capture(post);
  for (const result of [called, inbound, retried]) {
    if (!result.ok) throw new Error(result.issues.map((i) => i.message).join("; "));
    const { kind } = result.value;
    const lead = result.value.kind === "merge_proposal" ? result.value.candidate : result.value.lead;
    const origin = kind === "created" ? ` ${result.value.origin.kind} (${result.value.origin.label.en})` : "";
    console.log(`capture → ${kind.padEnd(8)} ${lead.id} owner=${lead.owner}${origin}`);
  }
  if (!inbound.ok || inbound.value.kind !== "created")
    throw new Error("The inbound lead should have been created");
  const inboundLead = inbound.value.lead;
  const owner = inboundLead.owner ?? "u-marta";

  // The prospect asks for a demo: re-scored, and the score's threshold suggests a transition.
  const demo = await service.recordInteraction({
    actor: "system",
    leadId: inboundLead.id,
    interaction: { type: "demo_request", at: clock.now(), initiator: { kind: "contact" } },
  });
  if (demo.ok)
    console.log(
      `demo request → score ${demo.value.scores["default"]}, effects ${JSON.stringify(demo.value.effects)}`,
    );

  // Two people edit the lead they both saw at version 2: one wins, the other gets a conflict.
  const [first, second] = await Promise.all([
    service.share({ actor: owner, leadId: inboundLead.id, userId: "u-marta", expectedVersion: 2 }),
    service.transition({ actor: owner, leadId: inboundLead.id, event: "nurture", expectedVersion: 2 }),
  ]);
  for (const result of [first, second]) {
    const conflict = result.ok ? undefined : result.issues.find(isConflictIssue);
    console.log(
      result.ok
        ? "concurrent edit → saved"
        : `concurrent edit → conflict, lead is at v${conflict?.currentVersion}`,
    );
  }

  // A delivery worker: claim the domain events the service appended with each change (in the same
  // transaction), deliver them — here, print them — in order, and acknowledge them. The event id is
  // the idempotency key; examples/webhook-delivery sends them as signed webhooks.
  const batch = await repositories.outbox.claim({
    consumer: "worker-1",
    limit: 100,
    leaseMs: 30_000,
    now: clock.now(),
  });
  console.log(`outbox: ${batch.length} events`);
  for (const { event, attempt } of batch) {
    console.log(
      `  ${event.id.padEnd(16)} ${event.type.padEnd(22)} ${event.actor.padEnd(7)} attempt ${attempt} ${JSON.stringify(event.payload)}`,
    );
  }
  await repositories.outbox.acknowledge(batch.map((claimed) => claimed.event.id));
  const again = await repositories.outbox.claim({
    consumer: "worker-2",
    limit: 100,
    leaseMs: 30_000,
    now: clock.now(),
  });
  console.log(`after acknowledging: ${again.length} events left to deliver`);
  const rotation = await repositories.distribution.get("default");
  console.log(`round-robin rotation at v${rotation?.version}: ${JSON.stringify(rotation?.state.assigned)}`);

  const { rows } = await database.query(
    `SELECT id, version, owner, stage, generated_by, last_activity_at FROM "${schema}".leads ORDER BY id`,
  );
  console.table(rows);
  console.log("audit log:");
  for (const entry of await repositories.audit.list()) {
    console.log(
      `  ${entry.at.toISOString()} ${entry.actor.padEnd(7)} ${entry.action.padEnd(18)} ${entry.leadId} v${entry.beforeVersion}→v${entry.afterVersion}`,
    );
  }
} finally {
  if (pool !== undefined) {
    await database.query(`DROP SCHEMA "${schema}" CASCADE`);
    await pool.end();
  }
  await pglite?.close();
}
