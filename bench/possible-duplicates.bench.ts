// The cost of looking for possible duplicates at capture: the latency of one capture through the
// lead service (which looks the new lead's blocking keys up with findByBlockingKeys and compares it
// within each shared block) with 100,000 stored leads at one company against 1,000.
//
// Inputs: every stored lead and every submission is a person at one company (Acme Soluciones S.L.,
// one email domain), named from 12 given names and 10 family names (two family names each, so
// 1,200 names), written several ways (accents dropped, upper case, family names first) — the
// worst case for near-duplicate detection: every name block is shared, many are shared by
// thousands. Each submission has a new email, so every capture creates a lead; they are proposals,
// never merged.
//
// Fairness notes:
// - Both sides run the same service code on in-memory repositories (without transactions, so the
//   lookups can be counted) that differ only in how many leads they hold; latency is the median of
//   single captures, alternating between them. A third side captures with the lookup switched off
//   (possibleDuplicates: false) on the 100,000-lead repository: what the lookup costs.
// - With 1,000 stored leads most name blocks are small enough to compare (candidates are found);
//   with 100,000, blocks hold hundreds or thousands of leads and are skipped as too common
//   (maxBlockSize 50). The repository reads at most 50 leads per key either way: that bound is
//   what keeps the time flat, and the notes report per capture the holder ids listed and the leads
//   read (only those of blocks small enough to compare are read) on both sides.
import { type Lead, parseLead } from "leadkit";
import type { LeadRepository, Repositories } from "leadkit/ports";
import { type CaptureCommand, createLeadService } from "leadkit/services";
import { createInMemoryRepositories, sequentialIds } from "leadkit/testing";
import { createRandom } from "../src/testing/random.js";
import type { BenchCase } from "./harness.js";
import { createAdvancingClock } from "./inputs.js";

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
  "José",
  "María",
];
const FAMILY = [
  "García",
  "López",
  "Martín",
  "Sánchez",
  "Pérez",
  "Gómez",
  "Fernández",
  "Díaz",
  "Muñoz",
  "Álvarez",
];
const COMPANY = ["Acme Soluciones S.L.", "ACME SOLUCIONES SL", "Acme Soluciones"] as const;
const DOMAIN = "acme-soluciones.es";
const AT = new Date("2026-07-01T09:00:00Z");

/** A name from the small vocabulary, written one of the ways people write it. */
function drawName(random: ReturnType<typeof createRandom>): string {
  const [given, first, second] = [random.pick(GIVEN), random.pick(FAMILY), random.pick(FAMILY)];
  const way = random.int(0, 3);
  const plain = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "");
  if (way === 0) return `${given} ${first} ${second}`;
  if (way === 1) return plain(`${given} ${first} ${second}`);
  if (way === 2) return `${first} ${second}, ${given}`.toUpperCase();
  return `${given} ${first}`;
}

/** `count` stored leads at the company, with near-duplicate-prone names. */
function storedLeads(count: number, seed: number): Lead[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, (_, i) =>
    parseLead({
      id: `stored-${String(i).padStart(6, "0")}`,
      contact: {
        kind: "prospect",
        name: drawName(random),
        email: `person${i}@${DOMAIN}`,
        company: random.pick(COMPANY),
      },
      stage: "lead",
      owner: null,
      pool: "inbound",
      generatedBy: null,
      capture: { channel: "form", initiator: { kind: "contact" }, capturePoint: { managedBy: "company" } },
      createdAt: AT,
      updatedAt: AT,
    }),
  );
}

/** In-memory repositories holding the leads, counting the leads each blocking lookup reads. */
async function stocked(
  leads: readonly Lead[],
  read: { ids: number; leads: number }[],
): Promise<Repositories> {
  const inner = createInMemoryRepositories();
  for (let i = 0; i < leads.length; i += 1000) {
    const saved = await inner.leads.insertMany(leads.slice(i, i + 1000));
    if (!saved.ok) throw new Error("possible-duplicates bench: could not store the leads");
  }
  const lookup = inner.leads.findByBlockingKeys.bind(inner.leads);
  const leadsPort: LeadRepository = {
    get: (id) => inner.leads.get(id),
    getByExternalId: (id) => inner.leads.getByExternalId(id),
    save: (lead, o) => inner.leads.save(lead, o),
    remove: (id, o) => inner.leads.remove(id, o),
    findByDuplicateKeys: (keys, o) => inner.leads.findByDuplicateKeys(keys, o),
    releaseMergedKeys: (id) => inner.leads.releaseMergedKeys(id),
    findByBlockingKeys: async (keys, o) => {
      const found = await lookup(keys, o);
      read.push({ ids: found.keys.reduce((n, k) => n + k.leadIds.length, 0), leads: found.leads.length });
      return found;
    },
    query: (q, page) => inner.leads.query(q, page),
    stream: (q) => inner.leads.stream(q),
  };
  // No transaction: the service then calls these stores directly, so every lookup is counted.
  const { interactions, audit, outbox, distribution } = inner;
  return { leads: leadsPort, interactions, audit, outbox, distribution };
}

/** Captures submissions at the company through the service, each with a new email. */
function capturing(repositories: () => Repositories, prefix: string, seed: number, lookUp = true) {
  const clock = createAdvancingClock();
  let random = createRandom(seed);
  let n = 0;
  const make = () =>
    createLeadService({
      repositories: repositories(),
      clock,
      ids: sequentialIds(prefix),
      ...(lookUp ? {} : { config: { possibleDuplicates: false } }),
    });
  let service: ReturnType<typeof make> | undefined;
  const next = (): CaptureCommand => ({
    actor: "system",
    contact: {
      kind: "prospect",
      name: drawName(random),
      email: `new.${seed}.${++n}@${DOMAIN}`,
      company: random.pick(COMPANY),
    },
    capture: { channel: "form", initiator: { kind: "contact" }, capturePoint: { managedBy: "company" } },
    onDuplicate: "create",
  });
  return {
    reset: () => {
      random = createRandom(seed);
      n = 0;
      service = make();
    },
    run: async () => {
      service ??= make();
      const result = await service.capture(next());
      if (!result.ok || result.value.kind !== "created")
        throw new Error(
          `capture did not create a lead: ${JSON.stringify(result.ok ? result.value.kind : result.issues)}`,
        );
      return result.value;
    },
  };
}

export default async (): Promise<BenchCase[]> => {
  const readSmall: { ids: number; leads: number }[] = [];
  const readLarge: { ids: number; leads: number }[] = [];
  let small: Repositories | undefined;
  let large: Repositories | undefined;
  const sides = {
    small: capturing(() => small as Repositories, "svc", 7),
    large: capturing(() => large as Repositories, "svc", 7),
    // Its own ids: it captures into the same 100,000-lead repository as `large`.
    off: capturing(() => large as Repositories, "off", 8, false),
  };
  const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const figures = (xs: readonly { ids: number; leads: number }[]) => {
    const ids = xs.map((x) => x.ids);
    const leads = xs.map((x) => x.leads);
    return `${median(ids)}, ${Math.max(...ids)} / ${median(leads)}, ${Math.max(...leads)}`;
  };
  return [
    {
      name: "capture with possible duplicates, 100,000 stored leads at one company vs 1,000",
      compares:
        "the median time of one capture through the service (possible duplicates on, maxBlockSize 50) with 100,000 stored leads at one company with near-duplicate-prone names, against the same with 1,000",
      measure: "latency",
      subject: { name: "service.capture, 100,000 stored leads", run: sides.large.run },
      baselines: [
        {
          name: "service.capture, 1,000 stored leads",
          kind: "reference",
          target: { max: 1.5 },
          run: sides.small.run,
        },
        {
          name: "service.capture, 100,000 stored leads, possibleDuplicates: false",
          kind: "reference",
          run: sides.off.run,
        },
      ],
      agree: async () => {
        const all = storedLeads(100_000, 19);
        small = await stocked(all.slice(0, 1_000), readSmall);
        large = await stocked(all, readLarge);
        sides.small.reset();
        sides.large.reset();
        sides.off.reset();
        let proposedSmall = 0;
        let proposedLarge = 0;
        for (let i = 0; i < 200; i++) {
          const a = await sides.large.run();
          const b = await sides.small.run();
          if (a.lead.contact.name !== b.lead.contact.name || a.lead.contact.email !== b.lead.contact.email)
            throw new Error("possible-duplicates bench: the two sides captured different submissions");
          proposedLarge += a.possibleDuplicates.length;
          proposedSmall += b.possibleDuplicates.length;
        }
        const notes = [
          `the same 200 submissions on both sides: ${proposedSmall} possible duplicates proposed with 1,000 stored leads, ${proposedLarge} with 100,000 (blocks that large are skipped as too common)`,
          `per capture (median, max), holder ids listed / leads read: ${figures(readSmall)} with 1,000 stored; ${figures(readLarge)} with 100,000 (at most 50 ids per blocking key; leads only of blocks of at most 49)`,
        ];
        // The services go on from here (their ids and submissions continue): no reset.
        return notes;
      },
    },
  ];
};
