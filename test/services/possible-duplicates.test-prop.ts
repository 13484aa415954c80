import * as fc from "fast-check";
import { blockingKeys, findPossibleDuplicatesOf } from "leadkit";
import { canSeeLead } from "leadkit/origin";
import type { BlockingKeyLookup, LeadRepository, Repositories } from "leadkit/ports";
import type { CaptureCommand } from "leadkit/services";
import { createInMemoryRepositories } from "leadkit/testing";
import { describe, expect, test } from "vitest";
import { policy, setup, snapshot, withoutTransactions } from "./fixtures.js";

// A small world of near-duplicate-prone people: few names and companies, written several ways.
const first = ["Lucía", "lucia", "LUCIA", "Ana", "ana", "Jorge", "Tomás", "tomas"];
const last = ["Pérez", "perez", "Perez,", "García", "garcia", "Vidal", "Ruiz"];
const companies = [
  "Acme Soluciones S.L.",
  "ACME SOLUCIONES SL",
  "Acme",
  "Vidal e Hijos",
  "Globex",
  undefined,
];
const domains = ["acme.es", "acme-soluciones.com", "vidal.example", "globex.example", "gmail.com"];
const actors = ["u-ana", "u-bruno", "u-carla", "u-marta", "system"] as const;

const person = fc.record({
  name: fc.tuple(fc.constantFrom(...first), fc.constantFrom(...last), fc.boolean()),
  company: fc.constantFrom(...companies),
  local: fc.stringMatching(/^[a-z]{1,6}$/),
  domain: fc.constantFrom(...domains),
  phone: fc.option(fc.constantFrom("+34 911 23 45 67", "+34 911 23 45 68", "+34 600 00 00 01"), {
    nil: undefined,
  }),
  by: fc.constantFrom(...actors),
  passive: fc.boolean(),
});
type Person = typeof person extends fc.Arbitrary<infer T> ? T : never;

function command(p: Person, onDuplicate: "propose" | "create"): CaptureCommand {
  const [given, family, reversed] = p.name;
  const user = p.by === "system" ? "u-marta" : p.by;
  return {
    actor: p.by === "system" || p.passive ? "system" : p.by,
    onDuplicate,
    contact: {
      kind: "prospect",
      name: reversed ? `${family} ${given}` : `${given} ${family}`,
      email: `${p.local}@${p.domain}`,
      ...(p.company === undefined ? {} : { company: p.company }),
      ...(p.phone === undefined ? {} : { phone: p.phone }),
    },
    capture:
      p.passive || p.by === "system"
        ? { channel: "form", initiator: { kind: "contact" }, capturePoint: { managedBy: "company" } }
        : { channel: "call", initiator: { kind: "user", userId: user } },
  };
}

/** Stores the world: every person captured with `onDuplicate: "create"`; email twins stay one lead. */
async function populate(service: ReturnType<typeof setup>["service"], people: readonly Person[]) {
  for (const p of people) await service.capture(command(p, "create"));
}

describe("possible duplicates at capture", () => {
  test("candidates only come from leads the actor may see, exactly those the model pairs, and hidden ones leave no trace", async () => {
    let proposed = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(person, { maxLength: 10 }),
        person,
        fc.constantFrom(...actors),
        async (world, newcomer, actor) => {
          const { service, repositories } = setup();
          await populate(service, world);
          const stored = (await snapshot(repositories)).leads;
          const result = await service.capture({ ...command(newcomer, "propose"), actor });
          if (!result.ok || result.value.kind === "existing") return;
          const draft = result.value.kind === "created" ? result.value.lead : result.value.candidate;
          const candidates = result.value.possibleDuplicates;
          proposed += candidates.length;
          for (const c of candidates) expect(canSeeLead(c.lead, actor, policy)).toBe(true);
          const visible = stored.filter((l) => canSeeLead(l, actor, policy));
          const expected = findPossibleDuplicatesOf(draft, visible);
          expect(candidates.map((c) => [c.lead.id, c.score])).toEqual(expected.map((e) => [e.id, e.score]));
          const text = JSON.stringify(result);
          for (const hidden of stored.filter((l) => !canSeeLead(l, actor, policy)))
            expect(text.includes(`"${hidden.id}"`)).toBe(false);
        },
      ),
      { numRuns: 120 },
    );
    // The world is small enough that the law is not vacuous.
    expect(proposed).toBeGreaterThan(0);
  });

  test("capture never merges, changes or removes a stored lead", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(person, { maxLength: 10 }),
        person,
        fc.constantFrom("propose", "create") as fc.Arbitrary<"propose" | "create">,
        async (world, newcomer, onDuplicate) => {
          const { service, repositories } = setup();
          await populate(service, world);
          const before = (await snapshot(repositories)).leads;
          const result = await service.capture(command(newcomer, onDuplicate));
          const after = (await snapshot(repositories)).leads;
          const added = result.ok && result.value.kind === "created" ? [result.value.lead.id] : [];
          expect(after.map((l) => l.id).sort()).toEqual([...before.map((l) => l.id), ...added].sort());
          for (const lead of before) expect(after.find((l) => l.id === lead.id)).toEqual(lead);
        },
      ),
      { numRuns: 80 },
    );
  });

  test("each blocking lookup reads at most limit + 1 leads per key, limit being maxBlockSize - 1", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(person, { minLength: 5, maxLength: 30 }),
        person,
        fc.integer({ min: 2, max: 8 }),
        async (world, newcomer, maxBlockSize) => {
          const inner = createInMemoryRepositories();
          const calls: { keys: readonly string[]; limit: number | undefined; found: BlockingKeyLookup }[] =
            [];
          const leads: LeadRepository = {
            get: (id) => inner.leads.get(id),
            getByExternalId: (id) => inner.leads.getByExternalId(id),
            save: (lead, o) => inner.leads.save(lead, o),
            remove: (id, o) => inner.leads.remove(id, o),
            findByDuplicateKeys: (keys, o) => inner.leads.findByDuplicateKeys(keys, o),
            releaseMergedKeys: (id) => inner.leads.releaseMergedKeys(id),
            query: (q, page) => inner.leads.query(q, page),
            stream: (q) => inner.leads.stream(q),
            findByBlockingKeys: async (keys, o) => {
              const found = await inner.leads.findByBlockingKeys(keys, o);
              calls.push({ keys, limit: o?.limit, found });
              return found;
            },
          };
          const repositories: Repositories = { ...withoutTransactions(inner), leads };
          const { service } = setup({ repositories, config: { possibleDuplicates: { maxBlockSize } } });
          await populate(service, world);
          const stored = (await snapshot(inner)).leads;
          calls.length = 0;
          await service.capture(command(newcomer, "create"));
          expect(calls.length).toBeLessThanOrEqual(1);
          for (const call of calls) {
            const limit = maxBlockSize - 1;
            expect(call.limit).toBe(limit);
            // Bounded: at most limit + 1 holders listed per key, however many leads share one;
            // complete where it matters: all of them when at most `limit` hold it.
            expect(call.found.keys.map((k) => k.key)).toEqual([...new Set(call.keys)]);
            const small = new Set<string>();
            for (const { key, leadIds } of call.found.keys) {
              const holders = stored.filter((l) => blockingKeys(l).includes(key)).map((l) => l.id);
              expect(leadIds.length).toBe(Math.min(holders.length, limit + 1));
              expect(leadIds.every((id) => holders.includes(id))).toBe(true);
              if (holders.length <= limit) for (const id of holders) small.add(id);
            }
            // Only the leads of the blocks small enough to compare are read.
            expect(call.found.leads.map((l) => l.id)).toEqual([...small].sort());
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
