import { describe, expect, it } from "vitest";
import { decideConsent, type Lead, mergeLeads, parseLead } from "../../src/model/index.js";
import { deepFreeze } from "../support/deep-freeze.js";
import { leadInput } from "../support/make-lead.js";

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

  it("keeps two consents that a joined string would confuse, and never turns a withdrawal into a grant", () => {
    // "a|granted" + "withdrawn" and "a" + "granted|withdrawn" join to the same "a|granted|withdrawn…".
    const crafted = (id: string, purpose: string, status: "granted" | "withdrawn", source: string) =>
      parseLead(
        leadInput({
          id,
          contact: {
            kind: "prospect",
            name: "Ana",
            consents: [{ purpose, status, at: "2026-01-01T00:00:00Z", source }],
          },
        }),
      );
    const merged = mergeLeads(
      [crafted("x", "calls|withdrawn", "granted", "s"), crafted("y", "calls", "withdrawn", "granted|s")],
      { now },
    );
    expect(merged.ok && merged.value.lead.contact.consents.map((c) => [c.purpose, c.status])).toEqual([
      ["calls|withdrawn", "granted"],
      ["calls", "withdrawn"],
    ]);
  });

  it("restates a withdrawal that another record's later grant would override, and reports it", () => {
    const withdrew = parseLead(
      leadInput({
        id: "w",
        stage: "prospect",
        contact: {
          kind: "prospect",
          name: "Ana",
          consents: [
            { purpose: "newsletter", status: "granted", at: "2026-01-01T00:00:00Z", source: "form" },
            {
              purpose: "newsletter",
              status: "withdrawn",
              at: "2026-02-01T00:00:00Z",
              source: "unsubscribe link",
            },
          ],
          doNotContact: [{ channel: "phone", reason: "manual", at: "2026-02-01T00:00:00Z" }],
        },
      }),
    );
    const regranted = parseLead(
      leadInput({
        id: "g",
        contact: {
          kind: "prospect",
          name: "Ana",
          consents: [
            { purpose: "newsletter", status: "granted", at: "2026-06-01T00:00:00Z", source: "import" },
          ],
          doNotContact: [{ channel: "phone", reason: "manual", at: "2026-02-01T00:00:00Z", note: "twice" }],
        },
      }),
    );
    const merged = mergeLeads([withdrew, regranted], { now });
    if (!merged.ok) throw new Error("merge failed");
    const consents = merged.value.lead.contact.consents;
    expect(consents).toHaveLength(4);
    const last = consents.at(-1);
    expect(last).toMatchObject({
      purpose: "newsletter",
      status: "withdrawn",
      source: "merge: withdrawn on lead w",
    });
    // Never dated before the later grant: tied with it at least, and a tie goes to the withdrawal.
    expect(last?.at.getTime()).toBeGreaterThanOrEqual(new Date("2026-06-01T00:00:00Z").getTime());
    expect(decideConsent(consents, { purpose: "newsletter" })?.status).toBe("withdrawn");
    expect(merged.value.conflicts).toContainEqual({
      path: ["contact", "consents", "newsletter"],
      kept: "withdrawn",
      others: [{ leadId: "g", value: "granted" }],
    });
    expect(merged.value.lead.contact.doNotContact).toHaveLength(2);
  });

  it("refuses to merge two different interactions that share an id, and keeps one copy of an exact repeat", () => {
    const at = "2026-01-02T00:00:00Z";
    const a = parseLead(
      leadInput({
        id: "a",
        interactions: [{ id: "i1", type: "email_open", at, initiator: { kind: "contact" } }],
      }),
    );
    const same = parseLead(
      leadInput({
        id: "b",
        interactions: [{ id: "i1", type: "email_open", at, initiator: { kind: "contact" } }],
      }),
    );
    const clash = parseLead(
      leadInput({
        id: "c",
        interactions: [{ id: "i1", type: "email_click", at, initiator: { kind: "contact" } }],
      }),
    );
    const repeated = mergeLeads([a, same], { now });
    expect(repeated.ok && repeated.value.lead.interactions.map((i) => i.id)).toEqual(["i1"]);
    const refused = mergeLeads([a, clash], { now });
    expect(refused.ok ? [] : refused.issues.map((i) => [i.code, i.path])).toEqual([
      ["conflicting_interactions", ["interactions", "i1"]],
    ]);
  });

  it("treats attribute keys and model ids named after Object.prototype members as plain data", () => {
    const keys = ["constructor", "toString", "valueOf", "hasOwnProperty", "__proto__"];
    const withAttributes = (id: string, attributes: Record<string, string | number | boolean>) => ({
      ...parseLead(leadInput({ id })),
      contact: { ...parseLead(leadInput({ id })).contact, attributes },
    });
    const own = <T>(entries: [string, T][]) => {
      const record: Record<string, T> = {};
      for (const [k, v] of entries)
        Object.defineProperty(record, k, { value: v, enumerable: true, writable: true, configurable: true });
      return record;
    };
    const a = withAttributes(
      "a",
      own<string | number | boolean>([
        ["constructor", "crm"],
        ["__proto__", 1],
      ]),
    );
    const b = withAttributes(
      "b",
      own<string | number | boolean>([
        ["toString", "x"],
        ["valueOf", 2],
        ["hasOwnProperty", false],
      ]),
    );
    const scored = { ...b, scores: own([["__proto__", { value: 10, at: now }]]) as Lead["scores"] };
    const merged = mergeLeads([a, scored], { now });
    if (!merged.ok) throw new Error("merge failed");
    const attributes = merged.value.lead.contact.attributes;
    expect(Object.keys(attributes).sort()).toEqual([...keys].sort());
    for (const key of keys) expect(typeof attributes[key]).not.toBe("function");
    expect(Object.getPrototypeOf(attributes)).toBe(Object.prototype);
    expect(Object.hasOwn(merged.value.lead.scores, "__proto__")).toBe(true);
    expect(() => structuredClone(merged.value.lead)).not.toThrow();
  });
});
