import type { Repositories, RepositorySet } from "../ports/index.js";

/**
 * A store method a {@link FaultPlan} can break, written `store.method`.
 *
 * @example
 * ```ts
 * import { createLeadService } from "leadkit/services";
 * import { createInMemoryRepositories, type FaultTarget, fixedClock, sequentialIds, withFaults } from "leadkit/testing";
 *
 * // Fail the audit write of a capture: nothing may be left half-saved.
 * const target: FaultTarget = "audit.append";
 * const repositories = withFaults(createInMemoryRepositories(), { method: target, onCall: 1 });
 * const service = createLeadService({ repositories, clock: fixedClock("2026-03-02T09:00:00Z"), ids: sequentialIds("lead") });
 * await service.capture({ actor: "system", contact: { kind: "prospect", name: "Ana" }, capture: { channel: "form", initiator: { kind: "contact" } } }).catch(() => {});
 * (await repositories.leads.query({})).items.length; // 0
 * ```
 * @category Testing
 */
export type FaultTarget =
  | "leads.get"
  | "leads.getByExternalId"
  | "leads.save"
  | "leads.insertMany"
  | "leads.remove"
  | "leads.findByDuplicateKeys"
  | "leads.findByBlockingKeys"
  | "leads.query"
  | "leads.stream"
  | "leads.releaseMergedKeys"
  | "interactions.append"
  | "interactions.list"
  | "interactions.erase"
  | "audit.append"
  | "audit.list"
  | "audit.erase"
  | "outbox.append"
  | "outbox.claim"
  | "outbox.acknowledge"
  | "outbox.list"
  | "outbox.erase"
  | "distribution.get"
  | "distribution.save";

/**
 * Which call of which method {@link withFaults} makes fail, and how.
 *
 * @example
 * ```ts
 * import { createInMemoryRepositories, type FaultPlan, withFaults } from "leadkit/testing";
 *
 * // The second save is stored, then throws: as if the connection dropped before the reply.
 * const plan: FaultPlan = { method: "leads.save", onCall: 2, timing: "after" };
 * const repositories = withFaults(createInMemoryRepositories(), plan);
 * await repositories.leads.save(lead, { expectedVersion: 0 });
 * await repositories.leads.save({ ...lead, owner: "u-bruno" }, { expectedVersion: 1 }).catch(() => "dropped");
 * (await repositories.leads.get(lead.id))?.owner; // "u-bruno": the write happened
 * ```
 * @category Testing
 */
export interface FaultPlan {
  /** The method to break. */
  readonly method: FaultTarget;
  /** Which call fails, counting from 1 over every call of the method, inside transactions or not. */
  readonly onCall: number;
  /**
   * `"before"` (the default): the call throws without doing anything, like a refused connection.
   * `"after"`: the call does its work, then throws, like a reply lost on the way back.
   */
  readonly timing?: "before" | "after";
  /** What to throw; an `Error` naming the method and call when left out. */
  readonly error?: unknown;
}

/**
 * Repositories that fail as planned: what {@link withFaults} returns.
 *
 * @example
 * ```ts
 * import { createInMemoryRepositories, type FaultyRepositories, withFaults } from "leadkit/testing";
 *
 * const faulty: FaultyRepositories = withFaults(createInMemoryRepositories(), { method: "audit.append", onCall: 1 });
 * await faulty.audit.append([]).catch(() => "injected fault");
 * faulty.callsOf("audit.append"); // 1
 * ```
 * @category Testing
 */
export interface FaultyRepositories extends Repositories {
  /**
   * How many times each method has been called so far.
   *
   * @param method - The method.
   * @returns The number of calls, failed ones included.
   */
  callsOf(method: FaultTarget): number;
}

/**
 * Wraps repositories so that one chosen call of one method throws — for testing that a failure
 * half-way through an operation leaves no partial state and no audit entry for a change that did
 * not happen.
 *
 * @param repositories - The repositories to wrap; left unchanged.
 * @param plan - Which call fails and how.
 * @returns Repositories that behave like `repositories` except for the planned failure; a
 *   `transaction` is kept when `repositories` has one, and its stores fail as planned too.
 * @example
 * ```ts
 * import { createInMemoryRepositories, withFaults } from "leadkit/testing";
 *
 * const repositories = withFaults(createInMemoryRepositories(), { method: "audit.append", onCall: 1 });
 * await repositories.audit.append([]); // throws: injected fault
 * ```
 * @category Testing
 */
export function withFaults(repositories: Repositories, plan: FaultPlan): FaultyRepositories {
  const calls = new Map<FaultTarget, number>();
  const fault = () =>
    plan.error ?? new Error(`Injected fault: call ${plan.onCall} of ${plan.method} failed as planned.`);
  const count = (method: FaultTarget): boolean => {
    const n = (calls.get(method) ?? 0) + 1;
    calls.set(method, n);
    return method === plan.method && n === plan.onCall;
  };
  const guard =
    <A extends unknown[], R>(method: FaultTarget, call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const failing = count(method);
      if (failing && plan.timing !== "after") throw fault();
      const result = await call(...args);
      if (failing) throw fault();
      return result;
    };
  const wrap = ({ leads, interactions, audit, outbox, distribution }: RepositorySet): RepositorySet => ({
    leads: {
      get: guard("leads.get", (id) => leads.get(id)),
      getByExternalId: guard("leads.getByExternalId", (id) => leads.getByExternalId(id)),
      save: guard("leads.save", (lead, options) => leads.save(lead, options)),
      // An optional method is kept only where the wrapped repository has it.
      ...(leads.insertMany === undefined
        ? {}
        : {
            insertMany: guard(
              "leads.insertMany",
              (list: Parameters<NonNullable<typeof leads.insertMany>>[0]) =>
                (leads.insertMany as NonNullable<typeof leads.insertMany>).call(leads, list),
            ),
          }),
      remove: guard("leads.remove", (id, options) => leads.remove(id, options)),
      findByDuplicateKeys: guard("leads.findByDuplicateKeys", (keys, options) =>
        leads.findByDuplicateKeys(keys, options),
      ),
      ...(leads.findByBlockingKeys === undefined
        ? {}
        : {
            findByBlockingKeys: guard(
              "leads.findByBlockingKeys",
              (keys: readonly string[], options?: { readonly limit?: number }) =>
                (leads.findByBlockingKeys as NonNullable<typeof leads.findByBlockingKeys>).call(
                  leads,
                  keys,
                  options,
                ),
            ),
          }),
      query: guard("leads.query", (query, page) => leads.query(query, page)),
      stream: (query) => ({
        [Symbol.asyncIterator]: async function* () {
          const failing = count("leads.stream");
          if (failing && plan.timing !== "after") throw fault();
          yield* leads.stream(query);
          if (failing) throw fault();
        },
      }),
      releaseMergedKeys: guard("leads.releaseMergedKeys", (id) => leads.releaseMergedKeys(id)),
    },
    interactions: {
      append: guard("interactions.append", (leadId, list) => interactions.append(leadId, list)),
      list: guard("interactions.list", (leadId, range) => interactions.list(leadId, range)),
      erase: guard("interactions.erase", (leadId) => interactions.erase(leadId)),
    },
    audit: {
      append: guard("audit.append", (entries) => audit.append(entries)),
      list: guard("audit.list", (query) => audit.list(query)),
      erase: guard("audit.erase", (leadId) => audit.erase(leadId)),
    },
    outbox: {
      append: guard("outbox.append", (events) => outbox.append(events)),
      claim: guard("outbox.claim", (request) => outbox.claim(request)),
      acknowledge: guard("outbox.acknowledge", (ids) => outbox.acknowledge(ids)),
      list: guard("outbox.list", (query) => outbox.list(query)),
      erase: guard("outbox.erase", (leadId) => outbox.erase(leadId)),
    },
    distribution: {
      get: guard("distribution.get", (key) => distribution.get(key)),
      save: guard("distribution.save", (key, state, options) => distribution.save(key, state, options)),
    },
  });
  const transaction = repositories.transaction?.bind(repositories);
  return {
    ...wrap(repositories),
    ...(transaction === undefined
      ? {}
      : {
          transaction: <T>(work: (trx: RepositorySet) => Promise<T>) => transaction((trx) => work(wrap(trx))),
        }),
    callsOf: (method) => calls.get(method) ?? 0,
  };
}
