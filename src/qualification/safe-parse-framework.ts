import {
  capIssues,
  err,
  type Issue,
  issue,
  listValues,
  type Result,
  safeParseWith,
  unwrapOrThrow,
} from "../internal/index.js";
import { type QualificationFramework, qualificationFrameworkSchema } from "./schemas.js";

/**
 * Validates any value as a {@link QualificationFramework}; never throws.
 *
 * @remarks
 * Beyond the shape, it checks what a schema alone cannot: criterion ids are unique, an `at_least`
 * rule does not ask for more criteria than the framework has, and a `weighted` rule only weights
 * criteria that exist. Every issue carries the path of the offending value.
 *
 * @param input - Any value, typically parsed JSON.
 * @returns The framework, or issues such as `duplicate_criterion_id`, `impossible_rule` and
 * `unknown_criterion`.
 * @example
 * ```ts
 * import { readFileSync } from "node:fs";
 * import { safeParseFramework } from "leadkit/qualification";
 *
 * const result = safeParseFramework(JSON.parse(readFileSync("framework.json", "utf8")));
 * if (!result.ok) for (const i of result.issues) console.error(i.path.join("."), i.message);
 * ```
 * @category Qualification
 */
export function safeParseFramework(input: unknown): Result<QualificationFramework> {
  const parsed = safeParseWith(qualificationFrameworkSchema, input) as Result<QualificationFramework>;
  if (!parsed.ok) return parsed;
  const issues = consistencyIssues(parsed.value);
  return issues.length === 0 ? parsed : err(capIssues(issues));
}

/**
 * Validates any value as a {@link QualificationFramework}, throwing on bad input.
 *
 * @param input - Any value, typically parsed JSON.
 * @returns The framework.
 * @throws `LeadKitError` with code `invalid_input` and every issue (see {@link safeParseFramework}).
 * @example
 * ```ts
 * import { parseFramework } from "leadkit/qualification";
 *
 * declare const text: string; // a framework file's contents
 * const framework = parseFramework(JSON.parse(text));
 * ```
 * @category Qualification
 */
export function parseFramework(input: unknown): QualificationFramework {
  return unwrapOrThrow(safeParseFramework(input), "qualification framework");
}

function consistencyIssues(framework: QualificationFramework): Issue[] {
  const issues: Issue[] = [];
  const firstIndex = new Map<string, number>();
  framework.criteria.forEach((criterion, index) => {
    const first = firstIndex.get(criterion.id);
    if (first === undefined) firstIndex.set(criterion.id, index);
    else
      issues.push(
        issue(
          "duplicate_criterion_id",
          ["criteria", index, "id"],
          `Criterion id "${criterion.id}" is already used by criteria.${first}; expected unique criterion ids.`,
        ),
      );
  });
  const { rule } = framework;
  const total = framework.criteria.length;
  if (rule.kind === "at_least" && rule.count > total) {
    issues.push(
      issue(
        "impossible_rule",
        ["rule", "count"],
        `The rule needs ${rule.count} of ${total} criteria met, which can never happen; expected a count from 1 to ${total}.`,
      ),
    );
  }
  if (rule.kind === "weighted") {
    for (const id of Object.keys(rule.weights ?? {})) {
      if (!firstIndex.has(id)) {
        issues.push(
          issue(
            "unknown_criterion",
            ["rule", "weights", id],
            `The rule weights "${id}", which is not a criterion of this framework; expected one of ${listValues(firstIndex)}.`,
          ),
        );
      }
    }
  }
  return issues;
}
