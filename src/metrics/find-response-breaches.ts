import {
  describeValue,
  err,
  INPUT_LIMITS,
  type Issue,
  issue,
  ok,
  type Result,
  tooManyIssues,
} from "../internal/index.js";
import { findFirstResponse, type Lead } from "../model/index.js";
import { FUNNEL_NO_VALUE } from "./funnel-aggregate.js";
import { funnelLeadIssues } from "./project-funnel-row.js";

/**
 * Service-level targets for speed to lead, in minutes from capture to the owner's first response:
 * per source, and a default for the other sources. Use the key `"(none)"` for leads without a
 * source. A source with no target and no default is not checked.
 *
 * @example
 * ```ts
 * import { findResponseBreaches, type ResponseTargets } from "leadkit/metrics";
 *
 * // Paid leads are called within 5 minutes, web forms within the hour, the rest within a day.
 * const targets: ResponseTargets = { bySource: { paid_ads: 5, web_form: 60 }, defaultMinutes: 24 * 60 };
 * findResponseBreaches(leads, { now, targets });
 * ```
 * @category Metrics
 */
export interface ResponseTargets {
  /** Source → minutes allowed (a number > 0, at most a year). */
  readonly bySource?: Readonly<Record<string, number>>;
  /** Minutes allowed for a source without its own target. */
  readonly defaultMinutes?: number;
}

/**
 * Options for {@link findResponseBreaches}.
 *
 * @example
 * ```ts
 * import { type FindResponseBreachesOptions, findResponseBreaches } from "leadkit/metrics";
 *
 * const options: FindResponseBreachesOptions = { now, targets: { defaultMinutes: 60 } };
 * const breaches = findResponseBreaches(leads, options);
 * if (breaches.ok) for (const b of breaches.value) console.log(b.message);
 * ```
 * @category Metrics
 */
export interface FindResponseBreachesOptions {
  /** The instant unanswered leads are measured against (a valid Date). */
  readonly now: Date;
  /** The targets. */
  readonly targets: ResponseTargets;
}

/**
 * A lead answered later than its source's target (`late`), or not answered and already past it
 * (`unanswered`).
 *
 * @example
 * ```ts
 * import type { ResponseBreach } from "leadkit/metrics";
 *
 * const line = (b: ResponseBreach) => `${b.leadId}: ${b.minutes} min (target ${b.targetMinutes})`;
 * ```
 * @category Metrics
 */
export interface ResponseBreach {
  /** `late`: the first response came after the target; `unanswered`: none yet, and the target has passed. */
  readonly kind: "late" | "unanswered";
  /** The lead's id. */
  readonly leadId: string;
  /** Its source, or `null`. */
  readonly source: string | null;
  /** Its owner, or `null` (a pool lead cannot be answered: it has no owner). */
  readonly owner: string | null;
  /** The target that applied, in minutes. */
  readonly targetMinutes: number;
  /** Whole minutes from capture to the response (`late`) or to `now` (`unanswered`). */
  readonly minutes: number;
  /** When the first response came, or `null`. */
  readonly respondedAt: Date | null;
  /** What happened, in a sentence. */
  readonly message: string;
}

const MAX_TARGET_MINUTES = 366 * 24 * 60;
const isValidDate = (d: unknown): d is Date => d instanceof Date && !Number.isNaN(d.getTime());

function targetIssue(value: unknown, path: readonly (string | number)[]): Issue | undefined {
  if (typeof value === "number" && Number.isFinite(value) && value > 0 && value <= MAX_TARGET_MINUTES)
    return undefined;
  return issue(
    "invalid_target",
    path,
    `Expected a response target in minutes, a number > 0 and at most ${MAX_TARGET_MINUTES} (a year), got ${describeValue(value)}`,
  );
}

function checkOptions(options: unknown): { issues: Issue[]; bySource: Map<string, number> } {
  const issues: Issue[] = [];
  const bySource = new Map<string, number>();
  if (typeof options !== "object" || options === null) {
    issues.push(
      issue("invalid_type", ["options"], `Expected options { now, targets }, got ${describeValue(options)}`),
    );
    return { issues, bySource };
  }
  const { now, targets } = options as { now?: unknown; targets?: unknown };
  if (!isValidDate(now))
    issues.push(
      issue("invalid_date", ["options", "now"], `Expected now as a valid Date, got ${describeValue(now)}`),
    );
  if (typeof targets !== "object" || targets === null || Array.isArray(targets)) {
    issues.push(
      issue(
        "invalid_type",
        ["options", "targets"],
        `Expected targets { bySource?, defaultMinutes? }, got ${describeValue(targets)}`,
      ),
    );
    return { issues, bySource };
  }
  const { bySource: table, defaultMinutes } = targets as { bySource?: unknown; defaultMinutes?: unknown };
  if (defaultMinutes !== undefined) {
    const bad = targetIssue(defaultMinutes, ["options", "targets", "defaultMinutes"]);
    if (bad !== undefined) issues.push(bad);
  }
  if (table !== undefined) {
    if (typeof table !== "object" || table === null || Array.isArray(table))
      issues.push(
        issue(
          "invalid_type",
          ["options", "targets", "bySource"],
          `Expected source → minutes, got ${describeValue(table)}`,
        ),
      );
    else {
      const keys = Object.keys(table);
      if (keys.length > INPUT_LIMITS.listItems)
        issues.push(
          issue(
            "too_big",
            ["options", "targets", "bySource"],
            `Expected at most ${INPUT_LIMITS.listItems} sources, got ${keys.length}`,
          ),
        );
      else
        for (const key of keys) {
          // Own keys only, read through a descriptor: "__proto__" is a source like any other.
          const value: unknown = Object.getOwnPropertyDescriptor(table, key)?.value;
          const bad = targetIssue(value, ["options", "targets", "bySource", key]);
          if (bad !== undefined) {
            if (issues.length < INPUT_LIMITS.issues) issues.push(bad);
          } else bySource.set(key, value as number);
        }
    }
  }
  return { issues, bySource };
}

/**
 * Lists the leads whose first response missed its source's service-level target: answered late,
 * or not answered and already past the target at `now` (frappe/crm#1385).
 *
 * @remarks
 * The response is {@link findFirstResponse}'s: the owner's first outbound interaction after
 * capture. Minutes are whole (rounded down), measured from `createdAt`; a lead answered exactly at
 * its target is on time. Leads created after `now` are not due yet. One pass, memory for the
 * breaches only.
 *
 * @param leads - Parsed leads (dates as `Date`s), read once, never modified.
 * @param options - `now`, and the targets in minutes per source.
 * @returns The breaches in input order, or issues: `invalid_target` for a target that is not a number
 *   of minutes > 0 (at most a year), `invalid_date` / `invalid_type` for `now`, the targets or a lead
 *   that skipped validation (paths `[index, …]`), at most 100 then `too_many_issues`.
 * @example
 * ```ts
 * import { findResponseBreaches } from "leadkit/metrics";
 *
 * const result = findResponseBreaches(leads, {
 *   now: new Date("2026-03-02T12:00:00Z"),
 *   targets: { bySource: { paid_ads: 5 }, defaultMinutes: 60 },
 * });
 * if (result.ok) for (const b of result.value) console.log(b.message);
 * ```
 * @category Metrics
 */
export function findResponseBreaches(
  leads: Iterable<Lead>,
  options: FindResponseBreachesOptions,
): Result<ResponseBreach[]> {
  const { issues, bySource } = checkOptions(options);
  if (issues.length > 0) return err(issues);
  const now = options.now.getTime();
  const fallback = options.targets.defaultMinutes;
  const breaches: ResponseBreach[] = [];
  const leadIssues: Issue[] = [];
  let dropped = 0;
  let index = -1;
  for (const lead of leads) {
    index++;
    const found = funnelLeadIssues(lead, [index]);
    if (found.length > 0) {
      for (const i of found)
        if (leadIssues.length < INPUT_LIMITS.issues) leadIssues.push(i);
        else dropped++;
      continue;
    }
    if (leadIssues.length > 0) continue;
    const source = lead.source ?? null;
    const target = bySource.get(source ?? FUNNEL_NO_VALUE) ?? fallback;
    const created = lead.createdAt.getTime();
    if (target === undefined || created > now) continue;
    const response = findFirstResponse(lead);
    const until = response === null ? now : response.at.getTime();
    const minutes = Math.floor((until - created) / 60_000);
    if (minutes <= target) continue;
    const where = `lead "${lead.id}" (source ${JSON.stringify(source ?? FUNNEL_NO_VALUE)}, owner ${JSON.stringify(lead.owner ?? FUNNEL_NO_VALUE)})`;
    breaches.push({
      kind: response === null ? "unanswered" : "late",
      leadId: lead.id,
      source,
      owner: lead.owner,
      targetMinutes: target,
      minutes,
      respondedAt: response?.at ?? null,
      message:
        response === null
          ? `${where}: no response after ${minutes} min; the target is ${target} min`
          : `${where}: first response after ${minutes} min; the target is ${target} min`,
    });
  }
  if (leadIssues.length > 0) return err(dropped === 0 ? leadIssues : [...leadIssues, tooManyIssues(dropped)]);
  return ok(breaches);
}
