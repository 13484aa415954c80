import { type Issue, isLeadKitError, LeadKitError, type Result } from "../internal/index.js";
import type { CompiledLifecycle, EvidenceRecord, StalenessPolicy } from "../lifecycle/index.js";
import type { FindDuplicatesOptions, LeadStage, PossibleDuplicateMatcher } from "../model/index.js";
import type { CompiledOriginRules, CompiledSharingPolicy, DistributeLeadsOptions } from "../origin/index.js";
import type { Clock, IdGenerator, Repositories, RepositorySet } from "../ports/index.js";
import type { CompiledPointsModel } from "../scoring/index.js";

/** Everything a command needs: the ports and the team's validated configuration. */
export interface ServiceContext {
  readonly repositories: Repositories;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly policy: CompiledSharingPolicy;
  readonly originRules: CompiledOriginRules;
  readonly lifecycle: CompiledLifecycle<LeadStage, string, EvidenceRecord<LeadStage>>;
  readonly models: readonly CompiledPointsModel[];
  readonly pool: string;
  readonly distribution: (Omit<DistributeLeadsOptions, "state"> & { readonly key: string }) | undefined;
  readonly staleness: StalenessPolicy;
  readonly duplicates: FindDuplicatesOptions;
  /**
   * How captures and imports look for possible duplicates, and the service's own matcher (which
   * reads each stored lead's name, company and channels once); `null` when switched off.
   */
  readonly possibleDuplicates: {
    readonly minScore: number;
    readonly maxBlockSize: number;
    readonly matcher: PossibleDuplicateMatcher;
  } | null;
  readonly qualifyEvent: string | undefined;
}

/** Thrown inside a unit of work to roll it back (when it is a transaction) and return a result. */
export class Abort {
  readonly result: Result<never>;
  constructor(issues: readonly Issue[]) {
    this.result = { ok: false, issues };
  }
}

/**
 * Runs work in one transaction when the repositories have them, else on the stores directly; an
 * {@link Abort} becomes its result. `transactional` tells the work whether a failure rolls back.
 */
export async function unitOfWork<T>(
  context: ServiceContext,
  work: (stores: RepositorySet, transactional: boolean) => Promise<Result<T>>,
): Promise<Result<T>> {
  const { repositories } = context;
  try {
    return repositories.transaction === undefined
      ? await work(repositories, false)
      : await repositories.transaction((stores) => work(stores, true));
  } catch (error) {
    if (error instanceof Abort) return error.result;
    throw error;
  }
}

/** The clock's instant for one operation; an invalid one is the clock's bug, not the caller's. */
export function nowOf(context: ServiceContext): Date {
  const now = context.clock.now();
  if (!(now instanceof Date) || Number.isNaN(now.getTime()))
    throw new LeadKitError(
      "invalid_input",
      "The service's clock returned an invalid Date; expected a valid Date from clock.now().",
    );
  return now;
}

/**
 * Runs a pure domain step on command input. The domain modules validate what they are given, and
 * the service validates commands first; this is the last guard, so that no value a caller sends can
 * make the service throw: a domain function that throws on it becomes an `invalid_input` issue.
 */
export function guardPure<T>(what: string, run: () => Result<T>): Result<T> {
  try {
    return run();
  } catch (error) {
    if (isLeadKitError(error) && error.issues.length > 0) return { ok: false, issues: error.issues };
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      issues: [{ code: "invalid_input", path: [], message: `${what} could not use this input: ${message}` }],
    };
  }
}
