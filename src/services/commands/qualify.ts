import { err, ok, type Result } from "../../internal/index.js";
import { transition } from "../../lifecycle/index.js";
import type { LeadStage } from "../../model/index.js";
import {
  type CompiledFramework,
  evaluateQualification,
  safeCompileFramework,
} from "../../qualification/index.js";
import type { QualifyCommand, QualifyOutcome } from "../lead-service.js";
import { mutateLead } from "../mutate-lead.js";
import { guardPure, type ServiceContext } from "../service-context.js";
import { validateCommand } from "../validate-command.js";

/** The guard a lifecycle event declares when a passing qualification is what lets it fire. */
const qualificationGuard = "has_passing_qualification";

/**
 * The event a qualified lead in this stage fires, read from the lifecycle definition: the
 * configured `qualifyEvent` when it fires from the stage, else the first event declared from the
 * stage with the `has_passing_qualification` guard; `undefined` when no event qualifies from it.
 */
export function qualifyingEvent(context: ServiceContext, stage: LeadStage): string | undefined {
  const events = context.lifecycle.definition.events;
  const fires = (name: string) =>
    Object.hasOwn(events, name) &&
    (events[name]?.from as readonly string[] | undefined)?.includes(stage) === true;
  if (context.qualifyEvent !== undefined)
    return fires(context.qualifyEvent) ? context.qualifyEvent : undefined;
  return context.lifecycle.events.find(
    (name) => fires(name) && events[name]?.guards?.includes(qualificationGuard),
  );
}

/** Qualifies a lead against a framework; a qualified lead fires the lifecycle's qualifying event. */
export function qualify(context: ServiceContext) {
  // Frameworks this service compiled, by object: a built-in one (BANT…) is compiled once per
  // service. The memo belongs to the service, so nothing is shared between services or modules.
  const compiled = new WeakMap<object, CompiledFramework>();
  return async (input: QualifyCommand): Promise<Result<QualifyOutcome>> => {
    const valid = validateCommand("qualify", input);
    if (!valid.ok) return valid;
    const command = valid.value;
    const framework = frameworkOf(compiled, (input as { readonly framework: object }).framework);
    if (!framework.ok) return framework;
    return mutateLead<Omit<QualifyOutcome, "lead">>(context, command, "qualify", "work", (lead, now) => {
      const evaluated = guardPure("Qualification", () =>
        evaluateQualification(framework.value, command.evidence, {
          ...command.options,
          now,
          contact: lead.contact,
        }),
      );
      if (!evaluated.ok) return evaluated;
      const qualification = evaluated.value;
      const event = qualification.verdict === "qualified" ? qualifyingEvent(context, lead.stage) : undefined;
      if (event === undefined)
        return ok({
          lead,
          audit: { action: "qualify" },
          events: () => [],
          value: { qualification, moved: false, effects: [] },
        });
      const moved = guardPure("The lifecycle", () =>
        transition(
          context.lifecycle,
          lead,
          { type: event, evidence: [qualification.evidence] },
          { now, actor: command.actor },
        ),
      );
      if (!moved.ok) return moved;
      const { from, to, effects } = moved.value;
      return ok({
        lead: moved.value.lead,
        audit: {
          action: "qualify",
          details: { framework: qualification.frameworkId, verdict: qualification.verdict, event, from, to },
        },
        events: () => [{ type: "lead.stage_changed", payload: { from, to, event } }],
        value: { qualification, moved: true, effects },
      });
    });
  };
}

/** The command's framework, compiled (once per framework object: frameworks are data, not edited in place). */
function frameworkOf(
  compiled: WeakMap<object, CompiledFramework>,
  original: object,
): Result<CompiledFramework> {
  const known = compiled.get(original);
  if (known !== undefined) return ok(known);
  const parsed = safeCompileFramework(original);
  if (!parsed.ok) return err(parsed.issues.map((i) => ({ ...i, path: ["framework", ...i.path] })));
  compiled.set(original, parsed.value);
  return parsed;
}
