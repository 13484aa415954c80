/**
 * leadkit — the foundation every module shares: results and errors, and the contact and lead model
 * (schemas, vocabularies, normalisation, duplicates, merging).
 *
 * Each module has its own entry, so an app pays only for what it imports: `leadkit/origin`,
 * `leadkit/lifecycle`, `leadkit/qualification`, `leadkit/scoring`, `leadkit/metrics`,
 * `leadkit/ports`, `leadkit/services` and `leadkit/testing`.
 *
 * @module leadkit
 */
export {
  type DeepReadonly,
  type Err,
  err,
  formatIssues,
  INPUT_LIMITS,
  type Issue,
  isLeadKitError,
  issue,
  LeadKitError,
  type LeadKitErrorCode,
  type Ok,
  ok,
  type Result,
} from "./internal/index.js";
export * from "./model/index.js";
