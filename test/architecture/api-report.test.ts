// The public surface is reviewed: every entry's exports are written to api/<entry>.api.md
// (scripts/api-report.ts), and this test fails when the sources export something the committed
// report does not list, or list it with another signature. A new export is a deliberate change:
// run `npm run api:update`, read the diff, and record the change in a changeset.
import { beforeAll, describe, expect, it } from "vitest";
import {
  API_ENTRIES,
  type ApiItem,
  analyseApi,
  type ForgottenExport,
  readApiReports,
  renderApiReport,
} from "../../scripts/api-report.js";

describe("the API report", () => {
  // One TypeScript program over the ten entries (about 10 s of CPU), shared by both tests.
  let api = new Map<string, ApiItem[]>();
  let forgotten: ForgottenExport[] = [];
  beforeAll(() => {
    ({ api, forgotten } = analyseApi());
  });

  it("lists every entry's exports with their signatures exactly as committed in api/", () => {
    const committed = readApiReports();
    const stale: string[] = [];
    for (const entry of API_ENTRIES) {
      const expected = renderApiReport(entry.name, api.get(entry.name) ?? []);
      const actual = committed.get(entry.report);
      if (actual === expected) continue;
      const names = (text: string | undefined) =>
        new Set([...(text ?? "").matchAll(/^\/\/ (\S+): /gm)].map((m) => m[1] as string));
      const before = names(actual);
      const after = names(expected);
      const added = [...after].filter((n) => !before.has(n));
      const removed = [...before].filter((n) => !after.has(n));
      stale.push(
        `${entry.report}: ${actual === undefined ? "missing" : "differs"}` +
          (added.length > 0 ? `; new exports: ${added.join(", ")}` : "") +
          (removed.length > 0 ? `; removed: ${removed.join(", ")}` : "") +
          (added.length + removed.length === 0 ? "; a signature changed" : ""),
      );
    }
    const extra = [...committed.keys()].filter((path) => !API_ENTRIES.some((e) => e.report === path));
    for (const path of extra) stale.push(`${path}: no entry has this report; delete it`);
    expect(
      stale,
      `The public API changed. If that is deliberate, run \`npm run api:update\`, review the diff of api/, and add a changeset:\n${stale.join("\n")}`,
    ).toEqual([]);
  });

  it("exports every type that a public declaration names (no forgotten exports)", () => {
    expect(
      forgotten.map((f) => `${f.name} (${f.file}), named by ${f.usedBy}`),
      "A public declaration names a type no entry exports: export the type (a deliberate new name) or inline it",
    ).toEqual([]);
  });
});
