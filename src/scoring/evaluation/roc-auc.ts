import {
  describeValue,
  err,
  INPUT_LIMITS,
  type Issue,
  issue,
  ok,
  type Result,
  tooManyIssues,
  unwrapOrThrow,
} from "../../internal/index.js";

/**
 * A score and whether the record converted: what every evaluation takes.
 *
 * @example
 * ```ts
 * import { type LabelledScore, rocAuc } from "leadkit/scoring";
 *
 * // Last year's closed leads, each with the score it had when it was open.
 * declare const closed: readonly { readonly score: number; readonly stage: string }[];
 * const labelled: LabelledScore[] = closed.map((c) => ({ score: c.score, converted: c.stage === "customer" }));
 * rocAuc(labelled); // 0.5 is chance, 1 a perfect ranking
 * ```
 * @category Scoring
 */
export interface LabelledScore {
  /** The model's score; higher means more likely to convert. */
  readonly score: number;
  /** Whether the record converted (was won). */
  readonly converted: boolean;
}

/**
 * The area under the ROC curve, returning issues instead of throwing: the safe twin of
 * {@link rocAuc}.
 *
 * @param labelled - Scores with outcomes.
 * @returns The AUC (or `null` when there are no converted or no non-converted records), or
 *   `invalid_score` issues at `[index, "score"]` for scores that are not finite numbers (NaN would
 *   make the ranking meaningless; at most 100 issues are listed).
 * @example
 * ```ts
 * import { safeRocAuc } from "leadkit/scoring";
 *
 * const auc = safeRocAuc([{ score: Number.NaN, converted: true }]);
 * // { ok: false, issues: [{ code: "invalid_score", path: [0, "score"], … }] }
 * ```
 * @category Scoring
 */
export function safeRocAuc(labelled: readonly LabelledScore[]): Result<number | null> {
  if (!Array.isArray(labelled))
    return err([
      issue(
        "invalid_type",
        [],
        `Expected an array of { score, converted } records; got ${describeValue(labelled)}`,
      ),
    ]);
  const issues: Issue[] = [];
  let bad = 0;
  labelled.forEach((l, i) => {
    const score: unknown = l?.score;
    if (typeof score === "number" && Number.isFinite(score)) return;
    bad++;
    if (issues.length < INPUT_LIMITS.issues)
      issues.push(
        issue("invalid_score", [i, "score"], `Expected a finite score, got ${describeValue(score)}`),
      );
  });
  if (bad > issues.length) issues.push(tooManyIssues(bad - issues.length));
  if (issues.length > 0) return err(issues);
  return ok(auc(labelled));
}

/**
 * The area under the ROC curve: the chance that a random converted record scores above a random
 * non-converted one (ties count half). 0.5 is guessing, 1 is a perfect ranking.
 *
 * @param labelled - Scores with outcomes; scores must be finite.
 * @returns The AUC, or `null` when there are no converted or no non-converted records.
 * @throws LeadKitError `invalid_input` with the issues of {@link safeRocAuc} for a score that is
 *   not a finite number.
 * @example
 * ```ts
 * import { rocAuc } from "leadkit/scoring";
 *
 * rocAuc([{ score: 0.9, converted: true }, { score: 0.2, converted: false }]); // 1
 * ```
 * @category Scoring
 */
export function rocAuc(labelled: readonly LabelledScore[]): number | null {
  return unwrapOrThrow(safeRocAuc(labelled), "scores for ROC AUC");
}

function auc(labelled: readonly LabelledScore[]): number | null {
  const sorted = [...labelled].sort((a, b) => a.score - b.score);
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j < sorted.length && (sorted[j] as LabelledScore).score === (sorted[i] as LabelledScore).score)
      j++;
    // ranks i+1 … j share their average
    const averageRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++)
      if ((sorted[k] as LabelledScore).converted) {
        positives++;
        rankSum += averageRank;
      }
    i = j;
  }
  const negatives = sorted.length - positives;
  if (positives === 0 || negatives === 0) return null;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
