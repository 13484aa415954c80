// Points scoring: a compiled points model's `score` against a hand-written function computing the
// same score, with a fresh `now` per lead, in a process that runs several models; and the
// control-value fit on 1 M leads (time, peak memory).
//
// Inputs (bench/inputs.ts): 1,000 production-like leads (about 670 distinct job titles, company
// domains by a Zipf law, a long tail of sources and tags); `now` advances on every call, so the
// cut-offs of decay and time windows change from one lead to the next, as they do when a service
// scores each lead as it arrives. One call scores all 1,000 leads (`itemsPerCall`).
//
// Rows, in the order they run (the order matters — it is the point of the third row):
// 1. Model A (20 rules: attributes, interactions, caps, a 30-day window, 90-day look-back decay),
//    the first and only model the process has scored with, against its hand-written function.
// 2. DEFAULT_POINTS_MODEL (21 rules, 25 % monthly linear decay of engagement and intent) against
//    its hand-written function (date-fns `subMonths` for the four decay cut-offs of each `now`).
// 3. Model A again, after models B (the default), C (fitted by the control-value method on 10,000
//    leads) and D (a product-led model) have scored the same leads interleaved: the call sites
//    shared by every compiled model have now seen four. Compared with its hand-written function and
//    with row 1 (the slowdown: row 3's ratio ÷ row 1's).
// 4. Model A on the closure scorer (`generateCode: false`, the CSP fallback).
//
// Fairness notes:
// - Both sides score every lead from scratch, with the same `now`; no per-lead cache. The compiled
//   model may remember cut-offs for the last `now` it saw, which a fresh `now` per lead defeats;
//   the hand-written functions work their cut-offs out per call (subtractions for days; date-fns
//   for months, as the model does).
// - leadkit does more per lead: `score` returns a LeadScore (`{ modelId, value, groups }`) where the
//   baselines return a number; the group values are what labels, grades and thresholds read.
// - Conditions run in the model's order on both sides (`personal_email` before `human_confirmed`).
// - Both sides are checked to agree on every lead (to the last decimal) before timing.
import { subMonths } from "date-fns/subMonths";
import { isPersonalEmail, type Lead } from "leadkit";
import {
  type CompiledPointsModel,
  collectControlValueStats,
  compilePointsModel,
  DEFAULT_POINTS_MODEL,
  fitControlValueModel,
  looksUnpronounceable,
  parsePointsModel,
} from "leadkit/scoring";
import { generateLeadStream } from "leadkit/testing";
import type { BenchCase, BenchMeasure } from "./harness.js";
import {
  createAdvancingClock,
  describeInputs,
  formatInputStats,
  productionLeadStream,
  productionLeads,
} from "./inputs.js";

const DAY = 86_400_000;
const GENERATOR_NOW = new Date("2026-07-01T00:00:00Z");

// A 20-rule model: 9 rules over lead attributes, 11 over interactions, caps, a per-rule window and a
// 90-day look-back decay.
const modelA = parsePointsModel({
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
/** Model A's score, written by hand: what a team would write without leadkit. */
function handWrittenA(lead: Lead, now: Date): number {
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

/** DEFAULT_POINTS_MODEL's score, written by hand. */
function handWrittenDefault(lead: Lead, now: Date): number {
  const nowMs = now.getTime();
  // Linear decay, 25 % a month: an interaction loses a quarter per month boundary it is behind.
  const c1 = subMonths(now, 1).getTime();
  const c2 = subMonths(now, 2).getTime();
  const c3 = subMonths(now, 3).getTime();
  const c4 = subMonths(now, 4).getTime();
  const factor = (at: number) => (at > c1 ? 1 : at > c2 ? 0.75 : at > c3 ? 0.5 : at > c4 ? 0.25 : 0);
  const c = lead.contact;
  let fit = 0;
  if (lead.interestLevel === "high") fit += 15;
  if (lead.interestLevel === "medium") fit += 8;
  if (c.company !== undefined && c.company !== "") fit += 5;
  if (c.jobTitle !== undefined && c.jobTitle !== "") fit += 5;
  if (c.phone !== undefined && c.phone !== "") fit += 5;
  let clicks = 0;
  let opens = 0;
  let subscribe = 0;
  let likes = 0;
  let comments = 0;
  let shares = 0;
  let linkClicks = 0;
  let content = 0;
  let product = 0;
  let pricing = 0;
  let purchase = 0;
  let conversation = 0;
  let bounced = false;
  for (const i of lead.interactions) {
    const at = i.at.getTime();
    if (at > nowMs) continue;
    switch (i.type) {
      case "email_click":
        clicks += factor(at);
        break;
      case "email_open":
        opens += factor(at);
        break;
      case "newsletter_subscribe":
        subscribe = Math.max(subscribe, factor(at));
        break;
      case "social_like":
        likes += factor(at);
        break;
      case "social_comment":
        comments += factor(at);
        break;
      case "social_share":
        shares += factor(at);
        break;
      case "social_link_click":
        linkClicks += factor(at);
        break;
      case "content_download":
      case "webinar_attended":
      case "form_submit":
        content += factor(at);
        break;
      case "page_view":
        if (i.pageKind === "product") product += factor(at);
        else if (i.pageKind === "pricing") pricing += factor(at);
        break;
      case "demo_request":
      case "pricing_request":
      case "contact_sales_request":
        purchase = Math.max(purchase, factor(at));
        break;
      case "message":
      case "call":
        if (i.initiator.kind === "contact") conversation = Math.max(conversation, factor(at));
        break;
      case "email_bounce":
        bounced = true;
        break;
    }
  }
  const engagement =
    Math.min(24, clicks * 8) +
    Math.min(9, opens * 3) +
    subscribe * 2 +
    Math.min(5, likes) +
    Math.min(8, comments * 2) +
    Math.min(9, shares * 3) +
    Math.min(12, linkClicks * 4) +
    Math.min(15, content * 5) +
    Math.min(12, product * 3);
  const intent = Math.min(20, pricing * 10) + purchase * 40 + conversation * 10;
  let validity = 0;
  if (isPersonalEmail(c.email) && !c.humanConfirmed) validity -= 10;
  if (looksUnpronounceable(c.name) && !c.humanConfirmed) validity -= 15;
  if (bounced) validity -= 10;
  if (c.kind === "bot") validity -= 100;
  const total =
    Math.min(30, fit) +
    Math.min(50, engagement) +
    Math.min(40, intent) +
    Math.min(0, Math.max(-100, validity));
  return Math.min(100, Math.max(0, total));
}

/** Model D: what a product-led team scores (trial signals, seats, tags). */
const modelD = parsePointsModel({
  id: "product-led",
  groups: [
    { id: "fit", max: 50 },
    { id: "usage", max: 50 },
  ],
  rules: [
    { id: "trial", group: "usage", points: 20, when: [{ kind: "tag", tag: "trial" }] },
    { id: "enterprise", group: "fit", points: 20, when: [{ kind: "tag", tag: "enterprise" }] },
    {
      id: "big",
      group: "fit",
      points: 15,
      when: [{ kind: "field_in", field: "contact.companySize", values: ["501-1000", "1001-5000", "5001+"] }],
    },
    {
      id: "signup",
      group: "usage",
      points: 10,
      when: [{ kind: "field_equals", field: "capture.channel", value: "self_signup" }],
    },
    {
      id: "docs",
      group: "usage",
      points: 2,
      repeatable: true,
      cap: 20,
      interaction: { types: ["page_view", "content_download"], within: { weeks: 2 } },
    },
    { id: "webinar", group: "usage", points: 10, interaction: { types: ["webinar_attended"] } },
  ],
  decay: { kind: "linear", percent: 10, every: { weeks: 1 } },
});

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

/** Checks a scorer against its hand-written function on every lead, each at its own now. */
function check(
  name: string,
  scorer: CompiledPointsModel,
  byHand: (lead: Lead, now: Date) => number,
  leads: readonly Lead[],
  nextNow: () => Date,
): string {
  let sum = 0;
  for (const lead of leads) {
    const now = nextNow();
    const a = scorer.score(lead, now).value;
    const b = byHand(lead, now);
    if (a !== b)
      throw new Error(`scoring bench: ${name} scores ${lead.id} ${a} at ${now.toISOString()}, by hand ${b}`);
    sum += a;
  }
  return `${leads.length.toLocaleString("en-US")} leads score the same on both sides, each at its own now (mean ${(sum / leads.length).toFixed(2)})`;
}

export default (): (BenchCase | BenchMeasure)[] => {
  const leads = productionLeads({ seed: 21, count: 1_000, now: GENERATOR_NOW });
  const stats = formatInputStats(describeInputs(leads));
  const clock = createAdvancingClock();
  const scorerA = compilePointsModel(modelA);
  const scorerB = compilePointsModel(DEFAULT_POINTS_MODEL);
  const closureA = compilePointsModel(modelA, { generateCode: false });

  // The subjects are written out apart: one loop calling a scorer passed in would be a call site of
  // its own, polymorphic in a way no caller's is.
  const scoreA = () => {
    let sum = 0;
    for (const lead of leads) sum += scorerA.score(lead, clock.now()).value;
    return sum;
  };
  const scoreB = () => {
    let sum = 0;
    for (const lead of leads) sum += scorerB.score(lead, clock.now()).value;
    return sum;
  };
  const scoreClosureA = () => {
    let sum = 0;
    for (const lead of leads) sum += closureA.score(lead, clock.now()).value;
    return sum;
  };
  const byHandA = () => {
    let sum = 0;
    for (const lead of leads) sum += handWrittenA(lead, clock.now());
    return sum;
  };
  const byHandB = () => {
    let sum = 0;
    for (const lead of leads) sum += handWrittenDefault(lead, clock.now());
    return sum;
  };
  const handA = { name: "hand-written function for model A", kind: "specialised" as const, run: byHandA };
  const now = () => clock.now();

  return [
    {
      name: "scoreLead, model A (20 rules), first model in the process",
      compares:
        "a compiled 20-rule points model scoring 1,000 production-like leads, a fresh now per lead, before any other model has run, against a hand-written function computing the same score",
      itemsPerCall: leads.length,
      target: { min: 1_000_000 },
      subject: { name: "compilePointsModel(modelA).score(lead, now)", run: scoreA },
      baselines: [{ ...handA, target: { min: 0.8 } }],
      agree: () => [check("model A", scorerA, handWrittenA, leads, now), stats],
    },
    {
      name: "scoreLead, DEFAULT_POINTS_MODEL (monthly decay)",
      compares:
        "DEFAULT_POINTS_MODEL (21 rules, 25 % monthly decay) on the same leads, a fresh now per lead, against a hand-written function with date-fns subMonths for its cut-offs",
      itemsPerCall: leads.length,
      target: { min: 1_000_000 },
      subject: { name: "compilePointsModel(DEFAULT_POINTS_MODEL).score(lead, now)", run: scoreB },
      baselines: [
        {
          name: "hand-written function for DEFAULT_POINTS_MODEL",
          kind: "specialised",
          target: { min: 0.8 },
          run: byHandB,
        },
      ],
      agree: () => [check("DEFAULT_POINTS_MODEL", scorerB, handWrittenDefault, leads, now), stats],
    },
    {
      name: "scoreLead, model A after models B, C, D ran (polymorphic)",
      compares:
        "model A again, after four compiled models have scored the same leads interleaved in this process, against its hand-written function and against itself as the first model (row 1)",
      itemsPerCall: leads.length,
      target: { min: 1_000_000 },
      subject: { name: "compilePointsModel(modelA).score(lead, now)", run: scoreA },
      baselines: [{ ...handA, target: { min: 0.8 } }],
      relativeTo: {
        row: "scoreLead, model A (20 rules), first model in the process",
        name: "model A as the first model (row 1): the slowdown",
        target: { min: 0.9 },
      },
      agree: () => {
        const history = productionLeads({ seed: 5, count: 10_000, now: GENERATOR_NOW });
        const fit = fitControlValueModel(collectControlValueStats(history, spec));
        if (!fit.ok) throw new Error(fit.issues.map((i) => i.message).join("; "));
        const scorerC = compilePointsModel(fit.value.model);
        const scorerD = compilePointsModel(modelD);
        const models: CompiledPointsModel[] = [scorerA, scorerB, scorerC, scorerD];
        let sum = 0;
        for (let round = 0; round < 20; round++)
          for (const lead of leads) for (const m of models) sum += m.score(lead, clock.now()).value;
        return [
          `models A, B (DEFAULT_POINTS_MODEL), C (control-value fit, ${fit.value.model.rules.length} rules) and D (product-led) scored the 1,000 leads interleaved, 20 times (mean ${(sum / 80_000).toFixed(2)})`,
          check("model A", scorerA, handWrittenA, leads, now),
        ];
      },
    },
    {
      name: "scoreLead, model A, closure scorer (generateCode: false)",
      compares:
        "model A on the closure scorer that replaces generated code under a CSP without unsafe-eval, against the same hand-written function",
      itemsPerCall: leads.length,
      subject: { name: "compilePointsModel(modelA, { generateCode: false }).score", run: scoreClosureA },
      baselines: [handA],
      agree: () => check("model A (closures)", closureA, handWrittenA, leads, now),
    },
    {
      name: "fit the control-value model on 1 M generated leads (streamed, one pass)",
      compares:
        "collectControlValueStats + fitControlValueModel over 1 M generated leads, generation included",
      run: () => {
        const collected = collectControlValueStats(
          generateLeadStream({ seed: 5, count: 1_000_000, now: GENERATOR_NOW }),
          spec,
        );
        const fit = fitControlValueModel(collected);
        if (!fit.ok) throw new Error(fit.issues.map((i) => i.message).join("; "));
        return fit.value.model.rules.length;
      },
    },
    {
      name: "collect control-value statistics over 1 M leads (pre-generated pool, leadkit's share)",
      compares:
        "the same one pass over a pool of 10,000 production-like leads cycled 100 times (no generation)",
      run: () => {
        const pool = [...productionLeadStream({ seed: 9, count: 10_000, now: GENERATOR_NOW })];
        function* cycle() {
          for (let round = 0; round < 100; round++) yield* pool;
        }
        return Object.keys(collectControlValueStats(cycle(), spec).signals).length;
      },
    },
  ];
};
