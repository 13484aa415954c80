import {
  buildPredictiveModel,
  explainPrediction,
  fitPredictiveStats,
  predictProbability,
  updatePredictiveStats,
} from "leadkit/scoring";
import { describe, expect, it } from "vitest";
import {
  multiTeamLeads,
  type OdooRow,
  odooSetup,
  taggedLeads,
  tooltipHistory,
  tooltipLead,
} from "./odoo-fixtures.js";

const fitModel = (rows: readonly OdooRow[]) =>
  buildPredictiveModel(odooSetup, fitPredictiveStats(odooSetup, rows).stats);
const named = (rows: readonly OdooRow[], name: string): OdooRow => {
  const found = rows.find((r) => r.name === name);
  if (found === undefined) throw new Error(`no row ${name}`);
  return found;
};

describe("Odoo's worked check (test_pls_tooltip_data)", () => {
  it("scores X at 74.30 with positive factors state, phone state, stage and negative source, country", () => {
    const model = fitModel(tooltipHistory);
    const explained = explainPrediction(model, tooltipLead);
    expect(explained.ok).toBe(true);
    if (!explained.ok) return;
    expect(explained.value.probability).toBe(74.3);
    expect(explained.value.positive.map((f) => f.field)).toEqual(["state", "phoneState", "stage"]);
    expect(explained.value.negative.map((f) => f.field)).toEqual(["source", "country"]);
    const score = (field: string) =>
      explained.value.factors.find((f) => f.field === field)?.score ?? Number.NaN;
    expect(score("source")).toBeCloseTo(0.1 / 1.2 / (0.1 / 1.2 + 2.1 / 2.2), 10);
    expect(score("emailState")).toBeCloseTo(0.5, 10);
    expect(score("stage")).toBeCloseTo(1 - 1.1 / 3.1, 10);
  });

  it("keeps the frequency counts Odoo's docstring lists", () => {
    const { stats } = fitPredictiveStats(odooSetup, tooltipHistory);
    const cell = (field: string, value: string) =>
      stats.cells.find((c) => c.field === field && c.value === value);
    expect(cell("stage", "New")).toMatchObject({ won: 2, lost: 3 });
    expect(cell("stage", "Qualified")).toMatchObject({ won: 2, lost: 1 });
    expect(cell("stage", "Won")).toMatchObject({ won: 2, lost: 0 });
    expect(cell("source", "src0")).toMatchObject({ won: 0, lost: 2 });
    expect(cell("country", "c0")).toMatchObject({ won: 1, lost: 1 });
  });
});

describe("Odoo's multi-team check (test_predictive_lead_scoring, part A)", () => {
  it("scores open leads per team: 33.49 and 7.74, and 35.09 in a third team", () => {
    const leads = multiTeamLeads("T3");
    const model = fitModel(leads);
    const score = (name: string) => predictProbability(model, named(leads, name));
    expect(score("3")).toEqual({ ok: true, value: 33.49 });
    expect(score("8")).toEqual({ ok: true, value: 7.74 });
    expect(score("13")).toEqual({ ok: true, value: 35.09 });
  });

  it("scores a lead without a team from the sum of all teams: 35.19", () => {
    const leads = multiTeamLeads(undefined);
    const model = fitModel(leads);
    expect(predictProbability(model, named(leads, "13"))).toEqual({
      ok: true,
      value: 35.19,
    });
  });

  it("moves a lost lead's cells by one and back when it is reopened (Odoo's live increment)", () => {
    const leads = multiTeamLeads("T3");
    const before = fitPredictiveStats(odooSetup, leads).stats;
    const lead4: OdooRow = { ...named(leads, "4"), outcome: "lost" };
    const lost = updatePredictiveStats(odooSetup, before, { type: "lost", record: lead4 });
    expect(lost.ok).toBe(true);
    if (!lost.ok) return;
    const cell = (stats: typeof before, field: string, value: string) =>
      stats.cells.find((c) => c.team === "T1" && c.field === field && c.value === value);
    expect(cell(lost.value, "stage", "New")).toMatchObject({ won: 1, lost: 3 });
    expect(cell(lost.value, "stage", "Won")).toMatchObject({ won: 1, lost: 0 });
    expect(cell(lost.value, "country", "c1")).toMatchObject({ won: 0, lost: 2 });
    const reopened = updatePredictiveStats(odooSetup, lost.value, {
      type: "reopened",
      from: "lost",
      record: lead4,
    });
    expect(reopened).toEqual({ ok: true, value: before });
  });
});

describe("Odoo's tag check (test_predictive_lead_scoring, tags)", () => {
  it("scores tag 1 at 33.69, tag 2 at 23.51, both at 28.05, and no tag at 28.6", () => {
    const leads = taggedLeads();
    const model = fitModel(leads);
    const score = (name: string, tags?: readonly string[]) =>
      predictProbability(model, tags === undefined ? named(leads, name) : { ...named(leads, name), tags });
    expect(score("30")).toEqual({ ok: true, value: 33.69 });
    expect(score("90")).toEqual({ ok: true, value: 23.51 });
    expect(score("135")).toEqual({ ok: true, value: 28.05 });
    expect(score("30", [])).toEqual({ ok: true, value: 28.6 });
  });

  it("ignores a tag seen fewer than 50 times in total", () => {
    const leads = [...taggedLeads(), ...tooltipHistory.map((r) => ({ ...r, team: "blup", tags: ["rare"] }))];
    const model = fitModel(leads);
    expect(model.teams.get("blup")?.fields.get("tags")?.values.has("rare")).toBe(false);
    expect(model.teams.get("blup")?.fields.get("tags")?.values.has("t1")).toBe(true);
    const lead = named(leads, "30");
    expect(predictProbability(model, { ...lead, tags: ["t1", "rare"] })).toEqual(
      predictProbability(model, lead),
    );
  });
});

describe("won and lost records", () => {
  it("scores a won record 100 and a lost one 0", () => {
    const model = fitModel(tooltipHistory);
    expect(predictProbability(model, named(tooltipHistory, "A"))).toEqual({
      ok: true,
      value: 100,
    });
    expect(predictProbability(model, named(tooltipHistory, "C"))).toEqual({
      ok: true,
      value: 0,
    });
    expect(predictProbability(model, { ...tooltipLead, stage: "Won" })).toEqual({ ok: true, value: 100 });
  });
});
