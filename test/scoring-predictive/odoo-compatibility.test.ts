import {
  buildPredictiveModel,
  createPredictiveSetup,
  explainPrediction,
  fitPredictiveStats,
  parsePredictiveStats,
  predictProbability,
  removePredictiveTeam,
  safeParsePredictiveStats,
  updatePredictiveStats,
} from "leadkit/scoring";
import { describe, expect, it } from "vitest";
import {
  multiTeamLeads,
  type OdooRow,
  odooAdapter,
  odooConfig,
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

describe("Odoo's tooltip filter (test_pls_tooltip_data, second half)", () => {
  // Only the email and phone states count; stage always shows (0.645).
  const stateSetup = createPredictiveSetup(
    {
      ...odooConfig,
      fields: odooConfig.fields.filter((f) => f.name === "emailState" || f.name === "phoneState"),
    },
    odooAdapter,
  );
  // Overrides may set a state to undefined (Odoo's False): plain objects, spread over the rows.
  const history = (won: object, lost: object, lead: object) => {
    const rows = tooltipHistory.map((r) => ({ ...r, ...(r.outcome === "won" ? won : lost) }) as OdooRow);
    const model = buildPredictiveModel(stateSetup, fitPredictiveStats(stateSetup, rows).stats);
    return { model, lead: { ...tooltipLead, ...lead } as OdooRow };
  };
  const unset = { emailState: undefined, phoneState: undefined };

  it("drops an empty or incorrect state that scores above 0.5", () => {
    const { model, lead } = history(
      { ...unset, emailState: "incorrect" },
      { emailState: "correct", phoneState: "correct" },
      { ...unset, emailState: "incorrect" },
    );
    const explained = explainPrediction(model, lead);
    expect(explained.ok).toBe(true);
    if (!explained.ok) return;
    const score = (field: string) =>
      explained.value.factors.find((f) => f.field === field)?.score ?? Number.NaN;
    expect(score("phoneState")).toBeCloseTo(2.1 / 2.2 / (2.1 / 2.2 + 0.1 / 3.2), 10);
    expect(score("emailState")).toBeCloseTo(2.1 / 2.2 / (2.1 / 2.2 + 0.1 / 3.2), 10);
    expect(explained.value.positive.map((f) => f.field)).toEqual(["stage"]);
    expect(explained.value.negative).toEqual([]);
    // Off, the implausible factors come back.
    const all = explainPrediction(model, lead, { stateFields: [] });
    expect(all.ok && all.value.positive.map((f) => f.field)).toEqual(["phoneState", "emailState", "stage"]);
  });

  it("drops a correct state that scores below 0.5", () => {
    const { model, lead } = history(
      { emailState: "incorrect", phoneState: "incorrect" },
      { emailState: "correct", phoneState: "correct" },
      { emailState: "correct", phoneState: "incorrect" },
    );
    const explained = explainPrediction(model, lead);
    expect(explained.ok).toBe(true);
    if (!explained.ok) return;
    const score = (field: string) =>
      explained.value.factors.find((f) => f.field === field)?.score ?? Number.NaN;
    expect(score("emailState")).toBeCloseTo(0.1 / 2.2 / (0.1 / 2.2 + 3.1 / 3.2), 10);
    expect(explained.value.positive.map((f) => f.field)).toEqual(["stage"]);
    expect(explained.value.negative).toEqual([]);
  });
});

describe("Odoo's team removal (test_team_unlink)", () => {
  const cell = (team: string | null, field: string, value: string, won: number, lost: number) => ({
    team,
    field,
    value,
    won,
    lost,
  });
  const before = parsePredictiveStats({
    cells: [
      cell(null, "stage", "1", 20, 10),
      cell(null, "stage", "2", 0.1, 0.1),
      cell(null, "stage", "3", 10, 0),
      cell(null, "country", "1", 10, 0.1),
      cell("pls", "stage", "1", 20, 10),
      cell("pls", "country", "1", 0.1, 10),
      cell("pls", "country", "2", 0.1, 0),
      cell("pls", "country", "3", 30, 30),
      cell("other", "country", "3", 1, 2),
    ],
  });
  const after = removePredictiveTeam(before, "pls");
  const noTeam = (field: string, value: string) =>
    after.cells.find((c) => c.team === null && c.field === field && c.value === value);

  it("adds a cell the no-team table has: stage '1' 20/10 plus 20/10 gives 40/20", () => {
    expect(noTeam("stage", "1")).toMatchObject({ won: 40, lost: 20 });
  });
  it("counts a 0.1 smoothing cell as empty when summing: country '1' 10/0.1 plus 0.1/10 gives 10/10", () => {
    expect(noTeam("country", "1")).toMatchObject({ won: 10, lost: 10 });
  });
  it("carries a team-only cell over: country '3' 30/30", () => {
    expect(noTeam("country", "3")).toMatchObject({ won: 30, lost: 30 });
  });
  it("does not carry a void cell: country '2' 0.1/0", () => {
    expect(noTeam("country", "2")).toBeUndefined();
  });
  it("leaves other no-team cells and other teams alone, and the team is gone", () => {
    expect(noTeam("stage", "2")).toMatchObject({ won: 0.1, lost: 0.1 });
    expect(noTeam("stage", "3")).toMatchObject({ won: 10, lost: 0 });
    expect(after.cells.filter((c) => c.team === null)).toHaveLength(5);
    expect(after.cells.filter((c) => c.team === "pls")).toEqual([]);
    expect(after.cells.filter((c) => c.team === "other")).toEqual([cell("other", "country", "3", 1, 2)]);
    expect(removePredictiveTeam(before, "nobody")).toEqual(before);
    expect(safeParsePredictiveStats(after)).toEqual({ ok: true, value: after });
  });
  it("drops a merged cell left at 0 won and 0 lost", () => {
    const tiny = parsePredictiveStats({
      cells: [cell(null, "country", "9", 0.2, 0.3), cell("t", "country", "9", 0.4, 0.2)],
    });
    expect(removePredictiveTeam(tiny, "t").cells).toEqual([]);
  });
});
