import * as z from "zod";
import {
  type DeepReadonly,
  err,
  type Issue,
  issue,
  type Result,
  safeParseWith,
  unwrapOrThrow,
} from "../internal/index.js";
import { LEAD_STAGES, type LeadStage } from "../model/index.js";

/** The stage of an open opportunity (a potential client, docs/lead-model.md): a deal in the making. */
const OPEN_OPPORTUNITY_STAGES: readonly LeadStage[] = ["potential_client"];

const retentionPolicyShape = /* @__PURE__ */ z.strictObject({
  $schema: z.string().optional(),
  /** Calendar months without activity before a lead is erased: 1–1,200. */
  inactiveMonths: z.number().int().min(1).max(1200),
  /** Stages whose leads are kept whatever their activity. */
  exceptStages: z.array(z.enum(LEAD_STAGES)).max(LEAD_STAGES.length).default([]),
  /** Set to `true` to erase idle customers too (when `customer` is not in `exceptStages`). */
  eraseCustomers: z.boolean().optional(),
  /** Set to `true` to erase idle open opportunities too (stage `potential_client`). */
  eraseOpenOpportunities: z.boolean().optional(),
});

type PolicyShape = z.output<typeof retentionPolicyShape>;

/** What a well-formed policy would erase without saying so: customers, open opportunities. */
function unsaidErasures(
  policy: Pick<PolicyShape, "exceptStages" | "eraseCustomers" | "eraseOpenOpportunities">,
): Issue[] {
  const swept = (stage: LeadStage) => !policy.exceptStages.includes(stage);
  const issues: Issue[] = [];
  if (swept("customer") && policy.eraseCustomers !== true)
    issues.push(
      issue(
        "erases_customers",
        ["exceptStages"],
        'This policy would erase idle customers (stage "customer"); expected "customer" in exceptStages, or eraseCustomers: true to erase them on purpose',
      ),
    );
  if (OPEN_OPPORTUNITY_STAGES.some(swept) && policy.eraseOpenOpportunities !== true)
    issues.push(
      issue(
        "erases_open_opportunities",
        ["exceptStages"],
        'This policy would erase idle open opportunities (stage "potential_client"); expected "potential_client" in exceptStages, or eraseOpenOpportunities: true to erase them on purpose',
      ),
    );
  return issues;
}

/**
 * A retention policy as data: erase the personal data of leads with no activity (the model's
 * `lastActivityAt`: creation, stage moves, interactions) for `inactiveMonths` calendar months,
 * except leads in `exceptStages`.
 *
 * @remarks
 * Erasing a customer (stage `customer`) or an open opportunity (stage `potential_client`) is rarely
 * meant: a policy that would do it must say so, with `eraseCustomers: true` or
 * `eraseOpenOpportunities: true`, or list the stage in `exceptStages`. Otherwise the policy is
 * refused with an `erases_customers` or `erases_open_opportunities` issue.
 *
 * @example
 * ```ts
 * import { retentionPolicySchema } from "leadkit/services";
 *
 * // "Erase leads with no activity for 36 months, except customers and open opportunities."
 * retentionPolicySchema.parse({ inactiveMonths: 36, exceptStages: ["customer", "potential_client"] });
 * ```
 * @category Services
 */
export const retentionPolicySchema = /* @__PURE__ */ retentionPolicyShape.superRefine((policy, ctx) => {
  for (const found of unsaidErasures(policy))
    ctx.addIssue({ code: "custom", path: [...found.path], message: found.message });
});

/**
 * A validated retention policy (see {@link retentionPolicySchema}).
 *
 * @example
 * ```ts
 * import type { RetentionPolicy } from "leadkit/services";
 *
 * // Customers and open opportunities are kept; everyone else is erased after three quiet years.
 * const policy: RetentionPolicy = { inactiveMonths: 36, exceptStages: ["customer", "potential_client"] };
 * await service.sweepRetention({ actor: "system", policy });
 * ```
 * @category Services
 */
export type RetentionPolicy = DeepReadonly<z.output<typeof retentionPolicySchema>>;

/**
 * What {@link retentionPolicySchema} accepts: `exceptStages` may be left out.
 *
 * @example
 * ```ts
 * import type { RetentionPolicyInput } from "leadkit/services";
 *
 * // A policy from your settings page, as JSON: the sweep validates it and answers issues if it is wrong.
 * const input: RetentionPolicyInput = { inactiveMonths: 24, exceptStages: ["customer"], eraseOpenOpportunities: true };
 * const swept = await service.sweepRetention({ actor: "system", policy: input });
 * if (!swept.ok) console.log(swept.issues);
 * ```
 * @category Services
 */
export type RetentionPolicyInput = z.input<typeof retentionPolicySchema>;

/**
 * Validates any value as a retention policy; never throws.
 *
 * @param input - Any value, typically parsed JSON.
 * @returns The policy, or issues with paths: zod's for a malformed policy, and `erases_customers`
 *   or `erases_open_opportunities` for a policy that would erase those without saying so.
 * @example
 * ```ts
 * import { safeParseRetentionPolicy } from "leadkit/services";
 *
 * safeParseRetentionPolicy({ inactiveMonths: 36 });
 * // { ok: false, issues: [{ code: "erases_customers", … }, { code: "erases_open_opportunities", … }] }
 * ```
 * @category Services
 */
export function safeParseRetentionPolicy(input: unknown): Result<RetentionPolicy> {
  const parsed = safeParseWith(retentionPolicySchema, input);
  if (parsed.ok) return parsed as Result<RetentionPolicy>;
  // The schema says an unsaid erasure as zod's "custom": say it with its own code instead.
  const own = parsed.issues.filter((i) => i.code !== "custom");
  const shape = retentionPolicyShape.safeParse(input);
  return err([...own, ...(shape.success ? unsaidErasures(shape.data) : [])]);
}

/**
 * Validates any value as a retention policy, throwing on a bad one.
 *
 * @param input - Any value, typically parsed JSON.
 * @returns The policy.
 * @throws `LeadKitError` with code `invalid_input` and every issue, like every `parse*` twin.
 * @example
 * ```ts
 * import { parseRetentionPolicy } from "leadkit/services";
 *
 * const policy = parseRetentionPolicy({ inactiveMonths: 36, exceptStages: ["customer", "potential_client"] });
 * ```
 * @category Services
 */
export function parseRetentionPolicy(input: unknown): RetentionPolicy {
  return unwrapOrThrow(safeParseRetentionPolicy(input), "retention policy");
}

/** The instant `months` calendar months (UTC) before `now`, the day clamped to the month's length. */
export function monthsBefore(now: Date, months: number): Date {
  const target = new Date(now.getTime());
  const day = target.getUTCDate();
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() - months);
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, last));
  return target;
}

/** The stages a policy sweeps: every stage not excepted. */
export function sweptStages(policy: RetentionPolicy): LeadStage[] {
  return LEAD_STAGES.filter((stage) => !policy.exceptStages.includes(stage));
}
