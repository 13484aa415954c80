import { err, type Issue, issue, ok, quoteValue, type Result } from "../../internal/index.js";
import {
  type AuditEntry,
  canEnterFunnel,
  type DuplicateKey,
  duplicateKeys,
  findDuplicatesOf,
  type Interaction,
  type Lead,
  safeParseInteraction,
  safeParseLead,
} from "../../model/index.js";
import {
  canSeeLead,
  captureAccessIssues,
  capturingUser,
  classifyOrigin,
  createDistributionState,
  distributeLeads,
  type OriginResult,
  revealsHiddenLeads,
} from "../../origin/index.js";
import type { DomainEvent, RepositorySet, VersionedDistributionState } from "../../ports/index.js";
import { rescoreLead, type ScoreChange, type ScoreEffect } from "../../scoring/index.js";
import { buildAuditEntry } from "../audit-entry.js";
import { completeEvents, interactionRecorded, recordChange, scoreChanged } from "../domain-events.js";
import type { CaptureCommand, CaptureOutcome, DuplicateMatch } from "../lead-service.js";
import { lookUpPossibleDuplicates } from "../possible-duplicates.js";
import { nowOf, type ServiceContext, unitOfWork } from "../service-context.js";
import { conflictIssue } from "../service-issues.js";
import { type ValidCommand, validateCommand } from "../validate-command.js";

/** How many times a capture re-reads a rotation that concurrent captures moved on, before giving up. */
const maxTurnAttempts = 100;

/** A turn taken in a distribution rotation, and how to give it back if the lead is not saved. */
export interface Turn {
  readonly owner: string | null;
  readonly previous: VersionedDistributionState | null;
  readonly version: number;
}

/** A capture command validated, allowed by the policy and drafted: the lead before it is assigned and scored. */
export interface DraftedCapture {
  /** The command, validated. */
  readonly command: ValidCommand<"capture">;
  /** The lead as drafted: no owner yet, not scored, not saved. */
  readonly draft: Lead;
  /** The capture's interactions, each with its id. */
  readonly interactions: readonly Interaction[];
  /** Its origin for the capturing user. */
  readonly origin: OriginResult;
  /** The user who generated it (active origin), or `null`. */
  readonly generatedBy: string | null;
  /** The operation's instant. */
  readonly now: Date;
}

/** A drafted lead with its owner (or pool) and its first scores, ready to save. */
export interface AssignedCapture {
  readonly lead: Lead;
  readonly turn: Turn | null;
  readonly effects: readonly ScoreEffect[];
  readonly changes: readonly ScoreChange[];
}

/**
 * The pure half of a capture: validate the command, check that the actor may capture it as
 * claimed, draft the lead and classify its origin. Nothing is read or written.
 */
export function draftCapture(context: ServiceContext, input: CaptureCommand): Result<DraftedCapture> {
  const valid = validateCommand("capture", input);
  if (!valid.ok) return valid;
  const command = valid.value;
  const refused = captureAccessIssues(
    command.actor,
    { capture: command.capture, owner: command.owner },
    context.policy,
  );
  if (refused.length > 0) return err(refused);
  const now = nowOf(context);
  const drafted = draftInteractions(context, command.interactions ?? []);
  const stage = command.stage ?? "lead";
  const parsed = safeParseLead({
    id: context.ids.next(),
    ...(command.externalId === undefined ? {} : { externalId: command.externalId }),
    contact: command.contact,
    stage,
    owner: null,
    generatedBy: null,
    capture: command.capture,
    ...(command.team === undefined ? {} : { team: command.team }),
    ...(command.source === undefined ? {} : { source: command.source }),
    ...(command.medium === undefined ? {} : { medium: command.medium }),
    ...(command.campaign === undefined ? {} : { campaign: command.campaign }),
    tags: command.tags ?? [],
    interactions: drafted.interactions,
    history:
      stage === "contact"
        ? []
        : [{ from: "contact", to: stage, event: "capture", at: now, actor: command.actor }],
    createdAt: now,
    updatedAt: now,
  });
  const issues = [...drafted.issues, ...(parsed.ok ? [] : parsed.issues)];
  if (!parsed.ok || issues.length > 0) return err(issues);
  const draft = parsed.value;
  if (!canEnterFunnel(draft.contact)) {
    return err([
      issue(
        "cannot_enter_funnel",
        ["contact", "kind"],
        `A contact of kind "${draft.contact.kind}" cannot become a lead; expected a prospect or a customer.`,
      ),
    ]);
  }
  const origin = classifyOrigin(context.originRules, draft.capture);
  const generatedBy = origin.kind === "active" ? (capturingUser(draft.capture) ?? null) : null;
  return ok({ command, draft, interactions: drafted.interactions, origin, generatedBy, now });
}

/**
 * Assigns a drafted lead — the owner the command names, else its generator, else a turn of the
 * distribution rotation, else the pool — and scores it.
 */
export async function assignCapture(
  context: ServiceContext,
  stores: RepositorySet,
  drafted: DraftedCapture,
): Promise<Result<AssignedCapture>> {
  const assigned = await assignCaptures(context, stores, [drafted]);
  if (!assigned.ok) return assigned;
  return ok({ ...(assigned.value.leads[0] as Omit<AssignedCapture, "turn">), turn: assigned.value.turn });
}

/**
 * Assigns several drafted leads as {@link assignCapture} assigns each, in order; those that need a
 * turn of the distribution rotation take them together, with one read and one compare-and-set of
 * the rotation (the turns they get are the ones consecutive captures would get), and give them back
 * together.
 */
export async function assignCaptures(
  context: ServiceContext,
  stores: RepositorySet,
  drafts: readonly DraftedCapture[],
): Promise<Result<{ readonly leads: readonly Omit<AssignedCapture, "turn">[]; readonly turn: Turn | null }>> {
  const owners = drafts.map(({ command, generatedBy }) => command.owner ?? generatedBy);
  let turn: Turn | null = null;
  const waiting = owners.flatMap((owner, index) => (owner === null ? [index] : []));
  if (waiting.length > 0 && context.distribution !== undefined) {
    const taken = await takeTurns(
      context,
      stores,
      waiting.map((index) => (drafts[index] as DraftedCapture).draft.id),
    );
    if (!taken.ok) return taken;
    turn = taken.value.turn;
    waiting.forEach((index, nth) => {
      owners[index] = taken.value.owners[nth] ?? null;
    });
  }
  const leads = drafts.map(({ draft, generatedBy, now }, index) => {
    const owner = owners[index] ?? null;
    const assigned: Lead =
      owner === null
        ? { ...draft, generatedBy, owner: null, pool: context.pool }
        : { ...draft, generatedBy, owner };
    const scored = rescoreLead(assigned, context.models, { now });
    return { lead: scored.lead, effects: scored.effects, changes: scored.changes };
  });
  return ok({ leads, turn });
}

/** What a stored capture appends: its audit entry and its events (`lead.captured`, interactions, scores). */
export function captureRecord(
  { command, interactions, origin, now }: DraftedCapture,
  lead: Lead,
  changes: readonly ScoreChange[],
  details: Readonly<Record<string, string | number | boolean | null>> = {},
): { readonly audit: readonly AuditEntry[]; readonly events: readonly DomainEvent[] } {
  return {
    audit: [
      buildAuditEntry({
        actor: command.actor,
        leadId: lead.id,
        at: now,
        beforeVersion: 0,
        afterVersion: lead.version,
        fields: {
          action: "capture",
          details: {
            origin: origin.kind,
            originRule: origin.rule.id,
            owner: lead.owner,
            pool: lead.pool ?? null,
            ...(command.externalId === undefined ? {} : { externalId: command.externalId }),
            ...details,
          },
        },
      }),
    ],
    events: completeEvents(
      [
        {
          type: "lead.captured",
          payload: {
            stage: lead.stage,
            owner: lead.owner,
            pool: lead.pool ?? null,
            generatedBy: lead.generatedBy,
            externalId: lead.externalId ?? null,
            origin: { kind: origin.kind, rule: origin.rule.id },
          },
        },
        ...interactions.map(interactionRecorded),
        ...scoreChanged(changes),
      ],
      { leadId: lead.id, leadVersion: lead.version, actor: command.actor, at: now },
    ),
  };
}

/**
 * Captures a lead: validate, check the policy, look for the lead already captured (external id,
 * email) or likely duplicates, classify its origin, assign it, score it, save it, audit it and
 * announce it.
 */
export function capture(context: ServiceContext) {
  return async (input: CaptureCommand): Promise<Result<CaptureOutcome>> => {
    const prepared = draftCapture(context, input);
    if (!prepared.ok) return prepared;
    const drafted = prepared.value;
    const { command, draft, origin } = drafted;
    const { policy } = context;

    // The lead this capture duplicates, returned only to someone allowed to see it.
    const existing = (
      lead: Lead,
      matchedOn: "external_id" | readonly DuplicateKey[],
    ): Result<CaptureOutcome> =>
      canSeeLead(lead, command.actor, policy)
        ? ok({ kind: "existing", lead, matchedOn })
        : err([hiddenDuplicate(context, command.actor, lead.id, matchedOn)]);

    return unitOfWork<CaptureOutcome>(context, async (stores) => {
      if (draft.externalId !== undefined) {
        const holder = await stores.leads.getByExternalId(draft.externalId);
        if (holder !== null) return existing(holder, "external_id");
      }
      const keys = duplicateKeys(draft, context.duplicates);
      const maxGroupSize = context.duplicates.maxGroupSize ?? 20;
      const lookUp = (wanted: readonly DuplicateKey[]) =>
        wanted.length === 0
          ? []
          : stores.leads.findByDuplicateKeys(wanted, { limit: Math.max(0, maxGroupSize - 1) });
      // With onDuplicate "create" only a lead holding the email stops the capture, so the leads that
      // share its company domain or phone are not read to be dropped — unless they are the pool of
      // possible duplicates (a repository without findByBlockingKeys), or the email is held: then
      // everything is read, so that matchedOn names the keys shared as it always does.
      const narrow =
        command.onDuplicate === "create" &&
        (context.possibleDuplicates === null || stores.leads.findByBlockingKeys !== undefined);
      let found = await lookUp(narrow ? keys.filter((key) => key.kind === "email") : keys);
      if (narrow && found.length > 0) found = await lookUp(keys);
      const byId = new Map(found.map((lead) => [lead.id, lead]));
      const matches: DuplicateMatch[] = findDuplicatesOf(draft, found, context.duplicates).map((m) => ({
        lead: byId.get(m.id) as Lead,
        keys: m.keys,
      }));
      const sameEmail = matches.find((m) => m.keys.some((k) => k.kind === "email"));
      if (sameEmail !== undefined) return existing(sameEmail.lead, sameEmail.keys);
      // Proposals only, among the leads the actor may see: nothing here is written or merged.
      const [possibleDuplicates = []] = await lookUpPossibleDuplicates(
        context,
        stores,
        command.actor,
        [{ lead: draft }],
        false,
        found,
      );
      if (matches.length > 0 && command.onDuplicate !== "create") {
        // A lead the actor may not see is never named by default: the capture goes on as if it
        // did not exist (a shared domain or phone is not the same person).
        const hidden = matches.find((m) => !canSeeLead(m.lead, command.actor, policy));
        if (hidden !== undefined && revealsHiddenLeads(policy))
          return err([hiddenDuplicate(context, command.actor, hidden.lead.id, hidden.keys)]);
        const visible = matches.filter((m) => canSeeLead(m.lead, command.actor, policy));
        if (visible.length > 0)
          return ok({ kind: "merge_proposal", candidate: draft, duplicates: visible, possibleDuplicates });
      }

      const assigned = await assignCapture(context, stores, drafted);
      if (!assigned.ok) return assigned;
      const { turn, changes, effects } = assigned.value;
      const saved = await stores.leads.save(assigned.value.lead, { expectedVersion: 0 });
      if (!saved.ok) {
        if (turn !== null) await giveBack(context, stores, turn);
        if (saved.code === "key_taken") {
          const holder = await stores.leads.get(saved.existingId);
          if (holder !== null)
            return existing(
              holder,
              saved.key.kind === "external_id" ? "external_id" : [{ kind: "email", value: saved.key.value }],
            );
          return err([conflictIssue(saved.existingId, 1, 0)]);
        }
        return err([conflictIssue(draft.id, 0, saved.currentVersion)]);
      }
      const lead = saved.lead;
      const record = captureRecord(drafted, lead, changes);
      await recordChange(stores, {
        leadId: lead.id,
        interactions: drafted.interactions,
        audit: record.audit,
        events: record.events,
      });
      return ok({ kind: "created", lead, origin, effects, possibleDuplicates });
    });
  };
}

/** The capture's interactions, each with an id; two with one id are refused (the lead and the store must agree). */
function draftInteractions(
  context: ServiceContext,
  drafts: readonly Readonly<Record<string, unknown>>[],
): { interactions: Interaction[]; issues: Issue[] } {
  const interactions: Interaction[] = [];
  const issues: Issue[] = [];
  const first = new Map<string, number>();
  drafts.forEach((draft, index) => {
    const id = Object.hasOwn(draft, "id") && draft["id"] !== undefined ? draft["id"] : context.ids.next();
    const parsed = safeParseInteraction({ ...draft, id });
    if (!parsed.ok) {
      issues.push(...parsed.issues.map((i) => ({ ...i, path: ["interactions", index, ...i.path] })));
      return;
    }
    const earlier = first.get(parsed.value.id);
    if (earlier !== undefined) {
      issues.push(
        issue(
          "duplicate_interaction_id",
          ["interactions", index, "id"],
          `Interactions ${earlier} and ${index} share the id ${quoteValue(parsed.value.id)}; expected a distinct id per interaction (or none, to have one generated).`,
        ),
      );
      return;
    }
    first.set(parsed.value.id, index);
    interactions.push(parsed.value);
  });
  return { interactions, issues };
}

/**
 * The issue for a capture that duplicates a lead the actor may not see. By default it names
 * nothing — neither the lead nor what matched; with `hiddenLeads: "reveal"` it names both.
 */
export function hiddenDuplicate(
  context: ServiceContext,
  actor: string,
  leadId: string,
  matchedOn: "external_id" | readonly DuplicateKey[],
): Issue {
  if (!revealsHiddenLeads(context.policy))
    return issue(
      "duplicate_not_visible",
      [],
      `This capture matches a lead that user ${quoteValue(actor)} may not see, so nothing was created; ask a manager to find and share it.`,
    );
  const what = matchedOn === "external_id" ? "its external id" : matchedOn.map((k) => k.kind).join(", ");
  return {
    ...issue(
      "duplicate_not_visible",
      [],
      `This capture matches lead "${leadId}" on ${what}, which user "${actor}" may not see; ask its owner to share it instead of capturing a twin.`,
    ),
    leadId,
    matchedOn,
  } as Issue;
}

/**
 * Takes the next turns of the distribution rotation for leads, one after the other: read the
 * rotation, compute each lead's assignment from the state the previous one left, save the new state
 * with a compare-and-set, and read again when another capture moved the rotation on meanwhile — so
 * concurrent captures each get their own turns.
 */
async function takeTurns(
  context: ServiceContext,
  stores: RepositorySet,
  leadIds: readonly string[],
): Promise<Result<{ readonly owners: readonly (string | null)[]; readonly turn: Turn }>> {
  const distribution = context.distribution;
  if (distribution === undefined)
    return ok({ owners: leadIds.map(() => null), turn: { owner: null, previous: null, version: 0 } });
  const { key, ...options } = distribution;
  for (let attempt = 0; attempt < maxTurnAttempts; attempt++) {
    const previous = await stores.distribution.get(key);
    let state = previous?.state;
    const owners: (string | null)[] = [];
    for (const id of leadIds) {
      const result = distributeLeads([{ id }], { ...options, ...(state === undefined ? {} : { state }) });
      owners.push(result.assignments[0]?.userId ?? null);
      state = result.state;
    }
    const saved = await stores.distribution.save(key, state ?? createDistributionState(), {
      expectedVersion: previous?.version ?? 0,
    });
    if (saved.ok) return ok({ owners, turn: { owner: owners[0] ?? null, previous, version: saved.version } });
  }
  return err([
    issue(
      "distribution_busy",
      ["distribution"],
      `The distribution rotation "${key}" changed ${maxTurnAttempts} times while this capture tried to take a turn; try again.`,
    ),
  ]);
}

/** Gives a turn back when its lead was not saved, unless the rotation has moved on since. */
export async function giveBack(context: ServiceContext, stores: RepositorySet, turn: Turn): Promise<void> {
  const key = context.distribution?.key;
  if (key === undefined) return;
  await stores.distribution.save(key, turn.previous?.state ?? createDistributionState(), {
    expectedVersion: turn.version,
  });
}
