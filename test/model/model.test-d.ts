import { describe, expectTypeOf, it } from "vitest";
import type {
  Consent,
  ContactInput,
  Interaction,
  InteractionType,
  LawfulBasis,
  Lead,
  LeadStage,
} from "../../src/model/index.js";

describe("model types", () => {
  it("lead stages are a closed union owned by the model", () => {
    expectTypeOf<Lead["stage"]>().toEqualTypeOf<LeadStage>();
    // @ts-expect-error "won" is not a stage
    const stage: LeadStage = "won";
    void stage;
  });

  it("a consent read always has a lawful basis; one written may leave it out (old records)", () => {
    expectTypeOf<Consent["basis"]>().toEqualTypeOf<LawfulBasis>();
    const old: NonNullable<ContactInput["consents"]>[number] = {
      purpose: "newsletter",
      status: "granted",
      at: "2026-01-05T10:00:00Z",
      source: "form",
    };
    void old;
    // @ts-expect-error "because" is not a lawful basis
    const bad: LawfulBasis = "because";
    void bad;
  });

  it("interaction types are built-in names or custom:<name>, so a typo fails to compile", () => {
    const ok: InteractionType[] = ["email_click", "custom:trial_started"];
    void ok;
    // @ts-expect-error typo of email_click
    const typo: InteractionType = "email_clik";
    void typo;
  });

  it("narrows per-type fields on the type discriminant", () => {
    const read = (i: Interaction) =>
      i.type === "page_view" ? i.pageKind : i.type === "form_submit" ? i.capturePoint.managedBy : null;
    expectTypeOf(read).returns.toEqualTypeOf<
      "product" | "pricing" | "other" | "user" | "company" | "campaign" | "partner" | null
    >();
  });

  it("parsed records are read-only", () => {
    const mutate = (lead: Lead) => {
      // @ts-expect-error leads are read-only
      lead.owner = "someone";
      // @ts-expect-error arrays are read-only too
      lead.tags.push("x");
    };
    void mutate;
  });
});
