import type {
  ImportFieldMap,
  ImportLeadsOptions,
  ImportReport,
  ImportTarget,
  LeadService,
} from "leadkit/services";
import { describe, expectTypeOf, test } from "vitest";

describe("importLeads types", () => {
  test("a field map takes the known targets and contact.attributes.<name>, and nothing else", () => {
    const map: ImportFieldMap = {
      "contact.name": "Name",
      "contact.attributes.segment": { column: 3 },
      tags: { column: "Labels", split: ";" },
      source: { value: "crm" },
    };
    expectTypeOf(map).toExtend<ImportFieldMap>();
    expectTypeOf<"contact.attributes.anything">().toExtend<ImportTarget>();
    // @ts-expect-error an unknown target
    const wrong: ImportFieldMap = { "contact.nickname": "Nick" };
    void wrong;
  });

  test("importLeads takes sync or async iterables and resolves to a report or issues", () => {
    type Import = LeadService["importLeads"];
    expectTypeOf<Parameters<Import>[0]>().toEqualTypeOf<Iterable<unknown> | AsyncIterable<unknown>>();
    expectTypeOf<Parameters<Import>[1]>().toEqualTypeOf<ImportLeadsOptions>();
    type Resolved = Awaited<ReturnType<Import>>;
    expectTypeOf<Extract<Resolved, { ok: true }>["value"]>().toEqualTypeOf<ImportReport>();
    // @ts-expect-error onMatch is one of three words
    const bad: ImportLeadsOptions = { actor: "a", importId: "b", fieldMap: {}, onMatch: "replace" };
    void bad;
  });
});
