// Internal: the check that keeps text PostgreSQL cannot store (U+0000, lone surrogates) out of every
// record, command and key, at validation, so every backend accepts exactly the same values.
import type * as z from "zod";
import { describeValue } from "./describe-value.js";
import { INPUT_LIMITS } from "./limits.js";
import { tooManyIssues } from "./parse.js";
import { type Issue, issue } from "./result.js";
import { unstorableText } from "./sql-text.js";

/** The message of an `unstorable_text` issue, from {@link unstorableText}'s reason. */
export function unstorableTextMessage(why: string): string {
  return `The text ${why}; it cannot be stored (PostgreSQL text and JSON refuse it): expected text without U+0000 or lone surrogates`;
}

/**
 * A zod schema that also refuses a string {@link unstorableText} finds, with code
 * `unstorable_text` (other values pass untouched). One regular-expression pass per string: linear
 * in its length.
 */
export function storable<S extends z.ZodType>(schema: S): S {
  return schema.check((payload) => {
    if (typeof payload.value !== "string") return;
    const why = unstorableText(payload.value);
    if (why !== null)
      payload.issues.push({
        code: "unstorable_text",
        input: payload.value,
        message: unstorableTextMessage(why),
      } as unknown as z.core.$ZodRawIssue);
  }) as S;
}

/**
 * The `unstorable_text` issues of every string and every key inside a JSON-like value (objects,
 * arrays), at their paths; at most {@link INPUT_LIMITS.issues}, then `too_many_issues`. Visits each
 * value once (a shared or cyclic object is read once), so the cost is linear in the value's size.
 *
 * @param value - Any value, typically a command parsed from JSON.
 * @param path - Where the value sits.
 * @returns The issues; empty when every string can be stored.
 */
export function unstorableTextIssues(value: unknown, path: readonly (string | number)[] = []): Issue[] {
  const issues: Issue[] = [];
  let dropped = 0;
  const add = (why: string, at: readonly (string | number)[], what: string) => {
    if (issues.length < INPUT_LIMITS.issues)
      issues.push(issue("unstorable_text", at, unstorableTextMessage(why).replace("The text", what)));
    else dropped++;
  };
  const seen = new WeakSet<object>();
  const stack: [unknown, readonly (string | number)[]][] = [[value, path]];
  while (stack.length > 0) {
    const [v, p] = stack.pop() as [unknown, readonly (string | number)[]];
    if (typeof v === "string") {
      const why = unstorableText(v);
      if (why !== null) add(why, p, "The text");
    } else if (typeof v === "object" && v !== null && !(v instanceof Date)) {
      if (seen.has(v)) continue;
      seen.add(v);
      if (Array.isArray(v)) {
        for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], [...p, i]]);
      } else {
        const keys = Object.keys(v);
        for (let i = keys.length - 1; i >= 0; i--) {
          const key = keys[i] as string;
          const why = unstorableText(key);
          if (why !== null) add(why, [...p, key], `The key ${describeValue(key).replace("the string ", "")}`);
          stack.push([(v as Record<string, unknown>)[key], [...p, key]]);
        }
      }
    }
  }
  return dropped === 0 ? issues : [...issues, tooManyIssues(dropped)];
}
