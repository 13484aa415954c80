import * as z from "zod";
import {
  err,
  fromZodIssues,
  INPUT_LIMITS,
  type Issue,
  issue,
  ok,
  once,
  type Result,
  unstorableTextIssues,
} from "../internal/index.js";
import { lifecycleEvidenceSchema, stalenessPolicySchema } from "../lifecycle/index.js";
import { captureFactsSchema } from "../model/index.js";
import { criterionEvidenceSchema } from "../qualification/index.js";

// Every command is validated here before anything else reads it: a command is whatever a caller
// sent (often parsed JSON), and the service answers issues for any value, never throws.

const maxItems = INPUT_LIMITS.listItems;

/** The schema of every command shape; built on the first command, not at import. */
function buildCommandSchemas() {
  const text = z.string().max(10_000);
  const id = z.string().min(1).max(200);
  const version = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
  const record = z.record(z.string(), z.unknown());

  const envelope = z.object({ actor: id });
  const leadCommand = envelope.extend({
    leadId: id,
    expectedVersion: version.optional(),
    reason: text.optional(),
  });

  /** How long a list in a command may be: longer ones are refused before their items are read. */
  return {
    get: envelope.extend({ leadId: id }),
    lead: leadCommand,
    capture: envelope.extend({
      externalId: id.optional(),
      contact: z.unknown(),
      capture: captureFactsSchema,
      stage: z.enum(["contact", "lead"]).optional(),
      owner: id.optional(),
      team: text.optional(),
      source: text.optional(),
      medium: text.optional(),
      campaign: text.optional(),
      tags: z.array(z.string().max(200)).max(maxItems).optional(),
      interactions: z.array(record).max(maxItems).optional(),
      onDuplicate: z.enum(["propose", "create"]).optional(),
    }),
    recordInteraction: leadCommand.extend({ interaction: record }),
    qualify: leadCommand.extend({
      framework: record,
      evidence: z.array(criterionEvidenceSchema).max(maxItems),
      options: record.optional(),
    }),
    transition: leadCommand.extend({
      event: z.union([
        id,
        z.object({
          type: id,
          reason: text.optional(),
          evidence: z.array(lifecycleEvidenceSchema).max(maxItems).optional(),
        }),
      ]),
    }),
    share: leadCommand.extend({ userId: id, access: z.enum(["edit", "view"]).optional() }),
    unshare: leadCommand.extend({ userId: id }),
    handOver: leadCommand.extend({ to: id }),
    release: leadCommand.extend({ pool: id.optional() }),
    merge: envelope.extend({
      leadIds: z.array(id).min(2).max(100),
      expectedVersions: z.unknown().optional(),
      reason: text.optional(),
    }),
    findStaleLeads: envelope.extend({ policy: stalenessPolicySchema.optional() }),
    // No reason: an erasure's record must hold no personal data, and a reason is free text.
    eraseContact: envelope.extend({ leadId: id, expectedVersion: version.optional() }),
    sweepRetention: envelope.extend({
      policy: z.unknown(),
      after: id.optional(),
      batchSize: z.number().int().min(1).max(1000).optional(),
      maxLeads: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
      onProgress: z
        .custom<(progress: unknown) => unknown>((value) => typeof value === "function", {
          message: "Expected a function",
        })
        .optional(),
    }),
  } as const;
}

const commandSchemas = /* @__PURE__ */ once(buildCommandSchemas);

/** The names of the command shapes {@link validateCommand} knows. */
export type CommandShape = keyof ReturnType<typeof buildCommandSchemas>;

/** The validated form of each command shape. */
export type ValidCommand<S extends CommandShape> = z.output<ReturnType<typeof buildCommandSchemas>[S]>;

/** Lists longer than this in any of these fields are refused without reading them. */
const listFields = ["tags", "interactions", "evidence", "leadIds"] as const;

/**
 * Validates a command against its shape: any value in, a typed command or issues out (at most the
 * first 20), never an exception.
 */
export function validateCommand<S extends CommandShape>(shape: S, command: unknown): Result<ValidCommand<S>> {
  if (command === null || typeof command !== "object" || Array.isArray(command))
    return err([issue("invalid_type", [], `Expected a command object; got ${describe(command)}.`)]);
  for (const field of listFields) {
    const value = Object.hasOwn(command, field) ? (command as Record<string, unknown>)[field] : undefined;
    if (Array.isArray(value) && value.length > maxItems)
      return err([
        issue("too_big", [field], `"${field}" has ${value.length} items; expected at most ${maxItems}.`),
      ]);
  }
  // Text no backend can store (U+0000, lone surrogates), anywhere in the command, keys included, is
  // refused here with its path: reasons, ids and keys never reach a repository that would throw.
  const unstorable = unstorableTextIssues(command);
  if (unstorable.length > 0) return err(unstorable.slice(0, 20));
  const parsed = commandSchemas()[shape].safeParse(command);
  if (!parsed.success) return err(fromZodIssues(parsed.error.issues).slice(0, 20));
  return ok(parsed.data as ValidCommand<S>);
}

/**
 * The expected version of each lead of a merge, read from the command's own keys only (a lead id
 * such as "__proto__" is data), each a non-negative integer.
 */
export function validateExpectedVersions(value: unknown): Result<ReadonlyMap<string, number>> {
  const versions = new Map<string, number>();
  if (value === undefined) return ok(versions);
  if (value === null || typeof value !== "object" || Array.isArray(value))
    return err([
      issue(
        "invalid_type",
        ["expectedVersions"],
        `Expected an object of versions by lead id; got ${describe(value)}.`,
      ),
    ]);
  const issues: Issue[] = [];
  for (const [leadId, v] of Object.entries(value)) {
    if (typeof v === "number" && Number.isSafeInteger(v) && v >= 0) versions.set(leadId, v);
    else
      issues.push(
        issue(
          "invalid_type",
          ["expectedVersions", leadId],
          `Expected a version (an integer ≥ 0); got ${describe(v)}.`,
        ),
      );
  }
  return issues.length > 0 ? err(issues.slice(0, 20)) : ok(versions);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "string" ? "a string" : typeof value;
}
