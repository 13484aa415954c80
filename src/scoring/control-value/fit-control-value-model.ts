import { err, type Issue, issue, ok, type Result } from "../../internal/index.js";
import type { PointsModel, PointsRule } from "../points/points-model.js";
import type { ControlValueStats } from "./collect-control-value-stats.js";
import {
  type ControlValueSignal,
  controlValueSignalRule,
  describeControlValueSignal,
} from "./control-value-signals.js";

/**
 * The history below which a control-value fit is not trusted, after Salesforce Einstein Lead
 * Scoring, which asks for at least 1,000 leads and 120 conversions before it trusts its own model;
 * and the minimum support per signal: with 30 leads a rate near 30 % still has a standard error of
 * about 8 points, so fewer leads than that say more about chance than about the signal.
 *
 * @example
 * ```ts
 * import { CONTROL_VALUE_MIN_HISTORY } from "leadkit/scoring";
 *
 * CONTROL_VALUE_MIN_HISTORY.leads; // 1000
 * ```
 * @category Scoring
 */
export const CONTROL_VALUE_MIN_HISTORY = { leads: 1000, conversions: 120, supportPerSignal: 30 } as const;

/**
 * Options for {@link fitControlValueModel}.
 *
 * @example
 * ```ts
 * import { collectControlValueStats, type FitControlValueOptions, fitControlValueModel } from "leadkit/scoring";
 *
 * // Points for the excess over the average, negative points below it, rescaled to 0–100: ranks better.
 * const options: FitControlValueOptions = { id: "q1", aboveControl: "excess", belowControl: "negative", scale: "fit_range" };
 * const fit = fitControlValueModel(collectControlValueStats(leads, { fields: [{ field: "source" }], interactions: {} }), options);
 * if (fit.ok && !fit.value.trusted) console.log(fit.value.warnings.map((w) => w.message));
 * ```
 * @category Scoring
 */
export interface FitControlValueOptions {
  /** The fitted model's id; default `"control_value"`. */
  readonly id?: string;
  /** The fitted model's name. */
  readonly name?: string;
  /** Leads a signal needs to be used; default 30 ({@link CONTROL_VALUE_MIN_HISTORY}). */
  readonly minSupport?: number;
  /** Closed leads the history needs to be trusted; default 1,000. */
  readonly minLeads?: number;
  /** Conversions the history needs to be trusted; default 120. */
  readonly minConversions?: number;
  /**
   * Signals whose rate is below the control value: `"ignore"` them (docs/scoring.md, the default), or award
   * `"negative"` points in proportion: (rate − control) in percentage points.
   */
  readonly belowControl?: "ignore" | "negative";
  /**
   * Points for signals above the control value: their `"rate"` in percent (docs/scoring.md, the default:
   * 36 % vs 30 % → 36 points), or their `"excess"` over the control in percentage points (→ 6 points).
   * `"excess"` with `belowControl: "negative"` makes points symmetric around the control value, which
   * ranks best when many signals add up (see `examples/validate-control-value`).
   */
  readonly aboveControl?: "rate" | "excess";
  /**
   * `"none"` (default) awards each signal its rate in percent, as docs/scoring.md says, and totals are kept
   * within 0–100 by clamping. `"fit_range"` rescales all points (and adds a base rule) so the lowest
   * and highest reachable totals map to 0 and 100: ranking is kept and nothing is clamped away.
   */
  readonly scale?: "none" | "fit_range";
  /** Return an untrusted model (flagged `trusted: false`, with warnings) instead of failing. */
  readonly allowUntrusted?: boolean;
  /** Group of attribute, tag and flag signals; default `"fit"`. */
  readonly attributeGroup?: string;
  /** Group of interaction signals; default `"engagement"`. */
  readonly interactionGroup?: string;
}

/**
 * What the fit concluded about one signal.
 *
 * @example
 * ```ts
 * import type { ControlValueSignalReport } from "leadkit/scoring";
 *
 * const used = (s: ControlValueSignalReport) => s.points !== null;
 * ```
 * @category Scoring
 */
export interface ControlValueSignalReport {
  /** The signal's key (also its rule's id when used). */
  readonly key: string;
  /** The signal. */
  readonly signal: ControlValueSignal;
  /** Closed leads with the signal. */
  readonly leads: number;
  /** Of those, conversions. */
  readonly conversions: number;
  /** conversions ÷ leads. */
  readonly rate: number;
  /** rate ÷ control value. */
  readonly lift: number;
  /** Where the rate stands against the control value, or too little support to say. */
  readonly status: "above_control" | "below_control" | "at_control" | "insufficient_support";
  /** Points its rule awards, or `null` when the signal earns no rule. */
  readonly points: number | null;
}

/**
 * A fitted control-value model with everything the fit saw.
 *
 * @example
 * ```ts
 * import { type ControlValueFit, fitControlValueModel } from "leadkit/scoring";
 *
 * declare const stats: import("leadkit/scoring").ControlValueStats;
 * const fitted = fitControlValueModel(stats);
 * if (fitted.ok) {
 *   const fit: ControlValueFit = fitted.value;
 *   console.log(fit.controlRate, fit.model.rules.length);
 * }
 * ```
 * @category Scoring
 */
export interface ControlValueFit {
  /** The fitted points model: ordinary data, each rule with its provenance. */
  readonly model: PointsModel;
  /** Whether the history met the minimum (see {@link CONTROL_VALUE_MIN_HISTORY}). */
  readonly trusted: boolean;
  /** Why it is not trusted, when it is not. */
  readonly warnings: readonly Issue[];
  /** Closed leads in the history. */
  readonly leads: number;
  /** Conversions in the history. */
  readonly conversions: number;
  /** The control value: conversions ÷ leads. */
  readonly controlRate: number;
  /** Every signal, strongest lift first. */
  readonly signals: readonly ControlValueSignalReport[];
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const pct = (x: number) => `${round2(x * 100)} %`;

function familyOf(signal: ControlValueSignal): string | null {
  return signal.kind === "field" || signal.kind === "field_range" ? signal.field : null;
}

/**
 * Fits a points model with the control-value method (docs/scoring.md). The control value is conversions ÷
 * closed leads; each signal's rate is its conversions ÷ its leads; a signal above the control earns
 * its rate in percent as points (36 % vs a 30 % control → 36 points); below the control it earns
 * nothing, or with `belowControl: "negative"`, (rate − control) in percentage points. Signals with
 * fewer than `minSupport` leads are left out. The result is an ordinary, JSON-serialisable points
 * model whose rules record their provenance.
 *
 * @param stats - Statistics from {@link collectControlValueStats} (possibly merged).
 * @param options - Thresholds, scaling and groups.
 * @returns The {@link ControlValueFit}, or issues: `insufficient_history` when the history is below
 *   `minLeads`/`minConversions` (unless `allowUntrusted`), `no_contrast` when every lead or none
 *   converted.
 * @example
 * ```ts
 * import { compilePointsModel, fitControlValueModel, scoreLead } from "leadkit/scoring";
 *
 * declare const stats: import("leadkit/scoring").ControlValueStats;
 * const fit = fitControlValueModel(stats, { belowControl: "negative" });
 * if (fit.ok) console.log(scoreLead(compilePointsModel(fit.value.model), lead, now).value);
 * ```
 * @category Scoring
 */
export function fitControlValueModel(
  stats: ControlValueStats,
  options: FitControlValueOptions = {},
): Result<ControlValueFit> {
  const minSupport = options.minSupport ?? CONTROL_VALUE_MIN_HISTORY.supportPerSignal;
  const minLeads = options.minLeads ?? CONTROL_VALUE_MIN_HISTORY.leads;
  const minConversions = options.minConversions ?? CONTROL_VALUE_MIN_HISTORY.conversions;
  const attributeGroup = options.attributeGroup ?? "fit";
  const interactionGroup = options.interactionGroup ?? "engagement";

  if (stats.conversions === 0 || stats.conversions === stats.leads)
    return err([
      issue(
        "no_contrast",
        ["conversions"],
        `${stats.conversions} of ${stats.leads} closed leads converted; the control-value method needs both converted and unconverted leads`,
      ),
    ]);
  const warnings: Issue[] = [];
  if (stats.leads < minLeads)
    warnings.push(
      issue(
        "insufficient_history",
        ["leads"],
        `${stats.leads} closed leads; at least ${minLeads} are needed to trust the fit (Salesforce Einstein asks for 1,000)`,
      ),
    );
  if (stats.conversions < minConversions)
    warnings.push(
      issue(
        "insufficient_history",
        ["conversions"],
        `${stats.conversions} conversions; at least ${minConversions} are needed to trust the fit (Salesforce Einstein asks for 120)`,
      ),
    );
  if (warnings.length > 0 && options.allowUntrusted !== true) return err(warnings);

  const control = stats.conversions / stats.leads;
  const reports: ControlValueSignalReport[] = [];
  const used: {
    key: string;
    signal: ControlValueSignal;
    points: number;
    report: ControlValueSignalReport;
  }[] = [];
  for (const [key, s] of Object.entries(stats.signals)) {
    const rate = s.leads === 0 ? 0 : s.conversions / s.leads;
    const base = {
      key,
      signal: s.signal,
      leads: s.leads,
      conversions: s.conversions,
      rate,
      lift: rate / control,
    };
    let points: number | null = null;
    let status: ControlValueSignalReport["status"];
    if (s.leads < minSupport) status = "insufficient_support";
    else if (rate > control) {
      status = "above_control";
      points = round2((options.aboveControl === "excess" ? rate - control : rate) * 100);
    } else if (rate < control) {
      status = "below_control";
      if (options.belowControl === "negative") points = round2((rate - control) * 100);
    } else status = "at_control";
    const report = { ...base, status, points };
    reports.push(report);
    if (points !== null && points !== 0) used.push({ key, signal: s.signal, points, report });
  }

  let factor = 1;
  let offset = 0;
  if (options.scale === "fit_range") {
    const families = new Map<string, { max: number; min: number }>();
    let max = 0;
    let min = 0;
    for (const u of used) {
      const family = familyOf(u.signal);
      if (family === null) {
        max += Math.max(0, u.points);
        min += Math.min(0, u.points);
      } else {
        const f = families.get(family) ?? { max: 0, min: 0 };
        families.set(family, { max: Math.max(f.max, u.points), min: Math.min(f.min, u.points) });
      }
    }
    for (const f of families.values()) {
      max += f.max;
      min += f.min;
    }
    if (max - min > 0) {
      factor = 100 / (max - min);
      offset = round2(-min * factor);
    }
  }

  const scaled = used.map((u) => ({ ...u, points: round2(u.points * factor) }));
  const pointsByKey = new Map(scaled.map((u) => [u.key, u.points]));
  const finalReports = reports
    .map((r) => ({ ...r, points: pointsByKey.get(r.key) ?? null }))
    .sort((a, b) => b.lift - a.lift || (a.key < b.key ? -1 : 1));

  const rules: PointsRule[] = scaled.map((u) => ({
    id: u.key,
    description: `${describeControlValueSignal(u.signal)}: ${pct(u.report.rate)} converted vs control ${pct(control)}`,
    group: u.signal.kind === "interaction" ? interactionGroup : attributeGroup,
    points: u.points,
    ...controlValueSignalRule(u.signal),
    provenance: {
      method: "control_value",
      signal: u.key,
      support: u.report.leads,
      conversions: u.report.conversions,
      rate: u.report.rate,
      controlRate: control,
      lift: u.report.lift,
    },
  }));
  if (offset > 0)
    rules.unshift({
      id: "control-value-base",
      description: "Base points that keep the rescaled total within 0–100",
      group: attributeGroup,
      points: offset,
    });
  const groups = [...new Set([attributeGroup, interactionGroup])].map((id) => ({ id }));
  const model: PointsModel = {
    id: options.id ?? "control_value",
    ...(options.name === undefined ? {} : { name: options.name }),
    description: `Control-value model (seed 004): control value ${pct(control)} over ${stats.leads} closed leads`,
    groups,
    rules,
    provenance: {
      method: "control_value",
      leads: stats.leads,
      conversions: stats.conversions,
      controlRate: control,
      trusted: warnings.length === 0,
    },
  };
  return ok({
    model,
    trusted: warnings.length === 0,
    warnings,
    leads: stats.leads,
    conversions: stats.conversions,
    controlRate: control,
    signals: finalReports,
  });
}
