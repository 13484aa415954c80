// Lifecycle transitions: leadkit's `transition` against XState v5's pure `transition()` on the
// equivalent machine, and against a hand-written `switch` doing the same work.
//
// Inputs (bench/inputs.ts): 2,000 production-like leads, each given one move of a five-move mix
// (qualify, request_purchase, win, nurture, reopen — the last two schedule a follow-up or read the
// history); `now` advances on every call, as it does for a service handling requests, so a memo of
// the last `now` never hits. One call runs all 2,000 moves (`itemsPerCall`).
//
// Fairness notes:
// - XState: the machine is created once from `toXStateConfig(defaultLifecycle)` with the same guards
//   (`createXStateGuards`) and an `assign` that records the move in context as leadkit does; every
//   lead's snapshot is restored with `machine.resolveState` outside the timed loop (a service would
//   restore it per request: this favours XState), then driven by `transition(machine, snapshot,
//   event)` as its docs show. It returns the actions to run, not their dates.
// - The switch does what `transition` does for these moves: the same guards (evidence and
//   interactions dated at or before `now`, the latest qualification decides), the history-order
//   check, the history entry, the new record, and the effects as data — follow-up dates with
//   date-fns `addDays` (calendar days, as leadkit), shared constant effects where leadkit shares
//   them. It knows the default lifecycle by heart; leadkit reads tables built from the definition.
// - Before timing, all three are checked to agree on every move: target stage, history, and (leadkit
//   and the switch) every effect with its date; XState's actions name the same effects.
// - Several lifecycles in one process: a second, custom lifecycle runs through `transition` before
//   the rows are timed, so `transition`'s call sites have seen more than one definition.
import { addDays } from "date-fns/addDays";
import type { Lead, LeadStage } from "leadkit";
import {
  compileLifecycle,
  createXStateGuards,
  DEFAULT_LIFECYCLE_DEFINITION,
  defaultLifecycle,
  type LifecycleEffect,
  type LifecycleEvidence,
  toXStateConfig,
  transition,
} from "leadkit/lifecycle";
import { assign, createMachine, transition as xstateTransition } from "xstate";
import type { BenchCase } from "./harness.js";
import { createAdvancingClock, describeInputs, formatInputStats, productionLeads } from "./inputs.js";

const ACTOR = "u-ana";

type MoveType = "qualify" | "request_purchase" | "win" | "nurture" | "reopen";
interface Move {
  readonly lead: Lead;
  readonly event: { readonly type: MoveType; readonly evidence?: readonly LifecycleEvidence[] };
}

const MIX: readonly MoveType[] = ["qualify", "request_purchase", "win", "nurture", "reopen"];

/** One valid move per lead, in the stage the move starts from. */
function movesFor(leads: readonly Lead[]): Move[] {
  return leads.map((base, k) => {
    const type = MIX[k % MIX.length] as MoveType;
    const last = base.history.at(-1)?.at.getTime() ?? base.createdAt.getTime();
    const earlier = new Date(last + 1000);
    switch (type) {
      case "qualify":
        return {
          lead: { ...base, stage: "lead" },
          event: {
            type,
            evidence: [{ kind: "qualification", frameworkId: "bant", verdict: "qualified", at: earlier }],
          },
        };
      case "request_purchase":
        return {
          lead: {
            ...base,
            stage: "prospect",
            interactions: [
              ...base.interactions,
              { id: `${base.id}-demo`, type: "demo_request", at: earlier, initiator: { kind: "contact" } },
            ],
          },
          event: { type },
        };
      case "win":
        return { lead: { ...base, stage: "potential_client" }, event: { type } };
      case "nurture":
        return { lead: { ...base, stage: "lead" }, event: { type } };
      case "reopen": {
        const from: LeadStage = k % 2 === 0 ? "prospect" : "potential_client";
        const lost = {
          from,
          to: "lost" as const,
          event: "lose",
          at: earlier,
          actor: ACTOR,
          reason: "timing",
        };
        return { lead: { ...base, stage: "lost", history: [...base.history, lost] }, event: { type } };
      }
    }
    throw new Error(`no such move: ${type}`);
  });
}

// ——— the hand-written switch ———

type Outcome =
  | { readonly ok: true; readonly lead: Lead; readonly effects: readonly LifecycleEffect[] }
  | { readonly ok: false };
const REFUSED: Outcome = { ok: false };
const PURCHASE = new Set(["demo_request", "pricing_request", "contact_sales_request"]);
const RESCORE: LifecycleEffect = Object.freeze({ type: "request_rescore" });
const NOTIFY_QUALIFY: LifecycleEffect = Object.freeze({
  type: "notify_owner",
  event: "qualify",
  from: "lead",
  to: "prospect",
});
const NOTIFY_PURCHASE: LifecycleEffect = Object.freeze({
  type: "notify_owner",
  event: "request_purchase",
  from: "prospect",
  to: "potential_client",
});
const NOTIFY_WIN: LifecycleEffect = Object.freeze({
  type: "notify_owner",
  event: "win",
  from: "potential_client",
  to: "customer",
});

function moved(lead: Lead, to: LeadStage, event: string, now: Date, effects: LifecycleEffect[]): Outcome {
  const n = lead.history.length;
  const history = new Array(n + 1);
  for (let i = 0; i < n; i++) history[i] = lead.history[i];
  history[n] = { from: lead.stage, to, event, at: now, actor: ACTOR };
  return { ok: true, lead: { ...lead, stage: to, history, updatedAt: now }, effects };
}

function handWritten(lead: Lead, event: Move["event"], now: Date): Outcome {
  const t = now.getTime();
  const last = lead.history[lead.history.length - 1];
  if (last !== undefined && t < last.at.getTime()) return REFUSED;
  switch (lead.stage) {
    case "lead":
      if (event.type === "qualify") {
        let latest: LifecycleEvidence | undefined;
        for (const e of event.evidence ?? [])
          if (
            e.kind === "qualification" &&
            e.at.getTime() <= t &&
            (latest === undefined || e.at >= latest.at)
          )
            latest = e;
        if (latest?.kind !== "qualification" || latest.verdict !== "qualified") return REFUSED;
        return moved(lead, "prospect", "qualify", now, [NOTIFY_QUALIFY, RESCORE]);
      }
      if (event.type === "nurture")
        return moved(lead, "nurturing", "nurture", now, [
          { type: "schedule_follow_up", at: addDays(now, 30) },
        ]);
      return REFUSED;
    case "prospect": {
      if (event.type !== "request_purchase") return REFUSED;
      let asked = false;
      for (const i of lead.interactions)
        if (PURCHASE.has(i.type) && i.at.getTime() <= t) {
          asked = true;
          break;
        }
      if (!asked) return REFUSED;
      return moved(lead, "potential_client", "request_purchase", now, [
        NOTIFY_PURCHASE,
        { type: "schedule_follow_up", at: addDays(now, 1) },
      ]);
    }
    case "potential_client":
      return event.type === "win" ? moved(lead, "customer", "win", now, [NOTIFY_WIN]) : REFUSED;
    case "lost": {
      if (event.type !== "reopen") return REFUSED;
      const kind = lead.contact.kind;
      if (kind !== "prospect" && kind !== "customer") return REFUSED;
      let previous: LeadStage | undefined;
      for (let h = lead.history.length - 1; h >= 0; h--)
        if (lead.history[h]?.to === "lost") {
          previous = lead.history[h]?.from as LeadStage;
          break;
        }
      if (previous === undefined || previous === "customer" || previous === "archived") return REFUSED;
      return moved(lead, previous, "reopen", now, [
        { type: "notify_owner", event: "reopen", from: "lost", to: previous },
        RESCORE,
      ]);
    }
    default:
      return REFUSED;
  }
}

// ——— XState v5 on the exported config ———

function xstateMachine() {
  const config = toXStateConfig(defaultLifecycle);
  const record = assign(({ event }: { event: { type: string; lead: Lead; now: Date } }) => {
    const lead = event.lead;
    const entry = { from: lead.stage, to: lead.stage, event: event.type, at: event.now, actor: ACTOR };
    return { lead: { ...lead, history: [...lead.history, entry], updatedAt: event.now } };
  });
  const withRecord = {
    ...config,
    context: { lead: undefined },
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
  return createMachine(withRecord as never, {
    guards: createXStateGuards(defaultLifecycle) as never,
    actions: {
      notify_owner: () => {},
      schedule_follow_up: () => {},
      request_rescore: () => {},
      emit: () => {},
    } as never,
  });
}

const sameEffects = (a: readonly LifecycleEffect[], b: readonly LifecycleEffect[]) =>
  JSON.stringify(a) === JSON.stringify(b);

export default (): BenchCase[] => {
  const leads = productionLeads({ seed: 7, count: 2_000 });
  const moves = movesFor(leads);
  const machine = xstateMachine();
  const snapshots = moves.map((m) =>
    machine.resolveState({ value: m.lead.stage, context: { lead: m.lead } } as never),
  );
  const clock = createAdvancingClock();

  const ours = () => {
    let n = 0;
    for (const m of moves) {
      const result = transition(defaultLifecycle, m.lead, m.event, { now: clock.now(), actor: ACTOR });
      if (result.ok) n += result.value.effects.length;
      else throw new Error(result.issues[0]?.message);
    }
    return n;
  };
  const theirs = () => {
    let n = 0;
    for (let k = 0; k < moves.length; k++) {
      const m = moves[k] as Move;
      const [next, actions] = xstateTransition(
        machine,
        snapshots[k] as never,
        { ...m.event, lead: m.lead, now: clock.now() } as never,
      );
      if (next.value === m.lead.stage) throw new Error("xstate refused a move");
      n += actions.length;
    }
    return n;
  };
  const switched = () => {
    let n = 0;
    for (const m of moves) {
      const result = handWritten(m.lead, m.event, clock.now());
      if (result.ok) n += result.effects.length;
      else throw new Error("the switch refused a move");
    }
    return n;
  };

  const agree = () => {
    // A second lifecycle in the process (as in an app with two pipelines): the default one with a
    // `win` that notifies nobody.
    const second = compileLifecycle({
      ...DEFAULT_LIFECYCLE_DEFINITION,
      id: "bench.second",
      events: { ...DEFAULT_LIFECYCLE_DEFINITION.events, win: { from: ["potential_client"], to: "customer" } },
    });
    for (const m of moves) transition(second, m.lead, m.event, { now: clock.now(), actor: ACTOR });
    for (const [k, m] of moves.entries()) {
      const now = clock.now();
      const a = transition(defaultLifecycle, m.lead, m.event, { now, actor: ACTOR });
      const b = handWritten(m.lead, m.event, now);
      const [next, actions] = xstateTransition(
        machine,
        snapshots[k] as never,
        { ...m.event, lead: m.lead, now } as never,
      );
      const c = (next.context as { lead: Lead }).lead;
      const named = actions.map((x) => (x as { type: string }).type).filter((t) => !t.startsWith("xstate."));
      const fail = (what: string) =>
        new Error(`lifecycle bench: move ${k} (${m.event.type} from ${m.lead.stage}): ${what}`);
      if (!a.ok || !b.ok)
        throw fail(a.ok ? "the switch refused" : `leadkit refused: ${a.issues[0]?.message}`);
      if (b.lead.stage !== a.value.to || next.value !== a.value.to)
        throw fail(
          `stages differ: leadkit ${a.value.to}, switch ${b.lead.stage}, xstate ${String(next.value)}`,
        );
      if (JSON.stringify(b.lead) !== JSON.stringify(a.value.lead)) throw fail("the switch's record differs");
      if (c.history.length !== a.value.lead.history.length) throw fail("xstate's history differs");
      if (!sameEffects(a.value.effects, b.effects))
        throw fail(`effects differ: ${JSON.stringify(a.value.effects)} vs ${JSON.stringify(b.effects)}`);
      if (JSON.stringify(named) !== JSON.stringify(a.value.effects.map((e) => e.type)))
        throw fail(`xstate's actions ${JSON.stringify(named)} name other effects`);
    }
    const followUps = moves.filter((m) => m.event.type === "nurture" || m.event.type === "request_purchase");
    return [
      `${moves.length.toLocaleString("en-US")} moves agree (stage, record, effects with ${followUps.length} follow-up dates; XState's actions name the same effects), each at its own now`,
      formatInputStats(describeInputs(leads)),
    ];
  };

  return [
    {
      name: "lifecycle transition (5-move mix, fresh now)",
      compares:
        "transition(defaultLifecycle, …) on 2,000 leads, a fresh now per call, against XState's pure transition() on the equivalent machine and a hand-written switch with date-fns addDays",
      itemsPerCall: moves.length,
      subject: { name: "transition(defaultLifecycle, lead, event, { now })", run: ours },
      baselines: [
        { name: "xstate transition()", kind: "competitor", target: { min: 100 }, run: theirs },
        { name: "hand-written switch + addDays", kind: "specialised", target: { min: 0.8 }, run: switched },
      ],
      agree,
    },
  ];
};
