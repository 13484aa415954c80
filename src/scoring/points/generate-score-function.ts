import { isDisposableEmail, isPersonalEmail, type Lead } from "../../model/index.js";
import { looksUnpronounceable } from "../control-value/looks-unpronounceable.js";
import { ownAttribute } from "../read-lead-field.js";
import type { LEAD_FIELDS, LeadField, PointsCondition, PointsModel, PointsRule } from "./points-model.js";
import type { LeadScore } from "./score-explanation.js";

/**
 * What a generated scorer reads from its compiled model: the cut-offs that depend on `now` (filled
 * by `prepare`, from the model's calendar memo) and the guard that explains a malformed lead.
 */
export interface ScoreContext {
  /** Checks `now` (throws `invalid_input` for a non-Date or Invalid Date), fills the cut-offs, returns `now` in ms. */
  readonly prepare: (now: Date) => number;
  /** Each rule's look-back cut-off (`-Infinity` for rules without `within`). */
  readonly windowFrom: Float64Array;
  /** `[0]`: the cut-off of a `window` decay. */
  readonly windowDecayFrom: Float64Array;
  /** The cut-offs of a `linear` decay, newest first: an interaction at or before the k-th has lost k + 1 steps. */
  readonly decayCutoffs: Float64Array;
  /** The factor after k steps of a `linear` decay (one more entry than `decayCutoffs`). */
  readonly decayFactors: Float64Array;
  /** What to throw for an error raised while scoring a lead (see `leadInputError`). */
  readonly rethrow: (error: unknown, lead: Lead) => unknown;
  /** The calendar memo's state (`CalendarMemo.state`), laid out as {@link cutoffLayout} says. */
  readonly memo: Float64Array;
  /** `[0]`: the `now` (ms) the cut-offs are for, which `prepare` trusts; written with them. */
  readonly preparedFor: Float64Array;
}

/**
 * A points model's scorer as one generated function: what a hand-written scorer would be, with no
 * per-rule dispatch left at run time. Each model gets its own `score(lead, now)`, guard included, so
 * no call site is shared between models (a shared wrapper went polymorphic once a second model ran).
 */
export type GeneratedScore = (context: ScoreContext) => (lead: Lead, now: Date) => LeadScore;

/**
 * The longest generated source worth compiling, in characters (about 300 rules). V8 does not
 * optimise a function whose bytecode passes 60 KB, and an unoptimised scorer of 500 rules ran 6×
 * slower than the closure scorer; bytecode grows about as fast as this source, so stay well below.
 * (It was 32,000 while the code read the contact as `lead.contact.…`, 11 characters more per read of
 * a contact field than `c.…` now: lowered with it, so the same models stay on each side.)
 */
export const MAX_GENERATED_SOURCE = 28_000;

/** The most steps of a `linear` decay whose factor the generated code writes out as comparisons. */
const UNROLLED_STEPS = 12;

/**
 * How many steps a `linear` decay of `percent` % per step takes to fade a point out: its cut-offs,
 * one per step, are what the scorer compares an interaction's date with.
 *
 * @param percent - The decay's percent per step (1–100).
 * @returns The number of steps.
 */
export function linearDecaySteps(percent: number): number {
  return Math.ceil(100 / percent);
}

/**
 * What is left of a point after `k` steps of a `linear` decay of `percent` % per step.
 *
 * @param percent - The decay's percent per step.
 * @param k - Steps lost.
 * @returns The factor, from 0 to 1.
 */
export function linearDecayFactor(percent: number, k: number): number {
  return Math.max(0, 1 - (percent * k) / 100);
}

/**
 * Where the cut-offs a model needs sit in its compiled list of calendar times (the calendar memo's
 * order): the `within` of each rule that has one, in rule order, then the decay's — one per step of
 * a `linear` decay, one for a `window`.
 */
export interface CutoffLayout {
  /** Each rule with a `within`: its index and its slot. */
  readonly windows: readonly (readonly [rule: number, slot: number])[];
  /** The decay's first slot. */
  readonly decay: number;
  /** How many slots the decay takes (0 without one). */
  readonly decaySlots: number;
}

/**
 * The {@link CutoffLayout} of a model: the one order `compilePointsModel` fills and a generated
 * scorer reads.
 *
 * @param model - A validated points model.
 * @returns Its layout.
 */
export function cutoffLayout(model: PointsModel): CutoffLayout {
  const windows: [number, number][] = [];
  model.rules.forEach((rule, r) => {
    if (rule.interaction?.within !== undefined) windows.push([r, windows.length]);
  });
  const decay = model.decay;
  const decaySlots = decay === undefined ? 0 : decay.kind === "linear" ? linearDecaySteps(decay.percent) : 1;
  return { windows, decay: windows.length, decaySlots };
}

/**
 * Tells whether this runtime lets code be generated: a Content-Security-Policy without
 * `unsafe-eval` and some edge runtimes forbid `new Function` (zod v4's `allowsEval` does the same).
 * Asked on every compilation rather than remembered in module state: an empty function costs
 * microseconds, and compiling a model is rare.
 */
export function allowsCodeGeneration(): boolean {
  try {
    new Function("");
    return true;
  } catch {
    return false;
  }
}

type BuiltinField = (typeof LEAD_FIELDS)[number];

// Where each built-in field is stored, in the generated code (`c` is `lead.contact`), and whether a
// missing value (absent or "") reads as null there, as in `readLeadField`. Fixed paths: nothing from
// the model goes in them.
const FIELD_PATHS: Readonly<Record<BuiltinField, { path: string; missingAsNull: boolean }>> = {
  "contact.kind": { path: "c.kind", missingAsNull: false },
  "contact.entity": { path: "c.entity", missingAsNull: false },
  "contact.name": { path: "c.name", missingAsNull: true },
  "contact.jobTitle": { path: "c.jobTitle", missingAsNull: true },
  "contact.company": { path: "c.company", missingAsNull: true },
  "contact.email": { path: "c.email", missingAsNull: true },
  "contact.phone": { path: "c.phone", missingAsNull: true },
  "contact.industry": { path: "c.industry", missingAsNull: true },
  "contact.companySize": { path: "c.companySize", missingAsNull: true },
  "contact.country": { path: "c.country", missingAsNull: true },
  "contact.city": { path: "c.city", missingAsNull: true },
  "contact.language": { path: "c.language", missingAsNull: true },
  "contact.humanConfirmed": { path: "c.humanConfirmed", missingAsNull: false },
  stage: { path: "lead.stage", missingAsNull: false },
  owner: { path: "lead.owner", missingAsNull: false },
  team: { path: "lead.team", missingAsNull: true },
  source: { path: "lead.source", missingAsNull: true },
  medium: { path: "lead.medium", missingAsNull: true },
  campaign: { path: "lead.campaign", missingAsNull: true },
  interestLevel: { path: "lead.interestLevel", missingAsNull: false },
  progressStatus: { path: "lead.progressStatus", missingAsNull: false },
  "capture.channel": { path: "lead.capture.channel", missingAsNull: false },
};

const orNull = (v: unknown): unknown => (v === undefined || v === "" ? null : v);
const inRange = (v: unknown, min: number, max: number): boolean =>
  typeof v === "number" && v >= min && v < max;

/** Emits the generated source; every value from the model enters it through `JSON.stringify` or `K`. */
class Emitter {
  /** Values that have no exact literal (Sets, ±Infinity, -0): the generated code reads them from `K`. */
  readonly constants: unknown[] = [];

  constant(value: unknown): string {
    this.constants.push(value);
    return `K[${this.constants.length - 1}]`;
  }

  number(x: number): string {
    return Number.isFinite(x) && !Object.is(x, -0) ? JSON.stringify(x) : this.constant(x);
  }

  scalar(v: string | number | boolean | null): string {
    return typeof v === "number" ? this.number(v) : JSON.stringify(v);
  }

  /** Whether the generated code uses the scratch variable `x`. */
  usesScratch = false;

  field(field: LeadField): string {
    const raw = this.rawField(field);
    return field.startsWith("contact.attributes.") || FIELD_PATHS[field as BuiltinField].missingAsNull
      ? `orNull(${raw})`
      : raw;
  }

  /**
   * The field as stored, before a missing value (absent or `""`) reads as null: comparing it is
   * the same as comparing the read value when the values compared with are neither null nor `""`.
   */
  rawField(field: LeadField): string {
    const prefix = "contact.attributes.";
    // Through `attr` (an own-property read), never `attributes[name]`: a name from the model is data.
    if (field.startsWith(prefix)) return `attr(c.attributes, ${JSON.stringify(field.slice(prefix.length))})`;
    return FIELD_PATHS[field as BuiltinField].path;
  }

  /** The field to compare with `values`: raw when none of them is null or `""` (see `rawField`). */
  compared(field: LeadField, values: readonly (string | number | boolean | null)[]): string {
    return values.every((v) => v !== null && v !== "") ? this.rawField(field) : this.field(field);
  }

  condition(c: PointsCondition): string {
    switch (c.kind) {
      case "field_equals":
        return `${this.compared(c.field, [c.value])} === ${this.scalar(c.value)}`;
      case "field_in":
        return this.oneOf(this.compared(c.field, c.values), c.values);
      case "field_range":
        return `inRange(${this.field(c.field)}, ${this.number(c.min ?? Number.NEGATIVE_INFINITY)}, ${this.number(c.max ?? Number.POSITIVE_INFINITY)})`;
      case "field_present":
        return `${this.field(c.field)} !== null`;
      case "tag":
        return `lead.tags.includes(${JSON.stringify(c.tag)})`;
      case "personal_email":
        return "isPersonalEmail(c.email)";
      case "disposable_email":
        return "isDisposableEmail(c.email)";
      case "unpronounceable_name":
        return "looksUnpronounceable(c.name)";
      case "human_confirmed":
        return "c.humanConfirmed";
      case "bot":
        return 'c.kind === "bot"';
    }
  }

  /**
   * Whether `value` is one of `values`: a few compared one by one (no Set lookup; the values are
   * finite, so === is the Set's SameValueZero), more through a Set.
   */
  oneOf(value: string, values: readonly (string | number | boolean | null)[]): string {
    if (values.length > 8) return `${this.constant(new Set(values))}.has(${value})`;
    if (values.length === 1)
      return `${value} === ${this.scalar(values[0] as string | number | boolean | null)}`;
    this.usesScratch = true;
    return `(${values.map((v, k) => `${k === 0 ? `(x = ${value})` : "x"} === ${this.scalar(v)}`).join(" || ")})`;
  }

  /** The rule's lead conditions as one expression, `when` before `unless` like the closure scorer. */
  test(rule: PointsRule): string {
    const parts = [
      ...(rule.when ?? []).map((c) => `(${this.condition(c)})`),
      ...(rule.unless ?? []).map((c) => `!(${this.condition(c)})`),
    ];
    return parts.length === 0 ? "true" : parts.join(" && ");
  }

  /** `x` kept within ±cap, written out only when the cap is finite. */
  capped(x: string, cap: number | undefined): string {
    return cap === undefined ? x : `Math.min(${this.number(cap)}, Math.max(${this.number(-cap)}, ${x}))`;
  }
}

/**
 * Writes a points model's score function as source text and compiles it with `new Function`.
 * Only indices and fixed expressions become code; every string and number from the model is
 * emitted with `JSON.stringify` or passed in as a constant, so a model cannot inject code.
 *
 * @param model - A validated points model.
 * @returns The generated scorer, to bind to the compiled model's {@link ScoreContext}; or `null` when its source would pass
 *   {@link MAX_GENERATED_SOURCE} or the runtime refuses to compile it (the caller then keeps the
 *   closure scorer).
 */
export function generateScoreFunction(model: PointsModel): GeneratedScore | null {
  const e = new Emitter();
  const groupIndex = new Map(model.groups.map((g, i) => [g.id, i]));
  const decayGroups = model.decay?.groups === undefined ? null : new Set(model.decay.groups);
  const lines: string[] = [];

  // Interaction rules: eligibility, counters, and the case of each interaction type they count.
  // An interaction whose decay factor is 0 adds nothing (its rule's points times 0 is ±0, and a
  // group's sum starts at +0, which adding ±0 leaves as it is), so it is skipped, as a hand-written
  // scorer skips it: a decaying rule counts only interactions its decay has not faded out, and a
  // type whose every rule decays stops at the interaction's date, before any rule's checks.
  const decay = model.decay;
  const steps = decay?.kind === "linear" ? linearDecaySteps(decay.percent) : 0;
  const fadesOut =
    decay?.kind === "window" || (decay?.kind === "linear" && linearDecayFactor(decay.percent, steps) === 0);
  // Whether the interaction at `at` still counts; a NaN time is kept (its factor is not 0).
  const alive = decay?.kind === "window" ? "at >= d0" : `!(at <= cLast)`;
  const byType = new Map<
    string,
    { readonly checks: string[]; readonly count: string; readonly fades: boolean }[]
  >();
  model.rules.forEach((rule, r) => {
    const m = rule.interaction;
    if (m === undefined) return;
    const test = e.test(rule);
    if (test !== "true") lines.push(`const e${r} = ${test};`);
    lines.push(`let n${r} = 0, s${r} = 0, b${r} = 0;`);
    const decays = decay !== undefined && (decayGroups?.has(rule.group) ?? true);
    // Past the alive check, a window decay's factor is 1.
    const count =
      !decays || decay?.kind === "window"
        ? `{ n${r}++; s${r} += 1; b${r} = 1; }`
        : `{ const f = F(at); n${r}++; s${r} += f; if (f > b${r}) b${r} = f; }`;
    for (const type of new Set(m.types)) {
      const checks = [
        ...(test === "true" ? [] : [`e${r}`]),
        ...(m.within === undefined ? [] : [`!(at < w${r})`]),
        ...(m.pageKinds !== undefined && type === "page_view" ? [e.oneOf("i.pageKind", m.pageKinds)] : []),
        ...(m.channels === undefined ? [] : [e.oneOf("i.channel", m.channels)]),
        ...(m.initiators === undefined ? [] : [e.oneOf("i.initiator.kind", m.initiators)]),
      ];
      byType.set(type, [...(byType.get(type) ?? []), { checks, count, fades: decays && fadesOut }]);
    }
  });
  if (byType.size > 0) {
    lines.push("const xs = lead.interactions;", "for (let j = 0; j < xs.length; j++) {", "const i = xs[j];");
    lines.push("switch (i.type) {");
    for (const [type, counted] of byType) {
      const allFade = counted.every((c) => c.fades);
      lines.push(
        `case ${JSON.stringify(type)}: {`,
        "const at = i.at.getTime();",
        allFade ? `if (at > nowMs || !(${alive})) break;` : "if (at > nowMs) break;",
      );
      for (const { checks, count, fades } of counted) {
        const all = fades && !allFade ? [alive, ...checks] : checks;
        lines.push(all.length === 0 ? count : `if (${all.join(" && ")}) ${count}`);
      }
      lines.push("break;", "}");
    }
    lines.push("}", "}");
  }

  // Every rule adds its points to its group, in the model's order (the order of the float sums).
  lines.push(model.groups.map((_, g) => `let g${g} = 0;`).join(" "));
  model.rules.forEach((rule, r) => {
    const g = `g${groupIndex.get(rule.group) ?? 0}`;
    if (rule.interaction === undefined) {
      const points = Math.min(
        rule.cap ?? Number.POSITIVE_INFINITY,
        Math.max(-(rule.cap ?? Number.POSITIVE_INFINITY), rule.points),
      );
      lines.push(`if (${e.test(rule)}) ${g} += ${e.number(points)};`);
    } else {
      const raw = `${e.number(rule.points)} * ${rule.repeatable === true ? `s${r}` : `b${r}`}`;
      lines.push(`if (n${r} > 0) ${g} += ${e.capped(raw, rule.cap)};`);
    }
  });

  // Group caps, the total kept within 0–100, and the result in its one shape.
  const groupValues = model.groups.map((group, g) => {
    let v = `g${g}`;
    if (group.min !== undefined) v = `Math.max(${e.number(group.min)}, ${v})`;
    if (group.max !== undefined) v = `Math.min(${e.number(group.max)}, ${v})`;
    return v;
  });
  lines.push(...groupValues.map((v, g) => `const v${g} = ${v};`));
  lines.push("let t = 0;", ...model.groups.map((_, g) => `t += v${g};`));
  const keys = model.groups.map((group, g) => {
    // A literal `"__proto__": v` would set the prototype; the computed form defines the property.
    const key = group.id === "__proto__" ? '["__proto__"]' : JSON.stringify(group.id);
    return `${key}: v${g}`;
  });
  lines.push(
    `return { modelId: ${JSON.stringify(model.id)}, value: Math.min(100, Math.max(0, t)), groups: { ${keys.join(", ")} } };`,
    "}",
  );

  const source = lines.join("\n");
  if (source.length > MAX_GENERATED_SOURCE) return null;
  const head = [
    '"use strict";',
    "return function (P, W, D, C, R, E, M, S) {",
    // A linear decay's factor: the first cut-off the interaction is after (`C` newest first) says how
    // many steps it has lost. Written out for a few steps, the loop for many.
    ...(decay?.kind !== "linear"
      ? []
      : steps <= UNROLLED_STEPS
        ? [
            `function F(at) { ${Array.from({ length: steps }, (_, k) => `if (!(at <= C[${k}])) return R[${k}]; `).join("")}return R[${steps}]; }`,
          ]
        : ["function F(at) { let k = 0; while (k < C.length && at <= C[k]) k++; return R[k]; }"]),
    "function body(lead, nowMs) {",
    // The contact, read once: leads come in many shapes, so each read of `lead.contact` is a
    // megamorphic lookup, and a model reads it for most of its rules.
    "const c = lead.contact;",
    // The cut-offs this `now` needs, read once.
    ...(decay?.kind === "window" ? ["const d0 = D[0];"] : []),
    ...(decay?.kind === "linear" && fadesOut ? [`const cLast = C[${steps - 1}];`] : []),
    ...model.rules.flatMap((rule, r) =>
      rule.interaction?.within === undefined ? [] : [`const w${r} = W[${r}];`],
    ),
    ...(e.usesScratch ? ["let x;"] : []),
  ];
  // While `now` is in the calendar memo's verified hour, the cut-offs are `now` plus the memo's
  // distances: written here, as `prepare` would write them, without calling it; any other `now`
  // (another hour, a changed zone, not a Date) goes through `prepare`.
  const layout = cutoffLayout(model);
  const at = (slot: number) => `t + M[${3 + slot}]`;
  const fill = [
    "S[0] = t;",
    ...layout.windows.map(([r, slot]) => `W[${r}] = ${at(slot)};`),
    ...(decay?.kind === "window" ? [`D[0] = ${at(layout.decay)};`] : []),
    ...(decay?.kind !== "linear"
      ? []
      : steps <= UNROLLED_STEPS
        ? Array.from({ length: steps }, (_, k) => `C[${k}] = ${at(layout.decay + k)};`)
        : [`for (let k = 0; k < ${steps}; k++) C[k] = t + M[${3 + layout.decay} + k];`]),
  ];
  const tail = [
    "return function score(lead, now) {",
    "try {",
    ...(fill.length === 1
      ? ["return body(lead, P(now));"]
      : [
          "let t;",
          "if (now instanceof Date && (t = now.getTime()) >= M[0] && t < M[1] && now.getTimezoneOffset() === M[2]) {",
          ...fill,
          "} else t = P(now);",
          "return body(lead, t);",
        ]),
    "} catch (error) { throw E(error, lead); }",
    "};",
    "};",
  ];
  let factory: (...args: unknown[]) => (...context: unknown[]) => (lead: Lead, now: Date) => LeadScore;
  try {
    factory = new Function(
      "K",
      "orNull",
      "inRange",
      "isPersonalEmail",
      "isDisposableEmail",
      "looksUnpronounceable",
      "attr",
      `${head.join("\n")}\n${source}\n${tail.join("\n")}`,
    ) as typeof factory;
  } catch {
    // A policy may let `allowsCodeGeneration`'s empty probe through and still refuse this source (a
    // Trusted Types default policy that allows only known scripts): keep the closure scorer then.
    return null;
  }
  const make = factory(
    e.constants,
    orNull,
    inRange,
    isPersonalEmail,
    isDisposableEmail,
    looksUnpronounceable,
    ownAttribute,
  );
  return (c) =>
    make(
      c.prepare,
      c.windowFrom,
      c.windowDecayFrom,
      c.decayCutoffs,
      c.decayFactors,
      c.rethrow,
      c.memo,
      c.preparedFor,
    );
}
