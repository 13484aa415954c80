import * as z from "zod";
import type { BuiltinInteractionType } from "../../model/index.js";
import { timestampSchema } from "../../model/index.js";

/**
 * Interaction types that show interest and so let a contact become a lead (docs/lifecycle.md): a form, a
 * download, a webinar, a subscription, a social follow.
 *
 * @example
 * ```ts
 * import { INTEREST_SIGNALS } from "leadkit/lifecycle";
 *
 * INTEREST_SIGNALS.includes("content_download"); // true
 * ```
 * @category Lifecycle
 */
export const INTEREST_SIGNALS = [
  "form_submit",
  "content_download",
  "webinar_registered",
  "webinar_attended",
  "newsletter_subscribe",
  "social_follow",
] as const satisfies readonly BuiltinInteractionType[];

/**
 * One of {@link INTEREST_SIGNALS}.
 *
 * @example
 * ```ts
 * import { defaultLifecycle, type InterestSignal, transition } from "leadkit/lifecycle";
 *
 * const signal: InterestSignal = "webinar_attended";
 * transition(defaultLifecycle, lead, { type: "show_interest", evidence: [{ kind: "interest", signal, at: now }] }, { now, actor: "u-ana" });
 * ```
 * @category Lifecycle
 */
export type InterestSignal = (typeof INTEREST_SIGNALS)[number];

/**
 * Interaction types that are an explicit purchase request and so make a prospect a potential client
 * (docs/lifecycle.md): a demo, a price, a conversation with sales.
 *
 * @example
 * ```ts
 * import { PURCHASE_REQUESTS } from "leadkit/lifecycle";
 *
 * PURCHASE_REQUESTS; // ["demo_request", "pricing_request", "contact_sales_request"]
 * ```
 * @category Lifecycle
 */
export const PURCHASE_REQUESTS = [
  "demo_request",
  "pricing_request",
  "contact_sales_request",
] as const satisfies readonly BuiltinInteractionType[];

/**
 * One of {@link PURCHASE_REQUESTS}.
 *
 * @example
 * ```ts
 * import { defaultLifecycle, type PurchaseRequest, transition } from "leadkit/lifecycle";
 *
 * const request: PurchaseRequest = "pricing_request";
 * transition(defaultLifecycle, lead, { type: "request_purchase", evidence: [{ kind: "purchase_request", request, at: now }] }, { now, actor: "u-ana" });
 * ```
 * @category Lifecycle
 */
export type PurchaseRequest = (typeof PURCHASE_REQUESTS)[number];

/**
 * The outcome of a qualification framework (BANT, CHAMP…) as the qualification module hands it over.
 * Only a `"qualified"` verdict lets a lead become a prospect. Declared here, structurally, so the
 * lifecycle does not depend on the qualification module: its `QualificationEvidence` fits as is.
 *
 * @example
 * ```ts
 * import { defaultLifecycle, type LifecycleQualificationEvidence, transition } from "leadkit/lifecycle";
 *
 * // The verdict of a qualification call (leadkit/qualification), carried by the qualify event.
 * const evidence: LifecycleQualificationEvidence = {
 *   kind: "qualification", frameworkId: "bant", verdict: "qualified", at: new Date("2026-03-01T10:00:00Z"),
 * };
 * const moved = transition(defaultLifecycle, lead, { type: "qualify", evidence: [evidence] }, { now, actor: "u-ana" });
 * if (moved.ok) moved.value.lead.stage; // "prospect"
 * ```
 * @category Lifecycle
 */
export interface LifecycleQualificationEvidence {
  /** Always `"qualification"`. */
  readonly kind: "qualification";
  /** The framework that produced the verdict, e.g. `"bant"`. */
  readonly frameworkId: string;
  /** The framework's verdict; only `"qualified"` passes the lead → prospect guard. */
  readonly verdict: "qualified" | "disqualified" | "needs_information";
  /** When the qualification was made. */
  readonly at: Date;
}

/**
 * An interest signal the caller observed outside the lead's recorded interactions.
 *
 * @example
 * ```ts
 * import { availableEvents, defaultLifecycle, type InterestEvidence } from "leadkit/lifecycle";
 *
 * // Interest known from outside leadkit (a webinar tool's webhook), not yet an interaction.
 * const evidence: InterestEvidence = { kind: "interest", signal: "form_submit", at: now };
 * availableEvents(defaultLifecycle, lead, { now, evidence: [evidence] }).find((e) => e.type === "show_interest")?.allowed;
 * ```
 * @category Lifecycle
 */
export interface InterestEvidence {
  /** Always `"interest"`. */
  readonly kind: "interest";
  /** What the contact did. */
  readonly signal: InterestSignal;
  /** When it happened. */
  readonly at: Date;
}

/**
 * An explicit purchase request the caller observed outside the lead's recorded interactions.
 *
 * @example
 * ```ts
 * import { defaultLifecycle, type PurchaseRequestEvidence, transitionOrThrow } from "leadkit/lifecycle";
 *
 * const evidence: PurchaseRequestEvidence = { kind: "purchase_request", request: "demo_request", at: now };
 * transitionOrThrow(defaultLifecycle, lead, { type: "request_purchase", evidence: [evidence] }, { now, actor: "u-ana" }).lead.stage;
 * ```
 * @category Lifecycle
 */
export interface PurchaseRequestEvidence {
  /** Always `"purchase_request"`. */
  readonly kind: "purchase_request";
  /** What the contact asked for. */
  readonly request: PurchaseRequest;
  /** When it was asked. */
  readonly at: Date;
}

/**
 * Evidence attached to a lifecycle event, read by the built-in guards.
 *
 * @example
 * ```ts
 * import { availableEvents, defaultLifecycle, type LifecycleEvidence } from "leadkit/lifecycle";
 *
 * const evidence: LifecycleEvidence[] = [{ kind: "purchase_request", request: "demo_request", at: now }];
 * // What a seller may do next, given the demo request.
 * availableEvents(defaultLifecycle, lead, { now, evidence }).filter((e) => e.allowed).map((e) => e.type);
 * ```
 * @category Lifecycle
 */
export type LifecycleEvidence = LifecycleQualificationEvidence | InterestEvidence | PurchaseRequestEvidence;

/**
 * Schema of {@link LifecycleEvidence}, for evidence that arrives as JSON (timestamps as ISO strings).
 *
 * @example
 * ```ts
 * import { lifecycleEvidenceSchema } from "leadkit/lifecycle";
 *
 * lifecycleEvidenceSchema.parse({ kind: "interest", signal: "social_follow", at: "2026-03-01T10:00:00Z" });
 * ```
 * @category Lifecycle
 */
export const lifecycleEvidenceSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("qualification"),
    frameworkId: z.string().min(1),
    verdict: z.enum(["qualified", "disqualified", "needs_information"]),
    at: timestampSchema,
  }),
  z.object({ kind: z.literal("interest"), signal: z.enum(INTEREST_SIGNALS), at: timestampSchema }),
  z.object({ kind: z.literal("purchase_request"), request: z.enum(PURCHASE_REQUESTS), at: timestampSchema }),
]);
