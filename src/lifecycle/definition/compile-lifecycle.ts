import {
  capIssues,
  deepFreeze,
  err,
  fromZodIssues,
  type Issue,
  issue,
  listValues,
  ok,
  quoteValue,
  type Result,
  unwrapOrThrow,
} from "../../internal/index.js";
import type { LifecycleEvent, LifecycleRecord } from "../lifecycle-record.js";
import { planEffects } from "../transition/lifecycle-effect.js";
import {
  BUILTIN_LIFECYCLE_GUARDS,
  type LifecycleGuard,
  type LifecycleGuardRegistry,
} from "./builtin-lifecycle-guards.js";
import {
  type LifecycleDefinition,
  type LifecycleEventDefinition,
  lifecycleDefinitionSchema,
} from "./lifecycle-definition-schema.js";
import { type CompiledMove, type LifecycleTables, type Tables, toPublicTables } from "./lifecycle-tables.js";

/**
 * A validated lifecycle with its lookup tables built, ready for {@link transition}. Build it once
 * with {@link compileLifecycle} and reuse it. Everything in it is an ordinary, enumerable, frozen
 * property: a spread copy (`{ ...lifecycle, id: "x" }`) is still a compiled lifecycle that
 * transitions by the same tables. To change the definition, compile again:
 * `compileLifecycle({ ...lifecycle.definition, id: "x" })`.
 *
 * @typeParam S - Its stage names.
 * @typeParam E - Its event names.
 * @typeParam R - The records its guards read.
 * @example
 * ```ts
 * import type { LeadStage } from "leadkit";
 * import { type CompiledLifecycle, defaultLifecycle, type DefaultLifecycleEvent } from "leadkit/lifecycle";
 *
 * const lifecycle: CompiledLifecycle<LeadStage, DefaultLifecycleEvent> = defaultLifecycle;
 * console.log(lifecycle.stages.join(" → "));
 * ```
 * @category Lifecycle
 */
export interface CompiledLifecycle<
  S extends string = string,
  E extends string = string,
  R = LifecycleRecord<S>,
> {
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
  /** The lookup tables built from the definition, read by {@link transition} and its siblings. */
  readonly tables: LifecycleTables;
}

/**
 * Options of {@link compileLifecycle}.
 *
 * @example
 * ```ts
 * import { type CompileLifecycleOptions, compileLifecycle, type LifecycleRecord } from "leadkit/lifecycle";
 *
 * // Only your own guards, over a record of your own.
 * type Ticket = LifecycleRecord<"new" | "owned"> & { readonly owner: string | null };
 * const options: CompileLifecycleOptions<Ticket> = {
 *   builtinGuards: false,
 *   guards: { has_owner: ({ record }) => (record.owner ? { pass: true } : { pass: false, reason: "no owner" }) },
 * };
 * compileLifecycle(
 *   { id: "assign", stages: ["new", "owned"], initial: "new", funnel: ["new", "owned"], terminal: [],
 *     events: { take: { from: ["new"], to: "owned", guards: ["has_owner"] } } },
 *   options,
 * );
 * ```
 * @category Lifecycle
 */
export interface CompileLifecycleOptions<R> {
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
 * @returns The compiled lifecycle.
 * @throws LeadKitError with code `invalid_definition` when the definition is malformed or names an
 *   unknown stage or guard, with the issues {@link safeCompileLifecycle} returns.
 * @example
 * ```ts
 * import { compileLifecycle } from "leadkit/lifecycle";
 *
 * const tickets = compileLifecycle({
 *   id: "tickets", stages: ["open", "solved", "closed"], initial: "open",
 *   funnel: ["open", "solved", "closed"], terminal: ["closed"],
 *   events: { solve: { from: ["open"], to: "solved" }, close: { from: ["solved"], to: "closed" } },
 * });
 * ```
 * @category Lifecycle
 */
export function compileLifecycle<
  const S extends string,
  const E extends string,
  R extends LifecycleRecord<S> = LifecycleRecord<S>,
>(
  definition: LifecycleDefinition<S, E>,
  options: CompileLifecycleOptions<R> = {},
): CompiledLifecycle<S, E, R> {
  return unwrapOrThrow(
    safeCompileLifecycle(definition, options) as Result<CompiledLifecycle<S, E, R>>,
    `lifecycle definition ${idOf(definition)}`,
    "invalid_definition",
  );
}

/**
 * {@link compileLifecycle} without throwing: validates any value as a lifecycle definition and
 * builds its lookup tables, or returns every issue found.
 *
 * @param definition - Any value, typically parsed JSON or a literal definition.
 * @param options - Guards by name, when the definition names guards of its own.
 * @returns The compiled lifecycle, or issues with paths: the schema's, and `unknown_stage`,
 *   `unknown_guard`, `duplicate_stage`, `terminal_has_events` and `invalid_back_target`.
 * @example
 * ```ts
 * import { safeCompileLifecycle } from "leadkit/lifecycle";
 *
 * declare const text: string; // a lifecycle file's contents
 * const result = safeCompileLifecycle(JSON.parse(text));
 * if (!result.ok) console.log(result.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
 * ```
 * @category Lifecycle
 */
export function safeCompileLifecycle<R extends LifecycleRecord = LifecycleRecord>(
  definition: unknown,
  options: CompileLifecycleOptions<R> = {},
): Result<CompiledLifecycle<string, string, R>> {
  const parsed = lifecycleDefinitionSchema.safeParse(definition);
  if (!parsed.success) return err(fromZodIssues(parsed.error.issues));
  return buildLifecycle(definition as LifecycleDefinition, options);
}

/**
 * {@link safeCompileLifecycle} without the schema check, for a definition known to pass it: the
 * built-in one, so that importing the module does not parse it with zod (a test checks that it
 * passes). Internal to the lifecycle module.
 */
export function buildLifecycle<
  const S extends string,
  const E extends string,
  R extends LifecycleRecord<S> = LifecycleRecord<S>,
>(
  definition: LifecycleDefinition<S, E>,
  options: CompileLifecycleOptions<R> = {},
): Result<CompiledLifecycle<S, E, R>> {
  const guards: Record<string, LifecycleGuard<R>> = {
    ...(options.builtinGuards === false
      ? {}
      : (BUILTIN_LIFECYCLE_GUARDS as unknown as LifecycleGuardRegistry<R>)),
    ...options.guards,
  };
  // A frozen copy, so later changes to the caller's object cannot desynchronise the tables.
  const frozen = deepFreeze(structuredClone(definition));
  const tables = compile(frozen as LifecycleDefinition, guards as LifecycleGuardRegistry<unknown>);
  if (isIssues(tables)) return err(capIssues(tables));
  const events = Object.freeze(Object.keys(frozen.events)) as readonly E[];
  return ok(
    Object.freeze({
      id: frozen.id,
      definition: frozen,
      stages: frozen.stages,
      events,
      initial: frozen.initial,
      funnel: frozen.funnel,
      terminal: frozen.terminal ?? [],
      guards: Object.freeze(guards),
      tables: toPublicTables(tables),
    }),
  );
}

const isIssues = (value: Tables | readonly Issue[]): value is readonly Issue[] => Array.isArray(value);

/** {@link buildLifecycle} for the built-in definition, which a test proves valid. */
export function compileKnownLifecycle<
  const S extends string,
  const E extends string,
  R extends LifecycleRecord<S> = LifecycleRecord<S>,
>(definition: LifecycleDefinition<S, E>): CompiledLifecycle<S, E, R> {
  return unwrapOrThrow(
    buildLifecycle<S, E, R>(definition),
    `lifecycle definition ${idOf(definition)}`,
    "invalid_definition",
  );
}

function idOf(definition: unknown): string {
  const given = (definition as { readonly id?: unknown } | null)?.id;
  return typeof given === "string" ? quoteValue(given) : "(no id)";
}

function compile(
  definition: LifecycleDefinition,
  guards: LifecycleGuardRegistry<unknown>,
): Tables | readonly Issue[] {
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
  if (issues.length > 0) return issues;
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
