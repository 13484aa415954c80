import { ok, type Result } from "../../internal/index.js";
import { type Lead, lastActivityAt } from "../../model/index.js";
import { canSeeLead } from "../../origin/index.js";
import type { RetentionProgress, SweepRetentionCommand } from "../lead-service.js";
import { monthsBefore, safeParseRetentionPolicy, sweptStages } from "../retention-policy.js";
import { nowOf, type ServiceContext, unitOfWork } from "../service-context.js";
import { validateCommand } from "../validate-command.js";
import { eraseOne } from "./erase-contact.js";

/** Applies a retention policy page by page (see `LeadService.sweepRetention`). */
export function sweepRetention(context: ServiceContext) {
  return async (input: SweepRetentionCommand): Promise<Result<RetentionProgress>> => {
    const valid = validateCommand("sweepRetention", input);
    if (!valid.ok) return valid;
    const policy = safeParseRetentionPolicy(valid.value.policy);
    if (!policy.ok)
      return { ok: false, issues: policy.issues.map((i) => ({ ...i, path: ["policy", ...i.path] })) };
    const { actor, batchSize = 100, maxLeads = Number.POSITIVE_INFINITY } = valid.value;
    const onProgress = valid.value.onProgress as SweepRetentionCommand["onProgress"];
    const now = nowOf(context);
    const cutoff = monthsBefore(now, policy.value.inactiveMonths);
    const stages = sweptStages(policy.value);
    // Checked again on the lead as read inside its unit of work: it may have moved since the page.
    const idle = (lead: Lead) => stages.includes(lead.stage) && lastActivityAt(lead) < cutoff;
    let progress: RetentionProgress = {
      examined: 0,
      erased: 0,
      alreadyErased: 0,
      skipped: 0,
      cursor: valid.value.after ?? null,
      cutoff,
    };
    let after = valid.value.after;
    if (stages.length === 0) return ok({ ...progress, cursor: null });
    do {
      const page = await context.repositories.leads.query(
        { stage: stages, inactiveSince: cutoff },
        after === undefined ? { limit: batchSize } : { limit: batchSize, after },
      );
      let { examined, erased, alreadyErased, skipped, cursor } = progress;
      for (const lead of page.items) {
        // A lead the actor may not see is passed over unseen: not counted, never named in a cursor,
        // so a sweep tells nothing about leads hidden from whoever runs it.
        if (!canSeeLead(lead, actor, context.policy)) continue;
        examined++;
        cursor = lead.id;
        const done = await unitOfWork(context, (stores) =>
          eraseOne(context, stores, { actor, leadId: lead.id }, "retention", now, idle),
        );
        if (!done.ok) skipped++;
        else if (done.value.alreadyErased) alreadyErased++;
        else erased++;
      }
      after = page.nextCursor ?? undefined;
      progress = {
        examined,
        erased,
        alreadyErased,
        skipped,
        cursor: after === undefined ? null : cursor,
        cutoff,
      };
      await onProgress?.(progress);
    } while (after !== undefined && progress.examined < maxLeads);
    return ok(progress);
  };
}
