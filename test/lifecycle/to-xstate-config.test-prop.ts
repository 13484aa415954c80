import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createMachine, transition as xstateTransition } from "xstate";
import type { Lead } from "../../src/index.js";
import {
  createXStateGuards,
  defaultLifecycle,
  toXStateConfig,
  transition,
} from "../../src/lifecycle/index.js";
import { makeLead } from "../support/make-lead.js";
import { eventOf, stageArb, stepArb } from "./arbitraries.js";
import { at, formContact } from "./fixtures.js";

const machine = createMachine(toXStateConfig(defaultLifecycle), {
  guards: createXStateGuards(defaultLifecycle),
});

describe("the XState export", () => {
  it("accepts and refuses the same event sequences as leadkit", () => {
    fc.assert(
      fc.property(stageArb, fc.boolean(), fc.array(stepArb, { maxLength: 25 }), (stage, interest, steps) => {
        let lead: Lead = makeLead(formContact, {
          stage,
          interactions: interest
            ? [{ id: "i1", type: "social_follow", at: at(0), initiator: { kind: "contact" } }]
            : [],
        });
        let snapshot = machine.resolveState({ value: stage, context: {} });
        steps.forEach((step, i) => {
          const now = at(i + 1);
          const ours = transition(defaultLifecycle, lead, eventOf(step), {
            now,
            actor: "u",
            automatic: step.automatic,
          });
          const [next] = xstateTransition(machine, snapshot, {
            ...eventOf(step),
            lead,
            now,
            automatic: step.automatic,
          } as never);
          if (ours.ok) lead = ours.value.lead;
          snapshot = next;
          expect(snapshot.value).toBe(lead.stage);
        });
      }),
      { numRuns: 300 },
    );
  });
});
