// Hand-written fixtures reproducing Odoo's own predictive lead scoring tests
// (addons/crm/tests/test_crm_pls.py): plain rows read through a small adapter.
import { createPredictiveSetup, type PredictiveAdapter, type PredictiveOutcome } from "leadkit/scoring";

export interface OdooRow {
  readonly name: string;
  readonly team?: string;
  readonly stage: string;
  readonly outcome: PredictiveOutcome;
  readonly country?: string;
  readonly state?: string;
  readonly emailState?: "correct" | "incorrect";
  readonly phoneState?: "correct" | "incorrect";
  readonly source?: string;
  readonly tags?: readonly string[];
}

export const odooAdapter: PredictiveAdapter<OdooRow> = {
  team: (r) => r.team,
  stage: (r) => r.stage,
  outcome: (r) => r.outcome,
  fields: {
    country: (r) => r.country,
    state: (r) => r.state,
    emailState: (r) => r.emailState,
    phoneState: (r) => r.phoneState,
    source: (r) => r.source,
    tags: (r) => r.tags,
  },
};

export const odooConfig = {
  stages: [{ id: "New" }, { id: "Qualified" }, { id: "Proposition" }, { id: "Won" }],
  wonStage: "Won",
  fields: [
    { name: "country" },
    { name: "state" },
    { name: "emailState", countEmpty: true },
    { name: "phoneState", countEmpty: true },
    { name: "source" },
    { name: "tags", multiple: true },
  ],
};

export const odooSetup = createPredictiveSetup(odooConfig, odooAdapter);

const team = "Team Tooltip";

/** test_pls_tooltip_data: A, B won; C, D lost in New; E lost in Proposition; X open in Qualified. */
export const tooltipHistory: readonly OdooRow[] = [
  {
    name: "A",
    team,
    stage: "Won",
    outcome: "won",
    country: "c0",
    state: "s0",
    emailState: "correct",
    phoneState: "correct",
    source: "src1",
  },
  {
    name: "B",
    team,
    stage: "Won",
    outcome: "won",
    country: "c1",
    state: "s0",
    emailState: "correct",
    phoneState: "correct",
  },
  {
    name: "C",
    team,
    stage: "New",
    outcome: "lost",
    emailState: "correct",
    phoneState: "incorrect",
    source: "src0",
  },
  {
    name: "D",
    team,
    stage: "New",
    outcome: "lost",
    country: "c0",
    emailState: "correct",
    phoneState: "incorrect",
    source: "src0",
  },
  {
    name: "E",
    team,
    stage: "Proposition",
    outcome: "lost",
    state: "s1",
    emailState: "correct",
    phoneState: "correct",
  },
];

export const tooltipLead: OdooRow = {
  name: "X",
  team,
  stage: "Qualified",
  outcome: "open",
  country: "c0",
  state: "s0",
  emailState: "correct",
  phoneState: "correct",
  source: "src0",
};

const row = (
  name: string,
  team: string | undefined,
  country: string,
  state: string,
  source: string,
  stage: string,
  outcome: PredictiveOutcome,
): OdooRow => ({
  name,
  ...(team === undefined ? {} : { team }),
  country,
  state,
  source,
  stage: outcome === "won" ? "Won" : stage,
  outcome,
});

/**
 * test_predictive_lead_scoring, part A: three teams (the third may be "no team"). Odoo recomputes
 * email_state and phone_state from the (absent) address and number, so every lead's validity is
 * empty whatever the test passes on create — its frequency checks (email state of lead 4: won 1.1,
 * lost 2.1) confirm it; the rows leave them out.
 */
export function multiTeamLeads(thirdTeam: string | undefined): readonly OdooRow[] {
  const t3 = thirdTeam;
  return [
    row("0", "T1", "c0", "s0", "src0", "New", "lost"),
    row("1", "T1", "c1", "s1", "src1", "Qualified", "lost"),
    row("2", "T1", "c2", "s2", "src2", "Proposition", "won"),
    row("3", "T1", "c0", "s1", "src2", "Qualified", "open"),
    row("4", "T1", "c1", "s1", "src1", "New", "open"),
    row("5", "T2", "c0", "s1", "src1", "Proposition", "lost"),
    row("6", "T2", "c0", "s1", "src2", "Qualified", "lost"),
    row("7", "T2", "c0", "s2", "src2", "New", "won"),
    row("8", "T2", "c0", "s1", "src2", "Qualified", "open"),
    row("9", "T2", "c1", "s0", "src1", "Qualified", "open"),
    row("10", t3, "c1", "s1", "src1", "Proposition", "won"),
    row("11", t3, "c0", "s1", "src0", "New", "lost"),
    row("12", t3, "c1", "s2", "src2", "New", "lost"),
    row("13", t3, "c0", "s1", "src2", "Qualified", "open"),
  ];
}

/** The tag part of test_predictive_lead_scoring: 150 leads of team "blup", three left open. */
export function taggedLeads(): readonly OdooRow[] {
  const rows: OdooRow[] = [];
  for (let i = 0; i < 150; i++) {
    const tags = i < 50 ? ["t1"] : i < 100 ? ["t2"] : ["t1", "t2"];
    const won = (i >= 31 && i < 50) || (i >= 91 && i < 100) || i >= 136;
    const open = i === 30 || i === 90 || i === 135;
    rows.push({
      name: String(i),
      team: "blup",
      stage: won ? "Won" : "New",
      outcome: open ? "open" : won ? "won" : "lost",
      tags,
    });
  }
  return rows;
}
