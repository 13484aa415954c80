import {
  describeValue,
  formatIssues,
  type Issue,
  isLeadKitError,
  issue,
  LeadKitError,
} from "../internal/index.js";
import { type StalenessPolicy, stalenessPolicySchema } from "../lifecycle/index.js";
import { type Lead, parseLead } from "../model/index.js";
import {
  type CompiledOriginRules,
  type CompiledSharingPolicy,
  type DistributeLeadsOptions,
  distributeLeads,
  isTeamMember,
  safeClassifyOrigin,
} from "../origin/index.js";
import type { CompiledPointsModel } from "../scoring/index.js";

/** Linear decay computes one cut-off per step of `percent`: more steps than this is refused. */
const maxDecaySteps = 10_000;

/** Throws the one error of a bad configuration, with every issue under its path. */
function fail(issues: readonly Issue[]): never {
  throw new LeadKitError(
    "invalid_definition",
    formatIssues("Invalid lead service configuration", issues),
    issues,
  );
}

function within(path: readonly (string | number)[], issues: readonly Issue[]): Issue[] {
  return issues.map((i) => ({ ...i, path: [...path, ...i.path] }));
}

/** The sharing policy, checked: validated by compileSharingPolicy, so only that it was compiled. */
export function checkPolicy(policy: CompiledSharingPolicy): CompiledSharingPolicy {
  try {
    isTeamMember(policy, "probe");
  } catch (error) {
    if (isLeadKitError(error)) fail(error.issues);
    throw error;
  }
  return policy;
}

/** Compiled origin rules, checked: a plain table (or a value from JSON) carries no plan. */
export function checkOriginRules(rules: CompiledOriginRules): CompiledOriginRules {
  const problem = safeClassifyOrigin(rules, { channel: "call", initiator: { kind: "contact" } });
  if (!problem.ok)
    fail(
      within(
        ["originRules"],
        problem.issues.map((i) => ({ ...i, path: [] })),
      ),
    );
  return rules;
}

/** The staleness policy, validated. */
export function validateStaleness(staleness: StalenessPolicy): StalenessPolicy {
  const parsed = stalenessPolicySchema.safeParse(staleness);
  if (!parsed.success)
    fail(parsed.error.issues.map((i) => issue(i.code, ["staleness", ...i.path.map(String)], i.message)));
  return staleness;
}

/** The distribution options, tried once on no lead so that a bad member list fails now, not at capture. */
export function validateDistribution(options: Omit<DistributeLeadsOptions, "state">, key: unknown): void {
  if (typeof key !== "string" || key.length === 0 || key.length > 200)
    fail([
      issue(
        "invalid_type",
        ["distribution", "key"],
        "Expected the rotation's key: a string of 1–200 characters.",
      ),
    ]);
  try {
    distributeLeads([], options);
  } catch (error) {
    if (isLeadKitError(error)) fail(within(["distribution"], error.issues));
    throw error;
  }
}

/**
 * Checks every compiled scoring model and proves it can score: a value must come from
 * `compilePointsModel`, its linear decay be bounded, its id unique, and it must score a probe lead
 * with an interaction at `now`, so that a model accepted here never makes a capture throw later.
 */
export function checkModels(
  models: readonly CompiledPointsModel[],
  now: Date,
): readonly CompiledPointsModel[] {
  if (!Array.isArray(models))
    fail([
      issue(
        "invalid_type",
        ["scoringModels"],
        "Expected an array of points models compiled with compilePointsModel().",
      ),
    ]);
  const issues: Issue[] = [];
  const ids = new Set<string>();
  models.forEach((scorer, index) => {
    const path = ["scoringModels", index];
    const given = scorer as Partial<CompiledPointsModel> | null;
    if (
      given === null ||
      typeof given !== "object" ||
      typeof given.score !== "function" ||
      typeof given.definition !== "object"
    ) {
      issues.push(
        issue(
          "invalid_type",
          path,
          `Expected a points model compiled with compilePointsModel(); got ${describeValue(scorer)}.`,
        ),
      );
      return;
    }
    try {
      const decay = scorer.definition.decay;
      if (decay?.kind === "linear" && Math.ceil(100 / decay.percent) > maxDecaySteps) {
        issues.push(
          issue(
            "too_small",
            [...path, "decay", "percent"],
            `Linear decay of ${decay.percent} % per period needs ${Math.ceil(100 / decay.percent)} steps to reach zero; expected a percent of at least ${100 / maxDecaySteps} (at most ${maxDecaySteps} steps).`,
          ),
        );
        return;
      }
      scorer.score(probe(now), now);
      if (ids.has(scorer.definition.id))
        issues.push(
          issue(
            "duplicate_model",
            [...path, "id"],
            `Two scoring models have id "${scorer.definition.id}"; scores are stored by model id.`,
          ),
        );
      ids.add(scorer.definition.id);
    } catch (error) {
      if (isLeadKitError(error) && error.issues.length > 0) issues.push(...within(path, error.issues));
      else
        issues.push(
          issue(
            "invalid_model",
            path,
            `Scoring model ${index} cannot score a lead: ${error instanceof Error ? error.message : String(error)}`,
          ),
        );
    }
  });
  if (issues.length > 0) fail(issues);
  return Object.freeze([...models]);
}

/** A small lead with one interaction of last week, for the probe score. */
function probe(now: Date): Lead {
  const at = new Date(now.getTime() - 7 * 24 * 60 * 60 * 1000);
  return parseLead({
    id: "probe",
    contact: { kind: "prospect", name: "Probe", email: "probe@example.com", phone: "+34 600 000 000" },
    stage: "lead",
    owner: null,
    generatedBy: null,
    capture: { channel: "form", initiator: { kind: "contact" } },
    interactions: [{ id: "probe-1", type: "email_click", at, initiator: { kind: "contact" } }],
    createdAt: at,
    updatedAt: at,
  });
}
