import type { Duration } from "date-fns";
import {
  type CalendarTime,
  calendarShift,
  createCalendarMemo,
  deepFreeze,
  describeValue,
  issue,
  LeadKitError,
  ok,
  quoteValue,
  type Result,
  unwrapOrThrow,
} from "../../internal/index.js";
import { type Interaction, isDisposableEmail, isPersonalEmail, type Lead } from "../../model/index.js";
import { looksUnpronounceable } from "../control-value/looks-unpronounceable.js";
import { guardLeadInput, invalidNow, leadInputError } from "../lead-input-issue.js";
import { fieldGetter } from "../read-lead-field.js";
import {
  allowsCodeGeneration,
  cutoffLayout,
  generateScoreFunction,
  linearDecayFactor,
  linearDecaySteps,
} from "./generate-score-function.js";
import { safeParsePointsModel } from "./parse-points-model.js";
import type {
  InteractionMatch,
  PointsCondition,
  PointsModel,
  PointsRule,
  ScoreDuration,
} from "./points-model.js";
import type {
  GroupScore,
  LeadScore,
  MatchedInteraction,
  RuleContribution,
  ScoreAdjustment,
  ScoreExplanation,
} from "./score-explanation.js";

/**
 * A points model validated and compiled by {@link compilePointsModel}: what `scoreLead`,
 * `explainScore` and `rescoreLead` take. Compile once, score many leads. It is a frozen plain
 * object: the validated model (`definition`, frozen) and the model's own scorer functions, built
 * for this model alone (a generated function per model, so a second model never slows the first).
 * A spread copy scores as the original, because its functions decide; to change the rules, compile
 * again: `compilePointsModel({ ...compiled.definition, id: "v2" })`.
 *
 * @example
 * ```ts
 * import { compilePointsModel, DEFAULT_POINTS_MODEL } from "leadkit/scoring";
 *
 * const scorer = compilePointsModel(DEFAULT_POINTS_MODEL);
 * const ranked = leads.map((lead) => scorer.score(lead, now)).sort((a, b) => b.value - a.value);
 * ```
 * @category Scoring
 */
export interface CompiledPointsModel {
  /** The model's id. */
  readonly id: string;
  /** The model, as validated (frozen, JSON serialisable). */
  readonly definition: PointsModel;
  /**
   * Scores a lead: the total and each group. The model's own function (generated for it when the
   * runtime allows); it keeps the cut-off dates of the last `now` it saw, nothing else. Safe to
   * destructure.
   */
  readonly score: (lead: Lead, now: Date) => LeadScore;
  /** Scores a lead with its full breakdown. Safe to destructure. */
  readonly explain: (lead: Lead, now: Date) => ScoreExplanation;
}

type Value = string | number | boolean | null;
type LeadTest = (lead: Lead) => boolean;
type InteractionTest = (interaction: Interaction) => boolean;

interface CompiledRule {
  readonly rule: PointsRule;
  readonly group: number;
  readonly points: number;
  readonly cap: number;
  readonly repeatable: boolean;
  readonly test: LeadTest | null;
  readonly match: InteractionTest | null;
  readonly decays: boolean;
  readonly within: Duration | undefined;
}

function compileCondition(c: PointsCondition): LeadTest {
  switch (c.kind) {
    case "field_equals": {
      const get = fieldGetter(c.field);
      const value = c.value;
      return (l) => get(l) === value;
    }
    case "field_in": {
      const get = fieldGetter(c.field);
      const values = new Set<Value>(c.values);
      return (l) => values.has(get(l));
    }
    case "field_range": {
      const get = fieldGetter(c.field);
      const min = c.min ?? Number.NEGATIVE_INFINITY;
      const max = c.max ?? Number.POSITIVE_INFINITY;
      return (l) => {
        const v = get(l);
        return typeof v === "number" && v >= min && v < max;
      };
    }
    case "field_present": {
      const get = fieldGetter(c.field);
      return (l) => get(l) !== null;
    }
    case "tag": {
      const tag = c.tag;
      return (l) => l.tags.includes(tag);
    }
    case "personal_email":
      return (l) => isPersonalEmail(l.contact.email);
    case "disposable_email":
      return (l) => isDisposableEmail(l.contact.email);
    case "unpronounceable_name":
      return (l) => looksUnpronounceable(l.contact.name);
    case "human_confirmed":
      return (l) => l.contact.humanConfirmed;
    case "bot":
      return (l) => l.contact.kind === "bot";
  }
}

function compileLeadTest(rule: PointsRule): LeadTest | null {
  const all = (rule.when ?? []).map(compileCondition);
  const none = (rule.unless ?? []).map(compileCondition);
  if (all.length === 0 && none.length === 0) return null;
  if (all.length === 1 && none.length === 0) return all[0] ?? null;
  return (l) => {
    for (const t of all) if (!t(l)) return false;
    for (const t of none) if (t(l)) return false;
    return true;
  };
}

function compileInteractionTest(m: InteractionMatch): InteractionTest | null {
  const tests: InteractionTest[] = [];
  if (m.pageKinds !== undefined) {
    const kinds = new Set<string>(m.pageKinds);
    tests.push((i) => i.type !== "page_view" || kinds.has(i.pageKind));
  }
  if (m.channels !== undefined) {
    const channels = new Set<string | undefined>(m.channels);
    tests.push((i) => channels.has(i.channel));
  }
  if (m.initiators !== undefined) {
    const initiators = new Set<string>(m.initiators);
    tests.push((i) => initiators.has(i.initiator.kind));
  }
  if (tests.length === 0) return null;
  if (tests.length === 1) return tests[0] ?? null;
  return (i) => tests.every((t) => t(i));
}

function times(d: ScoreDuration, k: number): Duration {
  return {
    ...(d.years === undefined ? {} : { years: d.years * k }),
    ...(d.months === undefined ? {} : { months: d.months * k }),
    ...(d.weeks === undefined ? {} : { weeks: d.weeks * k }),
    ...(d.days === undefined ? {} : { days: d.days * k }),
    ...(d.hours === undefined ? {} : { hours: d.hours * k }),
  };
}

const clamp = (x: number, min: number, max: number): number => Math.min(max, Math.max(min, x));

/**
 * Options for {@link compilePointsModel}.
 *
 * @example
 * ```ts
 * import type { CompilePointsModelOptions } from "leadkit/scoring";
 *
 * // Under a Content-Security-Policy without 'unsafe-eval', or to compare the two scorers:
 * const options: CompilePointsModelOptions = { generateCode: false };
 * ```
 * @category Scoring
 */
export interface CompilePointsModelOptions {
  /**
   * Whether `score` may run a function generated for the model with `new Function` (the fastest
   * form, about what a hand-written scorer does). Default `true`: used whenever the runtime allows
   * it (detected once) and the model is small enough for V8 to optimise the function (up to about
   * 300 rules); `false` always uses the closure-based scorer. Both give identical results, and
   * `explain` always uses the closure-based one.
   */
  readonly generateCode?: boolean;
}

/**
 * Validates any value as a points model and compiles it into its scorer; never throws.
 *
 * @param input - A points model (`DEFAULT_POINTS_MODEL`, a fitted one, one of yours), or any value
 *   from JSON.
 * @param options - {@link CompilePointsModelOptions}; `{ generateCode: false }` forces the closures.
 * @returns The {@link CompiledPointsModel}, or the issues {@link safeParsePointsModel} finds.
 * @example
 * ```ts
 * import { safeCompilePointsModel } from "leadkit/scoring";
 *
 * declare const text: string; // a model stored as JSON
 * const compiled = safeCompilePointsModel(JSON.parse(text));
 * if (!compiled.ok) for (const i of compiled.issues) console.error(i.path.join("."), i.message);
 * ```
 * @category Scoring
 */
export function safeCompilePointsModel(
  input: unknown,
  options: CompilePointsModelOptions = {},
): Result<CompiledPointsModel> {
  const parsed = safeParsePointsModel(input);
  if (!parsed.ok) return parsed;
  // The parsed value is a copy: freezing it leaves the caller's object alone, and later changes to
  // that object cannot desynchronise the scorer from `definition`.
  const definition = deepFreeze(parsed.value);
  // Options from untyped code may be anything: only an explicit `generateCode: false` turns it off.
  const generateCode = (options as { readonly generateCode?: unknown } | null)?.generateCode !== false;
  return ok(build(definition, generateCode && allowsCodeGeneration()));
}

/**
 * Validates a points model and compiles it into a fast scorer. `score` runs a function generated
 * for the model when the runtime allows `new Function` (and the model has no more than about 300
 * rules), else closures and arrays; neither allocates per lead beyond its result. Compile once,
 * outside the loop over leads, and pass the result to `scoreLead`, `explainScore` and
 * `rescoreLead`, or call its `score` directly.
 *
 * @param model - A points model, as data (validated here).
 * @param options - {@link CompilePointsModelOptions}; `{ generateCode: false }` forces the closures.
 * @returns The compiled scorer.
 * @throws `LeadKitError` with code `invalid_definition` and the issues of
 *   {@link safeCompilePointsModel} when the model is not valid.
 * @example
 * ```ts
 * import { compilePointsModel, DEFAULT_POINTS_MODEL } from "leadkit/scoring";
 *
 * const scorer = compilePointsModel(DEFAULT_POINTS_MODEL);
 * scorer.score(lead, new Date("2026-04-01T00:00:00Z")).value; // e.g. 47.5
 * ```
 * @category Scoring
 */
export function compilePointsModel(
  model: PointsModel,
  options: CompilePointsModelOptions = {},
): CompiledPointsModel {
  return unwrapOrThrow(
    safeCompilePointsModel(model, options),
    `points model ${quoteValue((model as { id?: unknown } | null)?.id)}`,
    "invalid_definition",
  );
}

/**
 * The compiled model given to a scoring function, or a clear error for a value that is not one (a
 * plain model, a value from JSON: neither carries the scorer functions).
 */
export function compiledPointsModelOf(compiled: CompiledPointsModel): CompiledPointsModel {
  const c = compiled as Partial<CompiledPointsModel> | null;
  if (
    c === null ||
    typeof c !== "object" ||
    typeof c.score !== "function" ||
    typeof c.explain !== "function"
  ) {
    const message = `Expected a points model from compilePointsModel() (with its scorer); got ${describeValue(compiled)}`;
    throw new LeadKitError("invalid_input", message, [issue("invalid_type", ["model"], message)]);
  }
  return compiled;
}

function build(model: PointsModel, generate: boolean): CompiledPointsModel {
  const groupIds = model.groups.map((g) => g.id);
  const groupIndex = new Map(groupIds.map((id, i) => [id, i]));
  // Spreading a template gives every result the same hidden class, so property stores stay fast.
  const groupTemplate: Record<string, number> = Object.fromEntries(groupIds.map((id) => [id, 0]));
  const groupMin = model.groups.map((g) => g.min ?? Number.NEGATIVE_INFINITY);
  const groupMax = model.groups.map((g) => g.max ?? Number.POSITIVE_INFINITY);
  const decay = model.decay;
  const decayGroups = decay?.groups === undefined ? null : new Set(decay.groups);

  const rules: CompiledRule[] = model.rules.map((rule) => ({
    rule,
    group: groupIndex.get(rule.group) ?? 0,
    points: rule.points,
    cap: rule.cap ?? Number.POSITIVE_INFINITY,
    repeatable: rule.repeatable === true,
    test: compileLeadTest(rule),
    match: rule.interaction === undefined ? null : compileInteractionTest(rule.interaction),
    decays: decay !== undefined && rule.interaction !== undefined && (decayGroups?.has(rule.group) ?? true),
    within: rule.interaction?.within === undefined ? undefined : times(rule.interaction.within, 1),
  }));
  const interactionRules = Int32Array.from(
    rules.map((_, i) => i).filter((i) => model.rules[i]?.interaction !== undefined),
  );
  // Parallel arrays keep the hot loop on monomorphic, index-based loads.
  const tests = rules.map((r) => r.test);
  const matches = rules.map((r) => r.match);
  const decays = Uint8Array.from(rules.map((r) => (r.decays ? 1 : 0)));
  const byTypeLists = new Map<string, number[]>();
  for (const i of interactionRules)
    for (const type of model.rules[i]?.interaction?.types ?? []) {
      const list = byTypeLists.get(type) ?? [];
      if (!list.includes(i)) list.push(i);
      byTypeLists.set(type, list);
    }
  const byType = new Map([...byTypeLists].map(([type, list]) => [type, Int32Array.from(list)]));

  // Per-call scratch, reused: scoring is synchronous, so calls never interleave.
  const n = rules.length;
  const eligible = new Uint8Array(n);
  const count = new Int32Array(n);
  const sum = new Float64Array(n);
  const best = new Float64Array(n);
  const groupSum = new Float64Array(groupIds.length);

  // Cut-off dates depend only on `now`: every one the model needs, in one calendar memo (date-fns'
  // `sub`, at the cost of an addition while `now` stays in a verified local hour), filled in place.
  const layout = cutoffLayout(model);
  const windowRules = layout.windows.map(([r]) => r);
  const windowSlots = layout.windows.map(([, slot]) => slot);
  const cutoffTimes: CalendarTime[] = windowRules.map((r) => calendarShift(rules[r]?.within ?? {}, -1));
  const decaySlot = layout.decay;
  const decaySteps = decay?.kind === "linear" ? linearDecaySteps(decay.percent) : 0;
  if (decay?.kind === "linear")
    for (let k = 0; k < decaySteps; k++) cutoffTimes.push(calendarShift(times(decay.every, k + 1), -1));
  else if (decay?.kind === "window") cutoffTimes.push(calendarShift(times(decay.within, 1), -1));
  const cutoffs = new Float64Array(cutoffTimes.length);
  const memo = cutoffTimes.length === 0 ? null : createCalendarMemo(cutoffTimes);
  const fillCutoffs = memo?.fill ?? null;
  const windowFrom = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
  const decayCutoffs = cutoffs.subarray(decaySlot, decaySlot + decaySteps);
  const decayFactors = Float64Array.from({ length: decaySteps + 1 }, (_, k) =>
    decay?.kind === "linear" ? linearDecayFactor(decay.percent, k) : 1,
  );
  const windowDecayFrom = new Float64Array([Number.NEGATIVE_INFINITY]);
  // `[0]`: the `now` (ms) the cut-offs above are for; a generated scorer that fills them writes it too.
  const preparedFor = new Float64Array([Number.NaN]);
  const prepare = (now: Date): number => {
    if (!(now instanceof Date)) throw invalidNow(now);
    const ms = now.getTime();
    if (Number.isNaN(ms)) throw invalidNow(now);
    if (ms === preparedFor[0] || fillCutoffs === null) return ms;
    fillCutoffs(now, cutoffs);
    for (let k = 0; k < windowRules.length; k++)
      windowFrom[windowRules[k] as number] = cutoffs[windowSlots[k] as number] as number;
    if (decay?.kind === "window") windowDecayFrom[0] = cutoffs[decaySlot] as number;
    preparedFor[0] = ms;
    return ms;
  };
  const factorOf = (at: number): number => {
    if (decay === undefined) return 1;
    if (decay.kind === "window") return at >= (windowDecayFrom[0] as number) ? 1 : 0;
    let k = 0;
    while (k < decayCutoffs.length && at <= (decayCutoffs[k] as number)) k++;
    return decayFactors[k] as number;
  };

  const countInteractions = (lead: Lead, nowMs: number, record?: MatchedInteraction[][]): void => {
    for (let k = 0; k < interactionRules.length; k++) {
      const r = interactionRules[k] as number;
      const test = tests[r] as LeadTest | null;
      eligible[r] = test === null || test(lead) ? 1 : 0;
      count[r] = 0;
      sum[r] = 0;
      best[r] = 0;
    }
    const interactions = lead.interactions;
    for (let j = 0; j < interactions.length; j++) {
      const interaction = interactions[j] as Interaction;
      const list = byType.get(interaction.type);
      if (list === undefined) continue;
      const at = interaction.at.getTime();
      if (at > nowMs) continue;
      for (let k = 0; k < list.length; k++) {
        const r = list[k] as number;
        if (eligible[r] === 0 || at < (windowFrom[r] as number)) continue;
        const match = matches[r] as InteractionTest | null;
        if (match !== null && !match(interaction)) continue;
        const factor = decays[r] === 1 ? factorOf(at) : 1;
        count[r] = (count[r] as number) + 1;
        sum[r] = (sum[r] as number) + factor;
        if (factor > (best[r] as number)) best[r] = factor;
        if (record !== undefined)
          record[r]?.push({ id: interaction.id, type: interaction.type, at: interaction.at, factor });
      }
    }
  };

  // Flat per-rule facts for the hot loop: typed arrays instead of property chains on rule objects.
  const isInteractionRule = Uint8Array.from(rules.map((r) => (r.rule.interaction === undefined ? 0 : 1)));
  const pointsOf = Float64Array.from(rules.map((r) => r.points));
  const capOf = Float64Array.from(rules.map((r) => r.cap));
  const repeatableRule = Uint8Array.from(rules.map((r) => (r.repeatable ? 1 : 0)));
  const groupOf = Int32Array.from(rules.map((r) => r.group));

  const ruleResult = (r: number, lead: Lead): number => {
    let raw: number;
    if (isInteractionRule[r] === 0) {
      const test = tests[r] as LeadTest | null;
      if (test !== null && !test(lead)) return Number.NaN;
      raw = pointsOf[r] as number;
    } else {
      if (count[r] === 0) return Number.NaN;
      raw = (pointsOf[r] as number) * (repeatableRule[r] === 1 ? (sum[r] as number) : (best[r] as number));
    }
    const cap = capOf[r] as number;
    return clamp(raw, -cap, cap);
  };

  const score = (lead: Lead, now: Date): LeadScore => {
    const nowMs = prepare(now);
    countInteractions(lead, nowMs);
    groupSum.fill(0);
    for (let r = 0; r < n; r++) {
      const points = ruleResult(r, lead);
      if (!Number.isNaN(points)) {
        const g = groupOf[r] as number;
        groupSum[g] = (groupSum[g] as number) + points;
      }
    }
    const groups: Record<string, number> = { ...groupTemplate };
    let total = 0;
    for (let g = 0; g < groupIds.length; g++) {
      const s = groupSum[g] as number;
      const min = groupMin[g] as number;
      const max = groupMax[g] as number;
      const v = clamp(s, min, max);
      groups[groupIds[g] as string] = v;
      total += v;
    }
    return { modelId: model.id, value: clamp(total, 0, 100), groups };
  };

  const explain = (lead: Lead, now: Date): ScoreExplanation => {
    const nowMs = prepare(now);
    const record: MatchedInteraction[][] = rules.map(() => []);
    countInteractions(lead, nowMs, record);
    const contributions: RuleContribution[] = [];
    const sums = groupIds.map(() => 0);
    for (let r = 0; r < n; r++) {
      const points = ruleResult(r, lead);
      if (Number.isNaN(points)) continue;
      const rule = rules[r] as CompiledRule;
      const isInteraction = rule.rule.interaction !== undefined;
      const occurrences = isInteraction && rule.repeatable ? (count[r] as number) : 1;
      const afterDecay = isInteraction
        ? rule.points * (rule.repeatable ? (sum[r] as number) : (best[r] as number))
        : rule.points;
      sums[rule.group] = (sums[rule.group] as number) + points;
      const interactions = (record[r] ?? []).sort((a, b) => b.at.getTime() - a.at.getTime());
      contributions.push({
        ruleId: rule.rule.id,
        group: rule.rule.group,
        ...(rule.rule.description === undefined ? {} : { description: rule.rule.description }),
        basePoints: rule.points,
        occurrences,
        beforeDecay: rule.points * occurrences,
        afterDecay,
        points,
        interactions: rule.repeatable ? interactions : interactions.slice(0, 1),
        ...(rule.rule.provenance === undefined ? {} : { provenance: rule.rule.provenance }),
      });
    }
    const adjustments: ScoreAdjustment[] = [];
    const groups: GroupScore[] = model.groups.map((g, i) => {
      const s = sums[i] as number;
      const min = groupMin[i] as number;
      const max = groupMax[i] as number;
      const value = clamp(s, min, max);
      if (value !== s) adjustments.push({ kind: "group_cap", group: g.id, limit: value, points: value - s });
      return { group: g.id, ...(g.label === undefined ? {} : { label: g.label }), sum: s, value };
    });
    const total = groups.reduce((t, g) => t + g.value, 0);
    const value = clamp(total, 0, 100);
    if (value !== total) adjustments.push({ kind: "total_clamp", limit: value, points: value - total });
    return { modelId: model.id, value, at: now, groups, rules: contributions, adjustments };
  };

  const generated = generate ? generateScoreFunction(model) : null;
  const frozen = (scoreFn: (lead: Lead, now: Date) => LeadScore): CompiledPointsModel =>
    Object.freeze({ id: model.id, definition: model, score: scoreFn, explain: guardLeadInput(explain) });
  if (generated === null) return frozen(guardLeadInput(score));
  const scoreGenerated = generated({
    prepare,
    windowFrom,
    windowDecayFrom,
    decayCutoffs,
    decayFactors,
    rethrow: leadInputError,
    memo: memo?.state ?? new Float64Array(3).fill(Number.NaN),
    preparedFor,
  });
  return frozen(scoreGenerated);
}
