// Internal: records keyed by user data. Their keys are data, never members of Object.prototype:
// "__proto__", "constructor" or "toString" are keys like any other.
import * as z from "zod";

const hasOwn = Object.hasOwn;

/** Marks a schema made by {@link dataRecord}, with its key limit, for {@link createDataRecordScan}. */
const DATA_RECORD = Symbol.for("leadkit.dataRecord");

/** The value stored under a key of a record keyed by user data, never one inherited from its prototype. */
export function getOwn<V>(record: Readonly<Record<string, V>>, key: string): V | undefined {
  return hasOwn(record, key) ? record[key] : undefined;
}

/**
 * Stores a value under a key of a plain object as an own, enumerable property. Only `__proto__` needs
 * care: assigning it would call the prototype setter and drop the value (or change the prototype).
 */
export function setOwn<V>(record: Record<string, V>, key: string, value: V): void {
  if (key === "__proto__")
    Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  else record[key] = value;
}

/**
 * A zod record whose keys are data: zod drops a `__proto__` key silently, so it is validated and
 * kept here, in its place among the keys. The result is a plain object with own properties; a record
 * with more than `maxKeys` keys is refused before any value is read.
 *
 * @param key - The schema of the keys.
 * @param value - The schema of the values.
 * @param maxKeys - The most keys the record may have.
 */
/* @__NO_SIDE_EFFECTS__ */
export function dataRecord<K extends z.core.$ZodRecordKey, V extends z.core.SomeType>(
  key: K,
  value: V,
  maxKeys: number,
): z.ZodRecord<K, V> {
  const schema = z.record(key, value);
  // zod runs a schema through `_zod.run`, which is `_zod.parse` itself for a schema without checks:
  // both are replaced, so `.optional()`, `.default()` and enclosing objects go through this parse.
  type Parse = (payload: z.core.ParsePayload, ctx: z.core.ParseContextInternal) => z.core.ParsePayload;
  const internals = schema._zod as unknown as { parse: Parse; run: Parse };
  const parse = internals.parse;
  const run = internals.run;
  const keyRun = (key as unknown as { _zod: { run: Parse } })._zod.run;
  const valueRun = (value as unknown as { _zod: { run: Parse } })._zod.run;
  const ownParse: Parse = (payload, ctx) => {
    const input = payload.value;
    if (input !== null && typeof input === "object" && !Array.isArray(input)) {
      let count = 0;
      for (const k in input) if (hasOwn(input, k) && ++count > maxKeys) break;
      if (count > maxKeys) {
        payload.issues.push({
          code: "too_big",
          origin: "object",
          maximum: maxKeys,
          inclusive: true,
          input,
          message: `Too big: expected at most ${maxKeys} keys`,
        } as z.core.$ZodRawIssue);
        return payload;
      }
    }
    const result = parse(payload, ctx);
    if (
      input === null ||
      typeof input !== "object" ||
      !hasOwn(input, "__proto__") ||
      !Object.prototype.propertyIsEnumerable.call(input, "__proto__")
    )
      return result;
    const keyResult = keyRun({ value: "__proto__", issues: [] }, ctx);
    if (keyResult.issues.length > 0) {
      result.issues.push({
        code: "invalid_key",
        origin: "record",
        issues: [],
        input: "__proto__",
        path: ["__proto__"],
        message: "Invalid key in record",
      } as unknown as z.core.$ZodRawIssue);
      return result;
    }
    const raw = Object.getOwnPropertyDescriptor(input, "__proto__")?.value;
    const valueResult = valueRun({ value: raw, issues: [] }, ctx);
    for (const issue of valueResult.issues)
      result.issues.push({ ...issue, path: ["__proto__", ...(issue.path ?? [])] });
    if (valueResult.issues.length > 0) return result;
    // Rebuilt in the input's key order, with __proto__ as an own property in its place.
    const parsed = result.value as Record<string, unknown>;
    const ordered: Record<string, unknown> = {};
    for (const k of Object.keys(input)) {
      if (k === "__proto__") setOwn(ordered, k, valueResult.value);
      else if (hasOwn(parsed, k)) ordered[k] = parsed[k];
    }
    result.value = ordered;
    return result;
  };
  internals.parse = ownParse;
  if (run === parse) internals.run = ownParse;
  Object.defineProperty(schema, DATA_RECORD, { value: maxKeys });
  return schema;
}

/** Tells whether an input holds, somewhere the scanned schema reads a data record, what only the record's own parser handles. */
type Scan = (input: unknown) => boolean;

const always: Scan = () => true;
// Schemas that hold no other schema: nothing below them can be a data record.
const LEAVES: ReadonlySet<string> = new Set([
  "string",
  "number",
  "int",
  "boolean",
  "bigint",
  "symbol",
  "null",
  "undefined",
  "void",
  "never",
  "any",
  "unknown",
  "date",
  "nan",
  "enum",
  "literal",
  "template_literal",
  "file",
  "transform",
  "success",
  "custom",
  "function",
]);

/**
 * Whether a data record's input may need its own parser: more than `maxKeys` keys, or an own
 * `__proto__`. One for…in walk, no array of keys: it visits the own enumerable string keys
 * `dataRecord` counts, then any enumerable key inherited from a prototype (a JSON value has none),
 * which can only make the answer `true` where the own keys alone would not — towards the record's
 * own parser, which answers right either way.
 */
function needsOwnParser(input: unknown, maxKeys: number): boolean {
  if (input === null || typeof input !== "object" || Array.isArray(input)) return false;
  let count = 0;
  for (const k in input) if (++count > maxKeys || k === "__proto__") return true;
  return false;
}

/**
 * A cheap scan that finds, in an input, what zod's generated code (`z.compile`) would not parse as
 * the {@link dataRecord}s inside `schema` do: a record with more than its limit of keys (refused
 * here, accepted there) or an own `__proto__` key (kept here, dropped there). When the scan finds
 * nothing, the compiled parser answers exactly as the schema does; when it finds something, the
 * schema's own parser must answer. It reads only the places where the schema reads a data record,
 * each record's keys once: linear in the input, and usually far smaller. It errs only towards
 * `true`: a schema kind it does not know answers `true` for every input.
 *
 * @param schema - The schema whose data records are looked for.
 * @returns The scan, or `null` when the schema holds no data record.
 */
export function createDataRecordScan(schema: z.core.$ZodType): Scan | null {
  const maxKeys = (schema as unknown as Record<symbol, number | undefined>)[DATA_RECORD];
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  const child = (key: string) => createDataRecordScan(def[key] as z.core.$ZodType);
  if (maxKeys !== undefined || def.type === "record") {
    const values = child("valueType");
    if (maxKeys === undefined)
      return values === null
        ? null
        : (input) => {
            if (input === null || typeof input !== "object") return false;
            for (const k in input)
              if (hasOwn(input, k) && values((input as Record<string, unknown>)[k])) return true;
            return false;
          };
    return (input) => {
      if (needsOwnParser(input, maxKeys)) return true;
      if (values === null || input === null || typeof input !== "object") return false;
      for (const k in input)
        if (hasOwn(input, k) && values((input as Record<string, unknown>)[k])) return true;
      return false;
    };
  }
  if (LEAVES.has(def.type)) return null;
  switch (def.type) {
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "nonoptional":
    case "readonly":
    case "catch":
      return child("innerType");
    case "pipe":
      // What the output side reads was made by the input side, not read from the input.
      return createDataRecordScan(def["out"] as z.core.$ZodType) === null ? child("in") : always;
    case "array": {
      const element = child("element");
      if (element === null) return null;
      return (input) => {
        if (!Array.isArray(input)) return false;
        for (let k = 0; k < input.length; k++) if (element(input[k])) return true;
        return false;
      };
    }
    case "object": {
      if (def["catchall"] !== undefined && createDataRecordScan(def["catchall"] as z.core.$ZodType) !== null)
        return always;
      const fields: [string, Scan][] = [];
      for (const [key, field] of Object.entries(def["shape"] as Record<string, z.core.$ZodType>)) {
        const scan = createDataRecordScan(field);
        if (scan !== null) fields.push([key, scan]);
      }
      if (fields.length === 0) return null;
      const [first] = fields as [[string, Scan]];
      if (fields.length === 1) {
        // One field (a contact's attributes, an interaction's data): no loop.
        const [key, scan] = first;
        return (input) =>
          input !== null && typeof input === "object" && scan((input as Record<string, unknown>)[key]);
      }
      const keys = fields.map(([key]) => key);
      const scans = fields.map(([, scan]) => scan);
      return (input) => {
        if (input === null || typeof input !== "object") return false;
        for (let k = 0; k < keys.length; k++)
          if ((scans[k] as Scan)((input as Record<string, unknown>)[keys[k] as string])) return true;
        return false;
      };
    }
    case "union": {
      const options = (def["options"] as z.core.$ZodType[]).map(createDataRecordScan);
      const scans = options.filter((s): s is Scan => s !== null);
      if (scans.length === 0) return null;
      return (input) => scans.some((scan) => scan(input));
    }
    default:
      // A record, tuple, map, set, intersection or lazy schema that may hold a data record: not scanned.
      return always;
  }
}
