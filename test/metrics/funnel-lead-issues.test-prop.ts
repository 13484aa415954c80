// funnelLeadIssues answers a lead that looks countable without building anything (no path arrays,
// no closures); it must give exactly the issues of the plain check, which builds every issue, for
// every value: valid leads, and leads with any one field replaced by something hostile.
import fc from "fast-check";
import type { Lead } from "leadkit";
import { describe, expect, it } from "vitest";
import { funnelLeadIssues, funnelLeadIssuesPlain } from "../../src/metrics/project-funnel-row.js";
import { makeLead } from "./fixtures.js";

const hostile = fc.oneof(
  fc.anything(),
  fc.constantFrom(
    undefined,
    null,
    "",
    "ok",
    "a\u0000b",
    "x\ud800",
    "\udc00y",
    new Date(Number.NaN),
    new Date("0999-12-31T23:59:59.999Z"),
    new Date("1000-01-01T00:00:00.000Z"),
    new Date("9999-12-31T23:59:59.999Z"),
    new Date(Date.UTC(10000, 0, 1)),
    "2026-01-01T00:00:00Z",
    Number.NaN,
    Number.POSITIVE_INFINITY,
    12_500,
    [],
    [null],
    [{ from: "contact", to: "lead", at: "2026-01-01" }],
    {},
  ),
);
const fields = [
  "id",
  "createdAt",
  "history",
  "stage",
  "source",
  "owner",
  "generatedBy",
  "interestLevel",
  "contact",
  "contact.industry",
  "expectedRevenue",
  "history.0",
  "history.0.at",
] as const;

const leadArb = fc
  .record({
    revenue: fc.option(fc.double({ noNaN: true, noDefaultInfinity: true }), { nil: undefined }),
    owner: fc.option(fc.constantFrom("u-ana", "u-\u0000", null), { nil: undefined }),
    industry: fc.option(fc.string({ unit: "binary", maxLength: 4 }), { nil: undefined }),
  })
  .map(({ revenue, owner, industry }) =>
    makeLead({
      path: [
        ["lead", 1],
        ["prospect", 3],
      ],
      ...(revenue === undefined ? {} : { expectedRevenue: revenue }),
      ...(owner === undefined ? {} : { owner }),
      ...(industry === undefined ? {} : { industry }),
    }),
  );

function replaced(lead: Lead, field: (typeof fields)[number], value: unknown): unknown {
  const copy: Record<string, unknown> = { ...lead, contact: { ...lead.contact }, history: [...lead.history] };
  const [head, second, third] = field.split(".") as [string, string?, string?];
  if (second === undefined) copy[head] = value;
  else if (head === "contact") (copy["contact"] as Record<string, unknown>)[second] = value;
  else {
    const history = copy["history"] as unknown[];
    history[0] = third === undefined ? value : { ...(history[0] as object), [third]: value };
  }
  return copy;
}

describe("funnel lead issues", () => {
  it("the fast check gives exactly the plain check's issues, for any lead and any one field gone wrong", () => {
    fc.assert(
      fc.property(
        leadArb,
        fc.option(fc.tuple(fc.constantFrom(...fields), hostile), { nil: undefined }),
        fc.oneof(fc.constant([]), fc.constant([7])),
        (lead, change, path) => {
          const value = (change === undefined ? lead : replaced(lead, change[0], change[1])) as Lead;
          expect(funnelLeadIssues(value, path)).toEqual(funnelLeadIssuesPlain(value, path));
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it("any value at all, lead or not, gets the plain check's issues", () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        expect(funnelLeadIssues(value as Lead, [])).toEqual(funnelLeadIssuesPlain(value as Lead, []));
      }),
      { numRuns: 500 },
    );
  });
});
