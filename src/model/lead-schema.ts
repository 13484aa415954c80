import * as z from "zod";
import { type DeepReadonly, dataRecord, INPUT_LIMITS } from "../internal/index.js";
import { id, longText, text } from "./attributes-schema.js";
import { attributionSchema } from "./attribution.js";
import { contactSchema } from "./contact-schema.js";
import { capturePointSchema, initiatorSchema, interactionSchema } from "./interaction-schema.js";
import { timestampSchema } from "./timestamp-schema.js";
import { CAPTURE_CHANNELS, INTEREST_LEVELS, LEAD_STAGES, PROGRESS_STATUSES } from "./vocabulary.js";

const { listItems, recordItems } = INPUT_LIMITS;

/**
 * The facts of how a lead was captured — what the origin rules classify as active or passive.
 * Absolute, not relative: `initiator.userId` is compared with the user asking.
 *
 * @example
 * ```ts
 * import { captureFactsSchema } from "./lead-schema.js";
 *
 * captureFactsSchema.parse({ channel: "call", initiator: { kind: "user", userId: "u-ana" } });
 * ```
 * @category Model
 */
export const captureFactsSchema = z.object({
  channel: z.enum(CAPTURE_CHANNELS),
  initiator: initiatorSchema,
  capturePoint: capturePointSchema.optional(),
  /** The user who shared or referred the lead, when it reached its owner that way. */
  referredBy: id.optional(),
  /** Where the capture came from (UTM parameters, click ids, landing page, referrer). */
  attribution: attributionSchema.optional(),
});

/**
 * One recorded move through the lifecycle: from which stage to which, by which event, when, by whom
 * and why.
 *
 * @example
 * ```ts
 * import { historyEntrySchema } from "./lead-schema.js";
 *
 * historyEntrySchema.parse({ from: "lead", to: "prospect", event: "qualify", at: "2026-03-01T00:00:00Z", actor: "u-ana" });
 * ```
 * @category Model
 */
export const historyEntrySchema = z.object({
  from: z.enum(LEAD_STAGES),
  to: z.enum(LEAD_STAGES),
  event: id,
  at: timestampSchema,
  actor: id,
  reason: longText.optional(),
});

/**
 * A note a person left on a lead.
 *
 * @example
 * ```ts
 * import { noteSchema } from "./lead-schema.js";
 *
 * noteSchema.parse({ at: "2026-03-01T00:00:00Z", author: "u-ana", text: "Call back after the fair." });
 * ```
 * @category Model
 */
export const noteSchema = z.object({
  at: timestampSchema,
  author: id,
  text: longText.min(1),
});

/**
 * A score a model gave a lead, with an optional manual override kept beside it: the automated
 * value keeps updating, the override says what a person decided and why.
 *
 * @example
 * ```ts
 * import { scoreEntrySchema } from "./lead-schema.js";
 *
 * scoreEntrySchema.parse({ value: 62, at: "2026-03-01T00:00:00Z" });
 * ```
 * @category Model
 */
export const scoreEntrySchema = z.object({
  value: z.number().min(0).max(100),
  at: timestampSchema,
  override: z
    .object({
      value: z.number().min(0).max(100),
      reason: longText.min(1),
      by: id,
      at: timestampSchema,
    })
    .optional(),
});

/**
 * A contact's relationship with the company as it moves through the funnel.
 *
 * @remarks
 * `owner` is `null` while the lead sits in a shared pool; `generatedBy` is the user whose own action
 * captured it (`null` when nobody's did — inbound, campaign, import). `version` starts at 1 and goes
 * up by one with every saved change (optimistic concurrency).
 *
 * @example
 * ```ts
 * import { leadSchema } from "leadkit";
 *
 * const lead = leadSchema.parse({
 *   id: "l1", contact: { kind: "prospect", name: "Ana García", email: "ana@acme.es" },
 *   stage: "lead", owner: "u-ana", generatedBy: "u-ana",
 *   capture: { channel: "call", initiator: { kind: "user", userId: "u-ana" } },
 *   createdAt: "2026-01-10T09:00:00Z", updatedAt: "2026-01-10T09:00:00Z",
 * });
 * ```
 * @category Model
 */
export const leadSchema = z.object({
  id,
  externalId: id.optional(),
  contact: contactSchema,
  stage: z.enum(LEAD_STAGES),
  owner: id.nullable(),
  generatedBy: id.nullable(),
  team: id.optional(),
  pool: id.optional(),
  collaborators: z
    .array(z.object({ userId: id, access: z.enum(["edit", "view"]) }))
    .max(listItems)
    .default([]),
  capture: captureFactsSchema,
  source: text.min(1).optional(),
  medium: text.min(1).optional(),
  campaign: text.min(1).optional(),
  interestLevel: z.enum(INTEREST_LEVELS).default("unknown"),
  progressStatus: z.enum(PROGRESS_STATUSES).default("not_contacted"),
  tags: z.array(text.min(1)).max(listItems).default([]),
  notes: z.array(noteSchema).max(recordItems).default([]),
  interactions: z.array(interactionSchema).max(recordItems).default([]),
  history: z.array(historyEntrySchema).max(recordItems).default([]),
  scores: /* @__PURE__ */ dataRecord(id, scoreEntrySchema, listItems).default({}),
  expectedRevenue: z.number().min(0).refine(Number.isFinite, "Expected a finite amount").optional(),
  mergedFrom: z.array(id).max(recordItems).default([]),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  version: z.number().int().min(1).default(1),
});

/**
 * A lead record, as parsed (see {@link leadSchema}).
 *
 * @example
 * ```ts
 * import type { Lead } from "leadkit";
 *
 * function ownerOf(lead: Lead): string | null { return lead.owner; }
 * ```
 * @category Model
 */
export type Lead = DeepReadonly<z.output<typeof leadSchema>>;

/**
 * What {@link leadSchema} accepts: defaults may be left out, timestamps may be ISO strings.
 *
 * @example
 * ```ts
 * import { type LeadInput, safeParseLead } from "leadkit";
 *
 * const input: LeadInput = {
 *   id: "l1", contact: { kind: "prospect", name: "Ana" }, stage: "contact", owner: null, generatedBy: null,
 *   capture: { channel: "form", initiator: { kind: "contact" } },
 *   createdAt: "2026-01-10T09:00:00Z", updatedAt: "2026-01-10T09:00:00Z",
 * };
 * const parsed = safeParseLead(input);
 * if (parsed.ok) parsed.value.createdAt; // a Date
 * ```
 * @category Model
 */
export type LeadInput = z.input<typeof leadSchema>;

/**
 * How a lead was captured.
 *
 * @example
 * ```ts
 * import type { CaptureFacts } from "leadkit";
 * import { classifyOrigin, compileOriginRules, DEFAULT_ORIGIN_RULES } from "leadkit/origin";
 *
 * // The company website's form: nobody in sales started it.
 * const rules = compileOriginRules(DEFAULT_ORIGIN_RULES);
 * const facts: CaptureFacts = { channel: "form", initiator: { kind: "contact" }, capturePoint: { managedBy: "company" } };
 * classifyOrigin(rules, facts).kind; // "passive"
 * ```
 * @category Model
 */
export type CaptureFacts = DeepReadonly<z.output<typeof captureFactsSchema>>;

/**
 * One lifecycle move.
 *
 * @example
 * ```ts
 * import type { HistoryEntry, Lead } from "leadkit";
 *
 * const last = (lead: Lead): HistoryEntry | undefined => lead.history.at(-1);
 * ```
 * @category Model
 */
export type HistoryEntry = DeepReadonly<z.output<typeof historyEntrySchema>>;

/**
 * A model's score for a lead, with its manual override.
 *
 * @example
 * ```ts
 * import type { ScoreEntry } from "leadkit";
 *
 * const effective = (s: ScoreEntry) => s.override?.value ?? s.value;
 * ```
 * @category Model
 */
export type ScoreEntry = DeepReadonly<z.output<typeof scoreEntrySchema>>;
