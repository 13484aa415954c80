import * as z from "zod";
import { type DeepReadonly, type Result, safeParseWith, unwrapOrThrow } from "../internal/index.js";
import type { Lead } from "../model/index.js";
import { buildPlan, type Plan, sharingPlanOf } from "./compiled-sharing-policy.js";
import type { OriginKind } from "./vocabulary.js";

/**
 * The operations that change who holds or sees a lead.
 *
 * @example
 * ```ts
 * import { OWNERSHIP_OPERATIONS } from "leadkit/origin";
 *
 * OWNERSHIP_OPERATIONS.includes("claim"); // true
 * ```
 * @category Origin
 */
export const OWNERSHIP_OPERATIONS = ["share", "unshare", "transfer", "refer", "claim", "release"] as const;

/**
 * One of {@link OWNERSHIP_OPERATIONS}.
 *
 * @example
 * ```ts
 * import type { OwnershipOperation } from "leadkit/origin";
 *
 * const operation: OwnershipOperation = "transfer";
 * ```
 * @category Origin
 */
export type OwnershipOperation = (typeof OWNERSHIP_OPERATIONS)[number];

/**
 * The roles a user can hold toward a lead, which a {@link SharingPolicy} grants operations to:
 * its owner, its generator, a collaborator with edit or view access, a team manager, any team
 * member, or an integration (an actor that is not a person: a webhook, an importer, a scheduler).
 *
 * @example
 * ```ts
 * import { SHARING_ROLES } from "leadkit/origin";
 *
 * SHARING_ROLES; // ["owner", "generator", "editor", "viewer", "manager", "member", "integration"]
 * ```
 * @category Origin
 */
export const SHARING_ROLES = [
  "owner",
  "generator",
  "editor",
  "viewer",
  "manager",
  "member",
  "integration",
] as const;

/**
 * One of {@link SHARING_ROLES}.
 *
 * @example
 * ```ts
 * import type { SharingRole } from "leadkit/origin";
 *
 * const role: SharingRole = "manager";
 * ```
 * @category Origin
 */
export type SharingRole = (typeof SHARING_ROLES)[number];

/**
 * The lists a lead can appear in for a user (docs/origin.md): their personal prospecting list, the leads
 * shared with them, the team's shared list, or the public pool.
 *
 * @example
 * ```ts
 * import { LEAD_LISTS } from "leadkit/origin";
 *
 * LEAD_LISTS; // ["personal", "shared_with_me", "team", "public"]
 * ```
 * @category Origin
 */
export const LEAD_LISTS = ["personal", "shared_with_me", "team", "public"] as const;

/**
 * One of {@link LEAD_LISTS}.
 *
 * @example
 * ```ts
 * import type { LeadList } from "leadkit/origin";
 *
 * const list: LeadList = "team";
 * ```
 * @category Origin
 */
export type LeadList = (typeof LEAD_LISTS)[number];

/**
 * The roles that may work a lead (record interactions, move it, qualify it, re-score it, merge it)
 * when a policy's `work` list is left out: its owner, an editing collaborator, a manager.
 *
 * @example
 * ```ts
 * import { DEFAULT_WORK_ROLES } from "leadkit/origin";
 *
 * DEFAULT_WORK_ROLES; // ["owner", "editor", "manager"]
 * ```
 * @category Origin
 */
export const DEFAULT_WORK_ROLES: readonly SharingRole[] = ["owner", "editor", "manager"];

/**
 * The roles that may capture a lead on behalf of another user (crediting or assigning it to
 * them) when a policy's `captureOnBehalf` is left out: managers and integrations.
 *
 * @example
 * ```ts
 * import { DEFAULT_CAPTURE_ON_BEHALF } from "leadkit/origin";
 *
 * DEFAULT_CAPTURE_ON_BEHALF; // ["manager", "integration"]
 * ```
 * @category Origin
 */
export const DEFAULT_CAPTURE_ON_BEHALF: readonly ("manager" | "member" | "integration")[] = [
  "manager",
  "integration",
];

/**
 * The rights over a contact's personal data (GDPR): `erase` it for good (`LeadService.eraseContact`,
 * retention sweeps) and `export` all of it (`LeadService.exportContactData`).
 *
 * @example
 * ```ts
 * import { PERSONAL_DATA_RIGHTS } from "leadkit/origin";
 *
 * PERSONAL_DATA_RIGHTS.includes("erase"); // true
 * ```
 * @category Origin
 */
export const PERSONAL_DATA_RIGHTS = ["erase", "export"] as const;

/**
 * One of {@link PERSONAL_DATA_RIGHTS}.
 *
 * @example
 * ```ts
 * import type { PersonalDataRight } from "leadkit/origin";
 *
 * const right: PersonalDataRight = "export";
 * ```
 * @category Origin
 */
export type PersonalDataRight = (typeof PERSONAL_DATA_RIGHTS)[number];

/**
 * The roles granted each {@link PersonalDataRight} when a policy's `erase` or `export` list is left
 * out. Erasure is irreversible and answers a legal request, so only managers and integrations (the
 * job that runs a retention policy) may erase; a lead's owner may also export what they already
 * see, to answer an access request.
 *
 * @example
 * ```ts
 * import { DEFAULT_PERSONAL_DATA_ROLES } from "leadkit/origin";
 *
 * DEFAULT_PERSONAL_DATA_ROLES.erase; // ["manager", "integration"]
 * ```
 * @category Origin
 */
export const DEFAULT_PERSONAL_DATA_ROLES: Readonly<Record<PersonalDataRight, readonly SharingRole[]>> = {
  erase: ["manager", "integration"],
  export: ["owner", "manager", "integration"],
};

const userId = z.string().min(1).max(200);
const roles = z.array(z.enum(SHARING_ROLES)).max(SHARING_ROLES.length);
const rights = z.strictObject({
  share: roles,
  unshare: roles,
  transfer: roles,
  refer: roles,
  claim: roles,
  release: roles,
  work: roles.optional(),
  erase: roles.optional(),
  export: roles.optional(),
});

/**
 * A team's sharing policy as data: who may share, transfer, refer, claim or release active and
 * passive leads, and where passive and pool leads are listed.
 *
 * @example
 * ```ts
 * import { DEFAULT_SHARING_POLICY, sharingPolicySchema } from "leadkit/origin";
 *
 * const policy = sharingPolicySchema.parse({ ...DEFAULT_SHARING_POLICY, managers: ["u-marta"] });
 * ```
 * @category Origin
 */
export const sharingPolicySchema = z.strictObject({
  $schema: z.string().optional(),
  managers: z.array(userId).max(10_000),
  members: z.array(userId).max(100_000).optional(),
  integrations: z.array(userId).max(1_000).optional(),
  captureOnBehalf: z
    .array(z.enum(["manager", "member", "integration"]))
    .max(3)
    .optional(),
  hiddenLeads: z.enum(["conceal", "reveal"]).optional(),
  active: rights,
  passive: rights,
  visibility: z.strictObject({
    passive: z.enum(["personal", "team", "public"]),
    pool: z.enum(["team", "public"]),
  }),
});

/**
 * A team's sharing policy (see {@link sharingPolicySchema}).
 *
 * @remarks
 * `managers` hold the `manager` role; `members` lists the team (targets must be members, and
 * `member` means one of them); leave it out to accept any user id. `integrations` lists actors
 * that are not people (webhooks, importers, schedulers): they hold the `integration` role, see and
 * work every lead, and capture leads for the team. `active` applies to a lead held by the user who
 * generated it, `passive` to any other (see {@link leadOwnershipKind}); each lists the roles
 * granted every ownership operation, and `work` the roles that may work the lead — record
 * interactions, move, qualify, re-score and merge it ({@link DEFAULT_WORK_ROLES} when left out);
 * `erase` and `export` the roles that may erase or export the contact's personal data
 * ({@link DEFAULT_PERSONAL_DATA_ROLES} when left out).
 * `visibility.passive` says where passive leads are listed — the owner's personal list, the team's
 * shared list or the public list — and `visibility.pool` where unowned leads are.
 *
 * `captureOnBehalf` lists who may capture a lead credited to, or owned by, another user
 * ({@link DEFAULT_CAPTURE_ON_BEHALF} when left out); everyone else's captures must name
 * themselves. `hiddenLeads` says what a user learns about a lead they may not see: `"conceal"`
 * (the default) answers as if it did not exist wherever it can, and never names it; `"reveal"`
 * tells them it exists — `get` answers `forbidden` instead of `not_found`, and a capture that
 * duplicates it gets its id and the keys that matched (but none of its data), so they can ask its
 * owner to share it. See {@link canSeeLead} and {@link captureAccessIssues}.
 *
 * @example
 * ```ts
 * import { DEFAULT_SHARING_POLICY, type SharingPolicy } from "leadkit/origin";
 *
 * const strict: SharingPolicy = { ...DEFAULT_SHARING_POLICY, passive: { ...DEFAULT_SHARING_POLICY.passive, claim: [] } };
 * ```
 * @category Origin
 */
export type SharingPolicy = DeepReadonly<z.output<typeof sharingPolicySchema>>;

/**
 * The default policy (docs/origin.md): an active lead belongs to its generator, who alone — or a team
 * manager — may share, transfer, refer or release it; a passive lead may also be shared and referred
 * by collaborators with edit access, and claimed from the pool by any member. Owners, editing
 * collaborators and managers work leads. Passive leads are listed in the team's shared list and
 * pool leads in the team list. The actor `"system"` is an integration; managers and integrations
 * capture on behalf of others; hidden leads are concealed.
 *
 * @example
 * ```ts
 * import { DEFAULT_SHARING_POLICY, type SharingPolicy } from "leadkit/origin";
 *
 * const policy: SharingPolicy = { ...DEFAULT_SHARING_POLICY, managers: ["u-marta"], members: ["u-ana", "u-bruno"] };
 * ```
 * @category Origin
 */
export const DEFAULT_SHARING_POLICY: SharingPolicy = {
  managers: [],
  integrations: ["system"],
  active: {
    share: ["owner", "manager"],
    unshare: ["owner", "manager"],
    transfer: ["owner", "manager"],
    refer: ["owner", "manager"],
    claim: ["member", "manager"],
    release: ["owner", "manager"],
  },
  passive: {
    share: ["owner", "editor", "manager"],
    unshare: ["owner", "manager"],
    transfer: ["owner", "manager"],
    refer: ["owner", "editor", "manager"],
    claim: ["member", "manager"],
    release: ["owner", "manager"],
  },
  visibility: { passive: "team", pool: "team" },
};

declare const opaque: unique symbol;

/**
 * The prepared part of a {@link CompiledSharingPolicy}: opaque, read only by leadkit's access
 * checks and ownership operations. It is an ordinary property, so a spread copy of a compiled
 * policy keeps it.
 *
 * @example
 * ```ts
 * import { compileSharingPolicy, DEFAULT_SHARING_POLICY, isTeamMember } from "leadkit/origin";
 *
 * const policy = compileSharingPolicy({ ...DEFAULT_SHARING_POLICY, managers: ["u-marta"] });
 * const copy = { ...policy }; // checks access as `policy` does: the plan decides
 * isTeamMember(copy, "u-marta"); // true
 * ```
 * @category Origin
 */
export interface SharingPlan {
  /** Brands the type; there is no such property at run time. */
  readonly [opaque]: true;
}

/**
 * A sharing policy validated and prepared by `compileSharingPolicy`: what every access check
 * (`canSeeLead`, `canWorkLead`, `leadVisibility`, …), every ownership operation (`options.policy`)
 * and the service (`config.policy`) take. Compile once per team. A frozen plain object: the
 * validated policy (`definition`) and its prepared lookups (`plan`: managers, members and
 * integrations as sets, so a check costs the same with 10 or 100,000 members). A spread copy
 * checks as the original; to change the policy, compile again:
 * `compileSharingPolicy({ ...policy.definition, managers: ["u-marta"] })`.
 *
 * @example
 * ```ts
 * import { canSeeLead, type CompiledSharingPolicy, compileSharingPolicy, DEFAULT_SHARING_POLICY } from "leadkit/origin";
 *
 * const policy: CompiledSharingPolicy = compileSharingPolicy(DEFAULT_SHARING_POLICY);
 * canSeeLead(lead, "u-ana", policy);
 * ```
 * @category Origin
 */
export interface CompiledSharingPolicy {
  /** The validated policy, as data (frozen). */
  readonly definition: SharingPolicy;
  /** What the checks read. */
  readonly plan: SharingPlan;
}

/** Prepares a policy known to be valid (see `buildPlan`). */
export function buildSharingPolicy(definition: SharingPolicy): CompiledSharingPolicy {
  return Object.freeze({ definition, plan: buildPlan(definition) as unknown as SharingPlan });
}

/** The plan of a compiled policy, typed; throws `invalid_input` for anything else. */
export const planOf = (policy: CompiledSharingPolicy): Plan<SharingPolicy> => sharingPlanOf(policy);

/**
 * Validates any value as a sharing policy; never throws.
 *
 * @param input - Any value, typically parsed JSON.
 * @returns The policy or issues with paths.
 * @example
 * ```ts
 * import { DEFAULT_SHARING_POLICY, safeParseSharingPolicy } from "leadkit/origin";
 *
 * safeParseSharingPolicy({ ...DEFAULT_SHARING_POLICY, managers: [""] }).ok; // false
 * ```
 * @category Origin
 */
export function safeParseSharingPolicy(input: unknown): Result<SharingPolicy> {
  return safeParseWith(sharingPolicySchema, input) as Result<SharingPolicy>;
}

/**
 * Validates any value as a sharing policy, throwing on a bad one.
 *
 * @param input - Any value, typically parsed JSON.
 * @returns The policy.
 * @throws `LeadKitError` with code `invalid_input` and every issue, like every `parse*` twin.
 * @example
 * ```ts
 * import { parseSharingPolicy } from "leadkit/origin";
 *
 * declare const json: string; // a policy file's contents
 * const policy = parseSharingPolicy(JSON.parse(json));
 * ```
 * @category Origin
 */
export function parseSharingPolicy(input: unknown): SharingPolicy {
  return unwrapOrThrow(safeParseSharingPolicy(input), "sharing policy");
}

/**
 * The JSON Schema of a sharing policy.
 *
 * @returns A JSON Schema (draft 2020-12) object.
 * @example
 * ```ts
 * import { writeFileSync } from "node:fs";
 * import { sharingPolicyJsonSchema } from "leadkit/origin";
 *
 * writeFileSync("sharing-policy.schema.json", JSON.stringify(sharingPolicyJsonSchema()));
 * ```
 * @category Origin
 */
export function sharingPolicyJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(sharingPolicySchema) as Record<string, unknown>;
}

/**
 * Tells whether a lead is, for sharing purposes, active — held by the user who generated it — or
 * passive (held by someone else, or sitting in a pool).
 *
 * @param lead - The lead.
 * @returns `active` when `owner` is `generatedBy`, else `passive`.
 * @example
 * ```ts
 * import { leadOwnershipKind } from "leadkit/origin";
 *
 * leadOwnershipKind({ ...lead, owner: "u-ana", generatedBy: "u-ana" }); // "active"
 * ```
 * @category Origin
 */
export function leadOwnershipKind(lead: Lead): OriginKind {
  return lead.owner !== null && lead.owner === lead.generatedBy ? "active" : "passive";
}

/**
 * Tells whether a user is a member of the policy's team (any user when `members` is left out;
 * managers always are).
 *
 * @param policy - The sharing policy, compiled with `compileSharingPolicy`.
 * @param userId - The user.
 * @returns `true` for a known member or manager.
 * @example
 * ```ts
 * import { compileSharingPolicy, DEFAULT_SHARING_POLICY, isTeamMember } from "leadkit/origin";
 *
 * isTeamMember(compileSharingPolicy({ ...DEFAULT_SHARING_POLICY, members: ["u-ana"] }), "u-zoe"); // false
 * ```
 * @category Origin
 */
export function isTeamMember(policy: CompiledSharingPolicy, userId: string): boolean {
  const plan = planOf(policy);
  return plan.members === null || plan.members.has(userId) || plan.managers.has(userId);
}

/**
 * Tells whether an actor is one of the policy's integrations (see {@link SharingPolicy}).
 *
 * @param policy - The sharing policy, compiled with `compileSharingPolicy`.
 * @param actor - The acting user or system.
 * @returns `true` when `actor` is listed in `integrations`.
 * @example
 * ```ts
 * import { compileSharingPolicy, DEFAULT_SHARING_POLICY, isIntegration } from "leadkit/origin";
 *
 * isIntegration(compileSharingPolicy(DEFAULT_SHARING_POLICY), "system"); // true
 * ```
 * @category Origin
 */
export function isIntegration(policy: CompiledSharingPolicy, actor: string): boolean {
  return planOf(policy).integrations.has(actor);
}

/**
 * The roles a user holds toward a lead under a policy.
 *
 * @param lead - The lead.
 * @param userId - The user.
 * @param policy - The sharing policy, compiled with `compileSharingPolicy` (for managers and members).
 * @returns Every role that applies, e.g. `["owner", "generator", "member"]`.
 * @example
 * ```ts
 * import { compileSharingPolicy, DEFAULT_SHARING_POLICY, sharingRolesOf } from "leadkit/origin";
 *
 * sharingRolesOf(lead, "u-bruno", compileSharingPolicy(DEFAULT_SHARING_POLICY)); // ["editor", "member"]
 * ```
 * @category Origin
 */
export function sharingRolesOf(
  lead: Lead,
  userId: string,
  policy: CompiledSharingPolicy,
): readonly SharingRole[] {
  const held: SharingRole[] = [];
  if (lead.owner === userId) held.push("owner");
  if (lead.generatedBy === userId) held.push("generator");
  const collaborator = lead.collaborators.find((c) => c.userId === userId);
  if (collaborator !== undefined) held.push(collaborator.access === "edit" ? "editor" : "viewer");
  if (planOf(policy).managers.has(userId)) held.push("manager");
  if (isTeamMember(policy, userId)) held.push("member");
  if (isIntegration(policy, userId)) held.push("integration");
  return held;
}

/**
 * Tells whether a policy lets a user perform an ownership operation on a lead, by the lead's
 * ownership kind and the user's roles. It does not check the operation's other preconditions
 * (closed lead, pool membership…), which the operations report.
 *
 * @param lead - The lead.
 * @param userId - The acting user.
 * @param operation - What they want to do.
 * @param policy - The sharing policy, compiled with `compileSharingPolicy`.
 * @returns `true` when one of the user's roles is granted the operation.
 * @example
 * ```ts
 * import { canPerformOnLead, compileSharingPolicy, DEFAULT_SHARING_POLICY } from "leadkit/origin";
 *
 * declare const activeLeadOfAna: import("leadkit").Lead;
 * canPerformOnLead(activeLeadOfAna, "u-bruno", "transfer", compileSharingPolicy(DEFAULT_SHARING_POLICY)); // false
 * ```
 * @category Origin
 */
export function canPerformOnLead(
  lead: Lead,
  userId: string,
  operation: OwnershipOperation,
  policy: CompiledSharingPolicy,
): boolean {
  const granted = planOf(policy).policy[leadOwnershipKind(lead)][operation];
  return sharingRolesOf(lead, userId, policy).some((role) => granted.includes(role));
}
