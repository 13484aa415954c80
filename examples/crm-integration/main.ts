// Reads contacts whose stages are HubSpot lifecycle values, moves them through leadkit's default
// lifecycle on the events a sync picked up, and writes the new stages back — reporting, never
// guessing, values with no counterpart. Run: npm run example -- crm-integration
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { type Lead, parseLead } from "leadkit";
import {
  availableEvents,
  type DefaultLifecycleEvent,
  defaultLifecycle,
  fromCrmStage,
  HUBSPOT_LIFECYCLE_STAGE_MAPPING,
  type LifecycleEvent,
  toCrmStage,
  transition,
} from "leadkit/lifecycle";
import { readExampleArgs } from "../example-args.js";
import { outputDir } from "../output-dir.js";

readExampleArgs(import.meta.url);

/** A HubSpot contact as an export or the CRM API gives it (the fields this example needs). */
interface HubSpotContact {
  readonly id: string;
  readonly email: string;
  readonly firstname: string;
  readonly lifecyclestage: string;
  readonly createdate: string;
  readonly lastmodifieddate: string;
}

const now = new Date("2026-04-15T09:00:00Z");
const at = (iso: string) => new Date(iso);

// A small dataset, as a HubSpot export would have it.
const contacts: readonly HubSpotContact[] = [
  {
    id: "101",
    email: "ana@acme.es",
    firstname: "Ana",
    lifecyclestage: "subscriber",
    createdate: "2026-03-01T10:00:00Z",
    lastmodifieddate: "2026-03-01T10:00:00Z",
  },
  {
    id: "102",
    email: "bruno@logistica.mx",
    firstname: "Bruno",
    lifecyclestage: "marketingqualifiedlead",
    createdate: "2026-02-10T10:00:00Z",
    lastmodifieddate: "2026-03-20T10:00:00Z",
  },
  {
    id: "103",
    email: "carmen@banco.es",
    firstname: "Carmen",
    lifecyclestage: "salesqualifiedlead",
    createdate: "2026-01-15T10:00:00Z",
    lastmodifieddate: "2026-04-01T10:00:00Z",
  },
  {
    id: "104",
    email: "diego@retail.co",
    firstname: "Diego",
    lifecyclestage: "opportunity",
    createdate: "2026-01-05T10:00:00Z",
    lastmodifieddate: "2026-04-02T10:00:00Z",
  },
  {
    id: "105",
    email: "elena@fabrica.de",
    firstname: "Elena",
    lifecyclestage: "opportunity",
    createdate: "2026-01-20T10:00:00Z",
    lastmodifieddate: "2026-04-03T10:00:00Z",
  },
  {
    id: "106",
    email: "fer@hotel.fr",
    firstname: "Fernando",
    lifecyclestage: "lead",
    createdate: "2026-03-05T10:00:00Z",
    lastmodifieddate: "2026-03-05T10:00:00Z",
  },
  {
    id: "107",
    email: "gloria@partner.com",
    firstname: "Gloria",
    lifecyclestage: "other",
    createdate: "2026-02-01T10:00:00Z",
    lastmodifieddate: "2026-02-01T10:00:00Z",
  },
  {
    id: "108",
    email: "hugo@cliente.es",
    firstname: "Hugo",
    lifecyclestage: "customer",
    createdate: "2025-11-01T10:00:00Z",
    lastmodifieddate: "2026-01-10T10:00:00Z",
  },
];

// What the sync picked up since the last run, per contact: an event for leadkit, with its evidence.
const pending: Readonly<
  Record<string, LifecycleEvent<DefaultLifecycleEvent> & { readonly automatic: boolean }>
> = {
  "101": {
    type: "show_interest",
    automatic: true,
    evidence: [{ kind: "interest", signal: "content_download", at: at("2026-04-14T16:00:00Z") }],
  },
  "102": {
    type: "qualify",
    automatic: true,
    evidence: [
      {
        kind: "qualification",
        frameworkId: "bant",
        verdict: "needs_information",
        at: at("2026-04-14T12:00:00Z"),
      },
    ],
  },
  "103": {
    type: "request_purchase",
    automatic: true,
    evidence: [{ kind: "purchase_request", request: "demo_request", at: at("2026-04-13T09:30:00Z") }],
  },
  "104": { type: "win", automatic: true },
  "105": { type: "lose", automatic: false, reason: "went with a competitor" },
  "106": { type: "back_to_contact", automatic: true },
  "108": { type: "lose", automatic: true, reason: "churned" },
};

// 1. Read: HubSpot value → leadkit stage. A value with no counterpart is reported and left alone.
const report: string[] = [];
const leads: Lead[] = [];
for (const c of contacts) {
  const stage = fromCrmStage(HUBSPOT_LIFECYCLE_STAGE_MAPPING, c.lifecyclestage);
  if (!stage.ok) {
    report.push(`#${c.id} skipped on read: ${stage.issues.map((i) => i.message).join("; ")}`);
    continue;
  }
  leads.push(
    parseLead({
      id: `hs-${c.id}`,
      externalId: c.id,
      contact: {
        kind: stage.value === "customer" ? "customer" : "prospect",
        name: c.firstname,
        email: c.email,
      },
      stage: stage.value,
      owner: "u-ana",
      generatedBy: null,
      capture: { channel: "import", initiator: { kind: "automation" } },
      createdAt: c.createdate,
      updatedAt: c.lastmodifieddate,
    }),
  );
}

// 2. Move each lead on its pending event. Automatic moves only go forward; refusals are explained.
const writes: { id: string; properties: { lifecyclestage: string } }[] = [];
const effects: { id: string; effect: unknown }[] = [];
for (const lead of leads) {
  const id = lead.externalId ?? lead.id;
  const event = pending[id];
  if (event === undefined) continue;
  const { automatic, ...leadkitEvent } = event;
  const result = transition(defaultLifecycle, lead, leadkitEvent, { now, actor: "hubspot-sync", automatic });
  if (!result.ok) {
    report.push(
      `#${id} "${event.type}" refused in ${lead.stage}: ${result.issues.map((i) => i.message).join("; ")}`,
    );
    const options = availableEvents(defaultLifecycle, lead, { now, automatic })
      .filter((a) => a.allowed)
      .map((a) => a.type);
    report.push(`    allowed for automation from ${lead.stage}: ${options.join(", ") || "(none)"}`);
    continue;
  }
  const moved = result.value;
  for (const effect of moved.effects) effects.push({ id, effect });
  // 3. Write back: leadkit stage → HubSpot value, only when the stage changed.
  const value = toCrmStage(HUBSPOT_LIFECYCLE_STAGE_MAPPING, moved.to);
  if (!value.ok) {
    report.push(`#${id} moved ${moved.from} → ${moved.to}, not written back: ${value.issues[0]?.message}`);
    continue;
  }
  writes.push({ id, properties: { lifecyclestage: value.value } });
  report.push(`#${id} moved ${moved.from} → ${moved.to}; HubSpot lifecyclestage := ${value.value}`);
}

const dir = outputDir(import.meta.url);
writeFileSync(join(dir, "hubspot-batch-update.json"), `${JSON.stringify({ inputs: writes }, null, 2)}\n`);
writeFileSync(join(dir, "effects.json"), `${JSON.stringify(effects, null, 2)}\n`);
console.log(report.join("\n"));
console.log(
  `\n${writes.length} updates written to ${join(dir, "hubspot-batch-update.json")}, ${effects.length} effects to effects.json`,
);
