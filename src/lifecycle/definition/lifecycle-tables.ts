// Internal: the lookup tables built once per lifecycle, shared by transition, availableEvents and the
// exports. The public type `LifecycleTables` is their opaque face.

import { describeValue, LeadKitError } from "../../internal/index.js";
import type { LifecycleEvent } from "../lifecycle-record.js";
import type { EffectPlan } from "../transition/lifecycle-effect.js";
import type { LifecycleGuard } from "./builtin-lifecycle-guards.js";
import type { EffectSpec } from "./lifecycle-definition-schema.js";

/** One event from one stage, resolved. */
export interface CompiledMove {
  readonly event: string;
  readonly from: string;
  /** The target stage; `null` for `@previous`, resolved from the history at run time. */
  readonly to: string | null;
  readonly guardNames: readonly string[];
  readonly guards: readonly LifecycleGuard<unknown>[];
  readonly requiresReason: boolean;
  readonly manual: boolean;
  readonly effects: readonly EffectSpec[];
  /** The effects, prepared: shared where nothing varies. */
  readonly effectPlan: EffectPlan;
}

export interface Tables {
  readonly id: string;
  readonly stages: ReadonlySet<string>;
  readonly terminal: ReadonlySet<string>;
  readonly funnelIndex: ReadonlyMap<string, number>;
  readonly eventNames: readonly string[];
  readonly moves: ReadonlyMap<string, ReadonlyMap<string, CompiledMove>>;
  /** Events that fire from each stage, in definition order. */
  readonly eventsFrom: ReadonlyMap<string, readonly string[]>;
  /** Stages each event fires from. */
  readonly fromOf: ReadonlyMap<string, readonly string[]>;
  /** Shared event objects for events given as a bare name. */
  readonly bareEvents: ReadonlyMap<string, LifecycleEvent>;
}

declare const opaque: unique symbol;

/**
 * The lookup tables of a {@link CompiledLifecycle}: opaque, read only by leadkit's lifecycle
 * functions. They are an ordinary property, so a spread copy of a compiled lifecycle keeps them.
 *
 * @example
 * ```ts
 * import { defaultLifecycle, transition } from "leadkit/lifecycle";
 *
 * const copy = { ...defaultLifecycle, id: "copy" }; // keeps defaultLifecycle's tables
 * transition(copy, lead, "qualify", { now, actor: "u-ana" });
 * ```
 * @category Lifecycle
 */
export interface LifecycleTables {
  /** Brands the type; there is no such property at run time. */
  readonly [opaque]: true;
}

/** Gives the tables their opaque public type. */
export const toPublicTables = (tables: Tables): LifecycleTables => tables as unknown as LifecycleTables;

/** The tables of a compiled lifecycle, or a clear error for a value that is not one (untyped code). */
export function tablesOf(lifecycle: { readonly tables: LifecycleTables }): Tables {
  const tables = (lifecycle as { readonly tables?: unknown } | null)?.tables;
  if (
    tables === null ||
    typeof tables !== "object" ||
    !((tables as { moves?: unknown }).moves instanceof Map)
  ) {
    throw new LeadKitError(
      "invalid_input",
      `Expected a lifecycle from compileLifecycle() (with its tables); got ${describeValue(lifecycle)}`,
    );
  }
  return tables as Tables;
}

/** Tells whether moving `from` → `to` goes backwards along the funnel. */
export function isBackward(compiled: Tables, from: string, to: string): boolean {
  const a = compiled.funnelIndex.get(from);
  const b = compiled.funnelIndex.get(to);
  return a !== undefined && b !== undefined && b < a;
}
