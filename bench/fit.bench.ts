// Fitting points models (issue 17): the scorecard and the additive boosting on 1 M generated
// records × 15 features (10 categorical, 5 numeric), streamed from a generator so the records never
// sit in memory at once; and a fitted model's generated scorer beside its closure scorer on the
// same 1,000 records (a fitted model is an ordinary points model, so it gets the generated scorer).
import {
  compilePointsModel,
  type FitFeature,
  fitPointsModel,
  type PointsModel,
  type RecordFieldMap,
  recordAsLead,
} from "leadkit/scoring";
import type { BenchCase, BenchMeasure } from "./harness.js";

/** One generated record: ten categories, five numbers, and whether it converted. */
export interface FitBenchRecord {
  readonly c: readonly string[];
  readonly x: readonly number[];
  readonly won: boolean;
}

/** `count` records with a known additive log-odds (and a little curvature), from a seed. */
export function* fitBenchRecords(count: number, seed = 17): Generator<FitBenchRecord> {
  let a = seed;
  const random = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = 0; i < count; i++) {
    const c: string[] = [];
    const x: number[] = [];
    let logit = -1;
    for (let f = 0; f < 10; f++) {
      const size = 3 + 2 * f;
      const k = Math.floor(random() ** 1.5 * size);
      c.push(`v${k}`);
      logit += ((k % 5) - 2) * 0.15 * (1 + (f % 3));
    }
    for (let f = 0; f < 5; f++) {
      const v = random() * 100;
      x.push(Math.round(v * 10) / 10);
      logit += f % 2 === 0 ? (v - 50) / 40 : Math.sin(v / 15) * 0.5;
    }
    yield { c, x, won: random() < 1 / (1 + Math.exp(-logit)) };
  }
}

export const fitBenchMap: RecordFieldMap<FitBenchRecord> = {
  outcome: (r) => (r.won ? "won" : "lost"),
  fields: Object.fromEntries([
    ...Array.from({ length: 10 }, (_, f) => [`contact.attributes.c${f}`, (r: FitBenchRecord) => r.c[f]]),
    ...Array.from({ length: 5 }, (_, f) => [`contact.attributes.x${f}`, (r: FitBenchRecord) => r.x[f]]),
  ]),
};

export const fitBenchFeatures: FitFeature[] = [
  ...Array.from({ length: 10 }, (_, f) => ({ field: `contact.attributes.c${f}` as const })),
  ...Array.from({ length: 5 }, (_, f) => ({
    field: `contact.attributes.x${f}` as const,
    bins: { kind: "quantile" as const, count: 16 },
  })),
];

function fitBench(method: "scorecard" | "boosting", count: number, interactions = 0): PointsModel {
  const result = fitPointsModel(fitBenchRecords(count), {
    method,
    features: fitBenchFeatures,
    records: fitBenchMap,
    ...(interactions > 0 ? { boosting: { interactions } } : {}),
  });
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join("; "));
  return result.value.model;
}

export default (): readonly (BenchCase | BenchMeasure)[] => {
  const model = fitBench("scorecard", 20_000);
  const generated = compilePointsModel(model);
  const closures = compilePointsModel(model, { generateCode: false });
  const views = [...fitBenchRecords(1_000, 99)].map((r) => recordAsLead(r, fitBenchMap));
  const now = new Date("2026-01-01T00:00:00Z");
  return [
    {
      name: "fitPointsModel scorecard, 1 M records × 15 features (streamed)",
      run: () => fitBench("scorecard", 1_000_000),
      target: "≤ 60 s, ≤ 500 MB",
    },
    {
      name: "fitPointsModel boosting, 1 M records × 15 features (streamed)",
      run: () => fitBench("boosting", 1_000_000),
      target: "≤ 60 s, ≤ 500 MB",
    },
    {
      name: "fitPointsModel boosting with 4 pairs, 1 M records × 15 features (streamed)",
      run: () => fitBench("boosting", 1_000_000, 4),
      target: "≤ 60 s, ≤ 500 MB",
    },
    {
      name: "a fitted scorecard scored by its generated scorer (1,000 records)",
      baselineName: "the same model's closure scorer",
      subject: () => {
        let sum = 0;
        for (const lead of views) sum += generated.score(lead, now).value;
        return sum;
      },
      baseline: () => {
        let sum = 0;
        for (const lead of views) sum += closures.score(lead, now).value;
        return sum;
      },
      itemsPerCall: views.length,
      target: "> 1, as for hand-written models",
    },
  ];
};
