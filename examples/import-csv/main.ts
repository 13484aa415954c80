// Importing a CRM export: a CSV of 100,000 generated contacts — quoted commas, quotes, accents,
// line breaks inside cells, duplicates and a few bad rows — read with a real CSV parser
// (csv-parse, streaming) and imported with service.importLeads. Half-way the import is cut short
// (a store that fails, as a crashed process would), then resumed from its checkpoint: no twin,
// nothing lost. With LEADKIT_SMOKE=1 it uses 2,000 rows.
//
//   npm run example -- import-csv [--rows 100000] [--pglite]

import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { parse } from "csv-parse";
import type { Lead } from "leadkit";
import type { Repositories } from "leadkit/ports";
import { createPostgresRepositories, migrate } from "leadkit/postgres";
import { createLeadService, type ImportFieldMap, type ImportProgress } from "leadkit/services";
import { createInMemoryRepositories, fixedClock, sequentialIds, withFaults } from "leadkit/testing";
import { readExampleArgs } from "../example-args.js";
import { describeIssue } from "../messages-es.js";
import { outputDir } from "../output-dir.js";

const args = readExampleArgs(
  import.meta.url,
  { rows: { type: "string", value: "count" }, pglite: { type: "boolean" } },
  "Con --lang es salen en español los problemas de las filas; el resto de la salida está en inglés.",
);
const smoke = process.env["LEADKIT_SMOKE"] === "1";
const rowsOption = args.values.get("rows");
const total = typeof rowsOption === "string" ? Number(rowsOption) : smoke ? 2_000 : 100_000;
if (!Number.isSafeInteger(total) || total < 1) {
  console.error(`--rows must be a whole number of rows, 1 or more; got ${JSON.stringify(rowsOption)}`);
  process.exit(2);
}
const onPglite = args.values.get("pglite") === true;

// 1. A CSV as a CRM exports it. Written by hand with RFC 4180 quoting, so the parser has real work.
const file = join(outputDir(import.meta.url), "contacts.csv");
const random = seededRandom(2026);
const companies = [
  "Ferretería Ruiz, S.L.",
  'Talleres "El Rápido"',
  "Logística Atlántico",
  "Clínica Dental Sonrisa",
  "Conservas del Norte, S.A.",
  "TecnoAndes",
  "Bodegas Ribera",
  "Estudio Nómada",
];
const first = ["Ana", "Bruno", "Carla", "Dario", "Elena", "Jorge", "Lucía", "Marta", "Núria", "Óscar"];
const last = ["García", "Pérez", "Ruiz", "Sanz", "López", "Martín", "O'Neill", "Núñez"];
const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
const out = createWriteStream(file);
const write = async (cells: readonly string[]) => {
  if (!out.write(`${cells.map(quote).join(",")}\r\n`)) await once(out, "drain");
};
await write(["Full name", "E-mail", "Phone", "Company", "Job title", "Country", "Labels", "Notes"]);
for (let i = 1; i <= total; i++) {
  // About 2 % repeat an earlier contact (the same person exported twice, the email spelt otherwise).
  const n = i > 100 && random.chance(0.02) ? random.int(1, i - 1) : i;
  const company = companies[n % companies.length] as string;
  const email = `${i === n ? "" : " "}contact${n}@${company.toLowerCase().replace(/[^a-z]+/g, "")}.example`;
  await write([
    `${random.pick(first)} ${random.pick(last)}`,
    i === n ? email : email.toUpperCase(),
    random.chance(0.5) ? `+34 9${random.int(10, 99)} ${random.int(100, 999)} ${random.int(100, 999)}` : "",
    company,
    random.pick(["CEO", "CFO", "Head of Operations", "Analyst", ""]),
    random.chance(0.001) ? "Spain" : random.pick(["ES", "PT", "MX"]), // a few bad rows
    random.pick(["fair;2026", "webinar", "", "vip;fair"]),
    random.chance(0.01) ? "Called twice,\nasked for a quote" : "",
  ]);
}
out.end();
await once(out, "finish");
console.log(`wrote ${total.toLocaleString("en-US")} rows to ${file}`);

// 2. The stores and the service.
const pglite = onPglite ? await PGlite.create() : undefined;
if (pglite !== undefined) await migrate(pglite);
const repositories: Repositories =
  pglite === undefined ? createInMemoryRepositories() : createPostgresRepositories(pglite);
const clock = fixedClock("2026-03-02T09:00:00Z");
const service = (stores: Repositories, ids: string) =>
  createLeadService({ repositories: stores, clock, ids: sequentialIds(ids) });

// 3. How a row becomes a lead. Keys are the CSV's header names (data, read with own-key checks).
const fieldMap: ImportFieldMap = {
  "contact.name": "Full name",
  "contact.email": "E-mail",
  "contact.phone": "Phone",
  "contact.company": "Company",
  "contact.jobTitle": "Job title",
  "contact.country": "Country",
  "contact.attributes.notes": "Notes",
  tags: { column: "Labels", split: ";" },
  source: { value: "crm-export" },
};
const rows = () => createReadStream(file).pipe(parse({ columns: true, bom: true }));
const options = {
  actor: "system",
  importId: "crm-export-2026-03",
  fieldMap,
  match: ["external_id", "email"],
  onMatch: "merge",
  batchSize: 200,
} as const;

// 4. First run: a store fails half-way, as a crash would. The checkpoint says how far it got.
let checkpoint = 0;
const every = Math.max(200, Math.floor(total / 5 / 200) * 200);
const log = (p: ImportProgress) => {
  if (p.checkpoint % every === 0)
    console.log(
      `  … ${p.checkpoint.toLocaleString("en-US")} rows: ${p.created} created, ${p.merged} merged, ${p.failed} failed`,
    );
};
const onProgress = (p: ImportProgress) => {
  checkpoint = p.checkpoint; // a real importer stores it (a file, a table) with the import's id
  log(p);
};
// Each batch inserts its new rows with one or more insertMany calls (a row that may match one of
// them splits the batch), so call number total / 200 / 2 falls at or before the middle batch.
const crashAt = Math.max(1, Math.floor(total / options.batchSize / 2));
const crashing = withFaults(repositories, { method: "leads.insertMany", onCall: crashAt, timing: "after" });
let started = performance.now();
const crashed = await service(crashing, "first")
  .importLeads(rows(), { ...options, onProgress })
  .catch((error: unknown) => error);
const firstSeconds = (performance.now() - started) / 1000;
console.log(
  `first run stopped: ${(crashed as Error).message} — checkpoint at row ${checkpoint.toLocaleString("en-US")} (${Math.round(checkpoint / firstSeconds).toLocaleString("en-US")} rows/s)`,
);

// 5. Resume from the checkpoint: the rows before it are skipped unread; the batch cut short is
//    redone, and the external id each row carries (<importId>:<row>) finds whatever it stored.
started = performance.now();
const resumed = await service(repositories, "resumed").importLeads(rows(), {
  ...options,
  startAfter: checkpoint,
  onProgress: log,
});
const seconds = (performance.now() - started) / 1000;
if (!resumed.ok) throw new Error(JSON.stringify(resumed.issues));
const report = resumed.value;
console.log(
  `resumed: rows ${(checkpoint + 1).toLocaleString("en-US")}–${report.rows.toLocaleString("en-US")} in ${seconds.toFixed(1)} s (${Math.round((report.rows - checkpoint) / seconds).toLocaleString("en-US")} rows/s): ${report.created} created, ${report.merged} merged, ${report.skipped} unchanged, ${report.failed} failed`,
);
for (const issue of report.issues.slice(0, 3))
  console.log(`  ${args.lang === "es" ? "fila" : "row"} ${issue.row}: ${describeIssue(issue, args.lang)}`);

// 6. Check: one lead per distinct email, every valid row stored, quoted commas intact.
const leads: Lead[] = [];
for await (const lead of repositories.leads.stream()) leads.push(lead);
const emails = new Set<string>();
let validRows = 0;
for await (const row of rows()) {
  const record = row as Record<string, string>;
  if (record["Country"] === "Spain") continue;
  validRows++;
  emails.add((record["E-mail"] ?? "").trim().toLowerCase());
}
const twins = leads.length - new Set(leads.map((l) => l.contact.email?.toLowerCase())).size;
const ruiz = leads.find((l) => l.contact.company === "Ferretería Ruiz, S.L.");
const noted = leads.find((l) => String(l.contact.attributes["notes"] ?? "").includes("\n"));
console.log(
  `${leads.length.toLocaleString("en-US")} leads for ${emails.size.toLocaleString("en-US")} distinct emails in ${validRows.toLocaleString("en-US")} valid rows; twins: ${twins}; audit entries: ${(await repositories.audit.list()).length.toLocaleString("en-US")}`,
);
console.log(
  `quoted comma kept: ${JSON.stringify(ruiz?.contact.company)}; line break kept: ${JSON.stringify(noted?.contact.attributes["notes"])}`,
);
await pglite?.close();
if (leads.length !== emails.size || twins !== 0 || ruiz === undefined) process.exit(1);

/** A small seeded generator (mulberry32), so every run writes the same CSV. */
function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    chance: (p: number) => next() < p,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
  };
}
