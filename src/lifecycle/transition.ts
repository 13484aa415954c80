import { err, formatIssues, LeadKitError, ok, type Result } from "../internal/index.js";
import { checkMove, findMove } from "./check-event.js";
import { compiledOf } from "./compile-lifecycle.js";
import type { Lifecycle } from "./define-lifecycle.js";
import { effectsOf, type LifecycleEffect } from "./lifecycle-effect.js";
import type { LifecycleIssue } from "./lifecycle-issue.js";
import type { LifecycleEvent, LifecycleHistoryEntry, LifecycleRecord } from "./lifecycle-record.js";

/**
 * Options of {@link transition}: time and actor are parameters, never read from the environment.
 *
 * @example
 * ```ts
 * const options: TransitionOptions = { now: new Date("2026-03-01T10:00:00Z"), actor: "u-ana" };
 * ```
 * @category Lifecycle
 */
export interface TransitionOptions {
  /** When the move happens: the history entry's `at` and the record's new `updatedAt`. */
  readonly now: Date;
  /** Who moves it: a user id, or e.g. `"automation"`. */
  readonly actor: string;
  /** `true` for a move made by automation (a workflow, an import): it may only go forward. */
  readonly automatic?: boolean;
}

/**
 * A successful transition: the new record and the effects for the caller to run.
 *
 * @example
 * ```ts
 * const { lead, effects } = transitionOrThrow(defaultLifecycle, lead0, "win", { now, actor: "u-ana" });
 * ```
 * @category Lifecycle
 */
export interface TransitionOutcome<T, S extends string = string, E extends string = string> {
  /** The record in its new stage, with the history entry appended and `updatedAt` set to `now`. */
  readonly lead: T;
  /** The stage left. */
  readonly from: S;
  /** The stage entered. */
  readonly to: S;
  /** The history entry appended. */
  readonly entry: LifecycleHistoryEntry<S>;
  /** What the caller should do now, as data (never run by leadkit). */
  readonly effects: readonly LifecycleEffect<S, E>[];
}

/**
 * Moves a record through its lifecycle by one event, purely: returns the new record (stage, one
 * history entry more, `updatedAt`) and the effects to run, or the issues saying why not
 * (`transition_not_allowed` with the allowed events, `guard_failed` with the guard and its reason,
 * `terminal_state`, `reason_required`, `automatic_not_allowed`…). The input is never mutated.
 *
 * @param lifecycle - A lifecycle built by {@link defineLifecycle}, e.g. {@link defaultLifecycle}.
 * @param lead - The record: the model's `Lead` or any record with `stage`, `history` and `updatedAt`.
 * @param event - The event's name, or the event with its reason and evidence.
 * @param options - `now`, `actor`, and whether the move is automatic.
 * @returns The outcome, or the issues.
 * @example
 * ```ts
 * const result = transition(defaultLifecycle, lead, {
 *   type: "qualify",
 *   evidence: [{ kind: "qualification", frameworkId: "bant", verdict: "qualified", at: now }],
 * }, { now, actor: "u-ana" });
 * if (result.ok) await save(result.value.lead);
 * ```
 * @category Lifecycle
 */
export function transition<S extends string, E extends string, R, T extends R & LifecycleRecord<S>>(
  lifecycle: Lifecycle<S, E, R>,
  lead: T,
  event: NoInfer<E> | LifecycleEvent<NoInfer<E>>,
  options: TransitionOptions,
): Result<TransitionOutcome<T, S, E>, LifecycleIssue> {
  const compiled = compiledOf(lifecycle);
  const ev: LifecycleEvent =
    typeof event === "string" ? (compiled.bareEvents.get(event) ?? { type: event }) : event;
  const from = lead.stage;
  const move = findMove(compiled, from, ev.type);
  if ("code" in move) return err([move]);
  const now = options.now;
  const to = checkMove(compiled, move, lead, ev, now, options.automatic === true, true);
  if (typeof to !== "string") return err(to);
  const entry: LifecycleHistoryEntry =
    ev.reason === undefined
      ? { from, to, event: ev.type, at: now, actor: options.actor }
      : { from, to, event: ev.type, at: now, actor: options.actor, reason: ev.reason };
  return ok({
    lead: { ...lead, stage: to, history: appended(lead.history, entry), updatedAt: now },
    from,
    to,
    entry,
    effects: effectsOf(move.effectPlan, move.event, from, to, now),
  } as TransitionOutcome<T, S, E>);
}

// A copy with one more entry, sized once: `slice()` then `push` allocates the array twice (push
// outgrows the exact-size copy), and this runs on every transition.
function appended<T>(items: readonly T[], item: T): T[] {
  const n = items.length;
  const copy = new Array<T>(n + 1);
  for (let i = 0; i < n; i++) copy[i] = items[i] as T;
  copy[n] = item;
  return copy;
}

/**
 * Like {@link transition}, but returns the outcome or throws.
 *
 * @param lifecycle - A lifecycle built by {@link defineLifecycle}.
 * @param lead - The record to move.
 * @param event - The event's name, or the event with its reason and evidence.
 * @param options - `now`, `actor`, and whether the move is automatic.
 * @returns The outcome.
 * @throws LeadKitError with code `transition_failed`; its issues are {@link LifecycleIssue}s.
 * @example
 * ```ts
 * const { lead: won, effects } = transitionOrThrow(defaultLifecycle, lead, "win", { now, actor: "u-ana" });
 * ```
 * @category Lifecycle
 */
export function transitionOrThrow<S extends string, E extends string, R, T extends R & LifecycleRecord<S>>(
  lifecycle: Lifecycle<S, E, R>,
  lead: T,
  event: NoInfer<E> | LifecycleEvent<NoInfer<E>>,
  options: TransitionOptions,
): TransitionOutcome<T, S, E> {
  const result = transition(lifecycle, lead, event, options);
  if (result.ok) return result.value;
  const type = typeof event === "string" ? event : event.type;
  throw new LeadKitError(
    "transition_failed",
    formatIssues(`Cannot apply "${type}" to a record in stage "${lead.stage}"`, result.issues),
    result.issues,
  );
}
