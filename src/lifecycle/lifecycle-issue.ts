import type { Issue } from "../internal/index.js";

/**
 * Why a transition was refused:
 *
 * - `unknown_stage` — the record is in a stage the lifecycle does not declare;
 * - `terminal_state` — the record's stage is terminal: no event leaves it;
 * - `unknown_event` — the lifecycle has no event of that name;
 * - `transition_not_allowed` — the event does not fire from the record's stage;
 * - `reason_required` — the event needs a non-blank reason;
 * - `automatic_not_allowed` — an automatic transition tried a manual event or a backward move;
 * - `no_previous_stage` — `@previous` found no entry into the current stage in the history;
 * - `guard_failed` — a named guard refused, with its reason;
 * - `before_last_move` — `now` is earlier than the record's last history entry, so the history
 *   would leave time order (and time in stage would come out negative);
 * - `invalid_type`, `invalid_value`, `too_small`, `too_big` — an input is malformed (the codes zod
 *   uses for the same problems): `now` is not a valid Date, `actor` is missing or blank, the event's
 *   reason or evidence is not what it should be, or the record has a string where a Date belongs
 *   (a record read back from JSON and not revived; see `parseLead`).
 *
 * @example
 * ```ts
 * import { defaultLifecycle, type LifecycleIssueCode, transition } from "leadkit/lifecycle";
 *
 * const moved = transition(defaultLifecycle, lead, "qualify", { now, actor: "u-ana" });
 * const codes: LifecycleIssueCode[] = moved.ok ? [] : moved.issues.map((i) => i.code);
 * codes.includes("guard_failed"); // true until a passing qualification is given as evidence
 * ```
 * @category Lifecycle
 */
export type LifecycleIssueCode =
  | "unknown_stage"
  | "terminal_state"
  | "unknown_event"
  | "transition_not_allowed"
  | "reason_required"
  | "automatic_not_allowed"
  | "no_previous_stage"
  | "invalid_type"
  | "invalid_value"
  | "too_small"
  | "too_big"
  | "guard_failed"
  | "before_last_move";

/**
 * An {@link Issue} from the lifecycle, with what a caller needs to explain it: the events that are
 * allowed from the stage, or the guard that failed.
 *
 * @example
 * ```ts
 * import { defaultLifecycle, transition } from "leadkit/lifecycle";
 *
 * const result = transition(defaultLifecycle, lead, "qualify", { now, actor: "u-ana" });
 * if (!result.ok) for (const i of result.issues) if (i.code === "guard_failed") console.log(i.guard, i.message);
 * ```
 * @category Lifecycle
 */
export interface LifecycleIssue extends Issue {
  /** What went wrong. */
  readonly code: LifecycleIssueCode;
  /** For `transition_not_allowed`, `unknown_event` and `terminal_state`: the events that do fire from the stage. */
  readonly allowedEvents?: readonly string[];
  /** For `guard_failed`: the guard's name. */
  readonly guard?: string;
}
