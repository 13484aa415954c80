// Internal: the `crossSegments` option, checked the same way for computeFunnelAggregate and funnelToSql.
import { describeValue, INPUT_LIMITS, type Issue, issue, quoteValue } from "../internal/index.js";
import { FUNNEL_DIMENSIONS, type FunnelDimension, type FunnelDimensionPair } from "./funnel-aggregate.js";

const EXAMPLE = '[["owner", "touch"]]';

/**
 * The distinct pairs of `value` (absent: none), in the order first asked; what is wrong with it is
 * pushed to `issues`, at `path` and below: `invalid_type` for a value that is not a list,
 * `invalid_cross_segment` for an item that is not a pair or pairs a dimension with itself, and
 * `unknown_dimension` for a name that is not one of {@link FUNNEL_DIMENSIONS}, and `too_big` for a
 * list longer than {@link INPUT_LIMITS.listItems} items (counted as given, duplicates included).
 */
export function checkCrossSegments(
  value: unknown,
  path: readonly (string | number)[],
  issues: Issue[],
): FunnelDimensionPair[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    issues.push(
      issue(
        "invalid_type",
        path,
        `Expected a list of pairs of funnel dimensions such as ${EXAMPLE}; got ${describeValue(value)}`,
      ),
    );
    return [];
  }
  if (value.length > INPUT_LIMITS.listItems) {
    issues.push(
      issue("too_big", path, `Expected at most ${INPUT_LIMITS.listItems} pairs, got ${value.length}`),
    );
    return [];
  }
  const pairs = new Map<string, FunnelDimensionPair>();
  value.forEach((pair: unknown, i) => {
    if (!Array.isArray(pair) || pair.length !== 2) {
      issues.push(
        issue(
          "invalid_cross_segment",
          [...path, i],
          `Expected a pair of funnel dimensions such as ["owner", "touch"]; got ${describeValue(pair)}`,
        ),
      );
      return;
    }
    let known = true;
    pair.forEach((d: unknown, j) => {
      if ((FUNNEL_DIMENSIONS as readonly unknown[]).includes(d)) return;
      known = false;
      issues.push(
        issue(
          "unknown_dimension",
          [...path, i, j],
          `Unknown funnel dimension ${quoteValue(d)} in a cross-segment; expected one of ${FUNNEL_DIMENSIONS.join(", ")}`,
        ),
      );
    });
    if (!known) return;
    const [a, b] = pair as [FunnelDimension, FunnelDimension];
    if (a === b) {
      issues.push(
        issue(
          "invalid_cross_segment",
          [...path, i],
          `The cross-segment pairs "${a}" with itself; expected two different dimensions, such as ["owner", "touch"]`,
        ),
      );
      return;
    }
    pairs.set(`${a}/${b}`, [a, b]);
  });
  return [...pairs.values()];
}
