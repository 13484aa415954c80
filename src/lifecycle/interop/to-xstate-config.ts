import { getOwn, setOwn } from "../../internal/index.js";
import type { CompiledLifecycle } from "../definition/compile-lifecycle.js";
import type { EffectSpec } from "../definition/lifecycle-definition-schema.js";
import { isBackward, tablesOf } from "../definition/lifecycle-tables.js";
import type { LifecycleRecord } from "../lifecycle-record.js";
import { previousStage } from "../transition/check-move.js";
import type { LifecycleEvidence } from "../transition/lifecycle-evidence.js";

/**
 * The parameters of the single `leadkit` guard in an exported XState config: everything leadkit
 * checks for one event from one stage.
 *
 * @example
 * ```ts
 * import { defaultLifecycle, toXStateConfig, type XStateGuardParams } from "leadkit/lifecycle";
 *
 * // What the machine checks before "qualify" moves a lead on.
 * const params: XStateGuardParams | undefined = toXStateConfig(defaultLifecycle).states["lead"]?.on?.["qualify"]?.[0]?.guard?.params;
 * params?.guards; // ["has_passing_qualification"]
 * ```
 * @category Lifecycle
 */
export interface XStateGuardParams {
  /** The event. */
  readonly event: string;
  /** The target stage of this transition. */
  readonly to: string;
  /** Named guards that must all pass. */
  readonly guards: readonly string[];
  /** Whether the event needs a non-blank reason. */
  readonly requiresReason: boolean;
  /** Whether automatic events are refused. */
  readonly manual: boolean;
  /** Whether the move goes back along the funnel (refused when automatic). */
  readonly backward: boolean;
  /** For `@previous` targets: the stage the record must have been in before the current one. */
  readonly previous?: string;
}

/**
 * An action in an exported XState config: one of the event's effects, by type.
 *
 * @example
 * ```ts
 * import { defaultLifecycle, toXStateConfig, type XStateActionConfig } from "leadkit/lifecycle";
 *
 * // Every action the exported machine can run, for wiring them to your side effects.
 * const actions: XStateActionConfig[] = Object.values(toXStateConfig(defaultLifecycle).states).flatMap((state) =>
 *   Object.values(state.on ?? {}).flatMap((ts) => ts.flatMap((t) => t.actions ?? [])),
 * );
 * new Set(actions.map((a) => a.type));
 * ```
 * @category Lifecycle
 */
export interface XStateActionConfig {
  /** The effect's type, e.g. `"notify_owner"`. */
  readonly type: string;
  /** Its parameters, when it has some (`afterDays`, `name`). */
  readonly params?: Readonly<Record<string, string | number>>;
}

/**
 * One transition in an exported XState config.
 *
 * @example
 * ```ts
 * import { defaultLifecycle, toXStateConfig, type XStateTransitionConfig } from "leadkit/lifecycle";
 *
 * const win: readonly XStateTransitionConfig[] = toXStateConfig(defaultLifecycle).states["potential_client"]?.on?.["win"] ?? [];
 * win.map((t) => t.target); // ["customer"]
 * ```
 * @category Lifecycle
 */
export interface XStateTransitionConfig {
  /** The target state. */
  readonly target: string;
  /** The `leadkit` guard and its parameters; absent when nothing is checked. */
  readonly guard?: { readonly type: "leadkit"; readonly params: XStateGuardParams };
  /** The effects, as XState actions. */
  readonly actions?: readonly XStateActionConfig[];
}

/**
 * One state in an exported XState config.
 *
 * @example
 * ```ts
 * import { defaultLifecycle, toXStateConfig, type XStateStateConfig } from "leadkit/lifecycle";
 *
 * const states: Readonly<Record<string, XStateStateConfig>> = toXStateConfig(defaultLifecycle).states;
 * Object.keys(states).filter((stage) => states[stage]?.type === "final"); // the terminal stages
 * ```
 * @category Lifecycle
 */
export interface XStateStateConfig {
  /** `"final"` for terminal stages. */
  readonly type?: "final";
  /** Transitions by event; XState takes the first whose guard passes. */
  readonly on?: Readonly<Record<string, readonly XStateTransitionConfig[]>>;
}

/**
 * A lifecycle as an XState v5 machine config: plain data, for `createMachine(config, { guards })`.
 *
 * @example
 * ```ts
 * import { createMachine } from "xstate";
 * import { createXStateGuards, defaultLifecycle, toXStateConfig, type XStateMachineConfig } from "leadkit/lifecycle";
 *
 * const config: XStateMachineConfig = toXStateConfig(defaultLifecycle);
 * const machine = createMachine(config, { guards: createXStateGuards(defaultLifecycle) });
 * machine.id; // "leadkit.default"
 * ```
 * @category Lifecycle
 */
export interface XStateMachineConfig {
  /** The lifecycle's id. */
  readonly id: string;
  /** The initial stage. */
  readonly initial: string;
  /** One state per stage. */
  readonly states: Readonly<Record<string, XStateStateConfig>>;
}

/**
 * The event object to send to a machine built from {@link toXStateConfig}: leadkit's event plus the
 * record and the time, which the `leadkit` guard reads.
 *
 * @example
 * ```ts
 * import { createActor, createMachine } from "xstate";
 * import { createXStateGuards, defaultLifecycle, toXStateConfig, type XStateLeadEvent } from "leadkit/lifecycle";
 *
 * const machine = createMachine(toXStateConfig(defaultLifecycle), { guards: createXStateGuards(defaultLifecycle) });
 * const actor = createActor(machine).start();
 * // The lead and the time travel with the event: the leadkit guard reads them.
 * const event: XStateLeadEvent = { type: "show_interest", lead, now };
 * actor.send(event);
 * ```
 * @category Lifecycle
 */
export interface XStateLeadEvent {
  /** The event's name. */
  readonly type: string;
  /** The record as it is before the event. */
  readonly lead: LifecycleRecord;
  /** The present, for the guards. */
  readonly now: Date;
  /** Why, for events that need a reason. */
  readonly reason?: string;
  /** Evidence for the guards. */
  readonly evidence?: readonly LifecycleEvidence[];
  /** Whether the move is automatic. */
  readonly automatic?: boolean;
}

function actionsOf(effects: readonly EffectSpec[]): XStateActionConfig[] {
  return effects.map((e) => {
    if (e.type === "schedule_follow_up") return { type: e.type, params: { afterDays: e.afterDays } };
    if (e.type === "emit") return { type: e.type, params: { name: e.name } };
    return { type: e.type };
  });
}

/**
 * Exports a lifecycle as an XState v5 machine config (plain data; leadkit does not depend on
 * xstate). Every check is carried by one parameterised guard, `leadkit`, implemented by
 * {@link createXStateGuards}; `@previous` targets become one guarded transition per possible stage.
 *
 * @param lifecycle - A lifecycle built by {@link compileLifecycle}.
 * @returns The machine config.
 * @example
 * ```ts
 * import { createXStateGuards, defaultLifecycle, toXStateConfig } from "leadkit/lifecycle";
 * import { createMachine } from "xstate";
 * const machine = createMachine(toXStateConfig(defaultLifecycle), { guards: createXStateGuards(defaultLifecycle) });
 * ```
 * @category Lifecycle
 */
export function toXStateConfig<S extends string, E extends string, R>(
  lifecycle: CompiledLifecycle<S, E, R>,
): XStateMachineConfig {
  const compiled = tablesOf(lifecycle);
  const states: Record<string, XStateStateConfig> = {};
  for (const stage of lifecycle.stages) {
    if (compiled.terminal.has(stage)) {
      setOwn(states, stage, { type: "final" });
      continue;
    }
    const on: Record<string, XStateTransitionConfig[]> = {};
    for (const [event, move] of compiled.moves.get(stage) ?? []) {
      const targets =
        move.to === null
          ? lifecycle.stages.filter((s) => s !== stage && !compiled.terminal.has(s))
          : [move.to];
      // Stage and event names are data: "__proto__" is a state like any other, an own key.
      setOwn(
        on,
        event,
        targets.map((to) => {
          const params: XStateGuardParams = {
            event,
            to,
            guards: move.guardNames,
            requiresReason: move.requiresReason,
            manual: move.manual,
            backward: isBackward(compiled, stage, to),
            ...(move.to === null ? { previous: to } : {}),
          };
          const checked =
            params.guards.length > 0 ||
            params.requiresReason ||
            params.manual ||
            params.backward ||
            params.previous !== undefined;
          const actions = actionsOf(move.effects);
          return {
            target: to,
            ...(checked ? { guard: { type: "leadkit" as const, params } } : {}),
            ...(actions.length > 0 ? { actions } : {}),
          };
        }),
      );
    }
    setOwn(states, stage, { on });
  }
  return { id: lifecycle.id, initial: lifecycle.initial, states };
}

/**
 * The guard implementations {@link createXStateGuards} returns, to pass as xstate's `guards`.
 *
 * @example
 * ```ts
 * import { createMachine } from "xstate";
 * import { createXStateGuards, defaultLifecycle, toXStateConfig, type XStateGuards } from "leadkit/lifecycle";
 *
 * const guards: XStateGuards = createXStateGuards(defaultLifecycle);
 * createMachine(toXStateConfig(defaultLifecycle), { guards });
 * ```
 * @category Lifecycle
 */
// A type alias, not an interface: xstate's `guards` option is an index signature, which only
// object-literal types satisfy implicitly.
export type XStateGuards = {
  /** The one parameterised guard every transition of the exported config refers to. */
  readonly leadkit: (args: { readonly event: { readonly type: string } }, params: unknown) => boolean;
};

/**
 * The guard implementations for a machine built from {@link toXStateConfig}: `leadkit` checks the
 * reason, automation, the `@previous` stage and the named guards of the lifecycle's registry.
 *
 * @param lifecycle - The lifecycle the config was exported from.
 * @returns `{ leadkit }`, for `createMachine(config, { guards })`.
 * @example
 * ```ts
 * import { createMachine } from "xstate";
 * import { createXStateGuards, defaultLifecycle, toXStateConfig } from "leadkit/lifecycle";
 *
 * const machine = createMachine(toXStateConfig(defaultLifecycle), { guards: createXStateGuards(defaultLifecycle) });
 * ```
 * @category Lifecycle
 */
export function createXStateGuards<S extends string, E extends string, R>(
  lifecycle: CompiledLifecycle<S, E, R>,
): XStateGuards {
  return {
    leadkit: (args, rawParams) => {
      // xstate types events and params loosely; the exported config passes `XStateGuardParams`, and
      // an event without the record or the time cannot pass a leadkit guard.
      if (!isLeadEvent(args.event)) return false;
      const event = args.event;
      const params = rawParams as XStateGuardParams;
      if (params.requiresReason && (event.reason === undefined || event.reason.trim() === "")) return false;
      if (event.automatic === true && (params.manual || params.backward)) return false;
      if (params.previous !== undefined && previousStage(event.lead) !== params.previous) return false;
      const input = {
        record: event.lead as R,
        event: {
          type: event.type,
          ...(event.reason === undefined ? {} : { reason: event.reason }),
          ...(event.evidence === undefined ? {} : { evidence: event.evidence }),
        },
        from: event.lead.stage,
        to: params.to,
        now: event.now,
      };
      return params.guards.every((name) => getOwn(lifecycle.guards, name)?.(input).pass === true);
    },
  };
}

function isLeadEvent(event: { readonly type: string }): event is XStateLeadEvent {
  const candidate = event as Partial<XStateLeadEvent>;
  return typeof candidate.lead === "object" && candidate.lead !== null && candidate.now instanceof Date;
}
