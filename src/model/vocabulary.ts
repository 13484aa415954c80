/**
 * What a contact is to the company. Only {@link FUNNEL_CONTACT_KINDS} may enter the sales funnel:
 * vendors, partners, employees and bots are recorded but never become leads (docs/concepts.md).
 *
 * @example
 * ```ts
 * import { CONTACT_KINDS } from "leadkit";
 *
 * CONTACT_KINDS.includes("bot"); // true
 * ```
 * @category Model
 */
export const CONTACT_KINDS = [
  "prospect",
  "customer",
  "vendor",
  "partner",
  "employee",
  "bot",
  "other",
] as const;

/**
 * One of {@link CONTACT_KINDS}.
 *
 * @example
 * ```ts
 * import type { ContactKind } from "leadkit";
 *
 * // Vendors, partners, employees and bots never enter the funnel; prospects and customers do.
 * const sellable = (kind: ContactKind) => kind === "prospect" || kind === "customer";
 * sellable(lead.contact.kind);
 * ```
 * @category Model
 */
export type ContactKind = (typeof CONTACT_KINDS)[number];

/**
 * The contact kinds that may enter the funnel: prospects, and customers (who can buy again).
 *
 * @example
 * ```ts
 * import { FUNNEL_CONTACT_KINDS } from "leadkit";
 *
 * FUNNEL_CONTACT_KINDS; // ["prospect", "customer"]
 * ```
 * @category Model
 */
export const FUNNEL_CONTACT_KINDS = ["prospect", "customer"] as const satisfies readonly ContactKind[];

/**
 * The stages of the default lifecycle: the main path, in order, then the side states.
 * This list is the single owner of stage names; the lifecycle module defines the moves between them.
 *
 * @example
 * ```ts
 * import { LEAD_STAGES } from "leadkit";
 *
 * LEAD_STAGES[0]; // "contact"
 * ```
 * @category Model
 */
export const LEAD_STAGES = [
  "contact",
  "lead",
  "prospect",
  "potential_client",
  "customer",
  "nurturing",
  "disqualified",
  "lost",
  "archived",
] as const;

/**
 * One of {@link LEAD_STAGES}.
 *
 * @example
 * ```ts
 * import type { LeadStage } from "leadkit";
 *
 * const late: readonly LeadStage[] = ["potential_client", "customer"];
 * if (late.includes(lead.stage)) console.log(`${lead.id} is close to a sale`);
 * ```
 * @category Model
 */
export type LeadStage = (typeof LEAD_STAGES)[number];

/**
 * The main path of the funnel, in order: contact → lead → prospect → potential client → customer.
 *
 * @example
 * ```ts
 * import { FUNNEL_STAGES } from "leadkit";
 *
 * FUNNEL_STAGES.indexOf("prospect"); // 2
 * ```
 * @category Model
 */
export const FUNNEL_STAGES = [
  "contact",
  "lead",
  "prospect",
  "potential_client",
  "customer",
] as const satisfies readonly LeadStage[];

/**
 * How interested a lead has shown itself to be.
 *
 * @example
 * ```ts
 * import { INTEREST_LEVELS } from "leadkit";
 *
 * INTEREST_LEVELS; // ["unknown", "low", "medium", "high"]
 * ```
 * @category Model
 */
export const INTEREST_LEVELS = ["unknown", "low", "medium", "high"] as const;

/**
 * One of {@link INTEREST_LEVELS}.
 *
 * @example
 * ```ts
 * import type { InterestLevel } from "leadkit";
 *
 * const callFirst = (level: InterestLevel) => level === "high" || level === "medium";
 * callFirst(lead.interestLevel);
 * ```
 * @category Model
 */
export type InterestLevel = (typeof INTEREST_LEVELS)[number];

/**
 * Where the seller is with a lead in the conversation, independent of its lifecycle stage.
 *
 * @example
 * ```ts
 * import { PROGRESS_STATUSES } from "leadkit";
 *
 * PROGRESS_STATUSES.includes("contacted"); // true
 * ```
 * @category Model
 */
export const PROGRESS_STATUSES = [
  "not_contacted",
  "attempting_contact",
  "contacted",
  "in_conversation",
  "awaiting_response",
  "closed",
] as const;

/**
 * One of {@link PROGRESS_STATUSES}.
 *
 * @example
 * ```ts
 * import type { ProgressStatus } from "leadkit";
 *
 * const waitingOnUs = (status: ProgressStatus) => status === "not_contacted" || status === "attempting_contact";
 * waitingOnUs(lead.progressStatus);
 * ```
 * @category Model
 */
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];

/**
 * Company size bands by head count, as most CRMs and enrichment services report them.
 *
 * @example
 * ```ts
 * import { COMPANY_SIZE_BANDS } from "leadkit";
 *
 * COMPANY_SIZE_BANDS[0]; // "1-10"
 * ```
 * @category Model
 */
export const COMPANY_SIZE_BANDS = [
  "1-10",
  "11-50",
  "51-200",
  "201-500",
  "501-1000",
  "1001-5000",
  "5001+",
] as const;

/**
 * One of {@link COMPANY_SIZE_BANDS}.
 *
 * @example
 * ```ts
 * import { COMPANY_SIZE_BANDS, type CompanySizeBand } from "leadkit";
 *
 * // Bands are ordered, so "at least 51 employees" is an index comparison.
 * const atLeast = (band: CompanySizeBand | undefined, min: CompanySizeBand) =>
 *   band !== undefined && COMPANY_SIZE_BANDS.indexOf(band) >= COMPANY_SIZE_BANDS.indexOf(min);
 * atLeast(lead.contact.companySize, "51-200");
 * ```
 * @category Model
 */
export type CompanySizeBand = (typeof COMPANY_SIZE_BANDS)[number];

/**
 * Communication channels, for interactions and for do-not-contact flags.
 *
 * @example
 * ```ts
 * import { CHANNELS } from "leadkit";
 *
 * CHANNELS.includes("phone"); // true
 * ```
 * @category Model
 */
export const CHANNELS = [
  "email",
  "phone",
  "sms",
  "web",
  "social",
  "chat",
  "in_person",
  "mail",
  "other",
] as const;

/**
 * One of {@link CHANNELS}.
 *
 * @example
 * ```ts
 * import { type Channel, checkContactPermission } from "leadkit";
 *
 * const channel: Channel = "email";
 * checkContactPermission(lead.contact, { channel, purpose: "sales_follow_up", at: now }).ok;
 * ```
 * @category Model
 */
export type Channel = (typeof CHANNELS)[number];

/**
 * Who started an interaction or a capture: a user of the CRM, the contact, or an automation
 * (a campaign, a sequence, an import job). Relative labels such as "another user" are derived
 * by comparing `userId` with the user asking.
 *
 * @example
 * ```ts
 * import { INITIATOR_KINDS } from "leadkit";
 *
 * INITIATOR_KINDS; // ["user", "contact", "automation"]
 * ```
 * @category Model
 */
export const INITIATOR_KINDS = ["user", "contact", "automation"] as const;

/**
 * One of {@link INITIATOR_KINDS}.
 *
 * @example
 * ```ts
 * import type { InitiatorKind } from "leadkit";
 *
 * const inbound = (kind: InitiatorKind) => kind === "contact";
 * inbound(lead.capture.initiator.kind); // true when the contact reached out first
 * ```
 * @category Model
 */
export type InitiatorKind = (typeof INITIATOR_KINDS)[number];

/**
 * Built-in interaction types. Custom types are written `custom:<name>` (see {@link InteractionType}).
 *
 * @example
 * ```ts
 * import { BUILTIN_INTERACTION_TYPES } from "leadkit";
 *
 * BUILTIN_INTERACTION_TYPES.includes("email_click"); // true
 * ```
 * @category Model
 */
export const BUILTIN_INTERACTION_TYPES = [
  "email_sent",
  "email_open",
  "email_click",
  "email_bounce",
  "newsletter_subscribe",
  "newsletter_unsubscribe",
  "form_submit",
  "content_download",
  "webinar_registered",
  "webinar_attended",
  "page_view",
  "social_like",
  "social_comment",
  "social_share",
  "social_link_click",
  "social_follow",
  "call",
  "meeting_scheduled",
  "meeting_held",
  "message",
  "demo_request",
  "pricing_request",
  "contact_sales_request",
  "manual_entry",
  "import",
] as const;

/**
 * One of {@link BUILTIN_INTERACTION_TYPES}.
 *
 * @example
 * ```ts
 * import { BUILTIN_INTERACTION_TYPES, type BuiltinInteractionType } from "leadkit";
 *
 * const isBuiltin = (type: string): type is BuiltinInteractionType =>
 *   (BUILTIN_INTERACTION_TYPES as readonly string[]).includes(type);
 * lead.interactions.filter((i) => isBuiltin(i.type)).length;
 * ```
 * @category Model
 */
export type BuiltinInteractionType = (typeof BUILTIN_INTERACTION_TYPES)[number];

/**
 * A caller-defined interaction type: `custom:` followed by a lowercase name. The prefix keeps
 * custom types from colliding with built-in ones and keeps typos in built-in names a compile error.
 *
 * @example
 * ```ts
 * import { type CustomInteractionType, parseInteraction } from "leadkit";
 *
 * const type: CustomInteractionType = "custom:trial_started";
 * parseInteraction({ id: "i9", type, at: now, initiator: { kind: "contact" } }).type; // "custom:trial_started"
 * ```
 * @category Model
 */
export type CustomInteractionType = `custom:${string}`;

/**
 * Any interaction type: built-in or `custom:<name>`.
 *
 * @example
 * ```ts
 * import type { InteractionType } from "leadkit";
 *
 * const engaged: readonly InteractionType[] = ["email_click", "custom:trial_started"];
 * lead.interactions.some((i) => engaged.includes(i.type));
 * ```
 * @category Model
 */
export type InteractionType = BuiltinInteractionType | CustomInteractionType;

/**
 * Page kinds for `page_view` interactions; product and pricing visits are buying signals (docs/scoring.md).
 *
 * @example
 * ```ts
 * import { PAGE_KINDS } from "leadkit";
 *
 * PAGE_KINDS; // ["product", "pricing", "other"]
 * ```
 * @category Model
 */
export const PAGE_KINDS = ["product", "pricing", "other"] as const;

/**
 * How a lead was captured — the fact the origin rules look at first.
 *
 * @example
 * ```ts
 * import { CAPTURE_CHANNELS } from "leadkit";
 *
 * CAPTURE_CHANNELS.includes("self_signup"); // true
 * ```
 * @category Model
 */
export const CAPTURE_CHANNELS = [
  "call",
  "meeting",
  "message",
  "email",
  "manual_entry",
  "form",
  "import",
  "campaign",
  "referral",
  "share",
  "self_signup",
  "chat",
  "event",
  "social",
  "other",
] as const;

/**
 * One of {@link CAPTURE_CHANNELS}.
 *
 * @example
 * ```ts
 * import type { CaptureChannel } from "leadkit";
 *
 * const selfServe: readonly CaptureChannel[] = ["form", "self_signup", "chat"];
 * selfServe.includes(lead.capture.channel);
 * ```
 * @category Model
 */
export type CaptureChannel = (typeof CAPTURE_CHANNELS)[number];

/**
 * Who manages the point where a lead was captured (a landing page, a form, a campaign):
 * one user, the company (public website), a marketing campaign, or a partner.
 *
 * @example
 * ```ts
 * import { CAPTURE_POINT_MANAGERS } from "leadkit";
 *
 * CAPTURE_POINT_MANAGERS; // ["user", "company", "campaign", "partner"]
 * ```
 * @category Model
 */
export const CAPTURE_POINT_MANAGERS = ["user", "company", "campaign", "partner"] as const;

/**
 * The lawful bases for processing personal data of GDPR article 6(1), (a) to (f), in that order.
 * A consent record names the one it rests on; only `"consent"` is a consent in the narrow sense.
 *
 * @example
 * ```ts
 * import { LAWFUL_BASES } from "leadkit";
 *
 * LAWFUL_BASES.includes("legitimate_interests"); // true
 * ```
 * @category Model
 */
export const LAWFUL_BASES = [
  "consent",
  "contract",
  "legal_obligation",
  "vital_interests",
  "public_task",
  "legitimate_interests",
] as const;

/**
 * One of {@link LAWFUL_BASES}.
 *
 * @example
 * ```ts
 * import type { LawfulBasis } from "leadkit";
 *
 * // Only "consent" can be withdrawn by the contact; the other bases rest on a contract or a law.
 * const withdrawable = (basis: LawfulBasis) => basis === "consent";
 * lead.contact.consents.filter((c) => withdrawable(c.basis));
 * ```
 * @category Model
 */
export type LawfulBasis = (typeof LAWFUL_BASES)[number];

/**
 * Why a channel must not be used (Mautic's reasons plus a legal hold).
 *
 * @example
 * ```ts
 * import { DO_NOT_CONTACT_REASONS } from "leadkit";
 *
 * DO_NOT_CONTACT_REASONS; // ["unsubscribed", "bounced", "manual", "legal"]
 * ```
 * @category Model
 */
export const DO_NOT_CONTACT_REASONS = ["unsubscribed", "bounced", "manual", "legal"] as const;
