/**
 * The two origins a lead can have for a user (docs/origin.md): *active* when the user's own action
 * captured it, *passive* when it reached the user without that.
 *
 * @example
 * ```ts
 * import { ORIGIN_KINDS } from "leadkit/origin";
 *
 * ORIGIN_KINDS; // ["active", "passive"]
 * ```
 * @category Origin
 */
export const ORIGIN_KINDS = ["active", "passive"] as const;

/**
 * One of {@link ORIGIN_KINDS}.
 *
 * @example
 * ```ts
 * import { classifyOrigin, compileOriginRules, DEFAULT_ORIGIN_RULES, type OriginKind } from "leadkit/origin";
 *
 * const rules = compileOriginRules(DEFAULT_ORIGIN_RULES);
 * const kind: OriginKind = classifyOrigin(rules, lead.capture, { userId: "u-ana" }).kind;
 * kind === "passive" ? "arrived on its own, shared or referred" : "Ana's own work";
 * ```
 * @category Origin
 */
export type OriginKind = (typeof ORIGIN_KINDS)[number];

/**
 * Who initiated a capture, relative to the user asking: that user (`self`), another user, the
 * contact, or an automation.
 *
 * @example
 * ```ts
 * import { RELATIVE_INITIATORS } from "leadkit/origin";
 *
 * RELATIVE_INITIATORS; // ["self", "other_user", "contact", "automation"]
 * ```
 * @category Origin
 */
export const RELATIVE_INITIATORS = ["self", "other_user", "contact", "automation"] as const;

/**
 * One of {@link RELATIVE_INITIATORS}.
 *
 * @example
 * ```ts
 * import type { RelativeInitiator } from "leadkit/origin";
 *
 * const initiator: RelativeInitiator = "self";
 * ```
 * @category Origin
 */
export type RelativeInitiator = (typeof RELATIVE_INITIATORS)[number];

/**
 * Who manages the capture point, relative to the user asking: that user, another user, the company
 * (public website), a campaign, a partner — or `none` when the facts name no capture point.
 *
 * @example
 * ```ts
 * import { RELATIVE_CAPTURE_POINTS } from "leadkit/origin";
 *
 * RELATIVE_CAPTURE_POINTS.includes("company"); // true
 * ```
 * @category Origin
 */
export const RELATIVE_CAPTURE_POINTS = [
  "self",
  "other_user",
  "company",
  "campaign",
  "partner",
  "none",
] as const;

/**
 * One of {@link RELATIVE_CAPTURE_POINTS}.
 *
 * @example
 * ```ts
 * import type { RelativeCapturePoint } from "leadkit/origin";
 *
 * const manager: RelativeCapturePoint = "company";
 * ```
 * @category Origin
 */
export type RelativeCapturePoint = (typeof RELATIVE_CAPTURE_POINTS)[number];

/**
 * Who shared or referred the lead, relative to the user asking — `none` when nobody did.
 *
 * @example
 * ```ts
 * import { RELATIVE_REFERRERS } from "leadkit/origin";
 *
 * RELATIVE_REFERRERS; // ["self", "other_user", "none"]
 * ```
 * @category Origin
 */
export const RELATIVE_REFERRERS = ["self", "other_user", "none"] as const;

/**
 * One of {@link RELATIVE_REFERRERS}.
 *
 * @example
 * ```ts
 * import type { RelativeReferrer } from "leadkit/origin";
 *
 * const referrer: RelativeReferrer = "other_user";
 * ```
 * @category Origin
 */
export type RelativeReferrer = (typeof RELATIVE_REFERRERS)[number];

/**
 * How the user asking is tied to a lead, strongest first: its generator, its owner, a collaborator,
 * a member of the pool it sits in, unrelated — or `unknown` when only capture facts are classified.
 *
 * @example
 * ```ts
 * import { LEAD_RELATIONS } from "leadkit/origin";
 *
 * LEAD_RELATIONS[0]; // "generator"
 * ```
 * @category Origin
 */
export const LEAD_RELATIONS = ["generator", "owner", "collaborator", "pool", "unrelated", "unknown"] as const;

/**
 * One of {@link LEAD_RELATIONS}.
 *
 * @example
 * ```ts
 * import { classifyOrigin, compileOriginRules, DEFAULT_ORIGIN_RULES, type LeadRelation } from "leadkit/origin";
 *
 * // The same capture, seen by a collaborator Ana shared the lead with: a shared (passive) lead.
 * const rules = compileOriginRules(DEFAULT_ORIGIN_RULES);
 * const relation: LeadRelation = "collaborator";
 * classifyOrigin(rules, lead.capture, { userId: "u-bruno", relation }).label.en;
 * ```
 * @category Origin
 */
export type LeadRelation = (typeof LEAD_RELATIONS)[number];
