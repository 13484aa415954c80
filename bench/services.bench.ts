// Capturing leads through the lead service: throughput beside the same work done by hand, on the
// in-memory repositories and on PostgreSQL (PGlite); and the latency of one capture with 100,000
// stored leads against 1,000.
//
// Inputs (bench/inputs.ts): inbound web-form submissions from production-like people — a work email
// at a company drawn by a Zipf law over 400 companies (or, for 25 %, a free-mail address), a job
// title, a source and tags — each with a new email, so every capture creates a lead. Stored leads
// are production-like leads from the same companies, so a capture's company domain is shared with
// many stored leads (the largest account holds about 15 % of them). The service's clock advances on
// every call.
//
// Fairness notes:
// - Each side has its own repository (in memory: its own database; on PGlite: its own schema), so
//   neither pays for the other's writes. In memory, each timed window starts from a fresh
//   repository holding 1,000 stored leads, and grows with the captures it makes.
// - By hand: parse the lead, score it with DEFAULT_POINTS_MODEL, look for its possible duplicates,
//   save it, append its interaction and the audit entry — what a team would write without the
//   service, with leadkit's public building blocks. Possible duplicates are part of the job: the
//   service proposes them on every capture by default (`possibleDuplicates` left out), so by hand
//   does the same with what the model and the port offer — `blockingKeys`, one
//   `findByBlockingKeys` (at most 49 holders per key, the blocks over that left out, as the port
//   documents), then `findPossibleDuplicatesOf` over the rest — and the agreement check requires
//   both sides to propose the same leads. The public `findPossibleDuplicatesOf` folds every
//   candidate's name and company afresh; the service keeps what it read of each stored lead (its own
//   matcher, checked against the lead's fields on every read), which is the service's advantage to
//   measure, not the baseline's handicap. Comparing candidates is the same work on both sides, and
//   both read the candidates (about 24 per capture here) as copies from the repository.
//   Left to the service alone, so counted against it: the access check, the exact-duplicate lookup
//   before saving (by hand relies on save refusing a taken email), origin rules and distribution,
//   the transaction, and the domain events in the outbox (`lead.captured`, `interaction.recorded`,
//   `lead.score_changed`). (`onDuplicate: "create"`, so a shared company domain proposes no merge.)
// - The latency row times single captures (p50) through the same service on two repositories that
//   differ only in how many leads they hold, alternating between them.
// - The retention sweep row ("reported": each sample builds a fresh repository of 2,000
//   production-like leads untimed, then times one sweep) erases every lead idle for 3 months outside
//   customer and potential_client. The service checks the actor's erase right, reads the audit
//   trail to skip finished erasures, re-reads each lead in its own transaction and checks it is
//   still idle; by hand does none of that. Leads/s is the erased count over the figure.
// - Before timing, both sides capture the same 50 submissions and are checked to store the same
//   leads (contact, stage, score, interactions, tags, source) and to propose the same possible
//   duplicates.
import { PGlite } from "@electric-sql/pglite";
import {
  anonymizeLead,
  blockingKeys,
  findPossibleDuplicatesOf,
  LEAD_STAGES,
  type Lead,
  parseLead,
} from "leadkit";
import type { Repositories } from "leadkit/ports";
import { createPostgresRepositories, migrate } from "leadkit/postgres";
import { compilePointsModel, DEFAULT_POINTS_MODEL, recordLeadScore, scoreLead } from "leadkit/scoring";
import { type CaptureCommand, createLeadService } from "leadkit/services";
import { createInMemoryRepositories, sequentialIds } from "leadkit/testing";
import { createRandom } from "../src/testing/random.js";
import type { BenchCase } from "./harness.js";
import {
  type AdvancingClock,
  createAdvancingClock,
  drawCompany,
  drawJobTitle,
  drawSource,
  drawTags,
  productionLeads,
} from "./inputs.js";

/** The by-hand side compiles the default model once, as the service does. */
const defaultScorer = compilePointsModel(DEFAULT_POINTS_MODEL);

const FREE_MAIL = ["gmail.com", "hotmail.com", "outlook.com", "icloud.com"] as const;
const SOURCES = ["organic_search", "paid_ads", "social", "email_campaign", "event"] as const;
const SUBMITTED_AT = new Date("2026-07-01T08:59:00Z");
const GIVEN = [
  "Ana",
  "Bruno",
  "Carmen",
  "Diego",
  "Elena",
  "Hugo",
  "Irene",
  "Lucía",
  "Mateo",
  "Sofía",
  "James",
  "Emma",
];
const FAMILY = [
  "García",
  "López",
  "Martín",
  "Sánchez",
  "Romero",
  "Navarro",
  "Smith",
  "Müller",
  "Rossi",
  "Silva",
];

/** A stream of web-form submissions; the same seed gives the same stream. */
function submissions(seed: number): { next: () => CaptureCommand; reset: () => void } {
  let random = createRandom(seed);
  let n = 0;
  return {
    reset: () => {
      random = createRandom(seed);
      n = 0;
    },
    next: () => {
      n++;
      const company = drawCompany(random);
      const personal = random.chance(0.25);
      const jobTitle = drawJobTitle(random);
      const source = drawSource(random, random.pick(SOURCES));
      return {
        actor: "system",
        contact: {
          kind: "prospect",
          name: `${random.pick(GIVEN)} ${random.pick(FAMILY)}`,
          email: personal
            ? `person.${seed}.${n}@${random.pick(FREE_MAIL)}`
            : `person.${seed}.${n}@${company.domain}`,
          ...(jobTitle === undefined ? {} : { jobTitle }),
          company: company.name,
          website: `https://www.${company.domain}`,
        },
        capture: { channel: "form", initiator: { kind: "contact" }, capturePoint: { managedBy: "company" } },
        ...(source === undefined ? {} : { source }),
        tags: drawTags(random, []),
        interactions: [
          {
            type: "form_submit",
            at: SUBMITTED_AT,
            initiator: { kind: "contact" },
            capturePoint: { managedBy: "company" },
          },
        ],
        onDuplicate: "create",
      };
    },
  };
}

/** Repositories holding `count` production-like leads. */
async function stocked(leads: readonly Lead[]): Promise<ReturnType<typeof createInMemoryRepositories>> {
  const repositories = createInMemoryRepositories();
  for (const lead of leads) {
    const saved = await repositories.leads.save(lead, { expectedVersion: 0 });
    // The generator can draw one work email twice; a repository holds each email once, so the twin
    // is left out (a handful in 1,000).
    if (!saved.ok && saved.code !== "key_taken")
      throw new Error(`services bench: could not store ${lead.id}: ${saved.code}`);
  }
  return repositories;
}

/** Capture, score, look for possible duplicates, save and audit by hand. */
function byHand(repositories: () => Repositories, clock: AdvancingClock, prefix: string, seed: number) {
  let ids = sequentialIds(prefix);
  const stream = submissions(seed);
  let possible: readonly string[] = [];
  return {
    /** The last capture's possible duplicates. */
    possible: () => possible,
    reset: () => {
      ids = sequentialIds(prefix);
      stream.reset();
    },
    run: async () => {
      const command = stream.next();
      const now = clock.now();
      const id = ids.next();
      const interactions = (command.interactions ?? []).map((i, k) => ({ ...i, id: `${id}-i${k}` }));
      const lead: Lead = parseLead({
        id,
        contact: command.contact,
        stage: "lead",
        owner: null,
        generatedBy: null,
        pool: "inbound",
        capture: command.capture,
        ...(command.source === undefined ? {} : { source: command.source }),
        tags: command.tags ?? [],
        interactions,
        history: [{ from: "contact", to: "lead", event: "capture", at: now, actor: command.actor }],
        createdAt: now,
        updatedAt: now,
      });
      const stores = repositories();
      // Possible duplicates as the model and the port offer them: the leads of the blocks small
      // enough to compare (the candidate is one of each block of at most 50), compared pairwise.
      const keys = blockingKeys(lead);
      const found =
        keys.length === 0 ? undefined : await stores.leads.findByBlockingKeys?.(keys, { limit: 49 });
      const comparable = new Set(found?.keys.flatMap((k) => (k.leadIds.length <= 49 ? k.leadIds : [])));
      const pool = found?.leads.filter((l) => comparable.has(l.id)) ?? [];
      possible = findPossibleDuplicatesOf(lead, pool).map((p) => who(pool.find((l) => l.id === p.id)));
      const scored = recordLeadScore(lead, "default", scoreLead(defaultScorer, lead, now).value, now);
      const saved = await stores.leads.save(scored, { expectedVersion: 0 });
      if (!saved.ok) throw new Error(`by hand: ${saved.code}`);
      await stores.interactions.append(id, lead.interactions);
      await stores.audit.append([{ at: now, actor: command.actor, action: "capture", leadId: id }]);
      return saved.lead;
    },
  };
}

/** Capture through the service. */
function throughService(
  repositories: () => Repositories,
  clock: AdvancingClock,
  prefix: string,
  seed: number,
) {
  const stream = submissions(seed);
  // Built on first use and on reset: the repositories may not exist yet when the side is declared.
  const make = () => createLeadService({ repositories: repositories(), clock, ids: sequentialIds(prefix) });
  let service: ReturnType<typeof make> | undefined;
  let possible: readonly string[] = [];
  return {
    /** The last capture's possible duplicates. */
    possible: () => possible,
    reset: () => {
      stream.reset();
      service = make();
    },
    run: async () => {
      service ??= make();
      const result = await service.capture(stream.next());
      if (!result.ok || result.value.kind !== "created")
        throw new Error(
          `capture did not create a lead: ${JSON.stringify(result.ok ? result.value.kind : result.issues)}`,
        );
      possible = result.value.possibleDuplicates.map((m) => who(m.lead));
      return result.value.lead;
    },
  };
}

/** A possible duplicate as both sides can name it (the two sides' own leads have different ids). */
const who = (lead: Lead | undefined) => `${lead?.contact.name}|${lead?.contact.email}`;

/** What both sides must have stored for the same submission. */
const stored = (lead: Lead) =>
  JSON.stringify({
    contact: lead.contact,
    stage: lead.stage,
    score: lead.scores["default"]?.value,
    interactions: lead.interactions.map((i) => i.type),
    tags: lead.tags,
    source: lead.source,
  });

// ——— retention sweep: a fresh repository per sweep (built untimed), the sweep alone timed ———
const SWEEP_LEADS = 2_000;
const SWEEP_NOW = new Date("2026-07-01T00:00:00Z");
const SWEEP_CUTOFF = new Date("2026-04-01T00:00:00Z"); // 3 calendar months before SWEEP_NOW
const SWEEP_STAGES = LEAD_STAGES.filter((stage) => stage !== "customer" && stage !== "potential_client");
let sweepStock: Lead[] | undefined;

/**
 * One sweep on a fresh repository. By hand: the erasure without the service's access checks,
 * idempotency read, re-check of idleness or transaction — what a team would write.
 */
async function sweepOnce(side: "service" | "hand") {
  sweepStock ??= productionLeads({ seed: 47, count: SWEEP_LEADS });
  const repositories = await stocked(sweepStock);
  let erased = 0;
  const started = performance.now();
  if (side === "service") {
    const service = createLeadService({
      repositories,
      clock: { now: () => SWEEP_NOW },
      ids: sequentialIds("sweep"),
    });
    const swept = await service.sweepRetention({
      actor: "system",
      policy: { inactiveMonths: 3, exceptStages: ["customer", "potential_client"] },
      batchSize: 200,
    });
    if (!swept.ok) throw new Error(JSON.stringify(swept.issues));
    erased = swept.value.erased;
  } else {
    let after: string | undefined;
    do {
      const page = await repositories.leads.query(
        { stage: SWEEP_STAGES, inactiveSince: SWEEP_CUTOFF },
        after === undefined ? { limit: 200 } : { limit: 200, after },
      );
      for (const lead of page.items) {
        const saved = await repositories.leads.save(
          { ...anonymizeLead(lead), updatedAt: SWEEP_NOW },
          { expectedVersion: lead.version },
        );
        if (!saved.ok) throw new Error(`services bench (sweep): ${saved.code}`);
        await repositories.leads.releaseMergedKeys(lead.id);
        for (const id of [lead.id, ...lead.mergedFrom]) {
          await repositories.interactions.erase(id);
          await repositories.audit.erase(id);
          await repositories.outbox.erase(id);
        }
        await repositories.outbox.append([
          {
            id: `${lead.id}/v${saved.lead.version}/erased`,
            type: "contact.erased",
            leadId: lead.id,
            at: SWEEP_NOW,
            actor: "system",
            leadVersion: saved.lead.version,
            payload: { trigger: "retention" },
          },
        ]);
        await repositories.audit.append([
          {
            at: SWEEP_NOW,
            actor: "system",
            action: "retention_erase",
            leadId: lead.id,
            afterVersion: saved.lead.version,
          },
        ]);
        erased++;
      }
      after = page.nextCursor ?? undefined;
    } while (after !== undefined);
  }
  const ms = performance.now() - started;
  const leads: Lead[] = [];
  for await (const lead of repositories.leads.stream()) leads.push(lead);
  return { ms, erased, state: JSON.stringify(leads) };
}

export default async (): Promise<BenchCase[]> => {
  const stock = productionLeads({ seed: 41, count: 1_000 });

  // ——— in memory, one repository per side, fresh for each window ———
  let serviceRepositories = await stocked(stock);
  let handRepositories = await stocked(stock);
  const clock = createAdvancingClock();
  const service = throughService(() => serviceRepositories, clock, "svc", 1);
  const hand = byHand(() => handRepositories, clock, "hand", 1);

  // ——— PGlite: one database, a schema per side ———
  let pg: PGlite | undefined;
  let pgSides: { service: ReturnType<typeof throughService>; hand: ReturnType<typeof byHand> } | undefined;
  const pglite = async () => {
    if (pgSides === undefined) {
      pg = await PGlite.create();
      await migrate(pg, { schema: "bench_service" });
      await migrate(pg, { schema: "bench_hand" });
      const a = createPostgresRepositories(pg, { schema: "bench_service" });
      const b = createPostgresRepositories(pg, { schema: "bench_hand" });
      pgSides = {
        service: throughService(() => a, clock, "svc", 2),
        hand: byHand(() => b, clock, "hand", 2),
      };
    }
    return pgSides;
  };

  // ——— latency with 1,000 and 100,000 stored leads sharing company domains ———
  let small: Repositories | undefined;
  let large: Repositories | undefined;
  const scaling = {
    small: throughService(() => small as Repositories, clock, "svc", 3),
    large: throughService(() => large as Repositories, clock, "svc", 3),
  };

  type Side = { run: () => Promise<Lead>; possible: () => readonly string[] };
  const agreeOn = async (a: Side, b: Side, where: string) => {
    let proposed = 0;
    let x: Lead | undefined;
    // Enough submissions that some propose possible duplicates, which both sides must find alike.
    for (let n = 0; n < 50; n++) {
      x = await a.run();
      const y = await b.run();
      if (stored(x) !== stored(y))
        throw new Error(`services bench (${where}): the service stored ${stored(x)}, by hand ${stored(y)}`);
      const [p, q] = [a.possible(), b.possible()].map((found) => [...found].sort().join()) as [
        string,
        string,
      ];
      if (p !== q)
        throw new Error(`services bench (${where}): possible duplicates ${p} by the service, ${q} by hand`);
      if (p !== "") proposed++;
    }
    return `${where}: for the same 50 submissions the service and the by-hand capture store the same leads (contact, stage, score e.g. ${x?.scores["default"]?.value}, interactions, tags, source) and propose the same possible duplicates (${proposed} of 50 propose some)`;
  };

  return [
    {
      name: "service capture + score + save (in-memory, a repository per side)",
      compares:
        "capturing production-like web-form leads through createLeadService on in-memory repositories holding 1,000 leads, against parse + score + possible duplicates + save + audit by hand on a repository of its own",
      subject: {
        name: "service.capture(command)",
        reset: async () => {
          serviceRepositories = await stocked(stock);
          service.reset();
        },
        run: service.run,
      },
      baselines: [
        {
          name: "parse + score + possible duplicates + save + audit by hand",
          kind: "specialised",
          target: { min: 0.6 },
          reset: async () => {
            handRepositories = await stocked(stock);
            hand.reset();
          },
          run: hand.run,
        },
      ],
      agree: () => agreeOn(service, hand, "in memory"),
    },
    {
      name: "service capture + score + save (PGlite, a schema per side)",
      compares: "the same on PostgreSQL (PGlite, in process), each side in a schema of its own",
      subject: { name: "service.capture(command)", run: async () => (await pglite()).service.run() },
      baselines: [
        {
          name: "parse + score + possible duplicates + save + audit by hand",
          kind: "specialised",
          run: async () => (await pglite()).hand.run(),
        },
      ],
      agree: async () => {
        const sides = await pglite();
        return agreeOn(sides.service, sides.hand, "PGlite");
      },
    },
    {
      name: "capture latency, 100,000 stored leads vs 1,000 (shared domains)",
      compares:
        "the median time of one capture through the service with 100,000 stored production-like leads sharing company domains, against the same with 1,000",
      measure: "latency",
      subject: { name: "service.capture, 100,000 stored leads", run: scaling.large.run },
      baselines: [
        {
          name: "service.capture, 1,000 stored leads",
          kind: "reference",
          target: { max: 1.5 },
          run: scaling.small.run,
        },
      ],
      agree: async () => {
        const all = productionLeads({ seed: 43, count: 100_000 });
        small = await stocked(all.slice(0, 1_000));
        large = await stocked(all);
        scaling.small.reset();
        scaling.large.reset();
        const a = await scaling.large.run();
        const b = await scaling.small.run();
        if (stored(a) !== stored(b))
          throw new Error("services bench: the two repositories stored different leads");
        const domain = (l: Lead) => l.contact.email?.split("@")[1];
        const shared = all.filter((l) => domain(l) === domain(all[0] as Lead)).length;
        return `the same submissions create the same leads on both repositories; e.g. ${shared.toLocaleString("en-US")} of the 100,000 stored leads share the first one's email domain`;
      },
    },
    {
      name: `retention sweep, ${SWEEP_LEADS.toLocaleString("en-US")} stored leads (in-memory, ms per sweep)`,
      compares:
        "one sweepRetention over a fresh in-memory repository of production-like leads (erasing every lead idle for 3 months outside customer and potential_client, each in its own transaction, audited and announced), against the same erasures by hand",
      measure: "reported",
      subject: { name: "service.sweepRetention(policy)", run: async () => (await sweepOnce("service")).ms },
      baselines: [
        {
          name: "query idle + anonymise + save + erase stores + audit by hand",
          kind: "specialised",
          run: async () => (await sweepOnce("hand")).ms,
        },
      ],
      agree: async () => {
        const a = await sweepOnce("service");
        const b = await sweepOnce("hand");
        if (a.erased === 0 || a.erased !== b.erased || a.state !== b.state)
          throw new Error(
            `services bench (sweep): the service erased ${a.erased} leads, by hand ${b.erased}, or stored other leads`,
          );
        return `both sides erase the same ${a.erased.toLocaleString("en-US")} of ${SWEEP_LEADS.toLocaleString("en-US")} leads and store the same anonymised leads; leads/s = ${a.erased.toLocaleString("en-US")} ÷ the figure in seconds`;
      },
    },
  ];
};
