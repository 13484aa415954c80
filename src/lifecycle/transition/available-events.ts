import type { CompiledLifecycle } from "../definition/compile-lifecycle.js";
import { tablesOf } from "../definition/lifecycle-tables.js";
import type { LifecycleIssue } from "../lifecycle-issue.js";
import type { LifecycleRecord } from "../lifecycle-record.js";
import { evidenceIssue, invalidInput, nowIssue, recordIssue } from "./check-input.js";
import { checkMove, findMove } from "./check-move.js";
import type { LifecycleEvidence } from "./lifecycle-evidence.js";

/**
 * Options of {@link availableEvents}: the same context a {@link transition} would get.
 *
 * @example
 * ```ts
 * import { type AvailableEventsOptions, availableEvents, defaultLifecycle } from "leadkit/lifecycle";
 *
 * // What a nightly job may do on its own: manual and backward moves are refused when automatic.
 * const options: AvailableEventsOptions = { now, automatic: true };
 * availableEvents(defaultLifecycle, lead, options).filter((e) => e.allowed).map((e) => e.type);
 * ```
 * @category Lifecycle
 */
export interface AvailableEventsOptions {
  /** The present, for the guards. */
  readonly now: Date;
  /** Evidence the guards should see, as it would be sent with the event. */
  readonly evidence?: readonly LifecycleEvidence[];
  /** Whether the move would be automatic (automatic moves only go forward). */
  readonly automatic?: boolean;
}

/**
 * Whether one event can fire now, where it would lead, and if not, why.
 *
 * @example
 * ```ts
 * import { availableEvents, defaultLifecycle, type EventAvailability } from "leadkit/lifecycle";
 *
 * const blocked = availableEvents(defaultLifecycle, lead, { now }).filter((a: EventAvailability) => !a.allowed);
 * ```
 * @category Lifecycle
 */
export interface EventAvailability<S extends string = string, E extends string = string> {
  /** The event. */
  readonly type: E;
  /** `true` when {@link transition} would succeed (given a reason, if {@link EventAvailability.requiresReason}). */
  readonly allowed: boolean;
  /** Where it would lead; `null` when it does not fire from this stage or the target is unknown. */
  readonly to: S | null;
  /** Whether the event needs a reason. */
  readonly requiresReason: boolean;
  /** Whether only a person may fire it. */
  readonly manual: boolean;
  /** Why it is blocked; empty when allowed. */
  readonly blockedBy: readonly LifecycleIssue[];
}

/**
 * Lists every event of the lifecycle with whether it can fire on this record now, and why not — the
 * answer to "why can't I move this lead?". Agrees with {@link transition}: an event is `allowed`
 * exactly when `transition` with the same evidence (and a reason, where one is required) succeeds.
 *
 * @param lifecycle - A lifecycle built by {@link compileLifecycle}.
 * @param lead - The record.
 * @param options - `now`, the evidence the event would carry, and whether it would be automatic.
 * @returns One entry per event, in declared order.
 * @throws `LeadKitError` (`invalid_input`) for an Invalid Date `now`, malformed evidence, or a record
 *   whose history dates are not Dates (a record read back from JSON: revive it with `parseLead`).
 * @example
 * ```ts
 * import { availableEvents, defaultLifecycle } from "leadkit/lifecycle";
 *
 * for (const a of availableEvents(defaultLifecycle, lead, { now })) {
 *   console.log(a.type, a.allowed ? `→ ${a.to}` : a.blockedBy.map((i) => i.message).join("; "));
 * }
 * ```
 * @category Lifecycle
 */
export function availableEvents<S extends string, E extends string, R>(
  lifecycle: CompiledLifecycle<S, E, R>,
  lead: R & LifecycleRecord<S>,
  options: AvailableEventsOptions,
): readonly EventAvailability<S, E>[] {
  const compiled = tablesOf(lifecycle);
  const invalid =
    options === null || typeof options !== "object"
      ? { code: "invalid_type", path: [], message: "The options must be an object with now" }
      : (nowIssue(options.now) ??
        (options.evidence === undefined ? undefined : evidenceIssue(options.evidence, ["evidence"])) ??
        recordIssue(lead));
  if (invalid !== undefined) throw invalidInput("Cannot list the available events", invalid);
  const event = options.evidence === undefined ? undefined : options.evidence;
  return (compiled.eventNames as readonly E[]).map((type): EventAvailability<S, E> => {
    const move = findMove(compiled, lead.stage, type);
    if ("code" in move) {
      return { type, allowed: false, to: null, requiresReason: false, manual: false, blockedBy: [move] };
    }
    const ev = event === undefined ? { type } : { type, evidence: event };
    const to = checkMove(compiled, move, lead, ev, options.now, options.automatic === true, false);
    const base = { type, requiresReason: move.requiresReason, manual: move.manual };
    if (typeof to === "string") return { ...base, allowed: true, to: to as S, blockedBy: [] };
    return { ...base, allowed: false, to: move.to as S | null, blockedBy: to };
  });
}
