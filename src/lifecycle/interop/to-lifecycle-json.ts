import type { CompiledLifecycle } from "../definition/compile-lifecycle.js";
import type { LifecycleDefinition } from "../definition/lifecycle-definition-schema.js";

/**
 * Exports a lifecycle's definition as plain JSON data: store it, diff it, load it back with
 * {@link parseLifecycleDefinition} and {@link compileLifecycle} (guards are referenced by name, so the
 * loading side passes the same registry).
 *
 * @param lifecycle - A lifecycle built by {@link compileLifecycle}.
 * @returns A deep copy of the definition, safe to `JSON.stringify`.
 * @example
 * ```ts
 * import { writeFileSync } from "node:fs";
 * import { defaultLifecycle, toLifecycleJson } from "leadkit/lifecycle";
 *
 * writeFileSync("lifecycle.json", JSON.stringify(toLifecycleJson(defaultLifecycle), null, 2));
 * ```
 * @category Lifecycle
 */
export function toLifecycleJson<S extends string, E extends string, R>(
  lifecycle: CompiledLifecycle<S, E, R>,
): LifecycleDefinition<S, E> {
  return JSON.parse(JSON.stringify(lifecycle.definition)) as LifecycleDefinition<S, E>;
}
