import type { Lead } from "../model/index.js";
import { classifyOrigin } from "./classify-origin.js";
import type { CompiledOriginRules, OriginResult } from "./compile-origin-rules.js";
import type { LeadRelation } from "./vocabulary.js";

/**
 * A lead's origin for one user, with how that user is tied to the lead.
 *
 * @example
 * ```ts
 * import { compileOriginRules, DEFAULT_ORIGIN_RULES, originForUser } from "leadkit/origin";
 *
 * const rules = compileOriginRules(DEFAULT_ORIGIN_RULES);
 * const { kind, label, relation } = originForUser(rules, lead, "u-bruno");
 * ```
 * @category Origin
 */
export interface UserLeadOrigin extends OriginResult {
  /** How the user is tied to the lead (see {@link leadRelation}). */
  readonly relation: LeadRelation;
}

/**
 * Tells how a user is tied to a lead, strongest tie first: generator, owner, collaborator, `pool`
 * when the lead has no owner (it sits in a pool any teammate may claim), or unrelated. Team
 * membership is the sharing policy's concern, not this function's.
 *
 * @param lead - The lead.
 * @param userId - The user asking.
 * @returns The user's relation to the lead (never `unknown`).
 * @example
 * ```ts
 * import { leadRelation } from "leadkit/origin";
 *
 * leadRelation({ ...lead, owner: null, pool: "inbound" }, "u-bruno"); // "pool"
 * ```
 * @category Origin
 */
export function leadRelation(lead: Lead, userId: string): LeadRelation {
  if (lead.generatedBy === userId) return "generator";
  if (lead.owner === userId) return "owner";
  if (lead.collaborators.some((c) => c.userId === userId)) return "collaborator";
  if (lead.owner === null) return "pool";
  return "unrelated";
}

/**
 * Answers "what is this lead's origin for user U": active for the user who generated it, passive
 * ("shared with me", "referred", "inbound"...) for the others who received it.
 *
 * @param rules - Rules compiled with `compileOriginRules`, e.g.
 *   `compileOriginRules(DEFAULT_ORIGIN_RULES)`, compiled once.
 * @param lead - The lead; its capture facts and ownership are read.
 * @param userId - The user asking.
 * @returns The origin from that user's point of view, with the relation used.
 * @example
 * ```ts
 * import { compileOriginRules, DEFAULT_ORIGIN_RULES, originForUser } from "leadkit/origin";
 *
 * // Ana called the prospect, then shared the lead with Bruno.
 * const rules = compileOriginRules(DEFAULT_ORIGIN_RULES);
 * originForUser(rules, lead, "u-ana").label.es;   // "Lead generado por mí"
 * originForUser(rules, lead, "u-bruno").label.es; // "Lead compartido"
 * ```
 * @category Origin
 */
export function originForUser(rules: CompiledOriginRules, lead: Lead, userId: string): UserLeadOrigin {
  const relation = leadRelation(lead, userId);
  return { ...classifyOrigin(rules, lead.capture, { userId, relation }), relation };
}
