// Internal: the checks shared by transition and availableEvents, so the two cannot disagree.

import { type CompiledMove, isBackward, type Tables } from "../definition/lifecycle-tables.js";
import type { LifecycleIssue } from "../lifecycle-issue.js";
import type { LifecycleEvent, LifecycleRecord } from "../lifecycle-record.js";
import { guardInputIssue } from "./check-input.js";

const NO_EVENTS: readonly string[] = Object.freeze([]);

/** Finds the move for an event from the record's stage, or the issue saying why there is none. */
export function findMove(compiled: Tables, stage: string, type: string): CompiledMove | LifecycleIssue {
  // Kept small so that it inlines into transition; the issues are built apart.
  const move = compiled.moves.get(stage)?.get(type);
  return move === undefined ? missingMove(compiled, stage, type) : move;
}

function missingMove(compiled: Tables, stage: string, type: string): LifecycleIssue {
  const table = compiled.moves.get(stage);
  if (table === undefined) {
    return {
      code: "unknown_stage",
      path: ["stage"],
      message: `The record is in stage "${stage}", which lifecycle "${compiled.id}" does not declare; expected one of ${[...compiled.stages].join(", ")}`,
    };
  }
  const allowedEvents = compiled.eventsFrom.get(stage) ?? NO_EVENTS;
  if (compiled.terminal.has(stage)) {
    return {
      code: "terminal_state",
      path: ["stage"],
      message: `Stage "${stage}" is terminal in lifecycle "${compiled.id}": no event leaves it, so "${type}" cannot fire`,
      allowedEvents,
    };
  }
  const allowed = allowedEvents.length > 0 ? allowedEvents.join(", ") : "(none)";
  const from = compiled.fromOf.get(type);
  if (from === undefined) {
    return {
      code: "unknown_event",
      path: ["event", "type"],
      message: `Lifecycle "${compiled.id}" has no event "${type}"; from "${stage}" the allowed events are ${allowed}`,
      allowedEvents,
    };
  }
  return {
    code: "transition_not_allowed",
    path: ["event", "type"],
    message: `Event "${type}" does not fire from stage "${stage}" (it fires from ${from.join(", ")}); from "${stage}" the allowed events are ${allowed}`,
    allowedEvents,
  };
}

/** The stage the record was in before entering its current one, from its history. */
export function previousStage(record: LifecycleRecord): string | undefined {
  const history = record.history;
  for (let i = history.length - 1; i >= 0; i--) {
    const entry = history[i];
    if (entry !== undefined && entry.to === record.stage) return entry.from;
  }
  return undefined;
}

/**
 * Checks a move against the record and event: reason, automation, target and guards. Returns the
 * target stage, or every issue found (all guards run, so the answer is complete).
 */
export function checkMove(
  compiled: Tables,
  move: CompiledMove,
  record: LifecycleRecord,
  event: LifecycleEvent,
  now: Date,
  automatic: boolean,
  checkReason: boolean,
): string | LifecycleIssue[] {
  // No closures here: this is the hot path of every transition, and a per-call closure over a
  // mutable local costs more than all the checks together.
  let issues: LifecycleIssue[] | undefined;
  const last = record.history[record.history.length - 1];
  if (last !== undefined && now.getTime() < last.at.getTime()) {
    issues = append(issues, {
      code: "before_last_move",
      path: ["now"],
      message: `now (${now.toISOString()}) is before the record's last move ("${last.event}" at ${last.at.toISOString()}); the history must stay in time order: pass a now at or after it`,
    });
  }
  if (checkReason && move.requiresReason && (event.reason === undefined || event.reason.trim() === "")) {
    issues = append(issues, {
      code: "reason_required",
      path: ["event", "reason"],
      message: `Event "${move.event}" needs a reason: give a non-blank event.reason`,
    });
  }
  let to = move.to;
  if (to === null) {
    const previous = previousStage(record);
    if (previous === undefined || !compiled.stages.has(previous) || compiled.terminal.has(previous)) {
      issues = append(issues, {
        code: "no_previous_stage",
        path: ["history"],
        message: `Event "${move.event}" returns to the stage before "${move.from}", but the history has no entry into "${move.from}" from a stage that can be returned to`,
      });
    } else to = previous;
  }
  if (automatic) {
    if (move.manual) {
      issues = append(issues, {
        code: "automatic_not_allowed",
        path: ["automatic"],
        message: `Event "${move.event}" is manual: only a person may fire it, not an automatic transition`,
      });
    } else if (to !== null && isBackward(compiled, move.from, to)) {
      issues = append(issues, {
        code: "automatic_not_allowed",
        path: ["automatic"],
        message: `An automatic transition may only move forward; "${move.event}" moves back from "${move.from}" to "${to}"`,
      });
    }
  }
  if (move.guards.length > 0) {
    const input = { record, event, from: move.from, to: to ?? move.from, now };
    for (let i = 0; i < move.guards.length; i++) {
      let verdict: ReturnType<(typeof move.guards)[number]>;
      try {
        verdict = (move.guards[i] as (typeof move.guards)[number])(input);
      } catch (error) {
        // The guards read the record's interactions, which the boundary does not walk (that would
        // cost every move a pass over them): a record read back from JSON has strings for their
        // dates, and the guard's TypeError is answered with the issue that explains it. Any other
        // error is a guard's own bug and goes on.
        const found = guardInputIssue(record);
        if (found === undefined) throw error;
        return [found];
      }
      if (!verdict.pass) {
        const guard = move.guardNames[i] ?? "";
        issues = append(issues, {
          code: "guard_failed",
          path: ["event"],
          message: `Guard "${guard}" refused event "${move.event}" from "${move.from}": ${verdict.reason}`,
          guard,
        });
      }
    }
  }
  if (issues !== undefined) return issues;
  return to as string;
}

function append(issues: LifecycleIssue[] | undefined, found: LifecycleIssue): LifecycleIssue[] {
  if (issues === undefined) return [found];
  issues.push(found);
  return issues;
}
