// funnelLeadIssues answers a lead that looks countable without building anything (no path arrays,
// no closures); it must give exactly the issues of the plain check, which builds every issue, for
// every value: valid leads, and leads with any one field replaced by something hostile.
import fc from "fast-check";
import type { Lead } from "leadkit";
import { describe, expect, it } from "vitest";
import { funnelLeadIssues, funnelLeadIssuesPlain } from "../../src/metrics/project-funnel-row.js";
import { funnelLead } from "./fixtures.js";

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
  "interactions",
  "interactions.0",
  "interactions.0.at",
  "interactions.0.attribution",
  "interactions.0.attribution.utmSource",
  "capture",
  "capture.attribution",
  "capture.attribution.utmSource",
] as const;

const leadArb = fc
  .record({
    revenue: fc.option(fc.double({ noNaN: true, noDefaultInfinity: true }), { nil: undefined }),
    owner: fc.option(fc.constantFrom("u-ana", "u-\u0000", null), { nil: undefined }),
    industry: fc.option(fc.string({ unit: "binary", maxLength: 4 }), { nil: undefined }),
    capturedFrom: fc.option(fc.constantFrom("google", "x\ud800"), { nil: undefined }),
    touches: fc.array(fc.tuple(fc.nat(30), fc.constantFrom("newsletter", "a\u0000b")), { maxLength: 2 }),
  })
  .map(({ revenue, owner, industry, capturedFrom, touches }) =>
    funnelLead({
      path: [
        ["lead", 1],
        ["prospect", 3],
      ],
      ...(revenue === undefined ? {} : { expectedRevenue: revenue }),
      ...(owner === undefined ? {} : { owner }),
      ...(industry === undefined ? {} : { industry }),
      ...(capturedFrom === undefined ? {} : { capturedFrom }),
      touches,
    }),
  );

// The lead with the value at `field` (a dotted path; a number is an array index), every object on
// the way copied, so the original lead is never touched.
function replaced(lead: Lead, field: (typeof fields)[number], value: unknown): unknown {
  const set = (target: unknown, keys: readonly string[]): unknown => {
    const [key, ...rest] = keys as [string, ...string[]];
    const copy: Record<string, unknown> = Array.isArray(target)
      ? ([...target] as unknown as Record<string, unknown>)
      : { ...(typeof target === "object" && target !== null ? target : {}) };
    copy[key] = rest.length === 0 ? value : set(copy[key], rest);
    return copy;
  };
  return set(lead, field.split("."));
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
