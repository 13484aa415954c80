import { sub } from "date-fns/sub";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import type { InteractionInput, Lead } from "../../src/model/index.js";
import {
  compilePointsModel,
  DEFAULT_POINTS_MODEL,
  LEAD_FIELDS,
  type PointsCondition,
  type PointsModel,
  parsePointsModel,
  type ScoreDecay,
  type ScoreDuration,
} from "../../src/scoring/index.js";
import { generateScoreFunction } from "../../src/scoring/points/generate-score-function.js";
import { contactWith, makeLead } from "../support/make-lead.js";
import { NOW } from "./fixtures.js";

// The generated scorer must agree with the closure scorer on every model the schema accepts, so
// these arbitraries reach every condition kind, interaction detail, decay, cap and odd string.
const DAY = 86_400_000;
const types = [
  "email_click",
  "email_open",
  "page_view",
  "content_download",
  "meeting_held",
  "custom:trial.start",
] as const;
const odd = fc.constantFrom("fit", "__proto__", 'a"b', "line\nbreak", "sep\u2028x", "back\\slash", "");
const scalarArb = fc.oneof(
  fc.constantFrom("Software", "Retail", "", "ES", "high", "referral", "bot", "person"),
  fc.constantFrom(null, true, false, 0, -0, 5, 12.5),
);
// Every built-in field, so the generator's table of field paths cannot drift from `readLeadField`'s
// (which fields read a missing value as null) without this law failing.
const fieldArb = fc.constantFrom(
  ...LEAD_FIELDS,
  "contact.attributes.seats",
  'contact.attributes.we"ird',
  "contact.attributes.__proto__",
) as fc.Arbitrary<"contact.industry">;

const conditionArb: fc.Arbitrary<PointsCondition> = fc.oneof(
  fc.record({ kind: fc.constant("field_equals" as const), field: fieldArb, value: scalarArb }),
  fc.record({
    kind: fc.constant("field_in" as const),
    field: fieldArb,
    values: fc.array(scalarArb, { minLength: 1, maxLength: 10 }),
  }),
  fc
    .record({
      kind: fc.constant("field_range" as const),
      field: fieldArb,
      min: fc.integer({ min: 0, max: 20 }),
    })
    .chain((c) =>
      fc
        .option(fc.integer({ min: c.min + 1, max: 60 }), { nil: undefined })
        .map((max) => (max === undefined ? c : { ...c, max })),
    ),
  fc.record({ kind: fc.constant("field_present" as const), field: fieldArb }),
  fc.record({ kind: fc.constant("tag" as const), tag: fc.constantFrom("vip", 'q"uote', "sep\u2028x") }),
  fc.constantFrom<PointsCondition>(
    { kind: "personal_email" },
    { kind: "disposable_email" },
    { kind: "unpronounceable_name" },
    { kind: "human_confirmed" },
    { kind: "bot" },
  ),
);

const ruleArb = (i: number, groups: readonly string[]) =>
  fc.record(
    {
      id: fc.constantFrom(`r${i}`, `r${i}"); throw 1; ("`),
      group: fc.constantFrom(...groups),
      points: fc.oneof(fc.integer({ min: -60, max: 60 }), fc.double({ min: -30, max: 30, noNaN: true })),
      when: fc.array(conditionArb, { maxLength: 2 }),
      unless: fc.array(conditionArb, { maxLength: 1 }),
      interaction: fc.record(
        {
          types: fc.subarray([...types], { minLength: 1 }),
          pageKinds: fc.subarray(["product", "pricing", "other"] as const, { minLength: 1 }),
          channels: fc.subarray(["email", "web", "phone"] as const, { minLength: 1 }),
          initiators: fc.subarray(["contact", "user"] as const, { minLength: 1 }),
          within: fc.constantFrom({ days: 10 }, { weeks: 2 }, { months: 1 }),
        },
        { requiredKeys: ["types"] },
      ),
      repeatable: fc.boolean(),
      cap: fc.integer({ min: 1, max: 80 }),
    },
    { requiredKeys: ["id", "group", "points"] },
  );

const modelArb: fc.Arbitrary<PointsModel> = fc
  .uniqueArray(odd, { minLength: 1, maxLength: 3 })
  .map((ids) => ids.map((id) => (id === "" ? "g" : id)))
  .filter((ids) => new Set(ids).size === ids.length)
  .chain((groupIds) =>
    fc.record({
      id: odd.map((id) => (id === "" ? "m" : id)),
      groups: fc.tuple(
        ...groupIds.map((id) =>
          fc.record(
            {
              id: fc.constant(id),
              // -0 as a cap has no exact literal: it must reach the code as a constant.
              min: fc.oneof(fc.integer({ min: -40, max: 0 }), fc.constant(-0)),
              max: fc.oneof(fc.integer({ min: 1, max: 90 }), fc.constant(-0)),
            },
            { requiredKeys: ["id"] },
          ),
        ),
      ),
      rules: fc
        .integer({ min: 0, max: 10 })
        .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => ruleArb(i, groupIds)))),
      decay: fc.option(
        fc.oneof(
          fc.record(
            {
              kind: fc.constant("linear" as const),
              percent: fc.constantFrom(10, 25, 33, 100),
              every: fc.constantFrom({ weeks: 1 }, { months: 1 }),
              groups: fc.subarray(groupIds, { minLength: 1 }),
            },
            { requiredKeys: ["kind", "percent", "every"] },
          ),
          fc.record(
            {
              kind: fc.constant("window" as const),
              within: fc.constantFrom({ days: 30 }, { months: 3 }),
              groups: fc.subarray(groupIds, { minLength: 1 }),
            },
            { requiredKeys: ["kind", "within"] },
          ),
        ),
        { nil: undefined },
      ),
    }),
  )
  .map((m) =>
    parsePointsModel({
      id: m.id,
      groups: m.groups,
      rules: m.rules
        // Rule ids must differ; a repeatable rule needs an interaction.
        .map((r, i) => ({ ...r, id: `${r.id}#${i}` }))
        .map(({ repeatable, ...r }) =>
          repeatable === undefined || r.interaction === undefined ? r : { ...r, repeatable },
        ),
      ...(m.decay === undefined ? {} : { decay: m.decay }),
    }),
  );

const interactionArb: fc.Arbitrary<InteractionInput> = fc
  .record({
    type: fc.constantFrom(...types, "social_like" as const),
    // Negative: after `now`, which every scorer must ignore; the constants sit on the cut-offs of
    // the windows and decays below, where `<` and `<=` part ways.
    daysAgo: fc.oneof(
      fc.integer({ min: -5, max: 200 }),
      fc.constantFrom(0, 7, 10, 14, 28, 30, 31, 59, 90, 92),
    ),
    pageKind: fc.constantFrom("product", "pricing", "other") as fc.Arbitrary<"product" | "pricing" | "other">,
    channel: fc.option(fc.constantFrom("email", "web", "phone") as fc.Arbitrary<"email" | "web" | "phone">, {
      nil: undefined,
    }),
    initiator: fc.constantFrom("contact", "user") as fc.Arbitrary<"contact" | "user">,
  })
  .map(
    (i) =>
      ({
        id: "i",
        type: i.type,
        at: new Date(NOW.getTime() - i.daysAgo * DAY),
        initiator: i.initiator === "user" ? { kind: "user", userId: "u-ana" } : { kind: "contact" },
        ...(i.channel === undefined ? {} : { channel: i.channel }),
        ...(i.type === "page_view" ? { pageKind: i.pageKind } : {}),
      }) as InteractionInput,
  );

const leadArb: fc.Arbitrary<Lead> = fc
  .record({
    interactions: fc.array(interactionArb, { maxLength: 10 }),
    industry: fc.option(fc.constantFrom("Software", "Retail", ""), { nil: undefined }),
    country: fc.option(fc.constantFrom("ES", "FR"), { nil: undefined }),
    email: fc.constantFrom("ana@acme.es", "x@gmail.com"),
    name: fc.constantFrom("Ana García", "Xkcd Qwrtzp"),
    humanConfirmed: fc.boolean(),
    kind: fc.constantFrom("prospect", "bot") as fc.Arbitrary<"prospect" | "bot">,
    tags: fc.subarray(["vip", 'q"uote', "sep\u2028x"]),
    seats: fc.option(fc.oneof(fc.integer({ min: -5, max: 70 }), fc.constantFrom("", "many", true)), {
      nil: undefined,
    }),
    interestLevel: fc.constantFrom("unknown", "high") as fc.Arbitrary<"unknown" | "high">,
    source: fc.option(fc.constantFrom("referral", "Software"), { nil: undefined }),
    // The other optional text fields: absent, empty where the schema allows it, or set.
    contactText: fc.record(
      {
        jobTitle: fc.constantFrom("", "CEO"),
        company: fc.constantFrom("", "Acme"),
        phone: fc.constantFrom("", "+34600000000"),
        city: fc.constantFrom("", "Madrid"),
        language: fc.constantFrom("", "es"),
      },
      { requiredKeys: [] },
    ),
    leadText: fc.record(
      { team: fc.constant("north"), medium: fc.constant("email"), campaign: fc.constant("Software") },
      { requiredKeys: [] },
    ),
  })
  .map((r) =>
    makeLead(
      {
        tags: r.tags,
        interestLevel: r.interestLevel,
        ...(r.source === undefined ? {} : { source: r.source }),
        ...r.leadText,
        interactions: r.interactions.map((i, n) => ({ ...i, id: `i${n}` })),
      },
      contactWith({
        email: r.email,
        name: r.name,
        humanConfirmed: r.humanConfirmed,
        kind: r.kind,
        ...r.contactText,
        ...(r.industry === undefined ? {} : { industry: r.industry }),
        ...(r.country === undefined ? {} : { country: r.country }),
        attributes: r.seats === undefined ? {} : { seats: r.seats, 'we"ird': r.seats },
      }),
    ),
  );

const models = fc.oneof(modelArb, fc.constant(DEFAULT_POINTS_MODEL));
const nows = fc.constantFrom(NOW, new Date(NOW.getTime() + 45 * DAY), new Date("2026-03-31T23:59:59.999Z"));

describe("generated scorer laws", () => {
  it("the generated scorer and the closure scorer give the same score, group by group", () => {
    fc.assert(
      fc.property(models, leadArb, nows, (model, lead, now) => {
        // The generated code compiles (a refused or broken source would silently keep the closures).
        expect(generateScoreFunction(model)).not.toBeNull();
        const generated = compilePointsModel(model).score(lead, now);
        const closures = compilePointsModel(model, { generateCode: false }).score(lead, now);
        // toStrictEqual tells -0 from 0 and an own "__proto__" key from a prototype.
        expect(generated).toStrictEqual(closures);
        expect(Object.keys(generated.groups)).toEqual(model.groups.map((g) => g.id));
      }),
      { numRuns: 1000 },
    );
  });

  it("the breakdown sums to the generated score, and its value is that score", () => {
    fc.assert(
      fc.property(models, leadArb, nows, (model, lead, now) => {
        const scorer = compilePointsModel(model);
        const e = scorer.explain(lead, now);
        const parts =
          e.rules.reduce((s, r) => s + r.points, 0) + e.adjustments.reduce((s, a) => s + a.points, 0);
        const { value, groups } = scorer.score(lead, now);
        expect(e.value).toBe(value);
        expect(parts).toBeCloseTo(value, 9);
        expect(Object.fromEntries(e.groups.map((g) => [g.group, g.value]))).toEqual({ ...groups });
      }),
      { numRuns: 200 },
    );
  });

  it("a scorer that has scored at earlier nows scores as one compiled afresh for this now", () => {
    // The cut-offs come from a calendar memo that reuses their distance from now within a local
    // hour; a model compiled afresh (a copy: compiled models are cached per object) computes them
    // with date-fns. Madrid's clocks change on 29 March 2026, inside the months the nows cover.
    process.env["TZ"] = "Europe/Madrid";
    const start = fc.integer({ min: NOW.getTime() - 40 * DAY, max: NOW.getTime() + 40 * DAY });
    const steps = fc.array(
      fc.oneof(fc.integer({ min: 1, max: 5_000 }), fc.integer({ min: 1, max: 2 * 3_600_000 })),
      {
        minLength: 1,
        maxLength: 12,
      },
    );
    fc.assert(
      fc.property(
        models,
        fc.array(leadArb, { minLength: 1, maxLength: 3 }),
        start,
        steps,
        (model, leads, t0, ts) => {
          const warm = compilePointsModel(model);
          const closures = compilePointsModel(model, { generateCode: false });
          let t = t0;
          for (const step of ts) {
            t += step;
            const now = new Date(t);
            for (const lead of leads) {
              const fresh = compilePointsModel(structuredClone(model), { generateCode: false }).score(
                lead,
                now,
              );
              expect(warm.score(lead, now)).toStrictEqual(fresh);
              expect(closures.score(lead, now)).toStrictEqual(fresh);
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

const originalZone = process.env["TZ"];
afterAll(() => {
  if (originalZone === undefined) delete process.env["TZ"];
  else process.env["TZ"] = originalZone;
});

describe("generated scorer laws at the decay's cut-offs", () => {
  // The generated scorer skips an interaction its decay has faded out (its factor is 0), once per
  // interaction when every rule counting its type decays, else rule by rule; the closure scorer
  // counts it with factor 0. These interactions sit on each cut-off and a millisecond either side.
  const every = fc.constantFrom<ScoreDuration>({ weeks: 1 }, { months: 1 }, { days: 10 }, { hours: 12 });
  const decayArb = fc.oneof(
    fc.record({ kind: fc.constant("linear" as const), percent: fc.constantFrom(10, 25, 30, 50, 100), every }),
    fc.record({ kind: fc.constant("window" as const), within: every }),
  );
  const decayModel = (decay: ScoreDecay, groups: readonly string[] | undefined): PointsModel =>
    parsePointsModel({
      id: "cut-offs",
      groups: [{ id: "a" }, { id: "b", max: 40 }],
      rules: [
        {
          id: "click",
          group: "a",
          points: 8,
          repeatable: true,
          cap: 30,
          interaction: { types: ["email_click"] },
        },
        { id: "open", group: "a", points: 3, interaction: { types: ["email_open", "page_view"] } },
        {
          id: "pricing",
          group: "b",
          points: 10,
          interaction: { types: ["page_view"], pageKinds: ["pricing"] },
        },
        { id: "late-open", group: "b", points: -2, repeatable: true, interaction: { types: ["email_open"] } },
      ],
      decay: groups === undefined ? decay : { ...decay, groups },
    });
  const step = fc.record({
    type: fc.constantFrom("email_click", "email_open", "page_view") as fc.Arbitrary<
      "email_click" | "email_open" | "page_view"
    >,
    k: fc.integer({ min: 0, max: 11 }),
    delta: fc.constantFrom(-1, 0, 1),
  });

  it("the generated scorer scores interactions on, just before and just after every cut-off as the closure scorer does", () => {
    fc.assert(
      fc.property(
        decayArb,
        fc.constantFrom(undefined, ["a"], ["b"]),
        nows,
        fc.array(step, { minLength: 1, maxLength: 8 }),
        (decay, groups, now, steps) => {
          const model = decayModel(decay, groups);
          const unit = decay.kind === "linear" ? decay.every : decay.within;
          const cutoff = (k: number) =>
            sub(now, Object.fromEntries(Object.entries(unit).map(([u, n]) => [u, (n ?? 0) * k]))).getTime();
          const lead = makeLead({
            interactions: steps.map(({ type, k, delta }, n) => ({
              id: `i${n}`,
              type,
              at: new Date(cutoff(k) + delta),
              initiator: { kind: "contact" },
              ...(type === "page_view" ? { pageKind: "pricing" } : {}),
            })) as InteractionInput[],
          });
          const generated = compilePointsModel(model).score(lead, now);
          const closures = compilePointsModel(model, { generateCode: false }).score(lead, now);
          expect(generated).toStrictEqual(closures);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("generated scorer laws over a run of nows", () => {
  it("a generated scorer fed nows in any order, repeats and other hours included, scores each as a closure scorer compiled afresh", () => {
    // While `now` stays in the calendar memo's verified hour the generated scorer writes the cut-offs
    // itself, without `prepare`; a `now` outside it goes through `prepare`, which trusts the `now`
    // it last prepared for. Going back to an earlier `now` after the fast path ran must not find the
    // cut-offs of a later one.
    const hour = 3_600_000;
    const pool = fc.uniqueArray(fc.integer({ min: -3 * hour, max: 3 * hour }), {
      minLength: 2,
      maxLength: 6,
    });
    fc.assert(
      fc.property(
        models,
        leadArb,
        pool.chain((ts) =>
          fc.tuple(fc.constant(ts), fc.array(fc.nat(ts.length - 1), { minLength: 4, maxLength: 30 })),
        ),
        (model, lead, [ts, picks]) => {
          const warm = compilePointsModel(model);
          for (const pick of picks) {
            const now = new Date(NOW.getTime() + (ts[pick] as number));
            const fresh = compilePointsModel(structuredClone(model), { generateCode: false }).score(
              lead,
              now,
            );
            expect(warm.score(lead, now)).toStrictEqual(fresh);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
