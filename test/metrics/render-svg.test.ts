// The SVG charts at every width from 320 to 1200 with hostile labels: no text overlaps other text or a
// bar (geometry from DejaVu Sans's advance widths, the font the SVG declares), counts add up, text
// contrast meets WCAG AA, and the width table is the font's.
import { existsSync } from "node:fs";
import type { Lead } from "leadkit";
import { isLeadKitError } from "leadkit";
import { computeFunnel, renderFunnelSvg, renderSegmentSvg } from "leadkit/metrics";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CHART_COLORS } from "../../src/metrics/svg-chart.js";
import {
  DEJAVU_SANS_ASCII_WIDTHS,
  DEJAVU_SANS_BOLD_ASCII_WIDTHS,
  fitText,
  measureText,
  SEGMENT_WINDOW,
  wrapText,
} from "../../src/metrics/svg-text.js";
import { funnelLead, pathTo } from "./fixtures.js";
import { contrast, layoutProblems, readChart } from "./svg-geometry.js";
import { advanceWidths } from "./ttf-widths.js";

const HOSTILE = [
  "Potential client with a remarkably long name that no column can hold, in any locale at all",
  "עופרת מוסמכת ומאוד מעניינת לצוות המכירות",
  "مرحبا بالعميل المحتمل الجديد",
  "🎉👩‍👩‍👧‍👦🇪🇸 emoji 🎉🎉🎉🎉🎉🎉🎉🎉",
  `<script>alert("x")</script> & "quotes" 'too'`,
  "]]><!--",
  "\u202eRLO override\u202c then \u0001\u0007control\ttab\nline",
  "lone \ud800 surrogate",
  "W".repeat(400),
  "漢字の長いラベル漢字の長いラベル漢字の長いラベル",
  `Z̸̡̢̛̖̗̘̙̜̝̞̟̠̤̥̦̩̪̫̬̭̮̯̰̱̲̳̹̺̻̼͇͈͉͍͎̀́̂̃̄̅̆̇̈̉̊̋̌̍̎̏̐̑̒̓̔̽̾̿̀́͂̓̈́͆͊͋͌̕̚ͅ͏͓͔͕͖͙͚͐͑͒͗͛ͣͤͥͦͧͨͩͪͫͬͭͮͯ͘͜͟͢͝͞͠͡algo`,
];

/** Sources: the funnel refuses text with a lone surrogate, which no database stores. */
const STORABLE = HOSTILE.filter((h) => !h.includes("\ud800"));

const originOf = (lead: Lead) =>
  lead.generatedBy === "u-ana" ? ("active" as const) : lead.owner === null ? null : ("passive" as const);

/** 8,000 leads in all, with 0 active, 842 passive and the rest of unknown origin — the case — plus a funnel. */
function leadsWithUnknownOrigin(): Lead[] {
  return [
    ...Array.from({ length: 842 }, (_, i) => funnelLead({ path: pathTo(i < 300 ? "prospect" : "lead") })),
    ...Array.from({ length: 7_158 }, (_, i) =>
      funnelLead({
        owner: null,
        source: STORABLE[i % STORABLE.length],
        path: pathTo(i < 500 ? "customer" : "lead"),
      }),
    ),
  ];
}
const summary = computeFunnel(leadsWithUnknownOrigin(), { originOf, dimensions: ["origin", "source"] });
const widths = Array.from({ length: 45 }, (_, i) => 320 + i * 20).concat([321, 559, 560, 1199]);

describe("renderFunnelSvg layout", () => {
  it("keeps every text box off the bars and off every other text, at widths 320–1200 with hostile labels", () => {
    for (const width of widths) {
      for (const split of [false, true]) {
        const svg = renderFunnelSvg(summary, {
          width,
          splitByOrigin: split,
          title: HOSTILE[width % HOSTILE.length] ?? "",
          labels: {
            contact: HOSTILE[0] ?? "",
            lead: HOSTILE[(width + 1) % HOSTILE.length] ?? "",
            prospect: HOSTILE[(width + 2) % HOSTILE.length] ?? "",
            potential_client: HOSTILE[(width + 3) % HOSTILE.length] ?? "",
            customer: "",
          },
        });
        expect(layoutProblems(svg), `width ${width}, split ${split}`).toEqual([]);
        expect(readChart(svg).width).toBe(width);
      }
    }
  });

  it("shortens a long label with an ellipsis and keeps the full text in a <title>", () => {
    const long = HOSTILE[0] ?? "";
    const svg = renderFunnelSvg(summary, { width: 320, labels: { potential_client: long } });
    const label = readChart(svg).boxes.find((b) => b.title === long);
    expect(label?.text).toMatch(/^Potential client with .*…$/);
    expect(label?.text?.length).toBeLessThan(long.length);
    expect(renderFunnelSvg(summary, { width: 1200 })).toContain(">Potential client</text>");
  });

  it("wraps a long title onto two lines and shortens the rest, keeping it whole in the document's <title>", () => {
    const title = "Sales funnel for every region, every product line and every team, second quarter of 2026";
    const svg = renderFunnelSvg(summary, { width: 320, title });
    const lines = readChart(svg).boxes.filter((b) => b.kind === "text" && b.y0 < 60);
    expect(lines.map((l) => l.text)).toEqual(["Sales funnel for every", "region, every product line…"]);
    expect(svg).toContain(`<title>${title}</title>`);
    expect(renderFunnelSvg(summary, { width: 1200, title })).toContain(`>${title}</text>`);
  });

  it("escapes markup and drops what XML cannot hold", () => {
    const svg = renderFunnelSvg(summary, { title: HOSTILE[4] ?? "", labels: { lead: HOSTILE[6] ?? "" } });
    expect(svg).not.toContain("<script>");
    expect(svg).toContain(
      "&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; &#34;quotes&#34; &#39;too&#39;",
    );
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the characters XML forbids.
    expect(svg).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    expect(renderFunnelSvg(summary, { labels: { lead: HOSTILE[7] ?? "" } })).toContain(
      "lone \ufffd surrogate",
    );
  });
});

describe("renderFunnelSvg active/passive split", () => {
  it("draws unknown origin with a legend entry, so the counts add up (8,000 = 0 + 842 + 7,158)", () => {
    const svg = renderFunnelSvg(summary, { splitByOrigin: true, width: 1200 });
    const texts = readChart(svg).boxes.flatMap((b) => (b.text === undefined ? [] : [b.text]));
    expect(texts.slice(texts.indexOf("8,000"))).toEqual(
      expect.arrayContaining(["active 0", "passive 842", "unknown 7,158", "unknown origin"]),
    );
    expect(svg).toContain("<title>Contact, unknown origin: 7,158</title>");
    // Each stage's bar parts, read back from their titles, add up to the stage's count.
    const bars = readChart(svg).boxes.filter((b) => b.kind === "bar");
    const rows = [...new Set(bars.map((b) => b.y0))].map((y) =>
      bars
        .filter((b) => b.y0 === y)
        .reduce((sum, b) => sum + Number((b.title ?? "").split(": ")[1]?.replaceAll(",", "")), 0),
    );
    expect(rows).toEqual(summary.total.stages.map((s) => s.reached));
  });

  it("sizes each part of a bar by its share of the stage", () => {
    const svg = renderFunnelSvg(summary, { splitByOrigin: true, width: 1000 });
    const contact = readChart(svg).boxes.filter((b) => b.kind === "bar" && b.title?.startsWith("Contact,"));
    const total = contact.reduce((a, b) => a + (b.x1 - b.x0), 0);
    const unknown = contact.find((b) => b.fill === CHART_COLORS.unknown);
    expect(((unknown?.x1 ?? 0) - (unknown?.x0 ?? 0)) / total).toBeCloseTo(7_158 / 8_000, 2);
  });

  it("leaves the unknown entry out when every origin is known", () => {
    const known = computeFunnel(
      [funnelLead({ generatedBy: "u-ana" }), funnelLead({ path: pathTo("customer") })],
      { originOf },
    );
    const svg = renderFunnelSvg(known, { splitByOrigin: true });
    expect(svg).toContain(">passive 1</text>");
    expect(svg).not.toContain("unknown");
  });

  it("says why it cannot split: no origin dimension, or a segment", () => {
    const noOrigin = computeFunnel([funnelLead()], { dimensions: ["source"] });
    expect(() => renderFunnelSvg(noOrigin, { splitByOrigin: true })).toThrow(/needs the "origin" dimension/);
    try {
      renderFunnelSvg(summary, { splitByOrigin: true, segment: { dimension: "origin", key: "passive" } });
      expect.unreachable();
    } catch (e) {
      expect(isLeadKitError(e) && e.code).toBe("invalid_input");
    }
    expect(() => renderFunnelSvg(summary, { width: Number.NaN })).toThrow(/width is NaN/);
  });
});

describe("chart colours", () => {
  it("give every text at least 4.5:1 on the background (WCAG AA) and every bar at least 3:1", () => {
    const charts = [
      renderFunnelSvg(summary, { splitByOrigin: true }),
      renderFunnelSvg(summary),
      renderSegmentSvg(summary, { dimension: "source", splitByOrigin: true }),
      renderSegmentSvg(summary, { dimension: "source", metric: "conversion", limit: 3 }),
    ].map(readChart);
    const seen = new Set<string>();
    for (const chart of charts) {
      expect(chart.background).toBe("#ffffff");
      for (const box of chart.boxes) {
        seen.add(`${box.kind} ${box.fill}`);
        const ratio = contrast(box.fill, chart.background);
        expect(ratio, `${box.kind} ${box.fill}`).toBeGreaterThanOrEqual(box.kind === "text" ? 4.5 : 3);
      }
    }
    // Every colour of the palette was drawn and checked.
    for (const colour of Object.values(CHART_COLORS).filter((c) => c !== CHART_COLORS.background)) {
      expect(
        [...seen].some((s) => s.endsWith(colour)),
        colour,
      ).toBe(true);
    }
  });

  it("computes contrast as WCAG does", () => {
    expect(contrast("#ffffff", "#000000")).toBeCloseTo(21, 5);
    expect(contrast("#ffffff", "#dd8a2c")).toBeCloseTo(2.7, 1); // the old passive orange, from the issue
  });
});

describe("renderSegmentSvg", () => {
  const sources = Array.from({ length: 30 }, (_, i) => `source ${String(i + 1).padStart(2, "0")}`);
  const many = computeFunnel(
    sources.flatMap((source, i) =>
      Array.from({ length: 31 - i }, (_, j) =>
        funnelLead({
          source,
          owner: j % 5 === 0 ? null : "u-ana",
          path: pathTo(j % 4 === 0 ? "customer" : "lead"),
        }),
      ),
    ),
    { originOf, dimensions: ["source", "origin", "period"] },
  );

  it("draws 30 sources as 30 labelled bars, longest first, at every width 320–1200", () => {
    for (const width of widths) {
      const svg = renderSegmentSvg(many, { dimension: "source", splitByOrigin: width % 40 === 0, width });
      expect(layoutProblems(svg), `width ${width}`).toEqual([]);
      const labels = readChart(svg).boxes.filter((b) => b.kind === "text" && b.text?.startsWith("source"));
      expect(labels.map((l) => l.text)).toEqual(sources);
    }
    const svg = renderSegmentSvg(many, { dimension: "source" });
    expect(svg).toContain("<title>source 01: 31</title>");
    expect(svg).toContain(">Leads by source</text>");
  });

  it("sorts by the metric, scales bars to the largest value and writes — for a segment with no rate", () => {
    const rates = computeFunnel(
      [
        funnelLead({ source: "a", path: pathTo("customer") }),
        funnelLead({ source: "a", path: pathTo("lead") }),
        funnelLead({ source: "b", path: pathTo("customer") }),
        funnelLead({ source: "c" }),
      ],
      { dimensions: ["source"] },
    );
    const chart = readChart(
      renderSegmentSvg(rates, { dimension: "source", metric: "conversion", width: 600 }),
    );
    const texts = chart.boxes.filter((b) => b.kind === "text").map((b) => b.text);
    expect(texts).toEqual(["Lead → customer conversion by source", "b", "100 %", "a", "50 %", "c", "—"]);
    const [b, a] = chart.boxes.filter((x) => x.kind === "bar");
    expect(((a?.x1 ?? 0) - (a?.x0 ?? 0)) / ((b?.x1 ?? 0) - (b?.x0 ?? 1))).toBeCloseTo(0.5, 2);
    expect(renderSegmentSvg(rates, { dimension: "source", metric: "won" })).toContain(
      ">Customers by source</text>",
    );
  });

  it("keeps periods in time order and says how many segments a limit left out", () => {
    const svg = renderSegmentSvg(many, { dimension: "source", limit: 10, title: "Top 10" });
    expect(readChart(svg).boxes.filter((b) => b.kind === "bar")).toHaveLength(10);
    expect(svg).toContain(">20 more segments not shown</text>");
    const periods = renderSegmentSvg(many, { dimension: "period", metric: "won" });
    expect(periods).toContain(">2026-Q1</text>");
  });

  it("escapes, shortens and clips hostile segment keys, and draws no segments without failing", () => {
    for (const width of [320, 777, 1200]) {
      const svg = renderSegmentSvg(summary, { dimension: "source", splitByOrigin: true, width });
      expect(layoutProblems(svg), `width ${width}`).toEqual([]);
      expect(svg).not.toContain("<script>");
    }
    const empty = renderSegmentSvg(computeFunnel([], { dimensions: ["owner"] }), { dimension: "owner" });
    expect(empty).toContain(">No segments</text>");
    expect(layoutProblems(empty)).toEqual([]);
  });

  it("names what is wrong with its options", () => {
    expect(() => renderSegmentSvg(many, { dimension: "owner" })).toThrow(/no "owner" segments/);
    expect(() => renderSegmentSvg(many, { dimension: "source", metric: "won", splitByOrigin: true })).toThrow(
      /splitByOrigin splits leads; the metric is "won"/,
    );
    expect(() => renderSegmentSvg(many, { dimension: "source", limit: 0 })).toThrow(/limit is 0/);
    expect(() => renderSegmentSvg(many, { dimension: "source", width: Number.POSITIVE_INFINITY })).toThrow(
      /width is Infinity/,
    );
  });
});

describe("text measurement", () => {
  const fontDir = "/usr/share/fonts/truetype/dejavu";
  it.skipIf(!existsSync(`${fontDir}/DejaVuSans.ttf`))(
    "uses the advance widths of the DejaVu Sans files themselves (regular and bold)",
    () => {
      const ascii = Array.from({ length: 95 }, (_, i) => 32 + i);
      expect(advanceWidths(`${fontDir}/DejaVuSans.ttf`, ascii)).toEqual(DEJAVU_SANS_ASCII_WIDTHS);
      expect(advanceWidths(`${fontDir}/DejaVuSans-Bold.ttf`, ascii)).toEqual(DEJAVU_SANS_BOLD_ASCII_WIDTHS);
    },
  );

  it("measures accented letters as their base letter, and emoji and CJK as wide", () => {
    expect(measureText("Ação", 10)).toBeCloseTo(measureText("Acao", 10), 10);
    expect(measureText("🎉", 10)).toBe(13);
    expect(measureText("👩‍👩‍👧‍👦", 10)).toBe(13);
    expect(measureText("漢", 10)).toBe(10);
    expect(measureText("Wi", 20, true)).toBeCloseTo((20 * (2259 + 702)) / 2048, 10);
  });

  it("shortens at grapheme boundaries and never cuts an emoji sequence", () => {
    const fit = fitText("ab👩‍👩‍👧‍👦cd", measureText("ab👩‍👩‍👧‍👦…", 12), 12);
    expect(fit).toEqual({ text: "ab👩‍👩‍👧‍👦…", shortened: true });
    expect(fitText("abc", 2, 12)).toEqual({ text: "", shortened: true });
    expect(fitText("abc", 100, 12)).toEqual({ text: "abc", shortened: false });
  });

  it("wraps at spaces, cuts a word longer than a line, and stops at the last line", () => {
    expect(wrapText("one two three", measureText("one two", 10), 10, false, 3)).toEqual({
      lines: ["one two", "three"],
      shortened: false,
    });
    expect(wrapText("x".repeat(30), measureText("x".repeat(10), 10), 10, false, 2).lines).toEqual([
      "x".repeat(10),
      `${"x".repeat(8)}…`, // "…" is 1 em in DejaVu Sans, an "x" 0.59 em
    ]);
    expect(wrapText("", 100, 10, false, 2)).toEqual({ lines: [], shortened: false });
  });

  describe("work grows with the text drawn, not with the text given", () => {
    // V8's Intl.Segmenter slows down per grapheme as its input grows (quadratic over a whole text):
    // a label must never reach it whole. Counting what it is given states that without timing.
    const given: number[] = [];
    const segment = Intl.Segmenter.prototype.segment;
    const watch = () =>
      vi.spyOn(Intl.Segmenter.prototype, "segment").mockImplementation(function (this: Intl.Segmenter, text) {
        given.push(text.length);
        return segment.call(this, text);
      });
    afterEach(() => {
      vi.restoreAllMocks();
      given.length = 0;
    });
    const huge = "W".repeat(200_000);

    it("segments a 200,000-character label or key a short window at a time, reading only what fits", () => {
      watch();
      const funnel = renderFunnelSvg(summary, { labels: { contact: huge, funnelTitle: huge }, width: 1200 });
      const keys = computeFunnel([funnelLead({ source: huge })], { dimensions: ["source"] });
      const segments = renderSegmentSvg(keys, { dimension: "source", width: 1200 });
      expect(Math.max(...given)).toBeLessThanOrEqual(SEGMENT_WINDOW);
      // A 1,200-pixel chart holds a few hundred graphemes per text; 200,000 are never read.
      expect(given.reduce((a, b) => a + b, 0)).toBeLessThan(20_000);
      for (const svg of [funnel, segments]) {
        expect(svg).toContain(`<title>${huge}`);
        expect(svg).toMatch(/>W+…</);
      }
    });

    it("measures a long text exactly, whatever the windows cut through", () => {
      const text = "ab👩‍👩‍👧‍👦cd e\u0301".repeat(300) + "\u0301".repeat(1_000) + "漢🇪🇸".repeat(200);
      const graphemes = [...new Intl.Segmenter("en", { granularity: "grapheme" }).segment(text)];
      const oneByOne = graphemes.reduce((sum, g) => sum + measureText(g.segment, 10), 0);
      expect(oneByOne).toBeCloseTo(
        300 * measureText("ab👩‍👩‍👧‍👦cd e\u0301", 10) + 200 * measureText("漢🇪🇸", 10),
        6,
      );
      watch();
      expect(measureText(text, 10)).toBeCloseTo(oneByOne, 6);
      // The 1,000 marks join one grapheme: its window grows to hold it, and no further.
      expect(Math.max(...given)).toBeLessThanOrEqual(8 * SEGMENT_WINDOW);
      expect(measureText(huge, 10, false, 100)).toBeLessThan(110);
    });
  });
});
