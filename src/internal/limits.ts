/**
 * The bounds leadkit puts on what it accepts and on what it answers, so that the cost of any call
 * grows at most linearly with its input and no input can make an answer unboundedly large.
 *
 * @remarks
 * - `issues`: a failed result carries at most this many issues, then one `too_many_issues` issue
 *   saying how many more were found.
 * - `listedValues`: a message that lists the values it expected ("expected one of …") names at most
 *   this many, then says how many more there are.
 * - `idLength`: ids of records, users, rules, criteria, stages and models.
 * - `textLength`: single-line text such as a name, a label, a tag or a URL.
 * - `longTextLength`: free text such as a note, a reason or a description.
 * - `listItems`: items of a list or keys of a map in a record or a configuration (tags,
 *   collaborators, consents, custom attributes, rules, criteria, stages, events, members…).
 * - `recordItems`: a lead's interactions, history entries and notes, and evidence items per call.
 *
 * The guides list which schema uses which bound.
 *
 * @example
 * ```ts
 * import { INPUT_LIMITS } from "leadkit";
 *
 * declare const body: readonly unknown[]; // a batch posted to your API
 * declare function respond(status: number, message: string): void;
 * if (body.length > INPUT_LIMITS.recordItems) respond(413, "Too many items");
 * ```
 * @category Results
 */
export const INPUT_LIMITS = /* @__PURE__ */ Object.freeze({
  issues: 100,
  listedValues: 20,
  idLength: 200,
  textLength: 2_000,
  longTextLength: 100_000,
  listItems: 1_000,
  recordItems: 10_000,
} as const);
