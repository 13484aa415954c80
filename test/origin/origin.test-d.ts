import { describe, expectTypeOf, it } from "vitest";
import type { Result } from "../../src/internal/index.js";
import type { AuditEntry, CaptureFacts, Lead } from "../../src/model/index.js";
import {
  type CompiledOriginRules,
  type CompiledSharingPolicy,
  canSeeLead,
  classifyOrigin,
  compileOriginRules,
  compileSharingPolicy,
  DEFAULT_ORIGIN_RULES,
  DEFAULT_SHARING_POLICY,
  type DistributionResult,
  distributeLeads,
  isTeamMember,
  type LeadList,
  leadVisibility,
  type OriginKind,
  type OriginResult,
  type OriginRuleTable,
  originForUser,
  type SharingPolicy,
  safeClassifyOrigin,
  safeCompileSharingPolicy,
  shareLead,
  type UserLeadOrigin,
} from "../../src/origin/index.js";

declare const lead: Lead;
declare const facts: CaptureFacts;
const originRules = compileOriginRules(DEFAULT_ORIGIN_RULES);

describe("origin types", () => {
  it("classification returns a readonly origin with an active/passive kind", () => {
    const origin = classifyOrigin(originRules, facts, { userId: "u-ana" });
    expectTypeOf(origin).toEqualTypeOf<OriginResult>();
    expectTypeOf(origin.kind).toEqualTypeOf<OriginKind>();
    expectTypeOf(origin.kind).toEqualTypeOf<"active" | "passive">();
    // @ts-expect-error results are readonly
    origin.kind = "active";
    // @ts-expect-error unknown relations are rejected at compile time
    classifyOrigin(originRules, facts, { relation: "boss" });
    expectTypeOf(safeClassifyOrigin).returns.toEqualTypeOf<Result<OriginResult>>();
  });

  it("a rule table is checked at compile time", () => {
    expectTypeOf(compileOriginRules(DEFAULT_ORIGIN_RULES)).toEqualTypeOf<CompiledOriginRules>();
    const table: OriginRuleTable = {
      rules: [{ id: "d", origin: { kind: "passive", subKind: "x", label: { en: "X", es: "X" } } }],
    };
    expectTypeOf(table.rules).toExtend<readonly unknown[]>();
    compileOriginRules({
      rules: [
        {
          id: "d",
          // @ts-expect-error channels come from the vocabulary
          when: { channel: ["fax"] },
          origin: { kind: "passive", subKind: "x", label: { en: "X", es: "X" } },
        },
      ],
    });
  });

  it("a spread copy of compiled rules is compiled rules; a bare table is not", () => {
    classifyOrigin({ ...originRules }, facts);
    originForUser({ ...originRules }, lead, "u-ana");
    // @ts-expect-error a rule table must be compiled first
    classifyOrigin(DEFAULT_ORIGIN_RULES, facts);
    // @ts-expect-error a copy of a table is still a table
    classifyOrigin({ ...DEFAULT_ORIGIN_RULES }, facts);
  });

  it("originForUser adds the relation", () => {
    const origin = originForUser(originRules, lead, "u-ana");
    expectTypeOf(origin).toEqualTypeOf<UserLeadOrigin>();
    expectTypeOf(origin.relation).toEqualTypeOf<
      "generator" | "owner" | "collaborator" | "pool" | "unrelated" | "unknown"
    >();
  });

  it("ownership operations return the lead and an audit entry, or issues", () => {
    const result = shareLead(lead, { actor: "u-ana", now: new Date(), userId: "u-bruno" });
    if (result.ok) {
      expectTypeOf(result.value.lead).toEqualTypeOf<Lead>();
      expectTypeOf(result.value.audit).toEqualTypeOf<AuditEntry>();
    }
    // @ts-expect-error access is edit or view
    shareLead(lead, { actor: "u-ana", now: new Date(), userId: "u-bruno", access: "admin" });
    // @ts-expect-error now is required: time is a parameter
    shareLead(lead, { actor: "u-ana", userId: "u-bruno" });
    expectTypeOf(leadVisibility).returns.toEqualTypeOf<LeadList | null>();
  });

  it("a sharing policy is compiled once: a spread copy is a compiled policy, a plain policy is not", () => {
    const policy = compileSharingPolicy({ ...DEFAULT_SHARING_POLICY, managers: ["u-marta"] });
    expectTypeOf(policy).toEqualTypeOf<CompiledSharingPolicy>();
    expectTypeOf(policy.definition).toEqualTypeOf<SharingPolicy>();
    expectTypeOf(safeCompileSharingPolicy({})).toEqualTypeOf<Result<CompiledSharingPolicy>>();
    const copy = { ...policy };
    canSeeLead(lead, "u-ana", copy);
    leadVisibility(lead, "u-ana", copy);
    shareLead(lead, { actor: "u-ana", now: new Date(), userId: "u-bruno", policy: copy });
    // @ts-expect-error a plain policy must be compiled first
    canSeeLead(lead, "u-ana", DEFAULT_SHARING_POLICY);
    // @ts-expect-error a copy of a plain policy is still a plain policy
    isTeamMember({ ...DEFAULT_SHARING_POLICY, members: ["u-ana"] }, "u-ana");
    // @ts-expect-error the ownership operations take the compiled policy too
    shareLead(lead, { actor: "u-ana", now: new Date(), userId: "u-bruno", policy: DEFAULT_SHARING_POLICY });
    // To change the policy, compile the changed definition.
    compileSharingPolicy({ ...policy.definition, managers: [] });
  });

  it("distribution takes anything with an id and a known strategy", () => {
    expectTypeOf(
      distributeLeads([lead], { strategy: "least_loaded", members: [] }),
    ).toEqualTypeOf<DistributionResult>();
    // @ts-expect-error unknown strategy
    distributeLeads([{ id: "l1" }], { strategy: "random", members: [] });
  });
});
