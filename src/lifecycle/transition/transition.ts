import { err, formatIssues, INPUT_LIMITS, LeadKitError, ok, type Result } from "../../internal/index.js";
import type { CompiledLifecycle } from "../definition/compile-lifecycle.js";
import { tablesOf } from "../definition/lifecycle-tables.js";
import type { LifecycleIssue } from "../lifecycle-issue.js";
import type { LifecycleEvent, LifecycleHistoryEntry, LifecycleRecord } from "../lifecycle-record.js";
import {
  actorIssue,
  eventIssue,
  FIRST_STORABLE,
  LAST_STORABLE,
  nowIssue,
  recordIssue,
} from "./check-input.js";
import { checkMove, findMove } from "./check-move.js";
import { effectsOf, type LifecycleEffect } from "./lifecycle-effect.js";

/**
 * Options of {@link transition}: time and actor are parameters, never read from the environment.
 *
 * @example
 * ```ts
 * import { defaultLifecycle, type TransitionOptions, transition } from "leadkit/lifecycle";
 *
 * // Time and actor come from the caller; the history entry records both.
 * const options: TransitionOptions = { now: new Date("2026-03-01T10:00:00Z"), actor: "u-ana" };
 * const moved = transition(defaultLifecycle, lead, "nurture", options);
 * if (moved.ok) moved.value.entry.actor; // "u-ana"
 * ```
 * @category Lifecycle
 */
export interface TransitionOptions {
  /** When the move happens: the history entry's `at` and the record's new `updatedAt`; a valid Date. */
  readonly now: Date;
  /** Who moves it: a user id, or e.g. `"automation"`; not blank, at most 200 characters. */
  readonly actor: string;
  /** `true` for a move made by automation (a workflow, an import): it may only go forward. */
  readonly automatic?: boolean;
}

/**
 * A successful transition: the new record and the effects for the caller to run.
 *
 * @example
 * ```ts
 * import { defaultLifecycle, transitionOrThrow } from "leadkit/lifecycle";
 *
 * const { lead: won, effects } = transitionOrThrow(defaultLifecycle, lead, "win", { now, actor: "u-ana" });
 * won.stage; // "customer"
 * effects.map((e) => e.type);
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
 * Malformed input is an issue too, never a TypeError: `now` must be a valid Date, `actor` a
 * non-blank id, the event's reason text and its evidence well formed, and the record's history dated
 * with Dates. A record read back from JSON has strings there: revive it with `parseLead` first.
 *
 * @param lifecycle - A lifecycle built by {@link compileLifecycle}, e.g. {@link defaultLifecycle}.
 * @param lead - The record: the model's `Lead` or any record with `stage`, `history` and `updatedAt`.
 * @param event - The event's name, or the event with its reason and evidence.
 * @param options - `now`, `actor`, and whether the move is automatic.
 * @returns The outcome, or the issues.
 * @example
 * ```ts
 * import { defaultLifecycle, transition } from "leadkit/lifecycle";
 *
 * declare function save(lead: import("leadkit").Lead): Promise<void>;
 * const result = transition(defaultLifecycle, lead, {
 *   type: "qualify",
 *   evidence: [{ kind: "qualification", frameworkId: "bant", verdict: "qualified", at: now }],
 * }, { now, actor: "u-ana" });
 * if (result.ok) await save(result.value.lead);
 * ```
 * @category Lifecycle
 */
export function transition<S extends string, E extends string, R, T extends R & LifecycleRecord<S>>(
  lifecycle: CompiledLifecycle<S, E, R>,
  lead: T,
  event: NoInfer<E> | LifecycleEvent<NoInfer<E>>,
  options: TransitionOptions,
): Result<TransitionOutcome<T, S, E>, LifecycleIssue> {
  const compiled = tablesOf(lifecycle);
  // The new history, copied while its dates are checked: one pass over the entries, which are
  // read here anyway. Its last slot is filled once the move is known to be allowed.
  let history = checkedHistoryCopy(lead, event, options);
  if (history === null) {
    const invalid = inputIssue(lead, event, options);
    if (invalid !== undefined) return err([invalid]);
    history = historyCopy(lead.history);
  }
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
  history[history.length - 1] = entry;
  return ok({
    lead: { ...lead, stage: to, history, updatedAt: now },
    from,
    to,
    entry,
    effects: effectsOf(move.effectPlan, move.event, from, to, now),
  } as TransitionOutcome<T, S, E>);
}

// The boundary check of every transition, written to inline: a typeof or an instanceof per value,
// one per history entry, and no call that allocates but the copy of the history it returns (with a
// free last slot), filled as the entries are checked. `null` when it doubts anything: then
// `inputIssue` builds the message (or finds nothing wrong, e.g. an actor that starts with a space).
function checkedHistoryCopy(
  lead: LifecycleRecord,
  event: unknown,
  options: TransitionOptions,
): LifecycleHistoryEntry[] | null {
  if (options === null || typeof options !== "object") return null;
  const now = options.now;
  if (!(now instanceof Date)) return null;
  const time = now.getTime();
  // The years a lead can store (nowIssue words the issue); NaN fails both.
  if (!(time >= FIRST_STORABLE && time <= LAST_STORABLE)) return null;
  const actor = options.actor;
  if (
    typeof actor !== "string" ||
    actor.length === 0 ||
    actor.length > INPUT_LIMITS.idLength ||
    actor.charCodeAt(0) <= 32
  )
    return null;
  if (options.automatic !== undefined && typeof options.automatic !== "boolean") return null;
  if (typeof event !== "string" && !eventLooksValid(event)) return null;
  if (lead === null || typeof lead !== "object" || typeof lead.stage !== "string") return null;
  const history = lead.history;
  if (!Array.isArray(history)) return null;
  const n = history.length;
  // Sized once: `slice()` then `push` would allocate the array twice (push outgrows the copy).
  const copy = new Array<LifecycleHistoryEntry>(n + 1);
  for (let i = 0; i < n; i++) {
    const entry = history[i];
    if (entry === null || typeof entry !== "object") return null;
    const at = entry.at;
    if (!(at instanceof Date) || Number.isNaN(at.getTime())) return null;
    copy[i] = entry;
  }
  return copy;
}

function eventLooksValid(event: unknown): boolean {
  if (event === null || typeof event !== "object") return false;
  const e = event as LifecycleEvent;
  return (
    typeof e.type === "string" &&
    (e.reason === undefined || typeof e.reason === "string") &&
    (e.evidence === undefined || eventIssue(event) === undefined)
  );
}

function inputIssue(lead: unknown, event: unknown, options: TransitionOptions): LifecycleIssue | undefined {
  if (options === null || typeof options !== "object")
    return { code: "invalid_type", path: [], message: "The options must be an object with now and actor" };
  return (
    nowIssue(options.now) ??
    actorIssue(options.actor) ??
    (options.automatic === undefined || typeof options.automatic === "boolean"
      ? undefined
      : { code: "invalid_type", path: ["automatic"], message: "automatic must be true or false" }) ??
    eventIssue(event) ??
    recordIssue(lead)
  );
}

// A copy with a free last slot, for input the quick check doubted but `inputIssue` accepted.
function historyCopy(items: readonly LifecycleHistoryEntry[]): LifecycleHistoryEntry[] {
  const n = items.length;
  const copy = new Array<LifecycleHistoryEntry>(n + 1);
  for (let i = 0; i < n; i++) copy[i] = items[i] as LifecycleHistoryEntry;
  return copy;
}

/**
 * Like {@link transition}, but returns the outcome or throws.
 *
 * @param lifecycle - A lifecycle built by {@link compileLifecycle}.
 * @param lead - The record to move.
 * @param event - The event's name, or the event with its reason and evidence.
 * @param options - `now`, `actor`, and whether the move is automatic.
 * @returns The outcome.
 * @throws LeadKitError with code `transition_failed`; its issues are {@link LifecycleIssue}s.
 * @example
 * ```ts
 * import { defaultLifecycle, transitionOrThrow } from "leadkit/lifecycle";
 *
 * const { lead: won, effects } = transitionOrThrow(defaultLifecycle, lead, "win", { now, actor: "u-ana" });
 * ```
 * @category Lifecycle
 */
export function transitionOrThrow<S extends string, E extends string, R, T extends R & LifecycleRecord<S>>(
  lifecycle: CompiledLifecycle<S, E, R>,
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
