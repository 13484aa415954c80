import {
  FUNNEL_STAGES,
  type HistoryEntry,
  isNormalizableEmail,
  isNormalizablePhone,
  type Lead,
  normalizeEmail,
  normalizePhone,
} from "../../model/index.js";
import {
  createPredictiveSetup,
  type PredictiveAdapter,
  type PredictiveConfig,
  type PredictiveConfigInput,
  type PredictiveSetup,
  type PredictiveValue,
} from "./predictive-config.js";

const funnel: ReadonlySet<string> = new Set(FUNNEL_STAGES);

/**
 * The stage a lead is in on the main path, or was in when it left it: its current stage when that
 * is a funnel stage, else the `from` of the latest move (by time) that left a funnel stage.
 *
 * @param lead - Any lead.
 * @returns A funnel stage, or `undefined` when the history does not tell.
 * @example
 * ```ts
 * import { leadPipelineStage } from "leadkit/scoring";
 *
 * declare const lostLead: import("leadkit").Lead;
 * // a lead lost from "prospect"
 * leadPipelineStage(lostLead); // "prospect"
 * ```
 * @category Scoring
 */
export function leadPipelineStage(lead: Pick<Lead, "stage" | "history">): string | undefined {
  if (funnel.has(lead.stage)) return lead.stage;
  let latest: HistoryEntry | undefined;
  for (const entry of lead.history)
    if (funnel.has(entry.from) && (latest === undefined || entry.at.getTime() >= latest.at.getTime()))
      latest = entry;
  return latest?.from;
}

const validity = (raw: string | undefined, valid: boolean): PredictiveValue =>
  raw === undefined || raw.trim() === "" ? null : valid ? "correct" : "incorrect";

/**
 * Reads leadkit's `Lead` for the predictive model.
 *
 * @remarks
 * Outcome: stage `customer` is won; `lost` and `disqualified` are lost, in the stage they left
 * (see {@link leadPipelineStage}); every other stage (including `nurturing` and `archived`) is
 * open. Team: `lead.team`. Fields: `country`, `city`, `language`, `industry`, `companySize` (the
 * contact's), `emailState` and `phoneState` (`"correct"` when {@link normalizeEmail} /
 * {@link normalizePhone} accept the value, `"incorrect"` when not, empty when absent), `source`,
 * `medium`, `campaign`, `captureChannel`, `interestLevel`, and `tags` (multiple).
 *
 * @example
 * ```ts
 * import { leadPredictiveAdapter } from "leadkit/scoring";
 *
 * leadPredictiveAdapter.fields["emailState"]?.(lead); // "correct"
 * ```
 * @category Scoring
 */
export const leadPredictiveAdapter: PredictiveAdapter<Lead> = {
  team: (lead) => lead.team,
  stage: leadPipelineStage,
  outcome: (lead) =>
    lead.stage === "customer"
      ? "won"
      : lead.stage === "lost" || lead.stage === "disqualified"
        ? "lost"
        : "open",
  fields: {
    country: (lead) => lead.contact.country,
    city: (lead) => lead.contact.city,
    language: (lead) => lead.contact.language,
    industry: (lead) => lead.contact.industry,
    companySize: (lead) => lead.contact.companySize,
    // Only the verdicts are needed, not the normalised address and number: no string per lead.
    emailState: (lead) => validity(lead.contact.email, isNormalizableEmail(lead.contact.email)),
    phoneState: (lead) => validity(lead.contact.phone, isNormalizablePhone(lead.contact.phone)),
    source: (lead) => lead.source,
    medium: (lead) => lead.medium,
    campaign: (lead) => lead.campaign,
    captureChannel: (lead) => lead.capture.channel,
    interestLevel: (lead) => lead.interestLevel,
    tags: (lead) => lead.tags,
  },
};

/**
 * The ready configuration for leadkit's `Lead`, with Odoo's default fields: the funnel stages in
 * order (`customer` won), country, email and phone validity, source, language and tags.
 *
 * @example
 * ```ts
 * import { createPredictiveSetup, LEAD_PREDICTIVE_CONFIG, leadPredictiveAdapter } from "leadkit/scoring";
 *
 * const setup = createPredictiveSetup(LEAD_PREDICTIVE_CONFIG, leadPredictiveAdapter);
 * ```
 * @category Scoring
 */
export const LEAD_PREDICTIVE_CONFIG: PredictiveConfig = {
  stages: FUNNEL_STAGES.map((id) => ({ id })),
  wonStage: "customer",
  fields: [
    { name: "country", multiple: false, countEmpty: false },
    { name: "emailState", multiple: false, countEmpty: true },
    { name: "phoneState", multiple: false, countEmpty: true },
    { name: "source", multiple: false, countEmpty: false },
    { name: "language", multiple: false, countEmpty: false },
    { name: "tags", multiple: true, countEmpty: false },
  ],
};

/**
 * The validated setup for leadkit's `Lead`: {@link LEAD_PREDICTIVE_CONFIG} (or your fields) read
 * with {@link leadPredictiveAdapter}.
 *
 * @param fields - Replaces the configuration's fields, e.g. to add `captureChannel`.
 * @returns The setup to fit, update and score with.
 * @throws LeadKitError `invalid_definition` when a field is unknown.
 * @example
 * ```ts
 * import { leadPredictiveSetup } from "leadkit/scoring";
 *
 * const setup = leadPredictiveSetup([{ name: "country" }, { name: "captureChannel" }]);
 * ```
 * @category Scoring
 */
export function leadPredictiveSetup(fields?: PredictiveConfigInput["fields"]): PredictiveSetup<Lead> {
  return createPredictiveSetup(
    fields === undefined ? LEAD_PREDICTIVE_CONFIG : { ...LEAD_PREDICTIVE_CONFIG, fields },
    leadPredictiveAdapter,
  );
}
