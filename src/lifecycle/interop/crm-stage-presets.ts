import type { CrmStageMapping } from "./crm-stage-mapping.js";

/**
 * HubSpot's lifecycle stage (internal values). Lossy where the two models differ: marketing- and
 * plain leads are both `lead`, an evangelist is a `customer`; `other` has no counterpart, nor do
 * nurturing, disqualified, lost and archived (HubSpot records those in the lead status instead).
 *
 * | HubSpot | leadkit |
 * |---|---|
 * | subscriber | contact |
 * | lead, marketingqualifiedlead | lead |
 * | salesqualifiedlead | prospect |
 * | opportunity | potential_client |
 * | customer, evangelist | customer |
 * | other | — |
 *
 * @example
 * ```ts
 * import { fromCrmStage, HUBSPOT_LIFECYCLE_STAGE_MAPPING } from "leadkit/lifecycle";
 *
 * fromCrmStage(HUBSPOT_LIFECYCLE_STAGE_MAPPING, "salesqualifiedlead"); // ok: "prospect"
 * ```
 * @category Lifecycle
 */
export const HUBSPOT_LIFECYCLE_STAGE_MAPPING: CrmStageMapping = {
  id: "hubspot.lifecycle_stage",
  system: "HubSpot lifecycle stage",
  toLeadkit: {
    subscriber: "contact",
    lead: "lead",
    marketingqualifiedlead: "lead",
    salesqualifiedlead: "prospect",
    opportunity: "potential_client",
    customer: "customer",
    evangelist: "customer",
    other: null,
  },
  fromLeadkit: {
    contact: "subscriber",
    lead: "lead",
    prospect: "salesqualifiedlead",
    potential_client: "opportunity",
    customer: "customer",
    nurturing: null,
    disqualified: null,
    lost: null,
    archived: null,
  },
};

/**
 * Salesforce's default lead statuses. A Salesforce lead is converted once qualified, so everything
 * from prospect on is `Closed - Converted`; disqualified and lost are `Closed - Not Converted`. A
 * bare contact, nurturing and archived have no counterpart.
 *
 * | Salesforce | leadkit |
 * |---|---|
 * | Open - Not Contacted, Working - Contacted | lead |
 * | Closed - Converted | prospect |
 * | Closed - Not Converted | disqualified |
 *
 * @example
 * ```ts
 * import { SALESFORCE_LEAD_STATUS_MAPPING, toCrmStage } from "leadkit/lifecycle";
 *
 * toCrmStage(SALESFORCE_LEAD_STATUS_MAPPING, "potential_client"); // ok: "Closed - Converted"
 * ```
 * @category Lifecycle
 */
export const SALESFORCE_LEAD_STATUS_MAPPING: CrmStageMapping = {
  id: "salesforce.lead_status",
  system: "Salesforce lead status",
  toLeadkit: {
    "Open - Not Contacted": "lead",
    "Working - Contacted": "lead",
    "Closed - Converted": "prospect",
    "Closed - Not Converted": "disqualified",
  },
  fromLeadkit: {
    contact: null,
    lead: "Working - Contacted",
    prospect: "Closed - Converted",
    potential_client: "Closed - Converted",
    customer: "Closed - Converted",
    nurturing: null,
    disqualified: "Closed - Not Converted",
    lost: "Closed - Not Converted",
    archived: null,
  },
};

/**
 * EspoCRM's lead statuses. New, Assigned and In Process are all `lead`; Converted is `prospect`
 * (conversion creates the opportunity); Recycled is `nurturing`; Dead is `disqualified`. A bare
 * contact and archived have no counterpart.
 *
 * | EspoCRM | leadkit |
 * |---|---|
 * | New, Assigned, In Process | lead |
 * | Converted | prospect |
 * | Recycled | nurturing |
 * | Dead | disqualified |
 *
 * @example
 * ```ts
 * import { ESPOCRM_LEAD_STATUS_MAPPING, fromCrmStage } from "leadkit/lifecycle";
 *
 * fromCrmStage(ESPOCRM_LEAD_STATUS_MAPPING, "Recycled"); // ok: "nurturing"
 * ```
 * @category Lifecycle
 */
export const ESPOCRM_LEAD_STATUS_MAPPING: CrmStageMapping = {
  id: "espocrm.lead_status",
  system: "EspoCRM lead status",
  toLeadkit: {
    New: "lead",
    Assigned: "lead",
    "In Process": "lead",
    Converted: "prospect",
    Recycled: "nurturing",
    Dead: "disqualified",
  },
  fromLeadkit: {
    contact: null,
    lead: "In Process",
    prospect: "Converted",
    potential_client: "Converted",
    customer: "Converted",
    nurturing: "Recycled",
    disqualified: "Dead",
    lost: "Dead",
    archived: null,
  },
};

/**
 * SuiteCRM's lead statuses: the same values as EspoCRM (both descend from SugarCRM), under SuiteCRM's
 * name.
 *
 * @example
 * ```ts
 * import { SUITECRM_LEAD_STATUS_MAPPING, toCrmStage } from "leadkit/lifecycle";
 *
 * toCrmStage(SUITECRM_LEAD_STATUS_MAPPING, "lost"); // ok: "Dead"
 * ```
 * @category Lifecycle
 */
export const SUITECRM_LEAD_STATUS_MAPPING: CrmStageMapping = {
  ...ESPOCRM_LEAD_STATUS_MAPPING,
  id: "suitecrm.lead_status",
  system: "SuiteCRM lead status",
};
