// Personal data with leadkit: a person asks what is held about them, then to be forgotten, and a
// nightly job applies the retention policy "erase leads idle for 36 months, except customers and
// open opportunities" — all through the lead service, so the sharing policy decides who may.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Lead } from "leadkit";
import { computeFunnelAggregate } from "leadkit/metrics";
import { compileSharingPolicy, DEFAULT_SHARING_POLICY } from "leadkit/origin";
import { createLeadService, parseRetentionPolicy, safeParseRetentionPolicy } from "leadkit/services";
import { createInMemoryRepositories, fixedClock, generateLeads, sequentialIds } from "leadkit/testing";
import { outputDir } from "../output-dir.js";

const smoke = process.env["LEADKIT_SMOKE"] === "1";
const now = "2026-07-01T09:00:00Z";
const repositories = createInMemoryRepositories();
const service = createLeadService({
  repositories,
  clock: fixedClock(now),
  ids: sequentialIds("lead"),
  // Marta is the data protection officer: a manager, so the default policy lets her erase and
  // export; "system" (the nightly job) is an integration, which may too. Sellers may export their
  // own leads, not erase them.
  config: { policy: compileSharingPolicy({ ...DEFAULT_SHARING_POLICY, managers: ["u-marta"] }) },
});

// Five years of leads (2021–2026), and Lucía, who filled a form and took a call.
const history = generateLeads({
  seed: 19,
  count: smoke ? 400 : 4_000,
  from: new Date("2021-01-01T00:00:00Z"),
  to: new Date("2026-06-01T00:00:00Z"),
  now: new Date(now),
});
for (const lead of history) await repositories.leads.save(lead, { expectedVersion: 0 });
const captured = await service.capture({
  actor: "u-ana",
  externalId: "form-7781",
  contact: {
    kind: "prospect",
    name: "Lucía Pérez",
    email: "lucia.perez@acme.es",
    phone: "+34 600 111 222",
    industry: "software",
    consents: [
      { purpose: "newsletter", status: "granted", at: "2026-06-20T10:00:00Z", source: "form:ebook" },
    ],
  },
  capture: { channel: "call", initiator: { kind: "user", userId: "u-ana" } },
  source: "fair",
  interactions: [
    {
      type: "call",
      at: new Date("2026-06-30T16:00:00Z"),
      initiator: { kind: "user", userId: "u-ana" },
      data: { note: "asked for prices" },
    },
  ],
});
if (!captured.ok || captured.value.kind !== "created") throw new Error("capture failed");
const lucia = captured.value.lead;

const allLeads = async () => {
  const leads: Lead[] = [];
  for await (const lead of repositories.leads.stream()) leads.push(lead);
  return leads;
};
const funnel = async () =>
  JSON.stringify(computeFunnelAggregate(await allLeads(), { dimensions: ["source"] }));

// 1. Right of access: everything held about Lucía, as JSON in the documented shape.
const exported = await service.exportContactData({ actor: "u-marta", leadId: lucia.id });
if (!exported.ok) throw new Error(JSON.stringify(exported.issues));
const file = join(outputDir(import.meta.url), "lucia-export.json");
writeFileSync(file, JSON.stringify(exported.value, null, 2));
console.log(
  `[1/3] Export for ${lucia.id}: ${exported.value.interactions.length} interaction(s), ${exported.value.auditEntries.length} audit entr(ies), ${exported.value.consents.length} consent(s) → ${file}`,
);

// 2. Right to erasure. Ana owns the lead but may not erase it; an unknown id and a lead the actor
// cannot see get the same answer.
const byOwner = await service.eraseContact({ actor: "u-ana", leadId: lucia.id });
const unknown = await service.eraseContact({ actor: "u-ana", leadId: "no-such-lead" });
console.log(
  `[2/3] Ana may not erase: ${byOwner.ok ? "erased?!" : byOwner.issues[0]?.code}; an unknown lead: ${unknown.ok ? "erased?!" : unknown.issues[0]?.code}`,
);
const before = await funnel();
const erased = await service.eraseContact({ actor: "u-marta", leadId: lucia.id });
if (!erased.ok) throw new Error(JSON.stringify(erased.issues));
const stored = erased.value.lead;
console.log(
  `      Marta erased it: name "${stored.contact.name}", email ${stored.contact.email ?? "gone"}, phone ${stored.contact.phone ?? "gone"}; stage ${stored.stage}, source ${stored.source}, owner ${stored.owner} kept`,
);
const trail = await repositories.audit.list({ leadId: lucia.id });
console.log(
  `      recorded as "${trail.at(-1)?.action}" by ${trail.at(-1)?.actor}; funnel unchanged: ${(await funnel()) === before}`,
);
const back = await service.capture({
  actor: "u-ana",
  externalId: "form-7781",
  contact: { kind: "prospect", name: "Lucía Pérez", email: "lucia.perez@acme.es" },
  capture: { channel: "call", initiator: { kind: "user", userId: "u-ana" } },
});
console.log(
  `      if Lucía comes back, she is a new lead: ${back.ok ? back.value.kind : back.issues[0]?.code}`,
);

// 3. Retention: a policy that forgot customers is refused; the right one is swept in batches.
const careless = safeParseRetentionPolicy({ inactiveMonths: 36 });
console.log(
  `[3/3] "Erase after 36 months" alone is refused: ${careless.ok ? "accepted?!" : careless.issues.map((i) => i.code).join(", ")}`,
);
const beforeSweep = await funnel();
const policy = parseRetentionPolicy({ inactiveMonths: 36, exceptStages: ["customer", "potential_client"] });
const swept = await service.sweepRetention({
  actor: "system",
  policy,
  batchSize: smoke ? 50 : 250,
  onProgress: (p) =>
    console.log(
      `      … ${p.examined} idle leads read, ${p.erased} erased, resume after ${p.cursor ?? "(done)"}`,
    ),
});
if (!swept.ok) throw new Error(JSON.stringify(swept.issues));
console.log(
  `      idle since ${swept.value.cutoff.toISOString().slice(0, 10)}: ${swept.value.erased} erased, ${swept.value.alreadyErased} already erased, ${swept.value.skipped} skipped; funnel unchanged: ${(await funnel()) === beforeSweep}`,
);
const again = await service.sweepRetention({ actor: "system", policy });
if (!again.ok) throw new Error(JSON.stringify(again.issues));
console.log(
  `      the same sweep again erases ${again.value.erased} (already erased: ${again.value.alreadyErased})`,
);
