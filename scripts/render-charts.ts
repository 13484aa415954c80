// Renders the charts shown in docs/metrics.md to PNG (`npm run charts`): the funnel at 320 and
// 1200 pixels and leads by source (30 sources), from generated leads, with resvg and the DejaVu Sans
// files the SVGs declare, so the pictures show what a reader's browser draws from the same SVG.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Resvg } from "@resvg/resvg-js";
import type { Lead } from "leadkit";
import { computeFunnel, renderFunnelSvg, renderSegmentSvg } from "leadkit/metrics";
import { compileOriginRules, DEFAULT_ORIGIN_RULES, originForUser } from "leadkit/origin";
import { generateLeads } from "leadkit/testing";

const FONT_DIR = process.env["LEADKIT_FONT_DIR"] ?? "/usr/share/fonts/truetype/dejavu";
const fonts = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"].map((file) => join(FONT_DIR, file));
const missing = fonts.filter((f) => !existsSync(f));
if (missing.length > 0) {
  console.error(
    `Missing ${missing.join(", ")}: install DejaVu Sans (Debian: apt-get install fonts-dejavu-core) or set LEADKIT_FONT_DIR.`,
  );
  process.exit(1);
}

/** Thirty sources, as a marketing team names them; one longer than any label column. */
const SOURCES = [
  "organic search",
  "paid search — brand",
  "paid search — generic",
  "LinkedIn ads",
  "newsletter",
  "webinar: pricing deep dive for procurement teams",
  "trade fair Madrid",
  "trade fair Berlin",
  "partner: Acme",
  "referral",
  "cold outbound",
  "demo request",
  "free trial",
  "G2 reviews",
  "Facebook ads",
  "Instagram",
  "YouTube",
  "blog",
  "docs site",
  "chat widget",
  "callback form",
  "podcast sponsorship",
  "partner: Globex",
  "reseller EMEA",
  "reseller LATAM",
  "Capterra",
  "press",
  "community forum",
  "warm outbound",
  "event: meetup",
];

/** A source for the i-th lead, the first sources far more common than the last (Zipf-like), fixed by `i`. */
function sourceFor(i: number): string {
  const weights = SOURCES.map((_, k) => 1 / (k + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  let r = (((i * 2_654_435_761) >>> 0) / 2 ** 32) * total;
  for (const [k, w] of weights.entries()) {
    r -= w;
    if (r < 0) return SOURCES[k] ?? "";
  }
  return SOURCES[0] ?? "";
}

const originRules = compileOriginRules(DEFAULT_ORIGIN_RULES);
const leads: Lead[] = generateLeads({ seed: 42, count: 6_000 }).map((lead, i) => ({
  ...lead,
  source: sourceFor(i),
}));
const summary = computeFunnel(leads, {
  originOf: (lead) => (lead.owner === null ? null : originForUser(originRules, lead, lead.owner).kind),
  dimensions: ["origin", "source"],
});

const out = join(dirname(fileURLToPath(import.meta.url)), "../docs/images");
mkdirSync(out, { recursive: true });
const charts: readonly (readonly [string, string])[] = [
  [
    "funnel-320.png",
    renderFunnelSvg(summary, {
      title: "Sales funnel — active, passive and unknown origin",
      splitByOrigin: true,
      width: 320,
    }),
  ],
  [
    "funnel-1200.png",
    renderFunnelSvg(summary, {
      title: "Sales funnel — active, passive and unknown origin",
      splitByOrigin: true,
      width: 1200,
    }),
  ],
  [
    "leads-by-source-640.png",
    renderSegmentSvg(summary, { dimension: "source", splitByOrigin: true, width: 640 }),
  ],
  [
    "conversion-by-source-320.png",
    renderSegmentSvg(summary, { dimension: "source", metric: "conversion", limit: 12, width: 320 }),
  ],
];
for (const [file, svg] of charts) {
  const png = new Resvg(svg, {
    font: { fontFiles: fonts, loadSystemFonts: false, defaultFontFamily: "DejaVu Sans" },
  })
    .render()
    .asPng();
  writeFileSync(join(out, file), png);
  console.log(`Wrote docs/images/${file} (${png.length.toLocaleString("en-US")} bytes)`);
}
