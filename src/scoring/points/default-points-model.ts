import type { PointsModel } from "./points-model.js";

/**
 * The default points model, shaped by docs/scoring.md and the CRMs' defaults. Engagement: an email click
 * is worth more than an open, an open more than a newsletter subscription; social likes, comments,
 * shares and link clicks add engagement; product and pricing page views are buying signals
 * (docs/scoring.md). Validity: personal (free-mail) addresses and unpronounceable names start lower until
 * a person is confirmed; bots sink. Intent: a demo, price or sales request suggests the move to
 * potential client. Interaction points lose 25 % per month. Copy it and adapt the points to your
 * buyer persona — it is data.
 *
 * @example
 * ```ts
 * import { DEFAULT_POINTS_MODEL, type PointsModel } from "leadkit/scoring";
 *
 * declare const extra: import("leadkit/scoring").PointsRule;
 * const mine: PointsModel = { ...DEFAULT_POINTS_MODEL, id: "mine", rules: [...DEFAULT_POINTS_MODEL.rules, extra] };
 * ```
 * @category Scoring
 */
export const DEFAULT_POINTS_MODEL: PointsModel = {
  id: "default",
  name: "Default lead score",
  description: "Fit, engagement, validity and intent, 0–100, with 25 % monthly decay of interaction points.",
  groups: [
    { id: "fit", label: "Fit", max: 30 },
    { id: "engagement", label: "Engagement", max: 50 },
    { id: "intent", label: "Purchase intent", max: 40 },
    { id: "validity", label: "Validity", min: -100, max: 0 },
  ],
  rules: [
    {
      id: "interest-high",
      group: "fit",
      points: 15,
      when: [{ kind: "field_equals", field: "interestLevel", value: "high" }],
    },
    {
      id: "interest-medium",
      group: "fit",
      points: 8,
      when: [{ kind: "field_equals", field: "interestLevel", value: "medium" }],
    },
    {
      id: "has-company",
      group: "fit",
      points: 5,
      when: [{ kind: "field_present", field: "contact.company" }],
    },
    {
      id: "has-job-title",
      group: "fit",
      points: 5,
      when: [{ kind: "field_present", field: "contact.jobTitle" }],
    },
    { id: "has-phone", group: "fit", points: 5, when: [{ kind: "field_present", field: "contact.phone" }] },
    {
      id: "email-click",
      group: "engagement",
      points: 8,
      repeatable: true,
      cap: 24,
      description: "Clicking a link in an email (seed 004: worth more than opening it)",
      interaction: { types: ["email_click"] },
    },
    {
      id: "email-open",
      group: "engagement",
      points: 3,
      repeatable: true,
      cap: 9,
      description: "Opening an email (worth more than subscribing)",
      interaction: { types: ["email_open"] },
    },
    {
      id: "newsletter-subscribe",
      group: "engagement",
      points: 2,
      description: "Subscribing to the newsletter",
      interaction: { types: ["newsletter_subscribe"] },
    },
    {
      id: "social-like",
      group: "engagement",
      points: 1,
      repeatable: true,
      cap: 5,
      interaction: { types: ["social_like"] },
    },
    {
      id: "social-comment",
      group: "engagement",
      points: 2,
      repeatable: true,
      cap: 8,
      interaction: { types: ["social_comment"] },
    },
    {
      id: "social-share",
      group: "engagement",
      points: 3,
      repeatable: true,
      cap: 9,
      interaction: { types: ["social_share"] },
    },
    {
      id: "social-link-click",
      group: "engagement",
      points: 4,
      repeatable: true,
      cap: 12,
      interaction: { types: ["social_link_click"] },
    },
    {
      id: "content",
      group: "engagement",
      points: 5,
      repeatable: true,
      cap: 15,
      interaction: { types: ["content_download", "webinar_attended", "form_submit"] },
    },
    {
      id: "product-pages",
      group: "engagement",
      points: 3,
      repeatable: true,
      cap: 12,
      description: "Repeated visits to product pages (seed 001 buying signal)",
      interaction: { types: ["page_view"], pageKinds: ["product"] },
    },
    {
      id: "pricing-page",
      group: "intent",
      points: 10,
      repeatable: true,
      cap: 20,
      description: "Interest in pricing (seed 001 buying signal)",
      interaction: { types: ["page_view"], pageKinds: ["pricing"] },
    },
    {
      id: "purchase-request",
      group: "intent",
      points: 40,
      description: "Asked for a demo, a price or a sales representative (seed 002)",
      interaction: { types: ["demo_request", "pricing_request", "contact_sales_request"] },
    },
    {
      id: "direct-conversation",
      group: "intent",
      points: 10,
      description: "The lead started a direct conversation (seed 001)",
      interaction: { types: ["message", "call"], initiators: ["contact"] },
    },
    {
      id: "personal-email",
      group: "validity",
      points: -10,
      description: "Personal (non-work) email address, until a person is confirmed (seed 004)",
      when: [{ kind: "personal_email" }],
      unless: [{ kind: "human_confirmed" }],
    },
    {
      id: "unpronounceable-name",
      group: "validity",
      points: -15,
      description: "Name looks machine-made, until a person is confirmed (seed 004)",
      when: [{ kind: "unpronounceable_name" }],
      unless: [{ kind: "human_confirmed" }],
    },
    { id: "email-bounced", group: "validity", points: -10, interaction: { types: ["email_bounce"] } },
    { id: "bot", group: "validity", points: -100, description: "Recorded as a bot", when: [{ kind: "bot" }] },
  ],
  decay: { kind: "linear", percent: 25, every: { months: 1 }, groups: ["engagement", "intent"] },
  labels: [
    {
      id: "temperature",
      bands: [
        { atLeast: 60, label: "hot" },
        { atLeast: 30, label: "warm" },
        { atLeast: 0, label: "cold" },
      ],
    },
  ],
  grade: {
    fit: {
      group: "fit",
      bands: [
        { atLeast: 20, label: "A" },
        { atLeast: 10, label: "B" },
        { atLeast: 0, label: "C" },
      ],
    },
    engagement: {
      group: "engagement",
      bands: [
        { atLeast: 30, label: "1" },
        { atLeast: 10, label: "2" },
        { atLeast: 0, label: "3" },
      ],
    },
  },
  thresholds: [
    { id: "marketing-qualified", atLeast: 60, effect: { kind: "hand_off_to_sales" } },
    {
      id: "purchase-intent",
      group: "intent",
      atLeast: 40,
      effect: { kind: "suggest_transition", to: "potential_client" },
    },
  ],
};
