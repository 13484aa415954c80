// Internal: the one check every function that takes a time zone makes. A zone name reaches date-fns
// (whose caches are plain objects keyed by it) and SQL text (`AT TIME ZONE E'…'`), so only names that
// look like IANA zone ids and that this runtime's time zone database knows get through.
import { describeValue, quoteValue } from "./describe-value.js";
import { type Issue, issue } from "./result.js";

// IANA ids: "UTC", "Europe/Madrid", "America/Argentina/Buenos_Aires", "Etc/GMT+3". Offsets such as
// "+02:00" are refused: PostgreSQL reads a bare offset in `AT TIME ZONE` with the POSIX sign (east
// is negative), so the same text would mean opposite zones in TypeScript and SQL.
const ZONE_ID = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+){0,2}$/;
const MAX_LENGTH = 64;

// The runtime's canonical zone ids, read once on first use (a write-once slot: nothing else in it
// ever changes). Aliases such as "Asia/Calcutta" or "US/Pacific" are not in the list; they are
// checked with `Intl` on each use, which is slower but rare.
let canonical: ReadonlySet<string> | undefined;

function canonicalZones(): ReadonlySet<string> {
  canonical ??= new Set([...Intl.supportedValuesOf("timeZone"), "UTC", "Etc/UTC", "GMT", "Etc/GMT"]);
  return canonical;
}

/** Whether this runtime's time zone database knows the zone. */
function isKnownZone(name: string): boolean {
  if (canonicalZones().has(name)) return true;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * The issue with a time zone option, or `undefined` when it is an IANA zone id this runtime knows
 * (`"UTC"`, `"Europe/Madrid"`, `"America/Argentina/Buenos_Aires"`).
 *
 * @param value - The option's value.
 * @param path - Where it is, e.g. `["options", "timeZone"]`.
 */
export function timeZoneIssue(value: unknown, path: readonly (string | number)[]): Issue | undefined {
  if (typeof value !== "string")
    return issue(
      "invalid_type",
      path,
      `Expected an IANA time zone id such as "Europe/Madrid", got ${describeValue(value)}`,
    );
  if (value.length > MAX_LENGTH || !ZONE_ID.test(value) || !isKnownZone(value))
    return issue(
      "invalid_time_zone",
      path,
      `Unknown time zone ${quoteValue(value)}; expected an IANA time zone id such as "Europe/Madrid" or "UTC" (offsets such as "+02:00" are not accepted)`,
    );
  return undefined;
}
