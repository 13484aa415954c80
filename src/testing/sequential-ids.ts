import type { IdGenerator } from "../ports/index.js";

/**
 * Creates an {@link IdGenerator} that counts: `lead-000001`, `lead-000002`, … Zero-padding keeps
 * code-unit order equal to creation order (up to a million ids), so pages ordered by id list
 * records in the order they were created.
 *
 * @param prefix - What each id starts with, before a dash.
 * @returns A generator; each call of `next` returns the following number.
 * @example
 * ```ts
 * import { sequentialIds } from "leadkit/testing";
 *
 * const ids = sequentialIds("lead");
 * ids.next(); // "lead-000001"
 * ids.next(); // "lead-000002"
 * ```
 * @category Testing
 */
export function sequentialIds(prefix = "id"): IdGenerator {
  let count = 0;
  return { next: () => `${prefix}-${String(++count).padStart(6, "0")}` };
}
