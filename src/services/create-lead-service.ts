import { err, type Issue, issue, ok, type Result } from "../internal/index.js";
import {
  DEFAULT_STALENESS_POLICY,
  defaultLifecycle,
  type EvidenceRecord,
  findStaleLeads,
  type Lifecycle,
  type StalenessPolicy,
  transition,
} from "../lifecycle/index.js";
import {
  type AuditEntry,
  canEnterFunnel,
  type DuplicateKey,
  duplicateKeys,
  type FindDuplicatesOptions,
  findDuplicatesOf,
  type Interaction,
  type Lead,
  type LeadStage,
  mergeLeads,
  safeParseInteraction,
  safeParseLead,
} from "../model/index.js";
import {
  claimLead,
  createDistributionState,
  DEFAULT_SHARING_POLICY,
  type DistributeLeadsOptions,
  type DistributionState,
  defaultOriginClassifier,
  distributeLeads,
  isTeamMember,
  leadOwnershipKind,
  leadVisibility,
  type OriginClassifier,
  type OwnershipChange,
  type OwnershipOptions,
  referLead,
  releaseLead,
  type SharingPolicy,
  shareLead,
  transferLead,
  unshareLead,
} from "../origin/index.js";
import type { Clock, IdGenerator, Repositories, RepositorySet } from "../ports/index.js";
import { evaluateQualification } from "../qualification/index.js";
import {
  type CompiledPointsModel,
  classifyScore,
  compilePointsModel,
  DEFAULT_POINTS_MODEL,
  type PointsModel,
  recordLeadScore,
  type ScoreEffect,
} from "../scoring/index.js";
import type {
  CaptureOutcome,
  HandOverCommand,
  InteractionDraft,
  LeadCommand,
  LeadService,
  QualifyOutcome,
  ReleaseCommand,
  ShareCommand,
  UnshareCommand,
} from "./lead-service.js";
import { conflictIssue } from "./service-issues.js";

/**
 * How a team works: its sharing policy, origin rules, distribution, lifecycle, scoring models and
 * staleness rules. Every part has a default.
 *
 * @example
 * ```ts
 * const config: LeadServiceConfig = {
 *   policy: { ...DEFAULT_SHARING_POLICY, managers: ["u-marta"], members: ["u-ana", "u-bruno"] },
 *   distribution: { strategy: "round_robin", members: [{ userId: "u-ana" }, { userId: "u-bruno" }] },
 * };
 * ```
 * @category Services
 */
export interface LeadServiceConfig {
  /** Who may see and change which leads; `DEFAULT_SHARING_POLICY` when left out. */
  readonly policy?: SharingPolicy;
  /** The origin rule table, compiled; the default rules when left out. */
  readonly originRules?: OriginClassifier;
  /**
   * How captured passive leads without an explicit owner are assigned; they go to the pool when
   * left out (or when every member is at capacity). The rotation state is kept by the service.
   */
  readonly distribution?: Omit<DistributeLeadsOptions, "state">;
  /** The pool unassigned leads go to; `"inbound"` when left out. */
  readonly pool?: string;
  /** The lifecycle; `defaultLifecycle` when left out. */
  readonly lifecycle?: Lifecycle<LeadStage, string, EvidenceRecord<LeadStage>>;
  /** The scoring models every lead is scored with; `[DEFAULT_POINTS_MODEL]` when left out. */
  readonly scoringModels?: readonly PointsModel[];
  /** Which leads `findStaleLeads` flags; `DEFAULT_STALENESS_POLICY` when left out. */
  readonly staleness?: StalenessPolicy;
  /** How duplicate keys are computed; must match the repositories' (the model's defaults when left out). */
  readonly duplicates?: FindDuplicatesOptions;
  /**
   * Actors that are not users — webhooks, importers, schedulers — and may act on every lead;
   * `["system"]` when left out.
   */
  readonly systemActors?: readonly string[];
}

/**
 * What {@link createLeadService} needs: where data lives, what time it is, how to make ids, and how
 * the team works.
 *
 * @example
 * ```ts
 * const options: CreateLeadServiceOptions = {
 *   repositories: createInMemoryRepositories(),
 *   clock: { now: () => new Date() },
 *   ids: { next: () => crypto.randomUUID() },
 * };
 * ```
 * @category Services
 */
export interface CreateLeadServiceOptions {
  /** The stores; with a `transaction` method every operation is all-or-nothing. */
  readonly repositories: Repositories;
  /** The time source, read once per operation. */
  readonly clock: Clock;
  /** The id source for new leads and interactions. */
  readonly ids: IdGenerator;
  /** The team's rules; defaults for every part left out. */
  readonly config?: LeadServiceConfig;
}

/** Thrown inside a unit of work to roll it back and return a failed result instead. */
class Abort {
  readonly result: Result<never>;
  constructor(result: Result<never>) {
    this.result = result;
  }
}

interface Changed<T> {
  readonly lead: Lead;
  readonly audit: Pick<AuditEntry, "action" | "reason" | "details">;
  readonly interactions?: readonly Interaction[];
  readonly value: T;
}

const notFound = (leadId: string) =>
  issue("not_found", ["leadId"], `No lead has id "${leadId}"; expected the id of an existing lead.`);

// A duplicate the actor may not see is named by id only: its data stays behind the sharing policy.
const hiddenDuplicate = (actor: string, leadId: string, matchedOn: "external_id" | readonly DuplicateKey[]) =>
  issue(
    "duplicate_not_visible",
    ["contact"],
    `This capture matches lead "${leadId}" on ${matchedOn === "external_id" ? "its external id" : matchedOn.map((k) => k.kind).join(", ")}, which user "${actor}" may not see; ask its owner to share it instead of capturing a twin.`,
  );

const forbidden = (actor: string, what: string, leadId: string, why?: string) =>
  issue(
    "forbidden",
    ["actor"],
    `User "${actor}" may not ${what} lead "${leadId}"${why === undefined ? "" : `: ${why}`}; the sharing policy does not allow it.`,
  );

/**
 * Creates the lead service over repositories: the only async layer of leadkit, where the pure
 * domain modules (origin, lifecycle, qualification, scoring) meet storage.
 *
 * @param options - Repositories, clock, id generator and the team's configuration.
 * @returns The {@link LeadService}.
 * @example
 * ```ts
 * const service = createLeadService({
 *   repositories: createInMemoryRepositories(),
 *   clock: fixedClock("2026-03-01T09:00:00Z"),
 *   ids: sequentialIds("lead"),
 * });
 * const result = await service.capture({
 *   actor: "u-ana",
 *   contact: { kind: "prospect", name: "Ana García", email: "ana@acme.es" },
 *   capture: { channel: "call", initiator: { kind: "user", userId: "u-ana" } },
 * });
 * if (result.ok && result.value.kind === "created") console.log(result.value.origin.label.en); // "Lead generated by me"
 * ```
 * @category Services
 */
export function createLeadService(options: CreateLeadServiceOptions): LeadService {
  const { repositories, clock, ids } = options;
  const config = options.config ?? {};
  const policy = config.policy ?? DEFAULT_SHARING_POLICY;
  const classifier = config.originRules ?? defaultOriginClassifier();
  const lifecycle = config.lifecycle ?? defaultLifecycle;
  const models: readonly CompiledPointsModel[] = (config.scoringModels ?? [DEFAULT_POINTS_MODEL]).map((m) =>
    compilePointsModel(m),
  );
  const systemActors = config.systemActors ?? ["system"];
  const defaultPool = config.pool ?? "inbound";
  let distributionState = createDistributionState();

  const isSystem = (actor: string) => systemActors.includes(actor);
  const canSee = (lead: Lead, actor: string) =>
    isSystem(actor) || leadVisibility(lead, actor, policy) !== null;
  const canWork = (lead: Lead, actor: string) =>
    isSystem(actor) ||
    lead.owner === actor ||
    policy.managers.includes(actor) ||
    lead.collaborators.some((c) => c.userId === actor && c.access === "edit");

  /** Runs work in one transaction when the repositories have them; an Abort becomes its result. */
  async function unitOfWork<T>(work: (stores: RepositorySet) => Promise<Result<T>>): Promise<Result<T>> {
    try {
      return repositories.transaction === undefined
        ? await work(repositories)
        : await repositories.transaction(work);
    } catch (error) {
      if (error instanceof Abort) return error.result;
      throw error;
    }
  }

  /** One atomic read-check-write of one lead, with its audit entry. */
  function mutate<T>(
    command: LeadCommand,
    what: string,
    access: "see" | "work",
    change: (lead: Lead, now: Date) => Result<Changed<T>>,
  ): Promise<Result<T & { readonly lead: Lead }>> {
    const now = clock.now();
    return unitOfWork(async (stores) => {
      const lead = await stores.leads.get(command.leadId);
      if (lead === null) return err([notFound(command.leadId)]);
      const allowed = access === "see" ? canSee(lead, command.actor) : canWork(lead, command.actor);
      if (!allowed) return err([forbidden(command.actor, what, lead.id)]);
      if (command.expectedVersion !== undefined && command.expectedVersion !== lead.version) {
        return err([conflictIssue(lead.id, command.expectedVersion, lead.version)]);
      }
      const changed = change(lead, now);
      if (!changed.ok) return changed;
      if (changed.value.lead === lead) return ok({ ...changed.value.value, lead });
      const saved = await stores.leads.save(changed.value.lead, { expectedVersion: lead.version });
      if (!saved.ok) {
        const current = saved.code === "conflict" ? saved.currentVersion : lead.version;
        return err([conflictIssue(lead.id, lead.version, current)]);
      }
      if (changed.value.interactions !== undefined && changed.value.interactions.length > 0) {
        await stores.interactions.append(lead.id, changed.value.interactions);
      }
      await stores.audit.append([
        auditEntry(
          command.actor,
          lead.id,
          now,
          changed.value.audit,
          lead.version,
          saved.lead.version,
          command.reason,
        ),
      ]);
      return ok({ ...changed.value.value, lead: saved.lead });
    });
  }

  /** Scores a lead with every model; returns the new lead, the scores and the thresholds newly reached. */
  function score(lead: Lead, previous: Lead | null, now: Date) {
    let next = lead;
    const scores: Record<string, number> = {};
    const effects: ScoreEffect[] = [];
    for (const model of models) {
      const after = model.score(lead, now);
      const reached = classifyScore(model.model, after);
      const before =
        previous === null ? null : classifyScore(model.model, model.score(previous, now)).thresholds;
      reached.thresholds.forEach((id, i) => {
        if (before === null || !before.includes(id)) effects.push(reached.effects[i] as ScoreEffect);
      });
      scores[after.modelId] = after.value;
      next = recordLeadScore(next, after.modelId, after.value, now);
    }
    const tags = effects.flatMap((e) => (e.kind === "add_tag" && !next.tags.includes(e.tag) ? [e.tag] : []));
    if (tags.length > 0) next = { ...next, tags: [...new Set([...next.tags, ...tags])] };
    return { lead: next, scores, effects };
  }

  function parseDraft(draft: InteractionDraft, path: readonly (string | number)[]): Result<Interaction> {
    const parsed = safeParseInteraction({ ...draft, id: draft.id ?? ids.next() });
    return parsed.ok ? parsed : err(parsed.issues.map((i) => ({ ...i, path: [...path, ...i.path] })));
  }

  function ownership<C extends LeadCommand, O extends OwnershipOptions>(
    operation: (lead: Lead, options: O) => Result<OwnershipChange>,
    what: string,
    extra: (command: C) => Omit<O, keyof OwnershipOptions>,
  ) {
    return (command: C): Promise<Result<Lead>> =>
      mutate(command, what, "see", (lead, now) => {
        const changed = operation(lead, {
          actor: command.actor,
          now,
          policy,
          ...(command.reason === undefined ? {} : { reason: command.reason }),
          ...extra(command),
        } as O);
        if (!changed.ok) {
          return err(
            changed.issues.map((i) =>
              i.code === "not_owner" || i.code === "not_allowed" ? { ...i, code: "forbidden" } : i,
            ),
          );
        }
        return ok({ lead: changed.value.lead, audit: changed.value.audit, value: {} });
      }).then((r) => (r.ok ? ok(r.value.lead) : r));
  }

  return {
    async capture(command) {
      if (!isSystem(command.actor) && !isTeamMember(policy, command.actor)) {
        return err([
          issue(
            "forbidden",
            ["actor"],
            `User "${command.actor}" is not a member of the team; only members capture leads.`,
          ),
        ]);
      }
      const now = clock.now();
      const interactions: Interaction[] = [];
      const issues: Issue[] = [];
      (command.interactions ?? []).forEach((draft, index) => {
        const parsed = parseDraft(draft, ["interactions", index]);
        if (parsed.ok) interactions.push(parsed.value);
        else issues.push(...parsed.issues);
      });
      const stage = command.stage ?? "lead";
      const parsed = safeParseLead({
        id: ids.next(),
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
        interactions,
        history:
          stage === "contact"
            ? []
            : [{ from: "contact", to: stage, event: "capture", at: now, actor: command.actor }],
        createdAt: now,
        updatedAt: now,
      });
      if (!parsed.ok) issues.push(...parsed.issues);
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
      const origin = classifier.classify(draft.capture);
      const capturer =
        draft.capture.initiator.kind === "user"
          ? draft.capture.initiator.userId
          : draft.capture.capturePoint?.managedBy === "user"
            ? draft.capture.capturePoint.managerId
            : undefined;
      const generatedBy = origin.kind === "active" ? (capturer ?? null) : null;

      // The lead this capture duplicates, returned only to someone allowed to see it.
      const existingLead = (
        lead: Lead,
        matchedOn: "external_id" | readonly DuplicateKey[],
      ): Result<CaptureOutcome> =>
        canSee(lead, command.actor)
          ? ok({ kind: "existing", lead, matchedOn })
          : err([hiddenDuplicate(command.actor, lead.id, matchedOn)]);

      // The rotation moves on only once the lead is saved: a failed capture does not use up a turn.
      let nextDistribution: DistributionState | null = null;
      const outcome = await unitOfWork<CaptureOutcome>(async (stores) => {
        if (draft.externalId !== undefined) {
          const existing = await stores.leads.getByExternalId(draft.externalId);
          if (existing !== null) return existingLead(existing, "external_id");
        }
        const keys = duplicateKeys(draft, config.duplicates);
        const found = keys.length === 0 ? [] : await stores.leads.findByDuplicateKeys(keys);
        const matches = findDuplicatesOf(draft, found, config.duplicates).map((m) => ({
          lead: found.find((l) => l.id === m.id) as Lead,
          keys: m.keys,
        }));
        const sameEmail = matches.find((m) => m.keys.some((k: DuplicateKey) => k.kind === "email"));
        if (sameEmail !== undefined) return existingLead(sameEmail.lead, sameEmail.keys);
        if (matches.length > 0 && command.onDuplicate !== "create") {
          const hidden = matches.find((m) => !canSee(m.lead, command.actor));
          if (hidden !== undefined) {
            return err([hiddenDuplicate(command.actor, hidden.lead.id, hidden.keys)]);
          }
          return ok({ kind: "merge_proposal", candidate: draft, duplicates: matches });
        }
        const assignment = command.owner === undefined && generatedBy === null ? assign(draft.id) : null;
        nextDistribution = assignment?.state ?? null;
        const owner = command.owner ?? generatedBy ?? assignment?.owner ?? null;
        const assigned: Lead =
          owner === null
            ? { ...draft, generatedBy, owner: null, pool: defaultPool }
            : { ...draft, generatedBy, owner };
        const scored = score(assigned, null, now);
        const saved = await stores.leads.save(scored.lead, { expectedVersion: 0 });
        if (!saved.ok) {
          if (saved.code === "external_id_taken") {
            const existing = await stores.leads.get(saved.existingId);
            if (existing !== null) return existingLead(existing, "external_id");
          }
          const current = saved.code === "conflict" ? saved.currentVersion : 0;
          return err([conflictIssue(draft.id, 0, current)]);
        }
        if (interactions.length > 0) await stores.interactions.append(draft.id, interactions);
        await stores.audit.append([
          auditEntry(
            command.actor,
            draft.id,
            now,
            {
              action: "capture",
              details: {
                origin: origin.kind,
                originRule: origin.rule.id,
                owner: saved.lead.owner,
                pool: saved.lead.pool ?? null,
                ...(command.externalId === undefined ? {} : { externalId: command.externalId }),
              },
            },
            0,
            saved.lead.version,
          ),
        ]);
        return ok({ kind: "created", lead: saved.lead, origin, effects: scored.effects });
      });
      if (outcome.ok && outcome.value.kind === "created" && nextDistribution !== null) {
        distributionState = nextDistribution;
      }
      return outcome;
    },

    async get(command) {
      const lead = await repositories.leads.get(command.leadId);
      if (lead === null) return err([notFound(command.leadId)]);
      if (!canSee(lead, command.actor)) return err([forbidden(command.actor, "see", lead.id)]);
      return ok(lead);
    },

    recordInteraction(command) {
      const interaction = parseDraft(command.interaction, ["interaction"]);
      if (!interaction.ok) return Promise.resolve(interaction);
      return mutate(command, "record an interaction on", "work", (lead, now) => {
        if (lead.interactions.some((i) => i.id === interaction.value.id)) {
          const scores = Object.fromEntries(Object.entries(lead.scores).map(([id, s]) => [id, s.value]));
          return ok({ lead, audit: { action: "record_interaction" }, value: { scores, effects: [] } });
        }
        const withInteraction: Lead = {
          ...lead,
          interactions: [...lead.interactions, interaction.value],
          updatedAt: now,
        };
        const scored = score(withInteraction, lead, now);
        return ok({
          lead: scored.lead,
          audit: {
            action: "record_interaction",
            details: { interactionId: interaction.value.id, type: interaction.value.type, ...scored.scores },
          },
          interactions: [interaction.value],
          value: { scores: scored.scores, effects: scored.effects },
        });
      });
    },

    rescore(command) {
      return mutate(command, "re-score", "work", (lead, now) => {
        const scored = score({ ...lead, updatedAt: now }, null, now);
        // Only thresholds the stored total had not reached are new: group values are not stored.
        const effects = scored.effects.filter((effect) =>
          models.some((m) => {
            const stored = lead.scores[m.model.id]?.value ?? Number.NEGATIVE_INFINITY;
            return (m.model.thresholds ?? []).some(
              (t) => t.effect === effect && t.group === undefined && stored < t.atLeast,
            );
          }),
        );
        // Scores as stored: an unchanged re-score saves nothing and audits nothing.
        const unchanged =
          effects.length === 0 &&
          models.every((m) => lead.scores[m.model.id]?.value === scored.scores[m.model.id]);
        return ok({
          lead: unchanged ? lead : scored.lead,
          audit: { action: "rescore", details: scored.scores },
          value: { scores: scored.scores, effects },
        });
      });
    },

    qualify(command) {
      return mutate<Omit<QualifyOutcome, "lead">>(command, "qualify", "work", (lead, now) => {
        const evaluated = evaluateQualification(command.framework, command.evidence, {
          ...command.options,
          now,
          contact: lead.contact,
        });
        if (!evaluated.ok) return evaluated;
        const qualification = evaluated.value;
        if (qualification.verdict !== "qualified" || lead.stage !== "lead") {
          return ok({
            lead,
            audit: { action: "qualify" },
            value: { qualification, moved: false, effects: [] },
          });
        }
        const moved = transition(
          lifecycle,
          lead,
          { type: "qualify", evidence: [qualification.evidence] },
          { now, actor: command.actor },
        );
        if (!moved.ok) return moved;
        return ok({
          lead: moved.value.lead,
          audit: {
            action: "qualify",
            details: {
              framework: qualification.frameworkId,
              verdict: qualification.verdict,
              from: moved.value.from,
              to: moved.value.to,
            },
          },
          value: { qualification, moved: true, effects: moved.value.effects },
        });
      });
    },

    transition(command) {
      return mutate(command, "move", "work", (lead, now) => {
        const moved = transition(lifecycle, lead, command.event, { now, actor: command.actor });
        if (!moved.ok) return moved;
        const event = typeof command.event === "string" ? command.event : command.event.type;
        return ok({
          lead: moved.value.lead,
          audit: { action: "transition", details: { event, from: moved.value.from, to: moved.value.to } },
          value: { from: moved.value.from, to: moved.value.to, effects: moved.value.effects },
        });
      });
    },

    share: ownership(shareLead, "share", (c: ShareCommand) => ({
      userId: c.userId,
      ...(c.access === undefined ? {} : { access: c.access }),
    })),
    unshare: ownership(unshareLead, "unshare", (c: UnshareCommand) => ({ userId: c.userId })),
    transfer: ownership(transferLead, "transfer", (c: HandOverCommand) => ({ to: c.to })),
    refer: ownership(referLead, "refer", (c: HandOverCommand) => ({ to: c.to })),
    claim: ownership(claimLead, "claim", () => ({})),
    release: ownership(releaseLead, "release", (c: ReleaseCommand) => ({ pool: c.pool ?? defaultPool })),

    async merge(command) {
      const now = clock.now();
      if (new Set(command.leadIds).size !== command.leadIds.length || command.leadIds.length < 2) {
        return err([
          issue(
            "invalid_lead_ids",
            ["leadIds"],
            `Merging needs two or more distinct lead ids; got ${JSON.stringify(command.leadIds)}.`,
          ),
        ]);
      }
      return unitOfWork(async (stores) => {
        const leads: Lead[] = [];
        for (const [index, id] of command.leadIds.entries()) {
          const lead = await stores.leads.get(id);
          if (lead === null) return err([{ ...notFound(id), path: ["leadIds", index] }]);
          if (!canWork(lead, command.actor)) return err([forbidden(command.actor, "merge", id)]);
          const expected = command.expectedVersions?.[id];
          if (expected !== undefined && expected !== lead.version)
            return err([conflictIssue(id, expected, lead.version)]);
          leads.push(lead);
        }
        const merged = mergeLeads(leads, { now });
        if (!merged.ok) return merged;
        const { survivorId, absorbedIds, conflicts } = merged.value;
        const survivor = leads.find((l) => l.id === survivorId) as Lead;
        // Absorbed leads go first: the survivor may take over one of their external ids.
        for (const absorbed of leads.filter((l) => l.id !== survivorId)) {
          const removed = await stores.leads.remove(absorbed.id, { expectedVersion: absorbed.version });
          if (!removed.ok)
            throw new Abort(err([conflictIssue(absorbed.id, absorbed.version, removed.currentVersion)]));
        }
        const saved = await stores.leads.save(merged.value.lead, { expectedVersion: survivor.version });
        if (!saved.ok) {
          const current = saved.code === "conflict" ? saved.currentVersion : survivor.version;
          throw new Abort(err([conflictIssue(survivorId, survivor.version, current)]));
        }
        await stores.interactions.append(survivorId, saved.lead.interactions);
        await stores.audit.append([
          auditEntry(
            command.actor,
            survivorId,
            now,
            { action: "merge", details: { absorbed: absorbedIds.join(","), conflicts: conflicts.length } },
            survivor.version,
            saved.lead.version,
            command.reason,
          ),
          ...leads
            .filter((l) => l.id !== survivorId)
            .map((l) =>
              auditEntry(
                command.actor,
                l.id,
                now,
                { action: "merged_into", details: { survivor: survivorId } },
                l.version,
                undefined,
                command.reason,
              ),
            ),
        ]);
        return ok({ lead: saved.lead, absorbedIds, conflicts });
      });
    },

    async findStaleLeads(command) {
      const stalenessPolicy = command.policy ?? config.staleness ?? DEFAULT_STALENESS_POLICY;
      const visible: Lead[] = [];
      for await (const lead of repositories.leads.stream({ stage: stalenessPolicy.stages as LeadStage[] })) {
        if (canSee(lead, command.actor)) visible.push(lead);
      }
      return ok(findStaleLeads(visible, stalenessPolicy, { now: clock.now(), originOf: leadOwnershipKind }));
    },
  };

  /** The owner the distribution policy gives a passive lead, or `null` for the pool. */
  function assign(
    leadId: string,
  ): { readonly owner: string | null; readonly state: DistributionState } | null {
    if (config.distribution === undefined) return null;
    const result = distributeLeads([{ id: leadId }], { ...config.distribution, state: distributionState });
    return { owner: result.assignments[0]?.userId ?? null, state: result.state };
  }
}

function auditEntry(
  actor: string,
  leadId: string,
  at: Date,
  audit: Pick<AuditEntry, "action" | "reason" | "details">,
  beforeVersion: number,
  afterVersion: number | undefined,
  reason?: string,
): AuditEntry {
  const why = audit.reason ?? reason;
  return {
    at,
    actor,
    action: audit.action,
    leadId,
    ...(why === undefined ? {} : { reason: why }),
    beforeVersion,
    ...(afterVersion === undefined ? {} : { afterVersion }),
    ...(audit.details === undefined ? {} : { details: audit.details }),
  };
}
