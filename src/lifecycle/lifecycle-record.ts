import type { LifecycleEvidence } from "./transition/lifecycle-evidence.js";

/**
 * One recorded move, structurally the model's `HistoryEntry` but over any stage names.
 *
 * @example
 * ```ts
 * import type { LifecycleHistoryEntry } from "leadkit/lifecycle";
 *
 * // Who moved the lead forward, and when.
 * const forward = (entry: LifecycleHistoryEntry) => entry.from !== entry.to && entry.event !== "recycle";
 * lead.history.filter(forward).map((e) => `${e.at.toISOString()} ${e.actor}: ${e.from} → ${e.to}`);
 * ```
 * @category Lifecycle
 */
export interface LifecycleHistoryEntry<S extends string = string> {
  /** The stage left. */
  readonly from: S;
  /** The stage entered. */
  readonly to: S;
  /** The event that moved it. */
  readonly event: string;
  /** When. */
  readonly at: Date;
  /** Who: a user id, or e.g. `"automation"`. */
  readonly actor: string;
  /** Why, when a reason was given. */
  readonly reason?: string | undefined;
}

/**
 * The slice of a record the lifecycle reads and writes: its stage, its history and when it last
 * changed. The model's `Lead` has it; so can any record of yours with custom stages.
 *
 * @example
 * ```ts
 * import type { LifecycleRecord } from "leadkit/lifecycle";
 *
 * interface Ticket extends LifecycleRecord<"open" | "closed"> { readonly title: string }
 * ```
 * @category Lifecycle
 */
export interface LifecycleRecord<S extends string = string> {
  /** The current stage. */
  readonly stage: S;
  /** Every move so far, oldest first. */
  readonly history: readonly LifecycleHistoryEntry<S>[];
  /** When the record last changed; a transition sets it to `now`. */
  readonly updatedAt: Date;
}

/**
 * An event sent to a record: its type, the reason (required by some events) and any evidence the
 * guards should see.
 *
 * @example
 * ```ts
 * import { defaultLifecycle, type LifecycleEvent, transition } from "leadkit/lifecycle";
 *
 * const event: LifecycleEvent<"lose"> = { type: "lose", reason: "went with a competitor" };
 * const moved = transition(defaultLifecycle, lead, event, { now, actor: "u-ana" });
 * if (moved.ok) moved.value.entry.reason; // "went with a competitor"
 * ```
 * @category Lifecycle
 */
export interface LifecycleEvent<E extends string = string> {
  /** The event's name. */
  readonly type: E;
  /** Why; recorded in the history entry. */
  readonly reason?: string;
  /** Evidence for the guards, e.g. a qualification verdict. */
  readonly evidence?: readonly LifecycleEvidence[];
}
