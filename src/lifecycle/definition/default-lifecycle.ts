import { FUNNEL_STAGES, LEAD_STAGES, type LeadStage } from "../../model/index.js";
import type { EvidenceRecord } from "./builtin-lifecycle-guards.js";
import { type CompiledLifecycle, compileKnownLifecycle } from "./compile-lifecycle.js";
import type { LifecycleDefinition } from "./lifecycle-definition-schema.js";

/**
 * The events of the default lifecycle, in declared order.
 *
 * @example
 * ```ts
 * import { DEFAULT_LIFECYCLE_EVENTS } from "leadkit/lifecycle";
 *
 * DEFAULT_LIFECYCLE_EVENTS.includes("qualify"); // true
 * ```
 * @category Lifecycle
 */
export const DEFAULT_LIFECYCLE_EVENTS = [
  "show_interest",
  "qualify",
  "request_purchase",
  "win",
  "lose",
  "disqualify",
  "nurture",
  "recycle",
  "reopen",
  "archive",
  "back_to_contact",
  "regress",
] as const;

/**
 * One of {@link DEFAULT_LIFECYCLE_EVENTS}.
 *
 * @example
 * ```ts
 * import { type DefaultLifecycleEvent, defaultLifecycle, transition } from "leadkit/lifecycle";
 *
 * const event: DefaultLifecycleEvent = "win";
 * transition(defaultLifecycle, lead, event, { now, actor: "u-ana" }).ok;
 * ```
 * @category Lifecycle
 */
export type DefaultLifecycleEvent = (typeof DEFAULT_LIFECYCLE_EVENTS)[number];

/**
 * The default lifecycle as data (docs/lifecycle.md): contact → lead (an interest signal)
 * → prospect (a passing qualification) → potential client (an explicit purchase request) → customer
 * (a win), with nurturing, disqualified and lost (both with a reason) and archived on the side.
 *
 * - `customer` and `archived` are terminal: a won lead cannot be marked lost (Odoo's rule).
 * - `reopen` returns a lost or disqualified lead to the stage it was in; `recycle` sends a nurtured,
 *   lost or disqualified lead back to `lead`.
 * - `back_to_contact` (lead → contact, "y viceversa" in docs/concepts.md) and `regress` (one funnel step
 *   back, with a reason) are manual: automatic moves only go forward (HubSpot's rule).
 *
 * @example
 * ```ts
 * import { compileLifecycle, DEFAULT_LIFECYCLE_DEFINITION } from "leadkit/lifecycle";
 *
 * const custom = compileLifecycle({ ...DEFAULT_LIFECYCLE_DEFINITION, id: "acme" });
 * ```
 * @category Lifecycle
 */
export const DEFAULT_LIFECYCLE_DEFINITION = {
  id: "leadkit.default",
  description:
    "contact → lead → prospect → potential client → customer, with nurturing, disqualified, lost and archived",
  stages: LEAD_STAGES,
  initial: "contact",
  funnel: FUNNEL_STAGES,
  terminal: ["customer", "archived"],
  events: {
    show_interest: {
      from: ["contact"],
      to: "lead",
      guards: ["can_enter_funnel", "has_interest_signal"],
      effects: [{ type: "notify_owner" }, { type: "request_rescore" }],
      description:
        "The contact showed interest: a form, a download, a webinar, a subscription, a social follow",
    },
    qualify: {
      from: ["lead"],
      to: "prospect",
      guards: ["has_passing_qualification"],
      effects: [{ type: "notify_owner" }, { type: "request_rescore" }],
      description: "A qualification framework (BANT, CHAMP…) qualified the lead",
    },
    request_purchase: {
      from: ["prospect"],
      to: "potential_client",
      guards: ["has_purchase_request"],
      effects: [{ type: "notify_owner" }, { type: "schedule_follow_up", afterDays: 1 }],
      description: "The prospect asked for a demo, a price or a conversation with sales",
    },
    win: {
      from: ["potential_client"],
      to: "customer",
      effects: [{ type: "notify_owner" }],
      description: "The potential client bought",
    },
    lose: {
      from: ["prospect", "potential_client"],
      to: "lost",
      requiresReason: true,
      effects: [{ type: "notify_owner" }],
      description: "The deal was lost (price, competitor, no decision…)",
    },
    disqualify: {
      from: ["contact", "lead", "prospect", "potential_client", "nurturing"],
      to: "disqualified",
      requiresReason: true,
      effects: [{ type: "notify_owner" }],
      description: "Not a fit (not the ideal customer, no need, a duplicate…)",
    },
    nurture: {
      from: ["lead", "prospect", "potential_client"],
      to: "nurturing",
      effects: [{ type: "schedule_follow_up", afterDays: 30 }],
      description: "Not ready yet: keep in touch",
    },
    recycle: {
      from: ["nurturing", "lost", "disqualified"],
      to: "lead",
      guards: ["can_enter_funnel"],
      effects: [{ type: "notify_owner" }, { type: "request_rescore" }],
      description: "Back to work as a lead (EspoCRM's Recycled)",
    },
    reopen: {
      from: ["lost", "disqualified"],
      to: "@previous",
      manual: true,
      guards: ["can_enter_funnel"],
      effects: [{ type: "notify_owner" }, { type: "request_rescore" }],
      description: "Restore a lost or disqualified lead to the stage it was in (Odoo's restore)",
    },
    archive: {
      from: ["contact", "lead", "prospect", "potential_client", "nurturing", "disqualified", "lost"],
      to: "archived",
      description: "Put away for good (e.g. a passive lead inactive for more than 30 days)",
    },
    back_to_contact: {
      from: ["lead"],
      to: "contact",
      manual: true,
      description: "The lead was a contact after all (seed 001: and vice versa)",
    },
    regress: {
      from: ["prospect", "potential_client"],
      to: "@back",
      manual: true,
      requiresReason: true,
      effects: [{ type: "notify_owner" }, { type: "request_rescore" }],
      description: "One step back along the funnel, with a reason",
    },
  },
} as const satisfies LifecycleDefinition<LeadStage, DefaultLifecycleEvent>;

/**
 * The default lifecycle, built: {@link DEFAULT_LIFECYCLE_DEFINITION} with the built-in guards, over
 * records shaped like the model's `Lead` (any {@link EvidenceRecord} over `LeadStage`).
 *
 * @example
 * ```ts
 * import { defaultLifecycle, transition } from "leadkit/lifecycle";
 *
 * const outcome = transition(defaultLifecycle, lead, "win", { now, actor: "u-ana" });
 * ```
 * @category Lifecycle
 */
export const defaultLifecycle: CompiledLifecycle<
  LeadStage,
  DefaultLifecycleEvent,
  EvidenceRecord<LeadStage>
> = /* @__PURE__ */ compileKnownLifecycle<LeadStage, DefaultLifecycleEvent, EvidenceRecord<LeadStage>>(
  DEFAULT_LIFECYCLE_DEFINITION,
);
