import { type CalendarTime, createCalendarTimes } from "../../internal/index.js";
import type { EffectSpec } from "../definition/lifecycle-definition-schema.js";

/**
 * Something a successful transition asks the caller to do, returned as data and never run by
 * leadkit (as XState returns actions): notify the owner, schedule a follow-up at a date, re-score
 * the lead, or a custom named effect.
 *
 * @example
 * ```ts
 * import { defaultLifecycle, transitionOrThrow } from "leadkit/lifecycle";
 *
 * declare const calendar: { add(owner: string | null, at: Date): void };
 * const outcome = transitionOrThrow(defaultLifecycle, lead, "nurture", { now, actor: "u-ana" });
 * for (const effect of outcome.effects) {
 *   if (effect.type === "schedule_follow_up") calendar.add(lead.owner, effect.at);
 * }
 * ```
 * @category Lifecycle
 */
export type LifecycleEffect<S extends string = string, E extends string = string> =
  | {
      /** Tell the lead's owner about the move. */
      readonly type: "notify_owner";
      /** The event that moved the record. */
      readonly event: E;
      /** The stage left. */
      readonly from: S;
      /** The stage entered. */
      readonly to: S;
    }
  | {
      /** Put a follow-up in the owner's calendar. */
      readonly type: "schedule_follow_up";
      /** When: `now` plus the event's `afterDays`. */
      readonly at: Date;
    }
  | {
      /** Re-run the scoring models: the stage is an input of most. */
      readonly type: "request_rescore";
    }
  | {
      /** A custom effect declared in the definition. */
      readonly type: "emit";
      /** Its name, as declared. */
      readonly name: string;
    };

/**
 * A move's effects, prepared when the lifecycle is built. An effect that is the same on every call is
 * built once, frozen and shared; a follow-up gets a Date of its own on every call; a `notify_owner`
 * whose target is read from the history (`@previous`) is built per call.
 */
export interface EffectPlan {
  readonly specs: readonly EffectSpec[];
  /** The whole list, frozen, when nothing in it varies; `null` otherwise. */
  readonly constant: readonly LifecycleEffect[] | null;
  /** Per spec: its shared frozen effect, or `undefined` when it is built per call. */
  readonly shared: readonly (LifecycleEffect | undefined)[];
  /**
   * The follow-ups' times for `now`, one per `schedule_follow_up` spec in order, or `null` when the
   * move schedules none: calendar days in the caller's time zone, as date-fns' `addDays` counts them,
   * at the cost of an addition (`createCalendarTimes`). The memo and the array it fills live in the
   * closure, so a caller may deep-freeze the lifecycle.
   */
  readonly followUps: ((now: Date) => Float64Array) | null;
}

/** Prepares a move's effects; `to` is `null` when the target is resolved at run time. */
export function planEffects(
  specs: readonly EffectSpec[],
  event: string,
  from: string,
  to: string | null,
): EffectPlan {
  const shared = specs.map((spec): LifecycleEffect | undefined => {
    if (spec.type === "schedule_follow_up" || (spec.type === "notify_owner" && to === null)) return undefined;
    return Object.freeze(sharedEffect(spec, event, from, to ?? from));
  });
  const constant = shared.every((e) => e !== undefined) ? Object.freeze(shared as LifecycleEffect[]) : null;
  return { specs, constant, shared, followUps: followUpTimes(specs) };
}

/** The effects of one move from its plan; pure (the memo only saves recomputing the same dates). */
export function effectsOf(
  plan: EffectPlan,
  event: string,
  from: string,
  to: string,
  now: Date,
): readonly LifecycleEffect[] {
  if (plan.constant !== null) return plan.constant;
  const times = plan.followUps === null ? null : plan.followUps(now);
  const n = plan.specs.length;
  const effects = new Array<LifecycleEffect>(n);
  let followUp = 0;
  for (let i = 0; i < n; i++) {
    const shared = plan.shared[i];
    if (shared !== undefined) effects[i] = shared;
    else if (plan.specs[i]?.type === "notify_owner") effects[i] = { type: "notify_owner", event, from, to };
    else
      effects[i] = {
        type: "schedule_follow_up",
        at: new Date((times as Float64Array)[followUp++] as number),
      };
  }
  return effects;
}

// Calendar days (DST-aware, as date-fns' addDays), in the time zone the caller runs in.
function followUpTimes(specs: readonly EffectSpec[]): ((now: Date) => Float64Array) | null {
  const times: CalendarTime[] = [];
  for (const spec of specs)
    if (spec.type === "schedule_follow_up")
      times.push({ kind: "shift", months: 0, days: spec.afterDays, ms: 0 });
  if (times.length === 0) return null;
  const memo = createCalendarTimes(times);
  const out = new Float64Array(times.length);
  return (now) => {
    memo(now, out);
    return out;
  };
}

// The effects that are the same on every call of a move, built once by planEffects.
function sharedEffect(spec: EffectSpec, event: string, from: string, to: string): LifecycleEffect {
  switch (spec.type) {
    case "notify_owner":
      return { type: "notify_owner", event, from, to };
    case "request_rescore":
      return { type: "request_rescore" };
    case "emit":
      return { type: "emit", name: spec.name };
    default:
      throw new TypeError(`A ${spec.type} effect is built per call`);
  }
}
