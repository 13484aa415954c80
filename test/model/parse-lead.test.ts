import { describe, expect, it } from "vitest";
import { isLeadKitError } from "../../src/internal/index.js";
import {
  canEnterFunnel,
  leadSchema,
  parseContact,
  parseInteraction,
  parseLead,
  safeParseContact,
  safeParseInteraction,
  safeParseLead,
} from "../../src/model/index.js";
import { leadInput } from "./fixtures.js";

describe("parseLead", () => {
  it("fills defaults and turns ISO strings into dates", () => {
    const lead = parseLead(leadInput());
    expect(lead.createdAt).toEqual(new Date("2026-01-10T09:00:00Z"));
    expect(lead.version).toBe(1);
    expect(lead.tags).toEqual([]);
    expect(lead.interestLevel).toBe("unknown");
    expect(lead.contact.humanConfirmed).toBe(false);
    expect(lead.contact.entity).toBe("person");
  });

  it("round-trips through JSON to an equal lead", () => {
    const lead = parseLead(
      leadInput({
        interactions: [
          { id: "i1", type: "email_click", at: "2026-01-11T00:00:00Z", initiator: { kind: "contact" } },
        ],
      }),
    );
    expect(parseLead(JSON.parse(JSON.stringify(lead)))).toEqual(lead);
  });

  it("reports every problem with its path", () => {
    const result = safeParseLead({
      ...leadInput(),
      stage: "won",
      contact: { kind: "robot", name: "" },
      createdAt: "yesterday",
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const paths = result.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["stage", "contact.kind", "contact.name", "createdAt"]));
    for (const i of result.issues) expect(i.code).toMatch(/^[a-z_]+$/);
  });

  it("throws a LeadKitError carrying the issues", () => {
    try {
      parseLead({ id: "" });
      expect.unreachable("parseLead should throw");
    } catch (error) {
      expect(isLeadKitError(error)).toBe(true);
      if (!isLeadKitError(error)) return;
      expect(error.code).toBe("invalid_input");
      expect(error.issues.length).toBeGreaterThan(3);
      expect(error.message).toMatch(/^Invalid lead: /);
    }
  });

  it("rejects a user initiator without a user id, and a user-managed capture point without its manager", () => {
    const result = safeParseLead(
      leadInput({
        capture: { channel: "form", initiator: { kind: "user" }, capturePoint: { managedBy: "user" } },
      }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.path.join("."))).toEqual(
      expect.arrayContaining(["capture.initiator.userId", "capture.capturePoint.managerId"]),
    );
  });

  it("matches the bare schema's verdict", () => {
    expect(safeParseLead(leadInput()).ok).toBe(leadSchema.safeParse(leadInput()).success);
  });
});

describe("interactions", () => {
  const base = { id: "i1", at: "2026-02-01T10:00:00Z", initiator: { kind: "contact" } };

  it("accepts built-in and custom: types", () => {
    expect(parseInteraction({ ...base, type: "email_open" }).type).toBe("email_open");
    expect(parseInteraction({ ...base, type: "custom:trial_started" }).type).toBe("custom:trial_started");
  });

  it("rejects unknown types with a message listing the expected ones", () => {
    const result = safeParseInteraction({ ...base, type: "email_clicked" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues[0]?.path).toEqual(["type"]);
    expect(result.issues[0]?.message).toContain("email_click");
    expect(safeParseInteraction({ ...base, type: "custom:Bad Name" }).ok).toBe(false);
  });

  it("requires a capture point on form_submit and a page kind on page_view", () => {
    const form = safeParseInteraction({ ...base, type: "form_submit" });
    const page = safeParseInteraction({ ...base, type: "page_view" });
    expect(form.ok || form.issues[0]?.path).toEqual(["capturePoint"]);
    expect(page.ok || page.issues[0]?.path).toEqual(["pageKind"]);
    const ok = parseInteraction({ ...base, type: "page_view", pageKind: "pricing" });
    expect(ok.type === "page_view" && ok.pageKind).toBe("pricing");
  });
});

describe("contacts", () => {
  it("parses a minimal contact and validates country codes", () => {
    expect(parseContact({ kind: "partner", name: "Lumen Labs", entity: "organization" }).entity).toBe(
      "organization",
    );
    const bad = safeParseContact({ kind: "prospect", name: "Ana", country: "Spain" });
    expect(bad.ok || bad.issues[0]?.path).toEqual(["country"]);
  });

  it("lets only prospects and customers into the funnel", () => {
    expect(canEnterFunnel({ kind: "prospect" })).toBe(true);
    expect(canEnterFunnel({ kind: "customer" })).toBe(true);
    for (const kind of ["vendor", "partner", "employee", "bot", "other"] as const)
      expect(canEnterFunnel({ kind })).toBe(false);
  });
});
