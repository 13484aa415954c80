import { describe, expect, it } from "vitest";
import { LEAD_STAGES } from "../../src/index.js";
import {
  availableEvents,
  compileLifecycle,
  DEFAULT_LIFECYCLE_DEFINITION,
  DEFAULT_LIFECYCLE_EVENTS,
  defaultLifecycle,
  safeParseLifecycleDefinition,
  toLifecycleJson,
} from "../../src/lifecycle/index.js";

// defaultLifecycle is built at import without the zod check (it costs milliseconds of every
// import); these tests stand in for that check.
describe("defaultLifecycle", () => {
  it("is built from a definition that passes the lifecycle schema", () => {
    const parsed = safeParseLifecycleDefinition(DEFAULT_LIFECYCLE_DEFINITION);
    expect(parsed.ok ? [] : parsed.issues).toEqual([]);
  });

  it("has the tables compileLifecycle builds from the same definition", () => {
    const checked = compileLifecycle(DEFAULT_LIFECYCLE_DEFINITION);
    expect(toLifecycleJson(defaultLifecycle)).toEqual(toLifecycleJson(checked));
    expect(defaultLifecycle.events).toEqual(DEFAULT_LIFECYCLE_EVENTS);
    const now = new Date("2026-07-01T09:00:00Z");
    for (const stage of LEAD_STAGES) {
      const record = { stage, history: [], updatedAt: now, contact: { kind: "prospect" }, interactions: [] };
      expect(availableEvents(defaultLifecycle, record, { now })).toEqual(
        availableEvents(checked, record, { now }),
      );
    }
  });
});
