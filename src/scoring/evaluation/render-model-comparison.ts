import { describeValue, LeadKitError } from "../../internal/index.js";
import type { ModelComparison, ModelReport } from "./compare-models.js";

/**
 * How to render a {@link ModelComparison}: a plain-text table, an SVG calibration plot (predicted
 * against observed by probability group) or an SVG lift chart (conversion by score decile).
 *
 * @example
 * ```ts
 * import { writeFileSync } from "node:fs";
 * import { compareModels, type ModelComparisonFormat, renderModelComparison } from "leadkit/scoring";
 *
 * declare const rows: readonly { readonly score: number; readonly converted: boolean }[];
 * const comparison = compareModels(rows, [{ name: "points", score: (r) => r.score }]);
 * const format: ModelComparisonFormat = "calibration_svg";
 * if (comparison.ok) writeFileSync("calibration.svg", renderModelComparison(comparison.value, format));
 * ```
 * @category Scoring
 */
export type ModelComparisonFormat = "text" | "calibration_svg" | "lift_svg";

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
// Names are text from the caller: no control characters in a terminal, escaped in XML.
const plain = (s: string) =>
  Array.from(s, (ch) => {
    const code = ch.codePointAt(0) as number;
    return code < 0x20 || (code >= 0x7f && code <= 0x9f) ? "?" : ch;
  }).join("");
const xml = (s: string) =>
  plain(s).replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string,
  );
const COLORS = [
  "#1f77b4",
  "#d62728",
  "#2ca02c",
  "#9467bd",
  "#ff7f0e",
  "#8c564b",
  "#e377c2",
  "#17becf",
  "#7f7f7f",
  "#bcbd22",
];
const colorOf = (k: number) => COLORS[k % COLORS.length] as string;
const num = (x: number) => Number(x.toFixed(2)).toString();

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length))) ?? [];
  return rows
    .map((r) =>
      r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join("  "),
    )
    .join("\n");
}

function text(c: ModelComparison): string {
  const names = c.models.map((m) => plain(m.name));
  const ci = c.confidence === null ? "" : ` (${Math.round(c.confidence * 100)} % CI)`;
  const level = `${Math.round(c.calibrationConfidence * 1000) / 10} %`;
  const summary = table([
    [
      "model",
      `ROC AUC${ci}`,
      "Brier",
      "mean predicted",
      "largest decile gap",
      `deciles within ${level} CI`,
      "unscored",
    ],
    ...c.models.map((m, k) => [
      names[k] as string,
      m.rocAuc === null
        ? "—"
        : `${m.rocAuc.toFixed(4)}${m.rocAucInterval === null ? "" : ` (${m.rocAucInterval[0].toFixed(3)}–${m.rocAucInterval[1].toFixed(3)})`}`,
      m.brierScore === null ? "—" : m.brierScore.toFixed(4),
      m.meanPredicted === null ? "—" : pct(m.meanPredicted),
      m.largestCalibrationGap === null ? "—" : `${(100 * m.largestCalibrationGap).toFixed(1)} pts`,
      m.calibrationWithinInterval === null
        ? "—"
        : `${m.calibrationWithinInterval} / ${m.calibration?.length ?? 0}`,
      String(m.unscored),
    ]),
  ]);
  const groups = Math.max(0, ...c.models.map((m) => m.deciles.length));
  const lift = table([
    ["score decile", ...names],
    ...Array.from({ length: groups }, (_, g) => [
      String(g + 1),
      ...c.models.map((m) => {
        const d = m.deciles[g];
        return d === undefined ? "—" : `${pct(d.conversionRate)} ×${d.lift.toFixed(2)}`;
      }),
    ]),
  ]);
  const withP = c.models.filter((m) => m.calibration !== null);
  const calibrationGroups = Math.max(0, ...withP.map((m) => m.calibration?.length ?? 0));
  const calibration = table([
    ["probability decile", ...withP.map((m) => plain(m.name))],
    ...Array.from({ length: calibrationGroups }, (_, g) => [
      String(g + 1),
      ...withP.map((m) => {
        const x = m.calibration?.[g];
        return x === undefined
          ? "—"
          : `${pct(x.meanPredicted)} / ${pct(x.observedRate)} ${x.withinInterval ? "in" : "OUT"}`;
      }),
    ]),
  ]);
  return [
    `${c.count} records, ${c.conversions} converted (${pct(c.baseRate)})`,
    "",
    summary,
    "",
    "Conversion and lift by score decile (1 = best scored):",
    lift,
    ...(withP.length === 0
      ? []
      : [
          "",
          "Calibration by decile of predicted probability (predicted / observed, 1 = lowest):",
          `("in": the mean prediction lies within the ${level} Wilson interval of the observed rate, so the miss is within what the decile's size can tell; "OUT": it does not)`,
          calibration,
        ]),
  ].join("\n");
}

function frame(
  title: string,
  xLabel: string,
  yLabel: string,
  body: string[],
  legend: readonly ModelReport[],
): string {
  const legendItems = legend.map(
    (m, k) =>
      `<g transform="translate(470,${60 + 20 * k})"><rect width="14" height="4" y="-2" fill="${colorOf(k)}"/><text x="20" y="4" font-size="12">${xml(m.name)}</text></g>`,
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="680" height="460" viewBox="0 0 680 460" font-family="sans-serif">`,
    `<rect width="680" height="460" fill="white"/>`,
    `<text x="240" y="24" font-size="15" text-anchor="middle">${xml(title)}</text>`,
    `<text x="240" y="450" font-size="12" text-anchor="middle">${xml(xLabel)}</text>`,
    `<text x="14" y="230" font-size="12" text-anchor="middle" transform="rotate(-90 14 230)">${xml(yLabel)}</text>`,
    `<rect x="60" y="40" width="360" height="360" fill="none" stroke="#444"/>`,
    ...body,
    ...legendItems,
    "</svg>",
  ].join("\n");
}

/** Maps 0–1 to the plot square (x right, y up). */
const px = (x: number) => num(60 + 360 * x);
const py = (y: number) => num(400 - 360 * y);

function ticks(): string[] {
  return [0, 0.2, 0.4, 0.6, 0.8, 1].flatMap((t) => [
    `<line x1="${px(t)}" y1="400" x2="${px(t)}" y2="405" stroke="#444"/>`,
    `<text x="${px(t)}" y="418" font-size="11" text-anchor="middle">${Math.round(t * 100)} %</text>`,
    `<line x1="55" y1="${py(t)}" x2="60" y2="${py(t)}" stroke="#444"/>`,
    `<text x="52" y="${num(404 - 360 * t)}" font-size="11" text-anchor="end">${Math.round(t * 100)} %</text>`,
  ]);
}

function calibrationSvg(c: ModelComparison): string {
  const withP = c.models.filter((m) => m.calibration !== null);
  const body = [
    ...ticks(),
    `<line x1="${px(0)}" y1="${py(0)}" x2="${px(1)}" y2="${py(1)}" stroke="#999" stroke-dasharray="4 4"/>`,
    ...withP.flatMap((m, k) => {
      const points = (m.calibration ?? []).map((g) => `${px(g.meanPredicted)},${py(g.observedRate)}`);
      return [
        `<polyline points="${points.join(" ")}" fill="none" stroke="${colorOf(k)}" stroke-width="2"/>`,
        ...(m.calibration ?? []).flatMap((g) => [
          `<line x1="${px(g.meanPredicted)}" y1="${py(g.observedInterval[0])}" x2="${px(g.meanPredicted)}" y2="${py(g.observedInterval[1])}" stroke="${colorOf(k)}" stroke-opacity="0.5"/>`,
          `<circle cx="${px(g.meanPredicted)}" cy="${py(g.observedRate)}" r="3.5" fill="${g.withinInterval ? colorOf(k) : "white"}" stroke="${colorOf(k)}"/>`,
        ]),
      ];
    }),
  ];
  return frame(
    "Calibration: observed (with its interval) against predicted",
    "mean predicted probability",
    "observed conversion rate",
    body,
    withP,
  );
}

function liftSvg(c: ModelComparison): string {
  const groups = Math.max(1, ...c.models.map((m) => m.deciles.length));
  const gx = (g: number) => num(60 + (360 * (g - 0.5)) / groups);
  const body = [
    ...[0, 0.2, 0.4, 0.6, 0.8, 1].flatMap((t) => [
      `<line x1="55" y1="${py(t)}" x2="60" y2="${py(t)}" stroke="#444"/>`,
      `<text x="52" y="${num(404 - 360 * t)}" font-size="11" text-anchor="end">${Math.round(t * 100)} %</text>`,
    ]),
    ...Array.from(
      { length: groups },
      (_, g) => `<text x="${gx(g + 1)}" y="418" font-size="11" text-anchor="middle">${g + 1}</text>`,
    ),
    `<line x1="60" y1="${py(c.baseRate)}" x2="420" y2="${py(c.baseRate)}" stroke="#999" stroke-dasharray="4 4"/>`,
    `<text x="416" y="${num(400 - 360 * c.baseRate - 4)}" font-size="11" text-anchor="end" fill="#666">overall ${xml(pct(c.baseRate))}</text>`,
    ...c.models.flatMap((m, k) => [
      `<polyline points="${m.deciles.map((d) => `${gx(d.group)},${py(d.conversionRate)}`).join(" ")}" fill="none" stroke="${colorOf(k)}" stroke-width="2"/>`,
      ...m.deciles.map(
        (d) => `<circle cx="${gx(d.group)}" cy="${py(d.conversionRate)}" r="3.5" fill="${colorOf(k)}"/>`,
      ),
    ]),
  ];
  return frame(
    "Conversion by score decile (1 = best scored)",
    "score decile",
    "conversion rate",
    body,
    c.models,
  );
}

/**
 * Renders a model comparison for people: a text table (ROC AUC with its interval, Brier score, mean
 * prediction, largest calibration gap and how many deciles' mean predictions lie within the Wilson
 * interval of their observed rate, then conversion and lift by decile and the calibration table,
 * each decile marked "in" or "OUT" of its interval), an SVG calibration plot (each decile's interval
 * as a whisker, a hollow dot where the prediction falls outside it), or an SVG lift chart. Model
 * names are escaped.
 *
 * @param comparison - From {@link compareModels}.
 * @param format - `"text"`, `"calibration_svg"` or `"lift_svg"`.
 * @returns The text or the SVG document.
 * @throws LeadKitError `invalid_input` for any other format (a missing one included), naming the
 *   three accepted.
 * @example
 * ```ts
 * import { writeFileSync } from "node:fs";
 * import { renderModelComparison } from "leadkit/scoring";
 *
 * declare const comparison: import("leadkit/scoring").ModelComparison;
 * writeFileSync("calibration.svg", renderModelComparison(comparison, "calibration_svg"));
 * ```
 * @category Scoring
 */
export function renderModelComparison(comparison: ModelComparison, format: ModelComparisonFormat): string {
  if (format === "text") return text(comparison);
  if (format === "calibration_svg") return calibrationSvg(comparison);
  if (format === "lift_svg") return liftSvg(comparison);
  throw new LeadKitError(
    "invalid_input",
    `Format ${describeValue(format)} is not a model comparison format; expected "text", "calibration_svg" or "lift_svg"`,
  );
}
