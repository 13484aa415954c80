import type { LifecycleRecord } from "../lifecycle-record.js";
import { datedRecordIssue, invalidInput, nowIssue } from "../transition/check-input.js";

/** Throws `invalid_input` for an Invalid `now` or a record whose dates are not Dates. */
function checkDates(record: unknown, now: unknown, summary: string): void {
  const bad = (now === undefined ? undefined : nowIssue(now)) ?? datedRecordIssue(record, ["history"]);
  if (bad !== undefined) throw invalidInput(summary, bad);
}

/**
 * One continuous period a record spent in a stage, read from its history.
 *
 * @example
 * ```ts
 * import { type StageStay, stageStays } from "leadkit/lifecycle";
 *
 * const days = (stay: StageStay) => Math.round(stay.ms / 86_400_000);
 * stageStays(lead, { now }).map((stay) => `${stay.stage}: ${days(stay)} days${stay.leftAt === null ? " so far" : ""}`);
 * ```
 * @category Lifecycle
 */
export interface StageStay<S extends string = string> {
  /** The stage. */
  readonly stage: S;
  /** When the record entered it (its `createdAt` for the first stay). */
  readonly enteredAt: Date;
  /** When it left; `null` for the current stage. */
  readonly leftAt: Date | null;
  /** How long it stayed, in milliseconds (until `now` for the current stage; never negative). */
  readonly ms: number;
}

/**
 * Options of {@link stageStays}, {@link timeInStage} and {@link timeToClose}.
 *
 * @example
 * ```ts
 * import { type StageTimeOptions, timeInStage } from "leadkit/lifecycle";
 *
 * const options: StageTimeOptions = { now };
 * timeInStage(lead, options) > 14 * 86_400_000; // in this stage for more than two weeks?
 * ```
 * @category Lifecycle
 */
export interface StageTimeOptions {
  /** The present: the end of the current stay. */
  readonly now: Date;
}

/**
 * Splits a record's life into stays, one per stage visited, from its `createdAt` and history — the
 * base of time-in-stage and time-to-close metrics.
 *
 * @param record - A record with `stage`, `history` and `createdAt`.
 * @param options - `now`, the end of the current stay.
 * @returns The stays, oldest first; the last one is the current stage.
 * @throws `LeadKitError` (`invalid_input`) for an Invalid Date `now`, or a record whose `createdAt`
 *   or history dates are not Dates (a record read back from JSON: revive it with `parseLead`).
 * @example
 * ```ts
 * import { stageStays } from "leadkit/lifecycle";
 *
 * const days = stageStays(lead, { now }).map((s) => [s.stage, s.ms / 86_400_000]);
 * ```
 * @category Lifecycle
 */
export function stageStays<S extends string>(
  record: LifecycleRecord<S> & { readonly createdAt: Date },
  options: StageTimeOptions,
): readonly StageStay<S>[] {
  checkDates(record, options?.now ?? null, "Cannot list the stage stays");
  const stays: StageStay<S>[] = [];
  let stage: S = record.history[0]?.from ?? record.stage;
  let enteredAt = record.createdAt;
  for (const entry of record.history) {
    stays.push({
      stage,
      enteredAt,
      leftAt: entry.at,
      ms: Math.max(0, entry.at.getTime() - enteredAt.getTime()),
    });
    stage = entry.to;
    enteredAt = entry.at;
  }
  stays.push({
    stage,
    enteredAt,
    leftAt: null,
    ms: Math.max(0, options.now.getTime() - enteredAt.getTime()),
  });
  return stays;
}

/**
 * How long a record has been in its current stage.
 *
 * @param record - A record with `stage`, `history` and `createdAt`.
 * @param options - `now`.
 * @returns Milliseconds since it entered its stage (since `createdAt` if it never moved).
 * @throws `LeadKitError` (`invalid_input`) for an Invalid Date `now`, or a record whose `createdAt`
 *   or history dates are not Dates (a record read back from JSON: revive it with `parseLead`).
 * @example
 * ```ts
 * import { timeInStage } from "leadkit/lifecycle";
 *
 * if (timeInStage(lead, { now }) > 30 * 86_400_000) console.log("stuck for a month");
 * ```
 * @category Lifecycle
 */
export function timeInStage<S extends string>(
  record: LifecycleRecord<S> & { readonly createdAt: Date },
  options: StageTimeOptions,
): number {
  checkDates(record, options?.now ?? null, "Cannot measure the time in stage");
  const since = record.history.at(-1)?.at ?? record.createdAt;
  return Math.max(0, options.now.getTime() - since.getTime());
}

/**
 * How long a record took to close: from `createdAt` to its first entry into a closing stage.
 *
 * @param record - A record with `history` and `createdAt`.
 * @param closedStages - The stages that count as closed (default `["customer"]`: time to win).
 * @returns Milliseconds, or `null` when it never closed.
 * @throws `LeadKitError` (`invalid_input`) for a record whose `createdAt` or history dates are not
 *   Dates (a record read back from JSON: revive it with `parseLead`).
 * @example
 * ```ts
 * import { timeToClose } from "leadkit/lifecycle";
 *
 * const ms = timeToClose(lead); // time to win
 * const toAnyEnd = timeToClose(lead, ["customer", "lost", "disqualified"]);
 * ```
 * @category Lifecycle
 */
export function timeToClose(
  record: Pick<LifecycleRecord, "history"> & { readonly createdAt: Date },
  closedStages: readonly string[] = ["customer"],
): number | null {
  checkDates(record, undefined, "Cannot measure the time to close");
  const entry = record.history.find((h) => closedStages.includes(h.to));
  return entry === undefined ? null : Math.max(0, entry.at.getTime() - record.createdAt.getTime());
}
