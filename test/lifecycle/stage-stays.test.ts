import { describe, expect, it } from "vitest";
import { stageStays, timeInStage, timeToClose } from "../../src/lifecycle/index.js";
import { makeLead } from "../support/make-lead.js";
import { at, day, formContact } from "./fixtures.js";

const lead = makeLead(formContact, {
  stage: "customer",
  history: [
    { from: "contact", to: "lead", event: "show_interest", at: at(2), actor: "automation" },
    { from: "lead", to: "prospect", event: "qualify", at: at(5), actor: "u-ana" },
    { from: "prospect", to: "potential_client", event: "request_purchase", at: at(9), actor: "u-ana" },
    { from: "potential_client", to: "customer", event: "win", at: at(20), actor: "u-ana" },
  ],
});

describe("time derived from the history", () => {
  it("splits a lead's life into stays", () => {
    const stays = stageStays(lead, { now: at(30) });
    expect(stays.map((s) => [s.stage, s.ms / day])).toEqual([
      ["contact", 2],
      ["lead", 3],
      ["prospect", 4],
      ["potential_client", 11],
      ["customer", 10],
    ]);
    expect(stays.at(-1)?.leftAt).toBeNull();
  });

  it("gives one open stay to a lead that never moved", () => {
    expect(stageStays(makeLead(formContact), { now: at(3) })).toEqual([
      { stage: "contact", enteredAt: at(0), leftAt: null, ms: 3 * day },
    ]);
    expect(timeInStage(makeLead(formContact), { now: at(3) })).toBe(3 * day);
  });

  it("measures time in the current stage and time to close", () => {
    expect(timeInStage(lead, { now: at(30) })).toBe(10 * day);
    expect(timeToClose(lead)).toBe(20 * day);
    expect(timeToClose(lead, ["prospect"])).toBe(5 * day);
    expect(timeToClose(makeLead(formContact))).toBeNull();
  });
});
