import { capIssues, type Issue, issue, LeadKitError } from "../internal/index.js";
import {
  type CompiledLifecycle,
  DEFAULT_STALENESS_POLICY,
  defaultLifecycle,
  type EvidenceRecord,
  type StalenessPolicy,
} from "../lifecycle/index.js";
import type { FindDuplicatesOptions, LeadStage } from "../model/index.js";
import {
  type CompiledOriginRules,
  type CompiledSharingPolicy,
  compileOriginRules,
  compileSharingPolicy,
  DEFAULT_ORIGIN_RULES,
  DEFAULT_SHARING_POLICY,
  type DistributeLeadsOptions,
} from "../origin/index.js";
import type { Clock, IdGenerator, Repositories } from "../ports/index.js";
import { type CompiledPointsModel, compilePointsModel, DEFAULT_POINTS_MODEL } from "../scoring/index.js";
import { capture } from "./commands/capture.js";
import { claim } from "./commands/claim.js";
import { eraseContact } from "./commands/erase-contact.js";
import { exportContactData } from "./commands/export-contact-data.js";
import { findStaleLeads } from "./commands/find-stale-leads.js";
import { get } from "./commands/get.js";
import { importLeads } from "./commands/import-leads.js";
import { merge } from "./commands/merge.js";
import { qualify } from "./commands/qualify.js";
import { recordInteraction } from "./commands/record-interaction.js";
import { refer } from "./commands/refer.js";
import { release } from "./commands/release.js";
import { rescore } from "./commands/rescore.js";
import { share } from "./commands/share.js";
import { sweepRetention } from "./commands/sweep-retention.js";
import { transfer } from "./commands/transfer.js";
import { transition } from "./commands/transition.js";
import { unshare } from "./commands/unshare.js";
import type { LeadService } from "./lead-service.js";
import { type PossibleDuplicatesConfig, validatePossibleDuplicates } from "./possible-duplicates.js";
import type { ServiceContext } from "./service-context.js";
import {
  checkModels,
  checkOriginRules,
  checkPolicy,
  validateDistribution,
  validateStaleness,
} from "./validate-config.js";

/**
 * How captured passive leads without an owner are distributed: `distributeLeads`' options (without
 * the state, which the service keeps in `repositories.distribution`) and the rotation's key.
 *
 * @example
 * ```ts
 * import { createLeadService, type LeadDistributionConfig } from "leadkit/services";
 * import { createInMemoryRepositories, fixedClock, sequentialIds } from "leadkit/testing";
 *
 * // Passive leads from the Spanish website go to Ana and Bruno in turn.
 * const distribution: LeadDistributionConfig = {
 *   key: "inbound-es",
 *   strategy: "round_robin",
 *   members: [{ userId: "u-ana" }, { userId: "u-bruno" }],
 * };
 * const service = createLeadService({
 *   repositories: createInMemoryRepositories(), clock: fixedClock("2026-03-02T09:00:00Z"), ids: sequentialIds("lead"),
 *   config: { distribution },
 * });
 * ```
 * @category Services
 */
export interface LeadDistributionConfig extends Omit<DistributeLeadsOptions, "state"> {
  /** Under which key the rotation's state is stored; `"default"` when left out. */
  readonly key?: string;
}

/**
 * How a team works: its sharing policy, origin rules, distribution, lifecycle, scoring models and
 * staleness rules. Every part has a default, and every part is checked when the service is
 * created. The configurations that have a compiled form are given compiled (`compileSharingPolicy`,
 * `compileOriginRules`, `compileLifecycle`, `compilePointsModel`): validated once, by you.
 *
 * @example
 * ```ts
 * import { compileSharingPolicy, DEFAULT_SHARING_POLICY } from "leadkit/origin";
 * import { createLeadService, type LeadServiceConfig } from "leadkit/services";
 * import { createInMemoryRepositories, fixedClock, sequentialIds } from "leadkit/testing";
 *
 * const config: LeadServiceConfig = {
 *   policy: compileSharingPolicy({ ...DEFAULT_SHARING_POLICY, managers: ["u-marta"], members: ["u-ana", "u-bruno"] }),
 *   distribution: { strategy: "round_robin", members: [{ userId: "u-ana" }, { userId: "u-bruno" }] },
 * };
 * const service = createLeadService({ repositories: createInMemoryRepositories(), clock: fixedClock("2026-03-02T09:00:00Z"), ids: sequentialIds("lead"), config });
 * await service.findStaleLeads({ actor: "u-marta" });
 * ```
 * @category Services
 */
export interface LeadServiceConfig {
  /**
   * Who may see and change which leads — every access rule the service applies, including which
   * actors are integrations (`"system"` by default) and what hidden leads reveal — compiled with
   * `compileSharingPolicy`; `compileSharingPolicy(DEFAULT_SHARING_POLICY)` when left out.
   */
  readonly policy?: CompiledSharingPolicy;
  /**
   * The origin rule table, compiled with `compileOriginRules`;
   * `compileOriginRules(DEFAULT_ORIGIN_RULES)` when left out.
   */
  readonly originRules?: CompiledOriginRules;
  /**
   * How captured passive leads without an explicit owner are assigned; they go to the pool when
   * left out (or when every member is at capacity). The rotation is stored in
   * `repositories.distribution`, so concurrent captures, on one process or many, take turns.
   */
  readonly distribution?: LeadDistributionConfig;
  /** The pool unassigned leads go to; `"inbound"` when left out. */
  readonly pool?: string;
  /** The lifecycle; `defaultLifecycle` when left out. */
  readonly lifecycle?: CompiledLifecycle<LeadStage, string, EvidenceRecord<LeadStage>>;
  /**
   * The event `qualify` fires on a qualified lead. When left out, the first event of the
   * lifecycle that fires from the lead's stage and is guarded by `has_passing_qualification`
   * (`qualify`, from `lead`, in the default lifecycle); a lead in a stage no such event leaves is
   * not moved.
   */
  readonly qualifyEvent?: string;
  /**
   * The scoring models every lead is scored with, compiled with `compilePointsModel`;
   * `[compilePointsModel(DEFAULT_POINTS_MODEL)]` when left out.
   */
  readonly scoringModels?: readonly CompiledPointsModel[];
  /** Which leads `findStaleLeads` flags; `DEFAULT_STALENESS_POLICY` when left out. */
  readonly staleness?: StalenessPolicy;
  /** How duplicate keys are computed; must match the repositories' (the model's defaults when left out). */
  readonly duplicates?: FindDuplicatesOptions;
  /**
   * How `capture` and `importLeads` look for possible duplicates — leads that may be the same person
   * although no exact key matches — which they return beside exact duplicates, never merging them:
   * `false` switches the lookup off; `{ minScore, maxBlockSize }` tunes it (0.75 and 50 when left
   * out, as here).
   */
  readonly possibleDuplicates?: PossibleDuplicatesConfig | false;
}

/**
 * What {@link createLeadService} needs: where data lives, what time it is, how to make ids, and how
 * the team works.
 *
 * @example
 * ```ts
 * import { type CreateLeadServiceOptions, createLeadService } from "leadkit/services";
 * import { createInMemoryRepositories } from "leadkit/testing";
 *
 * // The system clock and random UUIDs, as in production; swap the repositories for leadkit/postgres.
 * const options: CreateLeadServiceOptions = {
 *   repositories: createInMemoryRepositories(),
 *   clock: { now: () => new Date() },
 *   ids: { next: () => crypto.randomUUID() },
 * };
 * const service = createLeadService(options);
 * await service.capture({ actor: "system", contact: { kind: "prospect", name: "Ana García" }, capture: { channel: "form", initiator: { kind: "contact" } } });
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

/**
 * Creates the lead service over repositories: the only async layer of leadkit, where the pure
 * domain modules (origin, lifecycle, qualification, scoring) meet storage. Each command validates
 * its input, reads, asks the sharing policy and the domain function, writes, audits and appends its
 * domain events; the service holds no rule of its own.
 *
 * @param options - Repositories, clock, id generator and the team's configuration.
 * @returns The {@link LeadService}.
 * @throws `LeadKitError` with code `invalid_definition` when the configuration is invalid: a
 *   policy, origin rule table or scoring model that was not compiled, a malformed distribution or
 *   staleness policy, a scoring model that cannot score, two models with one id, or a
 *   `qualifyEvent` the lifecycle lacks — so that nothing accepted here fails a command later.
 * @example
 * ```ts
 * import { createLeadService } from "leadkit/services";
 * import { createInMemoryRepositories, fixedClock, sequentialIds } from "leadkit/testing";
 *
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
  const config = options.config ?? {};
  const lifecycle = config.lifecycle ?? defaultLifecycle;
  const events: readonly string[] = lifecycle.events;
  if (config.qualifyEvent !== undefined && !events.includes(config.qualifyEvent))
    throw new LeadKitError(
      "invalid_definition",
      `Invalid lead service configuration: qualifyEvent "${config.qualifyEvent}" is not an event of lifecycle "${lifecycle.id}"; expected one of ${lifecycle.events.join(", ")}.`,
      [issue("unknown_event", ["qualifyEvent"], `Unknown event "${config.qualifyEvent}".`)],
    );
  const { key, ...distribution } = config.distribution ?? { key: undefined };
  if (config.distribution !== undefined)
    validateDistribution(distribution as DistributeLeadsOptions, key ?? "default");
  const duplicates = config.duplicates ?? {};
  const context: ServiceContext = {
    repositories: options.repositories,
    clock: options.clock,
    ids: options.ids,
    policy: checkPolicy(config.policy ?? compileSharingPolicy(DEFAULT_SHARING_POLICY)),
    originRules: checkOriginRules(config.originRules ?? compileOriginRules(DEFAULT_ORIGIN_RULES)),
    lifecycle,
    models: checkModels(
      config.scoringModels ?? [compilePointsModel(DEFAULT_POINTS_MODEL)],
      options.clock.now(),
    ),
    pool: config.pool ?? "inbound",
    distribution:
      config.distribution === undefined
        ? undefined
        : { ...(distribution as Omit<DistributeLeadsOptions, "state">), key: key ?? "default" },
    staleness: validateStaleness(config.staleness ?? DEFAULT_STALENESS_POLICY),
    duplicates,
    possibleDuplicates: validatePossibleDuplicates(config.possibleDuplicates, duplicates),
    qualifyEvent: config.qualifyEvent,
  };
  return {
    capture: capped(capture(context)),
    get: capped(get(context)),
    recordInteraction: capped(recordInteraction(context)),
    rescore: capped(rescore(context)),
    qualify: capped(qualify(context)),
    transition: capped(transition(context)),
    share: capped(share(context)),
    unshare: capped(unshare(context)),
    transfer: capped(transfer(context)),
    refer: capped(refer(context)),
    claim: capped(claim(context)),
    release: capped(release(context)),
    merge: capped(merge(context)),
    findStaleLeads: capped(findStaleLeads(context)),
    importLeads: capped(importLeads(context)),
    eraseContact: capped(eraseContact(context)),
    exportContactData: capped(exportContactData(context)),
    sweepRetention: capped(sweepRetention(context)),
  };
}

/**
 * A command whose refusals list at most 100 issues, then one `too_many_issues`: one place for every
 * command, so a huge bad command (1,000 interactions each wrong) gets a small answer.
 */
function capped<A extends unknown[], R extends { readonly ok: boolean }>(
  command: (...input: A) => Promise<R>,
): (...input: A) => Promise<R> {
  return async (...input: A): Promise<R> => {
    const result = await command(...input);
    if (result.ok) return result;
    const { issues } = result as unknown as { readonly issues: readonly Issue[] };
    return { ...result, issues: capIssues(issues) };
  };
}
