// Internal: the lookup tables built once per lifecycle, shared by transition, availableEvents and the
// exports. Not part of the public API.

import type { LifecycleGuard } from "./builtin-lifecycle-guards.js";
import type { EffectSpec } from "./lifecycle-definition-schema.js";
import type { EffectPlan } from "./lifecycle-effect.js";
import type { LifecycleEvent } from "./lifecycle-record.js";

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

export interface CompiledLifecycle {
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

const key = Symbol.for("leadkit.lifecycle.compiled");

/** Attaches compiled tables to a lifecycle object, hidden from enumeration and JSON. */
export function attachCompiled<T extends object>(target: T, compiled: CompiledLifecycle): T {
  Object.defineProperty(target, key, { value: compiled, enumerable: false });
  return target;
}

/** The compiled tables of a lifecycle built by `defineLifecycle`. */
export function compiledOf(lifecycle: object): CompiledLifecycle {
  const compiled = (lifecycle as { [key]?: CompiledLifecycle })[key];
  if (compiled === undefined) {
    throw new TypeError("Expected a lifecycle built by defineLifecycle(); got a plain object");
  }
  return compiled;
}

/** Tells whether moving `from` → `to` goes backwards along the funnel. */
export function isBackward(compiled: CompiledLifecycle, from: string, to: string): boolean {
  const a = compiled.funnelIndex.get(from);
  const b = compiled.funnelIndex.get(to);
  return a !== undefined && b !== undefined && b < a;
}
