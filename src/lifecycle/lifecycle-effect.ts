import { addDays } from "date-fns";
import type { EffectSpec } from "./lifecycle-definition-schema.js";

/**
 * Something a successful transition asks the caller to do, returned as data and never run by
 * leadkit (as XState returns actions): notify the owner, schedule a follow-up at a date, re-score
 * the lead, or a custom named effect.
 *
 * @example
 * ```ts
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

/** Builds the effects of one move; pure. */
export function buildEffects(
  specs: readonly EffectSpec[],
  event: string,
  from: string,
  to: string,
  now: Date,
): LifecycleEffect[] {
  const effects: LifecycleEffect[] = [];
  for (const spec of specs) effects.push(buildEffect(spec, event, from, to, now));
  return effects;
}

function buildEffect(spec: EffectSpec, event: string, from: string, to: string, now: Date): LifecycleEffect {
  switch (spec.type) {
    case "notify_owner":
      return { type: "notify_owner", event, from, to };
    case "schedule_follow_up":
      return { type: "schedule_follow_up", at: followUpDate(now, spec.afterDays) };
    case "request_rescore":
      return { type: "request_rescore" };
    default:
      return { type: "emit", name: spec.name };
  }
}

// Calendar days with date-fns (DST-aware), remembered for the last `now`: transitions come in
// batches against one `now`, and every effect still gets a Date of its own.
let lastFollowUp = { now: Number.NaN, days: Number.NaN, at: 0 };
function followUpDate(now: Date, days: number): Date {
  const time = now.getTime();
  if (lastFollowUp.now !== time || lastFollowUp.days !== days) {
    lastFollowUp = { now: time, days, at: addDays(now, days).getTime() };
  }
  return new Date(lastFollowUp.at);
}
