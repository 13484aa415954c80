import { formatIssues, type Issue, issue, LeadKitError } from "../internal/index.js";
import {
  createPossibleDuplicateMatcher,
  type DuplicateKey,
  duplicateKeys,
  type FindDuplicatesOptions,
  type FindPossibleDuplicatesOptions,
  type Lead,
  type PossibleDuplicateReason,
} from "../model/index.js";
import { canSeeLead } from "../origin/index.js";
import type { RepositorySet } from "../ports/index.js";
import type { ServiceContext } from "./service-context.js";

/**
 * How the lead service looks for possible duplicates (the model's `findPossibleDuplicates`: similar
 * names at a similar company, one person at another domain, an email or phone one typo away) when
 * it captures or imports a lead.
 *
 * @example
 * ```ts
 * import { createLeadService, type PossibleDuplicatesConfig } from "leadkit/services";
 * import { createInMemoryRepositories, fixedClock, sequentialIds } from "leadkit/testing";
 *
 * // Fewer, surer proposals at capture.
 * const possibleDuplicates: PossibleDuplicatesConfig = { minScore: 0.85, maxBlockSize: 30 };
 * createLeadService({ repositories: createInMemoryRepositories(), clock: fixedClock("2026-03-02T09:00:00Z"), ids: sequentialIds("lead"), config: { possibleDuplicates } });
 * ```
 * @category Services
 */
export interface PossibleDuplicatesConfig {
  /** The least score a candidate is reported with, 0–1; 0.75 (the model's default) when left out. */
  readonly minScore?: number;
  /**
   * A blocking key shared by more stored leads than this, the new one included, is too common to
   * compare (a frequent name at a big company); an integer, 2–1,000; 50 when left out. The
   * repository reads at most this many leads per key, so it bounds the cost of every capture.
   */
  readonly maxBlockSize?: number;
}

/**
 * A stored lead that may be the same person as the lead captured or imported: a proposal to review
 * (and merge with `LeadService.merge`), never merged by the service.
 *
 * @example
 * ```ts
 * import type { PossibleDuplicateMatch } from "leadkit/services";
 *
 * const captured = await service.capture({
 *   actor: "u-ana", contact: { kind: "prospect", name: "Ana Garcia", company: "ACME" }, capture: { channel: "call", initiator: { kind: "user", userId: "u-ana" } },
 * });
 * const hint = (m: PossibleDuplicateMatch) => `maybe ${m.lead.contact.name} (${Math.round(m.score * 100)} %)`;
 * if (captured.ok && captured.value.kind === "created") captured.value.possibleDuplicates.map(hint);
 * ```
 * @category Services
 */
export interface PossibleDuplicateMatch {
  /** The stored lead; only a lead the actor may see. */
  readonly lead: Lead;
  /** How likely the two are one person, 0–1. */
  readonly score: number;
  /** Why, strongest evidence first; reasons name what matched, never a value. */
  readonly reasons: readonly PossibleDuplicateReason[];
}

/** The service's possible-duplicate settings, validated; `null` when switched off. */
export type PossibleDuplicateSettings = ServiceContext["possibleDuplicates"];

/**
 * The `possibleDuplicates` configuration, validated, with the service's matcher (reading phones and
 * emails as its duplicate keys do): throws `invalid_definition` for a bad one.
 */
export function validatePossibleDuplicates(
  config: unknown,
  duplicates: FindDuplicatesOptions,
): PossibleDuplicateSettings {
  if (config === false) return null;
  const settings = (minScore: number, maxBlockSize: number) => ({
    minScore,
    maxBlockSize,
    matcher: createPossibleDuplicateMatcher({ ...pick(duplicates), minScore, maxBlockSize }),
  });
  if (config === undefined) return settings(0.75, 50);
  const issues: Issue[] = [];
  if (typeof config !== "object" || config === null || Array.isArray(config)) {
    issues.push(
      issue(
        "invalid_type",
        ["possibleDuplicates"],
        "Expected false (off) or an object with minScore and maxBlockSize.",
      ),
    );
  } else {
    const minScore = Object.hasOwn(config, "minScore")
      ? (config as { minScore?: unknown }).minScore
      : undefined;
    const maxBlockSize = Object.hasOwn(config, "maxBlockSize")
      ? (config as { maxBlockSize?: unknown }).maxBlockSize
      : undefined;
    if (minScore !== undefined && !(typeof minScore === "number" && minScore >= 0 && minScore <= 1))
      issues.push(
        issue("invalid_value", ["possibleDuplicates", "minScore"], "Expected a number from 0 to 1."),
      );
    if (
      maxBlockSize !== undefined &&
      !(
        Number.isSafeInteger(maxBlockSize) &&
        (maxBlockSize as number) >= 2 &&
        (maxBlockSize as number) <= 1000
      )
    )
      issues.push(
        issue(
          "invalid_value",
          ["possibleDuplicates", "maxBlockSize"],
          "Expected an integer from 2 to 1,000.",
        ),
      );
    if (issues.length === 0)
      return settings((minScore as number | undefined) ?? 0.75, (maxBlockSize as number | undefined) ?? 50);
  }
  throw new LeadKitError(
    "invalid_definition",
    formatIssues("Invalid lead service configuration", issues),
    issues,
  );
}

/** One lead to find possible duplicates of, and which stored leads not to pair it with. */
export interface PossibleDuplicateQuery {
  readonly lead: Lead;
  /** Whether a stored lead is never reported for this one (e.g. a lead the same import created after it). */
  readonly skip?: (id: string) => boolean;
}

/**
 * The possible duplicates of leads, among the stored leads the actor may see: one bounded lookup
 * for them all (`findByBlockingKeys`, else `findByDuplicateKeys`), then the model's pairwise
 * comparison within each shared block. Read only: nothing is written, nothing merged.
 *
 * @param stored - Whether the leads are stored already (an import's created leads): then each is a
 *   holder of its own keys, and the lookup reads one more per key.
 * @param exact - The leads an exact-key lookup found already (a capture's), used as the pool when
 *   the repository has no `findByBlockingKeys`.
 */
export async function lookUpPossibleDuplicates(
  context: ServiceContext,
  stores: RepositorySet,
  actor: string,
  queries: readonly PossibleDuplicateQuery[],
  stored: boolean,
  exact?: readonly Lead[],
): Promise<PossibleDuplicateMatch[][]> {
  const settings = context.possibleDuplicates;
  if (settings === null || queries.length === 0) return queries.map(() => []);
  const { matcher } = settings;
  const keysOf = queries.map((q) => matcher.blockingKeys(q.lead));
  const wanted = [...new Set(keysOf.flat())];
  if (wanted.length === 0) return queries.map(() => []);
  // Per key at most limit + 1 leads come back: one more than a block may hold besides the lead.
  const limit = settings.maxBlockSize - (stored ? 0 : 1);
  const find = stores.leads.findByBlockingKeys?.bind(stores.leads);
  // Who holds each key, and the leads of the blocks small enough to compare. A key is too common
  // when more leads hold it than a block may: decided on every holder, hidden ones included, so
  // what the actor sees never depends on which holders came back.
  const holders = new Map<string, readonly string[]>();
  let pool: readonly Lead[];
  if (find !== undefined) {
    const found = await find(wanted, { limit });
    for (const { key, leadIds } of found.keys) holders.set(key, leadIds);
    pool = found.leads;
  } else {
    pool =
      exact ??
      (await byExactKeys(
        context,
        stores,
        queries.map((q) => q.lead),
      ));
    const held = new Map<string, string[]>(wanted.map((key) => [key, []]));
    for (const lead of pool) for (const key of matcher.blockingKeys(lead)) held.get(key)?.push(lead.id);
    for (const [key, ids] of held) holders.set(key, ids);
  }
  const visible = new Map<string, Lead>();
  for (const lead of pool) if (canSeeLead(lead, actor, context.policy)) visible.set(lead.id, lead);
  return queries.map(({ lead, skip }, index) => {
    const records = new Map<string, Lead>();
    for (const key of keysOf[index] as readonly string[]) {
      const ids = holders.get(key) ?? [];
      if (ids.length > limit) continue;
      for (const id of ids) {
        const other = visible.get(id);
        if (other !== undefined && id !== lead.id && skip?.(id) !== true) records.set(id, other);
      }
    }
    if (records.size === 0) return [];
    return matcher.findPossibleDuplicatesOf(lead, records.values()).map((found) => ({
      lead: records.get(found.id) as Lead,
      score: found.score,
      reasons: found.reasons,
    }));
  });
}

/** The phone and email settings of the service's duplicate keys, which blocking keys share. */
function pick(duplicates: FindDuplicatesOptions): FindPossibleDuplicatesOptions {
  const { phone, normalizePhone, canonicalEmail } = duplicates;
  return {
    ...(phone === undefined ? {} : { phone }),
    ...(normalizePhone === undefined ? {} : { normalizePhone }),
    ...(canonicalEmail === undefined ? {} : { canonicalEmail }),
  };
}

/** The fallback pool of a repository without `findByBlockingKeys`: the leads sharing an exact key. */
async function byExactKeys(
  context: ServiceContext,
  stores: RepositorySet,
  leads: readonly Lead[],
): Promise<readonly Lead[]> {
  const keys = new Map<string, DuplicateKey>();
  for (const lead of leads)
    for (const key of duplicateKeys(lead, context.duplicates)) keys.set(`${key.kind}\u0000${key.value}`, key);
  if (keys.size === 0) return [];
  const maxGroupSize = context.duplicates.maxGroupSize ?? 20;
  return stores.leads.findByDuplicateKeys([...keys.values()], { limit: Math.max(0, maxGroupSize - 1) });
}
