import { describe, expect, it } from "vitest";
import * as z from "zod";
import { isLeadKitError } from "../../src/index.js";
import {
  compileLifecycle,
  DEFAULT_LIFECYCLE_DEFINITION,
  defaultLifecycle,
  type LifecycleDefinition,
  type LifecycleGuard,
  type LifecycleRecord,
  lifecycleDefinitionJsonSchema,
  parseLifecycleDefinition,
  safeCompileLifecycle,
  safeParseLifecycleDefinition,
  toLifecycleJson,
  transition,
  transitionOrThrow,
} from "../../src/lifecycle/index.js";
import { at } from "./fixtures.js";

type TicketStage = "open" | "in_progress" | "solved" | "closed";
interface Ticket extends LifecycleRecord<TicketStage> {
  readonly title: string;
  readonly assignee: string | null;
}

const hasAssignee: LifecycleGuard<Ticket> = ({ record }) =>
  record.assignee === null ? { pass: false, reason: "Nobody is assigned" } : { pass: true };

const tickets = compileLifecycle(
  {
    id: "tickets",
    stages: ["open", "in_progress", "solved", "closed"],
    initial: "open",
    funnel: ["open", "in_progress", "solved", "closed"],
    terminal: ["closed"],
    events: {
      start: { from: ["open"], to: "in_progress", guards: ["has_assignee"] },
      solve: { from: ["in_progress"], to: "solved", effects: [{ type: "emit", name: "send_survey" }] },
      reopen: { from: ["solved"], to: "@back", manual: true, requiresReason: true },
      close: { from: ["solved"], to: "closed" },
    },
  },
  { guards: { has_assignee: hasAssignee } },
);

const ticket: Ticket = {
  stage: "open",
  history: [],
  updatedAt: at(0),
  title: "Printer on fire",
  assignee: "u-bruno",
};

function thrown(fn: () => unknown): {
  code: string;
  issues: readonly { code: string; path: readonly (string | number)[] }[];
} {
  try {
    fn();
  } catch (error) {
    if (isLeadKitError(error)) return { code: error.code, issues: error.issues };
    throw error;
  }
  throw new Error("expected a LeadKitError");
}

describe("compileLifecycle with a custom definition", () => {
  it("moves records of the caller's own type with the caller's guards", () => {
    const started = transitionOrThrow(tickets, ticket, "start", { now: at(1), actor: "u-bruno" });
    expect(started.lead.title).toBe("Printer on fire");
    expect(started.lead.stage).toBe("in_progress");
    const solved = transitionOrThrow(tickets, started.lead, "solve", { now: at(2), actor: "u-bruno" });
    expect(solved.effects).toEqual([{ type: "emit", name: "send_survey" }]);
    const back = transitionOrThrow(
      tickets,
      solved.lead,
      { type: "reopen", reason: "still burning" },
      { now: at(3), actor: "u" },
    );
    expect(back.lead.stage).toBe("in_progress");
    const unassigned = transition(tickets, { ...ticket, assignee: null }, "start", {
      now: at(1),
      actor: "u",
    });
    expect(unassigned.ok ? "" : unassigned.issues[0]?.message).toMatch(/Nobody is assigned/);
  });

  it("builds every kind of effect, mixed, for fixed and @previous targets alike", () => {
    const holds = compileLifecycle({
      id: "holds",
      stages: ["open", "in_progress", "on_hold"],
      initial: "open",
      funnel: ["open", "in_progress"],
      events: {
        hold: {
          from: ["open", "in_progress"],
          to: "on_hold",
          effects: [
            { type: "schedule_follow_up", afterDays: 7 },
            { type: "emit", name: "paused" },
          ],
        },
        resume: {
          from: ["on_hold"],
          to: "@previous",
          effects: [
            { type: "notify_owner" },
            { type: "schedule_follow_up", afterDays: 2 },
            { type: "request_rescore" },
            { type: "emit", name: "resumed" },
          ],
        },
      },
    });
    const record = { stage: "open" as const, history: [], updatedAt: at(0) };
    for (const [days, from] of [
      [1, "open"],
      [1, "in_progress"],
      [3, "open"],
    ] as const) {
      const held = transitionOrThrow(holds, { ...record, stage: from }, "hold", {
        now: at(days),
        actor: "u",
      });
      expect(held.effects).toEqual([
        { type: "schedule_follow_up", at: at(days + 7) },
        { type: "emit", name: "paused" },
      ]);
      const resumed = transitionOrThrow(holds, held.lead, "resume", { now: at(days), actor: "u" });
      expect(resumed.to).toBe(from);
      expect(resumed.effects).toEqual([
        { type: "notify_owner", event: "resume", from: "on_hold", to: from },
        { type: "schedule_follow_up", at: at(days + 2) },
        { type: "request_rescore" },
        { type: "emit", name: "resumed" },
      ]);
    }
  });

  it("exposes the stages, events, funnel and terminal stages", () => {
    expect(tickets.stages).toEqual(["open", "in_progress", "solved", "closed"]);
    expect(tickets.events).toEqual(["start", "solve", "reopen", "close"]);
    expect(tickets.terminal).toEqual(["closed"]);
    expect(tickets.initial).toBe("open");
    expect(Object.keys(tickets.guards)).toContain("has_passing_qualification");
  });

  it("can leave the built-in guards out", () => {
    const bare = compileLifecycle(
      { id: "bare", stages: ["a", "b"], initial: "a", funnel: [], events: { go: { from: ["a"], to: "b" } } },
      { builtinGuards: false },
    );
    expect(Object.keys(bare.guards)).toEqual([]);
  });
});

describe("compileLifecycle rejects inconsistent definitions", () => {
  const base = {
    id: "broken",
    stages: ["a", "b", "c"],
    initial: "a",
    funnel: ["a", "b"],
    terminal: ["c"],
    events: { go: { from: ["a"], to: "b" } },
  } satisfies LifecycleDefinition;

  it("names an unknown target stage, with its path", () => {
    const error = thrown(() =>
      compileLifecycle({ ...base, events: { go: { from: ["a"], to: "zz" as "b" } } }),
    );
    expect(error.code).toBe("invalid_definition");
    expect(error.issues).toEqual([
      expect.objectContaining({ code: "unknown_stage", path: ["events", "go", "to"] }),
    ]);
  });

  it("names an unknown guard", () => {
    const error = thrown(() =>
      compileLifecycle({ ...base, events: { go: { from: ["a"], to: "b", guards: ["is_vip"] } } }),
    );
    expect(error.issues).toEqual([
      expect.objectContaining({ code: "unknown_guard", path: ["events", "go", "guards", 0] }),
    ]);
  });

  it("finds unknown stages in initial, funnel, terminal and from", () => {
    const error = thrown(() =>
      compileLifecycle({
        ...base,
        initial: "x" as "a",
        funnel: ["a", "y" as "a"],
        terminal: ["z" as "a"],
        events: { go: { from: ["w" as "a"], to: "b" } },
      }),
    );
    expect(error.issues.map((i) => i.path.join("."))).toEqual([
      "initial",
      "funnel.1",
      "terminal.0",
      "events.go.from.0",
    ]);
  });

  it("refuses duplicates, events leaving a terminal stage, and @back without an earlier funnel stage", () => {
    const error = thrown(() =>
      compileLifecycle({
        ...base,
        stages: ["a", "b", "c", "a"],
        funnel: ["a", "b", "a"],
        events: {
          go: { from: ["a", "a"], to: "b" },
          leave: { from: ["c"], to: "a" },
          back: { from: ["a", "c"], to: "@back" },
        },
      } as LifecycleDefinition),
    );
    expect(error.issues.map((i) => i.code)).toEqual([
      "duplicate_stage",
      "duplicate_stage",
      "duplicate_stage",
      "terminal_has_events",
      "invalid_back_target",
      "terminal_has_events",
    ]);
  });

  it("reports structural problems with zod's codes", () => {
    const error = thrown(() => compileLifecycle({ ...base, stages: [] } as unknown as LifecycleDefinition));
    expect(error.code).toBe("invalid_definition");
    expect(error.issues[0]?.path).toEqual(["stages"]);
    expect(thrown(() => compileLifecycle({ id: 3 } as never)).issues.length).toBeGreaterThan(0);
  });
});

describe("the definition as JSON", () => {
  it("round-trips through JSON into an equivalent lifecycle", () => {
    const json = JSON.stringify(toLifecycleJson(defaultLifecycle));
    const reloaded = compileLifecycle(parseLifecycleDefinition(JSON.parse(json)));
    expect(reloaded.definition).toEqual(JSON.parse(JSON.stringify(DEFAULT_LIFECYCLE_DEFINITION)));
    const lead = { stage: "potential_client", history: [], updatedAt: at(0) } as const;
    expect(transition(reloaded, lead, "win", { now: at(1), actor: "u" })).toEqual(
      transition(defaultLifecycle, lead, "win", { now: at(1), actor: "u" }),
    );
  });

  it("reports malformed JSON as issues, or throws invalid_input", () => {
    const result = safeParseLifecycleDefinition({
      id: "x",
      stages: ["a"],
      initial: "a",
      funnel: [],
      events: { go: { from: [], to: "a" } },
    });
    expect(result.ok ? [] : result.issues.map((i) => i.path.join("."))).toEqual(["events.go.from"]);
    expect(thrown(() => parseLifecycleDefinition(null)).code).toBe("invalid_input");
  });

  it("has a JSON Schema that describes the default definition", () => {
    const schema = lifecycleDefinitionJsonSchema();
    expect(schema["type"]).toBe("object");
    expect(Object.keys(schema["properties"] as object)).toEqual(
      expect.arrayContaining(["id", "stages", "initial", "funnel", "terminal", "events"]),
    );
    const fromSchema = z.fromJSONSchema(schema as never);
    expect(fromSchema.safeParse(toLifecycleJson(defaultLifecycle)).success).toBe(true);
  });
});

describe("a built lifecycle", () => {
  it("keeps its own frozen copy of the definition, so later edits to the input change nothing", () => {
    const definition = {
      id: "copy",
      stages: ["a", "b"],
      initial: "a",
      funnel: ["a", "b"],
      events: { go: { from: ["a"], to: "b" } },
    } as {
      id: string;
      stages: ("a" | "b")[];
      initial: "a";
      funnel: ("a" | "b")[];
      events: { go: { from: ("a" | "b")[]; to: "a" | "b" } };
    };
    const built = compileLifecycle(definition);
    definition.events.go.to = "a";
    definition.stages.push("b");
    expect(built.definition.events.go.to).toBe("b");
    expect(built.stages).toEqual(["a", "b"]);
    expect(Object.isFrozen(built.definition.events.go)).toBe(true);
    const moved = transitionOrThrow(built, { stage: "a", history: [], updatedAt: at(0) }, "go", {
      now: at(1),
      actor: "u",
    });
    expect(moved.to).toBe("b");
  });
});

describe("compileLifecycle's value is plain data", () => {
  const lead = { stage: "lead" as const, history: [], updatedAt: at(0) };
  const options = { now: at(1), actor: "u-ana" };

  it("a spread copy transitions exactly as the original", () => {
    const copy = { ...defaultLifecycle, id: "copy" };
    expect(transition(copy, lead, "nurture", options)).toEqual(
      transition(defaultLifecycle, lead, "nurture", options),
    );
    expect(Object.keys(defaultLifecycle)).toContain("tables");
  });

  it("a plain object in untyped code gets a LeadKitError saying to compile it, not a TypeError", () => {
    const plain = { ...defaultLifecycle, tables: {} } as unknown as typeof defaultLifecycle;
    expect(() => transition(plain, lead, "nurture", options)).toThrow(/compileLifecycle/);
    try {
      transition(plain, lead, "nurture", options);
    } catch (error) {
      expect(isLeadKitError(error) && error.code).toBe("invalid_input");
    }
  });

  it("safeCompileLifecycle returns the issues compileLifecycle throws", () => {
    const bad = { ...DEFAULT_LIFECYCLE_DEFINITION, initial: "nowhere" };
    const result = safeCompileLifecycle(bad);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.code)).toEqual(["unknown_stage"]);
    try {
      compileLifecycle(bad as LifecycleDefinition);
      expect.unreachable();
    } catch (error) {
      expect(isLeadKitError(error) && error.code).toBe("invalid_definition");
      expect(isLeadKitError(error) && error.issues).toEqual(result.issues);
    }
  });

  it("safeCompileLifecycle never throws for JSON values", () => {
    for (const input of [null, 3, "x", [], {}, { id: "x" }, JSON.parse('{"__proto__":{"id":"x"}}')]) {
      expect(safeCompileLifecycle(input).ok).toBe(false);
    }
  });
});
