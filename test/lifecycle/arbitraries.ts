import fc from "fast-check";
import { LEAD_STAGES } from "../../src/index.js";
import { DEFAULT_LIFECYCLE_EVENTS, type LifecycleEvidence } from "../../src/lifecycle/index.js";
import { at } from "./fixtures.js";

export interface Step {
  readonly type: (typeof DEFAULT_LIFECYCLE_EVENTS)[number];
  readonly reason: string | undefined;
  readonly evidence: readonly LifecycleEvidence[];
  readonly automatic: boolean;
}

const evidence: fc.Arbitrary<LifecycleEvidence> = fc.oneof(
  fc.constant<LifecycleEvidence>({ kind: "interest", signal: "form_submit", at: at(0) }),
  fc.constant<LifecycleEvidence>({ kind: "purchase_request", request: "demo_request", at: at(0) }),
  fc
    .constantFrom("qualified", "disqualified", "needs_information" as const)
    .map(
      (verdict): LifecycleEvidence => ({ kind: "qualification", frameworkId: "bant", verdict, at: at(0) }),
    ),
);

export const stepArb: fc.Arbitrary<Step> = fc.record({
  type: fc.constantFrom(...DEFAULT_LIFECYCLE_EVENTS),
  reason: fc.option(fc.constantFrom("price", "not ICP", " "), { nil: undefined }),
  evidence: fc.array(evidence, { maxLength: 2 }),
  automatic: fc.boolean(),
});

export const stageArb = fc.constantFrom(...LEAD_STAGES);

export const eventOf = (step: Step) => ({
  type: step.type,
  evidence: step.evidence,
  ...(step.reason === undefined ? {} : { reason: step.reason }),
});
