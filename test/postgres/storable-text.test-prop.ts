import { PGlite } from "@electric-sql/pglite";
import fc from "fast-check";
import { safeParseLead } from "leadkit";
import { createPostgresRepositories, migrate } from "leadkit/postgres";
import { afterAll, expect, test } from "vitest";

let started: Promise<PGlite> | undefined;
afterAll(async () => {
  await (await started)?.close();
});

// Any UTF-16 code units, U+0000 and lone surrogates included, in every kind of string slot.
const anyText = fc.string({ unit: "binary", minLength: 1, maxLength: 12 });

test("any lead the model accepts round-trips through the PostgreSQL repository, and text it refuses is unstorable_text", async () => {
  started ??= PGlite.create();
  const pg = await started;
  await migrate(pg, { schema: "storable_prop" });
  const { leads } = createPostgresRepositories(pg, { schema: "storable_prop" });
  let n = 0;
  await fc.assert(
    fc.asyncProperty(anyText, anyText, anyText, anyText, anyText, async (name, key, value, tag, reason) => {
      const id = `l${++n}`;
      const parsed = safeParseLead({
        id,
        contact: { kind: "prospect", name, attributes: { [key]: value } },
        stage: "lead",
        owner: null,
        generatedBy: null,
        capture: { channel: "form", initiator: { kind: "contact" } },
        tags: [tag],
        history: [
          { from: "lead", to: "prospect", event: "qualify", at: "2026-03-01T00:00:00Z", actor: "u", reason },
        ],
        createdAt: "2026-03-01T00:00:00Z",
        updatedAt: "2026-03-01T00:00:00Z",
      });
      if (!parsed.ok) {
        const codes = new Set(parsed.issues.map((i) => i.code));
        codes.delete("too_small"); // a name of only spaces
        expect([...codes].filter((c) => c !== "unstorable_text")).toEqual([]);
        return;
      }
      const saved = await leads.save(parsed.value, { expectedVersion: 0 });
      expect(saved.ok).toBe(true);
      expect(await leads.get(id)).toEqual({ ...parsed.value, version: 1 });
    }),
    { numRuns: 150 },
  );
});
