import {
  capIssues,
  formatIssues,
  fromZodIssues,
  type Issue,
  issue,
  LeadKitError,
  listValues,
  quoteValue,
} from "../internal/index.js";
import {
  BUILTIN_LIFECYCLE_GUARDS,
  type LifecycleGuard,
  type LifecycleGuardRegistry,
} from "./builtin-lifecycle-guards.js";
import { attachCompiled, type CompiledLifecycle, type CompiledMove } from "./compile-lifecycle.js";
import {
  type LifecycleDefinition,
  type LifecycleEventDefinition,
  lifecycleDefinitionSchema,
} from "./lifecycle-definition-schema.js";
import { planEffects } from "./lifecycle-effect.js";
import type { LifecycleEvent, LifecycleRecord } from "./lifecycle-record.js";

/**
 * A validated lifecycle with its lookup tables built, ready for {@link transition}. Build it once
 * with {@link defineLifecycle} and reuse it.
 *
 * @typeParam S - Its stage names.
 * @typeParam E - Its event names.
 * @typeParam R - The records its guards read.
 * @example
 * ```ts
 * const lifecycle: Lifecycle<LeadStage, DefaultLifecycleEvent> = defaultLifecycle;
 * ```
 * @category Lifecycle
 */
export interface Lifecycle<S extends string = string, E extends string = string, R = LifecycleRecord<S>> {
  /** The definition's id. */
  readonly id: string;
  /** The definition, as data (JSON serialisable). */
  readonly definition: LifecycleDefinition<S, E>;
  /** Every stage, in declared order. */
  readonly stages: readonly S[];
  /** Every event, in declared order. */
  readonly events: readonly E[];
  /** The stage new records start in. */
  readonly initial: S;
  /** The main path, in order. */
  readonly funnel: readonly S[];
  /** Stages no event leaves. */
  readonly terminal: readonly S[];
  /** The guards by name: the built-in ones and those passed in. */
  readonly guards: LifecycleGuardRegistry<R>;
}

/**
 * Options of {@link defineLifecycle}.
 *
 * @example
 * ```ts
 * const options: DefineLifecycleOptions<Lead> = { guards: { has_owner: ({ record }) => record.owner ? { pass: true } : { pass: false, reason: "no owner" } } };
 * ```
 * @category Lifecycle
 */
export interface DefineLifecycleOptions<R> {
  /** Guards by name, added to (and overriding) {@link BUILTIN_LIFECYCLE_GUARDS}. */
  readonly guards?: LifecycleGuardRegistry<R>;
  /** Whether the built-in guards are available (default `true`). */
  readonly builtinGuards?: boolean;
}

/**
 * Validates a lifecycle definition and builds its lookup tables. Stage and event names are inferred
 * from a literal definition, so a typo in a stage name fails to compile.
 *
 * @param definition - The definition, as data.
 * @param options - Guards by name, when the definition names guards of its own.
 * @returns The built lifecycle.
 * @throws LeadKitError with code `invalid_definition` when the definition is malformed or names an
 *   unknown stage or guard; its issues carry codes such as `unknown_stage`, `unknown_guard`,
 *   `duplicate_stage`, `terminal_has_events` and `invalid_back_target`.
 * @example
 * ```ts
 * const tickets = defineLifecycle({
 *   id: "tickets", stages: ["open", "solved", "closed"], initial: "open",
 *   funnel: ["open", "solved", "closed"], terminal: ["closed"],
 *   events: { solve: { from: ["open"], to: "solved" }, close: { from: ["solved"], to: "closed" } },
 * });
 * ```
 * @category Lifecycle
 */
export function defineLifecycle<
  const S extends string,
  const E extends string,
  R extends LifecycleRecord<S> = LifecycleRecord<S>,
>(definition: LifecycleDefinition<S, E>, options: DefineLifecycleOptions<R> = {}): Lifecycle<S, E, R> {
  const parsed = lifecycleDefinitionSchema.safeParse(definition);
  if (!parsed.success) fail(definition, fromZodIssues(parsed.error.issues));
  return buildLifecycle(definition, options);
}

/**
 * {@link defineLifecycle} without the schema check, for a definition known to pass it: the built-in
 * one, so that importing the module does not parse it with zod (a test checks that it passes).
 * Internal to the lifecycle module.
 */
export function buildLifecycle<
  const S extends string,
  const E extends string,
  R extends LifecycleRecord<S> = LifecycleRecord<S>,
>(definition: LifecycleDefinition<S, E>, options: DefineLifecycleOptions<R> = {}): Lifecycle<S, E, R> {
  const guards: Record<string, LifecycleGuard<R>> = {
    ...(options.builtinGuards === false
      ? {}
      : (BUILTIN_LIFECYCLE_GUARDS as unknown as LifecycleGuardRegistry<R>)),
    ...options.guards,
  };
  // A frozen copy, so later changes to the caller's object cannot desynchronise the tables.
  const frozen = deepFreeze(structuredClone(definition));
  const compiled = compile(frozen as LifecycleDefinition, guards as LifecycleGuardRegistry<unknown>);
  const events = Object.freeze(Object.keys(frozen.events)) as readonly E[];
  const lifecycle: Lifecycle<S, E, R> = {
    id: frozen.id,
    definition: frozen,
    stages: frozen.stages,
    events,
    initial: frozen.initial,
    funnel: frozen.funnel,
    terminal: frozen.terminal ?? [],
    guards: Object.freeze(guards),
  };
  return Object.freeze(attachCompiled(lifecycle, compiled));
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object") {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

function fail(definition: unknown, issues: readonly Issue[]): never {
  const given = (definition as { readonly id?: unknown } | null)?.id;
  const id = typeof given === "string" ? quoteValue(given) : "(no id)";
  const capped = capIssues(issues);
  throw new LeadKitError(
    "invalid_definition",
    formatIssues(`Invalid lifecycle definition ${id}`, capped),
    capped,
  );
}

function compile(
  definition: LifecycleDefinition,
  guards: LifecycleGuardRegistry<unknown>,
): CompiledLifecycle {
  const issues: Issue[] = [];
  const stages = new Set<string>();
  definition.stages.forEach((stage, i) => {
    if (stages.has(stage)) {
      issues.push(issue("duplicate_stage", ["stages", i], `Stage "${stage}" is declared twice`));
    }
    stages.add(stage);
  });
  const expected = `expected one of ${listValues(stages)}`;
  let knownGuards: string | undefined;
  const checkStage = (stage: string, path: readonly (string | number)[]): boolean => {
    if (stages.has(stage)) return true;
    issues.push(issue("unknown_stage", path, `Unknown stage "${stage}"; ${expected}`));
    return false;
  };
  checkStage(definition.initial, ["initial"]);
  const funnelIndex = new Map<string, number>();
  definition.funnel.forEach((stage, i) => {
    if (!checkStage(stage, ["funnel", i])) return;
    if (funnelIndex.has(stage)) {
      issues.push(issue("duplicate_stage", ["funnel", i], `Stage "${stage}" appears twice in the funnel`));
    } else funnelIndex.set(stage, i);
  });
  const terminal = new Set<string>();
  (definition.terminal ?? []).forEach((stage, i) => {
    if (checkStage(stage, ["terminal", i])) terminal.add(stage);
  });

  const moves = new Map<string, Map<string, CompiledMove>>();
  const eventsFrom = new Map<string, string[]>();
  const fromOf = new Map<string, string[]>();
  const bareEvents = new Map<string, LifecycleEvent>();
  for (const stage of stages) {
    moves.set(stage, new Map());
    eventsFrom.set(stage, []);
  }
  const eventEntries = Object.entries(definition.events) as [string, LifecycleEventDefinition][];
  for (const [event, spec] of eventEntries) {
    const path = ["events", event];
    bareEvents.set(event, Object.freeze({ type: event }));
    fromOf.set(event, [...spec.from]);
    const guardNames = spec.guards ?? [];
    const guardFns: LifecycleGuard<unknown>[] = [];
    guardNames.forEach((name, i) => {
      const fn = Object.hasOwn(guards, name) ? guards[name] : undefined;
      if (typeof fn === "function") guardFns.push(fn);
      else {
        knownGuards ??= listValues(Object.keys(guards));
        const known = knownGuards;
        issues.push(
          issue(
            "unknown_guard",
            [...path, "guards", i],
            `Unknown guard "${name}"; the registry has ${known}`,
          ),
        );
      }
    });
    const fixedTarget = spec.to !== "@previous" && spec.to !== "@back";
    if (fixedTarget) checkStage(spec.to, [...path, "to"]);
    const effects = spec.effects ?? [];
    spec.from.forEach((from, i) => {
      const at = [...path, "from", i];
      if (!checkStage(from, at)) return;
      if (terminal.has(from)) {
        issues.push(
          issue(
            "terminal_has_events",
            at,
            `Stage "${from}" is terminal, so event "${event}" may not leave it`,
          ),
        );
        return;
      }
      const table = moves.get(from);
      if (table === undefined || table.has(event)) {
        issues.push(issue("duplicate_stage", at, `Stage "${from}" is listed twice in event "${event}"`));
        return;
      }
      let to: string | null = fixedTarget ? spec.to : null;
      if (spec.to === "@back") {
        const index = funnelIndex.get(from);
        const previous = index === undefined ? undefined : definition.funnel[index - 1];
        if (previous === undefined) {
          issues.push(
            issue(
              "invalid_back_target",
              at,
              `Event "${event}" goes "@back" from "${from}", which has no earlier funnel stage; expected a funnel stage after the first`,
            ),
          );
          return;
        }
        to = previous;
      }
      table.set(event, {
        event,
        from,
        to,
        guardNames,
        guards: guardFns,
        requiresReason: spec.requiresReason === true,
        manual: spec.manual === true,
        effects,
        effectPlan: planEffects(effects, event, from, to),
      });
      eventsFrom.get(from)?.push(event);
    });
  }
  if (issues.length > 0) fail(definition, issues);
  return {
    id: definition.id,
    stages,
    terminal,
    funnelIndex,
    eventNames: eventEntries.map(([name]) => name),
    moves,
    eventsFrom,
    fromOf,
    bareEvents,
  };
}
