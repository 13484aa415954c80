import { isLeadKitError, type Lead, type Result } from "leadkit";
import {
  computeFunnel,
  computeFunnelAggregate,
  emptyFunnelAggregate,
  FUNNEL_NO_VALUE,
  type FunnelOptions,
  findResponseBreaches,
  funnelAggregateFromSqlRows,
  funnelToSql,
  mergeFunnelAggregates,
  projectFunnelRow,
  safeComputeFunnelAggregate,
  summarizeFunnel,
} from "leadkit/metrics";
import { describe, expect, it } from "vitest";
import { funnelLead, pathTo, T0 } from "./fixtures.js";

const DAY = 86_400;

describe("computeFunnel — stages", () => {
  const leads: Lead[] = [
    funnelLead({ path: [] }),
    funnelLead({ path: pathTo("lead") }),
    funnelLead({ path: [...pathTo("prospect"), ["lost", 3]] }),
    funnelLead({ path: pathTo("potential_client") }),
    funnelLead({ path: pathTo("customer") }),
  ];
  const summary = computeFunnel(leads);

  it("counts a lead as reaching every stage up to its furthest, even when now lost", () => {
    expect(summary.total.stages.map((s) => s.reached)).toEqual([5, 4, 3, 2, 1]);
  });

  it("gives stage-to-stage and end-to-end conversion and drop-off", () => {
    const prospect = summary.total.stages[2];
    expect(prospect).toMatchObject({
      stage: "prospect",
      conversionFromPrevious: 3 / 4,
      conversionFromStart: 3 / 5,
      dropOff: 1,
      dropOffRate: 1 / 4,
    });
    expect(summary.total.stages[0]).toMatchObject({ conversionFromPrevious: null, dropOff: 0 });
    expect(summary.total.endToEndConversion).toBe(1 / 5);
    expect(summary.total.leadToCustomerConversion).toBe(1 / 4);
    expect(summary.total).toMatchObject({ won: 1, lost: 1, archived: 0, open: 3, winRate: 1 / 2 });
  });

  it("counts a lead created further down the funnel as having reached the earlier stages", () => {
    const s = computeFunnel([funnelLead({ start: "prospect", path: [["disqualified", 2]] })]);
    expect(s.total.stages.map((x) => x.reached)).toEqual([1, 1, 1, 0, 0]);
    expect(s.total.lost).toBe(1);
  });

  it("returns null rates, never NaN, for an empty input", () => {
    const s = computeFunnel([]);
    expect(s.total.leads).toBe(0);
    expect(s.total.endToEndConversion).toBeNull();
    expect(s.total.stages.every((x) => x.conversionFromStart === null)).toBe(true);
    expect(s.total.timeToClose).toEqual({ count: 0, meanDays: null, medianDays: null, p90Days: null });
    expect(s.total.costPerLead).toBeNull();
    expect(s.total.passiveShare).toBeNull();
  });

  it("does not count a customer that was later archived as archived", () => {
    const s = computeFunnel([funnelLead({ path: [...pathTo("customer"), ["archived", 10]] })]);
    expect(s.total).toMatchObject({ won: 1, archived: 0 });
  });
});

describe("computeFunnel — segments", () => {
  const originOf: FunnelOptions["originOf"] = (lead) =>
    lead.generatedBy === null ? "passive" : lead.generatedBy === lead.owner ? "active" : "passive";
  const leads = [
    funnelLead({
      source: "organic",
      owner: "u-ana",
      generatedBy: "u-ana",
      industry: "software",
      path: pathTo("customer"),
    }),
    funnelLead({
      source: "organic",
      owner: "u-bruno",
      industry: "retail",
      interestLevel: "high",
      path: pathTo("lead"),
    }),
    funnelLead({ source: "social", owner: null, createdAt: new Date("2026-04-02T00:00:00Z") }),
    funnelLead({ owner: "u-bruno", generatedBy: "u-ana", createdAt: new Date("2026-05-20T00:00:00Z") }),
  ];
  const summary = computeFunnel(leads, { originOf });

  it("segments by every dimension, with (none) for missing values", () => {
    const keys = (d: keyof typeof summary.segments) => summary.segments[d]?.map((s) => [s.key, s.leads]);
    expect(keys("source")).toEqual([
      ["organic", 2],
      [FUNNEL_NO_VALUE, 1],
      ["social", 1],
    ]);
    expect(keys("owner")).toEqual([
      ["u-bruno", 2],
      [FUNNEL_NO_VALUE, 1],
      ["u-ana", 1],
    ]);
    expect(keys("generatedBy")).toEqual([
      [FUNNEL_NO_VALUE, 2],
      ["u-ana", 2],
    ]);
    expect(keys("origin")).toEqual([
      ["passive", 3],
      ["active", 1],
    ]);
    expect(keys("industry")).toEqual([
      [FUNNEL_NO_VALUE, 2],
      ["retail", 1],
      ["software", 1],
    ]);
    expect(keys("interestLevel")).toEqual([
      ["unknown", 3],
      ["high", 1],
    ]);
    expect(keys("period")).toEqual([
      ["2026-Q1", 2],
      ["2026-Q2", 2],
    ]);
  });

  it("cuts cohorts by UTC month when asked", () => {
    const s = computeFunnel(leads, { period: "month", dimensions: ["period"] });
    expect(s.segments.period?.map((x) => x.key)).toEqual(["2026-01", "2026-04", "2026-05"]);
    expect(s.segments.source).toBeUndefined();
  });

  it("gives conversion by origin", () => {
    const active = summary.segments.origin?.find((s) => s.key === "active");
    expect(active?.leadToCustomerConversion).toBe(1);
    expect(summary.total.passiveShare).toBe(3 / 4);
  });

  it("treats an unknown origin as neither active nor passive", () => {
    const s = computeFunnel(leads);
    expect(s.total).toMatchObject({ active: 0, passive: 0, unknownOrigin: 4, passiveShare: null });
  });

  it("rejects an unknown dimension", () => {
    expect(() => computeFunnel(leads, { dimensions: ["colour" as "source"] })).toThrow(
      /Unknown funnel dimension "colour"/,
    );
  });
});

describe("computeFunnel — durations", () => {
  it("measures time to close from creation to the first move to customer, with exact mean", () => {
    const leads = [1, 2, 3, 4, 10].map((d) => funnelLead({ path: pathTo("customer", d) }));
    const { timeToClose } = computeFunnel(leads).total;
    expect(timeToClose.count).toBe(5);
    expect(timeToClose.meanDays).toBe((4 + 8 + 12 + 16 + 40) / 5);
    expect(timeToClose.medianDays).toBeCloseTo(12, 0);
    expect(Math.abs((timeToClose.medianDays ?? 0) - 12) / 12).toBeLessThanOrEqual(1 / 128);
    expect(Math.abs((timeToClose.p90Days ?? 0) - 40) / 40).toBeLessThanOrEqual(1 / 128);
  });

  it("keeps durations under 128 seconds exact", () => {
    const lead = funnelLead({ path: [] });
    const won = {
      ...lead,
      stage: "customer" as const,
      history: [
        {
          from: "contact" as const,
          to: "customer" as const,
          event: "win",
          at: new Date(T0.getTime() + 100_000),
          actor: "u",
        },
      ],
    };
    expect(computeFunnel([won]).total.timeToClose.medianDays).toBe(100 / DAY);
  });

  it("sums time in a stage over repeated stays and ignores the stay in progress", () => {
    const lead = funnelLead({
      path: [
        ["lead", 1],
        ["prospect", 2],
        ["nurturing", 3],
        ["prospect", 4],
        ["potential_client", 5],
      ],
    });
    const row = projectFunnelRow(lead);
    expect(row.seconds_in_contact).toBe(1 * DAY);
    expect(row.seconds_in_lead).toBe(2 * DAY);
    expect(row.seconds_in_prospect).toBe((3 + 5) * DAY);
    expect(row.seconds_in_potential_client).toBeNull();
    const { timeInStage } = computeFunnel([lead]).total;
    expect(timeInStage.prospect.meanDays).toBe(8);
    expect(timeInStage.potential_client.count).toBe(0);
  });

  it("counts out-of-order history as zero time rather than negative", () => {
    const lead = funnelLead({ path: [["lead", -2]] });
    expect(projectFunnelRow(lead).seconds_in_contact).toBe(0);
  });
});

describe("computeFunnel — money", () => {
  it("computes cost per lead and per customer from a cost table by source", () => {
    const leads = [
      funnelLead({ source: "ads", path: pathTo("customer") }),
      funnelLead({ source: "ads" }),
      funnelLead({ source: "fair" }),
      funnelLead({}),
    ];
    const s = computeFunnel(leads, { costs: { ads: 100, [FUNNEL_NO_VALUE]: 10 } });
    const ads = s.segments.source?.find((x) => x.key === "ads");
    expect(ads).toMatchObject({ cost: 200, costPerLead: 100, costPerCustomer: 200 });
    expect(s.segments.source?.find((x) => x.key === "fair")?.costPerLead).toBeNull();
    expect(s.total).toMatchObject({ cost: 210, costPerLead: 70, costPerCustomer: 210 });
  });

  it("accepts a cost function", () => {
    const s = computeFunnel([funnelLead({ id: "x" })], { costs: (lead) => (lead.id === "x" ? 12.34 : null) });
    expect(s.total.cost).toBe(12.34);
  });

  it("weights open leads' expected revenue by probability", () => {
    const leads = [
      funnelLead({
        expectedRevenue: 10_000,
        scores: { fit: { value: 40, at: T0 } },
        path: pathTo("prospect"),
      }),
      funnelLead({
        expectedRevenue: 5_000,
        scores: { fit: { value: 80, at: T0 } },
        path: pathTo("customer"),
      }),
      funnelLead({ expectedRevenue: 2_000, path: pathTo("lead") }),
    ];
    const probabilityOf = (lead: Lead) => {
      const fit = lead.scores["fit"];
      return fit === undefined ? null : fit.value / 100;
    };
    expect(computeFunnel(leads, { probabilityOf }).total.pipeline).toEqual({
      leads: 1,
      expectedRevenue: 10_000,
      weightedValue: 4_000,
    });
  });

  it("rejects a probability outside [0, 1] and a negative cost, naming the lead", () => {
    const lead = funnelLead({ id: "l-bad", expectedRevenue: 1 });
    const thrown = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e;
      }
      return undefined;
    };
    const e1 = thrown(() => computeFunnel([lead], { probabilityOf: () => 1.5 }));
    expect(isLeadKitError(e1) && e1.code === "invalid_input" && /l-bad.*\[0, 1\]/.test(e1.message)).toBe(
      true,
    );
    expect(() => computeFunnel([lead], { probabilityOf: () => Number.NaN })).toThrow(
      /probabilityOf returned NaN/,
    );
    expect(() => computeFunnel([lead], { costs: { [FUNNEL_NO_VALUE]: -1 } })).toThrow(/cost of lead "l-bad"/);
  });
});

describe("aggregates", () => {
  const leads = [
    funnelLead({ source: "a", path: pathTo("customer", 3) }),
    funnelLead({ source: "b", path: pathTo("lead") }),
  ];

  it("accepts an async iterable and gives the same result", async () => {
    async function* stream() {
      yield* leads;
    }
    expect(await computeFunnelAggregate(stream())).toEqual(computeFunnelAggregate(leads));
    expect(await computeFunnel(stream())).toEqual(computeFunnel(leads));
  });

  it("accepts a generator, read once", () => {
    function* once() {
      yield* leads;
    }
    expect(computeFunnelAggregate(once())).toEqual(computeFunnelAggregate(leads));
  });

  it("survives a JSON round trip", () => {
    const aggregate = computeFunnelAggregate(leads);
    expect(JSON.parse(JSON.stringify(aggregate))).toEqual(aggregate);
    expect(summarizeFunnel(JSON.parse(JSON.stringify(aggregate)))).toEqual(summarizeFunnel(aggregate));
  });

  it("merges partitions into the aggregate of the whole", () => {
    const [a, b] = leads as [Lead, Lead];
    expect(mergeFunnelAggregates(computeFunnelAggregate([a]), computeFunnelAggregate([b]))).toEqual(
      computeFunnelAggregate(leads),
    );
    expect(computeFunnelAggregate([])).toEqual(emptyFunnelAggregate());
  });

  it("keeps a segment named __proto__ as data", () => {
    const aggregate = computeFunnelAggregate([funnelLead({ source: "__proto__" })], {
      dimensions: ["source"],
    });
    const merged = mergeFunnelAggregates(aggregate, JSON.parse(JSON.stringify(aggregate)));
    expect(Object.keys(merged.segments.source ?? {})).toEqual(["__proto__"]);
    expect(summarizeFunnel(merged).segments.source?.[0]).toMatchObject({ key: "__proto__", leads: 2 });
  });
});

describe("computeFunnel — records that cannot be counted are issues, never NaN", () => {
  const codes = (r: Result<unknown>) => (r.ok ? [] : r.issues.map((i) => `${i.code}@${i.path.join(".")}`));

  it("reports a lead that skipped validation: Invalid Date, a date left as a string, NaN revenue", () => {
    const good = funnelLead({ id: "good" });
    const invalid = { ...funnelLead({ id: "nan" }), createdAt: new Date(Number.NaN) };
    const stringly = JSON.parse(JSON.stringify(funnelLead({ id: "json", path: pathTo("lead") }))) as Lead;
    const revenue = { ...funnelLead({ id: "rev" }), expectedRevenue: Number.NaN };
    const r = safeComputeFunnelAggregate([good, invalid, stringly, revenue]);
    expect(codes(r)).toEqual([
      "invalid_date@1.createdAt",
      "invalid_date@2.createdAt",
      "invalid_date@2.history.0.at",
      "invalid_number@3.expectedRevenue",
    ]);
    expect(() => computeFunnel([invalid])).toThrow(
      /0\.createdAt: Expected a valid Date, got an Invalid Date/,
    );
  });

  it("reports a duplicate lead id, as the SQL table's primary key refuses it", () => {
    const r = safeComputeFunnelAggregate([
      funnelLead({ id: "a" }),
      funnelLead({ id: "b" }),
      funnelLead({ id: "a" }),
    ]);
    expect(codes(r)).toEqual(["duplicate_id@2.id"]);
    expect(r.ok ? "" : r.issues[0]?.message).toMatch(/already counted at index 0/);
    const trusted = safeComputeFunnelAggregate([funnelLead({ id: "a" }), funnelLead({ id: "a" })], {
      checkDuplicateIds: false,
    });
    expect(trusted.ok && trusted.value.total.leads).toBe(2);
  });

  it("names the index a duplicate id was first counted at, after refused leads, and caps the reports", () => {
    const r = safeComputeFunnelAggregate([
      funnelLead({ id: "x", createdAt: new Date(Number.NaN) }),
      funnelLead({ id: "a" }),
      funnelLead({ id: "b" }),
      funnelLead({ id: "b" }),
      funnelLead({ id: "a" }),
    ]);
    expect(codes(r)).toEqual(["invalid_date@0.createdAt", "duplicate_id@3.id", "duplicate_id@4.id"]);
    expect(r.ok ? [] : r.issues.map((i) => /index (\d+)/.exec(i.message)?.[1])).toEqual([
      undefined,
      "2",
      "1",
    ]);
    const many = safeComputeFunnelAggregate(Array.from({ length: 250 }, () => funnelLead({ id: "same" })));
    expect(many.ok ? [] : many.issues.map((i) => i.code)).toEqual([
      ...Array.from({ length: 100 }, () => "duplicate_id"),
      "too_many_issues",
    ]);
    expect(many.ok ? "" : many.issues[99]?.message).toMatch(/already counted at index 0/);
  });

  it("rejects creation years before 1000 and after 9999, which SQL periods cannot agree on", () => {
    const r = safeComputeFunnelAggregate([
      funnelLead({ id: "old", createdAt: new Date("0999-12-31T23:59:59.999Z") }),
      funnelLead({ id: "first", createdAt: new Date("1000-01-01T00:00:00.000Z") }),
      funnelLead({ id: "last", createdAt: new Date("9999-12-31T23:59:59.999Z") }),
      funnelLead({ id: "far", createdAt: new Date("+010000-01-01T00:00:00.000Z") }),
    ]);
    expect(codes(r)).toEqual(["date_out_of_range@0.createdAt", "date_out_of_range@3.createdAt"]);
    const edges = computeFunnel(
      [
        funnelLead({ id: "first", createdAt: new Date("1000-01-01T00:00:00.000Z") }),
        funnelLead({ id: "last", createdAt: new Date("9999-12-31T23:59:59.999Z") }),
      ],
      { period: "month", dimensions: ["period"] },
    );
    expect(edges.segments.period?.map((s) => s.key)).toEqual(["1000-01", "9999-12"]);
  });

  it("reports text SQL cannot store, and answers of any type where text belongs", () => {
    const nul = funnelLead({ id: "n", source: "web\u0000" });
    const typed = { ...funnelLead({ id: "t" }), owner: { toString: 1 } } as unknown as Lead;
    expect(codes(safeComputeFunnelAggregate([nul, typed]))).toEqual([
      "unstorable_text@0.source",
      "invalid_type@1.owner",
    ]);
  });

  it("returns issues, never throws, for JSON values of any shape, and caps them", async () => {
    const junk = [
      null,
      1,
      "x",
      [],
      {},
      { id: 1, history: [null] },
      { createdAt: "2026-03-01" },
    ] as unknown as Lead[];
    const r = safeComputeFunnelAggregate(junk);
    expect(r.ok).toBe(false);
    const many = safeComputeFunnelAggregate(Array.from({ length: 500 }, () => null) as unknown as Lead[]);
    expect(many.ok ? 0 : many.issues.length).toBe(101);
    async function* stream() {
      yield funnelLead({ id: "s" });
      yield null as unknown as Lead;
    }
    const fromStream = await safeComputeFunnelAggregate(stream());
    expect(fromStream.ok ? [] : fromStream.issues.map((i) => i.code)).toEqual(["invalid_type"]);
    expect(codes(safeComputeFunnelAggregate([], { period: "week" as "month" }))).toEqual([
      "invalid_period@options.period",
    ]);
  });

  it("counts leads won before they were created, or with moves out of time order, and says how many", () => {
    const leads = [
      funnelLead({ id: "won-early", path: [["customer", -2]] }),
      funnelLead({
        id: "shuffled",
        path: [
          ["lead", 3],
          ["prospect", -1],
        ],
      }),
      funnelLead({ id: "fine", path: pathTo("customer") }),
    ];
    const summary = computeFunnel(leads);
    expect(summary.total.outOfOrderLeads).toBe(2);
    expect(summary.total.timeToClose.count).toBe(2);
    expect(projectFunnelRow(leads[0] as Lead)).toMatchObject({ out_of_order: true, seconds_to_close: 0 });
    expect(projectFunnelRow(leads[2] as Lead).out_of_order).toBe(false);
  });
});

describe("funnel periods in a time zone", () => {
  const late = funnelLead({ id: "late", createdAt: new Date("2026-04-01T02:30:00Z") });

  it("counts a lead captured at 23:30 on 31 March in Buenos Aires in March there, in April in UTC", () => {
    const keys = (timeZone?: string) =>
      Object.keys(
        computeFunnelAggregate([late], {
          period: "month",
          dimensions: ["period"],
          ...(timeZone === undefined ? {} : { timeZone }),
        }).segments.period ?? {},
      );
    expect(keys()).toEqual(["2026-04"]);
    expect(keys("UTC")).toEqual(["2026-04"]);
    expect(keys("America/Argentina/Buenos_Aires")).toEqual(["2026-03"]);
    expect(keys("Asia/Tokyo")).toEqual(["2026-04"]);
  });

  it("refuses a zone that is not an IANA id, in process and in SQL, whatever its type", () => {
    for (const timeZone of ["Mars/Olympus", "+02:00", "", "UTC'; DROP TABLE x; --", 3, null]) {
      const inProcess = safeComputeFunnelAggregate([late], { timeZone: timeZone as string });
      expect(inProcess.ok ? [] : inProcess.issues.map((i) => i.path.join("."))).toEqual(["options.timeZone"]);
      const query = funnelToSql({ timeZone: timeZone as string });
      expect(query.ok ? [] : query.issues.map((i) => [i.code, i.path.join(".")])).toEqual([
        [typeof timeZone === "string" ? "invalid_time_zone" : "invalid_type", "timeZone"],
      ]);
    }
    expect(() => computeFunnelAggregate([late], { timeZone: "Mars/Olympus" })).toThrow(
      /options\.timeZone.*Unknown time zone "Mars\/Olympus"/,
    );
  });
});

describe("attribution and speed to lead", () => {
  const leads: Lead[] = [
    // Captured from google, then a linkedin visit; won on day 1; a newsletter visit after the win.
    funnelLead({
      id: "a",
      capturedFrom: "google",
      touches: [
        [60, "linkedin"],
        [10 * 1440, "newsletter"],
      ],
      calls: [
        [5, "u-bruno"],
        [30, "u-ana"],
        [10, "u-ana"],
      ],
      path: pathTo("customer", 1),
      source: "paid_ads",
    }),
    // No touches; the owner answered after 2 hours.
    funnelLead({ id: "b", calls: [[120, "u-ana"]], source: "web_form" }),
    // Nobody answered; in the pool.
    funnelLead({ id: "c", owner: null, touches: [[1, "linkedin"]], source: "web_form" }),
  ];

  it("segments by the utm_source of the first and last touch before conversion", () => {
    const aggregate = computeFunnelAggregate(leads, { dimensions: ["firstTouch", "lastTouch"] });
    const keys = (d: "firstTouch" | "lastTouch") =>
      Object.fromEntries(Object.entries(aggregate.segments[d] ?? {}).map(([k, c]) => [k, c.leads]));
    expect(keys("firstTouch")).toEqual({ google: 1, linkedin: 1, [FUNNEL_NO_VALUE]: 1 });
    // The newsletter visit came after the conversion: not a touch of this sale.
    expect(keys("lastTouch")).toEqual({ linkedin: 2, [FUNNEL_NO_VALUE]: 1 });
    expect(aggregate.segments.lastTouch?.["linkedin"]?.won).toBe(1);
  });

  it("measures capture to the owner's first response, with p50 and p90 by owner and source", () => {
    const summary = summarizeFunnel(computeFunnelAggregate(leads, { dimensions: ["owner", "source"] }));
    // Lead a: the owner (u-ana) first answered after 10 minutes (u-bruno's call is not the owner's).
    expect(summary.total.timeToFirstResponse).toMatchObject({ count: 2, meanDays: (600 + 7200) / 2 / DAY });
    const ana = summary.segments.owner?.find((s) => s.key === "u-ana")?.timeToFirstResponse;
    // Percentiles come from the log-spaced histogram: within 1/128 of the exact value.
    const near = (got: number | null | undefined, seconds: number) =>
      expect(Math.abs((got ?? 0) * DAY - seconds) / seconds).toBeLessThan(1 / 128);
    near(ana?.medianDays, 600);
    near(ana?.p90Days, 7200);
    const webForm = summary.segments.source?.find((s) => s.key === "web_form")?.timeToFirstResponse;
    expect(webForm).toMatchObject({ count: 1 });
    expect(projectFunnelRow(leads[0] as Lead)).toMatchObject({
      first_touch: "google",
      last_touch: "linkedin",
      seconds_to_first_response: 600,
    });
  });

  it("lists the leads past their source's response target, late or unanswered", () => {
    const now = new Date(T0.getTime() + 3 * 3_600_000);
    const result = findResponseBreaches(leads, {
      now,
      targets: { bySource: { paid_ads: 10, web_form: 60 } },
    });
    expect(result.ok && result.value.map((b) => [b.leadId, b.kind, b.minutes, b.targetMinutes])).toEqual([
      ["b", "late", 120, 60],
      ["c", "unanswered", 180, 60],
    ]);
    expect(result.ok && result.value[0]?.message).toBe(
      'lead "b" (source "web_form", owner "u-ana"): first response after 120 min; the target is 60 min',
    );
    // Answered exactly at the target (10 min) is on time; a default covers sources without a target.
    const strict = findResponseBreaches(leads, {
      now,
      targets: { bySource: { paid_ads: 9 }, defaultMinutes: 500 },
    });
    expect(strict.ok && strict.value.map((b) => b.leadId)).toEqual(["a"]);
  });

  it("answers typed issues for bad targets, now or leads, and never throws", () => {
    const bad = [
      { now: new Date(Number.NaN), targets: {} },
      { now: T0, targets: { bySource: { web_form: -1 } } },
      { now: T0, targets: { bySource: { ["__proto__"]: "5" } } },
      { now: T0, targets: { defaultMinutes: Number.POSITIVE_INFINITY } },
      { now: T0, targets: [] },
      null,
    ];
    const codes = bad.map((options) => {
      const r = findResponseBreaches(leads, options as never);
      return r.ok ? [] : r.issues.map((i) => [i.code, i.path.join(".")]);
    });
    expect(codes).toEqual([
      [["invalid_date", "options.now"]],
      [["invalid_target", "options.targets.bySource.web_form"]],
      [["invalid_target", "options.targets.bySource.__proto__"]],
      [["invalid_target", "options.targets.defaultMinutes"]],
      [["invalid_type", "options.targets"]],
      [["invalid_type", "options"]],
    ]);
    const revived = JSON.parse(JSON.stringify(leads[1])) as Lead;
    const r = findResponseBreaches([revived], { now: T0, targets: { defaultMinutes: 1 } });
    expect(r.ok ? [] : r.issues.map((i) => i.path.join("."))).toContain("0.createdAt");
  });
});

describe("stored aggregates and warehouse rows are untrusted", () => {
  /** The message of the invalid_input LeadKitError a call throws (a TypeError fails the test). */
  const refusal = (call: () => unknown): string => {
    try {
      call();
    } catch (error) {
      if (isLeadKitError(error) && error.code === "invalid_input") return error.message;
      throw error;
    }
    throw new Error("expected a refusal");
  };
  const good = computeFunnelAggregate([funnelLead({ source: "web" })], { dimensions: ["source"] });
  const stored = (patch: (a: Record<string, unknown>) => void) => {
    const a = JSON.parse(JSON.stringify(good)) as Record<string, unknown>;
    patch(a);
    return a as unknown as typeof good;
  };

  it("mergeFunnelAggregates names the path of the first wrong value", () => {
    const cases: [unknown, RegExp][] = [
      [null, /^a is null; expected an object$/],
      [
        JSON.parse('{"__proto__":{"x":1},"crossSegments":{"__proto__":{}}}'),
        /^a\.total is nothing \(undefined\); expected an object$/,
      ],
      [stored((a) => delete a["segments"]), /^a\.segments is nothing \(undefined\); expected an object$/],
      [
        stored((a) => ((a["total"] as Record<string, unknown>)["won"] = "2")),
        /^a\.total\.won is .*; expected a finite number ≥ 0$/,
      ],
      [
        stored(
          (a) => (((a["segments"] as Record<string, Record<string, unknown>>)["source"] ?? {})["web"] = null),
        ),
        /^a\.segments\.source\.web is null; expected an object$/,
      ],
      [
        stored((a) => (a["crossSegments"] = { source: { owner: { web: 5 } } })),
        /^a\.crossSegments\.source\.owner\.web is/,
      ],
    ];
    for (const [bad, message] of cases) {
      expect(refusal(() => mergeFunnelAggregates(bad as typeof good, good))).toMatch(message);
      expect(refusal(() => mergeFunnelAggregates(good, bad as typeof good))).toMatch(
        new RegExp(message.source.replace("^a", "^b")),
      );
    }
    expect(mergeFunnelAggregates(JSON.parse(JSON.stringify(good)), emptyFunnelAggregate())).toEqual(good);
  });

  it("refuses histogram buckets that are not histogram indices or do not add up to their count", () => {
    // Such buckets used to be merged and summarised into negative or missing percentiles.
    const withClose = (h: Record<string, unknown>) =>
      stored((a) => ((a["total"] as Record<string, unknown>)["timeToClose"] = h));
    const cases: [unknown, RegExp][] = [
      [
        withClose({ count: 1, sumSeconds: 5, buckets: { "-1000000": 1 } }),
        /timeToClose\.buckets is .*"-1000000".*; expected bucket keys/,
      ],
      [
        withClose({ count: 1, sumSeconds: 5, buckets: { x: 1 } }),
        /timeToClose\.buckets is .*"x".*; expected bucket keys/,
      ],
      [withClose({ count: 1, sumSeconds: 5, buckets: { "010": 1 } }), /expected bucket keys/],
      [withClose({ count: 1, sumSeconds: 5, buckets: { "1e3": 1 } }), /expected bucket keys/],
      [withClose(JSON.parse('{"count":1,"sumSeconds":5,"buckets":{"__proto__":1}}')), /expected bucket keys/],
      [withClose({ count: 3, sumSeconds: 5, buckets: { "10": 5 } }), /add up to count \(3\), not 5$/],
      [
        withClose({ count: 1, sumSeconds: 5, buckets: { "10": -1, "11": 2 } }),
        /buckets\.10 is .*; expected a finite number ≥ 0$/,
      ],
      [withClose({ count: 1.5, sumSeconds: 5, buckets: {} }), /add up to count \(1\.5\), not 0$/],
    ];
    for (const [bad, message] of cases) {
      expect(refusal(() => mergeFunnelAggregates(bad as typeof good, good))).toMatch(message);
      expect(refusal(() => summarizeFunnel(bad as typeof good))).toMatch(message);
    }
    const fine = withClose({ count: 3, sumSeconds: 700, buckets: { "100": 1, "200": 2 } });
    expect(summarizeFunnel(mergeFunnelAggregates(fine, good)).total.timeToClose.count).toBe(3);
  });

  it("funnelAggregateFromSqlRows refuses rows that are not an array of objects, naming the row", () => {
    expect(refusal(() => funnelAggregateFromSqlRows("x" as unknown as []))).toMatch(
      /^The rows are .*; expected an array of row objects$/,
    );
    expect(refusal(() => funnelAggregateFromSqlRows([null] as unknown as []))).toBe(
      "Row 0 is null; expected an object of columns",
    );
    expect(refusal(() => funnelAggregateFromSqlRows([{ dimension: "constructor" }]))).toMatch(/^Row 0/);
  });

  it("counts the crossSegments list as given: 5,000 duplicate pairs pass the 1,000-item limit no more", () => {
    const pairs = Array.from({ length: 5_000 }, () => ["owner", "touch"] as const);
    const result = safeComputeFunnelAggregate([], { crossSegments: pairs });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.issues).toEqual([
        {
          code: "too_big",
          path: ["options", "crossSegments"],
          message: "Expected at most 1000 pairs, got 5000",
        },
      ]);
    expect(safeComputeFunnelAggregate([], { crossSegments: pairs.slice(0, 1_000) }).ok).toBe(true);
  });
});

describe("leads that are not leads", () => {
  it("throws invalid_input, never a TypeError, for a value that is not a collection of leads", () => {
    for (const leads of [null, undefined, "abc", 5])
      expect(() => computeFunnelAggregate(leads as never)).toThrow(
        expect.objectContaining({ code: "invalid_input" }),
      );
  });

  it("refuses a lead whose stage is not a lead stage, with the issue at its path", () => {
    for (const stage of ["bogus", "__proto__"]) {
      const lead = { ...funnelLead({ path: pathTo("lead") }), stage } as unknown as Lead;
      const result = safeComputeFunnelAggregate([funnelLead({ path: [] }), lead]);
      expect(result.ok || result.issues.map((i) => [i.code, i.path])).toEqual([
        ["invalid_value", [1, "stage"]],
      ]);
    }
  });
});
