import { productionLeads } from "./inputs.js";
const leads = productionLeads({ seed: 41, count: 1000 });
const hasOwn = Object.hasOwn;
function copyData<T>(value: T): T {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) { const out = new Array(value.length); for (let i = 0; i < value.length; i++) out[i] = copyData(value[i]); return out as T; }
  if (value instanceof Date) return new Date(value.getTime()) as T;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return structuredClone(value);
  const out: Record<string, unknown> = proto === null ? Object.create(null) : {};
  for (const key in value) {
    if (!hasOwn(value, key)) continue;
    const v = copyData((value as Record<string, unknown>)[key]);
    if (key === "__proto__") Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
    else out[key] = v;
  }
  return out as T;
}
console.log("avg json size", leads.reduce((s, l) => s + JSON.stringify(l).length, 0) / leads.length);
for (const [name, f] of [["structuredClone", structuredClone], ["copyData", copyData], ["structuredClone", structuredClone], ["copyData", copyData]] as const) {
  let sink = 0; const t = performance.now();
  for (let r = 0; r < 20; r++) for (const l of leads) sink += (f(l) as any).id.length;
  console.log(name, ((performance.now() - t) / 20000 * 1000).toFixed(2), "µs/lead");
}
function copyData2<T>(value: T): T {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) { const n = value.length; const out = new Array(n); for (let i = 0; i < n; i++) { const v = value[i]; out[i] = typeof v === "object" && v !== null ? copyData2(v) : v; } return out as T; }
  if (value instanceof Date) return new Date(value.getTime()) as T;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return structuredClone(value);
  const out: Record<string, unknown> = proto === null ? Object.create(null) : {};
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    let v = (value as Record<string, unknown>)[key];
    if (typeof v === "object" && v !== null) v = copyData2(v);
    if (key === "__proto__") Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
    else out[key] = v;
  }
  return out as T;
}
for (const [name, f] of [["copyData2", copyData2], ["copyData2", copyData2]] as const) {
  let sink = 0; const t = performance.now();
  for (let r = 0; r < 20; r++) for (const l of leads) sink += (f(l) as any).id.length;
  console.log(name, ((performance.now() - t) / 20000 * 1000).toFixed(2), "µs/lead");
}
