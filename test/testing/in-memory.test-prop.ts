import * as fc from "fast-check";
import { parseLead } from "leadkit";
import { createInMemoryRepositories } from "leadkit/testing";
import { describe, expect, test } from "vitest";

const lead = (id: string) =>
  parseLead({
    id,
    contact: { kind: "prospect", name: id },
    stage: "lead",
    owner: null,
    generatedBy: null,
    capture: { channel: "import", initiator: { kind: "automation" } },
    createdAt: "2026-01-01T00:00:00Z",
    updatedAt: "2026-01-01T00:00:00Z",
  });

const id = fc.string({
  minLength: 1,
  maxLength: 6,
  unit: fc.constantFrom("a", "b", "c", "A", "0", "é", "-"),
});

describe("in-memory lead repository", () => {
  test("pagination visits every lead present throughout exactly once, whatever the page size and inserts", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(id, { minLength: 0, maxLength: 40 }),
        fc.array(fc.array(id, { maxLength: 4 }), { maxLength: 20 }),
        fc.integer({ min: 1, max: 12 }),
        async (initial, insertsPerPage, limit) => {
          const { leads } = createInMemoryRepositories();
          for (const i of initial) await leads.save(lead(i), { expectedVersion: 0 });
          const seen: string[] = [];
          let after: string | undefined;
          let page = 0;
          do {
            const result = await leads.query({}, after === undefined ? { limit } : { limit, after });
            expect(result.items.length).toBeLessThanOrEqual(limit);
            seen.push(...result.items.map((l) => l.id));
            after = result.nextCursor ?? undefined;
            for (const extra of insertsPerPage[page++] ?? [])
              await leads.save(lead(extra), { expectedVersion: 0 });
          } while (after !== undefined);
          expect(new Set(seen).size).toBe(seen.length);
          for (const i of initial) expect(seen).toContain(i);
          expect(seen).toEqual([...seen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
        },
      ),
      { numRuns: 60 },
    );
  });

  test("of any number of concurrent saves expecting one version, exactly one succeeds", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 0, max: 3 }),
        async (writers, priorSaves) => {
          const { leads } = createInMemoryRepositories();
          for (let v = 0; v <= priorSaves; v++) await leads.save(lead("x"), { expectedVersion: v });
          const expectedVersion = priorSaves + 1;
          const outcomes = await Promise.all(
            Array.from({ length: writers }, () => leads.save(lead("x"), { expectedVersion })),
          );
          expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
          expect((await leads.get("x"))?.version).toBe(expectedVersion + 1);
        },
      ),
      { numRuns: 40 },
    );
  });

  test("after any inserts and removals, pages list exactly the stored ids in code-unit order", async () => {
    // Enough ids to split the index's chunks (512 ids each) and to empty some again.
    const op = fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 2999 }));
    await fc.assert(
      fc.asyncProperty(
        fc.array(op, { minLength: 1200, maxLength: 2000 }),
        fc.integer({ min: 1, max: 700 }),
        async (ops, limit) => {
          const { leads } = createInMemoryRepositories();
          const stored = new Map<string, number>();
          for (const [insert, n] of ops) {
            const key = `k${String(n).padStart(4, "0")}${n % 7 === 0 ? "é" : ""}`;
            const version = stored.get(key);
            if (insert && version === undefined) {
              await leads.save(lead(key), { expectedVersion: 0 });
              stored.set(key, 1);
            } else if (!insert && version !== undefined) {
              await leads.remove(key, { expectedVersion: version });
              stored.delete(key);
            }
          }
          const seen: string[] = [];
          let after: string | undefined;
          do {
            const page = await leads.query({}, after === undefined ? { limit } : { limit, after });
            seen.push(...page.items.map((l) => l.id));
            after = page.nextCursor ?? undefined;
          } while (after !== undefined);
          expect(seen).toEqual([...stored.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
        },
      ),
      { numRuns: 15 },
    );
  });
});
