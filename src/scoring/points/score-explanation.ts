import type { InteractionType } from "../../model/index.js";
import type { RuleProvenance } from "./points-model.js";

/**
 * A lead's score under one model: the total (0–100) and each group's value after its caps.
 *
 * @example
 * ```ts
 * import { compilePointsModel, DEFAULT_POINTS_MODEL, type LeadScore, scoreLead } from "leadkit/scoring";
 *
 * const score: LeadScore = scoreLead(compilePointsModel(DEFAULT_POINTS_MODEL), lead, now);
 * console.log(`${score.value} (${Object.entries(score.groups).map(([g, v]) => `${g} ${v}`).join(", ")})`);
 * ```
 * @category Scoring
 */
export interface LeadScore {
  /** The model that produced the score. */
  readonly modelId: string;
  /** The total, within 0–100. */
  readonly value: number;
  /** Each group's value after its caps, by group id (before the total is kept within 0–100). */
  readonly groups: Readonly<Record<string, number>>;
}

/**
 * One interaction a rule counted, with the decay factor applied to it.
 *
 * @example
 * ```ts
 * import { compilePointsModel, DEFAULT_POINTS_MODEL, explainScore, type MatchedInteraction } from "leadkit/scoring";
 *
 * // Which interactions earned each rule its points, and how much decay left of each.
 * const when = (m: MatchedInteraction) => `${m.type} on ${m.at.toDateString()} ×${m.factor}`;
 * for (const rule of explainScore(compilePointsModel(DEFAULT_POINTS_MODEL), lead, now).rules)
 *   console.log(rule.ruleId, rule.interactions.map(when));
 * ```
 * @category Scoring
 */
export interface MatchedInteraction {
  /** The interaction's id. */
  readonly id: string;
  /** Its type. */
  readonly type: InteractionType;
  /** When it happened. */
  readonly at: Date;
  /** The decay factor applied to its points, from 1 (fresh) to 0 (fully faded). */
  readonly factor: number;
}

/**
 * What one rule that fired contributed, step by step.
 *
 * @example
 * ```ts
 * import type { RuleContribution } from "leadkit/scoring";
 *
 * const line = (c: RuleContribution) => `${c.ruleId}: ${c.beforeDecay} → ${c.afterDecay} → ${c.points}`;
 * ```
 * @category Scoring
 */
export interface RuleContribution {
  /** The rule's id. */
  readonly ruleId: string;
  /** The group it belongs to. */
  readonly group: string;
  /** The rule's description, when it has one. */
  readonly description?: string;
  /** The points the rule awards per occurrence. */
  readonly basePoints: number;
  /** How many times it fired: matching interactions for repeatable rules, otherwise 1. */
  readonly occurrences: number;
  /** Points before decay: `basePoints × occurrences`. */
  readonly beforeDecay: number;
  /** Points after decay, before the rule's cap. */
  readonly afterDecay: number;
  /** Points after the rule's cap: what the rule adds to its group. */
  readonly points: number;
  /** The interactions counted, most recent first; empty for rules over lead attributes. */
  readonly interactions: readonly MatchedInteraction[];
  /** Where a data-driven rule came from (support, conversions, rate, lift). */
  readonly provenance?: RuleProvenance;
}

/**
 * A group's sum of rule points and its value after the group's caps.
 *
 * @example
 * ```ts
 * import type { GroupScore } from "leadkit/scoring";
 *
 * const capped = (g: GroupScore) => g.sum !== g.value;
 * ```
 * @category Scoring
 */
export interface GroupScore {
  /** The group's id. */
  readonly group: string;
  /** The group's label, when it has one. */
  readonly label?: string;
  /** The sum of its rules' points. */
  readonly sum: number;
  /** The value after the group's min and max. */
  readonly value: number;
}

/**
 * A correction the caps made, so that rule points plus adjustments add up to the score: a group's
 * min/max (`group_cap`) or the 0–100 range of the total (`total_clamp`).
 *
 * @example
 * ```ts
 * import { compilePointsModel, DEFAULT_POINTS_MODEL, explainScore, type ScoreAdjustment } from "leadkit/scoring";
 *
 * // Caps and clamps are lines of the explanation too, so the lines add up to the score.
 * const line = (a: ScoreAdjustment) => `${a.kind === "group_cap" ? `${a.group} capped at` : "total clamped to"} ${a.limit}: ${a.points}`;
 * explainScore(compilePointsModel(DEFAULT_POINTS_MODEL), lead, now).adjustments.map(line);
 * ```
 * @category Scoring
 */
export interface ScoreAdjustment {
  /** Which cap applied. */
  readonly kind: "group_cap" | "total_clamp";
  /** The group, for `group_cap`. */
  readonly group?: string;
  /** The limit that applied (a group's min or max, or 0 or 100 for the total). */
  readonly limit: number;
  /** Points added (negative: removed) by the cap. */
  readonly points: number;
}

/**
 * A score with its full breakdown. The law: the rules' `points` plus the adjustments' `points`
 * add up to `value`.
 *
 * @example
 * ```ts
 * import type { ScoreExplanation } from "leadkit/scoring";
 *
 * const parts = (e: ScoreExplanation) =>
 *   e.rules.reduce((s, r) => s + r.points, 0) + e.adjustments.reduce((s, a) => s + a.points, 0);
 * ```
 * @category Scoring
 */
export interface ScoreExplanation {
  /** The model that produced the score. */
  readonly modelId: string;
  /** The total, within 0–100 (equal to `scoreLead`'s value). */
  readonly value: number;
  /** The moment the score was computed for (decay and windows count back from it). */
  readonly at: Date;
  /** Every group, in the model's order. */
  readonly groups: readonly GroupScore[];
  /** Every rule that fired, in the model's order. */
  readonly rules: readonly RuleContribution[];
  /** The corrections the caps made. */
  readonly adjustments: readonly ScoreAdjustment[];
}
