import { LeadKitError, quoteValue } from "../internal/index.js";
import { FUNNEL_DIMENSIONS, FUNNEL_NO_VALUE, type FunnelDimension } from "./funnel-aggregate.js";
import {
  type DurationSummary,
  type FunnelRate,
  type FunnelSegmentSummary,
  type FunnelSummary,
  ratio,
} from "./summarize-funnel.js";

const NO_DURATIONS: DurationSummary = { count: 0, meanDays: null, medianDays: null, p90Days: null };

/**
 * Options for {@link summarizeTeam}.
 *
 * @example
 * ```ts
 * import { computeFunnel, type SummarizeTeamOptions, summarizeTeam } from "leadkit/metrics";
 *
 * // List Carla too, though she holds no lead yet; warn above 60 % passive leads.
 * const options: SummarizeTeamOptions = { users: ["u-ana", "u-bruno", "u-carla"], passiveShareThreshold: 0.6 };
 * summarizeTeam(computeFunnel(leads, { dimensions: ["owner", "generatedBy"] }), options).warnings;
 * ```
 * @category Metrics
 */
export interface SummarizeTeamOptions {
  /** Team members to list even with no leads (they count in the distribution). */
  readonly users?: readonly string[];
  /** Warn when a user's passive share is above this, in [0, 1] (default 0.5: more passive than active). */
  readonly passiveShareThreshold?: number;
  /** Only warn for users with at least this many leads of known origin (default 1). */
  readonly minLeadsForWarning?: number;
  /**
   * Break each member's leads down by this dimension into {@link TeamMemberSummary.breakdown}:
   * `"firstTouch"`, `"lastTouch"`, or `"touch"` for split credit (linear or position-based, as the
   * aggregate was computed), or any other. The summary needs the cross-segment
   * `["owner", breakdownBy]` (the `crossSegments` option of {@link computeFunnelAggregate}).
   */
  readonly breakdownBy?: FunnelDimension;
}

/**
 * One user's numbers: leads owned, how they arrived, leads they generated, and results.
 *
 * @example
 * ```ts
 * import { computeFunnel, summarizeTeam, type TeamMemberSummary } from "leadkit/metrics";
 *
 * const team = summarizeTeam(computeFunnel(leads, { dimensions: ["owner", "generatedBy"] }));
 * const line = (m: TeamMemberSummary) => `${m.user}: ${m.leads} leads, ${m.passive} passive, ${m.won} won`;
 * team.members.map(line);
 * ```
 * @category Metrics
 */
export interface TeamMemberSummary {
  /** The user id. */
  readonly user: string;
  /** Leads the user owns. */
  readonly leads: number;
  /** Owned leads of active origin. */
  readonly active: number;
  /** Owned leads of passive origin. */
  readonly passive: number;
  /** Passive / (active + passive) of owned leads. */
  readonly passiveShare: FunnelRate;
  /** Leads the user's own action captured (`generatedBy`), whoever owns them now. */
  readonly generated: number;
  /** Owned leads won. */
  readonly won: number;
  /** Won / owned leads that reached `lead`. */
  readonly leadToCustomerConversion: FunnelRate;
  /** The passive share is above the threshold (docs/metrics.md: 40 passive of 50 is too dependent). */
  readonly dependsOnPassive: boolean;
  /** Speed to lead on owned leads: capture to the user's first response (count, mean, p50, p90). */
  readonly timeToFirstResponse: DurationSummary;
  /**
   * With the `breakdownBy` option: the user's owned leads per segment of that dimension (per touch,
   * say), ordered as the summary's segments; empty for a user who owns none.
   */
  readonly breakdown?: readonly FunnelSegmentSummary[];
}

/**
 * How evenly leads are spread over the team's members.
 *
 * @remarks
 * The Gini coefficient is 0 when everyone owns the same number of leads and approaches 1 when
 * one member owns all; the coefficient of variation is the population standard deviation over
 * the mean. Both are `null` with no members or no leads.
 *
 * @example
 * ```ts
 * import { computeFunnel, summarizeTeam } from "leadkit/metrics";
 *
 * const team = summarizeTeam(computeFunnel(leads, { dimensions: ["owner", "generatedBy"] }));
 *
 * if ((team.distribution.gini ?? 0) > 0.3) console.log("uneven load");
 * ```
 * @category Metrics
 */
export interface TeamDistribution {
  /** Members counted. */
  readonly members: number;
  /** Mean leads per member. */
  readonly mean: number | null;
  /** Fewest leads of a member. */
  readonly min: number | null;
  /** Most leads of a member. */
  readonly max: number | null;
  /** Gini coefficient of leads per member, in [0, 1). */
  readonly gini: number | null;
  /** Standard deviation / mean of leads per member. */
  readonly coefficientOfVariation: number | null;
}

/**
 * A warning about one user, as data.
 *
 * @example
 * ```ts
 * import { computeFunnel, summarizeTeam } from "leadkit/metrics";
 *
 * const team = summarizeTeam(computeFunnel(leads, { dimensions: ["owner", "generatedBy"] }));
 *
 * for (const w of team.warnings) console.warn(w.message);
 * ```
 * @category Metrics
 */
export interface TeamWarning {
  /** What is wrong: the user depends on passive leads beyond the threshold. */
  readonly code: "passive_dependency";
  /** The user. */
  readonly user: string;
  /** Their passive share. */
  readonly passiveShare: number;
  /** The threshold it exceeds. */
  readonly threshold: number;
  /** A sentence for a manager. */
  readonly message: string;
}

/**
 * The team view: per user, the distribution of leads, and warnings.
 *
 * @example
 * ```ts
 * import { computeFunnel, summarizeTeam, type TeamSummary } from "leadkit/metrics";
 *
 * const team: TeamSummary = summarizeTeam(computeFunnel(leads, { dimensions: ["owner", "generatedBy"] }));
 * team.distribution.gini; // 0 when every seller holds as many leads
 * ```
 * @category Metrics
 */
export interface TeamSummary {
  /** One entry per user, most leads first. */
  readonly members: readonly TeamMemberSummary[];
  /** Leads with no owner (shared pool). */
  readonly unassigned: number;
  /** How evenly owned leads are spread. */
  readonly distribution: TeamDistribution;
  /** Users who depend on passive leads. */
  readonly warnings: readonly TeamWarning[];
  /** With the `breakdownBy` option: the leads with no owner (shared pool) per segment of that dimension. */
  readonly unassignedBreakdown?: readonly FunnelSegmentSummary[];
}

/**
 * Builds the team view from a summary segmented by `owner` (and `generatedBy` for leads generated),
 * optionally with each member's leads broken down by touch (or another dimension).
 *
 * @param summary - From {@link computeFunnel} or {@link summarizeFunnel}, with the `owner` dimension
 *   (and the cross-segment `["owner", breakdownBy]` for a breakdown).
 * @param options - Team members, passive-share threshold, breakdown.
 * @returns Leads per user, active/passive mix, leads generated, distribution and warnings.
 * @throws LeadKitError `invalid_definition` when the threshold is outside [0, 1] or `breakdownBy`
 *   is not a funnel dimension; `invalid_input` when the summary has no `owner` segments, or no
 *   `["owner", breakdownBy]` cross-segment (as `renderSegmentTable` for a missing dimension).
 * @example
 * ```ts
 * import { computeFunnel, summarizeTeam } from "leadkit/metrics";
 *
 * declare const originOf: (lead: import("leadkit").Lead) => "active" | "passive" | null;
 * const team = summarizeTeam(computeFunnel(leads, { originOf }), { passiveShareThreshold: 0.7 });
 * team.warnings; // [{ code: "passive_dependency", user: "u-bruno", passiveShare: 0.8, … }]
 *
 * // Per seller, customers by first touch:
 * const byTouch = computeFunnel(leads, { originOf, dimensions: ["owner"], crossSegments: [["owner", "firstTouch"]] });
 * for (const m of summarizeTeam(byTouch, { breakdownBy: "firstTouch" }).members)
 *   console.log(m.user, m.breakdown?.map((s) => `${s.key}: ${s.won}`).join(", "));
 * ```
 * @category Metrics
 */
export function summarizeTeam(summary: FunnelSummary, options: SummarizeTeamOptions = {}): TeamSummary {
  const threshold = options.passiveShareThreshold ?? 0.5;
  if (!(threshold >= 0 && threshold <= 1)) {
    throw new LeadKitError(
      "invalid_definition",
      `passiveShareThreshold is ${threshold}; expected a share in [0, 1]`,
    );
  }
  // An aggregate of no leads has no segments at all; that is not a missing dimension.
  const owners = summary.segments.owner ?? (summary.total.leads === 0 ? [] : undefined);
  if (owners === undefined) {
    throw new LeadKitError(
      "invalid_input",
      'The summary has no "owner" segments; compute it with the "owner" dimension',
    );
  }
  const breakdown = breakdownOf(summary, options.breakdownBy);
  const minLeads = options.minLeadsForWarning ?? 1;
  const generated = new Map((summary.segments.generatedBy ?? []).map((s) => [s.key, s.leads]));
  const users = new Set([...(options.users ?? []), ...owners.map((s) => s.key), ...generated.keys()]);
  users.delete(FUNNEL_NO_VALUE);
  const byOwner = new Map(owners.map((s) => [s.key, s]));
  const members = [...users].map((user): TeamMemberSummary => {
    const s = byOwner.get(user);
    const active = s?.active ?? 0;
    const passive = s?.passive ?? 0;
    const passiveShare = ratio(passive, active + passive);
    return {
      user,
      leads: s?.leads ?? 0,
      active,
      passive,
      passiveShare,
      generated: generated.get(user) ?? 0,
      won: s?.won ?? 0,
      leadToCustomerConversion: s?.leadToCustomerConversion ?? null,
      dependsOnPassive: passiveShare !== null && passiveShare > threshold && active + passive >= minLeads,
      timeToFirstResponse: s?.timeToFirstResponse ?? NO_DURATIONS,
      ...(breakdown === null ? {} : { breakdown: breakdown.get(user) ?? [] }),
    };
  });
  members.sort((a, b) => b.leads - a.leads || (a.user < b.user ? -1 : 1));
  const warnings = members
    .filter((m) => m.dependsOnPassive)
    .map(
      (m): TeamWarning => ({
        code: "passive_dependency",
        user: m.user,
        passiveShare: m.passiveShare ?? 0,
        threshold,
        message: `${m.user}: ${m.passive} of ${m.active + m.passive} leads are passive (${Math.round((m.passiveShare ?? 0) * 100)} % > ${Math.round(threshold * 100)} %): depends heavily on external sources and referrals`,
      }),
    );
  return {
    members,
    unassigned: byOwner.get(FUNNEL_NO_VALUE)?.leads ?? 0,
    distribution: distributionOf(members.map((m) => m.leads)),
    warnings,
    ...(breakdown === null ? {} : { unassignedBreakdown: breakdown.get(FUNNEL_NO_VALUE) ?? [] }),
  };
}

/** Each owner's segments of the `breakdownBy` dimension, or `null` when none was asked for. */
function breakdownOf(
  summary: FunnelSummary,
  by: FunnelDimension | undefined,
): ReadonlyMap<string, readonly FunnelSegmentSummary[]> | null {
  if (by === undefined) return null;
  if (!(FUNNEL_DIMENSIONS as readonly unknown[]).includes(by) || by === "owner") {
    throw new LeadKitError(
      "invalid_definition",
      `breakdownBy is ${quoteValue(by)}; expected a funnel dimension other than "owner", such as "touch", "firstTouch" or "lastTouch"`,
    );
  }
  // An aggregate of no leads has no cross-segments at all; that is not a missing pair.
  const groups = summary.crossSegments?.owner?.[by] ?? (summary.total.leads === 0 ? [] : undefined);
  if (groups === undefined) {
    throw new LeadKitError(
      "invalid_input",
      `The summary has no "owner" × "${by}" cross-segments; compute it with crossSegments: [["owner", "${by}"]]`,
    );
  }
  return new Map(groups.map((g) => [g.key, g.segments]));
}

function distributionOf(counts: readonly number[]): TeamDistribution {
  const n = counts.length;
  const total = counts.reduce((a, b) => a + b, 0);
  if (n === 0 || total === 0) {
    return {
      members: n,
      mean: n === 0 ? null : 0,
      min: n === 0 ? null : 0,
      max: n === 0 ? null : 0,
      gini: null,
      coefficientOfVariation: null,
    };
  }
  const mean = total / n;
  const sorted = [...counts].sort((a, b) => a - b);
  // Gini with sorted values: Σ (2i − n − 1) x_i / (n Σ x), i from 1.
  const weighted = sorted.reduce((acc, x, i) => acc + (2 * (i + 1) - n - 1) * x, 0);
  const variance = sorted.reduce((acc, x) => acc + (x - mean) ** 2, 0) / n;
  return {
    members: n,
    mean,
    min: sorted[0] ?? 0,
    max: sorted[n - 1] ?? 0,
    gini: weighted / (n * total),
    coefficientOfVariation: Math.sqrt(variance) / mean,
  };
}
