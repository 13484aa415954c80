import type { Lead } from "leadkit";
import {
  computeFunnelAggregate,
  FUNNEL_CREDIT_MODELS,
  FUNNEL_NO_VALUE,
  type FunnelAggregate,
  type FunnelCredit,
  funnelToSql,
  projectFunnelRow,
  renderSegmentTable,
  safeComputeFunnelAggregate,
  summarizeFunnel,
} from "leadkit/metrics";
import { describe, expect, it } from "vitest";
import { funnelLead, pathTo } from "./fixtures.js";

/** Credit units per lead: shares are multiples of 1/2^20. */
const U = 1_048_576;

const byTouch = (leads: readonly Lead[], credit: FunnelCredit): FunnelAggregate =>
  computeFunnelAggregate(leads, { dimensions: ["touch"], credit, costs: { paid_ads: 99.99 } });

const leadsOf = (aggregate: FunnelAggregate) =>
  Object.fromEntries(Object.entries(aggregate.segments.touch ?? {}).map(([k, c]) => [k, c.leads]));

// Captured from google, then linkedin, newsletter and google again, won two days later; a visit
// after the sale is not a touch of it.
const fourTouches = funnelLead({
  id: "four",
  source: "paid_ads",
  capturedFrom: "google",
  touches: [
    [10, "linkedin"],
    [20, "newsletter"],
    [30, "google"],
    [5 * 1440, "bing"],
  ],
  path: pathTo("customer", 1),
});

describe("the touch dimension splits each lead's credit over its touches", () => {
  it("linear: evenly, a source's shares adding up (google is the first and the last touch)", () => {
    expect(leadsOf(byTouch([fourTouches], "linear"))).toEqual({
      google: 0.5,
      linkedin: 0.25,
      newsletter: 0.25,
    });
  });

  it("position-based: 40 % to the first and the last, 20 % shared by the touches between", () => {
    const aggregate = byTouch([fourTouches], "position");
    expect(leadsOf(aggregate)).toEqual({
      google: (2 * 419_430) / U,
      linkedin: 104_858 / U,
      newsletter: 104_858 / U,
    });
    expect(aggregate.segments.touch?.["google"]?.won).toBe((2 * 419_430) / U);
  });

  it("first and last: the whole lead to one touch, as the firstTouch and lastTouch dimensions", () => {
    expect(leadsOf(byTouch([fourTouches], "first"))).toEqual({ google: 1 });
    const last = computeFunnelAggregate([fourTouches], {
      dimensions: ["touch", "lastTouch"],
      credit: "last",
    });
    expect(last.segments.touch).toEqual(last.segments.lastTouch);
  });

  it("one touch takes all, two take half each (position-based too), none give the lead to (none)", () => {
    const one = funnelLead({ id: "one", touches: [[1, "linkedin"]] });
    const two = funnelLead({ id: "two", capturedFrom: "google", touches: [[1, "linkedin"]] });
    const none = funnelLead({ id: "none" });
    for (const credit of FUNNEL_CREDIT_MODELS) {
      expect(leadsOf(byTouch([one], credit))).toEqual({ linkedin: 1 });
      expect(leadsOf(byTouch([none], credit))).toEqual({ [FUNNEL_NO_VALUE]: 1 });
    }
    expect(leadsOf(byTouch([two], "position"))).toEqual({ google: 0.5, linkedin: 0.5 });
    expect(leadsOf(byTouch([two], "linear"))).toEqual({ google: 0.5, linkedin: 0.5 });
  });

  it("gives an uneven split's leftover units to the earliest touches, and a touch without utm_source to (none)", () => {
    const base = funnelLead({ id: "thirds", capturedFrom: "google", touches: [[1, "linkedin"]] });
    const untagged: Lead = {
      ...base,
      interactions: [
        ...base.interactions,
        {
          id: "v-untagged",
          type: "page_view",
          pageKind: "other",
          at: new Date(base.createdAt.getTime() + 120_000),
          initiator: { kind: "contact" },
          attribution: { utmMedium: "cpc" },
        },
      ],
    };
    expect(projectFunnelRow(untagged).touches).toEqual(["google", "linkedin", null]);
    expect(leadsOf(byTouch([untagged], "linear"))).toEqual({
      google: 349_526 / U,
      linkedin: 349_525 / U,
      [FUNNEL_NO_VALUE]: 349_525 / U,
    });
  });

  it("splits sums of cents and seconds per touch, each share rounded to a whole cent or second", () => {
    const aggregate = byTouch([fourTouches], "position");
    const google = aggregate.segments.touch?.["google"];
    const linkedin = aggregate.segments.touch?.["linkedin"];
    // 99.99 is 9,999 cents: 40 % of it is 3,999.6 → 4,000 for each of google's two touches.
    expect(google?.costCents).toBe(8_000);
    expect(linkedin?.costCents).toBe(1_000);
    expect(linkedin?.costedLeads).toBe(104_858 / U);
    // Four days to close: each share of the seconds is rounded, its histogram count is the share.
    expect(linkedin?.timeToClose.count).toBe(104_858 / U);
    expect(linkedin?.timeToClose.sumSeconds).toBe(Math.round((4 * 86_400 * 104_858) / U));
  });

  it("keeps the touch segments adding up to the total exactly", () => {
    const leads = [
      fourTouches,
      funnelLead({
        touches: [
          [1, "a"],
          [2, "b"],
          [3, "c"],
        ],
      }),
      funnelLead(),
    ];
    for (const credit of FUNNEL_CREDIT_MODELS) {
      const aggregate = byTouch(leads, credit);
      const parts = Object.values(aggregate.segments.touch ?? {});
      expect(parts.reduce((n, c) => n + c.leads, 0)).toBe(3);
      expect(parts.reduce((n, c) => n + c.won, 0)).toBe(aggregate.total.won);
    }
  });

  it("summarises fractional credit: rates stay in [0, 1], percentiles are weighted", () => {
    const summary = summarizeFunnel(
      byTouch([fourTouches, funnelLead({ touches: [[1, "linkedin"]] })], "linear"),
    );
    const linkedin = summary.segments.touch?.find((s) => s.key === "linkedin");
    expect(linkedin?.leads).toBe(1.25);
    expect(linkedin?.won).toBe(0.25);
    expect(linkedin?.endToEndConversion).toBe(0.2);
    expect(linkedin?.timeToClose.medianDays).toBeCloseTo(4, 1);
  });

  it("renders fractional credit with at most two decimals", () => {
    const summary = summarizeFunnel(
      byTouch(
        [
          fourTouches,
          funnelLead({
            touches: [
              [1, "a"],
              [2, "b"],
              [3, "c"],
            ],
          }),
        ],
        "linear",
      ),
    );
    const table = renderSegmentTable(summary, { dimension: "touch", columns: ["leads", "won"] });
    expect(table).toContain("| google     |   0.5 |       0.5 |");
    expect(table).toContain("| a          |  0.33 |         0 |");
  });

  it("refuses an unknown credit model, in process and in SQL", () => {
    const result = safeComputeFunnelAggregate([], { credit: "u-shaped" as FunnelCredit });
    expect(!result.ok && result.issues.map((i) => [i.code, i.path])).toEqual([
      ["invalid_credit", ["options", "credit"]],
    ]);
    expect(() => computeFunnelAggregate([], { credit: "W" as FunnelCredit })).toThrow(/options\.credit/);
    const sql = funnelToSql({ credit: "time_decay" as FunnelCredit });
    expect(!sql.ok && sql.issues.map((i) => i.code)).toEqual(["invalid_credit"]);
  });
});
