import { describe, expect, it } from "vitest";
import {
  defaultLifecycle,
  type LifecycleEvidence,
  stageStays,
  timeToClose,
  transition,
} from "../../src/lifecycle/index.js";
import { generateLeads } from "../../src/testing/index.js";

const leads = generateLeads({ seed: 4, count: 400 });

describe("the default lifecycle on synthetic leads", () => {
  it("replays every generated history, given the evidence the generator implies", () => {
    let moves = 0;
    for (const generated of leads) {
      let lead = { ...generated, stage: defaultLifecycle.initial, history: [] as typeof generated.history };
      for (const entry of generated.history) {
        const evidence: LifecycleEvidence[] = [
          { kind: "interest", signal: "form_submit", at: entry.at },
          { kind: "qualification", frameworkId: "bant", verdict: "qualified", at: entry.at },
        ];
        const result = transition(
          defaultLifecycle,
          lead,
          {
            type: entry.event as never,
            evidence,
            ...(entry.reason === undefined ? {} : { reason: entry.reason }),
          },
          { now: entry.at, actor: entry.actor },
        );
        expect(result.ok ? result.value.to : result.issues).toBe(entry.to);
        if (result.ok) lead = result.value.lead;
        moves++;
      }
      expect(lead.stage).toBe(generated.stage);
      expect(lead.history).toEqual(generated.history);
    }
    expect(moves).toBeGreaterThan(leads.length);
  });

  it("derives consistent stage times from the generated histories", () => {
    const now = new Date("2026-07-01T00:00:00Z");
    for (const lead of leads) {
      const stays = stageStays(lead, { now });
      expect(stays.at(-1)?.stage).toBe(lead.stage);
      const total = stays.reduce((sum, s) => sum + s.ms, 0);
      expect(total).toBe(now.getTime() - lead.createdAt.getTime());
      const won = timeToClose(lead);
      expect(won === null).toBe(!lead.history.some((h) => h.to === "customer"));
    }
  });
});
