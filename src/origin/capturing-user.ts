import type { CaptureFacts } from "../model/index.js";

/**
 * The user a capture credits, from whose point of view its origin is classified by default and who
 * becomes `generatedBy` of an active lead: the initiator when a user initiated the capture, else the
 * manager of a user-managed capture point (a seller's own landing page), else nobody.
 *
 * @param facts - How the lead was captured.
 * @returns The capturing user's id, or `undefined`.
 * @example
 * ```ts
 * import { capturingUser } from "leadkit/origin";
 *
 * capturingUser({ channel: "form", initiator: { kind: "contact" }, capturePoint: { managedBy: "user", managerId: "u-ana" } }); // "u-ana"
 * ```
 * @category Origin
 */
export function capturingUser(facts: CaptureFacts): string | undefined {
  if (facts.initiator.kind === "user") return facts.initiator.userId;
  return facts.capturePoint?.managedBy === "user" ? facts.capturePoint.managerId : undefined;
}
