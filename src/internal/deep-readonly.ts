/**
 * Makes every property and array of `T` readonly, leaving dates and primitives as they are.
 *
 * @remarks
 * leadkit's public record types are read-only views of the zod-parsed shapes: functions return new
 * records and never mutate their inputs.
 *
 * @example
 * ```ts
 * import type { DeepReadonly } from "leadkit";
 *
 * type Frozen = DeepReadonly<{ tags: string[] }>; // { readonly tags: readonly string[] }
 * ```
 * @category Results
 */
export type DeepReadonly<T> = T extends Date | string | number | boolean | bigint | symbol | null | undefined
  ? T
  : T extends (...args: never[]) => unknown
    ? T
    : T extends readonly (infer U)[]
      ? readonly DeepReadonly<U>[]
      : { readonly [K in keyof T]: DeepReadonly<T[K]> };

/**
 * Freezes a plain data value and everything in it, so that a compiled configuration cannot be
 * desynchronised by later changes to the value it was compiled from.
 *
 * @param value - A plain data value (objects, arrays, primitives).
 * @returns The same value, frozen all the way down.
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object") {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
