import { describe, expect, it } from "vitest";
import { isLeadKitError } from "../../src/internal/index.js";
import {
  createDistributionState,
  type DistributeLeadsOptions,
  type DistributionMember,
  distributeLeads,
} from "../../src/origin/index.js";
import { deepFreeze } from "./fixtures.js";

const leads = (n: number, prefix = "l") => Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}` }));
const trio: DistributionMember[] = [{ userId: "u-carmen" }, { userId: "u-ana" }, { userId: "u-bruno" }];
const countBy = (assignments: readonly { userId: string }[]) =>
  assignments.reduce<Record<string, number>>((acc, a) => {
    acc[a.userId] = (acc[a.userId] ?? 0) + 1;
    return acc;
  }, {});

describe("round robin", () => {
  it("rotates strictly over members by id, from a seeded start", () => {
    const { assignments, state } = distributeLeads(leads(6), {
      strategy: "round_robin",
      members: trio,
      seed: 1,
    });
    const order = assignments.map((a) => a.userId);
    expect(new Set(order.slice(0, 3)).size).toBe(3);
    expect(order.slice(3)).toEqual(order.slice(0, 3));
    expect(state.cursor).toBe(order[5]);
    expect(state.assigned).toEqual({ "u-ana": 2, "u-bruno": 2, "u-carmen": 2 });
  });

  it("continues after the last member across runs instead of restarting at the first (Odoo's bias)", () => {
    let state = createDistributionState();
    const receivers: string[] = [];
    for (let run = 0; run < 3; run++) {
      const result = distributeLeads(leads(1, `r${run}-`), { strategy: "round_robin", members: trio, state });
      receivers.push(result.assignments[0]?.userId ?? "");
      state = result.state;
    }
    expect(new Set(receivers).size).toBe(3);
  });

  it("continues after a cursor member who left the team", () => {
    const { assignments } = distributeLeads(leads(1), {
      strategy: "round_robin",
      members: trio,
      state: { cursor: "u-bianca", assigned: {}, credit: {} },
    });
    expect(assignments[0]?.userId).toBe("u-bruno");
  });

  it("different seeds start in different places, the same seed at the same place", () => {
    const first = (seed: number) =>
      distributeLeads(leads(1), { strategy: "round_robin", members: trio, seed }).assignments[0]?.userId;
    expect(first(7)).toBe(first(7));
    expect(new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(first)).size).toBeGreaterThan(1);
  });

  it("skips members who opted out or are at capacity, and leaves leads unassigned when nobody can take them", () => {
    const members: DistributionMember[] = [
      { userId: "u-ana", optOut: true },
      { userId: "u-bruno", capacity: 5, load: 4 },
      { userId: "u-carmen", quota: 2 },
    ];
    const result = distributeLeads(leads(5), {
      strategy: "round_robin",
      members,
      state: { cursor: null, assigned: { "u-carmen": 1 }, credit: {} },
    });
    expect(countBy(result.assignments)).toEqual({ "u-bruno": 1, "u-carmen": 1 });
    expect(result.unassigned).toEqual(["l2", "l3", "l4"]);
    expect(result.state.assigned).toEqual({ "u-bruno": 1, "u-carmen": 2 });
  });

  it("assigns nothing to an empty team", () => {
    const result = distributeLeads(leads(2), { strategy: "round_robin", members: [] });
    expect(result).toEqual({ assignments: [], unassigned: ["l0", "l1"], state: createDistributionState() });
  });
});

describe("weighted", () => {
  it("follows the weights exactly over each cycle, smoothly", () => {
    const members: DistributionMember[] = [
      { userId: "u-ana", weight: 5 },
      { userId: "u-bruno", weight: 1 },
      { userId: "u-carmen", weight: 1 },
    ];
    const { assignments } = distributeLeads(leads(7), { strategy: "weighted", members });
    expect(countBy(assignments)).toEqual({ "u-ana": 5, "u-bruno": 1, "u-carmen": 1 });
    const order = assignments.map((a) => a.userId);
    expect(order.join()).not.toContain("u-ana,u-ana,u-ana,u-ana,u-ana");
  });

  it("weighs by remaining quota (Odoo) or by free capacity", () => {
    const byQuota = distributeLeads(leads(32), {
      strategy: "weighted",
      weightBy: "remaining_quota",
      members: [
        { userId: "u-ana", quota: 30 },
        { userId: "u-bruno", quota: 10 },
      ],
      state: { cursor: null, assigned: { "u-ana": 0, "u-bruno": 9 }, credit: {} },
    });
    expect(countBy(byQuota.assignments)).toEqual({ "u-ana": 30, "u-bruno": 1 });
    expect(byQuota.unassigned).toEqual(["l31"]);
    const early = byQuota.assignments.findIndex((a) => a.userId === "u-bruno");
    expect(early).toBeLessThan(20); // spread through the batch, not left for last
    const byCapacity = distributeLeads(leads(3), {
      strategy: "weighted",
      weightBy: "free_capacity",
      members: [
        { userId: "u-ana", capacity: 10, load: 10 },
        { userId: "u-bruno", capacity: 10, load: 0 },
      ],
    });
    expect(countBy(byCapacity.assignments)).toEqual({ "u-bruno": 3 });
  });
});

describe("least loaded", () => {
  it("gives each lead to whoever holds the fewest open leads", () => {
    const members: DistributionMember[] = [
      { userId: "u-ana", load: 10 },
      { userId: "u-bruno", load: 7 },
      { userId: "u-carmen", load: 8 },
    ];
    const { assignments } = distributeLeads(leads(5), { strategy: "least_loaded", members, seed: 3 });
    expect(countBy(assignments)).toEqual({ "u-bruno": 3, "u-carmen": 2 });
  });
});

describe("determinism, purity and validation", () => {
  it("gives the same result for the same input and does not mutate it", () => {
    const options: DistributeLeadsOptions = deepFreeze({
      strategy: "weighted",
      members: [
        { userId: "u-ana", weight: 2 },
        { userId: "u-bruno", weight: 1, capacity: 3 },
      ],
      state: { cursor: "u-ana", assigned: { "u-ana": 1 }, credit: { "u-ana": 1, "u-bruno": -1 } },
      seed: 9,
    });
    const input = deepFreeze(leads(10));
    const copy = structuredClone({ options, input });
    expect(distributeLeads(input, options)).toEqual(distributeLeads(input, options));
    expect({ options, input }).toEqual(copy);
  });

  it("throws invalid_definition for duplicate members, bad figures or missing quotas", () => {
    const error = (options: DistributeLeadsOptions) => {
      try {
        distributeLeads(leads(1), options);
      } catch (e) {
        if (isLeadKitError(e)) return e;
      }
      throw new Error("expected a LeadKitError");
    };
    const dup = error({ strategy: "round_robin", members: [{ userId: "u-ana" }, { userId: "u-ana" }] });
    expect(dup.code).toBe("invalid_definition");
    expect(dup.issues[0]).toMatchObject({ code: "duplicate_member", path: ["members", 1, "userId"] });
    expect(
      error({ strategy: "weighted", members: [{ userId: "u-ana", weight: -1 }] }).issues[0]?.path,
    ).toEqual(["members", 0, "weight"]);
    expect(
      error({ strategy: "weighted", weightBy: "remaining_quota", members: [{ userId: "u-ana" }] }).issues[0]
        ?.code,
    ).toBe("missing_quota");
    expect(
      error({ strategy: "weighted", weightBy: "free_capacity", members: [{ userId: "u-ana" }] }).issues[0]
        ?.code,
    ).toBe("missing_capacity");
    expect(
      error({
        strategy: "round_robin",
        members: [],
        state: { cursor: null, assigned: { "u-ana": -1 }, credit: {} },
      }).issues[0]?.path,
    ).toEqual(["state", "assigned", "u-ana"]);
    expect(error({ strategy: "random" as "round_robin", members: [] }).issues[0]?.code).toBe(
      "unknown_strategy",
    );
  });
});

describe("user ids are data", () => {
  it("rotates, weighs and counts members named after Object.prototype members like any others", () => {
    const members = ["__proto__", "constructor", "toString", "valueOf", "hasOwnProperty"].map((userId) => ({
      userId,
      quota: 2,
    }));
    const first = distributeLeads(leads(5), { strategy: "weighted", members, seed: 3 });
    expect(first.assignments).toHaveLength(5);
    const state = JSON.parse(JSON.stringify(first.state));
    const second = distributeLeads(leads(10, "m"), { strategy: "weighted", members, state });
    expect(second.assignments).toHaveLength(5);
    expect(second.unassigned).toHaveLength(5);
    for (const m of members) {
      expect(Object.getOwnPropertyDescriptor(second.state.assigned, m.userId)?.value).toBe(2);
      expect(typeof Object.getOwnPropertyDescriptor(second.state.credit, m.userId)?.value).toBe("number");
    }
    expect(Object.getPrototypeOf(second.state.assigned)).toBe(Object.prototype);
  });

  it("throws a LeadKitError, not a TypeError, for members or leads that are not objects", () => {
    for (const run of [
      () => distributeLeads(leads(1), { strategy: "round_robin", members: [null] } as never),
      () => distributeLeads([null] as never, { strategy: "round_robin", members: trio }),
      () => distributeLeads(leads(1), null as never),
      () => distributeLeads(leads(1), { strategy: { toString: 1 }, members: trio } as never),
    ]) {
      let error: unknown;
      try {
        run();
      } catch (e) {
        error = e;
      }
      expect(isLeadKitError(error)).toBe(true);
    }
  });
});
