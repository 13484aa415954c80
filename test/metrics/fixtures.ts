import type { HistoryEntry, Interaction, Lead, LeadStage } from "leadkit";
import { makeUncheckedLead } from "../support/make-lead.js";

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
  /** `utm_source` of the capture. */
  readonly capturedFrom?: string | undefined;
  /** Visits with a `utm_source`, each `[minutesAfterCreation, utmSource]`. */
  readonly touches?: readonly (readonly [number, string])[] | undefined;
  /** Calls, each `[minutesAfterCreation, userId]`: a response when the user owns the lead. */
  readonly calls?: readonly (readonly [number, string])[] | undefined;
}

let counter = 0;

/**
 * A lead whose stage is the end of its path: the shared builder's lead, unchecked (the property tests
 * give hostile text and histories out of order on purpose), with every field the funnel reads given
 * here so no default of the builder decides a count — a person who filled a form, owned by Ana
 * unless the spec says otherwise.
 */
export function funnelLead(spec: LeadSpec = {}): Lead {
  const createdAt = spec.createdAt ?? T0;
  const start = spec.start ?? "contact";
  const history = historyOf(start, createdAt, spec.path ?? []);
  counter += 1;
  return makeUncheckedLead({
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
    capture: {
      channel: "form",
      initiator: { kind: "contact" },
      ...(spec.capturedFrom === undefined ? {} : { attribution: { utmSource: spec.capturedFrom } }),
    },
    ...(spec.source === undefined ? {} : { source: spec.source }),
    interestLevel: spec.interestLevel ?? "unknown",
    progressStatus: "not_contacted",
    interactions: interactionsOf(createdAt, spec),
    history,
    scores: spec.scores ?? {},
    ...(spec.expectedRevenue === undefined ? {} : { expectedRevenue: spec.expectedRevenue }),
    createdAt,
    updatedAt: history.at(-1)?.at ?? createdAt,
    version: 1 + history.length,
  });
}

function interactionsOf(createdAt: Date, spec: LeadSpec): Interaction[] {
  const at = (minutes: number) => new Date(createdAt.getTime() + minutes * 60_000);
  return [
    ...(spec.touches ?? []).map(
      ([minutes, utmSource], i): Interaction => ({
        id: `visit-${i}`,
        type: "page_view",
        pageKind: "other",
        at: at(minutes),
        initiator: { kind: "contact" },
        attribution: { utmSource },
      }),
    ),
    ...(spec.calls ?? []).map(
      ([minutes, userId], i): Interaction => ({
        id: `call-${i}`,
        type: "call",
        at: at(minutes),
        initiator: { kind: "user", userId },
      }),
    ),
  ];
}

/** Main path moves to reach `stage` from contact, one day apart. */
export function pathTo(stage: "lead" | "prospect" | "potential_client" | "customer", days = 1): Path {
  const order = ["lead", "prospect", "potential_client", "customer"] as const;
  return order.slice(0, order.indexOf(stage) + 1).map((s) => [s, days] as const);
}
