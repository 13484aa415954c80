import * as z from "zod";
import {
  dataRecord,
  describeValue,
  err,
  INPUT_LIMITS,
  type Issue,
  issue,
  listValues,
  ok,
  quoteValue,
  type Result,
} from "../../internal/index.js";
import type { LeadStage } from "../../model/index.js";

/**
 * Schema of a {@link CrmStageMapping}.
 *
 * @example
 * ```ts
 * import { crmStageMappingSchema, HUBSPOT_LIFECYCLE_STAGE_MAPPING } from "leadkit/lifecycle";
 *
 * crmStageMappingSchema.parse(HUBSPOT_LIFECYCLE_STAGE_MAPPING);
 * ```
 * @category Lifecycle
 */
export const crmStageMappingSchema = z.object({
  id: z.string().min(1).max(INPUT_LIMITS.idLength),
  system: z.string().min(1).max(INPUT_LIMITS.textLength),
  toLeadkit: dataRecord(
    z.string().max(INPUT_LIMITS.textLength),
    z.string().min(1).max(INPUT_LIMITS.idLength).nullable(),
    INPUT_LIMITS.listItems,
  ),
  fromLeadkit: dataRecord(
    z.string().max(INPUT_LIMITS.idLength),
    z.string().min(1).max(INPUT_LIMITS.textLength).nullable(),
    INPUT_LIMITS.listItems,
  ),
});

/**
 * A two-way table between a CRM's stage or status values and lifecycle stages. `null` records that
 * a value has no counterpart: it is reported, never guessed.
 *
 * @example
 * ```ts
 * import { type CrmStageMapping, HUBSPOT_LIFECYCLE_STAGE_MAPPING, toCrmStage } from "leadkit/lifecycle";
 *
 * // Our HubSpot portal keeps nurtured leads as plain leads.
 * const mapping: CrmStageMapping = {
 *   ...HUBSPOT_LIFECYCLE_STAGE_MAPPING,
 *   fromLeadkit: { ...HUBSPOT_LIFECYCLE_STAGE_MAPPING.fromLeadkit, nurturing: "lead" },
 * };
 * toCrmStage(mapping, "nurturing"); // { ok: true, value: "lead" }
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
 * import { fromCrmStage, HUBSPOT_LIFECYCLE_STAGE_MAPPING } from "leadkit/lifecycle";
 *
 * fromCrmStage(HUBSPOT_LIFECYCLE_STAGE_MAPPING, "opportunity"); // { ok: true, value: "potential_client" }
 * ```
 * @category Lifecycle
 */
export function fromCrmStage<S extends string>(mapping: CrmStageMapping<S>, value: string): Result<S> {
  const invalid = mappingIssue(mapping, "toLeadkit");
  if (invalid !== undefined) return err([invalid]);
  const stage = typeof value === "string" ? lookup(mapping.toLeadkit, value) : undefined;
  if (stage === undefined) {
    return err([
      issue(
        "unknown_crm_value",
        [],
        `${quoteValue(value)} is not a known ${mapping.system} value; expected one of ${listValues(Object.keys(mapping.toLeadkit))}`,
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
  if (typeof stage !== "string")
    return err([
      issue(
        "invalid_type",
        ["toLeadkit", value],
        `Mapping "${mapping.id}" maps "${value}" to ${describeValue(stage)}; expected a stage name or null`,
      ),
    ]);
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
 * import { SALESFORCE_LEAD_STATUS_MAPPING, toCrmStage } from "leadkit/lifecycle";
 *
 * toCrmStage(SALESFORCE_LEAD_STATUS_MAPPING, "disqualified"); // { ok: true, value: "Closed - Not Converted" }
 * ```
 * @category Lifecycle
 */
export function toCrmStage<S extends string>(mapping: CrmStageMapping<S>, stage: S): Result<string> {
  const invalid = mappingIssue(mapping, "fromLeadkit");
  if (invalid !== undefined) return err([invalid]);
  const value: unknown =
    typeof stage === "string" && Object.hasOwn(mapping.fromLeadkit, stage)
      ? (mapping.fromLeadkit as Readonly<Record<string, unknown>>)[stage]
      : undefined;
  if (value === undefined || value === null) {
    return err([
      issue(
        "no_counterpart",
        [],
        `Stage ${quoteValue(stage)} has no ${mapping.system} counterpart in mapping "${mapping.id}"`,
      ),
    ]);
  }
  if (typeof value !== "string")
    return err([
      issue(
        "invalid_type",
        ["fromLeadkit", stage],
        `Mapping "${mapping.id}" maps stage "${stage}" to ${describeValue(value)}; expected a CRM value or null`,
      ),
    ]);
  return ok(value);
}

/** What is wrong with a mapping that did not come from typed code or the schema, if anything. */
function mappingIssue(mapping: unknown, table: "toLeadkit" | "fromLeadkit"): Issue | undefined {
  if (mapping === null || typeof mapping !== "object")
    return issue("invalid_type", [], `Expected a CRM stage mapping; got ${describeValue(mapping)}`);
  const m = mapping as Readonly<Record<string, unknown>>;
  for (const name of ["id", "system"])
    if (typeof m[name] !== "string")
      return issue(
        "invalid_type",
        [name],
        `The mapping's ${name} must be a string; got ${describeValue(m[name])}`,
      );
  const values = m[table];
  if (values === null || typeof values !== "object" || Array.isArray(values))
    return issue(
      "invalid_type",
      [table],
      `The mapping's ${table} must be an object; got ${describeValue(values)}`,
    );
  return undefined;
}
