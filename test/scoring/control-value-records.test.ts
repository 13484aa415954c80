import { parseLead } from "leadkit";
import {
  collectControlValueStats,
  createControlValueAccumulator,
  type RecordFieldMap,
} from "leadkit/scoring";
import { describe, expect, it } from "vitest";
import { FIT_MAP, type FitRow, fitRows } from "./fit-fixtures.js";

const rows = fitRows(400, 2);
const spec = {
  fields: [
    { field: "contact.attributes.source" as const },
    { field: "contact.attributes.visits" as const, bins: [2, 5] },
  ],
};
const asLead = (row: FitRow) =>
  parseLead({
    id: `l${row.id}`,
    contact: {
      kind: "prospect",
      name: `Lead ${row.id}`,
      attributes: { source: row.source, visits: row.visits },
    },
    stage: row.won === null ? "lead" : row.won ? "customer" : "lost",
    owner: null,
    generatedBy: null,
    capture: { channel: "form", initiator: { kind: "contact" } },
    createdAt: new Date(Date.UTC(2026, 0, 1 + (row.id % 90))).toISOString(),
    updatedAt: "2026-06-01T00:00:00Z",
  });

describe("the control-value method on plain records", () => {
  it("counts records read through a field map exactly as the same values in Leads", async () => {
    const fromRecords = collectControlValueStats(rows, spec, { records: FIT_MAP });
    expect(fromRecords).toEqual(collectControlValueStats(rows.map(asLead), spec));
    expect(fromRecords.leads).toBe(rows.filter((r) => r.won !== null).length);
    expect(await collectControlValueStats(rows, spec, { records: FIT_MAP })).toEqual(fromRecords);
  });

  it("filters a period by the map's createdAt", () => {
    const map: RecordFieldMap<FitRow> = {
      ...FIT_MAP,
      createdAt: (r) => new Date(Date.UTC(2026, 0, 1 + (r.id % 90))),
    };
    const period = { from: new Date("2026-02-01T00:00:00Z"), to: new Date("2026-03-01T00:00:00Z") };
    expect(collectControlValueStats(rows, spec, { records: map, period })).toEqual(
      collectControlValueStats(rows.map(asLead), spec, { period }),
    );
  });

  it("counts a value that is not a JSON scalar as missing", () => {
    const acc = createControlValueAccumulator(spec, {
      records: {
        outcome: () => "won",
        fields: { "contact.attributes.source": () => ({}), "contact.attributes.visits": () => Number.NaN },
      },
    });
    acc.add({});
    expect(Object.keys(acc.stats().signals)).toEqual([
      "field:contact.attributes.source=null",
      "field:contact.attributes.visits=null",
    ]);
  });

  it("refuses interactions, tags, flags, a period without createdAt, and unmapped fields", () => {
    const records = { records: FIT_MAP };
    expect(() => collectControlValueStats(rows, { interactions: {} }, records)).toThrow(/interactions/);
    expect(() => collectControlValueStats(rows, { tags: true, flags: ["bot"] }, records)).toThrow(
      /tags, flags/,
    );
    expect(() =>
      collectControlValueStats(rows, spec, { ...records, period: { from: new Date(0), to: new Date() } }),
    ).toThrow(/createdAt/);
    expect(() =>
      collectControlValueStats(rows, { fields: [{ field: "contact.attributes.nope" }] }, records),
    ).toThrow(/no reader for "contact.attributes.nope"/);
  });
});
