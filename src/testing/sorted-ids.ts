/** The most ids one chunk holds before it splits in two. */
const chunkSize = 512;

/** Code-unit order, the order `COLLATE "C"` gives in PostgreSQL. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Index of the first element strictly greater than `id` in a sorted array (binary search). */
function firstIndexAfter(sorted: readonly string[], id: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as string) <= id) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * A set of ids kept in code-unit order, for keyset pagination: insert and delete cost
 * O(log n + 512) instead of the O(n) of splicing one sorted array, so saving a lead stays flat in
 * the number of stored leads. The ids live in sorted chunks of at most 512; a binary search over
 * each chunk's last id finds the chunk.
 */
export class SortedIds {
  readonly #chunks: string[][] = [];

  /** Adds an id that is not in the set. */
  insert(id: string): void {
    if (this.#chunks.length === 0) {
      this.#chunks.push([id]);
      return;
    }
    const c = Math.min(this.#chunkFor(id), this.#chunks.length - 1);
    const chunk = this.#chunks[c] as string[];
    chunk.splice(firstIndexAfter(chunk, id), 0, id);
    if (chunk.length > chunkSize) this.#chunks.splice(c + 1, 0, chunk.splice(chunkSize / 2));
  }

  /** Removes an id that is in the set. */
  delete(id: string): void {
    const c = this.#chunkFor(id);
    const chunk = this.#chunks[c];
    if (chunk === undefined) return;
    const index = firstIndexAfter(chunk, id) - 1;
    if (chunk[index] !== id) return;
    chunk.splice(index, 1);
    if (chunk.length === 0) this.#chunks.splice(c, 1);
  }

  /**
   * The ids strictly after a cursor (all of them without one), in order.
   *
   * @param after - The cursor; from the first id when left out.
   */
  *after(after?: string): Generator<string> {
    let c = after === undefined ? 0 : this.#chunkFor(after);
    let i = after === undefined ? 0 : firstIndexAfter(this.#chunks[c] ?? [], after);
    for (; c < this.#chunks.length; c++, i = 0) {
      const chunk = this.#chunks[c] as string[];
      for (; i < chunk.length; i++) yield chunk[i] as string;
    }
  }

  /** Index of the first chunk whose last id is at or after `id` (the chunk count when none is). */
  #chunkFor(id: string): number {
    let low = 0;
    let high = this.#chunks.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const chunk = this.#chunks[middle] as string[];
      if ((chunk[chunk.length - 1] as string) < id) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
