import { createLeadService, type ImportLeadsOptions } from "../src/services/index.js";
import { createInMemoryRepositories, fixedClock, sequentialIds } from "../src/testing/index.js";
function records(count: number) {
  return Array.from({ length: count }, (_, i) => {
    const n = i % 50 === 49 ? i - 7 : i;
    return { "Full name": `Person ${i}`, "E-mail": `contact${n}@company${n % 300}.example`, Company: `Company ${n % 300}`, Labels: i % 3 === 0 ? "fair;2026" : "" };
  });
}
const options: ImportLeadsOptions = { actor: "system", importId: "bench", fieldMap: { "contact.name": "Full name", "contact.email": "E-mail", "contact.company": "Company", tags: { column: "Labels", split: ";" } }, onMatch: "merge", batchSize: 100 };
const count = Number(process.argv[2] ?? 20000);
const repositories = createInMemoryRepositories();
const service = createLeadService({ repositories, clock: fixedClock("2026-03-02T09:00:00Z"), ids: sequentialIds("in-memory") });
const rows = records(count);
const t = performance.now();
const result = await service.importLeads(rows, options);
const ms = performance.now() - t;
if (!result.ok) throw new Error("failed");
console.log(JSON.stringify({ created: result.value.created, merged: result.value.merged, failed: result.value.failed }), "rows/s", Math.round(count / ms * 1000), "rss MB", Math.round(process.memoryUsage().rss / 1e6));
(globalThis as any).gc?.();
console.log("heap after gc MB", Math.round(process.memoryUsage().heapUsed / 1e6));
