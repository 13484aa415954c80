import { describe, expectTypeOf, it } from "vitest";
import type { Lead, LeadStage, Result } from "../../src/index.js";
import {
  availableEvents,
  type Cadence,
  type CompiledLifecycle,
  compileLifecycle,
  type DefaultLifecycleEvent,
  defaultLifecycle,
  type LifecycleEvidence,
  type LifecycleRecord,
  type TransitionOutcome,
  transition,
  transitionOrThrow,
} from "../../src/lifecycle/index.js";

declare const lead: Lead;
const now = new Date();

describe("stage and event names are inferred from a const definition", () => {
  it("infers the unions", () => {
    const tiny = compileLifecycle({
      id: "tiny",
      stages: ["open", "won"],
      initial: "open",
      funnel: ["open", "won"],
      terminal: ["won"],
      events: { close: { from: ["open"], to: "won" } },
    });
    expectTypeOf(tiny).toEqualTypeOf<
      CompiledLifecycle<"open" | "won", "close", LifecycleRecord<"open" | "won">>
    >();
    expectTypeOf(tiny.stages).toEqualTypeOf<readonly ("open" | "won")[]>();
  });

  it("fails to compile on a typo in a target, a source, the initial, the funnel or the terminal stages", () => {
    compileLifecycle({
      id: "typo",
      stages: ["open", "won"],
      initial: "open",
      funnel: ["open", "won"],
      // @ts-expect-error "wonn" is not a declared stage
      events: { close: { from: ["open"], to: "wonn" } },
    });
    compileLifecycle({
      id: "typo",
      stages: ["open", "won"],
      initial: "open",
      funnel: ["open"],
      // @ts-expect-error "opn" is not a declared stage
      events: { close: { from: ["opn"], to: "won" } },
    });
    compileLifecycle({
      id: "typo",
      stages: ["open", "won"],
      // @ts-expect-error "start" is not a declared stage
      initial: "start",
      funnel: [],
      events: {},
    });
    compileLifecycle({
      id: "typo",
      stages: ["open", "won"],
      initial: "open",
      // @ts-expect-error "lost" is not a declared stage
      funnel: ["open", "lost"],
      events: {},
    });
    compileLifecycle({
      id: "typo",
      stages: ["open", "won"],
      initial: "open",
      funnel: [],
      // @ts-expect-error "done" is not a declared stage
      terminal: ["done"],
      events: {},
    });
  });

  it("accepts the computed targets", () => {
    const lc = compileLifecycle({
      id: "computed",
      stages: ["a", "b", "x"],
      initial: "a",
      funnel: ["a", "b"],
      events: { back: { from: ["b"], to: "@back" }, undo: { from: ["x"], to: "@previous" } },
    });
    expectTypeOf(lc.events).toEqualTypeOf<readonly ("back" | "undo")[]>();
  });
});

describe("transition is typed by the lifecycle and the record", () => {
  it("returns the same record type it was given", () => {
    const result = transition(defaultLifecycle, lead, "win", { now, actor: "u" });
    expectTypeOf(result).toEqualTypeOf<
      Result<
        TransitionOutcome<Lead, LeadStage, DefaultLifecycleEvent>,
        import("../../src/lifecycle/index.js").LifecycleIssue
      >
    >();
    expectTypeOf(
      transitionOrThrow(defaultLifecycle, lead, "win", { now, actor: "u" }).lead,
    ).toEqualTypeOf<Lead>();
    expectTypeOf(
      transitionOrThrow(defaultLifecycle, lead, "win", { now, actor: "u" }).to,
    ).toEqualTypeOf<LeadStage>();
  });

  it("refuses an event name the lifecycle does not have", () => {
    // @ts-expect-error "promote" is not an event of the default lifecycle
    transition(defaultLifecycle, lead, "promote", { now, actor: "u" });
    // @ts-expect-error "wins" is not an event of the default lifecycle
    transition(defaultLifecycle, lead, { type: "wins" }, { now, actor: "u" });
  });

  it("works on a caller's own record type with custom stages", () => {
    interface Ticket extends LifecycleRecord<"open" | "closed"> {
      readonly title: string;
    }
    const tickets = compileLifecycle({
      id: "tickets",
      stages: ["open", "closed"],
      initial: "open",
      funnel: ["open", "closed"],
      events: { close: { from: ["open"], to: "closed" } },
    });
    const ticket: Ticket = { stage: "open", history: [], updatedAt: now, title: "t" };
    expectTypeOf(
      transitionOrThrow(tickets, ticket, "close", { now, actor: "u" }).lead,
    ).toEqualTypeOf<Ticket>();
    // @ts-expect-error a Lead's stages are not the ticket lifecycle's
    transition(tickets, lead, "close", { now, actor: "u" });
    // @ts-expect-error options need an actor
    transition(tickets, ticket, "close", { now });
  });

  it("availableEvents names the lifecycle's events and stages", () => {
    const rows = availableEvents(defaultLifecycle, lead, { now });
    expectTypeOf(rows).items.toHaveProperty("type").toEqualTypeOf<DefaultLifecycleEvent>();
    expectTypeOf(rows).items.toHaveProperty("to").toEqualTypeOf<LeadStage | null>();
  });
});

describe("evidence", () => {
  it("accepts the qualification module's value shape as is", () => {
    const fromQualification = {
      kind: "qualification" as const,
      frameworkId: "bant",
      verdict: "qualified" as "qualified" | "disqualified" | "needs_information",
      at: now,
    };
    expectTypeOf(fromQualification).toExtend<LifecycleEvidence>();
    const wrong: LifecycleEvidence = {
      kind: "qualification",
      frameworkId: "bant",
      // @ts-expect-error "maybe" is not a verdict
      verdict: "maybe",
      at: now,
    };
    void wrong;
  });
});

describe("a compiled lifecycle is a plain value", () => {
  it("a spread copy is still a compiled lifecycle and transitions by the same tables", () => {
    const copy = { ...defaultLifecycle, id: "copy" };
    expectTypeOf(copy).toExtend<CompiledLifecycle<LeadStage, DefaultLifecycleEvent, Lead>>();
    expectTypeOf(transition(copy, lead, "qualify", { now, actor: "u-ana" }).ok).toEqualTypeOf<boolean>();
  });

  it("a definition is not a compiled lifecycle: compile it first", () => {
    // @ts-expect-error a definition has no tables; pass it to compileLifecycle
    transition(defaultLifecycle.definition, lead, "qualify", { now, actor: "u-ana" });
  });
});

describe("cadences", () => {
  it("a cadence names the purpose its consents must have been given for", () => {
    // @ts-expect-error purpose is missing
    const cadence: Cadence = { id: "weekly", every: { weeks: 1 }, channels: ["email"] };
    void cadence;
  });
});
