import * as z from "zod";
import { INPUT_LIMITS, safeParseWith, unwrapOrThrow } from "../../internal/index.js";
import { lastActivityAt } from "../../model/index.js";
import { datedRecordIssue, invalidInput, nowIssue } from "../transition/check-input.js";

const originFilter = z.enum(["active", "passive", "any"]);
const flagKind = z.enum(["review", "prioritise"]);

/**
 * Schema of a {@link StalenessPolicy}.
 *
 * @example
 * ```ts
 * import { DEFAULT_STALENESS_POLICY, stalenessPolicySchema } from "leadkit/lifecycle";
 *
 * stalenessPolicySchema.parse(DEFAULT_STALENESS_POLICY);
 * ```
 * @category Lifecycle
 */
export const stalenessPolicySchema = z
  .object({
    stages: z.array(z.string().min(1).max(INPUT_LIMITS.idLength)).min(1).max(INPUT_LIMITS.listItems),
    rules: z
      .array(
        z.discriminatedUnion("kind", [
          z.object({
            kind: z.literal("inactive"),
            origin: originFilter,
            days: z.number().int().min(1).max(36_500),
            flag: flagKind,
          }),
          z.object({
            kind: z.literal("engaged"),
            origin: originFilter,
            minInteractions: z.number().int().min(1),
            withinDays: z.number().int().min(1).max(36_500),
            flag: flagKind,
          }),
          z.object({
            kind: z.literal("rotting"),
            stage: z.string().min(1).max(INPUT_LIMITS.idLength),
            origin: originFilter.default("any"),
            days: z.number().int().min(1).max(36_500),
            flag: flagKind,
          }),
        ]),
      )
      .min(1)
      .max(INPUT_LIMITS.listItems),
  })
  .superRefine((policy, ctx) => {
    const watched = new Set(policy.stages);
    policy.rules.forEach((rule, i) => {
      if (rule.kind === "rotting" && !watched.has(rule.stage))
        ctx.addIssue({
          code: "custom",
          path: ["rules", i, "stage"],
          message: `Rule ${i} rots leads in stage ${JSON.stringify(rule.stage)}, which the policy does not watch: add it to stages`,
        });
    });
  });

/**
 * Which leads to flag, as data: the stages watched and rules by origin or by stage. An `inactive`
 * rule flags a lead with no activity for more than `days`; an `engaged` rule flags one with at least
 * `minInteractions` interactions in the last `withinDays`; a `rotting` rule flags a lead in its
 * `stage` with no activity for more than its `days` — a number of "rotting days" per stage (a
 * proposal rots sooner than a first contact). Activity is what `lastActivityAt` says: creation, a
 * stage change or an interaction. A rotting rule's stage must be one of `stages`; its `origin`
 * defaults to `"any"`.
 *
 * @example
 * ```ts
 * import { findStaleLeads, type StalenessPolicy } from "leadkit/lifecycle";
 *
 * const policy: StalenessPolicy = {
 *   stages: ["lead", "prospect"],
 *   rules: [
 *     { kind: "inactive", origin: "passive", days: 30, flag: "review" },
 *     { kind: "rotting", stage: "prospect", days: 10, origin: "any", flag: "review" },
 *   ],
 * };
 * const originOf = (l: import("leadkit").Lead) => (l.generatedBy === null ? "passive" : "active");
 * findStaleLeads(leads, policy, { now, originOf }).map((f) => `${f.lead.id}: ${f.flag}`);
 * ```
 * @category Lifecycle
 */
export type StalenessPolicy = z.output<typeof stalenessPolicySchema>;

/**
 * One rule of a {@link StalenessPolicy}: `inactive`, `engaged` or `rotting`.
 *
 * @example
 * ```ts
 * import { DEFAULT_STALENESS_POLICY, findStaleLeads, type StalenessRule } from "leadkit/lifecycle";
 *
 * // The defaults, plus: a potential client untouched for a week goes back to review.
 * const rot: StalenessRule = { kind: "rotting", stage: "potential_client", origin: "any", days: 7, flag: "review" };
 * const policy = { ...DEFAULT_STALENESS_POLICY, stages: [...DEFAULT_STALENESS_POLICY.stages, "potential_client"], rules: [...DEFAULT_STALENESS_POLICY.rules, rot] };
 * findStaleLeads(leads, policy, { now, originOf: () => "active" });
 * ```
 * @category Lifecycle
 */
export type StalenessRule = StalenessPolicy["rules"][number];

/**
 * Policy (docs/lifecycle.md): a passive lead with no activity for more than 30 days is flagged for review or
 * archiving; an active lead with 3 or more interactions in the last 14 days is flagged to prioritise.
 * Open stages only.
 *
 * @example
 * ```ts
 * import { DEFAULT_STALENESS_POLICY, findStaleLeads } from "leadkit/lifecycle";
 *
 * declare const originOf: (lead: import("leadkit").Lead) => "active" | "passive";
 * const flags = findStaleLeads(leads, DEFAULT_STALENESS_POLICY, { now, originOf });
 * ```
 * @category Lifecycle
 */
export const DEFAULT_STALENESS_POLICY = {
  stages: ["contact", "lead", "prospect", "potential_client", "nurturing"],
  rules: [
    { kind: "inactive", origin: "passive", days: 30, flag: "review" },
    { kind: "engaged", origin: "active", minInteractions: 3, withinDays: 14, flag: "prioritise" },
  ],
} as const satisfies StalenessPolicy;

/**
 * What {@link findStaleLeads} reads of a lead: its stage, when it was created, its moves and its
 * interactions.
 *
 * @example
 * ```ts
 * import { DEFAULT_STALENESS_POLICY, findStaleLeads, type StalenessSubject } from "leadkit/lifecycle";
 *
 * // Rows from a warehouse, not whole leads: only these fields are read.
 * interface Row extends StalenessSubject { readonly id: string; readonly channel: string }
 * declare const rows: readonly Row[];
 * findStaleLeads(rows, DEFAULT_STALENESS_POLICY, { now, originOf: (row) => (row.channel === "call" ? "active" : "passive") })
 *   .map((flag) => flag.lead.id);
 * ```
 * @category Lifecycle
 */
export interface StalenessSubject {
  /** The current stage; only the policy's stages are looked at. */
  readonly stage: string;
  /** When the lead was created: its first activity. */
  readonly createdAt: Date;
  /** Stage changes count as activity. */
  readonly history: readonly { readonly at: Date }[];
  /** Interactions count as activity. */
  readonly interactions: readonly { readonly at: Date }[];
}

/**
 * Options of {@link findStaleLeads}. The origin is an accessor so the lifecycle does not depend on
 * how origin is classified (use the origin module, or a stored field).
 *
 * @example
 * ```ts
 * import type { Lead } from "leadkit";
 * import { DEFAULT_STALENESS_POLICY, type FindStaleLeadsOptions, findStaleLeads } from "leadkit/lifecycle";
 * import { classifyOrigin, compileOriginRules, DEFAULT_ORIGIN_RULES } from "leadkit/origin";
 *
 * const rules = compileOriginRules(DEFAULT_ORIGIN_RULES);
 * const options: FindStaleLeadsOptions<Lead> = { now, originOf: (lead) => classifyOrigin(rules, lead.capture).kind };
 * findStaleLeads(leads, DEFAULT_STALENESS_POLICY, options).filter((flag) => flag.flag === "review");
 * ```
 * @category Lifecycle
 */
export interface FindStaleLeadsOptions<T> {
  /** The present. */
  readonly now: Date;
  /** Whether a lead is active (the user's own prospecting) or passive (inbound, shared, campaign). */
  readonly originOf: (lead: T) => "active" | "passive";
}

/**
 * A lead a policy rule flagged, with the facts behind it.
 *
 * @example
 * ```ts
 * import type { Lead } from "leadkit";
 * import type { StalenessFlag } from "leadkit/lifecycle";
 *
 * const line = (f: StalenessFlag<Lead>) => `${f.lead.id}: ${f.message}`;
 * ```
 * @category Lifecycle
 */
export interface StalenessFlag<T> {
  /** The lead. */
  readonly lead: T;
  /** `review` (review it or archive it) or `prioritise` (work it now). */
  readonly flag: "review" | "prioritise";
  /** Index of the rule in the policy. */
  readonly rule: number;
  /** The rule that flagged it: its kind (`inactive`, `engaged` or `rotting`), limits and stage. */
  readonly policyRule: StalenessRule;
  /** The lead's stage. */
  readonly stage: string;
  /** The lead's origin, as `originOf` answered. */
  readonly origin: "active" | "passive";
  /** The lead's last activity: latest interaction, stage change or creation (`lastActivityAt`). */
  readonly lastActivityAt: Date;
  /** Whole days since the last activity (0 when it is after `now`). */
  readonly inactiveDays: number;
  /** Interactions in the engaged rule's window (0 for inactive rules). */
  readonly recentInteractions: number;
  /** A sentence for a person. */
  readonly message: string;
}

const day = 86_400_000;

/**
 * Flags leads to review or to prioritise according to a policy (docs/lifecycle.md): by default a passive lead
 * idle for more than 30 days, and an active lead with several recent interactions; `rotting` rules
 * add a limit per stage. Each flag names the rule that raised it (`rule`, `policyRule`).
 *
 * @remarks
 * A lead is idle since `lastActivityAt(lead)` (from `leadkit`), the same instant a repository's
 * `inactiveSince` query compares, so a query for leads inactive since `now − days` finds the leads an
 * `inactive` or `rotting` rule of `days` flags. Activity dated after `now` counts as it is: such a
 * lead is not idle. A day is 24 hours, whatever the process's time zone, so the answer does
 * not move with daylight saving time.
 *
 * @param leads - The leads to look at (any iterable, read once).
 * @param policy - The rules, as data (see {@link DEFAULT_STALENESS_POLICY}).
 * @param options - `now` and the origin accessor.
 * @returns One flag per lead and matching rule, in input order (then rule order).
 * @throws LeadKitError with code `invalid_definition` when the policy is malformed, and
 *   `invalid_input` for an Invalid Date `now` or a lead whose dates are not Dates (a lead read back
 *   from JSON: revive it with `parseLead`).
 * @example
 * ```ts
 * import { classifyOrigin, compileOriginRules, DEFAULT_ORIGIN_RULES } from "leadkit/origin";
 * import { DEFAULT_STALENESS_POLICY, findStaleLeads } from "leadkit/lifecycle";
 *
 * const originRules = compileOriginRules(DEFAULT_ORIGIN_RULES); // compile once, classify every lead
 * const flags = findStaleLeads(leads, DEFAULT_STALENESS_POLICY, {
 *   now: new Date("2026-06-01T00:00:00Z"),
 *   originOf: (lead) => classifyOrigin(originRules, lead.capture).kind,
 * });
 * ```
 * @category Lifecycle
 */
export function findStaleLeads<T extends StalenessSubject>(
  leads: Iterable<T>,
  policy: StalenessPolicy,
  options: FindStaleLeadsOptions<T>,
): StalenessFlag<T>[] {
  unwrapOrThrow(safeParseWith(stalenessPolicySchema, policy), "staleness policy", "invalid_definition");
  const badNow = nowIssue(options?.now);
  if (badNow !== undefined) throw invalidInput("Cannot look for stale leads", badNow);
  const stages = new Set(policy.stages);
  const now = options.now.getTime();
  const flags: StalenessFlag<T>[] = [];
  let index = -1;
  for (const lead of leads) {
    index++;
    if (!stages.has(lead?.stage)) continue;
    const bad = datedRecordIssue(lead, ["history", "interactions"], ["leads", index]);
    if (bad !== undefined) throw invalidInput("Cannot look for stale leads", bad);
    const origin = options.originOf(lead);
    const last = lastActivityAt(lead).getTime();
    const inactiveDays = Math.max(0, Math.floor((now - last) / day));
    policy.rules.forEach((rule, index) => {
      if (rule.origin !== "any" && rule.origin !== origin) return;
      if (rule.kind === "rotting" && rule.stage !== lead.stage) return;
      const base = {
        lead,
        flag: rule.flag,
        rule: index,
        policyRule: rule,
        stage: lead.stage,
        origin,
        lastActivityAt: new Date(last),
        inactiveDays,
      };
      if (rule.kind === "inactive" || rule.kind === "rotting") {
        if (last >= now - rule.days * day) return;
        const limit =
          rule.kind === "inactive"
            ? `(more than ${rule.days})`
            : `(more than the ${rule.days} rotting days of stage ${JSON.stringify(rule.stage)})`;
        flags.push({
          ...base,
          recentInteractions: 0,
          message: `${capitalise(origin)} lead with no activity for ${inactiveDays} days ${limit}: ${advice(rule.flag)} [rule ${index}, ${rule.kind}]`,
        });
        return;
      }
      const since = now - rule.withinDays * day;
      const recent = lead.interactions.filter((i) => i.at.getTime() >= since && i.at.getTime() <= now).length;
      if (recent < rule.minInteractions) return;
      flags.push({
        ...base,
        recentInteractions: recent,
        message: `${capitalise(origin)} lead with ${recent} interactions in the last ${rule.withinDays} days: ${advice(rule.flag)} [rule ${index}, engaged]`,
      });
    });
  }
  return flags;
}

function capitalise(origin: string): string {
  return origin.charAt(0).toUpperCase() + origin.slice(1);
}

function advice(flag: "review" | "prioritise"): string {
  return flag === "review"
    ? "review whether it still has potential, or archive it"
    : "prioritise it to close the sale";
}
