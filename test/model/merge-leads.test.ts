import { describe, expect, it } from "vitest";
import { mergeLeads, parseLead } from "../../src/model/index.js";
import { deepFreeze } from "../support/deep-freeze.js";
import { leadInput } from "./fixtures.js";

const now = new Date("2026-05-01T00:00:00Z");

describe("mergeLeads", () => {
  const older = parseLead(
    leadInput({
      id: "old",
      stage: "lead",
      createdAt: "2026-01-01T00:00:00Z",
      contact: {
        kind: "prospect",
        name: "Ana García",
        email: "ana@acme.es",
        jobTitle: "CTO",
        consents: [{ purpose: "newsletter", status: "granted", at: "2026-01-01T00:00:00Z", source: "form" }],
      },
      tags: ["ebook"],
      interactions: [
        { id: "i1", type: "email_open", at: "2026-01-02T00:00:00Z", initiator: { kind: "contact" } },
      ],
    }),
  );
  const stronger = parseLead(
    leadInput({
      id: "new",
      stage: "prospect",
      createdAt: "2026-02-01T00:00:00Z",
      contact: {
        kind: "prospect",
        name: "Ana García",
        email: "ana@acme.es",
        jobTitle: "CEO",
        phone: "+34911234567",
      },
      tags: ["webinar", "ebook"],
      notes: [{ at: "2026-02-02T00:00:00Z", author: "u-ana", text: "Call back" }],
      interactions: [
        { id: "i2", type: "email_click", at: "2026-02-03T00:00:00Z", initiator: { kind: "contact" } },
      ],
    }),
  );

  it("keeps the record furthest along the funnel and loses nothing", () => {
    const result = mergeLeads(deepFreeze([older, stronger]), { now });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { lead, survivorId, absorbedIds, conflicts } = result.value;
    expect(survivorId).toBe("new");
    expect(absorbedIds).toEqual(["old"]);
    expect(lead.id).toBe("new");
    expect(lead.stage).toBe("prospect");
    expect(lead.interactions.map((i) => i.id)).toEqual(["i1", "i2"]);
    expect(lead.contact.consents).toHaveLength(1);
    expect(lead.tags).toEqual(["webinar", "ebook"]);
    expect(lead.notes).toHaveLength(1);
    expect(lead.contact.phone).toBe("+34911234567");
    expect(lead.createdAt).toEqual(new Date("2026-01-01T00:00:00Z"));
    expect(lead.updatedAt).toEqual(now);
    expect(lead.mergedFrom).toEqual(["old"]);
    expect(conflicts).toEqual([
      { path: ["contact", "jobTitle"], kept: "CEO", others: [{ leadId: "old", value: "CTO" }] },
    ]);
  });

  it("keeps every holder on the lead: other owners and generators become editing collaborators", () => {
    const anas = parseLead(leadInput({ id: "a", stage: "prospect", owner: "u-ana", generatedBy: "u-ana" }));
    const brunos = parseLead(leadInput({ id: "b", stage: "lead", owner: "u-bruno", generatedBy: "u-bruno" }));
    const pooled = parseLead(
      leadInput({ id: "c", stage: "lead", owner: null, generatedBy: null, pool: "inbound" }),
    );
    const result = mergeLeads([brunos, anas, pooled], { now });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.lead).toMatchObject({ id: "a", owner: "u-ana", generatedBy: "u-ana" });
    expect(result.value.lead.collaborators).toEqual([{ userId: "u-bruno", access: "edit" }]);
    expect(result.value.conflicts.map((c) => c.path.join("."))).toEqual(
      expect.arrayContaining(["owner", "generatedBy"]),
    );
  });

  it("gives a pooled survivor the owner of the record it absorbs", () => {
    const pooled = parseLead(
      leadInput({ id: "p", stage: "prospect", owner: null, generatedBy: null, pool: "inbound" }),
    );
    const owned = parseLead(leadInput({ id: "o", stage: "lead", owner: "u-bruno", generatedBy: null }));
    const result = mergeLeads([pooled, owned], { now });
    expect(result.ok && result.value.lead.owner).toBe("u-bruno");
    expect(result.ok && result.value.lead.pool).toBeUndefined();
  });

  it("breaks ties by interactions, then age, then id", () => {
    const a = parseLead(leadInput({ id: "a", createdAt: "2026-01-05T00:00:00Z" }));
    const b = parseLead(leadInput({ id: "b", createdAt: "2026-01-01T00:00:00Z" }));
    const c = parseLead(leadInput({ id: "c", createdAt: "2026-01-01T00:00:00Z" }));
    const merged = mergeLeads([a, c, b], { now });
    expect(merged.ok && merged.value.survivorId).toBe("b");
  });

  it("rejects fewer than two leads and repeated ids", () => {
    const one = mergeLeads([older], { now });
    expect(one.ok || one.issues[0]?.code).toBe("too_few_leads");
    const twice = mergeLeads([older, older], { now });
    expect(twice.ok || twice.issues[0]).toMatchObject({ code: "duplicate_id", path: [1, "id"] });
  });
});
