import type { HistoryEntry, Lead, LeadStage } from "leadkit";

const DAY = 86_400_000;
export const T0 = new Date("2026-01-05T09:00:00Z");

/** A path of stages after creation, each `[stage, daysAfterPreviousMove]`. */
export type Path = readonly (readonly [LeadStage, number])[];

/** History entries walking `path` from `start`, beginning at `createdAt`. */
export function historyOf(start: LeadStage, createdAt: Date, path: Path): HistoryEntry[] {
  const history: HistoryEntry[] = [];
  let from = start;
  let at = createdAt.getTime();
  for (const [to, days] of path) {
    at += days * DAY;
    history.push({ from, to, event: `to_${to}`, at: new Date(at), actor: "u-ana" });
    from = to;
  }
  return history;
}

export interface LeadSpec {
  readonly id?: string | undefined;
  readonly start?: LeadStage | undefined;
  readonly path?: Path | undefined;
  readonly createdAt?: Date | undefined;
  readonly source?: string | undefined;
  readonly owner?: string | null | undefined;
  readonly generatedBy?: string | null | undefined;
  readonly industry?: string | undefined;
  readonly interestLevel?: Lead["interestLevel"] | undefined;
  readonly expectedRevenue?: number | undefined;
  readonly scores?: Lead["scores"] | undefined;
}

let counter = 0;

/** A valid lead whose stage is the end of its path. */
export function makeLead(spec: LeadSpec = {}): Lead {
  const createdAt = spec.createdAt ?? T0;
  const start = spec.start ?? "contact";
  const history = historyOf(start, createdAt, spec.path ?? []);
  counter += 1;
  return {
    id: spec.id ?? `l${counter}`,
    contact: {
      kind: "prospect",
      entity: "person",
      name: "Ana García",
      humanConfirmed: false,
      attributes: {},
      consents: [],
      doNotContact: [],
      ...(spec.industry === undefined ? {} : { industry: spec.industry }),
    },
    stage: history.at(-1)?.to ?? start,
    owner: spec.owner === undefined ? "u-ana" : spec.owner,
    generatedBy: spec.generatedBy === undefined ? null : spec.generatedBy,
    collaborators: [],
    capture: { channel: "form", initiator: { kind: "contact" } },
    ...(spec.source === undefined ? {} : { source: spec.source }),
    interestLevel: spec.interestLevel ?? "unknown",
    progressStatus: "not_contacted",
    tags: [],
    notes: [],
    interactions: [],
    history,
    scores: spec.scores ?? {},
    ...(spec.expectedRevenue === undefined ? {} : { expectedRevenue: spec.expectedRevenue }),
    mergedFrom: [],
    createdAt,
    updatedAt: history.at(-1)?.at ?? createdAt,
    version: 1 + history.length,
  };
}

/** Main path moves to reach `stage` from contact, one day apart. */
export function pathTo(stage: "lead" | "prospect" | "potential_client" | "customer", days = 1): Path {
  const order = ["lead", "prospect", "potential_client", "customer"] as const;
  return order.slice(0, order.indexOf(stage) + 1).map((s) => [s, days] as const);
}
