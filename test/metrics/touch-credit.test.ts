import { isLeadKitError, type Lead } from "leadkit";
import {
  computeFunnel,
  computeFunnelAggregate,
  FUNNEL_CREDIT_MODELS,
  FUNNEL_NO_VALUE,
  type FunnelAggregate,
  type FunnelCredit,
  funnelToSql,
  projectFunnelRow,
  renderSegmentSvg,
  renderSegmentTable,
  safeComputeFunnelAggregate,
  summarizeFunnel,
  summarizeTeam,
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

describe("the team view by touch: owner × touch cross-segments", () => {
  // Ana's lead has four touches before its sale; Bruno's came from linkedin and was won; the pool's
  // lead came from google. An owner named like a prototype member is data.
  const bruno = funnelLead({
    id: "b1",
    owner: "u-bruno",
    capturedFrom: "linkedin",
    path: pathTo("customer"),
  });
  const pool = funnelLead({ id: "p1", owner: null, touches: [[1, "google"]] });
  const proto = funnelLead({ id: "x1", owner: "__proto__", touches: [[1, "constructor"]] });
  const leads = [fourTouches, bruno, pool, proto];
  const teamBy = (credit: FunnelCredit) =>
    summarizeTeam(
      computeFunnel(leads, { dimensions: ["owner"], crossSegments: [["owner", "touch"]], credit }),
      { breakdownBy: "touch" },
    );
  const cells = (segments: readonly { key: string; leads: number; won: number }[] | undefined) =>
    (segments ?? []).map((s) => [s.key, s.leads, s.won]);

  it("breaks each member's leads down by touch with position-based credit, the pool too", () => {
    const team = teamBy("position");
    const ana = team.members.find((m) => m.user === "u-ana");
    expect(cells(ana?.breakdown)).toEqual([
      ["google", (2 * 419_430) / U, (2 * 419_430) / U],
      ["linkedin", 104_858 / U, 104_858 / U],
      ["newsletter", 104_858 / U, 104_858 / U],
    ]);
    expect(cells(team.members.find((m) => m.user === "u-bruno")?.breakdown)).toEqual([["linkedin", 1, 1]]);
    expect(cells(team.members.find((m) => m.user === "__proto__")?.breakdown)).toEqual([
      ["constructor", 1, 0],
    ]);
    expect(cells(team.unassignedBreakdown)).toEqual([["google", 1, 0]]);
    // A member's cells add up to the member's leads.
    expect(ana?.breakdown?.reduce((n, s) => n + s.leads, 0)).toBe(ana?.leads);
  });

  it("gives first, last and linear credit as the touch dimension does", () => {
    expect(cells(teamBy("first").members.find((m) => m.user === "u-ana")?.breakdown)).toEqual([
      ["google", 1, 1],
    ]);
    expect(cells(teamBy("last").members.find((m) => m.user === "u-ana")?.breakdown)).toEqual([
      ["google", 1, 1],
    ]);
    expect(cells(teamBy("linear").members.find((m) => m.user === "u-ana")?.breakdown)).toEqual([
      ["google", 0.5, 0.5],
      ["linkedin", 0.25, 0.25],
      ["newsletter", 0.25, 0.25],
    ]);
  });

  it("gives an idle member an empty breakdown, and none when none was asked for", () => {
    const summary = computeFunnel(leads, { dimensions: ["owner"], crossSegments: [["owner", "firstTouch"]] });
    const team = summarizeTeam(summary, { users: ["u-carmen"], breakdownBy: "firstTouch" });
    expect(team.members.find((m) => m.user === "u-carmen")?.breakdown).toEqual([]);
    expect(cells(team.members.find((m) => m.user === "u-ana")?.breakdown)).toEqual([["google", 1, 1]]);
    expect(summarizeTeam(summary).members[0]).not.toHaveProperty("breakdown");
    expect(summarizeTeam(summary)).not.toHaveProperty("unassignedBreakdown");
  });

  it("draws one member's breakdown as a table and a chart", () => {
    const summary = computeFunnel(leads, {
      dimensions: ["owner"],
      crossSegments: [["owner", "touch"]],
      credit: "linear",
    });
    const within = { dimension: "owner", key: "u-ana" } as const;
    expect(renderSegmentTable(summary, { dimension: "touch", within, columns: ["leads", "won"] })).toBe(
      [
        "| touch      | leads | customers |",
        "|------------|------:|----------:|",
        "| google     |   0.5 |       0.5 |",
        "| linkedin   |  0.25 |      0.25 |",
        "| newsletter |  0.25 |      0.25 |",
      ].join("\n"),
    );
    const svg = renderSegmentSvg(summary, { dimension: "touch", within, title: "Ana by touch" });
    expect(svg).toContain("<title>linkedin: 0.25</title>");
    expect(() =>
      renderSegmentTable(summary, { dimension: "touch", within: { ...within, key: "nobody" } }),
    ).toThrow(/no segment "nobody" in dimension "owner"/);
    expect(() => renderSegmentTable(summary, { dimension: "source", within })).toThrow(
      /no "owner" × "source" cross-segments; compute it with crossSegments: \[\["owner", "source"\]\]/,
    );
  });

  it("says what the summary lacks for a breakdown, and refuses a breakdown that is not a dimension", () => {
    const plain = computeFunnel(leads, { dimensions: ["owner"] });
    expect(() => summarizeTeam(plain, { breakdownBy: "touch" })).toThrow(
      /no "owner" × "touch" cross-segments; compute it with crossSegments: \[\["owner", "touch"\]\]/,
    );
    for (const by of ["colour", "owner", "__proto__"]) {
      try {
        summarizeTeam(plain, { breakdownBy: by as "touch" });
        expect.unreachable();
      } catch (e) {
        expect(isLeadKitError(e) && e.code).toBe("invalid_definition");
      }
    }
  });

  it("refuses a cross-segment that is not a pair of two different dimensions, in process and in SQL", () => {
    const bad = [["owner"], ["owner", "colour"], "owner", ["touch", "touch"], ["owner", "touch"]] as never;
    const result = safeComputeFunnelAggregate(leads, { crossSegments: bad });
    expect(!result.ok && result.issues.map((i) => [i.code, i.path])).toEqual([
      ["invalid_cross_segment", ["options", "crossSegments", 0]],
      ["unknown_dimension", ["options", "crossSegments", 1, 1]],
      ["invalid_cross_segment", ["options", "crossSegments", 2]],
      ["invalid_cross_segment", ["options", "crossSegments", 3]],
    ]);
    try {
      computeFunnelAggregate(leads, { crossSegments: [["touch", "touch"]] });
      expect.unreachable();
    } catch (e) {
      expect(isLeadKitError(e) && e.code).toBe("invalid_definition");
      expect(String(e)).toMatch(/pairs "touch" with itself; expected two different dimensions/);
    }
    const notList = safeComputeFunnelAggregate(leads, { crossSegments: "owner×touch" as never });
    expect(!notList.ok && notList.issues.map((i) => i.code)).toEqual(["invalid_type"]);
    const sql = funnelToSql({ crossSegments: bad });
    expect(!sql.ok && sql.issues.map((i) => `${i.code}@${i.path.join(".")}`)).toEqual([
      "invalid_cross_segment@crossSegments.0",
      "unknown_dimension@crossSegments.1.1",
      "invalid_cross_segment@crossSegments.2",
      "invalid_cross_segment@crossSegments.3",
    ]);
  });
});
