import { addDays } from "date-fns";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LEAD_STAGES, type Lead } from "../../src/index.js";
import {
  availableEvents,
  defaultLifecycle,
  type LifecycleEffect,
  transition,
} from "../../src/lifecycle/index.js";
import { makeLead } from "../support/make-lead.js";
import { eventOf, type Step, stageArb, stepArb } from "./arbitraries.js";
import { at, deepFreeze, formContact } from "./fixtures.js";

const leadArb = fc.record({ stage: stageArb, interest: fc.boolean() }).map(({ stage, interest }) =>
  makeLead(formContact, {
    stage,
    interactions: interest
      ? [{ id: "i1", type: "webinar_attended", at: at(0), initiator: { kind: "contact" } }]
      : [],
  }),
);

const run = fc.record({ lead: leadArb, steps: fc.array(stepArb, { maxLength: 25 }) });

describe("lifecycle laws", () => {
  it("any event sequence keeps the lead in a declared stage", () => {
    fc.assert(
      fc.property(run, ({ lead, steps }) => {
        let current: Lead = lead;
        steps.forEach((step, i) => {
          const result = transition(defaultLifecycle, current, eventOf(step), {
            now: at(i + 1),
            actor: "u",
            automatic: step.automatic,
          });
          if (result.ok) current = result.value.lead;
          expect(LEAD_STAGES).toContain(current.stage);
        });
      }),
    );
  });

  it("history grows by exactly one per successful transition, and not at all on a refusal", () => {
    fc.assert(
      fc.property(run, ({ lead, steps }) => {
        let current: Lead = lead;
        let successes = 0;
        steps.forEach((step, i) => {
          const now = at(i + 1);
          const result = transition(defaultLifecycle, current, eventOf(step), {
            now,
            actor: "u",
            automatic: step.automatic,
          });
          if (!result.ok) return;
          successes++;
          expect(result.value.lead.history.length).toBe(current.history.length + 1);
          expect(result.value.lead.history.at(-1)).toEqual(result.value.entry);
          expect(result.value.entry).toMatchObject({
            from: current.stage,
            to: result.value.lead.stage,
            event: step.type,
            at: now,
          });
          current = result.value.lead;
        });
        expect(current.history.length).toBe(lead.history.length + successes);
      }),
    );
  });

  it("effects are the event's declared effects, follow-ups dated from now, whatever came before", () => {
    // The reference builds each effect from the definition on every call: no plan, no memo.
    const declared = (type: Step["type"], from: string, to: string, now: Date): LifecycleEffect[] =>
      (defaultLifecycle.definition.events[type].effects ?? []).map((spec): LifecycleEffect => {
        switch (spec.type) {
          case "notify_owner":
            return { type: "notify_owner", event: type, from, to };
          case "schedule_follow_up":
            return { type: "schedule_follow_up", at: addDays(now, spec.afterDays) };
          case "request_rescore":
            return { type: "request_rescore" };
          default:
            return { type: "emit", name: spec.name };
        }
      });
    const timedSteps = fc.array(fc.record({ step: stepArb, day: fc.integer({ min: 1, max: 3 }) }), {
      maxLength: 25,
    });
    fc.assert(
      fc.property(leadArb, timedSteps, (lead, steps) => {
        let current: Lead = lead;
        for (const { step, day } of steps) {
          const now = at(day);
          const result = transition(defaultLifecycle, current, eventOf(step), {
            now,
            actor: "u",
            automatic: step.automatic,
          });
          if (!result.ok) continue;
          const { from, to, effects } = result.value;
          expect(effects).toEqual(declared(step.type, from, to, now));
          expect(result.value.lead.history).toEqual([...current.history, result.value.entry]);
          current = result.value.lead;
        }
      }),
    );
  });

  it("terminal states absorb every event", () => {
    fc.assert(
      fc.property(fc.constantFrom(...defaultLifecycle.terminal), stepArb, (stage, step) => {
        const result = transition(defaultLifecycle, makeLead(formContact, { stage }), eventOf(step), {
          now: at(1),
          actor: "u",
        });
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.issues.map((i) => i.code)).toEqual(["terminal_state"]);
      }),
    );
  });

  it("availableEvents agrees with transition", () => {
    fc.assert(
      fc.property(run, ({ lead, steps }) => {
        let current: Lead = lead;
        steps.forEach((step, i) => {
          const now = at(i + 1);
          const options = { now, evidence: step.evidence, automatic: step.automatic };
          for (const row of availableEvents(defaultLifecycle, current, options)) {
            const result = transition(
              defaultLifecycle,
              current,
              { type: row.type, evidence: step.evidence, reason: "because" },
              { now, actor: "u", automatic: step.automatic },
            );
            expect(row.allowed).toBe(result.ok);
            if (result.ok) expect(row.to).toBe(result.value.to);
            else expect(row.blockedBy.map((b) => b.code)).toEqual(result.issues.map((b) => b.code));
          }
          const result = transition(defaultLifecycle, current, eventOf(step), {
            now,
            actor: "u",
            automatic: step.automatic,
          });
          if (result.ok) current = result.value.lead;
        });
      }),
    );
  });

  it("history stays in time order: a move dated before the last one is refused, by both answers", () => {
    const dated = fc.array(fc.record({ step: stepArb, day: fc.integer({ min: 0, max: 12 }) }), {
      maxLength: 20,
    });
    fc.assert(
      fc.property(leadArb, dated, (lead, steps) => {
        let current: Lead = lead;
        for (const { step, day } of steps) {
          const now = at(day);
          const last = current.history.at(-1);
          const early = last !== undefined && now.getTime() < last.at.getTime();
          const result = transition(defaultLifecycle, current, eventOf(step), {
            now,
            actor: "u",
            automatic: step.automatic,
          });
          const codes = result.ok ? [] : result.issues.map((i) => i.code);
          // An event that does not fire from the stage at all is refused for that alone.
          const noMove = codes.some((c) =>
            ["terminal_state", "transition_not_allowed", "unknown_event"].includes(c),
          );
          expect(codes.includes("before_last_move")).toBe(early && !noMove);
          if (early) expect(result.ok).toBe(false);
          const row = availableEvents(defaultLifecycle, current, {
            now,
            evidence: step.evidence,
            automatic: step.automatic,
          }).find((r) => r.type === step.type);
          if (early && !noMove) expect(row?.blockedBy.map((b) => b.code)).toContain("before_last_move");
          if (result.ok) current = result.value.lead;
        }
        const times = current.history.map((h) => h.at.getTime());
        expect(times).toEqual([...times].sort((a, b) => a - b));
      }),
    );
  });

  it("same input, same output", () => {
    fc.assert(
      fc.property(leadArb, stepArb, (lead, step) => {
        const options = { now: at(1), actor: "u", automatic: step.automatic };
        expect(transition(defaultLifecycle, lead, eventOf(step), options)).toEqual(
          transition(defaultLifecycle, structuredClone(lead), eventOf(step), options),
        );
      }),
    );
  });

  it("inputs are never mutated", () => {
    fc.assert(
      fc.property(leadArb, stepArb, (lead, step) => {
        const frozen = deepFreeze(structuredClone(lead));
        const event = deepFreeze(eventOf(step));
        const before = structuredClone(frozen);
        transition(defaultLifecycle, frozen, event, { now: at(1), actor: "u", automatic: step.automatic });
        availableEvents(defaultLifecycle, frozen, { now: at(1), evidence: event.evidence });
        expect(frozen).toEqual(before);
      }),
    );
  });
});
