import * as z from "zod";
import { err, issue, ok, type Result } from "../internal/index.js";
import type { LeadStage } from "../model/index.js";

/**
 * Schema of a {@link CrmStageMapping}.
 *
 * @example
 * ```ts
 * crmStageMappingSchema.parse(HUBSPOT_LIFECYCLE_STAGE_MAPPING);
 * ```
 * @category Lifecycle
 */
export const crmStageMappingSchema = z.object({
  id: z.string().min(1),
  system: z.string().min(1),
  toLeadkit: z.record(z.string(), z.string().min(1).nullable()),
  fromLeadkit: z.record(z.string(), z.string().min(1).nullable()),
});

/**
 * A two-way table between a CRM's stage or status values and lifecycle stages. `null` records that
 * a value has no counterpart: it is reported, never guessed.
 *
 * @example
 * ```ts
 * const mapping: CrmStageMapping = {
 *   ...HUBSPOT_LIFECYCLE_STAGE_MAPPING,
 *   fromLeadkit: { ...HUBSPOT_LIFECYCLE_STAGE_MAPPING.fromLeadkit, nurturing: "lead" },
 * };
 * ```
 * @category Lifecycle
 */
export interface CrmStageMapping<S extends string = LeadStage> {
  /** Identifier, e.g. `"hubspot.lifecycle_stage"`. */
  readonly id: string;
  /** The CRM field, for messages, e.g. `"HubSpot lifecycle stage"`. */
  readonly system: string;
  /** CRM value → stage; `null` when the value has no counterpart. */
  readonly toLeadkit: Readonly<Record<string, S | null>>;
  /** Stage → CRM value; `null` (or absent) when the stage has no counterpart. */
  readonly fromLeadkit: Readonly<Partial<Record<S, string | null>>>;
}

function lookup<V>(table: Readonly<Record<string, V>>, value: string): V | undefined {
  if (Object.hasOwn(table, value)) return table[value];
  const wanted = value.trim().toLowerCase();
  for (const key of Object.keys(table)) if (key.toLowerCase() === wanted) return table[key];
  return undefined;
}

/**
 * Translates a CRM's stage or status value to a lifecycle stage. Matching is exact, then ignoring
 * case and surrounding spaces.
 *
 * @param mapping - A preset such as {@link HUBSPOT_LIFECYCLE_STAGE_MAPPING}, or your own.
 * @param value - The CRM's value, e.g. `"salesqualifiedlead"`.
 * @returns The stage, or an issue: `unknown_crm_value` (not in the table) or `no_counterpart`.
 * @example
 * ```ts
 * fromCrmStage(HUBSPOT_LIFECYCLE_STAGE_MAPPING, "opportunity"); // { ok: true, value: "potential_client" }
 * ```
 * @category Lifecycle
 */
export function fromCrmStage<S extends string>(mapping: CrmStageMapping<S>, value: string): Result<S> {
  const stage = lookup(mapping.toLeadkit, value);
  if (stage === undefined) {
    return err([
      issue(
        "unknown_crm_value",
        [],
        `"${value}" is not a known ${mapping.system} value; expected one of ${Object.keys(mapping.toLeadkit).join(", ")}`,
      ),
    ]);
  }
  if (stage === null) {
    return err([
      issue(
        "no_counterpart",
        [],
        `${mapping.system} "${value}" has no counterpart among the lifecycle's stages`,
      ),
    ]);
  }
  return ok(stage);
}

/**
 * Translates a lifecycle stage to a CRM's stage or status value.
 *
 * @param mapping - A preset such as {@link SALESFORCE_LEAD_STATUS_MAPPING}, or your own.
 * @param stage - The stage.
 * @returns The CRM value, or a `no_counterpart` issue.
 * @example
 * ```ts
 * toCrmStage(SALESFORCE_LEAD_STATUS_MAPPING, "disqualified"); // { ok: true, value: "Closed - Not Converted" }
 * ```
 * @category Lifecycle
 */
export function toCrmStage<S extends string>(mapping: CrmStageMapping<S>, stage: S): Result<string> {
  const value = Object.hasOwn(mapping.fromLeadkit, stage)
    ? (mapping.fromLeadkit as Readonly<Record<string, string | null>>)[stage]
    : undefined;
  if (value === undefined || value === null) {
    return err([
      issue(
        "no_counterpart",
        [],
        `Stage "${stage}" has no ${mapping.system} counterpart in mapping "${mapping.id}"`,
      ),
    ]);
  }
  return ok(value);
}
