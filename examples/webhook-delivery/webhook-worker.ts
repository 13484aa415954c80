// A delivery worker for leadkit's outbox: claim a batch, POST each event as a Standard Webhooks
// message (https://www.standardwebhooks.com: webhook-id, webhook-timestamp and an HMAC-SHA256
// webhook-signature, signed with the `standardwebhooks` package), retry failures with exponential
// backoff, and acknowledge only what was delivered. Delivery is at least once: the event id is the
// webhook-id, the receiver's idempotency key.
import type { DomainEvent, Outbox } from "leadkit/ports";
import { Webhook } from "standardwebhooks";

/** How the worker reaches the receiver and how hard it tries. */
export interface WebhookWorkerOptions {
  /** The outbox to deliver from (`repositories.outbox`). */
  readonly outbox: Outbox;
  /** The receiver's URL. */
  readonly url: string;
  /** The endpoint's secret, `whsec_` + base64, shared with the receiver. */
  readonly secret: string;
  /** This worker's name, recorded with its leases. */
  readonly consumer: string;
  /** Events per claim; 50 when left out. */
  readonly batchSize?: number;
  /** How long a claim keeps its events from other workers; 30 s when left out. Longer than a batch takes. */
  readonly leaseMs?: number;
  /** Tries per event within one claim before the worker leaves it for the next lease; 3 when left out. */
  readonly tries?: number;
  /** The first retry's delay; each next one doubles, up to `maxDelayMs`. 200 ms and 10 s when left out. */
  readonly baseDelayMs?: number;
  /** The longest delay between two tries. */
  readonly maxDelayMs?: number;
  /** How long one request may take before it counts as failed; 5 s when left out. */
  readonly timeoutMs?: number;
  /** The present, for leases; the system clock when left out. */
  readonly now?: () => Date;
  /** Waits between tries; `setTimeout` when left out (tests pass a fake). */
  readonly sleep?: (ms: number) => Promise<void>;
  /** A number in [0, 1) for jitter; `Math.random` when left out. */
  readonly random?: () => number;
}

/** What one batch did. */
export interface BatchReport {
  /** Events claimed. */
  readonly claimed: number;
  /** Ids delivered (answered 2xx) and acknowledged, in delivery order. */
  readonly delivered: readonly string[];
  /** Ids left for a later claim: the first undelivered event of each lead that failed, and those after it. */
  readonly deferred: readonly string[];
  /** HTTP requests sent, retries included. */
  readonly requests: number;
}

/** The webhook a receiver gets for an event: `{ type, timestamp, data }`, as Standard Webhooks suggests. */
export function webhookBody(event: DomainEvent, attempt: number): string {
  return JSON.stringify({
    type: event.type,
    timestamp: event.at.toISOString(),
    data: {
      id: event.id,
      leadId: event.leadId,
      actor: event.actor,
      leadVersion: event.leadVersion,
      payload: event.payload,
      attempt,
    },
  });
}

/** The three Standard Webhooks headers for a body, signed now. */
export function signWebhook(secret: string, id: string, body: string, at: Date): Record<string, string> {
  return {
    "content-type": "application/json",
    "webhook-id": id,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": new Webhook(secret).sign(id, at, body),
  };
}

/** The delay before try `n` (2, 3, …): base · 2^(n−2), capped, with half of it jittered. */
export function backoffDelay(n: number, base: number, max: number, random: () => number): number {
  const full = Math.min(max, base * 2 ** (n - 2));
  return Math.round(full / 2 + (full / 2) * random());
}

/**
 * A worker over an outbox. `deliverBatch` claims once and delivers what it claimed: each lead's
 * events in order, leads side by side; an event that fails every try stops its lead for this batch
 * (its later events must not overtake it), and stays leased until the lease ends, when any worker
 * claims it again (its `attempt` grows). `drain` repeats until nothing is claimable.
 */
export function createWebhookWorker(options: WebhookWorkerOptions) {
  const batchSize = options.batchSize ?? 50;
  const leaseMs = options.leaseMs ?? 30_000;
  const tries = options.tries ?? 3;
  const base = options.baseDelayMs ?? 200;
  const max = options.maxDelayMs ?? 10_000;
  const timeoutMs = options.timeoutMs ?? 5_000;
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  let requests = 0;

  /** One POST; true for a 2xx answer. A network error or a timeout is a failure, not an exception. */
  async function post(event: DomainEvent, attempt: number): Promise<boolean> {
    requests++;
    const body = webhookBody(event, attempt);
    try {
      const response = await fetch(options.url, {
        method: "POST",
        headers: signWebhook(options.secret, event.id, body, new Date()),
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.arrayBuffer(); // read it, so the connection can be reused
      return response.ok;
    } catch {
      return false;
    }
  }

  async function deliver(event: DomainEvent, attempt: number): Promise<boolean> {
    for (let n = 1; n <= tries; n++) {
      if (n > 1) await sleep(backoffDelay(n, base, max, random));
      if (await post(event, attempt)) return true;
    }
    return false;
  }

  async function deliverBatch(): Promise<BatchReport> {
    const before = requests;
    const batch = await options.outbox.claim({
      consumer: options.consumer,
      limit: batchSize,
      leaseMs,
      now: now(),
    });
    const byLead = new Map<string, (typeof batch)[number][]>();
    for (const claimed of batch) {
      const list = byLead.get(claimed.event.leadId) ?? [];
      list.push(claimed);
      byLead.set(claimed.event.leadId, list);
    }
    const delivered: string[] = [];
    const deferred: string[] = [];
    await Promise.all(
      [...byLead.values()].map(async (events) => {
        for (const [index, { event, attempt }] of events.entries()) {
          if (!(await deliver(event, attempt))) {
            deferred.push(...events.slice(index).map((c) => c.event.id));
            return;
          }
          delivered.push(event.id);
        }
      }),
    );
    await options.outbox.acknowledge(delivered);
    return { claimed: batch.length, delivered, deferred, requests: requests - before };
  }

  return {
    deliverBatch,
    /**
     * One worker delivering until nothing is left: claims until a claim comes back empty, and while
     * events it deferred are still undelivered, waits `idleMs` (until their lease ends) and claims
     * again. At most `maxBatches` claims. (Several workers would each run `deliverBatch` on a timer.)
     */
    async drain(idleMs = 0, maxBatches = 10_000): Promise<BatchReport[]> {
      const waiting = new Set<string>();
      const reports: BatchReport[] = [];
      for (let i = 0; i < maxBatches; i++) {
        const report = await deliverBatch();
        for (const id of report.deferred) waiting.add(id);
        for (const id of report.delivered) waiting.delete(id);
        if (report.claimed > 0) reports.push(report);
        else if (waiting.size === 0) break;
        else await sleep(idleMs);
      }
      return reports;
    },
  };
}
