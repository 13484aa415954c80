/**
 * A value built on first use and kept: the one allowed form of module-level state (see
 * ARCHITECTURE.md, "Nothing runs at import"). The slot is written once, by `build`, and only read
 * after; `build` must be pure, so building it twice (were it ever to happen) gives equal values.
 *
 * @param build - Makes the value; called at most once, on the first call of the returned getter.
 * @returns A getter that builds the value on its first call and returns the same value after.
 */
/* @__NO_SIDE_EFFECTS__ */
export function once<T>(build: () => T): () => T {
  let slot: { readonly value: T } | undefined;
  return () => {
    if (slot === undefined) slot = { value: build() };
    return slot.value;
  };
}
