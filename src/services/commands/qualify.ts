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
  // Frameworks this service compiled, by object, with the JSON text they were compiled from: a
  // built-in one (BANT…) is compiled once per service, and an object changed since is compiled
  // again (comparing the text costs a few microseconds; compiling, a hundred). The memo belongs to
  // the service, so nothing is shared between services or modules.
  const compiled = new WeakMap<object, CompiledFrom>();
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

/** A framework compiled by this service, and the JSON text of the object it was compiled from. */
interface CompiledFrom {
  readonly text: string;
  readonly framework: CompiledFramework;
}

/**
 * The command's framework, compiled. The same object is compiled once while its content stays the
 * same; an object edited in place since (a rule, a criterion) is compiled afresh, never answered
 * from the memo.
 */
function frameworkOf(compiled: WeakMap<object, CompiledFrom>, original: object): Result<CompiledFramework> {
  const text = jsonText(original);
  const known = compiled.get(original);
  if (known !== undefined && text !== undefined && known.text === text) return ok(known.framework);
  const parsed = safeCompileFramework(original);
  if (!parsed.ok) return err(parsed.issues.map((i) => ({ ...i, path: ["framework", ...i.path] })));
  if (text !== undefined) compiled.set(original, { text, framework: parsed.value });
  return parsed;
}

/** The value as JSON text, or `undefined` when it has none (a cycle, a bigint): then it is not memoised. */
function jsonText(value: object): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}
