/**
 * leadkit — lead management as a library: the contact and lead model, active/passive origin, the
 * lifecycle state machine, qualification frameworks, explainable scoring and funnel metrics.
 *
 * @packageDocumentation
 */
export {
  type DeepReadonly,
  type Err,
  err,
  formatIssues,
  type Issue,
  isLeadKitError,
  issue,
  LeadKitError,
  type LeadKitErrorCode,
  type Ok,
  ok,
  type Result,
} from "./internal/index.js";
export * from "./lifecycle/index.js";
export * from "./metrics/index.js";
export * from "./model/index.js";
export * from "./origin/index.js";
export * from "./ports/index.js";
export * from "./qualification/index.js";
export * from "./scoring/index.js";
export * from "./services/index.js";
