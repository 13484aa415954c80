import { describe, expect, it } from "vitest";
import type { Issue } from "../../src/internal/index.js";
import type { Lead } from "../../src/model/index.js";
import {
  canPerformOnLead,
  claimLead,
  compileOriginRules,
  compileSharingPolicy,
  DEFAULT_ORIGIN_RULES,
  DEFAULT_SHARING_POLICY,
  leadOwnershipKind,
  leadRelation,
  leadVisibility,
  originForUser,
  parseSharingPolicy,
  referLead,
  releaseLead,
  type SharingPolicy,
  safeCompileSharingPolicy,
  safeParseSharingPolicy,
  shareLead,
  sharingPolicyJsonSchema,
  sharingRolesOf,
  transferLead,
  unshareLead,
} from "../../src/origin/index.js";
import { makeLead } from "../support/make-lead.js";
import { deepFreeze, makePoolLead, NOW } from "./fixtures.js";

const originRules = compileOriginRules(DEFAULT_ORIGIN_RULES);

const teamPolicy: SharingPolicy = {
  ...DEFAULT_SHARING_POLICY,
  managers: ["u-marta"],
  members: ["u-ana", "u-bruno", "u-carmen"],
};
const team = compileSharingPolicy(teamPolicy);

function codes(result: { ok: boolean; issues?: readonly Issue[] }): string[] {
  return result.ok ? [] : (result.issues ?? []).map((i) => i.code);
}

function okValue<T>(result: { ok: true; value: T } | { ok: false; issues: readonly Issue[] }): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.issues)}`);
  return result.value;
}

describe("originForUser", () => {
  it("is active for the generator and shared for a colleague it was shared with", () => {
    const shared = okValue(shareLead(makeLead(), { actor: "u-ana", now: NOW, userId: "u-bruno" })).lead;
    expect(originForUser(originRules, shared, "u-ana")).toMatchObject({
      kind: "active",
      relation: "generator",
    });
    expect(originForUser(originRules, shared, "u-ana").label.es).toBe("Lead generado por mí");
    expect(originForUser(originRules, shared, "u-bruno")).toMatchObject({
      kind: "passive",
      subKind: "shared",
      relation: "collaborator",
      label: { es: "Lead compartido" },
    });
  });

  it("is a derived lead for the user it was referred to, and stays active for its generator", () => {
    const referred = okValue(referLead(makeLead(), { actor: "u-ana", now: NOW, to: "u-bruno" })).lead;
    expect(originForUser(originRules, referred, "u-bruno")).toMatchObject({
      kind: "passive",
      subKind: "referred",
      relation: "owner",
      label: { es: "Lead derivado" },
    });
    expect(originForUser(originRules, referred, "u-ana").kind).toBe("active");
  });

  it("is a teammate's lead for the new owner after an administrative transfer", () => {
    const moved = okValue(
      transferLead(makeLead(), { actor: "u-marta", now: NOW, to: "u-bruno", policy: team }),
    ).lead;
    expect(originForUser(originRules, moved, "u-bruno")).toMatchObject({
      kind: "passive",
      subKind: "teammate",
    });
  });

  it("is inbound for a pool member, and the generator of a form on their own page sees it active", () => {
    expect(originForUser(originRules, makePoolLead(), "u-bruno")).toMatchObject({
      kind: "passive",
      relation: "pool",
    });
    const ownPage = makeLead({
      capture: {
        channel: "form",
        initiator: { kind: "contact" },
        capturePoint: { managedBy: "user", managerId: "u-ana" },
      },
    });
    expect(originForUser(originRules, ownPage, "u-ana")).toMatchObject({
      kind: "active",
      subKind: "own_capture_point",
    });
  });

  it("relates users strongest tie first", () => {
    const lead = makeLead({ owner: "u-bruno", collaborators: [{ userId: "u-carmen", access: "view" }] });
    expect(leadRelation(lead, "u-ana")).toBe("generator");
    expect(leadRelation(lead, "u-bruno")).toBe("owner");
    expect(leadRelation(lead, "u-carmen")).toBe("collaborator");
    expect(leadRelation(lead, "u-diego")).toBe("unrelated");
  });
});

describe("shareLead / unshareLead", () => {
  it("adds a collaborator with edit access, sets updatedAt and writes an audit entry", () => {
    const lead = makeLead({ version: 3 });
    const { lead: shared, audit } = okValue(
      shareLead(lead, {
        actor: "u-ana",
        now: NOW,
        userId: "u-bruno",
        reason: "Bruno speaks German",
        policy: team,
      }),
    );
    expect(shared.collaborators).toEqual([{ userId: "u-bruno", access: "edit" }]);
    expect(shared.updatedAt).toEqual(NOW);
    expect(shared.version).toBe(lead.version);
    expect(audit).toEqual({
      at: NOW,
      actor: "u-ana",
      action: "share",
      leadId: "l1",
      reason: "Bruno speaks German",
      beforeVersion: 3,
      details: { userId: "u-bruno", access: "edit", previousAccess: null },
    });
  });

  it("changes the access of an existing collaborator", () => {
    const lead = makeLead({ collaborators: [{ userId: "u-bruno", access: "view" }] });
    const { lead: shared, audit } = okValue(shareLead(lead, { actor: "u-ana", now: NOW, userId: "u-bruno" }));
    expect(shared.collaborators).toEqual([{ userId: "u-bruno", access: "edit" }]);
    expect(audit.details).toMatchObject({ previousAccess: "view" });
  });

  it("refuses a colleague sharing someone else's active lead", () => {
    const result = shareLead(makeLead(), { actor: "u-bruno", now: NOW, userId: "u-carmen", policy: team });
    expect(codes(result)).toEqual(["not_owner"]);
    expect(result.ok ? "" : result.issues[0]?.message).toContain('owned by "u-ana"');
  });

  it("lets a manager share an active lead, and an editor share a passive one", () => {
    expect(shareLead(makeLead(), { actor: "u-marta", now: NOW, userId: "u-bruno", policy: team }).ok).toBe(
      true,
    );
    const passive = makeLead({ owner: "u-bruno", collaborators: [{ userId: "u-carmen", access: "edit" }] });
    expect(shareLead(passive, { actor: "u-carmen", now: NOW, userId: "u-ana", policy: team }).ok).toBe(true);
    const viewerOnly = makeLead({
      owner: "u-bruno",
      collaborators: [{ userId: "u-carmen", access: "view" }],
    });
    expect(
      codes(shareLead(viewerOnly, { actor: "u-carmen", now: NOW, userId: "u-ana", policy: team })),
    ).toEqual(["not_owner"]);
  });

  it("reports every problem at once", () => {
    const closed = makeLead({ stage: "lost" });
    expect(codes(shareLead(closed, { actor: "u-bruno", now: NOW, userId: "u-zoe", policy: team }))).toEqual([
      "lead_closed",
      "not_owner",
      "unknown_user",
    ]);
  });

  it("refuses sharing with the owner or sharing twice", () => {
    expect(codes(shareLead(makeLead(), { actor: "u-ana", now: NOW, userId: "u-ana" }))).toEqual([
      "already_owner",
    ]);
    const lead = makeLead({ collaborators: [{ userId: "u-bruno", access: "view" }] });
    expect(codes(shareLead(lead, { actor: "u-ana", now: NOW, userId: "u-bruno", access: "view" }))).toEqual([
      "already_shared",
    ]);
  });

  it("unshares, and lets a collaborator leave on their own", () => {
    const lead = makeLead({ collaborators: [{ userId: "u-bruno", access: "edit" }] });
    expect(
      okValue(unshareLead(lead, { actor: "u-ana", now: NOW, userId: "u-bruno" })).lead.collaborators,
    ).toEqual([]);
    const left = okValue(unshareLead(lead, { actor: "u-bruno", now: NOW, userId: "u-bruno" }));
    expect(left.audit).toMatchObject({
      action: "unshare",
      actor: "u-bruno",
      details: { previousAccess: "edit" },
    });
    expect(codes(unshareLead(lead, { actor: "u-carmen", now: NOW, userId: "u-bruno" }))).toEqual([
      "not_owner",
    ]);
    expect(codes(unshareLead(makeLead(), { actor: "u-ana", now: NOW, userId: "u-bruno" }))).toEqual([
      "not_shared",
    ]);
  });
});

describe("transferLead / referLead", () => {
  it("transfers ownership, keeps the generator and drops the new owner's collaborator entry", () => {
    const lead = makeLead({ collaborators: [{ userId: "u-bruno", access: "view" }] });
    const { lead: moved, audit } = okValue(transferLead(lead, { actor: "u-ana", now: NOW, to: "u-bruno" }));
    expect(moved).toMatchObject({ owner: "u-bruno", generatedBy: "u-ana", collaborators: [] });
    expect(moved.capture).toEqual(lead.capture);
    expect(audit).toMatchObject({
      action: "transfer",
      details: { from: "u-ana", to: "u-bruno", pool: null },
    });
  });

  it("lets a manager assign a pool lead, taking it out of the pool", () => {
    const { lead: moved, audit } = okValue(
      transferLead(makePoolLead(), { actor: "u-marta", now: NOW, to: "u-carmen", policy: team }),
    );
    expect(moved.owner).toBe("u-carmen");
    expect(moved.pool).toBeUndefined();
    expect("pool" in moved).toBe(false);
    expect(audit.details).toMatchObject({ from: null, pool: "inbound" });
  });

  it("refuses transfers to the owner, to strangers, by non-owners and of closed leads", () => {
    expect(codes(transferLead(makeLead(), { actor: "u-ana", now: NOW, to: "u-ana" }))).toEqual([
      "already_owner",
    ]);
    expect(codes(transferLead(makeLead(), { actor: "u-ana", now: NOW, to: "u-zoe", policy: team }))).toEqual([
      "unknown_user",
    ]);
    expect(codes(transferLead(makeLead(), { actor: "u-bruno", now: NOW, to: "u-carmen" }))).toEqual([
      "not_owner",
    ]);
    expect(
      codes(transferLead(makeLead({ stage: "customer" }), { actor: "u-ana", now: NOW, to: "u-bruno" })),
    ).toEqual(["lead_closed"]);
  });

  it("refers a lead: new owner, referredBy set to the referrer, generator kept", () => {
    const { lead: referred, audit } = okValue(
      referLead(makeLead(), { actor: "u-ana", now: NOW, to: "u-bruno", reason: "Bruno covers Valencia" }),
    );
    expect(referred).toMatchObject({ owner: "u-bruno", generatedBy: "u-ana" });
    expect(referred.capture.referredBy).toBe("u-ana");
    expect(audit).toMatchObject({
      action: "refer",
      reason: "Bruno covers Valencia",
      details: { generatedBy: "u-ana" },
    });
  });

  it("lets an editor refer a passive lead on, but not an active one", () => {
    const passive = makeLead({ owner: "u-bruno", collaborators: [{ userId: "u-carmen", access: "edit" }] });
    expect(referLead(passive, { actor: "u-carmen", now: NOW, to: "u-ana", policy: team }).ok).toBe(true);
    const active = makeLead({ collaborators: [{ userId: "u-carmen", access: "edit" }] });
    expect(codes(referLead(active, { actor: "u-carmen", now: NOW, to: "u-bruno", policy: team }))).toEqual([
      "not_owner",
    ]);
  });
});

describe("claimLead / releaseLead", () => {
  it("claims a pool lead for a member", () => {
    const { lead: claimed, audit } = okValue(
      claimLead(makePoolLead(), { actor: "u-bruno", now: NOW, policy: team }),
    );
    expect(claimed.owner).toBe("u-bruno");
    expect(claimed.pool).toBeUndefined();
    expect(audit).toMatchObject({ action: "claim", actor: "u-bruno", details: { pool: "inbound" } });
  });

  it("refuses claims of owned leads, by strangers, or when the policy forbids claiming", () => {
    expect(codes(claimLead(makeLead(), { actor: "u-bruno", now: NOW }))).toEqual(["not_in_pool"]);
    expect(codes(claimLead(makeLead(), { actor: "u-ana", now: NOW }))).toEqual(["already_owner"]);
    expect(codes(claimLead(makePoolLead(), { actor: "u-zoe", now: NOW, policy: team }))).toEqual([
      "not_allowed",
    ]);
    const noClaims = compileSharingPolicy({ ...teamPolicy, passive: { ...teamPolicy.passive, claim: [] } });
    const result = claimLead(makePoolLead(), { actor: "u-bruno", now: NOW, policy: noClaims });
    expect(codes(result)).toEqual(["not_allowed"]);
    expect(result.ok ? "" : result.issues[0]?.message).toContain("the policy allows: nobody");
    expect(codes(claimLead(makePoolLead({ stage: "archived" }), { actor: "u-bruno", now: NOW }))).toEqual([
      "lead_closed",
    ]);
  });

  it("releases a lead to a pool and a teammate claims it back", () => {
    const released = okValue(
      releaseLead(makeLead(), { actor: "u-ana", now: NOW, pool: "inbound", reason: "No time" }),
    );
    expect(released.lead).toMatchObject({ owner: null, pool: "inbound", generatedBy: "u-ana" });
    expect(released.audit).toMatchObject({ action: "release", details: { from: "u-ana", pool: "inbound" } });
    expect(claimLead(released.lead, { actor: "u-bruno", now: NOW, policy: team }).ok).toBe(true);
    const noPoolName = okValue(releaseLead(makeLead(), { actor: "u-ana", now: NOW })).lead;
    expect("pool" in noPoolName).toBe(false);
  });

  it("refuses releasing a lead already in a pool or by a non-owner", () => {
    expect(codes(releaseLead(makePoolLead(), { actor: "u-ana", now: NOW }))).toEqual(["already_in_pool"]);
    expect(codes(releaseLead(makeLead(), { actor: "u-bruno", now: NOW }))).toEqual(["not_owner"]);
  });

  it("reports not_allowed when the owner is denied by the policy", () => {
    const locked = compileSharingPolicy({
      ...teamPolicy,
      active: { ...teamPolicy.active, release: ["manager"] },
    });
    expect(codes(releaseLead(makeLead(), { actor: "u-ana", now: NOW, policy: locked }))).toEqual([
      "not_allowed",
    ]);
  });
});

describe("operations never mutate their input", () => {
  const operations: [string, (lead: Lead) => unknown][] = [
    ["share", (l) => shareLead(l, { actor: "u-ana", now: NOW, userId: "u-bruno" })],
    ["unshare", (l) => unshareLead(l, { actor: "u-ana", now: NOW, userId: "u-carmen" })],
    ["transfer", (l) => transferLead(l, { actor: "u-ana", now: NOW, to: "u-carmen" })],
    ["refer", (l) => referLead(l, { actor: "u-ana", now: NOW, to: "u-carmen" })],
    ["release", (l) => releaseLead(l, { actor: "u-ana", now: NOW, pool: "p" })],
    ["claim", (l) => claimLead({ ...l, owner: null }, { actor: "u-bruno", now: NOW })],
  ];
  it.each(operations)("%s", (_name, operation) => {
    const lead = deepFreeze(makeLead({ collaborators: [{ userId: "u-carmen", access: "edit" }], pool: "p" }));
    const copy = structuredClone(lead);
    const result = operation(lead) as { ok: boolean };
    expect(result.ok).toBe(true);
    expect(lead).toEqual(copy);
  });
});

describe("sharing policy", () => {
  it("calls a lead held by its generator active, anything else passive", () => {
    expect(leadOwnershipKind(makeLead())).toBe("active");
    expect(leadOwnershipKind(makeLead({ owner: "u-bruno" }))).toBe("passive");
    expect(leadOwnershipKind(makePoolLead())).toBe("passive");
    expect(leadOwnershipKind(makeLead({ owner: null }))).toBe("passive");
  });

  it("lists a user's roles", () => {
    const lead = makeLead({ collaborators: [{ userId: "u-bruno", access: "edit" }] });
    expect(sharingRolesOf(lead, "u-ana", team)).toEqual(["owner", "generator", "member"]);
    expect(sharingRolesOf(lead, "u-bruno", team)).toEqual(["editor", "member"]);
    expect(sharingRolesOf(lead, "u-marta", team)).toEqual(["manager", "member"]);
    expect(sharingRolesOf(lead, "u-zoe", team)).toEqual([]);
    expect(canPerformOnLead(lead, "u-marta", "transfer", team)).toBe(true);
    expect(canPerformOnLead(lead, "u-bruno", "transfer", team)).toBe(false);
  });

  it("validates a policy from JSON and exports its JSON Schema", () => {
    expect(parseSharingPolicy(JSON.parse(JSON.stringify(teamPolicy)))).toEqual(teamPolicy);
    const bad = safeParseSharingPolicy({ ...teamPolicy, active: { ...teamPolicy.active, share: ["boss"] } });
    expect(bad.ok ? [] : bad.issues.map((i) => i.path.join("."))).toEqual(["active.share.0"]);
    expect(() => parseSharingPolicy({})).toThrow(/Invalid sharing policy/);
    expect(JSON.stringify(sharingPolicyJsonSchema())).toContain("visibility");
  });

  it("compiles a policy once into a frozen plain value; a spread copy checks as the original", () => {
    expect(Object.isFrozen(team)).toBe(true);
    expect(team.definition).toEqual(teamPolicy);
    expect(Object.isFrozen(team.definition.managers)).toBe(true);
    expect(Object.isFrozen(teamPolicy.managers)).toBe(false);
    const lead = makeLead({ owner: "u-bruno" });
    expect(sharingRolesOf(lead, "u-marta", { ...team })).toEqual(sharingRolesOf(lead, "u-marta", team));
    const bad = safeCompileSharingPolicy({ ...teamPolicy, managers: [""] });
    expect(bad.ok ? [] : bad.issues.map((i) => i.path.join("."))).toEqual(["managers.0"]);
    expect(() => compileSharingPolicy({ ...teamPolicy, managers: [""] })).toThrow(
      expect.objectContaining({ code: "invalid_definition" }),
    );
  });

  it("answers a plain or JSON policy with an issue naming compileSharingPolicy, never a TypeError", () => {
    const lead = makeLead();
    for (const plain of [teamPolicy, JSON.parse(JSON.stringify(team)), null] as never[]) {
      const result = shareLead(lead, { actor: "u-ana", now: NOW, userId: "u-bruno", policy: plain });
      expect(result.ok || result.issues).toEqual([
        expect.objectContaining({ code: "invalid_type", path: ["policy"] }),
      ]);
      expect(() => canPerformOnLead(lead, "u-ana", "share", plain)).toThrow(/compileSharingPolicy\(\)/);
    }
  });
});

describe("leadVisibility", () => {
  it("puts an active lead in its holder's personal list, hidden from teammates", () => {
    expect(leadVisibility(makeLead(), "u-ana", team)).toBe("personal");
    expect(leadVisibility(makeLead(), "u-bruno", team)).toBeNull();
    expect(leadVisibility(makeLead(), "u-marta", team)).toBe("team");
  });

  it("shows leads shared with a user in their shared list", () => {
    const lead = makeLead({ collaborators: [{ userId: "u-bruno", access: "view" }] });
    expect(leadVisibility(lead, "u-bruno", team)).toBe("shared_with_me");
  });

  it("lists passive leads where the policy says", () => {
    const passive = makeLead({ owner: "u-bruno" });
    expect(leadVisibility(passive, "u-bruno", team)).toBe("team");
    expect(leadVisibility(passive, "u-carmen", team)).toBe("team");
    expect(leadVisibility(passive, "u-zoe", team)).toBeNull();
    const personal = compileSharingPolicy({
      ...teamPolicy,
      visibility: { passive: "personal", pool: "team" },
    });
    expect(leadVisibility(passive, "u-bruno", personal)).toBe("personal");
    expect(leadVisibility(passive, "u-carmen", personal)).toBeNull();
    const open = compileSharingPolicy({ ...teamPolicy, visibility: { passive: "public", pool: "public" } });
    expect(leadVisibility(passive, "u-zoe", open)).toBe("public");
    expect(leadVisibility(makePoolLead(), "u-zoe", open)).toBe("public");
  });

  it("shows pool leads to team members only, unless the pool is public", () => {
    expect(leadVisibility(makePoolLead(), "u-carmen", team)).toBe("team");
    expect(leadVisibility(makePoolLead(), "u-zoe", team)).toBeNull();
    expect(leadVisibility(makePoolLead(), "u-zoe", compileSharingPolicy(DEFAULT_SHARING_POLICY))).toBe(
      "team",
    );
  });
});

describe("ownership options are checked before anything else", () => {
  const lead = makeLead();
  const pool = makePoolLead();
  const operations = [
    ["claim", (o: Record<string, unknown>) => claimLead(pool, o as never)],
    ["release", (o: Record<string, unknown>) => releaseLead(lead, o as never)],
    ["share", (o: Record<string, unknown>) => shareLead(lead, { userId: "u-bruno", ...o } as never)],
    ["unshare", (o: Record<string, unknown>) => unshareLead(lead, { userId: "u-bruno", ...o } as never)],
    ["transfer", (o: Record<string, unknown>) => transferLead(lead, { to: "u-bruno", ...o } as never)],
    ["refer", (o: Record<string, unknown>) => referLead(lead, { to: "u-bruno", ...o } as never)],
  ] as const;

  it.each(operations)("%s refuses an Invalid Date, a string date, and a missing or blank actor", (_, run) => {
    const invalidNow = run({ actor: "u-ana", now: new Date(Number.NaN), policy: team });
    expect(invalidNow.ok || invalidNow.issues).toEqual([
      expect.objectContaining({ code: "invalid_type", path: ["now"] }),
    ]);
    const stringNow = run({ actor: "u-ana", now: "2026-03-10T09:00:00Z", policy: team });
    expect(stringNow.ok || stringNow.issues[0]?.message).toMatch(/must be a valid Date; got the string/);
    for (const actor of [undefined, "", "   ", 42, { toString: 1 }]) {
      const result = run({ actor, now: NOW, policy: team });
      expect(result.ok || result.issues[0]?.path).toEqual(["actor"]);
    }
    expect(run(null as never).ok).toBe(false);
  });

  it("never writes a null time into the audit or the lead", () => {
    const result = shareLead(lead, {
      actor: "u-ana",
      now: new Date("nope"),
      userId: "u-bruno",
      policy: team,
    });
    expect(result.ok).toBe(false);
  });

  it("checks the user ids, access and reason each operation takes", () => {
    expect(codes(transferLead(lead, { actor: "u-ana", now: NOW, to: "" } as never))).toEqual(["too_small"]);
    expect(codes(shareLead(lead, { actor: "u-ana", now: NOW, userId: 7 } as never))).toEqual([
      "invalid_type",
    ]);
    expect(
      codes(shareLead(lead, { actor: "u-ana", now: NOW, userId: "u-bruno", access: "admin" } as never)),
    ).toEqual(["invalid_value"]);
    expect(codes(releaseLead(lead, { actor: "u-ana", now: NOW, pool: "" }))).toEqual(["too_small"]);
    expect(codes(claimLead(pool, { actor: "u-ana", now: NOW, reason: 42 } as never))).toEqual([
      "invalid_type",
    ]);
  });
});
