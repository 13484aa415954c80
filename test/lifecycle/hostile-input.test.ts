import { describe, expect, it } from "vitest";
import { isLeadKitError, type Lead, parseLead } from "../../src/index.js";
import {
  availableEvents,
  compileLifecycle,
  defaultLifecycle,
  findStaleLeads,
  fromCrmStage,
  HUBSPOT_LIFECYCLE_STAGE_MAPPING,
  lifecycleEvidenceSchema,
  nextFollowUp,
  safeParseLifecycleDefinition,
  stageStays,
  timeInStage,
  timeToClose,
  toCrmStage,
  toXStateConfig,
  transition,
} from "../../src/lifecycle/index.js";
import { makeLead } from "../support/make-lead.js";
import { at, formContact, qualified } from "./fixtures.js";

const ok = { now: at(5), actor: "u-ana" };

function thrown(run: () => unknown): { code: string; path: readonly (string | number)[] } {
  try {
    run();
  } catch (error) {
    if (isLeadKitError(error)) return { code: error.code, path: error.issues[0]?.path ?? [] };
    throw error;
  }
  throw new Error("expected a LeadKitError");
}

describe("transition refuses malformed input with an issue", () => {
  const lead = makeLead(formContact, { stage: "lead" });

  it.each([
    ["evidence [null]", { type: "qualify", evidence: [null] }, ok, ["event", "evidence", 0]],
    ["reason 42", { type: "lose", reason: 42 }, ok, ["event", "reason"]],
    [
      "an unknown evidence kind",
      { type: "qualify", evidence: [{ kind: "vibes", at: at(1) }] },
      ok,
      ["event", "evidence", 0, "kind"],
    ],
    [
      "the verdict Qualified",
      { type: "qualify", evidence: [{ ...qualified(), verdict: "Qualified" }] },
      ok,
      ["event", "evidence", 0, "verdict"],
    ],
    [
      "evidence dated with a string",
      { type: "qualify", evidence: [{ ...qualified(), at: "2026-01-11T00:00:00Z" }] },
      ok,
      ["event", "evidence", 0, "at"],
    ],
    [
      "evidence with an Invalid Date",
      { type: "qualify", evidence: [{ ...qualified(), at: new Date("x") }] },
      ok,
      ["event", "evidence", 0, "at"],
    ],
    ["an event that is null", null, ok, ["event"]],
    ["an event type that is a number", { type: 3 }, ok, ["event", "type"]],
    ["an Invalid Date now", "qualify", { now: new Date(Number.NaN), actor: "u-ana" }, ["now"]],
    ["a string now", "qualify", { now: "2026-01-15T00:00:00Z", actor: "u-ana" }, ["now"]],
    ["no actor", "qualify", { now: at(5) }, ["actor"]],
    ["an empty actor", "qualify", { now: at(5), actor: "" }, ["actor"]],
    ["a blank actor", "qualify", { now: at(5), actor: "  " }, ["actor"]],
    ["a non-boolean automatic", "qualify", { ...ok, automatic: "yes" }, ["automatic"]],
  ] as const)("%s", (_, event, options, path) => {
    const result = transition(defaultLifecycle, lead, event as never, options as never);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]?.path).toEqual(path);
    expect(result.issues[0]?.code).toMatch(/^(invalid_type|invalid_value|too_small)$/);
  });

  it("never writes an Invalid Date into the history", () => {
    const result = transition(defaultLifecycle, lead, "nurture", { now: new Date("nope"), actor: "u-ana" });
    expect(result.ok).toBe(false);
  });

  it("refuses a now outside the years a lead can store, so no effect gets an Invalid Date", () => {
    for (const now of [new Date(8.64e15), new Date(Date.UTC(10000, 0, 1)), new Date(-62_135_596_800_001)]) {
      const result = transition(defaultLifecycle, lead, "nurture", { now, actor: "u-ana" });
      expect(result.ok || result.issues.map((i) => [i.code, i.path])).toEqual([["invalid_value", ["now"]]]);
    }
  });

  it("accepts an actor that starts with a space but is not blank", () => {
    expect(transition(defaultLifecycle, lead, "nurture", { now: at(5), actor: " u-ana" }).ok).toBe(true);
  });
});

describe("records read back from JSON", () => {
  const stored = () => {
    const lead = makeLead(formContact, {
      stage: "contact",
      interactions: [
        {
          id: "i1",
          type: "form_submit",
          at: at(1),
          initiator: { kind: "contact" },
          capturePoint: { managedBy: "company" },
        },
      ],
    });
    const moved = transition(defaultLifecycle, lead, "show_interest", { now: at(2), actor: "u-ana" });
    if (!moved.ok) throw new Error(moved.issues[0]?.message);
    return JSON.parse(JSON.stringify(moved.value.lead)) as Lead;
  };

  it("get an issue that says how to revive them, never a TypeError", () => {
    const raw = stored();
    const result = transition(defaultLifecycle, raw, { type: "qualify", evidence: [qualified(at(3))] }, ok);
    expect(result.ok || result.issues[0]).toMatchObject({ code: "invalid_type", path: ["history", 0, "at"] });
    expect(result.ok || result.issues[0]?.message).toMatch(/parseLead/);
  });

  it("get an issue for string-dated interactions the guards read", () => {
    const lead = makeLead(formContact, {
      stage: "contact",
      interactions: [
        {
          id: "i1",
          type: "form_submit",
          at: at(1),
          initiator: { kind: "contact" },
          capturePoint: { managedBy: "company" },
        },
      ],
    });
    const raw = { ...lead, interactions: JSON.parse(JSON.stringify(lead.interactions)) };
    const result = transition(defaultLifecycle, raw, "show_interest", ok);
    expect(result.ok || result.issues[0]).toMatchObject({
      code: "invalid_type",
      path: ["interactions", 0, "at"],
    });
    const blocked = availableEvents(defaultLifecycle, raw, { now: at(5) }).find(
      (e) => e.type === "show_interest",
    );
    expect(blocked?.blockedBy[0]?.path).toEqual(["interactions", 0, "at"]);
  });

  it("work end to end once revived with parseLead, and evidence with lifecycleEvidenceSchema", () => {
    const revived = parseLead(stored());
    const evidence = lifecycleEvidenceSchema.parse(JSON.parse(JSON.stringify(qualified(at(3)))));
    const result = transition(defaultLifecycle, revived, { type: "qualify", evidence: [evidence] }, ok);
    expect(result.ok && result.value.lead.stage).toBe("prospect");
    expect(stageStays(revived, { now: at(5) }).map((s) => s.stage)).toEqual(["contact", "lead"]);
  });

  it("make the time functions and staleness throw invalid_input, not a TypeError", () => {
    const raw = stored();
    expect(thrown(() => stageStays(raw, { now: at(5) }))).toEqual({
      code: "invalid_input",
      path: ["createdAt"],
    });
    expect(thrown(() => timeInStage(raw, { now: at(5) })).code).toBe("invalid_input");
    expect(thrown(() => timeToClose(raw)).code).toBe("invalid_input");
    expect(thrown(() => timeInStage(makeLead(formContact), { now: new Date("x") })).path).toEqual(["now"]);
    const stale = thrown(() =>
      findStaleLeads(
        [makeLead(formContact), raw],
        { stages: ["lead"], rules: [{ kind: "inactive", origin: "any", days: 1, flag: "review" }] },
        { now: at(5), originOf: () => "passive" },
      ),
    );
    expect(stale).toEqual({ code: "invalid_input", path: ["leads", 1, "createdAt"] });
    expect(
      thrown(() =>
        findStaleLeads(
          [],
          { stages: ["lead"], rules: [{ kind: "inactive", origin: "any", days: 1, flag: "review" }] },
          { now: new Date("x"), originOf: () => "passive" },
        ),
      ).path,
    ).toEqual(["now"]);
    expect(thrown(() => availableEvents(defaultLifecycle, raw, { now: at(5) })).path).toEqual([
      "history",
      0,
      "at",
    ]);
    expect(
      thrown(() =>
        availableEvents(defaultLifecycle, makeLead(formContact), { now: at(5), evidence: [null as never] }),
      ).path,
    ).toEqual(["evidence", 0]);
  });

  it("make nextFollowUp answer an issue", () => {
    const cadence = {
      id: "weekly",
      purpose: "sales_follow_up",
      every: { weeks: 1 },
      channels: ["email" as const],
    };
    const raw = stored();
    const result = nextFollowUp(cadence, raw, { now: at(5) });
    expect(result.ok || result.issues[0]?.path).toEqual(["createdAt"]);
    const lead = makeLead(formContact);
    expect(nextFollowUp(cadence, lead, { now: new Date("x") }).ok).toBe(false);
    expect(nextFollowUp(cadence, lead, { now: at(5), lastFollowUpAt: "2026-01-01" as never }).ok).toBe(false);
    expect(nextFollowUp(cadence, lead, { now: at(5) }).ok).toBe(true);
  });
});

describe("CRM mappings", () => {
  it("answer unknown_crm_value for any value that is not a known string", () => {
    for (const value of [null, undefined, 42, { toString: 1 }, ["lead"]]) {
      const result = fromCrmStage(HUBSPOT_LIFECYCLE_STAGE_MAPPING, value as never);
      expect(result.ok || result.issues[0]?.code).toBe("unknown_crm_value");
    }
    expect(toCrmStage(HUBSPOT_LIFECYCLE_STAGE_MAPPING, { toString: 1 } as never).ok).toBe(false);
    expect(fromCrmStage(null as never, "lead").ok).toBe(false);
  });

  it("never read a stage from Object.prototype", () => {
    for (const name of ["constructor", "toString", "__proto__", "hasOwnProperty"]) {
      expect(fromCrmStage(HUBSPOT_LIFECYCLE_STAGE_MAPPING, name).ok).toBe(false);
      expect(toCrmStage(HUBSPOT_LIFECYCLE_STAGE_MAPPING, name as never).ok).toBe(false);
    }
  });

  it("list at most a few known values in a message", () => {
    const toLeadkit = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`v${i}`, "lead"]));
    const result = fromCrmStage({ id: "m", system: "X", toLeadkit, fromLeadkit: {} }, "nope");
    expect(result.ok || result.issues[0]?.message).toMatch(/… and 480 more$/);
  });
});

describe("lifecycle definitions", () => {
  it("keep event names such as __proto__ and constructor as data", () => {
    const definition = JSON.parse(
      '{"id":"t","stages":["a","b"],"initial":"a","funnel":["a","b"],"events":{"__proto__":{"from":["a"],"to":"b"},"constructor":{"from":["b"],"to":"a"}}}',
    );
    const parsed = safeParseLifecycleDefinition(definition);
    expect(parsed.ok && Object.keys(parsed.value.events)).toEqual(["__proto__", "constructor"]);
    const lifecycle = compileLifecycle(definition);
    expect(lifecycle.events).toEqual(["__proto__", "constructor"]);
    const record = { stage: "a", history: [], updatedAt: at(0) };
    const moved = transition(lifecycle, record, "__proto__", ok);
    expect(moved.ok && moved.value.lead.stage).toBe("b");
  });

  it("export stages and events named after Object.prototype members as own XState states", () => {
    const lifecycle = compileLifecycle(
      JSON.parse(
        '{"id":"t","stages":["__proto__","constructor"],"initial":"__proto__","funnel":["__proto__","constructor"],"terminal":["constructor"],"events":{"__proto__":{"from":["__proto__"],"to":"constructor"}}}',
      ),
    );
    const config = toXStateConfig(lifecycle);
    expect(Object.keys(config.states)).toEqual(["__proto__", "constructor"]);
    const proto = Object.getOwnPropertyDescriptor(config.states, "__proto__")?.value;
    expect(Object.keys(proto.on)).toEqual(["__proto__"]);
  });

  it("report thousands of bad references in linear time, with short messages", () => {
    const stages = Array.from({ length: 1_000 }, (_, i) => `s${i}`);
    const events = Object.fromEntries(
      Array.from({ length: 1_000 }, (_, i) => [
        `e${i}`,
        { from: stages.slice(0, 8).map((s) => `${s}x`), to: "nowhere", guards: [`g${i}`] },
      ]),
    );
    let error: unknown;
    const started = performance.now();
    try {
      compileLifecycle({ id: "big", stages, initial: "s0", funnel: [], events } as never);
    } catch (e) {
      error = e;
    }
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(isLeadKitError(error) && error.issues).toHaveLength(101);
    if (isLeadKitError(error)) for (const i of error.issues) expect(i.message.length).toBeLessThan(400);
  });
});
