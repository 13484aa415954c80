import type { RuleContribution, ScoreExplanation } from "leadkit/scoring";

/** One line of a score's explanation: what it is and the points it adds. */
export interface ScoreLine {
  readonly label: string;
  readonly points: number;
}

/**
 * The lines that explain a score and add up to it: the base points (rules that are the same for
 * every lead, so they say nothing about this one but still count), the `top` rules that weigh most,
 * one line for the other rules, and the corrections of the caps. `explainScore`'s law — the rules'
 * points plus the adjustments' points equal the value — makes the lines sum to `why.value`.
 */
export function explainScoreLines(
  why: ScoreExplanation,
  top: number,
  isBase: (rule: RuleContribution) => boolean,
): ScoreLine[] {
  const sum = (rules: readonly RuleContribution[]) => rules.reduce((s, r) => s + r.points, 0);
  const base = why.rules.filter(isBase);
  const signals = why.rules
    .filter((r) => !isBase(r) && r.points !== 0)
    .sort((a, b) => Math.abs(b.points) - Math.abs(a.points) || a.ruleId.localeCompare(b.ruleId));
  const rest = signals.slice(top);
  const lines: ScoreLine[] = [];
  if (base.length > 0) lines.push({ label: "base points", points: sum(base) });
  for (const r of signals.slice(0, top)) lines.push({ label: r.description ?? r.ruleId, points: r.points });
  if (rest.length > 0) lines.push({ label: `${rest.length} other signals`, points: sum(rest) });
  for (const a of why.adjustments)
    lines.push({
      label:
        a.kind === "group_cap" ? `${a.group ?? "group"} capped at ${a.limit}` : `total kept within 0–100`,
      points: a.points,
    });
  return lines;
}

/** `+4.8` or `-1.4`: a line's points as the examples print them. */
export const signedPoints = (points: number) => `${points >= 0 ? "+" : ""}${points.toFixed(1)}`;
