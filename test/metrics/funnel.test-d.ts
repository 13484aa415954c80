import type { Lead } from "leadkit";
import type {
  FunnelAggregate,
  FunnelCounts,
  FunnelCredit,
  FunnelDimensionPair,
  FunnelOptions,
  FunnelRate,
  FunnelSegmentSummary,
  FunnelSummary,
  RenderLabels,
  TeamSummary,
} from "leadkit/metrics";
import {
  computeFunnel,
  computeFunnelAggregate,
  renderSegmentSvg,
  renderSegmentTable,
  summarizeTeam,
} from "leadkit/metrics";
import { describe, expectTypeOf, it } from "vitest";

declare const leads: readonly Lead[];
declare const stream: AsyncIterable<Lead>;

describe("metrics types", () => {
  it("returns a value for iterables and a promise for async iterables", () => {
    expectTypeOf(computeFunnel(leads)).toEqualTypeOf<FunnelSummary>();
    expectTypeOf(computeFunnel(stream)).toEqualTypeOf<Promise<FunnelSummary>>();
    expectTypeOf(computeFunnelAggregate(leads)).toEqualTypeOf<FunnelAggregate>();
    expectTypeOf(computeFunnelAggregate(stream)).toEqualTypeOf<Promise<FunnelAggregate>>();
    expectTypeOf(summarizeTeam(computeFunnel(leads))).toEqualTypeOf<TeamSummary>();
  });

  it("names the credit models and refuses others", () => {
    expectTypeOf<FunnelOptions["credit"]>().toEqualTypeOf<FunnelCredit | undefined>();
    expectTypeOf<FunnelCredit>().toEqualTypeOf<"first" | "last" | "linear" | "position">();
    // @ts-expect-error not a credit model
    computeFunnelAggregate(leads, { dimensions: ["touch"], credit: "time_decay" });
  });

  it("types rates as number or null", () => {
    expectTypeOf<FunnelSummary["total"]["endToEndConversion"]>().toEqualTypeOf<FunnelRate>();
    expectTypeOf<FunnelRate>().toEqualTypeOf<number | null>();
  });

  it("keeps aggregates and summaries read-only", () => {
    const aggregate = computeFunnelAggregate(leads);
    // @ts-expect-error counts are readonly
    aggregate.total.leads = 3;
    const summary = computeFunnel(leads);
    // @ts-expect-error segment lists are readonly
    summary.segments.source?.push(summary.total);
  });

  it("accepts only active, passive or null from originOf, and known dimensions", () => {
    const ok: FunnelOptions = { originOf: () => "active", dimensions: ["source", "period"] };
    expectTypeOf(ok).toMatchTypeOf<FunnelOptions>();
    // @ts-expect-error "shared" is not an origin
    const badOrigin: FunnelOptions = { originOf: () => "shared" };
    // @ts-expect-error "colour" is not a dimension
    const badDimension: FunnelOptions = { dimensions: ["colour"] };
    // @ts-expect-error "profit" is not a column
    renderSegmentTable(computeFunnel(leads), { dimension: "source", columns: ["profit"] });
    void [badOrigin, badDimension];
  });

  it("charts a known dimension by leads, won or conversion, and returns the SVG text", () => {
    const summary = computeFunnel(leads);
    expectTypeOf(
      renderSegmentSvg(summary, { dimension: "firstTouch", metric: "won" }),
    ).toEqualTypeOf<string>();
    // @ts-expect-error "profit" is not a chart metric
    renderSegmentSvg(summary, { dimension: "source", metric: "profit" });
    // @ts-expect-error the dimension is required
    renderSegmentSvg(summary, { metric: "leads" });
  });

  it("crosses pairs of known dimensions, and reads the team by touch", () => {
    const options: FunnelOptions = { crossSegments: [["owner", "touch"]], credit: "position" };
    expectTypeOf(options.crossSegments).toEqualTypeOf<readonly FunnelDimensionPair[] | undefined>();
    // @ts-expect-error "colour" is not a dimension
    const badPair: FunnelOptions = { crossSegments: [["owner", "colour"]] };
    // @ts-expect-error a cross-segment is a pair
    const triple: FunnelOptions = { crossSegments: [["owner", "touch", "source"]] };
    void [badPair, triple];
    const aggregate = computeFunnelAggregate(leads, options);
    expectTypeOf(aggregate.crossSegments?.owner?.touch?.["u-ana"]?.["google"]).toEqualTypeOf<
      FunnelCounts | undefined
    >();
    const team = summarizeTeam(computeFunnel(leads, options), { breakdownBy: "touch" });
    expectTypeOf(team.members[0]?.breakdown).toEqualTypeOf<readonly FunnelSegmentSummary[] | undefined>();
    // @ts-expect-error "colour" is not a dimension
    summarizeTeam(computeFunnel(leads, options), { breakdownBy: "colour" });
  });

  it("takes every renderer's words in one labels shape", () => {
    const labels: RenderLabels = { contact: "Contacto", ofPrevious: "del anterior", leads: "leads" };
    const summary = computeFunnel(leads);
    renderSegmentSvg(summary, { dimension: "source", labels });
    renderSegmentTable(summary, { dimension: "source", labels });
    // @ts-expect-error "ofPrevius" is not a label
    const typo: RenderLabels = { ofPrevius: "del anterior" };
    void typo;
  });
});
