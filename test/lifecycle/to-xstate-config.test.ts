import { describe, expect, it } from "vitest";
import { createMachine, transition as xstateTransition } from "xstate";
import {
  compileLifecycle,
  createXStateGuards,
  defaultLifecycle,
  toXStateConfig,
} from "../../src/lifecycle/index.js";
import { makeLead } from "../support/make-lead.js";
import { at, formContact } from "./fixtures.js";

describe("toXStateConfig", () => {
  const config = toXStateConfig(defaultLifecycle);

  it("has one state per stage, terminal stages final, guards only where leadkit checks something", () => {
    expect(Object.keys(config.states)).toEqual(defaultLifecycle.stages);
    expect(config.initial).toBe("contact");
    expect(config.states["customer"]).toEqual({ type: "final" });
    expect(config.states["potential_client"]?.on?.["win"]).toEqual([
      { target: "customer", actions: [{ type: "notify_owner" }] },
    ]);
    expect(config.states["lead"]?.on?.["qualify"]?.[0]?.guard).toEqual({
      type: "leadkit",
      params: {
        event: "qualify",
        to: "prospect",
        guards: ["has_passing_qualification"],
        requiresReason: false,
        manual: false,
        backward: false,
      },
    });
    expect(config.states["lead"]?.on?.["nurture"]?.[0]?.actions).toEqual([
      { type: "schedule_follow_up", params: { afterDays: 30 } },
    ]);
  });

  it("expands @previous into one guarded transition per stage it could return to", () => {
    const reopen = config.states["lost"]?.on?.["reopen"] ?? [];
    expect(reopen.map((t) => t.target)).toEqual([
      "contact",
      "lead",
      "prospect",
      "potential_client",
      "nurturing",
      "disqualified",
    ]);
    expect(reopen.every((t) => t.guard?.params.previous === t.target)).toBe(true);
  });

  it("is plain JSON", () => {
    expect(JSON.parse(JSON.stringify(config))).toEqual(config);
  });

  it("runs in xstate: reopens a lost lead to where it was and refuses what leadkit refuses", () => {
    const machine = createMachine(config, { guards: createXStateGuards(defaultLifecycle) });
    const lost = makeLead(formContact, {
      stage: "lost",
      history: [
        { from: "potential_client", to: "lost", event: "lose", at: at(1), actor: "u", reason: "timing" },
      ],
    });
    const start = machine.resolveState({ value: "lost", context: {} });
    const [reopened] = xstateTransition(machine, start, { type: "reopen", lead: lost, now: at(2) } as never);
    expect(reopened.value).toBe("potential_client");
    const [automatic] = xstateTransition(machine, start, {
      type: "reopen",
      lead: lost,
      now: at(2),
      automatic: true,
    } as never);
    expect(automatic.value).toBe("lost");
    const potential = machine.resolveState({ value: "potential_client", context: {} });
    const [noReason] = xstateTransition(machine, potential, {
      type: "lose",
      lead: lost,
      now: at(2),
    } as never);
    expect(noReason.value).toBe("potential_client");
  });

  it("exports custom emit effects with their name", () => {
    const lc = compileLifecycle({
      id: "emit",
      stages: ["a", "b"],
      initial: "a",
      funnel: [],
      events: { go: { from: ["a"], to: "b", effects: [{ type: "emit", name: "ping" }] } },
    });
    expect(toXStateConfig(lc).states["a"]?.on?.["go"]?.[0]?.actions).toEqual([
      { type: "emit", params: { name: "ping" } },
    ]);
  });
});

describe("createXStateGuards", () => {
  it("type-checks as xstate guards and refuses an event that lacks the record or the time", () => {
    const guards = createXStateGuards(defaultLifecycle);
    const params = {
      event: "qualify",
      to: "prospect",
      guards: [],
      manual: false,
      backward: false,
      requiresReason: false,
    };
    expect(guards.leadkit({ event: { type: "qualify" } }, params)).toBe(false);
  });
});
