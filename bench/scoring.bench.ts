// scoreLead under a 20-rule points model vs a hand-written function computing the same score, on the
// same 1,000 generated leads, in one process; and the control-value fit on 1 M leads (time, memory).
//
// Fairness notes:
// - Both sides score every lead from scratch: no per-lead cache. The compiled model's only cache is
//   of the cut-off dates for the last `now`; the hand-written function works its cut-offs out per
//   call, a few subtractions.
// - leadkit does more per lead: `score` returns a LeadScore (`{ modelId, value, groups }`, two
//   objects) where the baseline returns a number. There is no number-only path, and none is added:
//   the group values are what labels, grades and thresholds read. The breakdown is not built by
//   `score` (its API never promised one); `explain` builds it and is not timed here.
// - `compilePointsModel` generates a function for the model with `new Function` (where the runtime
//   allows it), which is what makes the ratio close to 1. The closure scorer it falls back to (for
//   a CSP without 'unsafe-eval'; `{ generateCode: false }`) is timed too, as its own row.
// - Conditions run in the model's order on both sides: `personal_email` before `human_confirmed`,
//   as the rule and the baseline are written.
// - Both sides are checked to agree on every lead before timing.
import { isPersonalEmail, type Lead } from "leadkit";
import {
  collectControlValueStats,
  compilePointsModel,
  fitControlValueModel,
  parsePointsModel,
} from "leadkit/scoring";
import { generateLeadStream, generateLeads } from "leadkit/testing";
import type { BenchCase, BenchMeasure } from "./harness.js";

const NOW = new Date("2026-07-01T00:00:00Z");
const DAY = 86_400_000;

// A 20-rule model: 9 rules over lead attributes, 11 over interactions, caps, a per-rule window and a
// 90-day look-back decay.
const model = parsePointsModel({
  id: "bench",
  groups: [
    { id: "fit", max: 40 },
    { id: "engagement", max: 60 },
    { id: "validity", min: -50 },
  ],
  rules: [
    {
      id: "software",
      group: "fit",
      points: 15,
      when: [{ kind: "field_equals", field: "contact.industry", value: "software" }],
    },
    {
      id: "finance",
      group: "fit",
      points: 10,
      when: [{ kind: "field_equals", field: "contact.industry", value: "finance" }],
    },
    {
      id: "mid-size",
      group: "fit",
      points: 10,
      when: [{ kind: "field_in", field: "contact.companySize", values: ["51-200", "201-500"] }],
    },
    {
      id: "spain",
      group: "fit",
      points: 5,
      when: [{ kind: "field_equals", field: "contact.country", value: "ES" }],
    },
    {
      id: "exec",
      group: "fit",
      points: 10,
      when: [{ kind: "field_in", field: "contact.jobTitle", values: ["CEO", "CTO"] }],
    },
    {
      id: "high-interest",
      group: "fit",
      points: 8,
      when: [{ kind: "field_equals", field: "interestLevel", value: "high" }],
    },
    {
      id: "referral",
      group: "fit",
      points: 6,
      when: [{ kind: "field_equals", field: "source", value: "referral" }],
    },
    {
      id: "personal",
      group: "validity",
      points: -10,
      when: [{ kind: "personal_email" }],
      unless: [{ kind: "human_confirmed" }],
    },
    { id: "bot", group: "validity", points: -50, when: [{ kind: "bot" }] },
    {
      id: "click",
      group: "engagement",
      points: 8,
      repeatable: true,
      cap: 24,
      interaction: { types: ["email_click"] },
    },
    {
      id: "open",
      group: "engagement",
      points: 3,
      repeatable: true,
      cap: 9,
      interaction: { types: ["email_open"] },
    },
    { id: "subscribe", group: "engagement", points: 2, interaction: { types: ["newsletter_subscribe"] } },
    {
      id: "social",
      group: "engagement",
      points: 2,
      repeatable: true,
      cap: 8,
      interaction: { types: ["social_like", "social_comment", "social_share", "social_link_click"] },
    },
    {
      id: "content",
      group: "engagement",
      points: 5,
      repeatable: true,
      cap: 15,
      interaction: { types: ["content_download", "webinar_attended"] },
    },
    { id: "form", group: "engagement", points: 5, interaction: { types: ["form_submit"] } },
    {
      id: "pricing",
      group: "engagement",
      points: 10,
      interaction: { types: ["page_view"], pageKinds: ["pricing"], within: { days: 30 } },
    },
    {
      id: "product",
      group: "engagement",
      points: 2,
      repeatable: true,
      cap: 10,
      interaction: { types: ["page_view"], pageKinds: ["product"] },
    },
    {
      id: "demo",
      group: "engagement",
      points: 25,
      interaction: { types: ["demo_request", "pricing_request", "contact_sales_request"] },
    },
    { id: "meeting", group: "engagement", points: 15, interaction: { types: ["meeting_held"] } },
    { id: "bounce", group: "validity", points: -10, interaction: { types: ["email_bounce"] } },
  ],
  decay: { kind: "window", within: { days: 90 } },
});
const scorer = compilePointsModel(model);
const closureScorer = compilePointsModel(model, { generateCode: false });

/** The same score, written by hand: what a team would write without leadkit. */
function handWritten(lead: Lead, now: Date): number {
  const nowMs = now.getTime();
  const decayFrom = nowMs - 90 * DAY;
  const pricingFrom = nowMs - 30 * DAY;
  const c = lead.contact;
  let fit = 0;
  if (c.industry === "software") fit += 15;
  if (c.industry === "finance") fit += 10;
  if (c.companySize === "51-200" || c.companySize === "201-500") fit += 10;
  if (c.country === "ES") fit += 5;
  if (c.jobTitle === "CEO" || c.jobTitle === "CTO") fit += 10;
  if (lead.interestLevel === "high") fit += 8;
  if (lead.source === "referral") fit += 6;
  let validity = 0;
  if (isPersonalEmail(c.email) && !c.humanConfirmed) validity -= 10;
  if (c.kind === "bot") validity -= 50;
  let clicks = 0;
  let opens = 0;
  let social = 0;
  let content = 0;
  let product = 0;
  let subscribe = false;
  let form = false;
  let pricing = false;
  let demo = false;
  let meeting = false;
  let bounce = false;
  for (const i of lead.interactions) {
    const at = i.at.getTime();
    if (at > nowMs || at < decayFrom) continue;
    switch (i.type) {
      case "email_click":
        clicks++;
        break;
      case "email_open":
        opens++;
        break;
      case "newsletter_subscribe":
        subscribe = true;
        break;
      case "social_like":
      case "social_comment":
      case "social_share":
      case "social_link_click":
        social++;
        break;
      case "content_download":
      case "webinar_attended":
        content++;
        break;
      case "form_submit":
        form = true;
        break;
      case "page_view":
        if (i.pageKind === "pricing" && at >= pricingFrom) pricing = true;
        if (i.pageKind === "product") product++;
        break;
      case "demo_request":
      case "pricing_request":
      case "contact_sales_request":
        demo = true;
        break;
      case "meeting_held":
        meeting = true;
        break;
      case "email_bounce":
        bounce = true;
        break;
    }
  }
  let engagement =
    Math.min(24, clicks * 8) +
    Math.min(9, opens * 3) +
    (subscribe ? 2 : 0) +
    Math.min(8, social * 2) +
    Math.min(15, content * 5) +
    (form ? 5 : 0) +
    (pricing ? 10 : 0) +
    Math.min(10, product * 2) +
    (demo ? 25 : 0) +
    (meeting ? 15 : 0);
  if (bounce) validity -= 10;
  engagement = Math.min(60, engagement);
  return Math.min(100, Math.max(0, Math.min(40, fit) + engagement + Math.max(-50, validity)));
}

const leads = generateLeads({ seed: 21, count: 1000, now: NOW });
for (const lead of leads) {
  const a = scorer.score(lead, NOW).value;
  const b = handWritten(lead, NOW);
  const c = closureScorer.score(lead, NOW).value;
  if (a !== b || c !== b)
    throw new Error(`bench model and hand-written function disagree on ${lead.id}: ${a}, ${c} vs ${b}`);
}

const spec = {
  fields: [
    { field: "source" as const },
    { field: "contact.industry" as const },
    { field: "contact.companySize" as const },
    { field: "contact.jobTitle" as const },
    { field: "contact.country" as const },
  ],
  interactions: { pageKinds: true },
  flags: ["personal_email" as const],
};

const leads10k = generateLeads({ seed: 9, count: 10_000, now: NOW });

// One baseline for both scorer rows. The subjects stay written out apart: one shared loop calling a
// scorer passed in would make that call site polymorphic and slow both rows alike.
function handWrittenOverAll(): number {
  let sum = 0;
  for (const lead of leads) sum += handWritten(lead, NOW);
  return sum;
}

const cases: readonly (BenchCase | BenchMeasure)[] = [
  {
    name: "scoreLead, 20-rule compiled points model (1,000 generated leads per call)",
    baselineName: "hand-written function computing the same score",
    subject: () => {
      let sum = 0;
      for (const lead of leads) sum += scorer.score(lead, NOW).value;
      return sum;
    },
    baseline: handWrittenOverAll,
    itemsPerCall: leads.length,
    target: "ratio ≥ 0.5 and ≥ 1,000,000 leads/s",
  },
  {
    name: "scoreLead, same model, closure scorer (generateCode: false, the CSP fallback)",
    baselineName: "hand-written function computing the same score",
    subject: () => {
      let sum = 0;
      for (const lead of leads) sum += closureScorer.score(lead, NOW).value;
      return sum;
    },
    baseline: handWrittenOverAll,
    itemsPerCall: leads.length,
    target: "report (the fallback's speed)",
  },
  {
    name: "fit the control-value model on 1 M generated leads (streamed, one pass)",
    run: () => {
      const stats = collectControlValueStats(
        generateLeadStream({ seed: 5, count: 1_000_000, now: NOW }),
        spec,
      );
      const fit = fitControlValueModel(stats);
      if (!fit.ok) throw new Error(fit.issues.map((i) => i.message).join("; "));
      return fit.value.model.rules.length;
    },
    target: "report time and peak memory",
  },
  {
    // The same one pass without the generator's cost: a 10,000-lead pool cycled 100 times.
    name: "collect control-value statistics over 1 M leads (pre-generated pool, leadkit's share)",
    run: () => {
      function* cycle() {
        for (let round = 0; round < 100; round++) yield* leads10k;
      }
      return Object.keys(collectControlValueStats(cycle(), spec).signals).length;
    },
    target: "report time and peak memory",
  },
];

export default cases;
