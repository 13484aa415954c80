// Production-like inputs, shared by every bench file.
//
// `generateLeadStream` (leadkit/testing) makes leads with a realistic structure — capture facts that
// fit the source, interactions over time, a lifecycle history with realistic outcomes — but over
// small vocabularies: 10 job titles, 80 companies picked uniformly, 7 sources, 4 tags, 5 sellers.
// Every memo keyed by such a value hits in a benchmark and misses in production, and every `now`
// fixed for a whole run hits a memo no real caller does. This module keeps the generator's leads
// and redraws those fields the way a CRM's data is spread:
//
// - Job titles: a catalogue of JOB_TITLES.length (8,332) distinct titles — English and Spanish,
//   C-level, heads, directors, managers, analysts, interns, with seniority and regional variants —
//   drawn by a Zipf law (exponent TITLE_ZIPF = 0.8): the commonest title ("Owner") is about 4 % of
//   leads, and a batch of 4,096 leads carries about 2,000 distinct titles (1,000 leads: about 670).
//   8 % of leads have none.
// - Companies: COMPANIES.length (400) companies, each with one domain, industry and size, drawn by a
//   Zipf law (exponent COMPANY_ZIPF = 1): the largest account holds about 15 % of company emails and
//   the top 20 about half, so company domains are shared by many leads. 25 % of emails are personal
//   (free-mail) addresses, as in the generator.
// - Sources: the generator's seven channels for 80 % of leads (their skew kept), and for the rest a
//   long tail of CUSTOM_SOURCES.length custom sources ("partner:…", "webinar-…", "g2"…) by a Zipf law.
// - Tags: 0–6 per lead (40 % none), from TAGS.length tags by a Zipf law, plus the generator's own.
// - Sellers: SELLERS.length sellers in three teams, instead of five in two.
// - Time: `createAdvancingClock` gives a later `now` on every call (a jittered 1–997 ms step, the
//   pace of a busy service), wrapping after one day so a long run does not drift out of the data's
//   time range; no two consecutive calls share a `now`, and any memo of "the last now" misses.
//
// Everything is seeded: the same options give the same leads on every machine. `describeInputs`
// measures a batch (distinct titles, the top domain's share…), and the bench files print it.
import type { Lead } from "leadkit";
import { generateLeadStream } from "leadkit/testing";
import { createRandom, deriveSeed, type Random } from "../src/testing/random.js";

/** A seeded Zipf sampler over ranks 0 … n − 1: P(rank k) ∝ 1 / (k + 1)^s. */
export function zipf(n: number, s: number): (random: Random) => number {
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let k = 0; k < n; k++) {
    total += 1 / (k + 1) ** s;
    cumulative[k] = total;
  }
  return (random) => {
    const target = random.next() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulative[mid] as number) < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** Deterministic shuffle (Fisher–Yates with a seeded source). */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = createRandom(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

// ——— job titles ———

const FUNCTIONS = [
  "Sales",
  "Marketing",
  "IT",
  "Finance",
  "Operations",
  "Engineering",
  "Product",
  "Procurement",
  "HR",
  "Customer Success",
  "Data",
  "Security",
  "Legal",
  "Logistics",
  "Supply Chain",
  "Business Development",
  "Partnerships",
  "Growth",
  "Brand",
  "Content",
  "Demand Generation",
  "Revenue Operations",
  "Infrastructure",
  "Quality",
  "Facilities",
  "Accounting",
  "Compliance",
  "Analytics",
  "Design",
  "Support",
  "E-commerce",
  "Digital",
  "Training",
  "Research",
  "Purchasing",
  "Innovation",
] as const;
const NOUNS = [
  "Manager",
  "Analyst",
  "Specialist",
  "Coordinator",
  "Engineer",
  "Consultant",
  "Associate",
  "Representative",
  "Administrator",
  "Executive",
  "Officer",
  "Assistant",
  "Intern",
  "Lead",
  "Architect",
  "Planner",
  "Buyer",
  "Advisor",
  "Strategist",
  "Developer",
] as const;
const LEVELS = ["", "Senior ", "Junior ", "Lead ", "Principal ", "Associate ", "Sr. ", "Global "] as const;
const REGIONS = ["EMEA", "Iberia", "LATAM", "Spain", "Mexico", "DACH", "Europe", "North America"] as const;
const FUNCIONES = [
  "Ventas",
  "Marketing",
  "Sistemas",
  "Finanzas",
  "Operaciones",
  "Compras",
  "Recursos Humanos",
  "Producto",
  "Logística",
  "Calidad",
  "Administración",
  "Tecnología",
  "Innovación",
  "Expansión",
  "Clientes",
  "Datos",
  "Seguridad",
  "Proyectos",
  "Comunicación",
  "Mantenimiento",
] as const;
const CARGOS = [
  "Director de",
  "Directora de",
  "Jefe de",
  "Jefa de",
  "Responsable de",
  "Gerente de",
  "Técnico de",
  "Técnica de",
  "Analista de",
  "Consultor de",
  "Coordinadora de",
  "Becario de",
  "Especialista en",
  "Subdirector de",
] as const;
// The head of the distribution: what CRM exports show most often.
const COMMON_TITLES = [
  "Owner",
  "CEO",
  "Manager",
  "Director",
  "Founder",
  "Sales Manager",
  "Marketing Manager",
  "Gerente",
  "President",
  "General Manager",
  "Project Manager",
  "Co-Founder & CEO",
  "Managing Director",
  "CTO",
  "IT Manager",
  "Account Manager",
  "Office Manager",
  "Consultant",
  "Partner",
  "Director General",
  "CFO",
  "Operations Manager",
  "Analyst",
  "Software Engineer",
  "Administrative Assistant",
  "Student",
  "Propietario",
  "Socio fundador",
  "Head of Sales",
  "VP Sales",
] as const;

function buildTitles(): readonly string[] {
  const tail = new Set<string>();
  for (const level of LEVELS)
    for (const fn of FUNCTIONS) for (const noun of NOUNS) tail.add(`${level}${fn} ${noun}`);
  for (const fn of FUNCTIONS) {
    for (const pattern of [
      `Head of ${fn}`,
      `Director of ${fn}`,
      `${fn} Director`,
      `VP of ${fn}`,
      `VP ${fn}`,
      `Vice President, ${fn}`,
      `Chief ${fn} Officer`,
    ]) {
      tail.add(pattern);
      for (const region of REGIONS) tail.add(`${pattern}, ${region}`);
    }
  }
  for (const cargo of CARGOS) for (const funcion of FUNCIONES) tail.add(`${cargo} ${funcion}`);
  for (const t of COMMON_TITLES) tail.delete(t);
  return Object.freeze([...COMMON_TITLES, ...shuffled([...tail], 20_260_701)]);
}

/** Every job title the production-like leads may carry, commonest first (Zipf rank order). */
export const JOB_TITLES: readonly string[] = buildTitles();
/** Zipf exponent of job titles. */
export const TITLE_ZIPF = 0.8;
const titleRank = zipf(JOB_TITLES.length, TITLE_ZIPF);

/** Draws a job title (or none, for 8 % of leads). */
export function drawJobTitle(random: Random): string | undefined {
  return random.chance(0.08) ? undefined : JOB_TITLES[titleRank(random)];
}

// ——— companies ———

/** A company of the production-like population. */
export interface Company {
  readonly name: string;
  readonly domain: string;
  readonly industry: string;
  readonly companySize: "1-10" | "11-50" | "51-200" | "201-500" | "501-1000" | "1001-5000" | "5001+";
}

const STEMS = [
  "Acme",
  "Nimbus",
  "Orbita",
  "Solara",
  "Vertice",
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
  "Nube",
  "Onda",
  "Prisma",
  "Quanta",
  "Roble",
  "Sierra",
  "Tauro",
  "Umbral",
  "Vega",
  "Zenit",
  "Atlas",
  "Boreal",
  "Cima",
  "Duna",
  "Estela",
  "Fenix",
  "Gaia",
  "Halo",
  "Indigo",
  "Jupiter",
] as const;
const SUFFIXES = [
  "Labs",
  "Group",
  "Systems",
  "Logistics",
  "Retail",
  "Health",
  "Capital",
  "Foods",
  "Studio",
  "Energy",
] as const;
const INDUSTRIES = [
  "software",
  "finance",
  "manufacturing",
  "logistics",
  "healthcare",
  "retail",
  "education",
  "hospitality",
] as const;
const SIZES = ["1-10", "11-50", "51-200", "201-500", "501-1000", "1001-5000", "5001+"] as const;

function buildCompanies(): readonly Company[] {
  const random = createRandom(4_242);
  const all: Company[] = [];
  for (const stem of STEMS)
    for (const suffix of SUFFIXES)
      all.push({
        name: `${stem} ${suffix}`,
        domain: `${stem.toLowerCase()}-${suffix.toLowerCase()}.example`,
        industry: random.pick(INDUSTRIES),
        companySize: random.pick(SIZES),
      });
  return Object.freeze(shuffled(all, 77));
}

/** The companies, largest account first (Zipf rank order). */
export const COMPANIES: readonly Company[] = buildCompanies();
/** Zipf exponent of company accounts. */
export const COMPANY_ZIPF = 1;
const companyRank = zipf(COMPANIES.length, COMPANY_ZIPF);

/** Draws a company account. */
export function drawCompany(random: Random): Company {
  return COMPANIES[companyRank(random)] as Company;
}

const FREE_MAIL = ["gmail.com", "hotmail.com", "outlook.com", "yahoo.es", "icloud.com", "proton.me"] as const;

// ——— sources and tags ———

/** The long tail of custom sources a CRM accumulates, commonest first. */
export const CUSTOM_SOURCES: readonly string[] = Object.freeze([
  "linkedin",
  "newsletter",
  "g2",
  "capterra",
  "chatbot",
  "youtube",
  "podcast",
  "webinar-2026-03",
  "webinar-2026-05",
  "webinar-2026-01",
  "trade-show-madrid",
  "trade-show-mexico",
  "trade-show-barcelona",
  ...Array.from({ length: 24 }, (_, i) => `partner:${STEMS[i]?.toLowerCase()}`),
  ...Array.from({ length: 12 }, (_, i) => `cold-list-${i + 1}`),
  ...Array.from({ length: 10 }, (_, i) => `affiliate-${i + 1}`),
]);
const customSourceRank = zipf(CUSTOM_SOURCES.length, 1.2);

/** Tags, commonest first. */
export const TAGS: readonly string[] = Object.freeze([
  "newsletter",
  "trial",
  "enterprise",
  "smb",
  "priority",
  "partner",
  "spain",
  "mexico",
  "renewal",
  "upsell",
  ...FUNCTIONS.map((f) => `team:${f.toLowerCase().replace(/[^a-z]+/g, "-")}`),
  ...Array.from({ length: 60 }, (_, i) => `campaign-${2025 + Math.floor(i / 12)}-${(i % 12) + 1}`),
  ...Array.from({ length: 80 }, (_, i) => `segment-${i + 1}`),
  ...STEMS.map((s) => `account:${s.toLowerCase()}`),
]);
const tagRank = zipf(TAGS.length, 1.1);

/** Draws a source: the generator's channel (80 %) or a custom one from the long tail. */
export function drawSource(random: Random, generated: string | undefined): string | undefined {
  return random.chance(0.2) ? CUSTOM_SOURCES[customSourceRank(random)] : generated;
}

/** Draws 0–6 tags (40 % none), distinct, added to the generator's own. */
export function drawTags(random: Random, generated: readonly string[]): string[] {
  const roll = random.next();
  const n = roll < 0.4 ? 0 : roll < 0.65 ? 1 : roll < 0.83 ? 2 : roll < 0.93 ? 3 : random.int(4, 6);
  const tags = new Set(generated);
  for (let i = 0; i < n; i++) tags.add(TAGS[tagRank(random)] as string);
  return [...tags];
}

// ——— sellers ———

/** 24 sellers in three teams. */
export const SELLERS: readonly string[] = Object.freeze(Array.from({ length: 24 }, (_, i) => `u-${i + 1}`));
/** The team of each seller. */
const TEAM_NAMES = ["team-iberia", "team-latam", "team-enterprise"] as const;
export const TEAMS: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(SELLERS.map((u, i) => [u, TEAM_NAMES[i % 3] as string])),
);

// ——— leads ———

/** Options of {@link productionLeads}. */
export interface ProductionLeadsOptions {
  /** Seed: the same options give the same leads. */
  readonly seed: number;
  /** How many leads. */
  readonly count: number;
  /** The present for the generator (nothing happens after it); default 2026-07-01. */
  readonly now?: Date;
  /** Earliest creation time (default 2026-01-01). */
  readonly from?: Date;
}

/**
 * Production-like leads, one at a time: the generator's leads with job titles, companies (name,
 * domain, website, industry, size, work email), sources, tags and sellers redrawn as described at
 * the top of this file. Every lead passes `parseLead`.
 */
export function* productionLeadStream(options: ProductionLeadsOptions): Generator<Lead, void, undefined> {
  const now = options.now ?? new Date("2026-07-01T00:00:00Z");
  let index = 0;
  for (const lead of generateLeadStream({
    seed: options.seed,
    count: options.count,
    now,
    to: now,
    ...(options.from === undefined ? {} : { from: options.from }),
    users: SELLERS,
    teams: TEAMS,
  })) {
    const random = createRandom(deriveSeed(options.seed ^ 0x5eed, index++));
    const company = drawCompany(random);
    const jobTitle = drawJobTitle(random);
    const email = lead.contact.email ?? "";
    const local = email.slice(0, email.indexOf("@"));
    const personal = random.chance(0.25);
    const { jobTitle: _drop, ...contact } = lead.contact;
    const source = drawSource(random, lead.source);
    yield {
      ...lead,
      contact: {
        ...contact,
        ...(jobTitle === undefined ? {} : { jobTitle }),
        company: company.name,
        website: `https://www.${company.domain}`,
        email: `${local}@${personal ? random.pick(FREE_MAIL) : company.domain}`,
        industry: company.industry,
        companySize: company.companySize,
      },
      ...(source === undefined ? {} : { source }),
      tags: drawTags(random, lead.tags),
    };
  }
}

/** {@link productionLeadStream} as an array. */
export function productionLeads(options: ProductionLeadsOptions): Lead[] {
  return [...productionLeadStream(options)];
}

/** What a batch of inputs looks like: printed by the bench files, quoted in docs/performance.md. */
export interface InputStats {
  readonly leads: number;
  readonly distinctTitles: number;
  readonly topTitleShare: number;
  readonly distinctDomains: number;
  readonly topDomainShare: number;
  readonly distinctSources: number;
  readonly distinctTags: number;
}

/** Measures a batch of leads. */
export function describeInputs(leads: readonly Lead[]): InputStats {
  const count = <K>(keys: Iterable<K>) => {
    const m = new Map<K, number>();
    for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
    return m;
  };
  const titles = count(leads.flatMap((l) => (l.contact.jobTitle === undefined ? [] : [l.contact.jobTitle])));
  const domains = count(
    leads.flatMap((l) => {
      const domain = l.contact.email?.split("@")[1];
      return domain === undefined || FREE_MAIL.includes(domain as never) ? [] : [domain];
    }),
  );
  const top = (m: Map<unknown, number>) => {
    let sum = 0;
    let max = 0;
    for (const v of m.values()) {
      sum += v;
      max = Math.max(max, v);
    }
    return sum === 0 ? 0 : Number((max / sum).toFixed(3));
  };
  return {
    leads: leads.length,
    distinctTitles: titles.size,
    topTitleShare: top(titles),
    distinctDomains: domains.size,
    topDomainShare: top(domains),
    distinctSources: count(leads.map((l) => l.source ?? "")).size,
    distinctTags: count(leads.flatMap((l) => l.tags)).size,
  };
}

/** One line for a row's notes. */
export function formatInputStats(s: InputStats): string {
  return (
    `${s.leads.toLocaleString("en-US")} production-like leads: ${s.distinctTitles.toLocaleString("en-US")} distinct job titles ` +
    `(top ${(s.topTitleShare * 100).toFixed(1)} %), ${s.distinctDomains} company domains ` +
    `(top ${(s.topDomainShare * 100).toFixed(1)} % of work emails), ${s.distinctSources} sources, ${s.distinctTags} tags`
  );
}

// ——— time ———

/** A clock whose `now()` is later on every call (see the top of this file). */
export interface AdvancingClock {
  /** A new Date, 1–997 ms after the previous one (wrapping after `periodMs`). */
  now(): Date;
  /** The same sequence again, from the start. */
  reset(): void;
}

/** Options of {@link createAdvancingClock}. */
export interface AdvancingClockOptions {
  /** The first `now` (default 2026-07-01T09:00:00Z, a working morning). */
  readonly start?: Date;
  /** After how long the clock wraps back to `start` (default one day). */
  readonly periodMs?: number;
}

/** A clock for the `now` argument of pure functions and the `Clock` port of services. */
export function createAdvancingClock(options: AdvancingClockOptions = {}): AdvancingClock {
  const start = (options.start ?? new Date("2026-07-01T09:00:00Z")).getTime();
  const period = options.periodMs ?? 86_400_000;
  let k = 0;
  let offset = 0;
  return {
    now() {
      k++;
      offset += 1 + ((k * 7_919) % 997);
      if (offset >= period) offset -= period;
      return new Date(start + offset);
    },
    reset() {
      k = 0;
      offset = 0;
    },
  };
}
