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
