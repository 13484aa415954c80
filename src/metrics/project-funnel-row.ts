import {
  describeValue,
  formatIssues,
  type Issue,
  issue,
  LeadKitError,
  unstorableText,
} from "../internal/index.js";
import {
  FUNNEL_STAGES,
  findFirstResponse,
  findTouches,
  LEAD_STAGES,
  type Lead,
  type LeadStage,
} from "../model/index.js";
import { FUNNEL_NO_VALUE, type FunnelOrigin } from "./funnel-aggregate.js";
import type { FunnelOptions } from "./funnel-options.js";

/**
 * One lead as a row of the funnel table: the per-lead facts funnel metrics aggregate, with the
 * column names of the SQL table {@link funnelToSql} reads.
 *
 * @remarks
 * Durations are whole seconds (rounded); money is whole cents. Time in a stage sums every completed
 * stay (history is read in recorded order; a lead still in a stage adds nothing for it). A move
 * dated before the lead's creation or before the move recorded ahead of it (a lead won before it
 * was created: real CRM exports have them) counts its negative gap as 0 and sets `out_of_order`,
 * so summaries report how many leads were clamped. `first_touch` and `last_touch` are the
 * `utmSource` of {@link findTouches}' first and last touch, and `touches` that of each of its
 * touches; `seconds_to_first_response` is the time from creation to {@link findFirstResponse}'s
 * interaction.
 *
 * @example
 * ```ts
 * import { type FunnelRow, projectFunnelRow } from "leadkit/metrics";
 *
 * declare const originOf: (lead: import("leadkit").Lead) => "active" | "passive" | null;
 * const row: FunnelRow = projectFunnelRow(lead, { originOf });
 * row.reached_stage; // 2 → reached "prospect"
 * ```
 * @category Metrics
 */
export interface FunnelRow {
  /** The lead's id. */
  readonly id: string;
  /** Its current stage. */
  readonly stage: LeadStage;
  /** Index in `FUNNEL_STAGES` of the furthest main-path stage it ever reached (0 = contact). */
  readonly reached_stage: number;
  /** It reached `customer`. */
  readonly won: boolean;
  /** It is now `lost` or `disqualified` and never reached `customer`. */
  readonly lost: boolean;
  /** It is now `archived` and never reached `customer`. */
  readonly archived: boolean;
  /** `"active"`, `"passive"` or `null` when unknown. */
  readonly origin: FunnelOrigin | null;
  /** Source / channel, or `null`. */
  readonly source: string | null;
  /** Owning user, or `null` (shared pool). */
  readonly owner: string | null;
  /** User whose own action captured it, or `null`. */
  readonly generated_by: string | null;
  /** The contact's industry, or `null`. */
  readonly industry: string | null;
  /** Interest level. */
  readonly interest_level: string;
  /** Creation time (UTC years 1000–9999). */
  readonly created_at: Date;
  /** A move in its history is dated before its creation or before the move recorded ahead of it. */
  readonly out_of_order: boolean;
  /** Seconds from creation to first reaching `customer`; `null` unless won with a recorded move. */
  readonly seconds_to_close: number | null;
  /** `utm_source` of the first marketing touch (`findTouches`), or `null`. */
  readonly first_touch: string | null;
  /** `utm_source` of the last marketing touch before conversion, or `null`. */
  readonly last_touch: string | null;
  /**
   * `utm_source` of every marketing touch before conversion, oldest first (`null` for a touch
   * without one); empty without touches. The `touch` dimension splits credit over them.
   */
  readonly touches: readonly (string | null)[];
  /** Seconds from capture to the owner's first response (`findFirstResponse`), or `null`. */
  readonly seconds_to_first_response: number | null;
  /** Seconds spent as `contact` over completed stays, or `null`. */
  readonly seconds_in_contact: number | null;
  /** Seconds spent as `lead` over completed stays, or `null`. */
  readonly seconds_in_lead: number | null;
  /** Seconds spent as `prospect` over completed stays, or `null`. */
  readonly seconds_in_prospect: number | null;
  /** Seconds spent as `potential_client` over completed stays, or `null`. */
  readonly seconds_in_potential_client: number | null;
  /** Acquisition cost in cents, or `null` when unknown. */
  readonly cost_cents: number | null;
  /** Expected revenue in cents, or `null`. */
  readonly expected_revenue_cents: number | null;
  /** Expected revenue × probability in cents, or `null` without revenue or probability. */
  readonly weighted_revenue_cents: number | null;
}

/** The touches of every lead without any: one frozen empty list, not an allocation per lead. */
const NO_TOUCHES: readonly (string | null)[] = Object.freeze([]);

const stageIndex: ReadonlyMap<string, number> = new Map(FUNNEL_STAGES.map((s, i) => [s, i]));
const seconds = (from: number, to: number) => Math.max(0, Math.round((to - from) / 1000));

/** Earliest and latest creation time the funnel accepts: four-digit UTC years, as SQL formats them. */
const EARLIEST = Date.UTC(1000, 0, 1);
const LATEST = Date.UTC(10000, 0, 1) - 1;

const isValidDate = (d: unknown): d is Date => d instanceof Date && !Number.isNaN(d.getTime());

function checkText(issues: Issue[], value: unknown, path: (string | number)[], nullable: boolean): void {
  if (value === undefined || (nullable && value === null)) return;
  if (typeof value !== "string") {
    issues.push(
      issue(
        "invalid_type",
        path,
        `Expected ${nullable ? "a string or null" : "a string"}, got ${describeValue(value)}`,
      ),
    );
    return;
  }
  const why = unstorableText(value);
  if (why !== null)
    issues.push(
      issue(
        "unstorable_text",
        path,
        `The text ${why}; the funnel table cannot store it: expected text without U+0000 or lone surrogates`,
      ),
    );
}

function checkAttribution(issues: Issue[], value: unknown, path: (string | number)[]): void {
  if (value === undefined) return;
  if (typeof value !== "object" || value === null) {
    issues.push(issue("invalid_type", path, `Expected an attribution object, got ${describeValue(value)}`));
    return;
  }
  checkText(issues, (value as { utmSource?: unknown }).utmSource, [...path, "utmSource"], false);
}

/**
 * @internal What keeps a lead out of the funnel: a lead that skipped validation (an Invalid Date, a
 * date reloaded from JSON as a string, a NaN revenue), a creation date outside UTC years 1000–9999
 * (the SQL table rejects those too), or text SQL cannot store. Paths start with `path`.
 */
export function funnelLeadIssues(lead: Lead, path: readonly (string | number)[]): Issue[] {
  return looksCountable(lead) ? [] : funnelLeadIssuesPlain(lead, path);
}

const leadStages: ReadonlySet<string> = new Set(LEAD_STAGES);

/**
 * @internal The check every counted lead passes, written to allocate nothing (no path arrays, no
 * closures): `true` only when {@link funnelLeadIssuesPlain} finds nothing; anything it doubts goes
 * there for the issues.
 */
export function looksCountable(lead: Lead): boolean {
  if (typeof lead !== "object" || lead === null) return false;
  const id = lead.id;
  if (typeof id !== "string" || id === "" || !storableText(id)) return false;
  const created = lead.createdAt;
  if (!(created instanceof Date)) return false;
  const time = created.getTime();
  if (!(time >= EARLIEST && time <= LATEST)) return false;
  const history = lead.history;
  if (!Array.isArray(history)) return false;
  for (let j = 0; j < history.length; j++) {
    const move = history[j];
    if (typeof move !== "object" || move === null || !isValidDate(move.at)) return false;
  }
  const interactions = lead.interactions;
  if (!Array.isArray(interactions)) return false;
  for (let j = 0; j < interactions.length; j++) {
    const interaction = interactions[j];
    if (typeof interaction !== "object" || interaction === null || !isValidDate(interaction.at)) return false;
    if (!attributionStorable(interaction.attribution)) return false;
  }
  const capture = lead.capture;
  if (typeof capture === "object" && capture !== null && !attributionStorable(capture.attribution))
    return false;
  if (typeof lead.stage !== "string" || !leadStages.has(lead.stage)) return false;
  if (!storable(lead.source, false) || !storable(lead.owner, true) || !storable(lead.generatedBy, true))
    return false;
  if (!storable(lead.interestLevel, false)) return false;
  const contact = lead.contact;
  if (typeof contact !== "object" || contact === null || !storable(contact.industry, false)) return false;
  const revenue = lead.expectedRevenue;
  return revenue === undefined || (typeof revenue === "number" && Number.isFinite(revenue));
}

// Whether checkAttribution would find nothing wrong with the value.
function attributionStorable(value: unknown): boolean {
  if (value === undefined) return true;
  return (
    typeof value === "object" &&
    value !== null &&
    storable((value as { utmSource?: unknown }).utmSource, false)
  );
}

// Whether checkText would find nothing wrong with the value.
function storable(value: unknown, nullable: boolean): boolean {
  if (value === undefined || (nullable && value === null)) return true;
  return typeof value === "string" && storableText(value);
}

// `unstorableText(value) === null`, without the regex: String.prototype.isWellFormed (Node 20) finds
// lone surrogates natively, several times faster, and this runs for every text of every lead.
function storableText(value: string): boolean {
  return (value as unknown as { isWellFormed(): boolean }).isWellFormed() && !value.includes("\u0000");
}

/**
 * @internal {@link funnelLeadIssues} without the fast path: builds every issue. The two must agree
 * on every value (a property test holds them together).
 */
export function funnelLeadIssuesPlain(lead: Lead, path: readonly (string | number)[]): Issue[] {
  const issues: Issue[] = [];
  const at = (...rest: (string | number)[]) => [...path, ...rest];
  if (typeof lead !== "object" || lead === null) {
    issues.push(issue("invalid_type", at(), `Expected a lead, got ${describeValue(lead)}`));
    return issues;
  }
  if (typeof lead.id !== "string" || lead.id === "")
    issues.push(
      issue("invalid_type", at("id"), `Expected a non-empty string id, got ${describeValue(lead.id)}`),
    );
  else checkText(issues, lead.id, at("id"), false);
  if (!isValidDate(lead.createdAt))
    issues.push(
      issue(
        "invalid_date",
        at("createdAt"),
        `Expected a valid Date, got ${describeValue(lead.createdAt)}; revive stored records before computing metrics`,
      ),
    );
  else if (lead.createdAt.getTime() < EARLIEST || lead.createdAt.getTime() > LATEST)
    issues.push(
      issue(
        "date_out_of_range",
        at("createdAt"),
        `Created ${lead.createdAt.toISOString()}; expected a date in UTC years 1000–9999, which periods and the SQL table can hold`,
      ),
    );
  if (!Array.isArray(lead.history))
    issues.push(
      issue("invalid_type", at("history"), `Expected an array of moves, got ${describeValue(lead.history)}`),
    );
  else
    lead.history.forEach((move, j) => {
      if (typeof move !== "object" || move === null)
        issues.push(issue("invalid_type", at("history", j), `Expected a move, got ${describeValue(move)}`));
      else if (!isValidDate(move.at))
        issues.push(
          issue(
            "invalid_date",
            at("history", j, "at"),
            `Expected a valid Date, got ${describeValue(move.at)}; revive stored records before computing metrics`,
          ),
        );
    });
  if (!Array.isArray(lead.interactions))
    issues.push(
      issue(
        "invalid_type",
        at("interactions"),
        `Expected an array of interactions, got ${describeValue(lead.interactions)}`,
      ),
    );
  else
    lead.interactions.forEach((interaction, j) => {
      if (typeof interaction !== "object" || interaction === null)
        issues.push(
          issue(
            "invalid_type",
            at("interactions", j),
            `Expected an interaction, got ${describeValue(interaction)}`,
          ),
        );
      else {
        if (!isValidDate(interaction.at))
          issues.push(
            issue(
              "invalid_date",
              at("interactions", j, "at"),
              `Expected a valid Date, got ${describeValue(interaction.at)}; revive stored records before computing metrics`,
            ),
          );
        checkAttribution(issues, interaction.attribution, at("interactions", j, "attribution"));
      }
    });
  if (typeof lead.capture === "object" && lead.capture !== null)
    checkAttribution(issues, lead.capture.attribution, at("capture", "attribution"));
  if (typeof lead.stage !== "string")
    issues.push(issue("invalid_type", at("stage"), `Expected a stage, got ${describeValue(lead.stage)}`));
  else if (!leadStages.has(lead.stage))
    issues.push(
      issue(
        "invalid_value",
        at("stage"),
        `Expected one of the lead stages (${LEAD_STAGES.join(", ")}), got ${describeValue(lead.stage)}`,
      ),
    );
  checkText(issues, lead.source, at("source"), false);
  checkText(issues, lead.owner, at("owner"), true);
  checkText(issues, lead.generatedBy, at("generatedBy"), true);
  checkText(issues, lead.interestLevel, at("interestLevel"), false);
  if (typeof lead.contact !== "object" || lead.contact === null)
    issues.push(
      issue("invalid_type", at("contact"), `Expected a contact, got ${describeValue(lead.contact)}`),
    );
  else checkText(issues, lead.contact.industry, at("contact", "industry"), false);
  const revenue = lead.expectedRevenue;
  if (revenue !== undefined && !(typeof revenue === "number" && Number.isFinite(revenue)))
    issues.push(
      issue(
        "invalid_number",
        at("expectedRevenue"),
        `Expected a finite amount, got ${describeValue(revenue)}`,
      ),
    );
  return issues;
}

/**
 * Projects a lead onto the funnel table's row: reached stage, outcome, segments, durations and money.
 *
 * @param lead - The lead; not modified.
 * @param options - Accessors for origin, probability and cost.
 * @returns The row; load such rows into the table {@link funnelToSql} queries.
 * @throws LeadKitError `invalid_input` for a lead that cannot be counted (see
 *   {@link safeComputeFunnelAggregate}'s issues), or when an accessor or cost table gives a
 *   probability outside [0, 1] or a negative or non-finite cost.
 * @example
 * ```ts
 * import { projectFunnelRow } from "leadkit/metrics";
 *
 * const rows = leads.map((lead) => projectFunnelRow(lead, { costs: { organic: 50 } }));
 * ```
 * @category Metrics
 */
export function projectFunnelRow(lead: Lead, options: FunnelOptions = {}): FunnelRow {
  const issues = funnelLeadIssues(lead, []);
  const row = issues.length === 0 ? projectRow(lead, options, null, issues) : null;
  if (row === null)
    throw new LeadKitError("invalid_input", formatIssues("The lead cannot be counted", issues), issues);
  return row;
}

/**
 * @internal The row of a lead {@link funnelLeadIssues} accepted, or `null` after recording why an
 * accessor's answer cannot be counted (at path `[index]`, or `[]` when `index` is `null`).
 */
export function projectRow(
  lead: Lead,
  options: FunnelOptions,
  index: number | null,
  issues: Issue[],
): FunnelRow | null {
  const created = lead.createdAt.getTime();
  let reached = stageIndex.get(lead.stage) ?? 0;
  let closedAt: number | null = null;
  let outOfOrder = false;
  // Seconds in each timed stage over completed stays; -1 for none. Locals, not an array: this runs
  // once per lead and allocates nothing.
  let inContact = -1;
  let inLead = -1;
  let inProspect = -1;
  let inPotential = -1;
  let enteredAt = created;
  for (const move of lead.history) {
    const from = stageIndex.get(move.from);
    const to = stageIndex.get(move.to);
    const at = move.at.getTime();
    if (at < enteredAt) outOfOrder = true;
    if (from !== undefined) {
      if (from > reached) reached = from;
      if (from === 0) inContact = Math.max(inContact, 0) + seconds(enteredAt, at);
      else if (from === 1) inLead = Math.max(inLead, 0) + seconds(enteredAt, at);
      else if (from === 2) inProspect = Math.max(inProspect, 0) + seconds(enteredAt, at);
      else if (from === 3) inPotential = Math.max(inPotential, 0) + seconds(enteredAt, at);
    }
    if (to !== undefined && to > reached) reached = to;
    if (to === 4 && closedAt === null) closedAt = at;
    enteredAt = at;
  }
  const won = reached === 4;
  const { touches, first, last } = findTouches(lead);
  const response = findFirstResponse(lead);
  const origin = options.originOf?.(lead) ?? null;
  const probability = options.probabilityOf?.(lead) ?? null;
  if (probability !== null && !(typeof probability === "number" && probability >= 0 && probability <= 1)) {
    issues.push(
      issue(
        "invalid_probability",
        index === null ? [] : [index],
        `probabilityOf returned ${String(probability)} for lead "${lead.id}"; expected a number in [0, 1] or null`,
      ),
    );
    return null;
  }
  const cost = costOf(lead, options.costs);
  if (cost !== null && !(typeof cost === "number" && Number.isFinite(cost) && cost >= 0)) {
    issues.push(
      issue(
        "invalid_cost",
        index === null ? [] : [index],
        `The cost of lead "${lead.id}" (source ${JSON.stringify(lead.source ?? FUNNEL_NO_VALUE)}) is ${String(cost)}; expected a finite amount ≥ 0 or null`,
      ),
    );
    return null;
  }
  const revenue = lead.expectedRevenue ?? null;
  let sources: readonly (string | null)[] = NO_TOUCHES;
  if (touches.length > 0) {
    const list: (string | null)[] = [];
    for (const touch of touches) list.push(touch.attribution.utmSource ?? null);
    sources = list;
  }
  return {
    id: lead.id,
    stage: lead.stage,
    reached_stage: reached,
    won,
    lost: !won && (lead.stage === "lost" || lead.stage === "disqualified"),
    archived: !won && lead.stage === "archived",
    origin,
    source: lead.source ?? null,
    owner: lead.owner,
    generated_by: lead.generatedBy,
    industry: lead.contact.industry ?? null,
    interest_level: lead.interestLevel,
    created_at: lead.createdAt,
    out_of_order: outOfOrder,
    seconds_to_close: closedAt === null ? null : seconds(created, closedAt),
    first_touch: first?.attribution.utmSource ?? null,
    last_touch: last?.attribution.utmSource ?? null,
    touches: sources,
    seconds_to_first_response: response === null ? null : seconds(created, response.at.getTime()),
    seconds_in_contact: inContact < 0 ? null : inContact,
    seconds_in_lead: inLead < 0 ? null : inLead,
    seconds_in_prospect: inProspect < 0 ? null : inProspect,
    seconds_in_potential_client: inPotential < 0 ? null : inPotential,
    cost_cents: cost === null ? null : Math.round(cost * 100),
    expected_revenue_cents: revenue === null ? null : Math.round(revenue * 100),
    weighted_revenue_cents:
      revenue === null || probability === null ? null : Math.round(revenue * probability * 100),
  };
}

function costOf(lead: Lead, costs: FunnelOptions["costs"]): number | null {
  if (costs === undefined) return null;
  return typeof costs === "function"
    ? costs(lead)
    : Object.hasOwn(costs, lead.source ?? FUNNEL_NO_VALUE)
      ? (costs[lead.source ?? FUNNEL_NO_VALUE] ?? null)
      : null;
}
