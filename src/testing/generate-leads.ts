import type {
  CaptureFacts,
  CompanySizeBand,
  Consent,
  DoNotContact,
  HistoryEntry,
  Interaction,
  InterestLevel,
  Lead,
  LeadStage,
  ProgressStatus,
} from "../model/index.js";
import { createRandom, deriveSeed, type Random } from "./random.js";

/**
 * Options for {@link generateLeads} and {@link generateLeadStream}.
 *
 * @example
 * ```ts
 * import { computeFunnel } from "leadkit/metrics";
 * import { type GenerateLeadsOptions, generateLeads } from "leadkit/testing";
 *
 * // A realistic first quarter for a demo dashboard; the same seed gives the same leads.
 * const options: GenerateLeadsOptions = { seed: 1, count: 500, from: new Date("2026-01-01"), to: new Date("2026-04-01") };
 * computeFunnel(generateLeads(options)).total.won;
 * ```
 * @category Testing
 */
export interface GenerateLeadsOptions {
  /** Seed: the same options always give the same leads. */
  readonly seed: number;
  /** How many leads. */
  readonly count: number;
  /** Earliest creation time (default 2026-01-01). */
  readonly from?: Date;
  /** Latest creation time, exclusive (default 2026-07-01). */
  readonly to?: Date;
  /** The present: nothing happens after it, so recent leads are still open (default `to`). */
  readonly now?: Date;
  /** Seller ids (default {@link DEFAULT_SELLERS}). */
  readonly users?: readonly string[];
  /** Team of each seller (default: the first half "team-iberia", the rest "team-latam"). */
  readonly teams?: Readonly<Record<string, string>>;
  /** Index of the first lead, to generate one partition of a larger stream (default 0). */
  readonly startIndex?: number;
}

/**
 * The five sellers of the default synthetic team.
 *
 * @example
 * ```ts
 * import { DEFAULT_SELLERS } from "leadkit/testing";
 *
 * DEFAULT_SELLERS[0]; // "u-ana"
 * ```
 * @category Testing
 */
export const DEFAULT_SELLERS = ["u-ana", "u-bruno", "u-carmen", "u-diego", "u-elena"] as const;

const day = 86_400_000;
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

const givenNames = [
  "Ana",
  "Bruno",
  "Carmen",
  "Diego",
  "Elena",
  "Fernando",
  "Gloria",
  "Hugo",
  "Irene",
  "Javier",
  "Lucía",
  "Manuel",
  "Nuria",
  "Óscar",
  "Paula",
  "Raúl",
  "Sara",
  "Tomás",
  "Valeria",
  "Alex",
  "Emma",
  "James",
  "Olivia",
  "Liam",
  "Sophie",
  "Lukas",
  "Marie",
  "Camila",
  "Mateo",
  "Sofía",
];
const familyNames = [
  "García",
  "Martínez",
  "López",
  "Sánchez",
  "Pérez",
  "Gómez",
  "Fernández",
  "Ruiz",
  "Díaz",
  "Moreno",
  "Álvarez",
  "Romero",
  "Navarro",
  "Torres",
  "Smith",
  "Johnson",
  "Brown",
  "Müller",
  "Schmidt",
  "Dubois",
  "Martin",
  "Rossi",
  "Silva",
  "Rodríguez",
  "Castro",
];
const freeMail = ["gmail.com", "hotmail.com", "outlook.com", "yahoo.es", "icloud.com"];

const industries = [
  ["software", 0.45],
  ["finance", 0.3],
  ["manufacturing", 0.1],
  ["logistics", 0],
  ["healthcare", 0],
  ["retail", -0.2],
  ["education", -0.35],
  ["hospitality", -0.45],
] as const;
const sizeEffect: Record<CompanySizeBand, number> = {
  "1-10": -0.6,
  "11-50": -0.1,
  "51-200": 0.3,
  "201-500": 0.45,
  "501-1000": 0.2,
  "1001-5000": 0,
  "5001+": -0.2,
};
const countries = [
  ["ES", 0.35, 0.2, "34"],
  ["MX", 0.15, 0.1, "52"],
  ["AR", 0.08, -0.1, "54"],
  ["CO", 0.08, -0.1, "57"],
  ["US", 0.12, 0, "1"],
  ["GB", 0.08, -0.1, "44"],
  ["DE", 0.07, -0.15, "49"],
  ["FR", 0.07, -0.15, "33"],
] as const;
const titles = [
  ["CEO", 0.5],
  ["CTO", 0.5],
  ["Head of Sales", 0.4],
  ["Marketing Director", 0.4],
  ["Operations Manager", 0.2],
  ["IT Manager", 0.2],
  ["Analyst", 0],
  ["Consultant", 0],
  ["Assistant", -0.4],
  ["Intern", -0.6],
] as const;

const weightedCountries = countries.map((c) => [c, c[1]] as const);
const interestTypes: ReadonlySet<string> = new Set([
  "form_submit",
  "content_download",
  "webinar_registered",
  "webinar_attended",
  "newsletter_subscribe",
  "social_follow",
]);

type SourceName =
  | "outbound"
  | "organic_search"
  | "social"
  | "email_campaign"
  | "paid_ads"
  | "referral"
  | "event";
const sources: readonly (readonly [SourceName, number])[] = [
  ["outbound", 0.15],
  ["organic_search", 0.22],
  ["social", 0.14],
  ["email_campaign", 0.14],
  ["paid_ads", 0.14],
  ["referral", 0.1],
  ["event", 0.11],
];
const sourceEffect: Record<SourceName, [effect: number, medium: string]> = {
  outbound: [0.35, "direct"],
  organic_search: [0.1, "organic"],
  social: [-0.45, "social"],
  email_campaign: [0.3, "email"],
  paid_ads: [0.05, "cpc"],
  referral: [0.9, "referral"],
  event: [0.2, "offline"],
};

interface Company {
  readonly name: string;
  readonly domain: string;
  readonly industry: string;
  readonly effect: number;
  readonly size: CompanySizeBand;
}

/** The seed's 80 companies: computed once per stream, so no state outlives a call. */
function companiesFor(seed: number, slugs: Map<string, string>): readonly Company[] {
  const random = createRandom(deriveSeed(seed, -1));
  const stems = [
    "Acme",
    "Nimbus",
    "Orbita",
    "Solara",
    "Vértice",
    "Kappa",
    "Lumen",
    "Norte",
    "Brisa",
    "Cobalto",
    "Delta",
    "Ergo",
    "Faro",
    "Granito",
    "Helix",
    "Iris",
    "Jade",
    "Koru",
    "Lince",
    "Mistral",
  ];
  const suffixes = [
    "Labs",
    "Group",
    "Systems",
    "Logistics",
    "Retail",
    "Health",
    "Capital",
    "Foods",
    "Studio",
  ];
  const companies: Company[] = [];
  for (const stem of stems) {
    for (const suffix of suffixes.slice(0, 4)) {
      const [industry, effect] = random.pick(industries);
      const size = random.pick(Object.keys(sizeEffect) as CompanySizeBand[]);
      const name = `${stem} ${random.pick(suffixes) === suffix ? suffix : random.pick(suffixes)}`;
      companies.push({
        name,
        domain: `${slug(name, slugs)}.example`,
        industry,
        effect: effect + sizeEffect[size],
        size,
      });
    }
  }
  return companies;
}

/** `text` as a lower-case ASCII slug, remembered in the stream's own `slugs` (names repeat a lot). */
function slug(text: string, slugs: Map<string, string>): string {
  const cached = slugs.get(text);
  if (cached !== undefined) return cached;
  const result = text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  if (slugs.size < 10_000) slugs.set(text, result);
  return result;
}

function botName(random: Random): string {
  const consonants = "bcdfghjklmnpqrstvwxz";
  let name = "";
  for (let i = random.int(6, 11); i > 0; i--) name += consonants[random.int(0, consonants.length - 1)];
  return name;
}

/**
 * Generates realistic synthetic leads lazily, one at a time, in constant memory — for tests,
 * examples and 1 M-lead benchmarks.
 *
 * @remarks
 * Each lead is drawn from its own seeded stream (seed, index), so any partition `startIndex..`
 * reproduces the same leads as the whole. Leads have firmographics, capture facts consistent with
 * their source (active captures by a seller, passive ones from forms, campaigns, referrals and
 * shares), interactions over time, and a lifecycle history with realistic outcomes: a hidden
 * propensity built from source, industry, company size, seniority, country and personal email
 * drives engagement and each step of the funnel (show_interest, qualify, request_purchase, win;
 * or lose, disqualify, nurture). About 2 % are bots with unpronounceable names that never advance.
 * Nothing happens after `now`, so recent leads are still open.
 *
 * @param options - See {@link GenerateLeadsOptions}.
 * @returns A generator of valid {@link Lead}s (they pass `parseLead`).
 * @example
 * ```ts
 * import { generateLeadStream } from "leadkit/testing";
 *
 * let won = 0;
 * for (const lead of generateLeadStream({ seed: 1, count: 1_000_000 })) if (lead.stage === "customer") won++;
 * ```
 * @category Testing
 */
export function* generateLeadStream(options: GenerateLeadsOptions): Generator<Lead, void, undefined> {
  const from = (options.from ?? new Date("2026-01-01T00:00:00Z")).getTime();
  const to = (options.to ?? new Date("2026-07-01T00:00:00Z")).getTime();
  const now = (options.now ?? new Date(to)).getTime();
  const users = options.users ?? DEFAULT_SELLERS;
  if (users.length === 0) throw new RangeError("generateLeadStream needs at least one user");
  const teams =
    options.teams ??
    Object.fromEntries(
      users.map((u, i) => [u, i < Math.ceil(users.length / 2) ? "team-iberia" : "team-latam"]),
    );
  const slugs = new Map<string, string>();
  const companies = companiesFor(options.seed, slugs);
  const start = options.startIndex ?? 0;
  for (let index = start; index < start + options.count; index++) {
    yield generateOne(options.seed, index, { from, to, now, users, teams, companies, slugs });
  }
}

/**
 * Generates realistic synthetic leads as an array (see {@link generateLeadStream} for what they hold).
 *
 * @param options - See {@link GenerateLeadsOptions}.
 * @returns `options.count` valid leads, the same for the same options.
 * @example
 * ```ts
 * import { generateLeads } from "leadkit/testing";
 *
 * const leads = generateLeads({ seed: 42, count: 200 });
 * leads.filter((l) => l.stage === "customer").length; // some of them won
 * ```
 * @category Testing
 */
export function generateLeads(options: GenerateLeadsOptions): Lead[] {
  return [...generateLeadStream(options)];
}

interface Context {
  readonly from: number;
  readonly to: number;
  readonly now: number;
  readonly users: readonly string[];
  readonly teams: Readonly<Record<string, string>>;
  readonly companies: readonly Company[];
  /** Slugs already made in this stream. */
  readonly slugs: Map<string, string>;
}

function generateOne(seed: number, index: number, ctx: Context): Lead {
  const random = createRandom(deriveSeed(seed, index));
  const id = `lead-${seed}-${index}`;
  const created = Math.floor(ctx.from + random.next() * (ctx.to - ctx.from));
  const isBot = random.chance(0.02);
  const company = random.pick(ctx.companies);
  const [country, , countryEffect, callingCode] = random.weighted(weightedCountries);
  const [jobTitle, titleEffect] = random.pick(titles);
  const given = random.pick(givenNames);
  const family = random.pick(familyNames);
  const personal = isBot || random.chance(0.25);
  const email = personal
    ? `${slug(isBot ? botName(random) : `${given}${random.int(1, 99)}`, ctx.slugs)}@${random.pick(freeMail)}`
    : `${slug(given, ctx.slugs)}.${slug(family, ctx.slugs)}@${company.domain}`;
  const phone = random.chance(0.7)
    ? `+${callingCode} ${random.int(600, 999)} ${random.int(100, 999)} ${random.int(100, 999)}`
    : undefined;
  const source = random.weighted(sources);
  const [effect, medium] = sourceEffect[source];
  const propensity =
    -1.7 +
    effect +
    company.effect +
    titleEffect +
    countryEffect +
    (personal ? -0.35 : 0) +
    random.normal(0, 0.6);
  const quality = sigmoid(propensity);

  const seller = random.pick(ctx.users);
  const { capture, generatedBy } = captureFor(source, seller, ctx.users, random);
  const interactions: Interaction[] = [];
  let interactionCount = 0;
  const addInteraction = (interaction: Omit<Interaction, "id">): void => {
    interactions.push({ ...interaction, id: `${id}-i${interactionCount++}` } as Interaction);
  };
  if (capture.channel === "form" || capture.channel === "self_signup") {
    addInteraction({
      type: "form_submit",
      at: new Date(created),
      initiator: { kind: "contact" },
      channel: "web",
      capturePoint: capture.capturePoint ?? { managedBy: "company" },
    } as Omit<Interaction, "id">);
  }

  // Engagement grows with the hidden quality; clicks and pricing visits more so than opens.
  const horizon = Math.min(ctx.now, created + 75 * day);
  const engagement = isBot ? random.int(0, 1) : random.int(0, 2) + Math.round(quality * 12 * random.next());
  for (let n = 0; n < engagement && horizon > created; n++) {
    const at = new Date(created + Math.floor(random.next() * (horizon - created)));
    const type = random.weighted<Interaction["type"]>([
      ["email_open", 3],
      ["email_click", 0.6 + 3 * quality],
      ["page_view", 2.5],
      ["content_download", 0.8 + quality],
      ["webinar_registered", 0.5],
      ["webinar_attended", 0.2 + quality],
      ["newsletter_subscribe", 0.6],
      ["social_like", 0.8],
      ["social_comment", 0.3],
      ["social_share", 0.2 + quality / 2],
      ["social_link_click", 0.5],
      ["social_follow", 0.4],
      ["call", 0.4 + quality],
      ["meeting_held", 0.1 + quality],
      ["message", 0.5],
      ["email_bounce", 0.05],
    ]);
    const initiator =
      type === "call" || type === "meeting_held"
        ? { kind: "user" as const, userId: seller }
        : { kind: "contact" as const };
    if (type === "page_view") {
      const pageKind = random.weighted<"product" | "pricing" | "other">([
        ["other", 3],
        ["product", 1 + quality * 2],
        ["pricing", 0.3 + quality * 3],
      ]);
      addInteraction({ type, at, initiator, channel: "web", pageKind } as Omit<Interaction, "id">);
    } else {
      addInteraction({ type, at, initiator } as Omit<Interaction, "id">);
    }
  }

  // The lifecycle, step by step; each step needs its time to have come before `now`.
  const history: HistoryEntry[] = [];
  let stage: LeadStage = "contact";
  let clock = created;
  const move = (to: LeadStage, event: string, afterDays: number, actor: string, reason?: string): boolean => {
    const at = clock + Math.floor(afterDays * day);
    if (at > ctx.now) return false;
    history.push({
      from: stage,
      to,
      event,
      at: new Date(at),
      actor,
      ...(reason === undefined ? {} : { reason }),
    });
    stage = to;
    clock = at;
    return true;
  };
  const owner = seller;
  const interest = interactions
    .filter((i) => interestTypes.has(i.type))
    .reduce<Interaction | undefined>(
      (first, i) => (first === undefined || i.at < first.at ? i : first),
      undefined,
    );
  const interestAt =
    interest?.at.getTime() ??
    (random.chance(0.6 + quality / 2) ? created + random.int(1, 10) * day : undefined);
  if (!isBot && interestAt !== undefined && interestAt <= ctx.now) {
    clock = interestAt;
    move("lead", "show_interest", 0, interest === undefined ? owner : "automation");
    if (random.chance(sigmoid(propensity + 1.5))) {
      if (move("prospect", "qualify", random.int(2, 20), owner, "BANT 3 of 4")) {
        if (random.chance(sigmoid(propensity + 1.3))) {
          const requestAt = clock + random.int(3, 25) * day;
          if (requestAt <= ctx.now) {
            addInteraction({
              type: random.pick(["demo_request", "pricing_request", "contact_sales_request"] as const),
              at: new Date(requestAt),
              initiator: { kind: "contact" },
            } as Omit<Interaction, "id">);
          }
          if (move("potential_client", "request_purchase", (requestAt - clock) / day, owner)) {
            if (random.chance(sigmoid(propensity + 1.8))) move("customer", "win", random.int(5, 45), owner);
            else
              move(
                "lost",
                "lose",
                random.int(5, 45),
                owner,
                random.pick(["price", "competitor", "no decision", "timing"]),
              );
          }
        } else {
          move(
            "lost",
            "lose",
            random.int(10, 60),
            owner,
            random.pick(["no budget", "no decision", "competitor"]),
          );
        }
      }
    } else if (random.chance(0.5)) {
      move(
        "disqualified",
        "disqualify",
        random.int(3, 30),
        owner,
        random.pick(["not ICP", "no need", "student", "duplicate"]),
      );
    } else {
      move("nurturing", "nurture", random.int(10, 40), owner, "not ready yet");
    }
  }
  interactions.sort((a, b) => a.at.getTime() - b.at.getTime());

  const consents: Consent[] = [];
  const doNotContact: DoNotContact[] = [];
  for (const i of interactions) {
    if (i.type === "newsletter_subscribe")
      consents.push({
        purpose: "newsletter",
        status: "granted",
        at: i.at,
        source: "newsletter form",
        basis: "consent",
        channel: "email",
        proof: { form: "newsletter" },
      });
    if (i.type === "form_submit")
      consents.push({
        purpose: "sales_contact",
        status: "granted",
        at: i.at,
        source: i.capturePoint.id ?? "form",
        basis: "consent",
        channel: "any",
        proof: { form: i.capturePoint.id ?? "form" },
      });
    if (i.type === "email_bounce") doNotContact.push({ channel: "email", reason: "bounced", at: i.at });
  }
  let last = Math.max(clock, created);
  for (const i of interactions) if (i.at.getTime() <= ctx.now && i.at.getTime() > last) last = i.at.getTime();
  const inPool = generatedBy === null && (stage === "contact" || stage === "lead") && random.chance(0.15);
  const hasPurchaseRequest = interactions.some(
    (i) => i.type === "demo_request" || i.type === "pricing_request" || i.type === "contact_sales_request",
  );
  const interestLevel: InterestLevel = hasPurchaseRequest
    ? "high"
    : engagement > 5
      ? "medium"
      : engagement > 0
        ? "low"
        : "unknown";
  const reachedProspect = history.some((h) => h.to === "prospect");
  const tags = [
    ...(interactions.some((i) => i.type === "webinar_attended") ? ["webinar"] : []),
    ...(interactions.some((i) => i.type === "content_download") ? ["ebook"] : []),
    ...(source === "event" ? ["trade-fair"] : []),
    ...(quality > 0.6 && !isBot ? ["vip"] : []),
  ];

  return {
    id,
    ...(capture.channel === "form" || capture.channel === "self_signup"
      ? { externalId: `sub-${seed}-${index}` }
      : {}),
    contact: {
      kind: "prospect",
      entity: "person",
      name: isBot ? botName(random) : `${given} ${family}`,
      jobTitle,
      company: company.name,
      website: `https://www.${company.domain}`,
      email,
      ...(phone === undefined ? {} : { phone }),
      industry: company.industry,
      companySize: company.size,
      country,
      language: ["ES", "MX", "AR", "CO"].includes(country) ? "es" : "en",
      humanConfirmed:
        !isBot &&
        (history.length > 1 || interactions.some((i) => i.type === "call" || i.type === "meeting_held")),
      attributes: isBot ? { bot_suspect: true } : {},
      consents,
      doNotContact,
    },
    stage,
    owner: inPool ? null : owner,
    generatedBy,
    team: ctx.teams[owner] ?? "team-default",
    ...(inPool ? { pool: "inbound" } : {}),
    collaborators:
      capture.referredBy !== undefined ? [{ userId: capture.referredBy, access: "view" as const }] : [],
    capture,
    source,
    medium,
    ...(source === "email_campaign" || source === "paid_ads"
      ? { campaign: `${source}-${new Date(created).getUTCMonth() + 1}` }
      : {}),
    interestLevel,
    progressStatus: progressFor(stage),
    tags,
    notes: [],
    interactions,
    history,
    scores: {},
    ...(reachedProspect
      ? { expectedRevenue: Math.round((2000 + quality * 40000) * (1 + random.next())) }
      : {}),
    mergedFrom: [],
    createdAt: new Date(created),
    updatedAt: new Date(last),
    version: 1 + history.length,
  };
}

function captureFor(
  source: SourceName,
  seller: string,
  users: readonly string[],
  random: Random,
): { capture: CaptureFacts; generatedBy: string | null } {
  const self = { kind: "user" as const, userId: seller };
  switch (source) {
    case "outbound":
      return {
        capture: {
          channel: random.pick(["call", "meeting", "manual_entry", "message"] as const),
          initiator: self,
        },
        generatedBy: seller,
      };
    case "event":
      return { capture: { channel: "event", initiator: self }, generatedBy: seller };
    case "paid_ads":
    case "social":
      if (random.chance(0.3)) {
        return {
          capture: {
            channel: "form",
            initiator: { kind: "contact" },
            capturePoint: { id: `lp-${seller}`, managedBy: "user", managerId: seller },
          },
          generatedBy: seller,
        };
      }
      return {
        capture: {
          channel: source === "social" ? "self_signup" : "form",
          initiator: { kind: "contact" },
          capturePoint: { id: "website", managedBy: "company" },
        },
        generatedBy: null,
      };
    case "organic_search":
      return {
        capture: {
          channel: "form",
          initiator: { kind: "contact" },
          capturePoint: { id: "website", managedBy: "company" },
        },
        generatedBy: null,
      };
    case "email_campaign":
      return {
        capture: {
          channel: "campaign",
          initiator: { kind: "automation" },
          capturePoint: { id: "newsletter", managedBy: "campaign" },
        },
        generatedBy: null,
      };
    case "referral": {
      const others = users.filter((u) => u !== seller);
      if (others.length > 0 && random.chance(0.5)) {
        const colleague = random.pick(others);
        return {
          capture: {
            channel: "share",
            initiator: { kind: "user", userId: colleague },
            referredBy: colleague,
          },
          generatedBy: colleague,
        };
      }
      return { capture: { channel: "referral", initiator: { kind: "contact" } }, generatedBy: null };
    }
  }
}

function progressFor(stage: LeadStage): ProgressStatus {
  switch (stage) {
    case "contact":
      return "not_contacted";
    case "lead":
      return "attempting_contact";
    case "prospect":
    case "potential_client":
      return "in_conversation";
    case "nurturing":
      return "awaiting_response";
    default:
      return "closed";
  }
}
