import { generateLeadStream, generateLeads } from "leadkit/testing";
import { describe, expect, it } from "vitest";
import { isLeadKitError } from "../../src/internal/index.js";
import type { Lead } from "../../src/model/index.js";
import { describeControlValueSignal } from "../../src/scoring/control-value/control-value-signals.js";
import {
  CONTROL_VALUE_MIN_HISTORY,
  type ControlValueSignalSpec,
  closedLeadOutcome,
  collectControlValueStats,
  compilePointsModel,
  controlValueSignalKey,
  createControlValueAccumulator,
  explainScore,
  fitControlValueModel,
  mergeControlValueStats,
  parsePointsModel,
  safeParseControlValueStats,
  scoreLead,
} from "../../src/scoring/index.js";
import { contactWith, makeLead } from "../support/make-lead.js";
import { deepFreeze, interaction, NOW, pageView } from "./fixtures.js";

/** The worked example of docs/concepts.md § the control value: 10 leads, 3 converted (control 30 %); email clickers convert at 36 %… scaled up. */
function history(): Lead[] {
  const leads: Lead[] = [];
  const add = (n: number, won: boolean, source: string, click: boolean) => {
    for (let i = 0; i < n; i++)
      leads.push(
        makeLead(
          {
            stage: won ? "customer" : "lost",
            source,
            tags: won ? ["vip"] : [],
            interactions: click
              ? [
                  interaction("email_click", 10, "c1"),
                  interaction("email_click", 12, "c2"),
                  pageView("pricing", 3),
                ]
              : [],
          },
          contactWith({ email: i % 4 === 0 ? "p@gmail.com" : "w@acme.es", attributes: { visits: i % 10 } }),
        ),
      );
  };
  add(360, true, "webinar", true); // clickers: 360 of 1000 converted = 36 %
  add(640, false, "webinar", true);
  add(240, true, "ads", false); // non-clickers: 240 of 1000 = 24 %
  add(760, false, "ads", false);
  return leads;
}

const spec: ControlValueSignalSpec = {
  fields: [{ field: "source" }, { field: "contact.attributes.visits", bins: [3, 6] }],
  interactions: { pageKinds: true },
  tags: true,
  flags: ["personal_email"],
};

describe("collectControlValueStats", () => {
  it("counts closed leads, conversions and, per signal, leads and conversions once per lead", () => {
    const stats = collectControlValueStats(history(), spec);
    expect(stats.leads).toBe(2000);
    expect(stats.conversions).toBe(600);
    expect(stats.signals["interaction:email_click"]).toMatchObject({ leads: 1000, conversions: 360 });
    expect(stats.signals["interaction:page_view/pricing"]).toMatchObject({ leads: 1000, conversions: 360 });
    expect(stats.signals['field:source="ads"']).toMatchObject({ leads: 1000, conversions: 240 });
    expect(stats.signals["range:contact.attributes.visits=[-inf,3)"]?.leads).toBe(600);
    expect(stats.signals["range:contact.attributes.visits=[6,inf)"]?.leads).toBe(800);
    expect(stats.signals["tag:vip"]).toMatchObject({ leads: 600, conversions: 600 });
    expect(stats.signals["flag:personal_email"]?.leads).toBe(500);
  });

  it("skips open leads and leads outside the period, reports progress, and accepts a custom outcome", () => {
    const open = makeLead({ stage: "prospect" });
    const old = makeLead({ stage: "customer", createdAt: "2025-01-01T00:00:00Z" });
    const seen: number[] = [];
    const stats = collectControlValueStats(
      [open, old, makeLead({ stage: "lost" })],
      {},
      {
        period: { from: new Date("2026-01-01"), to: NOW },
        onProgress: (n) => seen.push(n),
        progressEvery: 2,
      },
    );
    expect(stats).toEqual({ leads: 1, conversions: 0, signals: {} });
    expect(seen).toEqual([2]);
    const all = collectControlValueStats([open], {}, { outcome: () => "won" });
    expect(all.conversions).toBe(1);
  });

  it("reads an async iterable in one pass and equals the sync result", async () => {
    const leads = history();
    async function* stream() {
      yield* leads;
    }
    expect(await collectControlValueStats(stream(), spec)).toEqual(collectControlValueStats(leads, spec));
  });

  it("exposes a running accumulator", () => {
    const acc = createControlValueAccumulator({ interactions: { types: ["email_click"] } });
    for (const lead of history().slice(0, 10)) acc.add(lead);
    expect(acc.read()).toBe(10);
    expect(Object.keys(acc.stats().signals)).toEqual(["interaction:email_click"]);
  });

  it("merging two partitions equals collecting the whole", () => {
    const leads = history();
    const a = collectControlValueStats(leads.slice(0, 700), spec);
    const b = collectControlValueStats(leads.slice(700), spec);
    expect(mergeControlValueStats(a, b)).toEqual(collectControlValueStats(leads, spec));
  });

  it("throws invalid_definition for a bad spec", () => {
    try {
      collectControlValueStats([], { fields: [{ field: "source", bins: [3, 1] }] });
      expect.unreachable();
    } catch (error) {
      expect(isLeadKitError(error) && error.code).toBe("invalid_definition");
    }
  });

  it("does not mutate the leads", () => {
    const leads = deepFreeze(history().slice(0, 20));
    expect(() => collectControlValueStats(leads, spec)).not.toThrow();
  });
});

describe("fitControlValueModel", () => {
  const stats = collectControlValueStats(history(), spec);

  it("awards a signal above the control its rate in percent (36 % vs 30 % → 36 points), none below", () => {
    const fit = fitControlValueModel(stats);
    expect(fit.ok).toBe(true);
    if (!fit.ok) return;
    expect(fit.value.controlRate).toBe(0.3);
    expect(fit.value.trusted).toBe(true);
    const click = fit.value.model.rules.find((r) => r.id === "interaction:email_click");
    expect(click?.points).toBe(36);
    expect(click?.group).toBe("engagement");
    expect(click?.provenance).toEqual({
      method: "control_value",
      signal: "interaction:email_click",
      support: 1000,
      conversions: 360,
      rate: 0.36,
      controlRate: 0.3,
      lift: 1.2,
    });
    expect(fit.value.model.rules.some((r) => r.id === 'field:source="ads"')).toBe(false);
    expect(fit.value.signals.find((s) => s.key === 'field:source="ads"')).toMatchObject({
      status: "below_control",
      points: null,
    });
    expect(fit.value.signals[0]?.key).toBe("tag:vip");
  });

  it("produces an ordinary points model whose rules fire exactly on their signals", () => {
    const fit = fitControlValueModel(stats);
    if (!fit.ok) throw new Error("fit failed");
    const model = parsePointsModel(JSON.parse(JSON.stringify(fit.value.model)));
    const clicker = makeLead({ source: "webinar", interactions: [interaction("email_click", 1)] });
    const e = explainScore(compilePointsModel(model), clicker, NOW);
    expect(e.rules.map((r) => r.ruleId).sort()).toEqual([
      'field:source="webinar"',
      "interaction:email_click",
    ]);
    expect(e.rules.find((r) => r.ruleId === "interaction:email_click")?.provenance?.rate).toBe(0.36);
    expect(e.value).toBe(72);
  });

  it("awards negative points in proportion below the control when asked, and excess points above", () => {
    const fit = fitControlValueModel(stats, { belowControl: "negative", aboveControl: "excess" });
    if (!fit.ok) throw new Error("fit failed");
    const points = (id: string) => fit.value.model.rules.find((r) => r.id === id)?.points;
    expect(points('field:source="ads"')).toBe(-6);
    expect(points("interaction:email_click")).toBe(6);
  });

  it("rescales to 0–100 without clamping when asked, keeping the order of leads", () => {
    const fit = fitControlValueModel(stats, {
      belowControl: "negative",
      aboveControl: "excess",
      scale: "fit_range",
    });
    if (!fit.ok) throw new Error("fit failed");
    const base = fit.value.model.rules.find((r) => r.id === "control-value-base");
    expect(base?.points).toBeGreaterThan(0);
    const leads = history();
    const scores = leads.map((l) => scoreLead(compilePointsModel(fit.value.model), l, NOW).value);
    expect(Math.min(...scores)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...scores)).toBeLessThanOrEqual(100);
    const won = scores.filter((_, i) => leads[i]?.stage === "customer");
    const lost = scores.filter((_, i) => leads[i]?.stage !== "customer");
    expect(Math.min(...won)).toBeGreaterThan(Math.max(...lost));
  });

  it("leaves out signals below the minimum support", () => {
    const fit = fitControlValueModel(stats, { minSupport: 1001 });
    if (!fit.ok) throw new Error("fit failed");
    expect(fit.value.model.rules).toEqual([]);
    expect(fit.value.signals.every((s) => s.status === "insufficient_support" || s.leads > 1000)).toBe(true);
  });

  it("says so when the history is too small, instead of silently producing a model", () => {
    const small = collectControlValueStats(history().slice(0, 400).concat(history().slice(1500, 1700)), spec);
    const fit = fitControlValueModel(small);
    expect(fit.ok).toBe(false);
    if (fit.ok) return;
    expect(fit.issues.map((i) => i.code)).toEqual(["insufficient_history"]);
    expect(fit.issues[0]?.message).toContain("1,000");
    const untrusted = fitControlValueModel(small, { allowUntrusted: true });
    expect(untrusted.ok && untrusted.value.trusted).toBe(false);
    expect(untrusted.ok && untrusted.value.model.provenance?.trusted).toBe(false);
    expect(CONTROL_VALUE_MIN_HISTORY).toEqual({ leads: 1000, conversions: 120, supportPerSignal: 30 });
  });

  it("flags too few conversions and a history without contrast", () => {
    const few = fitControlValueModel({ leads: 5000, conversions: 50, signals: {} });
    expect(!few.ok && few.issues[0]?.path).toEqual(["conversions"]);
    const none = fitControlValueModel({ leads: 5000, conversions: 0, signals: {} }, { allowUntrusted: true });
    expect(!none.ok && none.issues[0]?.code).toBe("no_contrast");
  });

  it("puts rules in the groups asked for", () => {
    const fit = fitControlValueModel(stats, {
      id: "q1",
      name: "Q1",
      attributeGroup: "all",
      interactionGroup: "all",
    });
    if (!fit.ok) throw new Error("fit failed");
    expect(fit.value.model.groups).toEqual([{ id: "all" }]);
    expect(fit.value.model.name).toBe("Q1");
  });

  it("finds the generator's real drivers in generated history", () => {
    const leads = generateLeads({ seed: 11, count: 6000 }).filter((l) => closedLeadOutcome(l) !== null);
    const s = collectControlValueStats(leads, {
      fields: [{ field: "source" }, { field: "contact.companySize" }],
    });
    const fit = fitControlValueModel(s, { minLeads: 500, minConversions: 50 });
    expect(fit.ok).toBe(true);
    if (fit.ok) expect(fit.value.model.rules.length).toBeGreaterThan(0);
    const streamed = collectControlValueStats(generateLeadStream({ seed: 11, count: 6000 }), {
      fields: [{ field: "source" }, { field: "contact.companySize" }],
    });
    expect(streamed).toEqual(s);
  });
});

describe("signals and imported statistics", () => {
  it("keys and describes each kind of signal", () => {
    expect(controlValueSignalKey({ kind: "field", field: "source", value: null })).toBe("field:source=null");
    expect(
      describeControlValueSignal({ kind: "field", field: "contact.attributes.Lead Source", value: null }),
    ).toBe("Lead Source missing");
    expect(describeControlValueSignal({ kind: "field", field: "source", value: "ads" })).toBe(
      'source = "ads"',
    );
    expect(
      describeControlValueSignal({ kind: "field_range", field: "contact.attributes.visits", min: 1, max: 3 }),
    ).toBe("1 ≤ visits < 3");
    expect(describeControlValueSignal({ kind: "tag", tag: "vip" })).toBe('tag "vip"');
    expect(describeControlValueSignal({ kind: "interaction", type: "page_view", pageKind: "pricing" })).toBe(
      "page_view (pricing)",
    );
    expect(describeControlValueSignal({ kind: "interaction", type: "email_click" })).toBe("email_click");
    expect(describeControlValueSignal({ kind: "flag", flag: "personal_email" })).toBe("personal email");
  });

  it("validates imported statistics: NaN, negative counts, conversions above leads, mismatched keys", () => {
    const good = collectControlValueStats(history().slice(0, 50), spec);
    expect(safeParseControlValueStats(JSON.parse(JSON.stringify(good))).ok).toBe(true);
    const malformed = safeParseControlValueStats({
      leads: 10,
      conversions: 1,
      signals: { "tag:x": { signal: { kind: "tag", tag: "x" }, leads: Number.NaN, conversions: -1 } },
    });
    expect(malformed.ok ? [] : malformed.issues.map((i) => i.path.join("."))).toEqual([
      "signals.tag:x.leads",
      "signals.tag:x.conversions",
    ]);
    const inconsistent = safeParseControlValueStats({
      leads: 10,
      conversions: 11,
      signals: {
        "tag:x": { signal: { kind: "tag", tag: "y" }, leads: 1, conversions: 0 },
        "tag:z": { signal: { kind: "tag", tag: "z" }, leads: 20, conversions: 21 },
      },
    });
    expect(inconsistent.ok ? [] : inconsistent.issues.map((i) => i.path.join("."))).toEqual([
      "conversions",
      "signals.tag:x",
      "signals.tag:z.conversions",
      "signals.tag:z.leads",
    ]);
  });
});
