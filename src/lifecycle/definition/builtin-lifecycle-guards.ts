import { quoteValue } from "../../internal/index.js";
import { FUNNEL_CONTACT_KINDS } from "../../model/index.js";
import type { LifecycleEvent, LifecycleRecord } from "../lifecycle-record.js";
import {
  INTEREST_SIGNALS,
  type LifecycleEvidence,
  type LifecycleQualificationEvidence,
  PURCHASE_REQUESTS,
} from "../transition/lifecycle-evidence.js";

/**
 * What a guard answers: pass, or fail with a reason a person can act on.
 *
 * @example
 * ```ts
 * import { defaultLifecycle, type GuardVerdict, transition } from "leadkit/lifecycle";
 *
 * // A failed guard's verdict reaches the caller as the message.
 * const moved = transition(defaultLifecycle, lead, "qualify", { now, actor: "u-ana" });
 * const verdict: GuardVerdict = moved.ok ? { pass: true } : { pass: false, reason: moved.issues[0]?.message ?? "" };
 * verdict.pass;
 * ```
 * @category Lifecycle
 */
export type GuardVerdict = { readonly pass: true } | { readonly pass: false; readonly reason: string };

/**
 * What a guard is given: the record, the event with its evidence, the stages involved and `now`.
 *
 * @example
 * ```ts
 * import { compileLifecycle, type GuardInput, type LifecycleGuard, type LifecycleRecord } from "leadkit/lifecycle";
 *
 * type Deal = LifecycleRecord<"open" | "lost">;
 * // A guard that looks at the event: a loss needs a reason of at least 10 characters.
 * const explainedLoss: LifecycleGuard<Deal> = ({ event }: GuardInput<Deal>) =>
 *   (event.reason ?? "").length >= 10 ? { pass: true } : { pass: false, reason: "Say why the deal was lost" };
 * const deals = compileLifecycle(
 *   { id: "deals", stages: ["open", "lost"], initial: "open", funnel: ["open"], terminal: ["lost"],
 *     events: { lose: { from: ["open"], to: "lost", guards: ["explained_loss"] } } },
 *   { guards: { explained_loss: explainedLoss } },
 * );
 * deals.definition.events.lose.guards;
 * ```
 * @category Lifecycle
 */
export interface GuardInput<R> {
  /** The record being moved. */
  readonly record: R;
  /** The event, with its reason and evidence. */
  readonly event: LifecycleEvent;
  /** The stage the record is in. */
  readonly from: string;
  /** The stage it would enter. */
  readonly to: string;
  /** The present; evidence and interactions dated after it are ignored by the built-in guards. */
  readonly now: Date;
}

/**
 * A named precondition of an event, implemented by the caller or taken from
 * {@link BUILTIN_LIFECYCLE_GUARDS}. Pure: same input, same verdict.
 *
 * @example
 * ```ts
 * import type { Lead } from "leadkit";
 * import { compileLifecycle, DEFAULT_LIFECYCLE_DEFINITION, type LifecycleGuard, transition } from "leadkit/lifecycle";
 *
 * const hasOwner: LifecycleGuard<Lead> = ({ record }) =>
 *   record.owner === null ? { pass: false, reason: "The lead has no owner" } : { pass: true };
 * // The default lifecycle, where qualifying also needs an owner.
 * const { qualify } = DEFAULT_LIFECYCLE_DEFINITION.events;
 * const owned = compileLifecycle(
 *   { ...DEFAULT_LIFECYCLE_DEFINITION, events: { ...DEFAULT_LIFECYCLE_DEFINITION.events, qualify: { ...qualify, guards: [...(qualify.guards ?? []), "has_owner"] } } },
 *   { guards: { has_owner: hasOwner } },
 * );
 * transition(owned, { ...lead, owner: null }, "qualify", { now, actor: "u-ana" }).ok; // false
 * ```
 * @category Lifecycle
 */
export type LifecycleGuard<R> = (input: GuardInput<R>) => GuardVerdict;

/**
 * Guards by name, as passed to {@link compileLifecycle}.
 *
 * @example
 * ```ts
 * import { compileLifecycle, type LifecycleGuardRegistry, type LifecycleRecord } from "leadkit/lifecycle";
 *
 * // A record of your own: the stages it moves through, and the owner the guard reads.
 * type Ticket = LifecycleRecord<"new" | "assigned"> & { readonly owner: string | null };
 * const guards: LifecycleGuardRegistry<Ticket> = {
 *   has_owner: ({ record }) => (record.owner !== null ? { pass: true } : { pass: false, reason: "No owner yet" }),
 * };
 * const assigned = compileLifecycle(
 *   { id: "assigned", stages: ["new", "assigned"], initial: "new", funnel: ["new", "assigned"], terminal: [],
 *     events: { assign: { from: ["new"], to: "assigned", guards: ["has_owner"] } } },
 *   { guards },
 * );
 * assigned.stages; // ["new", "assigned"]
 * ```
 * @category Lifecycle
 */
export type LifecycleGuardRegistry<R> = Readonly<Record<string, LifecycleGuard<R>>>;

/**
 * The fields the built-in guards read when present: the record's interactions and its contact's kind.
 * The model's `Lead` has both; a record without them relies on event evidence alone.
 *
 * @example
 * ```ts
 * import type { LeadStage } from "leadkit";
 * import { defaultLifecycle, type EvidenceRecord, transition } from "leadkit/lifecycle";
 *
 * // A record of your own: the built-in guards read its interactions as evidence.
 * interface Visitor extends EvidenceRecord<LeadStage> { readonly id: string }
 * const visitor: Visitor = { id: "v1", stage: "contact", history: [], updatedAt: now, interactions: [{ type: "form_submit", at: now }] };
 * transition(defaultLifecycle, visitor, "show_interest", { now, actor: "system" }).ok; // true: the form is interest
 * ```
 * @category Lifecycle
 */
export interface EvidenceRecord<S extends string = string> extends LifecycleRecord<S> {
  /** Recorded interactions; interest signals and purchase requests are read from them. */
  readonly interactions?: readonly { readonly type: string; readonly at: Date }[];
  /** The contact; vendors, partners, employees and bots never enter the funnel. */
  readonly contact?: { readonly kind: string };
}

const PASS: GuardVerdict = Object.freeze({ pass: true });
const interestTypes: ReadonlySet<string> = new Set(INTEREST_SIGNALS);
const purchaseTypes: ReadonlySet<string> = new Set(PURCHASE_REQUESTS);
const funnelKinds: ReadonlySet<string> = new Set(FUNNEL_CONTACT_KINDS);

function hasInteraction(record: EvidenceRecord, types: ReadonlySet<string>, now: Date): boolean {
  const interactions = record.interactions;
  if (!Array.isArray(interactions)) return false;
  const limit = now.getTime();
  for (const i of interactions) if (types.has(i.type) && i.at.getTime() <= limit) return true;
  return false;
}

function hasEvidence(
  evidence: readonly LifecycleEvidence[] | undefined,
  kind: LifecycleEvidence["kind"],
  now: Date,
): boolean {
  if (evidence === undefined) return false;
  const limit = now.getTime();
  for (const e of evidence) if (e.kind === kind && e.at.getTime() <= limit) return true;
  return false;
}

function latestQualification(
  evidence: readonly LifecycleEvidence[] | undefined,
  now: Date,
): LifecycleQualificationEvidence | undefined {
  let latest: LifecycleQualificationEvidence | undefined;
  if (evidence === undefined) return latest;
  for (const e of evidence) {
    if (e.kind !== "qualification" || e.at.getTime() > now.getTime()) continue;
    if (latest === undefined || e.at.getTime() >= latest.at.getTime()) latest = e;
  }
  return latest;
}

/**
 * The guards the default lifecycle names, reading the evidence of docs/lifecycle.md:
 *
 * - `can_enter_funnel` — the contact's kind may enter the funnel (docs/concepts.md: vendors, partners,
 *   employees and bots never become leads); passes when the record has no contact.
 * - `has_interest_signal` — an interest interaction ({@link INTEREST_SIGNALS}) or `interest` evidence.
 * - `has_passing_qualification` — the most recent `qualification` evidence has verdict `"qualified"`.
 * - `has_purchase_request` — a purchase-request interaction ({@link PURCHASE_REQUESTS}) or
 *   `purchase_request` evidence.
 *
 * Anything dated after `now` is ignored.
 *
 * @example
 * ```ts
 * import { BUILTIN_LIFECYCLE_GUARDS, compileLifecycle } from "leadkit/lifecycle";
 *
 * declare const definition: import("leadkit/lifecycle").LifecycleDefinition<import("leadkit").LeadStage>;
 * declare const has_owner: import("leadkit/lifecycle").LifecycleGuard<import("leadkit").Lead>;
 * const lifecycle = compileLifecycle(definition, { guards: { ...BUILTIN_LIFECYCLE_GUARDS, has_owner } });
 * ```
 * @category Lifecycle
 */
export const BUILTIN_LIFECYCLE_GUARDS = {
  /** Passes unless the contact's kind is one that never enters the funnel (vendor, employee, bot, …). */
  can_enter_funnel: ({ record }: GuardInput<EvidenceRecord>): GuardVerdict => {
    const kind = record.contact?.kind;
    if (kind === undefined || funnelKinds.has(kind)) return PASS;
    return {
      pass: false,
      reason: `A contact of kind ${quoteValue(kind)} never enters the funnel; expected one of ${FUNNEL_CONTACT_KINDS.join(", ")}`,
    };
  },
  /** Passes when the lead showed interest: an interest interaction or `interest` evidence on the event. */
  has_interest_signal: ({ record, event, now }: GuardInput<EvidenceRecord>): GuardVerdict => {
    if (hasEvidence(event.evidence, "interest", now) || hasInteraction(record, interestTypes, now))
      return PASS;
    return {
      pass: false,
      reason: `No interest signal: expected an interaction of type ${INTEREST_SIGNALS.join(", ")} or "interest" evidence on the event`,
    };
  },
  /** Passes when the latest `qualification` evidence on the event has the verdict `qualified`. */
  has_passing_qualification: ({ event, now }: GuardInput<EvidenceRecord>): GuardVerdict => {
    const latest = latestQualification(event.evidence, now);
    if (latest === undefined) {
      return {
        pass: false,
        reason:
          'No qualification result: expected "qualification" evidence with verdict "qualified" on the event',
      };
    }
    if (latest.verdict === "qualified") return PASS;
    return {
      pass: false,
      reason: `The latest qualification (framework "${latest.frameworkId}", ${latest.at.toISOString()}) is "${latest.verdict}"; expected "qualified"`,
    };
  },
  /** Passes on an explicit purchase request: a demo, pricing or contact-sales interaction, or evidence. */
  has_purchase_request: ({ record, event, now }: GuardInput<EvidenceRecord>): GuardVerdict => {
    if (hasEvidence(event.evidence, "purchase_request", now) || hasInteraction(record, purchaseTypes, now)) {
      return PASS;
    }
    return {
      pass: false,
      reason: `No explicit purchase request: expected an interaction of type ${PURCHASE_REQUESTS.join(", ")} or "purchase_request" evidence on the event`,
    };
  },
} as const satisfies LifecycleGuardRegistry<EvidenceRecord>;
