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
import { leadInput } from "../support/make-lead.js";

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

describe("timestamps", () => {
  const at = (createdAt: unknown) => {
    const result = safeParseLead({ ...leadInput(), createdAt });
    if (result.ok) throw new Error("expected issues");
    return result.issues.find((i) => i.path.join(".") === "createdAt");
  };

  it("name the accepted format and what was wrong, whatever was given", () => {
    for (const [value, code, detail] of [
      ["2026-03-01", "invalid_format", "a date without a time"],
      ["2026-03-01T09:30:00", "invalid_format", "without a time zone offset"],
      ["2026-03-01 09:30", "invalid_format", "without a time zone offset"],
      ["yesterday", "invalid_format", '"yesterday"'],
      [1_772_000_000_000, "invalid_type", "epoch numbers"],
      [new Date(Number.NaN), "invalid_type", "Invalid Date"],
      [new Date("+010000-01-01T00:00:00Z"), "invalid_value", "0001 to 9999"],
      [null, "invalid_type", "null"],
      [{ toString: 1 }, "invalid_type", "an object"],
    ] as const) {
      const problem = at(value);
      expect(problem?.code).toBe(code);
      expect(problem?.message).toContain('"2026-03-01T09:30:00Z"');
      expect(problem?.message).toContain(detail);
    }
  });

  it("accept a Date, Z and offsets, and keep the instant", () => {
    expect(parseLead({ ...leadInput(), createdAt: "2026-03-01T10:30:00+01:00" }).createdAt).toEqual(
      new Date("2026-03-01T09:30:00Z"),
    );
    const date = new Date("2026-03-01T09:30:00.123Z");
    expect(parseLead({ ...leadInput(), createdAt: date }).createdAt).toBe(date);
  });
});

describe("keys are data", () => {
  const prototypeNames = ["__proto__", "constructor", "toString", "valueOf", "hasOwnProperty"];

  it("keeps every attribute, score and interaction data key through parse and JSON, __proto__ included", () => {
    const attributes = JSON.parse(
      `{${prototypeNames.map((k, i) => `"${k}": ${i === 1 ? '"x"' : i}`).join(", ")}}`,
    ) as Record<string, unknown>;
    const score = { value: 50, at: "2026-01-10T09:00:00Z" };
    const scores = JSON.parse(
      `{${prototypeNames.map((k) => `"${k}": ${JSON.stringify(score)}`).join(", ")}}`,
    );
    const lead = parseLead(
      JSON.parse(
        JSON.stringify({
          ...leadInput(),
          contact: { ...leadInput().contact, attributes: "ATTRIBUTES" },
          scores: "SCORES",
          interactions: [
            {
              id: "i1",
              type: "email_open",
              at: "2026-01-11T00:00:00Z",
              initiator: { kind: "contact" },
              data: "ATTRIBUTES",
            },
          ],
        })
          .replaceAll('"ATTRIBUTES"', JSON.stringify(attributes))
          .replace('"SCORES"', JSON.stringify(scores)),
      ),
    );
    for (const record of [lead.contact.attributes, lead.interactions[0]?.data ?? {}]) {
      expect(Object.keys(record)).toEqual(prototypeNames);
      expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
      expect(Object.getOwnPropertyDescriptor(record, "__proto__")?.value).toBe(0);
      expect(Object.getOwnPropertyDescriptor(record, "constructor")?.value).toBe("x");
    }
    expect(Object.keys(lead.scores)).toEqual(prototypeNames);
    expect(Object.getOwnPropertyDescriptor(lead.scores, "__proto__")?.value.value).toBe(50);
    const again = parseLead(JSON.parse(JSON.stringify(lead)));
    expect(again).toEqual(lead);
    expect(Object.keys(again.contact.attributes)).toEqual(prototypeNames);
  });

  it("validates a __proto__ value like any other, and never lets it change a prototype", () => {
    const result = safeParseLead(
      JSON.parse(
        JSON.stringify({ ...leadInput(), contact: { ...leadInput().contact, attributes: "X" } }).replace(
          '"X"',
          '{"__proto__": {"polluted": true}}',
        ),
      ),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues[0]?.path).toEqual(["contact", "attributes", "__proto__"]);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });
});

describe("bounds", () => {
  it("refuses an oversized list before reading its items, and caps the issues", () => {
    const huge = Array.from({ length: 10_001 }, () => 1);
    const tooMany = safeParseLead({ ...leadInput(), interactions: huge });
    expect(tooMany.ok).toBe(false);
    if (!tooMany.ok) expect(tooMany.issues).toEqual([expect.objectContaining({ code: "too_big" })]);

    const bad = Array.from({ length: 5_000 }, () => ({ id: 1, type: 2, at: 3, initiator: 4 }));
    const result = safeParseLead({ ...leadInput(), interactions: bad });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toHaveLength(101);
    expect(result.issues.at(-1)).toMatchObject({ code: "too_many_issues", path: [] });
    expect(result.issues.at(-1)?.message).toMatch(/and 19900 more issues/);
  });

  it("refuses a map with more than 1,000 keys and strings over their length", () => {
    const attributes = Object.fromEntries(Array.from({ length: 1_001 }, (_, i) => [`k${i}`, i]));
    const result = safeParseLead({ ...leadInput(), contact: { ...leadInput().contact, attributes } });
    expect(result.ok || result.issues[0]).toMatchObject({ code: "too_big", path: ["contact", "attributes"] });
    const long = safeParseLead({
      ...leadInput(),
      contact: { ...leadInput().contact, company: "x".repeat(2_001) },
    });
    expect(long.ok || long.issues[0]).toMatchObject({ code: "too_big", path: ["contact", "company"] });
  });
});
