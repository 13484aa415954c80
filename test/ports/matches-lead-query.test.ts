import { type LeadInput, lastActivityAt, parseLead } from "leadkit";
import { matchesLeadQuery } from "leadkit/ports";
import { describe, expect, test } from "vitest";

const lead = (overrides: Partial<LeadInput> = {}) =>
  parseLead({
    id: "l1",
    contact: { kind: "prospect", name: "Ana" },
    stage: "lead",
    owner: "u-ana",
    generatedBy: "u-ana",
    team: "north",
    pool: "inbound",
    capture: { channel: "call", initiator: { kind: "user", userId: "u-ana" } },
    createdAt: "2026-01-01T00:00:00Z",
    updatedAt: "2026-01-01T00:00:00Z",
    ...overrides,
  });

describe("lastActivityAt", () => {
  test("is the creation time of a lead without interactions", () => {
    expect(lastActivityAt(lead())).toEqual(new Date("2026-01-01T00:00:00Z"));
  });

  test("is the latest interaction, in any order", () => {
    const interactions = ["2026-02-03T00:00:00Z", "2026-03-01T00:00:00Z", "2026-01-15T00:00:00Z"].map(
      (at, i) => ({
        id: `i${i}`,
        type: "email_open",
        at,
        initiator: { kind: "contact" as const },
      }),
    );
    expect(lastActivityAt(lead({ interactions }))).toEqual(new Date("2026-03-01T00:00:00Z"));
  });

  test("counts a stage change as activity, as findStaleLeads does (one definition)", () => {
    const history = [
      {
        from: "lead" as const,
        to: "prospect" as const,
        event: "qualify",
        at: "2026-04-01T00:00:00Z",
        actor: "u-ana",
      },
    ];
    const moved = lead({ stage: "prospect", history });
    expect(lastActivityAt(moved)).toEqual(new Date("2026-04-01T00:00:00Z"));
    expect(matchesLeadQuery(moved, { inactiveSince: new Date("2026-03-01T00:00:00Z") })).toBe(false);
    expect(matchesLeadQuery(moved, { inactiveSince: new Date("2026-05-01T00:00:00Z") })).toBe(true);
  });
});

describe("matchesLeadQuery", () => {
  const l = lead();
  test.each([
    [{}, true],
    [{ owner: "u-ana" }, true],
    [{ owner: "u-bruno" }, false],
    [{ owner: null }, false],
    [{ stage: "lead" }, true],
    [{ stage: "prospect" }, false],
    [{ stage: ["prospect", "lead"] }, true],
    [{ stage: [] }, false],
    [{ origin: "active" }, true],
    [{ origin: "passive" }, false],
    [{ generatedBy: "u-ana" }, true],
    [{ generatedBy: "u-bruno" }, false],
    [{ pool: "inbound" }, true],
    [{ pool: "events" }, false],
    [{ team: "north" }, true],
    [{ team: "south" }, false],
    [{ inactiveSince: new Date("2026-01-01T00:00:01Z") }, true],
    [{ inactiveSince: new Date("2026-01-01T00:00:00Z") }, false],
    [{ owner: "u-ana", stage: "lead", origin: "active", pool: "inbound" }, true],
    [{ owner: "u-ana", stage: "lead", origin: "passive" }, false],
  ] as const)("%o → %s", (query, expected) => {
    expect(matchesLeadQuery(l, query)).toBe(expected);
  });

  test("an unowned passive lead matches owner null and origin passive", () => {
    expect(
      matchesLeadQuery(lead({ owner: null, generatedBy: null }), { owner: null, origin: "passive" }),
    ).toBe(true);
  });
});
