import { describe, expectTypeOf, it } from "vitest";
import type { Result } from "../../src/internal/index.js";
import type { AuditEntry, CaptureFacts, Lead } from "../../src/model/index.js";
import {
  classifyOrigin,
  compileOriginRules,
  DEFAULT_ORIGIN_RULES,
  type DistributionResult,
  distributeLeads,
  type LeadList,
  leadVisibility,
  type OriginClassifier,
  type OriginKind,
  type OriginResult,
  type OriginRuleTable,
  originForUser,
  safeClassifyOrigin,
  shareLead,
  type UserLeadOrigin,
} from "../../src/origin/index.js";

declare const lead: Lead;
declare const facts: CaptureFacts;

describe("origin types", () => {
  it("classification returns a readonly origin with an active/passive kind", () => {
    const origin = classifyOrigin(facts, { userId: "u-ana" });
    expectTypeOf(origin).toEqualTypeOf<OriginResult>();
    expectTypeOf(origin.kind).toEqualTypeOf<OriginKind>();
    expectTypeOf(origin.kind).toEqualTypeOf<"active" | "passive">();
    // @ts-expect-error results are readonly
    origin.kind = "active";
    // @ts-expect-error unknown relations are rejected at compile time
    classifyOrigin(facts, { relation: "boss" });
    expectTypeOf(safeClassifyOrigin).returns.toEqualTypeOf<Result<OriginResult>>();
  });

  it("a rule table is checked at compile time", () => {
    expectTypeOf(compileOriginRules(DEFAULT_ORIGIN_RULES)).toEqualTypeOf<OriginClassifier>();
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

  it("originForUser adds the relation", () => {
    const origin = originForUser(lead, "u-ana");
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

  it("distribution takes anything with an id and a known strategy", () => {
    expectTypeOf(
      distributeLeads([lead], { strategy: "least_loaded", members: [] }),
    ).toEqualTypeOf<DistributionResult>();
    // @ts-expect-error unknown strategy
    distributeLeads([{ id: "l1" }], { strategy: "random", members: [] });
  });
});
