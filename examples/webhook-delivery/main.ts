// Domain events delivered as signed webhooks: the lead service appends events to the outbox with
// each change; a worker claims them, POSTs each as a Standard Webhooks message to a receiver on
// 127.0.0.1, retries with exponential backoff, and acknowledges only what was delivered. The
// receiver verifies every signature, fails some requests on purpose, loses one reply, and applies
// each event once by its webhook-id.
import { randomBytes } from "node:crypto";
import { compileSharingPolicy, DEFAULT_SHARING_POLICY } from "leadkit/origin";
import type { DomainEvent } from "leadkit/ports";
import { createLeadService } from "leadkit/services";
import { createInMemoryRepositories, sequentialIds } from "leadkit/testing";
import { readExampleArgs } from "../example-args.js";
import { startReceiver } from "./webhook-receiver.js";
import { createWebhookWorker } from "./webhook-worker.js";

readExampleArgs(import.meta.url);

const repositories = createInMemoryRepositories(); // or createPostgresRepositories(database): same worker
const service = createLeadService({
  repositories,
  clock: { now: () => new Date() },
  ids: sequentialIds("lead"),
  config: {
    policy: compileSharingPolicy({ ...DEFAULT_SHARING_POLICY, members: ["u-ana", "u-bruno"] }),
    distribution: { strategy: "round_robin", members: [{ userId: "u-ana" }, { userId: "u-bruno" }] },
  },
});

// Some activity: inbound captures, interactions that re-score the leads, a stage change.
const leadIds: string[] = [];
for (const [name, email] of [
  ["Jorge Ruiz", "jorge@globex.example"],
  ["Lucía Pérez", "lucia@initech.example"],
  ["Eva Sanz", "eva@hooli.example"],
] as const) {
  const captured = await service.capture({
    actor: "system",
    contact: { kind: "prospect", name, email },
    capture: { channel: "form", initiator: { kind: "contact" }, capturePoint: { managedBy: "company" } },
  });
  if (!captured.ok || captured.value.kind !== "created") throw new Error("capture failed");
  leadIds.push(captured.value.lead.id);
}
for (const [i, leadId] of leadIds.entries()) {
  for (const type of (["email_click", "pricing_request", "demo_request"] as const).slice(0, i + 1)) {
    const recorded = await service.recordInteraction({
      actor: "system",
      leadId,
      interaction: { type, at: new Date(), initiator: { kind: "contact" } },
    });
    if (!recorded.ok) throw new Error(JSON.stringify(recorded.issues));
  }
}
const first = (await repositories.leads.get(leadIds[0] as string))?.owner ?? "u-ana";
await service.transition({ actor: first, leadId: leadIds[0] as string, event: "nurture" });
const events = await repositories.outbox.list();
console.log(`${events.length} events in the outbox for ${leadIds.length} leads`);

// The receiver: the first request of every third event fails (503), and so do the first two of
// every event of the last lead (the worker gives up on them for this lease and claims them again
// later); one applied event's reply is lost, so the worker sends it again.
const secret = `whsec_${randomBytes(24).toString("base64")}`;
const lastLead = leadIds.at(-1) as string;
const receiver = await startReceiver({
  secret,
  behave: (id, arrival) => {
    const index = events.findIndex((e) => e.id === id);
    if (id.startsWith(`${lastLead}/`) && arrival <= 2) return "fail";
    if (index % 3 === 0 && arrival === 1) return "fail";
    if (index === 1 && arrival === 1) return "lose_reply";
    return "ok";
  },
});

const worker = createWebhookWorker({
  outbox: repositories.outbox,
  url: receiver.url,
  secret,
  consumer: "webhooks-1",
  batchSize: 10,
  leaseMs: 300,
  tries: 2,
  baseDelayMs: 20,
  maxDelayMs: 200,
});
const started = performance.now();
const reports = await worker.drain(320);
await receiver.close();

const requests = reports.reduce((n, r) => n + r.requests, 0);
const statuses = new Map<number, number>();
for (const a of receiver.arrivals) statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
console.log(
  `delivered in ${reports.length} batches, ${requests} requests, ${Math.round(performance.now() - started)} ms (lease 300 ms)`,
);
console.log(
  `receiver answers: ${[...statuses].map(([status, n]) => `${status === 0 ? "reply lost" : status} ×${n}`).join(", ")}`,
);
const repeats = receiver.arrivals.filter((a) => a.status === 200 && !a.applied).length;
console.log(
  `applied once each: ${receiver.applied.size} of ${events.length} events (${repeats} repeated delivery answered without applying it again)`,
);

// Every event applied exactly once, each lead's events in version order, nothing left pending.
const appliedIds = [...receiver.applied.keys()];
const inOrder = leadIds.every((leadId) => {
  const versions = appliedIds
    .map((id) => events.find((e) => e.id === id) as DomainEvent)
    .filter((e) => e.leadId === leadId)
    .map((e) => e.leadVersion);
  return versions.every((v, i) => i === 0 || (versions[i - 1] as number) <= v);
});
const left = await repositories.outbox.claim({
  consumer: "check",
  limit: 100,
  leaseMs: 1,
  now: new Date(Date.now() + 60_000),
});
console.log(`order kept per lead: ${inOrder}; left in the outbox: ${left.length}`);
for (const [id, body] of [...receiver.applied].slice(0, 4))
  console.log(`  ${id.padEnd(16)} ${JSON.stringify(body).slice(0, 96)}…`);
if (receiver.applied.size !== events.length || !inOrder || left.length > 0) process.exit(1);
