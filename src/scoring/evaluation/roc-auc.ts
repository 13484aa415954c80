/**
 * A score and whether the record converted: what every evaluation takes.
 *
 * @example
 * ```ts
 * const labelled: LabelledScore = { score: 72.5, converted: true };
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
 * The area under the ROC curve: the chance that a random converted record scores above a random
 * non-converted one (ties count half). 0.5 is guessing, 1 is a perfect ranking.
 *
 * @param labelled - Scores with outcomes; scores must be finite.
 * @returns The AUC, or `null` when there are no converted or no non-converted records.
 * @example
 * ```ts
 * rocAuc([{ score: 0.9, converted: true }, { score: 0.2, converted: false }]); // 1
 * ```
 * @category Scoring
 */
export function rocAuc(labelled: readonly LabelledScore[]): number | null {
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
