/**
 * The two origins a lead can have for a user (docs/origin.md): *active* when the user's own action
 * captured it, *passive* when it reached the user without that.
 *
 * @example
 * ```ts
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
 * const kind: OriginKind = "passive";
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
 * const relation: LeadRelation = "collaborator";
 * ```
 * @category Origin
 */
export type LeadRelation = (typeof LEAD_RELATIONS)[number];
