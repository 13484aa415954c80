import type { InteractionType, LeadInput } from "../../src/model/index.js";

export const NOW = new Date("2026-04-01T00:00:00Z");
/** An interaction input of a simple type, `daysAgo` days before {@link NOW}. */
export function interaction(type: InteractionType, daysAgo: number, id = `${type}-${daysAgo}`) {
  return {
    id,
    type,
    at: new Date(NOW.getTime() - daysAgo * 86_400_000),
    initiator: { kind: "contact" as const },
  } as NonNullable<LeadInput["interactions"]>[number];
}

export function pageView(
  pageKind: "product" | "pricing" | "other",
  daysAgo: number,
  id = `pv-${pageKind}-${daysAgo}`,
) {
  return {
    id,
    type: "page_view" as const,
    pageKind,
    at: new Date(NOW.getTime() - daysAgo * 86_400_000),
    initiator: { kind: "contact" as const },
  };
}

/** Deep-freezes a value so a test fails if a function mutates it. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !(value instanceof Date)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
