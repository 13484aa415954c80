// Issue 14 §4: every `safe*` and Result-returning function of the domain modules answers any value
// JSON.parse can produce — and any valid input with one part replaced by something wrong — with a
// Result whose issues are well formed and capped, never with a throw. The throwing functions throw
// only LeadKitError.
import fc from "fast-check";
import { beforeAll, describe, it } from "vitest";
import * as rootEntry from "../../src/index.js";
import { INPUT_LIMITS, isLeadKitError, type Result } from "../../src/internal/index.js";
import * as lifecycleEntry from "../../src/lifecycle/index.js";
import {
  availableEvents,
  compileLifecycle,
  DEFAULT_LIFECYCLE_DEFINITION,
  defaultLifecycle,
  findStaleLeads,
  fromCrmStage,
  HUBSPOT_LIFECYCLE_STAGE_MAPPING,
  nextFollowUp,
  safeCompileLifecycle,
  safeParseLifecycleDefinition,
  stageStays,
  timeInStage,
  timeToClose,
  toCrmStage,
  transition,
} from "../../src/lifecycle/index.js";
import * as metricsEntry from "../../src/metrics/index.js";
import { safeComputeFunnelAggregate } from "../../src/metrics/index.js";
import {
  checkContactPermission,
  type Lead,
  parseLead,
  safeParseContact,
  safeParseInteraction,
  safeParseLead,
} from "../../src/model/index.js";
import * as originEntry from "../../src/origin/index.js";
import {
  claimLead,
  classifyOrigin,
  compileOriginRules,
  compileSharingPolicy,
  DEFAULT_ORIGIN_RULES,
  DEFAULT_SHARING_POLICY,
  distributeLeads,
  referLead,
  releaseLead,
  safeClassifyOrigin,
  safeCompileOriginRules,
  safeCompileSharingPolicy,
  safeParseOriginRuleTable,
  safeParseSharingPolicy,
  shareLead,
  transferLead,
  unshareLead,
} from "../../src/origin/index.js";
import * as qualificationEntry from "../../src/qualification/index.js";
import {
  BANT,
  checkIcpFit,
  compileFramework,
  decideQualificationVerdict,
  evaluateQualification,
  evaluateQualificationVerdict,
  judgeCriterionAnswer,
  safeCompileFramework,
  safeParseFramework,
} from "../../src/qualification/index.js";
import * as scoringEntry from "../../src/scoring/index.js";
import {
  compareModels,
  compilePointsModel,
  DEFAULT_POINTS_MODEL,
  evaluateScores,
  explainScore,
  fitPointsModel,
  fitProbabilityCalibration,
  LEAD_PREDICTIVE_CONFIG,
  leadPredictiveAdapter,
  learnBins,
  safeCompilePointsModel,
  safeCreatePredictiveSetup,
  safeParseControlValueStats,
  safeParsePointsModel,
  safeParsePredictiveStats,
  safeRocAuc,
  scoreLead,
} from "../../src/scoring/index.js";
import * as servicesEntry from "../../src/services/index.js";
import { parseRetentionPolicy, safeParseRetentionPolicy } from "../../src/services/index.js";
import { generateLeads } from "../../src/testing/index.js";

const now = new Date("2026-07-01T00:00:00Z");
const lead: Lead = (() => {
  const [first] = generateLeads({ seed: 3, count: 1 });
  if (first === undefined) throw new Error("no lead");
  return parseLead({
    ...first,
    owner: "u-ana",
    generatedBy: "u-ana",
    stage: "lead",
    collaborators: [{ userId: "u-bruno", access: "edit" }],
    contact: { ...first.contact, attributes: { seats: 20, plan: "team" } },
  });
})();
const json = JSON.parse(JSON.stringify(lead)) as unknown;
const originRules = compileOriginRules(DEFAULT_ORIGIN_RULES);
const pointsModel = compilePointsModel(DEFAULT_POINTS_MODEL);
const tinyPointsModel = {
  id: "tiny",
  groups: [{ id: "fit" }],
  rules: [{ id: "r", group: "fit", points: 1 }],
};
const facts = { channel: "form", initiator: { kind: "contact" }, capturePoint: { managedBy: "company" } };
const evidence = [
  { criterionId: "budget", answer: 30_000, source: "conversation", at: now },
  { criterionId: "authority", answer: "CFO", source: "research" },
];
const judgeOptions = {
  now,
  language: "es",
  priceRange: { min: 12_000 },
  contact: { country: "ES" },
  icp: { countries: ["ES"] },
};
const cadence = { id: "weekly", purpose: "newsletter", every: { weeks: 1 }, channels: ["email"] };
const compiledBant = compileFramework(BANT);
const permission = { channel: "email", purpose: "newsletter", at: now };
const budget = BANT.criteria[0];
const ownership = {
  actor: "u-ana",
  now,
  reason: "holidays",
  policy: compileSharingPolicy(DEFAULT_SHARING_POLICY),
};
const qualifyEvent = {
  type: "qualify",
  reason: "fits",
  evidence: [{ kind: "qualification", frameworkId: "bant", verdict: "qualified", at: now }],
};
const stats = {
  leads: 10,
  conversions: 2,
  signals: { "tag:vip": { signal: { kind: "tag", tag: "vip" }, leads: 3, conversions: 1 } },
};
const predictiveStats = { cells: [{ team: null, field: "source", value: "web", won: 1, lost: 2 }] };
const staleness = {
  stages: ["lead"],
  rules: [{ kind: "inactive", origin: "any", days: 30, flag: "review" }],
};

const fitSpec = { method: "scorecard", features: [{ field: "source" }] } as const;
const compared = [
  { x: 0.9, converted: true },
  { x: 0.2, converted: false },
];
const comparedModel = { name: "x", score: (r: { x: number }) => r.x, probability: (r: { x: number }) => r.x };

/** One argument of one function: the valid value it takes, and the call with something else there. */
interface Slot {
  readonly name: string;
  readonly valid: unknown;
  readonly call: (value: unknown) => unknown;
  /** How many values of the pool to send, when each call is costly (every pool value by default). */
  readonly runs?: number;
}

const v = (x: unknown) => x as never;

/** Functions that answer a Result: never a throw. */
const resultSlots: readonly Slot[] = [
  { name: "safeParseLead", valid: json, call: (x) => safeParseLead(x) },
  { name: "safeParseContact", valid: (json as Lead).contact, call: (x) => safeParseContact(x) },
  {
    name: "safeParseInteraction",
    valid: (json as Lead).interactions[0],
    call: (x) => safeParseInteraction(x),
  },
  { name: "safeClassifyOrigin(rules)", valid: originRules, call: (x) => safeClassifyOrigin(v(x), facts) },
  { name: "safeClassifyOrigin(, facts)", valid: facts, call: (x) => safeClassifyOrigin(originRules, x) },
  {
    name: "safeClassifyOrigin(, , context)",
    valid: { userId: "u-ana", relation: "owner" },
    call: (x) => safeClassifyOrigin(originRules, facts, v(x)),
  },
  { name: "safeParseOriginRuleTable", valid: DEFAULT_ORIGIN_RULES, call: (x) => safeParseOriginRuleTable(x) },
  { name: "safeCompileOriginRules", valid: DEFAULT_ORIGIN_RULES, call: (x) => safeCompileOriginRules(x) },
  { name: "safeParseSharingPolicy", valid: DEFAULT_SHARING_POLICY, call: (x) => safeParseSharingPolicy(x) },
  {
    name: "safeCompileSharingPolicy",
    valid: DEFAULT_SHARING_POLICY,
    call: (x) => safeCompileSharingPolicy(x),
  },
  { name: "claimLead(lead)", valid: { ...lead, owner: null }, call: (x) => claimLead(v(x), ownership) },
  { name: "claimLead(, options)", valid: ownership, call: (x) => claimLead({ ...lead, owner: null }, v(x)) },
  {
    name: "releaseLead(, options)",
    valid: { ...ownership, pool: "inbound" },
    call: (x) => releaseLead(lead, v(x)),
  },
  {
    name: "shareLead(, options)",
    valid: { ...ownership, userId: "u-carmen", access: "view" },
    call: (x) => shareLead(lead, v(x)),
  },
  {
    name: "unshareLead(, options)",
    valid: { ...ownership, userId: "u-bruno" },
    call: (x) => unshareLead(lead, v(x)),
  },
  {
    name: "transferLead(lead)",
    valid: lead,
    call: (x) => transferLead(v(x), { ...ownership, to: "u-carmen" }),
  },
  {
    name: "transferLead(, options)",
    valid: { ...ownership, to: "u-carmen" },
    call: (x) => transferLead(lead, v(x)),
  },
  {
    name: "referLead(, options)",
    valid: { ...ownership, to: "u-carmen" },
    call: (x) => referLead(lead, v(x)),
  },
  {
    name: "safeParseLifecycleDefinition",
    valid: DEFAULT_LIFECYCLE_DEFINITION,
    call: (x) => safeParseLifecycleDefinition(x),
  },
  {
    name: "transition(, lead)",
    valid: lead,
    call: (x) => transition(defaultLifecycle, v(x), "nurture", { now, actor: "u-ana" }),
  },
  {
    name: "transition(, , event)",
    valid: qualifyEvent,
    call: (x) => transition(defaultLifecycle, lead, v(x), { now, actor: "u-ana" }),
  },
  {
    name: "transition(, , , options)",
    valid: { now, actor: "u-ana", automatic: false },
    call: (x) => transition(defaultLifecycle, lead, "nurture", v(x)),
  },
  {
    name: "fromCrmStage(mapping)",
    valid: HUBSPOT_LIFECYCLE_STAGE_MAPPING,
    call: (x) => fromCrmStage(v(x), "lead"),
  },
  {
    name: "fromCrmStage(, value)",
    valid: "lead",
    call: (x) => fromCrmStage(HUBSPOT_LIFECYCLE_STAGE_MAPPING, v(x)),
  },
  {
    name: "toCrmStage(mapping)",
    valid: HUBSPOT_LIFECYCLE_STAGE_MAPPING,
    call: (x) => toCrmStage(v(x), "lead"),
  },
  {
    name: "toCrmStage(, stage)",
    valid: "lead",
    call: (x) => toCrmStage(HUBSPOT_LIFECYCLE_STAGE_MAPPING, v(x)),
  },
  { name: "nextFollowUp(cadence)", valid: cadence, call: (x) => nextFollowUp(v(x), lead, { now }) },
  { name: "nextFollowUp(, lead)", valid: lead, call: (x) => nextFollowUp(v(cadence), v(x), { now }) },
  {
    name: "nextFollowUp(, , options)",
    valid: { now, lastFollowUpAt: now },
    call: (x) => nextFollowUp(v(cadence), lead, v(x)),
  },
  {
    name: "checkContactPermission(contact)",
    valid: lead.contact,
    call: (x) => checkContactPermission(v(x), v(permission)),
  },
  {
    name: "checkContactPermission(, options)",
    valid: permission,
    call: (x) => checkContactPermission(lead.contact, v(x)),
  },
  { name: "safeParseFramework", valid: BANT, call: (x) => safeParseFramework(x) },
  {
    name: "evaluateQualification(framework)",
    valid: BANT,
    call: (x) => evaluateQualification(v(x) as never, v(evidence), v(judgeOptions)),
  },
  { name: "safeCompileFramework", valid: BANT, call: (x) => safeCompileFramework(x) },
  {
    name: "safeCompileLifecycle",
    valid: DEFAULT_LIFECYCLE_DEFINITION,
    call: (x) => safeCompileLifecycle(x),
  },
  {
    name: "evaluateQualification(, evidence)",
    valid: evidence,
    call: (x) => evaluateQualification(compiledBant, v(x), v(judgeOptions)),
  },
  {
    name: "evaluateQualification(, , options)",
    valid: judgeOptions,
    call: (x) => evaluateQualification(compiledBant, v(evidence), v(x)),
  },
  {
    name: "evaluateQualificationVerdict(, evidence)",
    valid: evidence,
    call: (x) => evaluateQualificationVerdict(compiledBant, v(x), v(judgeOptions)),
  },
  {
    name: "evaluateQualificationVerdict(, , options)",
    valid: judgeOptions,
    call: (x) => evaluateQualificationVerdict(compiledBant, v(evidence), v(x)),
  },
  {
    name: "judgeCriterionAnswer(criterion)",
    valid: budget,
    call: (x) => judgeCriterionAnswer(v(x), 30_000, { now }),
  },
  {
    name: "judgeCriterionAnswer(, answer)",
    valid: 30_000,
    call: (x) => judgeCriterionAnswer(v(budget), v(x), { now }),
  },
  {
    name: "judgeCriterionAnswer(, , options)",
    valid: { now, horizonDays: 30 },
    call: (x) => judgeCriterionAnswer(v(budget), 30_000, v(x)),
  },
  { name: "safeParsePointsModel", valid: DEFAULT_POINTS_MODEL, call: (x) => safeParsePointsModel(x) },
  {
    name: "safeCompilePointsModel(model)",
    valid: DEFAULT_POINTS_MODEL,
    call: (x) => safeCompilePointsModel(x),
  },
  {
    name: "safeCompilePointsModel(, options)",
    valid: { generateCode: false },
    call: (x) => safeCompilePointsModel(tinyPointsModel, v(x)),
    // Every call compiles a model (and most generate its code): the option's shapes are few.
    runs: 1_000,
  },
  { name: "safeParsePredictiveStats", valid: predictiveStats, call: (x) => safeParsePredictiveStats(x) },
  {
    name: "safeCreatePredictiveSetup",
    valid: LEAD_PREDICTIVE_CONFIG,
    call: (x) => safeCreatePredictiveSetup(x, leadPredictiveAdapter),
  },
  { name: "safeParseControlValueStats", valid: stats, call: (x) => safeParseControlValueStats(x) },
  {
    name: "safeCreatePredictiveSetup(, adapter)",
    // The adapter is functions, which cannot be cloned into variants: its wrong shapes start from {}.
    valid: {},
    call: (x) => safeCreatePredictiveSetup(LEAD_PREDICTIVE_CONFIG, v(x)),
  },
  {
    name: "safeRocAuc",
    valid: [
      { score: 0.9, converted: true },
      { score: 0.2, converted: false },
    ],
    call: (x) => safeRocAuc(v(x)),
  },
  {
    name: "safeParseRetentionPolicy",
    valid: { inactiveMonths: 36, exceptStages: ["customer", "potential_client"] },
    call: (x) => safeParseRetentionPolicy(x),
  },
  // Fit and evaluation answer Results too. The valid inputs are small (one open lead, two rows) so
  // each call ends early; models are functions, which cannot be cloned into variants: their wrong
  // shapes start from a model without its score.
  {
    name: "fitPointsModel(history)",
    valid: [json],
    call: (x) => fitPointsModel(v(x), v(fitSpec)),
    runs: 10_000,
  },
  {
    name: "fitPointsModel(, spec)",
    valid: fitSpec,
    call: (x) => fitPointsModel([json] as never, v(x)),
    runs: 10_000,
  },
  {
    name: "learnBins(history)",
    valid: [json],
    call: (x) => learnBins(v(x), v(fitSpec.features)),
    runs: 10_000,
  },
  {
    name: "learnBins(, features)",
    valid: fitSpec.features,
    call: (x) => learnBins([lead], v(x)),
    runs: 10_000,
  },
  {
    name: "learnBins(, , options)",
    valid: {},
    call: (x) => learnBins([lead], v(fitSpec.features), v(x)),
    runs: 10_000,
  },
  {
    name: "compareModels(labelled)",
    valid: compared,
    call: (x) => compareModels(v(x), [v(comparedModel)]),
    runs: 10_000,
  },
  {
    name: "compareModels(, models)",
    valid: [{ name: "m" }],
    call: (x) => compareModels(compared, v(x)),
    runs: 10_000,
  },
  {
    name: "compareModels(, , options)",
    valid: { groups: 2, bootstrap: 10, confidence: 0.9, seed: 1 },
    call: (x) => compareModels(compared, [comparedModel], v(x)),
    runs: 10_000,
  },
  {
    name: "evaluateScores(labelled)",
    valid: compared.map((r) => ({ score: r.x, converted: r.converted })),
    call: (x) => evaluateScores(v(x)),
    runs: 10_000,
  },
  {
    name: "evaluateScores(, options)",
    valid: { groups: 2, probabilityScale: 1, calibrationBins: 2 },
    call: (x) => evaluateScores([{ score: 0.5, converted: true }], v(x)),
    runs: 10_000,
  },
  {
    name: "fitProbabilityCalibration(labelled)",
    valid: compared.map((r) => ({ probability: r.x, converted: r.converted })),
    call: (x) => fitProbabilityCalibration(v(x), "platt"),
    runs: 10_000,
  },
  {
    name: "fitProbabilityCalibration(, method)",
    valid: "isotonic",
    call: (x) =>
      fitProbabilityCalibration(
        [
          { probability: 0.2, converted: false },
          { probability: 0.7, converted: true },
        ],
        v(x),
      ),
    runs: 10_000,
  },
  { name: "safeComputeFunnelAggregate(leads)", valid: [lead], call: (x) => safeComputeFunnelAggregate(v(x)) },
  {
    name: "safeComputeFunnelAggregate(, options)",
    valid: { dimensions: ["source"], period: "month", costs: { organic: 5 } },
    call: (x) => safeComputeFunnelAggregate([lead], v(x)),
  },
];

// Every exported safe* function of every entry, each argument it takes a slot: a function added
// later (or an argument) without its slot fails here, so the class cannot slip again.
describe("the inventory of safe functions", () => {
  const entries = [
    rootEntry,
    originEntry,
    lifecycleEntry,
    qualificationEntry,
    scoringEntry,
    metricsEntry,
    servicesEntry,
  ];
  const safe = entries.flatMap((entry) =>
    Object.entries(entry).filter(
      (e): e is [string, (...args: never[]) => unknown] =>
        e[0].startsWith("safe") && typeof e[1] === "function",
    ),
  );
  it.each(safe)("%s has a slot for each of its arguments", (name, fn) => {
    const slots = resultSlots.filter((s) => s.name === name || s.name.startsWith(`${name}(`));
    if (slots.length < Math.max(1, fn.length))
      throw new Error(`${name} takes ${fn.length} arguments but has ${slots.length} slots in resultSlots`);
  });
});

/** Functions that throw for bad input: only ever a LeadKitError. */
const throwingSlots: readonly Slot[] = [
  {
    name: "classifyOrigin(rules)",
    valid: originRules,
    call: (x) => classifyOrigin(v(x), v(facts)),
  },
  {
    name: "classifyOrigin(, , context)",
    valid: { userId: "u-ana" },
    call: (x) => classifyOrigin(originRules, v(facts), v(x)),
  },
  { name: "compileOriginRules", valid: DEFAULT_ORIGIN_RULES, call: (x) => compileOriginRules(v(x)) },
  {
    name: "parseRetentionPolicy",
    valid: { inactiveMonths: 36, exceptStages: ["customer", "potential_client"] },
    call: (x) => parseRetentionPolicy(x),
  },
  {
    name: "distributeLeads(, options)",
    valid: { strategy: "weighted", members: [{ userId: "u-ana" }, { userId: "u-bruno", weight: 2 }] },
    call: (x) => distributeLeads([{ id: "l1" }], v(x)),
  },
  { name: "compileLifecycle", valid: DEFAULT_LIFECYCLE_DEFINITION, call: (x) => compileLifecycle(v(x)) },
  {
    name: "availableEvents(, lead)",
    valid: lead,
    call: (x) => availableEvents(defaultLifecycle, v(x), { now }),
  },
  {
    name: "availableEvents(, , options)",
    valid: { now, evidence: qualifyEvent.evidence },
    call: (x) => availableEvents(defaultLifecycle, lead, v(x)),
  },
  {
    name: "findStaleLeads(leads)",
    valid: [lead],
    call: (x) =>
      findStaleLeads(v(Array.isArray(x) ? x : [x]), v(staleness), { now, originOf: () => "passive" }),
  },
  { name: "stageStays", valid: lead, call: (x) => stageStays(v(x), { now }) },
  { name: "timeInStage(, options)", valid: { now }, call: (x) => timeInStage(lead, v(x)) },
  { name: "timeToClose", valid: lead, call: (x) => timeToClose(v(x)) },
  {
    name: "checkIcpFit(contact)",
    valid: { country: "ES", industry: "Software" },
    call: (x) => checkIcpFit(v(x), { countries: ["ES"] }),
  },
  {
    name: "checkIcpFit(, profile)",
    valid: { countries: ["ES"], industries: ["Software"] },
    call: (x) => checkIcpFit({ country: "ES" }, v(x)),
  },
  {
    name: "decideQualificationVerdict(, statuses)",
    valid: { budget: "met" },
    call: (x) => decideQualificationVerdict(BANT, v(x)),
  },
  { name: "scoreLead(model)", valid: pointsModel, call: (x) => scoreLead(v(x), lead, now) },
  { name: "scoreLead(, lead)", valid: lead, call: (x) => scoreLead(pointsModel, v(x), now) },
  { name: "scoreLead(, , now)", valid: now, call: (x) => scoreLead(pointsModel, lead, v(x)) },
  { name: "explainScore(model)", valid: pointsModel, call: (x) => explainScore(v(x), lead, now) },
  { name: "explainScore(, lead)", valid: lead, call: (x) => explainScore(pointsModel, v(x), now) },
  {
    name: "compilePointsModel",
    valid: DEFAULT_POINTS_MODEL,
    call: (x) => compilePointsModel(v(x)).score(lead, now),
  },
];

function expectResult(slot: Slot, value: unknown): void {
  let result: Result<unknown>;
  try {
    result = slot.call(value) as Result<unknown>;
  } catch (error) {
    throw new Error(`${slot.name} threw ${String(error)} for ${safeShow(value)}`);
  }
  // Plain checks rather than `expect`, which costs tens of microseconds a call: this runs millions
  // of times.
  const fail = (what: string): never => {
    throw new Error(`${slot.name} ${what} for ${safeShow(value)}`);
  };
  if (typeof result !== "object" || result === null || typeof result.ok !== "boolean")
    fail("answered no Result");
  if (result.ok) return;
  const { issues } = result;
  if (!Array.isArray(issues) || issues.length === 0 || issues.length > INPUT_LIMITS.issues + 1)
    fail(`answered ${issues.length} issues`);
  for (const i of issues)
    if (
      typeof i.code !== "string" ||
      !/^[a-z_]+$/.test(i.code) ||
      !Array.isArray(i.path) ||
      typeof i.message !== "string"
    )
      fail(`answered a malformed issue ${safeShow(i)}`);
}

function expectOnlyLeadKitErrors(slot: Slot, value: unknown): void {
  try {
    slot.call(value);
  } catch (error) {
    if (!isLeadKitError(error)) throw new Error(`${slot.name} threw ${String(error)} for ${safeShow(value)}`);
  }
}

function safeShow(value: unknown): string {
  try {
    return JSON.stringify(value)?.slice(0, 300) ?? String(value);
  } catch {
    return "(unprintable)";
  }
}

// Values that broke functions before: objects that cannot be turned into strings, date strings
// without a time or an offset, wrong-case vocabulary, Invalid Dates, prototype-named keys.
const hostile = fc.constantFrom<unknown>(
  null,
  undefined,
  { toString: 1 },
  { valueOf: 1, toString: 1 },
  "",
  "   ",
  "2026-03-01",
  "2026-03-01T09:30:00",
  "2026-03-01T09:30:00Z",
  1_772_000_000_000,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  -0,
  1e300,
  1e-300,
  new Date(Number.NaN),
  new Date("+010000-01-01T00:00:00Z"),
  "x".repeat(5_000),
  [],
  [null],
  {},
  "Met",
  "maybe",
  "fr",
  "__proto__",
  "constructor",
  JSON.parse('{"__proto__": {"polluted": 1}}'),
  JSON.parse('{"__proto__": 1, "constructor": 2, "toString": 3}'),
);

type Path = readonly (string | number)[];

/**
 * Whether a value is a compiled configuration (`{ definition, plan }` or a compiled points model):
 * JSON cannot produce one, so it is replaced whole, never mutated inside.
 */
function isCompiled(value: object): boolean {
  return (
    Object.hasOwn(value, "definition") && (Object.hasOwn(value, "plan") || Object.hasOwn(value, "score"))
  );
}

/** Every path into a value (objects and arrays, not Dates or compiled values), the root included. */
function pathsOf(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (value === null || typeof value !== "object" || value instanceof Date || out.length > 2_000) return out;
  if (isCompiled(value)) return out;
  for (const key of Object.keys(value))
    pathsOf((value as Record<string, unknown>)[key], [...prefix, key], out);
  return out;
}

const PROTOTYPE_KEYS = ["__proto__", "constructor", "toString", "valueOf", "hasOwnProperty"];

/** A copy of `valid` with the value at `path` replaced, deleted, or given a prototype-named key. */
function mutate(
  valid: unknown,
  path: Path,
  replacement: unknown,
  how: "set" | "delete" | "key",
  key: string,
): unknown {
  if (path.length === 0) return replacement;
  const copy = structuredClone(valid) as Record<string, unknown>;
  let parent: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
  const last = path[path.length - 1] as string;
  if (how === "delete" && !Array.isArray(parent)) delete parent[last];
  else if (
    // Prototype-named keys go on plain objects only: JSON gives arrays and Dates no named keys.
    how === "key" &&
    isPlainObject(parent[last])
  ) {
    Object.defineProperty(parent[last], key, {
      value: replacement,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else parent[last] = replacement;
  return copy;
}

function isPlainObject(value: unknown): value is object {
  return value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype;
}

function wrongShapes(valid: unknown): fc.Arbitrary<unknown> {
  const paths = pathsOf(valid);
  return fc
    .tuple(
      fc.constantFrom(...paths),
      fc.oneof(hostile, fc.jsonValue({ maxDepth: 3 })),
      fc.constantFrom("set", "delete", "key") as fc.Arbitrary<"set" | "delete" | "key">,
      fc.constantFrom(...PROTOTYPE_KEYS),
    )
    .map(([path, replacement, how, key]) => mutate(valid, path, replacement, how, key));
}

// 100,000 arbitrary JSON values, drawn once with a seed that changes every run (it is printed with
// any failure, to replay it) and sent through every function: drawing them once per function would
// cost more than the calls.
const RUNS = Number(process.env["SAFE_FUNCTION_RUNS"] ?? 100_000);
const seed = Number(process.env["SAFE_FUNCTION_SEED"] ?? Date.now() % 2_147_483_647);
let pool: readonly unknown[] = [];

function throughPool(check: (value: unknown) => void, count = pool.length): void {
  for (let i = 0; i < Math.min(count, pool.length); i++) {
    try {
      check(pool[i]);
    } catch (error) {
      throw new Error(`value ${i} of the pool drawn with SAFE_FUNCTION_SEED=${seed}: ${String(error)}`);
    }
  }
}

describe("bad input gets an issue, never a crash", () => {
  // Sampling 100,000 values takes seconds, more than the default 10 s hook timeout on a loaded machine.
  beforeAll(() => {
    pool = fc.sample(fc.jsonValue(), { numRuns: RUNS, seed });
  }, 120_000);

  it.each(resultSlots)(
    "$name answers 100,000 arbitrary JSON values with a Result",
    (slot) => throughPool((value) => expectResult(slot, value), slot.runs),
    120_000,
  );

  it.each(throwingSlots)(
    // The throwing twins build a message for every refusal, so a tenth of the values suffice.
    "$name throws only LeadKitError for 10,000 arbitrary JSON values",
    (slot) => throughPool((value) => expectOnlyLeadKitErrors(slot, value), RUNS / 10),
    120_000,
  );

  it.each(resultSlots)("$name answers a valid input with one part wrong with a Result", (slot) => {
    expectResult(slot, slot.valid);
    fc.assert(
      fc.property(wrongShapes(slot.valid), (value) => expectResult(slot, value)),
      { numRuns: 1_000 },
    );
  });

  it.each(throwingSlots)("$name throws only LeadKitError for a valid input with one part wrong", (slot) => {
    fc.assert(
      fc.property(wrongShapes(slot.valid), (value) => expectOnlyLeadKitErrors(slot, value)),
      { numRuns: 500 },
    );
  });

  it("deep nesting and huge arrays get an issue, not a stack overflow", () => {
    const deep = JSON.parse(`${"[".repeat(5_000)}1${"]".repeat(5_000)}`);
    const deepObject = JSON.parse(`${'{"a":'.repeat(5_000)}1${"}".repeat(5_000)}`);
    const huge = Array.from({ length: 1_000_000 }, () => null);
    const hugeObject = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i]));
    for (const value of [deep, deepObject, huge, hugeObject])
      for (const slot of resultSlots) expectResult(slot, value);
    for (const value of [deep, deepObject, huge, hugeObject])
      for (const slot of throwingSlots) expectOnlyLeadKitErrors(slot, value);
  }, 120_000);
});
