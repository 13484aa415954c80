import * as fc from "fast-check";
import type { ImportLeadsOptions } from "leadkit/services";
import { describe, expect, test } from "vitest";
import { setup } from "./fixtures.js";

// Options and records come from people (a mapping UI, an uploaded file): any JSON value in any slot
// gets a result — issues for the options, or a report with issues per record — never an exception.
const hostile = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(
    { toString: 1 },
    { __proto__: { polluted: true } },
    JSON.parse('{"__proto__": "x", "constructor": "y"}'),
    [null],
    "x".repeat(20_000),
    Number.NaN,
    -1,
    1e21,
  ),
);

const valid: ImportLeadsOptions = {
  actor: "u-marta",
  importId: "prop",
  fieldMap: {
    "contact.name": "Name",
    "contact.email": "Email",
    "contact.attributes.constructor": "constructor",
    tags: { column: "Tags", split: ";" },
    "contact.doNotContact": "DNC",
  },
  onMatch: "merge",
  update: { "contact.phone": "incoming" },
  batchSize: 3,
  maxIssues: 50,
};

describe("importLeads answers any input with a result", () => {
  test("options with any one field replaced by arbitrary JSON get a result, never an exception", async () => {
    const { service } = setup();
    const keys = [...Object.keys(valid), "match", "capture", "startAfter", "onProgress"];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...keys), hostile, async (key, value) => {
        const options = { ...valid };
        Object.defineProperty(options, key, { value, enumerable: true, writable: true, configurable: true });
        const result = await service.importLeads([{ Name: "Ana", Email: "ana@acme.es" }], options);
        expect(typeof result.ok).toBe("boolean");
      }),
      { numRuns: 1500 },
    );
  });

  test("records of any shape get a report that counts every record once, never an exception", async () => {
    const { service } = setup();
    const record = fc.oneof(
      hostile,
      fc.dictionary(fc.constantFrom("Name", "Email", "Tags", "DNC", "constructor", "__proto__"), hostile),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(record, { maxLength: 8 }), async (records) => {
        const result = await service.importLeads(records, valid);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const { created, updated, merged, skipped, failed, rows } = result.value;
        expect(created + updated + merged + skipped + failed).toBe(records.length);
        expect(rows).toBe(records.length);
        expect(({} as Record<string, unknown>)["polluted"]).toBe(undefined);
      }),
      { numRuns: 300 },
    );
  });
});

describe("import identity laws", () => {
  test("no record's cell hides another record: each is stored under its own lead or reported", async () => {
    const fieldMap = { "contact.name": "n", "contact.email": "e", externalId: "x" };
    // Each record's external id cell: empty (derived `imp:<row>`), its own, or another row's derived id.
    const cell = (i: number) =>
      fc.oneof(
        fc.constant(""),
        fc.constant(`own-${i}`),
        fc.integer({ min: 1, max: 8 }).map((k) => `imp:${k}`),
      );
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 1, max: 8 })
          .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => cell(i)))),
        fc.constantFrom("skip", "update", "merge"),
        async (cells, onMatch) => {
          const { service, repositories } = setup();
          const records = cells.map((x, i) => ({ n: `R${i + 1}`, e: `r${i + 1}@z.es`, x }));
          const result = await service.importLeads(records, {
            actor: "u-marta",
            importId: "imp",
            fieldMap,
            onMatch: onMatch as "skip" | "update" | "merge",
          });
          if (!result.ok) throw new Error(JSON.stringify(result.issues));
          const reported = new Set(result.value.issues.map((i) => i.row));
          for (const [index, record] of records.entries()) {
            const stored = await repositories.leads.findByDuplicateKeys([{ kind: "email", value: record.e }]);
            const own = stored.find((l) => l.contact.name === record.n);
            expect(own !== undefined || reported.has(index + 1)).toBe(true);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
