import { mergeLeads } from "leadkit";
import {
  canSeeLead,
  canWorkLead,
  captureAccessIssues,
  capturingUser,
  compileSharingPolicy,
  DEFAULT_SHARING_POLICY,
  isIntegration,
  mergeAccessIssues,
  referLead,
  revealsHiddenLeads,
  type SharingPolicy,
  safeParseSharingPolicy,
  sharingRolesOf,
} from "leadkit/origin";
import { describe, expect, test } from "vitest";
import { makeLead } from "../support/make-lead.js";
import { makePoolLead, NOW } from "./fixtures.js";

const teamPolicy: SharingPolicy = {
  ...DEFAULT_SHARING_POLICY,
  managers: ["u-marta"],
  members: ["u-ana", "u-bruno", "u-carla"],
};
const team = compileSharingPolicy(teamPolicy);
const codes = (issues: readonly { code: string }[]) => issues.map((i) => i.code);

describe("seeing and working a lead", () => {
  test("integrations see and work every lead; a viewer sees but does not work; strangers neither", () => {
    const lead = makeLead({ collaborators: [{ userId: "u-bruno", access: "view" }] });
    expect(isIntegration(team, "system")).toBe(true);
    expect(sharingRolesOf(lead, "system", team)).toEqual(["integration"]);
    expect([canSeeLead(lead, "system", team), canWorkLead(lead, "system", team)]).toEqual([true, true]);
    expect([canSeeLead(lead, "u-bruno", team), canWorkLead(lead, "u-bruno", team)]).toEqual([true, false]);
    expect([canSeeLead(lead, "u-carla", team), canWorkLead(lead, "u-carla", team)]).toEqual([false, false]);
    expect([canSeeLead(lead, "u-marta", team), canWorkLead(lead, "u-marta", team)]).toEqual([true, true]);
  });

  test("the policy's work list decides who works, per ownership kind", () => {
    const lead = makeLead({ collaborators: [{ userId: "u-bruno", access: "view" }] });
    const viewersWork = compileSharingPolicy({
      ...teamPolicy,
      active: { ...teamPolicy.active, work: ["owner", "viewer"] },
    });
    expect(canWorkLead(lead, "u-bruno", viewersWork)).toBe(true);
    expect(canWorkLead(lead, "u-marta", viewersWork)).toBe(false);
    const noIntegrations = compileSharingPolicy({ ...teamPolicy, integrations: [] });
    expect(canWorkLead(lead, "system", noIntegrations)).toBe(false);
    expect(
      safeParseSharingPolicy({ ...teamPolicy, passive: { ...teamPolicy.passive, work: ["robot"] } }).ok,
    ).toBe(false);
  });

  test("hidden leads are concealed unless the policy reveals them", () => {
    expect(revealsHiddenLeads(team)).toBe(false);
    expect(revealsHiddenLeads(compileSharingPolicy({ ...teamPolicy, hiddenLeads: "reveal" }))).toBe(true);
    expect(safeParseSharingPolicy({ ...teamPolicy, hiddenLeads: "sometimes" }).ok).toBe(false);
  });
});

describe("capturing with credit", () => {
  const call = (userId: string) => ({ channel: "call", initiator: { kind: "user", userId } }) as const;
  const landingPage = (managerId: string) =>
    ({
      channel: "form",
      initiator: { kind: "contact" },
      capturePoint: { managedBy: "user", managerId },
    }) as const;

  test("a member may credit and assign only themselves", () => {
    expect(captureAccessIssues("u-bruno", { capture: call("u-bruno"), owner: "u-bruno" }, team)).toEqual([]);
    const forged = captureAccessIssues(
      "u-bruno",
      {
        capture: { ...landingPage("u-ana"), initiator: { kind: "user", userId: "u-ana" } },
        owner: "u-carla",
      },
      team,
    );
    expect(forged.map((i) => [i.code, i.path.join(".")])).toEqual([
      ["forbidden", "capture.initiator.userId"],
      ["forbidden", "capture.capturePoint.managerId"],
      ["forbidden", "owner"],
    ]);
    expect(forged[0]?.message).toContain('may not capture a lead credited to or owned by "u-ana"');
  });

  test("managers and integrations capture on behalf of others, as the policy says", () => {
    expect(captureAccessIssues("u-marta", { capture: call("u-ana"), owner: "u-bruno" }, team)).toEqual([]);
    expect(captureAccessIssues("system", { capture: landingPage("u-ana") }, team)).toEqual([]);
    const onlyIntegrations = compileSharingPolicy({ ...teamPolicy, captureOnBehalf: ["integration"] });
    expect(codes(captureAccessIssues("u-marta", { capture: call("u-ana") }, onlyIntegrations))).toEqual([
      "forbidden",
    ]);
    const everyone = compileSharingPolicy({ ...teamPolicy, captureOnBehalf: ["member"] });
    expect(captureAccessIssues("u-bruno", { capture: call("u-ana") }, everyone)).toEqual([]);
  });

  test("strangers may not capture, and an owner must be on the team", () => {
    expect(codes(captureAccessIssues("u-zoe", { capture: call("u-zoe") }, team))).toEqual(["forbidden"]);
    expect(codes(captureAccessIssues("u-marta", { capture: call("u-marta"), owner: "u-zoe" }, team))).toEqual(
      ["unknown_user"],
    );
  });

  test("the capturing user is the initiating user, else the manager of a user-managed capture point", () => {
    expect(capturingUser(call("u-ana"))).toBe("u-ana");
    expect(capturingUser(landingPage("u-bruno"))).toBe("u-bruno");
    expect(capturingUser({ channel: "form", initiator: { kind: "contact" } })).toBe(undefined);
  });
});

describe("merging", () => {
  // Bruno edits Ana's active lead; he pads a lead of his own so that it wins the survivor ranking.
  const anas = makeLead({ id: "l-ana", collaborators: [{ userId: "u-bruno", access: "edit" }] });
  const padded = makeLead({
    id: "l-bruno",
    owner: "u-bruno",
    generatedBy: "u-bruno",
    stage: "potential_client",
    capture: { channel: "call", initiator: { kind: "user", userId: "u-bruno" } },
  });

  test("an editor cannot take a lead over by merging it into a padded lead of their own", () => {
    const merged = mergeLeads([anas, padded], { now: NOW });
    if (!merged.ok) throw new Error("merge failed");
    expect(merged.value.survivorId).toBe("l-bruno");
    const issues = mergeAccessIssues([anas, padded], merged.value.lead, "u-bruno", team, NOW);
    expect(issues.map((i) => [i.code, i.path])).toEqual([["forbidden", ["leadIds", 0]]]);
    expect(issues[0]?.message).toContain('take lead "l-ana" from "u-ana"');
    expect(mergeAccessIssues([anas, padded], merged.value.lead, "u-marta", team, NOW)).toEqual([]);
  });

  test("merging one's own lead into someone else's is giving it away, which its owner may do", () => {
    const small = makeLead({
      id: "l-bruno-small",
      owner: "u-bruno",
      generatedBy: "u-bruno",
      capture: { channel: "call", initiator: { kind: "user", userId: "u-bruno" } },
      createdAt: "2026-02-01T00:00:00Z",
    });
    const merged = mergeLeads([anas, small], { now: NOW });
    if (!merged.ok) throw new Error("merge failed");
    expect(merged.value.survivorId).toBe("l-ana");
    expect(mergeAccessIssues([anas, small], merged.value.lead, "u-bruno", team, NOW)).toEqual([]);
  });

  test("a pooled survivor takes an owner only as a transfer by the actor would give it one", () => {
    const pooled = makePoolLead({
      id: "l-pool",
      stage: "prospect",
      collaborators: [{ userId: "u-bruno", access: "edit" }],
    });
    const brunos = makeLead({ id: "l-b", owner: "u-bruno", generatedBy: "u-bruno" });
    const merged = mergeLeads([pooled, brunos], { now: NOW });
    if (!merged.ok) throw new Error("merge failed");
    expect([merged.value.survivorId, merged.value.lead.owner]).toEqual(["l-pool", "u-bruno"]);
    const asBruno = mergeAccessIssues([pooled, brunos], merged.value.lead, "u-bruno", team, NOW);
    // Both the owner and the credit (Bruno's generator role) would change: each is refused.
    expect(asBruno.map((i) => i.path)).toEqual([
      ["leadIds", 0],
      ["leadIds", 0],
    ]);
    expect(asBruno[0]?.message).toContain("by a transfer");
    expect(mergeAccessIssues([pooled, brunos], merged.value.lead, "u-marta", team, NOW)).toEqual([]);
  });

  test("a lead the actor may not work cannot be merged at all", () => {
    const viewed = makeLead({ id: "l-v", collaborators: [{ userId: "u-bruno", access: "view" }] });
    const merged = mergeLeads([viewed, padded], { now: NOW });
    if (!merged.ok) throw new Error("merge failed");
    const issues = mergeAccessIssues([viewed, padded], merged.value.lead, "u-bruno", team, NOW);
    expect(issues[0]?.message).toContain('may not work lead "l-v"');
  });
});

describe("merging adds no holder or credit the actor could not give", () => {
  // Bruno edits Ana's active lead and owns a throwaway lead he shared with Carla.
  const anas = makeLead({ id: "l-ana", collaborators: [{ userId: "u-bruno", access: "edit" }] });
  const throwaway = makeLead({
    id: "l-throwaway",
    owner: "u-bruno",
    generatedBy: "u-bruno",
    capture: { channel: "call", initiator: { kind: "user", userId: "u-bruno" } },
    createdAt: "2026-02-01T00:00:00Z",
    collaborators: [{ userId: "u-carla", access: "edit" }],
  });

  test("an editor may not share someone's active lead through a merge", () => {
    const merged = mergeLeads([anas, throwaway], { now: NOW });
    if (!merged.ok) throw new Error("merge failed");
    expect(merged.value.survivorId).toBe("l-ana");
    const issues = mergeAccessIssues([anas, throwaway], merged.value.lead, "u-bruno", team, NOW);
    expect(issues.map((i) => [i.code, i.path])).toEqual([["forbidden", ["leadIds", 0]]]);
    expect(issues[0]?.message).toContain('give "u-carla" access to lead "l-ana"');
    expect(mergeAccessIssues([anas, throwaway], merged.value.lead, "u-marta", team, NOW)).toEqual([]);
  });

  test("turning a viewer into an editor is a share too", () => {
    const viewed = makeLead({
      id: "l-ana",
      collaborators: [
        { userId: "u-bruno", access: "edit" },
        { userId: "u-carla", access: "view" },
      ],
    });
    const merged = mergeLeads([viewed, throwaway], { now: NOW });
    if (!merged.ok) throw new Error("merge failed");
    expect(merged.value.lead.collaborators).toContainEqual({ userId: "u-carla", access: "edit" });
    const issues = mergeAccessIssues([viewed, throwaway], merged.value.lead, "u-bruno", team, NOW);
    expect(issues[0]?.message).toContain('give "u-carla" access');
  });

  test("an editor may not credit someone's passive lead to themselves through a merge", () => {
    const inbound = makeLead({
      id: "l-inbound",
      generatedBy: null,
      capture: { channel: "form", initiator: { kind: "contact" }, capturePoint: { managedBy: "company" } },
      collaborators: [{ userId: "u-bruno", access: "edit" }],
    });
    const mine = { ...throwaway, collaborators: [] };
    const merged = mergeLeads([inbound, mine], { now: NOW });
    if (!merged.ok) throw new Error("merge failed");
    expect([merged.value.survivorId, merged.value.lead.generatedBy]).toEqual(["l-inbound", "u-bruno"]);
    const issues = mergeAccessIssues([inbound, mine], merged.value.lead, "u-bruno", team, NOW);
    expect(issues.map((i) => i.message).join(" ")).toContain('credit lead "l-inbound" to "u-bruno"');
    expect(mergeAccessIssues([inbound, mine], merged.value.lead, "u-marta", team, NOW)).toEqual([]);
  });
});

describe("referring", () => {
  test("an editor may not refer a passive lead to themselves", () => {
    const passive = makeLead({
      owner: "u-ana",
      generatedBy: null,
      collaborators: [{ userId: "u-bruno", access: "edit" }],
    });
    const self = referLead(passive, { actor: "u-bruno", now: NOW, to: "u-bruno", policy: team });
    expect(self.ok ? [] : self.issues.map((i) => [i.code, i.path])).toEqual([["not_allowed", ["to"]]]);
    expect(referLead(passive, { actor: "u-bruno", now: NOW, to: "u-carla", policy: team }).ok).toBe(true);
  });
});
