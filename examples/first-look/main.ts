// biome-ignore-all format: the README shows this file verbatim, so it stays compact.
import { parseLead } from "leadkit";
import { defaultLifecycle, transition } from "leadkit/lifecycle";
import { classifyOrigin, compileOriginRules, DEFAULT_ORIGIN_RULES } from "leadkit/origin";
import { BANT, compileFramework, evaluateQualification } from "leadkit/qualification";
import { compilePointsModel, DEFAULT_POINTS_MODEL, explainScore } from "leadkit/scoring";

const now = new Date("2026-03-02T10:00:00Z");
// Capture: validate a lead that came in through a form on Ana's own landing page.
const lead = parseLead({
  id: "l1", stage: "lead", owner: "u-ana", generatedBy: "u-ana",
  contact: { kind: "prospect", name: "Lucía Romero", email: "lucia@acme.es", jobTitle: "CTO" },
  capture: { channel: "form", initiator: { kind: "contact" }, capturePoint: { managedBy: "user", managerId: "u-ana" } },
  interactions: [{ id: "i1", type: "email_click", at: "2026-03-01T09:00:00Z", initiator: { kind: "contact" } }],
  createdAt: "2026-03-01T09:00:00Z", updatedAt: "2026-03-01T09:00:00Z",
});
const originRules = compileOriginRules(DEFAULT_ORIGIN_RULES); // compiled once, used for every lead
const origin = classifyOrigin(originRules, lead.capture, { userId: "u-ana" }); // active: "Lead generado por mí"
const bant = evaluateQualification(compileFramework(BANT), [
  { criterionId: "budget", answer: 30_000, source: "conversation" },
  { criterionId: "authority", answer: "CTO", source: "research" },
  { criterionId: "need", answer: "high", source: "conversation" },
], { now, priceRange: { min: 12_000 } }); // BANT: 3 of 4 qualifies
const score = explainScore(compilePointsModel(DEFAULT_POINTS_MODEL), lead, now); // the total and every rule that fired
if (bant.ok && bant.value.verdict === "qualified") {
  const moved = transition(defaultLifecycle, lead, { type: "qualify", evidence: [bant.value.evidence] }, { now, actor: "u-ana" });
  console.log(origin.label.es, "·", score.value, "points ·", moved.ok && moved.value.lead.stage); // … · prospect
}
for (const rule of score.rules) console.log(`  ${rule.points > 0 ? "+" : ""}${rule.points} ${rule.description ?? rule.ruleId}`);
