import type { Result } from "../internal/index.js";
import type { LifecycleEffect, LifecycleEvent, StalenessFlag, StalenessPolicy } from "../lifecycle/index.js";
import type {
  CaptureFacts,
  ContactInput,
  DuplicateKey,
  Interaction,
  Lead,
  LeadStage,
  MergeConflict,
} from "../model/index.js";
import type { OriginResult } from "../origin/index.js";
import type {
  CriterionEvidence,
  EvaluateQualificationOptions,
  QualificationFramework,
  QualificationResult,
} from "../qualification/index.js";
import type { ScoreEffect } from "../scoring/index.js";
import type { ContactDataExport } from "./contact-data-export.js";
import type { ImportLeadsOptions, ImportReport } from "./import-leads-options.js";
import type { PossibleDuplicateMatch } from "./possible-duplicates.js";
import type { RetentionPolicy, RetentionPolicyInput } from "./retention-policy.js";

/**
 * What every service command carries: who is acting.
 *
 * @example
 * ```ts
 * import type { ServiceCommand } from "leadkit/services";
 *
 * // Every command names its actor, whom the sharing policy checks: take it from the session.
 * declare const session: { readonly userId: string };
 * const as: ServiceCommand = { actor: session.userId };
 * await service.findStaleLeads(as);
 * ```
 * @category Services
 */
export interface ServiceCommand {
  /** The user acting (checked against the sharing policy), or one of the policy's integrations. */
  readonly actor: string;
}

/**
 * A command about one existing lead.
 *
 * @example
 * ```ts
 * import type { LeadCommand } from "leadkit/services";
 *
 * // The version the form showed: if someone saved since, nothing is written and a conflict comes back.
 * const command: LeadCommand = { actor: "u-ana", leadId: "l1", expectedVersion: 3 };
 * const claimed = await service.claim(command);
 * if (!claimed.ok) console.log(claimed.issues.map((i) => i.code)); // e.g. ["conflict"]
 * ```
 * @category Services
 */
export interface LeadCommand extends ServiceCommand {
  /** The lead. */
  readonly leadId: string;
  /**
   * The version the actor saw, e.g. in the form they submitted: when the lead has moved on since,
   * nothing is written and a `conflict` issue carries the current version. When left out the
   * service applies the change to the lead as it reads it.
   */
  readonly expectedVersion?: number;
  /** Why, for the audit log. */
  readonly reason?: string;
}

/**
 * An interaction to record: an {@link Interaction} whose id may be left out (the service's id
 * generator provides one).
 *
 * @example
 * ```ts
 * import type { InteractionDraft } from "leadkit/services";
 *
 * // No id: the service's id generator gives it one.
 * const draft: InteractionDraft = { type: "email_click", at: now, initiator: { kind: "contact" } };
 * await service.recordInteraction({ actor: "system", leadId: "l1", interaction: draft });
 * ```
 * @category Services
 */
export type InteractionDraft = Interaction extends infer I
  ? I extends Interaction
    ? Omit<I, "id"> & {
        /** The interaction's id; generated when left out. Recording the same id twice records it once. */
        readonly id?: string;
      }
    : never
  : never;

/**
 * A lead to capture: who it is, how it was captured, and optionally the submission's id.
 *
 * @example
 * ```ts
 * import type { CaptureCommand } from "leadkit/services";
 *
 * // The form post's id makes a retried webhook find the lead it already created.
 * const command: CaptureCommand = {
 *   actor: "system",
 *   externalId: "form-post-8812",
 *   contact: { kind: "prospect", name: "Ana García", email: "ana@acme.es" },
 *   capture: { channel: "form", initiator: { kind: "contact" }, capturePoint: { managedBy: "company" } },
 * };
 * const captured = await service.capture(command);
 * if (captured.ok) captured.value.kind; // "created" the first time, then "existing"
 * ```
 * @category Services
 */
export interface CaptureCommand extends ServiceCommand {
  /**
   * The submission's own id (form post, import row): capturing the same id again returns the lead
   * already captured instead of a second one.
   */
  readonly externalId?: string;
  /** The contact's details; validated with the model's contact schema. */
  readonly contact: ContactInput;
  /** How the lead was captured: what its origin is classified from. */
  readonly capture: CaptureFacts;
  /** `"lead"` (the default: the contact showed interest) or `"contact"`. */
  readonly stage?: Extract<LeadStage, "contact" | "lead">;
  /**
   * The owner, when the caller decides it; otherwise active leads go to their generator and passive
   * ones to the distribution policy or the pool. Only the actor themselves, unless the policy lets
   * the actor capture on behalf of others (managers and integrations by default).
   */
  readonly owner?: string;
  /** The team. */
  readonly team?: string;
  /** Marketing source, e.g. `"webinar"`. */
  readonly source?: string;
  /** Marketing medium, e.g. `"email"`. */
  readonly medium?: string;
  /** Campaign. */
  readonly campaign?: string;
  /** Tags. */
  readonly tags?: readonly string[];
  /** Interactions that came with the capture, e.g. the `form_submit`; ids, when given, must differ. */
  readonly interactions?: readonly InteractionDraft[];
  /**
   * What to do when the contact shares a company domain or phone (not an email) with existing
   * leads the actor may see: `"propose"` a merge (the default) or `"create"` the lead anyway. A
   * shared email always returns the existing lead (emails are unique).
   */
  readonly onDuplicate?: "propose" | "create";
}

/**
 * A lead the capture matched, with the keys it shares.
 *
 * @example
 * ```ts
 * import type { DuplicateMatch } from "leadkit/services";
 *
 * const captured = await service.capture({
 *   actor: "u-ana",
 *   contact: { kind: "prospect", name: "Ana García", phone: "+34 911 23 45 67" },
 *   capture: { channel: "call", initiator: { kind: "user", userId: "u-ana" } },
 * });
 * const shared = (match: DuplicateMatch) => `${match.lead.id} shares ${match.keys.map((k) => k.kind).join(", ")}`;
 * if (captured.ok && captured.value.kind === "merge_proposal") captured.value.duplicates.map(shared);
 * ```
 * @category Services
 */
export interface DuplicateMatch {
  /** The existing lead. */
  readonly lead: Lead;
  /** The duplicate keys it shares with the capture. */
  readonly keys: readonly DuplicateKey[];
}

/**
 * What {@link LeadService.capture} did: created a lead, found it already captured, or found likely
 * duplicates and proposes a merge instead of creating a twin.
 *
 * @example
 * ```ts
 * declare function review(candidate: import("leadkit").Lead, duplicates: readonly import("leadkit/services").DuplicateMatch[]): void;
 * const result = await service.capture({ actor: "u-ana", contact: { kind: "prospect", name: "Ana García", email: "ana@acme.es" }, capture: { channel: "call", initiator: { kind: "user", userId: "u-ana" } } });
 * if (result.ok && result.value.kind === "merge_proposal") review(result.value.candidate, result.value.duplicates);
 * ```
 * @category Services
 */
export type CaptureOutcome =
  | {
      /** A new lead was saved. */
      readonly kind: "created";
      /** The lead as saved (version 1). */
      readonly lead: Lead;
      /** Its origin for the capturing user, with the rule that matched. */
      readonly origin: OriginResult;
      /** Threshold effects its first score reached (see {@link InteractionRecorded.effects}). */
      readonly effects: readonly ScoreEffect[];
      /**
       * Stored leads the actor may see that may be the same person (similar name and company,
       * one person at another domain, an email or phone one typo away), highest score first: a
       * proposal to review, never merged. Empty when none, or when the service's
       * `possibleDuplicates` is `false`.
       */
      readonly possibleDuplicates: readonly PossibleDuplicateMatch[];
    }
  | {
      /** Nothing was written: the lead exists already. */
      readonly kind: "existing";
      /** The existing lead. */
      readonly lead: Lead;
      /** Why it is the same: the same external id, or the duplicate keys shared (an email among them). */
      readonly matchedOn: "external_id" | readonly DuplicateKey[];
    }
  | {
      /** Nothing was written: the capture resembles existing leads. */
      readonly kind: "merge_proposal";
      /** The lead that would have been created. */
      readonly candidate: Lead;
      /** The existing leads it resembles, most shared keys first. */
      readonly duplicates: readonly DuplicateMatch[];
      /**
       * Stored leads the actor may see that may be the same person although no exact key matches
       * (as for `created`); a lead may be in both lists.
       */
      readonly possibleDuplicates: readonly PossibleDuplicateMatch[];
    };

/**
 * Records an interaction on a lead.
 *
 * @example
 * ```ts
 * import type { RecordInteractionCommand } from "leadkit/services";
 *
 * const command: RecordInteractionCommand = {
 *   actor: "system", leadId: "l1", interaction: { type: "pricing_request", at: now, initiator: { kind: "contact" } },
 * };
 * const recorded = await service.recordInteraction(command);
 * if (recorded.ok) recorded.value.scores; // the lead's scores after the pricing request
 * ```
 * @category Services
 */
export interface RecordInteractionCommand extends LeadCommand {
  /** The interaction. */
  readonly interaction: InteractionDraft;
}

/**
 * The outcome of recording an interaction or re-scoring.
 *
 * @example
 * ```ts
 * declare function notifySales(lead: import("leadkit").Lead): void;
 * const result = await service.recordInteraction({ actor: "system", leadId: "l1", interaction: { type: "demo_request", at: now, initiator: { kind: "contact" } } });
 * if (result.ok) {
 *   const recorded = result.value;
 *   for (const effect of recorded.effects) if (effect.kind === "hand_off_to_sales") notifySales(recorded.lead);
 * }
 * ```
 * @category Services
 */
export interface InteractionRecorded {
  /** The lead as saved. */
  readonly lead: Lead;
  /** Each scoring model's new automated score, by model id. */
  readonly scores: Readonly<Record<string, number>>;
  /**
   * The threshold effects newly reached by this change. `add_tag` effects have been applied to the
   * lead; the others (hand off to sales, suggest a transition, notify, custom) are for the caller.
   */
  readonly effects: readonly ScoreEffect[];
}

/**
 * Qualifies a lead against a framework and, when it qualifies, moves it (to prospect, by default).
 *
 * @example
 * ```ts
 * import { BANT } from "leadkit/qualification";
 * import type { QualifyCommand } from "leadkit/services";
 *
 * const command: QualifyCommand = {
 *   actor: "u-ana", leadId: "l1", framework: BANT,
 *   evidence: [{ criterionId: "budget", answer: 30_000, source: "conversation" }],
 * };
 * const qualified = await service.qualify(command);
 * if (qualified.ok) qualified.value.qualification.verdict;
 * ```
 * @category Services
 */
export interface QualifyCommand extends LeadCommand {
  /** The framework, e.g. `BANT`. */
  readonly framework: QualificationFramework;
  /** Everything known about the criteria. */
  readonly evidence: readonly CriterionEvidence[];
  /** Language, price range, horizon, ideal customer profile…; `now` and `contact` come from the service. */
  readonly options?: Omit<EvaluateQualificationOptions, "now" | "contact">;
}

/**
 * The outcome of {@link LeadService.qualify}.
 *
 * @example
 * ```ts
 * import { BANT } from "leadkit/qualification";
 *
 * const result = await service.qualify({ actor: "u-ana", leadId: "l1", framework: BANT, evidence: [{ criterionId: "need", answer: "high", source: "conversation" }] });
 * if (!result.ok) throw new Error(result.issues[0]?.message);
 * const outcome = result.value;
 * if (outcome.moved) console.log(`${outcome.lead.id} is now a prospect`);
 * else console.log(outcome.qualification.nextQuestions);
 * ```
 * @category Services
 */
export interface QualifyOutcome {
  /** The lead: moved by the qualifying event when `moved`, else unchanged. */
  readonly lead: Lead;
  /** The framework's verdict, reasons, missing criteria and next questions. */
  readonly qualification: QualificationResult;
  /** Whether the lead moved (a `qualified` verdict on a lead in a stage the qualifying event leaves). */
  readonly moved: boolean;
  /** The lifecycle's effects of the move; empty when it did not move. */
  readonly effects: readonly LifecycleEffect[];
}

/**
 * Moves a lead through its lifecycle by one event.
 *
 * @example
 * ```ts
 * import type { TransitionCommand } from "leadkit/services";
 *
 * const command: TransitionCommand = { actor: "u-ana", leadId: "l1", event: { type: "lose", reason: "Chose a competitor" } };
 * const moved = await service.transition(command);
 * if (moved.ok) moved.value.to; // "lost"
 * ```
 * @category Services
 */
export interface TransitionCommand extends LeadCommand {
  /** The event's name, or the event with its reason and evidence. */
  readonly event: string | LifecycleEvent;
}

/**
 * The outcome of {@link LeadService.transition}.
 *
 * @example
 * ```ts
 * declare const calendar: { add(at: Date): void };
 * const result = await service.transition({ actor: "u-ana", leadId: "l1", event: "nurture" });
 * if (result.ok) {
 *   const moved = result.value;
 *   for (const effect of moved.effects) if (effect.type === "schedule_follow_up") calendar.add(effect.at);
 * }
 * ```
 * @category Services
 */
export interface TransitionApplied {
  /** The lead as saved, in its new stage. */
  readonly lead: Lead;
  /** The stage left. */
  readonly from: LeadStage;
  /** The stage entered. */
  readonly to: LeadStage;
  /** What the lifecycle asks the caller to do. */
  readonly effects: readonly LifecycleEffect[];
}

/**
 * Shares a lead with a collaborator.
 *
 * @example
 * ```ts
 * import type { ShareCommand } from "leadkit/services";
 *
 * const command: ShareCommand = { actor: "u-ana", leadId: "l1", userId: "u-bruno", access: "view" };
 * const shared = await service.share(command);
 * if (!shared.ok) console.log(shared.issues[0]?.message); // e.g. the policy does not let Ana share
 * ```
 * @category Services
 */
export interface ShareCommand extends LeadCommand {
  /** The collaborator. */
  readonly userId: string;
  /** `edit` (the default) or `view`. */
  readonly access?: "edit" | "view";
}

/**
 * Removes a collaborator from a lead.
 *
 * @example
 * ```ts
 * import type { UnshareCommand } from "leadkit/services";
 *
 * const command: UnshareCommand = { actor: "u-ana", leadId: "l1", userId: "u-bruno" };
 * const unshared = await service.unshare(command);
 * if (unshared.ok) unshared.value.collaborators.some((c) => c.userId === "u-bruno"); // false
 * ```
 * @category Services
 */
export interface UnshareCommand extends LeadCommand {
  /** The collaborator to remove. */
  readonly userId: string;
}

/**
 * Hands a lead to a new owner (transfer or referral).
 *
 * @example
 * ```ts
 * import type { HandOverCommand } from "leadkit/services";
 *
 * const command: HandOverCommand = { actor: "u-marta", leadId: "l1", to: "u-bruno", reason: "Ana is on leave" };
 * const handed = await service.transfer(command);
 * if (handed.ok) handed.value.owner; // "u-bruno"
 * ```
 * @category Services
 */
export interface HandOverCommand extends LeadCommand {
  /** The new owner. */
  readonly to: string;
}

/**
 * Releases a lead to a shared pool.
 *
 * @example
 * ```ts
 * import type { ReleaseCommand } from "leadkit/services";
 *
 * const command: ReleaseCommand = { actor: "u-ana", leadId: "l1", pool: "inbound" };
 * const released = await service.release(command);
 * if (released.ok) released.value.pool; // "inbound": anyone on the team may claim it now
 * ```
 * @category Services
 */
export interface ReleaseCommand extends LeadCommand {
  /** The pool; the lead's current pool, or the service's default pool, when left out. */
  readonly pool?: string;
}

/**
 * Merges duplicate leads into the strongest one.
 *
 * @example
 * ```ts
 * import type { MergeCommand } from "leadkit/services";
 *
 * const command: MergeCommand = { actor: "u-marta", leadIds: ["l1", "l7"], reason: "Same person" };
 * const merged = await service.merge(command);
 * if (merged.ok) merged.value.absorbedIds; // ["l7"]: its keys now find l1
 * ```
 * @category Services
 */
export interface MergeCommand extends ServiceCommand {
  /** Two or more distinct lead ids. */
  readonly leadIds: readonly string[];
  /**
   * The version of each lead the actor saw, by id; a lead that has moved on fails the merge with a
   * `conflict` issue. Leads left out are merged as read.
   */
  readonly expectedVersions?: Readonly<Record<string, number>>;
  /** Why, for the audit log. */
  readonly reason?: string;
}

/**
 * The outcome of {@link LeadService.merge}.
 *
 * @example
 * ```ts
 * const result = await service.merge({ actor: "u-marta", leadIds: ["l1", "l7"] });
 * if (result.ok) for (const c of result.value.conflicts) console.log(c.path.join("."), c.kept, c.others);
 * ```
 * @category Services
 */
export interface MergeOutcome {
  /** The surviving lead, holding everything the others held. */
  readonly lead: Lead;
  /** The leads folded into it and removed. */
  readonly absorbedIds: readonly string[];
  /**
   * Fields on which the leads disagreed: the survivor's value was kept (a restated consent
   * withdrawal, and a key another lead took during the merge, are reported here too).
   */
  readonly conflicts: readonly MergeConflict[];
}

/**
 * Finds leads to review or prioritise among those the actor sees.
 *
 * @example
 * ```ts
 * import type { FindStaleLeadsCommand } from "leadkit/services";
 *
 * const command: FindStaleLeadsCommand = { actor: "u-marta" };
 * const stale = await service.findStaleLeads(command);
 * if (stale.ok) for (const flag of stale.value) console.log(flag.lead.id, flag.flag);
 * ```
 * @category Services
 */
export interface FindStaleLeadsCommand extends ServiceCommand {
  /** The rules; the service's staleness policy when left out. */
  readonly policy?: StalenessPolicy;
}

/**
 * A request to erase the personal data of one lead's contact ({@link LeadService.eraseContact}).
 * It takes no reason: the record of an erasure must hold no personal data, and a reason is free
 * text (keep the request's reference in your own case system).
 *
 * @example
 * ```ts
 * import type { EraseContactCommand } from "leadkit/services";
 *
 * const command: EraseContactCommand = { actor: "u-marta", leadId: "l1" };
 * const erased = await service.eraseContact(command);
 * if (erased.ok) erased.value.lead.contact.name; // the anonymised placeholder
 * ```
 * @category Services
 */
export interface EraseContactCommand extends ServiceCommand {
  /** The lead whose contact is erased. */
  readonly leadId: string;
  /** Refuse with `conflict` unless the lead is still at this version. */
  readonly expectedVersion?: number;
}

/**
 * What {@link LeadService.eraseContact} answers.
 *
 * @example
 * ```ts
 * import type { ContactErased } from "leadkit/services";
 *
 * const done = (outcome: ContactErased) => (outcome.alreadyErased ? "nothing left to erase" : "erased");
 * ```
 * @category Services
 */
export interface ContactErased {
  /** The lead as stored now: anonymous, with its stage, dates, origin, owner and scores. */
  readonly lead: Lead;
  /** `true` when an earlier erasure had completed and nothing changed since: nothing was written. */
  readonly alreadyErased: boolean;
}

/**
 * A request for everything held about one lead's contact ({@link LeadService.exportContactData}).
 *
 * @example
 * ```ts
 * import type { ExportContactDataCommand } from "leadkit/services";
 *
 * const command: ExportContactDataCommand = { actor: "u-marta", leadId: "l1" };
 * const exported = await service.exportContactData(command);
 * if (exported.ok) JSON.stringify(exported.value); // the answer to a subject access request
 * ```
 * @category Services
 */
export interface ExportContactDataCommand extends ServiceCommand {
  /** The lead whose contact's data is exported. */
  readonly leadId: string;
}

/**
 * How far a retention sweep got ({@link LeadService.sweepRetention}): counts so far and where to
 * resume.
 *
 * @example
 * ```ts
 * import type { RetentionProgress } from "leadkit/services";
 *
 * const onProgress = (p: RetentionProgress) => console.log(`${p.erased} erased, resume after ${p.cursor}`);
 * ```
 * @category Services
 */
export interface RetentionProgress {
  /**
   * Idle leads read so far that the actor may see (in the swept stages, idle since before
   * `cutoff`). Leads hidden from the actor are passed over: never counted, never a cursor.
   */
  readonly examined: number;
  /** Leads erased by this sweep. */
  readonly erased: number;
  /** Leads an earlier erasure had erased already: nothing written. */
  readonly alreadyErased: number;
  /**
   * Leads left as they were: the actor may see but not erase them, or they changed between the read
   * and the erasure (active again, moved to a kept stage, saved meanwhile). A later sweep sees them
   * again.
   */
  readonly skipped: number;
  /**
   * Pass as `after` to resume after the last lead done that the actor may see (hidden leads after
   * it are read again, and passed over again); `null` once every idle lead was read.
   */
  readonly cursor: string | null;
  /** Leads whose last activity is before this instant were idle. */
  readonly cutoff: Date;
}

/**
 * A request to apply a retention policy ({@link LeadService.sweepRetention}).
 *
 * @example
 * ```ts
 * import type { SweepRetentionCommand } from "leadkit/services";
 *
 * declare function saveCheckpoint(cursor: string | null): void;
 * const command: SweepRetentionCommand = {
 *   actor: "system",
 *   policy: { inactiveMonths: 36, exceptStages: ["customer", "potential_client"] },
 *   batchSize: 200,
 *   onProgress: (p) => saveCheckpoint(p.cursor),
 * };
 * const swept = await service.sweepRetention(command);
 * if (swept.ok) console.log(`${swept.value.erased} contacts erased`);
 * ```
 * @category Services
 */
export interface SweepRetentionCommand extends ServiceCommand {
  /** The policy: checked with `safeParseRetentionPolicy`; its issues are the answer when it is bad. */
  readonly policy: RetentionPolicy | RetentionPolicyInput;
  /** The `cursor` of an earlier progress report or answer: resume after that lead. */
  readonly after?: string;
  /** Leads read (and erased, each in its own unit of work) per page: 1–1,000; 100 when left out. */
  readonly batchSize?: number;
  /** Stop after reading about this many idle leads (whole pages), to sweep in slices; all when left out. */
  readonly maxLeads?: number;
  /** Called after each page with the counts so far and the cursor to resume from. */
  readonly onProgress?: (progress: RetentionProgress) => void | Promise<void>;
}

/**
 * Reads a lead the actor may see.
 *
 * @example
 * ```ts
 * import type { GetLeadCommand } from "leadkit/services";
 *
 * const command: GetLeadCommand = { actor: "u-ana", leadId: "l1" };
 * const found = await service.get(command);
 * if (!found.ok) console.log(found.issues[0]?.code); // "not_found", or "forbidden" for a lead Ana may not see
 * ```
 * @category Services
 */
export interface GetLeadCommand extends ServiceCommand {
  /** The lead. */
  readonly leadId: string;
}

/**
 * The lead service: every operation an application performs on leads, wired to the repositories.
 *
 * @remarks
 * **Input.** Every command is validated first; any value — a malformed or hostile JSON body
 * included — gets issues with paths (`invalid_type`, `too_big`, …), never an exception. Only the
 * repositories' own errors (connection lost) are rethrown, untouched.
 *
 * **Access.** Every rule is the sharing policy's (`leadkit/origin`): who may see a lead
 * (`canSeeLead`), work it (`canWorkLead`: record interactions, move, qualify, re-score, merge),
 * perform each ownership operation (`canPerformOnLead`), capture on behalf of others
 * (`captureAccessIssues`) and merge (`mergeAccessIssues`). A lead the actor may not see answers
 * `not_found`, exactly as a lead that does not exist, unless the policy's `hiddenLeads` is
 * `"reveal"` (then `forbidden`); a lead they see but may not change this way answers `forbidden`.
 *
 * **Writes.** Every mutation is one atomic read-check-write: the lead is read, the policy and the
 * domain module decide, and the lead is saved only if its version is still the one read (or the
 * one the command expected) — otherwise a `conflict` issue with the current version, and nothing
 * written. Each saved change then appends its interactions, one audit entry (who, what, when,
 * before and after version) and its domain events (`lead.captured`, `lead.stage_changed`,
 * `lead.score_changed`, `lead.ownership_changed`, `lead.merged`, `consent.changed`,
 * `interaction.recorded`) to the outbox — all in the same transaction when the repositories have
 * one. Without transactions they are written in that order, after the lead: a failure can leave a
 * change without its audit entry or events, never an audit entry or an event without its change.
 * Expected failures are issues: `not_found`, `forbidden`, `conflict`, and the domain modules'
 * own codes.
 *
 * @example
 * ```ts
 * import { createLeadService } from "leadkit/services";
 * import { createInMemoryRepositories, fixedClock, sequentialIds } from "leadkit/testing";
 *
 * const clock = fixedClock("2026-03-02T09:00:00Z");
 * const ids = sequentialIds("lead");
 * const contact = { kind: "prospect", name: "Ana García", email: "ana@acme.es" } as const;
 * const service = createLeadService({ repositories: createInMemoryRepositories(), clock, ids });
 * const captured = await service.capture({ actor: "u-ana", contact, capture: { channel: "call", initiator: { kind: "user", userId: "u-ana" } } });
 * ```
 * @category Services
 */
export interface LeadService {
  /**
   * Captures a lead: validates it, checks that the actor may capture it as claimed, returns the
   * existing lead or a merge proposal instead of a twin, classifies its origin, assigns it
   * (generator, distribution rotation or pool), scores it, saves it, audits it and appends
   * `lead.captured`, `interaction.recorded` and `lead.score_changed` events. Idempotent on
   * `externalId` and on the normalised email, also under concurrent captures without transactions
   * (the repository refuses a second holder of either key).
   *
   * @remarks
   * A capture whose external id or email is held by a lead the actor may not see creates nothing
   * and answers `duplicate_not_visible` without naming that lead or the key that matched (with
   * `hiddenLeads: "reveal"`, it names both). The actor learns only that such a lead exists — which
   * refusing a twin cannot avoid. Leads the actor may not see that share only a company domain or
   * a phone are ignored: the capture proceeds as if they did not exist.
   *
   * @param command - The lead's details and capture facts.
   * @returns What happened, or issues (`invalid_*` with paths, `cannot_enter_funnel`, `forbidden`
   *   for a non-member or for credit or ownership given to someone else, `duplicate_interaction_id`,
   *   `duplicate_not_visible`).
   */
  capture(command: CaptureCommand): Promise<Result<CaptureOutcome>>;

  /**
   * Reads a lead the actor may see.
   *
   * @param command - Who asks, and which lead.
   * @returns The lead, or `not_found` — for an unknown lead and for one the actor may not see
   *   alike (`forbidden` for the latter only when the policy reveals hidden leads).
   */
  get(command: GetLeadCommand): Promise<Result<Lead>>;

  /**
   * Records an interaction: appends it, re-scores the lead, applies `add_tag` threshold effects and
   * returns every threshold effect newly reached. Recording the same interaction twice changes
   * nothing; another interaction under an id the lead holds is refused (`interaction_id_taken`).
   *
   * @param command - The lead and the interaction.
   * @returns The saved lead, its scores and the effects, or issues.
   */
  recordInteraction(command: RecordInteractionCommand): Promise<Result<InteractionRecorded>>;

  /**
   * Re-scores a lead with every model (e.g. after a model changed, or for decay over time).
   *
   * @param command - The lead.
   * @returns The saved lead, its scores and threshold effects newly reached by the total, or issues.
   */
  rescore(command: LeadCommand): Promise<Result<InteractionRecorded>>;

  /**
   * Qualifies a lead against a framework; a `qualified` lead fires the lifecycle's qualifying
   * event from its stage (see {@link LeadServiceConfig.qualifyEvent}; `lead` → `prospect` in the
   * default lifecycle). Nothing is written unless it moves.
   *
   * @param command - The lead, framework and evidence.
   * @returns The verdict and the lead, or issues (the qualification's or the lifecycle's).
   */
  qualify(command: QualifyCommand): Promise<Result<QualifyOutcome>>;

  /**
   * Moves a lead through its lifecycle by one event.
   *
   * @param command - The lead and the event.
   * @returns The moved lead and the effects, or the lifecycle's issues (`transition_not_allowed`,
   *   `guard_failed`…).
   */
  transition(command: TransitionCommand): Promise<Result<TransitionApplied>>;

  /**
   * Shares a lead with a collaborator, as the sharing policy allows.
   *
   * @param command - The lead, the collaborator and the access.
   * @returns The saved lead, or issues.
   */
  share(command: ShareCommand): Promise<Result<Lead>>;

  /**
   * Removes a collaborator from a lead.
   *
   * @param command - The lead and the collaborator.
   * @returns The saved lead, or issues.
   */
  unshare(command: UnshareCommand): Promise<Result<Lead>>;

  /**
   * Transfers a lead to a new owner (an administrative reassignment).
   *
   * @param command - The lead and the new owner.
   * @returns The saved lead, or issues.
   */
  transfer(command: HandOverCommand): Promise<Result<Lead>>;

  /**
   * Refers a lead to a new owner, for whom it becomes a passive "referred" lead.
   *
   * @param command - The lead and the new owner.
   * @returns The saved lead, or issues.
   */
  refer(command: HandOverCommand): Promise<Result<Lead>>;

  /**
   * Claims a lead from a shared pool: the actor becomes its owner.
   *
   * @param command - The lead.
   * @returns The saved lead, or issues (`not_in_pool` when someone owns it).
   */
  claim(command: LeadCommand): Promise<Result<Lead>>;

  /**
   * Releases a lead to a shared pool.
   *
   * @param command - The lead and the pool.
   * @returns The saved lead, or issues.
   */
  release(command: ReleaseCommand): Promise<Result<Lead>>;

  /**
   * Merges duplicate leads (the model's `mergeLeads`): the strongest survives with everything the
   * others held, and the others are removed. The actor must work every lead and may change no
   * ownership they could not change by a transfer (the policy's `mergeAccessIssues`).
   *
   * @remarks
   * No lead is ever lost, with or without transactions: the survivor is saved first (holding a
   * copy of every other lead), each other lead is removed only if nobody changed it since it was
   * read, and only then does the survivor take over their external id and email (unique keys). With
   * transactions the merge is all or nothing (`conflict` when a lead changed). Without, a lead that
   * changed mid-way is kept and the merge answers `merge_incomplete`: the survivor holds the merged
   * data and merging again folds in the change. A lead that was erased ({@link LeadService.eraseContact})
   * is never merged (`erased_lead`): its kept history would be tied to a person again.
   *
   * @param command - The leads.
   * @returns The survivor, the absorbed ids and the fields that disagreed, or issues
   *   (`invalid_lead_ids`, `not_found`, `forbidden`, `conflict`, `erased_lead`,
   *   `conflicting_interactions`, `merge_incomplete`).
   */
  merge(command: MergeCommand): Promise<Result<MergeOutcome>>;

  /**
   * Flags the leads the actor sees that a staleness policy picks out: passive leads idle for more
   * than 30 days to review, active leads with recent interactions to prioritise (by default).
   *
   * @param command - Who asks, and optionally the policy.
   * @returns The flags, ordered by lead id.
   */
  findStaleLeads(command: FindStaleLeadsCommand): Promise<Result<readonly StalenessFlag<Lead>[]>>;

  /**
   * Imports records — CSV rows, plain objects or arrays, from a sync or async iterable — as leads:
   * each record is mapped through `options.fieldMap`, validated, and either captured as
   * {@link LeadService.capture} does it (the same policy checks, origin, assignment, scores, audit
   * entry and events) or, when it matches stored leads on `options.match`, skipped, updated or
   * merged into them (`options.onMatch`).
   *
   * @remarks
   * **Resuming.** Records are numbered from 1. A record without an external id gets
   * `<importId>:<row>`, and the external id always identifies the record, so an import run again
   * after a failure — from the start, or from a `checkpoint` with `startAfter` — finds the leads it
   * stored and creates no twin. With transactions, `batchSize` records share one (a batch is all
   * or nothing, and `onProgress` reports the checkpoint after each); without, each record is its
   * own unit of work, as a capture is.
   *
   * **Issues, not exceptions.** A record that cannot be imported (invalid, forbidden, matching
   * several leads to update, or holding a key of a lead the match keys do not count) is reported
   * with its row number and nothing of it is written; the others go on. Invalid options answer
   * issues before any record is read. The repositories' own errors are rethrown: the last
   * progress report's checkpoint says where to resume.
   *
   * @param rows - The records, read once, in order.
   * @param options - Who imports, how records map to leads, what counts as a match and what to do then.
   * @returns Counts, issues per row (at most `maxIssues`) and the checkpoint; or issues for invalid options.
   */
  importLeads(
    rows: Iterable<unknown> | AsyncIterable<unknown>,
    options: ImportLeadsOptions,
  ): Promise<Result<ImportReport>>;

  /**
   * Erases the personal data of one lead's contact, irreversibly, in every store (GDPR article 17):
   * the lead becomes `anonymizeLead(lead)`; the interactions, audit entries and events of the lead
   * and of every lead merged into it are anonymised; the unique keys it holds or took over are freed,
   * so the person can come back as a new lead. What aggregates need stays (stage, dates, history,
   * source, origin, outcome, owner, scores): the funnel over the leads does not change. The erasure
   * is recorded by an audit entry (`erase`) and a `contact.erased` event that hold no personal data.
   *
   * @remarks
   * **Access.** The actor needs the policy's `erase` right (`canHandlePersonalData`; managers and
   * integrations by default). A lead that does not exist and a lead the actor may not see answer the
   * same `not_found` — whatever the policy's `hiddenLeads` — and nothing is written.
   *
   * **Nothing lost, nothing half-done.** With transactions the erasure is all or nothing. Without,
   * it is idempotent and resumable: the lead is saved first (by compare-and-set), then the other
   * stores are anonymised, then the event and, last, the audit entry are appended; every step
   * repeats harmlessly, and the audit entry is what marks the erasure complete. After a failure at
   * any step, run `eraseContact` again: it finishes the erasure and records it once. Once complete,
   * running it again writes nothing (`alreadyErased: true`).
   *
   * Events delivered before the erasure, backups and logs are outside leadkit: see
   * docs/personal-data.md.
   *
   * @param command - Who erases which lead.
   * @returns The erased lead, or issues (`not_found`, `forbidden`, `conflict`, `invalid_type`…).
   */
  eraseContact(command: EraseContactCommand): Promise<Result<ContactErased>>;

  /**
   * Exports everything held about one lead's contact as JSON (GDPR articles 15 and 20), in the
   * shape `contactDataExportSchema` documents: the contact, consents, the lead, the
   * interactions and audit entries of the lead and of the leads merged into it.
   *
   * @remarks
   * The actor needs the policy's `export` right (owners, managers and integrations by default). A
   * lead that does not exist and a lead the actor may not see answer the same `not_found`.
   *
   * @param command - Who exports which lead.
   * @returns The export, or issues (`not_found`, `forbidden`, `invalid_type`…).
   */
  exportContactData(command: ExportContactDataCommand): Promise<Result<ContactDataExport>>;

  /**
   * Applies a retention policy: erases ({@link LeadService.eraseContact}) every lead whose last
   * activity (`lastActivityAt`, read by the repository's `inactiveSince` query) is more than
   * `policy.inactiveMonths` calendar months before now, in the stages the policy does not except.
   *
   * @remarks
   * Pages of `batchSize` leads, in id order; each lead is erased in its own unit of work, after
   * checking again that it is still idle and in a swept stage. Memory holds one page. `onProgress`
   * reports the counts and the cursor after each page; pass the cursor as `after` to resume. Run it
   * twice, or resume from an older cursor: leads already erased are counted as such and nothing is
   * written for them. A repository error is rethrown: resume from the last cursor reported.
   *
   * @param command - The actor (who needs the `erase` right, e.g. an integration), the policy, and
   *   where to resume.
   * @returns The counts and the cursor (`null` when the sweep read every idle lead), or the
   *   policy's issues (`erases_customers`, `erases_open_opportunities`…) before anything is read.
   */
  sweepRetention(command: SweepRetentionCommand): Promise<Result<RetentionProgress>>;
}
