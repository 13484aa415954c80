import { isLeadKitError, type Lead } from "leadkit";
import {
  computeFunnel,
  RENDER_LABELS,
  type RenderLabels,
  renderFunnelSvg,
  renderFunnelTable,
  renderSegmentSvg,
  renderSegmentTable,
} from "leadkit/metrics";
import { describe, expect, it } from "vitest";
import { SPANISH_RENDER_LABELS } from "../../examples/messages-es.js";
import { funnelLead, pathTo } from "./fixtures.js";

/** The segment table of docs/metrics.md, as records: 100 leads per source, the stated share won, cost per lead by source. */
const SEED_003 = [
  ["organic", 8, 50],
  ["social networks", 5, 80],
  ["email campaign", 12, 30],
  ["online advertising", 10, 100],
] as const;
const seedLeads: Lead[] = SEED_003.flatMap(([source, won]) =>
  Array.from({ length: 100 }, (_, i) => funnelLead({ source, path: pathTo(i < won ? "customer" : "lead") })),
);
const costs = Object.fromEntries(SEED_003.map(([source, , cost]) => [source, cost]));

describe("renderSegmentTable", () => {
  it("reproduces the guide's table (source, conversion rate, cost per lead) from records", () => {
    const summary = computeFunnel(seedLeads, { costs, dimensions: ["source"] });
    expect(renderSegmentTable(summary, { dimension: "source", columns: ["conversion", "costPerLead"] })).toBe(
      [
        "| source             | conversion rate | cost per lead |",
        "|--------------------|----------------:|--------------:|",
        "| email campaign     |            12 % |           €30 |",
        "| online advertising |            10 % |          €100 |",
        "| organic            |             8 % |           €50 |",
        "| social networks    |             5 % |           €80 |",
      ].join("\n"),
    );
  });

  it("renders aligned plain text with the default columns", () => {
    const summary = computeFunnel(seedLeads, { costs, dimensions: ["source"] });
    const text = renderSegmentTable(summary, { dimension: "source", format: "text" });
    expect(text.split("\n")[0]).toBe(
      "source              leads  conversion rate  cost per lead  cost per customer",
    );
    expect(text).toContain("organic               100              8 %            €50               €625");
  });

  it("renders every column kind, with — for unknown values", () => {
    const summary = computeFunnel([funnelLead({ owner: "u-ana" })], { dimensions: ["owner"] });
    const table = renderSegmentTable(summary, {
      dimension: "owner",
      columns: ["won", "winRate", "passiveShare", "medianDaysToClose", "weightedPipeline", "costPerCustomer"],
      currency: "USD",
    });
    expect(table.split("\n")[2]).toBe(
      "| u-ana |         0 |        — |             — |                    — |                $0 |                 — |",
    );
  });

  it("says which dimension is missing", () => {
    const summary = computeFunnel(seedLeads, { dimensions: ["owner"] });
    expect(() => renderSegmentTable(summary, { dimension: "source" })).toThrow(/no "source" segments/);
  });
});

describe("renderFunnelTable", () => {
  const summary = computeFunnel(seedLeads, { originOf: () => "passive" });

  it("lists stages with reached, conversion and drop-off", () => {
    expect(renderFunnelTable(summary)).toBe(
      [
        "| Stage            | Reached | From previous | From start | Drop-off |",
        "|------------------|--------:|--------------:|-----------:|---------:|",
        "| Contact          |     400 |             — |      100 % |        0 |",
        "| Lead             |     400 |         100 % |      100 % |        0 |",
        "| Prospect         |      35 |         8.8 % |      8.8 % |      365 |",
        "| Potential client |      35 |         100 % |      8.8 % |        0 |",
        "| Customer         |      35 |         100 % |      8.8 % |        0 |",
      ].join("\n"),
    );
  });

  it("renders one segment as text, and names a missing one", () => {
    const text = renderFunnelTable(summary, {
      format: "text",
      segment: { dimension: "source", key: "organic" },
    });
    expect(text.split("\n")[2]).toBe("Contact               100              —       100 %         0");
    expect(() => renderFunnelTable(summary, { segment: { dimension: "source", key: "tv" } })).toThrow(
      /no segment "tv" in dimension "source"/,
    );
  });
});

describe("renderFunnelSvg", () => {
  const leads = [
    ...Array.from({ length: 6 }, () => funnelLead({ generatedBy: "u-ana", path: pathTo("prospect") })),
    ...Array.from({ length: 4 }, () => funnelLead({ path: pathTo("customer") })),
  ];
  const originOf = (lead: Lead) => (lead.generatedBy === null ? ("passive" as const) : ("active" as const));
  const summary = computeFunnel(leads, { originOf });

  it("draws one bar per stage with its label, its count and the conversion from the previous stage", () => {
    const svg = renderFunnelSvg(summary, { title: "Q1 <pipeline> & more" });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
    expect(svg.match(/<rect class="bar" [^>]*fill="#3b6ea8"/g)).toHaveLength(5);
    expect(svg).toContain("Q1 &#60;pipeline&#62; &#38; more");
    expect(svg).toContain(">Potential client</text>");
    expect(svg).toContain(">40 % of previous</text>");
    expect(svg).toContain("<title>Customer: 4</title>");
    expect(svg).not.toMatch(/NaN|Infinity|undefined/);
  });

  it("splits bars into active and passive with a legend, the counts beside the bars", () => {
    const svg = renderFunnelSvg(summary, { splitByOrigin: true, labels: { customer: "Cliente" } });
    expect(svg).toContain(">10</text>");
    expect(svg).toContain(">active 6</text>");
    expect(svg).toContain(">passive 4</text>");
    expect(svg).toContain(">Cliente</text>");
    // A bar's tooltip names the stage with its label too.
    expect(svg).toContain("<title>Cliente, passive: 4</title>");
    expect(svg).toContain(">passive</text>");
    expect(svg).not.toContain("unknown");
  });

  it("never writes text on a bar: counts are dark text on white, at any width", () => {
    for (const width of [320, 480, 4000]) {
      const svg = renderFunnelSvg(summary, { splitByOrigin: true, width });
      expect(svg).not.toContain('fill="#ffffff">');
      expect(svg).not.toContain("fill-opacity");
    }
  });

  it("draws an empty funnel without dividing by zero", () => {
    const svg = renderFunnelSvg(computeFunnel([]), { splitByOrigin: true, width: 100 });
    expect(svg).toContain('width="320"');
    expect(svg).not.toMatch(/NaN|Infinity/);
  });
});

describe("renderSegmentTable — hostile segment keys", () => {
  const keys = [
    "a|b",
    "x\\|y",
    "*bold* _it_ `code`",
    "[link](http://x)",
    "<img src=x>",
    "&amp;",
    "two\nlines",
    "$1$",
  ];
  const summary = computeFunnel(
    keys.map((source) => funnelLead({ source })),
    { dimensions: ["source"] },
  );
  const table = renderSegmentTable(summary, { dimension: "source", columns: ["leads"] });
  const body = table.split("\n").slice(2);

  it("keeps one row per segment and two cells per row: a | in a key is escaped", () => {
    expect(body).toHaveLength(keys.length);
    for (const row of body) expect(row.split(/(?<!\\)\|/).length).toBe(4);
  });

  it("escapes every Markdown metacharacter, so each key reads back as written (line breaks as spaces)", () => {
    const cells = body.map((row) => (row.split(/(?<!\\)\|/)[1] ?? "").trim().replace(/\\(.)/g, "$1"));
    expect(cells.sort()).toEqual(keys.map((k) => k.replace("\n", " ")).sort());
    expect(table).toContain("a\\|b");
    expect(table).toContain("\\<img src=x\\>");
    expect(table).toContain("\\$1\\$");
  });
});

describe("labels: every word a renderer draws comes from the caller, English by default", () => {
  const summary = computeFunnel(seedLeads, {
    costs,
    originOf: (lead) => (lead.source === "organic" ? "passive" : "active"),
    dimensions: ["source", "origin"],
  });
  const charts = (labels?: RenderLabels) => [
    renderFunnelTable(summary, { format: "text", ...(labels === undefined ? {} : { labels }) }),
    renderSegmentTable(summary, {
      dimension: "source",
      columns: ["leads", "won", "conversion", "winRate", "passiveShare", "costPerLead", "costPerCustomer"],
      ...(labels === undefined ? {} : { labels }),
    }),
    renderSegmentTable(summary, {
      dimension: "origin",
      columns: ["medianDaysToClose", "firstResponseP50", "firstResponseP90", "weightedPipeline"],
      ...(labels === undefined ? {} : { labels }),
    }),
    renderFunnelSvg(summary, { splitByOrigin: true, ...(labels === undefined ? {} : { labels }) }),
    renderSegmentSvg(summary, {
      dimension: "source",
      splitByOrigin: true,
      limit: 2,
      ...(labels === undefined ? {} : { labels }),
    }),
    renderSegmentSvg(summary, {
      dimension: "source",
      metric: "conversion",
      ...(labels === undefined ? {} : { labels }),
    }),
    renderSegmentSvg(summary, {
      dimension: "source",
      metric: "won",
      ...(labels === undefined ? {} : { labels }),
    }),
    renderSegmentSvg(computeFunnel([], { dimensions: ["source"] }), {
      dimension: "source",
      ...(labels === undefined ? {} : { labels }),
    }),
  ];

  it("draws the English defaults unchanged when no labels are given", () => {
    expect(charts({})).toEqual(charts());
    const [table, , , funnel, bySource] = charts();
    expect(table?.split("\n")[0]).toMatch(/^Stage +Reached +From previous +From start +Drop-off$/);
    expect(funnel).toMatch(/>[\d.]+ % of previous<\/text>/);
    expect(bySource).toContain(">2 more segments not shown</text>");
  });

  it("draws no English word of its own with the Spanish labels: each default word is replaced", () => {
    const spanish = charts(SPANISH_RENDER_LABELS).join("\n");
    for (const [key, word] of Object.entries(RENDER_LABELS)) {
      // "active" and "passive" are also the origin dimension's segment keys: data, drawn as they are.
      if (
        word === SPANISH_RENDER_LABELS[key as keyof typeof RENDER_LABELS] ||
        key === "active" ||
        key === "passive"
      )
        continue;
      const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      expect([key, new RegExp(`\\b${escaped}\\b`).test(spanish)]).toEqual([key, false]);
    }
    expect(spanish).toContain(">Embudo de ventas</text>");
    expect(spanish).toContain("de la etapa anterior</text>");
    expect(spanish).toContain(">origen desconocido</text>");
    expect(spanish).toContain(">Clientes por fuente</text>");
    expect(spanish).toContain(">2 segmentos más sin mostrar</text>");
    expect(spanish).toContain(">Sin segmentos</text>");
    expect(spanish).toMatch(/\| fuente +\| leads \| clientes \| tasa de conversión \|/);
    expect(spanish).toMatch(/Etapa +Alcanzan +Desde la anterior +Desde el inicio +Abandonos/);
  });

  it("refuses a label it does not know, or one that is not a string, naming it", () => {
    for (const labels of [{ ofPrevius: "x" }, JSON.parse('{"__proto__": "x"}'), { lead: 5 }, "Contacto"]) {
      for (const render of [
        () => renderFunnelTable(summary, { labels }),
        () => renderSegmentTable(summary, { dimension: "source", labels }),
        () => renderFunnelSvg(summary, { labels }),
        () => renderSegmentSvg(summary, { dimension: "source", labels }),
      ]) {
        try {
          render();
          expect.unreachable();
        } catch (e) {
          expect(isLeadKitError(e) && e.code).toBe("invalid_input");
          expect(String(e)).toMatch(/options\.labels|Unknown label "(ofPrevius|__proto__)"/);
        }
      }
    }
  });
});

describe("renderers refuse malformed options with invalid_input, naming the option", () => {
  const summary = computeFunnel(seedLeads, {
    dimensions: ["source", "origin"],
    crossSegments: [["source", "origin"]],
  });
  /** The LeadKitError code and message a call throws (a TypeError or RangeError fails the test). */
  const refusal = (render: () => unknown): string => {
    try {
      render();
    } catch (error) {
      if (isLeadKitError(error) && error.code === "invalid_input") return error.message;
      throw error;
    }
    throw new Error("expected a refusal");
  };
  const hostile: unknown[] = [
    null,
    "source:organic",
    5,
    [],
    {},
    { dimension: "__proto__", key: "x" },
    { dimension: "constructor", key: "x" },
    { dimension: "source" },
    { dimension: "source", key: 5 },
    Object.create({ dimension: "source", key: "organic" }),
  ];

  it("refuses a segment or within that is not { dimension, key } with a known dimension", () => {
    for (const wanted of hostile) {
      const segment = wanted as { dimension: "source"; key: string };
      for (const message of [
        refusal(() => renderFunnelSvg(summary, { segment })),
        refusal(() => renderFunnelTable(summary, { segment })),
      ])
        expect(message).toMatch(/^options\.segment(\.dimension|\.key)? is .*; expected \{ dimension, key \}/);
      for (const message of [
        refusal(() => renderSegmentSvg(summary, { dimension: "origin", within: segment })),
        refusal(() => renderSegmentTable(summary, { dimension: "origin", within: segment })),
      ])
        expect(message).toMatch(/^options\.within(\.dimension|\.key)? is .*; expected \{ dimension, key \}/);
    }
    expect(refusal(() => renderSegmentTable(summary, { dimension: "__proto__" as "source" }))).toMatch(
      /Unknown funnel dimension "__proto__"/,
    );
    expect(refusal(() => renderFunnelTable(summary, { segment: { dimension: "owner", key: "x" } }))).toBe(
      'The summary has no segment "x" in dimension "owner"',
    );
  });

  it("refuses a locale that is not a BCP 47 tag in every renderer", () => {
    for (const locale of ["xx-invalid-!!", "__proto__", "", 5]) {
      const l = locale as string;
      for (const message of [
        refusal(() => renderFunnelSvg(summary, { locale: l })),
        refusal(() => renderFunnelTable(summary, { locale: l })),
        refusal(() => renderSegmentSvg(summary, { dimension: "source", locale: l })),
        refusal(() => renderSegmentTable(summary, { dimension: "source", locale: l })),
      ])
        expect(message).toMatch(/^options\.locale .* is not a valid BCP 47 tag; expected a language tag/);
    }
    expect(renderFunnelTable(summary, { locale: "es-ES", format: "text" })).toContain("400");
  });

  it("refuses a table format other than markdown or text", () => {
    for (const format of ["html", "__proto__", 5, null]) {
      const f = format as "text";
      expect(refusal(() => renderFunnelTable(summary, { format: f }))).toMatch(
        /^options\.format is .*; expected "markdown" or "text"$/,
      );
      expect(refusal(() => renderSegmentTable(summary, { dimension: "source", format: f }))).toMatch(
        /^options\.format is/,
      );
    }
  });

  it("draws a huge width at the 10,000-pixel maximum, with finite coordinates", () => {
    for (const width of [1e308, Number.MAX_SAFE_INTEGER, 10_001]) {
      for (const svg of [
        renderFunnelSvg(summary, { width, splitByOrigin: true }),
        renderSegmentSvg(summary, { dimension: "source", width }),
      ]) {
        expect(svg).toMatch(/^<svg [^>]*width="10000"/);
        expect(svg).not.toMatch(/Infinity|NaN/);
      }
    }
  });
});
