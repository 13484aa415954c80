/**
 * Makes every property and array of `T` readonly, leaving dates and primitives as they are.
 *
 * @remarks
 * leadkit's public record types are read-only views of the zod-parsed shapes: functions return new
 * records and never mutate their inputs.
 *
 * @example
 * ```ts
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
