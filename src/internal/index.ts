export {
  type CalendarTime,
  type CalendarTimes,
  calendarShift,
  createCalendarMemo,
  createCalendarTimes,
  exactCalendarTime,
} from "./calendar-times.js";
export { compileSafeParse } from "./compile-safe-parse.js";
export { createDataRecordScan, dataRecord, getOwn, setOwn } from "./data-record.js";
export { datedItemsIssue, dateIssue, isValidDate, TIMESTAMP_FORMAT } from "./dates.js";
export { type DeepReadonly, deepFreeze } from "./deep-readonly.js";
export { describeValue, listValues, quoteValue } from "./describe-value.js";
export { formatIssues, isLeadKitError, LeadKitError, type LeadKitErrorCode } from "./error.js";
export { INPUT_LIMITS } from "./limits.js";
export { once } from "./once.js";
export { capIssues, fromZodIssues, safeParseWith, tooManyIssues, unwrapOrThrow } from "./parse.js";
export { type Err, err, type Issue, issue, type Ok, ok, type Result } from "./result.js";
export {
  quoteTableName,
  SQL_DIALECTS,
  type SqlDialect,
  SqlIssues,
  sqlFloat,
  sqlText,
  sqlTimestamp,
  unstorableText,
} from "./sql-text.js";
export { storable, unstorableTextIssues, unstorableTextMessage } from "./storable-text.js";
export { timeZoneIssue } from "./time-zone.js";
export { isWhitespaceCode } from "./whitespace.js";
