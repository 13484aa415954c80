import { InMemoryTables } from "../src/testing/in-memory-tables.ts";
const proto = InMemoryTables.prototype as any;
const stats: Record<string, number> = {};
for (const m of Object.getOwnPropertyNames(proto)) {
  const f = proto[m]; if (typeof f !== "function" || m === "constructor") continue;
  proto[m] = function (...a: any[]) { stats[m] = (stats[m] ?? 0) + 1; const r = f.apply(this, a); if (m === "findLeadsByBlockingKeys") { stats.blockLeads = (stats.blockLeads ?? 0) + r.leads.length; stats.blockKeys = (stats.blockKeys ?? 0) + a[0].length; } if (m === "findLeadsByDuplicateKeys") stats.dupLeads = (stats.dupLeads ?? 0) + r.length; return r; };
}
process.argv[2] = "5000";
await import("./zz-import.ts");
console.log(stats);
