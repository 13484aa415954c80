import * as z from "zod";
import {
  capIssues,
  type DeepReadonly,
  describeValue,
  err,
  fromZodIssues,
  INPUT_LIMITS,
  type Issue,
  issue,
  listValues,
  ok,
  type Result,
  unwrapOrThrow,
} from "../../internal/index.js";

/**
 * The field name the stage uses in fit statistics; configuration fields may not use it.
 *
 * @example
 * ```ts
 * import { PREDICTIVE_STAGE_FIELD } from "./predictive-config.js";
 *
 * declare const stats: import("leadkit/scoring").PredictiveStats;
 * stats.cells.filter((c) => c.field === PREDICTIVE_STAGE_FIELD);
 * ```
 * @category Scoring
 */
export const PREDICTIVE_STAGE_FIELD = "stage";

const name = z.string().min(1).max(INPUT_LIMITS.idLength);

/**
 * Configuration of a predictive (Odoo-compatible naive-Bayes) model: the ordered stages, the won
 * stage, and which fields count. Plain JSON data.
 *
 * @remarks
 * `stages` are in pipeline order; the prior is read from the first stage that lists no `teams`
 * (Odoo's "first stage belonging to no team"). A multiple field (tags) contributes one row per
 * value; its values seen fewer than `minSupport` times (won + lost, default 50 for multiple
 * fields, 0 otherwise) are ignored when scoring. `countEmpty` makes an empty value a value of its
 * own, as Odoo does for email and phone validity.
 *
 * @example
 * ```ts
 * import { predictiveConfigSchema } from "leadkit/scoring";
 *
 * predictiveConfigSchema.parse({
 *   stages: [{ id: "new" }, { id: "qualified" }, { id: "won" }],
 *   wonStage: "won",
 *   fields: [{ name: "country" }, { name: "tags", multiple: true }],
 * });
 * ```
 * @category Scoring
 */
export const predictiveConfigSchema = z
  .object({
    stages: z
      .array(z.strictObject({ id: name, teams: z.array(name).max(INPUT_LIMITS.listItems).optional() }))
      .min(1, "Expected at least one stage")
      .max(INPUT_LIMITS.listItems),
    wonStage: name,
    fields: z
      .array(
        z.strictObject({
          name: name.refine((n) => n !== PREDICTIVE_STAGE_FIELD, {
            message: `"${PREDICTIVE_STAGE_FIELD}" is reserved: the stage always counts and needs no field entry`,
          }),
          multiple: z.boolean().default(false),
          countEmpty: z.boolean().default(false),
          minSupport: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
        }),
      )
      .max(INPUT_LIMITS.listItems),
  })
  .strict()
  .superRefine((config, ctx) => {
    // Sets, not indexOf: a long list of stages or fields must not cost the square of its length.
    const stageIds = new Set<string>();
    config.stages.forEach(({ id }, i) => {
      if (stageIds.has(id))
        ctx.addIssue({ code: "custom", path: ["stages", i, "id"], message: `Stage "${id}" is listed twice` });
      stageIds.add(id);
    });
    if (!stageIds.has(config.wonStage))
      ctx.addIssue({
        code: "custom",
        path: ["wonStage"],
        message: `Won stage "${config.wonStage}" is not one of the stages (${listValues(stageIds)})`,
      });
    if (!config.stages.some((s) => s.teams === undefined || s.teams.length === 0))
      ctx.addIssue({
        code: "custom",
        path: ["stages"],
        message:
          "Expected at least one stage that belongs to no team: the prior is read from the first such stage",
      });
    const fieldNames = new Set<string>();
    config.fields.forEach(({ name: n }, i) => {
      if (fieldNames.has(n))
        ctx.addIssue({
          code: "custom",
          path: ["fields", i, "name"],
          message: `Field "${n}" is listed twice`,
        });
      fieldNames.add(n);
    });
  });

/**
 * A validated predictive configuration (see {@link predictiveConfigSchema}).
 *
 * @example
 * ```ts
 * import { LEAD_PREDICTIVE_CONFIG, leadPredictiveSetup, type PredictiveConfig } from "leadkit/scoring";
 *
 * // The lead defaults without the phone's state: a field list of your own.
 * const config: PredictiveConfig = LEAD_PREDICTIVE_CONFIG;
 * leadPredictiveSetup(config.fields.filter((f) => f.name !== "phoneState"));
 * ```
 * @category Scoring
 */
export type PredictiveConfig = DeepReadonly<z.output<typeof predictiveConfigSchema>>;

/**
 * What {@link predictiveConfigSchema} accepts: defaults may be left out.
 *
 * @example
 * ```ts
 * import { createPredictiveSetup, type PredictiveConfigInput } from "leadkit/scoring";
 *
 * // Tickets, not leads: a configuration of your own, with an adapter that reads your records.
 * type Ticket = { readonly stage: string; readonly status: "won" | "lost" | "open"; readonly plan: string };
 * const input: PredictiveConfigInput = { stages: [{ id: "new" }, { id: "won" }], wonStage: "won", fields: [{ name: "plan" }] };
 * createPredictiveSetup<Ticket>(input, { team: () => null, stage: (t) => t.stage, outcome: (t) => t.status, fields: { plan: (t) => t.plan } });
 * ```
 * @category Scoring
 */
export type PredictiveConfigInput = z.input<typeof predictiveConfigSchema>;

/**
 * A value a field extractor returns: a scalar, empty (`null`, `undefined`, `""`), or a list for a
 * multiple field. Values are compared as text (`String(value)`).
 *
 * @example
 * ```ts
 * import { createPredictiveSetup, LEAD_PREDICTIVE_CONFIG, leadPredictiveAdapter, type PredictiveValue } from "leadkit/scoring";
 *
 * // A multiple field reads a list: each tag is a factor of its own.
 * const tagsOf = (lead: import("leadkit").Lead): PredictiveValue => lead.tags;
 * createPredictiveSetup(
 *   { ...LEAD_PREDICTIVE_CONFIG, fields: [{ name: "labels", multiple: true }] },
 *   { ...leadPredictiveAdapter, fields: { labels: tagsOf } },
 * );
 * ```
 * @category Scoring
 */
export type PredictiveValue = string | number | boolean | null | undefined | readonly (string | number)[];

/**
 * How a closed or open record ended, as the predictive model sees it.
 *
 * @example
 * ```ts
 * import type { PredictiveAdapter, PredictiveOutcome } from "leadkit/scoring";
 *
 * // How your records say they were won or lost.
 * const outcomeOf = (status: string): PredictiveOutcome => (status === "closed_won" ? "won" : status === "closed_lost" ? "lost" : "open");
 * const adapter: PredictiveAdapter<{ readonly status: string; readonly stage: string }> = {
 *   team: () => null, stage: (r) => r.stage, outcome: (r) => outcomeOf(r.status), fields: {},
 * };
 * adapter.outcome({ status: "closed_won", stage: "won" }); // "won"
 * ```
 * @category Scoring
 */
export type PredictiveOutcome = "won" | "lost" | "open";

/**
 * How to read the predictive model's inputs from your own records: a small strategy record, so the
 * same model works on leadkit's `Lead` and on any row type.
 *
 * @example
 * ```ts
 * import { createPredictiveSetup, fitPredictiveStats, type PredictiveAdapter } from "leadkit/scoring";
 *
 * type Deal = { team?: string; stage: string; status: string; country?: string };
 * const adapter: PredictiveAdapter<Deal> = {
 *   team: (r) => r.team,
 *   stage: (r) => r.stage,
 *   outcome: (r) => (r.status === "won" ? "won" : r.status === "lost" ? "lost" : "open"),
 *   fields: { country: (r) => r.country },
 * };
 * declare const deals: readonly Deal[];
 * const setup = createPredictiveSetup({ stages: [{ id: "open" }, { id: "won" }], wonStage: "won", fields: [{ name: "country" }] }, adapter);
 * fitPredictiveStats(setup, deals).stats;
 * ```
 * @category Scoring
 */
export interface PredictiveAdapter<T> {
  /** The record's sales team; `null`/`undefined` for none. */
  readonly team: (record: T) => string | null | undefined;
  /**
   * The record's pipeline stage: for an open record its current stage, for a lost one the stage
   * it was lost in; `undefined` when it cannot be told.
   */
  readonly stage: (record: T) => string | null | undefined;
  /** Whether the record is won, lost or still open. */
  readonly outcome: (record: T) => PredictiveOutcome;
  /** One extractor per field a configuration may name. */
  readonly fields: Readonly<Record<string, (record: T) => PredictiveValue>>;
}

/**
 * A configuration checked against an adapter: what fitting, updating and scoring take.
 *
 * @example
 * ```ts
 * import type { Lead } from "leadkit";
 * import { buildPredictiveModel, fitPredictiveStats, leadPredictiveSetup, type PredictiveSetup } from "leadkit/scoring";
 *
 * const setup: PredictiveSetup<Lead> = leadPredictiveSetup();
 * buildPredictiveModel(setup, fitPredictiveStats(setup, leads).stats);
 * ```
 * @category Scoring
 */
export interface PredictiveSetup<T> {
  /** The validated configuration. */
  readonly config: PredictiveConfig;
  /** How to read records. */
  readonly adapter: PredictiveAdapter<T>;
}

/**
 * Validates a predictive configuration and checks that the adapter can extract every field it
 * names; never throws.
 *
 * @param config - The configuration, typically parsed JSON.
 * @param adapter - How to read records.
 * @returns The setup, or issues with paths (`unknown_field` at `["fields", i, "name"]`, zod codes
 *   for malformed configuration).
 * @example
 * ```ts
 * import { LEAD_PREDICTIVE_CONFIG, leadPredictiveAdapter, safeCreatePredictiveSetup } from "leadkit/scoring";
 *
 * const r = safeCreatePredictiveSetup({ ...LEAD_PREDICTIVE_CONFIG, fields: [{ name: "shoeSize" }] }, leadPredictiveAdapter);
 * // r.ok === false; r.issues[0].code === "unknown_field"
 * ```
 * @category Scoring
 */
export function safeCreatePredictiveSetup<T>(
  config: unknown,
  adapter: PredictiveAdapter<T>,
): Result<PredictiveSetup<T>> {
  const parsed = predictiveConfigSchema.safeParse(config);
  if (!parsed.success) return err(fromZodIssues(parsed.error.issues));
  const fields: unknown = (adapter as { readonly fields?: unknown } | null)?.fields;
  if (fields === null || typeof fields !== "object")
    return err([
      issue(
        "invalid_type",
        ["adapter", "fields"],
        `The adapter needs its fields; got ${describeValue(fields)}`,
      ),
    ]);
  let known: string | undefined;
  const issues: Issue[] = [];
  parsed.data.fields.forEach((field, i) => {
    if (!Object.hasOwn(fields, field.name)) {
      known ??= listValues(Object.keys(fields), "(the adapter has no fields)");
      issues.push(
        issue(
          "unknown_field",
          ["fields", i, "name"],
          `Unknown field "${field.name}"; expected one of ${known}`,
        ),
      );
    }
  });
  return issues.length > 0 ? err(capIssues(issues)) : ok({ config: parsed.data, adapter });
}

/**
 * Throwing twin of {@link safeCreatePredictiveSetup}.
 *
 * @param config - The configuration.
 * @param adapter - How to read records.
 * @returns The setup.
 * @throws LeadKitError with code `invalid_definition` and the issues.
 * @example
 * ```ts
 * import { createPredictiveSetup, LEAD_PREDICTIVE_CONFIG, leadPredictiveAdapter } from "leadkit/scoring";
 *
 * const setup = createPredictiveSetup(LEAD_PREDICTIVE_CONFIG, leadPredictiveAdapter);
 * ```
 * @category Scoring
 */
export function createPredictiveSetup<T>(config: unknown, adapter: PredictiveAdapter<T>): PredictiveSetup<T> {
  return unwrapOrThrow(
    safeCreatePredictiveSetup(config, adapter),
    "predictive configuration",
    "invalid_definition",
  );
}

/**
 * The JSON Schema of a predictive configuration, for editors and other languages.
 *
 * @returns A JSON Schema object.
 * @example
 * ```ts
 * import { predictiveConfigJsonSchema } from "leadkit/scoring";
 *
 * const schema = predictiveConfigJsonSchema();
 * ```
 * @category Scoring
 */
export function predictiveConfigJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(predictiveConfigSchema, { io: "input", unrepresentable: "any" }) as Record<
    string,
    unknown
  >;
}
