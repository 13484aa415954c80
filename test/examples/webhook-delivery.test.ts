// The webhook delivery example: signatures that verify (with the standardwebhooks package and by
// hand), a receiver that refuses what is not signed right, and at-least-once delivery that a
// receiver deduplicating by webhook-id turns into exactly once per event.
import { createHmac } from "node:crypto";
import type { DomainEvent, Repositories } from "leadkit/ports";
import { createLeadService } from "leadkit/services";
import { createInMemoryRepositories, fixedClock, sequentialIds } from "leadkit/testing";
import { Webhook } from "standardwebhooks";
import { afterEach, describe, expect, test } from "vitest";
import { type ReceiverBehaviour, startReceiver } from "../../examples/webhook-delivery/webhook-receiver.js";
import {
  backoffDelay,
  createWebhookWorker,
  signWebhook,
  webhookBody,
} from "../../examples/webhook-delivery/webhook-worker.js";

const secret = `whsec_${Buffer.from("leadkit test secret, 24 bytes!").toString("base64")}`;
const receivers: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  for (const r of receivers.splice(0)) await r.close();
});
async function receiver(behave?: (id: string, arrival: number) => ReceiverBehaviour) {
  const started = await startReceiver({ secret, ...(behave === undefined ? {} : { behave }) });
  receivers.push(started);
  return started;
}

/** A few leads with activity: their events wait in the outbox. */
async function withEvents(repositories: Repositories = createInMemoryRepositories()) {
  const clock = fixedClock("2026-03-02T09:00:00Z");
  const service = createLeadService({ repositories, clock, ids: sequentialIds("lead") });
  for (const i of [1, 2, 3]) {
    const captured = await service.capture({
      actor: "system",
      contact: { kind: "prospect", name: `Person ${i}`, email: `p${i}@co${i}.example` },
      capture: { channel: "form", initiator: { kind: "contact" }, capturePoint: { managedBy: "company" } },
    });
    if (!captured.ok || captured.value.kind !== "created") throw new Error("capture failed");
    for (const type of ["email_click", "demo_request"] as const)
      await service.recordInteraction({
        actor: "system",
        leadId: captured.value.lead.id,
        interaction: { type, at: clock.now(), initiator: { kind: "contact" } },
      });
  }
  return { repositories, clock, events: await repositories.outbox.list() };
}

const post = (url: string, body: string, headers: Record<string, string>) =>
  fetch(url, { method: "POST", body, headers }).then((r) => r.status);

describe("signatures", () => {
  test("the worker's headers verify with the standardwebhooks package and by hand (HMAC-SHA256 over id.timestamp.body)", async () => {
    const { events } = await withEvents();
    const event = events[0] as DomainEvent;
    const body = webhookBody(event, 1);
    const at = new Date();
    const headers = signWebhook(secret, event.id, body, at);
    expect(headers["webhook-id"]).toBe(event.id);
    expect(headers["webhook-timestamp"]).toBe(String(Math.floor(at.getTime() / 1000)));
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    const key = Buffer.from(secret.slice("whsec_".length), "base64");
    const expected = createHmac("sha256", key)
      .update(`${event.id}.${headers["webhook-timestamp"]}.${body}`)
      .digest("base64");
    expect(headers["webhook-signature"]).toBe(`v1,${expected}`);
    expect(JSON.parse(body)).toEqual({
      type: event.type,
      timestamp: event.at.toISOString(),
      data: {
        id: event.id,
        leadId: event.leadId,
        actor: event.actor,
        leadVersion: event.leadVersion,
        payload: event.payload,
        attempt: 1,
      },
    });
  });

  test("the receiver refuses tampered, wrongly signed, stale, unsigned and oversized requests, and applies none", async () => {
    const endpoint = await receiver();
    const body = JSON.stringify({ type: "lead.captured", data: { id: "e-1" } });
    const now = new Date();
    const good = signWebhook(secret, "e-1", body, now);
    const other = `whsec_${Buffer.from("another secret of 24 bytes").toString("base64")}`;
    expect(await post(endpoint.url, body.replace("captured", "merged"), good)).toBe(401);
    expect(await post(endpoint.url, body, signWebhook(other, "e-1", body, now))).toBe(401);
    expect(await post(endpoint.url, body, { ...good, "webhook-id": "e-2" })).toBe(401);
    const stale = new Date(now.getTime() - 10 * 60_000);
    expect(await post(endpoint.url, body, signWebhook(secret, "e-1", body, stale))).toBe(401);
    expect(await post(endpoint.url, body, { "content-type": "application/json" })).toBe(401);
    const huge = "x".repeat(300 * 1024);
    expect(await post(endpoint.url, huge, signWebhook(secret, "e-1", huge, now))).toBe(413);
    expect(endpoint.applied.size).toBe(0);
    expect(await post(endpoint.url, body, good)).toBe(200);
    expect(await post(endpoint.url, body, good)).toBe(200);
    expect([...endpoint.applied.keys()]).toEqual(["e-1"]);
    expect(endpoint.arrivals.map((a) => [a.status, a.applied]).slice(-2)).toEqual([
      [200, true],
      [200, false],
    ]);
  });
});

describe("delivery", () => {
  test("backoff doubles from the base, is capped, and jitters at most half of each delay", () => {
    expect([2, 3, 4, 5, 6, 7].map((n) => backoffDelay(n, 100, 1_000, () => 0.999999))).toEqual([
      100, 200, 400, 800, 1_000, 1_000,
    ]);
    expect([2, 3, 4].map((n) => backoffDelay(n, 100, 1_000, () => 0))).toEqual([50, 100, 200]);
  });

  test("a receiver failing the first two attempts of every event still applies each exactly once, in order per lead", async () => {
    const { repositories, clock, events } = await withEvents();
    const endpoint = await receiver((_id, arrival) => (arrival <= 2 ? "fail" : "ok"));
    const slept: number[] = [];
    const worker = createWebhookWorker({
      outbox: repositories.outbox,
      url: endpoint.url,
      secret,
      consumer: "w-1",
      batchSize: 4,
      leaseMs: 60_000,
      tries: 2,
      baseDelayMs: 100,
      now: () => clock.now(),
      sleep: async (ms) => {
        slept.push(ms);
        clock.advance(ms);
      },
      random: () => 0.5,
    });
    const reports = await worker.drain(60_000);
    // Each event fails twice (two tries in one lease, with one backoff), then is delivered in a later
    // lease; a lead's later events wait for its earlier ones, and are never tried out of order.
    expect(endpoint.arrivals.filter((a) => a.status === 503).length).toBe(2 * events.length);
    expect(endpoint.arrivals.filter((a) => a.status === 401).length).toBe(0);
    expect(endpoint.applied.size).toBe(events.length);
    expect([...endpoint.applied.keys()].sort()).toEqual(events.map((e) => e.id).sort());
    expect(slept).toContain(75);
    expect(slept).toContain(60_000);
    const attempts = [...endpoint.applied.values()].map(
      (b) => (b as { data: { attempt: number } }).data.attempt,
    );
    // The claim's attempt travels in the body: none was applied on its first claim.
    expect(Math.min(...attempts)).toBe(2);
    for (const leadId of new Set(events.map((e) => e.leadId))) {
      const order = [...endpoint.applied.keys()].filter((id) => id.startsWith(`${leadId}/`));
      expect(order).toEqual(events.filter((e) => e.leadId === leadId).map((e) => e.id));
    }
    expect(reports.flatMap((r) => r.delivered).sort()).toEqual(events.map((e) => e.id).sort());
    const left = await repositories.outbox.claim({
      consumer: "check",
      limit: 100,
      leaseMs: 1,
      now: new Date(clock.now().getTime() + 3_600_000),
    });
    expect(left).toEqual([]);
  });

  test("lost replies and two workers at once: events arrive more than once, and are applied once each", async () => {
    const { repositories, clock, events } = await withEvents();
    // Every event's first request is applied but its reply lost; every third one's second fails too.
    const endpoint = await receiver((id, arrival) => {
      if (arrival === 1) return "lose_reply";
      return arrival === 2 && events.findIndex((e) => e.id === id) % 3 === 0 ? "fail" : "ok";
    });
    const workers = ["w-1", "w-2"].map((consumer) =>
      createWebhookWorker({
        outbox: repositories.outbox,
        url: endpoint.url,
        secret,
        consumer,
        batchSize: 3,
        leaseMs: 60_000,
        tries: 3,
        baseDelayMs: 10,
        now: () => clock.now(),
        sleep: async (ms) => {
          clock.advance(ms);
        },
      }),
    );
    await Promise.all(workers.map((w) => w.drain(60_000, 200)));
    const perId = new Map<string, number>();
    for (const a of endpoint.arrivals) if (a.id !== null) perId.set(a.id, (perId.get(a.id) ?? 0) + 1);
    expect(endpoint.applied.size).toBe(events.length);
    expect([...perId.values()].every((n) => n >= 2)).toBe(true);
    expect(endpoint.arrivals.filter((a) => a.applied).length).toBe(events.length);
    const left = await repositories.outbox.claim({
      consumer: "check",
      limit: 100,
      leaseMs: 1,
      now: new Date(clock.now().getTime() + 3_600_000),
    });
    expect(left).toEqual([]);
  });
});
