import { afterEach, describe, expect, it, vi } from "vitest";
import * as z from "zod";
import {
  compilePointsModel,
  DEFAULT_POINTS_MODEL,
  explainScore,
  parsePointsModel,
  scoreLead,
} from "../../src/scoring/index.js";
import { generateScoreFunction } from "../../src/scoring/points/generate-score-function.js";
import { generateLeads } from "../../src/testing/index.js";
import { contactWith, makeLead } from "../support/make-lead.js";
import { interaction, NOW, pageView } from "./fixtures.js";

const closures = { generateCode: false } as const;

describe("compilePointsModel: generated and closure scorers", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    z.config({ jitless: false });
    vi.resetModules();
  });

  it("agree on generated leads under the default model and a model using every condition kind", () => {
    const model = parsePointsModel({
      id: "every-kind",
      groups: [
        { id: "fit", max: 40 },
        { id: "engagement", max: 60 },
        { id: "validity", min: -50 },
      ],
      rules: [
        {
          id: "eq",
          group: "fit",
          points: 15,
          when: [{ kind: "field_equals", field: "contact.industry", value: "software" }],
        },
        {
          id: "in",
          group: "fit",
          points: 10,
          when: [{ kind: "field_in", field: "contact.companySize", values: ["51-200", "201-500"] }],
        },
        {
          id: "missing",
          group: "fit",
          points: -3,
          when: [{ kind: "field_equals", field: "contact.city", value: null }],
        },
        { id: "present", group: "fit", points: 2, when: [{ kind: "field_present", field: "team" }] },
        {
          id: "range",
          group: "fit",
          points: 4,
          when: [{ kind: "field_range", field: "contact.attributes.seats", min: 10 }],
        },
        { id: "vip", group: "fit", points: 5, when: [{ kind: "tag", tag: "vip" }] },
        { id: "odd-name", group: "validity", points: -15, when: [{ kind: "unpronounceable_name" }] },
        {
          id: "personal",
          group: "validity",
          points: -10,
          when: [{ kind: "personal_email" }],
          unless: [{ kind: "human_confirmed" }],
        },
        { id: "bot", group: "validity", points: -50, when: [{ kind: "bot" }] },
        { id: "burner", group: "validity", points: -20, when: [{ kind: "disposable_email" }] },
        {
          id: "click",
          group: "engagement",
          points: 8,
          repeatable: true,
          cap: 24,
          interaction: { types: ["email_click"], channels: ["email"] },
        },
        {
          id: "pricing",
          group: "engagement",
          points: 10,
          interaction: { types: ["page_view"], pageKinds: ["pricing"], within: { days: 30 } },
        },
        {
          id: "by-contact",
          group: "engagement",
          points: 3,
          repeatable: true,
          interaction: { types: ["content_download", "webinar_attended"], initiators: ["contact"] },
        },
      ],
      decay: { kind: "linear", percent: 25, every: { months: 1 }, groups: ["engagement"] },
    });
    const leads = generateLeads({ seed: 6, count: 300, now: NOW }).map((lead, i) =>
      i % 11 === 0 ? { ...lead, contact: { ...lead.contact, email: `l${i}@Mailinator.com` } } : lead,
    );
    const first = leads[0];
    if (first === undefined) throw new Error("no leads");
    expect(
      compilePointsModel(model)
        .explain(first, NOW)
        .rules.map((r) => r.ruleId),
    ).toContain("burner");
    for (const m of [model, DEFAULT_POINTS_MODEL])
      for (const lead of leads)
        expect(compilePointsModel(m).score(lead, NOW)).toStrictEqual(
          compilePointsModel(m, closures).score(lead, NOW),
        );
  });

  it("emits strings from the model as data, never as code", () => {
    const hostile = '"); globalThis.pwned = true; ("';
    const model = parsePointsModel({
      id: hostile,
      groups: [{ id: "__proto__" }, { id: `${hostile}\u2028\\` }],
      rules: [
        { id: hostile, group: "__proto__", points: 7, when: [{ kind: "tag", tag: `</script>${hostile}` }] },
        {
          id: "attr",
          group: `${hostile}\u2028\\`,
          points: 5,
          when: [{ kind: "field_equals", field: `contact.attributes.${hostile}`, value: hostile }],
        },
        { id: "custom", group: "__proto__", points: 2, interaction: { types: ["custom:a.b-c_d"] } },
      ],
    });
    const lead = makeLead(
      {
        tags: [`</script>${hostile}`],
        interactions: [{ id: "c1", type: "custom:a.b-c_d", at: NOW, initiator: { kind: "contact" } }],
      },
      contactWith({ attributes: { [hostile]: hostile } }),
    );
    const score = compilePointsModel(model).score(lead, NOW);
    expect((globalThis as { pwned?: boolean }).pwned).toBeUndefined();
    expect(score).toStrictEqual(compilePointsModel(model, closures).score(lead, NOW));
    expect(score.modelId).toBe(hostile);
    // "__proto__" is an own group, not the result's prototype.
    expect(Object.getPrototypeOf(score.groups)).toBe(Object.prototype);
    expect(Object.entries(score.groups)).toEqual([
      ["__proto__", 9],
      [`${hostile}\u2028\\`, 5],
    ]);
  });

  it("agree on interactions exactly at the window and decay cut-offs", () => {
    const model = parsePointsModel({
      id: "edges",
      groups: [{ id: "engagement" }],
      rules: [
        {
          id: "recent-open",
          group: "engagement",
          points: 4,
          interaction: { types: ["email_open"], within: { days: 10 } },
        },
        {
          id: "pricing",
          group: "engagement",
          points: 10,
          interaction: { types: ["page_view"], pageKinds: ["pricing"] },
        },
      ],
      decay: { kind: "window", within: { days: 30 } },
    });
    const lead = makeLead({
      interactions: [interaction("email_open", 10), pageView("pricing", 30), pageView("product", 1)],
    });
    const generated = compilePointsModel(model).score(lead, NOW);
    expect(generated).toStrictEqual(compilePointsModel(model, closures).score(lead, NOW));
    // Both sit on their cut-off, which still counts (`at >= cut-off`).
    expect(generated.value).toBe(14);
    expect(explainScore(compilePointsModel(model), lead, NOW).value).toBe(14);
  });

  it("keeps the closure scorer for a model too large for V8 to optimise as one function", () => {
    const rules = (n: number) =>
      Array.from({ length: n }, (_, k) => ({
        id: `r${k}`,
        group: "fit",
        points: 1,
        when: [{ kind: "field_equals" as const, field: `contact.attributes.a${k}` as const, value: k }],
      }));
    const small = parsePointsModel({ id: "small", groups: [{ id: "fit" }], rules: rules(100) });
    const large = parsePointsModel({ id: "large", groups: [{ id: "fit" }], rules: rules(600) });
    expect(generateScoreFunction(small)).not.toBeNull();
    expect(generateScoreFunction(large)).toBeNull();
    const lead = makeLead({}, contactWith({ attributes: { a3: 3, a500: 500, a599: "599" } }));
    expect(compilePointsModel(large).score(lead, NOW)).toStrictEqual({
      modelId: "large",
      value: 2,
      groups: { fit: 2 },
    });
  });

  it("keeps no cache: each compilation is its own frozen value, with its own scorer function", () => {
    const model = parsePointsModel({ id: "m", groups: [{ id: "fit" }], rules: [] });
    const first = compilePointsModel(model);
    const second = compilePointsModel(model);
    expect(first).not.toBe(second);
    expect(first.score).not.toBe(second.score);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.definition.groups)).toBe(true);
    expect(Object.isFrozen(model)).toBe(false);
    expect(first.definition).toEqual(model);
    expect(first.id).toBe("m");
    const lead = makeLead();
    expect(scoreLead({ ...first }, lead, NOW)).toStrictEqual(first.score(lead, NOW));
  });

  it("falls back to the closure scorer where the runtime forbids new Function", async () => {
    vi.resetModules();
    // zod decided long ago that it may generate code; under a real policy it would find out that it
    // may not, as leadkit does below.
    z.config({ jitless: true });
    vi.stubGlobal(
      "Function",
      new Proxy(Function, {
        construct() {
          throw new EvalError("Refused to evaluate a string as JavaScript (Content-Security-Policy)");
        },
      }),
    );
    const fresh = await import("../../src/scoring/index.js");
    const lead = makeLead({ interactions: [interaction("email_click", 3), interaction("email_open", 40)] });
    const generation = await import("../../src/scoring/points/generate-score-function.js");
    expect(generation.allowsCodeGeneration()).toBe(false);
    const scorer = fresh.compilePointsModel(DEFAULT_POINTS_MODEL);
    expect(scorer.score(lead, NOW)).toStrictEqual(
      fresh.compilePointsModel(DEFAULT_POINTS_MODEL, closures).score(lead, NOW),
    );
    expect(scorer.score(lead, NOW)).toStrictEqual(
      scoreLead(compilePointsModel(DEFAULT_POINTS_MODEL), lead, NOW),
    );
  });

  it("falls back to the closure scorer where a policy lets the probe through but refuses the model's code", async () => {
    vi.resetModules();
    z.config({ jitless: true });
    // A Trusted Types default policy, say, that allows an empty script and nothing else.
    vi.stubGlobal(
      "Function",
      new Proxy(Function, {
        construct(target, args: string[]) {
          if (args.at(-1) !== "") throw new TypeError("This document requires 'TrustedScript' assignment");
          return Reflect.construct(target, args);
        },
      }),
    );
    const fresh = await import("../../src/scoring/index.js");
    const lead = makeLead({ interactions: [interaction("email_click", 3), interaction("email_open", 40)] });
    const scorer = fresh.compilePointsModel(DEFAULT_POINTS_MODEL);
    expect(scorer.score(lead, NOW)).toStrictEqual(
      scoreLead(compilePointsModel(DEFAULT_POINTS_MODEL), lead, NOW),
    );
  });
});
