// Internal: records keyed by user data. Their keys are data, never members of Object.prototype:
// "__proto__", "constructor" or "toString" are keys like any other.
import * as z from "zod";

const hasOwn = Object.hasOwn;

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
  return schema;
}
