export type { DeepReadonly } from "./deep-readonly.js";
export { formatIssues, isLeadKitError, LeadKitError, type LeadKitErrorCode } from "./error.js";
export { fromZodIssues, safeParseWith, unwrapOrThrow } from "./parse.js";
export { type Err, err, type Issue, issue, type Ok, ok, type Result } from "./result.js";
export {
  describeValue,
  listSome,
  MAX_SQL_ISSUES,
  quoteTableName,
  SQL_DIALECTS,
  type SqlDialect,
  SqlIssues,
  sqlFloat,
  sqlText,
  sqlTimestamp,
  unstorableText,
} from "./sql-text.js";
