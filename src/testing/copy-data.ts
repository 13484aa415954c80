/**
 * A deep copy of stored data — JSON values and Dates, the shape leads, interactions, audit entries
 * and events have — written out by hand because the in-memory stores copy every value in and out:
 * `structuredClone` costs about four times as much for a lead, and one capture reads dozens of
 * candidates. Anything else (a Map, a class instance) goes to `structuredClone`, so a copy is never
 * shallower than `structuredClone`'s, and a function or symbol throws as it does there.
 *
 * Object keys are data: a `"__proto__"` key is copied as an own property (never as the copy's
 * prototype), and a null-prototype object stays one.
 */
export function copyData<T>(value: T): T {
  if (typeof value !== "object")
    return typeof value === "function" || typeof value === "symbol" ? structuredClone(value) : value;
  if (value === null) return value;
  if (Array.isArray(value)) {
    const length = value.length;
    const out: unknown[] = new Array(length);
    for (let i = 0; i < length; i++) {
      const item: unknown = value[i];
      out[i] = isPrimitive(item) ? item : copyData(item);
    }
    return out as T;
  }
  if (value instanceof Date) return new Date(value.getTime()) as T;
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return structuredClone(value);
  const source = value as Readonly<Record<string, unknown>>;
  const out: Record<string, unknown> = prototype === null ? Object.create(null) : {};
  const keys = Object.keys(source);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const item = source[key];
    const copied = isPrimitive(item) ? item : copyData(item);
    if (key === "__proto__")
      Object.defineProperty(out, key, {
        value: copied,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else out[key] = copied;
  }
  return out as T;
}

const isPrimitive = (value: unknown): boolean =>
  value === null || (typeof value !== "object" && typeof value !== "function" && typeof value !== "symbol");
