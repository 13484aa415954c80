import type { Issue } from "leadkit";
import type {
  Clock,
  DistributionStateStore,
  DomainEvent,
  IdGenerator,
  LeadRepository,
  Outbox,
  Repositories,
  SaveOutcome,
} from "leadkit/ports";
import type { LeadService } from "leadkit/services";
import { isConflictIssue } from "leadkit/services";
import {
  type ContractRunner,
  createInMemoryRepositories,
  InMemoryDistributionStateStore,
  InMemoryLeadRepository,
  InMemoryOutbox,
} from "leadkit/testing";
import { describe, expectTypeOf, test, expect as vitestExpect, test as vitestTest } from "vitest";

describe("ports", () => {
  test("the in-memory stores implement the ports", () => {
    expectTypeOf(new InMemoryLeadRepository()).toExtend<LeadRepository>();
    expectTypeOf(createInMemoryRepositories()).toExtend<Repositories>();
    expectTypeOf(new InMemoryOutbox()).toExtend<Outbox>();
    expectTypeOf(new InMemoryDistributionStateStore()).toExtend<DistributionStateStore>();
  });

  test("a domain event narrows its payload on type", () => {
    const event = {} as DomainEvent;
    if (event.type === "lead.stage_changed") expectTypeOf(event.payload.event).toEqualTypeOf<string>();
    if (event.type === "lead.score_changed") expectTypeOf(event.payload.from).toEqualTypeOf<number | null>();
    if (event.type === "lead.merged")
      expectTypeOf(event.payload.absorbedIds).toEqualTypeOf<readonly string[]>();
    // @ts-expect-error: a captured lead's payload has no stage transition
    if (event.type === "lead.captured") void event.payload.from;
  });

  test("a save outcome narrows on ok and code", () => {
    const outcome = {} as SaveOutcome;
    if (outcome.ok) expectTypeOf(outcome.lead.version).toEqualTypeOf<number>();
    else if (outcome.code === "conflict") expectTypeOf(outcome.currentVersion).toEqualTypeOf<number>();
    else {
      expectTypeOf(outcome.code).toEqualTypeOf<"key_taken">();
      expectTypeOf(outcome.key.kind).toEqualTypeOf<"external_id" | "email">();
      expectTypeOf(outcome.existingId).toEqualTypeOf<string>();
    }
  });

  test("transactions are an optional capability; clock and ids are one method each", () => {
    expectTypeOf<Repositories["transaction"]>().toEqualTypeOf<Repositories["transaction"] | undefined>();
    expectTypeOf<Clock>().toEqualTypeOf<{ now(): Date }>();
    expectTypeOf<IdGenerator>().toEqualTypeOf<{ next(): string }>();
    // @ts-expect-error: ports are read-only views; a lead from a repository cannot be mutated
    (null as unknown as Awaited<ReturnType<LeadRepository["get"]>> & object).owner = "u-x";
  });

  test("vitest's test and expect fit the conformance runner", () => {
    expectTypeOf({ test: vitestTest, expect: vitestExpect }).toExtend<ContractRunner>();
  });

  test("conflict issues narrow to carry the current version", () => {
    const issue = {} as Issue;
    if (isConflictIssue(issue)) expectTypeOf(issue.currentVersion).toEqualTypeOf<number>();
    expectTypeOf<LeadService["capture"]>().returns.resolves.toHaveProperty("ok");
  });
});
