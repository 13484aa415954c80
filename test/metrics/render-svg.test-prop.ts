// Laws of the SVG charts, for any funnel data, any labels and any width from 320 to 1200: no two text
// boxes overlap and no text box overlaps a bar (geometry from the declared font's advance widths),
// and the active, passive and unknown parts of a bar add up to its count. Labels are every word a
// chart draws (RENDER_LABELS' keys): any text, or the examples' Spanish words, longer than English.
import fc from "fast-check";
import type { Lead } from "leadkit";
import {
  computeFunnel,
  type FunnelSegmentSummary,
  type FunnelSummary,
  RENDER_LABELS,
  type RenderLabels,
  renderFunnelSvg,
  renderSegmentSvg,
} from "leadkit/metrics";
import { describe, expect, it } from "vitest";
import { SPANISH_RENDER_LABELS } from "../../examples/messages-es.js";
import { funnelLead, pathTo } from "./fixtures.js";
import { layoutProblems, readChart } from "./svg-geometry.js";

const ATTACKS = [
  "Potential client with a remarkably long name that no column can hold",
  "עופרת מוסמכת",
  "مرحبا بالعميل",
  "👩‍👩‍👧‍👦🇪🇸🎉",
  `<b>&amp;</b>"'`,
  "\u202eRLO",
  "漢字の長いラベル",
  "W".repeat(120),
  "a\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308",
  "",
];
/** Any text a person could type or paste, lone surrogates and control characters included. */
const anyText = fc.oneof(
  fc.constantFrom(...ATTACKS),
  fc.string({ unit: "grapheme", maxLength: 60 }),
  fc.string({ unit: "binary", maxLength: 60 }),
);
/** Text the funnel accepts as a segment key (it refuses U+0000 and lone surrogates, which no database stores). */
const storableText = fc.oneof(
  fc.constantFrom(...ATTACKS),
  fc.string({ unit: "grapheme", maxLength: 60 }).filter((s) => !s.includes("\u0000")),
);

/** Any words for any of the charts' labels, or the examples' Spanish ones. */
const labelsArb: fc.Arbitrary<RenderLabels> = fc.oneof(
  fc.record(
    Object.fromEntries(Object.keys(RENDER_LABELS).map((key) => [key, anyText])) as Record<
      keyof typeof RENDER_LABELS,
      fc.Arbitrary<string>
    >,
    { requiredKeys: [] },
  ),
  fc.constant(SPANISH_RENDER_LABELS),
);

const leadArb: fc.Arbitrary<Lead> = fc
  .record({
    stage: fc.constantFrom("contact", "lead", "prospect", "potential_client", "customer" as const),
    origin: fc.constantFrom("active", "passive", "unknown" as const),
    source: storableText,
  })
  .map(({ stage, origin, source }) =>
    funnelLead({
      ...(stage === "contact" ? {} : { path: pathTo(stage) }),
      source,
      owner: origin === "unknown" ? null : "u-ana",
      generatedBy: origin === "active" ? "u-ana" : null,
    }),
  );
const originOf = (lead: Lead) =>
  lead.owner === null ? null : lead.generatedBy === null ? ("passive" as const) : ("active" as const);

/** Every count of a summary times `k`, so that counts up to billions are drawn (rates do not change). */
function scale(summary: FunnelSummary, k: number): FunnelSummary {
  const one = (s: FunnelSegmentSummary): FunnelSegmentSummary => ({
    ...s,
    leads: s.leads * k,
    won: s.won * k,
    active: s.active * k,
    passive: s.passive * k,
    unknownOrigin: s.unknownOrigin * k,
    stages: s.stages.map((t) => ({ ...t, reached: t.reached * k, dropOff: t.dropOff * k })),
  });
  return {
    total: one(summary.total),
    segments: Object.fromEntries(
      Object.entries(summary.segments).map(([d, list]) => [d, (list ?? []).map(one)]),
    ) as FunnelSummary["segments"],
  };
}

const summaryArb = fc
  .tuple(fc.array(leadArb, { maxLength: 30 }), fc.constantFrom(1, 3, 997, 123_457, 1_000_000_000))
  .map(([leads, k]) => scale(computeFunnel(leads, { originOf, dimensions: ["origin", "source"] }), k));
const widthArb = fc.integer({ min: 320, max: 1200 });
const localeArb = fc.constantFrom("en-US", "de-DE", "fr-FR", "ar-EG", "hi-IN");

describe("SVG chart laws", () => {
  it("funnel: no two text boxes overlap and no text box overlaps a bar, for any funnel data and width in 320–1200", () => {
    fc.assert(
      fc.property(
        summaryArb,
        widthArb,
        fc.record({
          title: fc.option(anyText, { nil: undefined }),
          labels: labelsArb,
          splitByOrigin: fc.boolean(),
          locale: localeArb,
        }),
        (summary, width, { title, ...options }) => {
          const svg = renderFunnelSvg(summary, {
            ...options,
            ...(title === undefined ? {} : { title }),
            width,
          });
          expect(layoutProblems(svg)).toEqual([]);
        },
      ),
    );
  });

  it("segments: no two text boxes overlap and no text box overlaps a bar, for any segments, metric and width in 320–1200", () => {
    fc.assert(
      fc.property(
        summaryArb,
        widthArb,
        fc.record({
          title: fc.option(anyText, { nil: undefined }),
          metric: fc.constantFrom("leads", "won", "conversion" as const),
          split: fc.boolean(),
          limit: fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }),
          locale: localeArb,
          labels: labelsArb,
        }),
        (summary, width, { metric, split, limit, title, ...rest }) => {
          const svg = renderSegmentSvg(summary, {
            dimension: "source",
            metric,
            splitByOrigin: split && metric === "leads",
            ...(limit === undefined ? {} : { limit }),
            ...(title === undefined ? {} : { title }),
            ...rest,
            width,
          });
          expect(layoutProblems(svg)).toEqual([]);
        },
      ),
    );
  });

  it("the active, passive and unknown parts of each funnel bar add up to the stage's count", () => {
    fc.assert(
      fc.property(summaryArb, widthArb, (summary, width) => {
        const bars = readChart(renderFunnelSvg(summary, { splitByOrigin: true, width })).boxes.filter(
          (b) => b.kind === "bar",
        );
        const counted = new Map<string, number>();
        for (const bar of bars) {
          const [name = "", count = ""] = (bar.title ?? "").split(/, [a-z ]+: /);
          counted.set(name, (counted.get(name) ?? 0) + Number(count.replaceAll(",", "")));
        }
        // A part of zero width is not drawn; its count is zero, so the sum is unchanged.
        for (const [name, count] of counted) {
          const stage = summary.total.stages.find(
            (s) => s.stage === name.toLowerCase().replace("potential client", "potential_client"),
          );
          expect(count, name).toBe(stage?.reached);
        }
        expect(counted.size).toBe(summary.total.stages.filter((s) => s.reached > 0).length);
      }),
    );
  });
});
