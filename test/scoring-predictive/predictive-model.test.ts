import { isLeadKitError, type Lead } from "leadkit";
import {
  buildPredictiveModel,
  createPredictiveScorer,
  createPredictiveSetup,
  explainPrediction,
  fitPredictiveStats,
  LEAD_PREDICTIVE_CONFIG,
  leadPipelineStage,
  leadPredictiveAdapter,
  leadPredictiveSetup,
  mergePredictiveStats,
  parsePredictiveStats,
  predictiveConfigJsonSchema,
  predictProbability,
  safeCreatePredictiveSetup,
  safeParsePredictiveStats,
  updatePredictiveStats,
} from "leadkit/scoring";
import { generateLeads } from "leadkit/testing";
import { describe, expect, it } from "vitest";
import {
  type OdooRow,
  odooAdapter,
  odooConfig,
  odooSetup,
  tooltipHistory,
  tooltipLead,
} from "./odoo-fixtures.js";

const leads = generateLeads({ seed: 7, count: 600 });
const setup = leadPredictiveSetup();
const at = (iso: string) => new Date(iso);

describe("safeCreatePredictiveSetup", () => {
  it("reports a field the adapter cannot read, with its path", () => {
    const r = safeCreatePredictiveSetup(
      { ...odooConfig, fields: [{ name: "country" }, { name: "shoeSize" }] },
      odooAdapter,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toEqual([
      expect.objectContaining({ code: "unknown_field", path: ["fields", 1, "name"] }),
    ]);
    expect(r.issues[0]?.message).toContain("shoeSize");
  });

  it("reports unknown keys, a won stage that is not a stage, duplicates and the reserved stage field", () => {
    const r = safeCreatePredictiveSetup(
      {
        stages: [{ id: "a" }, { id: "a" }],
        wonStage: "z",
        fields: [{ name: "stage" }, { name: "country" }, { name: "country" }],
        extra: true,
      },
      odooAdapter,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const paths = r.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["fields.0.name"]));
    expect(r.issues.some((i) => i.code === "unrecognized_keys")).toBe(true);
  });

  it("checks the cross-field rules once the shape is right", () => {
    const r = safeCreatePredictiveSetup(
      {
        stages: [{ id: "a", teams: ["t"] }, { id: "a" }],
        wonStage: "z",
        fields: [{ name: "country" }, { name: "country" }],
      },
      odooAdapter,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.path.join("."))).toEqual(
      expect.arrayContaining(["stages.1.id", "wonStage", "fields.1.name"]),
    );
    const noPrior = safeCreatePredictiveSetup(
      { stages: [{ id: "a", teams: ["t"] }], wonStage: "a", fields: [] },
      odooAdapter,
    );
    expect(noPrior.ok ? [] : noPrior.issues.map((i) => i.path.join("."))).toEqual(["stages"]);
  });

  it("throws LeadKitError invalid_definition from the throwing twin", () => {
    try {
      createPredictiveSetup({ ...odooConfig, fields: [{ name: "nope" }] }, odooAdapter);
      expect.unreachable();
    } catch (error) {
      expect(isLeadKitError(error) && error.code).toBe("invalid_definition");
    }
  });

  it("exports a JSON Schema of the configuration", () => {
    const schema = predictiveConfigJsonSchema();
    expect(schema["type"]).toBe("object");
    expect(JSON.stringify(schema)).toContain("wonStage");
  });

  it("builds the lead setup with other fields", () => {
    expect(leadPredictiveSetup([{ name: "captureChannel" }]).config.fields.map((f) => f.name)).toEqual([
      "captureChannel",
    ]);
    expect(setup.config).toEqual(LEAD_PREDICTIVE_CONFIG);
  });
});

describe("leadPredictiveAdapter", () => {
  const base = leads[0] as Lead;
  it("reads validity as correct, incorrect or empty", () => {
    const email = leadPredictiveAdapter.fields["emailState"];
    const phone = leadPredictiveAdapter.fields["phoneState"];
    const withContact = (c: Partial<Lead["contact"]>): Lead => ({
      ...base,
      contact: { ...base.contact, ...c },
    });
    expect(email?.(withContact({ email: "ana@acme.es" }))).toBe("correct");
    expect(email?.(withContact({ email: "not mail" }))).toBe("incorrect");
    expect(email?.({ ...base, contact: { ...base.contact, email: " " } })).toBeNull();
    expect(phone?.(withContact({ phone: "+34 911 23 45 67" }))).toBe("correct");
    expect(phone?.(withContact({ phone: "12" }))).toBe("incorrect");
  });

  it("maps customer to won, lost and disqualified to lost, the rest to open", () => {
    expect(leadPredictiveAdapter.outcome({ ...base, stage: "customer" })).toBe("won");
    expect(leadPredictiveAdapter.outcome({ ...base, stage: "lost" })).toBe("lost");
    expect(leadPredictiveAdapter.outcome({ ...base, stage: "disqualified" })).toBe("lost");
    expect(leadPredictiveAdapter.outcome({ ...base, stage: "nurturing" })).toBe("open");
  });

  it("finds the funnel stage a lead left, by time", () => {
    const history = [
      { from: "lead", to: "prospect", event: "qualify", at: at("2026-01-02T00:00:00Z"), actor: "u" },
      { from: "prospect", to: "nurturing", event: "nurture", at: at("2026-01-03T00:00:00Z"), actor: "u" },
      { from: "contact", to: "lead", event: "show_interest", at: at("2026-01-01T00:00:00Z"), actor: "u" },
      { from: "nurturing", to: "lost", event: "lose", at: at("2026-01-04T00:00:00Z"), actor: "u" },
    ] as const;
    expect(leadPipelineStage({ stage: "lost", history })).toBe("prospect");
    expect(leadPipelineStage({ stage: "prospect", history: [] })).toBe("prospect");
    expect(leadPipelineStage({ stage: "lost", history: [] })).toBeUndefined();
  });
});

describe("fitPredictiveStats", () => {
  it("counts only closed records and reports progress", () => {
    const reports: number[] = [];
    const fit = fitPredictiveStats(setup, leads, {
      onProgress: (p) => reports.push(p.seen),
      progressEvery: 250,
    });
    expect(fit.seen).toBe(600);
    expect(fit.won + fit.lost + fit.open + fit.skipped).toBe(600);
    expect(fit.won).toBe(leads.filter((l) => l.stage === "customer").length);
    expect(reports).toEqual([250, 500, 600]);
    const first = fit.stats.cells.find(
      (c) => c.team === "team-iberia" && c.field === "stage" && c.value === "contact",
    );
    const iberia = leads.filter(
      (l) => l.team === "team-iberia" && leadPredictiveAdapter.outcome(l) !== "open",
    );
    expect(first && first.won + first.lost).toBe(iberia.length);
  });

  it("gives the same fit from an async iterable", async () => {
    async function* stream() {
      for (const lead of leads) yield lead;
    }
    const fit = await fitPredictiveStats(setup, stream());
    expect(fit).toEqual(fitPredictiveStats(setup, leads));
  });

  it("skips a lost record without a stage and says where it was", () => {
    const lost = { ...(leads[0] as Lead), stage: "lost" as const, history: [] };
    const fit = fitPredictiveStats(setup, [leads[0] as Lead, lost, lost], { maxIssues: 1 });
    expect(fit.skipped).toBe(2);
    expect(fit.issues).toEqual([expect.objectContaining({ code: "missing_stage", path: [1, "stage"] })]);
  });

  it("reports an unknown stage and a list given to a single field", () => {
    const rows: OdooRow[] = [
      { ...tooltipLead, outcome: "lost", stage: "Limbo" },
      { ...tooltipLead, outcome: "lost", country: ["a", "b"] as unknown as string },
    ];
    const fit = fitPredictiveStats(odooSetup, rows);
    expect(fit.issues.map((i) => [i.code, i.path])).toEqual([
      ["unknown_stage", [0, "stage"]],
      ["unexpected_list", [1, "country"]],
    ]);
  });

  it("does not change its input", () => {
    const copy = structuredClone(leads.slice(0, 50));
    fitPredictiveStats(setup, copy);
    expect(copy).toEqual(leads.slice(0, 50));
  });
});

describe("predictive statistics", () => {
  const stats = fitPredictiveStats(odooSetup, tooltipHistory).stats;

  it("round-trips through JSON", () => {
    expect(parsePredictiveStats(JSON.parse(JSON.stringify(stats)))).toEqual(stats);
  });

  it("rejects NaN, infinite, negative counts, empty cells and duplicate cells, with paths", () => {
    const cell = { team: null, field: "stage", value: "New", won: 1, lost: 1 };
    const r = safeParsePredictiveStats({
      cells: [
        cell,
        { ...cell, value: "a", won: Number.NaN },
        { ...cell, value: "b", lost: -1 },
        { ...cell, value: "c", won: Number.POSITIVE_INFINITY },
        { ...cell, value: "d", won: 0, lost: 0 },
      ],
    });
    expect(r.ok ? [] : r.issues.map((i) => i.path.join("."))).toEqual([
      "cells.1.won",
      "cells.2.lost",
      "cells.3.won",
      "cells.4",
    ]);
    const dup = safeParsePredictiveStats({ cells: [cell, cell] });
    expect(dup.ok ? [] : dup.issues.map((i) => i.path.join("."))).toEqual(["cells.1"]);
    expect(() => parsePredictiveStats({ cells: "no" })).toThrow(/Invalid predictive statistics/);
  });

  it("accepts fractional counts, as Odoo stores floats, and scores with them", () => {
    const fractional = safeParsePredictiveStats({
      cells: [
        { team: null, field: "stage", value: "New", won: 2.5, lost: 3.25 },
        { team: null, field: "country", value: "c0", won: 0.1, lost: 1.9 },
      ],
    });
    expect(fractional.ok && fractional.value.cells.map((c) => [c.won, c.lost])).toEqual([
      [0.1, 1.9],
      [2.5, 3.25],
    ]);
  });

  it("merges imported cells that only one side has, even when empty", () => {
    const empty = { cells: [{ team: "x", field: "country", value: "c9", won: 0, lost: 0 }] };
    const merged = mergePredictiveStats(stats, empty);
    expect(merged.cells).toContainEqual(empty.cells[0]);
    expect(mergePredictiveStats(merged, merged).cells.find((c) => c.value === "c9")).toEqual(empty.cells[0]);
  });
});

describe("predictProbability issues", () => {
  const model = buildPredictiveModel(odooSetup, fitPredictiveStats(odooSetup, tooltipHistory).stats);

  it("says when the prior cannot be computed instead of returning a number", () => {
    const empty = buildPredictiveModel(odooSetup, { cells: [] });
    const r = predictProbability(empty, tooltipLead);
    expect(r.ok ? null : r.issues[0]?.code).toBe("prior_unavailable");
    const teamOnly = buildPredictiveModel(odooSetup, {
      cells: [{ team: "Team Tooltip", field: "country", value: "c0", won: 1, lost: 1 }],
    });
    const t = predictProbability(teamOnly, tooltipLead);
    expect(t.ok ? null : t.issues[0]?.message).toContain('team "Team Tooltip"');
  });

  it("reports a missing or unknown stage and a list for a single field", () => {
    const codes = [
      predictProbability(model, { ...tooltipLead, stage: "" }),
      predictProbability(model, { ...tooltipLead, stage: "Limbo" }),
      predictProbability(model, { ...tooltipLead, source: ["a"] as unknown as string }),
      explainPrediction(model, { ...tooltipLead, stage: "Limbo" }),
    ].map((r) => (r.ok ? null : r.issues[0]?.code));
    expect(codes).toEqual(["missing_stage", "unknown_stage", "unexpected_list", "unknown_stage"]);
  });

  it("says when the product underflows", () => {
    const many = createPredictiveSetup(
      {
        ...odooConfig,
        fields: Array.from({ length: 400 }, (_, i) => ({ name: `f${i}`, countEmpty: true })),
      },
      {
        ...odooAdapter,
        fields: Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`f${i}`, () => null])),
      },
    );
    // every field's empty value is rare next to "x": 400 tiny likelihoods multiply to zero
    const model400 = buildPredictiveModel(many, {
      cells: [
        { team: null, field: "stage", value: "New", won: 50, lost: 50 },
        ...Array.from({ length: 400 }, (_, i) => ({
          team: null,
          field: `f${i}`,
          value: "",
          won: 0,
          lost: 0,
        })),
        ...Array.from({ length: 400 }, (_, i) => ({
          team: null,
          field: `f${i}`,
          value: "x",
          won: 1e6,
          lost: 1e6,
        })),
      ],
    });
    const r = predictProbability(model400, { ...tooltipLead, stage: "New" });
    expect(r.ok ? null : r.issues[0]?.code).toBe("score_underflow");
  });

  it("scores closed history as open at the first stage with createPredictiveScorer", () => {
    const score = createPredictiveScorer(model);
    const won = tooltipHistory[0] as OdooRow;
    const asOpen = predictProbability(model, { ...won, outcome: "open", stage: "New" });
    expect(asOpen.ok && score(won)).toBe(asOpen.ok && asOpen.value);
    expect(score(won)).not.toBe(100);
    expect(createPredictiveScorer(model, { asOpenAt: null })(won)).toBe(100);
    expect(createPredictiveScorer(buildPredictiveModel(odooSetup, { cells: [] }))(won)).toBeNull();
  });
});

describe("updatePredictiveStats", () => {
  it("adds a won record to every stage and a lost one up to its stage", () => {
    const before = fitPredictiveStats(odooSetup, tooltipHistory).stats;
    const won = updatePredictiveStats(odooSetup, before, { type: "won", record: tooltipLead });
    const lost = updatePredictiveStats(odooSetup, before, { type: "lost", record: tooltipLead });
    const cell = (r: typeof won, value: string) =>
      r.ok ? r.value.cells.find((c) => c.field === "stage" && c.value === value) : undefined;
    expect(cell(won, "Won")).toMatchObject({ won: 3, lost: 0 });
    expect(cell(lost, "Qualified")).toMatchObject({ won: 2, lost: 2 });
    expect(cell(lost, "Proposition")).toMatchObject({ won: 2, lost: 1 });
    expect(
      fitPredictiveStats(odooSetup, [...tooltipHistory, { ...tooltipLead, outcome: "lost" }]).stats,
    ).toEqual(lost.ok ? lost.value : null);
  });

  it("never takes a count below zero and rejects a record it cannot read", () => {
    const r = updatePredictiveStats(
      odooSetup,
      { cells: [] },
      { type: "reopened", from: "won", record: tooltipLead },
    );
    expect(r).toEqual({ ok: true, value: { cells: [] } });
    const bad = updatePredictiveStats(
      odooSetup,
      { cells: [] },
      { type: "lost", record: { ...tooltipLead, stage: "" } },
    );
    expect(bad.ok ? null : bad.issues[0]?.path).toEqual(["record", "stage"]);
  });
});

describe("fitPredictiveStats on a custom adapter's text", () => {
  interface Row {
    readonly team: string;
    readonly stage: string;
    readonly status: "won" | "lost" | "open";
    readonly country: string;
  }
  const setup = createPredictiveSetup<Row>(
    { stages: [{ id: "new" }, { id: "won" }], wonStage: "won", fields: [{ name: "country" }] },
    {
      team: (r) => r.team,
      stage: (r) => r.stage,
      outcome: (r) => r.status,
      fields: { country: (r) => r.country },
    },
  );

  it("skips a record whose team or value holds U+0000, so two cells are never counted as one", () => {
    const fit = fitPredictiveStats(setup, [
      { team: "t\u0000country", stage: "won", status: "won", country: "v" },
      { team: "t", stage: "new", status: "lost", country: "country\u0000v" },
      { team: "t", stage: "new", status: "lost", country: "es" },
    ] satisfies Row[]);
    expect(fit.issues.map((i) => [i.code, i.path])).toEqual([
      ["unstorable_text", [0, "team"]],
      ["unstorable_text", [1, "country"]],
    ]);
    expect(fit.skipped).toBe(2);
    expect(() => parsePredictiveStats(JSON.parse(JSON.stringify(fit.stats)))).not.toThrow();
  });

  it("throws invalid_input, never a TypeError, when the records are not a collection", () => {
    for (const records of [null, undefined, "abc", 5])
      expect(() => fitPredictiveStats(setup, records as never)).toThrow(
        expect.objectContaining({ code: "invalid_input" }),
      );
  });
});
