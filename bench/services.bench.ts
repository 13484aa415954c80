// Capture + score + save throughput through the lead service, on the in-memory repositories and on
// PostgreSQL (PGlite), each beside the same work done by hand (score the lead, save it, append the
// audit entry) without the service's validation, duplicate lookup, origin rules and transaction.
import { PGlite } from "@electric-sql/pglite";
import { type Lead, parseLead } from "../src/index.js";
import type { Repositories } from "../src/ports/index.js";
import { createPostgresRepositories, migrate } from "../src/postgres/index.js";
import { DEFAULT_POINTS_MODEL, recordLeadScore, scoreLead } from "../src/scoring/index.js";
import { type CaptureCommand, createLeadService } from "../src/services/index.js";
import { createInMemoryRepositories, fixedClock, sequentialIds } from "../src/testing/index.js";
import type { BenchCase, BenchMeasure } from "./harness.js";

const clock = fixedClock("2026-03-02T09:00:00Z");
const now = clock.now();
let n = 0;

/** A fresh inbound submission each call, so no capture is a duplicate of another. */
function submission(): CaptureCommand {
  n++;
  return {
    actor: "system",
    externalId: `post-${n}`,
    contact: { kind: "prospect", name: `Person ${n}`, email: `p${n}@company${n}.example`, company: "Co" },
    capture: { channel: "form", initiator: { kind: "contact" }, capturePoint: { managedBy: "company" } },
    interactions: [
      {
        type: "form_submit",
        at: now,
        initiator: { kind: "contact" },
        capturePoint: { managedBy: "company" },
      },
    ],
  };
}

function byHand(repositories: Repositories, prefix: string) {
  const ids = sequentialIds(prefix);
  return async () => {
    const command = submission();
    const id = ids.next();
    const lead: Lead = parseLead({
      id,
      contact: command.contact,
      stage: "lead",
      owner: null,
      generatedBy: null,
      pool: "inbound",
      capture: command.capture,
      interactions: [{ ...command.interactions?.[0], id: `${id}-i` }],
      createdAt: now,
      updatedAt: now,
    });
    const scored = recordLeadScore(lead, "default", scoreLead(DEFAULT_POINTS_MODEL, lead, now).value, now);
    await repositories.leads.save(scored, { expectedVersion: 0 });
    await repositories.audit.append([{ at: now, actor: "system", action: "capture", leadId: id }]);
  };
}

function throughService(repositories: Repositories, prefix: string) {
  const service = createLeadService({ repositories, clock, ids: sequentialIds(prefix) });
  return async () => {
    const result = await service.capture(submission());
    if (!result.ok || result.value.kind !== "created") throw new Error("capture did not create a lead");
  };
}

export default async function cases(): Promise<readonly (BenchCase | BenchMeasure)[]> {
  const memory = createInMemoryRepositories();
  const pg = await PGlite.create();
  await migrate(pg, { schema: "bench" });
  const postgres = createPostgresRepositories(pg, { schema: "bench" });
  const captureOnPglite = throughService(postgres, "pg-measure");
  return [
    {
      name: "service capture + score + save (in-memory)",
      baselineName: "score + save + audit by hand (in-memory)",
      subject: throughService(memory, "mem"),
      baseline: byHand(memory, "mem-hand"),
    },
    {
      name: "service capture + score + save (PGlite)",
      baselineName: "score + save + audit by hand (PGlite)",
      subject: throughService(postgres, "pg"),
      baseline: byHand(postgres, "pg-hand"),
    },
    {
      name: "200 captures through the service on PGlite",
      run: async () => {
        for (let i = 0; i < 200; i++) await captureOnPglite();
      },
    },
  ];
}
