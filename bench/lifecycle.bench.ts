// Lifecycle transitions per second: leadkit's precomputed tables against XState v5's pure
// `transition()` on the equivalent machine (exported by toXStateConfig, with an `assign` that
// records the move as leadkit does) and against a hand-written `switch` doing the same work.
//
// Fairness: the XState machine is created once and driven the way its docs show, `transition(machine,
// snapshot, event)` on snapshots restored with `machine.resolveState`; every side checks that each
// move succeeded. One call runs the five-move mix once on every side and counts as five
// transitions (`itemsPerCall`): the harness times each call with two clock reads (~40–50 ns), which
// a single ~150 ns transition would pay on every sample and a ~15 µs XState transition would not.
import { assign, createMachine, transition as xstateTransition } from "xstate";
import type { Lead } from "../src/index.js";
import {
  createXStateGuards,
  defaultLifecycle,
  type LifecycleEvidence,
  toXStateConfig,
  transition,
} from "../src/lifecycle/index.js";
import { generateLeads } from "../src/testing/index.js";
import type { BenchCase } from "./harness.js";

const now = new Date("2026-07-01T00:00:00Z");
const base = generateLeads({ seed: 7, count: 1 })[0] as Lead;
const qualified: LifecycleEvidence = {
  kind: "qualification",
  frameworkId: "bant",
  verdict: "qualified",
  at: now,
};
const lostFrom = {
  from: "potential_client",
  to: "lost",
  event: "lose",
  at: now,
  actor: "u",
  reason: "timing",
} as const;

interface Case {
  readonly lead: Lead;
  readonly event: {
    readonly type: "qualify" | "request_purchase" | "win" | "nurture" | "reopen";
    readonly evidence?: readonly LifecycleEvidence[];
  };
}
const cases: readonly Case[] = [
  { lead: { ...base, stage: "lead" }, event: { type: "qualify", evidence: [qualified] } },
  {
    lead: {
      ...base,
      stage: "prospect",
      interactions: [
        ...base.interactions,
        { id: "x", type: "demo_request", at: now, initiator: { kind: "contact" } },
      ],
    },
    event: { type: "request_purchase" },
  },
  { lead: { ...base, stage: "potential_client" }, event: { type: "win" } },
  { lead: { ...base, stage: "lead" }, event: { type: "nurture" } },
  { lead: { ...base, stage: "lost", history: [...base.history, lostFrom] }, event: { type: "reopen" } },
];

// leadkit
const subject = () => {
  let last: unknown;
  for (const c of cases) {
    const result = transition(defaultLifecycle, c.lead, c.event, { now, actor: "u-ana" });
    if (!result.ok) throw new Error(result.issues[0]?.message);
    last = result;
  }
  return last;
};

// XState v5 on the exported config, recording the move in context as leadkit does.
const config = toXStateConfig(defaultLifecycle);
const record = assign(({ event }: { event: { type: string; lead: Lead; now: Date } }) => {
  const lead = event.lead;
  const entry = { from: lead.stage, to: lead.stage, event: event.type, at: event.now, actor: "u-ana" };
  return { lead: { ...lead, history: [...lead.history, entry], updatedAt: event.now } };
});
const withRecord = {
  ...config,
  context: { lead: base },
  states: Object.fromEntries(
    Object.entries(config.states).map(([stage, state]) => [
      stage,
      {
        ...state,
        ...(state.on === undefined
          ? {}
          : {
              on: Object.fromEntries(
                Object.entries(state.on).map(([event, ts]) => [
                  event,
                  ts.map((t) => ({ ...t, actions: [...(t.actions ?? []), record] })),
                ]),
              ),
            }),
      },
    ]),
  ),
};
const machine = createMachine(withRecord as never, {
  guards: createXStateGuards(defaultLifecycle) as never,
  actions: {
    notify_owner: () => {},
    schedule_follow_up: () => {},
    request_rescore: () => {},
    emit: () => {},
  } as never,
});
const snapshots = cases.map((c) => machine.resolveState({ value: c.lead.stage, context: { lead: c.lead } }));
const xstate = () => {
  let last: unknown;
  for (let k = 0; k < cases.length; k++) {
    const c = cases[k] as Case;
    const [next, actions] = xstateTransition(
      machine,
      snapshots[k] as never,
      { ...c.event, lead: c.lead, now } as never,
    );
    if (next.value === c.lead.stage) throw new Error("xstate refused");
    last = actions;
  }
  return last;
};

// Hand-written switch: the same five moves, guards and record update, no tables.
type Effect = { type: string; [k: string]: unknown };
function move(lead: Lead, to: Lead["stage"], event: string, effects: Effect[]) {
  const entry = { from: lead.stage, to, event, at: now, actor: "u-ana" };
  const history = lead.history.slice();
  history.push(entry);
  return {
    ok: true as const,
    value: { lead: { ...lead, stage: to, history, updatedAt: now }, from: lead.stage, to, entry, effects },
  };
}
function handWritten(lead: Lead, event: Case["event"]) {
  switch (lead.stage) {
    case "lead":
      switch (event.type) {
        case "qualify": {
          let latest: LifecycleEvidence | undefined;
          for (const e of event.evidence ?? [])
            if (e.kind === "qualification" && (latest === undefined || e.at >= latest.at)) latest = e;
          if (latest?.kind !== "qualification" || latest.verdict !== "qualified")
            return { ok: false as const };
          return move(lead, "prospect", "qualify", [
            { type: "notify_owner", event: "qualify", from: "lead", to: "prospect" },
            { type: "request_rescore" },
          ]);
        }
        case "nurture":
          return move(lead, "nurturing", "nurture", [
            { type: "schedule_follow_up", at: new Date(now.getTime() + 30 * 86_400_000) },
          ]);
        default:
          return { ok: false as const };
      }
    case "prospect":
      if (event.type !== "request_purchase") return { ok: false as const };
      if (
        !lead.interactions.some(
          (x) =>
            x.type === "demo_request" || x.type === "pricing_request" || x.type === "contact_sales_request",
        )
      ) {
        return { ok: false as const };
      }
      return move(lead, "potential_client", "request_purchase", [
        { type: "notify_owner" },
        { type: "schedule_follow_up", at: new Date(now.getTime() + 86_400_000) },
      ]);
    case "potential_client":
      if (event.type !== "win") return { ok: false as const };
      return move(lead, "customer", "win", [
        { type: "notify_owner", event: "win", from: "potential_client", to: "customer" },
      ]);
    case "lost": {
      if (event.type !== "reopen") return { ok: false as const };
      let previous: Lead["stage"] | undefined;
      for (let h = lead.history.length - 1; h >= 0; h--)
        if (lead.history[h]?.to === "lost") {
          previous = lead.history[h]?.from;
          break;
        }
      if (previous === undefined) return { ok: false as const };
      return move(lead, previous, "reopen", [{ type: "notify_owner" }, { type: "request_rescore" }]);
    }
    default:
      return { ok: false as const };
  }
}
const baseline = () => {
  let last: unknown;
  for (const c of cases) {
    const result = handWritten(c.lead, c.event);
    if (!result.ok) throw new Error("refused");
    last = result;
  }
  return last;
};

// The three sides agree before anything is timed: the same target stage, one history entry more, and
// (leadkit and the switch, which return effects as data) the same effects in the same order.
cases.forEach((c, k) => {
  const ours = transition(defaultLifecycle, c.lead, c.event, { now, actor: "u-ana" });
  const [next] = xstateTransition(machine, snapshots[k] as never, { ...c.event, lead: c.lead, now } as never);
  const switched = handWritten(c.lead, c.event);
  const theirs = (next.context as { lead: Lead }).lead;
  const agree =
    ours.ok &&
    switched.ok &&
    next.value === ours.value.to &&
    switched.value.to === ours.value.to &&
    theirs.history.length === c.lead.history.length + 1 &&
    switched.value.lead.history.length === ours.value.lead.history.length &&
    ours.value.lead.history.length === c.lead.history.length + 1 &&
    JSON.stringify(switched.value.effects.map((e) => e.type)) ===
      JSON.stringify(ours.value.effects.map((e) => e.type));
  if (!agree) throw new Error(`lifecycle bench: the sides disagree on move ${k} (${c.event.type})`);
});

export default [
  {
    name: "lifecycle transition (5-move mix)",
    baselineName: "xstate transition()",
    subject,
    baseline: xstate,
    itemsPerCall: cases.length,
    target: "≥ 50",
  },
  {
    name: "lifecycle transition (5-move mix) vs switch",
    baselineName: "hand-written switch",
    subject,
    baseline,
    itemsPerCall: cases.length,
    target: "≥ 0.3",
  },
] satisfies BenchCase[];
