// BANT qualification (3 of 4, typed judgement): leadkit's `evaluateQualificationVerdict` and
// `evaluateQualification` against json-rules-engine given the same four rules, and against a
// hand-written BANT function — budget ≥ entry price, authority from the job title, need ≥ medium,
// deadline between the start of today and 90 days from now.
//
// Inputs (bench/inputs.ts): 4,096 production-like leads. Authority is the lead's own job title,
// drawn from about 8,300 titles by a Zipf law (about 2,000 distinct in the batch, 8 % absent);
// budget, need and timeline are each known for 80 % of leads. `now` advances on every evaluation.
// One call evaluates all 4,096 leads (`itemsPerCall`).
//
// Fairness notes:
// - json-rules-engine is used as its docs show: the engine is built once with its rules and two
//   custom operators doing the same judgement (the same role keywords matched as whole words
//   without accents, the same horizon); `now` is a fact of each run, and every `run(facts)` is
//   awaited, which is how callers have to use it. The verdict is derived from its events the way
//   ours is (met ≥ 3 qualified; met + unknown < 3 disqualified; otherwise needs information).
// - The hand-written function does the same judgement in straight-line code: one regular
//   expression of the roles built once, the title normalised on every call (no memo), the horizon
//   with date-fns `startOfDay` and `addDays` per call.
// - Both leadkit calls keep state across calls: a plan per framework object (with its compiled role
//   pattern). Neither side remembers job titles: each title is matched on every call.
// - The full evaluation also builds the breakdown, explanations and next questions, which neither
//   baseline does: its hand-written comparison is reported without a target.
// - Several frameworks in one process: ANUM and FAINT evaluate the same leads before timing.
// - All sides are checked to agree on every lead before anything is timed.
import { addDays } from "date-fns/addDays";
import { startOfDay } from "date-fns/startOfDay";
import { Engine } from "json-rules-engine";
import {
  ANUM,
  BANT,
  type CriterionEvidence,
  compileFramework,
  DEFAULT_DECISION_MAKER_ROLES,
  evaluateQualification,
  evaluateQualificationVerdict,
  FAINT,
  type QualificationVerdict,
} from "leadkit/qualification";
import { createRandom } from "../src/testing/random.js";
import type { BenchCase } from "./harness.js";
import { createAdvancingClock, describeInputs, formatInputStats, productionLeads } from "./inputs.js";

// Compiled once, as an application would: the rows measure evaluation, not compilation.
const bant = compileFramework(BANT);

const BATCH = 4_096;
const HORIZON_DAYS = 90;
const priceRange = { min: 12_000 } as const;
const LEVELS = ["none", "low", "medium", "high"] as const;

interface Facts {
  budget?: number;
  authority?: string;
  need?: (typeof LEVELS)[number];
  timeline?: Date;
}

// ——— the hand-written function ———

const roles = new RegExp(
  ` (${[...DEFAULT_DECISION_MAKER_ROLES]
    .map((r) => r.replace(/[^a-z0-9]+/g, " "))
    .sort((a, b) => b.length - a.length)
    .join("|")}) `,
);
function words(text: string): string {
  const ascii = /[\u0080-\uffff]/.test(text) ? text.normalize("NFD").replace(/\p{Diacritic}/gu, "") : text;
  return ` ${ascii
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim()} `;
}
function withinHorizon(date: Date, now: Date): boolean {
  const t = date.getTime();
  return t >= startOfDay(now).getTime() && t <= addDays(now, HORIZON_DAYS).getTime();
}
function handWritten(f: Facts, now: Date): QualificationVerdict {
  let met = 0;
  let unknown = 0;
  if (f.budget === undefined) unknown++;
  else if (f.budget >= priceRange.min) met++;
  if (f.authority === undefined) unknown++;
  else if (roles.test(words(f.authority))) met++;
  if (f.need === undefined) unknown++;
  else if (f.need === "medium" || f.need === "high") met++;
  if (f.timeline === undefined) unknown++;
  else if (withinHorizon(f.timeline, now)) met++;
  return met >= 3 ? "qualified" : met + unknown < 3 ? "disqualified" : "needs_information";
}

// ——— json-rules-engine ———

function buildEngine(): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addOperator(
    "hasAuthority",
    (title: unknown) => typeof title === "string" && roles.test(words(title)),
  );
  engine.addOperator(
    "withinHorizonOf",
    (date: unknown, now: unknown) => date instanceof Date && now instanceof Date && withinHorizon(date, now),
  );
  const rule = (name: string, fact: string, operator: string, value: unknown) =>
    engine.addRule({ name, conditions: { all: [{ fact, operator, value }] }, event: { type: name } });
  rule("budget", "budget", "greaterThanInclusive", priceRange.min);
  rule("authority", "authority", "hasAuthority", true);
  rule("need", "need", "in", ["medium", "high"]);
  rule("timeline", "timeline", "withinHorizonOf", { fact: "now" });
  return engine;
}

export default (): BenchCase[] => {
  const leads = productionLeads({ seed: 11, count: BATCH });
  const base = new Date("2026-07-01T09:00:00Z").getTime();
  const random = createRandom(42);
  const facts: Facts[] = leads.map((lead) => {
    const f: Facts = {};
    if (random.chance(0.8)) f.budget = random.int(0, 40) * 1_000;
    if (lead.contact.jobTitle !== undefined) f.authority = lead.contact.jobTitle;
    if (random.chance(0.8)) f.need = random.pick(LEVELS);
    if (random.chance(0.8)) f.timeline = new Date(base + random.int(-20, 200) * 86_400_000);
    return f;
  });
  const evidence: CriterionEvidence[][] = facts.map((f) =>
    Object.entries(f).map(([criterionId, answer]) => ({
      criterionId,
      answer: answer as CriterionEvidence["answer"] & {},
      source: "conversation" as const,
    })),
  );
  const engine = buildEngine();
  const engineVerdict = async (f: Facts, now: Date): Promise<QualificationVerdict> => {
    const { events } = await engine.run({ ...f, now });
    const met = events.length;
    const unknown = 4 - Object.keys(f).length;
    return met >= 3 ? "qualified" : met + unknown < 3 ? "disqualified" : "needs_information";
  };
  const clock = createAdvancingClock();

  const verdictOnly = () => {
    let qualified = 0;
    for (const items of evidence) {
      const r = evaluateQualificationVerdict(bant, items, { now: clock.now(), priceRange });
      if (r.ok && r.value === "qualified") qualified++;
    }
    return qualified;
  };
  const full = () => {
    let qualified = 0;
    for (const items of evidence) {
      const r = evaluateQualification(bant, items, { now: clock.now(), priceRange });
      if (r.ok && r.value.verdict === "qualified") qualified++;
    }
    return qualified;
  };
  const byEngine = async () => {
    let qualified = 0;
    for (const f of facts) if ((await engineVerdict(f, clock.now())) === "qualified") qualified++;
    return qualified;
  };
  const byHand = () => {
    let qualified = 0;
    for (const f of facts) if (handWritten(f, clock.now()) === "qualified") qualified++;
    return qualified;
  };

  const agree = async () => {
    // Other frameworks in the process, on the evidence they share with BANT.
    for (const framework of [compileFramework(ANUM), compileFramework(FAINT)]) {
      const ids = new Set(framework.definition.criteria.map((c) => c.id));
      for (const items of evidence) {
        const mine = items.filter((e) => ids.has(e.criterionId));
        evaluateQualification(framework, mine, { now: clock.now(), priceRange });
        evaluateQualificationVerdict(framework, mine, { now: clock.now(), priceRange });
      }
    }
    const counts: Record<QualificationVerdict, number> = {
      qualified: 0,
      disqualified: 0,
      needs_information: 0,
    };
    for (let i = 0; i < BATCH; i++) {
      const now = clock.now();
      const items = evidence[i] ?? [];
      const f = facts[i] ?? {};
      const a = evaluateQualificationVerdict(bant, items, { now, priceRange });
      const b = evaluateQualification(bant, items, { now, priceRange });
      const c = await engineVerdict(f, now);
      const d = handWritten(f, now);
      if (!a.ok || !b.ok) throw new Error(`qualification bench: lead ${i} has issues`);
      if (a.value !== b.value.verdict || a.value !== c || a.value !== d)
        throw new Error(
          `qualification bench: lead ${i} (${JSON.stringify(f)}) is ${a.value} (verdict-only), ${b.value.verdict} (full), ${c} (engine), ${d} (hand-written)`,
        );
      counts[a.value]++;
    }
    return [
      `${BATCH.toLocaleString("en-US")} leads agree on all four sides (${counts.qualified} qualified, ${counts.disqualified} disqualified, ${counts.needs_information} need information), each at its own now`,
      formatInputStats(describeInputs(leads)),
    ];
  };

  return [
    {
      name: "evaluateQualificationVerdict BANT (fresh now, 2,000 titles)",
      compares:
        "the BANT verdict of 4,096 leads with production-like job titles and a fresh now per call, against json-rules-engine with the same four rules and a hand-written BANT function",
      itemsPerCall: BATCH,
      subject: { name: "evaluateQualificationVerdict(bant, evidence, { now })", run: verdictOnly },
      baselines: [
        { name: "json-rules-engine, same 4 rules", kind: "competitor", target: { min: 100 }, run: byEngine },
        { name: "hand-written BANT function", kind: "specialised", target: { min: 1 }, run: byHand },
      ],
      agree,
    },
    {
      name: "evaluateQualification BANT, full (fresh now, 2,000 titles)",
      compares:
        "the full BANT evaluation (verdict, breakdown, explanations, next questions) of the same leads, against the same two baselines, which return only a verdict",
      itemsPerCall: BATCH,
      subject: { name: "evaluateQualification(bant, evidence, { now })", run: full },
      baselines: [
        { name: "json-rules-engine, same 4 rules", kind: "competitor", target: { min: 50 }, run: byEngine },
        { name: "hand-written BANT function (verdict only)", kind: "specialised", run: byHand },
      ],
      agree,
    },
  ];
};
