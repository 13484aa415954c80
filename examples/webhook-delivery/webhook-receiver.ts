// The other side: a webhook endpoint on node:http that verifies each request's Standard Webhooks
// signature (with the `standardwebhooks` package) and applies each webhook-id once, however often
// it arrives — delivery is at least once, so deduplication by idempotency key is the receiver's job.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

/** What the receiver does with a verified request: apply it, fail it, or apply it and lose the reply. */
export type ReceiverBehaviour = "ok" | "fail" | "lose_reply";

/** One request as the receiver saw it. */
export interface Arrival {
  /** The webhook-id header (the event id), or `null` when missing. */
  readonly id: string | null;
  /** What the receiver answered. */
  readonly status: number;
  /** Whether this request applied the event (its first verified, successful arrival). */
  readonly applied: boolean;
}

/** The largest body the receiver reads; a longer one is refused (413). */
const maxBody = 256 * 1024;

async function readBody(request: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBody) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * Starts a receiver on 127.0.0.1 (an ephemeral port). `behave(id, arrival)` decides, per verified
 * request, whether it succeeds (`arrival` is 1 for an id's first request).
 */
export async function startReceiver(options: {
  readonly secret: string;
  readonly behave?: (id: string, arrival: number) => ReceiverBehaviour;
}) {
  const verifier = new Webhook(options.secret);
  // Keyed by webhook-id, which comes from outside: a Map, never a plain object.
  const applied = new Map<string, unknown>();
  const seen = new Map<string, number>();
  const arrivals: Arrival[] = [];
  const server = createServer(async (request, response) => {
    const answer = (status: number, id: string | null, wasApplied = false) => {
      arrivals.push({ id, status, applied: wasApplied });
      response.writeHead(status, { "content-type": "text/plain" }).end();
    };
    const body = await readBody(request);
    const header = (name: string) => {
      const value = request.headers[name];
      return typeof value === "string" ? value : "";
    };
    if (body === null) return answer(413, null);
    let payload: unknown;
    try {
      payload = verifier.verify(body, {
        "webhook-id": header("webhook-id"),
        "webhook-timestamp": header("webhook-timestamp"),
        "webhook-signature": header("webhook-signature"),
      });
    } catch {
      return answer(401, header("webhook-id") || null); // unsigned, wrongly signed, tampered or stale
    }
    const id = header("webhook-id");
    const arrival = (seen.get(id) ?? 0) + 1;
    seen.set(id, arrival);
    const behaviour = options.behave?.(id, arrival) ?? "ok";
    if (behaviour === "fail") return answer(503, id);
    const first = !applied.has(id);
    if (first) applied.set(id, payload); // a repeat is acknowledged (200) without being applied again
    if (behaviour === "lose_reply") {
      arrivals.push({ id, status: 0, applied: first });
      response.destroy(); // applied, but the sender never hears so: it will send it again
      return;
    }
    return answer(200, id, first);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/leadkit`,
    /** Applied events by webhook-id, each once, in the order first applied. */
    applied,
    /** Every request, in arrival order. */
    arrivals,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
