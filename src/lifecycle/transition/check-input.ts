// Internal: the checks at the boundary of transition and availableEvents. Values that come from
// JSON or untyped code (a string where a Date belongs, null evidence, a number for a reason) get an
// issue here, before anything reads them. Each check is a typeof or an instanceof, once per value:
// the cost is a few nanoseconds on a ~120 ns transition, and nothing runs per guard or per inner loop.
import {
  datedItemsIssue,
  dateIssue,
  describeValue,
  formatIssues,
  INPUT_LIMITS,
  type Issue,
  isValidDate,
  LeadKitError,
  quoteValue,
} from "../../internal/index.js";
import type { LifecycleIssue } from "../lifecycle-issue.js";
import { INTEREST_SIGNALS, PURCHASE_REQUESTS } from "./lifecycle-evidence.js";

const VERDICTS: readonly unknown[] = ["qualified", "disqualified", "needs_information"];
const SIGNALS: readonly unknown[] = INTEREST_SIGNALS;
const REQUESTS: readonly unknown[] = PURCHASE_REQUESTS;

function problem(
  code: LifecycleIssue["code"],
  path: readonly (string | number)[],
  message: string,
): LifecycleIssue {
  return { code, path, message };
}

const asLifecycleIssue = (found: Issue): LifecycleIssue => found as LifecycleIssue;

/** The issue with `now`, or `undefined` when it is a valid Date. */
export function nowIssue(now: unknown): LifecycleIssue | undefined {
  if (!isValidDate(now))
    return asLifecycleIssue(dateIssue(["now"], now, "pass the time of the move as a Date"));
  const time = now.getTime();
  return time >= FIRST_STORABLE && time <= LAST_STORABLE
    ? undefined
    : problem(
        "invalid_value",
        ["now"],
        `now is ${now.toISOString()}; expected a time in the years 0001–9999, which a lead can store`,
      );
}

// The times a lead's dates may hold (the lead model's timestamps): 0001-01-01 to 9999-12-31, UTC.
export const FIRST_STORABLE = -62_135_596_800_000;
export const LAST_STORABLE = 253_402_300_799_999;

/** The issue with an actor: a non-blank id. */
export function actorIssue(actor: unknown): LifecycleIssue | undefined {
  if (typeof actor !== "string")
    return problem(
      "invalid_type",
      ["actor"],
      `actor must be a user id (a string); got ${describeValue(actor)}`,
    );
  if (actor.length === 0 || (actor.charCodeAt(0) <= 32 && actor.trim() === ""))
    return problem(
      "too_small",
      ["actor"],
      `actor must name who moves the record; got ${describeValue(actor)}`,
    );
  if (actor.length > INPUT_LIMITS.idLength)
    return problem("too_big", ["actor"], `actor must be at most ${INPUT_LIMITS.idLength} characters`);
  return undefined;
}

/** The issue with the record's shape: a stage, and a history whose entries have valid dates. */
export function recordIssue(record: unknown): LifecycleIssue | undefined {
  if (record === null || typeof record !== "object")
    return problem("invalid_type", [], `The record must be an object; got ${describeValue(record)}`);
  const { stage, history } = record as { readonly stage?: unknown; readonly history?: unknown };
  if (typeof stage !== "string")
    return problem("invalid_type", ["stage"], `stage must be a string; got ${describeValue(stage)}`);
  if (!Array.isArray(history))
    return problem("invalid_type", ["history"], `history must be an array; got ${describeValue(history)}`);
  const dated = datedItemsIssue(history, ["history"]);
  return dated === undefined ? undefined : asLifecycleIssue(dated);
}

/** The issue with an event given as an object: its type, reason and evidence. */
export function eventIssue(event: unknown): LifecycleIssue | undefined {
  if (typeof event === "string") return undefined;
  if (event === null || typeof event !== "object")
    return problem(
      "invalid_type",
      ["event"],
      `The event must be its name or an object with a type; got ${describeValue(event)}`,
    );
  const { type, reason, evidence } = event as {
    readonly type?: unknown;
    readonly reason?: unknown;
    readonly evidence?: unknown;
  };
  if (typeof type !== "string")
    return problem(
      "invalid_type",
      ["event", "type"],
      `event.type must be a string; got ${describeValue(type)}`,
    );
  if (reason !== undefined) {
    if (typeof reason !== "string")
      return problem(
        "invalid_type",
        ["event", "reason"],
        `event.reason must be text; got ${describeValue(reason)}`,
      );
    if (reason.length > INPUT_LIMITS.longTextLength)
      return problem(
        "too_big",
        ["event", "reason"],
        `event.reason must be at most ${INPUT_LIMITS.longTextLength} characters`,
      );
  }
  return evidence === undefined ? undefined : evidenceIssue(evidence, ["event", "evidence"]);
}

/** The issue with a list of lifecycle evidence, or `undefined` when every item is well formed. */
export function evidenceIssue(
  evidence: unknown,
  path: readonly (string | number)[],
): LifecycleIssue | undefined {
  if (!Array.isArray(evidence))
    return problem(
      "invalid_type",
      path,
      `${path.join(".")} must be an array; got ${describeValue(evidence)}`,
    );
  if (evidence.length > INPUT_LIMITS.recordItems)
    return problem("too_big", path, `${path.join(".")} may hold at most ${INPUT_LIMITS.recordItems} items`);
  for (let i = 0; i < evidence.length; i++) {
    const found = evidenceItemIssue(evidence[i], path, i);
    if (found !== undefined) return found;
  }
  return undefined;
}

const pathOf = (list: readonly (string | number)[], index: number, field?: string) =>
  field === undefined ? [...list, index] : [...list, index, field];

/** The issue with the evidence item at `list[index]`; nothing is allocated when it is right. */
function evidenceItemIssue(
  item: unknown,
  list: readonly (string | number)[],
  index: number,
): LifecycleIssue | undefined {
  if (item === null || typeof item !== "object")
    return problem(
      "invalid_type",
      pathOf(list, index),
      `${pathOf(list, index).join(".")} must be an evidence object; got ${describeValue(item)}`,
    );
  const e = item as Readonly<Record<string, unknown>>;
  const kind = e["kind"];
  if (kind === "qualification") {
    if (typeof e["frameworkId"] !== "string" || e["frameworkId"] === "")
      return problem(
        "invalid_type",
        pathOf(list, index, "frameworkId"),
        `frameworkId must be a non-empty string; got ${describeValue(e["frameworkId"])}`,
      );
    if (!VERDICTS.includes(e["verdict"]))
      return problem(
        "invalid_value",
        pathOf(list, index, "verdict"),
        `Unknown verdict ${quoteValue(e["verdict"])}; expected qualified, disqualified or needs_information`,
      );
  } else if (kind === "interest") {
    if (!SIGNALS.includes(e["signal"]))
      return problem(
        "invalid_value",
        pathOf(list, index, "signal"),
        `Unknown interest signal ${quoteValue(e["signal"])}; expected one of ${INTEREST_SIGNALS.join(", ")}`,
      );
  } else if (kind === "purchase_request") {
    if (!REQUESTS.includes(e["request"]))
      return problem(
        "invalid_value",
        pathOf(list, index, "request"),
        `Unknown purchase request ${quoteValue(e["request"])}; expected one of ${PURCHASE_REQUESTS.join(", ")}`,
      );
  } else {
    return problem(
      "invalid_value",
      pathOf(list, index, "kind"),
      `Unknown evidence kind ${quoteValue(kind)}; expected qualification, interest or purchase_request`,
    );
  }
  const at = e["at"];
  if (at instanceof Date && !Number.isNaN(at.getTime())) return undefined;
  return asLifecycleIssue(
    dateIssue(
      pathOf(list, index, "at"),
      at,
      "evidence read from JSON keeps its dates as strings: revive it with lifecycleEvidenceSchema first",
    ),
  );
}

/**
 * Explains an error thrown while the guards read the record: a record read back from JSON without
 * being revived has strings where its interactions' dates belong. `undefined` when the record looks
 * right, so the caller rethrows (the error is then a bug in a guard, not bad input).
 */
export function guardInputIssue(record: unknown): LifecycleIssue | undefined {
  const interactions = (record as { readonly interactions?: unknown }).interactions;
  if (interactions === undefined) return undefined;
  if (!Array.isArray(interactions))
    return problem(
      "invalid_type",
      ["interactions"],
      `interactions must be an array; got ${describeValue(interactions)}`,
    );
  const dated = datedItemsIssue(interactions, ["interactions"]);
  return dated === undefined ? undefined : asLifecycleIssue(dated);
}

/**
 * The issue with a record read for its dates (staleness, stage stays, follow-ups): `createdAt` a valid
 * Date, and every `at` of the lists named in `lists`. Paths start with `prefix` (e.g. `["leads", 3]`).
 */
export function datedRecordIssue(
  record: unknown,
  lists: readonly ("history" | "interactions")[],
  prefix: readonly (string | number)[] = [],
): Issue | undefined {
  if (record === null || typeof record !== "object")
    return problem("invalid_type", prefix, `Expected a record; got ${describeValue(record)}`);
  const r = record as Readonly<Record<string, unknown>>;
  if (!isValidDate(r["createdAt"])) return dateIssue([...prefix, "createdAt"], r["createdAt"]);
  for (const list of lists) {
    const items = r[list];
    if (!Array.isArray(items))
      return problem(
        "invalid_type",
        [...prefix, list],
        `${list} must be an array; got ${describeValue(items)}`,
      );
    const dated = datedItemsIssue(items, [...prefix, list]);
    if (dated !== undefined) return dated;
  }
  return undefined;
}

/** The error the non-`Result` functions throw for malformed input: `invalid_input` with the issue. */
export function invalidInput(summary: string, found: Issue): LeadKitError {
  return new LeadKitError("invalid_input", formatIssues(summary, [found]), [found]);
}
