// The quickstart: generated leads → validation → duplicate detection → merge.
import { findDuplicates, mergeLeads, safeParseLead } from "leadkit";
import { generateLeads } from "leadkit/testing";

const smoke = process.env["LEADKIT_SMOKE"] === "1";
const leads = generateLeads({ seed: 2026, count: smoke ? 300 : 2000 });
const now = new Date("2026-07-01T00:00:00Z");

const valid = leads.filter((lead) => safeParseLead(JSON.parse(JSON.stringify(lead))).ok).length;
console.log(`Validated ${valid} of ${leads.length} generated leads.`);

const { groups, ignored } = findDuplicates(leads);
console.log(`Duplicate groups: ${groups.length} (keys ignored as too common: ${ignored.length})`);
const byId = new Map(leads.map((lead) => [lead.id, lead]));
const firstEmailGroup = groups.find((g) => g.key.kind === "email");
if (firstEmailGroup !== undefined) {
  const merged = mergeLeads(
    firstEmailGroup.ids.flatMap((id) => byId.get(id) ?? []),
    { now },
  );
  if (merged.ok) {
    console.log(
      `Merged ${firstEmailGroup.ids.join(" + ")} into ${merged.value.survivorId}: ` +
        `${merged.value.lead.interactions.length} interactions kept, ${merged.value.conflicts.length} conflicts to review.`,
    );
  }
}
