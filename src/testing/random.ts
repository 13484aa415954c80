/**
 * A seeded pseudo-random source: the same seed gives the same sequence on every machine.
 *
 * @example
 * ```ts
 * import { createRandom } from "./random.js";
 *
 * const random = createRandom(42);
 * random.next();            // a float in [0, 1)
 * random.int(1, 6);         // a die roll
 * random.pick(["a", "b"]);  // one of them
 * ```
 * @category Testing
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** `true` with probability `p`. */
  chance(p: number): boolean;
  /** One element, uniformly. */
  pick<T>(items: readonly T[]): T;
  /** One element, with probability proportional to its weight. */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  /** A normally distributed float (Box–Muller). */
  normal(mean?: number, sd?: number): number;
}

/**
 * Creates a {@link Random} from a 32-bit seed (mulberry32: small, fast, well distributed).
 *
 * @param seed - Any integer; derive several independent streams with {@link deriveSeed}.
 * @returns A seeded random source.
 * @example
 * ```ts
 * import { createRandom } from "./random.js";
 *
 * createRandom(7).int(1, 10) === createRandom(7).int(1, 10); // true
 * ```
 * @category Testing
 */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const random: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new RangeError("pick() needs at least one item");
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
    weighted: (items) => {
      const total = items.reduce((sum, [, w]) => sum + w, 0);
      let roll = next() * total;
      for (const [item, weight] of items) {
        roll -= weight;
        if (roll < 0) return item;
      }
      const last = items.at(-1);
      if (last === undefined) throw new RangeError("weighted() needs at least one item");
      return last[0];
    },
    normal: (mean = 0, sd = 1) => {
      const u = 1 - next();
      const v = next();
      return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
  };
  return random;
}

/**
 * Mixes a seed with an index into a new, well-separated seed (so item `i` of a stream can be
 * generated on its own, and partitions of a stream are reproducible).
 *
 * @param seed - The base seed.
 * @param index - Which sub-stream.
 * @returns A 32-bit seed.
 * @example
 * ```ts
 * import { deriveSeed } from "./random.js";
 * import { createRandom } from "./random.js";
 *
 * const r = createRandom(deriveSeed(42, 1000));
 * ```
 * @category Testing
 */
export function deriveSeed(seed: number, index: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ index, 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}
