import * as z from "zod";
import {
  type DeepReadonly,
  dataRecord,
  describeValue,
  formatIssues,
  fromZodIssues,
  getOwn,
  INPUT_LIMITS,
  type Issue,
  issue,
  LeadKitError,
  quoteValue,
  setOwn,
} from "../internal/index.js";

/**
 * How incoming leads are spread over a team: strict rotation, rotation weighted by capacity or
 * quota, or to whoever holds the fewest open leads.
 *
 * @example
 * ```ts
 * import { DISTRIBUTION_STRATEGIES } from "leadkit/origin";
 *
 * DISTRIBUTION_STRATEGIES; // ["round_robin", "weighted", "least_loaded"]
 * ```
 * @category Origin
 */
export const DISTRIBUTION_STRATEGIES = ["round_robin", "weighted", "least_loaded"] as const;

/**
 * One of {@link DISTRIBUTION_STRATEGIES}.
 *
 * @example
 * ```ts
 * import { type DistributionStrategy, distributeLeads } from "leadkit/origin";
 *
 * // Bruno works part-time: weighted, he gets about a third of the pool.
 * const strategy: DistributionStrategy = "weighted";
 * distributeLeads(leads, { strategy, members: [{ userId: "u-ana", weight: 2 }, { userId: "u-bruno", weight: 1 }] }).assignments;
 * ```
 * @category Origin
 */
export type DistributionStrategy = (typeof DISTRIBUTION_STRATEGIES)[number];

const userId = z.string().min(1).max(INPUT_LIMITS.idLength);

/**
 * A team member who can receive leads, with their weight, capacity, current load, quota and
 * opt-out.
 *
 * @example
 * ```ts
 * import { distributionMemberSchema } from "./distribute-leads.js";
 *
 * distributionMemberSchema.parse({ userId: "u-ana", weight: 2, capacity: 40, load: 31, quota: 60 });
 * ```
 * @category Origin
 */
export const distributionMemberSchema = z.strictObject({
  userId,
  weight: z.number().positive().finite().optional(),
  capacity: z.number().int().min(0).optional(),
  load: z.number().int().min(0).optional(),
  quota: z.number().int().min(0).optional(),
  optOut: z.boolean().optional(),
});

/**
 * A team member who can receive leads.
 *
 * @remarks
 * `weight` (default 1) is the member's share under the `weighted` strategy. `capacity` caps the open
 * leads they may hold, given their current `load` (default 0). `quota` caps the leads assigned to
 * them this period, counted in {@link DistributionState.assigned}. An `optOut` member (on leave, not
 * taking leads) receives none.
 *
 * @example
 * ```ts
 * import { type DistributionMember, distributeLeads } from "leadkit/origin";
 *
 * // Bruno can take 30 leads and holds 12: least_loaded fills him up before Ana.
 * const members: DistributionMember[] = [{ userId: "u-ana", capacity: 30, load: 25 }, { userId: "u-bruno", capacity: 30, load: 12 }];
 * distributeLeads(leads, { strategy: "least_loaded", members }).unassigned; // leads beyond everyone's capacity
 * ```
 * @category Origin
 */
export type DistributionMember = DeepReadonly<z.output<typeof distributionMemberSchema>>;

/**
 * What a distribution remembers between runs: a rotation cursor, counts per period, and the credits
 * of smooth weighted round robin. Plain JSON; store it and pass it back next time.
 *
 * @example
 * ```ts
 * import { distributionStateSchema } from "./distribute-leads.js";
 *
 * distributionStateSchema.parse({ cursor: "u-ana", assigned: { "u-ana": 3 }, credit: {} });
 * ```
 * @category Origin
 */
export const distributionStateSchema = z.strictObject({
  cursor: userId.nullable(),
  assigned: dataRecord(userId, z.number().int().min(0), INPUT_LIMITS.listItems),
  credit: dataRecord(userId, z.number().finite(), INPUT_LIMITS.listItems),
});

/**
 * What a distribution remembers between runs.
 *
 * @example
 * ```ts
 * import { createDistributionState, type DistributionState, distributeLeads } from "leadkit/origin";
 *
 * // Keep the state between batches, so round robin carries on where the last batch stopped.
 * let state: DistributionState = createDistributionState();
 * const members = [{ userId: "u-ana" }, { userId: "u-bruno" }];
 * for (const batch of [leads.slice(0, 10), leads.slice(10)]) state = distributeLeads(batch, { strategy: "round_robin", members, state }).state;
 * ```
 * @category Origin
 */
export interface DistributionState {
  /** The last member who received a lead: the rotation continues after them, never from the top. */
  readonly cursor: string | null;
  /** Leads assigned to each member this period, checked against their quota. Reset each period. */
  readonly assigned: Readonly<Record<string, number>>;
  /** Each member's running credit under the `weighted` strategy. */
  readonly credit: Readonly<Record<string, number>>;
}

/**
 * Options for {@link distributeLeads}.
 *
 * @example
 * ```ts
 * import { type DistributeLeadsOptions, distributeLeads } from "leadkit/origin";
 *
 * const options: DistributeLeadsOptions = { strategy: "round_robin", members: [{ userId: "u-ana" }, { userId: "u-bruno" }] };
 * distributeLeads([{ id: "l1" }, { id: "l2" }, { id: "l3" }], options).assignments.map((a) => a.userId); // ["u-ana", "u-bruno", "u-ana"]
 * ```
 * @category Origin
 */
export interface DistributeLeadsOptions {
  /** How to choose the member for each lead. */
  readonly strategy: DistributionStrategy;
  /** The team; order does not matter (members are rotated by id). */
  readonly members: readonly DistributionMember[];
  /** The state the last run returned; a fresh state when left out. */
  readonly state?: DistributionState;
  /** Picks where a fresh rotation starts, so that no member is favoured by coming first; 0 by default. */
  readonly seed?: number;
  /**
   * What the `weighted` strategy weighs by: each member's `weight` (default), their remaining quota
   * this period (`quota` − assigned, as Odoo does), or their free capacity (`capacity` − `load`).
   */
  readonly weightBy?: "weight" | "remaining_quota" | "free_capacity";
}

/**
 * One lead given to one member.
 *
 * @example
 * ```ts
 * import { distributeLeads, type LeadAssignment } from "leadkit/origin";
 *
 * const owners = new Map<string, string>();
 * const record = (a: LeadAssignment) => owners.set(a.leadId, a.userId);
 * distributeLeads(leads, { strategy: "round_robin", members: [{ userId: "u-ana" }] }).assignments.forEach(record);
 * ```
 * @category Origin
 */
export interface LeadAssignment {
  /** The lead's id. */
  readonly leadId: string;
  /** The member who receives it. */
  readonly userId: string;
}

/**
 * The outcome of {@link distributeLeads}.
 *
 * @example
 * ```ts
 * import { distributeLeads } from "leadkit/origin";
 *
 * declare const options: import("leadkit/origin").DistributeLeadsOptions;
 * const { assignments, unassigned, state } = distributeLeads(leads, options);
 * ```
 * @category Origin
 */
export interface DistributionResult {
  /** Who receives each lead, in the order of the input. */
  readonly assignments: readonly LeadAssignment[];
  /** Leads nobody could take: every member had opted out or was at capacity or quota. */
  readonly unassigned: readonly string[];
  /** The state to pass to the next run. */
  readonly state: DistributionState;
}

/**
 * A fresh distribution state: no cursor, nothing assigned, no credit.
 *
 * @returns An empty {@link DistributionState}.
 * @example
 * ```ts
 * import { createDistributionState, distributeLeads } from "leadkit/origin";
 *
 * const members = [{ userId: "u-ana" }, { userId: "u-bruno" }];
 * distributeLeads(leads, { strategy: "round_robin", members, state: createDistributionState() });
 * ```
 * @category Origin
 */
export function createDistributionState(): DistributionState {
  return { cursor: null, assigned: {}, credit: {} };
}

function invalid(issues: readonly Issue[]): LeadKitError {
  return new LeadKitError("invalid_definition", formatIssues("Invalid distribution options", issues), issues);
}

function validate(leads: readonly { readonly id: string }[], options: DistributeLeadsOptions): void {
  if (options === null || typeof options !== "object")
    throw invalid([
      issue("invalid_type", [], `The options must be an object; got ${describeValue(options)}`),
    ]);
  const issues: Issue[] = [];
  const members = z.array(distributionMemberSchema).max(INPUT_LIMITS.listItems).safeParse(options.members);
  if (!members.success) issues.push(...fromZodIssues(members.error.issues, ["members"]));
  if (options.state !== undefined) {
    const state = distributionStateSchema.safeParse(options.state);
    if (!state.success) issues.push(...fromZodIssues(state.error.issues, ["state"]));
  }
  if (!(DISTRIBUTION_STRATEGIES as readonly unknown[]).includes(options.strategy))
    issues.push(
      issue(
        "unknown_strategy",
        ["strategy"],
        `Unknown strategy ${quoteValue(options.strategy)}; expected one of ${DISTRIBUTION_STRATEGIES.join(", ")}`,
      ),
    );
  if (!Array.isArray(leads) || !leads.every((lead) => typeof lead?.id === "string"))
    issues.push(issue("invalid_type", ["leads"], "Expected an array of leads, each with a string id"));
  if (!members.success) throw invalid(issues);
  const seen = new Set<string>();
  members.data.forEach((m, index) => {
    if (seen.has(m.userId))
      issues.push(
        issue(
          "duplicate_member",
          ["members", index, "userId"],
          `Member ${quoteValue(m.userId)} is listed twice`,
        ),
      );
    seen.add(m.userId);
    if (options.weightBy === "remaining_quota" && m.quota === undefined)
      issues.push(
        issue(
          "missing_quota",
          ["members", index, "quota"],
          `Member ${quoteValue(m.userId)} needs a quota to weigh by remaining quota`,
        ),
      );
    if (options.weightBy === "free_capacity" && m.capacity === undefined)
      issues.push(
        issue(
          "missing_capacity",
          ["members", index, "capacity"],
          `Member ${quoteValue(m.userId)} needs a capacity to weigh by free capacity`,
        ),
      );
  });
  if (issues.length > 0) throw invalid(issues);
}

/** A well-mixed index in [0, n) from a seed (murmur3's finaliser). */
function seededIndex(seed: number, n: number): number {
  let h = (seed | 0) ^ 0x9e3779b9;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) % n;
}

/**
 * Assigns incoming leads to team members — strict round robin, weighted, or least loaded — never to
 * a member who opted out or is at capacity or quota. Pure and deterministic: the same leads,
 * members, state and seed give the same assignments.
 *
 * @remarks
 * The rotation continues after the member in `state.cursor` (by member id), so every run does not
 * restart at the first member — the bias of a rotation that always starts at the oldest member. A
 * fresh rotation starts at a member chosen from the seed. `weighted` is smooth weighted round robin
 * (as in nginx): shares follow the weights exactly over each cycle and never bunch up. `least_loaded`
 * picks the fewest open leads (`load` plus leads given in this run); ties go to the next in rotation.
 * Apply the assignments with {@link transferLead} or {@link claimLead} to get audit entries.
 *
 * @param leads - The leads to assign (anything with an `id`, e.g. {@link leadkit!Lead}s); not modified.
 * @param options - Strategy, members, the previous state and a seed.
 * @returns Assignments in input order, the leads nobody could take, and the next state.
 * @throws `LeadKitError` with code `invalid_definition` for malformed members or state, a member
 *   listed twice, or a `weightBy` whose figure a member lacks.
 * @example
 * ```ts
 * import { distributeLeads } from "leadkit/origin";
 *
 * const members = [{ userId: "u-ana" }, { userId: "u-bruno" }];
 * declare const batch1: readonly import("leadkit").Lead[];
 * declare const batch2: readonly import("leadkit").Lead[];
 * const first = distributeLeads(batch1, { strategy: "round_robin", members });
 * const second = distributeLeads(batch2, { strategy: "round_robin", members, state: first.state });
 * ```
 * @category Origin
 */
export function distributeLeads(
  leads: readonly { readonly id: string }[],
  options: DistributeLeadsOptions,
): DistributionResult {
  validate(leads, options);
  const state = options.state ?? createDistributionState();
  const members = [...options.members].sort((a, b) =>
    a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0,
  );
  const n = members.length;
  // User ids are data: read and written as own keys only ("constructor" is a user id like any other).
  const assigned: Record<string, number> = {};
  for (const id of Object.keys(state.assigned)) setOwn(assigned, id, getOwn(state.assigned, id) ?? 0);
  const credit: Record<string, number> = {};
  for (const m of members) setOwn(credit, m.userId, getOwn(state.credit, m.userId) ?? 0);
  const given = new Map<string, number>();
  let cursor = state.cursor;
  let next = 0;
  if (n > 0) {
    if (cursor === null) next = seededIndex(options.seed ?? 0, n);
    else {
      const after = members.findIndex((m) => m.userId > (cursor as string));
      next = after === -1 ? 0 : after;
    }
  }

  const load = (m: DistributionMember) => (m.load ?? 0) + (given.get(m.userId) ?? 0);
  const eligible = (m: DistributionMember) =>
    m.optOut !== true &&
    (m.capacity === undefined || load(m) < m.capacity) &&
    (m.quota === undefined || (getOwn(assigned, m.userId) ?? 0) < m.quota);
  const weightOf = (m: DistributionMember): number => {
    if (options.weightBy === "remaining_quota") return (m.quota ?? 0) - (getOwn(assigned, m.userId) ?? 0);
    if (options.weightBy === "free_capacity") return (m.capacity ?? 0) - load(m);
    return m.weight ?? 1;
  };

  const choose = (): number => {
    let best = -1;
    let bestScore = 0;
    let total = 0;
    for (let step = 0; step < n; step++) {
      const index = (next + step) % n;
      const m = members[index] as DistributionMember;
      if (!eligible(m)) continue;
      if (options.strategy === "round_robin") return index;
      let score: number;
      if (options.strategy === "weighted") {
        const w = weightOf(m);
        total += w;
        score = (getOwn(credit, m.userId) ?? 0) + w;
        setOwn(credit, m.userId, score);
      } else {
        score = -load(m);
      }
      if (best === -1 || score > bestScore) {
        best = index;
        bestScore = score;
      }
    }
    if (best !== -1 && options.strategy === "weighted") {
      const id = (members[best] as DistributionMember).userId;
      setOwn(credit, id, (getOwn(credit, id) ?? 0) - total);
    }
    return best;
  };

  const assignments: LeadAssignment[] = [];
  const unassigned: string[] = [];
  for (const lead of leads) {
    const index = unassigned.length > 0 ? -1 : choose();
    if (index === -1) {
      unassigned.push(lead.id);
      continue;
    }
    const id = (members[index] as DistributionMember).userId;
    assignments.push({ leadId: lead.id, userId: id });
    setOwn(assigned, id, (getOwn(assigned, id) ?? 0) + 1);
    given.set(id, (given.get(id) ?? 0) + 1);
    cursor = id;
    next = (index + 1) % n;
  }
  return { assignments, unassigned, state: { cursor, assigned, credit } };
}
