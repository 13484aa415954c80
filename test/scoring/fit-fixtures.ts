// Generated records for the fitters' tests: a few categorical and numeric columns with a known
// additive log-odds, read through a field map. Nothing here comes from real data.
import type { FitFeature, RecordFieldMap } from "leadkit/scoring";

export interface FitRow {
  readonly id: number;
  readonly source: string | null;
  readonly region: string;
  readonly visits: number | string | null;
  readonly minutes: number;
  readonly won: boolean | null;
}

export function seeded(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SOURCES = ["ads", "referral", "webinar", "fair", "cold", "partner"] as const;
const SOURCE_EFFECT = [-0.8, 1.2, 0.6, 0.2, -1.5, 0.9];
const REGIONS = ["north", "south", "east"] as const;

/** `count` rows; one in 40 is open (`won: null`), some values are missing or not numbers. */
export function fitRows(count: number, seed = 1): FitRow[] {
  const random = seeded(seed);
  return Array.from({ length: count }, (_, id) => {
    const s = Math.floor(random() ** 1.3 * SOURCES.length);
    const r = Math.floor(random() * REGIONS.length);
    const visitsRaw = Math.floor(random() * 12);
    const u = random();
    const visits = u < 0.05 ? null : u < 0.07 ? "n/a" : visitsRaw;
    const minutes = Math.round(random() * 300);
    const logit =
      -0.6 +
      (SOURCE_EFFECT[s] as number) +
      (r === 2 ? 0.4 : 0) +
      (typeof visits === "number" ? 0.18 * Math.min(visits, 8) - 0.7 : -0.3) +
      (minutes > 120 ? 0.9 : minutes / 200);
    const won = random() < 1 / (1 + Math.exp(-logit));
    return {
      id,
      source: random() < 0.04 ? null : (SOURCES[s] as string),
      region: REGIONS[r] as string,
      visits,
      minutes,
      won: id % 40 === 39 ? null : won,
    };
  });
}

export const FIT_MAP: RecordFieldMap<FitRow> = {
  outcome: (row) => (row.won === null ? null : row.won ? "won" : "lost"),
  fields: {
    "contact.attributes.source": (row) => row.source,
    "contact.attributes.region": (row) => row.region,
    "contact.attributes.visits": (row) => row.visits,
    "contact.attributes.minutes": (row) => row.minutes,
  },
};

export const FIT_FEATURES: FitFeature[] = [
  { field: "contact.attributes.source" },
  { field: "contact.attributes.region" },
  { field: "contact.attributes.visits", bins: { kind: "quantile", count: 6 } },
  { field: "contact.attributes.minutes", bins: { kind: "monotone", count: 8 } },
];

/** ROC AUC by ranks (ties half), independent of the library's own. */
export function auc(scored: readonly { score: number; won: boolean }[]): number {
  let pairs = 0;
  let wins = 0;
  for (const a of scored)
    if (a.won)
      for (const b of scored)
        if (!b.won) {
          pairs++;
          wins += a.score > b.score ? 1 : a.score === b.score ? 0.5 : 0;
        }
  return wins / pairs;
}
